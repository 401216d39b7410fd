"""The host runs pluggy for real: hook order, wrappers, misspelt hooks and crashing hooks behave
as pluggy documents, and the plugin order is the same on every run."""
from __future__ import annotations

import re
import types

import pluggy
import pytest

from conftest import EXAMPLES_DIR, run_cli
from test_plugins import install

from gaonb_lint.api import Rule, hookimpl
from gaonb_lint.host import load_host

MISTAKES = EXAMPLES_DIR / "mistakes-2025.md"


def _rule(slug, code):
    return Rule(slug=slug, code=code, summary={"zh": "测", "en": "t"}, messages={"m": {"zh": "问题", "en": "p"}},
                check=lambda report, ctx: (), doc="")


def _module(name, **hooks):
    module = types.ModuleType(name)
    for hook_name, function in hooks.items():
        setattr(module, hook_name, function)
    return module


def test_hookimpl_is_pluggys_marker():
    assert isinstance(hookimpl, pluggy.HookimplMarker) and hookimpl.project_name == "gaonb_lint"


def test_tryfirst_and_trylast_order_the_rules():
    late = _module("late", gaonb_lint_rules=hookimpl(trylast=True)(lambda: [_rule("late-rule", "ZL101")]))
    early = _module("early", gaonb_lint_rules=hookimpl(tryfirst=True)(lambda: [_rule("early-rule", "ZE101")]))
    plain = _module("plain", gaonb_lint_rules=hookimpl(lambda: [_rule("plain-rule", "ZP101")]))
    host = load_host(extra_plugins=(("a-late", late), ("b-plain", plain), ("c-early", early)))
    slugs = [r.slug for r in host.rules]
    assert slugs[0] == "early-rule" and slugs[-1] == "late-rule"
    # Without tryfirst/trylast: the plugin order (built-ins first, then as registered).
    assert slugs.index("required-sections") < slugs.index("plain-rule")
    assert {r.slug: r.plugin for r in host.rules}["early-rule"] == "c-early"


def test_wrappers_run_around_the_other_implementations():
    seen = []

    @hookimpl(wrapper=True)
    def gaonb_lint_rules():
        result = yield
        seen.append(sorted(r.slug for rules in result for r in rules))
        return result + [[_rule("added-by-wrapper", "ZW101")]]

    @hookimpl(hookwrapper=True)
    def gaonb_lint_readers():
        outcome = yield
        seen.append(("readers", outcome.get_result()))

    host = load_host(extra_plugins=(("wrapping", _module("wrapping", gaonb_lint_rules=gaonb_lint_rules,
                                                           gaonb_lint_readers=gaonb_lint_readers)),))
    assert "required-sections" in seen[0] and seen[1] == ("readers", [])
    assert "added-by-wrapper" in [r.slug for r in host.rules] and not host.load_problems


def test_object_plugins_and_specname():
    class ObjectPlugin:
        @hookimpl(specname="gaonb_lint_rules")
        def rules(self):
            return [_rule("object-rule", "OB101")]

    host = load_host(extra_plugins=(("object", ObjectPlugin()),))
    assert "object-rule" in {r.slug for r in host.rules} and not host.load_problems


def test_misspelt_hook_is_a_load_problem_naming_the_plugin():
    typo = _module("typo", gaonb_lint_rule=hookimpl(lambda: [_rule("never-seen", "ZT101")]))
    host = load_host(extra_plugins=(("typo", typo),))
    assert [p.plugin for p in host.load_problems] == ["typo"]
    assert "unknown hook gaonb_lint_rule" in host.load_problems[0].error.render("en")
    assert "没有名为 gaonb_lint_rule 的钩子" in host.load_problems[0].error.render("zh")
    assert "never-seen" not in {r.slug for r in host.rules} and "required-sections" in {r.slug for r in host.rules}


def test_bad_arguments_and_raising_hooks_name_their_plugin():
    bad = _module("bad", gaonb_lint_rules=hookimpl(lambda config: []))  # the spec has no `config`
    raising = _module("raising", gaonb_lint_readers=hookimpl(lambda: 1 // 0))
    host = load_host(extra_plugins=(("bad", bad), ("raising", raising)))
    assert [p.plugin for p in host.load_problems] == ["bad", "raising"]
    assert host.load_problems[1].error.render("en") == "gaonb_lint_readers raised “integer division or modulo by zero”"
    assert "required-sections" in {r.slug for r in host.rules}  # the others still load


def test_disabled_plugins_are_not_registered():
    extra = _module("extra", gaonb_lint_rules=hookimpl(lambda: [_rule("extra-rule", "ZX101")]))
    host = load_host(extra_plugins=(("extra", extra),), disabled=("extra",))
    assert "extra-rule" not in {r.slug for r in host.rules} and "extra" not in host.plugins


def test_misspelt_hook_exits_2_naming_the_plugin(tmp_path):
    src = "from gaonb_lint.api import hookimpl\n\n@hookimpl\ndef gaonb_lint_rule():\n    return []\n"
    site = install(tmp_path / "site", "misspelt", src, "[gaonb_lint]\nmisspelt = misspelt\n")
    code, out, err = run_cli(["check", "--isolated", str(MISTAKES)], cwd=site.parent, env={"PYTHONPATH": str(site)})
    assert code == 2 and "Traceback" not in err
    (line,) = err.splitlines()
    assert "插件 misspelt 无法加载" in line and "gaonb_lint_rule" in line
    assert "GL302" in out  # the other plugins still ran


def test_plugin_order_is_the_same_on_every_run(tmp_path):
    """Entry points are sorted (built-ins first, then by name), whatever order the directory
    listing gives: of two plugins claiming one code, the later name is the duplicate, every time."""
    site = tmp_path / "site"
    for name in ("zeta", "alpha", "mid", "beta"):
        src = ("from gaonb_lint.api import Rule, hookimpl\n\n@hookimpl\ndef gaonb_lint_rules():\n"
               f"    return [Rule(slug='{name}-rule', code='ZZ101', summary={{'zh': '测', 'en': 't'}},\n"
               "                 messages={}, check=lambda r, c: ())]\n")
        install(site, name, src, f"[gaonb_lint]\n{name} = {name}\n")
    for _ in range(3):
        code, out, err = run_cli(["rules"], cwd=site.parent, env={"PYTHONPATH": str(site)})
        assert code == 2 and err.splitlines() == [
            "错误：插件 beta 的规则代码 ZZ101 已被插件 alpha 使用；请卸载其中一个插件"], err


def test_debug_traces_hook_calls(tmp_path):
    code, out, err = run_cli(["check", "--isolated", "--debug", str(MISTAKES)])
    assert code == 1 and "gaonb_lint_rules [hook]" in err and "finish gaonb_lint_rules" in err


@pytest.mark.parametrize("value", ["not a rule", 3])
def test_a_hook_returning_the_wrong_type_is_named(value):
    from gaonb_lint.errors import PluginError

    wrong = _module("wrong", gaonb_lint_rules=hookimpl(lambda: [value]))
    with pytest.raises(PluginError) as raised:
        load_host(extra_plugins=(("wrong", wrong),))
    assert re.match(r"plugin wrong: gaonb_lint_rules returned `\w+`, not a `Rule`", raised.value.render("en"))
    assert raised.value.render("zh").startswith("插件 wrong 的 gaonb_lint_rules 返回了 `")


def test_optionalhook_allows_a_function_that_is_no_hook():
    extra = _module("extra", gaonb_lint_future_hook=hookimpl(optionalhook=True)(lambda: []))
    host = load_host(extra_plugins=(("extra", extra),))
    assert not host.load_problems and "extra" in host.plugins
