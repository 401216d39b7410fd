"""``tsv``: one table row per line, cells separated by tabs, empty cells kept
(``规章→0→0→0``, ``→(三) 不予公开→1.属于国家秘密→0…``)."""
from __future__ import annotations

from typing import List

from gaonb_lint.readers.scraped.lines import Line
from gaonb_lint.readers.scraped.reading import Reading

NAME = "tsv"
KEEPS_COLUMNS = True


def claims(lines: List[Line]) -> bool:
    return sum(1 for ln in lines if ln.kind == "tab") * 2 >= len(lines)


def read(lines: List[Line], text: str) -> Reading:
    reading = Reading()
    for ln in lines:
        reading.rows.append(list(ln.cells or ()))
    return reading
