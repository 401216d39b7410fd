"""The scoring of tools/score_real_corpus.py itself: matching findings to hand labels.

Uses a label file and a document written here and hand-made findings (no linter run), so each
way a finding can count — true positive, false positive, second finding for one cause, false
negative, optional, ignored, cut-off section, skipped rule — is checked on its own.
"""
from __future__ import annotations

import importlib.util
import sys
import textwrap

import pytest

from conftest import REPO_ROOT

_spec = importlib.util.spec_from_file_location("score_real_corpus", REPO_ROOT / "tools" / "score_real_corpus.py")
src = importlib.util.module_from_spec(_spec)
sys.modules.setdefault("score_real_corpus", src)
_spec.loader.exec_module(src)

DOC = "标题2024年政府信息公开工作年度报告\n一、总体情况\n统计期限为20241月1日至12月31日。\n二、主动公开政府信息情况\n第二十条第(一)项 | |||\n规范性文件 | 0 | 0 | 0 |\n"


def write(tmp_path, labels: str, extra: str = "", doc: str = DOC):
    (tmp_path / "d.txt").write_text(doc, encoding="utf-8")
    clean = "".join(f"  {r}: {{verdict: clean, reason: r}}\n" for r in src.RULES if f"  {r}:" not in labels)
    (tmp_path / "d.yaml").write_text(textwrap.dedent(f"""\
        id: d
        file: d.txt
        source: {{url: "https://example.invalid/d", via: test}}
        {extra}
        labels:
        """) + labels + clean, encoding="utf-8")
    return src.load_document(tmp_path / "d.yaml")


def finding(rule, line, message="m"):
    return {"rule": rule, "line": line, "column": 1, "message": message}


def score(doc, findings):
    s = src.Score()
    src.score_document(doc, findings, s)
    return s


def test_true_positive_false_positive_and_false_negative(tmp_path):
    doc = write(tmp_path, "  table-labels:\n    verdict: violation\n    reason: r\n"
                          "    expected:\n      - {anchor: \"规范性文件 |\"}\n      - {line: 5}\n")
    s = score(doc, [finding("table-labels", 6), finding("table-labels", 2)])
    assert (s.tp["table-labels"], s.fp["table-labels"], s.fn["table-labels"]) == (1, 1, 1)
    assert s.precision("table-labels") == 0.5 and s.recall("table-labels") == 0.5


def test_second_finding_for_one_cause_is_a_false_positive(tmp_path):
    doc = write(tmp_path, "  table-unreadable:\n    verdict: violation\n    reason: r\n"
                          "    expected:\n      - {line: 5, to_end: true}\n")
    s = score(doc, [finding("table-unreadable", 5), finding("table-unreadable", 6)])
    assert (s.tp["table-unreadable"], s.fp["table-unreadable"]) == (1, 1)
    assert [o.kind for o in s.outcomes] == ["dup"]


def test_optional_expected_finding_counts_only_when_found(tmp_path):
    labels = ("  table-unreadable:\n    verdict: violation\n    reason: r\n"
              "    expected:\n      - {line: 5, to_end: true, optional: true}\n")
    assert score(write(tmp_path, labels), []).fn.get("table-unreadable", 0) == 0
    assert score(write(tmp_path, labels), [finding("table-unreadable", 6)]).tp["table-unreadable"] == 1


def test_expected_finding_with_says_matches_only_a_message_holding_it(tmp_path):
    # A report crawled onto one line: the line cannot tell which section a finding is about.
    doc = write(tmp_path, "  required-sections:\n    verdict: violation\n    reason: r\n"
                          "    expected:\n      - {line: 2, says: \"一、\"}\n")
    s = score(doc, [finding("required-sections", 2, "缺少章节 “三、收到和处理政府信息公开申请情况”")])
    assert (s.tp["required-sections"], s.fp["required-sections"], s.fn["required-sections"]) == (0, 1, 1)
    assert [o.kind for o in s.outcomes] == ["fp", "fn"]
    s = score(doc, [finding("required-sections", 2, "章节标题 “一、总体情况” …")])
    assert (s.tp["required-sections"], s.fp["required-sections"]) == (1, 0)


def test_clean_rule_makes_every_finding_a_false_positive_and_skip_ignores_them(tmp_path):
    doc = write(tmp_path, "  balance: {verdict: skip, reason: r}\n")
    s = score(doc, [finding("report-year", 1), finding("balance", 5)])
    assert s.fp["report-year"] == 1 and "balance" not in s.fp


def test_cut_sections_and_ignore(tmp_path):
    doc = write(tmp_path, "  fee-statement:\n    verdict: clean\n    reason: r\n    ignore:\n      - {says: 缺少}\n",
                extra="cut_sections: [三, 四, 五, 六]")
    s = score(doc, [finding("required-sections", 4, "缺少章节：应有 “三、收到和处理政府信息公开申请情况”"),
                    finding("required-sections", 1, "缺少章节：应有 “一、总体情况”"),
                    finding("fee-statement", 1, "缺少说明")])
    assert s.fp["required-sections"] == 1 and s.fp.get("fee-statement", 0) == 0


def test_unlabelled_rule_is_a_false_positive(tmp_path):
    s = score(write(tmp_path, ""), [finding("plugin-error", 1)])
    assert s.fp["plugin-error"] == 1 and s.precision("plugin-error") == 0.0


@pytest.mark.parametrize("labels, problem", [
    ("  balance: {verdict: maybe, reason: r}\n", "verdict"),
    ("  balance: {verdict: clean}\n", "reason"),
    ("  balance: {verdict: violation, reason: r}\n", "expected"),
    ("  balance:\n    verdict: violation\n    reason: r\n    expected:\n      - {anchor: 不在文中}\n", "not found"),
    ("  balance:\n    verdict: violation\n    reason: r\n    expected:\n      - {line: 2, anchor: 规范性文件}\n", "not on line"),
])
def test_malformed_labels_are_refused(tmp_path, labels, problem):
    with pytest.raises(src.LabelError, match=problem):
        write(tmp_path, labels)


def test_a_missing_rule_label_is_refused(tmp_path):
    (tmp_path / "d.txt").write_text(DOC, encoding="utf-8")
    (tmp_path / "d.yaml").write_text("id: d\nfile: d.txt\nsource: {url: u, via: v}\nlabels: {}\n", encoding="utf-8")
    with pytest.raises(src.LabelError, match="no label for"):
        src.load_document(tmp_path / "d.yaml")
