"""The plugin API type-checks strictly (``[tool.mypy]`` in pyproject.toml lists the modules), and
mypy sees what a plugin author writes against it."""
from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import REPO_ROOT

pytestmark = pytest.mark.integration  # mypy over the API: tens of seconds on a cold cache


def _mypy(*args: str, cwd=REPO_ROOT):
    return subprocess.run([sys.executable, "-m", "mypy", "--no-incremental", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=600)


def test_the_api_is_strictly_typed():
    proc = _mypy()
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_mypy_catches_a_plugin_misusing_the_api(tmp_path):
    plugin = tmp_path / "plugin.py"
    plugin.write_text(
        "from gaonb_lint.api import Option, Report, Rule, RuleContext\n"
        "from gaonb_lint.api.tables import locate_tables\n\n"
        "def check(report: Report, ctx: RuleContext):\n"
        "    tables = locate_tables(report, ctx.format)\n"
        "    yield ctx.finding(report.title or (0, 0), 'm', x=len(tables))\n\n"
        "RULE = Rule(slug='x', code='ZZ101', summary={'zh': 'z', 'en': 'e'}, messages={}, check=check,\n"
        "            options=[Option('n', int, 1, doc={'zh': 'z', 'en': 'e'})], severity=3)\n",
        encoding="utf-8")
    proc = _mypy("--strict", "--follow-imports=silent", "--config-file=", str(plugin), cwd=REPO_ROOT)
    assert proc.returncode == 1
    assert 'Argument "severity" to "Rule" has incompatible type "int"; expected "str"' in proc.stdout, proc.stdout
