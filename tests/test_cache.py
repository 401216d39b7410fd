"""The result cache, baselines, standard input and the progress line: each gives the same
findings as a plain run, and none of them can break a run."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from conftest import EXAMPLES_DIR, cli_env, run_cli, run_cli_on_tty

CACHE_ON = {"GAONB_LINT_NO_CACHE": ""}


def _site(tmp_path, n=2):
    site = tmp_path / "site"
    site.mkdir()
    for name in ("compliant-2025.md", "mistakes-2025.md"):
        shutil.copy(EXAMPLES_DIR / name, site / name)
    for i in range(n - 2):
        shutil.copy(EXAMPLES_DIR / "mistakes-2025.md", site / f"copy-{i}.md")
    return site


def _json(site, *args, env=CACHE_ON):
    code, out, err = run_cli(["check", "--isolated", "--output-format", "json", *args, "."], cwd=site, env=env)
    return code, json.loads(out), err


def test_cache_gives_the_same_results(tmp_path):
    site = _site(tmp_path)
    plain = _json(site, "--no-cache")
    assert not (site / ".gaonb-lint-cache").exists()
    cold = _json(site, "-v")
    assert (site / ".gaonb-lint-cache" / "CACHEDIR.TAG").is_file()
    assert "结果来自缓存" not in cold[2]
    warm = _json(site, "-v")
    assert warm[2].count("结果来自缓存") == 2
    assert plain[:2] == cold[:2] == warm[:2]
    for fmt in ("full", "sarif", "junit"):  # the formats that use the source lines and fingerprints
        outs = {run_cli(["check", "--isolated", "--output-format", fmt, *extra, "."], cwd=site, env=CACHE_ON)[1]
                for extra in ([], ["--no-cache"])}
        assert len(outs) == 1


def test_cache_follows_content_and_configuration(tmp_path):
    site = _site(tmp_path)
    _json(site)
    report = site / "compliant-2025.md"
    report.write_text(report.read_text(encoding="utf-8").replace("## 一、总体情况", "## 一、总体概况"), encoding="utf-8")
    code, doc, err = _json(site, "-v")
    assert "compliant-2025.md: 读取方式：Markdown，编码 utf-8；1 个问题\n" in err  # checked again
    assert any(d["path"].endswith("compliant-2025.md") and d["code"] == "GL101" for d in doc["diagnostics"])
    (site / ".gaonb-lint.toml").write_text('ignore = ["GL101"]\n', encoding="utf-8")
    code, out, err = run_cli(["check", "--output-format", "json", "-v", "."], cwd=site, env=CACHE_ON)
    assert "结果来自缓存" not in err and not [d for d in json.loads(out)["diagnostics"] if d["code"] == "GL101"]


def _db(site):
    import sqlite3

    from gaonb_lint.cache import DATABASE

    return sqlite3.connect(site / ".gaonb-lint-cache" / DATABASE, isolation_level=None)


def test_corrupt_or_foreign_rows_are_ignored(tmp_path):
    import pickle

    site = _site(tmp_path)
    expected = _json(site)[:2]
    with _db(site) as db:
        rows = db.execute("SELECT run, path, content, config, payload FROM entries ORDER BY path").fetchall()
    assert len(rows) == 2  # one per report
    marker = tmp_path / "ran"
    # A pickle that would run a command when loaded by a plain unpickler.
    hostile = pickle.dumps(type("Evil", (), {"__reduce__": lambda self: (os.system, (f"touch {marker}",))})())
    wrong_shape = pickle.dumps((1, 2))
    for change, payloads in (("payload = x'00ff'", ()), ("payload = ?", (hostile, wrong_shape)),
                             ("payload = ?", (wrong_shape, hostile)), ("run = 'another run'", ())):
        with _db(site) as db:
            for (_, path, *_), data in zip(rows, payloads or [None] * 2):  # each run writes them anew
                db.execute(f"UPDATE entries SET {change} WHERE path = ?", (data, path) if "?" in change else (path,))
        code, doc, err = _json(site, "-v")
        assert (code, doc) == expected and "Traceback" not in err and "结果来自缓存" not in err
        assert not marker.exists()
    # a row copied onto another file's path is not that file's: its content hash differs
    with _db(site) as db:
        db.execute("DELETE FROM entries")
        for (run, path, content, config, payload), (_, other, *_) in zip(rows, rows[::-1]):
            db.execute("INSERT INTO entries VALUES (?, ?, ?, ?, ?)", (run, other, content, config, payload))
    code, doc, err = _json(site, "-v")
    assert (code, doc) == expected and "结果来自缓存" not in err


def test_unreadable_database_is_made_anew(tmp_path):
    from gaonb_lint.cache import DATABASE

    site = _site(tmp_path)
    expected = _json(site)[:2]
    database = site / ".gaonb-lint-cache" / DATABASE
    for junk in (b"\x00\xff garbage" * 100, database.read_bytes()[:3000]):  # not a database; torn
        database.write_bytes(junk)
        code, doc, err = _json(site, "-v")
        assert (code, doc) == expected and "Traceback" not in err and "结果来自缓存" not in err
        code, doc, err = _json(site, "-v")
        assert (code, doc) == expected and err.count("结果来自缓存") == 2


def test_database_in_the_way_or_busy_is_skipped(tmp_path):
    """A directory where the database would be, or another run holding the database for longer
    than the cache waits: the run goes on without the cache."""
    import time

    from gaonb_lint.cache import BUSY_SECONDS, DATABASE

    site = _site(tmp_path)
    expected = _json(site, "--no-cache")[:2]
    (site / ".gaonb-lint-cache").mkdir()
    (site / ".gaonb-lint-cache" / DATABASE).mkdir()
    code, doc, err = _json(site, "-v")
    assert (code, doc) == expected and err.count("读取方式") == 2 and "Traceback" not in err
    (site / ".gaonb-lint-cache" / DATABASE).rmdir()
    _json(site)
    with _db(site) as db:
        db.execute("BEGIN EXCLUSIVE")  # another run writing, and not letting go
        start = time.monotonic()
        code, doc, err = _json(site, "-v")
        db.execute("ROLLBACK")
    assert (code, doc) == expected and "结果来自缓存" not in err and "Traceback" not in err
    assert time.monotonic() - start < BUSY_SECONDS + 10  # waited once, not once per file


def test_python_without_sqlite_runs_uncached(tmp_path):
    site = _site(tmp_path)
    expected = _json(site, "--no-cache")[:2]
    shadow = tmp_path / "shadow" / "sqlite3"
    shadow.mkdir(parents=True)
    (shadow / "__init__.py").write_text('raise ImportError("built without SQLite")\n', encoding="utf-8")
    env = dict(CACHE_ON, PYTHONPATH=str(shadow.parent))
    for _ in range(2):
        code, doc, err = _json(site, "-v", env=env)
        assert (code, doc) == expected and "Traceback" not in err and "结果来自缓存" not in err
    assert not (site / ".gaonb-lint-cache").exists()


def test_one_row_per_file_and_old_settings_pruned(tmp_path):
    site = _site(tmp_path)
    old = site / ".gaonb-lint-cache" / "v1" / "0123"  # what a version before the database left
    old.mkdir(parents=True)
    (old / "entry.json").write_text("{}", encoding="utf-8")
    _json(site)
    assert not (site / ".gaonb-lint-cache" / "v1").exists()
    for lang in ("en", "zh"):
        for select in ("GL1", "GL2", "GL3", "GL9", "ALL"):
            run_cli(["check", "--isolated", "--lang", lang, "--select", select, "."], cwd=site, env=CACHE_ON)
    with _db(site) as db:
        per_run = [n for n, in db.execute("SELECT count(*) FROM entries GROUP BY run")]
        runs = db.execute("SELECT count(*) FROM runs").fetchone()[0]
    assert 1 < runs == len(per_run) <= 8 and set(per_run) == {2}


def test_unwritable_cache_dir_is_skipped(tmp_path):
    site = _site(tmp_path)
    (site / "blocker").write_text("a file where the cache directory would go", encoding="utf-8")
    (site / ".gaonb-lint.toml").write_text('cache-dir = "blocker/cache"\n', encoding="utf-8")
    code, out, err = run_cli(["check", "--output-format", "json", "."], cwd=site, env=CACHE_ON)
    assert code == 1 and err == "" and json.loads(out)["diagnostics"]


def test_cache_dir_setting(tmp_path):
    site = _site(tmp_path)
    (site / ".gaonb-lint.toml").write_text('cache-dir = "build/lint-cache"\n', encoding="utf-8")
    run_cli(["check", "."], cwd=site, env=CACHE_ON)
    assert (site / "build" / "lint-cache" / "CACHEDIR.TAG").is_file()
    assert not (site / ".gaonb-lint-cache").exists()


def test_jobs_output_file_and_cache_identical(tmp_path):
    site = _site(tmp_path, n=8)
    plain = run_cli(["check", "--isolated", "--no-cache", "--output-format", "concise", "."], cwd=site)
    for args in (["-j", "2"], ["-j", "2"], ["-j", "1"]):  # cold, then warm, with and without workers
        assert run_cli(["check", "--isolated", "--output-format", "concise", *args, "."], cwd=site, env=CACHE_ON) == plain
    out = tmp_path / "out.txt"
    code, stdout, _ = run_cli(["check", "--isolated", "--output-format", "concise", "-j", "2", "-o", str(out), "."],
                              cwd=site, env=CACHE_ON)
    assert code == plain[0] and stdout == "" and out.read_text(encoding="utf-8") == plain[1]


# -- baseline ------------------------------------------------------------------------------------

def test_baseline_reports_only_new_findings(tmp_path):
    site = _site(tmp_path)
    n = len(_json(site, env=None)[1]["diagnostics"])
    code, out, err = run_cli(["check", "--isolated", "--write-baseline", "baseline.json", "."], cwd=site)
    assert code == 0 and out == "" and f" {n} " in err
    recorded = json.loads((site / "baseline.json").read_text(encoding="utf-8"))["findings"]
    assert len(recorded) == n and all(not f["path"].startswith("/") for f in recorded)
    code, doc, _ = _json(site, "--baseline", "baseline.json", env=None)
    assert code == 0 and doc["diagnostics"] == []

    # lines move: still nothing new
    report = site / "mistakes-2025.md"
    text = report.read_text(encoding="utf-8")
    text = text.replace("## 一、总体情况\n", "## 一、总体情况\n\n新增的一段说明。\n\n另一段说明。\n", 1)
    report.write_text(text, encoding="utf-8")
    code, doc, _ = _json(site, "--baseline", "baseline.json", env=None)
    assert code == 0 and doc["diagnostics"] == []

    # a new mistake is reported, and only it; a fixed one is listed with --verbose
    text = text.replace("## 一、总体情况", "## 一、总体概况")
    text = text.replace("| 现行有效件 |", "| 现行有效件数 |")
    report.write_text(text, encoding="utf-8")
    code, doc, err = _json(site, "--baseline", "baseline.json", "--verbose", env=None)
    assert [d["code"] for d in doc["diagnostics"]] == ["GL101"] and "一、总体概况" in doc["diagnostics"][0]["message"]
    assert "基线中已修复的问题" in err and "现行有效件" in err


def test_baseline_of_other_findings_changes_nothing(tmp_path):
    site = _site(tmp_path)
    other = tmp_path / "other"
    other.mkdir()
    (other / "r.md").write_text("# 某镇2025年政府信息公开工作年度报告\n\n正文。\n", encoding="utf-8")
    run_cli(["check", "--isolated", "--write-baseline", str(site / "baseline.json"), str(other / "r.md")], cwd=site)
    assert _json(site, "--baseline", "baseline.json", env=None) == _json(site, env=None)


def test_bad_baseline_is_one_line(tmp_path):
    site = _site(tmp_path)
    for content in (None, "{", '{"tool": "other"}'):
        if content is not None:
            (site / "baseline.json").write_text(content, encoding="utf-8")
        code, out, err = run_cli(["check", "--isolated", "--baseline", "baseline.json", "."], cwd=site)
        assert code == 2 and out == "" and len(err.strip().splitlines()) == 1 and "baseline.json" in err


# -- standard input --------------------------------------------------------------------------------

def test_stdin_gives_the_same_findings(tmp_path):
    site = _site(tmp_path)
    data = (site / "mistakes-2025.md").read_bytes()
    file_run = run_cli(["check", "--isolated", "--output-format", "concise", "mistakes-2025.md"], cwd=site)
    proc = subprocess.run([sys.executable, "-m", "gaonb_lint", "check", "--isolated", "--output-format", "concise",
                           "--stdin-filename", "mistakes-2025.md", "-"], input=data, capture_output=True,
                          cwd=site, env=cli_env())
    assert (proc.returncode, proc.stdout.decode("utf-8")) == file_run[:2]
    proc = subprocess.run([sys.executable, "-m", "gaonb_lint", "check", "--isolated", "--output-format", "json", "-"],
                          input=data, capture_output=True, cwd=site, env=cli_env())
    doc = json.loads(proc.stdout)
    assert {d["path"] for d in doc["diagnostics"]} == {"-"}
    assert len(doc["diagnostics"]) == sum(1 for ln in file_run[1].splitlines() if ln.startswith("mistakes-2025.md:"))


def test_stdin_filename_picks_the_configuration(tmp_path):
    site = _site(tmp_path)
    (site / "sub").mkdir()
    (site / "sub" / ".gaonb-lint.toml").write_text('ignore = ["GL202"]\n', encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "gaonb_lint", "check", "--output-format", "json", "--stdin-filename",
                           "sub/report.md", "-"], input=(site / "mistakes-2025.md").read_bytes(),
                          capture_output=True, cwd=site, env=cli_env())
    codes = {d["code"] for d in json.loads(proc.stdout)["diagnostics"]}
    assert "GL202" not in codes and "GL101" in codes


# -- progress --------------------------------------------------------------------------------------

def _stderr_on_tty(args, cwd):
    return run_cli_on_tty(["check", "--isolated", *args], "stderr", cwd=cwd)


def test_progress_only_on_a_terminal(tmp_path):
    site = _site(tmp_path, n=8)
    assert "检查中 8/8" in _stderr_on_tty(["."], site)
    assert "检查中" not in _stderr_on_tty(["--quiet", "."], site)
    assert "检查中" not in _stderr_on_tty(["mistakes-2025.md", "compliant-2025.md"], site)  # a handful
    code, out, err = run_cli(["check", "--isolated", "."], cwd=site)
    assert "检查中" not in err and "\r" not in err


def test_extracts_round_trip_through_the_cache_encoding():
    import fractions
    import pickle

    from gaonb_lint.cache import dumps, loads

    data = {"body": "青禾镇", "year": 2025, "cells": {("一、本年新收", "自然人"): (9, 120, 121)},
            "rows": [("a", 1), ["b", None]], "ok": True, "ratio": 0.5, "empty": {}, "seen": {"x"}}
    back = loads(dumps(data))
    assert back == data and type(back["rows"][0]) is tuple and type(back["rows"][1]) is list
    for value in (object(), fractions.Fraction(1, 3), type("Text", (str,), {})("a str subclass"), os.getcwd):
        with pytest.raises(TypeError):
            dumps({"when": value})
    with pytest.raises(pickle.UnpicklingError):
        loads(pickle.dumps(fractions.Fraction(1, 3)))


SET_PLUGIN = '''
from gaonb_lint.api import ReportSetRule, hookimpl


def extract(report, ctx):
    return {"kinds": KIND, "length": len(report.text)}


def check(items, ctx):
    for item in sorted(items, key=lambda i: i.path):
        yield ctx.finding((0, 1), "m", report=item, n=item.data["length"])


KIND = {KIND}
RULE = ReportSetRule(slug="sizes", code="ZZ401", summary={"zh": "测试", "en": "test"},
                     messages={"m": {"zh": "长度 {n}", "en": "length {n}"}}, check=check, extract=extract, doc="")


@hookimpl
def gaonb_lint_report_set_rules():
    return [RULE]
'''


@pytest.mark.parametrize("kind", ["('tuple', 1)", "{'a set'}", "__import__('fractions').Fraction(1, 3)"])
def test_plugin_extracts_cached_only_when_plain(tmp_path, kind):
    """An extract of tuples or sets is kept in the cache; one holding a class's instance is not
    (the file is checked again each run); either way a warm run says what a plain run says."""
    from test_plugins import install

    site = install(tmp_path / "plugins", "sizes_plugin", SET_PLUGIN.replace("{KIND}", kind),
                   "[gaonb_lint]\nsizes = sizes_plugin\n")
    reports = _site(tmp_path)
    env = dict(CACHE_ON, PYTHONPATH=str(site))
    args = ["check", "--isolated", "--select", "ZZ401", "--output-format", "json", "-v", "."]
    plain = run_cli([*args, "--no-cache"], cwd=reports, env=env)
    cold = run_cli(args, cwd=reports, env=env)
    warm = run_cli(args, cwd=reports, env=env)
    assert [d["code"] for d in json.loads(plain[1])["diagnostics"]] == ["ZZ401", "ZZ401"], plain
    assert plain[:2] == cold[:2] == warm[:2] and "Traceback" not in warm[2]
    assert warm[2].count("结果来自缓存") == (0 if "Fraction" in kind else 2), warm[2]
