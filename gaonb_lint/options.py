"""Checks a configuration's ``[rules.<slug>]`` and ``[plugins.<name>]`` tables against the
options the rules and plugins declare, when the configuration is first used: an unknown table,
an unknown option or a bad value is a ``ConfigError`` naming ``file:line``."""
from __future__ import annotations

from typing import Dict, Iterable, Sequence

from gaonb_lint.config import Config
from gaonb_lint.contracts import ConfigDefaults
from gaonb_lint.errors import ConfigError
from gaonb_lint.rule import BaseRule, Option


def check_options(cfg: Config, rules: Iterable[BaseRule], defaults: Sequence[ConfigDefaults] = ()) -> None:
    declared: Dict[str, Sequence[Option]] = {}
    for rule in rules:
        declared[f"rules.{rule.slug}"] = list(rule.options)
    for d in defaults:
        declared[d.table] = [*declared.get(d.table, ()), *d.options]
    tables = [(f"rules.{slug}", values) for slug, values in cfg.rules.items()]
    tables += [(f"plugins.{name}", values) for name, values in cfg.plugins.items()]
    for table, values in tables:
        where = cfg.path or "configuration"
        if table not in declared:
            kind = "rule" if table.startswith("rules.") else "plugin"
            hint = "`gaonb-lint rules` lists the rules" if kind == "rule" else "no installed plugin declares it"
            raise ConfigError(f"{where}:{cfg.line_of(table)}: [{cfg.prefix}{table}]: unknown {kind} table ({hint})")
        options = {o.name: o for o in declared[table]}
        for key, value in values.items():
            line = cfg.line_of(table, key)
            if key not in options:
                known = ", ".join(sorted(options)) or "none"
                raise ConfigError(f"{where}:{line}: {cfg.prefix}{table}.{key}: unknown option (options: {known})")
            problem = options[key].check(value)
            if problem is not None:
                raise ConfigError(f"{where}:{line}: {cfg.prefix}{table}.{key}: {problem}")
