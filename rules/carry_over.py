"""## What it does
Compares this year's `二、上年结转政府信息公开申请数量` (table 三) with last year's
`四、结转下年度继续办理`, column by column, for the same body, and reports each column whose numbers
differ at this year's cell (the `总计` column only when no applicant column differs: one cause,
one finding).

Last year's report is looked for among the files of the run, else among the files under the
configuration root (the directory of `.gaonb-lint.toml` or `pyproject.toml`): the one whose title
names the same body and the previous year. Body names are compared after removing the year and
the `政府信息公开工作年度报告` suffix. The setting `previous-report = "reports/*/*.md"` (a glob relative
to the configuration root) narrows the search. A pre-commit run on one file still finds last
year's report in the repository. When none is found there is no finding (`--verbose` says so).
Cells that could not be read with certainty, or that are in a relation of their own table that
does not add up (reported by `balance`), are not compared.

## Why
What a body carried over into this year is what last year's report said it would carry over.
Reviewers compare the two reports side by side; a difference means one of them is wrong.

## Format clause
国办公开办函〔2021〕30号, table 三: rows `二、上年结转政府信息公开申请数量` and `四、结转下年度继续办理`
(the same rows in the 2019 format).

## Example
`青禾镇人民政府2025年政府信息公开工作年度报告` has `二、上年结转…` 自然人 `2`, while
`青禾镇人民政府2024年政府信息公开工作年度报告` has `四、结转下年度继续办理` 自然人 `1`: reported at the
`2`: `上年结转（自然人）为 2，上年报告 reports/2024.md 结转下年度继续办理为 1`.

## How to fix
Correct this year's carried-over numbers to last year's (or, if last year's report was wrong,
publish a correction of it and explain the difference in section 六).
"""
from __future__ import annotations

from gaonb_lint.api import ReportSetRule

THIS_ROW = "二、上年结转政府信息公开申请数量"
LAST_ROW = "四、结转下年度继续办理"
TOTAL = "总计"


def extract(report, ctx):
    from gaonb_lint_rules.last_year import extract as keep

    return keep(report, ctx)


def check(items, ctx):
    from gaonb_lint_rules.last_year import pairs

    for this, last in pairs(items, ctx):
        now, before = this.data["applications"], last.data["applications"]
        columns = [col for (row, col) in now if row == THIS_ROW and (LAST_ROW, col) in before]
        differing = [col for col in columns if now[(THIS_ROW, col)][0] != before[(LAST_ROW, col)][0]]
        if any(col != TOTAL for col in differing):
            differing = [col for col in differing if col != TOTAL]  # the total differs because they do
        for col in differing:
            value, start, end = now[(THIS_ROW, col)]
            yield ctx.finding((start, end), "differs", report=this, column=col, this=value,
                              last=before[(LAST_ROW, col)][0], previous=last.path)


RULE = ReportSetRule(
    slug="carry-over",
    code="GL402",
    summary={"zh": "本年“上年结转”与上年报告的“结转下年度继续办理”一致",
             "en": "this year's carried-over applications equal last year's carried-forward ones"},
    messages={"differs": {
        "zh": "上年结转（{column}）为 {this}，上年报告 {previous} 的“四、结转下年度继续办理”为 {last}",
        "en": "carried over from last year ({column}) is {this}; last year's report {previous} carried {last} forward"}},
    check=check,
    extract=extract,
    doc=__doc__,
)
