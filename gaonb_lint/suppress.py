"""Inline suppression comments in Markdown sources::

    <!-- gaonb-lint-disable fee-statement GL301 -->   … <!-- gaonb-lint-enable -->
    <!-- gaonb-lint-disable-next-line table-labels -->
    <!-- gaonb-lint-disable-line balance -->
    <!-- gaonb-lint-disable-file statistics-period -->

With no rule names a comment covers every rule.  Names are slugs or codes in any case, code
prefixes (``GL3``) or ``ALL``, as on the command line; a reason may follow `` -- ``::

    <!-- gaonb-lint-disable-next-line GL302 -- the fee statement is in the appendix -->

A comment that suppressed nothing, names a rule that does not exist, or an ``enable`` with no
open ``disable`` is itself reported (``unused-suppression``).  A misspelt directive
(``gaonb-lint-disable-nextline``) is an error at the comment and suppresses nothing.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Dict, FrozenSet, Iterable, List, Optional, Sequence, Set, Tuple

from gaonb_lint.diagnostics import Diagnostic
from gaonb_lint.engine import to_diagnostic
from gaonb_lint.meta_rules import UNUSED_SUPPRESSION
from gaonb_lint.model import Report
from gaonb_lint.rule import BaseRule, RuleContext

_KINDS = ("disable-next-line", "disable-line", "disable-file", "disable", "enable")
_CODE_PREFIX = re.compile(r"[A-Za-z]{1,4}\d{0,3}")


@dataclass
class Directive:
    kind: str
    names: Tuple[str, ...]
    start: int
    end: int
    line: int
    first: int = 0  # covered lines, inclusive
    last: int = 0
    used: Set[str] = field(default_factory=set)
    problem: str = ""  # "directive" (unknown kind) or "stray-enable": suppresses nothing


def parse(report: Report) -> List[Directive]:
    """The report's suppression comments (``Report.suppressions``, recorded by the reader) with
    the lines each covers."""
    directives: List[Directive] = []
    open_: List[Directive] = []
    for comment in report.suppressions:
        kind, names, start, end = comment.kind, comment.names, comment.start, comment.end
        line = report.position(start)[0]
        d = Directive(kind, names, start, end, line)
        if kind not in _KINDS:
            d.problem = "directive"
            directives.append(d)
            continue
        if kind == "enable":
            closed = [o for o in open_ if not names or not o.names or set(o.names) & set(names)]
            for o in closed:
                o.last = line
            if not closed:
                d.problem = "stray-enable"
                directives.append(d)
            open_ = [o for o in open_ if not o.last]
            continue
        if kind == "disable":
            d.first = line
            open_.append(d)
        elif kind == "disable-next-line":
            d.first = d.last = report.position(end)[0] + 1
        elif kind == "disable-line":
            d.first, d.last = line, report.position(end)[0]
        else:  # disable-file
            d.first, d.last = 1, report.line_count()
        directives.append(d)
    for o in open_:
        o.last = report.line_count()
    return directives


def slugs_for(name: str, rules: Sequence[BaseRule]) -> Set[str]:
    """The rules a name in a directive means, as on the command line: a slug or a code (any
    case), a code prefix (``GL3``) or ``ALL``; empty for an unknown name."""
    low, up = name.lower(), name.upper()
    if up == "ALL":
        return {r.slug for r in rules}
    hits = {r.slug for r in rules if r.slug == low or r.code == up}
    if not hits and _CODE_PREFIX.fullmatch(name):
        hits = {r.slug for r in rules if r.code.startswith(up)}
    return hits


def _merged(intervals: List[Tuple[int, int]]) -> Tuple[List[int], List[int]]:
    """Sorted, merged ``(first, last)`` intervals as two lists (starts, ends) for bisection."""
    starts: List[int] = []
    ends: List[int] = []
    for a, b in sorted(intervals):
        if starts and a <= ends[-1] + 1:
            ends[-1] = max(ends[-1], b)
        else:
            starts.append(a)
            ends.append(b)
    return starts, ends


def _covers(merged: Tuple[List[int], List[int]], line: int) -> bool:
    starts, ends = merged
    i = bisect.bisect_right(starts, line) - 1
    return i >= 0 and line <= ends[i]


def _any_in(lines: List[int], first: int, last: int) -> bool:
    i = bisect.bisect_left(lines, first)
    return i < len(lines) and lines[i] <= last


class Deferred:
    """What one file's suppression comments still do after its own findings: the report-set rules
    (run once every file is checked) may find something on lines a comment covers.  ``covers``
    is ``(first line, last line, slugs or None for every rule)`` per directive and rule name;
    ``pending`` the ``unused-suppression`` findings (with their cover) that only hold if no
    report-set finding falls under that cover."""

    def __init__(self) -> None:
        self.covers: List[Tuple[int, int, Optional[FrozenSet[str]]]] = []
        self.pending: List[Tuple[int, Diagnostic]] = []
        self.used: Set[int] = set()

    def filter(self, diagnostics: Iterable[Diagnostic]) -> List[Diagnostic]:
        """The report-set findings of this file that no comment suppresses."""
        kept = []
        for diag in diagnostics:
            hit = [i for i, (first, last, slugs) in enumerate(self.covers)
                   if first <= diag.span.line <= last and (slugs is None or diag.rule in slugs)]
            self.used.update(hit)
            if not hit:
                kept.append(diag)
        return kept

    def unused(self) -> List[Diagnostic]:
        """The pending ``unused-suppression`` findings that no report-set finding used."""
        return [diag for cover, diag in self.pending if cover not in self.used]


def apply(report: Report, diagnostics: Iterable[Diagnostic], known: Iterable[BaseRule], lang: str,
          enabled: Optional[Set[str]] = None, later: Optional[Set[str]] = None,
          deferred: Optional[Deferred] = None) -> List[Diagnostic]:
    """Drop suppressed diagnostics; add ``unused-suppression`` findings.  ``enabled`` (slugs) limits
    unused-checks to rules that ran, so ``--select`` does not make every other comment 'unused'.
    ``later`` are the report-set rules still to run over this file: with ``deferred``, the
    comments are kept there for their findings, and a comment that could still be used by them
    is not called unused yet (``Deferred.unused`` says it after they ran).

    Directives are indexed by line (merged intervals per rule) and findings by rule, so the work
    grows with findings + comments, not with their product."""
    directives = parse(report)
    diagnostics = list(diagnostics)
    if not directives:
        return diagnostics
    known = list(known)
    resolved = {}
    intervals: Dict[str, List[Tuple[int, int]]] = {}  # slug (or "*") -> covered line ranges
    for d in directives:
        if d.problem:
            continue
        if not d.names:
            intervals.setdefault("*", []).append((d.first, d.last))
        for n in d.names:
            if n not in resolved:
                resolved[n] = slugs_for(n, known)
            for slug in resolved[n]:
                intervals.setdefault(slug, []).append((d.first, d.last))
    merged = {slug: _merged(v) for slug, v in intervals.items()}
    every = merged.get("*")
    kept: List[Diagnostic] = []
    lines_of: Dict[str, List[int]] = {}  # slug -> lines of its findings
    for diag in diagnostics:
        line = diag.span.line
        lines_of.setdefault(diag.rule, []).append(line)
        lines_of.setdefault("*", []).append(line)
        own = merged.get(diag.rule)
        if not ((every is not None and _covers(every, line)) or (own is not None and _covers(own, line))):
            kept.append(diag)
    for v in lines_of.values():
        v.sort()

    ctx = RuleContext(UNUSED_SUPPRESSION, None, {}, lang)

    later = later if deferred is not None else None

    def report_(d: Directive, message: str, severity: Optional[str] = None, cover: Optional[int] = None,
                **params) -> None:
        f = ctx.finding((d.start, d.end), message, **params)
        diag = to_diagnostic(report, UNUSED_SUPPRESSION, f, lang, severity or UNUSED_SUPPRESSION.severity)
        if cover is None:
            kept.append(diag)
        else:
            deferred.pending.append((cover, diag))  # type: ignore[union-attr]

    def cover(d: Directive, slugs: Optional[Set[str]]) -> Optional[int]:
        """The cover of a directive (for one rule name) that report-set findings may still use."""
        if not later or (slugs is not None and not slugs & later):
            return None
        deferred.covers.append((d.first, d.last, None if slugs is None else frozenset(slugs)))  # type: ignore[union-attr]
        return len(deferred.covers) - 1  # type: ignore[union-attr]

    for d in directives:
        comment = report.text[d.start:d.end]
        if d.problem == "directive":
            report_(d, "directive", "error", directive="gaonb-lint-" + d.kind, kinds=", ".join(_KINDS))
            continue
        if d.problem == "stray-enable":
            report_(d, "stray-enable", comment=comment)
            continue
        if not d.names:
            at = cover(d, None)
            if not _any_in(lines_of.get("*", []), d.first, d.last):
                report_(d, "unused", cover=at, comment=comment)
            continue
        for n in d.names:
            slugs = resolved[n]
            if not slugs:
                report_(d, "unknown", name=n)
                continue
            at = cover(d, slugs)
            if (enabled is None or slugs & enabled) and not any(
                    _any_in(lines_of.get(s, []), d.first, d.last) for s in slugs):
                report_(d, "unused", cover=at, comment=comment)
    return kept
