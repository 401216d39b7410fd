"""``full`` (the default): each finding with its source line and a caret line under the span.

::

    report.md:41:57: GL201 错误 [table-labels] 列标签 “现行有效件” 与年报格式不符：是否应为 “现行有效件数”？
       |
    41 | | 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件 |
       |                                           ^^^^^^^^^^
       = 修复：改为 “现行有效件数”（--fix）

Carets are placed by display width (a Chinese character takes two terminal columns); a line
wider than the window is cut around the span, with ``…`` where text was left out.
"""
from __future__ import annotations

import unicodedata
from typing import TextIO

from gaonb_lint.contracts import OutputFormat
from gaonb_lint.formats._text import finding_line, paint, write_summary
from gaonb_lint.results import RunResult

# Display columns of source shown around a finding; the rest of a long line is elided.
WINDOW = 100
CONTEXT_BEFORE = 30
FIX = {
    "zh": {"replace": "修复：改为 “{text}”（{how}）", "insert": "修复：插入 “{text}”（{how}）",
           "delete": "修复：删除此处文字（{how}）"},
    "en": {"replace": "fix: replace with “{text}” ({how})", "insert": "fix: insert “{text}” ({how})",
           "delete": "fix: delete this text ({how})"},
}


def width(ch: str) -> int:
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def _clean(text: str) -> str:
    # Tabs and control characters would move the caret line off the text it marks.
    return "".join(" " if ch == "\t" or (ord(ch) < 32) or ch == "\x7f" else ch for ch in text)


def snippet(line: str, start: int, end: int):
    """``(shown text, caret offset, caret width)`` in display columns for the 0-based character
    range ``[start, end)`` of ``line`` (``end`` past the line: to its end)."""
    line = _clean(line)
    start = max(0, min(start, len(line)))
    end = max(start, min(end, len(line)))
    first = 0
    if sum(width(c) for c in line[:end]) > WINDOW:
        first = start
        budget = CONTEXT_BEFORE
        while first > 0 and budget - width(line[first - 1]) >= 0:
            budget -= width(line[first - 1])
            first -= 1
    shown, used, last = [], 0, first
    prefix = "…" if first > 0 else ""
    for i in range(first, len(line)):
        w = width(line[i])
        if used + w > WINDOW and i >= end:
            break
        shown.append(line[i])
        used += w
        last = i + 1
    text = prefix + "".join(shown) + ("…" if last < len(line) else "")
    pad = len(prefix) + sum(width(c) for c in line[first:start])
    span = max(1, sum(width(c) for c in line[start:min(end, last)]))
    return text, pad, span


def _fix_line(d, lang: str) -> str:
    t = FIX.get(lang, FIX["zh"])
    how = "--fix" if d.fix.get("safe") else "--unsafe-fixes"
    text = d.fix.get("replacement", "")
    empty = (d.fix.get("line"), d.fix.get("column")) == (d.fix.get("end_line"), d.fix.get("end_column"))
    kind = "insert" if empty else ("replace" if text else "delete")
    shown = text.strip().replace("\n", " ⏎ ")
    if len(shown) > 60:
        shown = shown[:59] + "…"
    return t[kind].format(text=shown, how=how)


def render(result: RunResult, out: TextIO) -> None:
    color = result.color
    for i, d in enumerate(result.diagnostics):
        if i and not result.quiet:
            out.write("\n")
        out.write(finding_line(d, result) + "\n")
        line = result.lines.get(d.path, {}).get(d.span.line)
        if line is not None and not result.quiet:
            number = str(d.span.line)
            gutter = " " * len(number)
            end = d.span.end_column - 1 if d.span.end_line == d.span.line else len(line)
            text, pad, span = snippet(line, d.span.column - 1, end)
            bar = paint("|", "dim", color)
            out.write(f"{gutter} {bar}\n{paint(number, 'dim', color)} {bar} {text}\n"
                      f"{gutter} {bar} {' ' * pad}{paint('^' * span, 'caret', color)}\n")
            if d.fix is not None:
                out.write(f"{gutter} = {_fix_line(d, result.lang)}\n")
    write_summary(out, result)


FORMAT = OutputFormat("full", {"zh": "每个问题附源文本行和位置标记（默认）",
                                      "en": "each finding with its source line and a caret (default)"}, render)
