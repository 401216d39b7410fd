"""Relations B1–B4: generated balanced tables pass; breaking one cell reports exactly the
relations through that cell, at that cell (table 三) or at the group total (table 四)."""
from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import lint_text
from table_builders import applications_markdown, balanced_values, full_report, report_markdown, reviews_markdown

from gaonb_lint.readers.markdown import read_markdown
from gaonb_lint.tables import locate_tables, table_spec
from gaonb_lint.tables.relations import evaluate, instances

VERSIONS = {"v2019": 2020, "v2021": 2025}


def violations(text: str, version: str):
    report = read_markdown("r.md", text)
    out = []
    for kind, lt in locate_tables(report, version).items():
        mt = lt.mapped
        if lt.table is None:
            continue
        assert mt is not None and mt.readable, (kind, [p.reason_en for p in mt.problems] if mt else None)
        out += [(kind, v) for v in evaluate(instances(kind, version), mt.value)]
    return out


def instance_ids(kind, version, cell):
    return {(i.id, i.over) for i in instances(kind, version) if cell in i.cells()}


def render(version, values):
    return report_markdown(VERSIONS[version], {
        "applications": applications_markdown(version, values["applications"]),
        "reviews": reviews_markdown(version, values["reviews"])})


def test_every_cell_of_tables_three_and_four_is_in_a_relation():
    for version in VERSIONS:
        for kind in ("applications", "reviews"):
            covered = {k for i in instances(kind, version) for k in i.cells()}
            assert covered == set(table_spec(kind, version).cells())
        # Table 二 has no official relation (X2 is plausibility only).
        assert instances("proactive", version) == ()


def test_relation_counts_per_version():
    from collections import Counter

    assert Counter(i.id for i in instances("applications", "v2021")) == {"B1": 7, "B2": 7, "B3": 25}
    assert Counter(i.id for i in instances("applications", "v2019")) == {"B1": 7, "B2": 7, "B3": 23}
    assert Counter(i.id for i in instances("reviews", "v2021")) == {"B4": 3}
    b2 = [i for i in instances("applications", "v2021") if i.id == "B2"][0]
    assert len(b2.right) == 2 + 8 + 3 + 5 + 3
    b2_19 = [i for i in instances("applications", "v2019") if i.id == "B2"][0]
    assert len(b2_19.right) == 2 + 8 + 3 + 5 + 1


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(version=st.sampled_from(sorted(VERSIONS)), seed=st.integers(0, 10 ** 6),
       which=st.integers(0, 10 ** 6), delta=st.sampled_from([-3, -1, 1, 2, 7]))
def test_breaking_one_cell_reports_exactly_its_relations(version, seed, which, delta):
    values = balanced_values(version, random.Random(seed))
    assert violations(render(version, values), version) == []
    kind = "applications" if which % 4 else "reviews"
    cells = table_spec(kind, version).cells()
    cell = cells[which % len(cells)]
    if values[kind][cell] + delta < 0:
        delta = -delta
    values[kind][cell] += delta
    found = violations(render(version, values), version)
    assert {(v.instance.id, v.instance.over) for _, v in found} == instance_ids(kind, version, cell)
    if kind == "applications":
        # Every cell of table 三 is in two relations sharing no other cell: located exactly.
        assert all(v.located and v.culprit == cell and v.expected == values[kind][cell] - delta for _, v in found)
    else:
        (v,) = [v for _, v in found]
        total = table_spec("reviews", version).column_by_id("total").key
        assert v.culprit == (cell[0], total)
        if cell[1] == total:
            assert v.located is False and v.expected == values[kind][cell] - delta
        else:
            assert v.expected == values[kind][(cell[0], total)] + delta


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 10 ** 6))
def test_two_broken_cells_in_one_row_are_reported_at_the_totals(seed):
    version = "v2021"
    values = balanced_values(version, random.Random(seed))
    spec = table_spec("applications", version)
    row = spec.numeric_rows()[5].key
    a, b = spec.columns[0].key, spec.columns[1].key
    values["applications"][(row, a)] += 1
    values["applications"][(row, b)] += 1
    found = violations(render(version, values), version)
    got = {(v.instance.id, v.instance.over) for _, v in found}
    assert got == instance_ids("applications", version, (row, a)) | instance_ids("applications", version, (row, b))
    for _, v in found:
        assert v.culprit == v.instance.blame and not v.located  # no single cell explains them


@pytest.mark.parametrize("version", sorted(VERSIONS))
def test_rule_messages_name_the_cell_and_the_expected_value(version):
    values = balanced_values(version, random.Random(3))
    spec = table_spec("applications", version)
    cell = (spec.row_by_id("new").key, spec.column_by_id("total").key)
    values["applications"][cell] += 1
    text = full_report(version, VERSIONS[version], values)
    found = lint_text(text, rules=["balance"])
    # One wrong cell, one finding, naming both relations it breaks (issue 10: one cause, one finding).
    assert len(found) == 1
    assert "B1 第一项加第二项之和" in found[0]["message"] and "B3 总计等于自然人与法人或其他组织各列之和" in found[0]["message"]
    line = next(i for i, l in enumerate(text.split("\n"), 1) if l.startswith("| " + cell[0]))
    for d in found:
        assert d["line"] == line
        assert f"“{cell[0]}”行“{cell[1]}”列为 {values['applications'][cell]}，应为 {values['applications'][cell] - 1}" in d["message"]
    en = lint_text(text, rules=["balance"], lang="en")
    assert all(f"is {values['applications'][cell]}, expected {values['applications'][cell] - 1}" in d["message"] for d in en)


def test_unreadable_table_gets_no_balance_findings():
    values = balanced_values("v2021")
    spec = table_spec("applications", "v2021")
    cell = (spec.row_by_id("new").key, spec.column_by_id("total").key)
    values["applications"][cell] += 5  # unbalanced …
    other = (spec.numeric_rows()[6].key, spec.columns[2].key)
    text = report_markdown(2025, {"applications": applications_markdown(
        "v2021", values["applications"], cell_text={other: "—"})})  # … and unreadable
    assert lint_text(text, rules=["balance"]) == []
    unreadable = lint_text(text, rules=["table-unreadable"])
    assert len(unreadable) == 1 and "“—”不是数字" in unreadable[0]["message"]


def test_missing_column_skips_only_the_relations_through_it():
    values = balanced_values("v2021")
    spec = table_spec("applications", "v2021")
    new = spec.row_by_id("new").key
    values["applications"][(new, spec.columns[0].key)] += 1
    text = report_markdown(2025, {"applications": applications_markdown("v2021", values["applications"],
                                                                         drop_columns=("总计",))})
    found = violations(text, "v2021")
    assert {(v.instance.id, v.instance.over) for _, v in found} == {("B1", spec.columns[0].key)}
    # With B3 gone, nothing singles the cell out: the relation's total is named, unlocated.
    v = found[0][1]
    assert v.culprit == (spec.row_by_id("results_total").key, spec.columns[0].key) and not v.located
    assert v.expected == v.found + 1


def test_relations_through_a_group_read_as_one_row():
    from gaonb_lint.tables.relations import Instance, with_single_rows

    spec = table_spec("applications", "v2021")
    group = next(r for r in spec.rows if r.label.startswith("（六）"))
    subs = tuple(r.key for r in spec.descendants(group.label))
    plain = instances("applications", "v2021")
    folded = with_single_rows(plain, {group.key: subs})
    # B3 of the three sub-item rows becomes B3 of the group's row, once; nothing else is lost.
    assert len(folded) == len(plain) - 2
    b3 = [i for i in folded if i.id == "B3" and i.over == group.key]
    assert len(b3) == 1 and {r for r, _ in b3[0].cells()} == {group.key}
    for i in folded:
        assert not {r for r, _ in i.cells()} & set(subs), (i.id, i.over)
        if i.id == "B2":
            assert (group.key, i.over) in i.right and i.blame == ("（七）总计", i.over)
    # A side holding only some of the sub-items' cells is not folded (it stays unevaluable).
    part = Instance("X", "applications", "column", "自然人", (("（七）总计", "自然人"),),
                    ((subs[0], "自然人"), (subs[1], "自然人")), ("（七）总计", "自然人"))
    assert with_single_rows([part], {group.key: subs})[0] is part
