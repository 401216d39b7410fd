"""The public plugin API.  Built-in rules import only from here; so should third parties.

A rule is a small module::

    '''## What it does ... ## Why ... ## Format clause ... ## Example ... ## How to fix ...'''
    from gaonb_lint.api import Rule

    def check(report, ctx):
        if not report.sections:
            yield ctx.finding(report.title or (0, 0), "empty")

    RULE = Rule(slug="my-rule", code="XY101", summary={"zh": "…", "en": "…"},
                messages={"empty": {"zh": "报告为空", "en": "the report is empty"}},
                check=check, doc=__doc__)

and a plugin returns its rules from the ``gaonb_lint_rules`` hook (see ``gaonb_lint.hookspec``).

Two submodules hold what only some rules need and is dearer to import; import them inside
``check``: ``gaonb_lint.api.tables`` (the official tables of a report, mapped cell by cell, and
their arithmetic relations) and ``gaonb_lint.api.publication`` (the publication date).
"""
from __future__ import annotations

import pluggy

from gaonb_lint import official_format
from gaonb_lint.contracts import ConfigDefaults, OutputFormat, Reader, RunResults
from gaonb_lint.diagnostics import Diagnostic
from gaonb_lint.hookspec import API_VERSION
from gaonb_lint.model import Block, Cell, Heading, Node, Paragraph, Report, Section, Span, Table, TableIssue
from gaonb_lint.normalize import normalize_label
from gaonb_lint.official_format import FormatVersion, SectionSpec
from gaonb_lint.period import EndOnly, Period, find_end_only, find_periods, find_statistics_period
from gaonb_lint.rule import (ALL_FORMATS, NO_FORMAT, BaseRule, Check, Extract, Finding, Fix, Option,
                             ReportSetCheck, ReportSetRule, Rule, RuleContext, Text, Where)
from gaonb_lint.sequences import longest_increasing

#: Marks a plugin's hook implementations: pluggy's own ``HookimplMarker("gaonb_lint")``.
hookimpl = pluggy.HookimplMarker("gaonb_lint")

__all__ = [
    "ALL_FORMATS", "API_VERSION", "BaseRule", "Block", "Cell", "Check", "ConfigDefaults", "Diagnostic",
    "EndOnly", "Extract", "Finding", "Fix", "FormatVersion", "Heading", "NO_FORMAT", "Node", "Option", "OutputFormat",
    "Paragraph", "Period", "Reader", "Report", "ReportSetCheck", "ReportSetRule", "Rule", "RuleContext",
    "RunResults", "Section", "SectionSpec", "Span", "Table", "TableIssue", "Text", "Where", "find_end_only",
    "find_periods", "find_statistics_period", "hookimpl", "longest_increasing", "normalize_label",
    "official_format",
]
