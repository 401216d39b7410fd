"""Label normalisation: how two spellings of an official label are compared.

Real sources fold full-width punctuation to ASCII, split labels with spaces or line breaks, and
write sub-item numbers as ``1．``/``1、``.  ``normalize_label`` maps all of these onto one key, so a
difference that survives it is a difference in words.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SPACE = re.compile(r"\s+")
# Characters NFKC leaves alone but sources use interchangeably: the one fold table (normalize_label
# and the offset-keeping normaliser of scraped lines both use it).
FOLD_CHARS = {
    "“": '"', "”": '"', "„": '"', "‟": '"', "«": '"', "»": '"',
    "‘": "'", "’": "'",
    "〔": "[", "〕": "]", "【": "[", "】": "]",
    "—": "-", "–": "-", "－": "-",
}
_FOLD = str.maketrans(FOLD_CHARS)
#: Characters that are dropped: zero-width spaces and joiners, the BOM, the soft hyphen.
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_SUBITEM = re.compile(r"^(\d+)[、.．]")
_ZERO_WIDTH = re.compile("[" + ZERO_WIDTH + "]")
# Digits that are not decimal digits: superscripts (``9¹``, a footnote mark), subscripts, circled
# and parenthesised numbers.  NFKC turns them into plain digits (``9¹`` → ``91``), which would
# read a footnote mark as part of a number; they are kept as they are.
NOT_DECIMAL_DIGITS = frozenset(
    chr(c) for lo, hi in ((0x00B2, 0x00B9), (0x2070, 0x2089), (0x2460, 0x24FF), (0x2776, 0x2793),
                          (0x1F100, 0x1F10C)) for c in range(lo, hi + 1)
    if chr(c).isdigit() and not chr(c).isdecimal())
_NOT_DECIMAL = re.compile("[" + "".join(sorted(NOT_DECIMAL_DIGITS)) + "]")


def nfkc(text: str) -> str:
    """NFKC, except for ``NOT_DECIMAL_DIGITS``, which stay as written."""
    if not _NOT_DECIMAL.search(text):
        return unicodedata.normalize("NFKC", text)
    return "".join(ch if ch in NOT_DECIMAL_DIGITS else unicodedata.normalize("NFKC", ch) for ch in text)


# Table mapping compares the same few hundred labels and cell texts over and over, in every
# report; the cache is bounded so that memory stays flat over thousands of reports.
@lru_cache(maxsize=8192)
def normalize_label(text: str) -> str:
    """Fold width, quotes and whitespace; ``1、``/``1．`` → ``1.``.  Keeps ``、`` after numerals."""
    s = nfkc(text).translate(_FOLD)
    s = _ZERO_WIDTH.sub("", s)
    s = _SPACE.sub("", s)
    return _SUBITEM.sub(r"\1.", s)


CN_NUMERALS = "一二三四五六七八九十"


def cn_numeral_value(numeral: str) -> int:
    """Value of a Chinese numeral from 一 (1) to 九十九 (99); 0 when it is not one."""
    if not numeral or any(c not in CN_NUMERALS for c in numeral):
        return 0
    if numeral == "十":
        return 10
    if "十" in numeral:
        tens, _, ones = numeral.partition("十")
        t = CN_NUMERALS.index(tens) + 1 if tens else 1
        o = CN_NUMERALS.index(ones) + 1 if ones else 0
        return t * 10 + o
    if len(numeral) == 1:
        return CN_NUMERALS.index(numeral) + 1
    return 0
