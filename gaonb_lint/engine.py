"""Running rules: every enabled rule over one report (or over the set of reports of a run), each
finding turned into a ``Diagnostic``; a rule that raises becomes one ``plugin-error``."""
from __future__ import annotations

import sys
from typing import Any, Callable, Dict, Iterable, List, Mapping, Optional, Sequence

from gaonb_lint import isolation, official_format
from gaonb_lint.diagnostics import SEVERITIES, Diagnostic
from gaonb_lint.meta_rules import PLUGIN_ERROR
from gaonb_lint.model import Report
from gaonb_lint.rule import BaseRule, Finding, ReportSetRule, Rule, RuleContext


describe_exception = isolation.describe  # the first line of a plugin's exception text


# Findings one rule may report on one file; beyond, one summary finding says how the list was
# cut (a rule yielding a million findings would otherwise take the machine's memory).
MAX_FINDINGS_PER_RULE = 1000
# Plugins whose rules are trusted not to change the report they are given (the built-in rules,
# tested to that effect): every other rule gets its own copy, so that a rule that mutates the
# report cannot move later findings to another path or defeat suppression comments.
TRUSTED_PLUGINS = frozenset({"builtin", "gaonb-lint"})


class InvalidFinding(Exception):
    """A rule yielded something the output cannot carry faithfully."""


def run_rules(report: Report, rules: List[Rule], lang: str, severities: Dict[str, str],
              options: Mapping[str, Mapping[str, Any]], forced_version: Optional[str] = None,
              debug: bool = False, plugin_options: Optional[Mapping[str, Mapping[str, Any]]] = None,
              budget: Optional[float] = None) -> List[Diagnostic]:
    """Every enabled rule over one report.  A rule that raises (anything, ``SystemExit``
    included), runs longer than ``budget`` seconds or yields an invalid finding becomes one
    ``plugin-error``; the other rules go on."""
    fmt = official_format.version_for_year(report.year, forced_version)
    out: List[Diagnostic] = []
    for rule in rules:
        if not rule.runs_on(fmt.id if fmt is not None else None):
            continue
        try:
            ctx = RuleContext(rule=rule, format=fmt, options=rule.option_values(options.get(rule.slug, {})),
                              lang=lang, plugin_options=(plugin_options or {}).get(rule.plugin, {}))
            view = report if rule.plugin in TRUSTED_PLUGINS else _copy(report)
            # Rendering runs the rule's templates on its params: a bad one is the rule's crash too.
            diags = isolation.call(_findings, report, rule, lambda: rule.check(view, ctx), lang, severities,
                                   {id(view): report}, budget=budget)
        except isolation.PluginFailure as e:
            out.append(_crash(report, rule, e, lang, debug, budget))
            continue
        out.extend(diags)
    return out


def run_report_set_rules(reports: Sequence[Report], rules: Sequence[ReportSetRule], lang: str,
                         severities: Dict[str, str], options: Mapping[str, Mapping[str, Any]],
                         debug: bool = False, budget: Optional[float] = None) -> List[Diagnostic]:
    """Every enabled rule over the set of reports of a run; a finding names its report (the first
    one when it names none); a rule that fails becomes a ``plugin-error`` on the first report."""
    out: List[Diagnostic] = []
    if not reports:
        return out
    for rule in rules:
        try:
            ctx = RuleContext(rule=rule, format=None, options=rule.option_values(options.get(rule.slug, {})),
                              lang=lang)
            view = list(reports) if rule.plugin in TRUSTED_PLUGINS else [_copy(r) for r in reports]
            originals = {id(v): r for v, r in zip(view, reports)}
            diags = isolation.call(_findings, reports[0], rule, lambda: rule.check(view, ctx), lang, severities,
                                   originals, budget=budget)
        except isolation.PluginFailure as e:
            out.append(_crash(reports[0], rule, e, lang, debug, budget))
            continue
        out.extend(diags)
    return out


def _copy(report: Report) -> Report:
    import copy

    try:
        return copy.deepcopy(report)
    except Exception:  # a plugin reader's report that cannot be copied: the rule gets the original
        return report


def _findings(report: Report, rule: BaseRule, check: Callable[[], Iterable[Finding]], lang: str,
              severities: Dict[str, str], originals: Optional[Dict[int, Report]] = None) -> List[Diagnostic]:
    """The rule's findings as diagnostics, validated and capped (runs as plugin code)."""
    out: List[Diagnostic] = []
    for n, finding in enumerate(check()):
        _validate(finding)
        # The report a finding is filed under is one the host gave out, never one the rule made.
        target = report if finding.report is None else (originals or {}).get(id(finding.report), report)
        if n == MAX_FINDINGS_PER_RULE:
            more = RuleContext(PLUGIN_ERROR, None, {}, lang).finding(
                (finding.start, finding.end), "too-many", rule=rule.slug, plugin=rule.plugin,
                limit=MAX_FINDINGS_PER_RULE)
            out.append(to_diagnostic(target, PLUGIN_ERROR, more, lang, "warning"))
            break
        out.append(to_diagnostic(target, rule, finding, lang, finding.severity or severities.get(rule.slug, rule.severity)))
    return out


def _offset(value: Any) -> bool:
    return type(value) is int and value >= 0  # not bool, not float


def _validate(finding: Any) -> None:
    if not isinstance(finding, Finding):
        raise InvalidFinding(f"yielded {type(finding).__name__}, not a Finding")
    if finding.severity is not None and finding.severity not in SEVERITIES:
        raise InvalidFinding(f"severity {finding.severity!r} must be one of {', '.join(SEVERITIES)}")
    if not (_offset(finding.start) and _offset(finding.end)):
        raise InvalidFinding(f"offsets {finding.start!r}, {finding.end!r} must be non-negative integers")
    fix = finding.fix
    if fix is not None and not (_offset(getattr(fix, "start", None)) and _offset(getattr(fix, "end", None))
                                and isinstance(getattr(fix, "replacement", None), str)):
        raise InvalidFinding("fix must have integer offsets and a text replacement")


def crash_diagnostic(report: Report, rule: BaseRule, failure: "isolation.PluginFailure", lang: str, debug: bool,
                     budget: Optional[float] = None) -> Diagnostic:
    """The ``plugin-error`` finding of ``rule`` having failed on ``report``."""
    return _crash(report, rule, failure, lang, debug, budget)


def _crash(report: Report, rule: BaseRule, failure: "isolation.PluginFailure", lang: str, debug: bool,
           budget: Optional[float] = None) -> Diagnostic:
    cause = failure.__cause__
    if debug and cause is not None:
        import traceback

        traceback.print_exception(type(cause), cause, cause.__traceback__, file=sys.stderr)
    ctx = RuleContext(PLUGIN_ERROR, None, {}, lang)
    if failure.timed_out:
        crash = ctx.finding(0, "timeout", rule=rule.slug, plugin=rule.plugin, seconds=f"{budget:g}")
    else:
        crash = ctx.finding(0, "crash", rule=rule.slug, plugin=rule.plugin, error=str(failure))
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
                      rule.plugin, fix, edit=finding.fix)
