"""Rules across two years of the same body (carry-over GL402, in-force-count GL403): last year's
report among the files of the run, or found in the repository when only this year's is checked
(as a pre-commit run does), and silence, said by --verbose, when there is none."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import EXAMPLES_DIR, run_cli, run_main

COMPLIANT = (EXAMPLES_DIR / "compliant-2025.md").read_text(encoding="utf-8")
BODY = "青禾镇人民政府"
NEW_ROW = "| 一、本年新收政府信息公开申请数量 |  |  | 9 | 2 | 0 | 1 | 1 | 0 | 13 |"
CARRIED_ROW = "| 二、上年结转政府信息公开申请数量 |  |  | 1 | 0 | 0 | 0 | 0 | 0 | 1 |"
IN_FORCE_ROW = "| 行政规范性文件 | 3 | 1 | 26 |"
for row in (NEW_ROW, CARRIED_ROW, IN_FORCE_ROW):
    assert COMPLIANT.count(row) == 1, row


def year_report(year: int, body: str = BODY, carried=None, in_force=None) -> str:
    """The compliant example as ``body``'s report for ``year``.  ``carried`` changes this year's
    二、上年结转 自然人 (with 一、本年新收 adjusted so that table 三 still adds up); ``in_force`` the
    行政规范性文件 现行有效件数, by default one that follows from the year before (3 issued, 1 repealed)."""
    if in_force is None:
        in_force = 26 + 2 * (year - 2025)
    text = COMPLIANT.replace("2025", str(year)).replace("2026", str(year + 1)).replace(BODY, body)
    if carried is not None:
        text = text.replace(CARRIED_ROW, f"| 二、上年结转政府信息公开申请数量 |  |  | {carried} | 0 | 0 | 0 | 0 | 0 | {carried} |")
        new = 9 - (carried - 1)
        text = text.replace(NEW_ROW, f"| 一、本年新收政府信息公开申请数量 |  |  | {new} | 2 | 0 | 1 | 1 | 0 | {new + 4} |")
    return text.replace(IN_FORCE_ROW, f"| 行政规范性文件 | 3 | 1 | {in_force} |")


@pytest.fixture
def repo(tmp_path):
    (tmp_path / ".gaonb-lint.toml").write_text('lang = "zh"\n', encoding="utf-8")
    (tmp_path / "reports").mkdir()
    return tmp_path


def write(repo: Path, name: str, text: str) -> str:
    path = repo / "reports" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return f"reports/{name}"


def check(repo: Path, *args: str, select: str = "carry-over,in-force-count"):
    code, out, err = run_cli(["check", "--format", "json", "--select", select, *args], cwd=repo)
    assert out.strip(), err
    return code, [(d["path"], d["line"], d["column"], d["code"], d["message"]) for d in json.loads(out)["diagnostics"]], err


def test_the_same_numbers_in_both_years_pass(repo):
    write(repo, "2024.md", year_report(2024))
    write(repo, "2025.md", year_report(2025))
    code, found, err = check(repo, "reports")
    assert (code, found) == (0, []), err


def test_a_carry_over_that_differs_is_reported_at_this_year_s_cell(repo):
    write(repo, "2024.md", year_report(2024))
    this = write(repo, "2025.md", year_report(2025, carried=2))
    code, found, _ = check(repo, "reports")
    line = COMPLIANT.split("\n").index(CARRIED_ROW) + 1
    column = CARRIED_ROW.index(" | 1 |") + 4  # the 自然人 cell
    # 自然人 differs (2 against 1); 总计 differs too, as a consequence: one cause, one finding.
    assert found == [(this, line, column, "GL402", "上年结转（自然人）为 2，上年报告 reports/2024.md 的“四、结转下年度继续办理”为 1")]
    assert code == 1


def test_last_year_s_report_is_found_in_the_repository_when_only_this_year_s_is_checked(repo):
    write(repo, "archive/2024/青禾镇年报.md", year_report(2024))
    write(repo, "2025.md", year_report(2025, carried=2))
    write(repo, "other-body-2024.md", year_report(2024, body="白沙镇人民政府", carried=3))
    code, found, _ = check(repo, "reports/2025.md")
    assert [(f[0], f[3]) for f in found] == [("reports/2025.md", "GL402")]
    assert "reports/archive/2024/青禾镇年报.md" in found[0][4]


def test_the_previous_report_setting_narrows_the_search(repo):
    write(repo, "2024.md", year_report(2024))
    write(repo, "2025.md", year_report(2025, carried=2))
    (repo / ".gaonb-lint.toml").write_text('previous-report = "published/*.md"\n', encoding="utf-8")
    code, found, _ = check(repo, "reports/2025.md")
    assert found == []  # reports/2024.md is not under published/
    (repo / ".gaonb-lint.toml").write_text('previous-report = "reports/20*.md"\n', encoding="utf-8")
    code, found, _ = check(repo, "reports/2025.md")
    assert [f[3] for f in found] == ["GL402"]


def test_no_previous_report_no_finding_and_verbose_says_so(repo):
    write(repo, "2025.md", year_report(2025, carried=2))
    write(repo, "baisha-2024.md", year_report(2024, body="白沙镇人民政府"))
    code, found, err = check(repo, "reports/2025.md", "--verbose")
    assert (code, found) == (0, [])
    assert f"reports/2025.md: 在所检查的文件和 {repo} 下没有找到青禾镇人民政府 2024 年的报告，未与上年比较" in err
    _, _, err = check(repo, "reports/2025.md", "--verbose", "--lang", "en")
    assert f"reports/2025.md: no report of 青禾镇人民政府 for 2024 among the checked files or under {repo}" in err


def test_bodies_are_compared_without_year_and_suffix(repo):
    last = year_report(2024).replace("title: 青禾镇人民政府2024年政府信息公开工作年度报告\nbody: 青禾镇人民政府\n", "")
    last = last.replace("# 青禾镇人民政府2024年政府信息公开工作年度报告", "# 2024年度 青禾镇人民政府 政府信息公开工作年度报告")
    write(repo, "last.md", last)
    write(repo, "2025.md", year_report(2025, carried=2))
    code, found, _ = check(repo, "reports")
    assert [f[3] for f in found] == ["GL402"]


def test_in_force_count_row_by_row(repo):
    write(repo, "2024.md", year_report(2024, in_force=24))
    this = write(repo, "2025.md", year_report(2025, in_force=26))  # 24 + 3 - 1
    assert check(repo, "reports")[1] == []
    write(repo, "2025.md", year_report(2025, in_force=28))
    code, found, _ = check(repo, "reports")
    line = COMPLIANT.split("\n").index(IN_FORCE_ROW) + 1
    assert found == [(this, line, IN_FORCE_ROW.index("26") + 1, "GL403", "“行政规范性文件”现行有效件数为 28；按上年报告 reports/2024.md 的 24 件加本年制发 3 件、"
                                                "减本年废止 1 件应为 26（合理性检查，请核实）")]
    assert code == 1  # a warning fails the run, as every warning does


def test_in_force_count_needs_two_2021_format_years(repo):
    write(repo, "2020.md", year_report(2020, in_force=5))
    write(repo, "2021.md", year_report(2021, in_force=26))
    assert check(repo, "reports", select="in-force-count")[1] == []


def test_results_are_identical_with_jobs(repo):
    for year in (2022, 2023, 2024):
        write(repo, f"{year}.md", year_report(year, carried=2 if year == 2023 else None))
    write(repo, "2025.md", year_report(2025, carried=2, in_force=30))  # 2024 has 24: 24 + 3 - 1 = 26 expected
    one = run_cli(["check", "--format", "json", "-j", "1", "reports"], cwd=repo)
    two = run_cli(["check", "--format", "json", "-j", "2", "reports"], cwd=repo)
    assert one == two
    codes = [d["code"] for d in json.loads(one[1])["diagnostics"] if d["code"] in ("GL402", "GL403")]
    assert sorted(codes) == ["GL402", "GL402", "GL403"], one[1]


def test_without_configuration_or_git_the_repository_is_not_searched(tmp_path):
    """No configuration file and no git work tree: nothing says where the repository is, so only
    the run's files are looked at (a run in a home directory must not walk it)."""
    (tmp_path / "2024.md").write_text(year_report(2024), encoding="utf-8")
    (tmp_path / "2025.md").write_text(year_report(2025, carried=2), encoding="utf-8")
    code, out, err = run_cli(["check", "--format", "json", "--select", "carry-over", "--verbose", "2025.md"], cwd=tmp_path)
    assert json.loads(out)["diagnostics"] == []
    assert "2025.md: 在所检查的文件中（没有配置文件或 git 仓库可供查找）没有找到青禾镇人民政府 2024 年的报告" in err
    code, out, err = run_cli(["check", "--format", "json", "--select", "carry-over", "2025.md", "2024.md"], cwd=tmp_path)
    assert [d["code"] for d in json.loads(out)["diagnostics"]] == ["GL402"]  # both in the run


# -- suppression comments hold for report-set findings too ----------------------------------------

TABLE_THREE = "## 三、收到和处理政府信息公开申请情况"
TABLE_FOUR = "## 四、政府信息公开行政复议、行政诉讼情况"


def _around_table_three(text: str, names: str) -> str:
    assert text.count(TABLE_THREE) == text.count(TABLE_FOUR) == 1
    text = text.replace(TABLE_THREE, f"<!-- gaonb-lint-disable {names} -- 上年报告有误 -->\n\n" + TABLE_THREE)
    return text.replace(TABLE_FOUR, f"<!-- gaonb-lint-enable {names} -->\n\n" + TABLE_FOUR)


@pytest.mark.parametrize("names", ["carry-over", "GL402", "GL4", ""])
def test_a_suppression_comment_silences_a_report_set_finding(repo, names):
    write(repo, "2024.md", year_report(2024))
    write(repo, "2025.md", _around_table_three(year_report(2025, carried=2), names))
    # Without --select the unused-suppression check runs too: the comment was used, so no GL901.
    for jobs in ("1", "2"):
        code, out, err = run_cli(["check", "--format", "json", "-j", jobs, "reports"], cwd=repo)
        diags = json.loads(out)["diagnostics"]
        assert [d["code"] for d in diags if d["code"] in ("GL402", "GL901")] == [], (jobs, out)


def test_a_comment_elsewhere_does_not_silence_it(repo):
    write(repo, "2024.md", year_report(2024))
    text = year_report(2025, carried=2).replace(TABLE_FOUR, "<!-- gaonb-lint-disable-next-line carry-over -->\n"
                                                + TABLE_FOUR)
    write(repo, "2025.md", text)
    code, out, err = run_cli(["check", "--format", "json", "reports"], cwd=repo)
    codes = sorted(d["code"] for d in json.loads(out)["diagnostics"] if d["code"] in ("GL402", "GL901"))
    assert codes == ["GL402", "GL901"], out  # the finding stands, and the comment suppressed nothing


def test_a_comment_for_a_report_set_rule_that_found_nothing_is_unused(repo):
    write(repo, "2024.md", year_report(2024))
    write(repo, "2025.md", _around_table_three(year_report(2025), "carry-over"))
    code, out, err = run_cli(["check", "--format", "json", "reports"], cwd=repo)
    diags = json.loads(out)["diagnostics"]
    assert [(d["path"], d["code"]) for d in diags] == [("reports/2025.md", "GL901")], out


def test_the_result_cache_keeps_extracts_and_gives_the_same_findings(repo):
    """A warm run answers every file from the cache, extracts included, and says the same; a
    changed report is read again while the unchanged one still comes from the cache."""
    for year in (2023, 2024):
        write(repo, f"{year}.md", year_report(year))
    write(repo, "2025.md", year_report(2025, carried=2, in_force=30))
    on = {"GAONB_LINT_NO_CACHE": ""}
    args = ["check", "--format", "json", "-v", "reports"]
    plain = run_cli(["check", "--format", "json", "--no-cache", "reports"], cwd=repo)
    cold = run_cli(args, cwd=repo, env=on)
    warm = run_cli(args, cwd=repo, env=on)
    assert "结果来自缓存" not in cold[2] and warm[2].count("结果来自缓存") == 3, warm[2]
    assert plain[:2] == cold[:2] == warm[:2]
    codes = sorted(d["code"] for d in json.loads(warm[1])["diagnostics"] if d["code"] in ("GL402", "GL403"))
    assert codes == ["GL402", "GL403"], warm[1]
    # last year's report now carries 2 forward, as this year's says: the finding goes away
    write(repo, "2024.md", year_report(2024).replace(
        "| 四、结转下年度继续办理 |  |  | 1 | 0 | 0 | 0 | 0 | 0 | 1 |",
        "| 四、结转下年度继续办理 |  |  | 2 | 0 | 0 | 0 | 0 | 0 | 2 |"))
    again = run_cli(args, cwd=repo, env=on)
    assert again[2].count("结果来自缓存") == 2, again[2]
    assert again[:2] == run_cli(["check", "--format", "json", "--no-cache", "reports"], cwd=repo)[:2]
    assert "GL402" not in again[1]


def test_a_checked_file_the_rule_is_off_for_is_still_last_year_s_report(repo):
    """Last year's report among the run's files but with the rule off for it (per-file-ignores)
    is found by its body and year, within what ``previous-report`` allows."""
    write(repo, "archive/2024.md", year_report(2024))
    write(repo, "2025.md", year_report(2025, carried=2))
    ignore = '[per-file-ignores]\n"reports/archive/*" = ["carry-over", "in-force-count"]\n'
    (repo / ".gaonb-lint.toml").write_text(ignore, encoding="utf-8")
    code, found, _ = check(repo, "reports")
    assert [(f[0], f[3]) for f in found] == [("reports/2025.md", "GL402")]
    assert "reports/archive/2024.md" in found[0][4]
    (repo / ".gaonb-lint.toml").write_text('previous-report = "published/*.md"\n' + ignore, encoding="utf-8")
    assert check(repo, "reports")[1] == []


def test_what_git_ignores_is_not_searched(repo):
    """Generated output and copies under ignored directories are not last year's report."""
    import subprocess

    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    (repo / "out").mkdir()
    (repo / "out" / "青禾镇-2024.md").write_text(year_report(2024), encoding="utf-8")
    write(repo, "2025.md", year_report(2025, carried=2))
    (repo / ".gitignore").write_text("out/\n", encoding="utf-8")
    assert check(repo, "reports/2025.md")[1] == []
    (repo / ".gitignore").write_text("*-2024.md\n", encoding="utf-8")  # a file pattern, too
    assert check(repo, "reports/2025.md")[1] == []
    (repo / ".gitignore").unlink()
    found = check(repo, "reports/2025.md")[1]
    assert [f[3] for f in found] == ["GL402"] and "out/青禾镇-2024.md" in found[0][4]


def test_the_starts_of_files_are_kept_between_runs(tmp_path, monkeypatch):
    """A pre-commit run reads the start of each file of the repository only while the file's
    modification time or size is new to the cache; a file changed just now is not kept."""
    import os
    import time

    from gaonb_lint import history
    from gaonb_lint.cache import Cache

    root = tmp_path / "site"
    old = time.time() - 3600
    for name, text in (("a-2023.md", year_report(2023)), ("b.md", "# 白沙镇人民政府2024年\n"), ("c.md", "无关")):
        (root / "docs").mkdir(parents=True, exist_ok=True)
        (root / "docs" / name).write_text(text, encoding="utf-8")
        os.utime(root / "docs" / name, (old, old))
    (root / "docs" / "new.md").write_text("刚写的", encoding="utf-8")  # modified now
    read = []
    real = history._head_text
    monkeypatch.setattr(history, "_head_text", lambda path: read.append(os.path.basename(path)) or real(path))

    def search(cache):
        s = history.Search(root_of=lambda p: str(root), read=lambda p: None, heads=cache)
        history.read_previous(str(root / "this.md"), BODY, 2030, s)  # no such report: every file is looked at
        cache.save()

    search(Cache(str(tmp_path / "cache"), "k"))
    assert sorted(read) == ["a-2023.md", "b.md", "c.md", "new.md"]
    read.clear()
    search(Cache(str(tmp_path / "cache"), "k"))
    assert read == ["new.md"]
    read.clear()
    (root / "docs" / "b.md").write_text("# 青禾镇人民政府2030年\n", encoding="utf-8")  # same size, new time
    os.utime(root / "docs" / "b.md", (old + 60, old + 60))
    search(Cache(str(tmp_path / "cache"), "k"))
    assert sorted(read) == ["b.md", "new.md"]
    read.clear()
    search(Cache(str(tmp_path / "cache"), "other settings"))  # kept per set of run settings
    assert len(read) == 4


def test_a_changed_last_year_report_is_read_again_with_the_cache(repo):
    """With the cache, what a pre-commit run finds of last year's report follows the file."""
    import os
    import time

    old = time.time() - 3600
    last = repo / write(repo, "archive/2024/青禾镇年报.md", year_report(2024))
    os.utime(last, (old, old))
    write(repo, "2025.md", year_report(2025, carried=2))
    on = {"GAONB_LINT_NO_CACHE": ""}
    args = ["check", "--format", "json", "--select", "carry-over", "reports/2025.md"]
    runs = [run_cli(args, cwd=repo, env=on) for _ in range(2)]
    assert runs[0][:2] == runs[1][:2] == run_cli(args[:-1] + ["--no-cache", args[-1]], cwd=repo)[:2]
    assert "GL402" in runs[1][1]
    last.write_text(year_report(2024, body="白沙镇人民政府"), encoding="utf-8")  # no longer this body's
    os.utime(last, (old + 60, old + 60))
    assert run_cli(args, cwd=repo, env=on)[:2] == (0, run_cli(args[:-1] + ["--no-cache", args[-1]], cwd=repo)[1])
