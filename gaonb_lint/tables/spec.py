"""The official tables of one format version, resolved from ``schemas/official-format.json``.

Every label comes from the format data; this module only gives each row and column its
*canonical key* (how the canonical JSON and the mapping layer address it):

- table 二 (``proactive``): rows by their label (unique within a version), columns by label.
- table 三 (``applications``): rows by label, except sub-items (rows whose group is itself a
  group row, e.g. ``1.属于国家秘密`` under ``（三）不予公开``), which are keyed
  ``"<group>/<label>"`` — ``"（三）不予公开/1.属于国家秘密"`` — because sub-item numbers repeat
  and ``3.其他`` would otherwise read like the column ``其他``.  Columns by label.
- table 四 (``reviews``): the single data row is read as three *groups*; in canonical form each
  group is a row keyed by its label (``行政复议``, ``未经复议直接起诉``, ``复议后起诉``) and the
  five columns by label.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Dict, List, Optional, Tuple

from gaonb_lint import official_format
from gaonb_lint.tables.align import label_key

KINDS = ("proactive", "applications", "reviews")
_UNIT = re.compile(r"单位[:：]\s*([^)）]+)[)）]")


# Built once and shared; compared by identity.  (A frozen dataclass compiles three more methods
# when the module is imported, on every run of the command.)
@dataclass(eq=False)
class ColumnSpec:
    key: str
    label: str
    type: str = "count"
    unit: Optional[str] = None
    group: Optional[str] = None  # a spanning header label above it (法人或其他组织)
    id: Optional[str] = None


@dataclass(eq=False)
class RowSpec:
    key: str
    label: str
    numeric: bool = True
    group: Optional[str] = None  # label of the row it belongs to
    depth: int = 0
    id: Optional[str] = None
    block: Optional[str] = None  # table 二: the block title
    parent: Optional[str] = None  # table 四: the spanning label above the group (行政诉讼)
    columns: Tuple[str, ...] = ()  # keys of the columns this row has cells in


@dataclass(eq=False)
class BlockSpec:
    """A block of table 二: title row, header row (``label_header`` + columns), data rows."""

    title: str
    label_header: str
    columns: Tuple[ColumnSpec, ...]
    rows: Tuple[str, ...]


@dataclass(eq=False)
class TableSpec:
    kind: str
    version: str
    section_number: str
    section_title: str
    rows: Tuple[RowSpec, ...]
    columns: Tuple[ColumnSpec, ...]  # table 二: every distinct column of every block
    blocks: Tuple[BlockSpec, ...] = ()
    note: Optional[str] = None
    spanning: Tuple[str, ...] = ()  # header labels that span columns (not columns themselves)
    value_type: str = "count"
    _row_by_key: Dict[str, RowSpec] = field(default_factory=dict, compare=False, repr=False)
    _col_by_key: Dict[str, ColumnSpec] = field(default_factory=dict, compare=False, repr=False)

    def row(self, key: str) -> RowSpec:
        return self._row_by_key[key]

    def column(self, key: str) -> ColumnSpec:
        return self._col_by_key[key]

    def row_by_id(self, rid: str) -> RowSpec:
        for r in self.rows:
            if r.id == rid:
                return r
        raise KeyError(rid)

    def column_by_id(self, cid: str) -> ColumnSpec:
        for c in self.columns:
            if c.id == cid:
                return c
        raise KeyError(cid)

    def numeric_rows(self) -> List[RowSpec]:
        return [r for r in self.rows if r.numeric]

    def cells(self) -> List[Tuple[str, str]]:
        """Every numeric cell as ``(row key, column key)``, in reading order."""
        return [(r.key, c) for r in self.rows if r.numeric for c in r.columns]

    def descendants(self, label: str) -> List[RowSpec]:
        """Rows under the row ``label`` (children, grandchildren …), in order."""
        out: List[RowSpec] = []
        parents = {label}
        for r in self.rows:
            if r.group in parents:
                out.append(r)
                parents.add(r.label)
        return out

    @property
    def name_zh(self) -> str:
        return f"表{self.section_number}"

    @property
    def heading(self) -> str:
        return f"{self.section_number}、{self.section_title}"


def _unit(label: str) -> Optional[str]:
    m = _UNIT.search(label)
    return m.group(1).strip() if m else None


def _section(kind: str):
    for s in official_format.sections():
        if s.table == kind:
            return s
    raise KeyError(kind)


@lru_cache(maxsize=None)
def table_spec(kind: str, version: str) -> TableSpec:
    """The official table ``kind`` (``proactive``, ``applications``, ``reviews``) of ``version``."""
    if kind not in KINDS:
        raise KeyError(f"unknown table kind {kind!r}")
    data = official_format.version(version).table(kind)
    section = _section(kind)
    value_type = data.value_type
    if kind == "proactive":
        blocks, rows, cols = [], [], {}
        for b in data.blocks:
            bcols = tuple(ColumnSpec(c.label, c.label, c.type, _unit(c.label)) for c in b.columns)
            blocks.append(BlockSpec(b.title, b.label_header, bcols, b.rows))
            for c in bcols:
                cols.setdefault(c.key, c)
            for label in b.rows:
                rows.append(RowSpec(label, label, True, None, 0, None, b.title, None,
                                    tuple(c.key for c in bcols)))
        spec = TableSpec(kind, version, section.number, section.title, tuple(rows), tuple(cols.values()),
                         tuple(blocks), value_type=value_type)
    elif kind == "applications":
        cols = tuple(ColumnSpec(c.label, c.label, value_type, None, c.group, c.id) for c in data.columns)
        col_keys = tuple(c.key for c in cols)
        labels = {r.label: r for r in data.rows}
        rows = []
        for r in data.rows:
            depth, g = 0, r.group
            while g is not None:
                depth += 1
                g = labels[g].group if g in labels else None
            key = f"{r.group}/{r.label}" if depth >= 2 else r.label
            rows.append(RowSpec(key, r.label, r.numeric, r.group, depth, r.id, None, None,
                                col_keys if r.numeric else ()))
        spanning = tuple(dict.fromkeys([data.header] + [c.group for c in cols if c.group]))
        spec = TableSpec(kind, version, section.number, section.title, tuple(rows), cols,
                         note=data.note, spanning=spanning, value_type=value_type)
    else:
        cols = tuple(ColumnSpec(c.label, c.label, value_type, None, None, c.id) for c in data.columns)
        col_keys = tuple(c.key for c in cols)
        rows = tuple(RowSpec(g.label, g.label, True, None, 0, None, None, g.parent, col_keys)
                     for g in data.groups)
        parents = tuple(dict.fromkeys(r.parent for r in rows if r.parent))
        spec = TableSpec(kind, version, section.number, section.title, rows, cols,
                         spanning=tuple(r.label for r in rows) + parents, value_type=value_type)
    spec._row_by_key.update({r.key: r for r in spec.rows})
    spec._col_by_key.update({c.key: c for c in spec.columns})
    return spec


@lru_cache(maxsize=None)
def other_version_labels(kind: str, version: str) -> Dict[str, Tuple[str, str]]:
    """Normalised labels that belong to table ``kind`` in another version but not in ``version``:
    ``{norm: (label, other version id)}`` — used to say "this is the 2019 label"."""
    mine = official_labels(kind, version)
    out: Dict[str, Tuple[str, str]] = {}
    for v in official_format.version_ids():
        if v == version:
            continue
        for norm, label in official_labels(kind, v).items():
            if norm not in mine:
                out.setdefault(norm, (label, v))
    return out


@lru_cache(maxsize=None)
def official_labels(kind: str, version: str) -> Dict[str, str]:
    """``{normalised: label}`` of every row, column, block title and header label of a table."""
    spec = table_spec(kind, version)
    out: Dict[str, str] = {}
    for r in spec.rows:
        out[label_key(r.label)] = r.label
    for c in spec.columns:
        out[label_key(c.label)] = c.label
    for b in spec.blocks:
        out[label_key(b.title)] = b.title
        out[label_key(b.label_header)] = b.label_header
    for s in spec.spanning:
        out[label_key(s)] = s
    return out
