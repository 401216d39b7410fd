"""Plain text as websites publish it after scraping: one paragraph per line, headings as bare
lines such as ``一、总体情况``.  Tables are recognised by ``text_tables`` when present."""
from __future__ import annotations

from typing import List, Optional

from gaonb_lint.model import Block, Report
from gaonb_lint.readers.line_headings import line_blocks_of
from gaonb_lint.readers.lines import split_lines
from gaonb_lint.readers.structure import build_report


def line_blocks(text: str, first_line: int = 0, last_line: Optional[int] = None,
                line_starts: Optional[List[int]] = None) -> List[Block]:
    """Each non-blank line of ``text`` (0-based line range) as a heading or a paragraph."""
    lines, starts = split_lines(text)
    if line_starts is None:
        line_starts = starts
    last = len(lines) if last_line is None else last_line
    nonblank = [i for i in range(first_line, last) if lines[i].strip()]
    blocks: List[Block] = []
    for k, i in enumerate(nonblank):
        line = lines[i]
        nxt = lines[nonblank[k + 1]] if k + 1 < len(nonblank) else None
        start = line_starts[i]
        blocks.extend(line_blocks_of(line, start, nxt))
    return blocks


def read_text(path: str, text: str) -> Report:
    from gaonb_lint.readers import text_tables

    blocks = text_tables.blocks_with_tables(text, line_blocks)
    return build_report(path, text, "text", blocks)
