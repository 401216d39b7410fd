"""Reading one table cell as a value of the column's type (``value_types`` in the format data).

A blank cell is a value (conventionally 0).  Anything that is not clearly a number of the right
type is reported, never coerced: ``—``, ``无``, ``1.5`` in a count column, ``-3`` in a count column.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Optional, Union

from gaonb_lint.normalize import nfkc

Number = Union[int, Decimal]

_BLANKS = re.compile(r"[\s\u00a0\u3000\u200b\ufeff]+")
_NUMBER = re.compile(r"^(?P<sign>[+-])?(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<frac>\d+))?(?P<unit>万元|元|件|个|次|项|条)?$")
# Texts authors put in a value cell instead of a number: they sit where numbers go.
PLACEHOLDERS = frozenset({"-", "--", "—", "——", "–", "/", "\\", "无", "空", "×", "*", "…", "N/A", "n/a"})
COUNT_UNITS = ("件", "个", "次", "项", "条")
MONEY_UNITS = ("元", "万元")


@dataclass(frozen=True)
class Value:
    """A parsed cell: ``value`` is ``None`` for a blank cell; ``problem`` (zh, en) when unreadable."""

    value: Optional[Number]
    blank: bool = False
    problem_zh: str = ""
    problem_en: str = ""

    @property
    def ok(self) -> bool:
        return not self.problem_zh

    def number(self) -> Number:
        """The value for arithmetic: blank counts as 0."""
        return 0 if self.value is None else self.value


MAX_DIGITS = 15  # more digits than any count or amount in a report; int() refuses 4,300 of them
SHOWN_CHARS = 40  # a cell quoted in a message is cut after this many characters


@lru_cache(maxsize=8192)  # cell texts repeat across reports; bounded so memory stays flat (perf)
def clean(text: str) -> str:
    return _BLANKS.sub("", nfkc(text or ""))


def is_blank(text: str) -> bool:
    return clean(text) in ("", "&nbsp;")


def looks_like_value(text: str) -> bool:
    """A number (of any type, with or without a unit) or a placeholder such as ``—``: text that
    sits where a value goes, as opposed to a label."""
    s = clean(text)
    return bool(s) and (bool(_NUMBER.match(s)) or s in PLACEHOLDERS)


def is_placeholder(text: str) -> bool:
    """A text written where a number goes to say "none" (``—``, ``-``, ``/``, ``无``)."""
    return clean(text) in PLACEHOLDERS


@lru_cache(maxsize=8192)  # Value is frozen, so a cached one can be shared (perf)
def parse_value(text: str, vtype: str = "count", unit: Optional[str] = None) -> Value:
    """Parse ``text`` as a ``count`` (non-negative integer), ``delta`` (integer, may be negative)
    or ``amount`` (non-negative decimal; ``元``/``万元`` in the cell is converted to the column's
    ``unit``, or to 元 when the column has none)."""
    s = clean(text)
    if s in ("", "&nbsp;"):
        return Value(None, blank=True)
    m = _NUMBER.match(s)
    shown = (text or "").strip()
    if len(shown) > SHOWN_CHARS:
        shown = shown[:SHOWN_CHARS] + "…"
    if not m:
        return Value(None, False, f"“{shown}”不是数字", f"“{shown}” is not a number")
    sign, whole, frac, cell_unit = m.group("sign"), m.group("int").replace(",", ""), m.group("frac"), m.group("unit")
    if len(whole) + len(frac or "") > MAX_DIGITS:
        return Value(None, False, f"“{shown}”位数过多（超过 {MAX_DIGITS} 位），不是可信的数字",
                     f"“{shown}” has more than {MAX_DIGITS} digits; not a plausible number")
    if vtype == "amount":
        if cell_unit in COUNT_UNITS:
            return Value(None, False, f"“{shown}”不是金额", f"“{shown}” is not a money amount")
        try:
            amount = Decimal(whole + ("." + frac if frac else ""))
        except InvalidOperation:  # pragma: no cover - the regex admits only digits
            return Value(None, False, f"“{shown}”不是数字", f"“{shown}” is not a number")
        if sign == "-":
            return Value(None, False, f"“{shown}”是负数，金额不能为负", f"“{shown}” is negative; an amount cannot be")
        target = unit or "元"
        if cell_unit and cell_unit != target:
            amount = amount * 10000 if cell_unit == "万元" else amount / 10000
        return Value(amount.normalize() if amount != amount.to_integral() else Decimal(int(amount)))
    if cell_unit in MONEY_UNITS:
        return Value(None, False, f"“{shown}”是金额，此处应为件数", f"“{shown}” is an amount; a count is expected here")
    if frac is not None:
        return Value(None, False, f"“{shown}”不是整数", f"“{shown}” is not a whole number")
    n = int(whole)
    if sign == "-":
        if vtype != "delta":
            return Value(None, False, f"“{shown}”是负数，件数不能为负", f"“{shown}” is negative; a count cannot be")
        n = -n
    return Value(n)
