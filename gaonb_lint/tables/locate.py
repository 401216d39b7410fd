"""Where each official table sits in a report, and its mapping (computed once per report).

The table of section 二 is the first ``Table`` block of the section whose heading is 二's official
title (or a known variant); failing that, of the section numbered 二 unless that section's title
is another official section's.  Finding the section by title first means a report whose sections
were renumbered (an extra ``四、信息处理费统计情况``) still has its tables found and checked.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, List, Optional, Union

from gaonb_lint import official_format
from gaonb_lint.official_format import FormatVersion, SectionSpec
from gaonb_lint.model import Block, Paragraph, Report, Section, Table
from gaonb_lint.normalize import normalize_label
from gaonb_lint.tables.mapping import MappedTable, map_table
from gaonb_lint.tables.spec import KINDS

_CACHE_ATTR = "located_tables"  # in Report.derived: {version id: {kind: LocatedTable}}


@dataclass
class LocatedTable:
    kind: str
    spec: SectionSpec
    section: Optional[Section]
    table: Optional[Table]
    mapped: Optional[MappedTable]


def section_spec(kind: str) -> SectionSpec:
    for s in official_format.sections():
        if s.table == kind:
            return s
    raise KeyError(kind)


def find_section(report: Report, spec: SectionSpec) -> Optional[Section]:
    titles = {normalize_label(spec.title)} | {normalize_label(v) for v in spec.variants}
    for s in report.sections:
        if normalize_label(s.title) in titles:
            return s
    others = set()
    for o in official_format.sections():
        if o.key != spec.key:
            others.add(normalize_label(o.title))
            others.update(normalize_label(v) for v in o.variants)
    for s in report.sections:
        if s.number == spec.number and normalize_label(s.title) not in others:
            return s
    return None


def locate_tables(report: Report, version: Union[str, FormatVersion, None]) -> Dict[str, LocatedTable]:
    """``{kind: LocatedTable}`` for the three tables; mapped with ``version`` (none if ``None``)."""
    vid = version if isinstance(version, str) or version is None else version.id
    cache = report.derived.setdefault(_CACHE_ATTR, {})
    if vid in cache:
        return cache[vid]
    out: Dict[str, LocatedTable] = {}
    for kind in KINDS:
        spec = section_spec(kind)
        section = find_section(report, spec)
        table = next(section.tables(), None) if section is not None else None
        mapped = map_table(table, kind, vid) if table is not None and vid is not None else None
        out[kind] = LocatedTable(kind, spec, section, table, mapped)
    cache[vid] = out
    return out


def mapped_tables(report: Report, version: Union[str, FormatVersion, None]) -> List[MappedTable]:
    """The mapped official tables the report has, in section order."""
    return [t.mapped for t in locate_tables(report, version).values() if t.mapped is not None]


TRACE_IN_A_BLOCK = 4  # distinct labels of one table in one paragraph: the table run into the text
TRACE_LABELS = 6      # ... or in the section's prose as a whole
_TRACE_MIN_CHARS = 4  # `其他`, `总计` are words of prose too


def table_trace(section: Section, kind: str) -> Optional[Block]:
    """The first paragraph of ``section`` that holds labels of table ``kind`` when one
    paragraph holds at least ``TRACE_IN_A_BLOCK`` distinct labels of that table only, or the
    section's prose ``TRACE_LABELS``: the table is in the section but was not read as a table
    (run together with the text, say)."""
    from gaonb_lint.readers import table_vocab as tv

    vocab = next((v for v in tv.vocabularies() if v.key == kind), None)
    if vocab is None:
        return None
    labels = [lab for lab in vocab.labels() if len(lab) >= _TRACE_MIN_CHARS and len(tv.vocab_for(lab)) == 1]
    seen = set()
    first: Optional[Block] = None
    for block in section.blocks:
        if not isinstance(block, Paragraph):
            continue
        norm = normalize_label(block.text)
        hits = {lab for lab in labels if lab in norm}
        if hits and first is None:
            first = block
        if len(hits) >= TRACE_IN_A_BLOCK:
            return block
        seen |= hits
        if len(seen) >= TRACE_LABELS:
            return first
    return None
