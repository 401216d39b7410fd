"""The header band of tables 三 and 四: which label heads each grid column, and the spanning
labels (申请人情况, 法人或其他组织, 行政复议, 行政诉讼 …) above them."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, List, Sequence, Tuple

from gaonb_lint.model import Cell
from gaonb_lint.tables.align import Found, label_key, similarity
from gaonb_lint.tables.grid_rows import GridRow, joined, strip_note
from gaonb_lint.tables.values import is_blank

SPANNING_SIMILARITY = 0.6


@dataclass
class HeaderColumn:
    index: int
    leaf_cells: List[Cell] = field(default_factory=list)
    groups: List[Tuple[str, Cell]] = field(default_factory=list)  # (official spanning label, source cell)

    @property
    def leaf(self) -> str:
        return joined(self.leaf_cells)


def header_columns(rows: Sequence[List[Cell]], spanning: Sequence[str], leaves: Sequence[str]
                    ) -> Tuple[List[HeaderColumn], List[Found]]:
    """Columns of a header band, and every spanning label cell found (as ``Found``, ``info`` =
    the official label it was read as)."""
    span_keys = {label_key(s): s for s in spanning}
    leaf_keys = {label_key(s) for s in leaves}
    width = max((len(r) for r in rows), default=0)
    cols = [HeaderColumn(j) for j in range(width)]
    spans: List[Found] = []
    for row in rows:
        j = 0
        while j < len(row):
            cell = row[j]
            text = strip_note(cell.text)
            if is_blank(text):
                j += 1
                continue
            key = label_key(text)
            official = span_keys.get(key)
            if official is None and key not in leaf_keys:
                best = max(spanning, key=lambda s: similarity(key, label_key(s)), default=None)
                leaf_score = max((similarity(key, lk) for lk in leaf_keys), default=0.0)
                score = similarity(key, label_key(best)) if best else 0.0
                if best and score >= SPANNING_SIMILARITY and score > leaf_score:
                    official = best
            if official is not None:
                spans.append(Found(text, [cell], official))
                k = j
                while k < width and (k == j or k >= len(row) or is_blank(strip_note(row[k].text))):
                    cols[k].groups.append((official, cell))
                    k += 1
                j += 1
                continue
            col = cols[j]
            if not col.leaf_cells or label_key(strip_note(col.leaf_cells[-1].text)) != key:
                col.leaf_cells.append(cell)
            j += 1
    return cols, spans


def first_value_index(rows: Sequence[GridRow]) -> int:
    """Where values start in most data rows (the width of the label area)."""
    counts: Dict[int, int] = {}
    for r in rows:
        if r.has_values():
            counts[r.first_value] = counts.get(r.first_value, 0) + 1
    return max(counts, key=lambda k: (counts[k], -k)) if counts else 0

