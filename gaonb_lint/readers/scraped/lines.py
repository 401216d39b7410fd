"""What each line of scraped text is, for finding and reading tables."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import List, NamedTuple, Optional

from gaonb_lint.readers import table_vocab as tv

_SEP_CHARS = frozenset("|-: \t")
NUMBER_CELL = re.compile(r"^\s*[-+]?\d+(?:\.\d+)?\s*$")


class CellText(NamedTuple):
    """A cell as read from the source: offsets into the text, and the text (trimmed)."""

    start: int
    end: int
    text: str


@dataclass
class Line:
    """One source line and what it is: ``blank``; ``tab`` (cells separated by tabs); ``pipe``
    (cells each ending in ``|``: ``规章 | 0 | 0 |`` or one cell ``信息内容 |``); ``sep`` (only pipes:
    ``|``, ``|||``); ``seg`` (labels and numbers, see ``table_vocab.segment``); or ``other``."""

    index: int
    start: int
    text: str
    kind: str
    pieces: Optional[List[tv.Piece]] = None  # ``seg``: the line; ``pipe``: its first cell
    anchor: bool = False  # holds a whole official label
    cells: Optional[List[CellText]] = None  # ``tab`` and ``pipe``: every cell, empty ones too
    cell_pieces: Optional[List[Optional[List[tv.Piece]]]] = None

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    def filled(self) -> int:
        """How many cells hold text (``tab``/``pipe``)."""
        return sum(1 for c in self.cells or () if c.text)


def split_cells(start: int, text: str, sep: str) -> List[CellText]:
    """Cells of a row written with ``sep`` between cells; for pipes, a leading ``|`` and the
    empty text after the closing ``|`` are not cells."""
    parts = text.split(sep)
    pos = start
    out: List[CellText] = []
    for k, raw in enumerate(parts):
        lead = len(raw) - len(raw.lstrip())
        body = raw.strip()
        s = pos + lead
        out.append(CellText(s, s + len(body), body))
        pos += len(raw) + 1
    if sep == "|":
        if out and not out[-1].text:
            out.pop()
        if out and not out[0].text and text.lstrip().startswith("|"):
            out.pop(0)
    return out


def _labels(pieces) -> bool:
    return bool(pieces) and any(p.kind == "label" for p in pieces)


def classify(index: int, start: int, text: str) -> Line:
    stripped = text.strip()
    if not stripped:
        return Line(index, start, text, "blank")
    if "|" in stripped and set(stripped) <= _SEP_CHARS:  # `|`, `|||`, a Markdown `|---|:--|`
        if "-" in stripped or not stripped.strip("|").strip():
            return Line(index, start, text, "sep")
    if "\t" in text:
        cells = split_cells(start, text, "\t")
        segs = [tv.segment(c.text) if c.text else None for c in cells]
        if any(s is not None for s in segs) or sum(1 for c in cells if c.text) >= 2:
            return Line(index, start, text, "tab", anchor=any(_labels(s) for s in segs), cells=cells,
                        cell_pieces=segs)
    if "|" in stripped:
        cells = split_cells(start, text, "|")
        segs = [tv.segment(c.text) if c.text else None for c in cells]
        # `规章 | 0 | 0 |`, `信息内容 |`: every filled cell is table vocabulary or short; a line
        # of prose that merely contains a pipe is not a row.
        filled = [(c, s) for c, s in zip(cells, segs) if c.text]
        closed = stripped.endswith("|") or stripped.startswith("|")  # `信息内容 |`, `| 三、本年度`
        if filled and (closed or (len(filled) >= 2 and any(s is not None for _, s in filled))) and \
                all(s is not None or _short(c.text) for c, s in filled):
            first = segs[0] if cells and cells[0].text else None
            return Line(index, start, text, "pipe", first, any(_labels(s) for s in segs), cells, segs)
    seg = tv.segment(text)
    if seg is not None:
        return Line(index, start, text, "seg", seg, _labels(seg))
    return Line(index, start, text, "other")


SHORT_CELL = 40  # an unknown line this short, followed by a number, is a cell (a misspelt label)
_SENTENCE = re.compile(r"[。；;！？]")


def _short(text: str) -> bool:
    return len(text) <= SHORT_CELL and not _SENTENCE.search(text)


def is_number_line(line: Line) -> bool:
    return line.kind == "seg" and bool(line.pieces) and all(p.kind == "number" for p in line.pieces)


def line_labels(line: Line) -> List[str]:
    if line.cell_pieces is not None:
        return [p.norm for seg in line.cell_pieces for p in seg or () if p.kind == "label"]
    return [p.norm for p in line.pieces or () if p.kind == "label"]


def line_numbers(line: Line) -> int:
    if line.cells is not None:
        return sum(1 for c in line.cells if NUMBER_CELL.match(c.text))
    return sum(1 for p in line.pieces or () if p.kind == "number")
