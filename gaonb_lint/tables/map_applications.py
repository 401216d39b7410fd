"""Table 三 (收到和处理政府信息公开申请情况) onto the official table."""
from __future__ import annotations

from typing import Dict, List

from gaonb_lint.tables.align import Found, align, label_key, suggest
from gaonb_lint.tables.grid_rows import analyse, span_of, split_labels, strip_note
from gaonb_lint.tables.header_band import first_value_index, header_columns
from gaonb_lint.tables.mapped import ColumnAt, LabelProblem
from gaonb_lint.tables.mapper import Mapper, place_rows, single_row_groups


def map_applications(m: Mapper) -> None:
    """Table 三: columns from the header band, rows by their last label cell."""
    spec, table = m.spec, m.table
    row_keys = {label_key(r.label) for r in spec.rows} | set(m.other)
    header_keys = {label_key(x) for x in [c.label for c in spec.columns] + list(spec.spanning)}
    analysed = [analyse(i, r) for i, r in enumerate(table.rows)]
    first_data = len(analysed)
    for r in analysed:
        if r.has_values() or any(label_key(c.text) in row_keys for _, c in r.labels):
            first_data = r.index
            break
    header = [table.rows[i] for i in range(first_data)]
    data = [r for r in analysed[first_data:]
            if r.cells and not (not r.has_values() and r.labels and
                                all(label_key(strip_note(c.text)) in header_keys or not strip_note(c.text)
                                    for _, c in r.labels))]
    label_width = first_value_index(data)

    # Columns.
    hcols, spans = header_columns(header, spec.spanning, [c.label for c in spec.columns])
    col_found: List[Found] = []
    col_labels = [c.label for c in spec.columns]
    for hc in hcols:
        # Left of where values start sit the label columns; a header there counts only when it
        # reads like a column label (a header row shifted left by a flattened merge).
        if hc.leaf_cells and (hc.index >= label_width or suggest(hc.leaf, col_labels)):
            col_found.append(Found(hc.leaf, hc.leaf_cells, hc.index))
    col_al = align(col_found, col_labels, m.other)
    m.label_results(col_found, col_labels, col_al, "column",
                    missing_at=span_of([c for r in header for c in r]) if any(header) else None)
    for s in spans:
        if label_key(s.text) != label_key(s.info):
            w = span_of(s.cells)
            m.mt.label_problems.append(LabelProblem("misspelled", "group", w[0], w[1], s.text, s.info, "", "", s.cells[0]))
    columns: List[ColumnAt] = []
    for fi, f in enumerate(col_found):
        oi = col_al.pairs.get(fi)
        key = spec.columns[oi].key if oi is not None else None
        columns.append(ColumnAt(f.info, key))
        if key is not None:
            m.mt.column_cells.setdefault(("", key), f.cells[0])

    # Rows: every label cell (minus flattened vertical repeats) in reading order.
    found: List[Found] = []
    row_token: Dict[int, int] = {}
    seen: set = set()
    joins, pieces = split_labels(data, row_keys, label_key)
    for r in data:
        for n, (i, c) in enumerate(r.labels):
            if (r.index, i) in pieces:
                continue  # the rest of a label broken over rows, read with its first piece
            last = n == len(r.labels) - 1
            cells = joins.get((r.index, i), [c])
            text = "".join(x.text for x in cells)
            key = label_key(text)
            if not last and key in seen:
                continue  # a group label repeated as context (a flattened merge, a page break)
            seen.add(key)
            found.append(Found(text, cells, r.index))
            if last:
                row_token[r.index] = len(found) - 1
    row_labels = [r.label for r in spec.rows]
    al = align(found, row_labels, m.other)
    single = single_row_groups(data, row_token, al, spec.rows)
    m.label_results(found, row_labels, al, "row", missing_at=(table.start, table.start), single=single)
    for fi, oi in al.pairs.items():
        m.mt.row_cells.setdefault(spec.rows[oi].key, found[fi].cells[0])

    place_rows(m, data, row_token, al, columns, single=single)
