"""Where the tables are: runs of lines that read as table content around an official label."""
from __future__ import annotations

from typing import List, Optional, Tuple

from gaonb_lint.readers import table_vocab as tv
from gaonb_lint.readers.scraped.lines import SHORT_CELL, Line, _SENTENCE, is_number_line, line_labels, line_numbers
from gaonb_lint.readers.structure import parse_heading

LABEL_ONLY_TABLE = 6
Region = Tuple[int, int]  # [first, last) line indexes


def _is_short_cell(line: Line) -> bool:
    text = line.text.strip()
    return len(text) <= SHORT_CELL and not _SENTENCE.search(text) and parse_heading(text) is None


def find_regions(lines: List[Line], at_end: bool = False) -> List[Region]:
    """``[first, last)`` line ranges of tables; ``at_end``: the lines run to the end of the
    text, so a table there may be cut off (a header with no numbers yet)."""
    tableish = _tableish(lines)
    regions: List[Region] = []
    i = 0
    while i < len(lines):
        if not (tableish[i] and lines[i].anchor):
            i += 1
            continue
        a, b = _grow(lines, tableish, i)
        if regions and a < regions[-1][1]:
            a = regions[-1][0]
            regions.pop()
        regions.append((a, b))
        i = b
    last = max((i for i, ln in enumerate(lines) if ln.kind != "blank"), default=-1)
    if at_end and regions:
        regions[-1] = _with_cut_cell(lines, regions[-1], last)
    out = [r for part in regions for r in _split_by_table(lines, part)]
    return [r for r in out if _worth_a_table(lines, r, at_end and r[1] - 1 >= last)]


def _tableish(lines: List[Line]) -> List[bool]:
    """Which lines read as table content; a short unknown line between table content and a
    number is a cell too (a label the format does not know)."""
    n = len(lines)
    tableish = [ln.kind in ("tab", "pipe", "sep", "seg") for ln in lines]
    for i, ln in enumerate(lines):
        if ln.kind == "other" and _is_short_cell(ln):
            j = i + 1
            while j < n and lines[j].kind == "blank":
                j += 1
            k = i - 1
            while k >= 0 and lines[k].kind == "blank":
                k -= 1
            if j < n and is_number_line(lines[j]) and k >= 0 and tableish[k]:
                tableish[i] = True
    return tableish


def _grow(lines: List[Line], tableish: List[bool], i: int) -> Region:
    """The run of table lines (and blank lines inside it) around line ``i``."""
    a = i
    while a > 0 and (tableish[a - 1] or lines[a - 1].kind == "blank"):
        a -= 1
    b = i + 1
    while b < len(lines) and (tableish[b] or lines[b].kind == "blank"):
        b += 1
    while a < b and lines[a].kind == "blank":
        a += 1
    while b > a and lines[b - 1].kind == "blank":
        b -= 1
    return a, b


def _with_cut_cell(lines: List[Line], region: Region, last: int) -> Region:
    """A cell the end of the text cut short (`上`, `行`) is the last line of the table there."""
    a, b = region
    rest = [i for i in range(b, last + 1) if lines[i].kind != "blank"]
    if len(rest) == 1 and lines[rest[0]].kind == "other" and _is_short_cell(lines[rest[0]]):
        return a, last + 1
    return region


def _unique_table(label: str) -> Optional[str]:
    owners = tv.vocab_for(label)
    return owners[0].key if len(owners) == 1 else None


def _split_by_table(lines: List[Line], region: Region) -> List[Region]:
    """Two tables with no heading between them: cut where labels of another table begin after
    the first table has had values."""
    a, b = region
    out = []
    current: Optional[str] = None
    values = False
    start = a
    for i in range(a, b):
        keys = {k for k in (_unique_table(lab) for lab in line_labels(lines[i])) if k}
        if current is not None and values and keys and current not in keys:
            out.append((start, i))
            start, values = i, False
            current = None
        if current is None and len(keys) == 1:
            current = next(iter(keys))
        if line_numbers(lines[i]):
            values = True
    out.append((start, b))
    return out


def _worth_a_table(lines: List[Line], region: Region, ends_text: bool = False) -> bool:
    a, b = region
    labels = sum(len(line_labels(lines[i])) for i in range(a, b))
    numbers = sum(line_numbers(lines[i]) for i in range(a, b))
    # A table whose blank cells were all dropped has labels only (LABEL_ONLY_TABLE of them); a
    # table the end of the text cuts off in its header has no numbers yet.
    return (labels >= 2 and (numbers >= 1 or ends_text)) or labels >= LABEL_ONLY_TABLE
