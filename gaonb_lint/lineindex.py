"""The one line index: where each line of a text starts, and the (line, column) of an offset.

Every position a user reads (a finding, a reader's note, an HTML source line) goes through these
two functions, so that a text's lines are counted one way everywhere: lines end at ``\\n`` only.
"""
from __future__ import annotations

from bisect import bisect_right
from typing import List, Sequence, Tuple


def line_starts(text: str) -> List[int]:
    """The offset of the first character of every line of ``text`` (``[0]`` for one line)."""
    starts = [0]
    find = text.find
    i = find("\n")
    while i != -1:
        starts.append(i + 1)
        i = find("\n", i + 1)
    return starts


def line_of(starts: Sequence[int], offset: int) -> int:
    """The 0-based line of ``offset``."""
    return bisect_right(starts, offset) - 1


def position(starts: Sequence[int], offset: int, length: int) -> Tuple[int, int]:
    """1-based ``(line, column)`` of ``offset`` in a text of ``length`` characters (clamped)."""
    offset = max(0, min(offset, length))
    idx = bisect_right(starts, offset) - 1
    return idx + 1, offset - starts[idx] + 1
