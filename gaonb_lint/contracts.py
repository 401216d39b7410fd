"""The objects, besides rules, that plugins hand to the host through the hooks of
``gaonb_lint.hookspec``: readers, output formats and per-plugin configuration defaults.

Public through ``gaonb_lint.api``; core modules import them from here.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Dict, Mapping, Sequence, TextIO, Tuple

from gaonb_lint.diagnostics import Diagnostic
from gaonb_lint.model import Report
from gaonb_lint.rule import BaseRule, Option

# eq/repr are generated only where they serve: each generated method is compiled when the module
# is imported, on every run of the command.


@dataclass(eq=False)
class Reader:
    """Reads one kind of source into a :class:`Report`.  ``read(path, text)`` gets the decoded
    text; readers for binary containers set ``binary=True`` and get ``bytes`` instead."""

    name: str
    suffixes: Tuple[str, ...]
    read: Callable[[str, Any], Report]
    binary: bool = False
    plugin: str = ""  # filled in by the host


@dataclass(eq=False, repr=False)
class RunResults:
    """Everything a run found, handed to an output format once the run is over.

    ``diagnostics`` are sorted (path, line, column, code); ``errors`` are the files (or
    plugins) that could not be checked, each ``{"path": …, "message": …}``; ``files`` counts the
    files checked; ``rules`` are every known rule (for summaries); ``lang`` is ``"zh"`` or
    ``"en"``; ``quiet`` and ``statistics`` are the user's ``--quiet``/``--statistics``."""

    diagnostics: Sequence[Diagnostic]
    files: int
    errors: Sequence[Mapping[str, str]]
    rules: Sequence[BaseRule]
    lang: str = "zh"
    quiet: bool = False
    statistics: bool = False


@dataclass(eq=False)
class OutputFormat:
    """One value of ``check --format``: ``render(results, out)`` writes the whole output of a run
    to the text stream ``out`` (stdout).  ``summary`` is ``{"zh": …, "en": …}`` for ``--help``."""

    name: str
    summary: Mapping[str, str]
    render: Callable[[RunResults, TextIO], None]
    plugin: str = ""  # filled in by the host


@dataclass(eq=False)
class ConfigDefaults:
    """The options of one configuration table a plugin owns, with their defaults, in the manner of
    sqlfluff's ``load_default_config``/``get_configs_info``: ``table`` is ``"rules.<slug>"`` for a
    rule's table (``[tool.gaonb-lint.rules.<slug>]``) or ``"plugins.<name>"`` for the plugin's
    own.  The configuration is checked against ``options`` when it is loaded."""

    table: str
    options: Sequence[Option]
    plugin: str = ""  # filled in by the host

    def defaults(self) -> Dict[str, Any]:
        return {o.name: o.default for o in self.options}


__all__ = ["ConfigDefaults", "OutputFormat", "Reader", "RunResults"]
