"""prose-numbers (GL401): the counts the prose states against the tables.  The statement patterns
were built from sentences of real published reports (source named with each); the sentences that
must not be read are real too."""
from __future__ import annotations

import importlib

import pytest

from conftest import EXAMPLES_DIR, lint_text

prose_numbers = importlib.import_module("gaonb_lint_rules.prose_numbers")

# (sentence, where it was published, the statements read from it)
READ = [
    ("2025年,共收到政府信息公开申请4件,其中自然人申请3件、法人或其他组织申请1件。",
     "seed 002 (佛冈县汤塘镇 2025)", [("new", 4)]),
    ("2024年,大云镇全年共收到依申请公开件1件,已按期答复1件,无转结下年度继续办理件。",
     "tests/fixtures/real r004 (嘉善县大云镇 2024)", [("new", 1)]),
    ("因政府信息公开申请引发行政复议2件,引发行政诉讼1件。",
     "tests/fixtures/real r012 (瑞安市塘下镇 2024)", [("review", 2), ("litigation", 1)]),
    ("2021年,我局收到政府信息依申请公开办理事项1件,已在规定时间内办结。",
     "tests/fixtures/real r014 (来凤县数据局 2021)", [("new", 1)]),
    ("全年新收政府信息公开申请13件，上年结转1件，均在法定期限内答复。", "examples/compliant-2025.md",
     [("new", 13), ("carried", 1)]),
    ("本年度共收到政府信息公开申请15件，已办结13件，结转下年度继续办理2件。", "the usual three-number summary",
     [("new", 15), ("concluded", 13), ("forward", 2)]),
]

# Real sentences that state other quantities, or this quantity for a part, another year or other bodies.
NOT_READ = [
    ("2025年，我镇接办依申请公开件0件；未收到投诉举报情况，没有行政复议及行政诉讼情况。",
     "seed 004 (东温泉镇 2025): 接办 is not one of the verbs, and no number for 复议/诉讼"),
    ("全年共收到市民留言15条,均全部办结,办结率100%,切实解决了一批群众急难愁盼问题。", "seed 002: 留言, not applications"),
    ("通过“民呼我为”、政务新媒体回应群众政策咨询等29件事,有效保障了人民群众的知情权。", "seed 004: 咨询"),
    ("本年度,共受理政府信息公开申请2件,都在法定期限内予以答复。",
     "长春市体育局 2023 (js.changchun.gov.cn): 受理, whose table says 新收 3"),
    ("2023年,区政府办共受理政府信息公开申请0件。", "佳木斯市向阳区 2023 (www.xyq.gov.cn): 受理"),
    ("2022年,全区各职能部门、镇街共收到政府信息依申请公开1499件。", "a district summary: other bodies"),
    ("共完成政府信息依申请公开答复1453件,包括上年结转信息公开申请30件。", "the same district: a total with carried-over"),
    ("2024年,我镇依申请公开请求9件,其中网络平台收到3件,线下邮件收到1件,协助5件,都妥善答复。",
     "tests/fixtures/real r012: channels (其中)"),
    ("2023年,共办理政府12345热线47件,已全部办结,回复率和满意率均达100%。", "a 2023 bureau report: 12345 hotline"),
    ("2023年未产生因政府信息公开申请提请的行政复议和行政诉讼案件。", "佳木斯市向阳区 2023: no number"),
    ("主动公开市政府规章13件(含新制定5件,修改4件,废止4件)。", "上海市 2022: table 二 quantities are not read"),
    ("2024年收到政府信息公开申请10件。", "another year than the report's (2025)"),
    ("共收到政府信息公开申请5件（含上年结转1件）。", "a total that includes carried-over applications"),
    ("全年办理行政复议案件120件。", "a 司法局's own reconsiderations: not about 政府信息公开"),
    ("因政府信息公开引起的行政复议和行政诉讼共2件。", "one number for both"),
    ("较上年收到政府信息公开申请增加3件。", "a change, not a count"),
]


def _year(sentence: str) -> int:
    """The year of the report a sentence comes from: the year it names first, else 2025."""
    return int(sentence[:4]) if sentence[:4].isdigit() else 2025


@pytest.mark.parametrize("sentence,source,expected", READ, ids=[s for _, s, _ in READ])
def test_statements_read_from_real_sentences(sentence, source, expected):
    got = list(prose_numbers.statements(sentence, 0, _year(sentence)))
    assert [(s.key, s.value) for s in got] == expected
    assert all(sentence[s.start:s.end] == str(s.value) for s in got)


@pytest.mark.parametrize("sentence,why", NOT_READ, ids=[w for _, w in NOT_READ])
def test_sentences_that_must_not_be_read(sentence, why):
    year = 2025 if sentence.startswith("2024年收到") else _year(sentence)
    assert list(prose_numbers.statements(sentence, 0, year)) == []


COMPLIANT = (EXAMPLES_DIR / "compliant-2025.md").read_text(encoding="utf-8")
PROSE = "全年新收政府信息公开申请13件，上年结转1件，均在法定期限内答复。"
assert PROSE in COMPLIANT


def _with(prose: str) -> str:
    return COMPLIANT.replace(PROSE, prose)


def _findings(text: str, lang: str = "zh"):
    return [(d["line"], d["column"], d["message"]) for d in lint_text(text, rules=["prose-numbers"], lang=lang)]


def test_the_examples_agree():
    assert _findings(COMPLIANT) == []


def test_every_quantity_that_agrees_passes():
    prose = ("本年度共收到政府信息公开申请13件，上年结转1件，办结13件，结转下年度继续办理1件。"
             "因政府信息公开申请引发行政复议1件、行政诉讼2件。")
    assert _findings(_with(prose)) == []


def test_a_new_count_that_differs_is_reported_at_the_number():
    text = _with("全年新收政府信息公开申请15件，上年结转1件，均在法定期限内答复。")
    assert _findings(text) == [(22, 13, "正文称本年新收政府信息公开申请 15 件，表三为 13")]
    assert _findings(text, "en") == [(22, 13, "the prose states 15 new applications, table 三 has 13")]


@pytest.mark.parametrize("prose,column,message", [
    ("本年度收到政府信息公开申请13件，上年结转2件。", 22, "正文称上年结转政府信息公开申请 2 件，表三为 1"),
    ("本年度收到政府信息公开申请13件，办结12件。", 20, "正文称办结政府信息公开申请 12 件，表三为 13"),
    ("本年度收到政府信息公开申请13件，结转下年度继续办理3件。", 27, "正文称结转下年度继续办理 3 件，表三为 1"),
    ("本年度发生政府信息公开行政复议2件。", 16, "正文称政府信息公开行政复议 2 件，表四为 1"),
    ("本年度发生政府信息公开行政诉讼1件。", 16, "正文称政府信息公开行政诉讼 1 件，表四为 2"),
])
def test_each_quantity_that_differs(prose, column, message):
    assert _findings(_with(prose)) == [(22, column, message)]


def test_sub_counts_other_years_and_other_bodies_are_not_compared():
    prose = ("2025年,共收到政府信息公开申请13件,其中自然人申请9件。2024年收到政府信息公开申请10件。"
             "全镇各单位共收到政府信息公开申请30件。")
    assert _findings(_with(prose)) == []


def test_no_comparison_with_a_cell_that_does_not_add_up():
    """mistakes-2025.md has 总计 14 where its columns add up to 13: balance reports that cell,
    and the prose's 13 is not a second finding of the same cause."""
    mistakes = (EXAMPLES_DIR / "mistakes-2025.md").read_text(encoding="utf-8")
    assert PROSE in mistakes
    assert _findings(mistakes) == []


def test_no_table_no_finding():
    text = "# 某镇人民政府2025年政府信息公开工作年度报告\n\n## 一、总体情况\n\n" + PROSE + "\n"
    assert _findings(text) == []
