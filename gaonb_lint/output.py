"""Printing diagnostics: text (one line per finding, grouped by file) and JSON."""
from __future__ import annotations

import json
from collections import Counter
from typing import Dict, List, Sequence, TextIO

from gaonb_lint import __version__
from gaonb_lint.diagnostics import FAILING_SEVERITIES, Diagnostic

_T = {
    "zh": {
        "clean": "检查通过：{files} 个文件未发现问题。",
        "found": "发现 {n} 个问题（{errors} 个错误，{warnings} 个警告，{infos} 个提示），涉及 {files} 个文件中的 {bad} 个。",
        "stats_head": "按规则统计：",
        "errors": "另有 {n} 个文件无法检查（见上方错误）。",
        "page": "（第 {page} 页）",
    },
    "en": {
        "clean": "All checks passed: no problems in {files} file(s).",
        "found": "Found {n} problem(s) ({errors} errors, {warnings} warnings, {infos} info) in {bad} of {files} file(s).",
        "stats_head": "By rule:",
        "errors": "{n} file(s) could not be checked (see errors above).",
        "page": " (page {page})",
    },
}


def sort_diagnostics(diags: Sequence[Diagnostic]) -> List[Diagnostic]:
    return sorted(diags, key=Diagnostic.sort_key)


def write_text(out: TextIO, diags: Sequence[Diagnostic], files: int, errors: int, lang: str,
               quiet: bool, statistics: bool, summaries: Dict[str, str]) -> None:
    t = _T[lang]
    diags = sort_diagnostics(diags)
    previous = None
    for d in diags:
        if previous is not None and d.path != previous and not quiet:
            out.write("\n")
        previous = d.path
        page = "" if d.page is None else t["page"].format(page=d.page)
        out.write(f"{d.path}:{d.span.line}:{d.span.column}: {d.code} [{d.rule}] {d.message}{page}\n")
    if statistics and diags:
        if not quiet:
            out.write("\n" + t["stats_head"] + "\n")
        counts = Counter((d.code, d.rule) for d in diags)
        for (code, rule), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            out.write(f"{n:6d}  {code:<7} [{rule}] {summaries.get(rule, '')}\n")
    if quiet:
        return
    sev = Counter(d.severity for d in diags)
    if diags:
        out.write("\n" + t["found"].format(n=len(diags), errors=sev["error"], warnings=sev["warning"],
                                           infos=sev["info"], files=files, bad=len({d.path for d in diags})) + "\n")
    elif not errors:
        out.write(t["clean"].format(files=files) + "\n")
    if errors:
        out.write(t["errors"].format(n=errors) + "\n")


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
