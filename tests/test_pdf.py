"""PDF reports: the fixtures in tests/fixtures/pdf/ were made once by tools/make_pdf_fixtures.py
(the examples laid out in Word form with python-docx, exported by LibreOffice with Noto CJK fonts)."""
from __future__ import annotations

import collections
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import EXAMPLES_DIR, check_source, cli_env, run_main
from sources_helpers import grid, markdown_parts, read

pytest.importorskip("pypdfium2")
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "pdf"


def pdf(name: str) -> Path:
    return FIXTURES / name


def read_pdf(name: str):
    return read(pdf(name).read_bytes(), ".pdf", str(FIXTURES / Path(name).stem))


def check_json(path) -> dict:
    code, out, err = run_main(["check", "--isolated", "--format", "json", str(path)])
    doc = json.loads(out)
    doc["exit"], doc["stderr"] = code, err
    return doc


def _without_lines(message: str) -> str:
    """A message minus the source line numbers it quotes (a PDF's lines are not the Markdown's)."""
    return re.sub(r"第 \d+ 行|line \d+", "第 N 行", message)


def _findings(diags):
    return collections.Counter((d["rule"], d["code"], _without_lines(d["message"])) for d in diags)


def _md_grids(md: str):
    w = lambda rows: max(len(r) for r in rows)  # noqa: E731
    return [[r + [""] * (w(rows) - len(r)) for r in rows] for kind, rows in markdown_parts(md) if kind == "table"]


# -- the same report as its Markdown source --------------------------------------------------

@pytest.mark.parametrize("name", ["compliant-2025", "mistakes-2025"])
def test_same_findings_as_the_markdown_it_came_from(name):
    md = (EXAMPLES_DIR / f"{name}.md").read_text(encoding="utf-8")
    expected = check_source(md, ".md")
    doc = check_json(pdf(f"{name}.pdf"))
    assert doc["exit"] == (1 if expected else 0), doc["stderr"]
    assert _findings(doc["diagnostics"]) == _findings(expected)
    if name == "mistakes-2025":
        assert len(expected) >= 7  # mistakes-2025 has 7 findings since one cause gives one finding


def test_structure_and_tables_are_those_of_the_markdown():
    md = (EXAMPLES_DIR / "compliant-2025.md").read_text(encoding="utf-8")
    report = read_pdf("compliant-2025.pdf")
    assert report.title_text == "青禾镇人民政府2025年政府信息公开工作年度报告"  # a centred title wrapped in two
    assert [s.heading.text for s in report.sections] == [x for k, x in markdown_parts(md) if k == "h2"]
    assert [grid(t) for t in report.tables()] == _md_grids(md)
    assert all(t.readable and t.layout == "pdf" for t in report.tables())
    paragraphs = [x for k, x in markdown_parts(md) if k == "p"]
    lines = report.text.split("\n")
    for p in paragraphs:  # every paragraph, broken over 2-4 lines on the page, is one line again
        assert p in lines


def test_every_finding_names_its_page():
    doc = check_json(pdf("mistakes-2025.pdf"))
    pages = {d["rule"]: d["page"] for d in doc["diagnostics"]}
    # statistics period on page 1, table 二 on page 2, table 三 starts on page 3 (see the fixture)
    assert pages["statistics-period"] == 1 and pages["table-labels"] == 2 and pages["balance"] == 3
    assert all(isinstance(d["page"], int) for d in doc["diagnostics"])
    code, out, err = run_main(["check", "--isolated", str(pdf("mistakes-2025.pdf"))])
    assert re.search(r"mistakes-2025\.pdf:\d+:\d+: GL301 .*（第 1 页）$", out, re.M)
    code, out, err = run_main(["check", "--isolated", "--lang", "en", str(pdf("mistakes-2025.pdf"))])
    assert re.search(r"GL202 .* \(page 3\)$", out, re.M)
    # sources without pages keep their JSON shape
    md = check_source((EXAMPLES_DIR / "mistakes-2025.md").read_text(encoding="utf-8"))
    assert md and all("page" not in d for d in md)


def test_positions_are_lines_of_the_extracted_text():
    report = read_pdf("mistakes-2025.pdf")
    doc = check_json(pdf("mistakes-2025.pdf"))
    lines = report.text.split("\n")
    for d in doc["diagnostics"]:
        line = lines[d["line"] - 1]
        assert 1 <= d["column"] <= len(line) + 1
        assert report.page_at(report.line_start(d["line"])) == d["page"]


# -- layout -----------------------------------------------------------------------------------

def test_a_table_over_a_page_break_is_one_table_without_the_repeated_header():
    from gaonb_lint.readers.pdf import Piece, read_pages

    pages = read_pages("t.pdf", pdf("compliant-2025.pdf").read_bytes())
    first = [it for p in pages for it in p.items if isinstance(it, Piece)]
    # The PDF itself: table 三 is drawn on pages 3 and 4, page 4 repeating its three header rows.
    on3 = [t for t in first if t.pages[0] == 3][0]
    on4 = [t for t in first if t.pages[0] == 4][0]
    assert on4.rows[:3] == on3.rows[:3] and "申请人情况" in on4.rows[0]
    report = read_pdf("compliant-2025.pdf")
    table = list(report.tables())[1]
    assert sum("申请人情况" in [c.text for c in row] for row in table.rows) == 1
    assert len(table.rows) == len(on3.rows) + len(on4.rows) - 3
    assert report.page_at(table.rows[0][0].start) == 3 and report.page_at(table.rows[-1][0].start) == 4


def test_a_sentence_broken_by_the_layout_reads_as_one():
    from gaonb_lint.readers.pdf import read_pages
    from gaonb_lint.readers.pdf_layout import Line

    raw = [it.text for it in read_pages("t.pdf", pdf("period-break.pdf").read_bytes())[0].items
           if isinstance(it, Line)]
    broken = [i for i, t in enumerate(raw) if t.endswith("统计期限为2025")]
    assert broken and raw[broken[0] + 1].startswith("年1月1日至")  # as printed on the page
    report = read_pdf("period-break.pdf")
    assert "统计期限为2025年1月1日至2025年12月31日。" in report.text
    assert check_json(pdf("period-break.pdf"))["diagnostics"] == []


def test_page_numbers_and_running_titles_are_dropped():
    from gaonb_lint.readers.pdf import read_pages
    from gaonb_lint.readers.pdf_layout import Line

    pages = read_pages("t.pdf", pdf("compliant-2025.pdf").read_bytes())
    raw = [[it.text for it in p.items if isinstance(it, Line)] for p in pages]
    assert all(r[0] == "青禾镇人民政府2025年政府信息公开工作年度报告" for r in raw if r)  # the page header
    assert all(any(re.fullmatch(r"- \d -", t) for t in r) for r in raw if r)  # the footer
    report = read_pdf("compliant-2025.pdf")
    assert report.text.count("青禾镇人民政府2025年政府信息公开工作年度报告") == 1  # the title only
    assert not re.search(r"^- \d+ -$", report.text, re.M)
    mistakes = read_pdf("mistakes-2025.pdf")  # footer 第 N 页
    assert not re.search(r"第 ?\d+ ?页", mistakes.text)


def test_convert_shows_what_was_read_and_lints_the_same(tmp_path):
    out = tmp_path / "m.md"
    code, _, err = run_main(["convert", str(pdf("mistakes-2025.pdf")), "--to", "md", "-o", str(out)])
    assert code == 0, err
    md = out.read_text(encoding="utf-8")
    assert "source-format: pdf" in md and "| 第二十条第（一）项 |" in md
    expected = check_source((EXAMPLES_DIR / "mistakes-2025.md").read_text(encoding="utf-8"))
    assert _findings(check_source(md)) == _findings(expected)


# -- what cannot be read ----------------------------------------------------------------------

def _one_line_error(path, *words, lang="en"):
    code, out, err = run_main(["check", "--isolated", "--lang", lang, str(path)])
    assert code == 2
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1 and str(path) in lines[0] and "Traceback" not in err, err
    for w in words:
        assert w in lines[0]
    return lines[0]


def test_a_scanned_pdf_is_exit_2_with_one_line():
    _one_line_error(pdf("scanned.pdf"), "no text layer", "OCR")
    _one_line_error(pdf("scanned.pdf"), "没有文字层", "不识别图片中的文字", lang="zh")


def test_an_encrypted_pdf_is_exit_2_with_one_line():
    _one_line_error(pdf("encrypted.pdf"), "encrypted")


def test_a_pdf_with_only_an_owner_password_is_read():
    """Printing/copying restrictions do not stop reading (pdfinfo: encrypted, no open password)."""
    assert b"/Encrypt" in pdf("restricted.pdf").read_bytes()
    doc = check_json(pdf("restricted.pdf"))
    assert doc["exit"] == 0 and doc["diagnostics"] == [], doc["stderr"]


def test_a_table_with_missing_rules_is_unreadable_not_guessed():
    doc = check_json(pdf("damaged-table.pdf"))
    assert [(d["rule"], d["page"]) for d in doc["diagnostics"]] == [("table-unreadable", 2)]
    assert "3 1 26" in doc["diagnostics"][0]["message"]


def test_not_a_pdf_is_exit_2_with_one_line(tmp_path):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\n this is not a PDF body")
    _one_line_error(path, "not a readable PDF")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_damaged_files_give_findings_or_one_line(tmp_path, data):
    """Truncated or overwritten PDFs: findings, or one line naming the file, never a traceback."""
    src = pdf("mistakes-2025.pdf").read_bytes()
    cut = data.draw(st.integers(0, len(src)))
    at = data.draw(st.integers(0, len(src) - 1))
    junk = data.draw(st.binary(max_size=64))
    path = tmp_path / "r.pdf"
    path.write_bytes((src[:at] + junk + src[at + len(junk):])[:max(cut, 1)])
    code, out, err = run_main(["check", "--isolated", "--format", "json", str(path)])
    assert code in (0, 1, 2)
    assert "Traceback" not in err
    if code == 2:
        assert len(err.strip().splitlines()) == 1 and str(path) in err


# -- without the extra ------------------------------------------------------------------------

def _without(modules, args, cwd):
    """The CLI in a Python where ``modules`` cannot be imported (as without the extras)."""
    code = ("import sys\n" + "".join(f"sys.modules[{m!r}] = None\n" for m in modules)
            + "from gaonb_lint.cli import main\nsys.exit(main(sys.argv[1:]))\n")
    proc = subprocess.run([sys.executable, "-c", code, *map(str, args)], cwd=cwd, env=cli_env(),
                          capture_output=True, timeout=120)
    return proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")


def test_without_the_extra_a_named_pdf_is_exit_2_naming_it(tmp_path):
    code, out, err = _without(["pypdfium2"], ["check", "--isolated", pdf("mistakes-2025.pdf")], tmp_path)
    assert code == 2 and "pip install 'gaonb-lint[pdf]'" in err and "Traceback" not in err


def test_without_the_extras_a_directory_walk_skips_pdf_and_docx_with_a_note(tmp_path):
    import shutil

    from sources_helpers import to_docx

    pytest.importorskip("docx")
    md = (EXAMPLES_DIR / "mistakes-2025.md").read_text(encoding="utf-8")
    (tmp_path / "r.md").write_text(md, encoding="utf-8")
    shutil.copy(pdf("compliant-2025.pdf"), tmp_path / "a.pdf")
    shutil.copy(pdf("scanned.pdf"), tmp_path / "b.pdf")  # would be exit 2 if it were read
    to_docx(md, tmp_path / "c.docx")
    code, out, err = _without(["pypdfium2", "docx"], ["check", "--isolated", "-q", "."], tmp_path)
    assert code == 1, err  # the Markdown's findings, not exit 2
    assert "r.md" in out and ".pdf" not in out and ".docx" not in out
    notes = err.strip().splitlines()
    assert len(notes) == 2 and "Traceback" not in err
    assert any("2 个文件" in n and "gaonb-lint[pdf]" in n for n in notes)
    assert any("1 个文件" in n and "gaonb-lint[docx]" in n for n in notes)
    # with the extras, the same walk reads them (and the scan is an error)
    code, out, err = _without([], ["check", "--isolated", "-q", "."], tmp_path)
    assert code == 2 and "b.pdf" in err and "c.docx" in out


# -- a real published PDF (tests/fixtures/pdf/real/SOURCE.md) ------------------------------

def test_a_real_wps_report_is_read_as_printed():
    report = read(pdf("real/hongze-2023.pdf").read_bytes(), ".pdf", "hongze-2023")
    assert report.title_text == "洪泽区人民政府2023年政府信息公开工作年度报告"  # two centred lines
    assert [s.number for s in report.sections] == list("一二三四五六")
    tables = list(report.tables())
    assert [len(t.rows) for t in tables] == [14, 26, 4] and all(t.readable for t in tables)
    rows = [[c.text for c in r] for r in tables[1].rows]
    # the vertical label of a merged cell, and rows on page 4 after the page break
    assert ["三、本年度办理结果", "（一）予以公开", ""] + ["0"] * 7 in rows
    assert ["", "（七）总计", "", "21", "0", "0", "0", "0", "0", "21"] in rows
    assert ["", "", "3.补正后申请内容仍不明确"] + ["0"] * 7 in rows
    assert "2023年1月1日起至2023年12月31日止" in report.text.replace("\n", "")
    doc = check_json(pdf("real/hongze-2023.pdf"))
    found = {(d["rule"], d["page"]) for d in doc["diagnostics"]}
    assert ("table-labels", 3) in found  # 2.其他法律行政止公开 (a typo in the report)
    assert ("balance", 4) in found  # table 四: 总计 0 beside 10 + 1
    assert not any(d["rule"] in ("required-sections", "statistics-period", "report-title")
                   for d in doc["diagnostics"])


# -- geometry, on hand-made rules (pdf_layout and the page-break join) -------------------------

def _box_rules(xs, ys, missing=()):
    """The rules of a full grid on ``xs`` × ``ys``, less the cell sides in ``missing``:
    ("v", row, boundary) or ("h", boundary, col)."""
    from gaonb_lint.readers.pdf_layout import Rule

    rules = []
    for i, y in enumerate(ys):
        for j in range(len(xs) - 1):
            if ("h", i, j) not in missing:
                rules.append(Rule(True, y, xs[j], xs[j + 1]))
    for j, x in enumerate(xs):
        for i in range(len(ys) - 1):
            if ("v", i, j) not in missing:
                rules.append(Rule(False, x, ys[i], ys[i + 1]))
    return rules


def _chars(text, x, y, size=10.0):
    from gaonb_lint.readers.pdf_layout import Char

    return [Char(ch, x + k * size, y, x + (k + 1) * size, y + size, size) for k, ch in enumerate(text)]


def test_merged_cells_are_read_from_missing_rules():
    from gaonb_lint.readers.pdf_layout import fill_grid, find_grids

    xs, ys = [0, 100, 150, 200], [0, 20, 40, 60]
    # row 0: one cell over the three columns; column 0: one cell over rows 1 and 2
    missing = {("v", 0, 1), ("v", 0, 2), ("h", 2, 0)}
    (g,) = find_grids(_box_rules(xs, ys, missing))
    fill_grid(g, _chars("信息内容", 60, 5) + _chars("行政许可", 5, 30) + _chars("12", 110, 25) + _chars("3", 160, 45))
    assert g.rows() == [["信息内容", "", ""], ["行政许可", "12", ""], ["", "", "3"]]
    assert g.problems == []


def test_a_merged_area_that_is_not_a_rectangle_is_a_problem():
    from gaonb_lint.readers.pdf_layout import find_grids

    xs, ys = [0, 50, 100], [0, 20, 40]
    # an L: (0,0)+(0,1)+(1,0) joined, (1,1) alone
    (g,) = find_grids(_box_rules(xs, ys, {("v", 0, 1), ("h", 1, 0)}))
    assert g.problems and "边界" in g.problems[0][2]


def test_text_across_a_rule_is_a_problem():
    from gaonb_lint.readers.pdf_layout import fill_grid, find_grids

    (g,) = find_grids(_box_rules([0, 50, 100], [0, 20]))
    fill_grid(g, _chars("规章", 40, 5))  # 规 at 40–50, 章 at 50–60: fine; move it half a character
    assert g.problems == []
    (g,) = find_grids(_box_rules([0, 50, 100], [0, 20]))
    fill_grid(g, _chars("规章", 45, 5))
    assert g.problems and "跨越" in g.problems[0][2]


def test_a_frame_or_a_single_rule_is_not_a_table():
    from gaonb_lint.readers.pdf_layout import Rule, find_grids

    assert find_grids([Rule(True, 10, 0, 100)]) == []
    assert find_grids(_box_rules([0, 100], [0, 50])) == []  # one box, one cell


def _piece(rows, tail, page):
    from gaonb_lint.readers.pdf import Piece

    return Piece([0, 100, 150, 200], [list(r) for r in rows], [page] * len(rows), [], tail, 0, 100)


def test_a_row_broken_by_the_page_is_joined_only_when_its_text_runs_on():
    from gaonb_lint.readers.pdf import _join_tables

    head = [["信息内容", "本年", "本年"]]
    a = _piece(head + [["2.其他法律行政", "0", "0"]], {0: (1, True), 1: (1, False), 2: (1, False)}, 3)
    b = _piece(head + [["法规禁止公开", "", ""], ["3.危及“三安全一稳定”", "1", "0"]], {0: (2, False)}, 4)
    _join_tables(a, b, [0, 100, 150, 200])
    assert a.rows == head + [["2.其他法律行政法规禁止公开", "0", "0"], ["3.危及“三安全一稳定”", "1", "0"]]
    assert a.pages == [3, 3, 4]
    # the cell's last line did not reach its edge: a row of its own (the mapping decides)
    a = _piece(head + [["2.重复申请", "0", "0"]], {0: (1, False), 1: (1, False), 2: (1, False)}, 3)
    b = _piece(head + [["（六）其他处理", "", ""]], {0: (1, False)}, 4)
    _join_tables(a, b, [0, 100, 150, 200])
    assert a.rows == head + [["2.重复申请", "0", "0"], ["（六）其他处理", "", ""]]


def test_a_table_without_rules_is_one_unreadable_finding_not_a_guess():
    md = check_source((EXAMPLES_DIR / "mistakes-2025.md").read_text(encoding="utf-8"))
    doc = check_json(pdf("unruled.pdf"))
    tables = {"table-labels", "balance", "table-unreadable", "required-tables"}
    assert _findings(d for d in doc["diagnostics"] if d["rule"] not in tables) == \
        _findings(d for d in md if d["rule"] not in tables)
    unreadable = [d for d in doc["diagnostics"] if d["rule"] in tables]
    assert [(d["rule"], d["page"]) for d in unreadable] == [("table-unreadable", 2), ("table-unreadable", 3),
                                                           ("table-unreadable", 5)]
    report = read_pdf("unruled.pdf")
    assert all(not t.rows and not t.readable for t in report.tables())


def test_parts_of_a_table_with_different_rules_join_on_the_columns_of_both():
    from gaonb_lint.readers.pdf import Piece, _columns, _join_tables

    # page 1 ends with a fully merged row (outer rules only) and a row cut empty by the page
    a = Piece([0, 200], [["第二十条第（一）项"], [""]], [1, 1], [], {}, 0, 100)
    b = Piece([0, 100, 150, 200], [["信息内容", "本年制发件数", "本年废止件数"], ["规章", "0", "0"]], [2, 2], [], {}, 0, 50)
    xs = _columns(a, b)
    _join_tables(a, b, xs)
    assert a.rows == [["第二十条第（一）项", "", ""], ["信息内容", "本年制发件数", "本年废止件数"], ["规章", "0", "0"]]
    assert a.pages == [1, 2, 2]
    # the next page does not draw the rules of a cell merged down from the previous page
    a = Piece([0, 50, 100, 150], [["三、本年度办理结果", "（一）予以公开", "5"]], [3], [], {}, 0, 100)
    b = Piece([50, 100, 150], [["（二）部分公开", "1"]], [4], [], {}, 0, 50)
    _join_tables(a, b, _columns(a, b))
    assert a.rows == [["三、本年度办理结果", "（一）予以公开", "5"], ["", "（二）部分公开", "1"]]
    # a table of other columns is another table
    assert _columns(a, Piece([10, 60, 170], [["x", "y"]], [4], [], {}, 0, 50)) is None
