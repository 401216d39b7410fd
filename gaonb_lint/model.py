"""The document model every reader produces and every rule reads.

Positions are kept as character offsets into ``Report.text`` (the decoded source); a
``Span`` (1-based line, 1-based column counted in Unicode code points, exclusive end column)
is derived from them on demand by ``Report.span``.  Readers for formats whose text is not a
verbatim slice of the file (HTML, DOCX) keep their own ``Report.text`` rendering and map it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Dict, Iterator, List, Optional, Tuple, Union

from gaonb_lint.lineindex import line_starts, position as _position

if TYPE_CHECKING:
    from gaonb_lint.directives import SuppressionComment
    from gaonb_lint.period import PeriodStatement

# Nodes and reports compare by identity (every node has its own offsets): a generated __eq__ per
# class would be compiled when the module is imported, on every run of the command.


@dataclass(frozen=True)
class Span:
    """A source range: 1-based ``line``/``column``; ``end_column`` points one past the last character."""

    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(eq=False)
class Node:
    """Anything with a place in the source: ``start``/``end`` are offsets into ``Report.text``."""

    start: int
    end: int


@dataclass(eq=False)
class Heading(Node):
    """A heading line. ``number`` is the Chinese numeral of a top-level heading (``一`` … ``十``)
    or ``None``; ``title`` is the text after the numeral and its separator; ``level`` is 1 for
    top-level report sections, 2 for ``（一）`` sub-headings, and the Markdown level otherwise."""

    text: str
    level: int
    number: Optional[str] = None
    title: str = ""
    markup: str = "plain"  # "plain" (a bare line) or "atx" (a Markdown ``#`` heading)
    # How a plain heading was found when the line is not just the heading: "markdown" (``## …``
    # in text), "bold" (``**…**``), "with-text" (text follows on its line), "run-in" (inside a line).
    how: str = ""


@dataclass(eq=False)
class Paragraph(Node):
    text: str


@dataclass(eq=False)
class Cell(Node):
    """One cell of a table grid. ``text`` is the cell's text as written (whitespace trimmed)."""

    text: str
    row: int
    col: int


@dataclass(eq=False)
class TableIssue:
    """A reason a reader could not read (part of) a table with certainty."""

    start: int
    end: int
    reason_zh: str
    reason_en: str


@dataclass(eq=False)
class Table(Node):
    """A table as a grid of cells, exactly as the source lays it out (no official mapping).

    ``layout`` names the source layout (``gfm``, ``tsv``, ``cell-per-line``, ``pipe``,
    ``flattened``, ``html``, ``docx``).  A reader that could not read part of the table with
    certainty leaves the cells it did read in ``rows`` and explains the rest in ``issues``;
    rules never compute with a table that has issues.
    """

    rows: List[List[Cell]]
    layout: str = "gfm"
    issues: List[TableIssue] = field(default_factory=list)

    @property
    def readable(self) -> bool:
        return not self.issues

    def cells(self) -> Iterator[Cell]:
        for row in self.rows:
            yield from row


Block = Union[Heading, Paragraph, Table]


@dataclass(eq=False)
class Section(Node):
    """A top-level section: its heading and every block up to the next top-level heading."""

    heading: Heading
    blocks: List[Block] = field(default_factory=list)

    @property
    def number(self) -> Optional[str]:
        return self.heading.number

    @property
    def title(self) -> str:
        return self.heading.title

    def paragraphs(self) -> Iterator[Paragraph]:
        return (b for b in self.blocks if isinstance(b, Paragraph))

    def tables(self) -> Iterator[Table]:
        return (b for b in self.blocks if isinstance(b, Table))

    def text(self) -> str:
        """All prose of the section (headings and paragraphs, not tables), one block per line."""
        return "\n".join(b.text for b in self.blocks if not isinstance(b, Table))


@dataclass(eq=False)
class YearEvidence:
    """Where the reader read the report's year: ``source`` is ``title``, ``metadata``, ``period``
    or ``body``; ``start``/``end`` are offsets into ``Report.text`` of the year as written (of
    the front-matter line for ``metadata``)."""

    year: int
    source: str
    start: int
    end: int


@dataclass(eq=False)
class Report:
    """One parsed report.

    ``preamble`` holds the blocks before the first section (title, dates, the statistics
    period sentence).  ``year`` is the year the report covers (not its publication year) and
    ``year_evidence`` where it was read; ``year_candidates`` every year the reader saw for it
    (``title``, front matter ``metadata``, the statistics ``period``, and each mention in section
    一, source ``body``), with where; ``period`` the statistics period statement
    (``gaonb_lint.period.PeriodStatement``); ``suppressions`` the inline suppression comments
    (Markdown and HTML sources); ``body`` is the body (机关) whose report it is: the front
    matter's ``body``, else the title before its year.  ``metadata`` is the front matter, and
    ``metadata_spans`` where each of its keys is written (offsets into ``text``).  ``derived``
    holds what shared helpers compute from the report once for every rule (the located tables
    of each format version); it is filled by those helpers only.
    """

    path: str
    text: str
    source_format: str  # "markdown", "text", ...
    title: Optional[Node] = None
    title_text: str = ""
    year: Optional[int] = None
    year_evidence: Optional[YearEvidence] = None
    year_candidates: List[YearEvidence] = field(default_factory=list)
    period: Optional[PeriodStatement] = None
    suppressions: List[SuppressionComment] = field(default_factory=list)
    body: str = ""
    metadata: Dict[str, str] = field(default_factory=dict)
    metadata_spans: Dict[str, Tuple[int, int]] = field(default_factory=dict)
    preamble: List[Block] = field(default_factory=list)
    sections: List[Section] = field(default_factory=list)
    encoding: str = "utf-8"
    notes: List[Tuple[str, str]] = field(default_factory=list)  # (zh, en) reading notes for --verbose
    derived: Dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    _line_starts: List[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self._line_starts = line_starts(self.text)

    # -- positions -------------------------------------------------------------------
    def position(self, offset: int) -> Tuple[int, int]:
        """1-based (line, column) of a character offset."""
        return _position(self._line_starts, offset, len(self.text))

    def span(self, start: int, end: Optional[int] = None) -> Span:
        if end is None or end < start:
            end = start
        line, col = self.position(start)
        end_line, end_col = self.position(end)
        return Span(line, col, end_line, end_col)

    def line_count(self) -> int:
        return len(self._line_starts)

    def line_start(self, line: int) -> int:
        """Offset of the first character of 1-based ``line``."""
        line = max(1, min(line, len(self._line_starts)))
        return self._line_starts[line - 1]

    # -- lookups ---------------------------------------------------------------------
    def section(self, number: str) -> Optional[Section]:
        """The first section whose heading carries ``number`` (e.g. ``"六"``)."""
        for s in self.sections:
            if s.number == number:
                return s
        return None

    def all_blocks(self) -> Iterator[Block]:
        yield from self.preamble
        for s in self.sections:
            yield s.heading
            yield from s.blocks

    def tables(self) -> Iterator[Table]:
        return (b for b in self.all_blocks() if isinstance(b, Table))

    @property
    def end(self) -> int:
        return len(self.text)
