"""From a reader's flat list of blocks to a ``Report``: title, year, sections.

Readers only cut the source into blocks (paragraph lines, tables, Markdown headings); deciding
which line is a section heading is shared here, so every source format gets the same answer.
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Dict, List, Optional, Sequence, Tuple

from gaonb_lint import official_format
from gaonb_lint.model import Block, Heading, Paragraph, Report, Section, Table, YearEvidence
from gaonb_lint.normalize import CN_NUMERALS, normalize_label
from gaonb_lint.directives import SUPPRESSIBLE, find_suppressions
from gaonb_lint.period import find_statement

# `一、总体情况`, `二. 主动公开…`, `三，…`; the numeral is the whole prefix, so `一是…` never matches.
# The title runs to its last non-space character; `(\S.*?)\s*$` said the same but is quadratic
# on a long run of inner spaces (a hang on a 1 MB line).
HEADING_RE = re.compile(r"^\s*([" + CN_NUMERALS + r"]{1,3})\s*[、,，.．:：]\s*(\S(?:.*\S)?)\s*$")
MAX_HEADING_CHARS = 40
_SENTENCE_END = ("。", "；", ";", "！", "？")
_NUMBER_ONLY = re.compile(r"^\s*[-+]?\d+(?:\.\d+)?\s*$")
YEAR_RE = re.compile(r"((?:19|20)\d{2})\s*年")



def looks_like_table_row(text: str, next_text: Optional[str]) -> bool:
    """A line that reads like a numbered heading but belongs to a table: an official row label
    (``四、结转下年度继续办理``), a line with cell separators or trailing numbers, or one followed
    by a bare number (one cell per line)."""
    if "\t" in text or "|" in text or _trailing_number(text):
        return True
    norm = normalize_label(text)
    if any(norm.startswith(label) for label in official_format.table_row_labels() if label[:1] in CN_NUMERALS):
        return True
    return bool(next_text is not None and _NUMBER_ONLY.match(next_text))


def _trailing_number(text: str) -> bool:
    r"""``[\u4e00-\u9fff)）]\s*\d+\s*$`` (a label then a number), without compiling the CJK range
    (1.3 ms of every run's start-up)."""
    s = text.rstrip()
    end = len(s)
    while end and s[end - 1].isdecimal():
        end -= 1
    if end == len(s):
        return False
    s = s[:end].rstrip()
    return bool(s) and ("\u4e00" <= s[-1] <= "\u9fff" or s[-1] in ")）")


def parse_heading(text: str) -> Optional[Tuple[str, str]]:
    """``(numeral, title)`` when a line has the shape of a top-level heading, else ``None``."""
    m = HEADING_RE.match(text)
    if not m:
        return None
    title = m.group(2)
    if title.endswith(_SENTENCE_END):
        return None
    if len(title) > MAX_HEADING_CHARS:
        # Heading and text on one line: accept only when it opens with an official title.
        norm = normalize_label(title)
        if not any(norm.startswith(t) for t in official_format.section_title_keys()):
            return None
    return m.group(1), title


def heading_from_line(text: str, start: int, next_text: Optional[str]) -> Optional[Heading]:
    parsed = parse_heading(text)
    if parsed is None or looks_like_table_row(text, next_text):
        return None
    lead = len(text) - len(text.lstrip())
    trail = len(text.rstrip())
    return Heading(start + lead, start + trail, text.strip(), 1, parsed[0], parsed[1])


_YEAR_SUFFIX = re.compile(r"(?:19|20)\d{2}\s*年.*$")  # a title's year and what follows it


def build_report(path: str, text: str, source_format: str, blocks: Sequence[Block],
                 metadata: Optional[Dict[str, str]] = None, title: Optional[Heading] = None,
                 section_level: Optional[int] = None,
                 metadata_spans: Optional[Dict[str, Tuple[int, int]]] = None) -> Report:
    """Assemble a report.  ``blocks`` are in source order; ``Heading`` blocks with a ``number``
    start sections; for Markdown, ``section_level`` is the ``#`` level of the section headings,
    so an unnumbered heading at that level also starts an (extra, unnumbered) section."""
    report = Report(path=path, text=text, source_format=source_format, metadata=dict(metadata or {}),
                    metadata_spans=dict(metadata_spans or {}))
    current: Optional[Section] = None
    # When the sections are `#` headings, a bare numbered line (`一、存在的主要问题` inside 五) is a
    # sub-heading, unless it carries an official section title.
    official = set(official_format.section_title_keys()) if section_level is not None else set()
    for block in blocks:
        starts_section = isinstance(block, Heading) and (
            (block.markup == "plain" and block.number is not None
             and (section_level is None or normalize_label(block.title) in official))
            or (block.markup == "atx" and block.level == section_level)
        )
        if starts_section:
            current = Section(block.start, block.end, block)  # type: ignore[arg-type]
            report.sections.append(current)
        elif current is None:
            report.preamble.append(block)
        else:
            current.blocks.append(block)
            current.end = max(current.end, block.end)

    _find_title(report, title)
    record_evidence(report)
    _find_year(report)
    report.body = (report.metadata.get("body") or "").strip() or _YEAR_SUFFIX.sub("", report.title_text).strip()
    _note_headings(report)
    return report


_HOW = {
    "markdown": ("按 Markdown 标题（#）识别", "read as a Markdown heading (#) in text"),
    "bold": ("按加粗行识别", "read from a bold line"),
    "with-text": ("与正文在同一行，按年报格式的章节标题识别", "followed by text on its line; read by its official title"),
    "run-in": ("嵌在行内（爬取时与上文连在一起），按年报格式的章节标题识别",
               "inside a line (run into the text before it); read by its official title"),
}


def _note_headings(report: Report) -> None:
    """Say in ``--verbose`` where a section heading was found other than as a line of its own."""
    for section in report.sections:
        h = section.heading
        if h.how in _HOW:
            line = report.position(h.start)[0]
            zh, en = _HOW[h.how]
            report.notes.append((f"第 {line} 行章节标题 “{h.text}”{zh}", f"line {line}: section heading “{h.text}” {en}"))


def _find_title(report: Report, title: Optional[Heading]) -> None:
    suffix = official_format.report_title_suffix()
    if title is None:
        for block in report.preamble:
            if isinstance(block, (Paragraph, Heading)) and suffix[-4:] in block.text and len(block.text) <= 80:
                title = block
                break
    if title is not None:
        report.title = title
        report.title_text = title.text.strip()
    elif report.metadata.get("title"):
        report.title_text = report.metadata["title"]


def record_evidence(report: Report) -> None:
    """What rules read instead of searching the text again: the suppression comments (Markdown
    and HTML), the statistics period statement and every year candidate.  Needs the sections
    and the title."""
    report.suppressions = find_suppressions(report.text) if report.source_format in SUPPRESSIBLE else []
    report.period = find_statement(report.all_blocks(), _is_table)
    report.year_candidates = _year_candidates(report)


def _is_table(block: Block) -> bool:
    return isinstance(block, Table)


def _year_candidates(report: Report) -> List[YearEvidence]:
    """Every year the report gives for itself, with where it is written: the title's, the front
    matter's ``year``, the statistics period's start, and each year named in section 一's prose
    (a block that is not a verbatim slice of the source gives its own span)."""
    out: List[YearEvidence] = []
    if report.title is not None:
        node = report.title
        m = YEAR_RE.search(report.text, node.start, node.end)
        if m:
            out.append(YearEvidence(int(m.group(1)), "title", m.start(1), m.end(1)))
        else:
            m = YEAR_RE.search(report.title_text)
            if m:
                out.append(YearEvidence(int(m.group(1)), "title", node.start, node.end))
    value = (report.metadata.get("year") or "").strip()
    if re.fullmatch(r"(?:19|20)\d{2}", value):
        start, end = report.metadata_spans.get("year", (0, 0))
        out.append(YearEvidence(int(value), "metadata", start, end))
    period = report.period
    if period is not None and period.kind == "period":
        year = period.value.start[0]  # type: ignore[union-attr]
        if year:
            out.append(YearEvidence(year, "period", period.start, period.end))
    section = report.section(official_format.sections()[0].number)
    if section is not None:
        for block in section.blocks:
            if isinstance(block, Table):
                continue
            verbatim = report.text[block.start:block.end] == block.text
            for m in YEAR_RE.finditer(block.text):
                start, end = (block.start + m.start(1), block.start + m.end(1)) if verbatim else (block.start, block.end)
                out.append(YearEvidence(int(m.group(1)), "body", start, end))
    return out


def _find_year(report: Report) -> None:
    """``report.year`` and ``report.year_evidence``: from the title, else the front matter's
    ``year``, else the statistics period when the preamble states it, else the year the first
    section names most."""
    m = YEAR_RE.search(report.title_text)
    if m:
        where = _title_offset(report, m.group(0))
        _set_year(report, int(m.group(1)), "title", where, where + len(m.group(0)))
        return
    meta_year = report.metadata.get("year", "")
    m = re.fullmatch(r"\s*((?:19|20)\d{2})\s*", meta_year) if meta_year else None
    if m:
        start, end = report.metadata_spans.get("year", (0, 0))
        _set_year(report, int(m.group(1)), "metadata", start, end)
        return
    period = next((c for c in report.year_candidates if c.source == "period"), None)
    if period is not None and (not report.sections or period.start < report.sections[0].start):
        _set_year(report, period.year, "period", period.start, period.end)
        return
    if report.sections:
        section = report.sections[0]
        counts = Counter(YEAR_RE.findall(section.text()))
        if counts:
            year = counts.most_common(1)[0][0]
            at = report.text.find(year, section.start, section.end)
            start = at if at >= 0 else section.start
            _set_year(report, int(year), "body", start, start + len(year) if at >= 0 else section.start)


def _set_year(report: Report, year: int, source: str, start: int, end: int) -> None:
    report.year = year
    report.year_evidence = YearEvidence(year, source, start, end)


def _title_offset(report: Report, written: str) -> int:
    """Where ``written`` (part of the title text) is in ``report.text``."""
    node = report.title
    if node is None:
        return report.metadata_spans.get("title", (0, 0))[0]
    at = report.text.find(written, node.start, node.end)
    return at if at >= 0 else node.start


def markdown_section_level(headings: Sequence[Heading]) -> Optional[int]:
    """The ``#`` level most numbered headings use: the level of the report's sections."""
    levels = Counter(h.level for h in headings if h.number is not None)
    return levels.most_common(1)[0][0] if levels else None
