"""``pipe-rows``: one table row per line, each cell followed by ``|`` (``规章 | 0 | 0 | 0 |``,
a header ``第二十条第(一)项 | |||``, an empty cell ``||``); lines made only of pipes or of a
Markdown delimiter (``|---|``) between rows are skipped."""
from __future__ import annotations

from typing import List

from gaonb_lint.readers.scraped.lines import Line
from gaonb_lint.readers.scraped.reading import Reading

NAME = "pipe-rows"
KEEPS_COLUMNS = False  # scrapers move the padding of spanning header cells to the row's end


def claims(lines: List[Line]) -> bool:
    pipes = [ln for ln in lines if ln.kind == "pipe"]
    if not pipes or (len(pipes) + sum(1 for ln in lines if ln.kind == "sep")) * 2 < len(lines):
        return False  # cells on lines of their own between `|` lines are read cell by cell
    rows = sum(1 for ln in pipes if ln.filled() >= 2)
    return rows * 2 >= len(pipes)


def read(lines: List[Line], text: str) -> Reading:
    reading = Reading()
    for ln in lines:
        if ln.kind == "pipe" or ln.kind == "tab":
            reading.rows.append(list(ln.cells or ()))
    return reading
