"""## 查什么
按报告年度适用的格式，逐一检查表二、表三、表四的行标签、列标签、栏目标题和表头。比较时忽略空格、全角/半角和引号的差别（`商业 企业`、`(一)`、分在两行表头里的标签都算一致）；其他差别在该单元格报出：

- 写错或写漏字的标签，给出官方写法：`现行有效件` → 是否应为 `现行有效件数`；表四的 `结果` / `其他` / `尚未` → `结果纠正` / `其他结果` / `尚未审结`；`（二）部分公开` 缺少限定语；`合计` 应为 `总计`；
- 另一版格式的标签（2021 年版报告中的 `规范性文件`、`本年新制作数量`，2019 年版报告中 `（六）其他处理` 的三个小项）；
- 缺少的行或列（在它应在的位置）、多出的、重复的、顺序不对的；
- 分类行（如 2021 年版的 `（六）其他处理`）写成一行数字而其下的小项一个也没有的（2019 年版的写法）：在该行只报一次，不逐个报缺少的小项；这一行的数字按其小项之和参加勾稽检查。

整张表按另一版格式排布的（至少有三个那一版的标签，且占该表标签问题的一半以上），整张表只报一次，不逐个标签报。

文本在表中途结束的（表是文本的最后内容，且从某处起缺少标签），交给 `table-unreadable` 在截断处报一次：这里不再报从该处起缺少的标签，也不报最后一行中被截断的标签。

只有标点不同的，交给 `exact-label-punctuation`。完全没有官方标签的表，交给 `required-tables`。

## 为什么
标签说明每个数字的含义。改名、缺少或挪动的行，会使这张表无法与其他报告比较，而且往往掩盖了错误的数字（缺了 `总计` 列就无法核对合计）。

## 格式依据
《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）的表二、表三、表四；2019、2020 年度报告适用 2019 年版（国办公开办函〔2019〕60号）。可在配置中用 `format-version` 指定版本。

## 示例
```markdown
| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件 |
```
报出：`列标签 “现行有效件” 与年报格式不符：是否应为 “现行有效件数”？`

## 怎么改
照提示中的官方标签改正。补上缺少的行和列（连同数字，没有的填 0），删去格式中没有的行和列。各表的 Markdown 写法见 `docs/markdown-tables.md`。

## What it does
Checks every row label, column label, block title and header label of tables 二, 三 and 四
against the official format of the report's year. Labels are compared after folding whitespace,
full-/half-width forms and quotes (`商业 企业`, `(一)`, a label split over two header rows all
match); anything else is reported at the cell:

- a misspelled or truncated label, with the official one: `现行有效件` → did you mean
  `现行有效件数`; `结果` / `其他` / `尚未` in table 四 → `结果纠正` / `其他结果` / `尚未审结`;
  `（二）部分公开` without its qualifier; `合计` for `总计`;
- a label of the other format version (`规范性文件` or `本年新制作数量` in a 2021-format report,
  the three sub-items of `（六）其他处理` in a 2019-format report);
- a missing row or column (where it should be), an extra one, a duplicate, one out of order;
- a group row (such as `（六）其他处理` in the 2021 format) written as one row of numbers with
  none of its sub-items (the 2019 layout): one finding at that row, not one per missing sub-item;
  its numbers take part in the balance checks as the sum of its sub-items.

A table laid out in the other format version as a whole (at least three of that version's
labels, and at least half of the table's label problems) is one finding for the table, not one
per label.

A table that the end of the text cuts off (the table is the last thing in the text and labels
are missing from its end on) is left to `table-unreadable`, which says once where it stops: the
labels missing from there, and a label cut in the middle in its last row, are not reported here.

Punctuation-only differences are left to `exact-label-punctuation`. A table that has none of the
official labels is left to `required-tables`.

## Why
The labels say what each number means. A renamed, missing or moved row makes the table
incomparable with every other report and usually hides a wrong number (a missing `总计` column
cannot be added up).

## Format clause
《中华人民共和国政府信息公开工作年度报告格式》(国办公开办函〔2021〕30号) tables 二, 三 and 四; for
report years 2019 and 2020 the 2019 format (国办公开办函〔2019〕60号). The version can be forced with
`format-version` in the configuration.

## Example
```markdown
| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件 |
```
is reported: `列标签 “现行有效件” 与年报格式不符：是否应为 “现行有效件数”？`

## How to fix
Copy the official label from the message (`--fix` does it for a misspelled label;
`--unsafe-fixes` also for a label of the other format version). Add missing rows and columns (with their numbers, 0
when none) and remove rows or columns the format does not have. The layout of each table in
Markdown is in `docs/markdown-tables.md`.
"""
from __future__ import annotations

from gaonb_lint.api import Fix, Rule

def _fix(report, p, replacement, safe):
    cell = p.cell
    if cell is not None and replacement and report.text[cell.start:cell.end] == cell.text:
        return Fix(cell.start, cell.end, replacement, safe=safe)
    return None


OTHER_VERSION_TABLE = 3  # labels of the other format version that make a table the other version's


def _other_version_table(problems):
    """The first wrong-version label when the table is laid out in the other format version:
    at least ``OTHER_VERSION_TABLE`` such labels, and at least half of its label problems."""
    counted = [p for p in problems if p.kind != "punctuation"]
    other = [p for p in counted if p.kind == "wrong-version"]
    if len(other) >= OTHER_VERSION_TABLE and len(other) * 2 >= len(counted):
        return min(other, key=lambda p: p.start)
    return None


def check(report, ctx):
    from gaonb_lint.api.tables import LABEL_AXIS_NAMES, locate_tables, table_cut_off, table_name, version_name

    version = ctx.format.id
    for kind, lt in locate_tables(report, ctx.format).items():
        mt = lt.mapped
        if mt is None or mt.recognised == 0:
            continue
        cut = table_cut_off(report, lt.table, mt)
        explained = {id(p) for p in cut.label_problems} if cut is not None else set()
        other = _other_version_table(mt.label_problems)
        if other is not None:
            # The whole table is the other version's: one cause, one finding for the table.
            yield ctx.finding((lt.table.start, lt.table.start), "other-version-table",
                              table_zh=table_name(kind, version, "zh"), table_en=table_name(kind, version, "en"),
                              other_zh=version_name(other.version, "zh"), other_en=version_name(other.version, "en"),
                              mine_zh=version_name(version, "zh"), mine_en=version_name(version, "en"),
                              example=other.found, count=sum(1 for p in mt.label_problems if p.kind == "wrong-version"))
            continue
        for p in mt.label_problems:
            if p.kind == "punctuation" or id(p) in explained:
                continue  # a table cut off by the end of the text: table-unreadable says where
            if p.kind == "missing" and lt.table.issues:
                continue  # the reader lost part of the table: table-unreadable says so
            what_zh, what_en = LABEL_AXIS_NAMES[p.axis]
            params = {
                "table_zh": table_name(kind, version, "zh"), "table_en": table_name(kind, version, "en"),
                "what_zh": what_zh, "what_en": what_en, "found": p.found, "expected": p.expected,
                "in_zh": f"“{p.context}”下的" if p.context else "",
                "in_en": f" under “{p.context}”" if p.context else "",
                "under_zh": f"“{p.context}”下" if p.context else "",
                "after": p.after,
            }
            where = (p.start, p.end)
            if p.kind == "misspelled":
                yield ctx.finding(where, "misspelled", fix=_fix(report, p, p.expected, safe=True), **params)
            elif p.kind == "wrong-version":
                params.update(other_zh=version_name(p.version, "zh"), other_en=version_name(p.version, "en"),
                              mine_zh=version_name(version, "zh"), mine_en=version_name(version, "en"))
                if p.expected:
                    yield ctx.finding(where, "wrong-version", fix=_fix(report, p, p.expected, safe=False), **params)
                else:
                    yield ctx.finding(where, "wrong-version-extra", **params)
            elif p.kind == "missing":
                yield ctx.finding(where, "missing-after" if p.after else "missing", **params)
            elif p.kind == "extra":
                yield ctx.finding(where, "extra-suggest" if p.expected else "extra", **params)
            elif p.kind == "duplicate":
                yield ctx.finding(where, "duplicate", **params)
            elif p.kind == "order":
                yield ctx.finding(where, "order" if p.after else "order-first", **params)
            elif p.kind == "single-row":
                params.update(count=len(p.items), items_zh="、".join(f"“{i}”" for i in p.items),
                              items_en=", ".join(f"“{i}”" for i in p.items))
                if p.version:
                    params.update(other_zh=version_name(p.version, "zh"), other_en=version_name(p.version, "en"),
                                  mine_zh=version_name(version, "zh"), mine_en=version_name(version, "en"))
                yield ctx.finding(where, "single-row-version" if p.version else "single-row", **params)


RULE = Rule(
    slug="table-labels",
    code="GL201",
    summary={"zh": "统计表的行、列标签与年报格式一致（不缺、不多、不错、顺序正确）",
             "en": "table row and column labels are the official ones: none missing, extra, misspelled or out of order"},
    messages={
        "other-version-table": {"zh": "{table_zh}是{other_zh}的表格（有 {count} 个该版本的标签，如 “{example}”），"
                                      "本报告适用{mine_zh}：应换用{mine_zh}的表格",
                                "en": "{table_en} is laid out in {other_en} ({count} of its labels, e.g. “{example}”); "
                                      "this report follows {mine_en}: use that version's table"},
        "misspelled": {"zh": "{table_zh}{in_zh}{what_zh} “{found}” 与年报格式不符：是否应为 “{expected}”？",
                       "en": "{table_en}: {what_en} “{found}”{in_en} differs from the format: did you mean “{expected}”?"},
        "wrong-version": {"zh": "{table_zh}{in_zh}{what_zh} “{found}” 是{other_zh}的标签，本报告适用{mine_zh}：应为 “{expected}”",
                          "en": "{table_en}: {what_en} “{found}”{in_en} belongs to {other_en}; this report follows "
                                "{mine_en}: expected “{expected}”"},
        "wrong-version-extra": {"zh": "{table_zh}{in_zh}{what_zh} “{found}” 是{other_zh}的标签，{mine_zh}中没有这一项，应删除",
                                "en": "{table_en}: {what_en} “{found}”{in_en} belongs to {other_en}; {mine_en} has no "
                                      "such item: remove it"},
        "missing": {"zh": "{table_zh}{under_zh}缺少{what_zh} “{expected}”",
                    "en": "{table_en}: the {what_en} “{expected}”{in_en} is missing"},
        "missing-after": {"zh": "{table_zh}{under_zh}缺少{what_zh} “{expected}”（应在 “{after}” 之后）",
                          "en": "{table_en}: the {what_en} “{expected}”{in_en} is missing (it belongs after “{after}”)"},
        "extra": {"zh": "{table_zh}{under_zh}多出{what_zh} “{found}”：年报格式中没有这一项",
                  "en": "{table_en}: extra {what_en} “{found}”{in_en}: the format has no such item"},
        "extra-suggest": {"zh": "{table_zh}{under_zh}多出{what_zh} “{found}”：年报格式中没有这一项，是否应为 “{expected}”？",
                          "en": "{table_en}: extra {what_en} “{found}”{in_en}: the format has no such item; "
                                "did you mean “{expected}”?"},
        "duplicate": {"zh": "{table_zh}{in_zh}{what_zh} “{expected}” 重复出现",
                      "en": "{table_en}: the {what_en} “{expected}”{in_en} appears twice"},
        "order": {"zh": "{table_zh}{in_zh}{what_zh} “{expected}” 位置不对：应紧接在 “{after}” 之后",
                  "en": "{table_en}: the {what_en} “{expected}”{in_en} is out of order: it belongs right after “{after}”"},
        "single-row": {"zh": "{table_zh} “{found}” 写成了一行数字，缺少其下的 {count} 个小项（{items_zh}）：应分项填写",
                       "en": "{table_en}: “{found}” is one row of numbers without its {count} sub-items ({items_en}): "
                             "give each sub-item its row"},
        "single-row-version": {"zh": "{table_zh} “{found}” 按{other_zh}写成了一行数字；本报告适用{mine_zh}，"
                                     "应分为其下的 {count} 个小项（{items_zh}）分别填写",
                               "en": "{table_en}: “{found}” is one row of numbers, as in {other_en}; this report "
                                     "follows {mine_en}: give each of its {count} sub-items ({items_en}) its row"},
        "order-first": {"zh": "{table_zh}{in_zh}{what_zh} “{expected}” 位置不对：应排在第一位",
                        "en": "{table_en}: the {what_en} “{expected}”{in_en} is out of order: it comes first"},
    },
    check=check,
    doc=__doc__,
)
