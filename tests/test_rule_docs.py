"""Rule documentation: every shipped rule documents the five points, and docs/rules/ is exactly
what tools/gen_rule_docs.py renders from the rules (their module docstrings)."""
from __future__ import annotations

import importlib.util

import pytest

from conftest import REPO_ROOT, run_cli

from gaonb_lint.ruledoc import DOC_SECTIONS, split


def _generator():
    spec = importlib.util.spec_from_file_location("gen_rule_docs", REPO_ROOT / "tools" / "gen_rule_docs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


GEN = _generator()
RULES = GEN.shipped_rules()


def test_docs_rules_in_sync_with_rule_docs():
    missing, stale, extra = GEN.differences(GEN.expected_files())
    assert not (missing or stale or extra), (
        f"docs/rules/ is out of date (missing: {missing}, stale: {stale}, no such rule: {extra}); "
        f"regenerate it with `.venv/bin/python tools/gen_rule_docs.py` and commit the result")


def test_sync_check_detects_a_stale_page(tmp_path):
    files = GEN.expected_files()
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert GEN.differences(files, tmp_path) == ([], [], [])
    first = sorted(files)[0]
    (tmp_path / first).write_text(files[first] + "edited by hand\n", encoding="utf-8")
    (tmp_path / "gone-rule.md").write_text("old\n", encoding="utf-8")
    assert GEN.differences(files, tmp_path) == ([], [first], ["gone-rule.md"])


def test_generator_check_mode():
    code = GEN.main(["--check"])
    assert code == 0


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.slug)
def test_every_shipped_rule_documents_the_five_points_in_both_languages(rule, lang):
    import re

    doc = split(rule.doc)[lang]
    assert doc, f"{rule.slug}: no {lang} documentation"
    positions = []
    for heading in DOC_SECTIONS[lang]:
        assert f"\n{heading}\n" in "\n" + doc, f"{rule.slug}: no {heading!r}"
        positions.append(doc.index(heading))
    assert positions == sorted(positions), f"{rule.slug}: headings out of order"
    # Each heading has some text under it.
    for a, b in zip(positions, positions[1:] + [len(doc)]):
        body = doc[a:b].split("\n", 1)[1].strip()
        assert body, f"{rule.slug}: empty section at {doc[a:a + 20]!r}"
    # No heading of the other language inside this part, and the part is in its language.
    other = DOC_SECTIONS["en" if lang == "zh" else "zh"]
    assert not any(f"\n{h}\n" in "\n" + doc for h in other)
    prose = re.sub(r"`[^`]*`|```.*?```|《[^》]*》|“[^”]*”", "", doc, flags=re.S)
    chinese = len(re.findall(r"[\u4e00-\u9fff]", prose))
    letters = len(re.findall(r"[A-Za-z]", prose))
    if lang == "zh":
        assert chinese > letters, f"{rule.slug}: the Chinese documentation is mostly not Chinese"
    else:
        assert letters > 3 * chinese, f"{rule.slug}: the English documentation has much Chinese outside quotes"


def test_split_keeps_each_language_and_falls_back():
    doc = "## 查什么\n中文。\n\n## What it does\nEnglish.\n"
    assert split(doc) == {"zh": "## 查什么\n中文。", "en": "## What it does\nEnglish."}
    from gaonb_lint.ruledoc import doc_in

    assert doc_in("## What it does\nOnly English.\n", "zh") == "## What it does\nOnly English."


@pytest.mark.parametrize("rule", [r for r in RULES if r.plugin == "builtin"], ids=lambda r: r.slug)
def test_builtin_rule_doc_is_its_module_docstring(rule):
    import gaonb_lint_rules

    module = next(m for m in (__import__(f"gaonb_lint_rules.{n}", fromlist=["RULE"])
                              for n in gaonb_lint_rules.RULE_MODULES + gaonb_lint_rules.REPORT_SET_RULE_MODULES)
                  if m.RULE is rule)
    assert rule.doc == module.__doc__


@pytest.mark.parametrize("lang,page", [("zh", "fee-statement.md"), ("en", "en/fee-statement.md")])
def test_page_matches_explain_output(lang, page):
    rule = next(r for r in RULES if r.slug == "fee-statement")
    text = (REPO_ROOT / "docs" / "rules" / page).read_text(encoding="utf-8")
    code, out, _ = run_cli(["explain", "fee-statement", "--lang", lang])
    assert code == 0
    assert rule.doc_for(lang) in text and rule.doc_for(lang) in out
    assert ("## 查什么" in out) == (lang == "zh") and ("## What it does" in out) == (lang == "en")
