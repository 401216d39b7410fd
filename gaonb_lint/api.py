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

import re
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, Iterable, Mapping, Optional, Tuple, Union

from gaonb_lint import official_format
from gaonb_lint.official_format import FormatVersion, SectionSpec
from gaonb_lint.model import Block, Cell, Heading, Node, Paragraph, Report, Section, Span, Table, TableIssue
from gaonb_lint.normalize import normalize_label
from gaonb_lint.period import EndOnly, Period, find_end_only, find_periods, find_statistics_period


class _HookimplMarker:
    """``pluggy.HookimplMarker("gaonb_lint")`` without importing pluggy (a start-up cost on every
    ``check``): it sets the same ``gaonb_lint_impl`` options dict that pluggy reads, so marked
    functions work with pluggy's ``PluginManager`` and with the host's fast loader alike."""

    project_name = "gaonb_lint"

    def __call__(self, function=None, hookwrapper=False, optionalhook=False, tryfirst=False,
                 trylast=False, specname=None, wrapper=False):
        def mark(func):
            setattr(func, self.project_name + "_impl", {
                "wrapper": wrapper, "hookwrapper": hookwrapper, "optionalhook": optionalhook,
                "tryfirst": tryfirst, "trylast": trylast, "specname": specname})
            return func

        return mark if function is None else mark(function)


hookimpl = _HookimplMarker()

SLUG_RE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
CODE_RE = re.compile(r"^[A-Z]{1,4}[0-9]{3,4}$")
DOC_SECTIONS = ("## What it does", "## Why", "## Format clause", "## Example", "## How to fix")

Where = Union[Node, Tuple[int, int], int]


@dataclass
class Fix:
    """A text edit that repairs a finding: replace ``text[start:end]`` with ``replacement``."""

    start: int
    end: int
    replacement: str
    safe: bool = True


@dataclass
class Finding:
    """What a rule's ``check`` yields: a place, a message key and its parameters."""

    start: int
    end: int
    message: str
    params: Dict[str, Any] = field(default_factory=dict)
    severity: Optional[str] = None  # None: the rule's (configured) severity
    fix: Optional[Fix] = None


@dataclass
class RuleContext:
    """What a rule may know besides the report: the governing format version (``None`` for a
    report older than any format), the rule's own options from configuration, and the language."""

    rule: "Rule"
    format: Optional[FormatVersion]
    options: Mapping[str, Any] = field(default_factory=dict)
    lang: str = "zh"

    def finding(self, where: Where, message: str, severity: Optional[str] = None,
                fix: Optional[Fix] = None, **params: Any) -> Finding:
        """A finding at a node, an ``(start, end)`` offset pair, or a single offset."""
        if isinstance(where, Node):
            start, end = where.start, where.end
        elif isinstance(where, tuple):
            start, end = where
        else:
            start = end = int(where)
        if message not in self.rule.messages:
            raise KeyError(f"rule {self.rule.slug} has no message {message!r}")
        return Finding(start, end, message, dict(params), severity, fix)


Check = Callable[[Report, RuleContext], Iterable[Finding]]


@dataclass
class Rule:
    """One rule.  ``messages`` maps a key to ``{"zh": template, "en": template}`` (``str.format``
    templates over the finding's params); ``doc`` is Markdown with the headings in ``DOC_SECTIONS``.
    ``applies_before_2019`` says whether the rule still runs on reports older than any format."""

    slug: str
    code: str
    summary: Mapping[str, str]
    messages: Mapping[str, Mapping[str, str]]
    check: Check
    doc: str = ""
    severity: str = "error"
    applies_before_2019: bool = False
    plugin: str = ""  # filled in by the host

    def problems(self) -> list:
        """What is wrong with this rule's definition (empty when it is well-formed)."""
        out = []
        if not SLUG_RE.match(self.slug or ""):
            out.append(f"slug {self.slug!r} must be lower-case words joined by '-'")
        if not CODE_RE.match(self.code or ""):
            out.append(f"code {self.code!r} must be 1-4 capital letters and 3-4 digits")
        if self.severity not in ("error", "warning", "info"):
            out.append(f"severity {self.severity!r} must be error, warning or info")
        for lang in ("zh", "en"):
            if not self.summary.get(lang):
                out.append(f"summary has no {lang!r} text")
        for key, tpl in self.messages.items():
            for lang in ("zh", "en"):
                if not tpl.get(lang):
                    out.append(f"message {key!r} has no {lang!r} template")
        if not callable(self.check):
            out.append("check is not callable")
        return out

    def render(self, finding: Finding, lang: str) -> str:
        templates = self.messages[finding.message]
        tpl = templates.get(lang) or templates["zh"]
        return tpl.format(**finding.params)


@dataclass
class Reader:
    """Reads one kind of source into a :class:`Report`.  ``read(path, text)`` gets the decoded
    text; readers for binary containers set ``binary=True`` and get ``bytes`` instead."""

    name: str
    suffixes: Tuple[str, ...]
    read: Callable[[str, Any], Report]
    binary: bool = False


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
    "table_name": "gaonb_lint.tables.describe", "cell_name": "gaonb_lint.tables.describe",
    "version_name": "gaonb_lint.tables.describe", "violation_params": "gaonb_lint.tables.describe",
    "LABEL_AXIS_NAMES": "gaonb_lint.tables.describe",
}
_RENAMED = {"relation_instances": "instances", "evaluate_relations": "evaluate"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from importlib import import_module

        value = getattr(import_module(_LAZY[name]), _RENAMED.get(name, name))
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "Block", "Cell", "Check", "EndOnly", "Finding", "Period", "find_end_only", "find_periods",
    "find_statistics_period", "Fix", "FormatVersion", "Heading", "Node", "Paragraph",
    "Reader", "Report", "Rule", "RuleContext", "Section", "SectionSpec", "Span", "Table",
    "TableIssue", "hookimpl", "normalize_label", "official_format",
] + sorted(_LAZY)
