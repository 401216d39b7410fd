"""## 查什么
检查报告是否有六个法定章节：每个只出现一次、按规定顺序、编号为 `一` 至 `六`、标题与格式一致。只有空格或全角/半角标点的差别可以接受，用词不同则不行。

每个问题单独一行报出：标题改动的，在该标题处报出并给出官方标题；编号改动的，在该标题处报出；多出的章节（会打乱其后所有章节的编号）、重复的章节、顺序不对的章节各自报出；缺少的章节在它本应出现的位置（下一个存在的章节标题处）报出。

## 为什么
审核人员按章节比对不同单位、不同年度的报告。改了标题或多出章节会破坏这种比对，是年度考核中的常见扣分项；像 `五、信息处理费统计情况` 这样多出的章节，还会把第五、六部分应有的内容挤到错误的编号下。

## 格式依据
《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号；2019 年版 国办公开办函〔2019〕60号）规定的六个部分：`一、总体情况` / `二、主动公开政府信息情况` / `三、收到和处理政府信息公开申请情况` / `四、政府信息公开行政复议、行政诉讼情况` / `五、存在的主要问题及改进情况` / `六、其他需要报告的事项`。

## 示例
```text
五、存在问题及改进措施
```
报出：`章节标题不符：应为 “五、存在的主要问题及改进情况”，实为 “五、存在问题及改进措施”`。

## 怎么改
按提示逐字使用官方标题。多出章节的内容移入所属的法定章节（收费情况移入第六部分），并重新编号。

## What it does
Checks that the report has the six official sections, each exactly once, in the official order,
numbered `一` to `六`, with the official title. Differences only in whitespace or in full-/half-width
punctuation are accepted; a different word is not.

Each problem is reported on its own line: a retitled section at its heading (with the official
heading), a renumbered section at its heading, an extra section (which shifts the numbering of
everything after it), a duplicate, a section out of order, and a missing section where it should
have been (at the heading of the next section that is present).

## Why
Reviewers compare reports across bodies and years by section. A retitled or extra section breaks
that comparison and is a standard finding in annual assessments; an extra section such as
`五、信息处理费统计情况` also pushes the required content of 五 and 六 into the wrong numbers.

## Format clause
《中华人民共和国政府信息公开工作年度报告格式》(国办公开办函〔2021〕30号; 2019 version 国办公开办函〔2019〕60号):
the six sections 一、总体情况 / 二、主动公开政府信息情况 / 三、收到和处理政府信息公开申请情况 /
四、政府信息公开行政复议、行政诉讼情况 / 五、存在的主要问题及改进情况 / 六、其他需要报告的事项.

## Example
```text
五、存在问题及改进措施
```
is reported as `章节标题不符：应为 “五、存在的主要问题及改进情况”，实为 “五、存在问题及改进措施”`.

## How to fix
Use the official heading exactly as given in the message. `--fix` replaces a known variant of a
title with the official one; `--unsafe-fixes` also replaces a merely similar title or a wrong
number, and inserts a missing section as a heading with `（待补充）` for its author to write. Move the content of an extra section
into the official section it belongs to (fee information goes to 六), and renumber.
"""
from __future__ import annotations

from difflib import SequenceMatcher
from typing import Dict, List, Optional, Tuple

from gaonb_lint.api import Fix, Rule, longest_increasing, normalize_label, official_format

MATCH_THRESHOLD = 0.55
SAME_NUMBER_BONUS = 0.15


def _match(section, specs) -> Tuple[Optional[int], str]:
    """(index of the official section this one stands for, how: exact|variant|similar)."""
    title = normalize_label(section.title)
    best, best_score, how = None, 0.0, ""
    for i, spec in enumerate(specs):
        if title == normalize_label(spec.title):
            return i, "exact"
        if title in {normalize_label(v) for v in spec.variants}:
            score, kind = 0.95, "variant"
        else:
            score, kind = SequenceMatcher(None, title, normalize_label(spec.title)).ratio(), "similar"
        if section.number == spec.number:
            score += SAME_NUMBER_BONUS
        if score > best_score:
            best, best_score, how = i, score, kind
    return (best, how) if best_score >= MATCH_THRESHOLD else (None, "")


def check(report, ctx):
    specs = official_format.sections()
    first_seen: Dict[int, object] = {}
    placed: List[Tuple[int, object]] = []  # (official index, section) for sections kept in order
    candidates: List[Tuple[int, object, str]] = []
    for section in report.sections:
        idx, how = _match(section, specs)
        heading_text = section.heading.text
        if idx is None:
            yield ctx.finding(section.heading, "extra", actual=heading_text)
            continue
        if idx in first_seen:
            first = first_seen[idx]
            yield ctx.finding(section.heading, "duplicate", expected=specs[idx].heading,
                              line=report.position(first.heading.start)[0])
            continue
        first_seen[idx] = section
        candidates.append((idx, section, how))

    in_order = set(longest_increasing([c[0] for c in candidates]))
    for pos, (idx, section, how) in enumerate(candidates):
        spec = specs[idx]
        if pos not in in_order:
            # Say where it belongs among the sections that are in order.
            kept = [candidates[k][0] for k in sorted(in_order)]
            following = [i for i in kept if i > idx]
            if following:
                yield ctx.finding(section.heading, "order", expected=spec.heading,
                                  before=specs[following[0]].heading)
            else:
                yield ctx.finding(section.heading, "order-after", expected=spec.heading,
                                  after=specs[kept[-1]].heading)
            continue
        placed.append((idx, section))
        if how != "exact":
            # A known variant of the title is safely the official one; a merely similar title
            # may be another section written badly.
            yield ctx.finding(section.heading, "retitled", expected=spec.heading, actual=section.heading.text,
                              fix=_retitle(report, section.heading, spec.heading, safe=how == "variant"))
        elif section.number != spec.number:
            # The number is often wrong because of an extra section before it: renumbering alone
            # would then give two sections one number.
            yield ctx.finding(section.heading, "renumbered", expected=spec.heading, actual=section.heading.text,
                              fix=_retitle(report, section.heading, spec.heading, safe=False))

    present = {idx for idx, _ in first_seen.items()}
    for idx, spec in enumerate(specs):
        if idx in present:
            continue
        after = [s for i, s in placed if i > idx]
        fix = None
        if after:
            where = (after[0].heading.start, after[0].heading.start)
            fix = _skeleton_before(report, after[0].heading, spec.heading)
        elif report.sections:
            where = (report.end, report.end)
            fix = _skeleton_at_end(report, report.sections[-1].heading, spec.heading)
        elif report.title is not None:
            where = (report.title.start, report.title.end)
        else:
            where = (0, 0)
        yield ctx.finding(where, "missing", expected=spec.heading, fix=fix)


# What an inserted section holds until its author writes it.
PLACEHOLDER = "（待补充）"


def _retitle(report, heading, official: str, safe: bool):
    if report.text[heading.start:heading.end] != heading.text:
        return None  # the heading is not a verbatim slice of the source (HTML, DOCX)
    return Fix(heading.start, heading.end, official, safe=safe)


def _markup(report, heading) -> str:
    """What precedes a heading's text on its line (``## ``), to write a new heading alike."""
    line_start = report.line_start(report.position(heading.start)[0])
    prefix = report.text[line_start:heading.start]
    return prefix if prefix.strip(" #") == "" else ""


def _skeleton_before(report, heading, official: str):
    line_start = report.line_start(report.position(heading.start)[0])
    text = f"{_markup(report, heading)}{official}\n\n{PLACEHOLDER}\n\n"
    return Fix(line_start, line_start, text, safe=False)


def _skeleton_at_end(report, heading, official: str):
    end = report.end
    lead = "" if report.text.endswith("\n") else "\n"
    return Fix(end, end, f"{lead}\n{_markup(report, heading)}{official}\n\n{PLACEHOLDER}\n", safe=False)


RULE = Rule(
    slug="required-sections",
    code="GL101",
    summary={"zh": "六个法定章节齐全、顺序正确、标题与年报格式一致",
             "en": "the six official sections are present once each, in order, with their official titles"},
    messages={
        "missing": {"zh": "缺少章节：应有 “{expected}”",
                    "en": "missing section: expected “{expected}”"},
        "retitled": {"zh": "章节标题不符：应为 “{expected}”，实为 “{actual}”",
                     "en": "section title differs from the format: expected “{expected}”, found “{actual}”"},
        "renumbered": {"zh": "章节编号不符：应为 “{expected}”，实为 “{actual}”",
                       "en": "section number differs from the format: expected “{expected}”, found “{actual}”"},
        "extra": {"zh": "多出章节 “{actual}”：年报格式只有六个章节，多出的章节会打乱其后章节的编号，其内容应并入相应的法定章节",
                  "en": "extra section “{actual}”: the format has exactly six sections; an extra one shifts the "
                        "numbering of those after it; move its content into the official section it belongs to"},
        "duplicate": {"zh": "章节 “{expected}” 重复出现（第一次出现在第 {line} 行）",
                      "en": "section “{expected}” appears twice (first on line {line})"},
        "order": {"zh": "章节顺序错误：“{expected}” 应位于 “{before}” 之前",
                  "en": "section out of order: “{expected}” must come before “{before}”"},
        "order-after": {"zh": "章节顺序错误：“{expected}” 应位于 “{after}” 之后",
                        "en": "section out of order: “{expected}” must come after “{after}”"},
    },
    check=check,
    doc=__doc__,
)
