"""The start-up path of ``check`` (a pre-commit hook pays it on every commit): what it must not
import, and the fast entry-point scan that replaces ``importlib.metadata`` doing the same thing.

Timing is measured by ``bench/run.py``; these tests pin what makes it fast and that the fast
paths agree with the libraries they stand in for.
"""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

from conftest import EXAMPLES_DIR, SEEDS_DIR, cli_env

HEAVY = ("importlib.metadata", "jsonschema", "email", "zipfile", "tomllib", "tomli",
         "gaonb_lint.convert", "gaonb_lint.extract", "gaonb_lint.validate")


def modules_after_check(tmp_path, *paths) -> set:
    code = textwrap.dedent("""
        import io, json, sys, contextlib
        from gaonb_lint.cli import main
        with contextlib.redirect_stdout(io.StringIO()):
            code = main(["check", "--isolated", *sys.argv[1:]])
        print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
    """)
    proc = subprocess.run([sys.executable, "-c", code, *map(str, paths)], cwd=tmp_path, env=cli_env(),
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["code"] in (0, 1)
    return set(doc["modules"])


def test_check_imports_no_heavy_module(tmp_path):
    loaded = modules_after_check(tmp_path, EXAMPLES_DIR / "mistakes-2025.md")
    assert "gaonb_lint.tables.mapping" in loaded and "markdown_it" in loaded  # it did check tables
    assert not loaded & set(HEAVY), loaded & set(HEAVY)


def test_markdown_it_is_imported_only_for_markdown(tmp_path):
    loaded = modules_after_check(tmp_path, sorted(SEEDS_DIR.glob("*.txt"))[0])
    assert "gaonb_lint.readers.text_tables" in loaded
    assert "markdown_it" not in loaded


def test_a_pyproject_naming_gaonb_lint_only_as_a_dependency_is_not_parsed(tmp_path):
    from gaonb_lint.config import _may_set_ours, load_file

    for text in ('[project]\ndependencies = ["gaonb-lint>=0.1"]\n',
                 '[project.scripts]\ngaonb-lint = "gaonb_lint.cli:main"\n',
                 '[tool]\nother = 1\n[project.scripts]\ngaonb-lint = "m:f"\n'):
        assert not _may_set_ours(text)
        (tmp_path / "pyproject.toml").write_text(text, encoding="utf-8")
        assert load_file(str(tmp_path / "pyproject.toml")) is None
    for text in ('[tool.gaonb-lint]\nlang = "en"\n', '[tool."gaonb-lint"]\nlang = "en"\n',
                 '[tool . \'gaonb-lint\' . rules.x]\ny = 1\n[tool.gaonb-lint]\nlang = "en"\n',
                 'tool.gaonb-lint.lang = "en"\n', '[tool]\ngaonb-lint = { lang = "en" }\n',
                 '[tool]\n# comment\n\n"gaonb-lint".lang = "en"\n', 'tool = { gaonb-lint = { lang = "en" } }\n'):
        assert _may_set_ours(text), text
        (tmp_path / "pyproject.toml").write_text(text, encoding="utf-8")
        assert load_file(str(tmp_path / "pyproject.toml")).lang == "en", text
    # Linear on a long [tool] table of comments (overlapping alternatives once made it exponential).
    import time

    start = time.perf_counter()
    assert not _may_set_ours("gaonb-lint>=1\n[tool]\n" + "# c\nx = 1\n\n" * 50_000 + "[x]\n")
    assert time.perf_counter() - start < 5
    # A wrong value is still reported, not skipped: the user meant to configure gaonb-lint.
    from gaonb_lint.errors import ConfigError

    (tmp_path / "pyproject.toml").write_text("[tool]\ngaonb-lint = 3\n", encoding="utf-8")
    with pytest.raises(ConfigError):
        load_file(str(tmp_path / "pyproject.toml"))


@pytest.mark.parametrize("group", ["gaonb_lint", "console_scripts", "pytest11"])
def test_entry_point_scan_agrees_with_importlib_metadata(group):
    from importlib.metadata import entry_points as metadata_entry_points

    from gaonb_lint.entrypoints import entry_points

    eps = metadata_entry_points()
    expected = eps.select(group=group) if hasattr(eps, "select") else eps.get(group, [])
    ours = {(e.name, e.value, e.group) for e in entry_points(group)}
    assert ours == {(e.name, e.value, e.group) for e in expected}
    if group == "gaonb_lint":
        assert ("builtin", "gaonb_lint_rules", "gaonb_lint") in ours


def test_entry_points_of_a_plugin_on_a_new_path(tmp_path):
    from gaonb_lint.entrypoints import entry_points

    info = tmp_path / "my_plugin-1.0.dist-info"
    info.mkdir()
    (info / "entry_points.txt").write_text("[console_scripts]\nx = y:z\n\n[gaonb_lint]\nmine = my_plugin.rules:plugin\n",
                                           encoding="utf-8")
    shadowed = tmp_path / "later" / "My.Plugin-2.0.dist-info"  # same distribution, later on the path
    shadowed.mkdir(parents=True)
    (shadowed / "entry_points.txt").write_text("[gaonb_lint]\nother = x\n", encoding="utf-8")
    found = entry_points("gaonb_lint", [str(tmp_path), str(tmp_path / "later")])
    assert [(e.name, e.value) for e in found] == [("mine", "my_plugin.rules:plugin")]
