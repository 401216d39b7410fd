"""Where a value of a TOML document sits: the line of a key path such as ``("rule", 2, "kind")``.

``tomllib`` gives values without positions; a pack error must still name its line.  This scan
follows table headers (``[pack]``, ``[[rule]]``, ``[[rule.case]]``, ``[rule.replace]``) and
``key =`` lines, skipping multi-line strings, which is all a rule pack uses.
"""
from __future__ import annotations

import re
from typing import Dict, Sequence, Tuple, Union

Path = Tuple[Union[str, int], ...]

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(r"""^\s*((?:"[^"]*"|'[^']*'|[A-Za-z0-9_-]+)(?:\s*\.\s*(?:"[^"]*"|'[^']*'|[A-Za-z0-9_-]+))*)\s*=""")


def _parts(dotted: str) -> Tuple[str, ...]:
    out = []
    for part in re.findall(r'"[^"]*"|\'[^\']*\'|[^.\s]+', dotted):
        out.append(part[1:-1] if part[:1] in "\"'" else part)
    return tuple(out)


def key_lines(text: str) -> Dict[Path, int]:
    """Every table and key path of ``text`` → its 1-based line (arrays of tables get indexes)."""
    lines: Dict[Path, int] = {}
    counts: Dict[Tuple[str, ...], int] = {}
    current: Path = ()
    in_string = None
    for n, line in enumerate(text.split("\n"), 1):
        if in_string:
            if line.count(in_string) % 2 == 1:
                in_string = None
            continue
        header = _HEADER.match(line)
        if header and not _KEY.match(line):
            names = _parts(header.group(2))
            if header.group(1) == "[[":
                counts[names] = counts.get(names, -1) + 1
                # Nested arrays: [[rule.case]] belongs to the latest [[rule]].
                current = _indexed(names, counts)
            else:
                current = _indexed(names[:-1], counts) + (names[-1],) if len(names) > 1 else names
            lines.setdefault(current, n)
            if header.group(1) == "[[":
                counts_prefix = names
                for key in list(counts):  # a new [[rule]] restarts the numbering of its [[rule.case]]
                    if len(key) > len(counts_prefix) and key[:len(counts_prefix)] == counts_prefix:
                        del counts[key]
            continue
        key = _KEY.match(line)
        if key:
            path = current + _parts(key.group(1))
            lines.setdefault(path, n)
            rest = line[key.end():]
            for quote in ('"""', "'''"):
                if rest.count(quote) % 2 == 1:
                    in_string = quote
                    break
    return lines


def _indexed(names: Tuple[str, ...], counts: Dict[Tuple[str, ...], int]) -> Path:
    """``("rule", "case")`` → ``("rule", 2, "case", 0)`` with the current index of each array."""
    out: list = []
    for i in range(len(names)):
        out.append(names[i])
        prefix = names[:i + 1]
        if prefix in counts:
            out.append(counts[prefix])
    return tuple(out)


def line_of(lines: Dict[Path, int], path: Sequence[Union[str, int]]) -> int:
    """The line of ``path``, or of its nearest enclosing table or key that has one (1 if none)."""
    path = tuple(path)
    while path:
        if path in lines:
            return lines[path]
        path = path[:-1]
    return 1
