"""## 查什么
报出表二、表三、表四中无法确定读准的部分，并准确说明是什么、在哪里：无法分开的单元格（纯文本中连在一起的数字，如 `规章000`）、数字个数与列数对不上的行、没有行标签或列标题的数字、写在小标题行（如 `（三）不予公开`）上的数字、带有自己数字的重复行，以及不符合该列类型的值（`—`、`无`、`1.5`件、`-3` 件）。

文本在表中途结束的（抓取或摘录在表内截止），只在最后一行报一次，说明在哪个标签之后截断、缺了多少项；缺少的内容不再由本规则或 `table-labels` 重复报出。

整张表都用占位符代替 0 的（`-`、`—`、`/`），整张表只报一次，在第一个这样的单元格处，并说明有多少个单元格这样写。

某部分文字中含有其表格的栏目名、但和正文连在了一起（抓取程序把表格并进了正文）的，在该处报一次：表是有的，但无法读取。

有以上任一问题的表，不做 `balance` 勾稽检查：绝不猜测其中的数字。

## 为什么
猜测数字属于哪一列的检查工具，会报出错误的勾稽问题；程序都读不准的表，汇总的人也无法可靠地读取。

## 格式依据
《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）：表二、表三、表四中的件数为非负整数，`本年收费金额（单位：万元）` 为非负金额，`本年增/减`（2019 年版）为可以为负的整数。空白单元格按 0 读取，不报。

## 示例
```markdown
| 1.属于国家秘密 | 0 | 0 | — | 0 | 0 | 0 | 0 |
```
报出：`“（三）不予公开/1.属于国家秘密”一行“科研机构”列：“—”不是数字`。

## 怎么改
每个单元格都写成普通数字（没有的写 0），一格一个数字，放在官方表头下；Markdown 文件请用 `docs/markdown-tables.md` 中的表格写法。

## What it does
Reports the parts of tables 二, 三 and 四 that could not be read with certainty, saying exactly
what and where: cells the reader could not separate (digits run together in flattened text,
`规章000`), a row whose count of numbers does not fit the columns, numbers with no row label or
no column header, a number on a heading row such as `（三）不予公开`, a duplicated row with its own
numbers, and values that are not numbers of the column's type (`—`, `无`, `1.5`件, `-3` 件).

A table that the end of the text cuts off (a crawl or an excerpt that stops inside it) is one
finding at its last row, saying after which label it stops and how many items are not there;
what it lacks from there is not reported again, here or by `table-labels`.

A placeholder written for zero all over a table (`-`, `—`, `/`) is one finding for the table, at
the first such cell, with how many cells are written so.

A section whose text holds the labels of its table run into the prose (a crawler joined the
table to the text) is reported once, at that text: the table is there but cannot be read.

A table with any of these gets no `balance` findings: its numbers are never guessed.

## Why
A linter that guesses which column a number belongs to produces false balance errors, and a
report whose table cannot be read by a program cannot be read reliably by anyone aggregating it.

## Format clause
《中华人民共和国政府信息公开工作年度报告格式》(国办公开办函〔2021〕30号): counts in tables 二, 三 and 四 are
non-negative integers, `本年收费金额（单位：万元）` a non-negative amount, `本年增/减` (2019 format)
an integer that may be negative. Blank cells are read as 0 and not reported.

## Example
```markdown
| 1.属于国家秘密 | 0 | 0 | — | 0 | 0 | 0 | 0 |
```
is reported: `“（三）不予公开/1.属于国家秘密”一行“科研机构”列：“—”不是数字`.

## How to fix
Write every cell as a plain number (0 for none), one number per cell, under the official headers;
for Markdown sources use the layout in `docs/markdown-tables.md`.
"""
from __future__ import annotations

from gaonb_lint.api import Rule

MAX_PER_TABLE = 10


def check(report, ctx):
    from gaonb_lint.api.tables import is_placeholder, locate_tables, table_cut_off, table_name, table_trace

    version = ctx.format.id
    for kind, lt in locate_tables(report, ctx.format).items():
        if lt.table is None:
            trace = table_trace(lt.section, kind) if lt.section is not None else None
            if trace is not None:
                yield ctx.finding(trace, "not-a-table", heading=lt.spec.heading,
                                  table_zh=table_name(kind, version, "zh"), table_en=table_name(kind, version, "en"))
            continue
        names = {"table_zh": table_name(kind, version, "zh"), "table_en": table_name(kind, version, "en")}
        mt = lt.mapped
        cut = table_cut_off(report, lt.table, mt) if mt is not None and mt.recognised > 0 else None
        explained = {id(x) for x in cut.problems + cut.issues} if cut is not None else set()
        if cut is not None:
            yield ctx.finding((cut.start, cut.end), "cut-off" if cut.last else "cut-off-header",
                              last=cut.last, count=cut.missing, **names)
        items = [(i.start, i.end, i.reason_zh, i.reason_en) for i in lt.table.issues if id(i) not in explained]
        if mt is not None and mt.recognised > 0:
            # A row the reader could not read is its issue; the mapper's view of it adds nothing.
            read_issues = [i for i in lt.table.issues if id(i) not in explained]
            problems = [p for p in mt.problems if id(p) not in explained
                        and not any(i.start < p.end and p.start < i.end for i in read_issues)]
            # A placeholder such as `-` written for zero all over a table is one cause: one finding.
            by_text = {}
            for p in problems:
                if p.reason == "bad-value" and is_placeholder(str(p.params.get("text", ""))):
                    by_text.setdefault(str(p.params["text"]).strip(), []).append(p)
            for text, same in by_text.items():
                if len(same) < 2:
                    continue
                problems = [p for p in problems if p not in same]
                yield ctx.finding((same[0].start, same[0].end), "placeholders", text=text, count=len(same), **names)
            items += [(p.start, p.end, p.reason_zh, p.reason_en) for p in problems]
        items.sort(key=lambda t: (t[0], t[1]))
        for start, end, zh, en in items[:MAX_PER_TABLE]:
            yield ctx.finding((start, end), "unreadable", reason_zh=zh, reason_en=en, **names)
        if len(items) > MAX_PER_TABLE:
            last = items[MAX_PER_TABLE]
            yield ctx.finding((last[0], last[1]), "more", count=len(items) - MAX_PER_TABLE, **names)


RULE = Rule(
    slug="table-unreadable",
    code="GL203",
    summary={"zh": "统计表能被准确读取（每个数字都能对应到行和列，且是数字）",
             "en": "tables can be read with certainty (every number has its row and column, and is a number)"},
    messages={
        "unreadable": {"zh": "{table_zh}无法准确读取，不做勾稽检查：{reason_zh}",
                       "en": "{table_en} cannot be read with certainty, so it is not balance-checked: {reason_en}"},
        "not-a-table": {"zh": "{table_zh}无法读取：“{heading}”一节中有该表的标签，但它们与正文连在一起，无法识别为表格，不做检查",
                        "en": "{table_en} cannot be read: section “{heading}” holds the table's labels, but run into "
                              "the text, not laid out as a table; it is not checked"},
        "cut-off": {"zh": "{table_zh}在 “{last}” 之后随文本结束而中断：其后 {count} 项未能读取（文本可能不完整），不做勾稽检查",
                    "en": "{table_en} stops after “{last}” where the text ends: the {count} items after it are not "
                          "there to read (the text may be incomplete), so it is not balance-checked"},
        "cut-off-header": {"zh": "{table_zh}在表头中随文本结束而中断：表中各行未能读取（文本可能不完整）",
                           "en": "{table_en} stops in its header where the text ends: none of its rows is there "
                                 "to read (the text may be incomplete)"},
        "placeholders": {"zh": "{table_zh}无法准确读取，不做勾稽检查：{count} 个单元格写作 “{text}”，不是数字"
                                "（若表示 0，请填写 0）",
                         "en": "{table_en} cannot be read with certainty, so it is not balance-checked: {count} cells "
                               "are written “{text}”, not a number (write 0 for none)"},
        "more": {"zh": "{table_zh}另有 {count} 处无法准确读取（未逐一列出）",
                 "en": "{table_en} has {count} more places that cannot be read with certainty (not listed)"},
    },
    check=check,
    doc=__doc__,
)
