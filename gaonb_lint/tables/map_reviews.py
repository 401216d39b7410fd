"""Table 四 (政府信息公开行政复议、行政诉讼情况) onto the official table."""
from __future__ import annotations

from typing import Dict, List, Optional

from gaonb_lint.model import Cell
from gaonb_lint.tables.align import Found, align, suggest
from gaonb_lint.tables.grid_rows import analyse, span_of, row_span
from gaonb_lint.tables.header_band import first_value_index, header_columns
from gaonb_lint.tables.mapped import CellKey, Position
from gaonb_lint.tables.mapper import Mapper


def map_reviews(m: Mapper) -> None:
    """Table 四: one data row read as three groups of the same columns."""
    spec, table = m.spec, m.table
    analysed = [analyse(i, r) for i, r in enumerate(table.rows)]
    first_data = next((r.index for r in analysed if r.has_values()), len(analysed))
    header = [table.rows[i] for i in range(first_data)]
    data = [r for r in analysed[first_data:] if r.has_values()]
    hcols, spans = header_columns(header, spec.spanning, [c.label for c in spec.columns])
    header_at = span_of([c for r in header for c in r]) if any(header) else None
    group_of_cell = _spanning_labels(m, spans, header_at)
    columns = _columns(m, hcols, first_value_index(data), group_of_cell, header_at)
    if not data:
        return
    # A leading label such as 件数 is tolerated: the table has one data row.
    m.place(data[0], columns, DATA_ROW, cell_name=_group_name)
    for extra in data[1:]:
        m.problem(row_span(extra), "extra-data-row")


def _spanning_labels(m: Mapper, spans: List[Found], header_at) -> Dict[int, str]:
    """Check the spanning labels (行政复议, 行政诉讼 > 未经复议直接起诉, 复议后起诉);
    ``{id(cell): official label}`` for every one recognised."""
    official: List[str] = []
    for r in m.spec.rows:
        if r.parent and r.parent not in official:
            official.append(r.parent)
        official.append(r.label)
    found = [Found(s.text, s.cells, s.info) for s in spans]
    al = align(found, official, m.other)
    m.label_results(found, official, al, "group", missing_at=header_at)
    return {id(found[fi].cells[0]): official[oi] for fi, oi in al.pairs.items()}


def _columns(m: Mapper, hcols, label_width: int, group_of_cell: Dict[int, str], header_at) -> List[Position]:
    """The header columns in grid order, each read as (group, column) under the group label
    above it; a column under no group is reported, and placed nowhere."""
    spec = m.spec
    groups = [r.label for r in spec.rows]
    col_labels = [c.label for c in spec.columns]
    by_group: Dict[str, List[Found]] = {g: [] for g in groups}
    order: List[int] = []
    orphans: List[Cell] = []
    for hc in hcols:
        if not hc.leaf_cells or (hc.index < label_width and not suggest(hc.leaf, col_labels)):
            continue
        order.append(hc.index)
        group = None
        for _, cell in hc.groups:
            if group_of_cell.get(id(cell)) in groups:
                group = group_of_cell[id(cell)]
        if group is None:
            orphans.extend(hc.leaf_cells)
        else:
            by_group[group].append(Found(hc.leaf, hc.leaf_cells, hc.index))
    target: Dict[int, Optional[CellKey]] = {}
    for g, fs in by_group.items():
        if not fs and g not in group_of_cell.values():
            continue  # the group label itself is missing: reported with the spanning labels
        al = align(fs, col_labels, m.other)
        m.label_results(fs, col_labels, al, "column", context=g, missing_at=header_at)
        for fi, f in enumerate(fs):
            oi = al.pairs.get(fi)
            target[f.info] = (g, spec.columns[oi].key) if oi is not None else None
            if oi is not None:
                m.mt.column_cells.setdefault((g, spec.columns[oi].key), f.cells[0])
    if orphans:
        m.problem(span_of(orphans), "orphan-columns", groups_zh="".join(f"“{g}”" for g in groups),
                  groups_en=", ".join(f"“{g}”" for g in groups))
    return [Position(j, target.get(j)) for j in order]


DATA_ROW = {"row_zh": "表四的数据行", "row_en": "the data row of table 四"}


def _group_name(group: str):
    return {"row_zh": f"“{group}”", "row_en": f"“{group}”"}
