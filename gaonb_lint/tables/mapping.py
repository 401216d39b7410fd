"""Mapping a table grid onto an official table: ``map_table(table, kind, version) -> MappedTable``.

Works on any ``Table`` grid, whatever reader made it (GFM, tab-separated text, one cell per line,
HTML, DOCX).  Grid conventions accepted:

- **Rows** are lists of ``Cell``; rows may have different lengths.  A *label cell* is a non-blank
  cell that is not a number (or a placeholder such as ``—``) and comes before the row's first
  value; the cells from the first value on are the row's *values*.
- **Rows are anchored on labels, not positions**: a row is the official row whose label its last
  label cell carries; the label cells before it (``三、本年度办理结果``, ``（三）不予公开``) give context
  only, so 1, 2 or 3 label columns, a group label sharing a row with its first sub-item, and
  merged cells flattened into empty *or repeated* label cells all read the same.  A group label
  seen before (a flattened vertical merge, a page break) is skipped unless it is the row's last label.
- **Columns are anchored on header labels**: the header is the rows above the first data row;
  a column's label is what its header cells say top to bottom (a label split over two header
  rows, ``结果`` / ``维持``, is joined; a cell repeated below itself counts once).  Spanning labels
  (``申请人情况``, ``法人或其他组织``, ``行政复议``, ``行政诉讼``, ``未经复议直接起诉``, ``复议后起诉``)
  cover the blank cells to their right.  The 勾稽 note (``（本列数据的勾稽关系为…）``) is ignored
  wherever it sits.  Header rows repeated further down (a page break) are skipped.
- **Values**: a row's values are read at its header columns' positions when the row lines up
  with the header; otherwise, when the row holds exactly as many values (after its labels,
  blank cells at either end ignored) as the header has columns, in header order.  Anything else
  is a mapping problem — never a guess.  A row with labels and no values followed by a row with
  values and no labels is one row split in two.  In ``gfm``/``html``/``docx`` grids a missing
  cell at the end of a row is blank.
- Labels are compared after width/quote/whitespace folding; anything else (misspelling,
  truncation, the other version's label, missing/extra/duplicate/out-of-order label) is a
  ``LabelProblem`` and does not stop the numbers being placed when the row or column is certain.

``MappedTable.problems`` lists what could not be read with certainty (unplaceable numbers,
non-numeric values); with any of them, or with reader ``Table.issues``, the table is not
``readable`` and no arithmetic should be done with it.

By concern: ``grid_rows`` (a grid row's labels and values), ``header_band`` (the header of
tables 三 and 四), ``mapper`` (shared state, label problems, and the one value-placement routine),
one module per official table (``map_proactive``, ``map_applications``, ``map_reviews``), the
result types in ``mapped`` and the problem sentences in ``problems``.
"""
from __future__ import annotations

from typing import Union

from gaonb_lint.official_format import FormatVersion
from gaonb_lint.model import Table
from gaonb_lint.tables.grid_rows import version_id
from gaonb_lint.tables.map_applications import map_applications
from gaonb_lint.tables.map_proactive import map_proactive
from gaonb_lint.tables.map_reviews import map_reviews
from gaonb_lint.tables.mapped import LabelProblem, MappedCell, MappedTable, MappingProblem
from gaonb_lint.tables.mapper import Mapper
from gaonb_lint.tables.spec import table_spec

__all__ = ["LabelProblem", "MappedCell", "MappedTable", "MappingProblem", "map_table"]

_MAPPERS = {"proactive": map_proactive, "applications": map_applications, "reviews": map_reviews}


def map_table(table: Table, kind: str, version: Union[str, FormatVersion]) -> MappedTable:
    """Map ``table`` onto the official table ``kind`` of ``version`` (``v2019``/``v2021``)."""
    spec = table_spec(kind, version_id(version))
    m = Mapper(table, spec)
    _MAPPERS[kind](m)
    m.mt.label_problems.sort(key=lambda p: (p.start, p.end))
    m.mt.problems.sort(key=lambda p: (p.start, p.end))
    return m.mt
