"""Checks a configuration's ``[rules.<slug>]`` and ``[plugins.<name>]`` tables against the
options the rules and plugins declare, when the configuration is first used: an unknown table,
an unknown option or a bad value is a ``ConfigError`` naming ``file:line``."""
from __future__ import annotations

from typing import Dict, Iterable, Sequence

from gaonb_lint.config import Config
from gaonb_lint.contracts import ConfigDefaults
from gaonb_lint.errors import ConfigError
from gaonb_lint.messages import Message
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
            kind = "config.unknown-rule-table" if table.startswith("rules.") else "config.unknown-plugin-table"
            raise ConfigError("config.setting", location=f"{where}:{cfg.line_of(table)}", key=f"[{cfg.prefix}{table}]",
                              reason=Message(kind))
        options = {o.name: o for o in declared[table]}
        for key, value in values.items():
            line = cfg.line_of(table, key)
            if key not in options:
                known = sorted(options) or Message("config.no-options")
                raise ConfigError("config.setting", location=f"{where}:{line}", key=f"{cfg.prefix}{table}.{key}",
                                  reason=Message("config.unknown-option", known=known))
            problem = options[key].check(value)
            if problem is not None:
                raise ConfigError("config.setting", location=f"{where}:{line}", key=f"{cfg.prefix}{table}.{key}",
                                  reason=problem)
