"""The official report format: ``schemas/official-format.json`` (package ``gaonb_lint_schemas``)
read once into typed, frozen value objects.  This is the only module that reads that JSON;
readers, the table specs, the relations, the rules and the tools all read the model below.
Nothing in code repeats a heading or label: read them from here.

- ``model()``: the whole format (:class:`OfficialFormat`);
- ``sections()`` / ``version(id)`` / ``version_ids()`` / ``version_for_year(year)``;
- a version's tables: ``version(id).table(kind)`` (:class:`VersionTable`: rows, columns, blocks,
  groups of that version);
- a version's ``fee_statement`` (the section that must state the fee, its name, an example);
- ``relations()``; ``section_title_keys()`` and ``table_row_labels()`` (normalised labels).
"""
from __future__ import annotations

import json
import os
from functools import lru_cache
from typing import Any, Dict, FrozenSet, Iterator, List, Optional, Tuple

from gaonb_lint.normalize import normalize_label

SCHEMA_PACKAGE = "gaonb_lint_schemas"
_set = object.__setattr__


def load_json(name: str) -> Any:
    """A JSON file shipped in ``schemas/``."""
    from importlib import import_module

    # A plain file next to the package's __init__ in every normal install; importlib.resources
    # (which imports zipfile, pathlib, tempfile …) only for zipped installs.
    base = getattr(import_module(SCHEMA_PACKAGE), "__file__", None)
    path = os.path.join(os.path.dirname(base), name) if base else ""
    if path and os.path.isfile(path):
        with open(path, encoding="utf-8") as fh:
            return json.load(fh)
    from importlib import resources

    return json.loads(resources.files(SCHEMA_PACKAGE).joinpath(name).read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def raw_format() -> Dict[str, Any]:
    """The JSON as parsed, for schema validation; everything else reads :func:`model`."""
    data: Dict[str, Any] = load_json("official-format.json")
    return data


class _Value:
    """A frozen value: attributes are set once, in ``__init__``; equal when of the same class
    with equal attributes.  (Plain slotted classes: a frozen dataclass compiles its methods when
    the module is imported, on every run of the command.)"""

    __slots__: Tuple[str, ...] = ()

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only")

    def _fill(self, args: Dict[str, Any]) -> None:
        # A subclass's __init__ takes exactly its slots, by name and in order (__reduce__ relies on
        # that too), so it passes its locals() here; a parameter renamed away from its slot fails
        # loudly as a KeyError instead of leaving the slot unset.
        for name in self.__slots__:
            _set(self, name, args[name])

    def _values(self) -> Tuple[object, ...]:
        return tuple(getattr(self, n) for n in self.__slots__)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Value) and type(other) is type(self) and self._values() == other._values()

    def __hash__(self) -> int:
        return hash((type(self).__name__, self._values()))

    def __repr__(self) -> str:
        args = ", ".join(f"{n}={getattr(self, n)!r}" for n in self.__slots__)
        return f"{type(self).__name__}({args})"

    def __reduce__(self) -> Tuple[Any, Tuple[object, ...]]:
        # pickle (-j workers) and copy rebuild through __init__, whose parameters are the slots
        return type(self), self._values()


class SectionSpec(_Value):
    """One of the six sections: ``key`` (``general`` …), ``number`` (``一``), official ``title``,
    the ``variants`` of the title reports use, and the ``table`` kind it holds (or ``None``)."""

    __slots__ = ("key", "number", "title", "variants", "table")
    key: str
    number: str
    title: str
    variants: Tuple[str, ...]
    table: Optional[str]

    def __init__(self, key: str, number: str, title: str, variants: Tuple[str, ...] = (),
                 table: Optional[str] = None) -> None:
        self._fill(locals())

    @property
    def heading(self) -> str:
        return f"{self.number}、{self.title}"


class Column(_Value):
    """A column of an official table: its ``label``, ``id`` (for relations), the spanning header
    ``group`` above it (``法人或其他组织``) and its value ``type`` (``count``, ``amount``, ``delta``)."""

    __slots__ = ("label", "id", "group", "type")
    label: str
    id: Optional[str]
    group: Optional[str]
    type: str

    def __init__(self, label: str, id: Optional[str] = None, group: Optional[str] = None,
                 type: str = "count") -> None:
        self._fill(locals())


class Row(_Value):
    """A row of table 三: its ``label``, ``id``, the ``group`` row it is under, whether it holds
    numbers, and the format ``versions`` it belongs to (``None``: every version)."""

    __slots__ = ("label", "id", "group", "numeric", "versions")
    label: str
    id: Optional[str]
    group: Optional[str]
    numeric: bool
    versions: Optional[Tuple[str, ...]]

    def __init__(self, label: str, id: Optional[str] = None, group: Optional[str] = None,
                 numeric: bool = True, versions: Optional[Tuple[str, ...]] = None) -> None:
        self._fill(locals())

    def in_version(self, version_id: str) -> bool:
        return self.versions is None or version_id in self.versions


class Block(_Value):
    """A block of table 二: ``title`` row, header row (``label_header`` and ``columns``), row labels."""

    __slots__ = ("title", "label_header", "columns", "rows")
    title: str
    label_header: str
    columns: Tuple[Column, ...]
    rows: Tuple[str, ...]

    def __init__(self, title: str, label_header: str, columns: Tuple[Column, ...], rows: Tuple[str, ...]) -> None:
        self._fill(locals())


class Group(_Value):
    """A group of table 四 (``行政复议`` …): the same columns again, under ``parent`` when it spans."""

    __slots__ = ("label", "parent")
    label: str
    parent: Optional[str]

    def __init__(self, label: str, parent: Optional[str] = None) -> None:
        self._fill(locals())


class VersionTable(_Value):
    """An official table (``proactive`` 二, ``applications`` 三, ``reviews`` 四) as one format
    version has it: table 二 is ``blocks``; table 三 ``rows`` × ``columns`` under ``header``
    with its ``note``; table 四 ``groups`` × ``columns``."""

    __slots__ = ("kind", "version", "section", "value_type", "blocks", "rows", "columns", "groups",
                 "header", "note")
    kind: str
    version: str
    section: str
    value_type: str
    blocks: Tuple[Block, ...]
    rows: Tuple[Row, ...]
    columns: Tuple[Column, ...]
    groups: Tuple[Group, ...]
    header: Optional[str]
    note: Optional[str]

    def __init__(self, kind: str, version: str, section: str, value_type: str, blocks: Tuple[Block, ...],
                 rows: Tuple[Row, ...], columns: Tuple[Column, ...], groups: Tuple[Group, ...],
                 header: Optional[str], note: Optional[str]) -> None:
        self._fill(locals())


class OfficialTable(_Value):
    """An official table over every version: ``blocks`` per version (table 二, in data order),
    ``rows`` tagged with their versions (table 三); see :meth:`in_version`."""

    __slots__ = ("kind", "section", "value_type", "blocks", "rows", "columns", "groups", "header", "note")
    kind: str
    section: str
    value_type: str
    blocks: Tuple[Tuple[str, Tuple[Block, ...]], ...]
    rows: Tuple[Row, ...]
    columns: Tuple[Column, ...]
    groups: Tuple[Group, ...]
    header: Optional[str]
    note: Optional[str]

    def __init__(self, kind: str, section: str, value_type: str, blocks: Tuple[Tuple[str, Tuple[Block, ...]], ...],
                 rows: Tuple[Row, ...], columns: Tuple[Column, ...], groups: Tuple[Group, ...],
                 header: Optional[str], note: Optional[str]) -> None:
        self._fill(locals())

    def in_version(self, version_id: str) -> VersionTable:
        blocks = dict(self.blocks).get(version_id, ())
        rows = tuple(r for r in self.rows if r.in_version(version_id))
        return VersionTable(self.kind, version_id, self.section, self.value_type, blocks, rows, self.columns,
                            self.groups, self.header, self.note)


class Term(_Value):
    """A term of a relation: ``kind`` ``row`` / ``column`` (one cell per instance, ``ids[0]``),
    ``rows_under`` (every numeric row below ``ids[0]`` but ``excluded``) or ``columns_except``
    (every column of the row but ``excluded``)."""

    __slots__ = ("kind", "ids", "excluded")
    kind: str
    ids: Tuple[str, ...]
    excluded: Tuple[str, ...]

    def __init__(self, kind: str, ids: Tuple[str, ...] = (), excluded: Tuple[str, ...] = ()) -> None:
        self._fill(locals())


class Relation(_Value):
    """An arithmetic relation of a table: ``sum(left) == sum(right)`` for each column, row or
    group (``for_each``); ``blame`` is its total; ``name`` is ``((lang, text), …)``."""

    __slots__ = ("id", "table", "name", "source", "for_each", "left", "right", "blame", "versions")
    id: str
    table: str
    name: Tuple[Tuple[str, str], ...]
    source: Optional[str]
    for_each: str
    left: Tuple[Term, ...]
    right: Tuple[Term, ...]
    blame: Term
    versions: Optional[Tuple[str, ...]]

    def __init__(self, id: str, table: str, name: Tuple[Tuple[str, str], ...], source: Optional[str],
                 for_each: str, left: Tuple[Term, ...], right: Tuple[Term, ...], blame: Term,
                 versions: Optional[Tuple[str, ...]] = None) -> None:
        self._fill(locals())

    def in_version(self, version_id: str) -> bool:
        return self.versions is None or version_id in self.versions


class ValueType(_Value):
    """What a cell may hold: ``count``, ``amount`` (with ``units``), ``delta``."""

    __slots__ = ("name", "description", "integer", "negative", "units")
    name: str
    description: str
    integer: bool
    negative: bool
    units: Tuple[str, ...]

    def __init__(self, name: str, description: str, integer: bool, negative: bool,
                 units: Tuple[str, ...] = ()) -> None:
        self._fill(locals())


class FeeStatement(_Value):
    """The statement a version requires on the fee: the ``section`` (key) that must hold it, the
    ``fee``'s name (信息处理费), the ``measures`` it is charged under, and an ``example`` statement."""

    __slots__ = ("section", "fee", "measures", "example")
    section: str
    fee: str
    measures: str
    example: str

    def __init__(self, section: str, fee: str, measures: str, example: str) -> None:
        self._fill(locals())


class FormatVersion(_Value):
    """One version of the format (``v2019`` or ``v2021``) with version-specific data resolved;
    ``fee_statement`` is what it requires on the fee (``None``: nothing)."""

    __slots__ = ("id", "name", "document", "first_year", "last_year", "fee_statement_required", "sections",
                 "fee_statement")
    id: str
    name: str
    document: str
    first_year: int
    last_year: Optional[int]
    fee_statement_required: bool
    sections: Tuple[SectionSpec, ...]
    fee_statement: Optional[FeeStatement]

    def __init__(self, id: str, name: str, document: str, first_year: int, last_year: Optional[int],
                 fee_statement_required: bool, sections: Tuple[SectionSpec, ...],
                 fee_statement: Optional[FeeStatement] = None) -> None:
        self._fill(locals())

    def table(self, kind: str) -> VersionTable:
        """The official table ``kind`` (``proactive``, ``applications``, ``reviews``) as this
        version has it."""
        return _version_table(self.id, kind)


class OfficialFormat(_Value):
    """The whole format: versions (in data order), sections, tables, relations, value types."""

    __slots__ = ("versions", "sections", "tables", "relations", "value_types", "report_title_suffix")
    versions: Tuple[FormatVersion, ...]
    sections: Tuple[SectionSpec, ...]
    tables: Tuple[OfficialTable, ...]
    relations: Tuple[Relation, ...]
    value_types: Tuple[ValueType, ...]
    report_title_suffix: str

    def __init__(self, versions: Tuple[FormatVersion, ...], sections: Tuple[SectionSpec, ...],
                 tables: Tuple[OfficialTable, ...], relations: Tuple[Relation, ...],
                 value_types: Tuple[ValueType, ...], report_title_suffix: str) -> None:
        self._fill(locals())

    def table(self, kind: str) -> OfficialTable:
        for t in self.tables:
            if t.kind == kind:
                return t
        raise KeyError(kind)

    def version(self, version_id: str) -> FormatVersion:
        for v in self.versions:
            if v.id == version_id:
                return v
        raise KeyError(version_id)


# -- reading the JSON (the one place) ------------------------------------------------------------

def _opt_tuple(value: Any) -> Optional[Tuple[str, ...]]:
    return None if value is None else tuple(value)


def _column(c: Dict[str, Any], default_type: str = "count") -> Column:
    return Column(c["label"], c.get("id"), c.get("group"), c.get("type", default_type))


def _fee(f: Optional[Dict[str, Any]]) -> Optional[FeeStatement]:
    return None if f is None else FeeStatement(f["section"], f["fee"], f["measures"], f["example"])


def _term(t: Dict[str, Any]) -> Term:
    for kind in ("row", "column", "rows_under"):
        if kind in t:
            return Term(kind, (t[kind],), tuple(t.get("except", ())))
    if "columns_except" in t:
        return Term("columns_except", (), tuple(t["columns_except"]))
    raise ValueError(f"unknown relation term {t!r}")


def _table(kind: str, t: Dict[str, Any]) -> OfficialTable:
    value_type = t.get("value_type", "count")
    blocks = tuple(
        (vid, tuple(Block(b["title"], b["label_header"], tuple(_column(c) for c in b["columns"]), tuple(b["rows"]))
                    for b in bs))
        for vid, bs in t.get("blocks", {}).items())
    rows = tuple(Row(r["label"], r.get("id"), r.get("group"), bool(r.get("numeric", True)),
                     _opt_tuple(r.get("versions")))
                 for r in t.get("rows", ()))
    # Table 三 and 四 columns hold the table's value type (table 二 declares one per column).
    columns = tuple(_column(c, value_type) for c in t.get("columns", ()))
    groups = tuple(Group(g["label"], g.get("parent")) for g in t.get("groups", ()))
    return OfficialTable(kind, t["section"], value_type, blocks, rows, columns, groups, t.get("header"), t.get("note"))


@lru_cache(maxsize=None)
def model() -> OfficialFormat:
    """The official format, read from the JSON once."""
    raw = raw_format()
    secs = tuple(SectionSpec(s["key"], s["number"], s["title"], tuple(s.get("variants", ())), s.get("table"))
                 for s in raw["sections"])
    versions = tuple(FormatVersion(vid, f["name"], f["document"], f["first_year"], f.get("last_year"),
                                   f["fee_statement_required"], secs, _fee(f.get("fee_statement")))
                     for vid, f in raw["formats"].items())
    tables = tuple(_table(kind, t) for kind, t in raw["tables"].items())
    relations = tuple(
        Relation(r["id"], r["table"], tuple(sorted(r.get("name", {}).items())), r.get("source"), r["for_each"],
                 tuple(_term(t) for t in r["left"]), tuple(_term(t) for t in r["right"]), _term(r["blame"]),
                 _opt_tuple(r.get("versions")))
        for r in raw.get("relations", ()))
    value_types = tuple(ValueType(name, v.get("description", ""), bool(v["integer"]), bool(v["negative"]),
                                  tuple(v.get("units", ())))
                        for name, v in raw.get("value_types", {}).items())
    return OfficialFormat(versions, secs, tables, relations, value_types, raw["report_title_suffix"])


# -- lookups ---------------------------------------------------------------------------------------

def sections() -> Tuple[SectionSpec, ...]:
    return model().sections


def version(version_id: str) -> FormatVersion:
    return model().version(version_id)


def version_ids() -> List[str]:
    return [v.id for v in model().versions]


def relations(kind: Optional[str] = None) -> Tuple[Relation, ...]:
    """The relations of table ``kind`` (every table's with ``None``), in data order."""
    return tuple(r for r in model().relations if kind is None or r.table == kind)


def section(key: str) -> SectionSpec:
    """The section ``key`` (``general`` … ``other``)."""
    for s in sections():
        if s.key == key:
            return s
    raise KeyError(key)


def report_title_suffix() -> str:
    """``政府信息公开工作年度报告``: how every report's title ends."""
    return model().report_title_suffix


@lru_cache(maxsize=None)
def _version_table(version_id: str, kind: str) -> VersionTable:
    return model().table(kind).in_version(version_id)


def version_for_year(year: Optional[int], forced: Optional[str] = None) -> Optional[FormatVersion]:
    """The format that governs a report for ``year``; ``None`` for years before any format.

    An unknown year gets the newest format: a report that does not say its year is most likely
    this year's."""
    if forced:
        return version(forced)
    versions = model().versions
    if year is None:
        return max(versions, key=lambda v: v.first_year)
    for v in versions:
        if v.first_year <= year and (v.last_year is None or year <= v.last_year):
            return v
    return None


def _titles(s: SectionSpec) -> Iterator[str]:
    yield s.title
    yield from s.variants


@lru_cache(maxsize=None)
def section_title_keys() -> Tuple[str, ...]:
    """Normalised official section titles and their known variants (did-you-mean candidates)."""
    return tuple(normalize_label(t) for s in sections() for t in _titles(s))


@lru_cache(maxsize=None)
def table_row_labels() -> FrozenSet[str]:
    """Normalised labels of every official table row and column, in any version.

    Readers use them to tell a table row such as ``四、结转下年度继续办理`` from a section heading."""
    labels = set()
    for t in model().tables:
        for r in t.rows:
            labels.add(normalize_label(r.label))
        for _, blocks in t.blocks:
            for b in blocks:
                labels.add(normalize_label(b.title))
                labels.update(normalize_label(r) for r in b.rows)
    return frozenset(labels)
