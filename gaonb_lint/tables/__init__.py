"""Official tables: the format's tables as specs, reading a table grid onto them (mapping),
finding them in a report, and the arithmetic relations between their cells."""
from gaonb_lint.tables.locate import LocatedTable, find_section, locate_tables, mapped_tables
from gaonb_lint.tables.mapping import LabelProblem, MappedCell, MappedTable, MappingProblem, map_table
from gaonb_lint.tables.spec import KINDS, ColumnSpec, RowSpec, TableSpec, table_spec
from gaonb_lint.tables.values import Value, parse_value

__all__ = [
    "KINDS", "ColumnSpec", "LabelProblem", "LocatedTable", "MappedCell", "MappedTable", "MappingProblem",
    "RowSpec", "TableSpec", "Value", "find_section", "locate_tables", "map_table", "mapped_tables",
    "parse_value", "table_spec",
]
