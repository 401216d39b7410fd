"""Word (.docx) reports, through python-docx (the optional ``docx`` extra:
``pip install 'gaonb-lint[docx]'``).

A .docx has no lines and columns of its own, so the report is read from a text rendering and
positions refer to it: **line N is the N-th paragraph of the document body, counting every table
row as one paragraph** (its cells joined by tabs, in grid order); the column counts characters
within that paragraph.  ``gaonb-lint convert FILE.docx --to md`` shows the same structure.
Merged cells (``gridSpan``, ``vMerge``) are expanded like HTML ``colspan``/``rowspan``: the text in
the top-left position, empty cells where it spans.
"""
from __future__ import annotations

import io
from typing import List, Optional, Tuple

from gaonb_lint.errors import InputError
from gaonb_lint.model import Block, Cell, Report, Table, TableIssue

EXTRA_HINT = "pip install 'gaonb-lint[docx]'"

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _import_docx():
    try:
        import docx  # noqa: F401
    except ImportError:
        return None
    return docx


def _paragraph_text(p) -> str:
    """Text of a ``w:p`` element: runs, tabs and breaks (line breaks inside a paragraph → space)."""
    out: List[str] = []
    for node in p.iter():
        tag = node.tag
        if tag == _W + "t":
            out.append(node.text or "")
        elif tag == _W + "tab":
            out.append("\t")
        elif tag in (_W + "br", _W + "cr"):
            out.append(" ")
    return "".join(out).replace("\u00a0", " ")


def _cell_text(tc) -> str:
    paras = [_paragraph_text(p).strip() for p in tc.iter(_W + "p")]
    return "\n".join(p for p in paras if p)


MAX_SPAN = 1000
# Expanded grid positions a table may have per cell written in the document (and at least
# MIN_GRID_CELLS): a few bytes of ``gridSpan`` would otherwise become gigabytes of empty cells.
GRID_CELLS_PER_SOURCE_CELL = 16
MIN_GRID_CELLS = 20_000


class _Oversized(Exception):
    pass


def _grid(tbl) -> List[List[str]]:
    """Rows of cell texts with merged cells expanded; ``_Oversized`` when the spans would expand
    the table beyond its bound."""
    trs = list(tbl.iterchildren(_W + "tr"))
    limit = max(MIN_GRID_CELLS, GRID_CELLS_PER_SOURCE_CELL * sum(1 for tr in trs for _ in tr.iterchildren(_W + "tc")))
    total = 0
    rows: List[List[Optional[str]]] = []
    for tr in trs:
        row: List[Optional[str]] = []
        for tc in tr.iterchildren(_W + "tc"):
            pr = tc.find(_W + "tcPr")
            span, vmerge = 1, None
            if pr is not None:
                gs = pr.find(_W + "gridSpan")
                if gs is not None:
                    val = (gs.get(_W + "val", "1") or "1").strip()
                    # int() refuses 4,300 digits; anything past MAX_SPAN is clamped anyway
                    span = max(1, min(int(val), MAX_SPAN)) if val.isdigit() and len(val) <= 7 else (
                        MAX_SPAN if val.isdigit() else 1)
                vm = pr.find(_W + "vMerge")
                if vm is not None:
                    vmerge = vm.get(_W + "val", "continue")
            total += span
            if total > limit or len(trs) * (len(row) + span) > limit:
                raise _Oversized(limit)
            text = "" if vmerge == "continue" else _cell_text(tc)
            row.append(text)
            row.extend("" for _ in range(span - 1))
        rows.append(row)
    return [[c or "" for c in r] for r in rows]


def read_docx(path: str, data: bytes) -> Report:
    docx = _import_docx()
    if docx is None:
        raise InputError("input.docx-needs-extra", path=path, command=EXTRA_HINT)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception:  # zipfile.BadZipFile, KeyError, lxml errors: all mean "not a .docx"
        raise InputError("input.docx-unreadable", path=path) from None
    from gaonb_lint.readers import text_tables
    from gaonb_lint.readers.structure import build_report
    from gaonb_lint.readers.text import line_blocks

    lines: List[str] = []
    tables: List[Tuple[int, List[List[str]], Optional[Tuple[str, str]]]] = []  # first line, grid, why unread
    for el in document.element.body.iterchildren():
        if el.tag == _W + "p":
            lines.append(_paragraph_text(el).replace("\t", " "))
        elif el.tag == _W + "tbl":
            why = None
            try:
                grid = _grid(el)
            except _Oversized as e:
                # Each row's own cells, nothing expanded, and the reason the table is not read.
                grid = [[_cell_text(tc) for tc in tr.iterchildren(_W + "tc")] for tr in el.iterchildren(_W + "tr")]
                why = (f"合并单元格（gridSpan）展开后超过 {e.args[0]} 格，表格未读取",
                       f"its merged cells (gridSpan) expand to more than {e.args[0]} grid cells; the table was not read")
            tables.append((len(lines), grid, why))
            for row in grid:
                lines.append("\t".join(c.replace("\n", " ").replace("\t", " ") for c in row))
    text = "\n".join(lines)
    starts: List[int] = []
    pos = 0
    for line in lines:
        starts.append(pos)
        pos += len(line) + 1

    blocks: List[Block] = []
    previous = 0
    for first, grid, why in tables:
        blocks.extend(text_tables.blocks_with_tables(text, line_blocks, previous, first))
        rows: List[List[Cell]] = []
        for r, cells in enumerate(grid):
            at = starts[first + r]
            row: List[Cell] = []
            for c, cell in enumerate(cells):
                shown = cell.replace("\n", " ").replace("\t", " ")
                row.append(Cell(at, at + len(shown), cell, r, c))
                at += len(shown) + 1
            rows.append(row)
        last = first + len(grid) - 1
        end = starts[last] + len(lines[last]) if grid else starts[first]
        if why is None:
            blocks.append(Table(starts[first], end, rows, "docx"))
        else:
            blocks.append(Table(starts[first], end, [], "docx", [TableIssue(starts[first], end, *why)]))
        previous = first + len(grid)
    blocks.extend(text_tables.blocks_with_tables(text, line_blocks, previous, len(lines)))
    meta = {}
    try:
        title = (document.core_properties.title or "").strip()
        if title:
            meta["title"] = title
    except Exception:  # core properties are optional and sometimes malformed
        pass
    return build_report(path, text, "docx", blocks, meta)
