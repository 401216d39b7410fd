"""Printing diagnostics: text (one line per finding, grouped by file) and JSON."""
from __future__ import annotations

import json
from collections import Counter
from typing import Dict, List, Sequence, TextIO

from gaonb_lint import __version__
from gaonb_lint.diagnostics import FAILING_SEVERITIES, SEVERITIES, Diagnostic
from gaonb_lint.messages import Message, severity_name, text


def sort_diagnostics(diags: Sequence[Diagnostic]) -> List[Diagnostic]:
    return sorted(diags, key=Diagnostic.sort_key)


def write_text(out: TextIO, diags: Sequence[Diagnostic], files: int, errors: int, lang: str,
               quiet: bool, statistics: bool, summaries: Dict[str, str]) -> None:
    diags = sort_diagnostics(diags)
    names = {sev: severity_name(sev, lang) + ("：" if lang == "zh" else ": ") for sev in SEVERITIES}
    previous = None
    for d in diags:
        if previous is not None and d.path != previous and not quiet:
            out.write("\n")
        previous = d.path
        page = "" if d.page is None else text("run.page", lang, page=d.page)
        out.write(f"{d.path}:{d.span.line}:{d.span.column}: {d.code} [{d.rule}] {names.get(d.severity, '')}{d.message}{page}\n")
    if statistics and diags:
        if not quiet:
            out.write("\n" + text("run.by-rule", lang) + "\n")
        counts = Counter((d.code, d.rule) for d in diags)
        for (code, rule), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            out.write(f"{n:6d}  {code:<7} [{rule}] {summaries.get(rule, '')}\n")
    if quiet:
        return
    sev = Counter(d.severity for d in diags)
    if diags:
        counts = [Message("run.count." + s, n=sev[s]) for s in SEVERITIES if sev[s]]
        out.write("\n" + text("run.found", lang, files=files, bad=len({d.path for d in diags}), counts=counts) + "\n")
        if not any(sev[s] for s in FAILING_SEVERITIES):
            out.write(text("run.passes-with-advice", lang) + "\n")
    elif not errors:
        out.write(text("run.clean", lang, files=files) + "\n")
    if errors:
        out.write(text("run.unchecked", lang, n=errors) + "\n")


def write_json(out: TextIO, diags: Sequence[Diagnostic], files: int, errors: List[Dict[str, str]]) -> None:
    diags = sort_diagnostics(diags)
    by_rule = Counter(d.rule for d in diags)
    doc = {
        "tool": "gaonb-lint",
        "version": __version__,
        "diagnostics": [d.to_dict() for d in diags],
        "errors": errors,
        "summary": {
            "files": files,
            "diagnostics": len(diags),
            "failing": sum(1 for d in diags if d.severity in FAILING_SEVERITIES),
            "by_rule": dict(sorted(by_rule.items())),
        },
    }
    json.dump(doc, out, ensure_ascii=False, indent=2)
    out.write("\n")
