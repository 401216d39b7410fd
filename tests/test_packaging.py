"""The built wheel, installed into a fresh virtual environment and run from outside the repository.

``python -m build`` is not installed here, and the test environment's setuptools cannot build
wheels without the ``wheel`` package, so the wheel is built with ``pip wheel --no-deps`` in an
isolated build environment (setuptools from the configured package indexes, as any user's pip
would do) from a copy of the package sources; a fresh venv then installs it with its
dependencies from the same indexes.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import EXAMPLES_DIR, package_source_snapshot

pytestmark = pytest.mark.integration  # builds and installs the package: minutes


def _run(cmd, cwd, timeout=300):
    env = {k: v for k, v in os.environ.items()
           if k not in ("GAONB_LINT_LANG", "PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    proc = subprocess.run([str(c) for c in cmd], cwd=cwd, env=env, capture_output=True, timeout=timeout)
    return proc.returncode, proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace")


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """(wheel path, venv python, venv site-packages, a working directory outside the repository)."""
    base = tmp_path_factory.mktemp("packaging")
    source = package_source_snapshot(base / "src")
    wheels = base / "wheels"
    code, out, err = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", wheels, source], cwd=base)
    assert code == 0, out + err
    (wheel,) = wheels.glob("gaonb_lint-*.whl")
    venv = base / "venv"
    code, out, err = _run([sys.executable, "-m", "venv", venv], cwd=base)
    assert code == 0, err
    python = venv / "bin" / "python"
    code, out, err = _run([python, "-m", "pip", "install", "--quiet", wheel], cwd=base)
    assert code == 0, out + err
    code, out, _ = _run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], cwd=base)
    site = Path(out.strip())
    outside = base / "elsewhere"
    outside.mkdir()
    for example in EXAMPLES_DIR.glob("*.md"):
        (outside / example.name).write_bytes(example.read_bytes())
    return wheel, python, site, outside


def test_wheel_contents(installed):
    wheel = installed[0]
    names = zipfile.ZipFile(wheel).namelist()
    tops = {n.split("/", 1)[0] for n in names}
    assert {"gaonb_lint", "gaonb_lint_rules", "gaonb_lint_schemas"} <= tops
    assert not tops & {"rules", "schemas", "tests", "bench", "examples", "docs", "tools"}
    assert "gaonb_lint_schemas/official-format.json" in names
    assert "gaonb_lint_rules/cases/fee_statement.yml" in names
    eps = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(eps).decode("utf-8")
    assert "[gaonb_lint]" in text and "builtin = gaonb_lint_rules" in text
    assert "gaonb-lint = gaonb_lint.cli:main" in text
    # Every package directory of the source tree made it into the wheel.
    repo = Path(__file__).resolve().parent.parent
    for init in (repo / "gaonb_lint").rglob("__init__.py"):
        if "__pycache__" not in init.parts:
            assert init.relative_to(repo).as_posix() in names, f"{init.parent.name} is not packaged"


def test_installed_cli_checks_reports_from_outside_the_repo(installed):
    _, python, site, outside = installed
    gaonb = python.parent / "gaonb-lint"
    code, out, err = _run([gaonb, "check", "--format", "json", "--select",
                           "required-sections,statistics-period,fee-statement", "."], cwd=outside)
    assert code == 1, err
    doc = json.loads(out)
    assert doc["summary"]["files"] == 2
    by_file = {}
    for d in doc["diagnostics"]:
        by_file.setdefault(os.path.basename(d["path"]), []).append(d["code"])
    assert sorted(by_file["mistakes-2025.md"]) == ["GL101", "GL101", "GL101", "GL301", "GL302"]
    assert "compliant-2025.md" not in by_file
    code, out, err = _run([gaonb, "check", "compliant-2025.md"], cwd=outside)
    assert code == 0, out + err


def test_installed_rules_and_explain(installed):
    _, python, _, outside = installed
    gaonb = python.parent / "gaonb-lint"
    code, out, err = _run([gaonb, "rules"], cwd=outside)
    assert code == 0 and err == ""
    for slug in ("required-sections", "statistics-period", "fee-statement", "plugin-error", "unused-suppression"):
        assert slug in out
    code, out, _ = _run([gaonb, "explain", "GL302"], cwd=outside)
    assert code == 0 and "## 怎么改" in out  # the Chinese documentation is in the installed rules too


def test_installed_packages_come_from_site_packages(installed):
    _, python, site, outside = installed
    probe = (
        "import json, gaonb_lint, gaonb_lint_rules, gaonb_lint_schemas\n"
        "from gaonb_lint import official_format as f\n"
        "f.raw_format()\n"
        "print(json.dumps({'lint': gaonb_lint.__file__, 'rules': gaonb_lint_rules.__file__,\n"
        "                  'schemas': gaonb_lint_schemas.__file__, 'sections': len(f.sections())}))\n"
    )
    code, out, err = _run([python, "-c", probe], cwd=outside)
    assert code == 0, err
    where = json.loads(out)
    for key in ("lint", "rules", "schemas"):
        assert Path(where[key]).resolve().is_relative_to(site.resolve()), where[key]
    assert (Path(where["schemas"]).parent / "official-format.json").is_file()
    assert where["sections"] == 6


def test_format_data_is_read_from_the_installed_package(installed):
    """Reading the official format opens the JSON inside site-packages, never the repository's."""
    _, python, site, outside = installed
    probe = (
        "import builtins, io, json\n"
        "opened = []\n"
        "real_open = builtins.open\n"
        "def spy(file, *a, **k):\n"
        "    opened.append(str(file))\n"
        "    return real_open(file, *a, **k)\n"
        "builtins.open = spy\n"
        "io.open = spy\n"
        "from gaonb_lint import official_format as f\n"
        "f.raw_format()\n"
        "builtins.open = real_open\n"
        "print(json.dumps([p for p in opened if p.endswith('.json')]))\n"
    )
    code, out, err = _run([python, "-c", probe], cwd=outside)
    assert code == 0, err
    opened = json.loads(out)
    assert opened and all(Path(p).resolve().is_relative_to(site.resolve()) for p in opened), opened


def test_no_generic_top_level_modules(installed):
    _, python, site, outside = installed
    assert not (site / "rules").exists() and not (site / "schemas").exists()
    assert not list(site.glob("rules.py")) and not list(site.glob("schemas.py"))
    code, out, err = _run([python, "-c", "import rules"], cwd=outside)
    assert code != 0 and "No module named 'rules'" in err
    code, out, err = _run([python, "-c", "import schemas"], cwd=outside)
    assert code != 0 and "No module named 'schemas'" in err
