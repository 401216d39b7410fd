"""Bytes → text.

Reports reach us as UTF-8 (with or without a BOM), as GB18030/GBK/GB2312 (older government
sites and Windows tools) or as UTF-16 (Windows "Unicode" text, with a BOM).  The decoding is a
strict cascade, never a guess:

1. a BOM decides (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE);
2. strict UTF-8: multi-byte UTF-8 has a rigid shape, so GBK text of more than a few characters
   practically never passes it by accident (a page whose ``<meta>`` says gb2312 but whose bytes
   are valid UTF-8 was re-saved as UTF-8: the bytes win);
3. an HTML ``<meta charset>`` naming another encoding (Big5 …) is honoured when the bytes decode
   strictly and cleanly with it;
4. strict GB18030 (a superset of GBK and GB2312), accepted only when the result looks like
   Chinese prose: no control characters, and most Chinese characters among the 3755 most common
   ones (GB2312 level 1).  Text in another encoding (Big5, Shift-JIS, Latin-1 …) that happens to
   decode as GB18030 yields rare characters and fails this check;
5. UTF-16 without a BOM when every other byte is NUL and the result is clean text.

Anything else is refused with one line naming the file (exit 2).
"""
from __future__ import annotations

import codecs
import re
from typing import Optional, Tuple

from gaonb_lint.errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),  # before UTF-16 LE: it starts with the same bytes
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")
# Share of non-ASCII characters that must be common (GB2312 symbols or level-1 characters) for
# a GB18030 reading to count; real reports score above 0.95, Big5 read as GBK far below 0.5.
COMMON_SHARE = 0.8
_GB_FAMILY = {"gb2312", "gbk", "gb18030", "x-gbk", "cp936", "euc-cn", "hz-gb-2312"}


def decode(path: str, data: bytes) -> Tuple[str, str]:
    """Return ``(text, encoding)``; newlines are normalised to ``\\n`` (line numbers unchanged)."""
    text, enc = _decode(path, data)
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, enc


def _decode(path: str, data: bytes) -> Tuple[str, str]:
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            return _strict(path, data[len(bom):], codec, name), name
    if b"\x00" in data[:8192]:
        found = _utf16_without_bom(data)
        if found is not None:
            return found
        raise InputError("input.binary", path=path)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as e:
        utf8_error = e
    declared = _declared_charset(path, data)
    if declared and declared != "gb18030":
        text = _try(data, declared)
        if text is not None and not _CONTROL.search(text):
            return text, declared
    text = _try(data, "gb18030")
    if text is not None and looks_like_chinese(text):
        return text, "gb18030"
    line = data[: utf8_error.start].count(b"\n") + 1
    raise InputError("input.undecodable", path=path, byte=f"{data[utf8_error.start]:02x}", line=line)


def looks_like_chinese(text: str) -> bool:
    """Clean text whose non-ASCII characters are mostly Chinese punctuation and the 3755 most
    common Chinese characters (GB2312 symbols and level 1; see the module docstring)."""
    if _CONTROL.search(text):
        return False
    wide = [ch for ch in text if ord(ch) > 0x7F]
    if not wide:
        return False
    common = 0
    for ch in wide:
        try:
            b = ch.encode("gb2312")
        except UnicodeEncodeError:
            continue
        if 0xA1 <= b[0] <= 0xA9 or 0xB0 <= b[0] <= 0xD7:
            common += 1
    return common / len(wide) >= COMMON_SHARE


def _declared_charset(path: str, data: bytes) -> Optional[str]:
    if not path.lower().endswith((".html", ".htm", ".xhtml")):
        return None
    m = _META_CHARSET.search(data[:4096])
    if not m:
        return None
    name = m.group(1).decode("ascii", "replace").lower()
    try:
        return codecs.lookup(name).name if name not in _GB_FAMILY else "gb18030"
    except LookupError:
        return None


def _try(data: bytes, encoding: str) -> Optional[str]:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _utf16_without_bom(data: bytes) -> Optional[Tuple[str, str]]:
    """UTF-16 text saved without a BOM: ASCII characters (newlines, digits, punctuation) leave a
    NUL in every other byte."""
    if len(data) % 2:
        return None
    even, odd = data[0::2].count(0), data[1::2].count(0)
    # The high byte of an ASCII character is NUL: it sits at odd offsets in LE, even ones in BE.
    order = ("utf-16-le", "utf-16-be") if odd >= even else ("utf-16-be", "utf-16-le")
    for codec in order:
        text = _try(data, codec)
        if text is not None and looks_like_chinese(text):
            return text, "utf-16"
    return None


def _strict(path: str, data: bytes, codec: str, name: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise InputError("input.undecodable-bom", path=path, encoding=name.upper().replace("-SIG", ""), byte=f"{data[e.start]:02x}",
                         line=line) from None
