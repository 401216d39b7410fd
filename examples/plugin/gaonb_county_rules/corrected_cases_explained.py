"""## What it does
Reads table 四 (行政复议、行政诉讼): when any `结果纠正` cell is above 0 — a review body or a court
corrected one of our decisions on a disclosure request — section `五、存在的主要问题及改进情况`
must say so (it names `复议` or `诉讼` or `纠正`).

## Why
The county's assessment rules ask every body whose disclosure decision was corrected to report the
cause and the remedy among its problems, not only as a number in the table.

## Format clause
None of the national format: a local requirement of the county's annual assessment. Table 四 and
section 五 are those of 国办公开办函〔2021〕30号.

## Example
Table 四 shows `结果纠正` 1 under `行政复议`, and section 五 speaks only of staff training: reported
at that cell.

## How to fix
Add to section 五 a sentence on the corrected case: what was wrong and what was changed.
"""
from __future__ import annotations

import re

from gaonb_lint.api import Rule

REVIEW_COLUMNS = ("行政复议", "未经复议直接起诉", "复议后起诉")
MENTION = re.compile(r"复议|诉讼|纠正|纠错")


def check(report, ctx):
    from gaonb_lint.api.tables import locate_tables

    located = locate_tables(report, ctx.format)
    reviews = located["reviews"].mapped
    if reviews is None or not reviews.readable:
        return  # no table 四, or one that could not be read: other rules say so
    corrected = [(row, reviews.get(row, "结果纠正")) for row in REVIEW_COLUMNS]
    corrected = [(row, cell) for row, cell in corrected if cell is not None and (cell.number() or 0) > 0]
    if not corrected:
        return
    section = next((s for s in report.sections if s.number == "五"), None)
    if section is None:
        return  # required-sections reports the missing section
    if MENTION.search(section.text()):
        return
    row, cell = corrected[0]
    yield ctx.finding(cell.where, "unexplained", row=row, count=cell.number())


RULE = Rule(
    slug="corrected-cases-explained",
    code="XC201",
    severity="warning",
    summary={"zh": "复议、诉讼被纠正的案件应在“五、存在的主要问题及改进情况”中说明",
             "en": "corrected review or litigation cases are explained in section 五"},
    messages={"unexplained": {
        "zh": "表四“{row}”有 {count} 件结果纠正，应在“五、存在的主要问题及改进情况”中说明原因和整改措施",
        "en": "table 四 shows {count} corrected case(s) under “{row}”; section 五 should explain the cause and the remedy"}},
    check=check,
    doc=__doc__,
)
