"""Canonical JSON (extract/validate) and the acceptance checks on the examples."""
from __future__ import annotations

import json
import re

import pytest

from conftest import EXAMPLES_DIR, SEEDS_DIR, check_source, lint_text, run_main
from table_builders import full_report

from gaonb_lint.readers.markdown import read_markdown
from gaonb_lint.tables import locate_tables
from gaonb_lint.tables.canonical import report_schema, schema_errors
from gaonb_lint.tables.describe import cell_name
from gaonb_lint.tables.relations import instances

TABLE_RULES = ["required-tables", "table-labels", "balance", "table-unreadable"]
COMPLIANT = EXAMPLES_DIR / "compliant-2025.md"


def extract(path):
    code, out, err = run_main(["extract", str(path)])
    return code, (json.loads(out) if out.strip() else None), err


def test_compliant_example_extracts_to_valid_json(tmp_path):
    code, doc, err = extract(COMPLIANT)
    assert code == 0, err
    assert schema_errors(doc) == []
    assert doc["metadata"]["year"] == 2025 and doc["metadata"]["format_version"] == "v2021"
    assert doc["metadata"]["published"] == "2026-01-16"
    assert doc["metadata"]["statistics_period"] == {"start": "2025-01-01", "end": "2025-12-31"}
    app = doc["tables"]["applications"]["rows"]
    assert app["一、本年新收政府信息公开申请数量"]["columns"]["自然人"] == 9
    assert app["（三）不予公开/4.保护第三方合法权益"]["columns"]["总计"] == 1
    assert doc["tables"]["reviews"]["rows"]["未经复议直接起诉"]["columns"]["尚未审结"] == 1
    assert len(app) == 25 and all(len(r["columns"]) == 7 for r in app.values())
    path = tmp_path / "c.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    assert run_main(["validate", str(path)])[0] == 0


def test_schema_is_draft_2020_12_and_rejects_wrong_keys():
    from jsonschema import Draft202012Validator

    Draft202012Validator.check_schema(report_schema())
    code, doc, _ = extract(COMPLIANT)
    doc["tables"]["applications"]["rows"]["（三）不予公开/1.属于国家机密"] = \
        doc["tables"]["applications"]["rows"].pop("（三）不予公开/1.属于国家秘密")
    doc["tables"]["reviews"]["rows"]["行政复议"]["columns"]["总计"] = 1.5
    errors = schema_errors(doc)
    assert any("1.属于国家机密" in e for e in errors)
    assert any("1.属于国家秘密" in e and "required" in e for e in errors)
    assert any('["行政复议"]["columns"]["总计"]' in e for e in errors)
    # A 2019-format document must have （六）其他处理 as a row and not its 2021 sub-items.
    code, doc, _ = extract(COMPLIANT)
    doc["metadata"]["format_version"] = "v2019"
    assert any("（六）其他处理" in e for e in schema_errors(doc))


def _example_cells():
    text = COMPLIANT.read_text(encoding="utf-8")
    report = read_markdown(str(COMPLIANT), text)
    out = []
    for kind, lt in locate_tables(report, "v2021").items():
        for key, cell in lt.mapped.cells.items():
            out.append((kind, key, cell, sum(1 for i in instances(kind, "v2021") if key in i.cells())))
    return text, out


def test_every_number_of_the_example_changed_by_one_is_found_at_its_cell():
    text, cells = _example_cells()
    checked = 0
    for kind, (row, col), cell, related in cells:
        start, end = cell.where
        new = int(cell.value) + 1 if cell.type != "amount" else cell.value + 1
        broken = text[:start] + str(new) + text[end:]
        found = lint_text(broken, rules=["balance"])
        if not related:  # table 二: the format states no relation for it
            assert found == [], (row, col)
            continue
        checked += 1
        line = text.count("\n", 0, start) + 1
        column = start - text.rfind("\n", 0, start)
        assert found, (kind, row, col)
        name = cell_name(kind, row, col, "zh")
        if kind == "applications":  # each cell is in 2 or 3 relations: located exactly, one finding naming them
            assert related >= 2
            (d,) = found
            assert (d["line"], d["column"]) == (line, column)
            assert f"{name}为 {new}，应为 {cell.value}；这一个数字使 {related} 条关系不成立" in d["message"]
        else:  # table 四: one relation per group; the group total is named with both sides
            (d,) = found
            assert d["line"] == line
            assert f"{col} {new}" in d["message"] or f"{name}为 {new}" in d["message"]
            assert "应为" in d["message"]
    assert checked == 175 + 15


def test_mistakes_example_has_both_planted_table_mistakes():
    text = (EXAMPLES_DIR / "mistakes-2025.md").read_text(encoding="utf-8")
    found = lint_text(text, rules=TABLE_RULES)
    labels = [d for d in found if d["rule"] == "table-labels"]
    assert [(d["line"], "现行有效件" in d["message"] and "“现行有效件数”" in d["message"]) for d in labels] == [(40, True)]
    balance = [d for d in found if d["rule"] == "balance"]
    assert {d["line"] for d in balance} == {60} and len(balance) == 1  # one cell, one finding (B1 and B3)
    assert all("为 14，应为 13" in d["message"] for d in balance)
    assert {d["rule"] for d in found} == {"table-labels", "balance"}


def test_compliant_example_is_clean_for_every_table_rule():
    found = lint_text(COMPLIANT.read_text(encoding="utf-8"),
                      rules=TABLE_RULES + ["exact-label-punctuation", "report-year", "publication-deadline"])
    assert found == []


@pytest.mark.parametrize("year,clean", [(2019, True), (2020, True), (2021, False), (2022, False)])
def test_2019_labels_are_right_for_2019_and_2020_only(year, clean):
    text = full_report("v2019", year)
    found = lint_text(text, rules=TABLE_RULES)
    if clean:
        assert found == []
    else:
        kinds = {d["rule"] for d in found}
        assert "table-labels" in kinds
        assert any("2019年版年报格式" in d["message"] for d in found)
        assert "balance" not in kinds  # the （六） numbers cannot be placed in a 2021 table


@pytest.mark.parametrize("year", [2020, 2022])
def test_2021_labels_in_a_2019_report_are_flagged(year):
    found = lint_text(full_report("v2021", year), rules=TABLE_RULES)
    assert bool(found) == (year == 2020)


def test_forced_format_version_reads_a_2022_report_with_2019_labels(tmp_path):
    path = tmp_path / "r.md"
    path.write_text(full_report("v2019", 2022), encoding="utf-8")
    code, out, _ = run_main(["check", "--isolated", "--select", ",".join(TABLE_RULES), "--format-version", "v2019", str(path)])
    assert code == 0, out
    code, _, _ = run_main(["check", "--isolated", "--select", ",".join(TABLE_RULES), str(path)])
    assert code == 1


def test_extract_says_what_is_missing_and_exits_1():
    code, doc, err = extract(SEEDS_DIR / "002_e0c9a5a08cacd380.txt")
    assert code == 1 and doc is None
    assert "“二、主动公开政府信息情况”一节的统计表" in err
    code, _, err = run_main(["extract", "--lang", "en", str(SEEDS_DIR / "002_e0c9a5a08cacd380.txt")])
    assert code == 1 and "the table of section 二、主动公开政府信息情况" in err


def test_extract_and_validate_input_errors_exit_2(tmp_path):
    assert run_main(["extract", str(tmp_path / "none.md")])[0] == 2
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    code, _, err = run_main(["validate", str(bad)])
    assert code == 2 and "bad.json:1:2: 不是有效的 JSON（键名应使用英文双引号）" in err
    assert run_main(["extract"])[0] == 2


def test_validate_reports_a_broken_relation_at_the_cell(tmp_path):
    code, doc, _ = extract(COMPLIANT)
    doc["tables"]["applications"]["rows"]["（五）不予处理/2.重复申请"]["columns"]["商业企业"] = 3
    path = tmp_path / "c.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    code, out, _ = run_main(["validate", "--lang", "en", str(path)])
    assert code == 1
    lines = out.strip().split("\n")
    assert len(lines) == 2  # B2 for 商业企业 and B3 for the row
    assert all("row “（五）不予处理/2.重复申请”, column “商业企业” is 3, expected 1" in line for line in lines)


def test_print_schema(tmp_path):
    code, out, _ = run_main(["extract", "--print-schema"])
    assert code == 0
    schema = json.loads(out)
    assert schema["$schema"].endswith("2020-12/schema")
    rows = schema["allOf"][1]["then"]["properties"]["tables"]["properties"]["applications"]["properties"]["rows"]
    assert "（六）其他处理/3.其他" in rows["required"]


def test_seeds_do_not_crash_the_table_rules():
    for path in sorted(SEEDS_DIR.glob("*.txt")):
        found = check_source(path.read_text(encoding="utf-8"), ".txt")
        assert check_source.last["code"] in (0, 1), (path, check_source.last["stderr"])
        assert not [d for d in found if d["rule"] == "plugin-error"], path


def test_an_extra_section_keeps_its_text(tmp_path):
    """extract once dropped an extra section's text without a word (issue 14)."""
    from conftest import run_main

    src = tmp_path / "r.md"
    src.write_text((EXAMPLES_DIR / "compliant-2025.md").read_text(encoding="utf-8")
                   + "\n## 七、附加说明\n\n本年度另有说明。\n", encoding="utf-8")
    code, out, err = run_main(["extract", str(src)])
    assert code == 0, err
    doc = json.loads(out)
    assert doc["extra_sections"] == [{"heading": "七、附加说明", "text": "本年度另有说明。"}]
    code, out, err = run_main(["extract", str(EXAMPLES_DIR / "compliant-2025.md")])
    assert json.loads(out)["extra_sections"] == []


def test_validate_schema_errors_are_translated(tmp_path):
    code, doc, _ = extract(COMPLIANT)
    del doc["metadata"]["title"]
    doc["metadata"]["year"] = "2025"
    doc["tables"]["applications"]["rows"]["（五）不予处理/2.重复申请"]["columns"]["商业企业"] = -1
    doc["extra"] = 1
    path = tmp_path / "c.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    code, zh, _ = run_main(["validate", str(path)])
    assert code == 1
    assert "缺少必填项 “title”" in zh and "的类型不对，应为整数" in zh and "小于最小值 0" in zh and "不应有 “extra”" in zh
    assert not re.search(r"is a required property|is not of type|Additional properties|less than", zh)
    code, en, _ = run_main(["validate", "--lang", "en", str(path)])
    assert "'title' is a required property" in en and "\"2025\" is not an integer" in en
    assert not re.search(r"[\u4e00-\u9fff]", re.sub(r"“[^”]*”|\"[^\"]*\"|\[[^\]]*\]", "", en))
