"""Tables in scraped text: where they are, and reading them into a grid of cells.

Websites publish the report as HTML; what is scraped from it lays the same tables out in one of
several ways, each read by its own module in ``scraped/layouts`` (tab-separated rows, pipe rows,
one cell per line ending in ``|`` between separator lines, one cell per line, cells run together
on a line).  A table region is a run of lines that read as table content (official labels or
fragments of them, numbers, tab or pipe rows) around at least one official label; a section
heading, prose, or anything else ends it.

Reading is certain or it is reported: where rows are not marked a row must have exactly as many
values as the header has columns, because a blank cell leaves no trace; in run-together text a
digit run is split only when it follows a known row label and has exactly one digit per column.
Everything else becomes a ``TableIssue`` and no cell is invented for it.
"""
from __future__ import annotations

from typing import Callable, List, Optional

from gaonb_lint.model import Block, Cell, Table, TableIssue
from gaonb_lint.readers.lines import last_nonblank, split_lines
from gaonb_lint.readers.scraped.header_band import lay_out_headers
from gaonb_lint.readers.scraped.layouts import LAYOUTS
from gaonb_lint.readers.scraped.lines import Line, classify
from gaonb_lint.readers.scraped.regions import find_regions

# The info string of a Markdown fenced block holding a table as scraped text (see convert).
FENCE_INFO = "text-table"

__all__ = ["FENCE_INFO", "blocks_with_tables", "find_regions", "read_region"]


def read_region(lines: List[Line], text: str) -> Table:
    nonblank = [ln for ln in lines if ln.kind != "blank"]
    layout = next(m for m in LAYOUTS if m.claims(nonblank))
    reading = layout.read(nonblank, text)
    if not layout.KEEPS_COLUMNS:
        lay_out_headers(reading.rows)
    issues: List[TableIssue] = []
    for issue in reading.issues:  # one issue for a run of rows that fail for the same reason
        if issues and issues[-1].reason_en == issue.reason_en and not text[issues[-1].end:issue.start].strip():
            issues[-1].end = issue.end
        else:
            issues.append(issue)
    rows = [[Cell(c.start, c.end, c.text, r, k) for k, c in enumerate(row)]
            for r, row in enumerate(x for x in reading.rows if x)]
    start = nonblank[0].start + len(nonblank[0].text) - len(nonblank[0].text.lstrip())
    end = nonblank[-1].start + len(nonblank[-1].text.rstrip())
    return Table(start, end, rows, layout.NAME, issues)


def blocks_with_tables(text: str, line_blocks: Callable[..., List[Block]], first: int = 0,
                       last: Optional[int] = None) -> List[Block]:
    """Headings, paragraphs and tables of lines ``first``..``last`` (0-based, exclusive) of ``text``."""
    raw, starts = split_lines(text)
    last = len(raw) if last is None else last
    lines = [classify(i, starts[i], raw[i]) for i in range(first, last)]
    blocks: List[Block] = []
    previous = first
    for a, b in find_regions(lines, at_end=last_nonblank(text) < last):
        blocks.extend(line_blocks(text, previous, first + a, starts))
        blocks.append(read_region(lines[a:b], text))
        previous = first + b
    blocks.extend(line_blocks(text, previous, last, starts))
    return blocks
