"""The official tables of a report (二 主动公开, 三 申请, 四 复议诉讼) for rules: found by their
section, mapped cell by cell onto the official rows and columns, and checked against the
format's arithmetic relations.  Import it inside ``check`` (it is dearer to import than
``gaonb_lint.api``)::

    def check(report, ctx):
        from gaonb_lint.api.tables import locate_tables

        for kind, located in locate_tables(report, ctx.format).items():
            mapped = located.mapped            # None: the section has no table
            if mapped is None or not mapped.readable:
                continue
            for (row, col), cell in mapped.cells.items():   # official labels → MappedCell
                if cell.number() > 1000:
                    yield ctx.finding(cell.where, "many", row=row, col=col, count=cell.number())

``locate_tables(report, version)`` gives, for each table kind (``"proactive"``,
``"applications"``, ``"reviews"``), a :class:`LocatedTable`: the official section spec, the
report's section and table (``None`` when missing) and the :class:`MappedTable`.  A mapped table
holds ``cells``, ``{(row label, column label): MappedCell}`` with the official labels of the
report's format version (``mapped.spec.cells()`` lists them all); a :class:`MappedCell` has
``row``, ``col``, the value type ``type``, the parsed :class:`Value` (``parsed``; ``value`` is
``None`` for a blank cell, ``number()`` counts blank as 0, ``ok`` is false with
``problem_zh``/``problem_en`` when the text is not a number of the type), the source ``cell`` and
``where`` (offsets for ``ctx.finding``).  ``label_problems`` are labels that differ from the
format's, ``problems`` what could not be mapped; ``readable`` is false when any number could not
be placed with certainty — never check the arithmetic of such a table.  ``table_spec(kind, version)`` is
the format's own description of a table (rows, columns, blocks, value types).
``relation_instances(kind, version)`` are the table's relations (勾稽关系) expanded to cells, and
``evaluate_relations(instances, value_of)`` the ones that do not hold (:class:`Violation`);
``mapped.relations()`` are the relations of the table as read (a group row written as one row of
numbers, ``mapped.single_rows``, stands for its sub-items: its cells are in ``mapped.group_cells``
and ``mapped.value``), the ones to evaluate with ``mapped.value``;
``mapped.violations()`` the ones of them that do not hold, worked out once per table whichever
rules ask.
``table_trace(section, kind)`` is the paragraph of a section that holds a table's labels when the
table was not read as a table; ``table_cut_off(report, table, mapped)`` says whether a table at the
end of the text was cut short (:class:`CutOff`); ``is_placeholder(text)`` whether a cell says
"none" with a dash or ``无``.  ``table_name``, ``cell_name``, ``version_name`` and
``violation_params`` give the zh/en wording for messages.
"""
from __future__ import annotations

from gaonb_lint.tables.cut import CutOff
from gaonb_lint.tables.cut import cut_off as table_cut_off
from gaonb_lint.tables.describe import LABEL_AXIS_NAMES, cell_name, table_name, version_name, violation_params
from gaonb_lint.tables.locate import LocatedTable, find_section, locate_tables, table_trace
from gaonb_lint.tables.mapping import LabelProblem, MappedCell, MappedTable, MappingProblem
from gaonb_lint.tables.relations import Instance, Violation
from gaonb_lint.tables.relations import evaluate as evaluate_relations
from gaonb_lint.tables.relations import instances as relation_instances
from gaonb_lint.tables.spec import BlockSpec, ColumnSpec, RowSpec, TableSpec, table_spec
from gaonb_lint.tables.values import Value, is_placeholder, parse_value

__all__ = [
    "BlockSpec", "ColumnSpec", "CutOff", "Instance", "LABEL_AXIS_NAMES", "LabelProblem", "LocatedTable", "MappedCell",
    "MappedTable", "MappingProblem", "RowSpec", "TableSpec", "Value", "Violation", "cell_name",
    "evaluate_relations", "find_section", "is_placeholder", "locate_tables", "parse_value", "relation_instances",
    "table_cut_off", "table_name", "table_spec", "table_trace", "version_name", "violation_params",
]
