"""A row of a table grid as the mappers see it: its label cells and where its values start."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import List, Sequence, Tuple, Union

from gaonb_lint.official_format import FormatVersion
from gaonb_lint.model import Cell
from gaonb_lint.tables.mapped import Where
from gaonb_lint.tables.values import is_blank, looks_like_value

_NOTE = re.compile(r"[（(]?\s*本列数据的?勾稽关系[^)）]*[)）]?")


def strip_note(text: str) -> str:
    return _NOTE.sub("", text or "").strip()


def kind_of(cell: Cell) -> str:
    """``blank`` | ``value`` | ``label``."""
    return kind_of_text(cell.text)


@lru_cache(maxsize=8192)  # asked many times per cell; cell texts repeat across reports (perf)
def kind_of_text(text: str) -> str:
    text = strip_note(text)
    if is_blank(text):
        return "blank"
    return "value" if looks_like_value(text) else "label"


@dataclass
class GridRow:
    index: int
    cells: List[Cell]
    labels: List[Tuple[int, Cell]]  # (grid index, cell)
    first_value: int                # grid index of the first value-like cell (len(cells) if none)

    @property
    def last_label(self) -> int:
        return self.labels[-1][0] if self.labels else -1

    def has_values(self) -> bool:
        return self.first_value < len(self.cells)

    def nonblank_after_labels(self) -> List[Tuple[int, Cell]]:
        return [(i, c) for i, c in enumerate(self.cells) if i > self.last_label and kind_of(c) != "blank"]


def analyse(index: int, cells: List[Cell]) -> GridRow:
    labels: List[Tuple[int, Cell]] = []
    first_value = len(cells)
    for i, c in enumerate(cells):
        k = kind_of(c)
        if k == "value":
            first_value = i
            break
        if k == "label":
            labels.append((i, c))
    return GridRow(index, cells, labels, first_value)


def span_of(cells: Sequence[Cell]) -> Where:
    return Where(min(c.start for c in cells), max(c.end for c in cells))


def row_span(row: GridRow) -> Where:
    return span_of(row.cells) if row.cells else Where(0, 0)


def version_id(version: Union[str, FormatVersion]) -> str:
    return version if isinstance(version, str) else version.id


def joined(cells: Sequence[Cell]) -> str:
    return "".join(strip_note(c.text) for c in cells)

