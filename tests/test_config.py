"""Configuration: discovery, precedence and every setting, through the real CLI."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import EXAMPLES_DIR, run_cli

MISTAKES = EXAMPLES_DIR / "mistakes-2025.md"
COMPLIANT = EXAMPLES_DIR / "compliant-2025.md"
FOUNDATION = {"required-sections", "statistics-period", "fee-statement"}


def put(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def report(path: Path, source: Path = MISTAKES) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(source.read_bytes())
    return path


def lint(*args, cwd=None, env=None):
    """(exit code, JSON document, stderr) of ``check --format json ARGS``."""
    code, out, err = run_cli(["check", "--format", "json", *map(str, args)], cwd=cwd, env=env)
    return code, (json.loads(out) if out.strip() else None), err


def rules_of(doc, path=None):
    return {d["rule"] for d in doc["diagnostics"] if path is None or d["path"] == str(path)}


# -- discovery ----------------------------------------------------------------------------------

def test_discovery_walks_up_from_the_checked_file(tmp_path):
    put(tmp_path / "proj" / ".gaonb-lint.toml", 'select = ["fee-statement"]\n')
    r = report(tmp_path / "proj" / "reports" / "2025" / "r.md")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code, doc, err = lint(r, cwd=elsewhere)  # the working directory has no configuration
    assert code == 1 and err == ""
    assert rules_of(doc) == {"fee-statement"}


def test_without_any_configuration_all_rules_run(tmp_path):
    r = report(tmp_path / "r.md")
    _, doc, _ = lint(r, cwd=tmp_path)
    assert rules_of(doc) >= FOUNDATION


def test_nearest_configuration_wins(tmp_path):
    put(tmp_path / ".gaonb-lint.toml", 'select = ["fee-statement"]\n')
    put(tmp_path / "sub" / ".gaonb-lint.toml", 'select = ["statistics-period"]\n')
    top, deep = report(tmp_path / "top.md"), report(tmp_path / "sub" / "deep.md")
    _, doc, _ = lint(top, deep)
    assert rules_of(doc, top) == {"fee-statement"}
    assert rules_of(doc, deep) == {"statistics-period"}


def test_dot_config_beats_pyproject_in_the_same_directory(tmp_path):
    put(tmp_path / "pyproject.toml", '[tool.gaonb-lint]\nselect = ["fee-statement"]\n')
    put(tmp_path / ".gaonb-lint.toml", 'select = ["statistics-period"]\n')
    r = report(tmp_path / "r.md")
    _, doc, _ = lint(r)
    assert rules_of(doc) == {"statistics-period"}


def test_pyproject_table_is_read(tmp_path):
    put(tmp_path / "pyproject.toml", '[project]\nname = "site"\n\n[tool.gaonb-lint]\nselect = ["GL302"]\n')
    _, doc, _ = lint(report(tmp_path / "r.md"))
    assert rules_of(doc) == {"fee-statement"}


@pytest.mark.parametrize("pyproject", [
    '[project]\nname = "site"\n',
    # Mentions gaonb-lint, but has no [tool.gaonb-lint] table.
    '[project]\nname = "site"\ndescription = "uses gaonb-lint"\n\n[tool.black]\nline-length = 100\n',
])
def test_pyproject_without_our_table_is_skipped(tmp_path, pyproject):
    put(tmp_path / ".gaonb-lint.toml", 'select = ["statistics-period"]\n')
    put(tmp_path / "site" / "pyproject.toml", pyproject)
    _, doc, err = lint(report(tmp_path / "site" / "r.md"))
    assert err == ""
    assert rules_of(doc) == {"statistics-period"}  # the parent's configuration applies


def test_explicit_config_and_isolated(tmp_path):
    put(tmp_path / ".gaonb-lint.toml", 'select = ["fee-statement"]\n')
    other = put(tmp_path / "conf" / "other.toml", 'select = ["statistics-period"]\n')
    r = report(tmp_path / "r.md")
    assert rules_of(lint("--config", other, r)[1]) == {"statistics-period"}
    assert rules_of(lint("--isolated", r)[1]) >= FOUNDATION
    code, _, err = lint("--config", tmp_path / "missing.toml", r)
    assert code == 2 and "missing.toml" in err and len(err.splitlines()) == 1


# -- settings -----------------------------------------------------------------------------------

def test_select_ignore_and_extend_ignore(tmp_path):
    put(tmp_path / ".gaonb-lint.toml", 'select = ["GL1", "GL3"]\nignore = ["GL301"]\nextend-ignore = ["required-sections"]\n')
    _, doc, _ = lint(report(tmp_path / "r.md"))
    assert rules_of(doc) >= {"fee-statement"}
    assert not rules_of(doc) & {"statistics-period", "required-sections"}


def test_command_line_select_replaces_and_ignore_adds(tmp_path):
    put(tmp_path / ".gaonb-lint.toml", 'select = ["fee-statement"]\nignore = ["statistics-period"]\n')
    r = report(tmp_path / "r.md")
    assert rules_of(lint(r, "--select", "GL101,GL302")[1]) == {"required-sections", "fee-statement"}
    # The configured ignore still applies to a command-line selection.
    assert rules_of(lint(r, "--select", "GL3")[1]) == {"fee-statement"}
    _, doc, _ = lint(r, "--ignore", "fee-statement")
    assert rules_of(doc) == set()


@pytest.mark.parametrize("severity,exit_code", [("warning", 1), ("info", 0), ("error", 1)])
def test_severity_override(tmp_path, severity, exit_code):
    put(tmp_path / ".gaonb-lint.toml", f'select = ["fee-statement"]\n[severity]\nGL302 = "{severity}"\n')
    code, doc, _ = lint(report(tmp_path / "r.md"))
    assert code == exit_code
    (d,) = doc["diagnostics"]
    assert d["severity"] == severity
    assert doc["summary"]["failing"] == (0 if severity == "info" else 1)


def test_per_file_ignores(tmp_path):
    put(tmp_path / ".gaonb-lint.toml", '[per-file-ignores]\n"archive/*" = ["fee-statement", "GL101"]\n'
                                       '"drafts/**" = "statistics-period"\n')
    kept = report(tmp_path / "current" / "r.md")
    archived = report(tmp_path / "archive" / "r.md")
    draft = report(tmp_path / "drafts" / "2025" / "r.md")
    _, doc, _ = lint(tmp_path)
    assert rules_of(doc, kept) >= FOUNDATION
    assert rules_of(doc, archived) & FOUNDATION == {"statistics-period"}
    assert "statistics-period" not in rules_of(doc, draft) and "fee-statement" in rules_of(doc, draft)


def test_include_exclude_extend_exclude_on_directories(tmp_path):
    put(tmp_path / ".gaonb-lint.toml", 'include = ["*.md", "*.text"]\nextend-exclude = ["drafts", "old/*.md"]\n')
    a = report(tmp_path / "a.md")
    b = report(tmp_path / "b.text", MISTAKES)  # included by pattern, read by suffix: unsupported
    c = report(tmp_path / "c.txt")  # .txt no longer included
    report(tmp_path / "drafts" / "d.md")
    report(tmp_path / "old" / "e.md")
    report(tmp_path / "old" / "keep" / "f.md")  # in a pattern with `/`, `*` crosses directories
    f = report(tmp_path / "older" / "f.md")
    report(tmp_path / "node_modules" / "g.md")  # default exclude still applies with extend-exclude
    code, doc, err = lint(tmp_path)
    checked = {d["path"] for d in doc["diagnostics"]} | {e["path"] for e in doc["errors"]}
    assert checked == {str(a), str(b), str(f)}
    assert str(c) not in checked
    assert [e["path"] for e in doc["errors"]] == [str(b)] and "不支持这种文件类型" in err
    assert code == 2


def test_exclude_replaces_defaults(tmp_path):
    put(tmp_path / ".gaonb-lint.toml", 'exclude = ["skip"]\n')
    nm = report(tmp_path / "node_modules" / "r.md")
    report(tmp_path / "skip" / "r.md")
    _, doc, _ = lint(tmp_path)
    assert {d["path"] for d in doc["diagnostics"]} == {str(nm)}


def test_named_excluded_file_checked_unless_force_exclude(tmp_path):
    put(tmp_path / ".gaonb-lint.toml", 'extend-exclude = ["drafts"]\n')
    r = report(tmp_path / "drafts" / "r.md")
    code, doc, _ = lint(r)
    assert code == 1 and doc["summary"]["files"] == 1
    code, doc, _ = lint("--force-exclude", r)
    assert code == 0 and doc["summary"]["files"] == 0


def test_format_version_setting(tmp_path):
    # Forcing the 2019 format: no fee statement is required.
    put(tmp_path / ".gaonb-lint.toml", 'format-version = "v2019"\nselect = ["fee-statement", "GL101"]\n')
    _, doc, _ = lint(report(tmp_path / "r.md"))
    assert rules_of(doc) == {"required-sections"}


def test_lang_setting_and_its_precedence(tmp_path):
    put(tmp_path / ".gaonb-lint.toml", 'lang = "en"\nselect = ["fee-statement"]\n')
    r = report(tmp_path / "r.md")
    code, out, _ = run_cli(["check", r])
    assert "must be stated in section" in out and "Checked 1 file(s), 1 with problems: 1 error(s)." in out
    code, out, _ = run_cli(["check", "--lang", "zh", r])
    assert "信息处理费收取情况应在" in out
    # The setting comes before GAONB_LINT_LANG (gaonb_lint.messages).
    code, out, _ = run_cli(["check", r], env={"GAONB_LINT_LANG": "zh"})
    assert "must be stated in section" in out


def test_max_file_size(tmp_path):
    put(tmp_path / ".gaonb-lint.toml", 'max-file-size = "1KB"\n')
    r = report(tmp_path / "r.md")
    code, doc, err = lint(r)
    assert code == 2 and str(r) in err and "超过 1.0 KB 的上限" in err and len(err.splitlines()) == 1


# -- malformed configuration: exit 2, `file:line: reason`, one line -----------------------------

@pytest.mark.parametrize("name,text,line,reason,reason_zh", [
    (".gaonb-lint.toml", 'select = ["GL101"]\nignore = [\n', 2, "invalid TOML", "TOML 写法有误"),  # at end of document
    (".gaonb-lint.toml", 'select = ["GL101"\n\nlang = "en"\n', 3, "invalid TOML (unclosed array)",
     "TOML 写法有误（列表缺少结尾的 “]”）"),
    (".gaonb-lint.toml", 'select = ["GL101"]\ncolour = "red"\n', 2, "colour: unknown setting", "colour: 没有这个设置项"),
    (".gaonb-lint.toml", 'select = "GL101"\n', 1, "select: expected a list, got a string", "select: 应为列表，实为字符串"),
    (".gaonb-lint.toml", 'ignore = [1, 2]\n', 1, "ignore: expected a list of strings", "ignore: 应为字符串列表"),
    (".gaonb-lint.toml", '\n[severity]\nfee-statement = "fatal"\n', 3, "severity must be one of error, warning, info",
     "fee-statement: 级别只能是 error（错误）、warning（警告）或 info（提示），现为 “fatal”"),
    (".gaonb-lint.toml", 'lang = "fr"\n', 1, "lang: must be one of zh, en, got 'fr'", "lang: 只能是 zh、en，现为 “fr”"),
    (".gaonb-lint.toml", 'format-version = "v2030"\n', 1, "format-version: must be one of", "format-version: 只能是"),
    (".gaonb-lint.toml", 'max-file-size = "huge"\n', 1, "max-file-size: expected a positive size",
     "max-file-size: 应为正的文件大小"),
    (".gaonb-lint.toml", '[per-file-ignores]\n"a/*" = 3\n', 1, "must map to a list of rule names",
     "“a/*” 应对应一个规则名称列表"),
    (".gaonb-lint.toml", 'select = ["GL101",\n  "fee-statment"]\n', 2, "unknown rule 'fee-statment'",
     "没有名为 “fee-statment” 的规则"),
    (".gaonb-lint.toml", '[severity]\nnot-a-rule = "warning"\n', 2, "unknown rule 'not-a-rule'", "没有名为 “not-a-rule” 的规则"),
    ("pyproject.toml", '[project]\nname = "x"\n[tool.gaonb-lint]\nselect = ["GL101"]\nbogus = 1\n', 5,
     "tool.gaonb-lint.bogus: unknown setting", "tool.gaonb-lint.bogus: 没有这个设置项"),
    ("pyproject.toml", '[tool]\ngaonb-lint = 3\n', 2, "[tool.gaonb-lint] must be a table",
     "[tool.gaonb-lint] 应是一节设置（表）"),
])
def test_malformed_configuration(tmp_path, name, text, line, reason, reason_zh):
    cfg = put(tmp_path / name, text)
    for lang, expected in (("en", reason), ("zh", reason_zh)):
        code, out, err = run_cli(["check", "--lang", lang, report(tmp_path / "r.md")])
        assert code == 2, out
        assert "Traceback" not in err
        lines = err.splitlines()
        assert len(lines) == 1, err
        m = re.search(re.escape(str(cfg)) + r":(\d+)(?::\d+)?: (.*)$", lines[0])
        assert m, lines[0]
        assert int(m.group(1)) == line and expected in m.group(2), lines[0]
        assert lines[0].startswith("错误：" if lang == "zh" else "error: ")


def test_non_utf8_configuration(tmp_path):
    cfg = tmp_path / ".gaonb-lint.toml"
    cfg.write_bytes('select = ["规则"]\n'.encode("gbk"))
    code, _, err = run_cli(["check", report(tmp_path / "r.md")])
    assert code == 2 and err == f"错误：{cfg}:1: 配置文件不是 UTF-8 编码；请另存为 UTF-8\n"
