"""Rule options and report-level behaviour of the table, year and deadline rules."""
from __future__ import annotations

from conftest import run_main

REPORT = """某县人民政府2025年政府信息公开工作年度报告
发布日期:2026-03-10
"""


def _check(tmp_path, config):
    (tmp_path / "r.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / ".gaonb-lint.toml").write_text(config, encoding="utf-8")
    return run_main(["check", "--select", "publication-deadline", "--format", "json", str(tmp_path / "r.txt")])


def test_body_kind_auto_gives_a_county_government_until_march(tmp_path):
    code, out, _ = _check(tmp_path, "")
    assert code == 0, out


def test_body_kind_option_overrides_the_name(tmp_path):
    code, out, _ = _check(tmp_path, '[rules.publication-deadline]\nbody-kind = "department"\n')
    assert code == 1 and "2026-01-31" in out


def test_bad_body_kind_is_a_configuration_error_not_a_traceback(tmp_path):
    code, out, err = _check(tmp_path, '[rules.publication-deadline]\nbody-kind = "ministry"\n')
    assert code == 2 and "Traceback" not in err
    assert ".gaonb-lint.toml:2: rules.publication-deadline.body-kind: 只能是 " in err and "现为 “ministry”" in err


def test_pre_2019_report_gets_one_info_finding_and_no_table_findings(tmp_path):
    path = tmp_path / "old.txt"
    path.write_text("某局2017年政府信息公开工作年度报告\n一、概述\n本年度公开信息50条。\n", encoding="utf-8")
    code, out, _ = run_main(["check", "--isolated", "--format", "json", str(path)])
    import json

    diags = json.loads(out)["diagnostics"]
    assert [d["rule"] for d in diags] == ["format-version"] and diags[0]["severity"] == "info"
    assert code == 0
