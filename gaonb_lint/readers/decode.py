"""Bytes → text.  Reports are decoded as UTF-8 (BOM optional) or UTF-16 with a BOM; anything
else is refused with one line naming the file rather than guessed."""
from __future__ import annotations

import codecs
from typing import Tuple

from gaonb_lint.errors import InputError


def decode(path: str, data: bytes) -> Tuple[str, str]:
    """Return ``(text, encoding)``; newlines are normalised to ``\\n`` (line numbers unchanged)."""
    if data.startswith(codecs.BOM_UTF8):
        text, enc = _strict(path, data[3:], "utf-8"), "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text, enc = _strict(path, data, "utf-16"), "utf-16"
    else:
        if b"\x00" in data[:8192]:
            raise InputError(f"{path}: binary file (contains NUL bytes), not a report")
        text, enc = _strict(path, data, "utf-8"), "utf-8"
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, enc


def _strict(path: str, data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise InputError(
            f"{path}: cannot decode as {encoding} (invalid byte 0x{data[e.start]:02x} on line {line}); "
            f"save the file as UTF-8"
        ) from None
