"""Table 四 (政府信息公开行政复议、行政诉讼情况) onto the official table."""
from __future__ import annotations

from typing import Dict, List, Optional, Tuple

from gaonb_lint.model import Cell
from gaonb_lint.tables.align import Found, align, suggest
from gaonb_lint.tables.grid_rows import analyse, span_of, row_span
from gaonb_lint.tables.header_band import first_value_index, header_columns
from gaonb_lint.tables.mapped import Position
from gaonb_lint.tables.mapper import Mapper


def map_reviews(m: Mapper) -> None:
    """Table 四: one data row read as three groups of the same columns."""
    spec, table = m.spec, m.table
    analysed = [analyse(i, r) for i, r in enumerate(table.rows)]
    first_data = next((r.index for r in analysed if r.has_values()), len(analysed))
    header = [table.rows[i] for i in range(first_data)]
    data = [r for r in analysed[first_data:] if r.has_values()]
    label_width = first_value_index(data)
    groups = [r.label for r in spec.rows]
    hcols, spans = header_columns(header, spec.spanning, [c.label for c in spec.columns])

    # Spanning labels: 行政复议, 行政诉讼 > 未经复议直接起诉, 复议后起诉.
    official_spans: List[str] = []
    for r in spec.rows:
        if r.parent and r.parent not in official_spans:
            official_spans.append(r.parent)
        official_spans.append(r.label)
    span_found = [Found(s.text, s.cells, s.info) for s in spans]
    span_al = align(span_found, official_spans, m.other)
    m.label_results(span_found, official_spans, span_al, "group",
                    missing_at=span_of([c for r in header for c in r]) if any(header) else None)
    span_cell_official = {id(f.cells[0]): official_spans[oi] for fi, oi in span_al.pairs.items()
                          for f in [span_found[fi]]}

    by_group: Dict[str, List[Found]] = {g: [] for g in groups}
    positions: List[Tuple[int, Optional[Tuple[str, str]]]] = []
    orphans: List[Cell] = []
    for hc in hcols:
        if not hc.leaf_cells or (hc.index < label_width and not suggest(hc.leaf, [c.label for c in spec.columns])):
            continue
        group = None
        for official, cell in hc.groups:
            o = span_cell_official.get(id(cell))
            if o in groups:
                group = o
        f = Found(hc.leaf, hc.leaf_cells, hc.index)
        if group is None:
            orphans.extend(hc.leaf_cells)
            positions.append((hc.index, None))
            continue
        by_group[group].append(f)
        positions.append((hc.index, (group, "")))  # column filled in below
    col_labels = [c.label for c in spec.columns]
    key_at: Dict[int, Optional[Tuple[str, str]]] = {}
    for g, fs in by_group.items():
        if not fs and g not in span_cell_official.values():
            continue  # the group label itself is missing: reported above
        al = align(fs, col_labels, m.other)
        m.label_results(fs, col_labels, al, "column", context=g,
                        missing_at=span_of([c for r in header for c in r]) if any(header) else None)
        for fi, f in enumerate(fs):
            oi = al.pairs.get(fi)
            key_at[f.info] = (g, spec.columns[oi].key) if oi is not None else None
            if oi is not None:
                m.mt.column_cells.setdefault((g, spec.columns[oi].key), f.cells[0])
    if orphans:
        m.problem(span_of(orphans), "orphan-columns", groups_zh="".join(f"“{g}”" for g in groups),
                  groups_en=", ".join(f"“{g}”" for g in groups))
    if not data:
        return
    # A leading label such as 件数 is tolerated: the table has one data row.
    row = data[0]
    m.place(row, [Position(j, key_at.get(j)) for j, _ in positions], DATA_ROW, cell_name=_group_name)
    for extra in data[1:]:
        m.problem(row_span(extra), "extra-data-row")


DATA_ROW = {"row_zh": "表四的数据行", "row_en": "the data row of table 四"}


def _group_name(group: str):
    return {"row_zh": f"“{group}”", "row_en": f"“{group}”"}
