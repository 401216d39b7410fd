"""The official table vocabulary, and cutting a scraped line into labels and numbers.

Scraped text loses cell boundaries: ``信息内容本年制发件数本年废止件数现行有效件数`` or
``规章000``.  The only safe anchors are the official labels (from ``schemas/``, never typed
here), compared after ``normalize_label``.  ``segment`` cuts a line into official labels, label
fragments (a label broken over lines or cut short: ``结果`` / ``维持``, ``现行有效件``) and digit
runs, keeping the source offsets of every piece; a line that cannot be cut that way is prose.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Dict, FrozenSet, List, Optional, Tuple

from gaonb_lint import official_format
from gaonb_lint.normalize import FOLD_CHARS, NOT_DECIMAL_DIGITS, ZERO_WIDTH, normalize_label

_ZERO_WIDTH = frozenset(ZERO_WIDTH)
MIN_FRAGMENT = 2  # a one-character "fragment" would let prose pass as a table line
MAX_LINE = 400    # longer lines are prose


@dataclass(frozen=True)
class Column:
    """A header label of one official table: the leaf columns it spans (``lo``..``hi``, ``-1``
    for cells left of the values such as ``信息内容`` or the 勾稽 note) and whether it is a leaf."""

    lo: int
    hi: int
    leaf: bool


@dataclass
class TableVocab:
    key: str
    row_labels: Dict[str, bool] = field(default_factory=dict)   # normalised row label → numeric
    titles: FrozenSet[str] = frozenset()                         # block titles (table 二)
    headers: Dict[str, List[Column]] = field(default_factory=dict)  # normalised header label → places
    leaves: int = 0

    def labels(self) -> FrozenSet[str]:
        return frozenset(self.row_labels) | self.titles | frozenset(self.headers)


def _add(headers: Dict[str, List[Column]], label: str, col: Column) -> None:
    places = headers.setdefault(normalize_label(label), [])
    if col not in places:
        places.append(col)


@lru_cache(maxsize=None)
def vocabularies() -> Tuple[TableVocab, ...]:
    out = []
    for t in official_format.model().tables:
        v = TableVocab(t.kind)
        headers: Dict[str, List[Column]] = {}
        titles = set()
        if t.blocks:
            for _, blocks in t.blocks:
                for b in blocks:
                    titles.add(normalize_label(b.title))
                    n = len(b.columns)
                    _add(headers, b.label_header, Column(-1, -1, False))
                    for i, c in enumerate(b.columns):
                        _add(headers, c.label, Column(i, i, True))
                    for r in b.rows:
                        v.row_labels[normalize_label(r)] = True
                    v.leaves = max(v.leaves, n)
        for row in t.rows:
            norm = normalize_label(row.label)
            v.row_labels[norm] = v.row_labels.get(norm, False) or row.numeric
        if t.groups:  # table 四: groups of the same columns
            cols = t.columns
            n = len(cols)
            parents: Dict[str, List[int]] = {}
            for g, group in enumerate(t.groups):
                lo, hi = g * n, g * n + n - 1
                _add(headers, group.label, Column(lo, hi, False))
                if group.parent:
                    parents.setdefault(group.parent, []).extend([lo, hi])
                for i, c in enumerate(cols):
                    _add(headers, c.label, Column(lo + i, lo + i, True))
            for parent, span in parents.items():
                _add(headers, parent, Column(min(span), max(span), False))
            v.leaves = n * len(t.groups)
        elif t.columns:  # table 三
            cols = t.columns
            spans: Dict[str, List[int]] = {}
            for i, c in enumerate(cols):
                _add(headers, c.label, Column(i, i, True))
                if c.group:
                    spans.setdefault(c.group, []).append(i)
            for label, idx in spans.items():
                _add(headers, label, Column(min(idx), max(idx), False))
            if t.header:
                _add(headers, t.header, Column(0, len(cols) - 1, False))
            if t.note:
                _add(headers, t.note, Column(-1, -1, False))
            v.leaves = len(cols)
        v.titles = frozenset(titles)
        v.headers = headers
        out.append(v)
    return tuple(out)


@lru_cache(maxsize=None)
def all_labels() -> FrozenSet[str]:
    out = set()
    for v in vocabularies():
        out |= v.labels()
    return frozenset(out)


@lru_cache(maxsize=None)
def _fragments() -> FrozenSet[str]:
    """Prefixes and suffixes (at least ``MIN_FRAGMENT`` characters) of every label."""
    out = set()
    for label in all_labels():
        for i in range(MIN_FRAGMENT, len(label)):
            out.add(label[:i])
            out.add(label[-i:])
    return frozenset(out - all_labels())


@lru_cache(maxsize=None)
def _max_label_len() -> int:
    return max(len(x) for x in all_labels())


def vocab_for(label: str) -> List[TableVocab]:
    """The tables whose vocabulary has ``label`` (normalised) as a full label."""
    return [v for v in vocabularies() if label in v.labels()]


def fragment_of(norm: str) -> List[str]:
    """The full labels ``norm`` (a fragment) is a prefix or suffix of."""
    return [lab for lab in all_labels() if len(norm) >= MIN_FRAGMENT and (lab.startswith(norm) or lab.endswith(norm))]


# -- normalisation with offsets ----------------------------------------------------------------

def normalize_with_map(text: str) -> Tuple[str, List[int], List[bool]]:
    """``normalize_label`` character by character: the normalised string, for each of its
    characters the offset in ``text`` it came from, and whether whitespace preceded it (a cell
    separator for numbers, not for labels: ``商业 企业`` is one label, ``0 0`` two numbers)."""
    out: List[str] = []
    where: List[int] = []
    spaced: List[bool] = []
    gap = False
    for i, ch in enumerate(text):
        if ch.isspace() or ch in _ZERO_WIDTH:
            gap = True
            continue
        for c in (ch if ch in NOT_DECIMAL_DIGITS else unicodedata.normalize("NFKC", ch)):
            c = FOLD_CHARS.get(c, c)
            if c.isspace():
                gap = True
                continue
            out.append(c)
            where.append(i)
            spaced.append(gap)
            gap = False
    # `1、` / `1．` as a sub-item number → `1.` (as normalize_label does at the start of a label)
    for k in range(1, len(out)):
        if out[k] == "、" and out[k - 1].isdigit() and (k < 2 or not out[k - 2].isdigit()):
            out[k] = "."
    return "".join(out), where, spaced


# -- segmentation ---------------------------------------------------------------------------------

@dataclass
class Piece:
    """A piece of a line: ``kind`` is ``label`` (a full official label), ``fragment`` (part of
    one) or ``number``; ``start``/``end`` are offsets into the line, ``norm`` the normalised text."""

    kind: str
    start: int
    end: int
    norm: str


_NUMBER = re.compile(r"[-+]?\d+(?:\.\d+)?")
_FRAGMENT_COST, _LABEL_COST, _NUMBER_COST = 4, 1, 1


def segment(line: str) -> Optional[List[Piece]]:
    """Cut ``line`` into official labels, fragments and numbers, preferring few, whole labels;
    ``None`` when the line is not made only of those (prose, a heading)."""
    if not line.strip() or len(line) > MAX_LINE or "。" in line:
        return None
    norm, where, spaced = normalize_with_map(line)
    n = len(norm)
    labels, frags, longest = all_labels(), _fragments(), _max_label_len()
    INF = float("inf")
    best: List[float] = [INF] * (n + 1)
    back: List[Optional[Tuple[int, str]]] = [None] * (n + 1)
    best[0] = 0
    for i in range(n):
        if best[i] == INF:
            continue
        # a number: a maximal digit run (whitespace separates numbers)
        m = _NUMBER.match(norm, i)
        if m and (i == 0 or spaced[i] or not norm[i - 1].isdigit()):
            j = m.end()
            # stop a run at whitespace: `0 0` is two numbers
            for k in range(i + 1, j):
                if spaced[k]:
                    j = k
                    break
            if j > i and norm[j - 1] == ".":
                j -= 1
            if j == n or not norm[j].isdigit() or spaced[j]:
                cost = best[i] + _NUMBER_COST
                if cost < best[j]:
                    best[j], back[j] = cost, (i, "number")
        for j in range(min(n, i + longest), i, -1):
            sub = norm[i:j]
            if sub in labels:
                kind, c = "label", _LABEL_COST
            elif j - i >= MIN_FRAGMENT and sub in frags:
                kind, c = "fragment", _FRAGMENT_COST
            else:
                continue
            cost = best[i] + c
            if cost < best[j]:
                best[j], back[j] = cost, (i, kind)
    if best[n] == INF:
        return None
    pieces: List[Piece] = []
    j = n
    while j > 0:
        i, kind = back[j]  # type: ignore[misc]
        start = where[i]
        end = where[j - 1] + 1
        pieces.append(Piece(kind, start, end, norm[i:j]))
        j = i
    pieces.reverse()
    return pieces
