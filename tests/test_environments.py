"""Every environment (issue 14, section 4): any stdout encoding, hostile file names and report
text, a deleted working directory, a full disk, contradictory options.  Each run is a real
subprocess with a timeout; none may print a traceback, and the exit code stays true."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import threading

import pytest

from conftest import EXAMPLES_DIR, cli_env, run_main

COMPLIANT = EXAMPLES_DIR / "compliant-2025.md"
MISTAKES = EXAMPLES_DIR / "mistakes-2025.md"
TIMEOUT = 120


def run(args, env=None, cwd=None, stdout=subprocess.PIPE):
    proc = subprocess.run([sys.executable, "-m", "gaonb_lint", *map(str, args)], cwd=cwd, env=cli_env(env),
                          stdout=stdout, stderr=subprocess.PIPE, timeout=TIMEOUT)
    assert b"Traceback" not in proc.stderr, proc.stderr.decode("utf-8", "replace")
    return proc.returncode, proc.stdout or b"", proc.stderr


@pytest.mark.parametrize("encoding", ["ascii", "cp1252", "latin-1"])
def test_any_stdout_encoding_keeps_exit_codes_true(encoding):
    env = {"PYTHONIOENCODING": encoding}
    code, out, err = run(["check", "--isolated", COMPLIANT], env)
    assert code == 0 and b"\\u" in out  # the Chinese summary, escaped
    code, out, err = run(["check", "--isolated", MISTAKES], env)
    assert code == 1 and b"GL" in out
    code, out, err = run(["check", "--isolated", "--format", "json", MISTAKES], env)
    assert code == 1
    doc = json.loads(out.decode("ascii"))  # ASCII escapes: valid in every encoding
    assert doc["diagnostics"] and all(d["path"] == str(MISTAKES) for d in doc["diagnostics"])
    assert any("\u4e00" <= ch <= "\u9fff" for d in doc["diagnostics"] for ch in d["message"])


def test_file_name_bytes_that_are_not_utf8(tmp_path):
    name = os.fsencode(str(tmp_path)) + b"/r\xff\xfe.md"
    with open(name, "wb") as fh:
        fh.write(MISTAKES.read_bytes())
    code, out, err = run(["check", "--isolated", tmp_path])
    assert code == 1
    out.decode("utf-8")  # strict: valid UTF-8
    assert b"r\\xff\\xfe.md:" in out
    code, out, err = run(["check", "--isolated", "--format", "json", tmp_path])
    doc = json.loads(out.decode("utf-8"))
    assert {d["path"] for d in doc["diagnostics"]} == {str(tmp_path) + "/r\\xff\\xfe.md"}


def test_newlines_and_terminal_controls_in_names_and_text_are_escaped(tmp_path):
    forged = "report.md:1:1: GL999 [forged] 伪造的问题"
    name = tmp_path / "a\nb\x1b]0;title\x07.md"
    text = MISTAKES.read_text(encoding="utf-8")
    name.write_text(f"<!-- gaonb-lint-disable-next-line statistics-period\n{forged} \u202e -->\n" + text,
                    encoding="utf-8")
    code, out, err = run(["check", "--isolated", tmp_path])
    lines = out.decode("utf-8").splitlines()
    assert not any(line.startswith("report.md") for line in lines)
    assert "\x1b" not in out.decode("utf-8") and "\u202e" not in out.decode("utf-8")
    assert any("a\\nb\\x1b]0;title\\x07.md:" in line and "\\n" + forged in line for line in lines)


def test_a_deleted_working_directory_is_one_line(tmp_path):
    gone = tmp_path / "gone"
    gone.mkdir()
    script = f"cd {str(gone)!r} && rmdir {str(gone)!r} && exec {sys.executable!r} -m gaonb_lint check {str(MISTAKES)!r}"
    proc = subprocess.run(["sh", "-c", script], env=cli_env(), capture_output=True, timeout=TIMEOUT)
    err = proc.stderr.decode("utf-8")
    assert proc.returncode == 2 and "Traceback" not in err
    assert err.strip().splitlines() == ["错误：当前目录已不存在（运行时被删除了）；请进入一个存在的目录后再运行"]


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_a_full_disk_on_stdout_is_one_line(fmt):
    with open("/dev/full", "wb") as full:
        code, out, err = run(["check", "--isolated", "--format", fmt, MISTAKES], stdout=full)
    assert code == 2
    assert err.decode("utf-8").strip().splitlines() == ["错误：无法写出检查结果（磁盘已满）；请检查输出的去处（磁盘空间、管道）"]


@pytest.mark.parametrize("args,needle", [
    (["--select", ""], "--select 没有给出任何规则"),
    (["--select", ","], "--select 没有给出任何规则"),
    (["--ignore", "ALL"], "排除了全部规则"),
    (["--select", "GL3", "--ignore", "gl3"], "排除了全部规则"),
])
def test_selecting_nothing_is_a_usage_error(args, needle):
    code, out, err = run(["check", "--isolated", *args, MISTAKES])
    assert code == 2 and out == b""
    (line,) = err.decode("utf-8").strip().splitlines()
    assert needle in line


def test_config_with_isolated_is_refused(tmp_path):
    cfg = tmp_path / "c.toml"
    cfg.write_text('lang = "en"\n', encoding="utf-8")
    code, out, err = run(["check", "--isolated", "--config", cfg, MISTAKES])
    assert code == 2 and "--config 和 --isolated 互相矛盾" in err.decode("utf-8")


def test_a_file_swapped_for_a_fifo_before_it_is_read_does_not_block(tmp_path, monkeypatch):
    """Between discovery (a regular file) and reading, the file becomes a FIFO: opening it for
    reading would wait for a writer forever; it is opened without blocking and refused."""
    from gaonb_lint import discover as discover_module

    victim, other = tmp_path / "a.md", tmp_path / "b.md"
    victim.write_bytes(MISTAKES.read_bytes())
    other.write_bytes(MISTAKES.read_bytes())
    real = discover_module.discover

    def discover_then_swap(*args, **kwargs):
        for path, problem in real(*args, **kwargs):
            if path == str(victim):
                victim.unlink()
                os.mkfifo(victim)
            yield path, problem

    monkeypatch.setattr(discover_module, "discover", discover_then_swap)
    result = {}
    worker = threading.Thread(target=lambda: result.update(r=run_main(["check", "--isolated", str(tmp_path)])),
                              daemon=True)
    worker.start()
    worker.join(TIMEOUT)
    assert "r" in result, "the run blocked on the FIFO"
    code, out, err = result["r"]
    assert code == 2
    (line,) = err.strip().splitlines()
    assert str(victim) in line and "不是普通文件" in line
    assert str(other) in out


@pytest.mark.parametrize("content,needle", [
    ("[" * 100_000 + "]" * 100_000, "嵌套层级太深"),
    ('{"a": ' + "9" * 5000 + "}", "数字位数过多"),
])
def test_validate_on_hostile_json_is_one_line(tmp_path, content, needle):
    path = tmp_path / "x.json"
    path.write_text(content, encoding="utf-8")
    code, out, err = run(["validate", path])
    assert code == 2
    (line,) = err.decode("utf-8").strip().splitlines()
    assert str(path) in line and needle in line
