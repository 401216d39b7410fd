"""Every scraped-text layout module has its own cases (tests/layout_cases/<module>.yml): a table
as scraped, the layout it must be read as, the grid and the number of reader issues."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from gaonb_lint.readers.scraped.layouts import LAYOUTS
from sources_helpers import read

CASES = Path(__file__).resolve().parent / "layout_cases"


def _cases():
    out = []
    for path in sorted(CASES.glob("*.yml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in doc["cases"]:
            out.append(pytest.param(doc["layout"], case, id=f"{path.stem}::{case['name']}"))
    return out


def test_every_layout_module_has_a_case_file():
    names = {m.__name__.rsplit(".", 1)[1] for m in LAYOUTS}
    assert names == {p.stem for p in CASES.glob("*.yml")}


@pytest.mark.parametrize("layout,case", _cases())
def test_layout_case(layout, case):
    text = "某镇2025年政府信息公开工作年度报告\n二、主动公开政府信息情况\n" + case["text"]
    report = read(text, ".txt")
    (table,) = list(report.section("二").tables())
    assert table.layout == layout
    assert [[c.text for c in row] for row in table.rows] == case["rows"]
    assert len(table.issues) == case["issues"], [i.reason_en for i in table.issues]
