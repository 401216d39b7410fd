"""The public plugin API.  Built-in rules import only from here; so should third parties.

A rule is a small module::

    '''## What it does ... ## Why ... ## Format clause ... ## Example ... ## How to fix ...'''
    from gaonb_lint.api import Rule, Finding

    def check(report, ctx):
        if not report.sections:
            yield ctx.finding(report.title or (0, 0), "empty")

    RULE = Rule(slug="my-rule", code="XY101", summary={"zh": "…", "en": "…"},
                messages={"empty": {"zh": "报告为空", "en": "the report is empty"}},
                check=check, doc=__doc__)

and a plugin returns its rules from the ``gaonb_lint_rules`` hook (see ``gaonb_lint.hookspec``).
"""
from __future__ import annotations

from typing import Any

import pluggy

from gaonb_lint import official_format
from gaonb_lint.contracts import ConfigDefaults, OutputFormat, Reader, RunResults
from gaonb_lint.diagnostics import Diagnostic
from gaonb_lint.model import Block, Cell, Heading, Node, Paragraph, Report, Section, Span, Table, TableIssue
from gaonb_lint.normalize import normalize_label
from gaonb_lint.official_format import FormatVersion, SectionSpec
from gaonb_lint.period import EndOnly, Period, find_end_only, find_periods, find_statistics_period
from gaonb_lint.rule import BaseRule, Check, Finding, Fix, Option, ReportSetCheck, ReportSetRule, Rule, RuleContext

#: Marks a plugin's hook implementations: pluggy's own ``HookimplMarker("gaonb_lint")``.
hookimpl = pluggy.HookimplMarker("gaonb_lint")


# The official tables (mapping, relations) and the publication date, imported on first use so
# that loading the rules stays cheap: ``from gaonb_lint.api import map_table`` inside ``check``.
_LAZY = {
    "map_table": "gaonb_lint.tables.mapping", "MappedTable": "gaonb_lint.tables.mapping",
    "MappedCell": "gaonb_lint.tables.mapping", "LabelProblem": "gaonb_lint.tables.mapping",
    "MappingProblem": "gaonb_lint.tables.mapping", "locate_tables": "gaonb_lint.tables.locate",
    "find_section": "gaonb_lint.tables.locate", "LocatedTable": "gaonb_lint.tables.locate",
    "table_spec": "gaonb_lint.tables.spec", "TableSpec": "gaonb_lint.tables.spec",
    "parse_value": "gaonb_lint.tables.values", "relation_instances": "gaonb_lint.tables.relations",
    "evaluate_relations": "gaonb_lint.tables.relations", "Violation": "gaonb_lint.tables.relations",
    "find_publication_date": "gaonb_lint.publication", "Published": "gaonb_lint.publication",
    "unreadable_date": "gaonb_lint.publication", "table_trace": "gaonb_lint.tables.locate",
    "is_placeholder": "gaonb_lint.tables.values", "table_cut_off": "gaonb_lint.tables.cut",
    "table_name": "gaonb_lint.tables.describe", "cell_name": "gaonb_lint.tables.describe",
    "version_name": "gaonb_lint.tables.describe", "violation_params": "gaonb_lint.tables.describe",
    "LABEL_AXIS_NAMES": "gaonb_lint.tables.describe",
}
_RENAMED = {"relation_instances": "instances", "evaluate_relations": "evaluate", "table_cut_off": "cut_off"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from importlib import import_module

        value = getattr(import_module(_LAZY[name]), _RENAMED.get(name, name))
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "BaseRule", "Block", "Cell", "Check", "ConfigDefaults", "Diagnostic", "EndOnly", "Finding", "Fix",
    "FormatVersion", "Heading", "Node", "Option", "OutputFormat", "Paragraph", "Period", "Reader", "Report",
    "ReportSetCheck", "ReportSetRule", "Rule", "RuleContext", "RunResults", "Section", "SectionSpec", "Span",
    "Table", "TableIssue", "find_end_only", "find_periods", "find_statistics_period", "hookimpl",
    "normalize_label", "official_format",
] + sorted(_LAZY)
