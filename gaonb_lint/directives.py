"""Inline suppression comments as written: ``<!-- gaonb-lint-KIND names -- reason -->``.

Readers record them on the report (``Report.suppressions``); what they cover and whether they
were used is ``gaonb_lint.suppress``'s business."""
from __future__ import annotations

import re
from typing import Iterator, List, Tuple

# The whole directive word (``disable-nextline``, ``disable-file:``), so that a misspelt one is
# recognised as misspelt instead of as ``disable`` with odd names (which suppressed to the end).
_OPENER = re.compile(r"<!--\s*gaonb-lint-((?:[^\s>-]|-(?!->))*)")
# Source formats whose suppression comments are read.
SUPPRESSIBLE = ("markdown", "html")


class SuppressionComment:
    """One ``<!-- gaonb-lint-… -->`` comment: its directive ``kind`` as written (``disable-next-line``,
    or a misspelling), the rule ``names`` before `` -- `` (the reason), and its offsets."""

    __slots__ = ("kind", "names", "start", "end")

    def __init__(self, kind: str, names: Tuple[str, ...], start: int, end: int):
        self.kind = kind
        self.names = names
        self.start = start
        self.end = end

    def __repr__(self) -> str:
        return f"SuppressionComment({self.kind!r}, {self.names!r}, {self.start}, {self.end})"

    def __reduce__(self):  # -j workers send reports' findings back with these (slots: no __dict__)
        return SuppressionComment, (self.kind, self.names, self.start, self.end)


def _comments(text: str) -> Iterator[Tuple[str, str, int, int]]:
    """``(kind, body, start, end)`` of each ``<!-- gaonb-lint-KIND body -->``: the regex
    ``…\\b(.*?)-->`` is quadratic on comments that are never closed (a hang), this scan is not."""
    pos = 0
    while True:
        m = _OPENER.search(text, pos)
        if m is None:
            return
        close = text.find("-->", m.end())
        if close < 0:
            return
        yield m.group(1), text[m.end():close], m.start(), close + 3
        pos = close + 3


def _names(body: str) -> Tuple[str, ...]:
    """Rule names of a directive's body: everything before `` -- `` (the reason)."""
    cut = re.search(r"(?:^|\s)--(?:\s|$)", body)
    if cut is not None:
        body = body[: cut.start()]
    return tuple(n for n in re.split(r"[\s,]+", body.strip()) if n)


def find_suppressions(text: str) -> List[SuppressionComment]:
    """Every suppression comment of ``text``, in order."""
    if "gaonb-lint-" not in text:
        return []
    return [SuppressionComment(kind, _names(body), start, end) for kind, body, start, end in _comments(text)]
