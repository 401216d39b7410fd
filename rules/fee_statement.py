"""## 查什么
对适用 2021 年版格式的报告（2021 年度及以后），检查 `六、其他需要报告的事项` 是否说明了信息处理费的收取情况：要有一句话提到 信息处理费（或 信息公开处理费，或在谈信息公开的句子中提到 收费，如 `政府信息公开未发生收费情况`），并且写明没有收取（`未收取`、`未发出`、`未发生`、`没有`、`为0`、`0元`、`无`）、金额（`600元`）或收费通知的件数（`2件`）。像 `（一）信息处理费收取情况` 这样的小标题，只有其下的段落作了说明才算。只写出办法名称（《政府信息公开信息处理费管理办法》）不算说明。

## 为什么
自 2021 年 1 月 1 日起，行政机关可以对超出合理数量的申请收取信息处理费，年报格式要求在年度报告中说明收取情况。审核人员每份报告都会查这一项。

## 格式依据
国办公开办函〔2021〕30号，第六部分 `其他需要报告的事项`：依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）收取信息处理费的情况。2019、2020 年度报告（2019 年版格式）不检查。

## 示例
```text
六、其他需要报告的事项
无。
```
报出：第六部分没有说明信息处理费的收取情况。

## 怎么改
在第六部分加一句，如 `本机关本年度未收取信息处理费。` 或 `本年度共发出收费通知2件，实际收取信息处理费600元。`。写在其他章节或另设章节的收费情况不算，请移到第六部分。

## What it does
For reports under the 2021 format (report year 2021 and later), checks that section
`六、其他需要报告的事项` states whether, and how much, information-processing fee (信息处理费) was
collected: a sentence that names 信息处理费 (or 信息公开处理费, or 收费 in a sentence about 信息公开:
`政府信息公开未发生收费情况`) together with a none/zero expression (`未收取`,
`未发出`, `未发生`, `没有`, `为0`, `0元`, `无`), an amount (`600元`) or a number of fee notices (`2件`).
A heading such as `（一）信息处理费收取情况` counts only when the paragraph under it makes the
statement. Naming the measures (《政府信息公开信息处理费管理办法》) is not a statement.

## Why
Since 1 January 2021 bodies may charge a processing fee for excessive applications, and the
format requires the annual report to account for it. Reviewers check it on every report.

## Format clause
国办公开办函〔2021〕30号, section 六 `其他需要报告的事项`: the 信息处理费 collected under
《政府信息公开信息处理费管理办法》(国办函〔2020〕109号). Reports for 2019 and 2020 (2019 format) are not
checked.

## Example
```text
六、其他需要报告的事项
无。
```
is reported: section 六 does not state the fee collection.

## How to fix
Add to section 六 a sentence such as `本机关本年度未收取信息处理费。` or
`本年度共发出收费通知2件，实际收取信息处理费600元。`. Fee information in another section or in an
extra section does not count: move it into 六. `--unsafe-fixes` adds
`本机关本年度信息处理费收取情况：【待填写】。` at the end of 六 for you to complete; until `【待填写】`
is replaced the sentence is reported as not filled in.
"""
from __future__ import annotations

import re

from gaonb_lint.api import Fix, Heading, Paragraph, Rule, normalize_label, official_format

# The fee as reports name it: 信息处理费, 信息公开处理费, or 收费 in a sentence about 信息公开
# (`政府信息公开未发生收费情况`).
_FEE = re.compile(r"信息(?:公开)?处理费|信息公开[^。；;，,]{0,8}收费")
_FEE_NOUN = re.compile(r"信息(?:公开)?处理费|收费")
# Titles of documents (《…》) name the measures, they do not state anything.
_BOOK_TITLE = re.compile(r"《[^》]*》")
_STATEMENT = re.compile(
    r"未收取|未收|未发出|未产生|未发生|没有|不存在|无|免收|为\s*[0０零]|[0０零]\s*元|\d+(?:\.\d+)?\s*(?:万)?元|\d+\s*(?:件|次|份)"
)
_SENTENCE = re.compile(r"[^。；;！？\n]+[。；;！？]?")


def _states_fee(text: str) -> bool:
    text = _BOOK_TITLE.sub("", text)
    return any(_FEE.search(s) and _STATEMENT.search(_FEE_NOUN.sub("", s)) for s in _SENTENCE.findall(text))


def _mentions_fee(text: str) -> bool:
    return bool(_FEE.search(_BOOK_TITLE.sub("", text)))


def _is_heading_like(block) -> bool:
    text = block.text.strip()
    return isinstance(block, Heading) or (len(text) <= 30 and not text.endswith(("。", "；")))


def _fee_section(report, spec):
    wanted = normalize_label(spec.title)
    for s in report.sections:
        if normalize_label(s.title) == wanted:
            return s
    return report.section(spec.number)


def check(report, ctx):
    fee = ctx.format.fee_statement if ctx.format is not None else None
    if fee is None or not ctx.format.fee_statement_required:
        return
    spec = official_format.section(fee.section)  # 六、其他需要报告的事项 (the format data says)
    section = _fee_section(report, spec)
    if section is not None:
        blocks = [b for b in section.blocks if isinstance(b, (Paragraph, Heading))]
        for block in blocks:
            if fee.fee in block.text and PLACEHOLDER in block.text:
                yield ctx.finding(block, "placeholder", placeholder=PLACEHOLDER, example=fee.example)
                return
        for i, block in enumerate(blocks):
            if _states_fee(block.text):
                return
            if _mentions_fee(block.text) and _is_heading_like(block) and i + 1 < len(blocks):
                nxt = blocks[i + 1]
                if not _is_heading_like(nxt) or len(nxt.text.strip()) <= 10:
                    if _STATEMENT.search(nxt.text):
                        return
    elsewhere = None
    for s in report.sections:
        if s is section:
            continue
        for block in [s.heading, *s.blocks]:
            if isinstance(block, (Paragraph, Heading)) and _mentions_fee(block.text):
                elsewhere = block
                break
        if elsewhere is not None:
            break
    where = section.heading if section is not None else (report.end, report.end)
    if elsewhere is not None:
        yield ctx.finding(where, "elsewhere", section=spec.heading, line=report.position(elsewhere.start)[0],
                          example=fee.example)
    else:
        yield ctx.finding(where, "missing", section=spec.heading, example=fee.example,
                          fix=_sentence(report, section, fee.fee))


# Marks the sentence --unsafe-fixes inserts until its author fills it in.
PLACEHOLDER = "【待填写】"


def _sentence(report, section, fee: str):
    if section is None:
        return None
    last = section.blocks[-1] if section.blocks else section.heading
    return Fix(last.end, last.end, f"\n\n本机关本年度{fee}收取情况：{PLACEHOLDER}。", safe=False)


RULE = Rule(
    slug="fee-statement",
    code="GL302",
    summary={"zh": "在“六、其他需要报告的事项”中说明信息处理费收取情况",
             "en": "section 六 states the information-processing fee (信息处理费) collected"},
    messages={
        "placeholder": {"zh": "信息处理费收取情况尚未填写：请将 “{placeholder}” 改为实际情况，如 “{example}”",
                        "en": "the information-processing fee statement is not filled in: replace “{placeholder}” "
                              "with the facts, e.g. “{example}”"},
        "missing": {"zh": "未说明信息处理费收取情况：应在 “{section}” 中写明，如 “{example}”",
                    "en": "no statement on the information-processing fee: section “{section}” must state it, "
                          "e.g. “{example}”"},
        "elsewhere": {"zh": "信息处理费收取情况应在 “{section}” 中说明（目前仅在第 {line} 行提及），如 “{example}”",
                      "en": "the information-processing fee must be stated in section “{section}” (it is only "
                            "mentioned on line {line}), e.g. “{example}”"},
    },
    check=check,
    doc=__doc__,
)
