"""Every reason a mapped table cannot be read with certainty, in one catalogue (Chinese and
English); the mappers name a reason and its parameters, never a sentence."""
from __future__ import annotations

from typing import Dict, Tuple

CATALOGUE: Dict[str, Tuple[str, str]] = {
    "no-columns": ("{row_zh}的数字没有对应的列标题，无法确定各是哪一列",
                   "the numbers in {row_en} have no column headers above them, so their columns are unknown"),
    "count-mismatch": ("{row_zh}有 {found} 个数值单元格（其中非空 {filled} 个），与表头的 {columns} 列对不上，"
                       "无法确定各数字属于哪一列",
                       "{row_en} has {found} value cells ({filled} not blank) but the header has {columns} columns; "
                       "the numbers cannot be placed"),
    "no-such-cell": ("{row_zh}在“{col}”列有数字，但年报格式中该行没有这一列",
                     "{row_en} has a number under “{col}”, a column this row does not have in the format"),
    "bad-value": ("{row_zh}“{col}”列：{problem_zh}", "{row_en}, column “{col}”: {problem_en}"),
    "numbers-on-heading-row": ("“{label}”在年报格式中是不填数字的分类行，这里却有数字，无法确定这些数字属于哪一行",
                               "“{label}” is a heading row without numbers in the format, but this row has numbers; "
                               "they cannot be placed"),
    "no-row-label": ("这一行有数字但没有行标题，无法确定属于哪一行", "this row has numbers but no row label; it cannot be placed"),
    "duplicate-row": ("“{label}”出现了两次，无法确定哪一行的数字有效",
                      "row “{label}” appears twice; which numbers count cannot be told"),
    "no-block-header": ("“{label}”一行上方没有“{block}”的表头，无法确定各数字属于哪一列",
                        "row “{label}” has no header of block “{block}” above it; its numbers cannot be placed"),
    "orphan-columns": ("表头中这些列上方没有{groups_zh}之一，无法确定属于哪一组",
                       "these header columns are under none of {groups_en}; their group cannot be told"),
    "extra-data-row": ("表四只有一行数据，这一行数字无法对应",
                       "table 四 has a single data row; the numbers in this extra row cannot be placed"),
}


def sentences(reason: str, params: Dict[str, object]) -> Tuple[str, str]:
    zh, en = CATALOGUE[reason]
    return zh.format(**params), en.format(**params)


def row_name(label: str) -> Dict[str, str]:
    """How messages name a data row of tables 二 and 三."""
    return {"row_zh": f"“{label}”一行", "row_en": f"row “{label}”"}
