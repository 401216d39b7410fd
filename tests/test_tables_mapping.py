"""The mapping layer: table grids in many layouts onto the official tables (gaonb_lint.tables)."""
from __future__ import annotations

import pytest

from conftest import EXAMPLES_DIR, lint_text
from table_builders import (applications_markdown, balanced_values, full_report, grid, proactive_markdown,
                            report_markdown, reviews_markdown)

from gaonb_lint.readers.markdown import read_markdown
from gaonb_lint.tables import locate_tables, map_table, table_spec
from gaonb_lint.tables.relations import evaluate, instances


def mapped(text: str, kind: str, version: str = "v2021"):
    report = read_markdown("r.md", text)
    return locate_tables(report, version)[kind].mapped


def kinds_of(problems):
    return sorted((p.kind, p.axis, p.expected) for p in problems)


def assert_all_cells(mt, values):
    assert mt.readable, [p.reason_en for p in mt.problems]
    assert not mt.missing_cells()
    for key, cell in mt.cells.items():
        assert cell.value == values[key], key


# -- the compliant example and the recommended layout ----------------------------------------------

def test_compliant_example_maps_every_cell_without_problems():
    text = (EXAMPLES_DIR / "compliant-2025.md").read_text(encoding="utf-8")
    report = read_markdown("compliant-2025.md", text)
    tables = locate_tables(report, "v2021")
    for kind, lt in tables.items():
        mt = lt.mapped
        assert mt is not None and mt.readable, kind
        assert not mt.label_problems, (kind, mt.label_problems)
        assert sorted(mt.cells) == sorted(mt.spec.cells()), kind
    # Cells keep their source cell: the text at the cell's offsets is the number written there.
    app = tables["applications"].mapped
    cell = app.get("一、本年新收政府信息公开申请数量", "总计")
    assert cell.value == 13 and report.text[cell.where[0]:cell.where[1]] == "13"
    assert report.position(cell.where[0])[0] == 60
    # Sub-item keys carry their group; 3.其他 is a row, 其他 a column.
    assert app.value("（六）其他处理/3.其他", "其他") == 0
    assert tables["proactive"].mapped.value("行政事业性收费", "本年收费金额（单位：万元）") == pytest.approx(0.5)
    assert tables["reviews"].mapped.value("未经复议直接起诉", "尚未审结") == 1


@pytest.mark.parametrize("version", ["v2019", "v2021"])
@pytest.mark.parametrize("label_columns", [1, 2, 3])
def test_one_two_or_three_label_columns_read_the_same(version, label_columns):
    values = balanced_values(version)
    text = report_markdown(2020 if version == "v2019" else 2025, {
        "applications": applications_markdown(version, values["applications"], label_columns)})
    mt = mapped(text, "applications", version)
    assert not [p for p in mt.label_problems], mt.label_problems
    assert_all_cells(mt, values["applications"])


@pytest.mark.parametrize("version", ["v2019", "v2021"])
def test_tables_two_and_four_in_the_recommended_layout(version):
    values = balanced_values(version)
    text = full_report(version, 2020 if version == "v2019" else 2025, values)
    for kind in ("proactive", "reviews"):
        mt = mapped(text, kind, version)
        assert not mt.label_problems, mt.label_problems
        assert_all_cells(mt, values[kind])


def test_header_labels_split_over_two_rows_are_joined():
    values = balanced_values("v2021")
    text = report_markdown(2025, {"reviews": reviews_markdown("v2021", values["reviews"], split_labels=True)})
    mt = mapped(text, "reviews")
    assert not mt.label_problems
    assert_all_cells(mt, values["reviews"])


def test_spaces_in_labels_and_ascii_punctuation_are_only_punctuation():
    values = balanced_values("v2021")
    spec = table_spec("applications", "v2021")
    first_result = spec.rows[3].label            # （一）予以公开
    override = {first_result: "(" + first_result[1:].replace("）", ")", 1),
                spec.columns[1].label: spec.columns[1].label[:2] + " " + spec.columns[1].label[2:]}
    text = report_markdown(2025, {"applications": applications_markdown("v2021", values["applications"],
                                                                         override=override)})
    mt = mapped(text, "applications")
    assert [(p.kind, p.expected) for p in mt.label_problems] == [("punctuation", first_result)]
    assert_all_cells(mt, values["applications"])


# -- grids that are not Markdown: tab-separated rows as a scraped-text reader makes them -----------

TSV_T3 = """（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t\t申请人情况\t\t\t\t\t\t
\t\t自然人\t法人或其他组织\t\t\t\t\t总计
\t\t\t商业 企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t"""


def _tsv_application_rows(values, spec):
    """Two label columns; a group label shares the row of its first sub-item."""
    lines, pending = [], []
    for r in spec.rows:
        if not r.numeric:
            pending.append(r)
            continue
        here, pending = pending + [r], []
        if len(here) > 1:
            labels = [x.label for x in here][:2]
        else:
            labels = [r.label, ""] if r.depth == 0 else ["", r.label]
        lines.append("\t".join(labels + [str(values[(r.key, c.key)]) for c in spec.columns]))
    return lines


def test_tab_separated_grid_with_group_sharing_the_first_sub_item_row():
    values = balanced_values("v2021")["applications"]
    spec = table_spec("applications", "v2021")
    text = TSV_T3 + "\n" + "\n".join(_tsv_application_rows(values, spec))
    mt = map_table(grid(text), "applications", "v2021")
    assert [p.kind for p in mt.label_problems] == []  # 商业 企业 differs by whitespace only
    assert_all_cells(mt, values)


def _split_group_label(first, rest):
    values = balanced_values("v2021")["applications"]
    spec = table_spec("applications", "v2021")
    lines = _tsv_application_rows(values, spec)
    at = next(i for i, ln in enumerate(lines) if ln.startswith("（四）无法提供\t"))
    lines[at] = lines[at].replace("（四）无法提供", first)
    assert lines[at + 1].startswith("\t")
    lines[at + 1] = rest + lines[at + 1]  # the group column of the next row
    return values, map_table(grid(TSV_T3 + "\n" + "\n".join(lines)), "applications", "v2021")


def test_a_group_label_broken_over_two_rows_is_one_label():
    # 淮安市 2024 (tests/fixtures/real/r103): the merged cell （四）无法提供 broken by the page,
    # `（四）无` ending page 4 and `法提供` opening page 5, each in its row's group column.
    values, mt = _split_group_label("（四）无", "法提供")
    assert mt.label_problems == []
    assert_all_cells(mt, values)


def test_label_pieces_that_do_not_make_a_label_are_not_joined():
    _, mt = _split_group_label("（四）无", "法提")  # （四）无法提 is no label: both pieces stay as written
    assert ("misspelled", "row", "（四）无法提供") in kinds_of(mt.label_problems)
    assert any(p.kind == "extra" and p.found == "法提" for p in mt.label_problems)


def test_header_repeated_mid_table_and_repeated_group_labels_are_skipped():
    values = balanced_values("v2021")["applications"]
    spec = table_spec("applications", "v2021")
    rows = _tsv_application_rows(values, spec)
    # A page break: the header again, and the group label of the next rows repeated in its column.
    cut = 12
    repeated = rows[cut].split("\t")
    repeated[0] = next(r.label for r in reversed(spec.rows[:cut + 4]) if r.depth == 1 and not r.numeric)
    rows = rows[:cut] + TSV_T3.split("\n") + ["\t".join(repeated)] + rows[cut + 1:]
    mt = map_table(grid("\n".join([TSV_T3] + rows)), "applications", "v2021")
    assert not [p for p in mt.label_problems if p.kind != "punctuation"], mt.label_problems
    assert_all_cells(mt, values)


def test_values_in_a_row_that_does_not_line_up_are_read_when_the_count_fits():
    # One label cell, then exactly 7 numbers, though the header has values from column 2.
    values = balanced_values("v2021")["applications"]
    spec = table_spec("applications", "v2021")
    rows = _tsv_application_rows(values, spec)
    shifted = [line.split("\t") for line in rows]
    for cells in shifted:
        if not cells[0]:
            del cells[0]
    mt = map_table(grid("\n".join([TSV_T3] + ["\t".join(c) for c in shifted])), "applications", "v2021")
    assert_all_cells(mt, values)


def test_a_row_with_too_few_numbers_is_a_mapping_problem_not_a_guess():
    values = balanced_values("v2021")["applications"]
    spec = table_spec("applications", "v2021")
    rows = _tsv_application_rows(values, spec)
    cells = rows[4].split("\t")
    rows[4] = "\t".join(cells[:-1])  # the last number was lost
    mt = map_table(grid("\n".join([TSV_T3] + rows)), "applications", "v2021")
    assert not mt.readable
    assert len(mt.problems) == 1 and "6 value cells" in mt.problems[0].reason_en
    assert not any(k[0] == spec.numeric_rows()[4].key for k in mt.cells)


@pytest.mark.parametrize("text,reason", [("—", "is not a number"), ("1.5", "not a whole number"),
                                         ("-2", "negative"), ("无", "is not a number"), ("3元", "amount")])
def test_non_numeric_values_are_problems(text, reason):
    values = balanced_values("v2021")
    key = ("（一）予以公开", "科研机构")
    md = report_markdown(2025, {"applications": applications_markdown("v2021", values["applications"],
                                                                       cell_text={key: text})})
    mt = mapped(md, "applications")
    assert not mt.readable
    assert len(mt.problems) == 1 and reason in mt.problems[0].reason_en


def test_blank_cells_are_zero_and_readable():
    values = balanced_values("v2021")
    zero = {k: "" for k, v in values["applications"].items() if v == 0}
    assert zero
    md = report_markdown(2025, {"applications": applications_markdown("v2021", values["applications"], cell_text=zero)})
    mt = mapped(md, "applications")
    assert mt.readable
    assert all(mt.value(*k) == 0 and mt.get(*k).parsed.blank for k in zero)


def _other_handling(version):
    spec = table_spec("applications", version)
    group = next(r for r in spec.rows if r.label.startswith("（六）"))
    return spec, group, [r for r in spec.descendants(group.label)]


def test_a_group_row_with_numbers_and_none_of_its_sub_items_is_the_groups_single_row():
    # The 2019 table: （六）其他处理 is one row of numbers; the 2021 format splits it into three
    # sub-items.  Read against 2021 it is the group's single row: one label problem at that row,
    # the sub-items not also "missing", the table readable, the numbers the sub-items' sums.
    values = balanced_values("v2019")["applications"]
    md = report_markdown(2025, {"applications": applications_markdown("v2019", values)})
    mt = mapped(md, "applications", "v2021")
    spec, group, subs = _other_handling("v2021")
    assert mt.readable, [p.reason_en for p in mt.problems]
    assert [(p.kind, p.found, p.version, p.items) for p in mt.label_problems] == [
        ("single-row", group.label, "v2019", tuple(r.label for r in subs))]
    assert mt.single_rows == {group.key: tuple(r.key for r in subs)}
    assert sorted(mt.missing_cells()) == sorted((r.key, c.key) for r in subs for c in spec.columns)
    for c in spec.columns:
        assert mt.value(group.key, c.key) == values[(group.key, c.key)]
        assert (group.key, c.key) not in mt.cells  # only official cells there
    # The relations go through the group's cells: B2 per column and B3 once for its row.
    insts = mt.relations()
    assert [(i.id, i.over) for i in insts if group.key in {r for r, _ in i.cells()}] == (
        [("B2", c.key) for c in spec.columns] + [("B3", group.key)])
    assert evaluate(insts, mt.value) == []
    # The plain relations cannot be evaluated through the absent sub-item cells.
    plain = instances("applications", "v2021")
    assert all(any(mt.value(*k) is None for k in i.cells())
               for i in plain if {r for r, _ in i.cells()} & {r.key for r in subs})


def test_a_wrong_number_in_a_group_read_as_one_row_is_found_at_that_cell():
    values = balanced_values("v2019")["applications"]
    _, group, _ = _other_handling("v2019")
    key = (group.key, "自然人")
    md = report_markdown(2025, {"applications": applications_markdown(
        "v2019", values, cell_text={key: str(values[key] + 1)})})
    mt = mapped(md, "applications", "v2021")
    (v,) = [v for v in evaluate(mt.relations(), mt.value) if v.located][:1]
    assert v.culprit == key and v.found == values[key] + 1 and v.expected == values[key]
    assert {w.instance.id for w in evaluate(mt.relations(), mt.value)} == {"B2", "B3"}


def test_numbers_on_a_group_row_with_one_of_its_sub_items_cannot_be_placed():
    # One sub-item there: the group row's numbers could be its or the others'. Never guessed.
    values = balanced_values("v2019")["applications"]
    lines = applications_markdown("v2019", values)
    spec, group, subs = _other_handling("v2021")
    at = next(i for i, ln in enumerate(lines) if group.label in ln)
    lines.insert(at + 1, "|  |  | " + subs[-1].label + " |" + " 0 |" * len(spec.columns))
    mt = mapped(report_markdown(2025, {"applications": lines}), "applications", "v2021")
    assert not mt.readable and not mt.single_rows
    assert any("heading row" in p.reason_en for p in mt.problems)
    assert [p.expected for p in mt.label_problems if p.kind == "missing"] == [r.label for r in subs[:-1]]


def test_a_group_row_followed_by_an_unknown_label_is_not_read_as_one_row():
    # An unrecognised label right after it could be one of its sub-items, written beyond recognition.
    values = balanced_values("v2019")["applications"]
    lines = applications_markdown("v2019", values)
    spec, group, _ = _other_handling("v2021")
    at = next(i for i, ln in enumerate(lines) if group.label in ln)
    lines.insert(at + 1, "|  |  | 甲乙丙丁戊己 |" + " 0 |" * len(spec.columns))
    mt = mapped(report_markdown(2025, {"applications": lines}), "applications", "v2021")
    assert not mt.single_rows and not mt.readable


def test_a_group_row_read_as_one_row_from_scraped_text():
    # The layout of a real PDF (淮安市洪泽区 2024, tests/fixtures/real/r102): tab rows, three label
    # columns, （六）其他处理 one row of numbers in a 2021 report: one finding, at that row.
    values = balanced_values("v2019")["applications"]
    spec19 = table_spec("applications", "v2019")
    rows, labels = [TSV_T3], ["", "", ""]
    for r in spec19.rows:
        labels[r.depth] = r.label  # a group label shares the row of its first sub-item
        if r.numeric:
            rows.append("\t".join(labels + [str(values[(r.key, c.key)]) for c in spec19.columns]))
            labels = ["", "", ""]
    text = ("某区人民政府2025年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n"
            + "\n".join(rows) + "\n四、政府信息公开行政复议、行政诉讼情况\n本年度无。\n")
    found = lint_text(text, ".txt", ["table-labels", "table-unreadable", "balance"])
    line = next(n for n, ln in enumerate(text.split("\n"), 1) if "（六）" in ln)
    assert [(d["rule"], d["line"]) for d in found] == [("table-labels", line)], found
    assert "2019年版" in found[0]["message"] and "3 个小项" in found[0]["message"]


# -- labels ---------------------------------------------------------------------------------------

def test_missing_total_column_is_a_label_problem_and_its_cells_are_absent():
    values = balanced_values("v2021")
    md = report_markdown(2025, {"applications": applications_markdown("v2021", values["applications"],
                                                                       drop_columns=("总计",))})
    mt = mapped(md, "applications")
    assert mt.readable
    assert kinds_of(mt.label_problems) == [("missing", "column", "总计")]
    assert mt.label_problems[0].after == "其他"
    assert {c for _, c in mt.missing_cells()} == {"总计"}


@pytest.mark.parametrize("wrong,right", [("结果", "结果纠正"), ("其他", "其他结果"), ("尚未", "尚未审结")])
def test_truncated_table_four_labels_get_did_you_mean(wrong, right):
    values = balanced_values("v2021")
    md = report_markdown(2025, {"reviews": reviews_markdown("v2021", values["reviews"], override={right: wrong})})
    mt = mapped(md, "reviews")
    got = [(p.kind, p.found, p.expected, p.context) for p in mt.label_problems]
    assert got == [("misspelled", wrong, right, g.label) for g in table_spec("reviews", "v2021").rows]
    assert_all_cells(mt, values["reviews"])  # the column is still certain


def test_misspelled_row_and_extra_and_order():
    values = balanced_values("v2021")
    spec = table_spec("proactive", "v2021")
    wrong = {spec.blocks[0].columns[2].label: spec.blocks[0].columns[2].label[:-1]}  # 现行有效件
    md = report_markdown(2025, {"proactive": proactive_markdown("v2021", values["proactive"], override=wrong)})
    mt = mapped(md, "proactive")
    assert [(p.kind, p.found, p.expected) for p in mt.label_problems] == [
        ("misspelled", spec.blocks[0].columns[2].label[:-1], spec.blocks[0].columns[2].label)]


def test_other_version_labels_are_wrong_version():
    values19 = balanced_values("v2019")
    md = report_markdown(2022, {"proactive": proactive_markdown("v2019", values19["proactive"])})
    mt = mapped(md, "proactive", "v2021")
    kinds = {p.kind for p in mt.label_problems}
    assert "wrong-version" in kinds
    assert all(p.version == "v2019" for p in mt.label_problems if p.kind == "wrong-version")
    # Read as 2019, the same table is clean.
    assert not mapped(md, "proactive", "v2019").label_problems


# -- any grid at all -------------------------------------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from gaonb_lint.model import Cell, Table  # noqa: E402
from gaonb_lint.tables.spec import official_labels  # noqa: E402

_WORDS = sorted({label for kind in ("proactive", "applications", "reviews") for v in ("v2019", "v2021")
                 for label in official_labels(kind, v).values()})
_TEXT = st.one_of(st.sampled_from(_WORDS), st.sampled_from(["", "", "0", "12", "—", "1.5", "-3", "无", "3件", "5万元"]),
                  st.text(max_size=6))


@settings(max_examples=300, deadline=None)
@given(rows=st.lists(st.lists(_TEXT, max_size=12), max_size=14),
       kind=st.sampled_from(["proactive", "applications", "reviews"]),
       version=st.sampled_from(["v2019", "v2021"]), layout=st.sampled_from(["gfm", "tsv"]))
def test_any_grid_maps_without_error_and_never_places_a_non_number(rows, kind, version, layout):
    pos, grid_rows = 0, []
    for r, texts in enumerate(rows):
        cells = []
        for c, t in enumerate(texts):
            cells.append(Cell(pos, pos + len(t), t, r, c))
            pos += len(t) + 1
        grid_rows.append(cells)
    mt = map_table(Table(0, pos, grid_rows, layout), kind, version)
    spec = mt.spec
    for (row, col), cell in mt.cells.items():
        assert (row, col) in set(spec.cells())
        assert cell.parsed.ok or not mt.readable
    for p in mt.label_problems + mt.problems:
        assert 0 <= p.start <= p.end <= pos
