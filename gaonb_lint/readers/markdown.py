"""Markdown (CommonMark + GFM tables) through markdown-it-py.

Sections may be ``#`` headings or bare lines (``一、总体情况``); a YAML-style front matter block
(``---`` … ``---``) gives metadata such as ``published: 2026-01-16``.
"""
from __future__ import annotations

import re
from typing import Dict, List, Optional, Tuple

from gaonb_lint.lineindex import line_starts
from gaonb_lint.model import Block, Cell, Heading, Report, Table
from gaonb_lint.readers.structure import build_report, markdown_section_level, parse_heading
from gaonb_lint.readers.text import line_blocks

_FRONT_KEY = re.compile(r"^\s*([A-Za-z_][\w-]*)\s*:\s*((?:.*\S)?)\s*$")  # not (.*?)\s*$: quadratic
_ATX = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")

_parser = None


def _md():
    global _parser
    if _parser is None:
        from markdown_it import MarkdownIt

        # Block structure only: headings and cells are read from the source lines, so the inline
        # pass (about 40% of markdown-it's time) would be thrown away.
        _parser = MarkdownIt("commonmark").enable("table").disable("inline")
        _rows_only_tables(_parser)
    return _parser


def _text_tables():
    # Imported on the first fence only: most Markdown reports have none (start-up time).
    from gaonb_lint.readers import text_tables

    return text_tables


class _Discarded:
    """Takes the attributes markdown-it sets on a cell token that is not kept."""


_CELL_TOKENS = frozenset({"th_open", "th_close", "td_open", "td_close", "inline"})


def _rows_only_tables(md) -> None:
    """Run markdown-it's GFM table rule without its three tokens per cell: the reader takes cells
    from the row's source line (``split_row``), and building those tokens was half the time of
    parsing a report.  Table extent, rows and every other token are markdown-it's own."""
    from markdown_it.rules_block.table import table as gfm_table

    ruler = md.block.ruler
    alt = next((r.alt for r in ruler.__rules__ if r.name == "table"), ["paragraph", "reference"])
    sink = _Discarded()

    def table(state, start_line, end_line, silent):
        if silent:
            return gfm_table(state, start_line, end_line, silent)
        push = state.push

        def push_rows(ttype, tag, nesting):  # a cell's open/close pair leaves the level as it was
            return sink if ttype in _CELL_TOKENS else push(ttype, tag, nesting)

        state.push = push_rows
        try:
            return gfm_table(state, start_line, end_line, silent)
        finally:
            del state.push

    ruler.at("table", table, {"alt": list(alt)})


def blank_comments(text: str) -> str:
    """``text`` with each ``<!-- … -->`` replaced by spaces (newlines kept).  A scan rather than
    the regex ``<!--.*?-->``, which is quadratic when comments are not closed (a hang)."""
    out: List[str] = []
    pos = 0
    while True:
        start = text.find("<!--", pos)
        end = text.find("-->", start + 4) if start >= 0 else -1
        if end < 0:
            break
        end += 3
        out.append(text[pos:start])
        out.append(re.sub(r"[^\n]", " ", text[start:end]))
        pos = end
    out.append(text[pos:])
    return "".join(out)


def split_front_matter(text: str) -> Tuple[Dict[str, str], str, Dict[str, Tuple[int, int]]]:
    """Metadata from a leading ``---`` block, the text with that block blanked out (so that
    line numbers stay those of the file), and where each key's line is (offsets)."""
    if not text.startswith("---\n"):
        return {}, text, {}
    lines = text.split("\n")
    for end in range(1, len(lines)):
        if lines[end].strip() in ("---", "..."):
            meta: Dict[str, str] = {}
            spans: Dict[str, Tuple[int, int]] = {}
            pos = len(lines[0]) + 1
            for line in lines[1:end]:
                m = _FRONT_KEY.match(line)
                if m:
                    key = m.group(1).lower()
                    meta[key] = m.group(2).strip().strip("\"'")
                    spans[key] = (pos, pos + len(line))
                pos += len(line) + 1
            # Same-length blanks keep every offset and line number of the file.
            blanked = [" " * len(line) for line in lines[: end + 1]] + lines[end + 1:]
            return meta, "\n".join(blanked), spans
    return {}, text, {}


_BAR = re.compile(r"(?<!\\)\|")


def split_row(line: str, line_start: int) -> List[Tuple[int, int, str]]:
    """Cells of a GFM table row as ``(start, end, text)`` with offsets into the file."""
    cells: List[Tuple[int, int, str]] = []
    bounds = [m.start() for m in _BAR.finditer(line)]  # unescaped `|`
    stripped = line.strip()
    edges = [-1] + bounds + [len(line)]
    pieces = list(zip(edges[:-1], edges[1:]))
    if stripped.startswith("|"):
        pieces = pieces[1:]
    if stripped.endswith("|") and len(stripped) > 1:
        pieces = pieces[:-1]
    for a, b in pieces:
        raw = line[a + 1: b]
        lead = len(raw) - len(raw.lstrip())
        text = raw.strip()
        s = line_start + a + 1 + lead
        cells.append((s, s + len(text), text.replace("\\|", "|")))
    return cells


def read_markdown(path: str, text: str) -> Report:
    meta, body, meta_spans = split_front_matter(text)
    # HTML comments (suppression comments among them) are not report text: blank them with spaces
    # (offsets and line numbers hold) everywhere except in what the Markdown parser sees.
    clean = blank_comments(body)
    lines = clean.split("\n")
    starts = line_starts(clean)

    blocks: List[Block] = []
    title: Optional[Heading] = None
    tokens = _md().parse(body)
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.type == "heading_open" and tok.map:
            ln = tok.map[0]
            line = lines[ln]
            m = _ATX.match(line)
            if m:
                content = m.group(2)
                s = starts[ln] + line.index(content) if content else starts[ln]
                parsed = parse_heading(content)
                h = Heading(s, s + len(content), content, len(m.group(1)),
                            parsed[0] if parsed else None, parsed[1] if parsed else content, "atx")
            else:  # setext heading: the text line(s) above the underline
                content = lines[ln].strip()
                s = starts[ln] + lines[ln].index(content) if content else starts[ln]
                parsed = parse_heading(content)
                level = 1 if tok.tag == "h1" else 2
                h = Heading(s, s + len(content), content, level,
                            parsed[0] if parsed else None, parsed[1] if parsed else content, "atx")
            if title is None and h.number is None and not any(isinstance(b, Heading) and b.number for b in blocks) \
                    and ("年度报告" in content or h.level == 1):
                title = h
            else:
                blocks.append(h)
            i += 3
            continue
        if tok.type == "paragraph_open" and tok.map:
            blocks.extend(line_blocks(clean, tok.map[0], tok.map[1], starts))
            i += 3
            continue
        if tok.type == "fence" and tok.map and tok.info.strip() == _text_tables().FENCE_INFO:
            # A table kept as scraped text (``gaonb-lint convert`` writes unreadable tables so):
            # read by the scraped-text table reader, so it stays exactly as (un)readable.
            text_tables = _text_tables()
            a, b = tok.map
            b = b - 1 if b - 1 > a and lines[b - 1].strip().startswith(("```", "~~~")) else b
            blocks.extend(x for x in text_tables.blocks_with_tables(clean, line_blocks, a + 1, b)
                          if isinstance(x, Table))
            i += 1
            continue
        if tok.type == "table_open" and tok.map:
            j = i
            rows: List[List[Cell]] = []
            while tokens[j].type != "table_close":
                t = tokens[j]
                if t.type == "tr_open" and t.map:
                    ln = t.map[0]
                    r = len(rows)
                    rows.append([Cell(s, e, txt, r, c) for c, (s, e, txt) in enumerate(split_row(lines[ln], starts[ln]))])
                j += 1
            a, b = tok.map
            end = starts[b - 1] + len(lines[b - 1])
            blocks.append(Table(starts[a], end, rows, "gfm"))
            i = j + 1
            continue
        i += 1

    section_level = markdown_section_level([b for b in blocks if isinstance(b, Heading) and b.markup == "atx"])
    return build_report(path, text, "markdown", blocks, meta, title, section_level, meta_spans)
