"""``json``: one object with ``diagnostics`` (each with ``path, line, column, end_line,
end_column, code, rule, severity, message`` and ``fix`` when there is one), ``errors`` and a
``summary``."""
from __future__ import annotations

import json
from collections import Counter
from typing import TextIO

from gaonb_lint import __version__
from gaonb_lint.contracts import OutputFormat
from gaonb_lint.results import RunResult
from gaonb_lint.safe_text import json_safe


def _safe(d: dict) -> dict:
    """A file name's undecodable bytes (lone surrogates) escaped: no encoder can write them."""
    d["path"], d["message"] = json_safe(d["path"]), json_safe(d["message"])
    return d


def render(result: RunResult, out: TextIO) -> None:
    diags = result.diagnostics
    by_rule = Counter(d.rule for d in diags)
    doc = {
        "tool": "gaonb-lint",
        "version": __version__,
        "diagnostics": [_safe(d.to_dict()) for d in diags],
        "errors": [{k: json_safe(v) if isinstance(v, str) else v for k, v in e.items()} for e in result.errors],
        "summary": {
            "files": result.files,
            "diagnostics": len(diags),
            "failing": result.failing,
            "fixed": result.fixed,
            "by_rule": dict(sorted(by_rule.items())),
        },
    }
    json.dump(doc, out, ensure_ascii=False, indent=2)
    out.write("\n")


FORMAT = OutputFormat("json", {"zh": "一个 JSON 对象", "en": "one JSON object"}, render)
