"""One line index, one subsequence routine, one fold table: every place that needs them uses the
same one (so that, e.g., a scraped line and a Markdown cell fold a label the same way)."""
from __future__ import annotations

import pytest

from gaonb_lint import lineindex, normalize
from gaonb_lint.model import Report
from gaonb_lint.readers import table_vocab
from gaonb_lint.rule import Extract
from gaonb_lint.sequences import longest_increasing


@pytest.mark.parametrize("text", ["", "a", "a\n", "ab\ncd\n\nef", "\n\n", "一、总体情况\r\n二"])
def test_line_index_matches_str_split(text):
    starts = lineindex.line_starts(text)
    lines = text.split("\n")
    assert len(starts) == len(lines)
    for k, (start, line) in enumerate(zip(starts, lines)):
        assert text[start:start + len(line)] == line
        assert lineindex.line_of(starts, start) == k
        assert lineindex.position(starts, start + len(line), len(text)) == (k + 1, len(line) + 1)


def test_report_and_extract_positions_agree():
    text = "标题\n一、总体情况\n本年度……\n"
    report = Report(path="x.md", text=text, source_format="markdown")
    extract = Extract(report, None)
    for offset in (-3, 0, 2, 3, 9, len(text), len(text) + 5):
        assert report.position(offset) == extract.position(offset) == \
            lineindex.position(lineindex.line_starts(text), offset, len(text))
    assert report.position(3) == (2, 1)


@pytest.mark.parametrize("seq, expected", [
    ([], []), ([5], [0]), ([0, 1, 2], [0, 1, 2]), ([2, 0, 1], [1, 2]), ([1, 0], [0]),
    ([0, 3, 1, 2, 4], [0, 2, 3, 4]), ([0, 0, 1], [0, 2]),
])
def test_longest_increasing(seq, expected):
    assert longest_increasing(seq) == expected


def test_one_fold_table():
    assert table_vocab.FOLD_CHARS is normalize.FOLD_CHARS
    text = "“信息”‘内容’〔2021〕【表】—–－«x»„y‟\u200b处\u00ad理"
    folded, where, _ = table_vocab.normalize_with_map(text)
    assert folded == normalize.normalize_label(text)
    assert all(text[i] not in normalize.ZERO_WIDTH for i in where)
