"""The statistics period sentence (统计期限为2025年1月1日至2025年12月31日) and its dates."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Callable, Iterable, Iterator, List, Optional, Pattern, Sequence, Tuple, Union

# A date: 2025年1月1日, 2025-1-1, 2025.01.01, 2025/1/1; the year may be omitted on the end date.
_Y = r"(?P<{p}y>(?:19|20)\d{{2}})\s*(?:年|[-./])\s*"
_MD_DIGITS = r"(?P<{p}m>\d{{1,2}})\s*(?:月|[-./])\s*(?P<{p}d>\d{{1,2}})"
_MD = _MD_DIGITS + r"\s*(?:日|号)?"
_START = "(?:" + _Y.format(p="s") + ")" + _MD.format(p="s")
_END = "(?:" + _Y.format(p="e") + ")?" + _MD.format(p="e")
# `起,至`: a comma may stand before the separator (`自2025年1月1日起,至2025年12月31日止`).
_SEP = r"\s*(?:[,，]\s*)?(?:至|到|—|–|-|~|～|起至|起到)\s*"
# Each optional word between the start date and the separator brings its own spaces: adjacent
# `\s*X?\s*` would make the search quadratic on a long run of spaces (a hang on a 1 MB line).
RANGE = re.compile("(?:" + _Y.format(p="s") + ")" + _MD_DIGITS.format(p="s") + r"(?:\s*(?:日|号))?(?:\s*起)?"
                   + _SEP + _END + r"\s*(?:止)?")
KEYWORDS = re.compile(r"统计(?:期限|周期|时间|时限|区间|期间|范围|截止|截至|时段)|统计.{0,6}(?:为|从|自)"
                      r"|数据.{0,8}(?:期限|周期|时间|时限|区间)|报告期|报告期间|报告时段")
# A lone end date ("数据统计截至2025年12月31日") — a finding, not a period.
END_ONLY = re.compile(r"(?:截至|截止)(?:到|至)?\s*" + _Y.format(p="e") + _MD.format(p="e"))


# The same with Chinese numerals: `二〇二五年一月一日至十二月三十一日`.
_CN_DIGIT = "〇零○Ｏ一二三四五六七八九"
_CN_Y = r"(?P<{p}y>[" + _CN_DIGIT + r"]{{4}})\s*年\s*"
_CN_MD = r"(?P<{p}m>[一二三四五六七八九十]{{1,2}})\s*月\s*(?P<{p}d>[一二三四五六七八九十]{{1,3}})\s*(?:日|号)"
_CN_RANGE = (_CN_Y.format(p="s") + _CN_MD.format(p="s") + r"(?:\s*起)?" + _SEP
             + "(?:" + _CN_Y.format(p="e") + ")?" + _CN_MD.format(p="e") + r"\s*(?:止)?")


# Whole months: `2025年1月至12月`, `2025年1-12月`, `2025年1月—2025年12月` (the first day of the
# first month to the last day of the last).
_MONTH_RANGE = (r"(?P<sy>(?:19|20)\d{2})\s*年\s*(?P<sm>\d{1,2})\s*(?:月)?\s*(?:至|到|—|–|-|~|～)\s*"
                r"(?:(?P<ey>(?:19|20)\d{2})\s*年\s*)?(?P<em>\d{1,2})\s*月(?!\s*\d)")


@dataclass(eq=False)
class Period:
    start: Tuple[int, int, int]
    end: Tuple[int, int, int]
    offset: int       # start offset of the date range in the searched text
    end_offset: int
    keyword: bool     # a statistics keyword is near the range


@dataclass(eq=False)
class EndOnly:
    end: Tuple[int, int, int]
    offset: int
    end_offset: int


def _number(text: str) -> int:
    """``2025``, or Chinese numerals: a year digit by digit (``二〇二五``), a month or day in
    words (``十二``, ``三十一``)."""
    if text.isdigit():
        return int(text)
    digits = {c: i for i, c in enumerate("〇一二三四五六七八九")}
    digits.update({"零": 0, "○": 0, "Ｏ": 0})
    if "十" not in text:
        out = 0
        for c in text:
            out = out * 10 + digits[c]
        return out
    tens, _, ones = text.partition("十")
    return (digits[tens] if tens else 1) * 10 + (digits[ones] if ones else 0)


def _date(m: re.Match, p: str, year: Optional[int]) -> Tuple[int, int, int]:
    y = m.group(p + "y")
    return (_number(y) if y else (year or 0), _number(m.group(p + "m")), _number(m.group(p + "d")))


def find_periods(text: str) -> Iterator[Period]:
    """Every date range in ``text``, in digits or Chinese numerals, flagged when a statistics
    keyword comes within 30 characters before it."""
    found = [(m.start(), m.end(), _date(m, "s", None), m) for m in RANGE.finditer(text)]
    if "年" in text and any(c in text for c in "〇零○Ｏ"):
        found += [(m.start(), m.end(), _date(m, "s", None), m) for m in pattern(_CN_RANGE).finditer(text)]
    if not any(KEYWORDS.search(text[max(0, a - 30): a]) for a, _, _, _ in found) and KEYWORDS.search(text):
        # Whole months only where a statistics word stands and no dated period is stated.
        taken = [(a, b) for a, b, _, _ in found]
        for m in pattern(_MONTH_RANGE).finditer(text):
            if not any(a < m.end() and m.start() < b for a, b in taken):
                found.append((m.start(), m.end(), None, m))
    found.sort(key=lambda f: f[0])
    for a, b, start, m in found:
        if start is None:  # whole months
            y = int(m.group("sy"))
            ey = int(m.group("ey")) if m.group("ey") else y
            sm, em = int(m.group("sm")), int(m.group("em"))
            start, end = (y, sm, 1), (ey, em, _last_day(ey, em))
        else:
            end = _date(m, "e", start[0])
        before = text[max(0, a - 30): a]
        yield Period(start, end, a, b, bool(KEYWORDS.search(before)))


def _last_day(year: int, month: int) -> int:
    import calendar

    return calendar.monthrange(year, month)[1] if 1 <= month <= 12 else 0


def find_statistics_period(text: str) -> Optional[Period]:
    """The stated statistics period: a range led by a statistics keyword."""
    for p in find_periods(text):
        if p.keyword:
            return p
    return None


def find_end_only(text: str) -> Optional[EndOnly]:
    m = END_ONLY.search(text)
    if m and KEYWORDS.search(text[max(0, m.start() - 30): m.end()]):
        return EndOnly(_date(m, "e", None), m.start(), m.end())
    return None


# What follows a statistics word when it is meant as a period but is not one (`统计期限为
# 20241月1日至12月31日`, a date without 年): digits and date words around a range word.
_DATEISH = r"[0-9０-９〇零○一二三四五六七八九十年月日号.．/\-—–~～\s]"
_UNREADABLE = (r"(?:统计(?:期限|周期|时间|时限|区间|期间|时段)|数据.{0,8}(?:期限|周期|时间|时限|区间)|报告期)"
               r"(?:为|是|从|自|[:：])?\s*(?P<text>[0-9０-９〇零○一二三四五六七八九]" + _DATEISH + r"{0,20}"
               r"(?:至|到|起至|—|–|~|～)" + _DATEISH + r"{2,20})")


@dataclass(eq=False)
class Unreadable:
    text: str
    offset: int
    end_offset: int


# An end date after 数据…截止/截至 that is not a date (`所列数据截止日期为20251231日`).
_UNREADABLE_END = (r"(?:数据|统计)[^。；\n]{0,6}(?:截止|截至)(?:日期|时间)?(?:为|是|到|至|[:：])?\s*"
                   r"(?P<text>[0-9０-９][0-9０-９年月日号.．/\-]{3,20})")
_A_DATE = _Y.format(p="e") + _MD.format(p="e")


@lru_cache(maxsize=None)
def pattern(source: str) -> Pattern[str]:
    """The compiled pattern, on first use: the wordings most reports never need (Chinese
    numerals, months, unreadable periods) cost no start-up time."""
    return re.compile(source)


def find_unreadable_period(text: str) -> Optional[Unreadable]:
    """A statistics period (or its end date) that is written but cannot be read as dates."""
    for m in pattern(_UNREADABLE).finditer(text):
        written = m.group("text").rstrip()
        if not RANGE.search(written) and not pattern(_CN_RANGE).search(written):
            return Unreadable(written, m.start("text"), m.start("text") + len(written))
    for m in pattern(_UNREADABLE_END).finditer(text):
        written = m.group("text")
        if not pattern(_A_DATE).search(written):
            return Unreadable(written, m.start("text"), m.end("text"))
    return None



# -- the statement of a report ---------------------------------------------------------------------

@dataclass(eq=False)
class PeriodStatement:
    """What a report states as its statistics period, as the reader found it: ``kind`` is
    ``period`` (``value`` a keyword-led :class:`Period`), ``end-only`` (an :class:`EndOnly`) or
    ``unreadable`` (an :class:`Unreadable`); ``start``/``end`` are offsets into ``Report.text``;
    ``sentence_end`` is the offset just after the ``。`` that ends the sentence (-1: none in its
    run of prose)."""

    kind: str
    value: Union[Period, EndOnly, Unreadable]
    start: int
    end: int
    sentence_end: int = -1


class _Run:
    """Consecutive prose blocks searched as one text, joined by a line break, so that a date that
    text taken out of a PDF broke over lines (`2025` / `年 1 月 1 日`) is read whole; offsets are
    mapped back per block."""

    def __init__(self, blocks: Sequence[Any]):
        self.blocks = blocks
        self.text = "\n".join(b.text for b in blocks)
        self.starts: List[int] = []
        pos = 0
        for b in blocks:
            self.starts.append(pos)
            pos += len(b.text) + 1

    def offset(self, pos: int) -> int:
        """The report offset of position ``pos`` of the joined text."""
        k = max(i for i, s in enumerate(self.starts) if s <= pos)
        return int(self.blocks[k].start + min(pos - self.starts[k], len(self.blocks[k].text)))

    def statement(self, kind: str, value: Union[Period, EndOnly, Unreadable]) -> PeriodStatement:
        stop = self.text.find("。", value.end_offset)
        return PeriodStatement(kind, value, self.offset(value.offset), self.offset(value.end_offset),
                               self.offset(stop) + 1 if stop != -1 else -1)


def _runs(blocks: Iterable[Any], is_table: Callable[[Any], bool]) -> Iterator[_Run]:
    run: List[Any] = []
    for block in blocks:
        if is_table(block):
            if run:
                yield _Run(run)
            run = []
        else:
            run.append(block)
    if run:
        yield _Run(run)


def find_statement(blocks: Iterable[Any], is_table: Callable[[Any], bool]) -> Optional[PeriodStatement]:
    """The statistics period a report states, its blocks in reading order (a table ends a run of
    prose): the first keyword-led period; else the first lone end date; else the first period
    written so that it cannot be read as dates."""
    runs = list(_runs(blocks, is_table))
    for run in runs:
        for p in find_periods(run.text):
            if p.keyword:
                return run.statement("period", p)
    for run in runs:
        e = find_end_only(run.text)
        if e is not None:
            return run.statement("end-only", e)
    for run in runs:
        u = find_unreadable_period(run.text)
        if u is not None:
            return run.statement("unreadable", u)
    return None
