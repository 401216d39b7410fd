"""Hostile plugins (issue 14, section 2): a plugin cannot take the run down.

Every case installs a real plugin package (entry points in a dist-info, as ``pip install``
leaves it) and runs the CLI in a subprocess with a timeout, so that each ends in bounded time;
each checks that the other rules' findings are intact and that no traceback is printed.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from conftest import EXAMPLES_DIR, cli_env
from test_plugins import install, rule_plugin

MISTAKES = EXAMPLES_DIR / "mistakes-2025.md"
OTHERS = {"required-sections", "fee-statement"}  # findings of built-in rules on MISTAKES
TIMEOUT = 120


def run(site, *args, cwd=None):
    proc = subprocess.run([sys.executable, "-m", "gaonb_lint", *map(str, args)], cwd=cwd or site.parent,
                          env=cli_env({"PYTHONPATH": str(site)}), capture_output=True, timeout=TIMEOUT)
    out, err = proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")
    assert "Traceback" not in err and "Traceback" not in out, err
    return proc.returncode, out, err


def plugin(tmp_path, name, source):
    return install(tmp_path / "site", name, source, f"[gaonb_lint]\n{name} = {name}\n")


def crashes(out):
    return [d for d in json.loads(out)["diagnostics"] if d["rule"] == "plugin-error"]


def rules_found(out):
    return {d["rule"] for d in json.loads(out)["diagnostics"]}


@pytest.mark.parametrize("body,needle", [
    ("import sys\nsys.exit(0)", "SystemExit: 0"),
    ("raise SystemExit(3)", "SystemExit: 3"),
    ("raise KeyboardInterrupt", "KeyboardInterrupt"),
    ("raise GeneratorExit", "GeneratorExit"),
    ("class Custom(BaseException):\n    pass\nraise Custom('boom')", "Custom: boom"),
])
def test_a_rule_that_exits_or_interrupts_is_a_plugin_error(tmp_path, body, needle):
    """``sys.exit(0)`` in a rule once ended the run with exit 0 and no output: a green CI."""
    site = plugin(tmp_path, "exits", rule_plugin(body))
    code, out, err = run(site, "check", "--isolated", "--format", "json", MISTAKES)
    assert code == 1
    (crash,) = crashes(out)
    assert needle in crash["message"] and "crashy-rule" in crash["message"]
    assert OTHERS <= rules_found(out)


def test_a_plugin_that_exits_at_import_is_a_load_problem(tmp_path):
    site = plugin(tmp_path, "exit_at_import", "import sys\nsys.exit(0)\n")
    code, out, err = run(site, "check", "--isolated", "--format", "json", MISTAKES)
    assert code == 2
    (line,) = err.strip().splitlines()
    assert "exit_at_import" in line and "SystemExit" in line
    assert OTHERS <= rules_found(out)


def test_a_rule_that_never_returns_is_timed_out_and_the_others_go_on(tmp_path):
    site = plugin(tmp_path, "hangs", rule_plugin("while True:\n    pass\nyield"))
    config = tmp_path / "cfg.toml"
    config.write_text("rule-timeout = 1\n", encoding="utf-8")
    code, out, err = run(site, "check", "--config", config, "--format", "json", MISTAKES)
    assert code == 1
    (crash,) = crashes(out)
    assert "运行超过 1 秒" in crash["message"]
    assert OTHERS <= rules_found(out)


def test_a_rule_that_sleeps_is_timed_out_too(tmp_path):
    site = plugin(tmp_path, "sleeps", rule_plugin("import time\ntime.sleep(3600)\nyield"))
    config = tmp_path / "cfg.toml"
    config.write_text("rule-timeout = 1\n", encoding="utf-8")
    code, out, err = run(site, "check", "--config", config, "--format", "json", "-j", "2", MISTAKES, MISTAKES.parent / "compliant-2025.md")
    assert code == 1 and len(crashes(out)) == 2
    assert OTHERS <= rules_found(out)


def test_plugin_prints_go_to_stderr_and_json_stays_valid(tmp_path):
    src = "print('hello from import')\n" + rule_plugin("print('hello from check')\nreturn ()")
    site = plugin(tmp_path, "prints", src)
    for jobs in ("1", "2"):
        code, out, err = run(site, "check", "--isolated", "--format", "json", "-j", jobs, MISTAKES,
                             MISTAKES.parent / "compliant-2025.md")
        doc = json.loads(out)  # stdout is the JSON document and nothing else
        assert out.startswith("{") and doc["summary"]["files"] == 2
        assert "hello from check" in err and "hello from import" in err


def test_a_rule_that_mutates_the_report_does_not_move_or_unsuppress_findings(tmp_path):
    text = MISTAKES.read_text(encoding="utf-8")
    report = tmp_path / "r.md"
    report.write_text("<!-- gaonb-lint-disable-file fee-statement -->\n" + text, encoding="utf-8")
    body = """
        report.path = "elsewhere.md"
        report.text = ""
        report.sections.clear()
        return ()
    """
    site = plugin(tmp_path, "mutates", rule_plugin(body, slug="aaa-mutator", code="AA101"))
    code, out, err = run(site, "check", "--isolated", "--format", "json", report)
    diags = json.loads(out)["diagnostics"]
    assert {d["path"] for d in diags} == {str(report)}
    assert "required-sections" in {d["rule"] for d in diags}
    assert "fee-statement" not in {d["rule"] for d in diags}  # the comment still suppresses it


@pytest.mark.parametrize("body,needle", [
    ('yield ctx.finding(0, "m", severity="fatal")', "severity 'fatal'"),
    ('f = ctx.finding(0, "m")\nf.start = 1.5\nyield f', "offsets 1.5"),
    ('yield "a string"', "not a Finding"),
])
def test_invalid_findings_are_a_plugin_error(tmp_path, body, needle):
    site = plugin(tmp_path, "junk", rule_plugin(body))
    code, out, err = run(site, "check", "--isolated", "--format", "json", MISTAKES)
    (crash,) = crashes(out)
    assert needle in crash["message"]
    assert not [d for d in json.loads(out)["diagnostics"] if d["rule"] == "crashy-rule"]
    assert OTHERS <= rules_found(out)


def test_findings_are_capped_per_rule_and_file(tmp_path):
    site = plugin(tmp_path, "floods", rule_plugin('for i in range(1_000_000):\n    yield ctx.finding(0, "m")'))
    code, out, err = run(site, "check", "--isolated", "--format", "json", MISTAKES)
    diags = json.loads(out)["diagnostics"]
    assert sum(d["rule"] == "crashy-rule" for d in diags) == 1000
    (more,) = crashes(out)
    assert more["severity"] == "warning" and "more than 1000 findings" in more["message"].replace("个问题", " findings") \
        or "超过 1000 个问题" in more["message"]


READER = '''
from gaonb_lint.api import Reader, hookimpl


def read(path, text):
{body}


@hookimpl
def gaonb_lint_readers():
    return [Reader("odd", (".odd",), read)]
'''


def _check_with_odd_reader(tmp_path, body):
    """A run over ``r.odd``, read by a plugin reader whose body is ``body``, and the mistakes example:
    it exits 2 and says one line, naming the file and the plugin; (that line, stdout, stderr)."""
    site = plugin(tmp_path, "oddreader", READER.format(body=body))
    odd = tmp_path / "r.odd"
    odd.write_text("x", encoding="utf-8")
    code, out, err = run(site, "check", "--isolated", "--format", "json", odd, MISTAKES)
    assert code == 2
    (line,) = err.strip().splitlines()
    assert str(odd) in line and "oddreader" in line
    return line, out, err


@pytest.mark.parametrize("body,needle", [
    ("    raise ValueError('cannot parse')", "出错（“cannot parse”）"),
    ("    raise SystemExit(0)", "SystemExit: 0"),
    ("    return 42", "返回的是 int，不是报告"),
])
def test_a_plugin_reader_that_fails_is_one_line_for_its_file(tmp_path, body, needle):
    line, out, err = _check_with_odd_reader(tmp_path, body)
    assert needle in line
    doc = json.loads(out)
    assert [e["path"] for e in doc["errors"]] == [str(tmp_path / "r.odd")]
    assert OTHERS <= rules_found(out)


def test_a_killed_worker_ends_the_run_with_one_line(tmp_path):
    """``Pool.imap`` waited forever for a worker killed by SIGKILL (or the OOM killer)."""
    body = """
        import os, signal
        if report.path.endswith("kill.md"):
            os.kill(os.getpid(), signal.SIGKILL)
        return ()
    """
    site = plugin(tmp_path, "killer", rule_plugin(body))
    files = []
    for i in range(6):
        f = tmp_path / ("kill.md" if i == 3 else f"r{i}.md")
        f.write_bytes(MISTAKES.read_bytes())
        files.append(f)
    code, out, err = run(site, "check", "--isolated", "--format", "json", "-j", "2", *files)
    assert code == 2
    (line,) = err.strip().splitlines()
    assert "工作进程意外结束" in line
    json.loads(out)


def test_unimportable_plugin_fails_rules_and_convert(tmp_path):
    site = plugin(tmp_path, "broken", "import no_such_module_anywhere\n")
    code, out, err = run(site, "rules")
    assert code == 2 and "broken" in err and "fee-statement" in out
    code, out, err = run(site, "convert", MISTAKES)
    assert code == 2 and "broken" in err and out.startswith("---")


def _started(site, *args, config):
    proc = subprocess.Popen([sys.executable, "-m", "gaonb_lint", *map(str, args)], cwd=site.parent,
                            env=cli_env({"PYTHONPATH": str(site)}), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    marker = config.parent / "started"
    deadline = time.monotonic() + TIMEOUT
    while not marker.exists() and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    return proc


@pytest.mark.parametrize("sig,code,jobs", [(signal.SIGTERM, 143, "2"), (signal.SIGINT, 130, "1")])
def test_sigterm_and_ctrl_c_end_a_hanging_run_quietly(tmp_path, sig, code, jobs):
    marker = tmp_path / "started"
    body = f"""
        open({str(marker)!r}, "w").close()
        while True:
            pass
        yield
    """
    site = plugin(tmp_path, "hangs", rule_plugin(body))
    config = tmp_path / "cfg.toml"
    config.write_text("rule-timeout = 0\n", encoding="utf-8")  # no budget: only the signal ends it
    proc = _started(site, "check", "--config", config, "-j", jobs, MISTAKES, MISTAKES.parent / "compliant-2025.md",
                    config=config)
    time.sleep(0.3)
    os.kill(proc.pid, sig)
    out, err = proc.communicate(timeout=TIMEOUT)
    assert proc.returncode == code, err
    assert b"Traceback" not in err and err.count(b"\n") <= 1, err


def test_a_plugin_reader_s_report_gets_the_evidence_rules_read(tmp_path):
    """A report a plugin's reader builds itself is given the evidence the built-in readers record
    (statistics period, year candidates): statistics-period reads the period it states."""
    body = '''    from gaonb_lint.api import Paragraph, Report
    first, second = text.split("\\n", 1)
    return Report(path, text, "odd", year=2025, preamble=[Paragraph(0, len(first), first),
                  Paragraph(len(first) + 1, len(text), second)])'''
    site = plugin(tmp_path, "oddreader", READER.format(body=body))
    odd = tmp_path / "r.odd"
    odd.write_text("某镇2025年政府信息公开工作年度报告\n统计期限为2025年1月1日至2025年12月31日。", encoding="utf-8")
    code, out, err = run(site, "check", "--isolated", "--format", "json", "--select", "statistics-period", odd)
    assert (code, json.loads(out)["diagnostics"]) == (0, []), out + err
    odd.write_text("某镇2025年政府信息公开工作年度报告\n统计期限为2025年2月1日至2025年12月31日。", encoding="utf-8")
    code, out, err = run(site, "check", "--isolated", "--format", "json", "--select", "statistics-period", odd)
    assert [d["code"] for d in json.loads(out)["diagnostics"]] == ["GL301"], out + err


def test_a_plugin_reader_s_report_that_cannot_be_read_is_one_line(tmp_path):
    body = '''    from gaonb_lint.api import Report
    return Report(path, text, "odd", preamble=[object()])'''
    line, out, err = _check_with_odd_reader(tmp_path, body)
    assert "Traceback" not in err
    assert OTHERS <= rules_found(out)
