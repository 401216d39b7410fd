"""Positions between gaonb-lint and the Language Server Protocol.

gaonb-lint counts 1-based lines and 1-based columns in Unicode code points; LSP counts 0-based
lines and 0-based characters in UTF-16 code units (the protocol's default; a client may agree on
UTF-8 or UTF-32 instead).  A character outside the Basic Multilingual Plane (𠀀, an emoji) is one
code point but two UTF-16 units, so a column cannot be converted without the text of its line.
Lines end at ``\n``, ``\r\n`` or ``\r`` only, as the protocol says (not at U+2028 and the other
breaks of ``str.splitlines``), which is also where gaonb-lint's readers end them.
"""
from __future__ import annotations

from typing import List, Tuple


class LineIndex:
    """The lines of one document, as gaonb-lint's readers split them (at ``\\n``, after
    ``\\r\\n`` and ``\\r`` became ``\\n``: the same line numbers an LSP client uses)."""

    def __init__(self, text: str, encoding: str = "utf-16"):
        self.units = _UNITS.get(encoding, _utf16_units)
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        self.lines: List[str] = text.split("\n")

    def _line(self, line0: int) -> str:
        return self.lines[line0] if 0 <= line0 < len(self.lines) else ""

    def to_lsp(self, line: int, column: int) -> Tuple[int, int]:
        """gaonb-lint's 1-based (line, code-point column) → LSP's 0-based (line, character in the
        agreed encoding's units)."""
        line0 = max(0, line - 1)
        if line0 >= len(self.lines):  # past the end: the end of the last line
            line0 = len(self.lines) - 1
            column = len(self.lines[line0]) + 1
        prefix = self._line(line0)[:max(0, column - 1)]
        return line0, self.units(prefix)

    def from_lsp(self, line0: int, character: int) -> Tuple[int, int]:
        """LSP's 0-based (line, character) → gaonb-lint's 1-based (line, code-point column).
        A character inside a code point's units is moved to the start of that code point."""
        text = self._line(line0)
        units = 0
        for i, ch in enumerate(text):
            step = self.units(ch)
            if units + step > character:
                return line0 + 1, i + 1
            units += step
        return line0 + 1, len(text) + 1


def _utf16_units(text: str) -> int:
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


_UNITS = {"utf-16": _utf16_units, "utf-32": len, "utf-8": lambda text: len(text.encode("utf-8", "surrogatepass"))}
