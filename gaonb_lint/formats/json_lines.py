"""``json-lines``: one JSON object per finding per line (the ``json`` format's diagnostics),
for ``grep``, ``jq -c`` and log collectors."""
from __future__ import annotations

import json
from typing import TextIO

from gaonb_lint.contracts import OutputFormat
from gaonb_lint.formats.json_format import _safe
from gaonb_lint.results import RunResult


def render(result: RunResult, out: TextIO) -> None:
    for d in result.diagnostics:
        out.write(json.dumps(_safe(d.to_dict()), ensure_ascii=False) + "\n")


FORMAT = OutputFormat("json-lines", {"zh": "每行一个 JSON 对象", "en": "one JSON object per line"}, render)
