"""Text from reports, file names and plugins, made safe to print as one line.

A message or a path is printed inside a line that CI problem matchers and terminals read: a raw
newline would forge another finding line, an ESC or OSC sequence would drive the terminal, and
bidirectional controls would show a line in another order than it is.  ``printable`` writes
those characters as escapes (``\\n``, ``\\x1b``, ``\\u202e``); a byte of a file name that is not
UTF-8 (kept by Python as a lone surrogate) is written as ``\\xff``.  ``json_safe`` only replaces
the lone surrogates, which no encoder can write, so JSON stays exact otherwise.
"""
from __future__ import annotations

import re

_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(m: "re.Match[str]") -> str:
    ch = m.group()
    if ch in _NAMED:
        return _NAMED[ch]
    o = ord(ch)
    if 0xDC80 <= o <= 0xDCFF:  # os.fsdecode's stand-in for a byte that is not UTF-8
        return f"\\x{o - 0xDC00:02x}"
    return f"\\x{o:02x}" if o < 0x100 else f"\\u{o:04x}"


def printable(text: str) -> str:
    """``text`` with control, bidirectional and line-separator characters escaped."""
    return _UNSAFE.sub(_escape, text)


def json_safe(text: str) -> str:
    """``text`` with lone surrogates (undecodable bytes of file names) escaped."""
    return _SURROGATE.sub(_escape, text)
