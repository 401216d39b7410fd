"""Bad inputs and limits: each ends in one clear line that names the file and exit 2 (or, for an
empty report, in findings), never a traceback, never a hang.  Every subprocess has a timeout.

Decision on empty and whitespace-only files: they are reports with no sections.  Nothing in them
is unreadable, so they are not input errors; the rules report what is missing (every required
section, the statistics period, the fee statement) and the run exits 1, so that a pre-commit hook
fails on a report that was emptied by mistake.
"""
from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from conftest import EXAMPLES_DIR, run_cli, run_main

from gaonb_lint import official_format

COMPLIANT = EXAMPLES_DIR / "compliant-2025.md"
TIMEOUT = 60  # seconds for any one run; the slowest case here takes well under 2 s


def one_error_line(stderr: str, path) -> str:
    lines = [x for x in stderr.strip().splitlines() if x.strip()]
    assert len(lines) == 1, stderr
    assert str(path) in lines[0] and lines[0].startswith(("错误：", "error: ")), lines[0]
    assert "Traceback" not in stderr
    return lines[0]


def check(path, *args, cwd=None):
    return run_cli(["check", "--isolated", *args, str(path)], cwd=cwd, timeout=TIMEOUT)


# -- empty, whitespace, binary, undecodable ---------------------------------------------------

@pytest.mark.parametrize("suffix", [".md", ".txt", ".html"])
@pytest.mark.parametrize("content", ["", "  \n\n\t\n", "\u3000\n \r\n"])
def test_empty_or_whitespace_only_report_is_a_report_with_no_sections(tmp_path, suffix, content):
    path = tmp_path / ("report" + suffix)
    path.write_bytes(content.encode("utf-8"))
    code, out, err = check(path, "--format", "json")
    assert code == 1, (out, err)
    assert "Traceback" not in err and not err.strip()
    doc = json.loads(out)
    missing = [d for d in doc["diagnostics"] if d["rule"] == "required-sections"]
    assert len(missing) == len(official_format.sections())
    lines = content.replace("\r\n", "\n").split("\n")
    for d in doc["diagnostics"]:
        assert 1 <= d["line"] <= len(lines) and 1 <= d["column"] <= len(lines[d["line"] - 1]) + 1


@pytest.mark.parametrize("data", [b"\x00\x01\x02binary\x00", os.urandom(4096).replace(b"\xef\xbb\xbf", b"") + b"\x00",
                                  b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"])
def test_binary_file_is_refused_in_one_line(tmp_path, data):
    path = tmp_path / "scan.md"
    path.write_bytes(data)
    code, out, err = check(path)
    assert code == 2
    assert "二进制" in one_error_line(err, path) or "编码" in err


def test_undecodable_text_is_refused_in_one_line(tmp_path):
    path = tmp_path / "r.txt"
    path.write_bytes("一、总体情况\n".encode("utf-8") + b"\x80\x80\xff\xfe\x80 abc \x81\x30\n" * 3)
    code, out, err = check(path)
    assert code == 2
    one_error_line(err, path)


def test_unsupported_suffix_and_missing_path(tmp_path):
    odd = tmp_path / "report.pdf"
    odd.write_bytes(b"%PDF-1.4")
    code, _, err = check(odd)
    assert code == 2 and "pdf" in one_error_line(err, odd)
    gone = tmp_path / "nothing-here.md"
    code, _, err = check(gone)
    assert code == 2
    one_error_line(err, gone)


# -- size limits ------------------------------------------------------------------------------

def test_a_50_mb_file_is_refused_by_the_size_limit_at_once(tmp_path):
    path = tmp_path / "huge.md"
    block = COMPLIANT.read_bytes()
    with open(path, "wb") as fh:
        for _ in range(50 * 1024 * 1024 // len(block) + 1):
            fh.write(block)
    assert path.stat().st_size > 50 * 1024 * 1024
    code, out, err = check(path)
    assert code == 2
    line = one_error_line(err, path)
    assert "MB" in line and "max-file-size" in line


def test_max_file_size_in_the_configuration_lowers_and_raises_the_limit(tmp_path):
    report = tmp_path / "r.md"
    report.write_bytes(COMPLIANT.read_bytes())  # about 8 KB
    config = tmp_path / ".gaonb-lint.toml"
    config.write_text('max-file-size = "4KB"\n', encoding="utf-8")
    code, _, err = run_cli(["check", str(report)], cwd=tmp_path, timeout=TIMEOUT)
    assert code == 2 and "max-file-size" in one_error_line(err, report)
    config.write_text('max-file-size = "64 KiB"\n', encoding="utf-8")
    code, out, err = run_cli(["check", str(report)], cwd=tmp_path, timeout=TIMEOUT)
    assert code == 0 and not err.strip(), (out, err)
    config.write_text('max-file-size = "lots"\n', encoding="utf-8")
    code, _, err = run_cli(["check", str(report)], cwd=tmp_path, timeout=TIMEOUT)
    assert code == 2
    assert f"{config}:1" in one_error_line(err, config)


# -- pathological content ---------------------------------------------------------------------

MB = 1_000_000
LONG_LINES = {
    # Each once hung or could hang a regular expression with nested or adjacent quantifiers.
    "unclosed-comments.md": "<!--" * (MB // 4),
    "unclosed-suppressions.md": "<!-- gaonb-lint-disable balance " * (MB // 32),
    "heading-with-spaces.md": "一、总体" + " " * MB + "情况",
    "front-matter-spaces.md": "---\ntitle: 某" + " " * MB + "报告\n---\n",
    "period-spaces.md": "统计期限为2025年1月1" + " " * MB + "x",
    "publication-spaces.md": "发布日期" + " " * MB + "x",
    "publication-date-spaces.md": "2025-01-16" + " " * MB + "x",
    "one-cell-row.md": "| " + " | ".join(["1"] * (MB // 4)) + " |\n| --- |\n",
    "pipes.md": "|" * MB,
    "han.md": "字" * MB,
    "digits.md": "1" * MB,
    "dashes.md": "-" * MB,
    "emphasis.md": "_*" * (MB // 2),
    "brackets.md": "[" * (MB // 2) + "]" * (MB // 2),
    "dates.md": "2025年1月1日至" * (MB // 10),
    "heading.txt": "一、" + "x" * MB,
    "tabs.txt": "规章" + "\t" * MB + "0",
    "cells.txt": "\n".join(["1"] * (MB // 4)),
    "attributes.html": "<td " + 'a="1" ' * (MB // 6) + ">1</td>",
}


@pytest.mark.parametrize("name", sorted(LONG_LINES))
def test_a_line_of_a_megabyte_is_read_in_time(tmp_path, name):
    path = tmp_path / name
    path.write_text(LONG_LINES[name], encoding="utf-8")
    code, out, err = check(path)  # run_cli raises TimeoutExpired if it hangs
    assert "Traceback" not in err
    assert code in (0, 1) or (code == 2 and one_error_line(err, path)), (code, err)


@pytest.mark.parametrize("unit", ["<!--", "<a "])
def test_unclosed_html_constructs_are_read_in_time(tmp_path, unit):
    path = tmp_path / "page.html"
    path.write_text("<p>" + unit * 60_000, encoding="utf-8")
    code, out, err = run_cli(["check", "--isolated", str(path)], timeout=5)  # 240 KB: seconds would be plenty
    assert "Traceback" not in err and code in (0, 1), (code, err)


NESTED = {
    "blockquotes.md": ">" * 10_000 + " 一、总体情况\n",
    "list-markers.md": "- " * 10_000 + "x\n",
    "indented-lists.md": "".join("  " * i + "- x\n" for i in range(3_000)),
    "html-in-md.md": "<div>" * 10_000 + "x" + "</div>" * 10_000 + "\n",
    "divs.html": "<html><body>" + "<div>" * 10_000 + "一、总体情况" + "</div>" * 10_000 + "</body></html>",
    "tables.html": "<table><tr><td>" * 3_000 + "1",
}


@pytest.mark.parametrize("name", sorted(NESTED))
def test_deeply_nested_documents(tmp_path, name):
    path = tmp_path / name
    path.write_text(NESTED[name], encoding="utf-8")
    code, out, err = check(path)
    assert "Traceback" not in err
    if code == 2:
        assert "嵌套层级太深" in one_error_line(err, path)
    else:
        assert code in (0, 1)


# -- the file system --------------------------------------------------------------------------

def test_directory_loops_through_symlinks_end(tmp_path):
    root = tmp_path / "reports"
    (root / "a").mkdir(parents=True)
    (root / "a" / "r.md").write_bytes(COMPLIANT.read_bytes())
    (root / "a" / "up").symlink_to("..", target_is_directory=True)
    (root / "a" / "again").symlink_to("../a", target_is_directory=True)
    code, out, err = run_cli(["check", "--isolated", "--format", "json", str(root)], timeout=TIMEOUT)
    assert code == 0, err
    assert json.loads(out)["summary"]["files"] == 1  # the loop is not followed; the report counted once


def test_a_symlink_to_itself_is_one_line(tmp_path):
    loop = tmp_path / "loop.md"
    loop.symlink_to("loop.md")
    code, _, err = check(loop)
    assert code == 2
    one_error_line(err, loop)


def test_a_fifo_is_refused_not_waited_on(tmp_path):
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this system")
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    code, _, err = check(fifo)  # opening a FIFO for reading blocks until a writer comes: a hang
    assert code == 2
    assert "不是普通文件" in one_error_line(err, fifo)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="root reads files whatever their mode; see the simulated test below")
def test_unreadable_file_real_permissions(tmp_path):
    path = tmp_path / "secret.md"
    path.write_bytes(COMPLIANT.read_bytes())
    path.chmod(0)
    try:
        code, _, err = check(path)
    finally:
        path.chmod(0o644)
    assert code == 2
    assert "没有读取权限" in one_error_line(err, path)


def test_unreadable_file_simulated(tmp_path, monkeypatch):
    """As root ``chmod 000`` does not stop reading, so the refusal of ``open`` is simulated: the
    reader's ``os.open`` raises the ``PermissionError`` the kernel gives an ordinary user."""
    import os

    secret, other = tmp_path / "secret.md", tmp_path / "other.md"
    secret.write_bytes(COMPLIANT.read_bytes())
    other.write_bytes(COMPLIANT.read_bytes())
    real_open = os.open

    def guarded_open(file, *args, **kwargs):
        if str(file) == str(secret):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(os, "open", guarded_open)
    code, out, err = run_main(["check", "--isolated", "--format", "json", str(secret), str(other)])
    assert code == 2
    assert "没有读取权限" in one_error_line(err, secret)
    doc = json.loads(out)
    assert doc["summary"]["files"] == 2 and [e["path"] for e in doc["errors"]] == [str(secret)]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_file_deleted_while_the_run_goes(tmp_path, monkeypatch, jobs):
    """Discovered, then removed before it is read: one line for it, the other files are checked."""
    from gaonb_lint import discover as discover_module

    names = ["a.md", "b.md", "c.md"]
    for n in names:
        (tmp_path / n).write_bytes(COMPLIANT.read_bytes())
    victim = tmp_path / "b.md"
    real = discover_module.discover

    def discover_then_delete(*args, **kwargs):
        for path, problem in real(*args, **kwargs):
            if Path(path) == victim:
                victim.unlink()
            yield path, problem

    monkeypatch.setattr(discover_module, "discover", discover_then_delete)
    code, out, err = run_main(["check", "--isolated", "-j", jobs, "--format", "json", str(tmp_path)])
    assert code == 2
    assert "找不到这个文件" in one_error_line(err, victim)
    doc = json.loads(out)
    assert doc["summary"]["files"] == 3 and doc["diagnostics"] == []
    assert [e["path"] for e in doc["errors"]] == [str(victim)]
