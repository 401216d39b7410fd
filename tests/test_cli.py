"""The command line, through real subprocesses: exit codes, error lines, output shapes, options."""
from __future__ import annotations

import json
import re

import pytest

from conftest import DIAGNOSTIC_KEYS, EXAMPLES_DIR, SEEDS_DIR, run_cli

COMPLIANT = EXAMPLES_DIR / "compliant-2025.md"
MISTAKES = EXAMPLES_DIR / "mistakes-2025.md"
# Restrict to the foundation rules where exact counts matter, so later rules do not disturb them.
FOUNDATION = "required-sections,statistics-period,fee-statement"
TEXT_LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (?P<code>[A-Z]{1,4}\d{3,4}) "
                       r"\[(?P<rule>[a-z0-9-]+)\] (?P<severity>错误|警告|提示|error|warning|info)(?:：|: )"
                       r"(?P<message>\S.*)$")
SEVERITY_WORDS = {"错误": "error", "警告": "warning", "提示": "info"}


def check(*args, cwd=None, env=None):
    return run_cli(["check", "--isolated", *map(str, args)], cwd=cwd, env=env)


def check_json(*args, **kw):
    code, out, err = check("--format", "json", *args, **kw)
    return code, json.loads(out), err


# -- exit codes -----------------------------------------------------------------------------------

def test_compliant_example_exits_0():
    code, out, err = check(COMPLIANT)
    assert code == 0, out + err
    assert err == ""
    assert "检查通过" in out


def test_mistakes_example_exits_1():
    code, out, err = check(MISTAKES)
    assert code == 1
    assert err == ""
    assert "GL101" in out and "GL301" in out and "GL302" in out


def test_seeds_exit_1():
    code, out, err = check(SEEDS_DIR)
    assert code == 1 and err == ""


def _one_error_line(code, out, err, *must_name):
    assert code == 2, (code, out, err)
    assert "Traceback" not in err and "Traceback" not in out
    lines = err.splitlines()
    assert len(lines) == 1, err
    for name in must_name:
        assert str(name) in lines[0], (name, lines[0])
    return lines[0]


def test_missing_file_exits_2(tmp_path):
    missing = tmp_path / "nope.md"
    line = _one_error_line(*check(missing), missing)
    assert line == f"错误：{missing}: 找不到这个文件或目录；请检查路径和文件名是否写对"
    line = _one_error_line(*check("--lang", "en", missing), missing)
    assert line == f"error: {missing}: no such file or directory; check the path"


def test_directory_without_reports_exits_2(tmp_path):
    d = tmp_path / "empty"
    d.mkdir()
    (d / "script.py").write_text("print(1)\n")
    line = _one_error_line(*check(d), d)
    assert "目录里没有找到报告文件" in line and "*.md" in line


def test_binary_file_exits_2(tmp_path):
    f = tmp_path / "report.md"
    f.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\xff\xfe\x00")
    line = _one_error_line(*check(f), f)
    assert "二进制文件" in line


def test_undecodable_file_exits_2(tmp_path):
    # Latin-1 French: neither UTF-8 nor GB18030 Chinese.
    f = tmp_path / "report.txt"
    f.write_bytes("Résumé du rapport annuel élaboré à Genève\n".encode("latin-1"))
    line = _one_error_line(*check(f), f)
    assert "无法识别文字编码" in line and "UTF-8" in line
    line = _one_error_line(*check("--lang", "en", f), f)
    assert "cannot decode" in line and "UTF-8" in line


def test_one_bad_file_among_good_ones_still_reports_the_others(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xe9t\xe9\n")
    code, doc, err = check_json(COMPLIANT, bad, MISTAKES)
    assert code == 2
    assert [e["path"] for e in doc["errors"]] == [str(bad)]
    assert {d["path"] for d in doc["diagnostics"]} == {str(MISTAKES)}
    assert len(err.splitlines()) == 1


def _report_in(tmp_path, config_name, config_text):
    (tmp_path / config_name).write_text(config_text, encoding="utf-8")
    report = tmp_path / "r.md"
    report.write_bytes(COMPLIANT.read_bytes())
    return report


@pytest.mark.parametrize("config,needle", [
    ("select = [\n  \"GL101\",\n", "TOML 写法有误"),
    ("[severity\nfee-statement = 'warning'\n", "TOML 写法有误（节名缺少结尾的 “]”）"),
])
def test_broken_toml_exits_2(tmp_path, config, needle):
    report = _report_in(tmp_path, ".gaonb-lint.toml", config)
    code, out, err = run_cli(["check", report])
    line = _one_error_line(code, out, err, tmp_path / ".gaonb-lint.toml")
    assert needle in line
    assert re.search(r"\.gaonb-lint\.toml:\d+", line)


def test_config_unknown_key_exits_2(tmp_path):
    report = _report_in(tmp_path, ".gaonb-lint.toml", 'select = ["GL101"]\nselct = ["GL3"]\n')
    line = _one_error_line(*run_cli(["check", report]), tmp_path / ".gaonb-lint.toml")
    assert ".gaonb-lint.toml:2: selct: 没有这个设置项；可用的设置项有 " in line and "、exclude、" in line
    line = _one_error_line(*run_cli(["check", "--lang", "en", report]), tmp_path / ".gaonb-lint.toml")
    assert ".gaonb-lint.toml:2: selct: unknown setting" in line


def test_config_bad_severity_exits_2(tmp_path):
    report = _report_in(tmp_path, ".gaonb-lint.toml", '[severity]\nfee-statement = "fatal"\n')
    line = _one_error_line(*run_cli(["check", "--lang", "en", report]), tmp_path / ".gaonb-lint.toml")
    assert ":2: fee-statement: severity must be one of error, warning, info, got 'fatal'" in line


@pytest.mark.parametrize("option", ["--select", "--ignore"])
def test_unknown_rule_on_command_line_exits_2(option):
    line = _one_error_line(*check(option, "fee-statment", COMPLIANT), option, "fee-statment")
    assert line == f"错误：{option}: 没有名为 “fee-statment” 的规则；运行 gaonb-lint rules 可查看全部规则的名称和代码"


def test_no_command_exits_2():
    code, out, err = run_cli([])
    assert code == 2 and "check" in out


def test_version():
    code, out, _ = run_cli(["--version"])
    assert code == 0 and re.fullmatch(r"gaonb-lint \d+\.\d+\.\d+\S*\n", out)


# -- output shapes --------------------------------------------------------------------------------

def test_json_shape():
    code, doc, err = check_json(MISTAKES, COMPLIANT, "--select", FOUNDATION)
    assert code == 1
    assert doc["tool"] == "gaonb-lint"
    assert doc["summary"]["files"] == 2
    assert doc["summary"]["diagnostics"] == len(doc["diagnostics"]) == 5
    assert doc["summary"]["failing"] == 5
    assert doc["summary"]["by_rule"] == {"fee-statement": 1, "required-sections": 3, "statistics-period": 1}
    assert doc["errors"] == []
    for d in doc["diagnostics"]:
        assert set(DIAGNOSTIC_KEYS) <= set(d)
        assert isinstance(d["line"], int) and isinstance(d["column"], int)
        assert (d["end_line"], d["end_column"]) >= (d["line"], d["column"])
        assert d["severity"] in ("error", "warning", "info")
        assert re.fullmatch(r"GL\d{3}", d["code"])
        assert d["path"] == str(MISTAKES)
    keys = [(d["line"], d["column"]) for d in doc["diagnostics"]]
    assert keys == sorted(keys)


def test_text_line_shape_matches_json():
    code, out, _ = check(MISTAKES, "--select", FOUNDATION)
    _, doc, _ = check_json(MISTAKES, "--select", FOUNDATION)
    finding_lines = [ln for ln in out.splitlines() if TEXT_LINE.match(ln)]
    assert len(finding_lines) == len(doc["diagnostics"]) == 5
    for ln, d in zip(finding_lines, doc["diagnostics"]):
        m = TEXT_LINE.match(ln)
        assert (m["path"], int(m["line"]), int(m["col"]), m["code"], m["rule"], m["message"]) == \
            (d["path"], d["line"], d["column"], d["code"], d["rule"], d["message"])
        assert SEVERITY_WORDS[m["severity"]] == d["severity"]
    assert out.rstrip().splitlines()[-1] == "共检查 1 个文件，其中 1 个有问题：5 个错误。"


def test_columns_are_code_points():
    """A finding after Chinese text: the column counts characters, not bytes."""
    _, doc, _ = check_json(MISTAKES, "--select", "statistics-period")
    (d,) = doc["diagnostics"]
    line = MISTAKES.read_text(encoding="utf-8").split("\n")[d["line"] - 1]
    assert line[d["column"] - 1:].startswith("截至2025年12月31日")
    assert line[d["column"] - 1:d["end_column"] - 1] == "截至2025年12月31日"
    byte_col = len(line[: d["column"] - 1].encode("utf-8")) + 1
    assert byte_col != d["column"]  # the text before it is Chinese, so a byte count would differ


def test_heading_columns_in_markdown():
    _, doc, _ = check_json(MISTAKES, "--select", "required-sections")
    text = MISTAKES.read_text(encoding="utf-8").split("\n")
    for d in doc["diagnostics"]:
        line = text[d["line"] - 1]
        assert line.startswith("## ") and d["column"] == 4
        assert line[d["column"] - 1:d["end_column"] - 1] == line[3:]


def test_lang_en():
    code, out, _ = check(MISTAKES, "--lang", "en", "--select", FOUNDATION)
    assert code == 1
    assert "section title differs from the format: expected “五、存在的主要问题及改进情况”" in out
    assert "Checked 1 file(s), 1 with problems: 5 error(s)." in out
    assert all(TEXT_LINE.match(ln)["severity"] == "error" for ln in out.splitlines() if TEXT_LINE.match(ln))
    assert "章节标题不符" not in out


def test_lang_from_environment():
    code, out, _ = check(MISTAKES, env={"GAONB_LINT_LANG": "en"})
    assert "Checked " in out and "共检查" not in out


def test_quiet_prints_findings_only():
    code, out, _ = check(MISTAKES, "--quiet", "--select", FOUNDATION)
    assert code == 1
    lines = out.splitlines()
    assert len(lines) == 5 and all(TEXT_LINE.match(ln) for ln in lines)
    code, out, _ = check(COMPLIANT, "-q")
    assert code == 0 and out == ""


def test_statistics():
    code, out, _ = check(MISTAKES, "--statistics", "--select", FOUNDATION)
    assert "按规则统计：" in out
    counts = re.findall(r"^\s+(\d+)\s+(GL\d{3})\s+\[([a-z-]+)\]", out, re.M)
    assert counts == [("3", "GL101", "required-sections"), ("1", "GL301", "statistics-period"),
                      ("1", "GL302", "fee-statement")]


@pytest.mark.parametrize("select,includes,codes", [
    ("fee-statement", {"fee-statement"}, ("GL302",)),
    ("GL302", {"fee-statement"}, ("GL302",)),
    ("gl302", {"fee-statement"}, ("GL302",)),
    # A code prefix selects every rule whose code starts with it (later GL3xx rules included).
    ("GL3", {"fee-statement", "statistics-period"}, ("GL3",)),
    ("GL1,GL302", {"required-sections", "fee-statement"}, ("GL1", "GL302")),
])
def test_select(select, includes, codes):
    _, doc, _ = check_json(MISTAKES, SEEDS_DIR, "--select", select)
    assert {d["rule"] for d in doc["diagnostics"]} >= includes
    assert all(d["code"].startswith(codes) for d in doc["diagnostics"])


@pytest.mark.parametrize("ignore,absent", [
    ("fee-statement", {"fee-statement"}),
    ("GL101", {"required-sections"}),
    ("GL3", {"statistics-period", "fee-statement"}),
])
def test_ignore(ignore, absent):
    _, doc, _ = check_json(MISTAKES, SEEDS_DIR, "--select", FOUNDATION, "--ignore", ignore)
    assert {d["rule"] for d in doc["diagnostics"]} == set(FOUNDATION.split(",")) - absent


def test_select_all_and_repeated_options():
    _, doc, _ = check_json(MISTAKES, "--select", "ALL", "--ignore", "GL1", "--ignore", "GL302")
    assert {d["rule"] for d in doc["diagnostics"]} >= {"statistics-period"}
    assert not {d["rule"] for d in doc["diagnostics"]} & {"required-sections", "fee-statement"}


def test_ignoring_every_selected_rule_is_a_usage_error():
    """Nothing would run and the run would say it passed (issue 14): a usage error instead."""
    code, out, err = check(MISTAKES, "--select", FOUNDATION, "--ignore", FOUNDATION)
    assert code == 2 and "排除了全部规则" in err and out == ""


# -- rules / explain ------------------------------------------------------------------------------

def test_rules_lists_every_rule():
    code, out, err = run_cli(["rules"])
    assert code == 0 and err == ""
    rows = {ln.split()[1]: ln.split() for ln in out.splitlines() if ln.strip()}
    for code_, slug, plugin in [("GL101", "required-sections", "builtin"), ("GL301", "statistics-period", "builtin"),
                                ("GL302", "fee-statement", "builtin"), ("GL900", "plugin-error", "gaonb-lint"),
                                ("GL901", "unused-suppression", "gaonb-lint")]:
        assert rows[slug][0] == code_ and rows[slug][3] == plugin
    code, out, _ = run_cli(["rules", "--format", "json"])
    listed = json.loads(out)
    assert all({"code", "rule", "severity", "plugin", "summary"} <= set(r) for r in listed)
    assert len({r["code"] for r in listed}) == len({r["rule"] for r in listed}) == len(listed) == len(rows)


@pytest.mark.parametrize("fmt", ["markdown", "md", "MD", "Markdown"])
def test_rules_as_a_markdown_table(fmt):
    code, out, err = run_cli(["rules", "--format", fmt, "--lang", "en"])
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == "| Code | Rule | Severity | Plugin | Summary |" and lines[1] == "|---|---|---|---|---|"
    rows = [ln for ln in lines[2:]]
    assert all(ln.startswith("| `") and ln.endswith(" |") and ln.count(" | ") == 4 for ln in rows), rows
    assert any(ln.startswith("| `GL302` | `fee-statement` | error | builtin | ") for ln in rows)
    _, text_out, _ = run_cli(["rules", "--lang", "en"])
    assert len(rows) == len([ln for ln in text_out.splitlines() if ln.strip()])
    code, out, _ = run_cli(["rules", "--output-format", fmt])
    assert code == 0 and out.startswith("| 代码 | 规则 | 级别 | 插件 | 说明 |\n")


def test_rules_markdown_cells_cannot_break_the_row():
    from gaonb_lint.cli import _md_cell

    assert _md_cell("a | b\nc") == "a \\| b c"


@pytest.mark.parametrize("fmt", ["xml", "sarif", ""])
def test_rules_unknown_format_is_one_line_exit_2(fmt):
    code, out, err = run_cli(["rules", "--format", fmt])
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "Traceback" not in err
    assert f"“{fmt}”" in err and "text, concise, json, markdown, md" in err


@pytest.mark.parametrize("name,slug,code_", [("fee-statement", "fee-statement", "GL302"),
                                             ("GL101", "required-sections", "GL101"),
                                             ("gl301", "statistics-period", "GL301")])
def test_explain(name, slug, code_):
    code, out, err = run_cli(["explain", name])
    assert code == 0 and err == ""
    assert out.startswith(f"# {slug} ({code_})\n")
    positions = [out.index(h) for h in ("## 查什么", "## 为什么", "## 格式依据", "## 示例", "## 怎么改")]
    assert positions == sorted(positions) and "## What it does" not in out
    code, out, err = run_cli(["explain", name, "--lang", "en"])
    positions = [out.index(h) for h in ("## What it does", "## Why", "## Format clause", "## Example", "## How to fix")]
    assert positions == sorted(positions) and "## 查什么" not in out


def test_explain_unknown_exits_2():
    code, out, err = run_cli(["explain", "nope"])
    _one_error_line(code, out, err, "nope")
