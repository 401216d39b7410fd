"""HTML report pages, as the publishing sites serve them.

Parsed with the standard library's ``html.parser`` (see docs/sources.md for why): it is the only
candidate that reports where each tag and text run sits in the file, so every cell and line keeps
its offsets into the original HTML and diagnostics point at the HTML's own line and column.  A
small tree builder adds the implied end tags real pages rely on (``<td>`` without ``</td>``, ``<p>``
closed by a ``<div>``), and the tree is rendered as text: one line per block element, a ``<table>``
(without nested tables) as a grid with ``rowspan``/``colspan`` expanded — the text in the
top-left position, empty cells where it spans, as in the canonical Markdown tables.

Scripts, styles, navigation, headers, footers and forms are not part of the report.  When the
page has the report's section headings, only the smallest element holding all of them (plus the
report title, when it stands before that element) is read, which drops site menus and footers.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple, Union

from gaonb_lint import official_format
from gaonb_lint.lineindex import line_of, line_starts
from gaonb_lint.model import Block, Cell, Report, Table, TableIssue
from gaonb_lint.normalize import normalize_label
from gaonb_lint.readers.rendering import MappedReport, Renderer
from gaonb_lint.readers.structure import build_report, parse_heading

VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
SKIP = frozenset("script style noscript template head nav header footer aside form select button "
                 "iframe svg object textarea option title map canvas audio video".split())
BLOCK = frozenset("p div h1 h2 h3 h4 h5 h6 li ul ol dl dt dd table tr thead tbody tfoot caption "
                  "section article main blockquote pre center hr address figure figcaption body html "
                  "br td th fieldset legend".split())
# A start tag of one of these closes an open <p>.
CLOSES_P = frozenset("p div h1 h2 h3 h4 h5 h6 ul ol dl table section article blockquote pre center "
                     "hr address figure main fieldset".split())
_WS = re.compile(r"[ \t\r\n\f\u00a0\u3000]")
_SUPPRESS = re.compile(r"gaonb-lint-")

Char = Tuple[str, int, int]  # a character and its source [start, end)


@dataclass
class Element:
    tag: str
    attrs: Dict[str, str]
    start: int
    children: List[Union["Element", "Text", "Comment"]] = field(default_factory=list)
    parent: Optional["Element"] = None


@dataclass
class Text:
    chars: List[Char]


@dataclass
class Comment:
    text: str
    start: int
    end: int


def _tree(html: str) -> Element:
    from html.parser import HTMLParser
    from html import unescape

    starts = line_starts(html)
    root = Element("#root", {}, 0)

    class Builder(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=False)
            self.stack: List[Element] = [root]

        def _here(self) -> int:
            line, col = self.getpos()
            return starts[line - 1] + col

        @property
        def top(self) -> Element:
            return self.stack[-1]

        def _close(self, tag: str, stop: Tuple[str, ...] = ()) -> bool:
            for i in range(len(self.stack) - 1, 0, -1):
                t = self.stack[i].tag
                if t == tag:
                    del self.stack[i:]
                    return True
                if t in stop:
                    return False
            return False

        def handle_starttag(self, tag, attrs):
            start = self._here()
            if tag in CLOSES_P:
                self._close("p", ("table", "td", "th", "div", "li"))
            if tag in ("td", "th"):
                self._close("td", ("tr", "table")) or self._close("th", ("tr", "table"))
            elif tag == "tr":
                self._close("tr", ("table",))
            elif tag in ("thead", "tbody", "tfoot"):
                for t in ("thead", "tbody", "tfoot"):
                    self._close(t, ("table",))
            elif tag == "li":
                self._close("li", ("ul", "ol"))
            el = Element(tag, {k: (v or "") for k, v in attrs}, start, parent=self.top)
            self.top.children.append(el)
            if tag not in VOID:
                self.stack.append(el)

        def handle_startendtag(self, tag, attrs):
            self.handle_starttag(tag, attrs)
            if tag not in VOID:
                self._close(tag)

        def handle_endtag(self, tag):
            if tag in VOID:
                return
            stops = ("table",) if tag in ("td", "th", "tr", "thead", "tbody", "tfoot") else ()
            self._close(tag, stops)

        def _text(self, chars: List[Char]) -> None:
            kids = self.top.children
            if kids and isinstance(kids[-1], Text):
                kids[-1].chars.extend(chars)
            else:
                kids.append(Text(chars))

        def handle_data(self, data):
            s = self._here()
            self._text([(ch, s + i, s + i + 1) for i, ch in enumerate(data)])

        def handle_entityref(self, name):
            s = self._here()
            raw = f"&{name};"
            text = unescape(raw)
            end = s + len(raw) if html.startswith(raw, s) else s + len(raw) - 1
            self._text([(ch, s, end) for ch in text])

        def handle_charref(self, name):
            s = self._here()
            raw = f"&#{name};"
            text = unescape(raw)
            end = s + len(raw) if html.startswith(raw, s) else s + len(raw) - 1
            self._text([(ch, s, end) for ch in text])

        def handle_comment(self, data):
            if _SUPPRESS.search(data):
                s = self._here()
                self.top.children.append(Comment(data, s, s + len(data) + 7))

    b = Builder()
    b.feed(html[:_complete_prefix(html)])
    b.close()
    return root


_TAG_START = re.compile(r"<[A-Za-z!/?]")


def _complete_prefix(html: str) -> int:
    """Where the parseable part of the page ends.  An unclosed comment or a tag never closed by
    ``>`` runs to the end of the file (HTML spec), so nothing of the report lies beyond it; and
    html.parser before Python 3.13.4/3.12.11 rescans such a tail on every step (quadratic,
    CVE-2025-6069), so it is cut off here, in linear time."""
    end = len(html)
    i = html.find("<!--")
    while i != -1:
        j = html.find("-->", i + 4)
        if j == -1:
            end = i
            break
        i = html.find("<!--", j + 3)
    last_close = html.rfind(">", 0, end)
    m = _TAG_START.search(html, last_close + 1, end)
    return m.start() if m else end


# -- rendering -----------------------------------------------------------------------------------

@dataclass
class _Out:
    r: Renderer = field(default_factory=Renderer)
    # (first, end) in the rendering, the grid, and why it was not read (zh, en) or None
    tables: List[Tuple[int, int, List[List[Tuple[int, int, str]]], Optional[Tuple[str, str]]]] = \
        field(default_factory=list)
    comment_lines: List[int] = field(default_factory=list)
    pending_space: bool = False
    line_no: int = 0
    published: str = ""  # the page head's publication date (PUBLICATION_META), as written

    def text_chars(self, chars: List[Char]) -> None:
        for ch, s, e in chars:
            if _WS.match(ch):
                if not self.r.at_line_start():
                    self.pending_space = True
                continue
            if self.pending_space:
                self.r.add(" ", s, s)
                self.pending_space = False
            self.r.add(ch, s, e)

    def break_line(self) -> None:
        self.pending_space = False
        if not self.r.at_line_start():
            self.r.newline()
            self.line_no += 1


def _has_table(el: Element) -> bool:
    return any(isinstance(c, Element) and (c.tag == "table" or _has_table(c)) for c in el.children)


def _render(el: Element, out: _Out) -> None:
    for child in el.children:
        if isinstance(child, Text):
            out.text_chars(child.chars)
        elif isinstance(child, Comment):
            out.break_line()
            out.comment_lines.append(out.line_no)
            out.r.add("<!--" + child.text + "-->", child.start, child.end)
            out.break_line()
        elif child.tag in SKIP or child.attrs.get("hidden") is not None or \
                "display:none" in child.attrs.get("style", "").replace(" ", "").lower():
            continue
        elif child.tag == "table" and not _has_table(child):
            out.break_line()
            _render_table(child, out)
        elif child.tag in BLOCK:
            out.break_line()
            _render(child, out)
            out.break_line()
        else:
            _render(child, out)


def _cell_chars(el: Element) -> List[Char]:
    """A cell's text: blocks and ``<br>`` inside it become line breaks; whitespace collapsed."""
    out: List[Char] = []

    def walk(e: Element) -> None:
        for c in e.children:
            if isinstance(c, Text):
                for ch, s, t in c.chars:
                    if _WS.match(ch):
                        if out and out[-1][0] not in " \n":
                            out.append((" ", s, s))
                    else:
                        out.append((ch, s, t))
            elif isinstance(c, Element) and c.tag not in SKIP:
                block = c.tag in BLOCK
                if block and out and out[-1][0] != "\n":
                    if out[-1][0] == " ":
                        out.pop()
                    out.append(("\n", c.start, c.start))
                walk(c)
                if block and out and out[-1][0] != "\n":
                    out.append(("\n", c.start, c.start))

    walk(el)
    while out and out[0][0] in " \n":
        out.pop(0)
    while out and out[-1][0] in " \n":
        out.pop()
    # a space next to a line break is noise from the source's indentation
    return [c for i, c in enumerate(out)
            if not (c[0] == " " and ((i + 1 < len(out) and out[i + 1][0] == "\n") or (i and out[i - 1][0] == "\n")))]


def _rows_of(table: Element) -> List[Element]:
    rows = []
    for c in table.children:
        if isinstance(c, Element):
            if c.tag == "tr":
                rows.append(c)
            elif c.tag in ("thead", "tbody", "tfoot"):
                rows.extend(x for x in c.children if isinstance(x, Element) and x.tag == "tr")
    return rows


MAX_SPAN = 1000
# Expanded grid positions a table may have per cell written in the source (and at least
# MIN_GRID_CELLS): spans multiply a few bytes of markup into rows × columns of grid, so a bound
# proportional to the markup keeps memory and time proportional to the page.
GRID_CELLS_PER_SOURCE_CELL = 16
MIN_GRID_CELLS = 20_000


def _span(value: str) -> int:
    m = re.match(r"\s*(\d{1,7})", value or "")  # more digits would be clamped anyway (and int()
    return max(1, min(int(m.group(1)), MAX_SPAN)) if m else 1  # refuses 4,300 of them)


def _oversized(table: Element, out: "_Out", trs: List[Element], limit: int) -> None:
    """A table whose spans expand beyond ``limit`` grid positions: each row's own cells, one line
    per row and no span expanded, and an issue saying why it is not read."""
    first = len(out.r)
    for tr in trs:
        out.break_line()
        for i, td in enumerate(x for x in tr.children if isinstance(x, Element) and x.tag in ("td", "th")):
            if i:
                at = out.r.src_end[-1] if len(out.r) else 0
                out.r.add("\t", at, at)
            out.r.add_mapped([(" " if ch == "\n" else ch, a, b) for ch, a, b in _cell_chars(td)])
        out.break_line()
    if len(out.r) == first:
        out.r.add(" ", table.start, table.start)
        out.break_line()
    out.tables.append((first, len(out.r), [], (
        f"合并单元格（rowspan/colspan）展开后超过 {limit} 格，表格未读取",
        f"its merged cells (rowspan/colspan) expand to more than {limit} grid cells; the table was not read")))


def _render_table(table: Element, out: _Out) -> None:
    """Render the grid: each row one line, cells separated by tabs (cell text keeps its line
    breaks as spaces in the rendering; the cell's own text keeps them)."""
    grid: Dict[Tuple[int, int], Optional[Tuple[Element, List[Char]]]] = {}
    width = 0
    trs = _rows_of(table)
    tds = [[x for x in tr.children if isinstance(x, Element) and x.tag in ("td", "th")] for tr in trs]
    limit = max(MIN_GRID_CELLS, GRID_CELLS_PER_SOURCE_CELL * sum(len(row) for row in tds))
    for r, row_tds in enumerate(tds):
        c = 0
        for td in row_tds:
            while (r, c) in grid:
                c += 1
            rs, cs = _span(td.attrs.get("rowspan", "")), _span(td.attrs.get("colspan", ""))
            rs = min(rs, len(trs) - r)
            # Both the positions filled and the rendered rectangle (rows × width) stay bounded.
            if len(grid) + rs * cs > limit or len(trs) * max(width, c + cs) > limit:
                return _oversized(table, out, trs, limit)
            chars = _cell_chars(td)
            for dr in range(rs):
                for dc in range(cs):
                    grid[(r + dr, c + dc)] = (td, chars) if (dr, dc) == (0, 0) else None
            c += cs
            width = max(width, c)
    rows: List[List[Tuple[int, int, str]]] = []
    first = len(out.r)
    for r in range(len(trs)):
        out.break_line()
        row: List[Tuple[int, int, str]] = []
        for c in range(width):
            if c:
                out.r.add("\t", out.r.src_end[-1] if len(out.r) else 0, out.r.src_end[-1] if len(out.r) else 0)
            entry = grid.get((r, c))
            s = len(out.r)
            if entry is None:
                row.append((s, s, ""))
                continue
            td, chars = entry
            if not chars:
                out.r.add("", td.start, td.start)
                row.append((s, s, ""))
                continue
            out.r.add_mapped([(" " if ch == "\n" else ch, a, b) for ch, a, b in chars])
            row.append((s, len(out.r), "".join(ch for ch, _, _ in chars)))
        rows.append(row)
        out.break_line()
    if rows:
        out.tables.append((first, len(out.r), rows, None))


# -- the report's part of the page ---------------------------------------------------------------------


def _content_root(root: Element) -> Tuple[Element, Optional[Element]]:
    """The smallest element holding every official section heading, and the element holding the
    report title when it stands outside it."""
    titles = official_format.section_title_keys()
    holders: List[Element] = []
    title_el: Optional[Element] = None
    suffix = official_format.report_title_suffix()

    def text_of(el: Element) -> str:
        return "".join(ch for c in el.children if isinstance(c, Text) for ch, _, _ in c.chars)

    def walk(el: Element, skipped: bool) -> None:
        nonlocal title_el
        for c in el.children:
            if not isinstance(c, Element):
                continue
            skip = skipped or c.tag in SKIP
            if not skip:
                own = text_of(c).strip()
                if own:
                    parsed = parse_heading(own)
                    if parsed and any(normalize_label(parsed[1]).startswith(t) for t in titles):
                        holders.append(c)
                    elif title_el is None and suffix in own and len(own) <= 80 and not holders:
                        title_el = c
            walk(c, skip)

    walk(root, False)
    if len(holders) < 2:
        return root, None

    def ancestors(el: Element) -> List[Element]:
        out = []
        while el is not None:
            out.append(el)
            el = el.parent  # type: ignore[assignment]
        return out[::-1]

    paths = [ancestors(h) for h in holders]
    common = root
    for level in zip(*paths):
        if all(x is level[0] for x in level):
            common = level[0]
        else:
            break
    if title_el is not None and any(a is common for a in ancestors(title_el)):
        title_el = None
    return common, title_el


def _page_title(root: Element) -> str:
    def find(el: Element) -> Optional[Element]:
        for c in el.children:
            if isinstance(c, Element):
                if c.tag == "title":
                    return c
                hit = find(c)
                if hit is not None:
                    return hit
        return None

    t = find(root)
    if t is None:
        return ""
    return "".join(ch for c in t.children if isinstance(c, Text) for ch, _, _ in c.chars).strip()


# `<meta name="PubDate" content="2026-01-16 10:22">`: the publication date content systems put
# in the page head (names compared case-insensitively).
PUBLICATION_META = ("pubdate", "publishdate", "firstpublishedtime", "article:published_time")


def _publication_meta(root: Element) -> str:
    stack = [root]
    while stack:
        el = stack.pop()
        for c in el.children:
            if isinstance(c, Element):
                if c.tag == "meta":
                    name = (c.attrs.get("name") or c.attrs.get("property") or "").strip().lower()
                    if name in PUBLICATION_META and c.attrs.get("content", "").strip():
                        return c.attrs["content"].strip()
                elif c.tag not in ("body",):
                    stack.append(c)
    return ""


def render_html(html: str) -> Tuple[_Out, str]:
    root = _tree(html)
    content, title_el = _content_root(root)
    out = _Out()
    if content is not root:
        # Suppression comments outside the report's part of the page still count.
        def comments(el: Element) -> None:
            for c in el.children:
                if isinstance(c, Comment):
                    out.break_line()
                    out.comment_lines.append(out.line_no)
                    out.r.add("<!--" + c.text + "-->", c.start, c.end)
                    out.break_line()
                elif isinstance(c, Element) and c is not content and c is not title_el:
                    comments(c)

        comments(root)
    if title_el is not None:
        holder = Element("#title", {}, title_el.start, [title_el])
        _render(holder, out)
        out.break_line()
    if content is root:
        _render(root, out)
    else:
        holder = Element("#content", {}, content.start, [content])
        _render(holder, out)
    out.break_line()
    out.published = _publication_meta(root)
    return out, _page_title(root)


def read_html(path: str, html: str) -> Report:
    from gaonb_lint.readers import text_tables
    from gaonb_lint.readers.text import line_blocks

    out, page_title = render_html(html)
    text = out.r.text()
    starts = line_starts(text)

    blocks: List[Block] = []
    previous = 0
    marks = sorted([(line_of(starts, a), line_of(starts, max(a, b - 1)) + 1, rows, why) for a, b, rows, why in out.tables] +
                   [(n, n + 1, None, None) for n in out.comment_lines], key=lambda m: m[0])
    for a, b, rows, why in marks:
        if a < previous:
            continue
        blocks.extend(text_tables.blocks_with_tables(text, line_blocks, previous, a))
        if rows is not None:
            cells = [[Cell(s, e, t, r, c) for c, (s, e, t) in enumerate(row)] for r, row in enumerate(rows)]
            start = starts[a]
            end = starts[b] - 1 if b < len(starts) else len(text)
            issues = [TableIssue(start, end, *why)] if why else []
            blocks.append(Table(start, end, cells, "html", issues))
        previous = b
    blocks.extend(text_tables.blocks_with_tables(text, line_blocks, previous, len(starts)))
    meta = {"title": page_title} if page_title else {}
    if out.published:
        meta["pubdate"] = out.published
    report = build_report(path, text, "html", blocks, meta)
    return MappedReport.from_report(report, html, out.r)
