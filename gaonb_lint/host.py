"""The plugin host: finds the plugins, registers them with pluggy, and collects what their hooks
return (rules, readers, output formats, rule packs, configuration defaults).

Plugins are found through the ``gaonb_lint`` entry-point group with the fast scan of
``gaonb_lint.entrypoints`` and registered with a ``pluggy.PluginManager`` in a fixed order: the
built-in rules first, then the others by entry-point name.  Every hook is called through
``pm.hook``, so ``tryfirst``/``trylast``, wrappers and ``specname`` behave as pluggy documents.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple, Type, TypeVar

import pluggy

from gaonb_lint import hookspec, isolation
from gaonb_lint.contracts import ConfigDefaults, OutputFormat, Reader
from gaonb_lint.errors import PluginError
from gaonb_lint.messages import Message
from gaonb_lint.meta_rules import META_RULES
from gaonb_lint.rule import BaseRule, ReportSetRule, Rule

ENTRY_POINT_GROUP = hookspec.PROJECT
BUILTIN_MODULE = "gaonb_lint_rules"

T = TypeVar("T")


@dataclass
class LoadProblem:
    plugin: str
    error: Any  # a gaonb_lint.messages.Message (str() gives its text)


@dataclass(eq=False, repr=False)
class Host:
    rules: List[Rule] = field(default_factory=list)
    report_set_rules: List[ReportSetRule] = field(default_factory=list)
    readers: List[Reader] = field(default_factory=list)
    output_formats: List[OutputFormat] = field(default_factory=list)
    rule_packs: List[Tuple[str, str]] = field(default_factory=list)  # (plugin, path)
    config_defaults: List[ConfigDefaults] = field(default_factory=list)
    load_problems: List[LoadProblem] = field(default_factory=list)
    plugins: List[str] = field(default_factory=list)  # registered, in registration order
    plugin_manager: Optional[pluggy.PluginManager] = None

    def rule(self, name: str) -> Optional[BaseRule]:
        """A rule by slug or code (case-insensitive for codes)."""
        for r in self.all_rules():
            if r.slug == name or r.code == name.upper():
                return r
        return None

    def all_rules(self) -> List[BaseRule]:
        """Every rule: the plugins' per-report and report-set rules, then the host's own."""
        return [*self.rules, *self.report_set_rules, *META_RULES]


def _entry_points() -> list:
    from gaonb_lint.entrypoints import entry_points

    # Sorted, so that the order (and so which of two plugins is named as a duplicate) does not
    # follow os.listdir: the built-in rules first, then by entry-point name.
    return sorted(entry_points(ENTRY_POINT_GROUP), key=lambda ep: (ep.value != BUILTIN_MODULE, ep.name, ep.value))


def load_host(extra_plugins: Sequence[Tuple[str, Any]] = (), disabled: Sequence[str] = (),
              trace: bool = False) -> Host:
    """Discover the plugins, register them with pluggy, and collect what their hooks return.
    ``extra_plugins`` (name, plugin) are registered after those found through entry points (used
    by tests); ``disabled`` names plugins not to load; ``trace`` writes pluggy's hook-call trace
    to stderr."""
    host = Host()
    pm = pluggy.PluginManager(ENTRY_POINT_GROUP)
    pm.add_hookspecs(hookspec)
    host.plugin_manager = pm
    if trace:
        pm.trace.root.setwriter(sys.stderr.write)
        pm.enable_tracing()
    plugins: List[Tuple[str, Any]] = []
    problems: Dict[str, List[str]] = {}
    origins: Dict[int, Tuple[str, list]] = {}  # id of a list a hook returned → (plugin, the list)
    for ep in _entry_points():
        if ep.name in disabled:
            continue
        try:
            # A broken third-party package must not stop the run, whatever it raises at import
            # (SystemExit included: it would end the run with exit 0 and no output).
            plugins.append((ep.name, isolation.call(ep.load)))
        except isolation.PluginFailure as e:
            problems.setdefault(ep.name, []).append(Message("plugin.error-text", text=str(e)))
    plugins.extend((name, plugin) for name, plugin in extra_plugins if name not in disabled)
    # pluggy calls the implementation registered last first: registering in reverse makes the
    # call order the plugin order, which tryfirst/trylast then adjust.
    for name, plugin in reversed(plugins):
        built_for = getattr(plugin, "GAONB_LINT_API", hookspec.API_VERSION)
        if built_for != hookspec.API_VERSION:
            problems.setdefault(name, []).append(
                Message("plugin.api-version", built_for=repr(built_for), api=hookspec.API_VERSION))
            continue
        try:
            isolation.call(pm.register, plugin, name)
        except isolation.PluginFailure as e:  # pluggy refuses the plugin (arguments the spec lacks, a clash …)
            problems.setdefault(name, []).append(Message("plugin.error-text", text=str(e)))
            continue
        _guard(pm, name, plugin, problems, origins)
    _refuse_unknown_hooks(pm, problems)
    host.plugins = [name for name, _ in plugins if pm.has_plugin(name)]
    try:  # hook wrappers are not guarded one by one: what they raise ends up here
        isolation.call(_collect, host, pm, origins)
    except isolation.PluginFailure as e:
        if isinstance(e.__cause__, PluginError):
            raise e.__cause__ from None
        problems.setdefault("(a hook wrapper)", []).append(Message("plugin.error-text", text=str(e)))
    order = {name: i for i, (name, _) in enumerate(plugins)}
    for name in sorted(problems, key=lambda n: order.get(n, len(order))):
        host.load_problems.extend(LoadProblem(name, p) for p in problems[name])
    return host


def _guard(pm: pluggy.PluginManager, name: str, plugin: Any, problems: Dict[str, List[str]],
           origins: Dict[int, Tuple[str, list]]) -> None:
    """Make each of ``plugin``'s hook implementations record what it raises (naming the plugin)
    instead of ending the hook call, and mark what it returns with the plugin's name.  Pluggy
    stops a call at the first exception, which would let one broken plugin hide every other.
    ``origins`` remembers which plugin returned which list."""
    for caller in pm.get_hookcallers(plugin) or ():
        for impl in caller.get_hookimpls():
            if impl.plugin is plugin and not (impl.wrapper or impl.hookwrapper):
                # HookImpl.function is what pluggy calls; the argument names were read already.
                impl.function = _guarded(name, caller.name, impl.function, problems, origins)  # type: ignore[misc]


def _guarded(name: str, hook: str, function: Callable[..., Any], problems: Dict[str, List[str]],
             origins: Dict[int, Tuple[str, list]]) -> Callable[..., Any]:
    def call(*args: Any) -> Optional[List[Any]]:
        def run() -> Optional[List[Any]]:
            result = function(*args)
            return None if result is None else list(result)  # a generator runs here, guarded too

        try:
            items = isolation.call(run)
        except isolation.PluginFailure as e:
            problems.setdefault(name, []).append(Message("plugin.hook-failed", hook=hook, text=str(e)))
            return None
        if items is not None:
            origins[id(items)] = (name, items)
            for item in items:
                if hasattr(item, "plugin"):
                    item.plugin = name
        return items

    return call


def _refuse_unknown_hooks(pm: pluggy.PluginManager, problems: Dict[str, List[str]]) -> None:
    """``pm.check_pending()``, plugin by plugin: a marked function that matches no hook (a
    misspelling such as ``gaonb_lint_rule``) is a load problem of its plugin, which is dropped."""
    while True:
        try:
            pm.check_pending()
            return
        except pluggy.PluginValidationError as e:
            name = pm.get_name(e.plugin) or repr(e.plugin)
            unknown = sorted(caller.name for caller in pm.get_hookcallers(e.plugin) or () if not caller.has_spec())
            known = sorted(n for n in dir(hookspec) if n.startswith(ENTRY_POINT_GROUP + "_"))
            problems.setdefault(name, []).append(Message("plugin.unknown-hook", unknown=unknown, known=known))
            pm.unregister(e.plugin)


def _items(pm: pluggy.PluginManager, hook: str, kind: Type[T], origins: Dict[int, Tuple[str, list]]) -> List[T]:
    """What every plugin's ``hook`` returned, in pluggy's call order, checked to be ``kind``."""
    out: List[T] = []
    for items in getattr(pm.hook, hook)():
        for item in items or ():
            if not isinstance(item, kind):
                plugin = origins.get(id(items), ("a wrapper",))[0]
                raise PluginError("plugin.bad-item", plugin=plugin, hook=hook, type=type(item).__name__,
                                  kind=kind.__name__)
            out.append(item)
    return out


def _collect(host: Host, pm: pluggy.PluginManager, origins: Dict[int, Tuple[str, list]]) -> None:
    rules = _items(pm, "gaonb_lint_rules", Rule, origins)
    set_rules = _items(pm, "gaonb_lint_report_set_rules", ReportSetRule, origins)
    # The built-in rules claim their slugs and codes first, so that a plugin reusing one is the
    # one named as the duplicate, whatever the hooks' call order.
    builtin = [name for name in host.plugins if _is_builtin(pm, name)]
    slugs: Dict[str, str] = {r.slug: r.plugin for r in META_RULES}
    codes: Dict[str, str] = {r.code: r.plugin for r in META_RULES}
    for rule in sorted([*rules, *set_rules], key=lambda r: r.plugin not in builtin):
        _check_rule(rule, slugs, codes)
    host.rules = rules
    host.report_set_rules = set_rules
    host.readers = _items(pm, "gaonb_lint_readers", Reader, origins)
    host.output_formats = _items(pm, "gaonb_lint_output_formats", OutputFormat, origins)
    host.config_defaults = _items(pm, "gaonb_lint_config_defaults", ConfigDefaults, origins)
    by_table = {f"rules.{r.slug}": r for r in host.all_rules()}
    for d in host.config_defaults:  # options declared for a rule's table belong to the rule
        rule = by_table.get(d.table)
        if rule is not None:
            rule.options = (*rule.options, *[o for o in d.options if o.name not in {x.name for x in rule.options}])
    for paths in pm.hook.gaonb_lint_rule_packs():
        plugin = origins.get(id(paths), ("", None))[0]
        host.rule_packs.extend((plugin, str(path)) for path in paths or ())


def _is_builtin(pm: pluggy.PluginManager, name: str) -> bool:
    plugin = pm.get_plugin(name)
    return getattr(plugin, "__name__", None) == BUILTIN_MODULE


def _check_rule(rule: BaseRule, slugs: Dict[str, str], codes: Dict[str, str]) -> None:
    problems = rule.problems()
    if problems:
        raise PluginError("plugin.invalid-rule", plugin=rule.plugin, slug=rule.slug, problems=problems)
    if rule.slug in slugs:
        raise PluginError("plugin.slug-taken", plugin=rule.plugin, slug=rule.slug, other=slugs[rule.slug])
    if rule.code in codes:
        raise PluginError("plugin.code-taken", plugin=rule.plugin, code=rule.code, other=codes[rule.code])
    slugs[rule.slug] = codes[rule.code] = rule.plugin
