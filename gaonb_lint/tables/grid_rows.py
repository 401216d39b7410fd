"""A row of a table grid as the mappers see it: its label cells and where its values start."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Collection, Dict, List, Sequence, Set, Tuple, Union

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



SPLIT_PIECES = 3  # a label broken over at most this many rows


def split_labels(data: Sequence[GridRow], known: Collection[str], key: Callable[[str], str]
                 ) -> Tuple[Dict[Tuple[int, int], List[Cell]], Set[Tuple[int, int]]]:
    """Labels broken over rows in one column (a merged cell's text that a page break or a reader
    cut in two: ``（四）无`` / ``法提供``): label cells of one column on consecutive rows, none of
    them its row's last label nor a ``known`` label on its own, whose texts joined are a
    ``known`` label.  Returns ``{(row index, column): cells}`` for the first piece of each
    label and the ``(row index, column)`` of the other pieces."""
    at: Dict[Tuple[int, int], Cell] = {}
    for r in data:
        for i, c in r.labels[:-1]:
            if key(c.text) not in known:
                at[(r.index, i)] = c
    joins: Dict[Tuple[int, int], List[Cell]] = {}
    pieces: Set[Tuple[int, int]] = set()
    for (row, col), first in sorted(at.items()):
        if (row, col) in pieces:
            continue
        cells = [first]
        while len(cells) < SPLIT_PIECES and (row + len(cells), col) in at:
            cells.append(at[(row + len(cells), col)])
            if key("".join(c.text for c in cells)) in known:
                joins[(row, col)] = cells
                pieces.update((row + k, col) for k in range(1, len(cells)))
                break
    return joins, pieces
