"""docs/ci.md, as far as it can be run here: its YAML parses, and every gaonb-lint command in it
runs on the examples and writes what the next step expects (a valid SARIF file, a GitLab Code
Quality report, annotations)."""
from __future__ import annotations

import json
import re
import shlex
import shutil

import pytest
import yaml

from conftest import EXAMPLES_DIR, REPO_ROOT, run_cli

DOC = (REPO_ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```yaml\n(.*?)```", DOC, re.S)


def _commands(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("run", "script"):
                for cmd in value if isinstance(value, list) else [value]:
                    yield from (ln for ln in str(cmd).splitlines() if ln.startswith("gaonb-lint "))
            else:
                yield from _commands(value)
    elif isinstance(node, list):
        for item in node:
            yield from _commands(item)


def test_recipes_parse():
    assert len(BLOCKS) == 2
    github, gitlab = (yaml.safe_load(b) for b in BLOCKS)
    steps = github["jobs"]["reports"]["steps"]
    assert any(s.get("uses", "").startswith("github/codeql-action/upload-sarif") for s in steps)
    assert gitlab["gaonb-lint"]["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"


@pytest.mark.parametrize("block", [0, 1], ids=["github", "gitlab"])
def test_recipe_commands_run(tmp_path, block):
    site = tmp_path / "site"
    shutil.copytree(EXAMPLES_DIR, site / "reports")
    commands = list(_commands(yaml.safe_load(BLOCKS[block])))
    assert len(commands) == 2
    for cmd in commands:
        argv = shlex.split(cmd)[1:]
        code, out, err = run_cli(argv, cwd=site)
        assert "Traceback" not in err
        assert code == (0 if "--exit-zero" in argv else 1), err
    if block == 0:
        jsonschema = pytest.importorskip("jsonschema")
        schema = json.loads((REPO_ROOT / "tests" / "fixtures" / "sarif" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
        sarif = json.loads((site / "gaonb-lint.sarif").read_text(encoding="utf-8"))
        jsonschema.validators.validator_for(schema)(schema).validate(sarif)
        assert sarif["runs"][0]["results"]
        assert out.startswith("::error file=reports/mistakes-2025.md,")
    else:
        issues = json.loads((site / "gl-code-quality-report.json").read_text(encoding="utf-8"))
        assert issues and all(i["location"]["path"].startswith("reports/") for i in issues)
