"""A report keeps the evidence its reader found, with positions: where the year was read, where
each front-matter key is written; shared helpers keep their results in ``Report.derived``."""
from __future__ import annotations

from gaonb_lint.readers.markdown import read_markdown
from gaonb_lint.readers.text import read_text


def test_year_from_the_title_points_at_it():
    text = "# 某镇人民政府2025年政府信息公开工作年度报告\n\n## 一、总体情况\n\n2024年……\n"
    report = read_markdown("r.md", text)
    ev = report.year_evidence
    assert report.year == 2025 and ev.source == "title" and text[ev.start:ev.end] == "2025年"


def test_year_from_front_matter_points_at_its_line():
    text = "---\nbody: 某镇人民政府\nyear: 2024\npublished: 2025-01-20\n---\n\n## 一、总体情况\n\n正文。\n"
    report = read_markdown("r.md", text)
    ev = report.year_evidence
    assert report.year == 2024 and ev.source == "metadata" and text[ev.start:ev.end] == "year: 2024"
    start, end = report.metadata_spans["published"]
    assert text[start:end] == "published: 2025-01-20"


def test_year_from_the_statistics_period_points_at_the_range():
    text = "政府信息公开工作年度报告\n本报告中所列数据的统计期限为2023年1月1日至2023年12月31日。\n一、总体情况\n正文。\n"
    report = read_text("r.txt", text)
    ev = report.year_evidence
    assert report.year == 2023 and ev.source == "period"
    assert text[ev.start:ev.end].startswith("2023年1月1日")


def test_publication_date_from_front_matter_is_located_by_the_reader():
    from gaonb_lint.publication import find_publication_date

    text = "---\nyear: 2025\npublished: 2026-02-05\n---\n\n# 某局2025年政府信息公开工作年度报告\n"
    report = read_markdown("r.md", text)
    published = find_publication_date(report)
    assert text[published.start:published.end] == "published: 2026-02-05"


def test_located_tables_are_kept_in_derived_not_in_hidden_attributes():
    from gaonb_lint.tables.locate import locate_tables

    report = read_markdown("r.md", "# 某镇2025年政府信息公开工作年度报告\n\n## 二、主动公开政府信息情况\n\n无。\n")
    before = set(vars(report))
    first = locate_tables(report, "v2021")
    assert locate_tables(report, "v2021") is first and set(vars(report)) == before
    assert report.derived["located_tables"]["v2021"] is first


def test_the_body_is_read_once_by_the_reader():
    titled = read_text("r.txt", "某县人民政府2025年政府信息公开工作年度报告\n一、总体情况\n正文。\n")
    assert titled.body == "某县人民政府"
    fronted = read_markdown("r.md", "---\nbody: 某镇人民政府\n---\n\n# 2025年政府信息公开工作年度报告\n")
    assert fronted.body == "某镇人民政府"


def test_a_pdf_report_keeps_what_the_reader_recorded():
    from dataclasses import fields

    from gaonb_lint.model import Report
    from gaonb_lint.readers import pdf

    assert set(pdf._REPORT_FIELDS) == {f.name for f in fields(Report) if f.init} - {"_line_starts"}


def test_every_year_candidate_is_kept_with_where():
    text = ("---\nyear: 2024\n---\n\n# 某镇人民政府2025年政府信息公开工作年度报告\n\n"
            "本报告中所列数据的统计期限为2023年1月1日至2023年12月31日。\n\n"
            "## 一、总体情况\n\n2025年，本镇……2025年……2022年……\n")
    report = read_markdown("r.md", text)
    got = [(c.source, c.year, text[c.start:c.end]) for c in report.year_candidates]
    assert got == [("title", 2025, "2025"), ("metadata", 2024, "year: 2024"),
                   ("period", 2023, "2023年1月1日至2023年12月31日"),
                   ("body", 2025, "2025"), ("body", 2025, "2025"), ("body", 2022, "2022")]
    assert report.year == 2025 and report.year_evidence.source == "title"  # the reader's choice


def test_the_statistics_period_statement_is_recorded():
    from gaonb_lint.period import Period

    text = "政府信息公开工作年度报告\n统计期限为2025年1月1日至\n2025年12月31日。其他。\n一、总体情况\n正文。\n"
    st = read_text("r.txt", text).period  # broken over two lines, read whole
    assert st.kind == "period" and isinstance(st.value, Period) and st.value.end == (2025, 12, 31)
    assert text[st.start:st.end] == "2025年1月1日至\n2025年12月31日" and text[st.sentence_end - 1] == "。"
    st = read_text("r.txt", "报告\n数据统计截至2025年12月31日\n一、总体情况\n").period
    assert st.kind == "end-only" and st.sentence_end == -1
    assert read_text("r.txt", "报告\n一、总体情况\n正文。\n").period is None


def test_suppression_comments_are_recorded_for_markdown_only():
    text = "# 报告\n\n<!-- gaonb-lint-disable-next-line GL302 -- 附件中 -->\n正文。\n"
    (comment,) = read_markdown("r.md", text).suppressions
    assert (comment.kind, comment.names) == ("disable-next-line", ("GL302",))
    assert text[comment.start:comment.end] == "<!-- gaonb-lint-disable-next-line GL302 -- 附件中 -->"
    assert read_text("r.txt", text).suppressions == []  # scraped text: comments are not directives


def test_rules_read_the_evidence_not_the_text():
    """statistics-period and report-year judge what the reader recorded: change the evidence and
    their findings follow it, though the text is the same."""
    from gaonb_lint.engine import run_rules
    from gaonb_lint.host import load_host

    text = "某镇2025年政府信息公开工作年度报告\n统计期限为2025年1月1日至2025年12月31日。\n一、总体情况\n正文。\n"
    report = read_text("r.txt", text)
    rules = [r for r in load_host().rules if r.slug in ("statistics-period", "report-year")]
    assert run_rules(report, rules, "en", {}, {}) == []
    report.period = None
    report.year_candidates = [c for c in report.year_candidates if c.source == "title"] + [
        type(report.year_candidates[0])(2024, "body", 0, 2), type(report.year_candidates[0])(2024, "body", 0, 2)]
    assert sorted(d.rule for d in run_rules(report, rules, "en", {}, {})) == ["report-year", "statistics-period"]
