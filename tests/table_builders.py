"""Building reports with official tables for tests, from the format data (no label is typed here).

``balanced_values`` makes a table-三/四 whose relations hold; ``*_markdown`` render the tables in
the recommended GFM layout (docs/markdown-tables.md) or in the variants readers meet;
``report_markdown`` wraps tables in a complete six-section report.
"""
from __future__ import annotations

import random
from typing import Dict, List, Optional, Tuple

from gaonb_lint import official_format
from gaonb_lint.model import Cell, Table
from gaonb_lint.tables.spec import table_spec

Values = Dict[Tuple[str, str], int]


def balanced_values(version: str, rng: Optional[random.Random] = None, high: int = 9) -> Dict[str, Values]:
    """Values for tables 二, 三 and 四 of ``version`` with every relation holding."""
    rng = rng or random.Random(0)
    out: Dict[str, Values] = {}
    # Table 三: parts by applicant column; totals derived.
    spec = table_spec("applications", version)
    total = spec.column_by_id("total").key
    parts = [c.key for c in spec.columns if c.key != total]
    results = spec.row_by_id("results")
    results_total = spec.row_by_id("results_total").key
    new, carried, forward = (spec.row_by_id(i).key for i in ("new", "carried_over", "carried_forward"))
    v: Values = {}
    result_rows = [r.key for r in spec.descendants(results.label) if r.numeric and r.key != results_total]
    for c in parts:
        for r in result_rows:
            v[(r, c)] = rng.randint(0, high)
        v[(results_total, c)] = sum(v[(r, c)] for r in result_rows)
        v[(forward, c)] = rng.randint(0, high)
        v[(carried, c)] = rng.randint(0, v[(results_total, c)] + v[(forward, c)])
        v[(new, c)] = v[(results_total, c)] + v[(forward, c)] - v[(carried, c)]
    for r in spec.numeric_rows():
        v[(r.key, total)] = sum(v[(r.key, c)] for c in parts)
    out["applications"] = v
    # Table 四: each group's total is the sum of its four results.
    spec4 = table_spec("reviews", version)
    t4 = spec4.column_by_id("total").key
    v4: Values = {}
    for g in spec4.rows:
        for c in spec4.columns:
            if c.key != t4:
                v4[(g.key, c.key)] = rng.randint(0, high)
        v4[(g.key, t4)] = sum(v4[(g.key, c.key)] for c in spec4.columns if c.key != t4)
    out["reviews"] = v4
    # Table 二: no relations.
    spec2 = table_spec("proactive", version)
    out["proactive"] = {(r.key, c): rng.randint(0, high) for r in spec2.rows for c in r.columns}
    return out


def _row(cells: List[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def proactive_markdown(version: str, values: Values, override: Optional[Dict[str, str]] = None) -> List[str]:
    """Table 二 in the recommended layout: one 4-column grid, each block a title row, a header
    row and its data rows.  ``override`` replaces label texts (to plant mistakes)."""
    ov = override or {}
    spec = table_spec("proactive", version)
    width = 1 + max(len(b.columns) for b in spec.blocks)
    pad = lambda cells: cells + [""] * (width - len(cells))  # noqa: E731
    lines: List[str] = []
    for i, b in enumerate(spec.blocks):
        lines.append(_row(pad([ov.get(b.title, b.title)])))
        if i == 0:
            lines.append(_row(["---"] * width))
        lines.append(_row(pad([b.label_header] + [ov.get(c.label, c.label) for c in b.columns])))
        for r in b.rows:
            lines.append(_row(pad([ov.get(r, r)] + [str(values[(r, c.key)]) for c in b.columns])))
    return lines


def applications_markdown(version: str, values: Values, label_columns: int = 3,
                          override: Optional[Dict[str, str]] = None, cell_text: Optional[Dict[Tuple[str, str], str]] = None,
                          drop_columns: Tuple[str, ...] = ()) -> List[str]:
    """Table 三: the recommended 3-label-column layout (as examples/compliant-2025.md), or with 2
    label columns (top-level and group labels share the first column) or 1 (every label alone)."""
    ov = override or {}
    texts = cell_text or {}
    spec = table_spec("applications", version)
    cols = [c for c in spec.columns if c.key not in drop_columns]
    L = label_columns
    lab = lambda s: ov.get(s, s)  # noqa: E731
    width = L + len(cols)
    header1 = [spec.note] + [""] * (L - 1) + [spec.spanning[0]] + [""] * (len(cols) - 1)
    group = next(c.group for c in cols if c.group)
    header2 = [""] * L
    header3 = [""] * L
    seen_group = False
    for c in cols:
        if c.group:
            header2.append("" if seen_group else group)
            header3.append(lab(c.label))
            seen_group = True
        else:
            header2.append(lab(c.label))
            header3.append("")
    lines = [_row(header1), _row(["---"] * width), _row(header2), _row(header3)]

    def numbers(r):
        return [texts.get((r.key, c.key), str(values[(r.key, c.key)])) for c in cols]

    pending = []  # label-only rows waiting for the row that carries numbers
    for r in spec.rows:
        if not r.numeric:
            pending.append(r)
            continue
        here = pending + [r]
        pending = []
        if L == 3:  # each label in the column of its depth
            label_cells = ["", "", ""]
            for x in here:
                label_cells[x.depth] = lab(x.label)
        elif L == 2:  # the labels of the row side by side
            label_cells = ([lab(x.label) for x in here] + [""])[:2]
        else:  # one label per row
            for x in here[:-1]:
                lines.append(_row([lab(x.label)] + [""] * len(cols)))
            label_cells = [lab(r.label)]
        lines.append(_row(label_cells + numbers(r)))
    return lines


def reviews_markdown(version: str, values: Values, override: Optional[Dict[str, str]] = None,
                     split_labels: bool = False) -> List[str]:
    """Table 四 as in the example: group row, sub-group row, column-label row, one data row.
    ``split_labels`` writes each column label over two header rows (first two characters above)."""
    ov = override or {}
    spec = table_spec("reviews", version)
    top, mid, leaf, leaf2, data = [], [], [], [], []
    seen_parent = None
    for g in spec.rows:
        for i, c in enumerate(spec.columns):
            if g.parent is None:
                top.append(ov.get(g.label, g.label) if i == 0 else "")
                mid.append("")
            else:
                top.append(g.parent if (i == 0 and seen_parent != g.parent) else "")
                mid.append(ov.get(g.label, g.label) if i == 0 else "")
            label = ov.get(c.label, c.label)
            if split_labels and len(label) > 2:
                leaf.append(label[:2])
                leaf2.append(label[2:])
            else:
                leaf.append(label)
                leaf2.append("")
            data.append(str(values[(g.key, c.key)]))
        if g.parent is not None:
            seen_parent = g.parent
    lines = [_row(top), _row(["---"] * len(top)), _row(mid), _row(leaf)]
    if split_labels:
        lines.append(_row(leaf2))
    lines.append(_row(data))
    return lines


def report_markdown(year: int, tables: Dict[str, List[str]], fee: bool = True) -> str:
    """A complete report: front matter, title, period, six sections with the given tables."""
    lines = ["---", f"year: {year}", f"published: {year + 1}-01-15", "---", "",
             f"# 测试镇人民政府{year}年政府信息公开工作年度报告", "",
             f"本报告中所列数据的统计期限为{year}年1月1日至{year}年12月31日。", ""]
    for s in official_format.sections():
        lines += [f"## {s.heading}", ""]
        if s.table and s.table in tables:
            lines += tables[s.table] + [""]
        elif s.key == "other" and fee:
            lines += ["本机关本年度未收取信息处理费。", ""]
        else:
            lines += [f"{year}年，本机关依法做好政府信息公开工作。", ""]
    return "\n".join(lines)


def full_report(version: str, year: int, values=None, **kw) -> str:
    values = values or balanced_values(version)
    return report_markdown(year, {
        "proactive": proactive_markdown(version, values["proactive"]),
        "applications": applications_markdown(version, values["applications"], **kw),
        "reviews": reviews_markdown(version, values["reviews"]),
    })


def grid(text: str, sep: str = "\t", layout: str = "tsv") -> Table:
    """A ``Table`` from separated lines, as a scraped-text reader would make it (no Markdown)."""
    rows: List[List[Cell]] = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            cells, off = [], pos
            for k, part in enumerate(line.split(sep)):
                s = part.strip()
                start = off + (part.find(s) if s else 0)
                cells.append(Cell(start, start + len(s), s, len(rows), k))
                off += len(part) + len(sep)
            rows.append(cells)
        pos += len(line) + 1
    return Table(0, pos, rows, layout)
