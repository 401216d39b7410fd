"""The publication date of a report, when the source says it.

Markdown front matter ``published: 2026-01-16`` (also ``date``/``publish_date``/``发布日期``, with
or without a time, ISO 8601 with an offset too) and an HTML page's ``<meta name="PubDate">`` land
in ``Report.metadata``; scraped pages carry a line such as ``发布日期:2026-01-16 信息来源:…`` or
``来源:官塘驿镇 发布时间:2025-01-03`` near the top, or a line that is only a date with a time
(``• 2025-02-10 15:59``).  Only those labelled dates count: a date at
the end of the text is the document's signature date, not its publication.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Optional, Tuple

from gaonb_lint.model import Report, Table

META_KEYS = ("published", "publish_date", "publication_date", "date_published", "发布日期", "发布时间", "date",
             "pubdate")
_DAY = r"((?:19|20)\d{2})\s*(?:年|[-./])\s*(\d{1,2})\s*(?:月|[-./])\s*(\d{1,2})"
_DATE = _DAY + r"\s*日?"
# `\s*(?:X\s*)?` rather than `\s*X?\s*`: the latter is quadratic on a long run of spaces.
# `发布日期:2026-01-16`, and a metadata row scraped as pipe cells: `公开日期: | 2024-01-26 |`.
LABELLED = re.compile(r"(?:发布|公开|发文)(?:日期|时间)\s*(?:[:：]\s*)?(?:\|\s*)?" + _DATE)
# A labelled date the line does not give as a date (`发布时间：2026年13月1日`, `发布日期：待定`).
# (The value must look like the start of a date: `发布时间： 字号：大 中 小` gives no date at all.)
LABEL_ONLY = re.compile(r"(?:发布|公开|发文)(?:日期|时间)\s*[:：]\s*(?:\|\s*)?"
                        r"([0-9０-９〇零一二三四五六七八九][^\s:：|]{0,20})")
# A date, optionally with a time and an ISO 8601 offset: `2026-03-16`, `2026-03-16 10:00`,
# `2026-03-16T10:00:00+08:00`; the date is taken as written (local to the publisher).
PLAIN = re.compile(r"^\s*" + _DAY + r"(?:\s*日)?(?:(?:\s+|T)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?"
                   r"(?:Z|[+-]\d{2}:?\d{2})?)?\s*$")
# A line in the page header that starts with a date and a time (`• 2025-02-10 15:59`, or
# `2021-02-07 18:07  来源:…` followed by other header fields): content systems print the
# publication time so; a signature date has no time.
BARE_DATETIME = re.compile(r"^[\s•·\-*]*" + _DAY + r"\s*日?\s+\d{1,2}:\d{2}(?::\d{2})?"
                           r"(?:\s*$|\s+[^\s:：]{1,8}[:：])")
SEARCH_BLOCKS = 12  # a labelled date sits in the page header, before the body


# Built once and shared; compared by identity.  (A frozen dataclass compiles three more methods
# when the module is imported, on every run of the command.)
@dataclass(eq=False)
class Published:
    date: date
    start: int  # offsets into Report.text of the date (0, 0 for metadata)
    end: int
    source: str  # "metadata" | "text"


def _make(y: str, m: str, d: str) -> Optional[date]:
    try:
        return date(int(y), int(m), int(d))
    except ValueError:
        return None


@dataclass(frozen=True)
class Unreadable:
    """A publication date the source gives but that cannot be read as a date."""

    written: str
    start: int
    end: int
    source: str  # "metadata" | "text"


def metadata_date(report: Report) -> Optional[Tuple[str, date]]:
    for key in META_KEYS:
        value = report.metadata.get(key)
        if value:
            m = PLAIN.match(value)
            if m:
                d = _make(*m.groups())
                if d:
                    return key, d
    return None


def unreadable_date(report: Report) -> Optional[Unreadable]:
    """The first publication date the source states but that is not a date, when no readable
    one was found: a rule reports it instead of skipping the check in silence."""
    if find_publication_date(report) is not None:
        return None
    for key in META_KEYS:
        value = (report.metadata.get(key) or "").strip()
        if value:
            where = _front_matter_line(report, key)
            return Unreadable(value, where[0], where[1], "metadata")
    for block in _header_blocks(report):
        text = report.text[block.start:block.end]
        m = LABEL_ONLY.search(text)
        if m:
            return Unreadable(m.group(1), block.start + m.start(), block.start + m.end(), "text")
    return None


def _header_blocks(report: Report):
    """The page header: the first ``SEARCH_BLOCKS`` blocks, and as many from the title on (a
    page whose site menu comes first puts the date under the title, further down)."""
    prose = [b for b in report.preamble if not isinstance(b, Table)]
    blocks = prose[:SEARCH_BLOCKS]
    if report.title is not None:
        at = next((i for i, b in enumerate(prose) if b is report.title), None)
        if at is None:
            blocks.insert(0, report.title)
        else:
            blocks += [b for b in prose[at:at + SEARCH_BLOCKS] if b not in blocks]
    return blocks


def find_publication_date(report: Report) -> Optional[Published]:
    """The stated publication date, or ``None``.  Front matter wins over a line in the text."""
    meta = metadata_date(report)
    if meta is not None:
        key, d = meta
        where = _front_matter_line(report, key)
        return Published(d, where[0], where[1], "metadata")
    for block in _header_blocks(report):
        text = report.text[block.start:block.end]
        m = LABELLED.search(text) or BARE_DATETIME.match(text)
        if m:
            d = _make(*m.groups())
            if d:
                return Published(d, block.start + m.start(), block.start + m.end(), "text")
    return None


def _front_matter_line(report: Report, key: str) -> Tuple[int, int]:
    """Where ``key:`` is written in the front matter, as the reader recorded it."""
    if key in report.metadata_spans:
        return report.metadata_spans[key]
    return (report.title.start, report.title.end) if report.title is not None else (0, 0)
