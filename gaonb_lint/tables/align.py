"""Pairing the labels found in a table with the official labels, in order.

1. Exact pairs: equal after ``normalize_label`` (width, quotes, whitespace folded).
2. The longest run of exact pairs in official order are anchors; an exact pair outside it is
   *out of order* (still paired: the label says which row it is).
3. Between two anchors, labels that are left over on both sides are paired when they plausibly
   name the same thing: a misspelling (``现行有效件``), a truncation (``结果`` for ``结果纠正``),
   the other version's label at the same place (``规范性文件``).  Labels that fit nothing are
   *extra*; official labels left over are *missing*.

Nothing is paired on position alone when the texts have nothing in common.
"""
from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any, Dict, List, Optional, Sequence, Tuple

from gaonb_lint.normalize import normalize_label
from gaonb_lint.sequences import longest_increasing

# "一、" "(三)" "1." at the start of a normalised label.
_NUMBER = re.compile(r"^(?:[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)|\d+\.)")
PAIR_WHEN_ALONE = 0.6   # similarity that pairs two leftovers on its own
PAIR_IN_STEP = 0.3      # similarity enough when the leftovers line up one-to-one


_PAREN_NUMBER = re.compile(r"^\((\d+)\)")


@lru_cache(maxsize=8192)  # the same labels in every report; bounded (perf)
def label_key(text: str) -> str:
    """``normalize_label`` plus the sub-item numbering styles it leaves: ``(1)`` → ``1.``."""
    return _PAREN_NUMBER.sub(r"\1.", normalize_label(text))


@dataclass
class Found:
    """A label as written: its text and the cells it came from."""

    text: str
    cells: List[Any] = field(default_factory=list)
    info: Any = None

    @property
    def norm(self) -> str:
        return label_key(self.text)


@dataclass
class Alignment:
    pairs: Dict[int, int] = field(default_factory=dict)      # found index -> official index
    how: Dict[int, str] = field(default_factory=dict)        # found index -> exact|fuzzy|order
    extra: List[int] = field(default_factory=list)           # found indexes paired with nothing
    duplicate: Dict[int, int] = field(default_factory=dict)  # found index -> official index seen before
    missing: List[int] = field(default_factory=list)         # official indexes paired with nothing


def number_prefix(norm: str) -> str:
    m = _NUMBER.match(norm)
    return m.group(0) if m else ""


@lru_cache(maxsize=8192)  # pure; header and row texts repeat across reports (perf)
def similarity(a: str, b: str) -> float:
    """How alike two normalised labels are (0..1); containment counts as alike."""
    if not a or not b:
        return 0.0
    r = SequenceMatcher(None, a, b).ratio()
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) >= 2 and short in long_:
        r = max(r, 0.7)
    pa, pb = number_prefix(a), number_prefix(b)
    if pa and pb and pa != pb:
        r *= 0.5  # "2.重复申请" is not "3.要求提供公开出版物" however alike the words
    return r


def _plausible(found: str, official: str, other_version: Dict[str, Any]) -> bool:
    if similarity(found, official) >= PAIR_IN_STEP:
        return True
    pf, po = number_prefix(found), number_prefix(official)
    return bool(pf and pf == po) or found in other_version


def align(found: Sequence[Found], official: Sequence[str],
          other_version: Optional[Dict[str, Any]] = None) -> Alignment:
    """Pair ``found`` labels (in source order) with ``official`` labels (in official order)."""
    other_version = other_version or {}
    norms = [label_key(o) for o in official]
    index: Dict[str, int] = {}
    for i, n in enumerate(norms):
        index.setdefault(n, i)
    result = Alignment()
    used: Dict[int, int] = {}
    exact: List[Tuple[int, int]] = []
    for fi, f in enumerate(found):
        oi = index.get(f.norm)
        if oi is None:
            continue
        if oi in used:
            result.duplicate[fi] = oi
            continue
        used[oi] = fi
        exact.append((fi, oi))
    keep = set(longest_increasing([oi for _, oi in exact]))
    anchors = []
    for pos, (fi, oi) in enumerate(exact):
        result.pairs[fi] = oi
        result.how[fi] = "exact" if pos in keep else "order"
        if pos in keep:
            anchors.append((fi, oi))

    # Leftovers between consecutive anchors.
    bounds = [(-1, -1)] + anchors + [(len(found), len(official))]
    for (f0, o0), (f1, o1) in zip(bounds[:-1], bounds[1:]):
        fs = [i for i in range(f0 + 1, f1) if i not in result.pairs and i not in result.duplicate]
        os_ = [i for i in range(o0 + 1, o1) if i not in used]
        if not fs or not os_:
            continue
        if len(fs) == len(os_) and all(_plausible(found[a].norm, norms[b], other_version) for a, b in zip(fs, os_)):
            for a, b in zip(fs, os_):
                result.pairs[a], result.how[a] = b, "fuzzy"
                used[b] = a
            continue
        scored = sorted(((similarity(found[a].norm, norms[b]), a, b) for a in fs for b in os_), reverse=True)
        chosen: List[Tuple[int, int]] = []
        for score, a, b in scored:
            if score < PAIR_WHEN_ALONE:
                break
            if any(a == ca or b == cb or (a < ca) != (b < cb) for ca, cb in chosen):
                continue
            chosen.append((a, b))
        for a, b in chosen:
            result.pairs[a], result.how[a] = b, "fuzzy"
            used[b] = a
    result.extra = [i for i in range(len(found)) if i not in result.pairs and i not in result.duplicate]
    result.missing = [i for i in range(len(official)) if i not in used]
    return result


def suggest(text: str, official: Sequence[str]) -> Optional[str]:
    """The official label most like ``text`` (for a did-you-mean on an extra label), if any is close."""
    norm = label_key(text)
    best, score = None, 0.0
    for o in official:
        s = similarity(norm, label_key(o))
        if s > score:
            best, score = o, s
    return best if score >= PAIR_WHEN_ALONE else None
