"""## 查什么
把正文中写出的数量与表格中的数值对照，正文的数与表格不同时报出。只读下列说法，而且只在该分句明确说的是本机关、本年度的这个数量时才读：
`新收/收到/接收/受理…政府信息公开申请 N 件`（表三 `一、本年新收政府信息公开申请数量` 的 `总计`）、`上年结转 N 件`（表三 `二、上年结转…`）、`办结 N 件`（表三 `（七）总计`）、`结转下年度（继续办理）N 件`（表三 `四、结转下年度继续办理`）、`行政复议 N 件`（表四 `行政复议` 的 `总计`）、`行政诉讼 N 件`（表四 `未经复议直接起诉` 与 `复议后起诉` 的 `总计` 之和）。
说的是一部分（`其中`、`通过网络…`、`自然人申请 3 件`）、别的年度（`上年`、`去年`、`同比`、`较`、`累计`、其他年份）、别的机关（`全区`、`各部门`、`各镇街`；政府办公室 `区政府办代表区政府受理…`，除非本报告就是该办公室的——人民政府报告的表格统计的是全辖区）、含上年结转的合计（`（含上年结转 1 件）`），或与政府信息公开无关的复议诉讼时，不读，也就不报。单位必须是 `件`，数字必须是阿拉伯数字。信息处理费不比：2021 年版格式的表格中没有这个金额。表格读不准、或该格所在的勾稽关系不成立（由 `balance` 报出）时不比。

## 为什么
审核人员首先对照正文与表格：正文写 `共收到申请15件`，表格却是 13，会被退回。差异通常来自统计数字定稿前写好的草稿。

## 格式依据
国办公开办函〔2021〕30号：第一部分概述全年工作，表三、表四给出统计数，两者应一致（2019 年版格式相同）。

## 示例
正文 `本年度共收到政府信息公开申请15件，上年结转1件。`，表三 `一、本年新收政府信息公开申请数量` 的 `总计` 为 13：在 `15` 处报出 `正文称本年新收政府信息公开申请 15 件，表三为 13`。

## 怎么改
核对原始统计，改正正文或表格中错的那一个。

## What it does
Compares the counts the prose states with the values of the tables, and reports a sentence whose
number differs from the table. Only these statements are read, and only when the clause
unambiguously states that quantity for this report's body and year:

| the prose says | the table value |
|---|---|
| `新收/收到/接收/受理…政府信息公开申请 N 件` (or `依申请公开件`, `依申请公开政府信息`) | table 三, `一、本年新收政府信息公开申请数量`, `总计` |
| `上年结转…申请 N 件`, `上年结转 N 件` | table 三, `二、上年结转政府信息公开申请数量`, `总计` |
| `办结…申请 N 件` | table 三, `（七）总计`, `总计` |
| `结转下年度（继续办理）N 件` | table 三, `四、结转下年度继续办理`, `总计` |
| `行政复议 N 件` | table 四, `行政复议` `总计` |
| `行政诉讼 N 件` | table 四, `未经复议直接起诉` `总计` + `复议后起诉` `总计` |

A clause is skipped (no finding, ever) when it is about a part or another scope: a sub-count
(`其中`, a channel `通过网络…`, an applicant kind `自然人申请 3 件`), another period (`上年`,
`去年`, `同比`, `较`, `累计`, a year other than the report's), other bodies (`全区`, `各部门`, `各镇街`;
a government's office, `区政府办代表区政府受理…`, unless the report is that office's own: a
government's tables count its whole area), a
total that includes carried-over applications (`（含上年结转 1 件）`), or 行政复议/行政诉讼 not about
政府信息公开 (a 司法局 handles reconsiderations as its business). `受理` is read as 新收, as most
reports use it. The unit must be `件` (`0条`, `8份` are not read), the number Arabic digits (`三件`
is not), and a count stated without a digit (`无…件`, `未出现…`) is not read. The fee
(`信息处理费 N 元`) is not compared: no table of the 2021 format holds it.

## Why
Reviewers compare the prose with the tables first: a report that says `共收到申请15件` above a table
of 13 is sent back. The difference usually comes from a draft written before the statistics
were final.

## Format clause
国办公开办函〔2021〕30号: section 一 summarises the year, tables 三 and 四 give the statistics; the
two must agree (the same in the 2019 format).

## Example
```text
一、总体情况
本年度共收到政府信息公开申请15件，上年结转1件。
```
with table 三 `一、本年新收政府信息公开申请数量` `总计` 13 is reported at `15`:
`正文称本年新收政府信息公开申请 15 件，表三为 13`.

## How to fix
Correct whichever is wrong: the prose or the table (check the source statistics).
"""
from __future__ import annotations

import re
from typing import Iterator, List, NamedTuple, Optional, Tuple

from gaonb_lint.api import Paragraph, Rule

NUMBER = r"(?P<n>[0-9０-９]+)"
APPLICATION = (r"(?:(?:政府)?信息公开申请|(?:政府信息)?依申请公开(?:政府信息)?(?:申请|件|请求|办理事项|事项|案件)?"
               r"|政府信息公开(?=(?:共|共计|合计|总计|计)?[0-9０-９]+件))")
# Each quantity: its name in messages, the table and cells holding it, and the statements of it.
# The number must follow the noun closely: `收到政府信息公开申请（共）13件`.
QUANTITIES = (
    ("new", ("本年新收政府信息公开申请", "new applications"), "applications",
     (("一、本年新收政府信息公开申请数量", "总计"),),
     re.compile(r"(?:新收|收到|接收|受理)(?:到|了)?(?:各类|群众|社会公众)?(?:的)?" + APPLICATION + r"(?:共|共计|合计|总计|计)?"
                + NUMBER + r"件")),
    ("carried", ("上年结转政府信息公开申请", "applications carried over from last year"), "applications",
     (("二、上年结转政府信息公开申请数量", "总计"),),
     re.compile(r"上年(?:度)?结转(?:的)?(?:" + APPLICATION + r"|申请)?(?:共|共计|合计)?" + NUMBER + r"件")),
    ("concluded", ("办结政府信息公开申请", "applications concluded"), "applications",
     (("（七）总计", "总计"),),
     re.compile(r"办结(?:了)?(?:" + APPLICATION + r")?(?:共|共计|合计)?" + NUMBER + r"件")),
    ("forward", ("结转下年度继续办理", "applications carried over to next year"), "applications",
     (("四、结转下年度继续办理", "总计"),),
     re.compile(r"结转(?:至|到)?下(?:一)?年度?(?:继续)?(?:办理)?(?:的)?(?:" + APPLICATION + r"|申请)?(?:共|共计|合计)?"
                + NUMBER + r"件")),
    ("review", ("政府信息公开行政复议", "administrative reconsiderations"), "reviews",
     (("行政复议", "总计"),),
     re.compile(r"行政复议(?:案件|申请)?(?:共|共计|合计)?" + NUMBER + r"(?:件|起)")),
    ("litigation", ("政府信息公开行政诉讼", "administrative lawsuits"), "reviews",
     (("未经复议直接起诉", "总计"), ("复议后起诉", "总计")),
     re.compile(r"行政诉讼(?:案件)?(?:共|共计|合计)?" + NUMBER + r"(?:件|起)")),
)

_CLAUSE = re.compile(r"[^，,；;。！？!?\n]+")
_SENTENCE = re.compile(r"[^；;。！？!?\n]+")
# A clause about a part, another period, other bodies or a total with carried-over applications.
_NOT_THIS = re.compile(r"其中|通过|网络|信函|当面|邮寄|自然人|法人|上年(?!度?结转)|去年|上一年|同比|较|累计|历年|"
                       r"[含包]括?上年")
# A sentence about other bodies than the report's: every clause of it is.
_OTHER_BODIES = re.compile(r"各(?:职能)?部门|各镇|各街道|各乡|各单位|各级|全区|全市|全县|全省|全州|全旗")
# A government's office (`区政府办代表区政府受理…`, `市政府办公室收到…`) is a body of its own: its count
# is the table's only in its own report (a body named …办公室/办公厅/政府办). A government's tables
# count its whole area (`全市共受理…3119件` beside a table of 3119), so there it is a part.
_GOVERNMENT_OFFICE = re.compile(r"政府办(?:公室|公厅)?")
_OFFICE_BODY = re.compile(r"(?:办公室|办公厅|政府办)$")
_YEAR = re.compile(r"([0-9]{4})\s*年")
_ABOUT_APPLICATIONS = re.compile(r"信息公开申请|依申请公开|申请公开|(?:受理|收到)政府信息公开")
_ABOUT_DISCLOSURE = re.compile(r"信息公开|依申请公开")
# A clause that joins the two (`行政复议和行政诉讼共2件`) states one number for both.
_JOINED = re.compile(r"行政复议[和与及、]行政诉讼|行政诉讼[和与及、]行政复议")


class Statement(NamedTuple):
    key: str
    value: int
    start: int  # offsets of the number in Report.text
    end: int


def _digits(text: str) -> int:
    return int(text.translate(str.maketrans("０１２３４５６７８９", "0123456789")))


def _clause_is_this_year_and_body(clause: str, year: Optional[int], office_report: bool = True) -> bool:
    years = {int(y) for y in _YEAR.findall(clause)}
    if years and (year is None or years != {year}):
        return False
    if not office_report and _GOVERNMENT_OFFICE.search(clause):
        return False
    return not _NOT_THIS.search(_YEAR.sub("", clause))


def is_office_report(body: Optional[str]) -> bool:
    """Whether the report is a government office's own (its body named …办公室/办公厅/政府办)."""
    return bool(body and _OFFICE_BODY.search(body.strip()))


def statements(text: str, offset: int, year: Optional[int], office_report: bool = True) -> Iterator[Statement]:
    """The counts a paragraph states unambiguously, with their positions (offsets of ``text`` + ``offset``).
    ``office_report``: the report is a government office's own, so a clause naming that office
    (``市政府办公厅代表市政府共受理…``) states its count; otherwise such a clause is not read."""
    for sentence in _SENTENCE.finditer(text):
        whole = sentence.group()
        if _OTHER_BODIES.search(whole):
            continue
        about_applications = bool(_ABOUT_APPLICATIONS.search(whole))
        about_disclosure = bool(_ABOUT_DISCLOSURE.search(whole))
        for clause in _CLAUSE.finditer(whole):
            body = clause.group()
            if not _clause_is_this_year_and_body(body, year, office_report):
                continue
            base = offset + sentence.start() + clause.start()
            for key, _, table, _, pattern in QUANTITIES:
                if table == "applications" and not about_applications:
                    continue
                if table == "reviews" and (not about_disclosure or _JOINED.search(body)):
                    continue
                for m in pattern.finditer(body):
                    yield Statement(key, _digits(m.group("n")), base + m.start("n"), base + m.end("n"))


def _table_value(located, table: str, cells, version: str) -> Optional[int]:
    """The table's value for ``cells`` (summed), or ``None`` when it cannot be trusted: the table
    is missing or unreadable, a cell is missing, or a cell is in a relation that does not add up
    (the ``balance`` rule reports that one cause; the prose may well be right)."""
    lt = located.get(table)
    mapped = lt.mapped if lt is not None else None
    if mapped is None or not mapped.readable:
        return None
    doubtful = set()
    for violation in mapped.violations():
        doubtful.update(violation.instance.cells())
    total = 0
    for row, col in cells:
        cell = mapped.get(row, col)
        if cell is None or cell.parsed.problem_zh or (row, col) in doubtful:
            return None
        number = cell.number()
        if number is None:
            if not cell.parsed.blank:
                return None
            number = 0  # a blank cell counts as 0, as in the table relations
        total += number
    return total


def check(report, ctx):
    from gaonb_lint.api.tables import locate_tables

    found: List[Tuple[Statement, Paragraph]] = []
    for block in report.all_blocks():
        if isinstance(block, Paragraph):
            found.extend((s, block) for s in statements(report.text[block.start:block.end], block.start, report.year,
                                                        is_office_report(report.body)))
    if not found:
        return
    located = locate_tables(report, ctx.format)
    by_key = {q[0]: q for q in QUANTITIES}
    for statement, _ in found:
        key, (name_zh, name_en), table, cells, _ = by_key[statement.key]
        expected = _table_value(located, table, cells, ctx.format.id)
        if expected is None or expected == statement.value:
            continue
        yield ctx.finding((statement.start, statement.end), "differs", stated=statement.value, table_value=expected,
                          quantity_zh=name_zh, quantity_en=name_en, table=("三" if table == "applications" else "四"))


RULE = Rule(
    slug="prose-numbers",
    code="GL401",
    summary={"zh": "正文所述申请数、复议诉讼数与表格一致", "en": "the counts stated in the prose equal the tables"},
    messages={"differs": {
        "zh": "正文称{quantity_zh} {stated} 件，表{table}为 {table_value}",
        "en": "the prose states {stated} {quantity_en}, table {table} has {table_value}"}},
    check=check,
    doc=__doc__,
)
