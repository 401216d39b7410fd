"""## What it does
Reports table labels that match the official label in words but not in punctuation: ASCII
`()` `:` `,` `"` for the format's full-width `（）` `：` `，` and curly quotes `“”`, or `1、`/`1．`/`(1)`
for the sub-item number `1.`. Whitespace inside a label is not reported (sources split labels
over lines). Info severity: the numbers are read the same either way. A safe fix replaces the
label with the official text when the source cell holds exactly that label.

Scraped plain text (`.txt`, and Markdown converted from it, marked `source-format: text` in its
front matter) is not checked: scraping folds the page's punctuation, so the difference says
nothing about the report as published.

## Why
Scraping and retyping fold full-width punctuation to ASCII. The difference is harmless for
reading but makes the report differ from the format text, which some reviewers check verbatim.

## Format clause
《中华人民共和国政府信息公开工作年度报告格式》(国办公开办函〔2021〕30号): the labels of tables 二, 三 and 四
as printed, with full-width brackets, colon and comma.

## Example
```markdown
| (一)予以公开 | … |
```
is reported: `表三（收到和处理政府信息公开申请情况）行标签 “(一)予以公开” 的标点与年报格式不同：应为 “（一）予以公开”`.

## How to fix
Use the official punctuation from the message (or apply the fix).
"""
from __future__ import annotations

from gaonb_lint.api import Fix, Rule

# Scraping folds punctuation: in such a source the report's own punctuation is unknown.
SCRAPED = "text"


def check(report, ctx):
    from gaonb_lint.api.tables import LABEL_AXIS_NAMES, locate_tables, table_name

    if SCRAPED in (report.source_format, report.metadata.get("source-format")):
        return
    version = ctx.format.id
    for kind, lt in locate_tables(report, ctx.format).items():
        mt = lt.mapped
        if mt is None or mt.recognised == 0:
            continue
        for p in mt.label_problems:
            if p.kind != "punctuation":
                continue
            what_zh, what_en = LABEL_AXIS_NAMES[p.axis]
            fix = None
            if p.cell is not None and report.text[p.cell.start:p.cell.end] == p.cell.text:
                fix = Fix(p.cell.start, p.cell.end, p.expected, safe=True)
            yield ctx.finding((p.start, p.end), "punctuation", fix=fix,
                              table_zh=table_name(kind, version, "zh"), table_en=table_name(kind, version, "en"),
                              what_zh=what_zh, what_en=what_en, found=p.found, expected=p.expected)


RULE = Rule(
    slug="exact-label-punctuation",
    code="GL204",
    summary={"zh": "统计表标签的标点与年报格式一致（全角括号、冒号、逗号，弯引号）",
             "en": "table labels use the format's punctuation (full-width brackets, colon, comma; curly quotes)"},
    messages={
        "punctuation": {"zh": "{table_zh}{what_zh} “{found}” 的标点与年报格式不同：应为 “{expected}”",
                        "en": "{table_en}: {what_en} “{found}” differs from the format in punctuation only: "
                              "expected “{expected}”"},
    },
    check=check,
    doc=__doc__,
    severity="info",
)
