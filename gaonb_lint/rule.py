"""A rule, what its ``check`` yields, and what it may know besides the report.

Public through ``gaonb_lint.api``; the host and the meta rules import it from here so that no
core module depends on the public facade.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple, Union

from gaonb_lint.model import Node, Report

if TYPE_CHECKING:  # pragma: no cover
    from gaonb_lint.official_format import FormatVersion

SLUG_RE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
CODE_RE = re.compile(r"^[A-Z]{1,4}[0-9]{3,4}$")
SEVERITIES = ("error", "warning", "info")

Where = Union[Node, Tuple[int, int], int]


@dataclass(frozen=True)
class Option:
    """One option a rule (or a plugin) declares: ``[rules.<slug>] <name> = value`` in the
    configuration.  ``type`` is the Python type of a valid value (``str``, ``int``, ``float``,
    ``bool`` or ``list``); ``allowed`` limits the values when given; ``doc`` is ``{"zh", "en"}``."""

    name: str
    type: type
    default: Any
    doc: Mapping[str, str]
    allowed: Optional[Sequence[Any]] = None


@dataclass
class Fix:
    """A text edit that repairs a finding: replace ``text[start:end]`` with ``replacement``."""

    start: int
    end: int
    replacement: str
    safe: bool = True


@dataclass
class Finding:
    """What a rule's ``check`` yields: a place, a message key and its parameters.  ``report`` is
    ``None`` for the report being checked; a rule over a set of reports names the one it means."""

    start: int
    end: int
    message: str
    params: Dict[str, Any] = field(default_factory=dict)
    severity: Optional[str] = None  # None: the rule's (configured) severity
    fix: Optional[Fix] = None
    report: Optional[Report] = None


@dataclass
class RuleContext:
    """What a rule may know besides the report: the governing format version (``None`` for a
    report older than any format), the rule's own options from configuration, and the language."""

    rule: "BaseRule"
    format: Optional["FormatVersion"]
    options: Mapping[str, Any] = field(default_factory=dict)
    lang: str = "zh"

    def finding(self, where: Where, message: str, severity: Optional[str] = None,
                fix: Optional[Fix] = None, report: Optional[Report] = None, **params: Any) -> Finding:
        """A finding at a node, an ``(start, end)`` offset pair, or a single offset (of ``report``,
        which only a rule over a set of reports passes)."""
        if isinstance(where, Node):
            start, end = where.start, where.end
        elif isinstance(where, tuple):
            start, end = where
        else:
            start = end = int(where)
        if message not in self.rule.messages:
            raise KeyError(f"rule {self.rule.slug} has no message {message!r}")
        return Finding(start, end, message, dict(params), severity, fix, report)


Check = Callable[[Report, RuleContext], Iterable[Finding]]
ReportSetCheck = Callable[[Sequence[Report], RuleContext], Iterable[Finding]]


@dataclass(repr=False)
class BaseRule:
    """What every rule has.  ``messages`` maps a key to ``{"zh": template, "en": template}``
    (``str.format`` templates over the finding's params); ``doc`` is Markdown with the headings
    ``## What it does``, ``## Why``, ``## Format clause``, ``## Example``, ``## How to fix``."""

    slug: str
    code: str
    summary: Mapping[str, str]
    messages: Mapping[str, Mapping[str, str]]
    doc: str = ""
    severity: str = "error"
    options: Sequence[Option] = ()
    plugin: str = ""  # filled in by the host
    meta: bool = False  # the host's own rules, about the run rather than the report (plugin-error …)

    def problems(self) -> List[str]:
        """What is wrong with this rule's definition (empty when it is well-formed)."""
        out = []
        if not SLUG_RE.match(self.slug or ""):
            out.append(f"slug {self.slug!r} must be lower-case words joined by '-'")
        if not CODE_RE.match(self.code or ""):
            out.append(f"code {self.code!r} must be 1-4 capital letters and 3-4 digits")
        if self.severity not in SEVERITIES:
            out.append(f"severity {self.severity!r} must be error, warning or info")
        for lang in ("zh", "en"):
            if not self.summary.get(lang):
                out.append(f"summary has no {lang!r} text")
        for key, tpl in self.messages.items():
            for lang in ("zh", "en"):
                if not tpl.get(lang):
                    out.append(f"message {key!r} has no {lang!r} template")
        if not callable(getattr(self, "check", None)):
            out.append("check is not callable")
        return out

    def __repr__(self) -> str:  # short: pluggy's --debug trace prints every rule a hook returns
        return f"{type(self).__name__}({self.slug!r}, {self.code!r}, plugin={self.plugin!r})"

    def render(self, finding: Finding, lang: str) -> str:
        templates = self.messages[finding.message]
        tpl = templates.get(lang) or templates["zh"]
        return tpl.format(**finding.params)


@dataclass(repr=False)
class Rule(BaseRule):
    """A rule over one report: ``check(report, ctx)`` yields findings.  ``applies_before_2019``
    says whether the rule still runs on reports older than any format."""

    check: Check = field(default=lambda report, ctx: ())
    applies_before_2019: bool = False


@dataclass(repr=False)
class ReportSetRule(BaseRule):
    """A rule over all the reports of one run that it is enabled for (this year's report against
    last year's, say): ``check(reports, ctx)`` yields findings made with
    ``ctx.finding(where, message, report=one_of_them, …)``.  ``ctx.format`` is ``None``: each
    report's version is ``official_format.version_for_year(report.year)``."""

    check: ReportSetCheck = field(default=lambda reports, ctx: ())
