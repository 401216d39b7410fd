"""--fix, --unsafe-fixes and --diff on every fixable rule: what is fixed, what is not, idempotence,
atomic writes (a failure in the middle of the write leaves the file intact), encodings and line
endings kept, read-only and unreadable files, HTML refused."""
from __future__ import annotations

import json
import os
import stat

import pytest

from conftest import EXAMPLES_DIR, run_cli, run_main

COMPLIANT = (EXAMPLES_DIR / "compliant-2025.md").read_text(encoding="utf-8")


def _codes(path, *extra):
    code, out, err = run_cli(["check", "--isolated", "--output-format", "json", *extra, path])
    return code, sorted((d["code"], d["message"]) for d in json.loads(out)["diagnostics"])


def _fix(path, *flags):
    return run_cli(["check", "--isolated", "--output-format", "concise", *flags, path])


def _variant(old, new, text=COMPLIANT):
    assert old in text, old
    return text.replace(old, new, 1)


# (name, change to the compliant example, rule code, safe?, text expected in the fixed file)
CASES = [
    ("section-variant-title", ("## 五、存在的主要问题及改进情况", "## 五、存在问题及改进措施"), "GL101", True,
     "## 五、存在的主要问题及改进情况\n"),
    ("label-misspelled", ("| 现行有效件数 |", "| 现行有效件 |"), "GL201", True, "| 现行有效件数 |"),
    ("label-punctuation", ("| （一）予以公开 |", "| (一)予以公开 |"), "GL204", True, "| （一）予以公开 |"),
    ("section-similar-title", ("## 五、存在的主要问题及改进情况", "## 五、存在的主要问题和改进举措"), "GL101", False,
     "## 五、存在的主要问题及改进情况\n"),
    ("section-missing", None, "GL101", False, "## 五、存在的主要问题及改进情况\n\n（待补充）\n"),
    ("period-missing", None, "GL301", False, "本报告中所列数据的统计期限为2025年1月1日至2025年12月31日。"),
    ("fee-missing", None, "GL302", False, "本机关本年度信息处理费收取情况：【待填写】。"),
]


def _source(name, change):
    if change is not None:
        return _variant(*change)
    if name == "section-missing":
        head, rest = COMPLIANT.split("## 五、存在的主要问题及改进情况\n", 1)
        return head + "## 六、" + rest.split("## 六、", 1)[1]
    if name == "period-missing":
        lines = [ln for ln in COMPLIANT.split("\n") if "统计期限" not in ln]
        return "\n".join(lines)
    if name == "fee-missing":
        return "\n".join(ln for ln in COMPLIANT.split("\n") if "信息处理费" not in ln)
    raise AssertionError(name)


@pytest.mark.parametrize("name,change,code,safe,expected", CASES, ids=[c[0] for c in CASES])
def test_fix_every_fixable_rule(tmp_path, name, change, code, safe, expected):
    path = tmp_path / "report.md"
    source = _source(name, change)
    path.write_text(source, encoding="utf-8")
    _, before = _codes(path)
    assert code in [c for c, _ in before], before
    assert expected not in source

    # --diff: the change as a unified diff, nothing written
    flag = "--fix" if safe else "--unsafe-fixes"
    rc, out, err = _fix(path, flag, "--diff")
    assert rc == 1 and out.startswith(f"--- a/{path}\n+++ b/{path}\n"), (out, err)
    assert any(ln.startswith("+") and expected.strip().split("\n")[0] in ln for ln in out.splitlines())
    assert path.read_text(encoding="utf-8") == source

    if not safe:  # a plain --fix leaves an unsafe fix alone
        rc, out, err = _fix(path, "--fix")
        assert path.read_text(encoding="utf-8") == source
        assert code in out

    rc, out, err = _fix(path, flag)
    fixed = path.read_text(encoding="utf-8")
    assert expected in fixed
    assert "Traceback" not in err
    _, after = _codes(path)
    if name == "fee-missing":  # the inserted sentence asks its author to fill it in
        assert [m for c, m in after if c == code] and all("待填写" in m for c, m in after if c == code)
    else:
        assert code not in [c for c, _ in after], after
    # idempotent: a second run changes nothing
    mtime = os.stat(path).st_mtime_ns
    rc, out, err = _fix(path, flag)
    assert path.read_text(encoding="utf-8") == fixed
    assert os.stat(path).st_mtime_ns == mtime
    rc, out, err = _fix(path, flag, "--diff")
    assert out == ""


def test_fix_leaves_the_rest_of_the_file_byte_for_byte(tmp_path):
    """GB18030 with CRLF line endings: the fix is written in the file's encoding and endings."""
    source = _variant("| 现行有效件数 |", "| 现行有效件 |").replace("\n", "\r\n")
    path = tmp_path / "report.md"
    path.write_bytes(source.encode("gb18030"))
    rc, out, err = _fix(path, "--fix")
    data = path.read_bytes()
    assert data == COMPLIANT.replace("\n", "\r\n").encode("gb18030")


def test_fix_keeps_a_utf8_bom_and_permissions(tmp_path):
    source = _variant("| （一）予以公开 |", "| (一)予以公开 |")
    path = tmp_path / "report.md"
    path.write_bytes(b"\xef\xbb\xbf" + source.encode("utf-8"))
    os.chmod(path, 0o640)
    _fix(path, "--fix")
    assert path.read_bytes() == b"\xef\xbb\xbf" + COMPLIANT.encode("utf-8")
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o640


def test_fix_of_a_text_source(tmp_path):
    source = _variant("## 五、存在的主要问题及改进情况", "五、存在问题及改进措施")
    path = tmp_path / "report.txt"
    path.write_text(source, encoding="utf-8")
    _fix(path, "--fix")
    assert "\n五、存在的主要问题及改进情况\n" in path.read_text(encoding="utf-8")


def test_exception_during_the_write_leaves_the_original(tmp_path, monkeypatch):
    from gaonb_lint import atomic

    source = _variant("| 现行有效件数 |", "| 现行有效件 |")
    path = tmp_path / "report.md"
    path.write_text(source, encoding="utf-8")

    def boom(fh, data):
        fh.write(data[: len(data) // 2])
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(atomic, "_write_all", boom)
    code, out, err = run_main(["check", "--isolated", "--fix", "--output-format", "concise", str(path)])
    assert path.read_text(encoding="utf-8") == source
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]  # the temporary file is gone
    assert "原文件保持不变" in err and "report.md" in err and "Traceback" not in err
    assert "GL201" in out and code == 1


def test_read_only_file_is_reported_not_written(tmp_path):
    source = _variant("| 现行有效件数 |", "| 现行有效件 |")
    path = tmp_path / "report.md"
    path.write_text(source, encoding="utf-8")
    os.chmod(path, 0o444)
    code, out, err = _fix(path, "--fix")
    assert path.read_text(encoding="utf-8") == source
    assert code == 1 and "GL201" in out
    assert "只读" in err and "report.md" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_unreadable_file_is_never_written(tmp_path):
    path = tmp_path / "report.md"
    data = "报告".encode("utf-8") + b"\xff\xfe\x00\x81garbage" * 10
    path.write_bytes(data)
    code, out, err = _fix(path, "--unsafe-fixes")
    assert code == 2 and path.read_bytes() == data and "Traceback" not in err


def test_html_is_refused_with_one_line(tmp_path):
    from conftest import lint_text  # noqa: F401  (the HTML reader is the built-in one)

    html = ("<html><body><h1>白石镇人民政府2025年政府信息公开工作年度报告</h1>"
            "<h2>一、总体情况</h2><p>正文。</p><h2>五、存在问题及改进措施</h2><p>无。</p></body></html>")
    path = tmp_path / "report.html"
    path.write_text(html, encoding="utf-8")
    code, out, err = _fix(path, "--unsafe-fixes")
    assert path.read_text(encoding="utf-8") == html
    notes = [ln for ln in err.splitlines() if "report.html" in ln]
    assert len(notes) == 1 and "HTML" in notes[0] and "Traceback" not in err


def test_diff_and_fix_counts(tmp_path):
    source = _variant("| （一）予以公开 |", "| (一)予以公开 |", _variant("| 现行有效件数 |", "| 现行有效件 |"))
    path = tmp_path / "report.md"
    path.write_text(source, encoding="utf-8")
    rc, out, err = _fix(path, "--fix")
    assert rc == 0, out
    assert "已修复 2 个问题" in out
    assert path.read_text(encoding="utf-8") == COMPLIANT
