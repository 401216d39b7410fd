"""## 查什么
报出与官方栏目名文字相同、但标点不同的表格标签：用了英文的 `()` `:` `,` `"`，而格式要求中文全角的 `（）` `：` `，` 和弯引号 `“”`；或小项编号写成 `1、`/`1．`/`(1)`，而格式是 `1.`。标签内部的空格不报（原文常把标签分成几行）。级别为提示：两种写法读出的数字相同。如果单元格中正好只有这个标签，可以安全地自动修正为官方写法。

从网页抓取的纯文本（`.txt`，以及由它转换、在文首标明 `source-format: text` 的 Markdown）不检查：抓取时标点已被改动，这种差别不能说明发布的报告本身有问题。

## 为什么
抓取和重新录入常把全角标点变成半角。这不影响读数，但会使报告与格式原文不一致，有些审核人员会逐字比对。

## 格式依据
《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）：表二、表三、表四的栏目名按原文印刷，使用全角括号、冒号和逗号。

## 示例
```markdown
| (一)予以公开 | … |
```
报出：`表三（收到和处理政府信息公开申请情况）行标签 “(一)予以公开” 的标点与年报格式不同：应为 “（一）予以公开”`。

## 怎么改
按提示改用官方的标点（或使用自动修正）。

## What it does
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
