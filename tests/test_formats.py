"""Output formats: golden files on the examples, the SARIF schema, GitLab's required fields,
GitHub's escaping, JUnit as XML, colour, --output-file and --exit-zero."""
from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import REPO_ROOT, cli_env, run_cli, run_cli_on_tty

GOLDEN = REPO_ROOT / "tests" / "golden"
EXAMPLES = ["examples/compliant-2025.md", "examples/mistakes-2025.md"]
FORMATS = {"full": "txt", "concise": "txt", "json": "json", "json-lines": "jsonl", "sarif": "sarif.json",
           "github": "txt", "gitlab": "json", "junit": "xml"}
SARIF_SCHEMA = REPO_ROOT / "tests" / "fixtures" / "sarif" / "sarif-schema-2.1.0.json"


def _run(fmt, *extra, cwd=REPO_ROOT, paths=EXAMPLES, env=None):
    return run_cli(["check", "--isolated", "--output-format", fmt, *extra, *paths], cwd=cwd, env=env)


def _normalise(text: str, fmt: str = "") -> str:
    # The SARIF root URI names the checkout's directory; everything else is machine-independent.
    text = text.replace(Path(REPO_ROOT).as_uri(), "file:///REPO")
    if fmt == "sarif":  # the rules' documentation has its own tests: keep the golden file about results
        doc = json.loads(text)
        for rule in doc["runs"][0]["tool"]["driver"]["rules"]:
            rule["help"] = {"text": rule["help"]["text"].splitlines()[0], "markdown": "…"}
        text = json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    return text


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_golden(fmt):
    """The whole output on the two examples.  A deliberate change of a message or a format is
    recorded with ``UPDATE_GOLDEN=1 pytest tests/test_formats.py -k golden`` (review the diff)."""
    code, out, err = _run(fmt)
    assert code == 1, err
    assert err == ""
    golden = GOLDEN / f"examples.{fmt}.{FORMATS[fmt]}"
    got = _normalise(out, fmt)
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(got, encoding="utf-8")
    assert got == golden.read_text(encoding="utf-8"), f"{golden} differs (UPDATE_GOLDEN=1 rewrites it)"


def test_every_format_reports_the_same_findings():
    _, out, _ = _run("json")
    expected = [(d["path"], d["line"], d["column"], d["code"]) for d in json.loads(out)["diagnostics"]]
    assert expected
    _, out, _ = _run("json-lines")
    assert [(d["path"], d["line"], d["column"], d["code"]) for d in map(json.loads, out.splitlines())] == expected
    _, out, _ = _run("sarif")
    results = json.loads(out)["runs"][0]["results"]
    assert [(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
             r["locations"][0]["physicalLocation"]["region"]["startLine"],
             r["locations"][0]["physicalLocation"]["region"]["startColumn"], r["ruleId"]) for r in results] == expected
    _, out, _ = _run("gitlab")
    assert [(i["location"]["path"], i["location"]["lines"]["begin"], i["check_name"].split()[0])
            for i in json.loads(out)] == [(p, ln, c) for p, ln, _, c in expected]
    _, out, _ = _run("concise")
    assert sum(1 for ln in out.splitlines() if ln.startswith("examples/")) == len(expected)
    _, out, _ = _run("github")
    assert len(out.splitlines()) == len(expected)


def test_sarif_validates_against_the_official_schema():
    jsonschema = pytest.importorskip("jsonschema")
    _, out, _ = _run("sarif", "--exit-zero")
    doc = json.loads(out)
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)(schema, format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(doc), key=str)
    assert not errors, "\n".join(str(e.message) for e in errors[:5])
    run = doc["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert "GL101" in ids and len(ids) == len(set(ids))
    for rule in run["tool"]["driver"]["rules"]:
        assert rule["help"]["text"].startswith("## ") and rule["help"]["markdown"] == rule["help"]["text"]
    assert any("fixes" in r for r in run["results"])
    for r in run["results"]:
        assert run["tool"]["driver"]["rules"][r["ruleIndex"]]["id"] == r["ruleId"]
        assert len(r["partialFingerprints"]["gaonbLint/v1"]) == 32


def test_sarif_help_uri_from_docs_url(tmp_path):
    report = tmp_path / "r.md"
    report.write_text((REPO_ROOT / EXAMPLES[1]).read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / ".gaonb-lint.toml").write_text('docs-url = "https://docs.example.org/rules/{slug}.html"\n',
                                               encoding="utf-8")
    code, out, err = run_cli(["check", "--output-format", "sarif", "r.md"], cwd=tmp_path)
    rules = json.loads(out)["runs"][0]["tool"]["driver"]["rules"]
    urls = {r["name"]: r.get("helpUri") for r in rules}
    assert urls["required-sections"] == "https://docs.example.org/rules/required-sections.html"


def test_sarif_fingerprints_survive_moved_lines(tmp_path):
    text = (REPO_ROOT / EXAMPLES[1]).read_text(encoding="utf-8")
    (tmp_path / "r.md").write_text(text, encoding="utf-8")
    _, before, _ = run_cli(["check", "--isolated", "--output-format", "sarif", "r.md"], cwd=tmp_path)
    head, body = text.split("## 一、", 1)
    (tmp_path / "r.md").write_text(head + "\n\n新增一段说明文字。\n\n## 一、" + body, encoding="utf-8")
    _, after, _ = run_cli(["check", "--isolated", "--output-format", "sarif", "r.md"], cwd=tmp_path)

    def prints(out):
        return {(r["ruleId"], r["partialFingerprints"]["gaonbLint/v1"]): r["locations"][0]["physicalLocation"]["region"]["startLine"]
                for r in json.loads(out)["runs"][0]["results"]}

    b, a = prints(before), prints(after)
    assert set(b) == set(a) and len(b) > 3
    assert any(a[k] != b[k] for k in b)  # the lines did move


def test_gitlab_has_every_required_field():
    _, out, _ = _run("gitlab")
    issues = json.loads(out)
    assert issues
    prints = set()
    for i in issues:
        assert isinstance(i["description"], str) and i["description"]
        assert isinstance(i["check_name"], str) and i["check_name"]
        assert isinstance(i["fingerprint"], str) and i["fingerprint"]
        assert i["severity"] in ("info", "minor", "major", "critical", "blocker")
        assert isinstance(i["location"]["path"], str) and not i["location"]["path"].startswith("/")
        assert isinstance(i["location"]["lines"]["begin"], int)
        prints.add(i["fingerprint"])
    assert len(prints) == len(issues)  # GitLab drops issues with a repeated fingerprint


def test_github_escapes_data_and_properties():
    from gaonb_lint.formats.github import escape_data, escape_property

    assert escape_data("50% done\r\nnext: a, b") == "50%25 done%0D%0Anext: a, b"
    assert escape_property("dir:x,y/50%.md\n") == "dir%3Ax%2Cy/50%25.md%0A"


def test_github_output_of_a_path_with_commas_and_colons(tmp_path):
    (tmp_path / "a,b:c%.md").write_text("# 标题\n\n正文\n", encoding="utf-8")
    code, out, err = run_cli(["check", "--isolated", "--output-format", "github", "a,b:c%.md"],
                             cwd=tmp_path)
    lines = out.splitlines()
    assert lines and all(ln.startswith(("::error ", "::warning ", "::notice ")) for ln in lines)
    for ln in lines:
        props, message = ln.split("::", 2)[1:]
        assert "file=a%2Cb%3Ac%25.md," in props
        for prop in props.split(" ", 1)[1].split(","):  # each property is key=value, nothing leaks
            key, value = prop.split("=", 1)
            assert key in ("file", "line", "endLine", "col", "endColumn", "title") and ":" not in value
        assert "\n" not in message


def test_junit_parses_with_etree():
    _, out, _ = _run("junit")
    root = ET.fromstring(out.encode("utf-8"))
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == EXAMPLES
    _, js, _ = _run("json")
    diags = json.loads(js)["diagnostics"]
    failures = root.findall(".//failure")
    assert len(failures) == len(diags)
    mistakes = suites[1]
    failed_cases = [c for c in mistakes.findall("testcase") if c.find("failure") is not None]
    assert int(mistakes.get("failures")) == len(failed_cases) == len({d["rule"] for d in diags})
    assert int(root.get("tests")) == sum(len(s.findall("testcase")) for s in suites)
    names = [c.get("name") for c in mistakes.findall("testcase")]
    assert len(names) == len(set(names))  # one test case per file and rule


def test_full_format_puts_the_caret_under_the_span():
    from gaonb_lint.formats.full import width

    _, out, _ = _run("full", "--select", "table-labels", paths=[EXAMPLES[1]])
    lines = out.splitlines()
    i = next(i for i, ln in enumerate(lines) if "现行有效件" in ln and ln.startswith("examples/"))
    source, carets = lines[i + 2], lines[i + 3]
    start = carets.index("^")
    shown = source[: len(source)]
    col = 0
    for k, ch in enumerate(shown):
        if col == start:
            break
        col += width(ch)
    assert shown[k:].startswith("现行有效件")
    assert carets.count("^") == 10  # five wide characters
    assert "错误" in lines[i]


def test_colour_only_on_a_terminal_and_never_with_no_color():
    _, out, _ = _run("full")
    assert "\x1b[" not in out

    def on_tty(extra_env):
        env = cli_env(extra_env)
        env.pop("NO_COLOR", None) if "NO_COLOR" not in extra_env else None
        return run_cli_on_tty(["check", "--isolated", EXAMPLES[1]], "stdout", cwd=REPO_ROOT, environ=env)

    assert "\x1b[31m" in on_tty({})
    assert "\x1b[" not in on_tty({"NO_COLOR": "1"})


def test_output_file_equals_stdout_and_is_written_atomically(tmp_path):
    for fmt in FORMATS:
        target = tmp_path / f"out.{fmt}"
        code, out, err = _run(fmt, "-o", str(target))
        assert code == 1 and out == "" and err == ""
        _, stdout, _ = _run(fmt)
        assert target.read_text(encoding="utf-8") == stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"out.{f}" for f in FORMATS)  # no temp files left


def test_output_file_failure_keeps_the_old_file(tmp_path, monkeypatch):
    from conftest import run_main
    from gaonb_lint import atomic

    target = tmp_path / "report.json"
    target.write_text("old", encoding="utf-8")
    os.chmod(target, 0o640)

    def boom(fh, data):
        fh.write(data[: len(data) // 2])
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic, "_write_all", boom)
    code, out, err = run_main(["check", "--isolated", "--output-format", "json", "-o", str(target),
                               str(REPO_ROOT / EXAMPLES[1])])
    assert code == 2
    assert "report.json" in err and "磁盘空间" in err and "Traceback" not in err
    assert target.read_text(encoding="utf-8") == "old"
    assert os.stat(target).st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_output_file_keeps_permissions(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")
    os.chmod(target, 0o604)
    _run("concise", "-o", str(target))
    assert os.stat(target).st_mode & 0o777 == 0o604
    assert target.read_text(encoding="utf-8") != "old"


def test_exit_zero():
    code, out, _ = _run("concise", "--exit-zero")
    assert code == 0 and "GL101" in out
    code, _, err = run_cli(["check", "--isolated", "--exit-zero", "missing.md"], cwd=REPO_ROOT)
    assert code == 2


def test_unknown_format_is_one_line():
    code, out, err = _run("yaml")
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and "yaml" in err and "sarif" in err


@pytest.mark.parametrize("fmt", ["full", "json", "sarif"])
def test_a_console_without_chinese_gets_escapes_not_a_traceback(fmt):
    code, out, err = _run(fmt, env={"PYTHONIOENCODING": "ascii"})
    assert code == 1 and "Traceback" not in err
    assert "\\u" in out and out.isascii()
