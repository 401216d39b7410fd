"""A plain-text rendering of a source whose text is not the report's prose (HTML), with every
rendered character mapped back to the source range it came from.

Readers build the rendering line by line (``Renderer``), cut it into blocks as for scraped text,
and return a ``MappedReport``: rules work on the rendering (paragraph text is a contiguous slice
of it, so ``block.start + i`` is right), while spans are reported at the line and column of the
original file.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import List, Optional, Tuple

from gaonb_lint.lineindex import line_starts, position as _position
from gaonb_lint.model import Report, Span


class Renderer:
    """Accumulates rendered characters with, for each, the source ``[start, end)`` it came from."""

    def __init__(self) -> None:
        self.chars: List[str] = []
        self.src_start: List[int] = []
        self.src_end: List[int] = []

    def __len__(self) -> int:
        return len(self.chars)

    def add(self, text: str, start: int, end: int) -> None:
        for ch in text:
            self.chars.append(ch)
            self.src_start.append(start)
            self.src_end.append(end)

    def add_mapped(self, chars: List[Tuple[str, int, int]]) -> None:
        for ch, s, e in chars:
            self.chars.append(ch)
            self.src_start.append(s)
            self.src_end.append(e)

    def newline(self) -> None:
        """End the current line (a separator mapped to the end of what precedes it)."""
        at = self.src_end[-1] if self.src_end else 0
        self.add("\n", at, at)

    def at_line_start(self) -> bool:
        return not self.chars or self.chars[-1] == "\n"

    def text(self) -> str:
        return "".join(self.chars)


@dataclass
class MappedReport(Report):
    """A ``Report`` whose ``text`` is a rendering; positions are those of ``source_text``."""

    source_text: str = ""
    src_start: List[int] = field(default_factory=list, repr=False)
    src_end: List[int] = field(default_factory=list, repr=False)
    _source_lines: List[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        super().__post_init__()
        self._source_lines = line_starts(self.source_text)

    @classmethod
    def from_report(cls, report: Report, source_text: str, renderer: Renderer) -> "MappedReport":
        values = {f.name: getattr(report, f.name) for f in fields(Report) if f.init and f.name != "_line_starts"}
        return cls(**values, source_text=source_text, src_start=list(renderer.src_start),
                   src_end=list(renderer.src_end))

    def _source_position(self, offset: int) -> Tuple[int, int]:
        return _position(self._source_lines, offset, len(self.source_text))

    def source_offset(self, offset: int, end: bool = False) -> int:
        """The source offset of rendering ``offset`` (of the end of the character before it when
        ``end`` or when ``offset`` is at a line end)."""
        n = len(self.src_start)
        if n == 0:
            return 0
        if offset >= n:
            return self.src_end[-1]
        if offset > 0 and (end or self.text[offset] == "\n"):
            return self.src_end[offset - 1]
        return self.src_start[max(0, offset)]

    def position(self, offset: int) -> Tuple[int, int]:
        return self._source_position(self.source_offset(offset))

    def span(self, start: int, end: Optional[int] = None) -> Span:
        if end is None or end < start:
            end = start
        s = self.source_offset(start)
        e = self.source_offset(end, end=True) if end > start else s
        line, col = self._source_position(s)
        end_line, end_col = self._source_position(max(s, e))
        return Span(line, col, end_line, end_col)

    def line_count(self) -> int:
        return len(self._source_lines)
