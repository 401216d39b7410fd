"""## 查什么
把本年表三的 `二、上年结转政府信息公开申请数量` 与同一机关上年报告的 `四、结转下年度继续办理` 逐列对照，数字不同的列在本年的单元格处报出（只有各申请人列都相同时才报 `总计` 列：一个原因只报一次）。
上年报告先在本次检查的文件中找，找不到再到配置根目录（`.gaonb-lint.toml` 或 `pyproject.toml` 所在目录；没有配置文件时为 git 仓库根目录）下找：标题写明同一机关、上一年度的那份。比较机关名称时去掉年份和 `政府信息公开工作年度报告` 字样。设置 `previous-report = "reports/*/*.md"`（相对于配置根目录）可缩小查找范围；git 忽略的文件（`.gitignore`）不找。pre-commit 只检查一个文件时也能找到。找不到上年报告时不报（`--verbose` 会说明）。读不准的单元格、以及所在勾稽关系不成立的单元格不比。

## 为什么
本年从上年结转的，就是上年报告说要结转到本年的。审核人员会把两年的报告放在一起对照；不一致说明其中一份有错。

## 格式依据
国办公开办函〔2021〕30号，表三：`二、上年结转政府信息公开申请数量` 与 `四、结转下年度继续办理`（2019 年版格式相同）。

## 示例
`青禾镇人民政府2025年政府信息公开工作年度报告` 的 `二、上年结转…` 自然人为 `2`，而 `青禾镇人民政府2024年政府信息公开工作年度报告` 的 `四、结转下年度继续办理` 自然人为 `1`：在 `2` 处报出。

## 怎么改
把本年的上年结转数改为上年报告的结转数；如果是上年报告有误，应更正上年报告并在第六部分说明。

## What it does
Compares this year's `二、上年结转政府信息公开申请数量` (table 三) with last year's
`四、结转下年度继续办理`, column by column, for the same body, and reports each column whose numbers
differ at this year's cell (the `总计` column only when no applicant column differs: one cause,
one finding).

Last year's report is looked for among the files of the run, else among the files under the
configuration root (the directory of `.gaonb-lint.toml` or `pyproject.toml`): the one whose title
names the same body and the previous year. Body names are compared after removing the year and
the `政府信息公开工作年度报告` suffix. The setting `previous-report = "reports/*/*.md"` (a glob relative
to the configuration root) narrows the search; files git ignores (`.gitignore`) are passed over. A pre-commit run on one file still finds last
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
