"""``concise``: one line per finding, ``path:line:column: CODE severity [rule] message``."""
from __future__ import annotations

from typing import TextIO

from gaonb_lint.contracts import OutputFormat
from gaonb_lint.formats._text import finding_line, paint, write_summary
from gaonb_lint.results import RunResult


def render(result: RunResult, out: TextIO) -> None:
    previous = None
    for d in result.diagnostics:
        if previous is not None and d.path != previous and not result.quiet:
            out.write("\n")
        previous = d.path
        out.write(finding_line(d, result) + "\n")
    write_summary(out, result)


FORMAT = OutputFormat("concise", {"zh": "每个问题一行", "en": "one line per finding"}, render)
