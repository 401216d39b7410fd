"""A document's lines and their start offsets, computed once per text.

Readers cut a document into blocks piece by piece (each paragraph, table, fence or comment asks
for a range of lines); splitting the whole text again for every piece made reading quadratic in
the number of pieces.  The last text's split is kept (by identity), so every piece of one
document shares one split.
"""
from __future__ import annotations

from typing import List, Optional, Tuple

from gaonb_lint.lineindex import line_starts

_last: Optional[Tuple[str, List[str], List[int]]] = None
_last_nonblank: Optional[Tuple[str, int]] = None


def split_lines(text: str) -> Tuple[List[str], List[int]]:
    """``(lines, starts)``: ``text.split("\\n")`` and the offset of each line's first character.
    Callers must not modify the lists."""
    global _last
    last = _last
    if last is not None and last[0] is text:
        return last[1], last[2]
    lines = text.split("\n")
    starts = line_starts(text)
    _last = (text, lines, starts)
    return lines, starts


def last_nonblank(text: str) -> int:
    """Index of the last line of ``text`` that is not blank (-1 when every line is)."""
    global _last_nonblank
    known = _last_nonblank
    if known is not None and known[0] is text:
        return known[1]
    lines, _ = split_lines(text)
    i = len(lines) - 1
    while i >= 0 and not lines[i].strip():
        i -= 1
    _last_nonblank = (text, i)
    return i
