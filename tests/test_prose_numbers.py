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
    # Collected by the real-corpus work (/work/team/notes/prose-sentences.md); rNNN = tests/fixtures/real.
    ("2024年,区统计局新收到依申请公开政府信息5件,上年结转申请0件,结转下年度继续办理0件。", "r041:7",
     [("new", 5), ("carried", 0), ("forward", 0)]),
    ("2025年,我市共受理群众政府信息公开申请54件,按时办结54件,办理上年结转2件。", "r031:5",
     [("new", 54), ("concluded", 54), ("carried", 2)]),
    # No 申请 in this sentence: its 结转下年度 is not read (the sentence before has the counts).
    ("其中予以公开45件,部分公开4件,属于国家秘密1件,结转下年度办理1件,因政府信息公开引发行政复议2件。", "r031:5",
     [("review", 2)]),
    ("2024年,我局共受理政府信息公开1件,办结1件。", "r040:4", [("new", 1), ("concluded", 1)]),
    ("本年度,共受理政府信息公开申请2件,都在法定期限内予以答复。", "r018:3 (its table 三 says 3)", [("new", 2)]),
    ("本单位2022年度共受理信息公开申请1件。", "r011:11", [("new", 1)]),
    ("2021年度,市政府及政府办共受理政府信息依申请公开7件,", "r015:4", [("new", 7)]),
    ("全年共收到依申请公开共9件,全部及时分发到责任科室予以办理,未出现行政复议、行政诉讼等现象。", "r044:4",
     [("new", 9)]),
    ("市政府办公厅代表市政府共受理政府信息公开申请859件。", "上海市政府办公厅 2019", [("new", 859)]),
    ("信息公开类行政复议7件,诉讼9件,均获维持。", "上海市政府办公厅 2019 (诉讼 alone is not read)",
     [("review", 7)]),
    ("2022年我镇全年共收到依申请公开0件,公开0件,不予公开0件,因政府信息依申请公开引起行政复议0件,行政诉讼0件。",
     "r058:7", [("new", 0), ("review", 0), ("litigation", 0)]),
    ("全年共收到政府信息公开申请16件,均在法定时限内完成答复,答复率100%。", "r049:5", [("new", 16)]),
    ("2023年我乡收到依申请公开件1件,均在规定时间内规范答复,未出现被行政诉讼、行政复议情况。", "r061:8", [("new", 1)]),
    ("2025年共收到政府信息公开申请0件次。", "r052:7", [("new", 0)]),
]

# Real sentences that state other quantities, or this quantity for a part, another year or other bodies.
NOT_READ = [
    ("2025年，我镇接办依申请公开件0件；未收到投诉举报情况，没有行政复议及行政诉讼情况。",
     "seed 004 (东温泉镇 2025): 接办 is not one of the verbs, and no number for 复议/诉讼"),
    ("全年共收到市民留言15条,均全部办结,办结率100%,切实解决了一批群众急难愁盼问题。", "seed 002: 留言, not applications"),
    ("通过“民呼我为”、政务新媒体回应群众政策咨询等29件事,有效保障了人民群众的知情权。", "seed 004: 咨询"),
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
    ("今年以来受理办结部门信箱留言1条,已按时办结。", "r003:15: mailbox messages"),
    ("2025年市长信箱办理群众来件197件,受理承办12345政务服务便民热线诉求共计22050件,已办结22050件。",
     "r031:3: hotline requests"),
    ("办理12345政务服务热线来件183件、网络问政平台办件2件。办理人大代表建议和答复1件、政协提案和答复0件。",
     "r002:6: hotline items, NPC/CPPCC proposals"),
    ("2024年1-12月,落水镇依申请公开信息0条。", "r001:20: 条 of information"),
    ("其中主动公开政府信息17条,作为依申请公开信息数28条,不予公开信息数8条。", "r015:3: items of information"),
    ("2020年度和平街道发生依申请公开1次。", "r024:23: 次"),
    ("涉及复议0件,诉讼0件,无被纠错和败诉。", "r004:1: 复议/诉讼 without 行政 are not read"),
    ("“县长信箱”共受理有效信件3件,已办结3件,办结率100%。", "r060:4: mailbox letters"),
    ("2023年我乡受理依申请公开政府信息数量共计0条。", "r064:5: 条"),
    ("2022年,区政府办公室共收到8份政府信息公开申请,均为自然人申请。", "r066:50: 份, number before the noun"),
    ("2025年,全市各级行政机关共受理政府信息公开申请449件,结转下年度继续办理7件。",
     "r030:13: a city's summary of all its bodies, every clause of the sentence"),
    ("答复政府信息公开申请805件(含上年度结转申请18件,另有72件申请按照《条例》顺延到下年度答复)。",
     "上海市政府办公厅 2019: a total that includes carried-over applications"),
    ("较2024年增加3722件,增长20.31%。", "r031:3: a year-on-year difference"),
]


def _year(sentence: str) -> int:
    """The year of the report a sentence comes from: the year it names first, else 2025."""
    import re

    m = re.search(r"([0-9]{4})年", sentence)
    return int(m.group(1)) if m else 2025


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


# 淮安市洪泽区人民政府 2024 (tests/fixtures/real/r102, line 6): the government's office, acting for it.
OFFICE = "2024年，区政府办代表区政府受理政府信息公开申请17件，均已在法定期限内予以答复。"


def test_a_government_office_states_its_own_count_read_only_in_its_own_report():
    # A government's tables count its whole area (淮安市 2024, r103: 「全市共受理…3119件」 beside a
    # table of 3119): in the government's report the office's count is a part.
    assert [(s.key, s.value) for s in prose_numbers.statements(OFFICE, 0, 2024, office_report=True)] == [("new", 17)]
    assert list(prose_numbers.statements(OFFICE, 0, 2024, office_report=False)) == []
    assert prose_numbers.is_office_report("上海市人民政府办公厅") and prose_numbers.is_office_report("某区政府办")
    assert not prose_numbers.is_office_report("淮安市洪泽区人民政府") and not prose_numbers.is_office_report(None)
    prose = OFFICE.replace("2024", "2025").replace("17件", "15件")
    government = _with(prose)  # 青禾镇人民政府's report, table 三 13
    assert _findings(government) == []
    office = government.replace("body: 青禾镇人民政府", "body: 青禾镇人民政府办公室")
    assert [m for _, _, m in _findings(office)] == ["正文称本年新收政府信息公开申请 15 件，表三为 13"]
