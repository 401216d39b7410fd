"""Printing diagnostics: text (one line per finding, grouped by file) and JSON."""
from __future__ import annotations

import json
from collections import Counter
from typing import Dict, List, Sequence, TextIO

from gaonb_lint import __version__
from gaonb_lint.diagnostics import FAILING_SEVERITIES, SEVERITIES, Diagnostic
from gaonb_lint.messages import Message, severity_name, text
from gaonb_lint.safe_text import json_safe, printable


def sort_diagnostics(diags: Sequence[Diagnostic]) -> List[Diagnostic]:
    return sorted(diags, key=Diagnostic.sort_key)


def write_text(out: TextIO, diags: Sequence[Diagnostic], files: int, errors: int, lang: str,
               quiet: bool, statistics: bool, summaries: Dict[str, str]) -> None:
    """Paths and messages come from file names, reports and plugins: printed with control, bidi
    and line-break characters escaped, so that each finding is one line a CI matcher reads."""
    diags = sort_diagnostics(diags)
    names = {sev: severity_name(sev, lang) + ("：" if lang == "zh" else ": ") for sev in SEVERITIES}
    previous = None
    for d in diags:
        if previous is not None and d.path != previous and not quiet:
            out.write("\n")
        previous = d.path
        page = "" if d.page is None else text("run.page", lang, page=d.page)
        out.write(f"{printable(d.path)}:{d.span.line}:{d.span.column}: {d.code} [{d.rule}] {names.get(d.severity, '')}{printable(d.message)}{page}\n")
    if statistics and diags:
        if not quiet:
            out.write("\n" + text("run.by-rule", lang) + "\n")
        counts = Counter((d.code, d.rule) for d in diags)
        for (code, rule), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            out.write(f"{n:6d}  {code:<7} [{rule}] {printable(summaries.get(rule, ''))}\n")
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
    dicts = [d.to_dict() for d in diags]
    for d in dicts:  # a file name's undecodable bytes: no encoder can write a lone surrogate
        d["path"], d["message"] = json_safe(d["path"]), json_safe(d["message"])
    doc = {
        "tool": "gaonb-lint",
        "version": __version__,
        "diagnostics": dicts,
        "errors": [{k: json_safe(v) if isinstance(v, str) else v for k, v in e.items()} for e in errors],
        "summary": {
            "files": files,
            "diagnostics": len(diags),
            "failing": sum(1 for d in diags if d.severity in FAILING_SEVERITIES),
            "by_rule": dict(sorted(by_rule.items())),
        },
    }
    json.dump(doc, out, ensure_ascii=not writes_utf8(out), indent=2)
    out.write("\n")


def writes_utf8(out: TextIO) -> bool:
    """Whether ``out`` encodes as UTF-8 (or is in memory): JSON for any other encoding (a cp1252 or
    ASCII stdout) is written with ASCII escapes, which every encoding carries and every JSON
    reader decodes."""
    encoding = getattr(out, "encoding", None)
    if not encoding:
        return True
    import codecs

    try:
        return codecs.lookup(encoding).name == "utf-8"
    except LookupError:
        return False
