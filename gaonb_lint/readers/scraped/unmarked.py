"""Layouts that do not mark rows (one cell per line, run-together text): cells are cut out by
the official vocabulary, and rows rebuilt as a person copying the table would get them: header
rows, then for each data row its label cells followed by its value cells.  The layout module
says how the values of one row are read (``values``)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, List, Optional, Sequence, Tuple

from gaonb_lint.model import TableIssue
from gaonb_lint.readers import table_vocab as tv
from gaonb_lint.readers.scraped.lines import CellText, Line
from gaonb_lint.readers.scraped.reading import Reading
from gaonb_lint.readers.scraped.vocab import places, row_label_of, table_vocab
from gaonb_lint.tables.values import is_placeholder


@dataclass
class Token:
    """A cell candidate: ``kind`` is ``label`` (a whole official label), ``fragment``, ``other``
    (unknown text), ``number`` (a value standing alone), ``run`` (digits run together) or
    ``blank`` (an empty cell written as a lone ``|``)."""

    kind: str
    start: int
    end: int
    text: str
    norm: str
    line: int

    def cell(self) -> CellText:
        return CellText(self.start, self.end, self.text)


@dataclass
class Row:
    labels: List[Token] = field(default_factory=list)
    values: List[Token] = field(default_factory=list)


# values(vocab, own labels, values, expected columns, text) -> (value cells, issue or None)
ValueReader = Callable[[Optional[tv.TableVocab], List[Token], List[Token], int, str],
                       Tuple[List[CellText], Optional[TableIssue]]]


def _pieces_of(line: Line):
    """(offset of the piece text in the source, its text, its pieces) for each part of a line."""
    if line.cells is not None:
        for cell, pieces in zip(line.cells, line.cell_pieces or ()):
            if cell.text:
                yield cell.start, cell.text, pieces
    else:
        yield line.start, line.text, line.pieces


def tokens_of_line(line: Line, text: str) -> List[Token]:
    out = []
    for base, body, pieces in _pieces_of(line):
        if pieces is None:
            s = base + len(body) - len(body.lstrip())
            b = body.strip()
            # `/`, `—`, `无` written where a number goes: a value (the mapper reports it), not a label.
            kind = "number" if is_placeholder(b) else "other"
            out.append(Token(kind, s, s + len(b), b, tv.normalize_with_map(b)[0], line.index))
            continue
        for p in pieces:
            s, e = base + p.start, base + p.end
            kind = p.kind
            if kind == "number":
                before_ok = p.start == 0 or body[:p.start].strip() == "" or body[p.start - 1].isspace()
                after_ok = p.end == len(body) or body[p.end:].strip() == "" or body[p.end].isspace()
                leading_zero = len(p.norm) > 1 and p.norm[0] == "0" and p.norm[1].isdigit()
                if not (before_ok and after_ok) or leading_zero:
                    kind = "run"
            out.append(Token(kind, s, e, text[s:e], p.norm, line.index))
    return out


def merge_fragments(tokens: List[Token], text: str) -> List[Token]:
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


def rows_from_tokens(tokens: List[Token], flattened: bool) -> List[Row]:
    rows: List[Row] = []
    row = Row()
    for t in tokens:
        if t.kind in ("number", "run", "blank"):
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


def split_header(vocab: Optional[tv.TableVocab], labels: List[Token]) -> List[List[Token]]:
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
        cols = places(vocab, t.norm)
        if cols:
            after = [c for c in cols if c.lo > right]
            if not after and current:
                rows.append(current)
                current, right = [], -2
                after = cols
            if after:
                right = min(after, key=lambda c: c.lo).hi
        current.append(t)
    if current:
        rows.append(current)
    return rows


def tokens_of(lines: Sequence[Line], text: str) -> List[Token]:
    """The cell candidates of the lines.  Where cells end in ``|`` on their own line
    (``信息内容 |``), a line holding a single ``|`` is an empty cell (``blank``); where cells stand
    bare, it only closes the cell above it; longer runs of pipes end a row and are skipped."""
    closed = sum(1 for ln in lines if ln.kind == "pipe") > sum(1 for ln in lines if ln.kind == "seg")
    tokens: List[Token] = []
    for ln in lines:
        if ln.kind == "sep":
            if closed and ln.text.strip() == "|":
                s = ln.start + ln.text.index("|")
                tokens.append(Token("blank", s, s, "", "", ln.index))
        elif ln.kind != "blank":
            tokens.extend(tokens_of_line(ln, text))
    return tokens


def is_flattened(lines: Sequence[Line], tokens: Sequence[Token]) -> bool:
    """Cells run together on a line: digit runs, or a line holding several labels."""
    if any(t.kind == "run" for t in tokens):
        return True
    return any(sum(1 for p in ln.pieces or () if p.kind != "number") > 1
               for ln in lines if ln.kind == "seg")


def _own_labels(vocab, row: Row) -> int:
    """Where the row's own labels start: the trailing labels that name rows (or are unknown)."""
    k = len(row.labels)
    while k > 0:
        t = row.labels[k - 1]
        kind = row_label_of(vocab, t.norm)
        if kind is None and (t.kind != "other" or places(vocab, t.norm)
                             or (vocab is not None and t.norm in vocab.titles)):
            break
        k -= 1
    return k


def _blank_rows(vocab, own: List[Token]) -> Tuple[List[List[Token]], List[Token]]:
    """A row's own labels split after every row label that carries numbers and is followed by
    another row label that is not one of its numbered sub-items (``一、本年新收…`` then
    ``二、上年结转…`` then values: the first row's cells were all blank).  Group labels
    (``（三）不予公开``, and ``（六）其他处理`` before ``1.…``) stay with the row they head."""
    out: List[List[Token]] = []
    start = 0
    for i, t in enumerate(own[:-1]):
        if row_label_of(vocab, t.norm) is True and not places(vocab, t.norm) \
                and not _SUB_ITEM.match(own[i + 1].norm):
            out.append(own[start:i + 1])
            start = i + 1
    return out, own[start:]


_SUB_ITEM = re.compile(r"\d+\.")  # `1.申请人无正当理由…` under `（六）其他处理`


def _is_row_label(vocab, t: Token) -> bool:
    return (row_label_of(vocab, t.norm) is not None and not places(vocab, t.norm)
            and t.norm not in vocab.titles)


def _bands(vocab, labels: List[Token]) -> List[Tuple[bool, List[Token]]]:
    """Labels with no values after them, as ``(is a row, tokens)``: header labels, and rows that
    are only a row label (their blank cells were dropped).  A row label is never a column
    label; unknown text right after such a row is the label of another row."""
    if vocab is None:
        return [(False, labels)] if labels else []
    out: List[Tuple[bool, List[Token]]] = []
    for t in labels:
        row = _is_row_label(vocab, t) or (t.kind == "other" and bool(out) and out[-1][0])
        if row or not out or out[-1][0]:
            out.append((row, [t]))
        else:
            out[-1][1].append(t)
    return out


def _blank_cells(vocab, tokens: List[Token]) -> List[Token]:
    """Keep an empty cell only where a value goes: after a row label or another value."""
    out: List[Token] = []
    for t in tokens:
        if t.kind == "blank":
            prev = out[-1] if out else None
            if prev is None or not (prev.kind in ("number", "run", "blank")
                                    or row_label_of(vocab, prev.norm) is not None):
                continue
        out.append(t)
    return out


def read_unmarked(lines: List[Line], text: str, flattened: bool, values: ValueReader) -> Reading:
    tokens = merge_fragments(tokens_of(lines, text), text)
    vocab = table_vocab([t.norm for t in tokens if t.kind == "label"])
    tokens = _blank_cells(vocab, tokens)
    reading = Reading()
    leaves_seen = 0
    for row in rows_from_tokens(tokens, flattened):
        k = _own_labels(vocab, row) if row.values else len(row.labels)
        own = row.labels[k:]
        bands = _bands(vocab, row.labels[:k])
        # Row labels before the last of the row: rows whose blank cells were dropped.
        blank_rows, own = _blank_rows(vocab, own)
        bands += [(True, labels) for labels in blank_rows]
        for is_row, band in bands:
            if is_row:
                # Every cell of the row is blank: certain, and read as blank cells.
                blank = expected_of(vocab, leaves_seen) if row_label_of(vocab, band[-1].norm) else 0
                end = band[-1].end
                reading.rows.append([t.cell() for t in band] + [CellText(end, end, "")] * blank)
                continue
            for hrow in split_header(vocab, band):
                leaves = sum(1 for t in hrow if any(c.leaf for c in places(vocab, t.norm)))
                if vocab is not None and vocab.titles:
                    # table 二: each block has its own header row (信息内容 + its columns)
                    if leaves:
                        leaves_seen = leaves
                else:
                    leaves_seen += leaves
                reading.rows.append([t.cell() for t in hrow])
        if not own and not row.values:
            continue
        cells, problem = values(vocab, own, row.values, expected_of(vocab, leaves_seen), text)
        if problem is not None:
            reading.issues.append(problem)
        reading.rows.append([t.cell() for t in own] + cells)
    return reading


def expected_of(vocab: Optional[tv.TableVocab], leaves_seen: int) -> int:
    """How many value columns a data row has: the leaf columns of the header read so far."""
    return leaves_seen or (vocab.leaves if vocab is not None and not vocab.titles else 0)
