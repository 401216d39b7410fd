"""Page geometry for the PDF reader, independent of the PDF library: characters into lines,
ruling lines into table grids.

Coordinates are PDF points with the origin at the top left of the page (``top`` grows downwards).
A ruled table is read from its rules only: the distinct x positions of its vertical rules and y
positions of its horizontal rules cut it into a grid of atomic cells; two neighbouring atomic
cells with no rule between them are one (merged) cell.  The text of a merged cell goes in its
top-left position and the positions it spans stay empty, as for HTML ``rowspan``/``colspan`` and
Word's merged cells.  Nothing is inferred from where text happens to sit: a merged area that is
not a rectangle, or a character lying across a rule, makes the table unreadable at that place.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence, Tuple

TOL = 2.0  # points: rules this close are the same rule; a rule this short of a corner still meets it


@dataclass
class Char:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass
class Line:
    """Characters on one baseline, left to right."""

    chars: List[Char]
    text: str = ""

    @property
    def x0(self) -> float:
        return self.chars[0].x0

    @property
    def x1(self) -> float:
        return max(c.x1 for c in self.chars)

    @property
    def top(self) -> float:
        return min(c.top for c in self.chars)

    @property
    def bottom(self) -> float:
        return max(c.bottom for c in self.chars)

    @property
    def size(self) -> float:
        """The median size of the line's Chinese characters (Latin letters and digits often come
        from another font with a taller box), or of all of them."""
        sizes = sorted(c.size for c in self.chars if is_cjk(c.text) and c.text not in "（）“”‘’")
        sizes = sizes or sorted(c.size for c in self.chars if not c.text.isspace())
        return sizes[len(sizes) // 2] if sizes else self.chars[0].size


def is_cjk(ch: str) -> bool:
    o = ord(ch)
    return (0x2E80 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0xFF00 <= o <= 0xFFEF
            or 0x3000 <= o <= 0x303F or 0x20000 <= o <= 0x2FFFF or ch in "“”‘’—…·")


def join_pieces(left: str, right: str, sep: str = " ") -> str:
    """Join two runs of text broken apart by layout: nothing between CJK text (a line break in
    Chinese is never a space), ``sep`` between two Latin words or numbers."""
    if not left:
        return right
    if not right:
        return left
    a, b = left[-1], right[0]
    if a.isspace() or b.isspace() or is_cjk(a) or is_cjk(b) or a in "-/（(" or b in "）)，,。.：:；;%":
        return left + right
    return left + sep + right


def build_lines(chars: Sequence[Char]) -> List[Line]:
    """Group characters into lines: a character belongs to a line when its vertical middle lies
    within the line's height; lines top to bottom, characters left to right."""
    lines: List[List[Char]] = []
    bands: List[Tuple[float, float]] = []
    for ch in sorted(chars, key=lambda c: (c.cy, c.x0)):
        if lines:
            top, bottom = bands[-1]
            if top - 0.5 <= ch.cy <= bottom + 0.5:
                lines[-1].append(ch)
                continue
        lines.append([ch])
        bands.append((ch.top, ch.bottom))
    out = []
    for cs in lines:
        cs.sort(key=lambda c: c.x0)
        out.append(Line(cs, line_text(cs)))
    return out


def line_text(chars: Sequence[Char]) -> str:
    """The text of one line: spaces kept where the PDF has them, a space for a word-sized gap
    between Latin letters or digits, a tab for a gap wider than two characters (cells of a table
    drawn without rules, so that the text-table reader can see them)."""
    out: List[str] = []
    prev: Optional[Char] = None
    for ch in chars:
        if prev is not None and not ch.text.isspace() and not prev.text.isspace():
            gap = ch.x0 - prev.x1
            size = max(prev.size, ch.size, 1.0)
            if gap > 2.0 * size:
                out.append("\t")
            elif gap > 0.25 * size and not is_cjk(prev.text[-1]) and not is_cjk(ch.text[0]):
                out.append(" ")
        if ch.text.isspace():
            if out and out[-1] not in (" ", "\t"):
                out.append(" ")
        else:
            out.append(ch.text)
        prev = ch
    return "".join(out).strip(" ")


# -- rules and grids -------------------------------------------------------------------------

@dataclass
class Rule:
    """A horizontal (``pos`` is y, from ``a`` to ``b`` in x) or vertical (``pos`` is x) rule."""

    horizontal: bool
    pos: float
    a: float
    b: float


@dataclass
class Grid:
    """One ruled table on one page."""

    xs: List[float]
    ys: List[float]
    # region id of each atomic cell [row][col]
    region: List[List[int]]
    # region id → (row0, col0, row1, col1) inclusive, and its text
    boxes: Dict[int, Tuple[int, int, int, int]] = field(default_factory=dict)
    texts: Dict[int, str] = field(default_factory=dict)
    last_line_full: Dict[int, bool] = field(default_factory=dict)
    problems: List[Tuple[int, int, str, str]] = field(default_factory=list)  # row, col, zh, en

    @property
    def x0(self) -> float:
        return self.xs[0]

    @property
    def x1(self) -> float:
        return self.xs[-1]

    @property
    def top(self) -> float:
        return self.ys[0]

    @property
    def bottom(self) -> float:
        return self.ys[-1]

    def contains(self, c: Char) -> bool:
        return self.xs[0] - TOL <= c.cx <= self.xs[-1] + TOL and self.ys[0] - TOL <= c.cy <= self.ys[-1] + TOL

    def rows(self) -> List[List[str]]:
        """Cell texts, merged cells expanded: the text in the top-left position, empty where it spans."""
        out = [["" for _ in range(len(self.xs) - 1)] for _ in range(len(self.ys) - 1)]
        for rid, (r0, c0, _r1, _c1) in self.boxes.items():
            out[r0][c0] = self.texts.get(rid, "")
        return out

    def row_regions(self, r: int) -> List[int]:
        """Regions starting in row ``r``, left to right."""
        return [rid for rid, b in sorted(self.boxes.items(), key=lambda kv: kv[1][1]) if b[0] == r]


def merge_rules(rules: Sequence[Rule]) -> List[Rule]:
    """Collinear rules that touch or overlap become one."""
    out: List[Rule] = []
    for horizontal in (True, False):
        group = sorted((r for r in rules if r.horizontal == horizontal), key=lambda r: (round(r.pos), r.a))
        by_pos: List[List[Rule]] = []
        for r in sorted(group, key=lambda r: r.pos):
            if by_pos and abs(by_pos[-1][0].pos - r.pos) <= TOL / 2:
                by_pos[-1].append(r)
            else:
                by_pos.append([r])
        for same in by_pos:
            pos = sum(r.pos for r in same) / len(same)
            same.sort(key=lambda r: r.a)
            cur = Rule(horizontal, pos, same[0].a, same[0].b)
            for r in same[1:]:
                if r.a <= cur.b + TOL:
                    cur.b = max(cur.b, r.b)
                else:
                    out.append(cur)
                    cur = Rule(horizontal, pos, r.a, r.b)
            out.append(cur)
    return out


def _meets(h: Rule, v: Rule) -> bool:
    return h.a - TOL <= v.pos <= h.b + TOL and v.a - TOL <= h.pos <= v.b + TOL


def _cluster(values: Sequence[float]) -> List[float]:
    out: List[float] = []
    for v in sorted(values):
        if out and v - out[-1] <= TOL:
            continue
        out.append(v)
    return out


def _covered(rules: Sequence[Rule], pos: float, a: float, b: float) -> bool:
    """Is ``[a, b]`` at ``pos`` drawn by one of ``rules`` (merged, so one rule covers it)?"""
    for r in rules:
        if abs(r.pos - pos) <= TOL and r.a <= a + TOL and r.b >= b - TOL:
            return True
    return False


def find_grids(rules: Sequence[Rule]) -> List[Grid]:
    """The ruled tables among ``rules``: groups of horizontal and vertical rules that meet, with at
    least two of each and more than one cell."""
    rules = [r for r in merge_rules(rules) if r.b - r.a > TOL]
    parent = list(range(len(rules)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    hs = [i for i, r in enumerate(rules) if r.horizontal]
    vs = [i for i, r in enumerate(rules) if not r.horizontal]
    for i in hs:
        for j in vs:
            if _meets(rules[i], rules[j]):
                parent[find(i)] = find(j)
    groups: Dict[int, List[Rule]] = {}
    for i in range(len(rules)):
        groups.setdefault(find(i), []).append(rules[i])
    grids = []
    for group in groups.values():
        h = [r for r in group if r.horizontal]
        v = [r for r in group if not r.horizontal]
        if len(h) < 2 or len(v) < 2:
            continue
        grid = _grid(h, v)
        if grid is not None:
            grids.append(grid)
    grids.sort(key=lambda g: (g.top, g.x0))
    return grids


def _grid(h: List[Rule], v: List[Rule]) -> Optional[Grid]:
    xs = _cluster([r.pos for r in v] + [min(r.a for r in h), max(r.b for r in h)])
    ys = _cluster([r.pos for r in h] + [min(r.a for r in v), max(r.b for r in v)])
    nr, nc = len(ys) - 1, len(xs) - 1
    if nr < 1 or nc < 1 or nr * nc < 2:
        return None
    # Union atomic cells with no rule between them.
    parent = list(range(nr * nc))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for r in range(nr):
        for c in range(nc):
            if c + 1 < nc and not _covered(v, xs[c + 1], ys[r], ys[r + 1]):
                parent[find(r * nc + c)] = find(r * nc + c + 1)
            if r + 1 < nr and not _covered(h, ys[r + 1], xs[c], xs[c + 1]):
                parent[find(r * nc + c)] = find((r + 1) * nc + c)
    region = [[find(r * nc + c) for c in range(nc)] for r in range(nr)]
    grid = Grid(xs, ys, region)
    cells: Dict[int, List[Tuple[int, int]]] = {}
    for r in range(nr):
        for c in range(nc):
            cells.setdefault(region[r][c], []).append((r, c))
    for rid, members in cells.items():
        r0, c0 = min(m[0] for m in members), min(m[1] for m in members)
        r1, c1 = max(m[0] for m in members), max(m[1] for m in members)
        grid.boxes[rid] = (r0, c0, r1, c1)
        if len(members) != (r1 - r0 + 1) * (c1 - c0 + 1):
            grid.problems.append((r0, c0, "表格线不完整，单元格的边界无法确定",
                                  "the table's rules are incomplete: cell borders cannot be told"))
    return grid


def _index(edges: Sequence[float], v: float) -> int:
    for i in range(len(edges) - 1):
        if v < edges[i + 1]:
            return i
    return len(edges) - 2


def _numbers_apart(chars: Sequence[Char]) -> bool:
    """Two digits a character or more apart on one line of a cell: numbers of different columns
    whose rule is missing (a thousands separator is never that wide)."""
    for a, b in zip(chars, chars[1:]):
        if a.text.isdigit() and b.text.isdigit() and b.x0 - a.x1 > 0.8 * max(a.size, b.size):
            return True
    return False


def fill_grid(grid: Grid, chars: Sequence[Char]) -> None:
    """Put each character in the cell holding its middle; a character lying across a rule
    between two cells is a problem (which cell it belongs to cannot be told)."""
    per: Dict[int, List[Char]] = {}
    for ch in chars:
        r, c = _index(grid.ys, ch.cy), _index(grid.xs, ch.cx)
        rid = grid.region[r][c]
        r0, c0, r1, c1 = grid.boxes[rid]
        left, right = grid.xs[c0], grid.xs[c1 + 1]
        width = max(ch.x1 - ch.x0, 0.1)
        if not ch.text.isspace() and (left - ch.x0 > 0.4 * width or ch.x1 - right > 0.4 * width):
            grid.problems.append((r0, c0, f"文字“{ch.text}”跨越了单元格边线", f"text '{ch.text}' lies across a cell border"))
        per.setdefault(rid, []).append(ch)
    for rid, cs in per.items():
        lines = build_lines(cs)
        text = ""
        for line in lines:
            text = join_pieces(text, line.text.replace("\t", " "))
        grid.texts[rid] = text.strip()
        r0, c0, r1, c1 = grid.boxes[rid]
        if any(_numbers_apart(line.chars) for line in lines):
            grid.problems.append((r0, c0, f"一个单元格里有几个分开的数字（“{grid.texts[rid]}”），无法确定各属哪一列",
                                  f"several separate numbers in one cell ('{grid.texts[rid]}'): "
                                  f"which column each belongs to cannot be told"))
        if lines:
            last = lines[-1]
            grid.last_line_full[rid] = last.x1 >= grid.xs[c1 + 1] - 1.6 * last.size and last.x0 <= grid.xs[c0] + 1.6 * last.size
