"""Issue-3 acceptance on the five real seed reports, through the CLI in JSON.

Only the three foundation rules are selected, so later rules (tables, deadlines) do not change
this test.  Expected places are those of the real mistakes, checked against the file text.
"""
from __future__ import annotations

import json

import pytest

from conftest import SEEDS_DIR, run_cli

SELECT = "required-sections,statistics-period,fee-statement"
SEED = {p.name[:3]: p for p in SEEDS_DIR.glob("*.txt")}


@pytest.fixture(scope="module")
def results():
    """{seed number: list of diagnostics} from one CLI run over all five seeds."""
    code, out, err = run_cli(["check", "--isolated", "--format", "json", "--select", SELECT,
                              *[str(SEED[k]) for k in sorted(SEED)]])
    assert code == 1, err
    assert err == ""
    doc = json.loads(out)
    assert doc["summary"]["files"] == 5 and doc["errors"] == []
    by_seed = {k: [] for k in SEED}
    for d in doc["diagnostics"]:
        by_seed[next(k for k, p in SEED.items() if d["path"] == str(p))].append(d)
    return by_seed


def lines_of(seed: str):
    return SEED[seed].read_text(encoding="utf-8").split("\n")


def found(results, seed, rule):
    return sorted(((d["line"], d["column"], d["message"]) for d in results[seed] if d["rule"] == rule))


def test_five_seeds_are_present_and_identical_to_the_shared_copies(repo_root):
    assert sorted(SEED) == ["000", "001", "002", "003", "004"]
    shared = repo_root.parent / "shared" / "seeds"
    if shared.is_dir():  # the copies are byte-identical to the originals
        for p in SEED.values():
            assert p.read_bytes() == (shared / p.name).read_bytes()


def test_only_the_selected_rules_ran(results):
    for diags in results.values():
        assert {d["rule"] for d in diags} <= set(SELECT.split(","))


# -- required-sections ------------------------------------------------------------------------

def test_required_sections_seed_002_extra_fee_section_then_renumbered(results):
    lines = lines_of("002")
    got = found(results, "002", "required-sections")
    assert [(ln, col) for ln, col, _ in got] == [(20, 1), (21, 1), (30, 1)]
    assert lines[19] == "五、信息处理费统计情况"
    assert lines[20] == "六、存在的主要问题及改进情况"
    assert lines[29] == "七、其他需要报告的事项"
    assert "多出章节 “五、信息处理费统计情况”" in got[0][2]
    assert "应为 “五、存在的主要问题及改进情况”，实为 “六、存在的主要问题及改进情况”" in got[1][2]
    assert "应为 “六、其他需要报告的事项”，实为 “七、其他需要报告的事项”" in got[2][2]


def test_required_sections_seed_004_section_five_retitled(results):
    lines = lines_of("004")
    got = found(results, "004", "required-sections")
    assert len(got) == 1
    line, col, message = got[0]
    assert lines[line - 1] == "五、存在问题及改进措施" and (line, col) == (343, 1)
    assert "应为 “五、存在的主要问题及改进情况”，实为 “五、存在问题及改进措施”" in message


@pytest.mark.parametrize("seed", ["000", "001", "003"])
def test_required_sections_clean_seeds(results, seed):
    # 000 and 003 contain the table-三 row `四、结转下年度继续办理` before the real section 四.
    assert found(results, seed, "required-sections") == []


def test_table_row_label_really_precedes_section_four_in_seeds():
    """Guards the test above: the trap is actually in the seeds."""
    for seed in ("000", "003", "004"):
        lines = [ln.strip().rstrip("|").strip() for ln in lines_of(seed)]
        row = next(i for i, ln in enumerate(lines) if ln.startswith("四、结转下年度继续办理"))
        section = next(i for i, ln in enumerate(lines) if ln == "四、政府信息公开行政复议、行政诉讼情况")
        assert row < section


# -- statistics-period ------------------------------------------------------------------------

@pytest.mark.parametrize("seed,line,year", [("001", 3, 2025), ("002", 1, 2025), ("003", 3, 2024)])
def test_statistics_period_missing(results, seed, line, year):
    got = found(results, seed, "statistics-period")
    assert len(got) == 1
    assert got[0][:2] == (line, 1)
    assert f"未写明统计期限：应写明如 “统计期限为{year}年1月1日至{year}年12月31日”" in got[0][2]
    text = SEED[seed].read_text(encoding="utf-8")
    assert "统计期限" not in text and "统计周期" not in text
    if seed != "002":  # 002 has no title: the finding is at the top of the file
        assert lines_of(seed)[line - 1].replace(" ", "").endswith(f"{year}年政府信息公开工作年度报告")


@pytest.mark.parametrize("seed", ["000", "004"])
def test_statistics_period_stated(results, seed):
    assert found(results, seed, "statistics-period") == []


# -- fee-statement ----------------------------------------------------------------------------

def test_fee_statement_seed_002_only_in_extra_section(results):
    got = found(results, "002", "fee-statement")
    assert len(got) == 1
    line, col, message = got[0]
    assert (line, col) == (30, 1) and lines_of("002")[29] == "七、其他需要报告的事项"
    assert "应在 “六、其他需要报告的事项” 中说明（目前仅在第 20 行提及）" in message


@pytest.mark.parametrize("seed", ["000", "001", "003", "004"])
def test_fee_statement_other_seeds_pass(results, seed):
    assert found(results, seed, "fee-statement") == []


def test_exact_totals(results):
    assert {k: len(v) for k, v in results.items()} == {"000": 0, "001": 1, "002": 5, "003": 1, "004": 1}
