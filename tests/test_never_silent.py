"""Writes are atomic; nothing the user wrote is silently lost or misread (issue 14, section 3),
and configuration problems are one line, never a traceback (section 4)."""
from __future__ import annotations

import errno
import json
import os
import re
from pathlib import Path

import pytest

from conftest import EXAMPLES_DIR, run_main

COMPLIANT = EXAMPLES_DIR / "compliant-2025.md"


def one_line(err: str) -> str:
    lines = [x for x in err.strip().splitlines() if x.strip()]
    assert len(lines) == 1 and "Traceback" not in err, err
    return lines[0]


# -- convert -o ---------------------------------------------------------------------------------

@pytest.mark.parametrize("how", ["same", "hardlink", "symlink", "dot-path"])
def test_convert_refuses_to_overwrite_its_input(tmp_path, how):
    src = tmp_path / "r.txt"
    original = "一、总体情况\n本年度无。\n"
    src.write_text(original, encoding="utf-8")
    out = {"same": src, "hardlink": tmp_path / "h.txt", "symlink": tmp_path / "s.txt",
           "dot-path": tmp_path / "." / "r.txt"}[how]
    if how == "hardlink":
        os.link(src, out)
    elif how == "symlink":
        os.symlink(src, out)
    code, stdout, err = run_main(["convert", str(src), "-o", str(out)])
    assert code == 2 and "这就是输入文件本身" in one_line(err)
    assert src.read_text(encoding="utf-8") == original


def test_convert_output_is_atomic_on_a_full_disk(tmp_path, monkeypatch):
    src, target = tmp_path / "r.txt", tmp_path / "out.md"
    src.write_text("一、总体情况\n本年度无。\n", encoding="utf-8")
    target.write_text("previous content\n", encoding="utf-8")

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    code, stdout, err = run_main(["convert", str(src), "-o", str(target)])
    assert code == 2 and "磁盘已满" in one_line(err) and "原文件保持不变" in one_line(err)
    assert target.read_text(encoding="utf-8") == "previous content\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.md", "r.txt"]  # no temporary left


def test_convert_output_replaces_the_target_and_keeps_its_mode(tmp_path):
    src, target = tmp_path / "r.txt", tmp_path / "out.md"
    src.write_text("一、总体情况\n本年度无。\n", encoding="utf-8")
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o640)
    code, stdout, err = run_main(["convert", str(src), "-o", str(target)])
    assert code == 0, err
    assert "## 一、总体情况" in target.read_text(encoding="utf-8")
    assert target.stat().st_mode & 0o777 == 0o640


def test_convert_writes_through_a_symlinked_target(tmp_path):
    src, real, link = tmp_path / "r.txt", tmp_path / "real.md", tmp_path / "link.md"
    src.write_text("一、总体情况\n本年度无。\n", encoding="utf-8")
    real.write_text("old\n", encoding="utf-8")
    os.symlink(real, link)
    code, stdout, err = run_main(["convert", str(src), "-o", str(link)])
    assert code == 0, err
    assert link.is_symlink() and "## 一、总体情况" in real.read_text(encoding="utf-8")


# -- directory walks ------------------------------------------------------------------------------

def test_an_unreadable_subdirectory_is_reported_not_skipped(tmp_path, monkeypatch):
    """As root a ``chmod 000`` directory is still readable, so the refusal is simulated where
    ``os.walk`` lists directories (``os.scandir``)."""
    (tmp_path / "ok").mkdir()
    (tmp_path / "ok" / "a.md").write_bytes(COMPLIANT.read_bytes())
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "b.md").write_text("not checked", encoding="utf-8")
    real = os.scandir

    def guarded(path="."):
        if Path(os.fsdecode(path)) == locked:
            raise PermissionError(errno.EACCES, "Permission denied", os.fsdecode(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", guarded)
    code, out, err = run_main(["check", "--isolated", "--format", "json", str(tmp_path)])
    assert code == 2
    line = one_line(err)
    assert str(locked) in line and "无法读取这个目录" in line
    doc = json.loads(out)
    assert doc["summary"]["files"] == 1 and [e["path"] for e in doc["errors"]] == [str(locked)]


def test_an_excluded_directory_named_on_the_command_line_says_so(tmp_path):
    build = tmp_path / "build"
    build.mkdir()
    (build / "a.md").write_bytes(COMPLIANT.read_bytes())
    code, out, err = run_main(["check", "--isolated", str(build)])
    assert code == 2
    line = one_line(err)
    assert str(build) in line and "排除模式 “build”" in line


# -- configuration ------------------------------------------------------------------------------

def config_run(tmp_path, text: str, name: str = ".gaonb-lint.toml", raw: bytes = b""):
    (tmp_path / name).write_bytes(raw or text.encode("utf-8"))
    (tmp_path / "r.md").write_bytes(COMPLIANT.read_bytes())
    return run_main(["check", str(tmp_path / "r.md")])


def test_max_file_size_of_a_few_kilobytes_is_printed_in_kilobytes(tmp_path):
    code, out, err = config_run(tmp_path, 'max-file-size = "5KB"\n')
    assert code == 2
    assert re.search(r"文件有 \d+\.\d KB，超过 5\.0 KB 的上限", one_line(err)), err


@pytest.mark.parametrize("value", ['"0.5B"', '"99999999999999999999GB"', "0", '"9' + "9" * 400 + 'GB"'])
def test_max_file_size_nonsense_is_one_line(tmp_path, value):
    code, out, err = config_run(tmp_path, f"max-file-size = {value}\n")
    assert code == 2 and "max-file-size: 应为正的文件大小" in one_line(err)


def test_a_configuration_with_a_bom_is_read(tmp_path):
    code, out, err = config_run(tmp_path, "", raw=b'\xef\xbb\xbflang = "en"\n')
    assert code == 0 and err == "" and "no problems" in out


def test_deeply_nested_toml_is_one_line(tmp_path):
    code, out, err = config_run(tmp_path, "x = " + "[" * 100_000 + "]" * 100_000 + "\n")
    assert code == 2 and "嵌套层级太深" in one_line(err)


@pytest.mark.parametrize("text", ['tool = ["gaonb-lint"]\n', 'tool = "gaonb-lint"\n'])
def test_a_pyproject_whose_tool_is_not_a_table_is_not_ours(tmp_path, text):
    code, out, err = config_run(tmp_path, text, name="pyproject.toml")
    assert code == 0 and "Traceback" not in err, err


def test_the_pyproject_pre_check_is_linear():
    """``tool={`` × 60,000 on one line (a pull request can plant that) was quadratic."""
    from scaling import line_events

    from gaonb_lint.config import _may_set_ours
    import time

    def cost(n):
        text = "gaonb-lint\n" + "tool={" * n + "\n"
        start = time.perf_counter()
        for _ in range(3):
            assert not _may_set_ours(text)
        return time.perf_counter() - start

    cost(1000)
    small, big = min(cost(2000) for _ in range(3)), min(cost(32_000) for _ in range(3))
    assert big < 64 * max(small, 1e-4), (small, big)  # 16x input: quadratic would be ~256x
    assert line_events(lambda: _may_set_ours("gaonb-lint\n" + "tool={" * 32_000 + "\n")) < 100
