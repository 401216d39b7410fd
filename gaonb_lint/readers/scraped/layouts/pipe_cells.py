"""``pipe``: one cell per line ending in ``|``, each row opened by a line made only of pipes
(``|``, ``|||``; the table starts with one), rows padded with extra ``|`` to the table's width (``0 | ||``); a cell
continued over lines without its ``|`` is one cell."""
from __future__ import annotations

from typing import List, Optional

from gaonb_lint.readers.scraped.lines import CellText, Line
from gaonb_lint.readers.scraped.reading import Reading

NAME = "pipe"
KEEPS_COLUMNS = False


def claims(lines: List[Line]) -> bool:
    seps = sum(1 for ln in lines if ln.kind == "sep")
    pipes = [ln for ln in lines if ln.kind == "pipe"]
    # Rows are marked only when a separator opens the table (and so every row); elsewhere a
    # lone `|` is an empty cell, and the rows are found cell by cell (cell-per-line).
    if not seps or not pipes or lines[0].kind != "sep" or (len(pipes) + seps) * 2 < len(lines):
        return False
    return sum(1 for ln in pipes if ln.filled() >= 2) * 2 < len(pipes)


def read(lines: List[Line], text: str) -> Reading:
    """A run of lone ``|`` lines: all but the last are empty cells of the row before (``0 |`` /
    ``|`` / ``|``: a last cell left blank), the last opens the next row."""
    reading = Reading()
    row: List[CellText] = []
    pending: Optional[int] = None  # start of a cell continued over lines
    seps: List[Line] = []  # the separator lines read since the last cell
    for ln in lines:
        if ln.kind == "sep":
            seps.append(ln)
            continue
        if seps:
            _close_row(reading, row, seps, pending is not None)
            row, pending, seps = [], None, []
        if ln.kind != "pipe" or not ln.text.rstrip().endswith("|"):
            if pending is None:
                pending = ln.start + len(ln.text) - len(ln.text.lstrip())
            continue
        for k, cell in enumerate(ln.cells or ()):
            if k == 0 and pending is not None:
                s = pending
                pending = None
                cell = CellText(s, cell.end, text[s:cell.end].strip())
            row.append(cell)
    if row or seps:
        _close_row(reading, row, seps, False)
    return reading


def _close_row(reading: Reading, row: List[CellText], seps: List[Line], pending: bool) -> None:
    """End ``row`` at a run of separator lines: all lone ``|`` lines but the last are its
    empty cells."""
    for sep in seps[:-1]:
        if row and sep.text.strip() == "|":
            at = sep.start + sep.text.index("|")
            row.append(CellText(at, at, ""))
    if row or pending:
        reading.rows.append(row)
