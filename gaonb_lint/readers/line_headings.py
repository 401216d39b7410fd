"""How a line of text becomes section headings and paragraphs.

Besides a bare numbered line (``一、总体情况``, see ``structure.parse_heading``), real sources
write a section heading

- as Markdown in a ``.txt`` file (``## 一、总体情况``) or as a bold line (``**一、总体情况**``);
- with the section's text on the same line (``六、其他需要报告的事项2021年，无收取信息处理费情况。``);
- run into the text by a crawler (``…工作。二、主动公开政府信息情况第二十条第(一)项…``).

The last two are read only for an official section title written whole with its own numeral
(``二、`` with 二's title), at the start of the line, right after the end of a sentence, or right
after a number (the last cell of a table the crawler ran into the line: ``…4432.52元三、收到…``,
``…0 0 00 00 0 四、政府信息公开…``), and not followed by a closing quotation mark or bracket:
prose that mentions a section quotes it (``在“二、主动公开政府信息情况”中``) or runs on from
words before it, and neither starts a section.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import List, Optional, Pattern, Tuple

from gaonb_lint import official_format
from gaonb_lint.model import Block, Heading, Paragraph
from gaonb_lint.readers.structure import heading_from_line, parse_heading

# `## 一、总体情况`, `一、总体情况 ##`; `**一、总体情况**`, `__一、总体情况__`.
_ATX = r"^(\s{0,3}#{1,6}[ \t]+)(\S(?:.*\S)?)$"
_ATX_CLOSE = r"[ \t]+#+$"
_BOLD = r"^(\s*(\*\*|__)\s*)(\S(?:.*\S)?)\s*\2\s*$"


@lru_cache(maxsize=None)
def _re(source: str) -> Pattern[str]:
    return re.compile(source)  # on first use: most text has no Markdown markup
_SENTENCE_END = "。！？；;!?"
# A table cell run into the line before a title: a number, with a unit a table writes after it.
_CELL_END = re.compile(r"[0-9０-９](?:元|万元|件|条|%)?$")
_CLOSERS = "”’」』》)）】〕]\"'"


@lru_cache(maxsize=1)
def _titles() -> Tuple[str, ...]:
    return tuple(spec.title for spec in official_format.sections())


@lru_cache(maxsize=1)
def _official() -> Pattern[str]:
    """``N、TITLE`` for every official section (compiled on first use: most lines hold no title)."""
    parts = [f"{re.escape(spec.number)}\\s*[、,，.．]\\s*{re.escape(spec.title)}" for spec in official_format.sections()]
    return re.compile("|".join(parts))


def _heading(text: str, start: int, a: int, b: int, how: str) -> Optional[Heading]:
    """A heading of ``text[a:b]`` (offsets in the line) if it parses as one."""
    body = text[a:b]
    parsed = parse_heading(body)
    if parsed is None:
        return None
    return Heading(start + a, start + b, body, 1, parsed[0], parsed[1], how=how)


def _unwrapped(text: str, start: int, next_text: Optional[str]) -> Optional[Heading]:
    """A Markdown ``#`` heading or a bold line in a source where that markup is not parsed."""
    stripped = text.lstrip()
    if not (stripped.startswith("#") or stripped.startswith(("**", "__"))):
        return None
    m = _re(_ATX).match(text)
    how = "markdown"
    if m:
        a = m.end(1)
        close = _re(_ATX_CLOSE).search(text)
        b = close.start() if close and close.start() > a else len(text.rstrip())
    else:
        m = _re(_BOLD).match(text)
        if not m:
            return None
        a, b, how = m.start(3), m.end(3), "bold"
    h = heading_from_line(text[a:b], start + a, next_text)
    if h is not None:
        h.how = how
    return h


def _run_in(text: str) -> List[Tuple[int, int]]:
    """Official headings inside the line: at its start, right after a sentence end or right
    after a number (a table's last cell), and not followed by a closing quotation mark or bracket."""
    out: List[Tuple[int, int]] = []
    if not any(title in text for title in _titles()):  # substring tests first: no regex on most lines
        return out
    lead = len(text) - len(text.lstrip())
    for m in _official().finditer(text):
        a, b = m.start(), m.end()
        if b < len(text) and text[b] in _CLOSERS:
            continue
        before = text[:a].rstrip()
        if a == lead or (before and (before[-1] in _SENTENCE_END or _CELL_END.search(before[-3:]))):
            out.append((a, b))
    return out


def _paragraph(text: str, start: int, a: int, b: int) -> Optional[Paragraph]:
    body = text[a:b]
    s = len(body) - len(body.lstrip())
    body = body.strip()
    if not body.strip(_SENTENCE_END + "，,、:："):
        return None
    return Paragraph(start + a + s, start + a + s + len(body), body)


def _whole(text: str, start: int) -> Paragraph:
    """The line as a paragraph; a Markdown ``#`` marker in a text file is markup, not text
    (``# 某镇2025年政府信息公开工作年度报告`` is the title)."""
    m = _re(_ATX).match(text) if text.lstrip().startswith("#") else None
    lead = m.end(1) if m else len(text) - len(text.lstrip())
    end = len(text.rstrip())
    close = _re(_ATX_CLOSE).search(text) if m else None
    if close is not None and close.start() > lead:
        end = close.start()
    return Paragraph(start + lead, start + end, text[lead:end].strip())


def line_blocks_of(text: str, start: int, next_text: Optional[str]) -> List[Block]:
    """The blocks of one non-blank line: a heading, a paragraph, or headings found inside it
    with the text between them as paragraphs."""
    heading = heading_from_line(text, start, next_text)
    if heading is not None and not _has_text_after_title(heading):
        return [heading]
    if heading is None:
        heading = _unwrapped(text, start, next_text)
        if heading is not None:
            return [heading]
    cuts = _run_in(text)
    if not cuts:
        return [heading] if heading is not None else [_whole(text, start)]
    blocks: List[Block] = []
    previous = 0
    lead = len(text) - len(text.lstrip())
    for a, b in cuts:
        if a > previous:
            p = _paragraph(text, start, previous, a)
            if p is not None:
                blocks.append(p)
        tail = _paragraph(text, start, b, len(text))
        how = "run-in" if a > lead else ("with-text" if tail is not None else "")
        h = _heading(text, start, a, b, how)
        blocks.append(h if h is not None else Paragraph(start + a, start + b, text[a:b]))
        previous = b
    p = _paragraph(text, start, previous, len(text))
    if p is not None:
        blocks.append(p)
    return blocks


_CLAUSE = frozenset("，,。；;：:！？")
TITLE_SUFFIX_CHARS = 15  # words after a title, with no punctuation, up to this many: a longer title


def _has_text_after_title(heading: Heading) -> bool:
    """A heading whose title is an official title with the section's text after it: a clause
    (`六、其他需要报告的事项2021年，无收取信息处理费情况。`), not a few words that make a longer,
    retitled heading (`二、主动公开政府信息情况说明`)."""
    from gaonb_lint.normalize import normalize_label

    title = normalize_label(heading.title)
    for key in official_format.section_title_keys():
        if title != key and title.startswith(key):
            rest = title[len(key):]
            return any(ch in _CLAUSE for ch in rest) or len(rest) > TITLE_SUFFIX_CHARS
    return False
