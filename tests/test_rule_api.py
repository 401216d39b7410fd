"""Rule API v2: declared options checked when the configuration loads, messages checked when the
rule loads and when a finding is made, format versions declared, the plugin API version."""
from __future__ import annotations

import types

import pytest

from conftest import EXAMPLES_DIR, lint_text, run_cli
from test_plugins import install

from gaonb_lint.api import API_VERSION, NO_FORMAT, Option, Rule, RuleContext, Text, hookimpl
from gaonb_lint.errors import PluginError
from gaonb_lint.host import load_host

COMPLIANT = EXAMPLES_DIR / "compliant-2025.md"


def _rule(**kw):
    base = dict(slug="my-rule", code="ZZ101", summary={"zh": "测", "en": "t"},
                messages={"m": {"zh": "问题 {x}", "en": "problem {x}"}}, check=lambda report, ctx: (), doc="")
    base.update(kw)
    return Rule(**base)


# -- declared options ---------------------------------------------------------------------------

@pytest.mark.parametrize("toml,line,needle", [
    ('[tool.gaonb-lint.rules.publication-deadline]\nbody-kind = "village"\n', 2,
     "tool.gaonb-lint.rules.publication-deadline.body-kind: must be one of 'auto', 'department', 'township', "
     "'government', got 'village'"),
    ('[tool.gaonb-lint]\nlang = "en"\n\n[tool.gaonb-lint.rules.publication-deadline]\nbody_kind = "auto"\n', 5,
     "publication-deadline.body_kind: unknown option; the options are: body-kind"),
    ('[tool.gaonb-lint]\nselect = ["GL1"]\n[tool.gaonb-lint.rules.fee-statment]\nx = 1\n', 3,
     "[tool.gaonb-lint.rules.fee-statment]: unknown rule table"),
    ('[tool.gaonb-lint]\nrules = { publication-deadline = { body-kind = 3 } }\n', 2,
     "body-kind: expected a string, got an integer 3"),
])
def test_bad_rule_configuration_is_exit_2_with_file_and_line(tmp_path, toml, line, needle):
    (tmp_path / "pyproject.toml").write_text(toml, encoding="utf-8")
    (tmp_path / "r.md").write_text(COMPLIANT.read_text(encoding="utf-8"), encoding="utf-8")
    code, out, err = run_cli(["check", "--lang", "en", "r.md"], cwd=tmp_path)
    assert code == 2 and "Traceback" not in err
    (msg,) = err.splitlines()
    assert f"pyproject.toml:{line}: " in msg and needle in msg, msg
    code, out, err = run_cli(["check", "r.md"], cwd=tmp_path)
    assert code == 2 and err.startswith("错误：" if "lang = \"en\"" not in toml else "error: ") and len(err.splitlines()) == 1, err


def test_a_good_option_value_reaches_the_rule(tmp_path):
    text = COMPLIANT.read_text(encoding="utf-8")
    assert "published: 2026-01-16" in text  # a department deadline (31 January) is met
    (tmp_path / "r.md").write_text(text.replace("published: 2026-01-16", "published: 2026-03-01"), encoding="utf-8")
    late = run_cli(["check", "--select", "publication-deadline", "r.md"], cwd=tmp_path)
    (tmp_path / ".gaonb-lint.toml").write_text('[rules.publication-deadline]\nbody-kind = "government"\n',
                                               encoding="utf-8")
    on_time = run_cli(["check", "--select", "publication-deadline", "r.md"], cwd=tmp_path)
    assert late[0] == 1 and "GL304" in late[1]
    assert on_time[0] == 0, on_time


def test_explain_lists_the_options():
    code, out, _ = run_cli(["explain", "publication-deadline", "--lang", "en"])
    assert code == 0
    options = out.split("## Options", 1)[1]
    assert "`body-kind` (str; default \"auto\"; one of: auto, department, township, government)" in options


@pytest.mark.parametrize("option,needle", [
    (Option("Bad_Name", str, "", doc={"zh": "说明", "en": "doc"}), "option name 'Bad_Name'"),
    (Option("mode", str, "x", allowed=("a", "b"), doc={"zh": "说明", "en": "doc"}), "default 'x' is not valid"),
    (Option("count", dict, {}, doc={"zh": "说明", "en": "doc"}), "type must be one of"),
    (Option("count", int, 1, doc={"zh": "说明"}), "option 'count' has no 'en' doc"),
])
def test_an_invalid_option_declaration_makes_the_rule_invalid(option, needle):
    assert any(needle in p for p in _rule(options=[option]).problems())


def test_option_values_bool_is_not_an_int():
    option = Option("limit", int, 3, doc={"zh": "上限", "en": "limit"})
    assert option.check(True) is not None and option.check(4) is None


# -- messages ----------------------------------------------------------------------------------

@pytest.mark.parametrize("messages,needle", [
    ({"m": {"zh": "问题 {}", "en": "problem {}"}}, "positional placeholder"),
    ({"m": {"zh": "问题 {severity}", "en": "problem {severity}"}}, "uses severity, a name of the finding itself"),
    ({"m": {"zh": "问题 {x", "en": "problem"}}, "is not a valid template"),
    ({"m": {"zh": "问题"}}, "message 'm' has no 'en' template"),
])
def test_bad_message_templates_are_refused_at_load(messages, needle):
    module = types.ModuleType("badmsg")
    module.gaonb_lint_rules = hookimpl(lambda: [_rule(messages=messages)])
    with pytest.raises(PluginError) as info:
        load_host(extra_plugins=(("badmsg", module),))
    assert info.value.render("en").startswith("plugin badmsg: rule “my-rule” is invalid")
    assert needle in info.value.render("en")


def test_a_finding_must_fill_both_languages():
    rule = _rule(messages={"m": {"zh": "{table_zh}有误", "en": "{table_en} is wrong"}})
    ctx = RuleContext(rule, None, {}, "en")
    with pytest.raises(KeyError, match=r"message 'm' \(zh\): no value for table_zh"):
        ctx.finding(0, "m", table_en="table 3")  # an English run would never have noticed
    assert ctx.finding(0, "m", table_zh="表三", table_en="table 3").params == {"table_zh": "表三", "table_en": "table 3"}


def test_text_parameters_render_in_each_language():
    rule = _rule(messages={"m": {"zh": "{table}有误", "en": "{table} is wrong"}})
    finding = RuleContext(rule, None, {}, "zh").finding(0, "m", table=Text(zh="表三", en="table 三"))
    assert rule.render(finding, "zh") == "表三有误" and rule.render(finding, "en") == "table 三 is wrong"


def test_finding_fields_are_keyword_only():
    ctx = RuleContext(_rule(), None, {}, "zh")
    with pytest.raises(TypeError):
        ctx.finding(0, "m", "warning")  # severity cannot be passed by position (nor taken for a parameter)
    assert ctx.finding(0, "m", severity="warning", x=1).severity == "warning"


# -- format versions ---------------------------------------------------------------------------

def test_formats_are_checked_and_respected():
    assert any("unknown format version 'v2099'" in p for p in _rule(formats=("v2099",)).problems())
    assert _rule(formats=("v2021",)).runs_on("v2021") and not _rule(formats=("v2021",)).runs_on("v2019")
    assert not _rule().runs_on(None) and _rule(formats=(NO_FORMAT,)).runs_on(None)


def test_the_format_version_rule_runs_only_before_any_format():
    old = "# 某镇2018年政府信息公开工作年度报告\n\n本报告中所列数据的统计期限为2018年1月1日至2018年12月31日。\n"
    assert [d["rule"] for d in lint_text(old, rules=["format-version", "fee-statement"])] == ["format-version"]


# -- plugin API version and disabling ----------------------------------------------------------

def test_a_plugin_built_for_another_api_version_is_refused(tmp_path):
    src = "GAONB_LINT_API = 1\nfrom gaonb_lint.api import hookimpl\n\n@hookimpl\ndef gaonb_lint_rules():\n    return []\n"
    site = install(tmp_path / "site", "oldapi", src, "[gaonb_lint]\noldapi = oldapi\n")
    code, out, err = run_cli(["check", "--isolated", "--lang", "en", str(COMPLIANT)], cwd=site.parent,
                             env={"PYTHONPATH": str(site)})
    assert code == 2 and "Traceback" not in err
    (line,) = err.splitlines()
    assert "plugin oldapi" in line and f"built for plugin API 1, this gaonb-lint has API {API_VERSION}" in line
    code, out, err = run_cli(["check", "--isolated", str(COMPLIANT)], cwd=site.parent, env={"PYTHONPATH": str(site)})
    assert err == (f"错误：插件 oldapi 无法加载，它的规则都没有运行（它是为插件接口第 1 版编写的，本 gaonb-lint 的插件接口是第 "
                   f"{API_VERSION} 版）；请更新或卸载这个插件\n")


def test_disable_plugins_in_the_configuration(tmp_path):
    src = "import no_such_module_anywhere\n"  # would be a load error if it were loaded
    site = install(tmp_path / "site", "broken", src, "[gaonb_lint]\nbroken = broken\n")
    work = tmp_path / "work"
    work.mkdir()
    (work / "r.md").write_text(COMPLIANT.read_text(encoding="utf-8"), encoding="utf-8")
    env = {"PYTHONPATH": str(site)}
    assert run_cli(["check", "r.md"], cwd=work, env=env)[0] == 2
    (work / ".gaonb-lint.toml").write_text('disable-plugins = ["broken"]\n', encoding="utf-8")
    code, out, err = run_cli(["check", "r.md"], cwd=work, env=env)
    assert code == 0 and err == "", err
