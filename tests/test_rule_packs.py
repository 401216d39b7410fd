"""Rule packs (docs/rule-packs.md): local rules as TOML data, checked when loaded, run as ordinary
rules by every command."""
from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from conftest import EXAMPLES_DIR, REPO_ROOT, run_cli, run_main


@pytest.fixture
def cli(monkeypatch):
    """``gaonb-lint ARGS`` in-process in directory ``cwd``: ``(exit_code, stdout, stderr)``."""
    monkeypatch.delenv("GAONB_LINT_LANG", raising=False)

    def run(args, cwd):
        monkeypatch.chdir(cwd)
        return run_main(args)

    return run

# One small report with a marker in each part; a scope's cases put a word at one marker.
BASE = """\
# 某县人民政府2025年政府信息公开工作年度报告{title}

本报告由某县人民政府办公室编制。{preamble}

## 一、总体情况{heading}

全年主动公开政府信息312条。{s1}

## 二、主动公开政府信息情况

| 信息内容 | 本年制发件数 |
| --- | --- |
| 规章 | 0{t2} |

## 三、收到和处理政府信息公开申请情况

| 本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和 | 自然人 |
| --- | --- |
| 一、本年新收政府信息公开申请数量 | 0{t3} |

## 四、政府信息公开行政复议、行政诉讼情况

| 行政复议 | 维持 |
| --- | --- |
| 结果 | 0{t4} |

## 五、存在的主要问题及改进情况

信息公开质量有待提高。{s5}

## 六、其他需要报告的事项

本机关本年度未收取信息处理费。{s6}
"""
MARKERS = ("title", "preamble", "heading", "s1", "t2", "t3", "t4", "s5", "s6")
# For each scope: a marker inside it and one outside it (None: nothing is outside the report).
SCOPES = {
    "report": ("s6", None), "preamble": ("preamble", "title"), "title": ("title", "preamble"),
    "heading": ("heading", "s1"), "section:一": ("s1", "s5"), "section:二": ("t2", "t3"),
    "section:三": ("t3", "t2"), "section:四": ("t4", "s5"), "section:五": ("s5", "s6"),
    "section:六": ("s6", "s5"), "table:二": ("t2", "s1"), "table:三": ("t3", "t4"), "table:四": ("t4", "t3"),
}


def report_with(word: str = "", at=None) -> str:
    return BASE.format(**{m: (word if m == at else "") for m in MARKERS})


def toml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid TOML basic string


def case(text: str, findings: int) -> str:
    return f"[[rule.case]]\ntext = {toml_string(text)}\nfindings = {findings}\n"


def full_pack() -> str:
    """Every kind in every scope, each with failing and passing cases."""
    out = ['[pack]\nname = "all-scopes"\n']
    n = 100
    for scope, (inside, outside) in SCOPES.items():
        tag = scope.replace(":", "-").replace("一", "1").replace("二", "2").replace("三", "3") \
            .replace("四", "4").replace("五", "5").replace("六", "6")
        n += 1
        out.append(f'[[rule]]\nslug = "forbid-{tag}"\ncode = "ZZ{n}"\nkind = "forbid"\nscope = "{scope}"\n'
                   f'pattern = "禁用词"\nmessage = {{ zh = "不得出现“{{match}}”", en = "no “{{match}}”" }}\n')
        out.append(case(report_with("禁用词", inside), 1))
        out.append(case(report_with(), 0))
        if outside:
            out.append(case(report_with("禁用词", outside), 0))
        n += 1
        out.append(f'[[rule]]\nslug = "require-{tag}"\ncode = "ZZ{n}"\nkind = "require"\nscope = "{scope}"\n'
                   f'pattern = "必备词"\nmessage = {{ zh = "应写明必备词", en = "must say 必备词" }}\n')
        out.append(case(report_with("必备词", inside), 0))
        out.append(case(report_with(), 1))
        if outside:
            out.append(case(report_with("必备词", outside), 1))
        n += 1
        out.append(f'[[rule]]\nslug = "substitute-{tag}"\ncode = "ZZ{n}"\nkind = "substitute"\nscope = "{scope}"\n'
                   f'message = {{ zh = "应为“{{replacement}}”", en = "write “{{replacement}}”" }}\n'
                   f'[rule.replace]\n"旧称" = "新的旧称"\n')
        out.append(case(report_with("旧称", inside), 1))
        out.append(case(report_with("新的旧称", inside), 0))  # the replacement contains the old text
        if outside:
            out.append(case(report_with("旧称", outside), 0))
    return "\n".join(out)


def write_project(tmp_path: Path, pack_text: str, report: str = None, config_extra: str = "") -> Path:
    (tmp_path / "packs").mkdir(exist_ok=True)
    (tmp_path / "packs" / "local.toml").write_text(pack_text, encoding="utf-8")
    (tmp_path / ".gaonb-lint.toml").write_text(f'rule-packs = ["packs/local.toml"]\n{config_extra}', encoding="utf-8")
    if report is not None:
        (tmp_path / "report.md").write_text(report, encoding="utf-8")
    return tmp_path


def check_json(cli, tmp_path: Path, *args: str):
    code, out, err = cli(["check", "--format", "json", *args, "report.md"], tmp_path)
    assert out.strip(), err
    return code, json.loads(out)["diagnostics"], err


# -- the format and its cases ----------------------------------------------------------------

def test_a_pack_with_every_kind_and_scope_loads_and_its_cases_hold(tmp_path):
    from gaonb_lint.packs import load_pack
    from gaonb_lint.packs.scopes import SCOPES as ALL_SCOPES

    assert set(SCOPES) == set(ALL_SCOPES)
    path = tmp_path / "all.toml"
    path.write_text(full_pack(), encoding="utf-8")
    pack = load_pack(str(path))  # raises if any embedded case fails
    assert len(pack.rules) == 3 * len(SCOPES)
    assert {r.plugin for r in pack.rules} == {"pack:all-scopes"}


@pytest.mark.parametrize("scope", sorted(SCOPES))
def test_each_scope_end_to_end_finds_the_word_at_its_place(cli, tmp_path, scope):
    inside, _ = SCOPES[scope]
    write_project(tmp_path, full_pack(), report_with("禁用词", inside))
    tag = scope.replace(":", "-").translate(str.maketrans("一二三四五六", "123456"))
    code, diags, _ = check_json(cli, tmp_path, "--select", f"forbid-{tag}")
    assert code == 1
    assert len(diags) == 1
    d = diags[0]
    line = report_with("禁用词", inside).split("\n")[d["line"] - 1]
    assert line[d["column"] - 1:d["end_column"] - 1] == "禁用词"
    assert d["message"] == "不得出现“禁用词”"


def test_a_failing_embedded_case_stops_the_load(cli, tmp_path):
    pack = ('[pack]\nname = "p"\n\n[[rule]]\nslug = "r"\ncode = "ZZ101"\nkind = "forbid"\nscope = "report"\n'
            'pattern = "待定"\nmessage = { zh = "待定" }\n\n[[rule.case]]\ntext = "全部办结。"\nfindings = 1\n')
    write_project(tmp_path, pack, report_with())
    code, out, err = cli(["check", "report.md"], tmp_path)
    assert code == 2 and out == ""
    assert err.strip().splitlines() == ["错误：packs/local.toml:12: 规则 “r” 的第 1 个示例应有 1 个问题，规则给出 0 个"]
    code, out, err = cli(["check", "--lang", "en", "report.md"], tmp_path)
    assert err.strip().splitlines() == ["error: packs/local.toml:12: rule 'r': case 1 expects 1 finding(s), the rule gives 0"]


# -- broken packs: exit 2, one line naming file, line and reason -----------------------------

GOOD_RULE = ('[pack]\nname = "p"\n\n[[rule]]\nslug = "contact-line"\ncode = "CX101"\nkind = "require"\n'
             'scope = "preamble"\npattern = "联系电话"\nmessage = { zh = "前言中应写明联系电话" }\n')
BROKEN = {
    "bad-toml": (GOOD_RULE + 'kind = "forbid"\n', 11, "invalid TOML"),
    "bad-toml-syntax": (GOOD_RULE.replace('code = "CX101"', 'code = CX101'), 6, "invalid TOML"),
    "unknown-kind": (GOOD_RULE.replace('"require"', '"must"'), 7, "'must' is not one of: require, forbid, substitute"),
    "bad-scope": (GOOD_RULE.replace('"preamble"', '"section:七"'), 8, "'section:七' is not one of"),
    "bad-regex": (GOOD_RULE.replace('pattern = "联系电话"', 'pattern = "联系(电话"\nregex = true'), 9,
                  "bad regular expression: missing )"),
    "duplicate-code": (GOOD_RULE + '\n[[rule]]\nslug = "other"\ncode = "CX101"\nkind = "forbid"\n'
                       'scope = "title"\npattern = "草稿"\nmessage = { zh = "草稿" }\n', 14,
                       "duplicate code CX101 (already used on line 6)"),
    "duplicate-slug": (GOOD_RULE + '\n[[rule]]\nslug = "contact-line"\ncode = "CX102"\nkind = "forbid"\n'
                       'scope = "title"\npattern = "草稿"\nmessage = { zh = "草稿" }\n', 13, "duplicate slug"),
    "code-of-a-builtin-rule": (GOOD_RULE.replace("CX101", "GL302"), 6, "rule code GL302 is already used by plugin builtin"),
    "unknown-key": (GOOD_RULE + 'severty = "error"\n', 11, "unknown key 'severty'"),
    "missing-message": (GOOD_RULE.replace('message = { zh = "前言中应写明联系电话" }\n', ''), 4, "missing key 'message'"),
    "bad-code": (GOOD_RULE.replace("CX101", "cx-1"), 6, "must be 1-4 capital letters"),
    "substitute-without-replace": (GOOD_RULE.replace('kind = "require"', 'kind = "substitute"')
                                   .replace('pattern = "联系电话"\n', ''), 4, "needs a [rule.replace] table"),
    "replace-on-forbid": (GOOD_RULE + '[rule.replace]\n"a" = "b"\n', 11, "only for kind \"substitute\""),
    "unknown-placeholder": (GOOD_RULE.replace("前言中应写明联系电话", "缺少{phone}"), 10, "unknown placeholder {phone}"),
    "empty-matching-regex": (GOOD_RULE.replace('pattern = "联系电话"', 'pattern = "(电话)?"\nregex = true'), 9,
                             "matches empty text"),
    "not-utf8": (GOOD_RULE.replace("联系电话", "\udcff"), 9, "not valid UTF-8"),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_a_broken_pack_is_one_line_with_file_line_and_reason(cli, tmp_path, name):
    text, line, reason = BROKEN[name]
    write_project(tmp_path, "", report_with())
    (tmp_path / "packs" / "local.toml").write_bytes(text.encode("utf-8", "surrogateescape"))
    code, out, err = cli(["check", "--lang", "en", "report.md"], tmp_path)
    assert code == 2, err
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith(f"error: packs/local.toml:{line}: "), lines[0]
    assert reason in lines[0]
    # The same line from `rules` and `explain`, which read the packs of the configuration too.
    for argv in (["rules", "--lang", "en"], ["explain", "--lang", "en", "contact-line"]):
        code2, _, err2 = cli(argv, tmp_path)
        assert code2 == 2 and err2 == err
    # In Chinese by default: the same place, the reason in Chinese.
    code, _, err = cli(["check", "report.md"], tmp_path)
    assert code == 2 and err.startswith(f"错误：packs/local.toml:{line}: ") and len(err.strip().splitlines()) == 1


def test_a_missing_pack_file_names_the_configuration_line(cli, tmp_path):
    (tmp_path / ".gaonb-lint.toml").write_text('lang = "zh"\nrule-packs = ["packs/none.toml"]\n', encoding="utf-8")
    (tmp_path / "report.md").write_text(report_with(), encoding="utf-8")
    code, out, err = cli(["check", "report.md"], tmp_path)
    assert code == 2
    assert err.strip().splitlines() == [
        f"错误：{tmp_path / '.gaonb-lint.toml'}:2: rule-packs: 找不到规则包 “packs/none.toml”（路径相对于 .gaonb-lint.toml 所在目录）"]


def test_pack_paths_are_relative_to_the_configuration_file(cli, tmp_path):
    write_project(tmp_path, GOOD_RULE, None)
    sub = tmp_path / "reports" / "2025"
    sub.mkdir(parents=True)
    (sub / "report.md").write_text(report_with(), encoding="utf-8")
    code, out, err = cli(["check", "--format", "json", "--select", "CX", "report.md"], sub)
    assert code == 1, err
    assert [d["code"] for d in json.loads(out)["diagnostics"]] == ["CX101"]


# -- regular expressions cannot hang a run ---------------------------------------------------

CATASTROPHIC = ('[pack]\nname = "p"\n\n[[rule]]\nslug = "nested"\ncode = "ZZ101"\nkind = "forbid"\n'
                'scope = "report"\npattern = "(a+)+$"\nregex = true\nmessage = { zh = "x" }\n')


def test_a_catastrophic_regex_finishes_within_a_second_on_a_1mb_report(tmp_path):
    from gaonb_lint.api import RuleContext
    from gaonb_lint.packs import load_pack
    from gaonb_lint.packs.rules import PackTimeout
    from gaonb_lint.readers.markdown import read_markdown

    (tmp_path / "p.toml").write_text(CATASTROPHIC, encoding="utf-8")
    rule = load_pack(str(tmp_path / "p.toml")).rules[0]
    text = report_with() + "\n" + "a" * (1024 * 1024) + "b\n"
    report = read_markdown("big.md", text)
    started = time.monotonic()
    with pytest.raises(PackTimeout):
        list(rule.check(report, RuleContext(rule, None)))
    assert time.monotonic() - started < 1.0


def test_a_catastrophic_regex_is_reported_and_the_other_rules_still_run(cli, tmp_path):
    write_project(tmp_path, CATASTROPHIC, report_with() + "\n" + "a" * (1024 * 1024) + "b\n")
    code, diags, err = check_json(cli, tmp_path, "--select", "ZZ101,fee-statement,plugin-error")
    assert code == 1
    assert [(d["code"], d["rule"]) for d in diags] == [("GL900", "plugin-error")]
    assert "运行超时" in diags[0]["message"] and "nested" in diags[0]["message"]


def test_a_catastrophic_regex_in_a_case_stops_the_load_quickly(cli, tmp_path):
    pack = CATASTROPHIC + '[[rule.case]]\ntext = "' + "a" * 5000 + 'b"\nfindings = 0\n'
    write_project(tmp_path, pack, report_with())
    started = time.monotonic()
    code, _, err = cli(["check", "report.md"], tmp_path)
    assert code == 2 and "运行超时" in err and err.startswith("错误：packs/local.toml:12: ")
    assert time.monotonic() - started < 10  # the start-up of a Python process, plus the 0.2 s budget


# -- pack rules are ordinary rules -----------------------------------------------------------

def test_pack_rules_in_rules_and_explain(cli, tmp_path):
    write_project(tmp_path, (EXAMPLES_DIR / "rule-packs" / "county-extras.toml").read_text(encoding="utf-8"))
    code, out, err = cli(["rules", "--format", "json"], tmp_path)
    assert code == 0, err
    listed = {r["code"]: r for r in json.loads(out)}
    assert listed["CX101"]["rule"] == "contact-line" and listed["CX101"]["plugin"] == "pack:county-extras"
    assert {"CX101", "CX102", "CX201", "CX301", "CX302", "CX401", "GL302"} <= set(listed)
    code, out, _ = cli(["explain", "CX201"], tmp_path)
    assert code == 0
    assert "# normative-document-name (CX201)" in out and "## How to fix" in out
    assert "`信息公开条例` → `政府信息公开条例`" in out
    # Outside the project, the pack is not there.
    code, out, _ = cli(["explain", "CX201"], tmp_path.parent)
    assert code == 2


SAMPLE = """\
# 某县人民政府2025年政府信息公开工作年度报告

本报告依据《信息公开条例》编制。

## 一、总体情况

全年新收政府信息公开申请XX件。
<!-- gaonb-lint-disable-next-line draft-placeholder -->
上年结转待补充。

## 六、其他需要报告的事项

本机关本年度未收取信息处理费。
"""


def test_select_suppression_severity_and_fix(cli, tmp_path):
    write_project(tmp_path, (EXAMPLES_DIR / "rule-packs" / "county-extras.toml").read_text(encoding="utf-8"),
                  SAMPLE, '[severity]\ncontact-line = "info"\n')
    code, diags, err = check_json(cli, tmp_path, "--select", "CX")
    assert code == 1, err
    got = [(d["line"], d["column"], d["code"], d["severity"]) for d in diags]
    assert got == [(3, 1, "CX101", "info"),       # severity override from the configuration
                   (3, 7, "CX201", "warning"),
                   (7, 13, "CX301", "error"),     # line 9's placeholder is suppressed
                   (11, 4, "CX102", "warning")]
    fix = diags[1]["fix"]
    assert fix == {"replacement": "政府信息公开条例", "safe": True, "line": 3, "column": 7,
                   "end_line": 3, "end_column": 13}
    code, diags, _ = check_json(cli, tmp_path, "--select", "draft-placeholder", "--lang", "en")
    assert [d["message"] for d in diags] == ["draft placeholder “XX” was not replaced"]
    code, diags, _ = check_json(cli, tmp_path, "--ignore", "CX101", "--select", "CX101,CX102")
    assert [d["code"] for d in diags] == ["CX102"]
    code, out, _ = cli(["check", "--select", "CX999", "report.md"], tmp_path)
    assert code == 2 and "“CX999”" in _


def test_text_output_and_statistics(cli, tmp_path):
    write_project(tmp_path, (EXAMPLES_DIR / "rule-packs" / "county-extras.toml").read_text(encoding="utf-8"),
                  SAMPLE)
    code, out, err = cli(["check", "--select", "CX", "--statistics", "report.md"], tmp_path)
    assert code == 1
    assert "report.md:7:13: CX301 [draft-placeholder] 错误：草稿占位符“XX”未替换为实际内容" in out
    assert "正文中残留草稿占位符" in out  # the statistics line names the rule's summary


def test_substitute_leaves_text_that_is_already_right_and_reports_one_finding_per_place(cli, tmp_path):
    pack = ('[pack]\nname = "p"\n\n[[rule]]\nslug = "names"\ncode = "ZZ101"\nkind = "substitute"\n'
            'scope = "report"\nmessage = { zh = "应为“{replacement}”" }\n[rule.replace]\n'
            '"规范性文件" = "行政规范性文件"\n"文件" = "公文"\n')
    report = report_with("制发规范性文件3件，行政规范性文件2件，其他文件1件。", "s1")
    write_project(tmp_path, pack, report)
    code, diags, _ = check_json(cli, tmp_path, "--select", "ZZ101")
    words = [report.split("\n")[d["line"] - 1][d["column"] - 1:d["end_column"] - 1] for d in diags]
    # 规范性文件 (once, not again as 文件); 行政规范性文件 is right; 其他文件 → 公文.
    assert words == ["规范性文件", "文件"]
    assert [d["fix"]["replacement"] for d in diags] == ["行政规范性文件", "公文"]


def test_literal_patterns_ignore_spaces_between_characters(cli, tmp_path):
    pack = GOOD_RULE.replace('kind = "require"', 'kind = "forbid"').replace('"preamble"', '"report"')
    write_project(tmp_path, pack, report_with("联 系\u3000电\xa0话", "s1"))
    code, diags, _ = check_json(cli, tmp_path, "--select", "CX101")
    assert [(d["line"], d["column"], d["end_column"]) for d in diags] == [(7, 16, 23)]


def test_the_example_pack_is_documented():
    page = (REPO_ROOT / "docs" / "rule-packs.md").read_text(encoding="utf-8")
    assert "examples/rule-packs/county-extras.toml" in page
    for kind in ("require", "forbid", "substitute"):
        assert f"`{kind}`" in page
    from gaonb_lint.packs.scopes import SCOPES as ALL_SCOPES

    for scope in ALL_SCOPES:
        assert f"`{scope}`" in page


def test_the_example_pack_on_the_examples(cli, tmp_path):
    """The shipped pack on the shipped reports, through the configuration in examples/rule-packs."""
    code, out, err = run_cli(["check", "--format", "json", "--select", "CX",
                              "--config", str(EXAMPLES_DIR / "rule-packs" / ".gaonb-lint.toml"),
                              str(EXAMPLES_DIR / "compliant-2025.md")], cwd=REPO_ROOT)
    assert err == ""
    codes = sorted(d["code"] for d in json.loads(out)["diagnostics"])
    # The compliant example gives no telephone number in its preamble; its section 六 does report
    # on 人大代表建议和政协提案.
    assert codes == ["CX101"]
