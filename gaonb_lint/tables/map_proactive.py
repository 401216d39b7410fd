"""Table 二 (主动公开政府信息情况) onto the official table."""
from __future__ import annotations

import re
from typing import Dict, List, Optional, Tuple

from gaonb_lint.tables.align import Found, align, label_key
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


def map_proactive(m: Mapper) -> None:
    """Table 二: block titles and rows in one official sequence; each block's own header row."""
    spec, table = m.spec, m.table
    title_keys = {label_key(b.title): b for b in spec.blocks}
    header_key = label_key(spec.blocks[0].label_header) if spec.blocks else ""
    any_col_keys = {label_key(c.label) for c in spec.columns} | {k for k in m.other}
    analysed = [analyse(i, r) for i, r in enumerate(table.rows)]
    found: List[Found] = []      # titles and row labels, in reading order
    kinds: List[str] = []        # "title" | "row"
    headers: List[Tuple[GridRow, List[Found], Optional[Found]]] = []
    header_before: Dict[int, int] = {}  # data row index -> index into headers
    data: List[GridRow] = []
    row_token: Dict[int, int] = {}
    title_before_header: Dict[int, int] = {}  # header index -> found index of the title above it
    last_title: Optional[int] = None
    for r in analysed:
        if not r.cells or (not r.labels and not r.has_values()):
            continue
        first = label_key(r.labels[0][1].text) if r.labels else ""
        if r.labels and not r.has_values() and (first in title_keys or _TITLE.match(first)):
            found.append(Found(r.labels[0][1].text, [r.labels[0][1]], r.index))
            kinds.append("title")
            last_title = len(found) - 1
            continue
        is_header = r.labels and not r.has_values() and (
            first == header_key or sum(1 for _, c in r.labels if label_key(c.text) in any_col_keys) > 0)
        if is_header:
            lead = r.labels[0][1] if first == header_key or label_key(r.labels[0][1].text) not in any_col_keys else None
            leaves = [Found(c.text, [c], i) for i, c in r.labels if c is not lead]
            headers.append((r, leaves, Found(lead.text, [lead]) if lead is not None else None))
            if last_title is not None:
                title_before_header[len(headers) - 1] = last_title
            continue
        if headers:
            r = _text_in_value_columns(r, headers[-1][1])
        data.append(r)
        if headers:
            header_before[r.index] = len(headers) - 1
        if r.labels:
            found.append(Found(r.labels[-1][1].text, [r.labels[-1][1]], r.index))
            kinds.append("row")
            row_token[r.index] = len(found) - 1

    official: List[str] = []
    official_rows: List[Optional[RowSpec]] = []
    official_block: List[int] = []
    for bi, b in enumerate(spec.blocks):
        official.append(b.title)
        official_rows.append(None)
        official_block.append(bi)
        for label in b.rows:
            official.append(label)
            official_rows.append(spec.row(label))
            official_block.append(bi)
    al = align(found, official, m.other)
    before = len(m.mt.label_problems)
    m.label_results(found, official, al, "row", missing_at=(table.start, table.start))
    titles = {b.title for b in spec.blocks}
    for p in m.mt.label_problems[before:]:
        if p.expected in titles or (not p.expected and _TITLE.match(label_key(p.found))):
            p.axis = "title"
    for fi, oi in al.pairs.items():
        if official_rows[oi] is not None:
            m.mt.row_cells.setdefault(official_rows[oi].key, found[fi].cells[0])

    # Each header row belongs to the block of the title above it, or of the rows below it.
    header_block: Dict[int, int] = {}
    for hi, (hrow, leaves, lead) in enumerate(headers):
        bi = None
        ti = title_before_header.get(hi)
        if ti is not None and al.pairs.get(ti) is not None:
            bi = official_block[al.pairs[ti]]
        if bi is None:
            for r in data:
                if r.index > hrow.index and row_token.get(r.index) in al.pairs:
                    bi = official_block[al.pairs[row_token[r.index]]]
                    break
        if bi is None:
            continue
        header_block[hi] = bi
        block = spec.blocks[bi]
        if lead is not None and lead.norm != label_key(block.label_header):
            w = span_of(lead.cells)
            m.mt.label_problems.append(LabelProblem("misspelled", "header", w[0], w[1], lead.text, block.label_header,
                                                    block.title, "", lead.cells[0]))
        elif lead is not None and re.sub(r"\s+", "", lead.text) != block.label_header:
            w = span_of(lead.cells)
            m.mt.label_problems.append(LabelProblem("punctuation", "header", w[0], w[1], lead.text,
                                                    block.label_header, block.title, "", lead.cells[0]))
        labels = [c.label for c in block.columns]
        cal = align(leaves, labels, m.other)
        m.label_results(leaves, labels, cal, "column", context=block.title, missing_at=row_span(hrow))
        for fi, oi in cal.pairs.items():
            m.mt.column_cells.setdefault((block.title, block.columns[oi].key), leaves[fi].cells[0])
    seen_blocks = set(header_block.values())
    for bi, b in enumerate(spec.blocks):
        if bi not in seen_blocks and any(official_block[al.pairs[fi]] == bi for fi in al.pairs):
            rows_of = [fi for fi in al.pairs if official_block[al.pairs[fi]] == bi]
            w = span_of(found[rows_of[0]].cells)
            m.mt.label_problems.append(LabelProblem("missing", "header", w[0], w[0], "", b.label_header, b.title))

    def block_columns(r: GridRow, rspec: RowSpec) -> Optional[List[ColumnAt]]:
        hi = header_before.get(r.index)
        bi = next(i for i, b in enumerate(spec.blocks) if b.title == rspec.block)
        if hi is None or header_block.get(hi) != bi:
            if r.nonblank_after_labels():
                m.problem(row_span(r), "no-block-header", label=rspec.label, block=rspec.block)
            return None
        hrow, leaves, _ = headers[hi]
        cal = align(leaves, [c.label for c in spec.blocks[bi].columns], m.other)
        return [ColumnAt(leaves[fi].info, spec.blocks[bi].columns[cal.pairs[fi]].key if fi in cal.pairs else None)
                for fi in range(len(leaves))]

    # Block titles stand in the official sequence as label-only rows.
    seq = [r if r is not None else RowSpec(official[i], official[i], numeric=False) for i, r in enumerate(official_rows)]
    place_rows(m, data, row_token, al, [], seq, block_columns)
