"""## 查什么
报告所属年度早于 2019 年时，给出一条提示：这类报告不适用任何一版年报格式（2019 年版自 2019 年度起适用，2021 年版自 2021 年度起适用），因此不检查章节、统计表和说明事项。

## 为什么
2019 年以前的报告按旧条例编写，没有统一格式。用现行表格去查会满篇报错；不声不响地跳过又像是检查通过。

## 格式依据
国办公开办函〔2019〕60号（适用于 2019、2020 年度报告）和 国办公开办函〔2021〕30号（自 2021 年度起）。报告年度取自标题（`2018年政府信息公开工作年度报告`）；配置中的 `format-version` 可以指定格式版本。

## 示例
`某局2018年政府信息公开工作年度报告` 报出一次提示：年报格式的规则不适用于 2018 年度。

## 怎么改
确是 2019 年以前的报告，无需修改。如果年度读错了，请改正标题，或在 `[tool.gaonb-lint]` 中用 `format-version = "v2021"` 指定版本。

## What it does
Says once, as information, when a report covers a year before 2019: such reports follow neither
annual-report format (the 2019 format applies from report year 2019, the 2021 format from 2021),
so the section, table and statement rules are skipped for them.

## Why
Pre-2019 reports were written under the old 条例 without a fixed format. Checking them against
the current tables would report every line; skipping them silently would look like a pass.

## Format clause
国办公开办函〔2019〕60号 (format for report years 2019 and 2020) and 国办公开办函〔2021〕30号 (from 2021).
A report's year is taken from its title (`2018年政府信息公开工作年度报告`); `format-version` in the
configuration forces a version.

## Example
`某局2018年政府信息公开工作年度报告` is reported once: the format rules do not apply to 2018.

## How to fix
Nothing to fix in a genuine pre-2019 report. If the year was read wrongly, correct the title, or
force the version with `format-version = "v2021"` in `[tool.gaonb-lint]`.
"""
from __future__ import annotations

from gaonb_lint.api import NO_FORMAT, Rule, official_format


def check(report, ctx):
    if ctx.format is not None or report.year is None:
        return
    first = min(official_format.version(v).first_year for v in official_format.version_ids())
    where = report.title if report.title is not None else (0, 0)
    yield ctx.finding(where, "before-formats", year=report.year, first=first)


RULE = Rule(
    slug="format-version",
    code="GL103",
    summary={"zh": "报告年度适用的年报格式（2019年以前的报告不适用任何格式）",
             "en": "the format version that applies (reports before 2019 follow none)"},
    messages={
        "before-formats": {"zh": "这是 {year} 年度的报告，早于年报格式（自 {first} 年度起适用），因此不检查章节、统计表和说明事项",
                           "en": "this report covers {year}, before the annual-report formats (which apply from "
                                 "{first}), so sections, tables and statements are not checked"},
    },
    check=check,
    doc=__doc__,
    severity="info",
    formats=(NO_FORMAT,),  # it speaks only of reports older than any format
)
