"""## 查什么
检查表三、表四的勾稽关系（每一列、每一行、每一组都查），哪条不成立，就在出错的单元格报出，并给出数字和能让它成立的值：

- **B1**（表三自带的注释），7 个申请人列逐列检查：
  `一、本年新收… + 二、上年结转… = （七）总计 + 四、结转下年度继续办理`；
- **B2** 逐列检查：`（七）总计` 等于各办理结果行之和——`（一）`、`（二）` 以及 `（三）` 至 `（六）` 的各小项（2019 年版格式中 `（六）其他处理` 只有一行）；
- **B3** 逐行检查：`总计` = `自然人` + `法人或其他组织` 下的五列；
- **B4** 对 `行政复议`、`未经复议直接起诉`、`复议后起诉` 三组：`总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结`。

空白单元格按 0 计。无法确定读准的表（见 `table-unreadable`）不做勾稽检查；表中缺少的单元格（见 `table-labels`）所涉及的关系不计算。行政复议与复议后起诉之间不作比较。

**出错的单元格。** 如果只有一个数字错了，经过它的各条关系都不成立，并且都指向同一个正确值；这时就在该单元格报出，并写明应为多少（`应为 13`）。否则（错了不止一个数字，或者表四某组五个数字中任何一个都可能是错的），就在这条关系的合计单元格（`（七）总计` 或 `总计` 列）报出能让它成立的值，并给出等式两边。

## 为什么
勾稽关系是审核人员发现录入错误、复制粘贴错误的主要办法：合计对不上的报告会被退回。这也是已发布报告中最常见的错误。

## 格式依据
《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）表三的注释
`（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）`，以及表三、表四的 `总计` 行和列（2019 年版 国办公开办函〔2019〕60号 相同）。这些关系以数据形式写在 `schemas/official-format.json` 的 `relations` 中。

## 示例
表三中 `一、本年新收政府信息公开申请数量` 的总计为 `14`，而各列相加为 13，且 `（七）总计 13 + 四、结转… 1 - 二、上年结转… 1 = 13`：只在该单元格报一次，并列出它破坏的两条关系：
`“一、本年新收政府信息公开申请数量”行“总计”列为 14，应为 13；这一个数字使 2 条关系不成立（B1 …；B3 …）`。

## 怎么改
改正提示中点名的数字（请核对原始统计数据）；如果提示点名的是合计，请核对合计以及参与相加的每一个数字。

## What it does
Checks the arithmetic relations (勾稽关系) of tables 三 and 四, each for every column, row or group
it covers, and reports each one that does not hold at the offending cell with the numbers and
the value that would make it hold:

- **B1** (the table's own note) for each of the 7 applicant columns:
  `一、本年新收… + 二、上年结转… = （七）总计 + 四、结转下年度继续办理`;
- **B2** for each column: `（七）总计` = the sum of every result row — `（一）`, `（二）` and the
  sub-items of `（三）` to `（六）` (in the 2019 format `（六）其他处理` is a single row);
- **B3** for each numeric row: `总计` = `自然人` + the five `法人或其他组织` columns;
- **B4** for `行政复议`, `未经复议直接起诉` and `复议后起诉`:
  `总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结`.

Blank cells count as 0. A table that could not be read with certainty (see `table-unreadable`)
gets no balance findings at all; a relation whose cells are missing from the table (see
`table-labels`) is not evaluated. 行政复议 and 复议后起诉 are deliberately not compared.

**The offending cell.** If one number is wrong, every relation through it fails and all agree on
its correct value; when exactly one cell of a failed relation is like that, the finding is at
that cell with that value (`应为 13`). Otherwise — several wrong numbers, or a table-四 group where
any of the five cells could be the wrong one — the finding is at the relation's total cell
(`（七）总计`, or the `总计` column) with the value that would balance it, and the message gives
both sides.

## Why
The relations are how reviewers catch typing and copy-paste errors: a report whose totals do not
add up is sent back. They are also the commonest error in published reports.

## Format clause
《中华人民共和国政府信息公开工作年度报告格式》(国办公开办函〔2021〕30号), table 三 note
`（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）`, and the `总计` row and
columns of tables 三 and 四 (same in the 2019 format, 国办公开办函〔2019〕60号). The relations are
data: `relations` in `schemas/official-format.json`.

## Example
In table 三, `一、本年新收政府信息公开申请数量` has 总计 `14` while its columns add up to 13 and
`（七）总计 13 + 四、结转… 1 - 二、上年结转… 1 = 13`: reported once, at that cell, naming both relations it breaks:
`“一、本年新收政府信息公开申请数量”行“总计”列为 14，应为 13；这一个数字使 2 条关系不成立（B1 …；B3 …）`.

## How to fix
Correct the number named in the message (check the source statistics); when the message names a
total, check the total and each of the numbers it adds up.
"""
from __future__ import annotations

from gaonb_lint.api import Rule


def check(report, ctx):
    from gaonb_lint.api.tables import locate_tables, violation_params

    version = ctx.format.id
    for kind, lt in locate_tables(report, ctx.format).items():
        mt = lt.mapped
        if mt is None or not mt.readable or mt.recognised == 0:
            continue
        insts = mt.relations()  # the format's relations, through a group row read as one row
        if not insts:
            continue
        violations = mt.violations()
        # One wrong cell breaks every relation through it: one finding at that cell names them all.
        by_cell = {}
        for v in violations:
            if v.located:
                by_cell.setdefault(v.culprit, []).append(v)
        done = set()
        for v in violations:
            if v.located and v.culprit in done:
                continue
            cell = mt.get(*v.culprit)
            where = cell.where if cell is not None else (mt.table.start, mt.table.start)
            params = violation_params(kind, version, v)
            if not v.located or len(by_cell[v.culprit]) == 1:
                yield ctx.finding(where, "cell" if v.located else "total", **params)
                continue
            done.add(v.culprit)
            each = [violation_params(kind, version, w) for w in by_cell[v.culprit]]
            params["relations_zh"] = "；".join(f"{p['relation_zh']}，{p['over_zh']}：{p['lsum']} ≠ {p['rsum']}"
                                              for p in each)
            params["relations_en"] = "; ".join(f"{p['relation_en']}, {p['over_en']}: {p['lsum']} ≠ {p['rsum']}"
                                              for p in each)
            params["count"] = len(each)
            yield ctx.finding(where, "cell-many", **params)


RULE = Rule(
    slug="balance",
    code="GL202",
    summary={"zh": "表三、表四的勾稽关系成立（各项之和等于总计）",
             "en": "tables 三 and 四 add up (every total equals the sum of its parts)"},
    messages={
        "cell": {"zh": "{table_zh}勾稽关系不成立（{relation_zh}，{over_zh}）：{cell_zh}为 {found}，应为 {expected}"
                       "（{left} ≠ {right}）",
                 "en": "{table_en} does not add up ({relation_en}, {over_en}): {cell_en} is {found}, expected "
                       "{expected} ({left} ≠ {right})"},
        "cell-many": {"zh": "{table_zh}勾稽关系不成立：{cell_zh}为 {found}，应为 {expected}；这一个数字使 {count} 条关系不成立"
                            "（{relations_zh}）",
                      "en": "{table_en} does not add up: {cell_en} is {found}, expected {expected}; this one number "
                            "breaks {count} relations ({relations_en})"},
        "total": {"zh": "{table_zh}勾稽关系不成立（{relation_zh}，{over_zh}）：{left} ≠ {right}；"
                        "{cell_zh}为 {found}，按此关系应为 {expected}，或其中某一分项有误",
                  "en": "{table_en} does not add up ({relation_en}, {over_en}): {left} ≠ {right}; {cell_en} is "
                        "{found}, {expected} would balance it, or one of the parts is wrong"},
    },
    check=check,
    doc=__doc__,
)
