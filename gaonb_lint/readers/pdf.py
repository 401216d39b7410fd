"""PDF reports (exported from Word or WPS), through pypdfium2 (the optional ``pdf`` extra:
``pip install 'gaonb-lint[pdf]'``).

A PDF has no lines of text, only characters placed on pages, so the report is read from a text
rendering and positions refer to it, as for DOCX: **line N is the N-th paragraph of the extracted
text, counting every table row as one line** (its cells joined by tabs); every diagnostic also
names the page its text sits on.  ``gaonb-lint convert FILE.pdf --to md`` shows what was read.

Reading, page by page (geometry in ``pdf_layout``):

- characters are grouped into lines; ruled tables are read from their rules alone (merged cells
  expanded, text in the top-left position) and a table continued on the next page is joined to
  it, without the header rows repeated there;
- page numbers (``- 1 -``, ``第 1 页``, ``1/5``) at the top or bottom of a page, and running
  headers or footers (the same text at the same place on several pages) are dropped;
- a line that runs to the right margin is continued by the next line when that one starts at
  the left margin, so ``2024`` / ``年1月1日`` broken by the layout reads ``2024年1月1日`` (a new
  paragraph starts indented, a heading stands on its own line).

What cannot be read is said, never guessed: an encrypted file or one without a text layer (a scan)
cannot be checked; a ruled area whose cell borders do not form a grid, or text lying across a
rule, makes that table unreadable.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, fields
from typing import Dict, List, Optional, Sequence, Tuple, Union

from gaonb_lint.errors import InputError
from gaonb_lint.model import Block, Cell, Report, Table, TableIssue
from gaonb_lint.readers.pdf_layout import (Char, Grid, Line, Rule, build_lines, fill_grid, find_grids,
                                           join_pieces)

EXTRA_HINT = "pip install 'gaonb-lint[pdf]'"

_PAGE_NUMBER = re.compile(r"^(?:[-—–－]\s*\d{1,4}\s*[-—–－]|\d{1,4}|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
                          r"|\d{1,4}\s*/\s*\d{1,4}|(?:page|p\.)\s*\d{1,4}(?:\s*of\s*\d{1,4})?)$", re.IGNORECASE)
_HEADING_START = re.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}\s*[、.．]|[（(][一二三四五六七八九十]{1,3}[)）])")
_SENTENCE_END = tuple("。；;：:！!？?")
_NUMBER = re.compile(r"^\s*[-+]?\d+(?:\.\d+)?\s*$")
MARGIN_BAND = 0.15  # page numbers sit in the outer 15% of the page


def _import_pdfium():
    try:
        import pypdfium2
        import pypdfium2.raw  # noqa: F401
    except ImportError:
        return None
    return pypdfium2


@dataclass
class PagedReport(Report):
    """A ``Report`` read from a paged source: ``page_at(offset)`` is the page a character is on."""

    page_offsets: List[int] = field(default_factory=list, repr=False)
    page_numbers: List[int] = field(default_factory=list, repr=False)

    def page_at(self, offset: int) -> int:
        i = bisect.bisect_right(self.page_offsets, offset) - 1
        return self.page_numbers[max(0, i)] if self.page_numbers else 1


# -- one page -------------------------------------------------------------------------------

@dataclass
class Piece:
    """A table read from one or more pages: cell texts (merged cells expanded), the page of each
    row, what could not be read, and for the last row which cells' text runs on."""

    xs: List[float]
    rows: List[List[str]]
    pages: List[int]
    problems: List[Tuple[int, int, str, str]]
    tail: Dict[int, Tuple[int, bool]]  # column → (row holding the text, text reaches the cell's right)
    top: float
    bottom: float
    ruled: bool = True  # False: lines of a table drawn without rules, whose cells are not known

    @classmethod
    def from_grid(cls, grid: Grid, page: int) -> "Piece":
        rows = grid.rows()
        last = len(rows) - 1
        tail = {}
        for rid, (r0, c0, r1, c1) in grid.boxes.items():
            if r1 == last:
                tail[c0] = (r0, grid.last_line_full.get(rid, False))
        return cls(list(grid.xs), rows, [page] * len(rows), list(grid.problems), tail, grid.top, grid.bottom)


Item = Union[Line, Piece]


@dataclass
class Page:
    number: int
    width: float
    height: float
    items: List[Item]
    chars: int
    images: int
    unmapped: int


def _chars(page, textpage, raw, height: float) -> Tuple[List[Char], int]:
    out: List[Char] = []
    found = []
    unmapped = 0
    n = textpage.count_chars()
    i = 0
    while i < n:
        idx = i
        i += 1
        if raw.FPDFText_IsGenerated(textpage.raw, idx):
            continue
        u = raw.FPDFText_GetUnicode(textpage.raw, idx)
        if 0xD800 <= u < 0xDC00 and i < n:
            low = raw.FPDFText_GetUnicode(textpage.raw, i)
            if 0xDC00 <= low < 0xE000:
                u = 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00)
                i += 1
        if u < 0x20 or u in (0xFEFF, 0x200B) or 0xDC00 <= u < 0xE000:
            continue
        ch = chr(u)
        if u == 0xFFFD or 0xE000 <= u <= 0xF8FF or raw.FPDFText_HasUnicodeMapError(textpage.raw, idx):
            unmapped += 1
        # The loose box (the font's ascent to descent) is the same for every character of a line,
        # and its height is the size as printed (the font size in the PDF is often scaled by the
        # text matrix).  Rotated characters (vertical labels in narrow cells) use the glyph's box.
        # Rotated characters, and those of a vertical-writing font (WPS's upright labels in
        # narrow cells, whose loose box is the whole font square), use the glyph's own box.
        rotated = abs(raw.FPDFText_GetCharAngle(textpage.raw, idx)) > 0.01
        found.append((" " if ch in "\u3000\u00a0" else ch, textpage.get_charbox(idx, loose=True),
                      textpage.get_charbox(idx), rotated))
    heights = sorted(loose[3] - loose[1] for _, loose, _, rotated in found if not rotated)
    typical = heights[len(heights) // 2] if heights else 10.0
    for ch, loose, tight, rotated in found:
        left, bottom, right, top = loose
        size = top - bottom
        if rotated or size > 3 * typical:
            left, bottom, right, top = tight
            size = max(right - left, top - bottom, 0.5 * typical)
        # PDF y grows upwards; here ``top`` is measured from the top of the page.
        out.append(Char(ch, left, height - top, right, height - bottom, size))
    return out, unmapped


def _rules(page, raw, height: float) -> List[Rule]:
    """Table rules: thin filled rectangles and stroked straight segments, in page coordinates."""
    import ctypes

    out: List[Rule] = []
    for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_PATH], max_depth=0):
        left, bottom, right, top = obj.get_bounds()
        w, h = right - left, top - bottom
        if h <= 3 and w > 3:
            out.append(Rule(True, height - (top + bottom) / 2, left, right))
            continue
        if w <= 3 and h > 3:
            out.append(Rule(False, (left + right) / 2, height - top, height - bottom))
            continue
        fill, stroke = ctypes.c_int(), ctypes.c_int()
        if not raw.FPDFPath_GetDrawMode(obj.raw, ctypes.byref(fill), ctypes.byref(stroke)) or not stroke.value:
            continue  # a filled area (cell shading, a seal) is not a rule
        a, b, c, d, e, f = obj.get_matrix().get()
        points: List[Tuple[float, float]] = []
        start: Optional[Tuple[float, float]] = None
        x, y = ctypes.c_float(), ctypes.c_float()
        for k in range(raw.FPDFPath_CountSegments(obj.raw)):
            seg = raw.FPDFPath_GetPathSegment(obj.raw, k)
            if not raw.FPDFPathSegment_GetPoint(seg, ctypes.byref(x), ctypes.byref(y)):
                continue
            px, py = a * x.value + c * y.value + e, b * x.value + d * y.value + f
            kind = raw.FPDFPathSegment_GetType(seg)
            if kind == raw.FPDF_SEGMENT_MOVETO:
                points, start = [(px, py)], (px, py)
                continue
            if kind == raw.FPDF_SEGMENT_LINETO and points:
                _segment(out, points[-1], (px, py), height)
            points.append((px, py))
            if raw.FPDFPathSegment_GetClose(seg) and start is not None:
                _segment(out, (px, py), start, height)
    return out


def _segment(out: List[Rule], p: Tuple[float, float], q: Tuple[float, float], height: float) -> None:
    (x0, y0), (x1, y1) = p, q
    if abs(y0 - y1) <= 1 and abs(x1 - x0) > 3:
        out.append(Rule(True, height - (y0 + y1) / 2, min(x0, x1), max(x0, x1)))
    elif abs(x0 - x1) <= 1 and abs(y1 - y0) > 3:
        out.append(Rule(False, (x0 + x1) / 2, height - max(y0, y1), height - min(y0, y1)))


def _read_page(page, number: int, raw) -> Page:
    width, height = page.get_size()
    textpage = page.get_textpage()
    try:
        chars, unmapped = _chars(page, textpage, raw, height)
    finally:
        textpage.close()
    images = sum(1 for _ in page.get_objects(filter=[raw.FPDF_PAGEOBJ_IMAGE], max_depth=1))
    grids = find_grids(_rules(page, raw, height))
    inside: List[List[Char]] = [[] for _ in grids]
    body: List[Char] = []
    for ch in chars:
        for k, g in enumerate(grids):
            if g.contains(ch):
                inside[k].append(ch)
                break
        else:
            body.append(ch)
    items: List[Item] = [line for line in build_lines(body) if line.text.strip()]
    for g, cs in zip(grids, inside):
        if not cs:  # a ruled box with nothing in it (a frame, a signature box) is not a table
            continue
        fill_grid(g, cs)
        items.append(Piece.from_grid(g, number))
    items.sort(key=lambda it: it.top)
    printable = sum(1 for c in chars if not c.text.isspace())
    return Page(number, width, height, items, printable, images, unmapped)


# -- across pages ----------------------------------------------------------------------------

def _norm(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def _drop_running_lines(pages: List[Page]) -> None:
    """Page numbers and running headers/footers: the first or last lines of a page that are a page
    number in the outer band, or that repeat (digits aside) at the same height on other pages."""
    def edge_lines(p: Page) -> List[Line]:
        lines = [it for it in p.items if isinstance(it, Line)]
        firsts = [it for it in p.items[:2] if isinstance(it, Line)]
        lasts = [it for it in p.items[-2:] if isinstance(it, Line)]
        return [ln for ln in lines if any(ln is x for x in firsts + lasts)]

    seen: Dict[Tuple[str, int], int] = {}
    for p in pages:
        for ln in edge_lines(p):
            key = (_norm(ln.text), round(ln.top / 4))
            seen[key] = seen.get(key, 0) + 1
    for p in pages:
        drop = []
        for ln in edge_lines(p):
            outer = ln.bottom < p.height * MARGIN_BAND or ln.top > p.height * (1 - MARGIN_BAND)
            if (outer and _PAGE_NUMBER.match(ln.text.strip())) or (
                    len(pages) > 1 and seen.get((_norm(ln.text), round(ln.top / 4)), 0) >= 2):
                drop.append(ln)
        p.items = [it for it in p.items if not any(it is d for d in drop)]


@dataclass
class Para:
    """A paragraph as it will be written: its text and, per piece, (offset in text, page)."""

    text: str
    pages: List[Tuple[int, int]]
    last: Line
    page: Page


@dataclass
class Column:
    """The body text's column: left and right edges and the size of its characters."""

    left: float
    right: float
    size: float


def _body_column(pages: List[Page]) -> Column:
    """The leftmost start shared by a tenth of the lines (first lines are indented, continuation
    lines are not), where long lines end, and the usual size of a line's characters."""
    lefts: Dict[int, int] = {}
    rights: List[float] = []
    sizes: List[float] = []
    for p in pages:
        for it in p.items:
            if isinstance(it, Line) and len(it.text) >= 4:
                lefts[round(it.x0)] = lefts.get(round(it.x0), 0) + 1
                rights.append(it.x1)
                sizes.append(it.size)
    if not lefts:
        return Column(0.0, 0.0, 0.0)
    total = sum(lefts.values())
    common = [x for x, n in lefts.items() if n >= max(2, total // 10)] or list(lefts)
    rights.sort()
    sizes.sort()
    return Column(float(min(common)), rights[int(len(rights) * 0.9)], sizes[len(sizes) // 2])


def _continues(a: Line, a_page: Page, b: Line, b_page: Page, first_on_page: bool, col: Column) -> bool:
    """Does line ``b`` continue the paragraph that line ``a`` ends (a break made by the layout)?"""
    size, left, right = a.size, col.left, col.right
    if abs(b.size - size) > 0.15 * size or "\t" in a.text or "\t" in b.text:
        return False
    if b_page is a_page:
        if b.top - a.bottom > 1.2 * size:
            return False
    elif not first_on_page or b_page.number != a_page.number + 1:
        return False
    if _HEADING_START.match(b.text) and a.text.rstrip().endswith(_SENTENCE_END):
        return False
    mid = (left + right) / 2
    if b.x0 > left + size and abs((b.x0 + b.x1) / 2 - mid) < size:
        # A centred title over two lines: in a larger type than the body (the body's name, then
        # the year and 政府信息公开工作年度报告), or wrapped because the first line fills the column.
        if abs((a.x0 + a.x1) / 2 - mid) >= size:
            return False
        return a.x1 - a.x0 >= (right - left) - 3 * size or (size > 1.15 * col.size and b_page is a_page)
    # The line breaks before a character that may not start a line (``，``) or a Latin word or
    # number that does not fit, so a full line may end short of the margin by that much.
    slack = 3.0 if b.text[:1].isascii() and b.text[:1].isalnum() else 1.2
    return a.x1 >= right - slack * size and b.x0 <= left + 0.5 * size


@dataclass
class Flow:
    """The document in reading order: paragraphs and tables."""

    blocks: List[Union[Para, Piece]] = field(default_factory=list)


def _columns(a: Piece, b: Piece) -> Optional[List[float]]:
    """The column edges of ``a`` and ``b`` together when ``b`` continues ``a``, else ``None``: the
    outer edges of one are column edges of the other.  A part may lack rules the other has (a
    fully merged row; the rules of a cell merged down across the page, which some programs do
    not draw on the next page)."""
    def within(p: Piece, q: Piece) -> bool:
        return all(any(abs(x - y) <= 3 for y in q.xs) for x in (p.xs[0], p.xs[-1]))

    if not (within(b, a) or within(a, b)):
        return None
    xs: List[float] = []
    for x in sorted(a.xs + b.xs):
        if not xs or x - xs[-1] > 3:
            xs.append(x)
    return xs


def _regrid(piece: Piece, xs: List[float]) -> List[int]:
    """Put ``piece`` on the finer column edges ``xs``: a cell now spanning several columns keeps its
    text in the first (as merged cells are expanded).  Returns each old column's new index."""
    index = [min(range(len(xs) - 1), key=lambda k: abs(xs[k] - x)) for x in piece.xs[:-1]]
    width = len(xs) - 1
    rows = []
    for row in piece.rows:
        out = [""] * width
        for j, text in enumerate(row):
            out[index[j]] = text
        rows.append(out)
    piece.rows = rows
    piece.problems = [(r, index[c] if c < len(index) else c, zh, en) for r, c, zh, en in piece.problems]
    piece.tail = {index[c]: v for c, v in piece.tail.items() if c < len(index)}
    piece.xs = list(xs)
    return index


def _join_tables(a: Piece, b: Piece, xs: List[float]) -> None:
    _regrid(a, xs)
    _regrid(b, xs)
    # A row cut by the page with no text on one side is an empty row there.
    if a.rows and not any(a.rows[-1]):
        a.rows.pop()
        a.pages.pop()
    rows, pages, problems, tail = b.rows, b.pages, b.problems, b.tail
    # Header rows repeated at the top of the continuation.
    k = 0
    while k < len(rows) and k < len(a.rows) and rows[k] == a.rows[k] and any(rows[k]):
        k += 1
    while k < len(rows) and not any(rows[k]):
        k += 1
    old = len(a.rows)
    shift = old - k  # b's row r becomes a's row r + shift
    # A row broken by the page: its first line(s) end the page, the rest opens the next one.  Only
    # when the continuation has no numbers and each of its texts continues a cell whose last line
    # runs to the cell's edge.
    merged = False
    first = rows[k] if k < len(rows) else []
    if first and a.rows and not any(_NUMBER.match(t) for t in first) \
            and any(_NUMBER.match(t) for t in a.rows[-1]) and any(first):
        cont = [(c, t) for c, t in enumerate(first) if t]
        if all(c in a.tail and a.tail[c][1] and a.rows[a.tail[c][0]][c] for c, _ in cont):
            for c, t in cont:
                r = a.tail[c][0]
                a.rows[r][c] = join_pieces(a.rows[r][c], t)
            merged = True
            shift -= 1
    start = k + 1 if merged else k
    a.rows.extend(rows[start:])
    a.pages.extend(pages[start:])
    a.problems.extend((r + shift, c, zh, en) for r, c, zh, en in problems if r >= start)
    a.tail = {c: (r + shift, full) for c, (r, full) in tail.items() if 0 <= r + shift < len(a.rows)}
    a.bottom = b.bottom


def _flow(pages: List[Page]) -> Flow:
    col = _body_column(pages)
    flow = Flow()
    last_item: Optional[Item] = None
    last_page: Optional[Page] = None
    for p in pages:
        for n, it in enumerate(p.items):
            prev = flow.blocks[-1] if flow.blocks else None
            if isinstance(it, Piece):
                if isinstance(prev, Piece) and isinstance(last_item, Piece) and n == 0 \
                        and last_page is not None and p.number == last_page.number + 1 \
                        and last_page.items and last_page.items[-1] is last_item:
                    xs = _columns(prev, it)
                    if xs is not None:
                        _join_tables(prev, it, xs)
                        last_item, last_page = it, p
                        continue
                flow.blocks.append(it)
            else:
                if isinstance(prev, Para) and isinstance(last_item, Line) and _continues(
                        last_item, last_page, it, p, n == 0, col):
                    prev.pages.append((len(join_pieces(prev.text, "\x00")) - 1, p.number))
                    prev.text = join_pieces(prev.text, it.text)
                    prev.last = it
                else:
                    flow.blocks.append(Para(it.text, [(0, p.number)], it, p))
            last_item, last_page = it, p
    return flow


_UNRULED = ("表格没有表格线，无法确定哪些文字属于哪个单元格",
            "the table is drawn without rules: which text belongs to which cell cannot be told")


def _unruled_tables(flow: Flow) -> None:
    """Lines with wide gaps (a table drawn without rules), with the short lines between them (cell
    text wrapped onto the next line), become one table marked unreadable: without rules which
    text belongs to which cell is a guess."""
    out: List[Union[Para, Piece]] = []
    run: List[Para] = []

    def close() -> None:
        if sum("\t" in p.text for p in run) >= 2:
            rows = [p.text.split("\t") for p in run]
            width = max(len(r) for r in rows)
            rows = [[c.strip() for c in r] + [""] * (width - len(r)) for r in rows]
            pages = [p.pages[0][1] for p in run]
            out.append(Piece([0.0] * (width + 1), rows, pages, [(0, 0, *_UNRULED)], {}, 0.0, 0.0, ruled=False))
        else:
            out.extend(run)
        run.clear()

    def flush() -> None:
        trailing: List[Para] = []
        while run and "\t" not in run[-1].text:  # short lines after the last row stay prose
            trailing.insert(0, run.pop())
        close()
        out.extend(trailing)

    for block in flow.blocks:
        if isinstance(block, Para) and ("\t" in block.text or (
                run and len(block.text) <= 20 and not block.text.endswith(_SENTENCE_END)
                and _HEADING_START.match(block.text) is None)):
            run.append(block)
            continue
        flush()
        out.append(block)
    flush()
    flow.blocks = out


# -- the report -----------------------------------------------------------------------------

def _open(path: str, data: bytes):
    pdfium = _import_pdfium()
    if pdfium is None:
        raise InputError("input.pdf-needs-extra", path=path, command=EXTRA_HINT)
    try:
        return pdfium, pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        text = str(e).lower()
        if "password" in text:
            raise InputError("input.pdf-encrypted", path=path) from None
        if "security" in text:
            raise InputError("input.pdf-unsupported-encryption", path=path) from None
        raise InputError("input.pdf-unreadable", path=path) from None


def read_pages(path: str, data: bytes) -> List[Page]:
    pdfium, doc = _open(path, data)
    import pypdfium2.raw as raw

    try:
        pages = []
        for i in range(len(doc)):
            page = doc[i]
            try:
                pages.append(_read_page(page, i + 1, raw))
            finally:
                page.close()
    except pdfium.PdfiumError:
        raise InputError("input.pdf-page-unreadable", path=path) from None
    finally:
        doc.close()
    if not pages:
        raise InputError("input.pdf-no-pages", path=path)
    total = sum(p.chars for p in pages)
    if total == 0:
        raise InputError("input.pdf-no-text", path=path)
    scanned = [p.number for p in pages if p.chars == 0 and p.images]
    if scanned:
        raise InputError("input.pdf-scanned-pages", path=path, pages=[str(n) for n in scanned])
    unmapped = sum(p.unmapped for p in pages)
    if unmapped > 0.02 * total:
        raise InputError("input.pdf-undecodable", path=path, unmapped=unmapped, total=total)
    return pages


def read_pdf(path: str, data: bytes) -> Report:
    from gaonb_lint.readers import text_tables
    from gaonb_lint.readers.structure import build_report
    from gaonb_lint.readers.text import line_blocks

    pages = read_pages(path, data)
    _drop_running_lines(pages)
    flow = _flow(pages)
    _unruled_tables(flow)

    lines: List[str] = []
    starts: List[int] = []
    page_offsets: List[int] = []
    page_numbers: List[int] = []
    pos = 0
    tables: List[Tuple[int, Piece]] = []

    def mark(offset: int, page: int) -> None:
        if not page_numbers or page_numbers[-1] != page:
            page_offsets.append(offset)
            page_numbers.append(page)

    for block in flow.blocks:
        if isinstance(block, Para):
            for at, page in block.pages:
                mark(pos + at, page)
            add = [block.text]
        else:
            tables.append((len(lines), block))
            add = []
            row_pos = pos
            for row, page in zip(block.rows, block.pages):
                mark(row_pos, page)
                line = "\t".join(c.replace("\t", " ") for c in row)
                add.append(line)
                row_pos += len(line) + 1
        for line in add:
            starts.append(pos)
            lines.append(line)
            pos += len(line) + 1
    text = "\n".join(lines)

    blocks: List[Block] = []
    previous = 0
    for first, piece in tables:
        blocks.extend(text_tables.blocks_with_tables(text, line_blocks, previous, first))
        last = first + len(piece.rows) - 1
        end = starts[last] + len(lines[last]) if piece.rows else starts[first]
        if not piece.ruled:  # the lines are shown as they are; no cell is made up
            blocks.append(Table(starts[first], end, [], "pdf", [TableIssue(starts[first], end, *piece.problems[0][2:])]))
            previous = first + len(piece.rows)
            continue
        rows: List[List[Cell]] = []
        for r, cells in enumerate(piece.rows):
            at = starts[first + r]
            row: List[Cell] = []
            for c, cell in enumerate(cells):
                shown = cell.replace("\t", " ")
                row.append(Cell(at, at + len(shown), cell, r, c))
                at += len(shown) + 1
            rows.append(row)
        issues = []
        for r, c, zh, en in piece.problems:
            if 0 <= r < len(rows) and 0 <= c < len(rows[r]):
                cell = rows[r][c]
                issues.append(TableIssue(cell.start, max(cell.end, cell.start + 1), zh, en))
        blocks.append(Table(starts[first], end, rows, "pdf", issues))
        previous = first + len(piece.rows)
    blocks.extend(text_tables.blocks_with_tables(text, line_blocks, previous, len(lines)))
    report = build_report(path, text, "pdf", blocks, {})
    return PagedReport(**{f: getattr(report, f) for f in _REPORT_FIELDS},
                       page_offsets=page_offsets, page_numbers=page_numbers)


# Every field a Report is built with, so that what a reader records is never lost in the copy.
_REPORT_FIELDS = tuple(f.name for f in fields(Report) if f.init and f.name != "_line_starts")

