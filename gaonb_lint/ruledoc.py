"""A rule's documentation in two languages, from one Markdown text (the rule module's docstring).

The Chinese part comes first, with the headings in ``DOC_SECTIONS["zh"]``; the English part
follows, with those in ``DOC_SECTIONS["en"]``.  A rule documented in one language only (a
third-party rule, say) shows that text in both.
"""
from __future__ import annotations

from typing import Dict, Tuple

DOC_SECTIONS: Dict[str, Tuple[str, ...]] = {
    "zh": ("## 查什么", "## 为什么", "## 格式依据", "## 示例", "## 怎么改"),
    "en": ("## What it does", "## Why", "## Format clause", "## Example", "## How to fix"),
}


def _start(doc: str, heading: str) -> int:
    if doc.startswith(heading + "\n"):
        return 0
    at = doc.find("\n" + heading + "\n")
    return -1 if at < 0 else at + 1


def split(doc: str) -> Dict[str, str]:
    """``{"zh": …, "en": …}``: each language's part of ``doc`` (empty when it has none)."""
    starts = {lang: _start(doc, heads[0]) for lang, heads in DOC_SECTIONS.items()}
    out = {}
    for lang, at in starts.items():
        if at < 0:
            out[lang] = ""
            continue
        ends = [s for s in starts.values() if s > at]
        out[lang] = doc[at:min(ends) if ends else len(doc)].strip()
    return out


def doc_in(doc: str, lang: str) -> str:
    """The documentation in ``lang``, else in the other language, else ``doc`` as it is."""
    parts = split(doc or "")
    other = "en" if lang == "zh" else "zh"
    return parts.get(lang) or parts.get(other) or (doc or "").strip()
