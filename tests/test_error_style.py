"""Every error the command line can print (usage, input, configuration, plugin), provoked for real
and checked against docs/error-style.md in both languages: one line, the level first, the file
named where there is one, no exception class names, no mixed languages."""
from __future__ import annotations

import re
import zipfile

import pytest

from conftest import EXAMPLES_DIR, run_cli
from gaonb_lint.config import KEYS
from test_plugins import install, rule_plugin

COMPLIANT = EXAMPLES_DIR / "compliant-2025.md"

# Words a Chinese line may contain besides file names, codes, options and quoted text: names of
# formats, encodings, tools, commands, settings and the configuration's own values.
ALLOWED_WORDS = {
    "gaonb", "lint", "rules", "explain", "check", "extract", "validate", "convert", "help", "print", "schema",
    "UTF", "GB", "GBK", "GB18030", "json", "text", "full", "concise", "sarif", "github", "gitlab", "junit", "TiB", "MiB", "KiB", "TB", "TOML", "JSON", "README", "MB", "KB", "docx", "doc", "pdf", "txt", "html", "htm", "md",
    "markdown", "Word", "WPS", "python", "pypdfium", "pip", "install", "zh", "en", "error", "warning", "info",
    "tool", "toml", "true", "false", "v2019", "v2021", "Reader", "Rule", "gaonb_lint_rules", "gaonb_lint_readers",
    "COMMAND", "GAONB_LINT_LANG", "builtin", "docs",
} | {word for key in KEYS for word in key.split("-")}
CLASS_NAME = re.compile(r"\b[A-Z][A-Za-z]*(?:Error|Exception|Warning)\b")
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def _strip_allowed(line: str, paths) -> str:
    for p in sorted((str(p) for p in paths), key=len, reverse=True):
        line = line.replace(p, " ")
    line = re.sub(r"\b0x[0-9a-fA-F]+\b", " ", line)
    line = re.sub(r"“[^”]*”|`[^`]*`|'[^']*'|\"[^\"]*\"|\[[^\]]*\]", " ", line)  # quoted text, TOML tables
    line = re.sub(r"--[a-z][a-z-]*|\b[A-Z]{1,4}\d{3,4}\b|\b[a-z]+(?:-[a-z0-9]+)+\b|\S+\.(?:md|txt|toml|json|docx|pdf|py)\b",
                  " ", line)
    return line


def check_style(err: str, lang: str, names=(), paths=()) -> str:
    assert "Traceback" not in err, err
    lines = err.splitlines()
    assert len(lines) == 1, f"not one line: {err!r}"
    (line,) = lines
    assert line.startswith("错误：" if lang == "zh" else "error: "), line
    for name in names:
        assert str(name) in line, (name, line)
    assert not CLASS_NAME.search(line), f"an exception class name: {line}"
    rest = _strip_allowed(line, [*names, *paths])
    if lang == "zh":
        words = set(re.findall(r"[A-Za-z_][A-Za-z0-9_]+", rest)) - ALLOWED_WORDS
        assert not words, f"English words {sorted(words)} in a Chinese line: {line}"
        assert re.search(r"；|应为|只能是|应对应|应写成|应是", line), f"no remedy: {line}"
    else:
        assert not CJK.search(rest), f"Chinese outside quotes in an English line: {line}"
        assert re.search(r"; |expected|must", line), f"no remedy: {line}"
    return line


def test_the_style_check_can_fail():
    with pytest.raises(AssertionError):
        check_style("错误：a.md: no such file\n", "zh", ["a.md"])
    with pytest.raises(AssertionError):
        check_style("error: a.md: 找不到; check it\n", "en", ["a.md"])
    with pytest.raises(AssertionError):
        check_style("错误：a.md: 出错（ValueError）；请改正\n", "zh", ["a.md"])
    with pytest.raises(AssertionError):
        check_style("错误：a.md: 出错\n第二行\n", "zh", ["a.md"])
    check_style("错误：a.md: 找不到这个文件；请检查路径\n", "zh", ["a.md"])


def _files(tmp_path):
    """Bad inputs: name → (path, how it is checked)."""
    f = {}
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.py").write_text("x = 1\n")
    f["missing"] = tmp_path / "nope.md"
    f["no-reports"] = tmp_path / "empty"
    f["binary"] = tmp_path / "binary.md"
    f["binary"].write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00")
    f["undecodable"] = tmp_path / "latin.txt"
    f["undecodable"].write_bytes("Résumé élaboré à Genève\n".encode("latin-1"))
    f["bad-bom"] = tmp_path / "bom.txt"
    f["bad-bom"].write_bytes(b"\xef\xbb\xbf\xe4\xb8\n\xff\xfe")
    f["unsupported"] = tmp_path / "notes.py"
    f["unsupported"].write_text("x = 1\n")
    f["bad-docx"] = tmp_path / "old.docx"
    f["bad-docx"].write_bytes(b"this is an old .doc renamed")
    f["not-docx-zip"] = tmp_path / "zip.docx"
    with zipfile.ZipFile(f["not-docx-zip"], "w") as z:
        z.writestr("hello.txt", "hi")
    f["directory"] = tmp_path / "dir.md"
    f["directory"].mkdir()
    return f


INPUT_CASES = ["missing", "no-reports", "binary", "undecodable", "bad-bom", "unsupported", "bad-docx", "not-docx-zip"]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("case", INPUT_CASES)
def test_input_errors(tmp_path, case, lang):
    path = _files(tmp_path)[case]
    code, out, err = run_cli(["check", "--isolated", "--lang", lang, path])
    assert code == 2, (out, err)
    check_style(err, lang, [path])


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_too_large_and_unreadable_validate_and_convert_errors(tmp_path, lang):
    report = tmp_path / "r.md"
    report.write_bytes(COMPLIANT.read_bytes())
    (tmp_path / ".gaonb-lint.toml").write_text('max-file-size = "1KB"\n', encoding="utf-8")
    code, _, err = run_cli(["check", "--lang", lang, report])
    assert code == 2
    check_style(err, lang, [report])
    bad_json = tmp_path / "bad.json"
    bad_json.write_text('{"a": 1,}', encoding="utf-8")
    for args, name in ((["validate", bad_json], bad_json), (["validate", tmp_path / "none.json"], tmp_path / "none.json"),
                       (["convert", COMPLIANT, "-o", tmp_path / "no" / "dir" / "out.md"], tmp_path / "no" / "dir" / "out.md"),
                       (["extract", tmp_path / "none.md"], tmp_path / "none.md")):
        code, _, err = run_cli([*args, "--lang", lang])
        assert code == 2, err
        check_style(err, lang, [name])


USAGE_CASES = {
    "unknown-command": (["chek"], ["chek"]),
    "bad-int": (["check", "--jobs", "x", COMPLIANT], ["--jobs"]),
    "negative-jobs": (["check", "-j", "-1", COMPLIANT], ["--jobs"]),
    "unknown-option": (["check", "--nope", COMPLIANT], ["--nope"]),
    "missing-argument": (["explain"], []),
    "bad-choice": (["check", "--lang", "fr", COMPLIANT], ["fr"]),
    "unknown-rule": (["check", "--isolated", "--select", "fee-statment", COMPLIANT], ["--select", "fee-statment"]),
    "unknown-rule-explain": (["explain", "fee-statment"], ["fee-statment"]),
    "format-version": (["check", "--isolated", "--format-version", "v2030", COMPLIANT], ["--format-version", "v2030"]),
    "unknown-format": (["check", "--isolated", "--format", "xml", COMPLIANT], ["--format", "xml"]),
    "extract-needs-file": (["extract"], ["extract"]),
}


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("case", sorted(USAGE_CASES))
def test_usage_errors(case, lang):
    args, names = USAGE_CASES[case]
    # --lang fr is itself the error: the language comes from the environment then.
    flags = [] if case == "bad-choice" else ["--lang", lang]
    code, out, err = run_cli([*args[:1], *flags, *args[1:]] if args else flags,
                             env={"GAONB_LINT_LANG": lang} if case == "bad-choice" else None)
    assert code == 2, (out, err)
    check_style(err, lang, names, paths=[COMPLIANT])


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_bad_language_variable(lang):
    code, _, err = run_cli(["check", "--isolated", COMPLIANT], env={"GAONB_LINT_LANG": "fr",
                                                                      "LANG": "en_US.UTF-8" if lang == "en" else "C"})
    assert code == 2
    check_style(err, lang, ["GAONB_LINT_LANG"])


CONFIG_CASES = {
    "invalid-toml": ".gaonb-lint.toml:select = [\n  \"GL101\",\n",
    "unclosed-table": ".gaonb-lint.toml:[severity\nfee-statement = 'warning'\n",
    "unknown-setting": ".gaonb-lint.toml:selct = [\"GL3\"]\n",
    "wrong-type": ".gaonb-lint.toml:select = \"GL101\"\n",
    "list-of-strings": ".gaonb-lint.toml:ignore = [1, 2]\n",
    "bad-severity": ".gaonb-lint.toml:[severity]\nfee-statement = \"fatal\"\n",
    "bad-lang": ".gaonb-lint.toml:lang = \"fr\"\n",
    "bad-size": ".gaonb-lint.toml:max-file-size = \"huge\"\n",
    "per-file-ignores": ".gaonb-lint.toml:[per-file-ignores]\n\"a/*\" = 3\n",
    "unknown-rule": ".gaonb-lint.toml:select = [\"fee-statment\"]\n",
    "bad-option": ".gaonb-lint.toml:[rules.publication-deadline]\nbody-kind = \"village\"\n",
    "unknown-option": ".gaonb-lint.toml:[rules.publication-deadline]\nbody_kind = \"auto\"\n",
    "unknown-rule-table": ".gaonb-lint.toml:[rules.fee-statment]\nx = 1\n",
    "not-a-table": "pyproject.toml:[tool]\ngaonb-lint = 3\n",
    "not-utf8": ".gaonb-lint.toml:",
}


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("case", sorted(CONFIG_CASES))
def test_configuration_errors(tmp_path, case, lang):
    name, text = CONFIG_CASES[case].split(":", 1)
    config = tmp_path / name
    if case == "not-utf8":
        config.write_bytes('select = ["规则"]\n'.encode("gbk"))
    else:
        config.write_text(text, encoding="utf-8")
    report = tmp_path / "r.md"
    report.write_bytes(COMPLIANT.read_bytes())
    code, out, err = run_cli(["check", "--lang", lang, report])
    assert code == 2, (out, err)
    own_words = re.findall(r"^\[?([\w.-]+)", text.splitlines()[-1] if text else "")  # the key written wrongly
    line = check_style(err, lang, [config], paths=own_words)
    assert re.search(re.escape(str(config)) + r":\d+", line), line


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_configuration_file_errors(tmp_path, lang):
    missing = tmp_path / "none.toml"
    code, _, err = run_cli(["check", "--lang", lang, "--config", missing, COMPLIANT])
    assert code == 2
    check_style(err, lang, [missing])
    empty = tmp_path / "pyproject.toml"
    empty.write_text("[project]\nname = 'x'\n", encoding="utf-8")
    code, _, err = run_cli(["check", "--lang", lang, "--config", empty, COMPLIANT])
    assert code == 2
    check_style(err, lang, [empty])


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("case", ["import-fails", "hook-raises", "duplicate-code", "invalid-slug"])
def test_plugin_errors(tmp_path, case, lang):
    if case == "import-fails":
        src = "import no_such_module_anywhere\n"
    elif case == "hook-raises":
        src = "from gaonb_lint.api import hookimpl\n\n@hookimpl\ndef gaonb_lint_rules():\n    raise RuntimeError('no rules today')\n"
    elif case == "duplicate-code":
        src = rule_plugin("return ()", slug="my-rule", code="GL302")
    else:
        src = rule_plugin("return ()", slug="My_Rule", code="ZZ101")
    site = install(tmp_path / "site", "myplugin", src, "[gaonb_lint]\nmyplugin = myplugin\n")
    code, out, err = run_cli(["check", "--isolated", "--lang", lang, COMPLIANT], cwd=site.parent,
                             env={"PYTHONPATH": str(site)})
    assert code == 2, (out, err)
    check_style(err, lang, ["myplugin"])


HELP_COMMANDS = [[], ["check"], ["rules"], ["explain"], ["convert"], ["extract"], ["validate"], ["server"]]


def _help_prose(out: str) -> str:
    """The help text without what is not translated: option names, choices, metavars of options,
    command names, example commands and file names."""
    out = re.sub(r"\{[^}]*\}|--?[a-z][a-z-]*|gaonb-lint(?: [a-z]+)?|\b[A-Z]{1,4}\d{3,4}\b|\S+\.(?:md|docx|txt|html)\b"
                 r"|'[^']*'|\b[a-z]+(?:-[a-z0-9]+)+\b|\bv20\d\d\b", " ", out)
    return out


@pytest.mark.parametrize("command", HELP_COMMANDS, ids=lambda c: c[0] if c else "gaonb-lint")
def test_help_is_chinese_by_default_and_english_with_lang_en(command):
    code, zh, err = run_cli([*command, "--help"])
    assert code == 0 and err == "", err
    assert zh.startswith("用法：gaonb-lint")
    words = set(re.findall(r"[A-Za-z_][A-Za-z0-9_]+", _help_prose(zh)))
    allowed = ALLOWED_WORDS | {"check", "rules", "explain", "convert", "extract", "validate", "server", "N", "text",
                               "json", "select", "ignore", "exclude", "include", "Markdown", "JSON", "Schema", "stdio",
                               "commit", "pre", "auto", "md", "lsp"}
    assert not words - allowed, f"English in the Chinese help of {command}: {sorted(words - allowed)}\n{zh}"
    code, en, _ = run_cli([*command, "--help", "--lang", "en"])
    assert code == 0 and en.startswith("usage: gaonb-lint")
    assert not CJK.search(re.sub(r"“[^”]*”", "", en)), en
