"""``sarif``: SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.

Columns are Unicode code points (``columnKind: unicodeCodePoints``), as everywhere in
gaonb-lint.  Every rule is described once in ``tool.driver.rules`` (summary, full documentation
as help text, ``helpUri`` to its documentation page when one is known); each result carries a
``partialFingerprints`` entry that survives lines moving (rule, file, text at the finding) and,
when the rule offers one, its fix as ``fixes``.  Paths are relative to ``%SRCROOT%`` (the
directory the run started in)."""
from __future__ import annotations

import json
import os
from typing import Any, Dict, Optional, TextIO
from urllib.parse import quote

from gaonb_lint import __version__
from gaonb_lint.contracts import OutputFormat
from gaonb_lint.results import RunResult

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT_KEY = "gaonbLint/v1"
FIX_TEXT = {"zh": {True: "安全修复（--fix）", False: "需核对的修复（--unsafe-fixes）"},
            "en": {True: "safe fix (--fix)", False: "fix to review (--unsafe-fixes)"}}


def _uri(path: str, result: RunResult) -> Dict[str, str]:
    rel = result.relpath(path)
    if rel.startswith("../") or os.path.isabs(rel):
        return {"uri": _file_uri(os.path.abspath(path))}
    return {"uri": quote(rel), "uriBaseId": "%SRCROOT%"}


def _file_uri(path: str) -> str:
    path = path.replace(os.sep, "/")
    return "file://" + ("" if path.startswith("/") else "/") + quote(path)


def doc_url(rule: Any, template: Optional[str]) -> Optional[str]:
    """The rule's documentation page: the rule's own ``url`` if it has one, else the configured
    ``docs-url`` template (``{slug}``, ``{code}``) for the built-in rules."""
    own = getattr(rule, "url", None)
    if own:
        return own
    if template and getattr(rule, "plugin", "") in ("builtin", "gaonb-lint"):
        return template.format(slug=rule.slug, code=rule.code)
    return None


def _rule(rule: Any, lang: str, template: Optional[str]) -> Dict[str, Any]:
    summary = rule.summary.get(lang) or rule.summary.get("zh", "")
    out: Dict[str, Any] = {
        "id": rule.code,
        "name": rule.slug,
        "shortDescription": {"text": summary},
        "fullDescription": {"text": summary},
        "help": {"text": (rule.doc or summary).strip(), "markdown": (rule.doc or summary).strip()},
        "defaultConfiguration": {"level": LEVEL.get(rule.severity, "error")},
        "properties": {"plugin": rule.plugin},
    }
    url = doc_url(rule, template)
    if url:
        out["helpUri"] = url
    return out


def _region(line: int, column: int, end_line: int, end_column: int) -> Dict[str, int]:
    return {"startLine": line, "startColumn": column, "endLine": end_line, "endColumn": end_column}


def render(result: RunResult, out: TextIO) -> None:
    rules = sorted(result.rules, key=lambda r: r.code)
    index = {r.slug: i for i, r in enumerate(rules)}
    prints = result.fingerprints()
    template = getattr(result, "docs_url", None)
    results = []
    for d in result.diagnostics:
        s = d.span
        item: Dict[str, Any] = {
            "ruleId": d.code,
            "level": LEVEL.get(d.severity, "error"),
            "message": {"text": d.message},
            "locations": [{"physicalLocation": {
                "artifactLocation": _uri(d.path, result),
                "region": _region(s.line, s.column, s.end_line, s.end_column)}}],
            "partialFingerprints": {FINGERPRINT_KEY: prints[id(d)]},
            "properties": {"rule": d.rule, "severity": d.severity},
        }
        if d.rule in index:
            item["ruleIndex"] = index[d.rule]
        if d.fix is not None:
            f = d.fix
            item["fixes"] = [{
                "description": {"text": FIX_TEXT.get(result.lang, FIX_TEXT["zh"])[bool(f.get("safe"))]},
                "artifactChanges": [{
                    "artifactLocation": _uri(d.path, result),
                    "replacements": [{
                        "deletedRegion": _region(f["line"], f["column"], f["end_line"], f["end_column"]),
                        "insertedContent": {"text": f["replacement"]}}]}]}]
        results.append(item)
    notifications = [{"level": "error", "message": {"text": e["message"]},
                      **({"locations": [{"physicalLocation": {"artifactLocation": _uri(e["path"], result)}}]}
                         if "path" in e else {})}
                     for e in result.errors]
    doc = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "gaonb-lint", "version": __version__, "semanticVersion": __version__,
                                "rules": [
                                    _rule(r, result.lang, template) for r in rules]}},
            "invocations": [{"executionSuccessful": not result.errors,
                             "toolExecutionNotifications": notifications}],
            "originalUriBaseIds": {"%SRCROOT%": {"uri": _file_uri(result.root.rstrip(os.sep) + os.sep)}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }
    json.dump(doc, out, ensure_ascii=False, indent=2)
    out.write("\n")


FORMAT = OutputFormat("sarif", {"zh": "SARIF 2.1.0（GitHub 代码扫描等）",
                                       "en": "SARIF 2.1.0 (GitHub code scanning and others)"}, render)
