"""What the human-readable formats share: the severity word, colours and the closing summary."""
from __future__ import annotations

from collections import Counter
from typing import TextIO

from gaonb_lint.diagnostics import FAILING_SEVERITIES, SEVERITIES
from gaonb_lint.messages import Message, severity_name, text
from gaonb_lint.results import RunResult
from gaonb_lint.safe_text import printable

COLOURS = {"error": "31", "warning": "33", "info": "36", "bold": "1", "dim": "2", "caret": "31;1"}


def page_note(d, lang: str) -> str:
    """Where a finding is in a paged source (PDF), after its message."""
    page = getattr(d, "page", None)
    return "" if page is None else text("run.page", lang, page=page)


def finding_line(d, result: RunResult) -> str:
    """``path:line:col: CODE [rule] 错误：message``, the first line of a finding in every text format."""
    color, lang = result.color, result.lang
    sep = "：" if lang == "zh" else ": "
    return (f"{paint(printable(d.path), 'bold', color)}:{d.span.line}:{d.span.column}: {d.code} [{d.rule}] "
            f"{paint(severity_word(d.severity, lang), d.severity, color)}{sep}{printable(d.message)}{page_note(d, lang)}")


def paint(text: str, what: str, color: bool) -> str:
    return f"\x1b[{COLOURS[what]}m{text}\x1b[0m" if color and text else text


def severity_word(severity: str, lang: str) -> str:
    return severity_name(severity, lang)


def write_summary(out: TextIO, result: RunResult) -> None:
    """The per-rule table (``--statistics``), how many findings ``--fix`` can repair, and the
    closing summary line, which is the last line (not with ``--quiet``)."""
    lang = result.lang
    diags = result.diagnostics
    if result.statistics and diags:
        if not result.quiet:
            out.write("\n" + text("run.by-rule", lang) + "\n")
        counts = Counter((d.code, d.rule) for d in diags)
        for (code, rule), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            out.write(f"{n:6d}  {code:<7} [{rule}] {printable(result.summary(rule))}\n")
    if result.quiet:
        return
    sev = result.severity_counts()
    if diags or result.fixed:  # a blank line between the findings and the summary
        out.write("\n")
    if result.fixed:
        out.write(text("run.fixed", lang, n=result.fixed) + "\n")
    if diags:
        safe = sum(1 for d in diags if d.fix is not None and d.fix.get("safe"))
        unsafe = sum(1 for d in diags if d.fix is not None and not d.fix.get("safe"))
        if safe:
            out.write(text("run.fixable", lang, n=safe) + "\n")
        if unsafe:
            out.write(text("run.unsafe-fixable", lang, n=unsafe) + "\n")
        counts = [Message("run.count." + s, n=sev[s]) for s in SEVERITIES if sev[s]]
        out.write(text("run.found", lang, files=result.files, bad=len({d.path for d in diags}), counts=counts) + "\n")
        if not any(sev[s] for s in FAILING_SEVERITIES):
            out.write(text("run.passes-with-advice", lang) + "\n")
    elif not result.errors:
        out.write(text("run.clean", lang, files=result.files) + "\n")
    if result.errors:
        out.write(text("run.unchecked", lang, n=len(result.errors)) + "\n")
