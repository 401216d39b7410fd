"""The message catalogue: every key in both languages with the same placeholders, and the order
in which the run's language is chosen."""
from __future__ import annotations

import pickle
import string

import pytest

from conftest import EXAMPLES_DIR, run_cli
from gaonb_lint.errors import ConfigError, GaonbError, InputError
from gaonb_lint.messages import CATALOGUE, LANGS, Message, line, resolve_lang, text

COMPLIANT = EXAMPLES_DIR / "compliant-2025.md"


def _fields(template: str):
    return sorted({name for _, name, _, _ in string.Formatter().parse(template) if name is not None})


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_every_key_has_both_languages_with_the_same_placeholders(key):
    entry = CATALOGUE[key]
    assert set(entry) == set(LANGS), f"{key}: languages {sorted(entry)}"
    assert all(entry[lang].strip() for lang in LANGS), f"{key}: empty template"
    assert _fields(entry["zh"]) == _fields(entry["en"]), f"{key}: placeholders differ"
    params = {name: "x" for name in _fields(entry["zh"])}
    for lang in LANGS:
        assert "\n" not in text(key, lang, **params), f"{key}: more than one line"


def test_placeholder_check_can_fail():
    assert _fields("{path}: 找不到") != _fields("{file}: not found")


@pytest.mark.parametrize("key", sorted(k for k in CATALOGUE if not k.startswith(("level.", "severity."))))
def test_chinese_template_is_chinese_and_english_template_has_no_chinese(key):
    import re

    zh, en = CATALOGUE[key]["zh"], CATALOGUE[key]["en"]
    if re.fullmatch(r"[\x00-\x7f]*", zh):  # a purely structural template ("{location}: {key}: {reason}")
        assert zh == en, key
    else:
        assert re.search(r"[\u4e00-\u9fff]", zh), key
    quoted = re.sub(r"“[^”]*”", "", en)  # quoted report text may be Chinese
    assert not re.search(r"[\u4e00-\u9fff，。；：（）]", quoted), f"{key}: Chinese in the English template"


def test_nested_messages_and_lists_render_in_the_same_language():
    m = Message("config.setting", location="a.toml:3", key="lang",
                reason=Message("config.wrong-type", want=[Message("type.int"), Message("type.str")],
                               got=Message("type.list")))
    assert m.render("zh") == "a.toml:3: lang: 应为整数、字符串，实为列表；请对照 README 中的配置示例改正"
    assert m.render("en") == ("a.toml:3: lang: expected an integer, a string, got a list; "
                              "compare it with the configuration example in the README")
    assert line("error", m, "zh").startswith("错误：a.toml:3: ")
    assert line("warning", m, "en").startswith("warning: a.toml:3: ")


def test_unknown_key_is_refused():
    with pytest.raises(KeyError):
        Message("no.such.key")


def test_errors_keep_their_message_across_processes():
    for err in (InputError("input.not-found", path="a.md"), ConfigError("config.not-utf8", path="b.toml")):
        back = pickle.loads(pickle.dumps(err))
        assert type(back) is type(err) and back.render("en") == err.render("en") and back.render("zh") == err.render("zh")


def test_plain_text_errors_of_third_parties_print_as_they_are():
    assert GaonbError("my reader: cannot parse").render("zh") == "my reader: cannot parse"


@pytest.mark.parametrize("flag,setting,environ,expected", [
    (None, None, {}, "zh"),
    (None, None, {"LANG": "C.UTF-8"}, "zh"),
    (None, None, {"LANG": "zh_CN.UTF-8"}, "zh"),
    (None, None, {"LANG": "en_US.UTF-8"}, "en"),
    (None, None, {"LANG": "en_US.UTF-8", "LC_ALL": "zh_CN.UTF-8"}, "zh"),  # LC_ALL wins over LANG
    (None, None, {"LC_MESSAGES": "en_GB.UTF-8", "LANG": "zh_CN.UTF-8"}, "en"),
    (None, None, {"GAONB_LINT_LANG": "zh", "LANG": "en_US.UTF-8"}, "zh"),  # the variable wins over the locale
    (None, "zh", {"GAONB_LINT_LANG": "en"}, "zh"),  # the setting wins over the variable
    ("en", "zh", {"GAONB_LINT_LANG": "zh"}, "en"),  # the flag wins over everything
    (None, None, {"GAONB_LINT_LANG": "fr", "LANG": "en_US.UTF-8"}, "en"),  # an unknown value is reported, not used
])
def test_language_precedence(flag, setting, environ, expected):
    assert resolve_lang(flag, setting, environ) == expected


def test_english_locale_gives_english_output():
    code, out, _ = run_cli(["check", COMPLIANT], env={"LANG": "en_US.UTF-8", "LC_ALL": ""})
    assert code == 0 and out.startswith("All checks passed")
    code, out, _ = run_cli(["check", COMPLIANT], env={"LANG": "C.UTF-8", "LC_ALL": ""})
    assert out.startswith("检查通过")


def test_setting_wins_over_environment_and_flag_over_setting(tmp_path):
    (tmp_path / ".gaonb-lint.toml").write_text('lang = "zh"\n', encoding="utf-8")
    report = tmp_path / "r.md"
    report.write_bytes(COMPLIANT.read_bytes())
    _, out, _ = run_cli(["check", report], env={"GAONB_LINT_LANG": "en"})
    assert out.startswith("检查通过")
    _, out, _ = run_cli(["check", "--lang", "en", report], env={"GAONB_LINT_LANG": "zh"})
    assert out.startswith("All checks passed")
    # The setting of the current directory applies to the other commands and to help.
    _, out, _ = run_cli(["rules", "--help"], cwd=tmp_path, env={"GAONB_LINT_LANG": "en"})
    assert "用法" in out and "usage" not in out


def test_unknown_language_variable_is_one_line():
    code, out, err = run_cli(["check", COMPLIANT], env={"GAONB_LINT_LANG": "fr"})
    assert code == 2 and err == "错误：环境变量 GAONB_LINT_LANG 只能是 zh 或 en，现为 “fr”；请改正或删除它\n"
