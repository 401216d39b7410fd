"""## 查什么
报告写明了发布时间时（Markdown 文首的 `published: 2026-01-16`，或抓取网页顶部的 `发布日期:2026-01-16` / `发布时间:2025-01-03`），检查是否在法定期限内发布：政府部门和乡镇、街道为次年 1 月 31 日，县级以上人民政府（本级政府的汇总报告）为次年 3 月 31 日。发布日期早于报告年度结束的，给出警告：这时报告中的年度多半写错了。

发布主体的类别由选项 `body-kind` 决定（`department` 部门、`government` 人民政府、`township` 乡镇街道，或默认的 `auto` 自动判断）。`auto` 根据主体名称（文首的 `body:` 或标题）判断：以 `乡`/`镇`/`苏木` 或 `街道` 结尾（带不带 `人民政府`/`办事处` 都可，如 `白塔子镇`）为乡镇；以 `人民政府` 结尾、只写县市区省名（`松溪县`、`南平市`），或为管委会及其所辖区域（`某经济开发区管委会`、`某新区`、`某实验区`）为人民政府；其他（局、委员会、人民政府办公室等）为部门。

发布日期读自文首（`published`、`date`、`发布日期` 等；日期后可带时间和时区）、网页的 `<meta name="PubDate">`，或网页顶部的 `发布日期`/`发布时间` 行。写了日期却不是有效日期的（`发布时间：2026年13月45日`），给出警告，而不是悄悄跳过。

```toml
[tool.gaonb-lint.rules.publication-deadline]
body-kind = "government"
```

## 为什么
发布期限是法定的，每年的政务公开工作考核都会检查。

## 格式依据
条例 第四十九条：部门在次年 1月31日 前、县级以上地方人民政府在次年 3月31日 前公布。乡镇和街道在条例中没有点名，各地通常定为 1月31日（当地规定不同时请用 `body-kind`）。

## 示例
某部门 2025 年度报告写着 `发布日期:2026-02-05`，报出：发布日期 2026-02-05 晚于期限 2026-01-31。

## 怎么改
按时发布；如果页面上显示的日期不对（例如是重新上传的日期），请在页面上改正。

## What it does
When the report says when it was published — Markdown front matter `published: 2026-01-16`, or a
`发布日期:2026-01-16` / `发布时间:2025-01-03` line at the top of a scraped page — checks that it was
published by the legal deadline: 31 January of the following year for government departments and
for townships and sub-districts, 31 March for a people's government at county level or above
(its aggregate report). A date before the end of the report year itself is reported as a
warning: the year in the report is then probably wrong.

The kind of body is taken from option `body-kind` (`department`, `government`, `township`, or
`auto`, the default). `auto` reads the body's name (front matter `body:` or the title): a name
ending in `乡`/`镇`/`苏木` or `街道` (with or without `人民政府`/`办事处`: `白塔子镇`) is a township; a
name ending in `人民政府`, naming a county, city, district or province alone (`松溪县`, `南平市`), or
a 管委会 of an area or the area it runs (`某经济开发区管委会`, `某工业园管委会`, `某新区`, `某实验区`) is
a government; anything else (a 局, 委员会, `城市管理委员会`, 人民政府办公室 …) a department.

The date is read from front matter (`published`, `date`, `发布日期` …; a time and an ISO 8601
offset may follow the date), an HTML page's `<meta name="PubDate">`, or a `发布日期`/`发布时间`
line at the top of the page. A stated date that cannot be read as a date (`发布时间：2026年13月45日`)
is reported as a warning instead of being skipped in silence.

```toml
[tool.gaonb-lint.rules.publication-deadline]
body-kind = "government"
```

## Why
The deadline is statutory and is checked in every annual assessment of disclosure work.

## Format clause
条例 第四十九条: departments publish by 1月31日, 县级以上地方人民政府 by 3月31日 of the following year.
乡镇 and 街道 are not named in the 条例; local rules usually set 1月31日 (use `body-kind` where a
locality differs).

## Example
A 2025 department report with `发布日期:2026-02-05` is reported: published 2026-02-05, after
the deadline 2026-01-31.

## How to fix
Publish on time; if the date shown is wrong (a re-upload date, say), correct it on the page.
"""
from __future__ import annotations

import re
from datetime import date

from gaonb_lint.api import Option, Rule

KINDS = {
    "department": ((1, 31), "政府部门", "a government department"),
    "township": ((1, 31), "乡镇人民政府、街道办事处", "a township or sub-district"),
    "government": ((3, 31), "县级以上地方人民政府", "a people's government at county level or above"),
}


# A township or sub-district, with or without 人民政府/办事处: `白塔子镇`, `某乡人民政府`, `某街道`.
_TOWNSHIP = re.compile(r"(?:乡|镇|苏木)(?:人民政府)?$|街道(?:办事处)?$")
# A government: 人民政府; a county, city, district or province named alone (`松溪县`, `南平市`); a
# 管委会 of an area, or the area itself (`某经济开发区`, `某新区`, `某实验区`), reporting for it.
# (`城市管理委员会` is a department: a 管委会 counts only after the area it runs, 区/园/城/港.)
_GOVERNMENT = re.compile(r"人民政府$|(?<!社)(?:省|市|县|区|州|盟|旗)$|(?:区|园|城|港)(?:管委会|管理委员会)$")


def body_kind(name: str) -> str:
    if _TOWNSHIP.search(name):
        return "township"
    if _GOVERNMENT.search(name):
        return "government"
    return "department"


def check(report, ctx):
    from gaonb_lint.api.publication import find_publication_date, unreadable_date

    if report.year is None:
        return
    published = find_publication_date(report)
    if published is None:
        bad = unreadable_date(report)
        if bad is not None:
            yield ctx.finding((bad.start, bad.end), "unreadable", severity="warning", written=bad.written)
        return
    option = ctx.options["body-kind"]  # checked against the declaration when the configuration loads
    kind = body_kind(report.body) if option == "auto" else option
    (month, day), kind_zh, kind_en = KINDS[kind]
    deadline = date(report.year + 1, month, day)
    where = (published.start, published.end)
    params = dict(published=published.date.isoformat(), deadline=deadline.isoformat(), year=report.year,
                  kind_zh=kind_zh, kind_en=kind_en)
    if published.date > deadline:
        yield ctx.finding(where, "late", **params)
    elif published.date < date(report.year + 1, 1, 1):
        yield ctx.finding(where, "early", severity="warning", **params)


RULE = Rule(
    slug="publication-deadline",
    code="GL304",
    summary={"zh": "年度报告在法定期限内公布（部门、乡镇为次年1月31日前，县级以上人民政府为次年3月31日前）",
             "en": "the report was published by the legal deadline (31 January, or 31 March for governments)"},
    messages={
        "late": {"zh": "发布日期 {published} 晚于法定期限：{kind_zh}的 {year} 年度报告应在 {deadline} 前公布",
                 "en": "published {published}, after the deadline: {kind_en} must publish its {year} report by {deadline}"},
        "unreadable": {"zh": "发布日期 “{written}” 无法识别为日期，未检查公布期限（应写作如 2026-01-16）",
                       "en": "the publication date “{written}” cannot be read as a date, so the deadline is not "
                             "checked (write it as, e.g., 2026-01-16)"},
        "early": {"zh": "发布日期 {published} 早于 {year} 年度结束，报告年度可能有误（{year} 年度报告应在 {year} 年底之后、{deadline} 前公布）",
                  "en": "published {published}, before the end of {year}: the report year is probably wrong (a {year} "
                        "report is published after the year ends and by {deadline})"},
    },
    check=check,
    doc=__doc__,
    options=[Option("body-kind", str, "auto", allowed=("auto", *KINDS), doc={
        "zh": "机关类型：auto（按机关名称判断）、department（部门）、township（乡镇、街道）或 government（县级以上人民政府）",
        "en": "kind of body: auto (from its name), department, township, or government (county level or above)"})],
)
