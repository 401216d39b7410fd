"""The pre-commit hook, run by the real pre-commit on a scratch git repository.

``pre-commit try-repo`` clones a repository at a commit, creates a virtualenv and pip-installs
it (dependencies come from the configured package indexes).  Run on this work tree directly it
would take HEAD plus tracked modifications, but not new untracked modules, so the hook is tried
on a one-commit snapshot of the package sources as they are in the work tree.
"""
from __future__ import annotations

import os
import subprocess
import sys

import pytest
import yaml

from conftest import EXAMPLES_DIR, REPO_ROOT, package_source_snapshot

pytestmark = pytest.mark.integration  # installs and runs pre-commit: minutes

HOOKS_FILE = REPO_ROOT / ".pre-commit-hooks.yaml"


def test_hook_definition():
    (hook,) = yaml.safe_load(HOOKS_FILE.read_text(encoding="utf-8"))
    assert hook["id"] == "gaonb-lint"
    assert hook["entry"] == "gaonb-lint check --force-exclude"
    assert hook["language"] == "python"
    assert hook["require_serial"] is True  # one summary per commit, not one per process
    assert "types" not in hook  # `types: [text]` would lint .py and .yaml files too
    import re

    files = re.compile(hook["files"])
    assert all(files.search(p) for p in ("a.md", "reports/2025/b.markdown", "c.txt"))
    assert not any(files.search(p) for p in ("setup.py", "a.md.py", "x.yaml", "notes.mdx", "a.txt.bak"))


@pytest.fixture(scope="module")
def hook_env(tmp_path_factory):
    """(try_repo, run): run the hook in ``site``, a scratch git repository holding a bad report, a
    good one, a Python file and an excluded draft, through ``try-repo`` or ``run``."""
    base = tmp_path_factory.mktemp("precommit")
    source = package_source_snapshot(base / "gaonb-lint", commit=True)
    site = base / "site"
    (site / "drafts").mkdir(parents=True)
    (site / "bad.md").write_bytes((EXAMPLES_DIR / "mistakes-2025.md").read_bytes())
    (site / "good.md").write_bytes((EXAMPLES_DIR / "compliant-2025.md").read_bytes())
    (site / "drafts" / "wip.md").write_bytes((EXAMPLES_DIR / "mistakes-2025.md").read_bytes())
    (site / "script.py").write_text("print('not a report')\n")
    # Two years of one body: last year's stays in the repository while only this year's is committed.
    from test_last_year import year_report

    (site / "reports" / "2024").mkdir(parents=True)
    (site / "reports" / "2024" / "baisha.md").write_text(year_report(2024, body="白沙镇人民政府"), encoding="utf-8")
    (site / "reports" / "2025.md").write_text(year_report(2025, body="白沙镇人民政府", carried=2), encoding="utf-8")
    (site / ".gaonb-lint.toml").write_text('extend-exclude = ["drafts"]\n', encoding="utf-8")
    git = ["git", "-c", "user.name=site", "-c", "user.email=site@example.invalid", "-c", "commit.gpgsign=false"]
    for args in (["init", "-q"], ["config", "user.name", "site"], ["config", "user.email", "site@example.invalid"],
                 ["add", "-A"]):
        subprocess.run(git + args, cwd=site, check=True, capture_output=True)
    env = {k: v for k, v in os.environ.items() if k not in ("GAONB_LINT_LANG", "PRE_COMMIT_HOME", "VIRTUAL_ENV")}
    env["PRE_COMMIT_HOME"] = str(base / "pre-commit-home")

    def try_repo(*files):
        """``pre-commit try-repo SNAPSHOT gaonb-lint --files FILES`` (a fresh hook environment each time)."""
        return _run([sys.executable, "-m", "pre_commit", "try-repo", str(source), "gaonb-lint",
                     "--verbose", "--files", *files])

    def run(*files):
        """``pre-commit run --files FILES`` with a .pre-commit-config.yaml pinning the snapshot, as a
        publishing repository would use it (the environment is built once in PRE_COMMIT_HOME)."""
        return _run([sys.executable, "-m", "pre_commit", "run", "--verbose", "--files", *files])

    def _run(cmd):
        proc = subprocess.run(cmd, cwd=site, env=env, capture_output=True, timeout=600)
        return proc.returncode, proc.stdout.decode("utf-8", "replace") + proc.stderr.decode("utf-8", "replace")

    rev = subprocess.run(["git", "rev-parse", "HEAD"], cwd=source, capture_output=True, check=True).stdout.decode().strip()
    (site / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {source}\n    rev: {rev}\n    hooks:\n      - id: gaonb-lint\n", encoding="utf-8")
    subprocess.run(git + ["add", ".pre-commit-config.yaml"], cwd=site, check=True, capture_output=True)
    return try_repo, run


def test_try_repo_blocks_a_bad_report(hook_env):
    try_repo, _ = hook_env
    code, out = try_repo("bad.md")
    assert code != 0, out
    assert "Failed" in out
    assert "bad.md:98:4: GL101 [required-sections] 错误：章节标题不符：应为 “五、存在的主要问题及改进情况”" in out
    assert "bad.md:10:57: GL301 [statistics-period]" in out
    assert "Traceback" not in out


def test_try_repo_passes_a_good_report(hook_env):
    try_repo, _ = hook_env
    code, out = try_repo("good.md")
    assert code == 0, out
    assert "Passed" in out


def test_hook_skips_files_that_are_not_reports(hook_env):
    _, run = hook_env
    code, out = run("script.py")
    assert code == 0, out
    assert "no files to check" in out and "Skipped" in out


def test_hook_applies_configured_excludes_to_named_files(hook_env):
    _, run = hook_env
    code, out = run("drafts/wip.md", "good.md")
    assert code == 0, out  # --force-exclude: the excluded draft is not checked
    assert "GL101" not in out


def test_configured_hook_blocks_and_passes(hook_env):
    _, run = hook_env
    code, out = run("good.md", "bad.md")
    assert code == 1, out
    assert "bad.md:86:4: GL101 [required-sections] 错误：多出章节 “四、信息处理费统计情况”" in out
    assert "good.md:" not in out
    assert "检查通过" not in out  # one run, one summary: not a pass printed next to the failure
    assert out.count("共检查") == 1


def test_a_one_file_run_finds_last_year_s_report_in_the_repository(hook_env):
    _, run = hook_env
    code, out = run("reports/2025.md")
    assert code == 1, out
    assert ("reports/2025.md:61:28: GL402 [carry-over] 错误：上年结转（自然人）为 2，上年报告 reports/2024/baisha.md "
            "的“四、结转下年度继续办理”为 1") in out
    assert "GL401" in out  # prose-numbers: the prose says 13 new applications, the table now 12
