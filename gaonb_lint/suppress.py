"""Inline suppression comments in Markdown sources::

    <!-- gaonb-lint-disable fee-statement GL301 -->   … <!-- gaonb-lint-enable -->
    <!-- gaonb-lint-disable-next-line table-labels -->
    <!-- gaonb-lint-disable-line balance -->
    <!-- gaonb-lint-disable-file statistics-period -->

With no rule names a comment covers every rule.  A comment that suppressed nothing, or names a
rule that does not exist, is itself reported (``unused-suppression``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable, List, Optional, Set, Tuple

from gaonb_lint.diagnostics import Diagnostic
from gaonb_lint.engine import to_diagnostic
from gaonb_lint.meta_rules import UNUSED_SUPPRESSION
from gaonb_lint.model import Report
from gaonb_lint.rule import BaseRule, RuleContext

_OPENER = re.compile(r"<!--\s*gaonb-lint-(disable-next-line|disable-line|disable-file|disable|enable)\b")


def _comments(text: str) -> Iterable[Tuple[str, str, int, int]]:
    """``(kind, names, start, end)`` of each ``<!-- gaonb-lint-KIND names -->``: the regex
    ``…\b(.*?)-->`` is quadratic on comments that are never closed (a hang), this scan is not."""
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


def parse(report: Report) -> List[Directive]:
    directives: List[Directive] = []
    open_: List[Directive] = []
    for kind, body, start, end in _comments(report.text):
        names = tuple(n for n in re.split(r"[\s,]+", body.strip()) if n)
        line = report.position(start)[0]
        d = Directive(kind, names, start, end, line)
        if d.kind == "enable":
            for o in open_:
                if not names or set(o.names) & set(names) or not o.names:
                    o.last = line
            open_ = [o for o in open_ if not o.last]
            continue
        if d.kind == "disable":
            d.first = line
            open_.append(d)
        elif d.kind == "disable-next-line":
            d.first = d.last = report.position(end)[0] + 1
        elif d.kind == "disable-line":
            d.first, d.last = line, report.position(end)[0]
        else:  # disable-file
            d.first, d.last = 1, report.line_count()
        directives.append(d)
    for o in open_:
        o.last = report.line_count()
    return directives


def apply(report: Report, diagnostics: Iterable[Diagnostic], known: Iterable[BaseRule], lang: str,
          enabled: Optional[Set[str]] = None) -> List[Diagnostic]:
    """Drop suppressed diagnostics; add ``unused-suppression`` findings.  ``enabled`` (slugs) limits
    unused-checks to rules that ran, so ``--select`` does not make every other comment 'unused'."""
    directives = parse(report)
    if not directives:
        return list(diagnostics)
    known = list(known)
    by_name = {}
    for r in known:
        by_name[r.slug] = r.slug
        by_name[r.code] = r.slug
    kept: List[Diagnostic] = []
    for diag in diagnostics:
        suppressed = False
        for d in directives:
            if d.first <= diag.span.line <= d.last:
                if not d.names:
                    d.used.add("*")
                    suppressed = True
                else:
                    for n in d.names:
                        if by_name.get(n, by_name.get(n.upper())) == diag.rule:
                            d.used.add(n)
                            suppressed = True
        if not suppressed:
            kept.append(diag)
    ctx = RuleContext(UNUSED_SUPPRESSION, None, {}, lang)

    for d in directives:
        comment = report.text[d.start:d.end]
        if d.names:
            for n in d.names:
                slug = by_name.get(n, by_name.get(n.upper()))
                if slug is None:
                    f = ctx.finding((d.start, d.end), "unknown", name=n)
                elif n not in d.used and (enabled is None or slug in enabled):
                    f = ctx.finding((d.start, d.end), "unused", comment=comment)
                else:
                    continue
                kept.append(to_diagnostic(report, UNUSED_SUPPRESSION, f, lang, UNUSED_SUPPRESSION.severity))
        elif not d.used:
            f = ctx.finding((d.start, d.end), "unused", comment=comment)
            kept.append(to_diagnostic(report, UNUSED_SUPPRESSION, f, lang, UNUSED_SUPPRESSION.severity))
    return kept
