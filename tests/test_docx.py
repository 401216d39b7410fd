"""Word files built with python-docx in the test: merged cells, positions, missing extra."""
from __future__ import annotations

import collections
from pathlib import Path

import pytest

from conftest import check_source, run_main
from sources_helpers import grid, markdown_parts, read, to_docx

docx = pytest.importorskip("docx")
ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def _md_grids(md: str):
    w = lambda rows: max(len(r) for r in rows)  # noqa: E731
    return [[r + [""] * (w(rows) - len(r)) for r in rows] for kind, rows in markdown_parts(md) if kind == "table"]


def test_merged_cells_expand_to_the_markdown_grid(tmp_path):
    md = (EXAMPLES / "compliant-2025.md").read_text(encoding="utf-8")
    path = tmp_path / "r.docx"
    to_docx(md, path)
    report = read(path.read_bytes(), ".docx")
    assert [grid(t) for t in report.tables()] == _md_grids(md)
    assert [s.number for s in report.sections] == list("一二三四五六")
    assert report.title_text == "青禾镇人民政府2025年政府信息公开工作年度报告"


def test_positions_are_paragraph_numbers(tmp_path):
    d = docx.Document()
    d.add_paragraph("某镇2025年政府信息公开工作年度报告")
    d.add_paragraph("一、总体情况")
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).text, t.cell(0, 1).text = "规章", "0"
    t.cell(1, 1).text = "7"
    d.add_paragraph("二、主动公开政府信息情况")
    path = tmp_path / "p.docx"
    d.save(str(path))
    report = read(path.read_bytes(), ".docx")
    h = report.sections[1].heading
    assert report.span(h.start, h.end).line == 5  # title, 一, two table rows, then this paragraph
    cell = next(report.tables()).rows[1][1]
    sp = report.span(cell.start, cell.end)
    assert (sp.line, sp.column) == (4, 2)


def _counts(diags):
    return collections.Counter((d["rule"], d["code"]) for d in diags)


def test_same_findings_as_the_markdown_source(tmp_path):
    md = (EXAMPLES / "mistakes-2025.md").read_text(encoding="utf-8")
    path = tmp_path / "m.docx"
    to_docx(md, path)
    code, out, err = run_main(["check", "--isolated", "--format", "json", str(path)])
    import json

    assert code == 1, err
    assert _counts(json.loads(out)["diagnostics"]) == _counts(check_source(md, ".md"))


def test_not_a_docx_is_exit_2_with_one_line(tmp_path):
    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    code, out, err = run_main(["check", "--isolated", str(path)])
    assert code == 2
    assert "broken.docx" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_missing_extra_is_exit_2_with_the_install_hint(tmp_path, monkeypatch):
    from gaonb_lint.readers import docx as docx_reader

    monkeypatch.setattr(docx_reader, "_import_docx", lambda: None)
    path = tmp_path / "r.docx"
    docx.Document().save(str(path))
    code, out, err = run_main(["check", "--isolated", str(path)])
    assert code == 2
    assert "pip install 'gaonb-lint[docx]'" in err and "Traceback" not in err
