"""Inline suppression comments (Markdown only), run through the real ``check`` command."""
from __future__ import annotations

import pytest

from conftest import check_source

FOUNDATION = ["required-sections", "statistics-period", "fee-statement", "unused-suppression"]

# Two findings: 五 retitled (line 13, GL101) and no fee statement in 六 (line 17, GL302).
BASE = """# 某镇2025年政府信息公开工作年度报告

本报告中所列数据的统计期限为2025年1月1日至2025年12月31日。

## 一、总体情况

## 二、主动公开政府信息情况

## 三、收到和处理政府信息公开申请情况

## 四、政府信息公开行政复议、行政诉讼情况

## 五、存在问题及改进措施

部分信息更新不够及时。

## 六、其他需要报告的事项

无。
"""
LINE_FIVE, LINE_SIX = 13, 17


def lint(text, suffix=".md", select=FOUNDATION, args=()):
    return [(d["line"], d["code"], d["message"]) for d in check_source(text, suffix, select=select, args=args)]


def codes(found):
    return sorted((line, code) for line, code, _ in found)


def insert_before(text, line_no, comment):
    lines = text.split("\n")
    lines.insert(line_no - 1, comment)
    return "\n".join(lines)


def test_base_has_two_findings():
    assert codes(lint(BASE)) == [(LINE_FIVE, "GL101"), (LINE_SIX, "GL302")]
    assert check_source.last["code"] == 1


@pytest.mark.parametrize("name", ["fee-statement", "GL302", "gl302"])
def test_disable_next_line(name):
    text = insert_before(BASE, LINE_SIX, f"<!-- gaonb-lint-disable-next-line {name} -->")
    assert codes(lint(text)) == [(LINE_FIVE, "GL101")]


def test_disable_next_line_names_another_rule():
    text = insert_before(BASE, LINE_SIX, "<!-- gaonb-lint-disable-next-line required-sections -->")
    found = codes(lint(text))
    # Nothing of required-sections on the next line: the fee finding stays, and the comment is unused.
    assert found == [(LINE_FIVE, "GL101"), (LINE_SIX, "GL901"), (LINE_SIX + 1, "GL302")]


def test_disable_next_line_covers_only_the_next_line():
    text = insert_before(BASE, LINE_SIX - 1, "<!-- gaonb-lint-disable-next-line fee-statement -->")
    # The comment now sits two lines above the heading: nothing suppressed.
    assert (LINE_SIX + 1, "GL302") in codes(lint(text))


@pytest.mark.parametrize("name", ["required-sections", "GL101"])
def test_disable_line_on_a_heading(name):
    text = BASE.replace("## 五、存在问题及改进措施", f"## 五、存在问题及改进措施 <!-- gaonb-lint-disable-line {name} -->")
    found = lint(text)
    assert codes(found) == [(LINE_SIX, "GL302")]  # the comment is not part of the heading either


def test_disable_enable_block():
    text = insert_before(BASE, LINE_FIVE, "<!-- gaonb-lint-disable fee-statement required-sections -->")
    text = insert_before(text, LINE_SIX + 3, "<!-- gaonb-lint-enable -->")
    assert codes(lint(text)) == []
    assert check_source.last["code"] == 0


def test_block_ends_at_enable():
    # The block covers 五 only: the fee finding after the enable stays.
    text = insert_before(BASE, LINE_FIVE, "<!-- gaonb-lint-disable GL101,GL302 -->")
    text = insert_before(text, LINE_FIVE + 2, "<!-- gaonb-lint-enable -->")
    found = codes(lint(text))
    # GL302 in the comment suppressed nothing inside the block, so that part is reported unused.
    assert found == [(LINE_FIVE, "GL901"), (LINE_SIX + 2, "GL302")]


def test_enable_with_names_closes_only_those_blocks():
    text = insert_before(BASE, LINE_FIVE, "<!-- gaonb-lint-disable required-sections -->")
    text = insert_before(text, LINE_FIVE + 1, "<!-- gaonb-lint-disable fee-statement -->")
    text = insert_before(text, LINE_FIVE + 4, "<!-- gaonb-lint-enable required-sections -->")
    # fee-statement stays disabled to the end of the file.
    assert codes(lint(text)) == []


def test_block_without_enable_runs_to_end_of_file():
    text = insert_before(BASE, 3, "<!-- gaonb-lint-disable -->")
    assert codes(lint(text)) == []


@pytest.mark.parametrize("comment", ["<!-- gaonb-lint-disable-file fee-statement -->",
                                     "<!-- gaonb-lint-disable-file GL302 -->"])
def test_disable_file_by_name(comment):
    assert codes(lint(comment + "\n" + BASE)) == [(LINE_FIVE + 1, "GL101")]


def test_disable_file_anywhere_and_without_names():
    assert codes(lint(BASE + "\n<!-- gaonb-lint-disable-file -->\n")) == []


def test_unused_suppression_is_a_warning_that_fails_the_run():
    text = BASE.replace("无。", "本机关本年度未收取信息处理费。").replace("## 五、存在问题及改进措施", "## 五、存在的主要问题及改进情况")
    assert codes(lint(text)) == []
    text = insert_before(text, 3, "<!-- gaonb-lint-disable-next-line statistics-period -->")
    found = lint(text)
    assert codes(found) == [(3, "GL901")]
    (d,) = check_source(text, select=FOUNDATION)
    assert d["severity"] == "warning" and d["rule"] == "unused-suppression" and d["column"] == 1
    assert "<!-- gaonb-lint-disable-next-line statistics-period -->" in d["message"]
    assert check_source.last["code"] == 1


def test_unused_suppression_can_be_ignored():
    text = insert_before(BASE, 3, "<!-- gaonb-lint-disable-next-line statistics-period -->")
    assert "GL901" in {c for _, c in codes(lint(text))}
    assert "GL901" not in {c for _, c in codes(lint(text, args=["--ignore", "unused-suppression"]))}


def test_unknown_rule_in_suppression():
    text = insert_before(BASE, LINE_SIX, "<!-- gaonb-lint-disable-next-line fee-statment -->")
    found = lint(text)
    unknown = [f for f in found if f[1] == "GL901"]
    assert len(unknown) == 1 and unknown[0][0] == LINE_SIX
    assert "“fee-statment” 不存在" in unknown[0][2]
    assert (LINE_SIX + 1, "GL302") in codes(found)  # a misspelt name suppresses nothing


def test_suppression_for_a_rule_that_did_not_run_is_not_unused():
    text = insert_before(BASE, LINE_SIX, "<!-- gaonb-lint-disable-next-line fee-statement -->")
    assert codes(lint(text, select=["required-sections", "unused-suppression"])) == [(LINE_FIVE, "GL101")]


def test_english_messages_for_suppression_findings():
    text = insert_before(BASE, LINE_SIX, "<!-- gaonb-lint-disable-next-line nope -->")
    found = lint(text, args=["--lang", "en"])
    assert any("suppression names unknown rule “nope”" in m for _, c, m in found if c == "GL901")


def test_suppression_comments_only_in_markdown():
    plain = BASE.replace("## ", "")
    assert codes(lint(plain, ".txt")) == [(LINE_FIVE, "GL101"), (LINE_SIX, "GL302")]
    text = "<!-- gaonb-lint-disable-file -->\n" + plain
    # In scraped text the comment is just text: nothing is suppressed and nothing is "unused".
    assert codes(lint(text, ".txt")) == [(LINE_FIVE + 1, "GL101"), (LINE_SIX + 1, "GL302")]


# -- strict directives (issue 14) ----------------------------------------------------------------

@pytest.mark.parametrize("directive", ["gaonb-lint-disable-nextline", "gaonb-lint-disable-files",
                                       "gaonb-lint-disable-next-lines", "gaonb-lint-disable-file:",
                                       "gaonb-lint-Disable", "gaonb-lint-enables"])
def test_a_misspelt_directive_is_an_error_and_suppresses_nothing(directive):
    text = insert_before(BASE, LINE_FIVE, f"<!-- {directive} fee-statement -->")
    found = lint(text)
    assert codes(found) == [(LINE_FIVE, "GL901"), (LINE_FIVE + 1, "GL101"), (LINE_SIX + 1, "GL302")]
    (d,) = [d for d in check_source.last["json"]["diagnostics"] if d["code"] == "GL901"]
    assert d["severity"] == "error" and f"“{directive}”" in d["message"]
    assert check_source.last["code"] == 1


def test_a_reason_may_follow_two_dashes():
    text = insert_before(BASE, LINE_SIX, "<!-- gaonb-lint-disable-next-line fee-statement -- 收费说明见附件 -->")
    assert codes(lint(text)) == [(LINE_FIVE, "GL101")]


@pytest.mark.parametrize("name", ["FEE-STATEMENT", "Fee-Statement", "gl3", "GL30", "all"])
def test_rule_names_are_case_insensitive_and_codes_may_be_prefixes(name):
    text = insert_before(BASE, LINE_SIX, f"<!-- gaonb-lint-disable-next-line {name} -->")
    assert codes(lint(text)) == [(LINE_FIVE, "GL101")]


def test_a_stray_enable_is_reported():
    text = insert_before(BASE, 3, "<!-- gaonb-lint-enable fee-statement -->")
    found = lint(text)
    assert (3, "GL901") in codes(found)
    assert any("之前没有对应的 gaonb-lint-disable" in m for _, c, m in found if c == "GL901")


def test_enable_after_disable_is_not_stray():
    text = insert_before(BASE, LINE_SIX, "<!-- gaonb-lint-disable fee-statement -->")
    text = insert_before(text, LINE_SIX + 3, "<!-- gaonb-lint-enable fee-statement -->")
    assert codes(lint(text)) == [(LINE_FIVE, "GL101")]


def test_matching_findings_to_comments_grows_linearly():
    """Findings × comments before: directives are indexed by line, findings by rule."""
    from scaling import assert_linear

    from gaonb_lint import suppress
    from gaonb_lint.diagnostics import Diagnostic
    from gaonb_lint.host import load_host
    from gaonb_lint.model import Span
    from gaonb_lint.readers.markdown import read_markdown

    rules = load_host().all_rules()

    def run(n):
        text = "".join(f"第{i}段。\n<!-- gaonb-lint-disable-next-line fee-statement -->\n" for i in range(n))
        text += "<!-- gaonb-lint-disable fee-statement -->\n" * n
        report = read_markdown("r.md", text)
        diags = [Diagnostic("r.md", Span(2 * i + 1, 1, 2 * i + 1, 2), "GL302", "fee-statement", "error", "m")
                 for i in range(n)]
        return suppress.apply(report, diags, rules, "zh")

    assert_linear(run, 20)
