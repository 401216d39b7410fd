"""examples/plugin, a third-party plugin package, installed with pip into a fresh virtual
environment next to gaonb-lint (built from this work tree), as a user's installation would be:
its rules are listed, they check reports, and the package's own tests pass there."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES_DIR, package_source_snapshot

pytestmark = pytest.mark.integration  # pip-installs two packages into a fresh venv: a minute

PLUGIN = EXAMPLES_DIR / "plugin"


def _run(cmd, cwd, timeout=600):
    env = {k: v for k, v in os.environ.items()
           if k not in ("GAONB_LINT_LANG", "PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    env["PYTHONIOENCODING"] = "utf-8"
    proc = subprocess.run([str(c) for c in cmd], cwd=cwd, env=env, capture_output=True, timeout=timeout)
    return proc.returncode, proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace")


@pytest.fixture(scope="module")
def venv(tmp_path_factory):
    """(venv bin directory, a copy of the plugin package, a directory outside both)."""
    base = tmp_path_factory.mktemp("plugin")
    source = package_source_snapshot(base / "gaonb-lint")
    plugin = base / "plugin"
    shutil.copytree(PLUGIN, plugin, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info", "build"))
    code, _, err = _run([sys.executable, "-m", "venv", base / "venv"], cwd=base)
    assert code == 0, err
    bin_dir = base / "venv" / "bin"
    code, out, err = _run([bin_dir / "python", "-m", "pip", "install", "--quiet", source, f"{plugin}[test]"], cwd=base)
    assert code == 0, out + err
    outside = base / "reports"
    outside.mkdir()
    for name in ("signed.md", "corrected.md"):
        shutil.copy(PLUGIN / "tests" / "reports" / name, outside / name)
    return bin_dir, plugin, outside


def test_rules_lists_the_plugin(venv):
    bin_dir, _, outside = venv
    code, out, err = _run([bin_dir / "gaonb-lint", "rules", "--format", "json"], cwd=outside)
    assert code == 0 and err == "", err
    rules = {r["code"]: (r["rule"], r["plugin"]) for r in json.loads(out)}
    assert rules["XC101"] == ("signature-line", "county_rules")
    assert rules["XC201"] == ("corrected-cases-explained", "county_rules")
    assert rules["XC301"] == ("county-portal-name", "pack:county-wording")  # the pack the plugin ships
    assert rules["GL302"][1] == "builtin"


def test_check_runs_the_plugin_rules_with_the_builtin_ones(venv):
    bin_dir, _, outside = venv
    code, out, err = _run([bin_dir / "gaonb-lint", "check", "--format", "json", "."], cwd=outside)
    assert err == ""
    doc = json.loads(out)
    found = [(os.path.basename(d["path"]), d["code"]) for d in doc["diagnostics"]]
    assert found == [("corrected.md", "XC201")]  # both reports are otherwise compliant
    assert code == 1
    code, out, _ = _run([bin_dir / "gaonb-lint", "check", "--select", "XC201", "--lang", "en", "corrected.md"],
                        cwd=outside)
    assert "corrected.md:92:7: XC201 [corrected-cases-explained] warning: table 四 shows 1 corrected case(s)" in out


def test_the_plugin_s_own_tests_pass_in_its_installation(venv):
    bin_dir, plugin, _ = venv
    code, out, err = _run([bin_dir / "python", "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"], cwd=plugin)
    assert code == 0, out + err
    assert " passed" in out and "failed" not in out
