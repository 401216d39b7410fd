"""Table 二 (主动公开政府信息情况) onto the official table."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Dict, List, NamedTuple, Optional

from gaonb_lint.tables.align import Found, align, label_key
from gaonb_lint.tables.align import Alignment
from gaonb_lint.tables.grid_rows import GridRow, analyse, row_span, span_of
from gaonb_lint.tables.mapped import ColumnAt, LabelProblem
from gaonb_lint.tables.mapper import Mapper, place_rows
from gaonb_lint.tables.spec import RowSpec

_TITLE = re.compile(r"^第[一二三四五六七八九十百\d]+条")


def _text_in_value_columns(row: GridRow, leaves: List[Found]) -> GridRow:
    """``row`` with text under the header's value columns (``待补充``, ``XXX``, ``9¹``) treated as
    values, so that it is reported as a non-number in a value cell, not as a row label."""
    value_start = min((f.info for f in leaves if isinstance(f.info, int)), default=None)
    if value_start is None or not row.labels or row.labels[-1][0] < value_start:
        return row
    keep = [(i, c) for i, c in row.labels if i < value_start]
    if not keep:
        return row
    first_text = next(i for i, _ in row.labels if i >= value_start)
    return GridRow(row.index, row.cells, keep, min(row.first_value, first_text))


class HeaderRow(NamedTuple):
    """A block's header row: the grid row, its column labels, and its lead label (信息内容)."""

    row: GridRow
    leaves: List[Found]
    lead: Optional[Found]


@dataclass
class _Grid:
    """Table 二's grid sorted out: titles and row labels in reading order (``found``), header
    rows, data rows, and which header and title stand above what."""

    found: List[Found] = field(default_factory=list)
    headers: List[HeaderRow] = field(default_factory=list)
    data: List[GridRow] = field(default_factory=list)
    row_token: Dict[int, int] = field(default_factory=dict)          # data row index -> found index
    header_before: Dict[int, int] = field(default_factory=dict)      # data row index -> header index
    title_before_header: Dict[int, int] = field(default_factory=dict)  # header index -> found index


@dataclass
class _Sequence:
    """The official sequence of table 二: each block's title, then its rows."""

    labels: List[str] = field(default_factory=list)
    rows: List[Optional[RowSpec]] = field(default_factory=list)  # None for a title
    block: List[int] = field(default_factory=list)


def map_proactive(m: Mapper) -> None:
    """Table 二: block titles and rows in one official sequence; each block's own header row."""
    grid = _sort_rows(m)
    seq = _official_sequence(m)
    al = align(grid.found, seq.labels, m.other)
    before = len(m.mt.label_problems)
    m.label_results(grid.found, seq.labels, al, "row", missing_at=(m.table.start, m.table.start))
    titles = {b.title for b in m.spec.blocks}
    for p in m.mt.label_problems[before:]:
        if p.expected in titles or (not p.expected and _TITLE.match(label_key(p.found))):
            p.axis = "title"
    for fi, oi in al.pairs.items():
        if seq.rows[oi] is not None:
            m.mt.row_cells.setdefault(seq.rows[oi].key, grid.found[fi].cells[0])
    header_block = _assign_headers(m, grid, seq, al)

    def block_columns(r: GridRow, rspec: RowSpec) -> Optional[List[ColumnAt]]:
        hi = grid.header_before.get(r.index)
        bi = next(i for i, b in enumerate(m.spec.blocks) if b.title == rspec.block)
        if hi is None or header_block.get(hi) != bi:
            if r.nonblank_after_labels():
                m.problem(row_span(r), "no-block-header", label=rspec.label, block=rspec.block)
            return None
        leaves = grid.headers[hi].leaves
        columns = m.spec.blocks[bi].columns
        cal = align(leaves, [c.label for c in columns], m.other)
        return [ColumnAt(leaves[fi].info, columns[cal.pairs[fi]].key if fi in cal.pairs else None)
                for fi in range(len(leaves))]

    # Block titles stand in the official sequence as label-only rows.
    spec_rows = [r if r is not None else RowSpec(seq.labels[i], seq.labels[i], numeric=False)
                 for i, r in enumerate(seq.rows)]
    place_rows(m, grid.data, grid.row_token, al, [], spec_rows, block_columns)


def _sort_rows(m: Mapper) -> _Grid:
    """Titles, header rows and data rows, in reading order."""
    spec = m.spec
    title_keys = {label_key(b.title) for b in spec.blocks}
    header_key = label_key(spec.blocks[0].label_header) if spec.blocks else ""
    any_col_keys = {label_key(c.label) for c in spec.columns} | set(m.other)
    grid = _Grid()
    last_title: Optional[int] = None
    for r in (analyse(i, row) for i, row in enumerate(m.table.rows)):
        if not r.cells or (not r.labels and not r.has_values()):
            continue
        first = label_key(r.labels[0][1].text) if r.labels else ""
        if r.labels and not r.has_values() and (first in title_keys or _TITLE.match(first)):
            grid.found.append(Found(r.labels[0][1].text, [r.labels[0][1]], r.index))
            last_title = len(grid.found) - 1
            continue
        if r.labels and not r.has_values() and (
                first == header_key or any(label_key(c.text) in any_col_keys for _, c in r.labels)):
            lead = r.labels[0][1] if first == header_key or first not in any_col_keys else None
            leaves = [Found(c.text, [c], i) for i, c in r.labels if c is not lead]
            grid.headers.append(HeaderRow(r, leaves, Found(lead.text, [lead]) if lead is not None else None))
            if last_title is not None:
                grid.title_before_header[len(grid.headers) - 1] = last_title
            continue
        if grid.headers:
            r = _text_in_value_columns(r, grid.headers[-1].leaves)
        grid.data.append(r)
        if grid.headers:
            grid.header_before[r.index] = len(grid.headers) - 1
        if r.labels:
            grid.found.append(Found(r.labels[-1][1].text, [r.labels[-1][1]], r.index))
            grid.row_token[r.index] = len(grid.found) - 1
    return grid


def _official_sequence(m: Mapper) -> _Sequence:
    seq = _Sequence()
    for bi, b in enumerate(m.spec.blocks):
        seq.labels.append(b.title)
        seq.rows.append(None)
        seq.block.append(bi)
        for label in b.rows:
            seq.labels.append(label)
            seq.rows.append(m.spec.row(label))
            seq.block.append(bi)
    return seq


def _assign_headers(m: Mapper, grid: _Grid, seq: _Sequence, al: Alignment) -> Dict[int, int]:
    """Each header row belongs to the block of the title above it, or of the rows below it;
    its labels are checked against that block's.  ``{header index: block index}``."""
    header_block: Dict[int, int] = {}
    for hi, header in enumerate(grid.headers):
        bi = _block_of_header(grid, seq, al, hi)
        if bi is None:
            continue
        header_block[hi] = bi
        block = m.spec.blocks[bi]
        _check_lead(m, block, header.lead)
        labels = [c.label for c in block.columns]
        cal = align(header.leaves, labels, m.other)
        m.label_results(header.leaves, labels, cal, "column", context=block.title, missing_at=row_span(header.row))
        for fi, oi in cal.pairs.items():
            m.mt.column_cells.setdefault((block.title, block.columns[oi].key), header.leaves[fi].cells[0])
    seen_blocks = set(header_block.values())
    for bi, b in enumerate(m.spec.blocks):
        rows_of = [fi for fi in al.pairs if seq.block[al.pairs[fi]] == bi]
        if bi not in seen_blocks and rows_of:
            w = span_of(grid.found[rows_of[0]].cells)
            m.mt.label_problems.append(LabelProblem("missing", "header", w[0], w[0], "", b.label_header, b.title))
    return header_block


def _block_of_header(grid: _Grid, seq: _Sequence, al: Alignment, hi: int) -> Optional[int]:
    ti = grid.title_before_header.get(hi)
    if ti is not None and al.pairs.get(ti) is not None:
        return seq.block[al.pairs[ti]]
    row = grid.headers[hi].row
    for r in grid.data:
        if r.index > row.index and grid.row_token.get(r.index) in al.pairs:
            return seq.block[al.pairs[grid.row_token[r.index]]]
    return None


def _check_lead(m: Mapper, block, lead: Optional[Found]) -> None:
    """The header's lead label (信息内容) against the block's."""
    if lead is None:
        return
    w = span_of(lead.cells)
    if lead.norm != label_key(block.label_header):
        m.mt.label_problems.append(LabelProblem("misspelled", "header", w[0], w[1], lead.text, block.label_header,
                                                block.title, "", lead.cells[0]))
    elif re.sub(r"\s+", "", lead.text) != block.label_header:
        m.mt.label_problems.append(LabelProblem("punctuation", "header", w[0], w[1], lead.text,
                                                block.label_header, block.title, "", lead.cells[0]))
