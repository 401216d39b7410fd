"""``github``: GitHub Actions workflow commands, one per finding, shown as annotations on the
pull request: ``::error file=…,line=…,endLine=…,col=…,endColumn=…,title=…::message``.

Escaping follows the runner's rules: in the message ``%``, CR and LF; in property values also
``:`` and ``,`` (which would otherwise end the value)."""
from __future__ import annotations

from typing import TextIO

from gaonb_lint.contracts import OutputFormat
from gaonb_lint.results import RunResult
from gaonb_lint.safe_text import printable

LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    text = printable(text.replace("\r", "\0").replace("\n", "\1")).replace("\\x00", "\r").replace("\\x01", "\n")
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(result: RunResult, out: TextIO) -> None:
    for d in result.diagnostics:
        s = d.span
        props = [("file", d.path), ("line", s.line), ("endLine", s.end_line), ("col", s.column)]
        if s.end_line == s.line:
            props.append(("endColumn", s.end_column))
        props.append(("title", f"{d.code} {d.rule}"))
        joined = ",".join(f"{k}={escape_property(str(v))}" for k, v in props)
        out.write(f"::{LEVEL.get(d.severity, 'error')} {joined}::{escape_data(d.message)}\n")
    for e in result.errors:  # a file that could not be checked, or a plugin that could not be loaded
        where = f"file={escape_property(e['path'])}," if "path" in e else ""
        out.write(f"::error {where}title=gaonb-lint::{escape_data(e['message'])}\n")


FORMAT = OutputFormat("github", {"zh": "GitHub Actions 注释（workflow commands）",
                                        "en": "GitHub Actions annotations (workflow commands)"}, render)
