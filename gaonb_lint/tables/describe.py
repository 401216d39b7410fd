"""Naming tables, cells, format versions and relations in messages (Chinese and English).
Labels inside the names are the official ones, quoted as written in the format."""
from __future__ import annotations

from typing import Dict, List, Sequence, Tuple

from gaonb_lint import official_format
from gaonb_lint.tables.relations import Violation
from gaonb_lint.tables.spec import table_spec

LONG_SUM = 6  # sums with more terms show their non-zero terms only


# What a label problem is about (``LabelProblem.axis``), in Chinese and English.
LABEL_AXIS_NAMES = {
    "row": ("行标签", "row label"),
    "column": ("列标签", "column label"),
    "title": ("栏目标题", "block title"),
    "header": ("表头标签", "header label"),
    "group": ("表头分组标签", "header group label"),
}


def table_name(kind: str, version: str, lang: str) -> str:
    spec = table_spec(kind, version)
    if lang == "en":
        return f"table {spec.section_number} ({spec.section_title})"
    return f"表{spec.section_number}（{spec.section_title}）"


def version_name(version: str, lang: str) -> str:
    v = official_format.version(version)
    if lang == "en":
        return f"the {v.first_year} format ({v.document})"
    return f"{v.first_year}年版年报格式（{v.document}）"


def cell_name(kind: str, row: str, col: str, lang: str) -> str:
    if kind == "applications":
        return f"row “{row}”, column “{col}”" if lang == "en" else f"“{row}”行“{col}”列"
    if kind == "reviews":
        return f"“{col}” under “{row}”" if lang == "en" else f"“{row}”的“{col}”"
    return f"“{col}” of “{row}”" if lang == "en" else f"“{row}”的“{col}”"


def over_name(v: Violation, lang: str) -> str:
    inst = v.instance
    if inst.for_each == "column":
        return f"column “{inst.over}”" if lang == "en" else f"“{inst.over}”列"
    if inst.for_each == "group":
        return f"“{inst.over}”"
    return f"row “{inst.over}”" if lang == "en" else f"“{inst.over}”行"


def _number(n) -> str:
    return str(n)


def side(v: Violation, cells: Sequence[Tuple[str, str]]) -> str:
    """``label value + label value …``; a long sum lists its non-zero terms and counts the rest."""
    inst = v.instance
    label_of = (lambda k: k[0]) if inst.for_each == "column" else (lambda k: k[1])
    terms: List[Tuple[Tuple[str, str], int]] = [(k, v.values[k]) for k in cells]
    if len(terms) > LONG_SUM:
        shown = [(k, n) for k, n in terms if n != 0]
        rest = len(terms) - len(shown)
        text = " + ".join(f"{label_of(k)} {_number(n)}" for k, n in shown)
        if rest:
            text = (text + " + " if text else "") + f"{rest} × 0"
    else:
        text = " + ".join(f"{label_of(k)} {_number(n)}" for k, n in terms)
    if len(terms) > 1:
        text += f" = {sum(n for _, n in terms)}"
    return text


def violation_params(kind: str, version: str, v: Violation) -> Dict[str, object]:
    """Parameters for a balance message in both languages."""
    inst = v.instance
    row, col = v.culprit
    return {
        "relation_zh": f"{inst.id} {inst.name_in('zh')}", "relation_en": f"{inst.id} {inst.name_in('en')}",
        "over_zh": over_name(v, "zh"), "over_en": over_name(v, "en"),
        "cell_zh": cell_name(kind, row, col, "zh"), "cell_en": cell_name(kind, row, col, "en"),
        "table_zh": table_name(kind, version, "zh"), "table_en": table_name(kind, version, "en"),
        "found": v.found, "expected": v.expected,
        "left": side(v, inst.left), "lsum": v.left_sum, "right": side(v, inst.right), "rsum": v.right_sum,
        "relation_id": inst.id,
    }
