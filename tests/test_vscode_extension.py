"""The VS Code extension in editors/vscode/: it builds with npm, starts the server the way the
server is started in tests/test_lsp.py, and offers exactly the settings the server reads."""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

EXT = Path(__file__).resolve().parent.parent / "editors" / "vscode"


def test_settings_are_the_ones_the_server_reads():
    from gaonb_lint.lsp.engine import DEBOUNCE, Engine

    props = json.loads((EXT / "package.json").read_text(encoding="utf-8"))["contributes"]["configuration"]["properties"]
    forwarded = {k.split(".", 1)[1] for k in props} - {"interpreter"}  # the interpreter starts the server
    assert forwarded == {"lang", "select", "ignore", "debounce"}
    assert props["gaonb-lint.debounce"]["default"] == DEBOUNCE
    engine = Engine.__new__(Engine)
    engine.client_locale, engine.settings = "", {}
    engine.update_settings({"gaonb-lint": {"lang": "en", "select": ["GL3"], "ignore": [], "debounce": 0.2}})
    assert engine.lang_for(None) == "en" and engine._names("select") == ["GL3"] and engine.debounce() == 0.2


def test_extension_builds_with_npm(tmp_path: Path):
    npm = shutil.which("npm")
    if npm is None or shutil.which("node") is None:
        pytest.skip("node/npm not installed: the VS Code extension is not built")
    work = tmp_path / "vscode"
    shutil.copytree(EXT, work, ignore=shutil.ignore_patterns("node_modules", "out"))
    install = subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=work, capture_output=True, text=True, timeout=600)
    if install.returncode != 0 and ("ENOTFOUND" in install.stderr or "EAI_AGAIN" in install.stderr):
        pytest.skip(f"npm registry unreachable: {install.stderr.strip().splitlines()[-1]}")
    assert install.returncode == 0, install.stderr
    build = subprocess.run([npm, "run", "compile"], cwd=work, capture_output=True, text=True, timeout=600)
    assert build.returncode == 0, build.stdout + build.stderr
    js = (work / "out" / "extension.js").read_text(encoding="utf-8")
    assert '"-m", "gaonb_lint", "server"' in js and "vscode-languageclient/node" in js
