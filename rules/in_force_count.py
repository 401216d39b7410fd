"""## 查什么
跨两年的合理性检查：表二中 `规章` 和 `行政规范性文件` 本年的 `现行有效件数`，应等于上年报告的 `现行有效件数` 加本年 `本年制发件数` 减 `本年废止件数`。不相等的行在本年的 `现行有效件数` 处报出（警告）。上年报告的查找方式同 `carry-over`；两年都须适用 2021 年版格式，读不准的单元格不比。
这只是合理性检查，不是格式规定的恒等式：文件也可能因到期失效或被上级宣布失效而不再有效，并未“废止”。报出的是需要核实之处，不一定要改。

## 为什么
现行有效件数是表二中逐年延续的数字；与上年对不上，最常见的原因是录入或复制错误。

## 格式依据
国办公开办函〔2021〕30号，表二 `第二十条第（一）项`：`本年制发件数`、`本年废止件数`、`现行有效件数`。

## 示例
上年 `行政规范性文件` 现行有效 `25`；本年制发 `5`、废止 `1`、现行有效 `28`：在 `28` 处报出，按上年应为 `29`。

## 怎么改
对照本机关的文件目录核实现行有效件数；如有到期或被宣布失效的文件，请在第一部分说明。

## What it does
A plausibility check on table 二 across two years: for `规章` and `行政规范性文件`, this year's
`现行有效件数` should equal last year's `现行有效件数` plus this year's `本年制发件数` minus
`本年废止件数`. Each row that does not is reported (as a warning) at this year's `现行有效件数`.

Last year's report is found as for `carry-over` (among the run's files, else under the
configuration root; `previous-report` narrows the search). Both reports must follow the 2021
format (the 2019 format counted other things), and cells that could not be read with certainty
are not compared.

This is a plausibility check, not an identity of the format: a document can leave the count in
force without being repealed (it expires, or is declared invalid by a higher authority), and some
bodies count documents published in this year's first days differently. A difference asks for a
look, not necessarily a correction.

## Why
The count in force is the one number of table 二 that carries over from year to year; a count
that does not follow from last year's is most often a typing or copy-paste error.

## Format clause
国办公开办函〔2021〕30号, table 二, `第二十条第（一）项`: columns `本年制发件数`, `本年废止件数`,
`现行有效件数`.

## Example
Last year `行政规范性文件` 现行有效件数 `25`; this year 本年制发 `5`, 本年废止 `1`, 现行有效 `28`:
reported at `28`, which would be `29`.

## How to fix
Check the count in force against the body's register of documents; if documents expired or were
declared invalid, say so in section 一.
"""
from __future__ import annotations

from gaonb_lint.api import ReportSetRule

ROWS = ("规章", "行政规范性文件")
ISSUED, REPEALED, IN_FORCE = "本年制发件数", "本年废止件数", "现行有效件数"


def extract(report, ctx):
    from gaonb_lint_rules.last_year import extract as keep

    return keep(report, ctx)


def check(items, ctx):
    from gaonb_lint_rules.last_year import pairs

    for this, last in pairs(items, ctx):
        if this.data["version"] != "v2021" or last.data["version"] != "v2021":
            continue  # the 2019 format counted other things
        now, before = this.data["proactive"], last.data["proactive"]
        for row in ROWS:
            keys = [(row, ISSUED), (row, REPEALED), (row, IN_FORCE)]
            if not all(k in now for k in keys) or (row, IN_FORCE) not in before:
                continue
            issued, repealed, (found, start, end) = now[keys[0]][0], now[keys[1]][0], now[keys[2]]
            previous = before[(row, IN_FORCE)][0]
            expected = previous + issued - repealed
            if found != expected:
                yield ctx.finding((start, end), "differs", report=this, row=row, found=found, expected=expected,
                                  last=previous, issued=issued, repealed=repealed, previous=last.path)


RULE = ReportSetRule(
    slug="in-force-count",
    code="GL403",
    severity="warning",
    summary={"zh": "表二现行有效件数与上年报告衔接（合理性检查）",
             "en": "table 二's count in force follows from last year's (a plausibility check)"},
    messages={"differs": {
        "zh": "“{row}”现行有效件数为 {found}；按上年报告 {previous} 的 {last} 件加本年制发 {issued} 件、"
              "减本年废止 {repealed} 件应为 {expected}（合理性检查，请核实）",
        "en": "“{row}” in force is {found}; last year's report {previous} had {last}, plus {issued} issued "
              "minus {repealed} repealed gives {expected} (a plausibility check: please verify)"}},
    check=check,
    extract=extract,
    doc=__doc__,
)
