"""Issue 10: how real sites publish reports — behaviour the YAML cases cannot state (the order
of findings, --verbose notes)."""
from __future__ import annotations

import json

from conftest import run_main


def _write(tmp_path, name, text):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_missing_sections_come_in_the_formats_order(tmp_path):
    p = _write(tmp_path, "r.txt", "某县2025年政府信息公开工作年度报告\n一、总体情况\n本机关依法做好公开工作。\n")
    code, out, _ = run_main(["check", "--isolated", "--format", "json", "--select", "required-sections", str(p)])
    assert code == 1
    got = [d["message"].split("“")[1].split("、")[0] for d in json.loads(out)["diagnostics"]]
    assert got == ["二", "三", "四", "五", "六"]


def test_verbose_says_where_a_heading_was_found_inside_a_line(tmp_path):
    p = _write(tmp_path, "r.txt", "某县2025年政府信息公开工作年度报告\n"
                                  "一、总体情况\n本机关依法做好公开工作。二、主动公开政府信息情况本年度主动公开信息120条。\n"
                                  "## 三、收到和处理政府信息公开申请情况\n")
    code, _, err = run_main(["check", "--isolated", "--verbose", "--select", "required-sections", str(p)])
    assert "第 3 行章节标题 “二、主动公开政府信息情况”嵌在行内" in err
    assert "第 4 行章节标题 “三、收到和处理政府信息公开申请情况”按 Markdown 标题（#）识别" in err
    assert "一、总体情况" not in err  # a heading on a line of its own needs no note
    code, _, err = run_main(["check", "--isolated", "--verbose", "--lang", "en", "--select", "required-sections", str(p)])
    assert "line 3: section heading “二、主动公开政府信息情况” inside a line" in err


def test_html_pubdate_meta_is_the_publication_date(tmp_path):
    page = ("<html><head><title>某市生态环境局2025年政府信息公开工作年度报告</title>"
            '<meta name="PubDate" content="{date}"></head><body><h1>某市生态环境局2025年政府信息公开工作年度报告</h1>'
            "<p>一、总体情况</p><p>本局依法公开。</p></body></html>")
    late = _write(tmp_path, "late.html", page.format(date="2026-02-16 10:22"))
    code, out, _ = run_main(["check", "--isolated", "--format", "json", "--select", "publication-deadline", str(late)])
    [d] = json.loads(out)["diagnostics"]
    assert "发布日期 2026-02-16 晚于法定期限" in d["message"]
    bad = _write(tmp_path, "bad.html", page.format(date="2026年二月"))
    code, out, _ = run_main(["check", "--isolated", "--format", "json", "--select", "publication-deadline", str(bad)])
    [d] = json.loads(out)["diagnostics"]
    assert "“2026年二月” 无法识别为日期" in d["message"] and d["severity"] == "warning"
    ok = _write(tmp_path, "ok.html", page.format(date="2026-01-16T10:00:00+08:00"))
    code, out, _ = run_main(["check", "--isolated", "--format", "json", "--select", "publication-deadline", str(ok)])
    assert json.loads(out)["diagnostics"] == [] and code == 0


def test_markdown_markers_in_a_text_file_are_markup_not_text():
    from sources_helpers import read

    report = read("# 某镇2025年政府信息公开工作年度报告\n## 一、总体情况 ##\n本镇依法公开。\n**二、主动公开政府信息情况**\n", ".txt")
    assert report.title_text == "某镇2025年政府信息公开工作年度报告" and report.year == 2025
    assert [(s.number, s.title, s.heading.how) for s in report.sections] == [
        ("一", "总体情况", "markdown"), ("二", "主动公开政府信息情况", "bold")]
