"""## What it does
Checks that the report ends with its 落款: the issuing body and the date, such as
`某县人民政府办公室` and `2026年1月20日` on the last lines.

## Why
The county publishes the report as an official document; a report without 落款 is sent back by
the county's publication review.

## Format clause
None of the national format: a local requirement for documents published on the county portal.

## Example
A report whose last paragraph is `本机关本年度未收取信息处理费。` is reported at that paragraph.

## How to fix
Add the issuing body and the date of issue as the last two lines.
"""
from __future__ import annotations

import re

from gaonb_lint.api import Heading, Paragraph, Rule

DATE = re.compile(r"^\s*(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*$")


def check(report, ctx):
    blocks = [b for b in report.all_blocks() if isinstance(b, (Heading, Paragraph)) and b.text.strip()]
    if not blocks or not report.sections:
        return
    if any(DATE.match(b.text) for b in blocks[-3:]):
        return
    yield ctx.finding(blocks[-1], "missing")


RULE = Rule(
    slug="signature-line",
    code="XC101",
    severity="warning",
    summary={"zh": "报告末尾应有落款（发布机关和日期）", "en": "the report ends with the issuing body and date"},
    messages={"missing": {"zh": "报告末尾缺少落款日期（如“2026年1月20日”）",
                          "en": "the report does not end with a date of issue (e.g. “2026年1月20日”)"}},
    check=check,
    doc=__doc__,
)
