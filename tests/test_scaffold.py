"""``gaonb-lint new-rule NAME``: a rule module with its doc stub and cases, which work as written."""
from __future__ import annotations

import importlib.util
import os

import pytest
import yaml

from conftest import REPO_ROOT, run_main

DOC_SECTIONS = ("## What it does", "## Why", "## Format clause", "## Example", "## How to fix")


@pytest.fixture
def in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _load(path):
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _run_cases(rule, cases_path):
    from gaonb_lint.engine import run_rules
    from gaonb_lint.readers.markdown import read_markdown

    doc = yaml.safe_load(cases_path.read_text(encoding="utf-8"))
    assert doc["rule"] == rule.slug
    for case in doc["cases"]:
        report = read_markdown("case.md", case["source"])
        found = [(d.span.line, d.span.column) for d in run_rules(report, [rule], "zh", {}, {})]
        assert found == [(e["line"], e["column"]) for e in case["expect"]], case["name"]
    return doc["cases"]


def test_new_rule_in_a_plugin_package(in_tmp):
    code, out, err = run_main(["new-rule", "draft-placeholder", "--code", "EX101", "--dir", "my_plugin"])
    assert code == 0, err
    module_path = in_tmp / "my_plugin" / "draft_placeholder.py"
    cases_path = in_tmp / "my_plugin" / "cases" / "draft_placeholder.yml"
    assert out.splitlines()[:2] == [os.path.join("my_plugin", "draft_placeholder.py"),
                                    os.path.join("my_plugin", "cases", "draft_placeholder.yml")]
    assert "gaonb_lint_rules 钩子" in out
    rule = _load(module_path).RULE
    assert (rule.slug, rule.code) == ("draft-placeholder", "EX101")
    assert rule.problems() == []
    positions = [rule.doc.index(h) for h in DOC_SECTIONS]
    assert positions == sorted(positions)
    cases = _run_cases(rule, cases_path)
    assert [c["name"] for c in cases] == ["reported", "passes"]


def test_new_rule_numbers_after_the_rules_in_the_directory(in_tmp):
    (in_tmp / "pkg").mkdir()
    (in_tmp / "pkg" / "a.py").write_text('RULE = Rule(slug="a", code="EX101")\n', encoding="utf-8")
    (in_tmp / "pkg" / "b.py").write_text('RULE = Rule(slug="b", code="EX104")\n', encoding="utf-8")
    code, out, err = run_main(["new-rule", "third-rule", "--dir", "pkg"])
    assert code == 0, err
    assert 'code="EX105"' in (in_tmp / "pkg" / "third_rule.py").read_text(encoding="utf-8")


def test_new_rule_in_the_repository_goes_to_rules(tmp_path, monkeypatch):
    import shutil

    shutil.copytree(REPO_ROOT / "rules", tmp_path / "rules", ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.chdir(tmp_path)
    code, out, err = run_main(["new-rule", "my-check"])
    assert code == 0, err
    text = (tmp_path / "rules" / "my_check.py").read_text(encoding="utf-8")
    used = {m for m in __import__("re").findall(r'code="(GL\d+)"', "".join(
        p.read_text(encoding="utf-8") for p in (REPO_ROOT / "rules").glob("*.py")))}
    (new,) = __import__("re").findall(r'code="(GL\d+)"', text)
    assert new not in used and int(new[2:]) == max(int(c[2:]) for c in used) + 1
    assert "rules/__init__.py 的 RULE_MODULES" in out


def test_new_rule_refuses_to_overwrite_and_writes_nothing(in_tmp):
    (in_tmp / "pkg" / "cases").mkdir(parents=True)
    (in_tmp / "pkg" / "cases" / "taken.yml").write_text("mine\n", encoding="utf-8")
    code, out, err = run_main(["new-rule", "taken", "--code", "EX101", "--dir", "pkg"])
    assert code == 2 and out == ""
    assert err.strip().splitlines() == [f"错误：new-rule：{os.path.join('pkg', 'cases', 'taken.yml')} 已存在；没有写入任何文件"]
    assert sorted(p.name for p in (in_tmp / "pkg").rglob("*")) == ["cases", "taken.yml"]
    assert (in_tmp / "pkg" / "cases" / "taken.yml").read_text(encoding="utf-8") == "mine\n"


@pytest.mark.parametrize("argv,reason", [
    (["new-rule", "Bad_Name", "--code", "EX101"], "不是规则名"),
    (["new-rule", "ok-name", "--code", "ex-1"], "应为 1–4 个大写字母加 3–4 位数字"),
    (["new-rule", "ok-name", "--dir", "empty"], "请用 --code"),
    (["new-rule", "--lang", "en", "ok-name", "--dir", "empty"], "give --code"),
])
def test_new_rule_bad_arguments_are_one_line(in_tmp, argv, reason):
    code, out, err = run_main(argv)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and reason in err
    assert not any(in_tmp.rglob("*.py"))
