"""``gaonb-lint convert FILE --to md [-o OUT]``: any source as canonical Markdown.

The output has the layout of ``examples/compliant-2025.md``: front matter, the title as ``#``, each
section as ``## 一、…``, prose as paragraphs, tables as GFM tables.  Nothing is corrected: headings,
labels and numbers stay as written, so linting the Markdown gives the same findings as linting
the source.  A table that could not be read with certainty is not turned into a GFM table (that
would invent cell boundaries): its source lines are kept verbatim in a ``text-table`` fenced
block, which the Markdown reader reads with the scraped-text table reader, so it is still
reported as unreadable.
"""
from __future__ import annotations

import os
import re
import sys
from typing import List

from gaonb_lint.model import Heading, Paragraph, Report, Table


_MD_START = re.compile(r"^(\s*)(#|>|[-+*]\s|\d+[.)]\s|```|~~~|<|\||=+\s*$|-{3,}\s*$)")


def add_arguments(parser) -> None:
    from gaonb_lint.messages import text as h

    parser.add_argument("file", metavar=h("metavar.file"), help=h("help.convert.file"))
    parser.add_argument("--to", choices=("md",), default="md", help=h("help.convert.to"))
    parser.add_argument("-o", "--output", metavar=h("metavar.out"), help=h("help.convert.output"))
    parser.add_argument("--lang", choices=("zh", "en"), default=None, help=h("help.lang"))


def _escape_line(text: str) -> str:
    """A prose line that Markdown would read as markup gets a backslash before its first mark."""
    text = text.replace("\n", " ").strip()
    m = _MD_START.match(text)
    if m:
        i = len(m.group(1))
        return text[:i] + "\\" + text[i:]
    return text


def _cell(text: str) -> str:
    return text.replace("\n", " ").replace("|", "\\|").strip()


def table_markdown(table: Table) -> List[str]:
    """A readable table as GFM: every source row one row, padded to the widest row."""
    width = max((len(r) for r in table.rows), default=0)
    if width == 0:
        return []
    rows = [[_cell(c.text) for c in r] + [""] * (width - len(r)) for r in table.rows]
    out = ["| " + " | ".join(rows[0]) + " |", "| " + " | ".join(["---"] * width) + " |"]
    out.extend("| " + " | ".join(r) + " |" for r in rows[1:])
    return out


def unreadable_markdown(report: Report, table: Table) -> List[str]:
    """Source lines of an unreadable table, verbatim, with the reasons in a comment."""
    src = report.text
    start = src.rfind("\n", 0, table.start) + 1
    end = src.find("\n", table.end)
    raw = src[start:end if end != -1 else len(src)]
    reasons = []
    for issue in table.issues:
        line = report.position(issue.start)[0]
        reasons.append(f"  - 源文件第 {line} 行 / source line {line}: {issue.reason_zh} / {issue.reason_en}")
    fence = "```"
    while fence in raw:
        fence += "`"
    return (["<!-- gaonb-lint: 此表格无法可靠读取，以下保留原文，未作任何猜测。",
             "     this table could not be read with certainty; its source lines are kept as they were.",
             *[r.replace("--", "—") for r in reasons], "-->", f"{fence}text-table"]
            + raw.split("\n") + [fence])


def to_markdown(report: Report) -> str:
    out: List[str] = []
    meta = dict(report.metadata)
    meta.setdefault("source", os.path.basename(report.path))
    meta.setdefault("source-format", report.source_format)
    out.append("---")
    for k, v in meta.items():
        v = str(v).replace("\n", " ")
        out.append(f"{k}: {v}")
    out += ["---", ""]
    if report.title is not None:
        out += [f"# {report.title_text}", ""]

    def blocks(items) -> None:
        for b in items:
            if b is report.title:
                continue
            if isinstance(b, Table):
                lines = table_markdown(b) if b.readable else unreadable_markdown(report, b)
                out.extend(lines + [""])
            elif isinstance(b, Heading):
                out.extend([f"### {_escape_line(b.text)}", ""])
            elif isinstance(b, Paragraph):
                line = _escape_line(b.text)
                if line:
                    out.extend([line, ""])

    blocks(report.preamble)
    for s in report.sections:
        out += [f"## {s.heading.text.strip()}", ""]
        blocks(s.blocks)
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out) + "\n"


def run(args) -> int:
    from gaonb_lint.errors import GaonbError, plugin_problems
    from gaonb_lint.host import load_host
    from gaonb_lint.readers import BUILTIN_READERS, read_path, reader_table

    from gaonb_lint.atomic import same_file, write_atomic

    if args.output and os.path.exists(args.output) and os.path.exists(args.file) and same_file(args.file, args.output):
        raise GaonbError("output.same-as-input", path=args.output)
    host = load_host()
    readers = reader_table(list(BUILTIN_READERS) + list(host.readers))
    report = read_path(args.file, readers)
    text = to_markdown(report)
    if args.output:
        try:
            data = text.encode("utf-8")
        except UnicodeEncodeError as e:  # a lone surrogate from a plugin reader
            raise GaonbError("output.not-encodable", path=args.output, reason=e.reason) from None
        write_atomic(args.output, data)
    else:
        sys.stdout.write(text)
    return plugin_problems(host)
