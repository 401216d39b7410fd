"""What mapping a table grid onto an official table gives: cells by official row and column,
label problems, and the problems that make the table unreadable."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Dict, List, NamedTuple, Optional, Sequence, Tuple

from gaonb_lint.model import Cell, Table
from gaonb_lint.tables.relations import Instance, instances, with_single_rows
from gaonb_lint.tables.spec import TableSpec
from gaonb_lint.tables.values import Value

if TYPE_CHECKING:
    from gaonb_lint.tables.relations import Instance, Violation

CellKey = Tuple[str, str]  # (official row key, official column key)


class Where(NamedTuple):
    """A source range: offsets into ``Report.text``."""

    start: int
    end: int


class ColumnAt(NamedTuple):
    """A header column: its grid index and the official column key it is read as (``None`` for
    a column the format does not have)."""

    index: int
    key: Optional[str]


class Position(NamedTuple):
    """A header column: its grid index and the official cell a value under it fills (``None``
    for a column the format does not have)."""

    index: int
    target: Optional[CellKey]


@dataclass
class MappedCell:
    row: str
    col: str
    type: str
    parsed: Value
    cell: Optional[Cell]
    where: Tuple[int, int]

    @property
    def value(self):
        return self.parsed.value

    def number(self):
        return self.parsed.number()

    @property
    def text(self) -> str:
        return self.cell.text if self.cell is not None else ""


@dataclass
class LabelProblem:
    """``kind``: misspelled | punctuation | wrong-version | missing | extra | duplicate | order |
    single-row (a group row of the format written as one row of numbers without its sub-items,
    ``items``; ``version`` names the format version laid out so, if any).
    ``axis``: row | column | title (table 二 block title) | group (a spanning header) | header."""

    kind: str
    axis: str
    start: int
    end: int
    found: str = ""
    expected: str = ""
    context: str = ""
    version: str = ""
    cell: Optional[Cell] = None
    after: str = ""  # missing/order: the official label it belongs after
    tail: bool = False  # missing: no label found comes after it (a cut table lacks it from there)
    items: Tuple[str, ...] = ()  # single-row: the official sub-items the row stands for


@dataclass
class MappingProblem:
    """A number that cannot be placed or read with certainty: ``reason`` names its entry in
    ``tables.problems.CATALOGUE`` and ``params`` fill it; ``reason_zh``/``reason_en`` are the
    sentences made from them."""

    start: int
    end: int
    reason_zh: str
    reason_en: str
    reason: str = ""
    params: Dict[str, object] = field(default_factory=dict)


@dataclass
class MappedTable:
    kind: str
    spec: TableSpec
    table: Table
    cells: Dict[Tuple[str, str], MappedCell] = field(default_factory=dict)
    row_cells: Dict[str, Cell] = field(default_factory=dict)
    column_cells: Dict[Tuple[str, str], Cell] = field(default_factory=dict)  # (block/group or "", col)
    label_problems: List[LabelProblem] = field(default_factory=list)
    problems: List[MappingProblem] = field(default_factory=list)
    recognised: int = 0  # official labels found (exactly or misspelled)
    # A group row of the format written as one row of numbers without its sub-items: group row
    # key → its numeric sub-item row keys; its cells (the sums of the sub-items' cells) are in
    # ``group_cells``, not in ``cells`` (which holds the official cells only).
    single_rows: Dict[str, Tuple[str, ...]] = field(default_factory=dict)
    group_cells: Dict[Tuple[str, str], MappedCell] = field(default_factory=dict)

    @property
    def version(self) -> str:
        return self.spec.version

    @property
    def readable(self) -> bool:
        return not self.table.issues and not self.problems

    def get(self, row: str, col: str) -> Optional[MappedCell]:
        """An official cell, or a cell of a group row read as one row (``single_rows``)."""
        c = self.cells.get((row, col))
        return c if c is not None else self.group_cells.get((row, col))

    def value(self, row: str, col: str):
        """The number in a cell (blank → 0), or ``None`` when the table has no such cell."""
        c = self.get(row, col)
        return None if c is None else c.number()

    def relations(self) -> Tuple[Instance, ...]:
        """The format's relations (勾稽关系) of this table as it was read: where a group row
        stands for its sub-items (``single_rows``), through the group's cells."""
        insts = instances(self.kind, self.spec.version)
        return with_single_rows(insts, self.single_rows) if self.single_rows else insts

    def missing_cells(self) -> List[Tuple[str, str]]:
        return [k for k in self.spec.cells() if k not in self.cells]

    def violations(self) -> List["Violation"]:
        """The relations of :meth:`relations` that this table's numbers break (see
        ``evaluate_relations``), worked out once per table for the rules that all ask."""
        from gaonb_lint.tables.relations import evaluate

        if "_violations" not in self.__dict__:
            self.__dict__["_violations"] = evaluate(self.relations(), self.value)
        return list(self.__dict__["_violations"])

