"""A table that the end of the text cuts off: a crawl or an excerpt that stops inside it.

Such a table is not wrong, it is unread from where it stops: one ``table-unreadable`` finding
says where, and the labels, cells and numbers it lacks from there are not reported one by one
(a label cut in the middle, ``(二)部分公开(区分处理的,只计这一``, is not a misspelling).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import List, Optional

from gaonb_lint.model import Report, Table, TableIssue
from gaonb_lint.tables.mapped import LabelProblem, MappedTable, MappingProblem


@dataclass
class CutOff:
    start: int            # the last row of the table as read
    end: int
    last: str             # the last official label read before the cut ("" when none was)
    missing: int          # official labels missing from there
    label_problems: List[LabelProblem] = field(default_factory=list)  # what the cut explains
    problems: List[MappingProblem] = field(default_factory=list)
    issues: List[TableIssue] = field(default_factory=list)


def cut_off(report: Report, table: Table, mapped: Optional[MappedTable]) -> Optional[CutOff]:
    """The cut, when ``table`` is the last thing in the text and something of it is missing
    from its end on (labels after the last one found, or a short last row)."""
    if mapped is None or not table.rows or report.text[table.end:].strip():
        return None
    last_row = [c for c in table.rows[-1] if c.text]
    start = min((c.start for c in last_row), default=table.end)
    tail = [p for p in mapped.label_problems if p.kind == "missing" and p.tail]
    # A block whose header the cut took: it has no value after its title.
    last_value = max((c.where[1] for c in mapped.cells.values() if c.cell is not None), default=table.start)
    at_end = [p for p in mapped.label_problems
              if p.start >= start  # at the cut row: a cut label, or labels that would come before it
              or (p.kind == "missing" and p.axis == "header" and not p.tail and p.start >= last_value)]
    problems = [p for p in mapped.problems if p.end > start]
    issues = [i for i in table.issues if i.end > start]
    if not tail and not problems and not issues:
        return None
    rows = [p for p in tail if p.axis in ("row", "title")] or tail
    last = rows[0].after if rows else ""
    return CutOff(start, table.end, last, len(tail), tail + at_end, problems, issues)
