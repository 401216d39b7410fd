"""Memory and time are bounded by the input's size (issue 14, section 1).

Each example of the issue is a regression test; each class has a scaling test that counts the
operations (``scaling.line_events``) at 1×, 4× and 16× the input instead of timing anything.
"""
from __future__ import annotations

import io
import json
import re
import zipfile

import pytest

from conftest import EXAMPLES_DIR, check_source, run_main
from scaling import assert_linear
from sources_helpers import read

COMPLIANT = (EXAMPLES_DIR / "compliant-2025.md").read_text(encoding="utf-8")


def no_traceback(err: str) -> None:
    assert "Traceback" not in err and "Error:" not in err.replace("错误：", ""), err


# -- quadratic readers: the text is split once per document ------------------------------------

def test_paragraphs_markdown_scale_linearly():
    assert_linear(lambda n: read("某某工作。\n\n" * n, ".md"), 100)


def test_paragraphs_text_scale_linearly():
    assert_linear(lambda n: read("某某工作。\n\n" * n, ".txt"), 100)


def test_html_tables_scale_linearly():
    assert_linear(lambda n: read("<table><tr><td>a</td></tr></table>\n" * n, ".html"), 25)


def test_html_suppression_comments_scale_linearly():
    assert_linear(lambda n: read("<p>x</p><!-- gaonb-lint-disable-line GL101 -->\n" * n, ".html"), 25)


def test_markdown_fences_scale_linearly():
    assert_linear(lambda n: read("段落。\n\n```text-table\n规章\t0\n```\n\n" * n, ".md"), 25)


def _docx_bytes(tables: int = 1, grid_span: str = "", pad: int = 0, rows: int = 1) -> bytes:
    """A .docx built by python-docx with ``tables`` small tables of ``rows`` rows; ``grid_span``
    sets each row's first cell's ``w:gridSpan``; ``pad`` adds a part of that many (well
    compressible) bytes."""
    docx = pytest.importorskip("docx")
    d = docx.Document()
    d.add_paragraph("一、总体情况")
    for _ in range(tables):
        t = d.add_table(rows=rows, cols=2)
        t.cell(0, 0).text = "规章"
        t.cell(0, 1).text = "0"
    buf = io.BytesIO()
    d.save(buf)
    if not grid_span and not pad:
        return buf.getvalue()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "word/document.xml" and grid_span:
                data = re.sub(rb"<w:tr\b[^>]*>\s*<w:tc>\s*<w:tcPr>", lambda m: m.group(0) + b'<w:gridSpan w:val="%s"/>' % grid_span.encode(), data)
            zout.writestr(info, data)
        if pad:
            zout.writestr("word/padding.xml", b" " * pad)
    return out.getvalue()


def test_docx_tables_scale_linearly():
    pytest.importorskip("docx")
    docs = {n: _docx_bytes(n) for n in (10, 40, 160)}
    assert_linear(lambda n: read(docs[n], ".docx"), 10)


# -- expanded cells are bounded ------------------------------------------------------------

def test_html_rowspan_times_colspan_is_bounded():
    """The issue's 9 KB page: 20 cells of rowspan=1000 colspan=1000 (6 GB before)."""
    cell = '<td rowspan=1000 colspan=1000>规章</td>'
    page = "<p>二、主动公开政府信息情况</p><table>" + "".join(f"<tr>{cell}</tr>" for _ in range(20)) + "</table>"
    report = read(page, ".html")
    (table,) = list(report.tables())
    assert not table.readable and table.rows == []
    assert "rowspan/colspan" in table.issues[0].reason_en
    assert len(report.text) < 10 * len(page)


def test_html_wide_colspan_over_many_rows_is_bounded():
    """One wide row makes every row wide: the rendered rectangle is bounded too."""
    page = "<table><tr><td colspan=1000>x</td></tr>" + "<tr><td>1</td></tr>" * 2000 + "</table>"
    report = read(page, ".html")
    (table,) = list(report.tables())
    assert not table.readable
    assert len(report.text) < 10 * len(page)


def test_html_span_growth_is_linear_in_the_markup():
    cell = '<td rowspan=1000 colspan=1000>规章</td>'
    assert_linear(lambda n: read("<table>" + f"<tr>{cell}</tr>" * n + "</table>", ".html"), 5)


def test_legitimate_spans_are_still_expanded():
    page = "<table><tr><td rowspan=3 colspan=2>a</td><td>b</td></tr><tr><td>c</td></tr><tr><td>d</td></tr></table>"
    (table,) = list(read(page, ".html").tables())
    assert table.readable
    assert [[c.text for c in r] for r in table.rows] == [["a", "", "b"], ["", "", "c"], ["", "", "d"]]


def test_html_span_of_5000_digits_is_clamped_not_a_crash():
    page = f"<table><tr><td colspan={'9' * 5000}>a</td></tr></table>"
    (table,) = list(read(page, ".html").tables())
    assert table.readable and len(table.rows[0]) == 1000


def test_docx_grid_span_of_a_billion_is_clamped():
    """The issue's 934-byte case: a MemoryError before; each span is clamped."""
    data = _docx_bytes(grid_span="1000000000")
    report = read(data, ".docx")
    (table,) = list(report.tables())
    assert table.readable and len(table.rows[0]) == 1001


def test_docx_spans_beyond_the_table_bound_make_it_unreadable():
    report = read(_docx_bytes(grid_span="1000000000", rows=40), ".docx")
    (table,) = list(report.tables())
    assert not table.readable and table.rows == [] and "gridSpan" in table.issues[0].reason_en
    assert len(report.text) < 10_000


def test_docx_span_growth_is_linear_in_the_document():
    pytest.importorskip("docx")
    docs = {n: _docx_bytes(grid_span="1000000000", rows=n) for n in (30, 120, 480)}
    assert_linear(lambda n: read(docs[n], ".docx"), 30)


@pytest.mark.parametrize("value", ["9" * 5000, "-3", "abc"])
def test_docx_grid_span_junk_values_never_crash(value):
    report = read(_docx_bytes(grid_span=value), ".docx")
    assert len(list(report.tables())) == 1


def test_docx_unpacked_size_is_checked_before_reading(tmp_path):
    """A small .docx whose parts unpack beyond max-file-size is refused before any XML is read."""
    path = tmp_path / "bomb.docx"
    path.write_bytes(_docx_bytes(pad=11 * 1024 * 1024))
    assert path.stat().st_size < 200_000
    code, out, err = run_main(["check", "--isolated", str(path)])
    assert code == 2
    (line,) = err.strip().splitlines()
    assert str(path) in line and re.search(r"解压后的内容有 1\d\.\d MB，超过 10\.0 MB 的上限", line)


# -- one file's failure is one line for that file ------------------------------------------------

def test_memory_error_in_one_file_is_one_line_and_the_others_are_reported(tmp_path, monkeypatch):
    from gaonb_lint.readers import markdown

    bad, good = tmp_path / "a.md", tmp_path / "b.md"
    bad.write_text(COMPLIANT.replace("部分信息", "部分信息"), encoding="utf-8")
    good.write_text(COMPLIANT.replace("## 五、", "## 五、其他") , encoding="utf-8")
    real = markdown.read_markdown

    def exhausted(path, text):
        if path.endswith("a.md"):
            raise MemoryError()
        return real(path, text)

    monkeypatch.setattr(markdown, "read_markdown", exhausted)
    code, out, err = run_main(["check", "--isolated", "--format", "json", str(bad), str(good)])
    assert code == 2
    (line,) = err.strip().splitlines()
    assert str(bad) in line and "内存不足" in line
    doc = json.loads(out)
    assert doc["summary"]["files"] == 2 and [e["path"] for e in doc["errors"]] == [str(bad)]
    assert {d["path"] for d in doc["diagnostics"]} == {str(good)}


# -- numbers in cells ------------------------------------------------------------------------------

def _with_cell(value: str) -> str:
    old = "| 行政规范性文件 | 3 | 1 | 26 |"
    assert old in COMPLIANT
    return COMPLIANT.replace(old, f"| 行政规范性文件 | {value} | 1 | 26 |")


def test_a_5000_digit_integer_in_a_cell_is_an_unreadable_cell():
    found = check_source(_with_cell("9" * 5000))
    assert check_source.last["code"] == 1, check_source.last["stderr"]
    assert [d["code"] for d in found] == ["GL203"], found
    assert "digits" not in found[0]["message"] or "位" in found[0]["message"]
    assert "位数过多" in found[0]["message"] and len(found[0]["message"]) < 200


def test_superscript_digits_are_not_read_as_a_number():
    """``9¹`` (a footnote mark) is not 91: NFKC would turn the superscript into a digit."""
    from gaonb_lint.tables.values import parse_value

    assert not parse_value("9¹").ok
    assert not parse_value("①").ok
    assert parse_value("９").value == 9  # a full-width digit is still a digit
    found = check_source(_with_cell("3¹"))
    assert [d["code"] for d in found] == ["GL203"] and "“3¹”不是数字" in found[0]["message"]
