"""Output formats: one module each, found by name.

A format is a :class:`gaonb_lint.api.OutputFormat`: a name, a one-line summary and
``render(results, out)``, which prints a :class:`gaonb_lint.results.RunResult` (the API's
``RunResults`` and more) to the text stream ``out``.  Each built-in one is the ``FORMAT`` of its
module listed in ``BUILTIN``; plugins add theirs through the ``gaonb_lint_output_formats`` hook
(a plugin's format replaces a built-in one of the same name).
"""
from __future__ import annotations

from importlib import import_module
from typing import Dict, Iterable

from gaonb_lint.contracts import OutputFormat

DEFAULT = "full"
# Old names kept working: ``--format text`` printed one line per finding.
ALIASES = {"text": "concise"}


# name → module (imported only when chosen: a pre-commit run loads one format, not nine).
BUILTIN: Dict[str, str] = {
    "full": "gaonb_lint.formats.full",
    "concise": "gaonb_lint.formats.concise",
    "json": "gaonb_lint.formats.json_format",
    "json-lines": "gaonb_lint.formats.json_lines",
    "sarif": "gaonb_lint.formats.sarif",
    "github": "gaonb_lint.formats.github",
    "gitlab": "gaonb_lint.formats.gitlab",
    "junit": "gaonb_lint.formats.junit",
    "html": "gaonb_lint.formats.html",
}


def names(extra: Iterable[OutputFormat] = ()) -> list:
    return sorted(set(BUILTIN) | {f.name for f in extra})


def get(name: str, extra: Iterable[OutputFormat] = ()) -> OutputFormat:
    """The format called ``name`` (plugins' first); ``KeyError`` when there is none."""
    for fmt in extra:
        if fmt.name == name:
            return fmt
    name = ALIASES.get(name, name)
    return import_module(BUILTIN[name]).FORMAT
