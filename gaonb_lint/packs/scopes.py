"""The part of a report a pack rule looks at.

A scope is a list of text segments (offset ranges of ``Report.text``, one per heading, paragraph
or table cell, so a match never runs from one block into the next) and an anchor where a
``require`` finding is placed.  A scope the report does not have (no section 六, no table 二)
is ``None``: other rules report what is missing, so a pack rule stays silent.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, List, Optional, Tuple

from gaonb_lint.model import Heading, Report, Table

NUMBERS = ("一", "二", "三", "四", "五", "六")
TABLE_NUMBERS = ("二", "三", "四")
SCOPES = ("report", "preamble", "title", "heading") + tuple(f"section:{n}" for n in NUMBERS) \
    + tuple(f"table:{n}" for n in TABLE_NUMBERS)

# How each scope is named in messages and docs.
SCOPE_NAMES = {
    "report": ("全文", "the whole report"),
    "preamble": ("前言（第一个标题之前的部分）", "the preamble (before the first section)"),
    "title": ("标题", "the title"),
    "heading": ("各级标题", "the headings"),
    **{f"section:{n}": (f"第{n}部分", f"section {n}") for n in NUMBERS},
    **{f"table:{n}": (f"第{n}部分的表格", f"the table of section {n}") for n in TABLE_NUMBERS},
}


@dataclass
class Scope:
    segments: List[Tuple[int, int]]
    anchor: Tuple[int, int]
    # False when part of the scope could not be read (an unreadable table): absence is unknown.
    complete: bool = True


def _segments(blocks: Iterable) -> List[Tuple[int, int]]:
    out: List[Tuple[int, int]] = []
    for block in blocks:
        if isinstance(block, Table):
            out.extend((c.start, c.end) for c in block.cells())
        else:
            out.append((block.start, block.end))
    return out


def _complete(blocks: Iterable) -> bool:
    return all(b.readable for b in blocks if isinstance(b, Table))


def _section(report: Report, number: str):
    from gaonb_lint import official_format
    from gaonb_lint.tables.locate import find_section

    spec = next(s for s in official_format.sections() if s.number == number)
    return find_section(report, spec)


def resolve(report: Report, scope: str) -> Optional[Scope]:
    if scope == "title":
        if report.title is None:
            return None
        return Scope([(report.title.start, report.title.end)], (report.title.start, report.title.end))
    if scope == "preamble":
        if not report.preamble:
            if not report.sections:
                return None
            first = report.sections[0].heading
            return Scope([], (first.start, first.end))
        first = report.preamble[0]
        return Scope(_segments(report.preamble), (first.start, first.end), _complete(report.preamble))
    if scope in ("report", "heading"):
        blocks = ([report.title] if report.title is not None else []) + list(report.all_blocks())
        if scope == "heading":
            blocks = [b for b in blocks if isinstance(b, Heading)]
        if not blocks:
            return None
        return Scope(_segments(blocks), (blocks[0].start, blocks[0].end), _complete(blocks))
    kind, _, number = scope.partition(":")
    section = _section(report, number)
    if section is None:
        return None
    if kind == "section":
        blocks = [section.heading] + list(section.blocks)
        return Scope(_segments(blocks), (section.heading.start, section.heading.end), _complete(blocks))
    table = next(section.tables(), None)
    if table is None:
        return None
    return Scope(_segments([table]), (table.start, table.end), table.readable)
