"""Runs every case in rules/cases/*.yml (sqlfluff-style rule test cases kept next to the rules).

A case file names its ``rule`` and lists ``cases``; each case has ``name``, ``source``,
``suffix`` (default ``.md``), optional ``year`` and ``expect`` (the exact set of that rule's
findings: ``line``, optional ``column``, ``message_contains``; ``[]`` = must pass).
"""
from __future__ import annotations


import pytest
import yaml

from conftest import REPO_ROOT, lint_text

CASES_DIR = REPO_ROOT / "rules" / "cases"
CASE_KEYS = {"name", "source", "suffix", "year", "expect"}
EXPECT_KEYS = {"line", "column", "message_contains"}


def _load():
    params = []
    for path in sorted(CASES_DIR.glob("*.yml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        rule = doc["rule"]
        for case in doc["cases"]:
            params.append(pytest.param(path.name, rule, case, id=f"{path.stem}::{case['name']}"))
    return params


CASES = _load()


def test_case_files_exist_for_the_foundation_rules():
    stems = {p.stem for p in CASES_DIR.glob("*.yml")}
    assert {"required_sections", "statistics_period", "fee_statement"} <= stems


def test_case_names_are_unique_per_file():
    seen = {}
    for p in CASES:
        file, _, case = p.values
        key = (file, case["name"])
        assert key not in seen, f"duplicate case name {case['name']!r} in {file}"
        seen[key] = True


def _match(findings, expected):
    """Pair every expected entry with a distinct finding; return (unmatched expected, unmatched findings)."""
    left = list(findings)
    missing = []
    for exp in expected:
        for i, f in enumerate(left):
            if f["line"] != exp["line"]:
                continue
            if "column" in exp and f["column"] != exp["column"]:
                continue
            if exp["message_contains"] not in f["message"]:
                continue
            del left[i]
            break
        else:
            missing.append(exp)
    return missing, left


@pytest.mark.parametrize("file,rule,case", CASES)
def test_rule_case(file, rule, case):
    assert set(case) <= CASE_KEYS, f"{file}: unknown keys {set(case) - CASE_KEYS} in case {case['name']}"
    assert set(case) >= {"name", "source", "expect"}
    suffix = case.get("suffix", ".md")
    assert suffix in (".md", ".txt")
    for exp in case["expect"]:
        assert set(exp) <= EXPECT_KEYS and {"line", "message_contains"} <= set(exp), exp

    diags = lint_text(case["source"], suffix, rules=[rule], year=case.get("year"))

    crashes = [d for d in diags if d["rule"] == "plugin-error"]
    assert not crashes, f"rule crashed: {crashes[0]['message']}"
    found = [d for d in diags if d["rule"] == rule]
    assert len(found) == len(diags)  # only the rule under test ran
    missing, unexpected = _match(found, case["expect"])
    shown = "\n".join(f"  {d['line']}:{d['column']}: {d['message']}" for d in found) or "  (none)"
    assert not missing and not unexpected, (
        f"{file} case {case['name']!r}:\n missing: {missing}\n unexpected: "
        f"{[(d['line'], d['column'], d['message']) for d in unexpected]}\n all findings:\n{shown}")
    # Positions point into the source: the line exists and the column is within it (or one past).
    lines = case["source"].split("\n")
    for d in found:
        assert 1 <= d["line"] <= len(lines)
        assert 1 <= d["column"] <= len(lines[d["line"] - 1]) + 1


@pytest.mark.parametrize("file,rule,case", CASES)
def test_rule_case_same_places_in_english(file, rule, case):
    """The English run finds the same places (messages differ, positions must not)."""
    suffix = case.get("suffix", ".md")
    zh = lint_text(case["source"], suffix, rules=[rule], year=case.get("year"))
    en = lint_text(case["source"], suffix, rules=[rule], year=case.get("year"), lang="en")
    assert [(d["line"], d["column"], d["code"]) for d in zh] == [(d["line"], d["column"], d["code"]) for d in en]
    assert all(d["message"] and d["message"] not in {z["message"] for z in zh} for d in en)
