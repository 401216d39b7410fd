"""Scraped-text tables: the four layouts of the seeds, and variants of the example report's
tables written in each layout (balanced, unbalanced, truncated)."""
from __future__ import annotations

from pathlib import Path

import pytest

from sources_helpers import grid, markdown_parts, read

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "tests" / "fixtures" / "seeds"
EXAMPLE = (ROOT / "examples" / "compliant-2025.md").read_text(encoding="utf-8")


def seed(n: str) -> str:
    return next(SEEDS.glob(f"{n}_*.txt")).read_text(encoding="utf-8")


def tables_of(text: str):
    report = read(text, ".txt")
    return report, {s.number: list(s.tables()) for s in report.sections}


def values(table):
    """Non-empty cells of the rows that hold numbers, as text."""
    out = []
    for row in table.rows:
        cells = [c.text for c in row if c.text]
        if any(c.replace(".", "").isdigit() for c in cells):
            out.append(cells)
    return out


# -- the seeds -----------------------------------------------------------------------------------

@pytest.mark.parametrize("n,layout", [("000", "flattened"), ("001", "tsv"), ("003", "cell-per-line"), ("004", "pipe")])
def test_seed_layouts_are_recognised_in_sections_two_to_four(n, layout):
    report, tables = tables_of(seed(n))
    for number in ("二", "三", "四"):
        assert len(tables[number]) == 1, number
        assert tables[number][0].layout == layout
    # nothing of a table became a heading or a paragraph
    for number in ("二", "三", "四"):
        assert not [b for b in report.section(number).blocks if not hasattr(b, "rows")]


@pytest.mark.parametrize("n", ["000", "001", "003", "004"])
def test_every_cell_points_at_its_source_text(n):
    report, _ = tables_of(seed(n))
    for t in report.tables():
        for c in t.cells():
            if c.text:
                assert report.text[c.start:c.end] == c.text


def test_seed_001_tsv_keeps_empty_leading_cells():
    _, tables = tables_of(seed("001"))
    g = grid(tables["三"][0])
    assert g[7][:3] == ["", "(三) 不予公开", "1.属于国家秘密"]
    assert g[3][:3] == ["一、本年新收政府信息公开申请数量", "", "0"]
    assert tables["三"][0].readable


def test_seed_003_repeated_group_header_is_a_label_not_data():
    _, tables = tables_of(seed("003"))
    t = tables["三"][0]
    assert t.readable
    rows = grid(t)
    again = [r for r in rows if r[:2] == ["三、本年度办理结果", "(五)不予处理"]]
    assert again == [["三、本年度办理结果", "(五)不予处理", "1.信访举报投诉类申请"] + ["0"] * 7]
    # every data row has 7 values
    assert all(len([c for c in r if c.isdigit()]) == 7 for r in rows if any(c.isdigit() for c in r))


def test_seed_003_truncated_label_is_kept_as_written():
    _, tables = tables_of(seed("003"))
    assert ["信息内容", "本年制发件数", "本年废止件数", "现行有效件"] in grid(tables["二"][0])


def test_seed_004_pipe_rows_labels_and_truncated_headers():
    _, tables = tables_of(seed("004"))
    t3 = grid(tables["三"][0])
    assert any("商业 企业" in r for r in t3)
    assert ["行政许可", "170", "", ""] in grid(tables["二"][0])
    t4 = grid(tables["四"][0])
    assert [c for c in t4[2] if c] == ["结果", "结果", "其他", "尚未", "总计"] * 2
    assert t4[-1] == ["0"] * 15


def test_seed_000_flattened_table_two_is_certain_three_and_four_are_not():
    _, tables = tables_of(seed("000"))
    two, three, four = tables["二"][0], tables["三"][0], tables["四"][0]
    assert two.readable
    assert ["规章", "0", "0", "0"] in grid(two)
    assert ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"] in grid(two)
    assert not three.readable and not four.readable
    reasons = " ".join(i.reason_en for i in three.issues)
    assert "sub-row label was lost" in reasons and "digits run together" in reasons
    # certain rows are read, uncertain digits are never turned into cells
    assert ["一、本年新收政府信息公开申请数量"] + ["0"] * 7 in grid(three)
    assert not any("00" in c for r in grid(three) for c in r)
    assert all(not c.isdigit() for r in grid(four) for c in r)


# -- the example's tables in each layout ------------------------------------------------------------

def _example_tables():
    return [x for kind, x in markdown_parts(EXAMPLE) if kind == "table"]


def render(rows, layout: str) -> str:
    width = max(len(r) for r in rows)
    out = []
    for row in rows:
        cells = [c for c in row if c]
        if layout == "tsv":
            out.append("\t".join(row))
        elif layout == "pipe":
            out.append("|")
            pad = width - len(cells)
            for k, c in enumerate(cells):
                last = k == len(cells) - 1
                out.append(f"{c} | " + "|" * pad if last and pad else f"{c} |")
        elif layout == "pipe-rows":  # `规章 | 0 | 0 | 0 |`, `第二十条第（一）项 | |||`
            out.append("".join(f" {c} |" if c else "|" for c in row).strip())
        elif layout == "pipe-wide-seps":  # one cell per line, separators as wide as the row: `|||`
            out.append("|" * len(row))
            out.extend(f"{c} |" for c in cells)
        elif layout == "cell-per-line":
            out.extend(x for c in cells for x in (c, ""))
        else:  # flattened
            out.append("".join(cells))
    return "\n".join(out)


def report_with(tables, layout: str) -> str:
    heads = ["二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况"]
    parts = ["某镇2025年政府信息公开工作年度报告", "", "一、总体情况", "", "全年工作正常开展。", ""]
    for head, rows in zip(heads, tables):
        parts += [head, "", render(rows, layout), ""]
    parts += ["五、存在的主要问题及改进情况", "", "无。", "", "六、其他需要报告的事项", "", "本机关本年度未收取信息处理费。"]
    return "\n".join(parts) + "\n"


READ_AS = {"pipe-wide-seps": "pipe"}


@pytest.mark.parametrize("layout", ["tsv", "pipe", "cell-per-line", "pipe-rows", "pipe-wide-seps"])
def test_balanced_example_reads_back_exactly(layout):
    src = _example_tables()
    _, tables = tables_of(report_with(src, layout))
    for number, rows in zip(("二", "三", "四"), src):
        t = tables[number][0]
        assert t.layout == READ_AS.get(layout, layout) and t.readable
        want = [[c for c in r if c] for r in rows if any(c.replace(".", "").isdigit() for c in r)]
        assert values(t) == want


@pytest.mark.parametrize("layout", ["tsv", "pipe", "cell-per-line", "pipe-rows", "pipe-wide-seps"])
def test_unbalanced_values_are_read_as_written(layout):
    src = [[list(r) for r in t] for t in _example_tables()]
    row = next(r for r in src[1] if r[0].startswith("一、"))
    row[-1] = "14"  # 13 → 14: the 总计 column no longer adds up
    _, tables = tables_of(report_with(src, layout))
    t = tables["三"][0]
    assert t.readable
    assert next(v for v in values(t) if v[0].startswith("一、"))[-1] == "14"


def test_cell_per_line_truncated_row_is_an_issue_not_a_guess():
    src = [[list(r) for r in t] for t in _example_tables()]
    table3 = src[1][:6]
    table3[-1] = table3[-1][:-2]  # the last row loses its last value (a blank cell leaves no trace)
    _, tables = tables_of(report_with([src[0], table3, src[2]], "cell-per-line"))
    t = tables["三"][0]
    assert not t.readable
    assert "blank cells leave no trace" in t.issues[0].reason_en


@pytest.mark.parametrize("layout", ["tsv", "pipe", "pipe-rows", "pipe-wide-seps"])
def test_truncated_table_keeps_the_rows_it_has(layout):
    src = _example_tables()
    short = src[1][:5]
    _, tables = tables_of(report_with([src[0], short, src[2]], layout))
    t = tables["三"][0]
    assert t.readable and len(values(t)) == 2


def test_flattened_single_digits_are_certain_multi_digit_runs_are_not():
    src = _example_tables()
    _, tables = tables_of(report_with(src, "flattened"))
    two = tables["二"][0]
    assert ["规章", "0", "0", "0"] in grid(two)
    assert not two.readable  # 行政规范性文件3126: where do 3, 1 and 26 begin?
    assert any("3126" in i.reason_en for i in two.issues)
    assert ["行政许可", "126"] in grid(two)  # one column: the whole run is its value


def test_flattened_unbalanced_single_digits_are_read():
    text = report_with([[["第二十条第（一）项"], ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
                         ["规章", "1", "2", "9"], ["行政规范性文件", "0", "0", "0"]]], "flattened")
    _, tables = tables_of(text)
    t = tables["二"][0]
    assert t.readable and ["规章", "1", "2", "9"] in grid(t)


def test_flattened_truncated_run_is_an_issue():
    text = report_with([[["第二十条第（一）项"], ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
                         ["规章", "0", "0"]]], "flattened")
    _, tables = tables_of(text)
    t = tables["二"][0]
    assert not t.readable and "3 columns expected" in t.issues[0].reason_en


def test_prose_and_headings_are_not_tables():
    text = "一、总体情况\n\n其他\n\n本年度共收到申请12件。\n\n二、主动公开政府信息情况\n\n行政许可事项办理及时。\n"
    report, tables = tables_of(text)
    assert not list(report.tables())
    assert [s.number for s in report.sections] == ["一", "二"]


# -- layouts of real pages (issue 10) -------------------------------------------------------------

def _lint(text, rules):
    from conftest import lint_text

    return lint_text(text, ".txt", rules=rules)


def test_pipe_rows_are_a_table_and_wrong_labels_in_them_are_seen():
    src = [[list(r) for r in t] for t in _example_tables()]
    text = report_with(src, "pipe-rows")
    assert text.count("规章 | ") == 1 and "第二十条第（一）项 ||||" in text
    assert _lint(text, ["required-tables", "table-labels", "table-unreadable", "balance"]) == []
    src[0][2][0] = "规章制度"
    found = _lint(report_with(src, "pipe-rows"), ["required-tables", "table-labels"])
    assert [d["rule"] for d in found] == ["table-labels"] and "规章制度" in found[0]["message"]


def test_one_cell_per_line_with_trailing_pipes_and_no_separators_is_read_per_cell():
    src = _example_tables()
    text = report_with(src, "pipe-wide-seps")
    text = "\n".join(ln for ln in text.split("\n") if ln.strip("|").strip() or not ln.strip())
    _, tables = tables_of(text)
    for number, rows in zip(("二", "三", "四"), src):
        t = tables[number][0]
        assert t.layout == "cell-per-line" and t.readable, number
        assert values(t) == [[c for c in r if c] for r in rows if any(c.replace(".", "").isdigit() for c in r)]


def test_cell_per_line_dropped_blank_cells_row_labels_stay_row_labels():
    """A row whose cells are all blank leaves only its label: it is a row of blanks, not a column."""
    rows = [["第二十条第（一）项"], ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
            ["规章", "1", "0", "1"], ["行政规范性文件"],
            ["第二十条第（五）项"], ["信息内容", "本年处理决定数量"], ["行政许可"],
            ["第二十条第（六）项"], ["信息内容", "本年处理决定数量"], ["行政处罚", "2"], ["行政强制"],
            ["第二十条第（八）项"], ["信息内容", "本年收费金额（单位：万元）"], ["行政事业性收费"]]
    text = report_with([rows], "cell-per-line")
    _, tables = tables_of(text)
    t = tables["二"][0]
    assert t.readable
    assert ["行政许可", ""] in grid(t) and ["行政规范性文件", "", "", ""] in grid(t)
    assert _lint(text, ["table-labels", "table-unreadable"]) == []


def test_label_only_table_is_a_table_and_its_row_labels_are_not_column_labels():
    rows = [["第二十条第（一）项"], ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
            ["规章"], ["行政规范性文件"], ["第二十条第（五）项"], ["信息内容", "本年处理决定数量"], ["行政许可"],
            ["第二十条第（六）项"], ["信息内容", "本年处理决定数量"], ["行政处罚"], ["行政强制"],
            ["第二十条第（八）项"], ["信息内容", "本年收费金额（单位：万元）"], ["行政事业性收费"]]
    text = report_with([rows], "cell-per-line")
    _, tables = tables_of(text)
    assert tables["二"] and tables["二"][0].readable
    assert _lint(text, ["required-tables", "table-labels", "table-unreadable"]) == []
