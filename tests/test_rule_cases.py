"""Runs every case in rules/cases/*.yml through the public test kit ``gaonb_lint.testing``
(sqlfluff-style rule test cases kept next to the rules; the format is documented there)."""
from __future__ import annotations

import pytest

from conftest import REPO_ROOT

from gaonb_lint.testing import CaseError, apply_patch, case_params, check_case, load_cases

CASES_DIR = REPO_ROOT / "rules" / "cases"


def test_case_files_exist_for_the_foundation_rules():
    stems = {p.stem for p in CASES_DIR.glob("*.yml")}
    assert {"required_sections", "statistics_period", "fee_statement"} <= stems


@pytest.mark.parametrize("case", case_params(CASES_DIR))
def test_rule_case(case):
    check_case(case)


def test_a_patch_applies_exactly_once(tmp_path):
    assert apply_patch("a\nb\n", [{"replace": "b", "with": "c"}, {"append": "d\n"}]) == "a\nc\nd\n"
    with pytest.raises(CaseError, match="occurs 2 times"):
        apply_patch("x x", [{"replace": "x", "with": "y"}])
    with pytest.raises(CaseError, match="occurs 0 times"):
        apply_patch("x", [{"delete": "z"}])
    bad = tmp_path / "bad.yml"
    bad.write_text("rule: balance\ncases:\n- name: a\n  patch: []\n  expect: []\n", encoding="utf-8")
    with pytest.raises(CaseError, match="no source, and the file has no base"):
        load_cases(bad)


def test_check_case_fails_on_a_wrong_expectation(tmp_path):
    cases = tmp_path / "c.yml"
    cases.write_text("rule: fee-statement\nbase: |\n  某镇2025年政府信息公开工作年度报告\n  六、其他需要报告的事项\n"
                     "  本机关本年度未收取信息处理费。\ncases:\n- name: passes\n  suffix: .txt\n  expect: []\n"
                     "- name: claims-a-finding\n  suffix: .txt\n  expect: [{line: 3, message_contains: 信息处理费}]\n"
                     "- name: really-missing\n  suffix: .txt\n  patch: [{replace: 本机关本年度未收取信息处理费。, with: 无。}]\n"
                     "  expect: [{line: 2, message_contains: 信息处理费}]\n", encoding="utf-8")
    passes, wrong, missing = load_cases(cases)
    check_case(passes)
    check_case(missing)
    with pytest.raises(AssertionError, match="missing"):
        check_case(wrong)
