"""Running rules: every enabled rule over one report (or over the set of reports of a run), each
finding turned into a ``Diagnostic``; a rule that raises becomes one ``plugin-error``."""
from __future__ import annotations

import sys
from typing import Any, Dict, List, Mapping, Optional, Sequence

from gaonb_lint import official_format
from gaonb_lint.diagnostics import Diagnostic
from gaonb_lint.meta_rules import PLUGIN_ERROR
from gaonb_lint.model import Report
from gaonb_lint.rule import BaseRule, Finding, ReportSetRule, Rule, RuleContext


def describe_exception(exc: BaseException) -> str:
    """The first line of a plugin's exception text, for a person: the class name is a
    programmer's word (``--debug`` prints the traceback), used only when there is no text."""
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def run_rules(report: Report, rules: List[Rule], lang: str, severities: Dict[str, str],
              options: Mapping[str, Mapping[str, Any]], forced_version: Optional[str] = None,
              debug: bool = False, plugin_options: Optional[Mapping[str, Mapping[str, Any]]] = None) -> List[Diagnostic]:
    """Every enabled rule over one report; a rule that raises becomes a ``plugin-error``."""
    fmt = official_format.version_for_year(report.year, forced_version)
    out: List[Diagnostic] = []
    for rule in rules:
        if not rule.runs_on(fmt.id if fmt is not None else None):
            continue
        ctx = RuleContext(rule=rule, format=fmt, options=rule.option_values(options.get(rule.slug, {})), lang=lang,
                          plugin_options=(plugin_options or {}).get(rule.plugin, {}))
        try:
            findings = list(rule.check(report, ctx))
            # Rendering runs the rule's templates on its params: a bad one is the rule's crash too.
            diags = [to_diagnostic(report, rule, f, lang, f.severity or severities.get(rule.slug, rule.severity))
                     for f in findings]
        except Exception as e:
            out.append(_crash(report, rule, e, lang, debug))
            continue
        out.extend(diags)
    return out


def run_report_set_rules(reports: Sequence[Report], rules: Sequence[ReportSetRule], lang: str,
                         severities: Dict[str, str], options: Mapping[str, Mapping[str, Any]],
                         debug: bool = False) -> List[Diagnostic]:
    """Every enabled rule over the set of reports of a run; a finding names its report (the first
    one when it names none); a rule that raises becomes a ``plugin-error`` on the first report."""
    out: List[Diagnostic] = []
    if not reports:
        return out
    for rule in rules:
        ctx = RuleContext(rule=rule, format=None, options=rule.option_values(options.get(rule.slug, {})), lang=lang)
        try:
            diags = [to_diagnostic(f.report or reports[0], rule, f, lang,
                                   f.severity or severities.get(rule.slug, rule.severity))
                     for f in rule.check(reports, ctx)]
        except Exception as e:
            out.append(_crash(reports[0], rule, e, lang, debug))
            continue
        out.extend(diags)
    return out


def _crash(report: Report, rule: BaseRule, exc: Exception, lang: str, debug: bool) -> Diagnostic:
    if debug:
        import traceback

        traceback.print_exception(type(exc), exc, exc.__traceback__, file=sys.stderr)
    crash = RuleContext(PLUGIN_ERROR, None, {}, lang).finding(
        0, "crash", rule=rule.slug, plugin=rule.plugin, error=describe_exception(exc))
    return to_diagnostic(report, PLUGIN_ERROR, crash, lang, "error")


def to_diagnostic(report: Report, rule: BaseRule, finding: Finding, lang: str, severity: str) -> Diagnostic:
    """A finding of ``rule`` in ``report`` as a located, rendered diagnostic."""
    span = report.span(finding.start, finding.end)
    fix = None
    if finding.fix is not None:
        fs = report.span(finding.fix.start, finding.fix.end)
        fix = {"replacement": finding.fix.replacement, "safe": finding.fix.safe,
               "line": fs.line, "column": fs.column, "end_line": fs.end_line, "end_column": fs.end_column}
    return Diagnostic(report.path, span, rule.code, rule.slug, severity, rule.render(finding, lang),
                      rule.plugin, fix)
