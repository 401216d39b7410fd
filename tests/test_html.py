"""HTML pages: real <table> markup with rowspan/colspan, page furniture dropped, positions in the
HTML file, same findings as the Markdown the page was made from."""
from __future__ import annotations

import collections
from pathlib import Path

from conftest import check_source
from sources_helpers import grid, markdown_parts, read, to_html

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def _md_grids(md: str):
    w = lambda rows: max(len(r) for r in rows)  # noqa: E731
    return [[r + [""] * (w(rows) - len(r)) for r in rows] for kind, rows in markdown_parts(md) if kind == "table"]


def test_rowspan_colspan_expand_to_the_markdown_grid():
    md = (EXAMPLES / "compliant-2025.md").read_text(encoding="utf-8")
    report = read(to_html(md), ".html")
    assert [grid(t) for t in report.tables()] == _md_grids(md)
    assert all(t.layout == "html" and t.readable for t in report.tables())


def test_navigation_scripts_and_footer_are_not_report_text():
    md = (EXAMPLES / "compliant-2025.md").read_text(encoding="utf-8")
    report = read(to_html(md), ".html")
    assert [s.number for s in report.sections] == list("一二三四五六")
    assert "主办单位" not in report.text and "var menu" not in report.text and "首页" not in report.text
    assert report.title_text == "青禾镇人民政府2025年政府信息公开工作年度报告"


def test_positions_point_into_the_html_file():
    html = "<html><body>\n<div>\n  <p>一、总体情况</p>\n<table><tr><td rowspan=2>规章<td>1&nbsp;</td></tr>\n<tr><td>2</table>\n</div></body></html>\n"
    report = read(html, ".html")
    lines = html.split("\n")
    h = report.sections[0].heading
    sp = report.span(h.start, h.end)
    assert (sp.line, sp.column) == (3, 6) and lines[2][sp.column - 1:sp.end_column - 1] == "一、总体情况"
    t = next(report.tables())
    assert grid(t) == [["规章", "1"], ["", "2"]]
    c = t.rows[1][1]
    sp = report.span(c.start, c.end)
    assert lines[sp.line - 1][sp.column - 1:sp.end_column - 1] == "2"


def test_entities_and_br_inside_cells():
    html = "<table><tr><td>结果<br>维持</td><td>商业&#20225;业</td><td>&nbsp;</td></tr></table>"
    t = next(read("<p>四、政府信息公开行政复议、行政诉讼情况</p>" + html, ".html").tables())
    assert grid(t) == [["结果\n维持", "商业企业", ""]]


def test_nested_layout_table_is_not_a_data_table():
    html = ("<table><tr><td><p>一、总体情况</p><p>正文。</p><table><tr><td>规章</td><td>0</td></tr></table>"
            "</td></tr></table>")
    report = read(html, ".html")
    assert [grid(t) for t in report.tables()] == [[["规章", "0"]]]


def _counts(diags):
    return collections.Counter((d["rule"], d["code"]) for d in diags)


def test_same_findings_as_the_markdown_source():
    for name in ("compliant-2025.md", "mistakes-2025.md"):
        md = (EXAMPLES / name).read_text(encoding="utf-8")
        from_md = check_source(md, ".md")
        from_html = check_source(to_html(md), ".html")
        assert _counts(from_html) == _counts(from_md), name
    assert from_md  # the mistakes example has findings


def test_suppression_comment_in_html_works():
    md = (EXAMPLES / "mistakes-2025.md").read_text(encoding="utf-8")
    html = to_html(md).replace("<body>", "<body><!-- gaonb-lint-disable-file required-sections -->")
    rules = {d["rule"] for d in check_source(html, ".html")}
    assert "required-sections" not in rules and "fee-statement" in rules


def test_tag_soup_never_raises():
    for html in ("", "<", "<table><tr><td>", "</td></tr></table><p>", "<p>一、总体情况<div>正文",
                 "<td rowspan=x colspan=0>规章</td>", "&#xZZ; &bogus; <!-- x", "<table><table><tr>"):
        read(html, ".html")


def test_unclosed_tail_keeps_everything_before_it(tmp_path):
    """An unclosed comment or tag at the end swallows only the rest of the file (HTML spec): the
    report before it reads exactly as without the tail."""
    import json

    from conftest import run_cli

    page = (Path(__file__).resolve().parent / "fixtures" / "sources" / "compliant-2025.html").read_text(encoding="utf-8")
    results = []
    for tail in ("", "<!-- 未闭合的注释 " + "x" * 1000, "<div class=\"a\" " + "<a " * 1000):
        path = tmp_path / f"p{len(results)}.html"
        path.write_text(page + tail, encoding="utf-8")
        code, out, err = run_cli(["check", "--isolated", "--format", "json", str(path)], timeout=30)
        assert "Traceback" not in err
        results.append((code, [(d["line"], d["rule"]) for d in json.loads(out)["diagnostics"]]))
    assert results[0] == results[1] == results[2]
