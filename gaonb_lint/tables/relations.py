"""The arithmetic relations between table cells (``relations`` in the format data), evaluated
over any source of cell values: a mapped table (the ``balance`` rule) or a canonical JSON file
(``gaonb-lint validate``).

A relation is ``sum(left) == sum(right)`` for each column, each numeric row or each group
(``for_each``).  Terms select cells by row/column ``id`` in the format data:
``{"row": id}``, ``{"column": id}``, ``{"rows_under": id, "except": [ids]}`` (every numeric row
below a row), ``{"columns_except": [ids]}``.

Which cell is *the offending cell*: every cell of a single wrong value is in at least one violated
relation, and all relations through it are violated and agree on its correct value.  When exactly
one cell of a violated relation is like that, it is reported there with that value (changing one
number of table 三 always lands on that number: each cell of table 三 is in two relations that
share no other cell).  Otherwise — several wrong numbers, or table 四 where each cell is in one
relation only — the relation's ``blame`` cell (its total) is reported with the value that would
balance it, and the message gives both sides.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Dict, List, Mapping, Optional, Sequence, Tuple

from gaonb_lint import official_format
from gaonb_lint.official_format import Relation, Term
from gaonb_lint.tables.spec import TableSpec, table_spec

CellKey = Tuple[str, str]


# Built once and shared; compared by identity.  (A frozen dataclass compiles three more methods
# when the module is imported, on every run of the command.)
@dataclass(eq=False)
class Instance:
    """One relation for one column/row/group: ``sum(left) == sum(right)``."""

    id: str
    table: str
    for_each: str     # column | row | group
    over: str         # the column/row/group key it is instantiated for
    left: Tuple[CellKey, ...]
    right: Tuple[CellKey, ...]
    blame: CellKey
    name: Tuple[Tuple[str, str], ...] = ()  # (lang, text)

    def cells(self) -> Tuple[CellKey, ...]:
        return self.left + self.right

    def name_in(self, lang: str) -> str:
        d = dict(self.name)
        return d.get(lang) or d.get("zh", self.id)


@dataclass
class Violation:
    instance: Instance
    values: Dict[CellKey, int]
    left_sum: int
    right_sum: int
    culprit: CellKey
    found: int
    expected: int
    located: bool  # True: the culprit is certainly the wrong cell; False: the relation's total


def relation_data(kind: Optional[str] = None) -> Tuple[Relation, ...]:
    """The relations of table ``kind`` (all with ``None``) as the format data declares them."""
    return official_format.relations(kind)


def _expand(term: Term, spec: TableSpec, over: str) -> List[CellKey]:
    if term.kind == "row":
        return [(spec.row_by_id(term.ids[0]).key, over)]
    if term.kind == "column":
        return [(over, spec.column_by_id(term.ids[0]).key)]
    if term.kind == "rows_under":
        skip = {spec.row_by_id(i).key for i in term.excluded}
        under = spec.descendants(spec.row_by_id(term.ids[0]).label)
        return [(r.key, over) for r in under if r.numeric and r.key not in skip]
    if term.kind == "columns_except":
        skip = {spec.column_by_id(i).key for i in term.excluded}
        return [(over, c) for c in spec.row(over).columns if c not in skip]
    raise ValueError(f"unknown relation term {term!r}")


@lru_cache(maxsize=None)
def instances(kind: str, version: str) -> Tuple[Instance, ...]:
    """Every relation instance of table ``kind`` in ``version``."""
    spec = table_spec(kind, version)
    out: List[Instance] = []
    for rel in relation_data(kind):
        if not rel.in_version(version):
            continue
        each = rel.for_each
        overs = [c.key for c in spec.columns] if each == "column" else [r.key for r in spec.numeric_rows()]
        for over in overs:
            left = tuple(k for t in rel.left for k in _expand(t, spec, over))
            right = tuple(k for t in rel.right for k in _expand(t, spec, over))
            blame = _expand(rel.blame, spec, over)[0]
            out.append(Instance(rel.id, kind, each, over, left, right, blame, rel.name))
    return tuple(out)


def with_single_rows(insts: Sequence[Instance], single_rows: Mapping[str, Sequence[str]]) -> Tuple[Instance, ...]:
    """The relations of a table in which each group row of ``single_rows`` (group row key → its
    numeric sub-item row keys) was written as one row standing for its sub-items, so that its
    cells are the sums of theirs.  A side of a relation that holds the cells of every sub-item
    in a column holds the group's cell of that column instead; a relation within one sub-item's
    row becomes that relation within the group's row (once: it is the sum of the sub-items'
    relations).  Any other relation through a sub-item is kept as it is: its cells are absent,
    so it is not evaluated."""
    out: List[Instance] = []
    seen = set()
    for inst in insts:
        for group, subs in single_rows.items():
            inst = _through_group(inst, group, frozenset(subs))
        key = (inst.id, inst.for_each, inst.over, inst.left, inst.right)
        if key not in seen:
            seen.add(key)
            out.append(inst)
    return tuple(out)


def _through_group(inst: Instance, group: str, subs: frozenset) -> Instance:
    rows = {r for r, _ in inst.cells()}
    if not rows & subs:
        return inst
    if inst.for_each == "row" and rows == {inst.over}:
        def moved(k: CellKey) -> CellKey:
            return (group, k[1])

        return Instance(inst.id, inst.table, inst.for_each, group, tuple(map(moved, inst.left)),
                        tuple(map(moved, inst.right)), moved(inst.blame), inst.name)
    left, right = _fold(inst.left, group, subs), _fold(inst.right, group, subs)
    if left is None or right is None:
        return inst
    blame = (group, inst.blame[1]) if inst.blame[0] in subs else inst.blame
    return Instance(inst.id, inst.table, inst.for_each, inst.over, left, right, blame, inst.name)


def _fold(side: Tuple[CellKey, ...], group: str, subs: frozenset) -> Optional[Tuple[CellKey, ...]]:
    """``side`` with the sub-items' cells of each column replaced by the group's cell, or ``None``
    when it holds only some of a column's sub-item cells."""
    by_col: Dict[str, set] = {}
    for r, c in side:
        if r in subs:
            by_col.setdefault(c, set()).add(r)
    if any(held != subs for held in by_col.values()):
        return None
    out: List[CellKey] = []
    for r, c in side:
        if r not in subs:
            out.append((r, c))
        elif (group, c) not in out:
            out.append((group, c))
    return tuple(out)


def evaluate(insts: Sequence[Instance], value_of: Callable[[str, str], Optional[int]]) -> List[Violation]:
    """Violated instances, each with its offending cell.  ``value_of(row, col)`` gives a cell's
    number (blank → 0) or ``None`` when the cell is absent; instances with an absent cell are
    not evaluated."""
    values: Dict[CellKey, int] = {}
    usable: List[Instance] = []
    for inst in insts:
        ok = True
        for k in inst.cells():
            if k not in values:
                v = value_of(*k)
                if v is None:
                    ok = False
                    break
                values[k] = v
        if ok:
            usable.append(inst)
    through: Dict[CellKey, List[Instance]] = {}
    for inst in usable:
        for k in inst.cells():
            through.setdefault(k, []).append(inst)
    sums = {inst: (sum(values[k] for k in inst.left), sum(values[k] for k in inst.right)) for inst in usable}
    bad = {inst for inst in usable if sums[inst][0] != sums[inst][1]}

    def fixed_value(k: CellKey, inst: Instance) -> int:
        lsum, rsum = sums[inst]
        return values[k] + (rsum - lsum) if k in inst.left else values[k] + (lsum - rsum)

    out: List[Violation] = []
    for inst in usable:
        if inst not in bad:
            continue
        candidates = []
        for k in inst.cells():
            via = through[k]
            if not all(i in bad for i in via):
                continue
            wanted = {fixed_value(k, i) for i in via}
            if len(wanted) == 1 and next(iter(wanted)) >= 0:
                candidates.append((k, next(iter(wanted))))
        lsum, rsum = sums[inst]
        if len(candidates) == 1:
            k, v = candidates[0]
            out.append(Violation(inst, {c: values[c] for c in inst.cells()}, lsum, rsum, k, values[k], v, True))
        else:
            k = inst.blame
            out.append(Violation(inst, {c: values[c] for c in inst.cells()}, lsum, rsum, k, values[k],
                                 fixed_value(k, inst), False))
    return out
