"""The documents a clerk reads first: README's first screen in Chinese with the same two set-up
commands as the English README, and the Chinese "how to fix" index covering every shipped rule."""
from __future__ import annotations

import re

from conftest import REPO_ROOT
from test_rule_docs import RULES

README = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
README_EN = (REPO_ROOT / "README.en.md").read_text(encoding="utf-8")
FIX = (REPO_ROOT / "docs" / "how-to-fix.md").read_text(encoding="utf-8")


def _commands(text):
    return re.findall(r"```sh\n(.*?)\n```", text, re.S)[:2]


def test_readme_first_screen_is_chinese_and_links_the_english_one():
    first_screen = "\n".join(README.splitlines()[:40])
    prose = re.sub(r"```.*?```|`[^`]*`|\([^)]*\)", "", first_screen, flags=re.S)
    assert len(re.findall(r"[\u4e00-\u9fff]", prose)) > 3 * len(re.findall(r"[A-Za-z]", prose))
    assert "(README.en.md)" in "\n".join(README.splitlines()[:5])
    assert "(README.md)" in "\n".join(README_EN.splitlines()[:5])


def test_the_two_set_up_commands_are_the_same_in_both_readmes():
    assert len(_commands(README)) == 2 and _commands(README) == _commands(README_EN)
    ci = (REPO_ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert _commands(README)[1].split("&& ")[-1] in ci


def test_how_to_fix_covers_every_shipped_rule_and_its_links_exist():
    for rule in RULES:
        assert f"| {rule.code} |" in FIX, f"docs/how-to-fix.md has no row for {rule.code}"
    for link in re.findall(r"\]\(([^)#]+)\)", FIX):
        assert (REPO_ROOT / "docs" / link).exists(), link
