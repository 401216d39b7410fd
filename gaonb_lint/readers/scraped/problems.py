"""Every reason a scraped table cannot be read with certainty, in one catalogue (Chinese and
English), so the reading algorithms only name a reason and its parameters."""
from __future__ import annotations

from typing import Dict, Sequence, Tuple

from gaonb_lint.model import TableIssue

CATALOGUE: Dict[str, Tuple[str, str]] = {
    "lost-sub-row": (
        "数值跟在不含数值的分组行标题之后，其所属子项的行标题已丢失，无法确定数值属于哪一行",
        "values follow a group label that carries no numbers: the sub-row label was lost, so the row "
        "these values belong to is unknown"),
    "count-mismatch": (
        "该行有 {found} 个数值，表头有 {expected} 列；逐格换行的文本中空白单元格不留痕迹，无法确定各数值所在的列",
        "the row has {found} values for {expected} columns; blank cells leave no trace in "
        "one-cell-per-line text, so the column of each value is unknown"),
    "run-without-label": (
        "数字粘连且没有行标题，无法确定数值属于哪一行、哪一列",
        "digits run together with no row label: the row and the cell boundaries are unknown"),
    "run-together": (
        "数字粘连（{digits}），无法确定单元格边界{expected_zh}",
        "digits run together ({digits}): the cell boundaries are unknown{expected_en}"),
}


def issue(where: Sequence, reason: str, **params) -> TableIssue:
    """A ``TableIssue`` over the tokens or cells ``where`` (anything with ``start``/``end``)."""
    zh, en = CATALOGUE[reason]
    return TableIssue(min(t.start for t in where), max(t.end for t in where),
                      zh.format(**params), en.format(**params))
