"""## 查什么
检查第二、三、四部分是否各有其法定统计表：表二（主动公开政府信息情况，即第二十条各栏）、表三（收到和处理政府信息公开申请情况，按申请人类型分列）、表四（政府信息公开行政复议、行政诉讼情况）。一个部分的表，是该部分（按标题认定，编号改了也算）中的第一张表。缺表的，在该部分标题处报出；该处有表、但没有任何官方栏目名的，报出“不是法定的统计表”。

整个部分都缺失的，交给 `required-sections` 报。“缺表”指完全找不到表的痕迹：如果该部分文字中有表的栏目名、只是无法读成表格（例如被抓取程序和正文连在一起），由 `table-unreadable` 报出；文本在某一部分中结束的（可能是被截断了），该部分不报。

## 为什么
这三张表是每份报告可比的核心，审核和汇总都从表中读数。用文字描述申请情况而不用表格的报告，无法比较，也无法核对。

## 格式依据
《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号；2019 年版 国办公开办函〔2019〕60号）：第二、三、四部分各由规定的表格构成。

## 示例
```text
三、收到和处理政府信息公开申请情况
本年度共收到政府信息公开申请13件，均已按期答复。
```
报出：第三部分没有统计表（应从 “一、本年新收政府信息公开申请数量” 开始）。

## 怎么改
在该部分插入官方表格。Markdown 文件可照抄 `docs/markdown-tables.md`（或 `examples/compliant-2025.md`）中的表格，再填入数字。

## What it does
Checks that sections 二, 三 and 四 each contain their official statistics table: table 二
(主动公开政府信息情况, the 第二十条 blocks), table 三 (收到和处理政府信息公开申请情况, applications by
applicant type) and table 四 (政府信息公开行政复议、行政诉讼情况). The table of a section is the first
table in the section whose heading is the official one (found by title, so a renumbered section
still counts). A missing table is reported at the section heading; a table there that has none of
the official labels is reported as not being the official table.

A section that is missing altogether is left to `required-sections`. "Missing" means no trace of
the table: a section whose text holds labels of its table that could not be read as a table (run
together with the prose by a crawler, say) is reported by `table-unreadable`, and a section the
text ends in (the last section of a text that stops there) is not reported, since the text may
be cut off.

## Why
The three tables are the comparable core of every report; reviewers and aggregators read the
numbers from them. A report that describes its applications in prose instead of the table cannot
be compared or checked.

## Format clause
《中华人民共和国政府信息公开工作年度报告格式》(国办公开办函〔2021〕30号; 2019 version 国办公开办函〔2019〕60号):
sections 二, 三 and 四 each consist of the prescribed table.

## Example
```text
三、收到和处理政府信息公开申请情况
本年度共收到政府信息公开申请13件，均已按期答复。
```
is reported: section 三 has no table (it should start with “一、本年新收政府信息公开申请数量”).

## How to fix
Insert the official table in the section. For Markdown sources, copy the layout from
`docs/markdown-tables.md` (or `examples/compliant-2025.md`) and fill in the numbers.
"""
from __future__ import annotations

from gaonb_lint.api import Rule


def _first_label(lt, version: str) -> str:
    spec = lt.mapped.spec if lt.mapped is not None else None
    if spec is None:
        from gaonb_lint.api.tables import table_spec

        spec = table_spec(lt.kind, version)
    if spec.blocks:
        return spec.blocks[0].title
    if spec.kind == "reviews":
        return spec.rows[0].label
    return spec.rows[0].label


def check(report, ctx):
    from gaonb_lint.api.tables import locate_tables, table_name, table_trace

    version = ctx.format.id
    for kind, lt in locate_tables(report, ctx.format).items():
        if lt.section is None:
            continue
        heading = lt.spec.heading
        params = {"heading": heading, "first": _first_label(lt, version),
                  "table_zh": table_name(kind, version, "zh"), "table_en": table_name(kind, version, "en")}
        if lt.table is None:
            if lt.section is report.sections[-1]:
                continue  # the text ends in this section: it may be cut off, not missing a table
            if table_trace(lt.section, kind) is not None:
                continue  # the table is there but not readable: table-unreadable says so
            yield ctx.finding(lt.section.heading, "missing", **params)
        elif lt.mapped is not None and lt.mapped.recognised == 0 and not lt.table.issues:
            # A table the reader could not read (table-unreadable says why) is not "another table".
            yield ctx.finding((lt.table.start, lt.table.start), "unrecognised", **params)


RULE = Rule(
    slug="required-tables",
    code="GL102",
    summary={"zh": "第二、三、四部分各有年报格式规定的统计表",
             "en": "sections 二, 三 and 四 each contain their official table"},
    messages={
        "missing": {"zh": "缺少{table_zh}：“{heading}”一节中应有年报格式规定的统计表（以 “{first}” 开始）",
                    "en": "missing {table_en}: section “{heading}” must contain the format's table "
                          "(starting with “{first}”)"},
        "unrecognised": {"zh": "“{heading}”一节的第一个表格不是{table_zh}：表中没有年报格式的任何行、列标签（应以 “{first}” 开始）",
                         "en": "the first table of section “{heading}” is not {table_en}: it has none of the "
                               "format's row or column labels (it should start with “{first}”)"},
    },
    check=check,
    doc=__doc__,
)
