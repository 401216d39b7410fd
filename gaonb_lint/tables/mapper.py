"""The state the three table mappers share: label problems from an alignment, reading problems
from the catalogue, and the one routine that places a row's values under the header columns."""
from __future__ import annotations

import re
from typing import Callable, Dict, List, Optional, Sequence, Tuple

from gaonb_lint import official_format
from gaonb_lint.model import Cell, Table
from gaonb_lint.tables.align import Alignment, Found, suggest
from gaonb_lint.tables.grid_rows import GridRow, kind_of, row_span, span_of, strip_note
from gaonb_lint.tables.mapped import (CellKey, ColumnAt, LabelProblem, MappedCell, MappedTable, MappingProblem,
                                      Position, Where)
from gaonb_lint.tables.problems import row_name, sentences
from gaonb_lint.tables.spec import RowSpec, TableSpec, other_version_labels, table_spec
from gaonb_lint.tables.values import Value, parse_value

PADDED_LAYOUTS = ("gfm", "html", "docx")


class Mapper:
    """State shared by the three table mappers."""

    def __init__(self, table: Table, spec: TableSpec):
        self.mt = MappedTable(spec.kind, spec, table)
        self.spec = spec
        self.table = table
        self.padded = table.layout in PADDED_LAYOUTS
        self.other = other_version_labels(spec.kind, spec.version)

    # -- problems --------------------------------------------------------------------------
    def problem(self, where: Tuple[int, int], reason: str, **params) -> None:
        zh, en = sentences(reason, params)
        self.mt.problems.append(MappingProblem(where[0], where[1], zh, en, reason, params))

    def label_results(self, found: Sequence[Found], official: Sequence[str], al: Alignment, axis: str,
                      context: str = "", missing_at: Optional[Tuple[int, int]] = None,
                      single: Optional[Dict[int, Tuple[int, ...]]] = None) -> None:
        """Turn an alignment into label problems.  ``single`` (official index of a group row read
        as one row → its sub-items' official indexes, see ``single_row_groups``): that row is one
        problem, and its sub-items are not also missing."""
        mt = self.mt
        single = single or {}
        stood_for = {oi for subs in single.values() for oi in subs}
        for fi, oi in al.pairs.items():
            if oi in single:
                where = span_of(found[fi].cells)
                mt.label_problems.append(LabelProblem(
                    "single-row", axis, where[0], where[1], found[fi].text, official[oi], context,
                    _single_row_version(self.spec, official[oi]), found[fi].cells[0] if len(found[fi].cells) == 1 else None,
                    items=tuple(official[i] for i in single[oi])))
        for fi, oi in al.pairs.items():
            f, expected = found[fi], official[oi]
            where = span_of(f.cells)
            how = al.how[fi]
            if how != "fuzzy":
                mt.recognised += 1
            written = re.sub(r"\s+", "", f.text)
            if how == "fuzzy":
                kind, version = "misspelled", ""
                if f.norm in self.other:
                    kind, version = "wrong-version", self.other[f.norm][1]
                mt.label_problems.append(LabelProblem(kind, axis, where[0], where[1], f.text, expected, context,
                                                      version, f.cells[0] if len(f.cells) == 1 else None))
            elif how == "order":
                prev = official[oi - 1] if oi > 0 else ""
                mt.label_problems.append(LabelProblem("order", axis, where[0], where[1], f.text, expected,
                                                      context, "", f.cells[0] if len(f.cells) == 1 else None, prev))
            if how in ("exact", "order") and written != re.sub(r"\s+", "", expected):
                mt.label_problems.append(LabelProblem("punctuation", axis, where[0], where[1], f.text, expected,
                                                      context, "", f.cells[0] if len(f.cells) == 1 else None))
        for fi, oi in al.duplicate.items():
            f = found[fi]
            where = span_of(f.cells)
            mt.label_problems.append(LabelProblem("duplicate", axis, where[0], where[1], f.text, official[oi],
                                                  context, "", f.cells[0] if len(f.cells) == 1 else None))
        for fi in al.extra:
            f = found[fi]
            where = span_of(f.cells)
            version = self.other[f.norm][1] if f.norm in self.other else ""
            spare = [official[i] for i in al.missing]  # a suggestion only among labels not found
            mt.label_problems.append(LabelProblem("wrong-version" if version else "extra", axis, where[0], where[1],
                                                  f.text, suggest(f.text, spare) or "", context, version,
                                                  f.cells[0] if len(f.cells) == 1 else None))
        # A missing label is reported where it should be: at the next label found after it.
        placed = sorted((oi, fi) for fi, oi in al.pairs.items())
        for oi in al.missing:
            if oi in stood_for:
                continue
            after = [fi for o, fi in placed if o > oi]
            if after:
                where = span_of(found[after[0]].cells)
            elif placed:
                where = span_of(found[placed[-1][1]].cells)
            else:
                where = missing_at or (self.table.start, self.table.start)
            before = official[oi - 1] if oi > 0 else ""
            mt.label_problems.append(LabelProblem("missing", axis, where[0], where[0], "", official[oi],
                                                  context, after=before, tail=not after))

    # -- values ----------------------------------------------------------------------------
    def place(self, row: GridRow, positions: Sequence[Position], name: Dict[str, str],
              cont: Optional[GridRow] = None,
              cell_name: Callable[[str], Dict[str, str]] = row_name) -> None:
        """Read ``row``'s values into the official cells its header ``positions`` (in grid order)
        name.  A row lined up with the header is read by position; otherwise a row holding
        exactly as many values as there are columns (blank cells at either end ignored) is read
        in header order, and a row with no value at all is blank in every column; anything else
        is a problem, never a guess.  ``cont`` holds the values
        of a row split in two (labels, then numbers); ``name`` names the row in messages and
        ``cell_name`` the official row of a cell."""
        source = cont if cont is not None else row
        if not positions:
            if source.nonblank_after_labels():
                self.problem(row_span(source), "no-columns", **name)
            return
        values = self._aligned(row, positions) if cont is None else None
        if values is None:
            start = source.last_label + 1 if cont is None else 0
            region = self._trimmed(source.cells[start:])
            if not region:  # every cell of the row is blank, however many there are: certain
                values = [(None, p.target) for p in positions]
            elif len(region) != len(positions):
                filled = len([c for c in region if kind_of(c) != "blank"])
                self.problem(row_span(source), "count-mismatch", found=len(region), filled=filled,
                             columns=len(positions), **name)
                return
            else:
                values = [(c, p.target) for c, p in zip(region, positions)]
        self._read(source, values, cell_name)

    @staticmethod
    def _trimmed(region: List[Cell]) -> List[Cell]:
        """``region`` without blank cells at either end (padding, a merged label column)."""
        while region and kind_of(region[0]) == "blank":
            region = region[1:]
        while region and kind_of(region[-1]) == "blank":
            region = region[:-1]
        return region

    def _read(self, source: GridRow, values, cell_name: Callable[[str], Dict[str, str]]) -> None:
        columns_of: Dict[str, Sequence[str]] = {}  # the official row's columns, looked up once per row
        for cell, target in values:
            if target is None:
                continue  # an extra column: reported as a label problem, not used
            row_key, col_key = target
            columns = columns_of.get(row_key)
            if columns is None:
                columns = columns_of[row_key] = self._columns(row_key)
            if col_key not in columns:
                if cell is not None and kind_of(cell) != "blank":
                    self.problem((cell.start, cell.end), "no-such-cell", col=col_key, **cell_name(row_key))
                continue
            store = self.mt.group_cells if row_key in self.mt.single_rows else self.mt.cells
            if target in store:
                continue
            col = self.spec.column(col_key)
            if cell is None:
                end = source.cells[-1].end if source.cells else 0
                parsed, where = Value(None, blank=True), Where(end, end)
            else:
                parsed, where = parse_value(strip_note(cell.text), col.type, col.unit), Where(cell.start, cell.end)
            store[target] = MappedCell(row_key, col_key, col.type, parsed, cell, where)
            if not parsed.ok:
                self.problem(where, "bad-value", col=col_key, problem_zh=parsed.problem_zh,
                             problem_en=parsed.problem_en, text=cell.text if cell is not None else "",
                             **cell_name(row_key))

    def _columns(self, row_key: str) -> Sequence[str]:
        """The columns of an official row; a group row read as one row has its sub-items'."""
        subs = self.mt.single_rows.get(row_key)
        if subs is None:
            return self.spec.row(row_key).columns
        return tuple(dict.fromkeys(c for k in subs for c in self.spec.row(k).columns))

    def _aligned(self, row: GridRow, positions: Sequence[Position]
                 ) -> Optional[List[Tuple[Optional[Cell], Optional[CellKey]]]]:
        """The row's values read at the header's grid positions, or ``None`` when the row does
        not line up with the header."""
        idx = [p.index for p in positions]
        if min(idx) <= row.last_label:
            return None
        pos_set = set(idx)
        for i, c in row.nonblank_after_labels():
            if i not in pos_set:
                return None
        out: List[Tuple[Optional[Cell], Optional[CellKey]]] = []
        for p in positions:
            if p.index < len(row.cells):
                out.append((row.cells[p.index], p.target))
            elif self.padded:
                out.append((None, p.target))
            else:
                return None
        return out

    def label_only(self, row: GridRow, rspec: RowSpec) -> None:
        """A heading row of the format (no numbers) must not carry numbers."""
        stray = [c for i, c in row.nonblank_after_labels()]
        if stray:
            self.problem(span_of(stray), "numbers-on-heading-row", label=rspec.label)


def single_row_groups(data: Sequence[GridRow], row_token: Dict[int, int], al: Alignment,
                      spec_rows: Sequence[RowSpec]) -> Dict[int, Tuple[int, ...]]:
    """Group rows of the format written as one row of numbers: ``{official index of the group
    row: official indexes of its sub-items}`` for each group row (a row of the format without
    numbers of its own that has sub-items) whose row in the table carries numbers while none of
    its sub-items is in the table (not even misspelled or twice) and no unrecognised label
    follows it before the next official one (that could be a sub-item).  Such a row is read as
    the group's single row: its numbers are the sums of its sub-items' (the 2019 layout of
    ``（六）其他处理`` in a 2021 table)."""
    aligned = set(al.pairs.values()) | set(al.duplicate.values())
    out: Dict[int, Tuple[int, ...]] = {}
    for r in data:
        fi = row_token.get(r.index)
        oi = al.pairs.get(fi) if fi is not None else None
        if oi is None or spec_rows[oi].numeric or not r.nonblank_after_labels():
            continue
        subs = _sub_items(spec_rows, oi)
        if not subs or aligned & set(subs):
            continue
        if fi + 1 in al.extra or fi + 1 in al.duplicate:
            continue
        out[oi] = subs
    return out


def _sub_items(spec_rows: Sequence[RowSpec], oi: int) -> Tuple[int, ...]:
    """Official indexes of the rows under row ``oi`` (children, grandchildren …)."""
    parents, out = {spec_rows[oi].label}, []
    for i in range(oi + 1, len(spec_rows)):
        if spec_rows[i].group in parents:
            out.append(i)
            parents.add(spec_rows[i].label)
    return tuple(out)


def _single_row_version(spec: TableSpec, label: str) -> str:
    """The format version whose table has the group row ``label`` as one row of numbers, if any."""
    for v in official_format.version_ids():
        if v == spec.version:
            continue
        other = table_spec(spec.kind, v)
        for i, r in enumerate(other.rows):
            if r.label == label and r.numeric and not _sub_items(other.rows, i):
                return v
    return ""


def place_rows(m: Mapper, data: List[GridRow], row_token: Dict[int, int], al: Alignment,
               columns: Sequence[ColumnAt], spec_rows: Optional[Sequence[RowSpec]] = None,
               columns_of: Optional[Callable[[GridRow, RowSpec], Optional[Sequence[ColumnAt]]]] = None,
               single: Optional[Dict[int, Tuple[int, ...]]] = None) -> None:
    """Place the values of every data row whose label was aligned with an official row
    (``row_token``: grid row index → index into the aligned labels) under ``columns`` (or the
    columns ``columns_of`` gives for the row, ``None`` when it cannot be told).  A group row read
    as one row (``single``, see ``single_row_groups``) is placed in ``MappedTable.group_cells``."""
    spec_rows = spec_rows if spec_rows is not None else m.spec.rows
    for oi, subs in (single or {}).items():
        m.mt.single_rows[spec_rows[oi].key] = tuple(spec_rows[i].key for i in subs if spec_rows[i].numeric)
    i = 0
    while i < len(data):
        r = data[i]
        fi = row_token.get(r.index)
        if fi is None:
            if r.nonblank_after_labels() and not r.labels:
                m.problem(row_span(r), "no-row-label")
            i += 1
            continue
        oi = al.pairs.get(fi)
        if oi is None:
            dup = al.duplicate.get(fi)
            if dup is not None and r.nonblank_after_labels():
                m.problem(row_span(r), "duplicate-row", label=spec_rows[dup].label)
            i += 1
            continue
        rspec = spec_rows[oi]
        if not rspec.numeric and rspec.key not in m.mt.single_rows:
            m.label_only(r, rspec)
            i += 1
            continue
        cont = None
        if not r.nonblank_after_labels() and i + 1 < len(data) and not data[i + 1].labels \
                and data[i + 1].nonblank_after_labels():
            cont = data[i + 1]  # one row split in two: labels, then numbers
        cols = columns if columns_of is None else columns_of(r, rspec)
        if cols is not None:
            positions = [Position(c.index, (rspec.key, c.key) if c.key is not None else None) for c in cols]
            m.place(r, positions, row_name(rspec.key), cont)
        i += 2 if cont is not None else 1
