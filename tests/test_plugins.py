"""Third-party plugins, found for real through the ``gaonb_lint`` entry-point group.

Each test writes a package and its ``*.dist-info`` (METADATA + entry_points.txt) into a directory
and runs the CLI in a subprocess with that directory on PYTHONPATH — what ``pip install`` of a
plugin leaves on disk.  The first plugin is the example of docs/plugins.md, read from the doc.
"""
from __future__ import annotations

import ast
import json
import re
import textwrap
from pathlib import Path

import pytest

from conftest import EXAMPLES_DIR, REPO_ROOT, run_cli

MISTAKES = EXAMPLES_DIR / "mistakes-2025.md"
DOC = REPO_ROOT / "docs" / "plugins.md"


def install(site: Path, module: str, source: str, entry_points: str, dist: str = None) -> Path:
    """Write package ``module`` and a dist-info advertising ``entry_points`` (entry_points.txt text)."""
    dist = dist or module
    pkg = site / module
    pkg.mkdir(parents=True)
    (pkg / "__init__.py").write_text(source, encoding="utf-8")
    info = site / f"{dist}-0.1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: 0.1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(entry_points, encoding="utf-8")
    return site


def cli(site: Path, *args):
    # From outside the repository, so only the installed gaonb-lint and the plugin are on the path.
    return run_cli(list(args), cwd=site.parent, env={"PYTHONPATH": str(site)})


def doc_blocks(lang: str):
    return re.findall(r"^```" + lang + r"\n(.*?)^```$", DOC.read_text(encoding="utf-8"), re.S | re.M)


def example_plugin(site: Path) -> Path:
    (code,) = [b for b in doc_blocks("python") if "@hookimpl" in b]
    (eps,) = doc_blocks("ini")
    return install(site, "gaonb_example_plugin", code, eps, dist="gaonb_example_plugin")


def rule_plugin(check_body: str, slug="crashy-rule", code="ZZ101", messages='{"m": {"zh": "问题", "en": "problem"}}',
                extra_rules=""):
    """Source of a plugin module with one rule whose ``check`` has the body ``check_body``."""
    body = textwrap.indent(textwrap.dedent(check_body).strip("\n"), "    ")
    return (
        "from gaonb_lint.api import Rule, hookimpl\n\n\n"
        "def check(report, ctx):\n" + body + "\n\n\n"
        f"RULE = Rule(slug={slug!r}, code={code!r}, summary={{'zh': '测试', 'en': 'test'}},\n"
        f"            messages={messages}, check=check, doc='')\n\n\n"
        "@hookimpl\n"
        "def gaonb_lint_rules():\n"
        f"    return [RULE{extra_rules}]\n"
    )


def findings(out: str):
    return json.loads(out)["diagnostics"]


# -- the documented example ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def example_site(tmp_path_factory):
    return example_plugin(tmp_path_factory.mktemp("site"))


def test_example_plugin_rule_is_listed(example_site):
    code, out, err = cli(example_site, "rules")
    assert code == 0 and err == ""
    row = next(ln.split() for ln in out.splitlines() if "draft-placeholder" in ln)
    assert row[:4] == ["EX101", "draft-placeholder", "警告", "draft_placeholder"]
    # The built-in rules are still there.
    assert "required-sections" in out and "fee-statement" in out


def test_example_plugin_finds_a_placeholder(example_site, tmp_path):
    report = tmp_path / "r.md"
    text = MISTAKES.read_text(encoding="utf-8") + "\n本年度共受理政府信息公开申请XXX件。\n"
    report.write_text(text, encoding="utf-8")
    code, out, err = cli(example_site, "check", "--isolated", "--format", "json", report)
    assert code == 1 and err == ""
    diags = findings(out)
    mine = [d for d in diags if d["code"] == "EX101"]
    assert len(mine) == 1
    d = mine[0]
    line = text.split("\n")[d["line"] - 1]
    assert line[d["column"] - 1:d["end_column"] - 1] == "XXX"
    assert d["severity"] == "warning" and d["rule"] == "draft-placeholder"
    assert d["message"] == "草稿占位符 “XXX” 未替换为实际内容"
    assert {"required-sections", "statistics-period", "fee-statement"} <= {x["rule"] for x in diags}
    # Selecting by the plugin's own code prefix runs only its rules.
    code, out, _ = cli(example_site, "check", "--isolated", "--format", "json", "--select", "EX", report)
    assert {x["code"] for x in findings(out)} == {"EX101"}
    # And its findings can be suppressed by slug like any other.
    report.write_text(text.replace("XXX", "XXX <!-- gaonb-lint-disable-line draft-placeholder -->"), encoding="utf-8")
    code, out, _ = cli(example_site, "check", "--isolated", "--format", "json", "--select", "EX", report)
    assert findings(out) == [] and code == 0


def test_example_plugin_explain(example_site):
    code, out, _ = cli(example_site, "explain", "EX101")
    assert code == 0
    assert out.startswith("# draft-placeholder (EX101)")
    for heading in ("## What it does", "## Why", "## Format clause", "## Example", "## How to fix"):
        assert heading in out
    assert "插件：draft_placeholder。" in out


def test_without_the_plugin_on_the_path_it_is_absent():
    code, out, _ = run_cli(["rules"])
    assert "draft-placeholder" not in out


# -- crash isolation ----------------------------------------------------------------------------

def test_crashing_rule_is_reported_and_others_still_run(tmp_path):
    site = install(tmp_path / "site", "crashy", rule_plugin("return 1 // 0"), "[gaonb_lint]\ncrashy = crashy\n")
    code, out, err = cli(site, "check", "--isolated", "--format", "json", MISTAKES)
    assert code == 1 and "Traceback" not in err and err == ""
    diags = findings(out)
    crash = [d for d in diags if d["rule"] == "plugin-error"]
    assert len(crash) == 1
    assert crash[0]["code"] == "GL900" and crash[0]["severity"] == "error"
    assert "crashy-rule" in crash[0]["message"] and "crashy" in crash[0]["message"]
    assert "出错信息：“integer division or modulo by zero”" in crash[0]["message"]
    assert "ZeroDivisionError" not in crash[0]["message"]  # a programmer's word; --debug shows the traceback
    assert {"required-sections", "statistics-period", "fee-statement"} <= {d["rule"] for d in diags}


def test_crash_while_yielding_and_in_message_rendering(tmp_path):
    # A generator that yields one good finding, then a finding whose template lacks a parameter.
    body = '''
        yield ctx.finding(0, "m")
        yield ctx.finding(0, "p")
    '''
    src = rule_plugin(body, messages='{"m": {"zh": "问题", "en": "problem"}, "p": {"zh": "缺 {value}", "en": "no {value}"}}')
    site = install(tmp_path / "site", "badmsg", src, "[gaonb_lint]\nbadmsg = badmsg\n")
    code, out, err = cli(site, "check", "--isolated", "--format", "json", MISTAKES)
    assert "Traceback" not in err and "Traceback" not in out
    diags = findings(out)
    crash = [d for d in diags if d["rule"] == "plugin-error"]
    assert len(crash) == 1 and "crashy-rule" in crash[0]["message"] and "badmsg" in crash[0]["message"]
    assert "no value for value" in crash[0]["message"]
    assert not [d for d in diags if d["rule"] == "crashy-rule"]  # nothing half-reported
    assert {"required-sections", "fee-statement"} <= {d["rule"] for d in diags}


def test_unknown_message_key_is_a_plugin_error(tmp_path):
    site = install(tmp_path / "site", "badkey", rule_plugin('yield ctx.finding(0, "nope")'), "[gaonb_lint]\nbadkey = badkey\n")
    code, out, err = cli(site, "check", "--isolated", "--format", "json", MISTAKES)
    crash = [d for d in findings(out) if d["rule"] == "plugin-error"]
    assert len(crash) == 1 and "no message 'nope'" in crash[0]["message"]


def test_plugin_that_fails_to_import(tmp_path):
    site = install(tmp_path / "site", "broken", "import no_such_module_anywhere\n", "[gaonb_lint]\nbroken_rules = broken\n")
    code, out, err = cli(site, "check", "--isolated", "--format", "json", MISTAKES)
    assert code == 2
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1 and "broken_rules" in lines[0] and "No module named 'no_such_module_anywhere'" in lines[0]
    doc = json.loads(out)
    # A plugin problem is its own kind of error: named as a plugin, not as a file.
    assert doc["errors"] == [{"plugin": "broken_rules", "message": lines[0].split("：", 1)[-1]}]
    assert {"required-sections", "statistics-period", "fee-statement"} <= {d["rule"] for d in doc["diagnostics"]}
    # `rules` still lists the others and names the broken plugin on stderr.
    code, out, err = cli(site, "rules")
    assert "fee-statement" in out and "broken_rules" in err and code == 2


def test_plugin_whose_hook_raises(tmp_path):
    src = "from gaonb_lint.api import hookimpl\n\n@hookimpl\ndef gaonb_lint_rules():\n    raise RuntimeError('no rules today')\n"
    site = install(tmp_path / "site", "hookfail", src, "[gaonb_lint]\nhookfail = hookfail\n")
    code, out, err = cli(site, "check", "--isolated", MISTAKES)
    assert code == 2 and "Traceback" not in err
    assert len(err.splitlines()) == 1 and "hookfail" in err and "no rules today" in err
    assert "GL302" in out


@pytest.mark.parametrize("slug,code_,needle", [
    ("fee-statement", "ZZ101", "rule name fee-statement is already used by plugin builtin"),
    ("my-rule", "GL302", "rule code GL302 is already used by plugin builtin"),
    ("my-rule", "Z1", "code 'Z1' must be"),
    ("My_Rule", "ZZ101", "slug 'My_Rule' must be"),
])
def test_invalid_or_duplicate_rule_exits_2(tmp_path, slug, code_, needle):
    site = install(tmp_path / "site", "dup", rule_plugin("return ()", slug=slug, code=code_), "[gaonb_lint]\ndup = dup\n")
    for args in (["check", "--isolated", MISTAKES], ["rules"]):
        code, out, err = cli(site, *args, "--lang", "en")
        assert code == 2, (args, out, err)
        assert "Traceback" not in err
        lines = err.splitlines()
        assert len(lines) == 1 and needle in lines[0] and "plugin dup" in lines[0], lines
        code, out, err = cli(site, *args)
        assert code == 2 and len(err.splitlines()) == 1 and err.startswith("错误：插件 dup 的规则"), err


def test_duplicate_between_two_rules_of_one_plugin(tmp_path):
    src = rule_plugin("return ()", extra_rules=", RULE")
    site = install(tmp_path / "site", "twice", src, "[gaonb_lint]\ntwice = twice\n")
    code, _, err = cli(site, "rules")
    assert code == 2 and len(err.splitlines()) == 1 and "crashy-rule" in err and "已被插件 twice 使用" in err


# -- the built-in rules are a plugin like any other ---------------------------------------------

def test_builtin_rules_registered_through_the_entry_point():
    from importlib.metadata import distribution, entry_points

    eps = entry_points()
    group = eps.select(group="gaonb_lint") if hasattr(eps, "select") else eps.get("gaonb_lint", [])
    builtin = [ep for ep in group if ep.name == "builtin"]
    assert len(builtin) == 1 and builtin[0].value == "gaonb_lint_rules"
    assert any(ep.group == "gaonb_lint" and ep.name == "builtin" for ep in distribution("gaonb-lint").entry_points)
    import gaonb_lint_rules

    slugs = {r.slug for r in gaonb_lint_rules.gaonb_lint_rules()}
    assert {"required-sections", "statistics-period", "fee-statement"} <= slugs


def _gaonb_imports(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: within gaonb_lint_rules itself
                yield node.lineno, "." * node.level + (node.module or "")
            else:
                yield node.lineno, node.module or ""


ALLOWED = {"gaonb_lint.api", "gaonb_lint.api.tables", "gaonb_lint.api.publication", "gaonb_lint.api.history",
           "gaonb_lint.period"}


@pytest.mark.parametrize("path", sorted((REPO_ROOT / "rules").glob("*.py")), ids=lambda p: p.name)
def test_rules_import_only_the_public_api(path):
    for lineno, module in _gaonb_imports(path):
        if module == "gaonb_lint" or module.startswith("gaonb_lint."):
            assert module in ALLOWED, f"{path.name}:{lineno} imports {module}; rules may import only {sorted(ALLOWED)}"


def test_import_boundary_check_can_fail(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("from gaonb_lint.model import Report\nimport gaonb_lint.readers.structure\n")
    assert [m for _, m in _gaonb_imports(bad)] == ["gaonb_lint.model", "gaonb_lint.readers.structure"]


def test_example_plugin_tests_run_with_the_test_kit(example_site, tmp_path):
    """The plugin's own tests, as docs/plugins.md writes them, pass with gaonb_lint.testing."""
    import subprocess
    import sys

    from conftest import cli_env

    (cases,) = doc_blocks("yaml")
    (test_file,) = [b for b in doc_blocks("python") if "check_case" in b]
    tests = tmp_path / "plugin_tests"
    (tests / "cases").mkdir(parents=True)
    (tests / "cases" / "draft_placeholder.yml").write_text(cases, encoding="utf-8")
    (tests / "test_cases.py").write_text(test_file, encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tests)],
                          cwd=tmp_path, env=cli_env({"PYTHONPATH": str(example_site)}), capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 0 and "3 passed" in proc.stdout, proc.stdout + proc.stderr
    # And the kit fails the plugin's tests when a case is wrong.
    (tests / "cases" / "draft_placeholder.yml").write_text(cases.replace("column: 15", "column: 16"), encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tests)],
                          cwd=tmp_path, env=cli_env({"PYTHONPATH": str(example_site)}), capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 1 and "1 failed, 2 passed" in proc.stdout, proc.stdout
