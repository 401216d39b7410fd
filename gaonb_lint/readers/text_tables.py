"""Tables in scraped text: where they are, and reading them into a grid of cells.

Websites publish the report as HTML; what is scraped from it lays the same tables out in one of
four ways:

``tsv``            one table row per line, cells separated by tabs (empty cells kept);
``pipe``           one cell per line ending in ``|``, rows separated by a line ``|``, rows padded
                   with extra ``|`` to the table's width (``0 | ||``);
``cell-per-line``  one cell per line, rows not marked at all;
``flattened``      the cells of a row run together on one line (``规章000``).

A table region is a run of lines that read as table content (official labels or fragments of
them, numbers, tab or pipe rows) around at least one official label; a section heading, prose,
or anything else ends it.  Rows are rebuilt as a human copying the table would get them: header
rows, then for each data row its label cells followed by its value cells.

Reading is certain or it is reported: where rows are not marked (``cell-per-line``) a row must
have exactly as many values as the header has columns, because a blank cell leaves no trace; in
``flattened`` text a digit run is split only when it follows a known row label and has exactly one
digit per column.  Everything else becomes a ``TableIssue`` and no cell is invented for it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional, Sequence, Tuple

from gaonb_lint.model import Block, Cell, Table, TableIssue
from gaonb_lint.readers import table_vocab as tv
from gaonb_lint.readers.structure import parse_heading

# The info string of a Markdown fenced block holding a table as scraped text (see convert).
FENCE_INFO = "text-table"
_NUMBER_CELL = re.compile(r"^\s*[-+]?\d+(?:\.\d+)?\s*$")
_SENTENCE = re.compile(r"[。；;！？]")
SHORT_CELL = 40  # an unknown line this short, followed by a number, is a cell (a misspelt label)


@dataclass
class Line:
    """One source line and what it is: ``blank``, ``tab``, ``pipe`` (a pipe cell line), ``sep``
    (a lone ``|``), ``seg`` (labels/numbers, see ``table_vocab.segment``) or ``other``."""

    index: int
    start: int
    text: str
    kind: str
    pieces: Optional[List[tv.Piece]] = None
    anchor: bool = False  # holds a whole official label

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def _classify(index: int, start: int, text: str) -> Line:
    stripped = text.strip()
    if not stripped:
        return Line(index, start, text, "blank")
    if stripped == "|":
        return Line(index, start, text, "sep")
    if "\t" in text:
        cells = [c for c in text.split("\t") if c.strip()]
        segs = [tv.segment(c) for c in cells]
        if any(s is not None for s in segs) or len(cells) >= 2:
            anchor = any(p.kind == "label" for s in segs if s for p in s)
            return Line(index, start, text, "tab", anchor=anchor)
    if stripped.endswith("|"):
        content = stripped.split("|")[0]
        seg = tv.segment(content) if content.strip() else None
        return Line(index, start, text, "pipe", seg, bool(seg and any(p.kind == "label" for p in seg)))
    seg = tv.segment(text)
    if seg is not None:
        return Line(index, start, text, "seg", seg, any(p.kind == "label" for p in seg))
    return Line(index, start, text, "other")


def _is_short_cell(line: Line) -> bool:
    text = line.text.strip()
    return len(text) <= SHORT_CELL and not _SENTENCE.search(text) and parse_heading(text) is None


def _is_number_line(line: Line) -> bool:
    return line.kind == "seg" and bool(line.pieces) and all(p.kind == "number" for p in line.pieces)


def find_regions(lines: List[Line]) -> List[Tuple[int, int]]:
    """``[first, last)`` line ranges of tables."""
    n = len(lines)
    tableish = [ln.kind in ("tab", "pipe", "sep", "seg") for ln in lines]
    # A short unknown line followed by a number is a cell too (a label the format does not know).
    for i, ln in enumerate(lines):
        if ln.kind == "other" and _is_short_cell(ln):
            j = i + 1
            while j < n and lines[j].kind == "blank":
                j += 1
            k = i - 1
            while k >= 0 and lines[k].kind == "blank":
                k -= 1
            if j < n and _is_number_line(lines[j]) and k >= 0 and tableish[k]:
                tableish[i] = True
    regions: List[Tuple[int, int]] = []
    i = 0
    while i < n:
        if not (tableish[i] and lines[i].anchor):
            i += 1
            continue
        a = i
        while a > 0 and (tableish[a - 1] or lines[a - 1].kind == "blank"):
            a -= 1
        b = i + 1
        while b < n and (tableish[b] or lines[b].kind == "blank"):
            b += 1
        while a < b and lines[a].kind == "blank":
            a += 1
        while b > a and lines[b - 1].kind == "blank":
            b -= 1
        if regions and a < regions[-1][1]:
            a = regions[-1][0]
            regions.pop()
        regions.append((a, b))
        i = b
    return [r for part in regions for r in _split_by_table(lines, part) if _worth_a_table(lines, r)]


def _line_labels(line: Line) -> List[str]:
    if line.kind == "tab":
        out = []
        for c in line.text.split("\t"):
            seg = tv.segment(c) if c.strip() else None
            out.extend(p.norm for p in seg or () if p.kind == "label")
        return out
    return [p.norm for p in line.pieces or () if p.kind == "label"]


def _line_numbers(line: Line) -> int:
    if line.kind == "tab":
        return sum(1 for c in line.text.split("\t") if _NUMBER_CELL.match(c))
    if line.kind == "pipe":
        return 1 if _NUMBER_CELL.match(line.text.strip().split("|")[0]) else 0
    return sum(1 for p in line.pieces or () if p.kind == "number")


def _unique_table(label: str) -> Optional[str]:
    owners = tv.vocab_for(label)
    return owners[0].key if len(owners) == 1 else None


def _split_by_table(lines: List[Line], region: Tuple[int, int]) -> List[Tuple[int, int]]:
    """Two tables with no heading between them: cut where labels of another table begin after
    the first table has had values."""
    a, b = region
    out = []
    current: Optional[str] = None
    values = False
    start = a
    for i in range(a, b):
        keys = {k for k in (_unique_table(lab) for lab in _line_labels(lines[i])) if k}
        if current is not None and values and keys and current not in keys:
            out.append((start, i))
            start, values = i, False
            current = None
        if current is None and len(keys) == 1:
            current = next(iter(keys))
        if _line_numbers(lines[i]):
            values = True
    out.append((start, b))
    return out


def _worth_a_table(lines: List[Line], region: Tuple[int, int]) -> bool:
    a, b = region
    labels = sum(len(_line_labels(lines[i])) for i in range(a, b))
    numbers = sum(_line_numbers(lines[i]) for i in range(a, b))
    return labels >= 2 and numbers >= 1


# -- tokens and rows -------------------------------------------------------------------------------

@dataclass
class Token:
    """A cell candidate: ``kind`` is ``label`` (a whole official label), ``fragment``, ``other``
    (unknown text), ``number`` (a value standing alone) or ``run`` (digits run together)."""

    kind: str
    start: int
    end: int
    text: str
    norm: str
    line: int


@dataclass
class Row:
    labels: List[Token] = field(default_factory=list)
    values: List[Token] = field(default_factory=list)


def _tokens_of_line(line: Line, text: str) -> List[Token]:
    if line.kind == "other":
        s = line.start + len(line.text) - len(line.text.lstrip())
        body = line.text.strip()
        return [Token("other", s, s + len(body), body, tv.normalize_with_map(body)[0], line.index)]
    out = []
    pieces = line.pieces or []
    for k, p in enumerate(pieces):
        s, e = line.start + p.start, line.start + p.end
        kind = p.kind
        if kind == "number":
            before_ok = p.start == 0 or line.text[:p.start].strip() == "" or line.text[p.start - 1].isspace()
            after_ok = p.end == len(line.text) or line.text[p.end:].strip() == "" or line.text[p.end].isspace()
            leading_zero = len(p.norm) > 1 and p.norm[0] == "0" and p.norm[1].isdigit()
            if not (before_ok and after_ok) or leading_zero:
                kind = "run"
        out.append(Token(kind, s, e, text[s:e], p.norm, line.index))
    return out


def _merge_fragments(tokens: List[Token], text: str) -> List[Token]:
    """Join pieces of one label broken over lines or cells (``结果`` + ``纠正`` → ``结果纠正``)."""
    labels = tv.all_labels()
    out: List[Token] = []
    i = 0
    while i < len(tokens):
        t = tokens[i]
        best = None
        if t.kind in ("label", "fragment"):
            acc = t.norm
            for j in range(i + 1, min(len(tokens), i + 4)):
                u = tokens[j]
                if u.kind != "fragment":
                    break
                acc += u.norm
                if acc in labels:
                    best = j
        if best is None:
            out.append(t)
            i += 1
            continue
        last = tokens[best]
        out.append(Token("label", t.start, last.end, text[t.start:last.end],
                         "".join(x.norm for x in tokens[i:best + 1]), t.line))
        i = best + 1
    return out


def _rows_from_tokens(tokens: List[Token], flattened: bool) -> List[Row]:
    rows: List[Row] = []
    row = Row()
    for t in tokens:
        is_value = t.kind in ("number", "run")
        if is_value:
            # Flattened text keeps one source row per line: digits starting a new line after
            # values begin a new (label-less) row.
            if flattened and row.values and t.line != row.values[-1].line:
                rows.append(row)
                row = Row()
            row.values.append(t)
        else:
            if row.values:
                rows.append(row)
                row = Row()
            row.labels.append(t)
    if row.labels or row.values:
        rows.append(row)
    return rows


# -- the table a region holds -----------------------------------------------------------------------

def _table_vocab(norms: Sequence[str]) -> Optional[tv.TableVocab]:
    votes: Dict[str, int] = {}
    for norm in norms:
        owners = tv.vocab_for(norm)
        if len(owners) == 1:
            votes[owners[0].key] = votes.get(owners[0].key, 0) + 1
    if not votes:
        return None
    key = max(votes, key=lambda k: votes[k])
    return next(v for v in tv.vocabularies() if v.key == key)


def _places(vocab: Optional[tv.TableVocab], norm: str) -> List[tv.Column]:
    if vocab is None:
        return []
    if norm in vocab.headers:
        return vocab.headers[norm]
    out: List[tv.Column] = []
    for full in tv.fragment_of(norm):
        out.extend(vocab.headers.get(full, []))
    return out


def _row_label_of(vocab: Optional[tv.TableVocab], norm: str) -> Optional[bool]:
    """``True``/``False`` (numeric or group row) when ``norm`` is or starts a row label."""
    if vocab is None:
        return None
    if norm in vocab.row_labels:
        return vocab.row_labels[norm]
    if norm in tv.all_labels():  # a whole label of something else (`其他` is a column, not `3.其他`)
        return None
    hits = [vocab.row_labels[f] for f in tv.fragment_of(norm) if f in vocab.row_labels]
    return any(hits) if hits else None


def _split_header(vocab: Optional[tv.TableVocab], labels: List[Token]) -> List[List[Token]]:
    """Header cells (in source order) into rows: a block title is a row of its own; a new row
    starts when a cell does not lie to the right of the previous one in the official header."""
    rows: List[List[Token]] = []
    current: List[Token] = []
    right = -2  # the last leaf column the current row reaches
    for t in labels:
        if vocab is not None and t.norm in vocab.titles:
            if current:
                rows.append(current)
            rows.append([t])
            current, right = [], -2
            continue
        places = _places(vocab, t.norm)
        if places:
            after = [c for c in places if c.lo > right]
            if not after and current:
                rows.append(current)
                current, right = [], -2
                after = places
            if after:
                right = min(after, key=lambda c: c.lo).hi
        current.append(t)
    if current:
        rows.append(current)
    return rows


@dataclass
class _Reading:
    rows: List[List[Tuple[int, int, str]]] = field(default_factory=list)
    issues: List[TableIssue] = field(default_factory=list)


def _issue(tokens: Sequence[Token], zh: str, en: str) -> TableIssue:
    return TableIssue(min(t.start for t in tokens), max(t.end for t in tokens), zh, en)


def _read_lines(lines: List[Line], text: str) -> Tuple[str, _Reading]:
    tokens: List[Token] = []
    for ln in lines:
        if ln.kind != "blank":
            tokens.extend(_tokens_of_line(ln, text))
    flattened = any(t.kind == "run" for t in tokens) or any(
        sum(1 for p in ln.pieces or () if p.kind != "number") > 1
        or (ln.pieces and len(ln.pieces) > 1 and any(t.kind == "run" for t in tokens if t.line == ln.index))
        for ln in lines if ln.kind == "seg")
    tokens = _merge_fragments(tokens, text)
    vocab = _table_vocab([t.norm for t in tokens if t.kind == "label"])
    reading = _Reading()
    leaves_seen = 0
    for row in _rows_from_tokens(tokens, flattened):
        # The row's own labels are the trailing ones that name rows (or are unknown text).
        k = len(row.labels)
        if row.values:
            while k > 0:
                t = row.labels[k - 1]
                kind = _row_label_of(vocab, t.norm)
                if kind is None and (t.kind != "other" or _places(vocab, t.norm)
                                     or (vocab is not None and t.norm in vocab.titles)):
                    break
                k -= 1
        header, own = row.labels[:k], row.labels[k:]
        for hrow in _split_header(vocab, header):
            leaves = sum(1 for t in hrow if any(c.leaf for c in _places(vocab, t.norm)))
            if vocab is not None and vocab.titles:
                # table 二: each block has its own header row (信息内容 + its columns)
                if leaves:
                    leaves_seen = leaves
            else:
                leaves_seen += leaves
            reading.rows.append([(t.start, t.end, t.text) for t in hrow])
        if not own and not row.values:
            continue
        expected = leaves_seen or (vocab.leaves if vocab is not None and not vocab.titles else 0)
        cells = [(t.start, t.end, t.text) for t in own]
        values, issue = _values(vocab, own, row.values, expected, text)
        if issue is not None:
            reading.issues.append(issue)
        reading.rows.append(cells + values)
    return ("flattened" if flattened else "cell-per-line"), reading


def _values(vocab: Optional[tv.TableVocab], own: List[Token], values: List[Token], expected: int,
            text: str) -> Tuple[List[Tuple[int, int, str]], Optional[TableIssue]]:
    """The value cells of one data row, or the reason they cannot be read with certainty."""
    if not values:
        return [], None
    where = list(own) + list(values)
    numeric = [_row_label_of(vocab, t.norm) for t in own]
    known_row = bool(own) and numeric[-1] is True
    if own and numeric[-1] is False:
        return [], _issue(where, "数值跟在不含数值的分组行标题之后，其所属子项的行标题已丢失，无法确定数值属于哪一行",
                          "values follow a group label that carries no numbers: the sub-row label was lost, "
                          "so the row these values belong to is unknown")
    runs = [t for t in values if t.kind == "run"]
    if not runs:
        if expected and len(values) != expected:
            return [], _issue(where, f"该行有 {len(values)} 个数值，表头有 {expected} 列；逐格换行的文本中空白单元格不留痕迹，无法确定各数值所在的列",
                              f"the row has {len(values)} values for {expected} columns; blank cells leave no "
                              f"trace in one-cell-per-line text, so the column of each value is unknown")
        return [(t.start, t.end, t.text) for t in values], None
    if len(values) == 1 and known_row and expected == 1:
        t = values[0]
        return [(t.start, t.end, t.text)], None
    if len(values) == 1 and known_row and expected and values[0].norm.isdigit() and len(values[0].norm) == expected:
        return _digits(values[0], text), None
    if not own and vocab is not None and vocab.row_labels:
        return [], _issue(where, "数字粘连且没有行标题，无法确定数值属于哪一行、哪一列",
                          "digits run together with no row label: the row and the cell boundaries are unknown")
    return [], _issue(where, f"数字粘连（{''.join(t.norm for t in values)}），无法确定单元格边界" +
                      (f"（应有 {expected} 列）" if expected else ""),
                      f"digits run together ({''.join(t.norm for t in values)}): the cell boundaries are unknown" +
                      (f" ({expected} columns expected)" if expected else ""))


def _digits(token: Token, text: str) -> List[Tuple[int, int, str]]:
    out = []
    for i in range(token.start, token.end):
        ch = text[i]
        if ch.isdigit():
            out.append((i, i + 1, ch))
    return out


# -- explicit layouts ---------------------------------------------------------------------------------

def _read_tsv(lines: List[Line]) -> _Reading:
    reading = _Reading()
    for ln in lines:
        if ln.kind == "blank":
            continue
        row = []
        pos = ln.start
        for raw in ln.text.split("\t"):
            lead = len(raw) - len(raw.lstrip())
            body = raw.strip()
            s = pos + lead
            row.append((s, s + len(body), body))
            pos += len(raw) + 1
        reading.rows.append(row)
    return reading


def _read_pipe(lines: List[Line], text: str) -> _Reading:
    reading = _Reading()
    row: List[Tuple[int, int, str]] = []
    pending: Optional[int] = None  # start of a cell continued over lines
    started = False
    for ln in lines:
        if ln.kind == "blank":
            continue
        if ln.kind == "sep":
            if started and (row or pending is not None):
                reading.rows.append(row)
            row, pending, started = [], None, True
            continue
        started = True
        body = ln.text.rstrip()
        if not body.endswith("|"):
            if pending is None:
                pending = ln.start + len(ln.text) - len(ln.text.lstrip())
            continue
        parts = body.split("|")[:-1]
        pos = ln.start
        for k, raw in enumerate(parts):
            lead = len(raw) - len(raw.lstrip())
            s = pos + lead
            e = s + len(raw.strip())
            if k == 0 and pending is not None:
                s = pending
                pending = None
            row.append((s, e, text[s:e].strip()))
            pos += len(raw) + 1
    if row:
        reading.rows.append(row)
    return reading


def _lay_out_headers(rows: List[List[Tuple[int, int, str]]], text: str) -> None:
    """Put the header cells of tables 三 and 四 under the columns they head.

    Where the layout keeps no column positions (one cell per line, run-together text, pipe text
    that moved the padding of spanning cells to the end of the row), header rows come out
    left-packed: ``自然人 | 法人或其他组织 | 总计``.  Read top to bottom, such a header would say
    nothing about which column is which; so each header cell is placed at its column in the
    official header (one label column first for table 三, none for table 四), as in the HTML
    original, and the gaps are empty cells.  Cells the format does not know keep their order."""
    norms = [tv.normalize_with_map(c[2])[0] for r in rows for c in r if c[2]]
    vocab = _table_vocab([n for n in norms if n in tv.all_labels()])
    if vocab is None or vocab.titles:  # table 二's header rows already line up with their rows
        return
    offset = 1 if vocab.row_labels else 0
    taken: set = set()  # leaf columns headed in a row above
    for r, row in enumerate(rows):
        cells = [c for c in row if c[2]]
        if not cells or any(_NUMBER_CELL.match(c[2]) for c in cells):
            continue
        placed: List[Tuple[int, Tuple[int, int, str]]] = []
        right = -2
        known = 0
        for c in cells:
            norm = tv.normalize_with_map(c[2])[0]
            if _row_label_of(vocab, norm) is not None:
                placed = []
                break
            places = _places(vocab, norm)
            free = [p for p in places if p.lo > right and not (p.leaf and p.lo in taken)]
            if free:
                col = min(free, key=lambda p: p.lo)
                right, at = col.hi, col.lo + offset
                known += 1
                if col.leaf:
                    taken.add(col.lo)
            else:
                right += 1
                at = (placed[-1][0] + 1) if placed else offset
            if placed and at <= placed[-1][0]:
                at = placed[-1][0] + 1
            placed.append((max(at, 0), c))
        if not placed or not known:
            continue
        width = max(offset + vocab.leaves, placed[-1][0] + 1)
        laid: List[Tuple[int, int, str]] = []
        for col in range(width):
            hit = next((c for at, c in placed if at == col), None)
            if hit is not None:
                laid.append(hit)
            else:
                at = laid[-1][1] if laid else placed[0][1][0]
                laid.append((at, at, ""))
        rows[r] = laid


def read_region(lines: List[Line], text: str) -> Table:
    nonblank = [ln for ln in lines if ln.kind != "blank"]
    kinds = [ln.kind for ln in nonblank]
    if kinds.count("tab") * 2 >= len(kinds):
        layout, reading = "tsv", _read_tsv(nonblank)
    elif (kinds.count("pipe") + kinds.count("sep")) * 2 >= len(kinds):
        layout, reading = "pipe", _read_pipe(nonblank, text)
    else:
        layout, reading = _read_lines(nonblank, text)
    if layout != "tsv":
        _lay_out_headers(reading.rows, text)
    issues: List[TableIssue] = []
    for issue in reading.issues:  # one issue for a run of rows that fail for the same reason
        if issues and issues[-1].reason_en == issue.reason_en and \
                text.count("\n", issues[-1].end, issue.start) <= 1:
            issues[-1].end = issue.end
        else:
            issues.append(issue)
    rows = [[Cell(s, e, t, r, c) for c, (s, e, t) in enumerate(row)]
            for r, row in enumerate(x for x in reading.rows if x)]
    start = nonblank[0].start + len(nonblank[0].text) - len(nonblank[0].text.lstrip())
    end = nonblank[-1].start + len(nonblank[-1].text.rstrip())
    return Table(start, end, rows, layout, issues)


def blocks_with_tables(text: str, line_blocks: Callable[..., List[Block]], first: int = 0,
                       last: Optional[int] = None) -> List[Block]:
    """Headings, paragraphs and tables of lines ``first``..``last`` (0-based, exclusive) of ``text``."""
    raw = text.split("\n")
    starts: List[int] = []
    pos = 0
    for line in raw:
        starts.append(pos)
        pos += len(line) + 1
    last = len(raw) if last is None else last
    lines = [_classify(i, starts[i], raw[i]) for i in range(first, last)]
    blocks: List[Block] = []
    previous = first
    for a, b in find_regions(lines):
        blocks.extend(line_blocks(text, previous, first + a, starts))
        blocks.append(read_region(lines[a:b], text))
        previous = first + b
    blocks.extend(line_blocks(text, previous, last, starts))
    return blocks
