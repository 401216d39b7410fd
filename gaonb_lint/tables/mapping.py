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
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Dict, List, Optional, Sequence, Tuple, Union

from gaonb_lint.official_format import FormatVersion
from gaonb_lint.model import Cell, Table
from gaonb_lint.tables.align import Alignment, Found, align, label_key, similarity, suggest
from gaonb_lint.tables.spec import RowSpec, TableSpec, other_version_labels, table_spec
from gaonb_lint.tables.values import Value, is_blank, looks_like_value, parse_value

PADDED_LAYOUTS = ("gfm", "html", "docx")
_NOTE = re.compile(r"[（(]?\s*本列数据的?勾稽关系[^)）]*[)）]?")
_TITLE = re.compile(r"^第[一二三四五六七八九十百\d]+条")
SPANNING_SIMILARITY = 0.6


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
    """``kind``: misspelled | punctuation | wrong-version | missing | extra | duplicate | order.
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
    tail: bool = False  # missing: no label found comes after it (the table may be cut off there)


@dataclass
class MappingProblem:
    start: int
    end: int
    reason_zh: str
    reason_en: str


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

    @property
    def version(self) -> str:
        return self.spec.version

    @property
    def readable(self) -> bool:
        return not self.table.issues and not self.problems

    def get(self, row: str, col: str) -> Optional[MappedCell]:
        return self.cells.get((row, col))

    def value(self, row: str, col: str):
        """The number in a cell (blank → 0), or ``None`` when the table has no such cell."""
        c = self.cells.get((row, col))
        return None if c is None else c.number()

    def missing_cells(self) -> List[Tuple[str, str]]:
        return [k for k in self.spec.cells() if k not in self.cells]


# -- small helpers ---------------------------------------------------------------------------

def _strip_note(text: str) -> str:
    return _NOTE.sub("", text or "").strip()


def _kind_of(cell: Cell) -> str:
    """``blank`` | ``value`` | ``label``."""
    return _kind_of_text(cell.text)


@lru_cache(maxsize=8192)  # asked many times per cell; cell texts repeat across reports (perf)
def _kind_of_text(text: str) -> str:
    text = _strip_note(text)
    if is_blank(text):
        return "blank"
    return "value" if looks_like_value(text) else "label"


@dataclass
class _Row:
    index: int
    cells: List[Cell]
    labels: List[Tuple[int, Cell]]  # (grid index, cell)
    first_value: int                # grid index of the first value-like cell (len(cells) if none)

    @property
    def last_label(self) -> int:
        return self.labels[-1][0] if self.labels else -1

    def has_values(self) -> bool:
        return self.first_value < len(self.cells)

    def nonblank_after_labels(self) -> List[Tuple[int, Cell]]:
        return [(i, c) for i, c in enumerate(self.cells) if i > self.last_label and _kind_of(c) != "blank"]


def _analyse(index: int, cells: List[Cell]) -> _Row:
    labels: List[Tuple[int, Cell]] = []
    first_value = len(cells)
    for i, c in enumerate(cells):
        k = _kind_of(c)
        if k == "value":
            first_value = i
            break
        if k == "label":
            labels.append((i, c))
    return _Row(index, cells, labels, first_value)


def _span(cells: Sequence[Cell]) -> Tuple[int, int]:
    return (min(c.start for c in cells), max(c.end for c in cells))


def _row_span(row: _Row) -> Tuple[int, int]:
    return _span(row.cells) if row.cells else (0, 0)


def _version_id(version: Union[str, FormatVersion]) -> str:
    return version if isinstance(version, str) else version.id


def _joined(cells: Sequence[Cell]) -> str:
    return "".join(_strip_note(c.text) for c in cells)


class _Mapper:
    """State shared by the three table mappers."""

    def __init__(self, table: Table, spec: TableSpec):
        self.mt = MappedTable(spec.kind, spec, table)
        self.spec = spec
        self.table = table
        self.padded = table.layout in PADDED_LAYOUTS
        self.other = other_version_labels(spec.kind, spec.version)

    # -- problems --------------------------------------------------------------------------
    def problem(self, where: Tuple[int, int], zh: str, en: str) -> None:
        self.mt.problems.append(MappingProblem(where[0], where[1], zh, en))

    def label_results(self, found: Sequence[Found], official: Sequence[str], al: Alignment, axis: str,
                      context: str = "", missing_at: Optional[Tuple[int, int]] = None) -> None:
        """Turn an alignment into label problems."""
        mt = self.mt
        for fi, oi in al.pairs.items():
            f, expected = found[fi], official[oi]
            where = _span(f.cells)
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
            where = _span(f.cells)
            mt.label_problems.append(LabelProblem("duplicate", axis, where[0], where[1], f.text, official[oi],
                                                  context, "", f.cells[0] if len(f.cells) == 1 else None))
        for fi in al.extra:
            f = found[fi]
            where = _span(f.cells)
            version = self.other[f.norm][1] if f.norm in self.other else ""
            spare = [official[i] for i in al.missing]  # a suggestion only among labels not found
            mt.label_problems.append(LabelProblem("wrong-version" if version else "extra", axis, where[0], where[1],
                                                  f.text, suggest(f.text, spare) or "", context, version,
                                                  f.cells[0] if len(f.cells) == 1 else None))
        # A missing label is reported where it should be: at the next label found after it.
        placed = sorted((oi, fi) for fi, oi in al.pairs.items())
        for oi in al.missing:
            after = [fi for o, fi in placed if o > oi]
            if after:
                where = _span(found[after[0]].cells)
            elif placed:
                where = _span(found[placed[-1][1]].cells)
            else:
                where = missing_at or (self.table.start, self.table.start)
            before = official[oi - 1] if oi > 0 else ""
            mt.label_problems.append(LabelProblem("missing", axis, where[0], where[0], "", official[oi],
                                                  context, after=before, tail=bool(placed) and not after))

    # -- values ----------------------------------------------------------------------------
    def place(self, row: _Row, rspec: RowSpec, positions: List[Tuple[int, Optional[str]]],
              cont: Optional[_Row] = None, block: str = "") -> None:
        """Read ``row``'s values into the official row ``rspec``; ``positions`` are the header
        columns (grid index, column key or ``None`` for an extra column) in grid order."""
        mt = self.mt
        label = rspec.key  # sub-items with their group: "（三）不予公开/1.属于国家秘密"
        source = cont if cont is not None else row
        if not positions:
            if source.nonblank_after_labels():
                self.problem(_row_span(source), f"“{label}”一行的数字没有对应的列标题，无法确定各是哪一列",
                             f"the numbers in row “{label}” have no column headers above them, so their columns are unknown")
            return
        values: Optional[List[Tuple[Optional[Cell], Optional[str]]]] = None
        if cont is None:
            values = self._aligned(row, positions)
        if values is None:
            start = source.last_label + 1 if cont is None else 0
            region = source.cells[start:]
            while region and _kind_of(region[0]) == "blank":
                region = region[1:]
            while region and _kind_of(region[-1]) == "blank":
                region = region[:-1]
            if len(region) == len(positions):
                values = [(c, key) for c, (_, key) in zip(region, positions)]
            else:
                n = len([c for c in region if _kind_of(c) != "blank"])
                self.problem(_row_span(source),
                             f"“{label}”一行有 {len(region)} 个数值单元格（其中非空 {n} 个），与表头的 {len(positions)} 列对不上，无法确定各数字属于哪一列",
                             f"row “{label}” has {len(region)} value cells ({n} not blank) but the header has "
                             f"{len(positions)} columns; the numbers cannot be placed")
                return
        for cell, key in values:
            if key is None:
                continue  # an extra column: reported as a label problem, not used
            if key not in rspec.columns:
                if cell is not None and _kind_of(cell) != "blank":
                    self.problem((cell.start, cell.end),
                                 f"“{label}”一行在“{key}”列有数字，但年报格式中该行没有这一列",
                                 f"row “{label}” has a number under “{key}”, a column this row does not have in the format")
                continue
            col = self.spec.column(key)
            if cell is None:
                parsed, where = Value(None, blank=True), (source.cells[-1].end, source.cells[-1].end) if source.cells else (0, 0)
            else:
                parsed, where = parse_value(_strip_note(cell.text), col.type, col.unit), (cell.start, cell.end)
            if (rspec.key, key) in mt.cells:
                continue
            mt.cells[(rspec.key, key)] = MappedCell(rspec.key, key, col.type, parsed, cell, where)
            if not parsed.ok:
                self.problem(where, f"“{label}”一行“{key}”列：{parsed.problem_zh}",
                             f"row “{label}”, column “{key}”: {parsed.problem_en}")

    def _aligned(self, row: _Row, positions: List[Tuple[int, Optional[str]]]):
        idx = [p for p, _ in positions]
        if min(idx) <= row.last_label:
            return None
        pos_set = set(idx)
        for i, c in row.nonblank_after_labels():
            if i not in pos_set:
                return None
        out = []
        for p, key in positions:
            if p < len(row.cells):
                out.append((row.cells[p], key))
            elif self.padded:
                out.append((None, key))
            else:
                return None
        return out

    def label_only(self, row: _Row, rspec: RowSpec) -> None:
        """A heading row of the format (no numbers) must not carry numbers."""
        stray = [c for i, c in row.nonblank_after_labels()]
        if stray:
            self.problem(_span(stray), f"“{rspec.label}”在年报格式中是不填数字的分类行，这里却有数字，无法确定这些数字属于哪一行",
                         f"“{rspec.label}” is a heading row without numbers in the format, but this row has numbers; "
                         f"they cannot be placed")


# -- header analysis (tables 三 and 四) -----------------------------------------------------

@dataclass
class _HeaderColumn:
    index: int
    leaf_cells: List[Cell] = field(default_factory=list)
    groups: List[Tuple[str, Cell]] = field(default_factory=list)  # (official spanning label, source cell)

    @property
    def leaf(self) -> str:
        return _joined(self.leaf_cells)


def _header_columns(rows: Sequence[List[Cell]], spanning: Sequence[str], leaves: Sequence[str]
                    ) -> Tuple[List[_HeaderColumn], List[Found]]:
    """Columns of a header band, and every spanning label cell found (as ``Found``, ``info`` =
    the official label it was read as)."""
    span_keys = {label_key(s): s for s in spanning}
    leaf_keys = {label_key(s) for s in leaves}
    width = max((len(r) for r in rows), default=0)
    cols = [_HeaderColumn(j) for j in range(width)]
    spans: List[Found] = []
    for row in rows:
        j = 0
        while j < len(row):
            cell = row[j]
            text = _strip_note(cell.text)
            if is_blank(text):
                j += 1
                continue
            key = label_key(text)
            official = span_keys.get(key)
            if official is None and key not in leaf_keys:
                best = max(spanning, key=lambda s: similarity(key, label_key(s)), default=None)
                leaf_score = max((similarity(key, lk) for lk in leaf_keys), default=0.0)
                score = similarity(key, label_key(best)) if best else 0.0
                if best and score >= SPANNING_SIMILARITY and score > leaf_score:
                    official = best
            if official is not None:
                spans.append(Found(text, [cell], official))
                k = j
                while k < width and (k == j or k >= len(row) or is_blank(_strip_note(row[k].text))):
                    cols[k].groups.append((official, cell))
                    k += 1
                j += 1
                continue
            col = cols[j]
            if not col.leaf_cells or label_key(_strip_note(col.leaf_cells[-1].text)) != key:
                col.leaf_cells.append(cell)
            j += 1
    return cols, spans


def _first_value_index(rows: Sequence[_Row]) -> int:
    """Where values start in most data rows (the width of the label area)."""
    counts: Dict[int, int] = {}
    for r in rows:
        if r.has_values():
            counts[r.first_value] = counts.get(r.first_value, 0) + 1
    return max(counts, key=lambda k: (counts[k], -k)) if counts else 0


# -- table 三 ---------------------------------------------------------------------------------

def _map_applications(m: _Mapper) -> None:
    spec, table = m.spec, m.table
    row_keys = {label_key(r.label) for r in spec.rows} | set(m.other)
    header_keys = {label_key(x) for x in [c.label for c in spec.columns] + list(spec.spanning)}
    analysed = [_analyse(i, r) for i, r in enumerate(table.rows)]
    first_data = len(analysed)
    for r in analysed:
        if r.has_values() or any(label_key(c.text) in row_keys for _, c in r.labels):
            first_data = r.index
            break
    header = [table.rows[i] for i in range(first_data)]
    data = [r for r in analysed[first_data:]
            if r.cells and not (not r.has_values() and r.labels and
                                all(label_key(_strip_note(c.text)) in header_keys or not _strip_note(c.text)
                                    for _, c in r.labels))]
    label_width = _first_value_index(data)

    # Columns.
    hcols, spans = _header_columns(header, spec.spanning, [c.label for c in spec.columns])
    col_found: List[Found] = []
    col_labels = [c.label for c in spec.columns]
    for hc in hcols:
        # Left of where values start sit the label columns; a header there counts only when it
        # reads like a column label (a header row shifted left by a flattened merge).
        if hc.leaf_cells and (hc.index >= label_width or suggest(hc.leaf, col_labels)):
            col_found.append(Found(hc.leaf, hc.leaf_cells, hc.index))
    col_al = align(col_found, col_labels, m.other)
    m.label_results(col_found, col_labels, col_al, "column",
                    missing_at=_span([c for r in header for c in r]) if any(header) else None)
    for s in spans:
        if label_key(s.text) != label_key(s.info):
            w = _span(s.cells)
            m.mt.label_problems.append(LabelProblem("misspelled", "group", w[0], w[1], s.text, s.info, "", "", s.cells[0]))
    positions: List[Tuple[int, Optional[str]]] = []
    for fi, f in enumerate(col_found):
        oi = col_al.pairs.get(fi)
        key = spec.columns[oi].key if oi is not None else None
        positions.append((f.info, key))
        if key is not None:
            m.mt.column_cells.setdefault(("", key), f.cells[0])

    # Rows: every label cell (minus flattened vertical repeats) in reading order.
    found: List[Found] = []
    row_token: Dict[int, int] = {}
    seen: set = set()
    for r in data:
        for n, (i, c) in enumerate(r.labels):
            last = n == len(r.labels) - 1
            key = label_key(c.text)
            if not last and key in seen:
                continue  # a group label repeated as context (a flattened merge, a page break)
            seen.add(key)
            found.append(Found(c.text, [c], r.index))
            if last:
                row_token[r.index] = len(found) - 1
    row_labels = [r.label for r in spec.rows]
    al = align(found, row_labels, m.other)
    m.label_results(found, row_labels, al, "row", missing_at=(table.start, table.start))
    for fi, oi in al.pairs.items():
        m.mt.row_cells.setdefault(spec.rows[oi].key, found[fi].cells[0])

    _place_rows(m, data, row_token, al, positions)


def _place_rows(m: _Mapper, data: List[_Row], row_token: Dict[int, int], al: Alignment,
                positions: List[Tuple[int, Optional[str]]], spec_rows: Optional[Sequence[RowSpec]] = None,
                block_of=None) -> None:
    spec_rows = spec_rows if spec_rows is not None else m.spec.rows
    done: Dict[str, int] = {}
    i = 0
    while i < len(data):
        r = data[i]
        fi = row_token.get(r.index)
        if fi is None:
            if r.nonblank_after_labels() and not r.labels:
                m.problem(_row_span(r), "这一行有数字但没有行标题，无法确定属于哪一行",
                          "this row has numbers but no row label; it cannot be placed")
            i += 1
            continue
        oi = al.pairs.get(fi)
        if oi is None:
            dup = al.duplicate.get(fi)
            if dup is not None and r.nonblank_after_labels():
                m.problem(_row_span(r), f"“{spec_rows[dup].label}”出现了两次，无法确定哪一行的数字有效",
                          f"row “{spec_rows[dup].label}” appears twice; which numbers count cannot be told")
            i += 1
            continue
        rspec = spec_rows[oi]
        if not rspec.numeric:
            m.label_only(r, rspec)
            i += 1
            continue
        cont = None
        if not r.nonblank_after_labels() and i + 1 < len(data) and not data[i + 1].labels \
                and data[i + 1].nonblank_after_labels():
            cont = data[i + 1]  # one row split in two: labels, then numbers
        pos = positions if block_of is None else block_of(r, rspec)
        if pos is not None:
            m.place(r, rspec, pos, cont)
        done[rspec.key] = r.index
        i += 2 if cont is not None else 1


# -- table 二 ---------------------------------------------------------------------------------

def _map_proactive(m: _Mapper) -> None:
    spec, table = m.spec, m.table
    title_keys = {label_key(b.title): b for b in spec.blocks}
    header_key = label_key(spec.blocks[0].label_header) if spec.blocks else ""
    any_col_keys = {label_key(c.label) for c in spec.columns} | {k for k in m.other}
    analysed = [_analyse(i, r) for i, r in enumerate(table.rows)]
    found: List[Found] = []      # titles and row labels, in reading order
    kinds: List[str] = []        # "title" | "row"
    headers: List[Tuple[_Row, List[Found], Optional[Found]]] = []
    header_before: Dict[int, int] = {}  # data row index -> index into headers
    data: List[_Row] = []
    row_token: Dict[int, int] = {}
    title_before_header: Dict[int, int] = {}  # header index -> found index of the title above it
    last_title: Optional[int] = None
    for r in analysed:
        if not r.cells or (not r.labels and not r.has_values()):
            continue
        first = label_key(r.labels[0][1].text) if r.labels else ""
        if r.labels and not r.has_values() and (first in title_keys or _TITLE.match(first)):
            found.append(Found(r.labels[0][1].text, [r.labels[0][1]], r.index))
            kinds.append("title")
            last_title = len(found) - 1
            continue
        is_header = r.labels and not r.has_values() and (
            first == header_key or sum(1 for _, c in r.labels if label_key(c.text) in any_col_keys) > 0)
        if is_header:
            lead = r.labels[0][1] if first == header_key or label_key(r.labels[0][1].text) not in any_col_keys else None
            leaves = [Found(c.text, [c], i) for i, c in r.labels if c is not lead]
            headers.append((r, leaves, Found(lead.text, [lead]) if lead is not None else None))
            if last_title is not None:
                title_before_header[len(headers) - 1] = last_title
            continue
        data.append(r)
        if headers:
            header_before[r.index] = len(headers) - 1
        if r.labels:
            found.append(Found(r.labels[-1][1].text, [r.labels[-1][1]], r.index))
            kinds.append("row")
            row_token[r.index] = len(found) - 1

    official: List[str] = []
    official_rows: List[Optional[RowSpec]] = []
    official_block: List[int] = []
    for bi, b in enumerate(spec.blocks):
        official.append(b.title)
        official_rows.append(None)
        official_block.append(bi)
        for label in b.rows:
            official.append(label)
            official_rows.append(spec.row(label))
            official_block.append(bi)
    al = align(found, official, m.other)
    before = len(m.mt.label_problems)
    m.label_results(found, official, al, "row", missing_at=(table.start, table.start))
    titles = {b.title for b in spec.blocks}
    for p in m.mt.label_problems[before:]:
        if p.expected in titles or (not p.expected and _TITLE.match(label_key(p.found))):
            p.axis = "title"
    for fi, oi in al.pairs.items():
        if official_rows[oi] is not None:
            m.mt.row_cells.setdefault(official_rows[oi].key, found[fi].cells[0])

    # Each header row belongs to the block of the title above it, or of the rows below it.
    header_block: Dict[int, int] = {}
    for hi, (hrow, leaves, lead) in enumerate(headers):
        bi = None
        ti = title_before_header.get(hi)
        if ti is not None and al.pairs.get(ti) is not None:
            bi = official_block[al.pairs[ti]]
        if bi is None:
            for r in data:
                if r.index > hrow.index and row_token.get(r.index) in al.pairs:
                    bi = official_block[al.pairs[row_token[r.index]]]
                    break
        if bi is None:
            continue
        header_block[hi] = bi
        block = spec.blocks[bi]
        if lead is not None and lead.norm != label_key(block.label_header):
            w = _span(lead.cells)
            m.mt.label_problems.append(LabelProblem("misspelled", "header", w[0], w[1], lead.text, block.label_header,
                                                    block.title, "", lead.cells[0]))
        elif lead is not None and re.sub(r"\s+", "", lead.text) != block.label_header:
            w = _span(lead.cells)
            m.mt.label_problems.append(LabelProblem("punctuation", "header", w[0], w[1], lead.text,
                                                    block.label_header, block.title, "", lead.cells[0]))
        labels = [c.label for c in block.columns]
        cal = align(leaves, labels, m.other)
        m.label_results(leaves, labels, cal, "column", context=block.title, missing_at=_row_span(hrow))
        for fi, oi in cal.pairs.items():
            m.mt.column_cells.setdefault((block.title, block.columns[oi].key), leaves[fi].cells[0])
    seen_blocks = set(header_block.values())
    for bi, b in enumerate(spec.blocks):
        if bi not in seen_blocks and any(official_block[al.pairs[fi]] == bi for fi in al.pairs):
            rows_of = [fi for fi in al.pairs if official_block[al.pairs[fi]] == bi]
            w = _span(found[rows_of[0]].cells)
            m.mt.label_problems.append(LabelProblem("missing", "header", w[0], w[0], "", b.label_header, b.title))

    def block_positions(r: _Row, rspec: RowSpec):
        hi = header_before.get(r.index)
        bi = next(i for i, b in enumerate(spec.blocks) if b.title == rspec.block)
        if hi is None or header_block.get(hi) != bi:
            if r.nonblank_after_labels():
                m.problem(_row_span(r), f"“{rspec.label}”一行上方没有“{rspec.block}”的表头，无法确定各数字属于哪一列",
                          f"row “{rspec.label}” has no header of block “{rspec.block}” above it; its numbers cannot be placed")
            return None
        hrow, leaves, _ = headers[hi]
        cal = align(leaves, [c.label for c in spec.blocks[bi].columns], m.other)
        return [(leaves[fi].info, spec.blocks[bi].columns[cal.pairs[fi]].key if fi in cal.pairs else None)
                for fi in range(len(leaves))]

    # Block titles stand in the official sequence as label-only rows.
    seq = [r if r is not None else RowSpec(official[i], official[i], numeric=False) for i, r in enumerate(official_rows)]
    _place_rows(m, data, row_token, al, [], seq, block_positions)


# -- table 四 ---------------------------------------------------------------------------------

def _map_reviews(m: _Mapper) -> None:
    spec, table = m.spec, m.table
    analysed = [_analyse(i, r) for i, r in enumerate(table.rows)]
    first_data = next((r.index for r in analysed if r.has_values()), len(analysed))
    header = [table.rows[i] for i in range(first_data)]
    data = [r for r in analysed[first_data:] if r.has_values()]
    label_width = _first_value_index(data)
    groups = [r.label for r in spec.rows]
    hcols, spans = _header_columns(header, spec.spanning, [c.label for c in spec.columns])

    # Spanning labels: 行政复议, 行政诉讼 > 未经复议直接起诉, 复议后起诉.
    official_spans: List[str] = []
    for r in spec.rows:
        if r.parent and r.parent not in official_spans:
            official_spans.append(r.parent)
        official_spans.append(r.label)
    span_found = [Found(s.text, s.cells, s.info) for s in spans]
    span_al = align(span_found, official_spans, m.other)
    m.label_results(span_found, official_spans, span_al, "group",
                    missing_at=_span([c for r in header for c in r]) if any(header) else None)
    span_cell_official = {id(f.cells[0]): official_spans[oi] for fi, oi in span_al.pairs.items()
                          for f in [span_found[fi]]}

    by_group: Dict[str, List[Found]] = {g: [] for g in groups}
    positions: List[Tuple[int, Optional[Tuple[str, str]]]] = []
    orphans: List[Cell] = []
    for hc in hcols:
        if not hc.leaf_cells or (hc.index < label_width and not suggest(hc.leaf, [c.label for c in spec.columns])):
            continue
        group = None
        for official, cell in hc.groups:
            o = span_cell_official.get(id(cell))
            if o in groups:
                group = o
        f = Found(hc.leaf, hc.leaf_cells, hc.index)
        if group is None:
            orphans.extend(hc.leaf_cells)
            positions.append((hc.index, None))
            continue
        by_group[group].append(f)
        positions.append((hc.index, (group, "")))  # column filled in below
    col_labels = [c.label for c in spec.columns]
    key_at: Dict[int, Optional[Tuple[str, str]]] = {}
    for g, fs in by_group.items():
        if not fs and g not in span_cell_official.values():
            continue  # the group label itself is missing: reported above
        al = align(fs, col_labels, m.other)
        m.label_results(fs, col_labels, al, "column", context=g,
                        missing_at=_span([c for r in header for c in r]) if any(header) else None)
        for fi, f in enumerate(fs):
            oi = al.pairs.get(fi)
            key_at[f.info] = (g, spec.columns[oi].key) if oi is not None else None
            if oi is not None:
                m.mt.column_cells.setdefault((g, spec.columns[oi].key), f.cells[0])
    if orphans:
        names = "".join(f"“{g}”" for g in groups)
        m.problem(_span(orphans), f"表头中这些列上方没有{names}之一，无法确定属于哪一组",
                  f"these header columns are under none of {', '.join(f'“{g}”' for g in groups)}; "
                  "their group cannot be told")
    if not data:
        return
    row = data[0]
    pos = [(j, key_at.get(j)) for j, _ in positions]
    if not pos:
        m.problem(_row_span(row), "表四的数字上方没有列标题，无法确定各数字属于哪一列",
                  "the numbers of table 四 have no column headers; they cannot be placed")
    else:
        values = m._aligned(row, pos)
        if values is None:
            region = row.cells[row.last_label + 1:]
            while region and _kind_of(region[0]) == "blank":
                region = region[1:]
            while region and _kind_of(region[-1]) == "blank":
                region = region[:-1]
            if len(region) == len(pos):
                values = [(c, k) for c, (_, k) in zip(region, pos)]
            else:
                m.problem(_row_span(row),
                          f"表四的数据行有 {len(region)} 个数值单元格，与表头的 {len(pos)} 列对不上，无法确定各数字属于哪一列",
                          f"the data row of table 四 has {len(region)} value cells but the header has {len(pos)} "
                          f"columns; the numbers cannot be placed")
        for cell, key in values or ():
            if key is None:
                continue
            g, c = key
            col = spec.column(c)
            if cell is None:
                parsed, where = Value(None, blank=True), (row.cells[-1].end, row.cells[-1].end)
            else:
                parsed, where = parse_value(cell.text, col.type, col.unit), (cell.start, cell.end)
            m.mt.cells[(g, c)] = MappedCell(g, c, col.type, parsed, cell, where)
            if not parsed.ok:
                m.problem(where, f"“{g}”“{c}”列：{parsed.problem_zh}", f"“{g}”, column “{c}”: {parsed.problem_en}")
    for extra in data[1:]:
        m.problem(_row_span(extra), "表四只有一行数据，这一行数字无法对应",
                  "table 四 has a single data row; the numbers in this extra row cannot be placed")
    if row.labels:
        pass  # a leading label such as 件数 is tolerated: the table has one data row


_MAPPERS = {"proactive": _map_proactive, "applications": _map_applications, "reviews": _map_reviews}


def map_table(table: Table, kind: str, version: Union[str, FormatVersion]) -> MappedTable:
    """Map ``table`` onto the official table ``kind`` of ``version`` (``v2019``/``v2021``)."""
    spec = table_spec(kind, _version_id(version))
    m = _Mapper(table, spec)
    _MAPPERS[kind](m)
    m.mt.label_problems.sort(key=lambda p: (p.start, p.end))
    m.mt.problems.sort(key=lambda p: (p.start, p.end))
    return m.mt
