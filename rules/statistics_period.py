"""## 查什么
检查报告是否写明了统计期限，并且是报告年度的 1 月 1 日至 12 月 31 日，如 `本报告中所列数据的统计期限为2025年1月1日至2025年12月31日`。可以接受的写法还有 `统计周期为2025年1月1日至12月31日`、`统计期限从2025年1月1日到12月31日止`、`统计时间自2021-1-1起至2021-12-31止`、`统计数据的期限自2025年1月1日起,至2025年12月31日止`、中文数字的日期（`二〇二五年一月一日至十二月三十一日`），以及从 PDF 提取时被拆成两行的日期（`2025` / `年 1 月 1 日`）。

报出的情况：完全没有写统计期限（或只写了不带日期的 `本年度`）；统计字样后写的不是日期范围（`统计期限为20241月1日至12月31日`）；只有截止日期（`数据统计截至2025年12月31日`）；起始日不是 1月1日 或截止日不是 12月31日；跨两个年度；年份与报告年度不符。无法确定报告年度时，提示中会如实说明，并要求写明报告年度的 1 月 1 日至 12 月 31 日。

## 为什么
审核人员和公众需要知道数字覆盖的时间段；照抄去年报告、仍写着去年统计期限，是最常见的错误之一。

## 格式依据
条例 第五十条（年度报告反映 上一年度 的情况）；按格式编写的报告几乎都在开头写的一句：`本报告中所列数据的统计期限自Y年1月1日起至Y年12月31日止`（Y 为报告年度）。

## 示例
标题为 `2025年政府信息公开工作年度报告`、开头只写了 `本报告数据统计截至2025年12月31日` 的报告，报出：只有截止日期，没有起始日期。

## 怎么改
在开头加上写明报告年度的一句：`本报告中所列数据的统计期限为2025年1月1日至2025年12月31日。`

## What it does
Checks that the report states its statistics period (统计期限) as a date range from 1 January to
31 December of the report year, e.g. `本报告中所列数据的统计期限为2025年1月1日至2025年12月31日`.
Accepted forms include `统计周期为2025年1月1日至12月31日`, `统计期限从2025年1月1日到12月31日止`,
`统计时间自2021-1-1起至2021-12-31止`, `统计数据的期限自2025年1月1日起,至2025年12月31日止`, dates
in Chinese numerals (`二〇二五年一月一日至十二月三十一日`), whole months (`2025年1月至12月`) and a date broken over lines by text taken
out of a PDF (`2025` / `年 1 月 1 日`).

Reported: no period at all (or only a dateless `本年度`), a period written after a statistics
word that is not a date range (`统计期限为20241月1日至12月31日`), an end date alone
(`数据统计截至2025年12月31日`), a start other than 1月1日 or an end other than 12月31日, a range
across two years, and a period in a year other than the report's.

## Why
Reviewers and the public need to know which span the numbers cover; a copied report that still
states last year's period is one of the most common errors.

## Format clause
条例 第五十条 (the report covers 上一年度); the near-universal preamble sentence of the
format's reports: `本报告中所列数据的统计期限自Y年1月1日起至Y年12月31日止`.

## Example
A report titled `2025年政府信息公开工作年度报告` whose preamble says only
`本报告数据统计截至2025年12月31日` is reported as an end date without a start.

## How to fix
Add to the preamble, with the report year:
`本报告中所列数据的统计期限为2025年1月1日至2025年12月31日。`
`--unsafe-fixes` inserts `本报告中所列数据的统计期限为Y年1月1日至Y年12月31日。` with the report year
(before the first section when the period is missing, after the sentence with the end date when
only that is given); check that the year is right.
"""
from __future__ import annotations

from gaonb_lint.api import Fix, Rule


def _fmt(d):
    y, m, day = d
    return f"{y}年{m}月{day}日" if y else f"{m}月{day}日"


_NO_YEAR_ZH = "应写明报告年度的1月1日至12月31日（标题和正文都没有写明是哪一年度，请一并写明）"
_NO_YEAR_EN = ("expected 1 January to 31 December of the report year (neither the title nor the text says which "
               "year; state it too)")


def check(report, ctx):
    year = report.year
    # Without a year the message says so instead of showing a pattern ("Y年") as if it were text.
    expected = f"统计期限为{year}年1月1日至{year}年12月31日" if year else ""
    key = (lambda name: name) if year else (lambda name: name + "-no-year")
    where = report.title if report.title is not None else (0, 0)
    st = report.period  # what the reader found the report to state (gaonb_lint.period.find_statement)
    if st is not None and st.kind == "period":
        p = st.value
        span = (st.start, st.end)
        sy, sm, sd = p.start
        ey, em, ed = p.end
        if sy != ey:
            yield ctx.finding(span, key("two-years"), expected=expected, start=_fmt(p.start), end=_fmt(p.end))
        elif year and sy != year:
            yield ctx.finding(span, "wrong-year", expected=expected, found=sy, year=year)
        elif (sm, sd) != (1, 1) or (em, ed) != (12, 31):
            yield ctx.finding(span, key("not-full-year"), expected=expected, start=_fmt(p.start), end=_fmt(p.end))
        return
    if st is not None and st.kind == "end-only":
        fix = _insert(report, st.sentence_end if st.sentence_end != -1 else st.end, year, "")
        yield ctx.finding((st.start, st.end), key("end-only"), expected=expected, fix=fix)
        return
    if st is not None and st.kind == "unreadable":
        yield ctx.finding((st.start, st.end), key("unreadable"), expected=expected, written=st.value.text)
        return
    fix = None
    if report.sections:
        heading = report.sections[0].heading
        fix = _insert(report, report.line_start(report.position(heading.start)[0]), year, "\n\n")
    yield ctx.finding(where, key("missing"), expected=expected, fix=fix)


def _insert(report, at: int, year, after: str):
    """The period sentence of ``year`` inserted at ``at`` (unsafe: the year is the reader's)."""
    if not year or report.text[at - 1:at] not in ("", "\n", "。", ".", "；"):
        return None
    return Fix(at, at, f"本报告中所列数据的统计期限为{year}年1月1日至{year}年12月31日。{after}", safe=False)


RULE = Rule(
    slug="statistics-period",
    code="GL301",
    summary={"zh": "写明统计期限（报告年度的1月1日至12月31日）",
             "en": "the report states its statistics period (1 January to 31 December of the report year)"},
    messages={
        "missing": {"zh": "未写明统计期限：应写明如 “{expected}”",
                    "en": "no statistics period stated: expected a sentence such as “{expected}”"},
        "unreadable": {"zh": "统计期限 “{written}” 不是可识别的日期范围：应写明 “{expected}”",
                       "en": "the statistics period “{written}” is not a date range that can be read: expected “{expected}”"},
        "end-only": {"zh": "统计期限只有截止日期、没有起始日期：应写明 “{expected}”",
                     "en": "the statistics period gives an end date but no start: expected “{expected}”"},
        "two-years": {"zh": "统计期限 {start}至{end} 跨越两个年度：应为 “{expected}”",
                      "en": "the statistics period {start}–{end} spans two years: expected “{expected}”"},
        "wrong-year": {"zh": "统计期限的年份为 {found} 年，与报告年度 {year} 年不符：应为 “{expected}”",
                       "en": "the statistics period is in {found}, not the report year {year}: expected “{expected}”"},
        "not-full-year": {"zh": "统计期限 {start}至{end} 不是完整年度：应为 “{expected}”",
                          "en": "the statistics period {start}–{end} is not the whole year: expected “{expected}”"},
        "missing-no-year": {"zh": "未写明统计期限：" + _NO_YEAR_ZH, "en": "no statistics period stated: " + _NO_YEAR_EN},
        "unreadable-no-year": {"zh": "统计期限 “{written}” 不是可识别的日期范围：" + _NO_YEAR_ZH,
                               "en": "the statistics period “{written}” is not a date range that can be read: "
                                     + _NO_YEAR_EN},
        "end-only-no-year": {"zh": "统计期限只有截止日期、没有起始日期：" + _NO_YEAR_ZH,
                             "en": "the statistics period gives an end date but no start: " + _NO_YEAR_EN},
        "two-years-no-year": {"zh": "统计期限 {start}至{end} 跨越两个年度：" + _NO_YEAR_ZH,
                              "en": "the statistics period {start}–{end} spans two years: " + _NO_YEAR_EN},
        "not-full-year-no-year": {"zh": "统计期限 {start}至{end} 不是完整年度：" + _NO_YEAR_ZH,
                                  "en": "the statistics period {start}–{end} is not the whole year: " + _NO_YEAR_EN},
    },
    check=check,
    doc=__doc__,
)
