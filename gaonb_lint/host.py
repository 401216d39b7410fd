"""The plugin host: discovers plugins, collects their rules and readers, runs rules on a report.

Plugins are found through the ``gaonb_lint`` entry-point group; each is loaded and asked for its
rules separately, so a broken plugin is reported and the others still run.
"""
from __future__ import annotations

import sys
import types
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, Optional, Tuple

from gaonb_lint.api import Reader, Rule, RuleContext
from gaonb_lint.diagnostics import Diagnostic
from gaonb_lint.errors import PluginError
from gaonb_lint.model import Report

ENTRY_POINT_GROUP = "gaonb_lint"
HOOK_NAMES = ("gaonb_lint_rules", "gaonb_lint_readers")

# Rules of the host itself: they report on the run, not on the report's content.
PLUGIN_ERROR = Rule(
    slug="plugin-error", code="GL900",
    summary={"zh": "规则插件运行出错", "en": "a rule plugin crashed"},
    messages={"crash": {"zh": "规则 {rule}（插件 {plugin}）运行出错，已跳过：{error}",
                        "en": "rule {rule} (plugin {plugin}) crashed and was skipped: {error}"}},
    check=lambda report, ctx: (), plugin="gaonb-lint",
    doc="""## What it does
Reports a rule that raised an exception while checking a file. The other rules still run. (A
plugin that cannot be loaded at all is an error of the run: one line on stderr, exit status 2.)

## Why
One faulty third-party rule must not hide every other finding, and must not pass silently.

## Format clause
None: this is about the linter itself.

## Example
```
report.md:1:1: GL900 [plugin-error] 规则 my-rule（插件 my_plugin）运行出错，已跳过：ZeroDivisionError: division by zero
```

## How to fix
Update or uninstall the plugin named in the message, or `--ignore` its rule until it is fixed.
""")


@dataclass
class LoadProblem:
    plugin: str
    error: str


@dataclass
class Host:
    rules: List[Rule] = field(default_factory=list)
    readers: List[Reader] = field(default_factory=list)
    load_problems: List[LoadProblem] = field(default_factory=list)

    def rule(self, name: str) -> Optional[Rule]:
        """A rule by slug or code (case-insensitive for codes)."""
        for r in self.all_rules():
            if r.slug == name or r.code == name.upper():
                return r
        return None

    def all_rules(self) -> List[Rule]:
        from gaonb_lint.suppress import UNUSED_SUPPRESSION

        return list(self.rules) + [PLUGIN_ERROR, UNUSED_SUPPRESSION]


def _entry_points():
    from gaonb_lint.entrypoints import entry_points

    return entry_points(ENTRY_POINT_GROUP)


def _describe(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0]}" if text else type(exc).__name__


def load_host(extra_plugins: Tuple[Tuple[str, Any], ...] = ()) -> Host:
    """Discover plugins and collect their rules and readers.  ``extra_plugins`` (name, module)
    are registered as if found through entry points (used by tests)."""
    host = Host()
    plugins: List[Tuple[str, Any]] = []
    # The built-in rules first, so that a plugin reusing one of their slugs or codes is the one
    # named as the duplicate, whatever the order of sys.path.
    for ep in sorted(_entry_points(), key=lambda ep: ep.value != "gaonb_lint_rules"):
        try:
            plugins.append((ep.name, ep.load()))
        except Exception as e:  # a broken third-party package must not stop the run
            host.load_problems.append(LoadProblem(ep.name, _describe(e)))
    plugins.extend(extra_plugins)
    simple = _simple_plugins(plugins)
    if simple is None:
        _register_with_pluggy(host, plugins)
    else:
        seen = _seen()
        for name, hooks in simple:
            for hook_name in HOOK_NAMES:
                if hook_name in hooks:
                    _collect(host, name, hook_name, hooks[hook_name], seen)
    return host


def _simple_plugins(plugins: List[Tuple[str, Any]]) -> Optional[List[Tuple[str, Dict[str, Callable]]]]:
    """Each plugin's hook functions when every plugin is a module whose hooks are plain marked
    functions without arguments or pluggy options (the usual case, and the built-in rules), so
    that calling them directly is exactly what pluggy would do; ``None`` otherwise.  Importing
    pluggy costs a pre-commit run on one report about a tenth of its time."""
    out = []
    names, modules = set(), set()
    for name, module in plugins:
        if not isinstance(module, types.ModuleType) or name in names or id(module) in modules:
            return None  # pluggy reports duplicates and validates other plugin objects
        names.add(name)
        modules.add(id(module))
        hooks: Dict[str, Callable] = {}
        for attr in dir(module):
            value = getattr(module, attr, None)
            opts = getattr(value, ENTRY_POINT_GROUP + "_impl", None) if callable(value) else None
            if not isinstance(opts, dict):
                continue
            if not isinstance(value, types.FunctionType) or opts.get("specname") or opts.get("wrapper") \
                    or opts.get("hookwrapper") or value.__code__.co_argcount > len(value.__defaults__ or ()):
                return None
            hooks[attr] = value
        out.append((name, hooks))
    return out


def _register_with_pluggy(host: Host, plugins: List[Tuple[str, Any]]) -> None:
    import pluggy

    from gaonb_lint import hookspec

    pm = pluggy.PluginManager(ENTRY_POINT_GROUP)
    pm.add_hookspecs(hookspec)
    seen = _seen()
    for name, module in plugins:
        try:
            pm.register(module, name=name)
        except Exception as e:
            host.load_problems.append(LoadProblem(name, _describe(e)))
            continue
        for hook_name in HOOK_NAMES:
            for impl in [i for i in getattr(pm.hook, hook_name).get_hookimpls() if i.plugin is module]:
                _collect(host, name, hook_name, impl.function, seen)


def _seen() -> Tuple[Dict[str, str], Dict[str, str]]:
    """Slugs and codes taken so far (by the host's own rules), each mapped to its plugin."""
    seen_slugs: Dict[str, str] = {r.slug: r.plugin for r in (PLUGIN_ERROR,)}
    seen_codes: Dict[str, str] = {r.code: r.plugin for r in (PLUGIN_ERROR,)}
    seen_slugs["unused-suppression"] = seen_codes["GL901"] = "gaonb-lint"
    return seen_slugs, seen_codes


def _collect(host: Host, name: str, hook_name: str, function: Callable,
             seen: Tuple[Dict[str, str], Dict[str, str]]) -> None:
    """Call one plugin's hook and keep what it returns; a hook that raises is a load problem."""
    try:
        items = list(function() or ())
    except Exception as e:
        host.load_problems.append(LoadProblem(name, _describe(e)))
        return
    for item in items:
        if hook_name == "gaonb_lint_rules":
            _add_rule(host, name, item, *seen)
        elif isinstance(item, Reader):
            host.readers.append(item)
        else:
            raise PluginError(f"plugin {name}: gaonb_lint_readers returned {type(item).__name__}, not a Reader")


def _add_rule(host: Host, plugin: str, rule: Any, slugs: Dict[str, str], codes: Dict[str, str]) -> None:
    if not isinstance(rule, Rule):
        raise PluginError(f"plugin {plugin}: gaonb_lint_rules returned {type(rule).__name__}, not a Rule")
    problems = rule.problems()
    if problems:
        raise PluginError(f"plugin {plugin}: rule {rule.slug!r} is invalid: {'; '.join(problems)}")
    if rule.slug in slugs:
        raise PluginError(f"plugin {plugin}: rule slug {rule.slug!r} is already used by plugin {slugs[rule.slug]}")
    if rule.code in codes:
        raise PluginError(f"plugin {plugin}: rule code {rule.code} is already used by plugin {codes[rule.code]}")
    rule.plugin = plugin
    slugs[rule.slug] = codes[rule.code] = plugin
    host.rules.append(rule)


def run_rules(report: Report, rules: List[Rule], lang: str, severities: Dict[str, str],
              options: Dict[str, Dict[str, Any]], forced_version: Optional[str] = None,
              debug: bool = False) -> List[Diagnostic]:
    """Every enabled rule over one report; a rule that raises becomes a ``plugin-error``."""
    from gaonb_lint import official_format

    fmt = official_format.version_for_year(report.year, forced_version)
    out: List[Diagnostic] = []
    for rule in rules:
        if fmt is None and not rule.applies_before_2019:
            continue
        ctx = RuleContext(rule=rule, format=fmt, options=options.get(rule.slug, {}), lang=lang)
        try:
            findings = list(rule.check(report, ctx))
            # Rendering runs the rule's templates on its params: a bad one is the rule's crash too.
            diags = [_diagnostic(report, rule, f, lang, f.severity or severities.get(rule.slug, rule.severity))
                     for f in findings]
        except Exception as e:
            if debug:
                import traceback

                traceback.print_exc(file=sys.stderr)
            crash = RuleContext(PLUGIN_ERROR, fmt, {}, lang).finding(
                0, "crash", rule=rule.slug, plugin=rule.plugin, error=_describe(e))
            out.append(_diagnostic(report, PLUGIN_ERROR, crash, lang, "error"))
            continue
        out.extend(diags)
    return out


def _diagnostic(report: Report, rule: Rule, finding, lang: str, severity: str) -> Diagnostic:
    span = report.span(finding.start, finding.end)
    fix = None
    if finding.fix is not None:
        fs = report.span(finding.fix.start, finding.fix.end)
        fix = {"replacement": finding.fix.replacement, "safe": finding.fix.safe,
               "line": fs.line, "column": fs.column, "end_line": fs.end_line, "end_column": fs.end_column}
    return Diagnostic(report.path, span, rule.code, rule.slug, severity, rule.render(finding, lang),
                      rule.plugin, fix)
