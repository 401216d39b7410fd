"""Helpers for the source-format tests: read a text with a reader, build HTML and DOCX versions
of a Markdown report (tables with real rowspan/colspan and merged cells)."""
from __future__ import annotations

import re
from typing import List, Tuple

from gaonb_lint.model import Report
from gaonb_lint.readers import BUILTIN_READERS, reader_table

_NUM = re.compile(r"^[\d.]+$")


def read(text_or_bytes, suffix: str, path: str = "report") -> Report:
    reader = reader_table(BUILTIN_READERS)[suffix]
    return reader.read(path + suffix, text_or_bytes)


def grid(table) -> List[List[str]]:
    return [[c.text for c in row] for row in table.rows]


def markdown_parts(md: str):
    """(kind, payload) blocks of a Markdown report: ('h1'|'h2'|'p', text) or ('table', rows)."""
    body = md.split("---\n", 2)[2] if md.startswith("---\n") else md
    lines = body.split("\n")
    out = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                if not re.match(r"^\|\s*-", lines[i]):
                    rows.append([c.strip() for c in lines[i].strip().strip("|").split("|")])
                i += 1
            out.append(("table", rows))
            continue
        if line.startswith("# "):
            out.append(("h1", line[2:]))
        elif line.startswith("## "):
            out.append(("h2", line[3:]))
        elif line.startswith("### "):
            out.append(("p", line[4:]))
        elif line.strip() and not line.startswith("<!--"):
            out.append(("p", line))
        i += 1
    return out


def merges(rows: List[List[str]]) -> Tuple[dict, dict]:
    """Spans a human would have merged: a label followed by blanks in a header row (colspan),
    a label above blanks in the label columns of data rows (rowspan)."""
    h, w = len(rows), max(len(r) for r in rows)
    rows = [r + [""] * (w - len(r)) for r in rows]
    owner = {(r, c): (r, c) for r in range(h) for c in range(w)}
    spans = {}
    for r in range(h):
        if any(_NUM.match(x) for x in rows[r]):
            continue
        c = 0
        while c < w:
            k = c + 1
            while k < w and rows[r][k] == "":
                k += 1
            if rows[r][c] and k > c + 1:
                spans[(r, c)] = [1, k - c]
                for j in range(c + 1, k):
                    owner[(r, j)] = (r, c)
            c = k
    for c in range(min(2, w)):
        for r in range(h):
            if owner[(r, c)] != (r, c) or not rows[r][c] or not any(_NUM.match(x) for x in rows[r]):
                continue
            k = r + 1
            while k < h and rows[k][c] == "" and owner[(k, c)] == (k, c) and any(_NUM.match(x) for x in rows[k]):
                k += 1
            if k > r + 1:
                spans.setdefault((r, c), [1, 1])[0] = k - r
                for j in range(r + 1, k):
                    owner[(j, c)] = (r, c)
    return owner, spans


def to_html(md: str) -> str:
    """The report as a government web page: navigation, scripts and a footer around the article,
    tables with rowspan/colspan, entities and inline markup in cells."""
    esc = lambda s: s.replace("&", "&amp;").replace("<", "&lt;")  # noqa: E731
    page = ['<!DOCTYPE html>', '<html><head><meta charset="utf-8"><title>年报</title>',
            '<script>var menu = "一、总体情况 二、主动公开政府信息情况";</script></head><body>',
            '<nav><ul><li>首页</li><li>一、总体情况</li></ul></nav>', '<div class="main">']
    for kind, x in markdown_parts(md):
        if kind == "table":
            rows = x
            w = max(len(r) for r in rows)
            rows = [r + [""] * (w - len(r)) for r in rows]
            owner, spans = merges(rows)
            page.append('<table border="1"><tbody>')
            for r, row in enumerate(rows):
                page.append("<tr>")
                for c, text in enumerate(row):
                    if owner[(r, c)] != (r, c):
                        continue
                    rs, cs = spans.get((r, c), [1, 1])
                    attrs = (f' rowspan="{rs}"' if rs > 1 else "") + (f' colspan="{cs}"' if cs > 1 else "")
                    page.append(f"<td{attrs}><p><span>{esc(text) or '&nbsp;'}</span></p>")  # no </td>: implied
                page.append("</tr>")
            page.append("</tbody></table>")
        elif kind == "h1":
            page.append(f"<h1>{esc(x)}</h1>")
        elif kind == "h2":
            page.append(f"<p><strong>{esc(x)}</strong></p>")
        else:
            page.append(f"<p>{esc(x)}</p>")
    page += ["</div>", "<footer><p>主办单位：某某镇人民政府 六、其他需要报告的事项 无</p></footer>", "</body></html>"]
    return "\n".join(page) + "\n"


def to_docx(md: str, path) -> None:
    """The report as a Word file built with python-docx, merged cells included."""
    import docx

    d = docx.Document()
    for kind, x in markdown_parts(md):
        if kind == "table":
            rows = x
            w = max(len(r) for r in rows)
            rows = [r + [""] * (w - len(r)) for r in rows]
            t = d.add_table(rows=len(rows), cols=w)
            for r, row in enumerate(rows):
                for c, text in enumerate(row):
                    if text:
                        t.cell(r, c).text = text
            owner, spans = merges(rows)
            for (r, c), (rs, cs) in spans.items():
                t.cell(r, c).merge(t.cell(r + rs - 1, c + cs - 1))
        elif kind == "h1":
            d.add_heading(x, 0)
        elif kind == "h2":
            d.add_heading(x, 1)
        else:
            d.add_paragraph(x)
    d.save(str(path))
