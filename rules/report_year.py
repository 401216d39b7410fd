"""## 查什么
检查报告中说明所属年度的各处是否一致：标题中的年度（`2025年政府信息公开工作年度报告`）、Markdown 文首的 `year:`、统计期限的年份（`统计期限为2025年1月1日至…`），以及正文所讲的年份（第一部分中，在其他各处给出的年份里出现最多的那个；如果一个也没有提到，则取至少出现两次的年份）。不一致时，以多数位置给出的年份为准（票数相同时以标题为准），其余说法不同的地方逐一报出。

## 为什么
报告常常是照着去年的改的。2025 年度的报告统计期限还写着 2024 年，或标题改了而正文仍在讲 2024 年，是典型的复制粘贴错误，会让报告里的每个数字都不可信。

## 格式依据
条例 第五十条（年度报告反映 上一年度 的情况）；格式的标题 `XX年政府信息公开工作年度报告`，以及开头的统计期限一句。

## 示例
标题为 `某镇2025年政府信息公开工作年度报告`、开头写着 `本报告中所列数据的统计期限为2024年1月1日至2024年12月31日` 的报告，在统计期限处报出：这里是 2024 年，标题是 2025 年。（`statistics-period` 也会报出统计期限与标题不符。）

## 怎么改
确定报告所属的年度，改正提示中点名的每一处。

## What it does
Checks that the places that say which year a report covers agree: the year in the title
(`2025年政府信息公开工作年度报告`), the `year:` of Markdown front matter, the year of the statistics
period (`统计期限为2025年1月1日至…`) and the year the body text is about (section 一: of the years
the other places give, the one it names most; if it names none of them, a year it names at least
twice). When they disagree, the year most of them give is taken as the report's (the title's on a
tie) and each place that says otherwise is reported there.

## Why
Reports are written by copying last year's. A 2025 report whose period still says 2024, or whose
title was updated while the text still describes 2024, is the classic copy-paste error, and it
makes every number in the report doubtful.

## Format clause
条例 第五十条 (the annual report covers 上一年度); the format's title `XX年政府信息公开工作年度报告` and
the statistics-period sentence of the preamble.

## Example
A report titled `某镇2025年政府信息公开工作年度报告` whose preamble says
`本报告中所列数据的统计期限为2024年1月1日至2024年12月31日` is reported at the period: it says 2024,
the title says 2025. (`statistics-period` reports the same period as not matching the title.)

## How to fix
Decide which year the report covers and correct every place the message names.
"""
from __future__ import annotations

from collections import Counter

from gaonb_lint.api import ALL_FORMATS, NO_FORMAT, Rule

SOURCES = {
    "title": ("标题", "title"),
    "metadata": ("元数据 year", "front matter year"),
    "period": ("统计期限", "statistics period"),
    "body": ("正文（总体情况）", "body text (section 一)"),
}
PRIORITY = ("title", "metadata", "period", "body")


def _first(report, source):
    ev = next((c for c in report.year_candidates if c.source == source), None)
    return None if ev is None else (ev.year, (ev.start, ev.end))


def _body(report, years):
    hits = [(c.year, (c.start, c.end)) for c in report.year_candidates if c.source == "body"]
    counts = Counter(y for y, _ in hits)
    named = [y for y in years if counts[y]]
    if named:  # the body speaks of a year another source gives: it votes for the one it names most
        year = max(named, key=lambda y: (counts[y], -years.index(y)))
    else:  # it never names theirs: it votes for its own, when it keeps naming it
        if not counts or counts.most_common(1)[0][1] < 2:
            return None
        year = counts.most_common(1)[0][0]
    return year, next(w for y, w in hits if y == year)


def check(report, ctx):
    found = {}
    for name in ("title", "metadata", "period"):
        got = _first(report, name)
        if got is not None:
            found[name] = got
    if not found:
        return
    body = _body(report, [found[s][0] for s in PRIORITY if s in found])
    if body is not None:
        found["body"] = body
    votes = Counter(y for y, _ in found.values())
    if len(votes) < 2:
        return
    top = max(votes.values())
    winner = next(found[s][0] for s in PRIORITY if s in found and votes[found[s][0]] == top)
    agreeing = [s for s in PRIORITY if s in found and found[s][0] == winner]
    for source in PRIORITY:
        if source not in found or found[source][0] == winner:
            continue
        year, where = found[source]
        yield ctx.finding(where, "disagree", found=year, expected=winner,
                          source_zh=SOURCES[source][0], source_en=SOURCES[source][1],
                          others_zh="、".join(SOURCES[s][0] for s in agreeing),
                          others_en=", ".join(SOURCES[s][1] for s in agreeing))


RULE = Rule(
    slug="report-year",
    code="GL303",
    summary={"zh": "标题、统计期限和正文中的报告年度一致",
             "en": "the title, statistics period and body text agree on the report year"},
    messages={
        "disagree": {"zh": "报告年度不一致：{source_zh}写的是 {found} 年，而{others_zh}是 {expected} 年，应为 {expected} 年",
                     "en": "the report year is inconsistent: the {source_en} says {found} but the {others_en} "
                           "say {expected}; expected {expected}"},
    },
    check=check,
    doc=__doc__,
    formats=(ALL_FORMATS, NO_FORMAT),
)
