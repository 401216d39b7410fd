# mypy: disable-error-code="empty-body"
"""Hook specifications: the whole contract between gaonb-lint and its plugins.

A plugin is a module (or object) with functions marked ``@gaonb_lint.api.hookimpl`` (pluggy's
``HookimplMarker("gaonb_lint")``) whose names match the specs below, advertised through the
``gaonb_lint`` entry-point group::

    [project.entry-points.gaonb_lint]
    my_rules = "my_package.gaonb_rules"

The built-in rules are registered the same way (entry point ``builtin`` → ``gaonb_lint_rules``).
Every hook is optional, and the host runs them through pluggy: ``tryfirst``/``trylast``,
wrappers (``wrapper=True``) and ``specname`` behave as pluggy documents.  Plugins are registered
in a fixed order — the built-in rules first, then the others by entry-point name — and a
marked function whose name is not a hook below (a misspelling) stops the run with exit status 2
naming the plugin.  A hook implementation that raises is reported naming its plugin, and the
other plugins still load.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Sequence, Union

import pluggy

if TYPE_CHECKING:  # pragma: no cover
    from os import PathLike

    from gaonb_lint.contracts import ConfigDefaults, OutputFormat, Reader
    from gaonb_lint.rule import ReportSetRule, Rule

PROJECT = "gaonb_lint"
#: The version of this contract.  A plugin module may say which version it was built for with a
#: module-level ``GAONB_LINT_API = 2``; a plugin built for another version is refused (one line
#: naming it, exit status 2) instead of failing in the middle of a run.
API_VERSION = 2
hookspec = pluggy.HookspecMarker(PROJECT)


@hookspec
def gaonb_lint_rules() -> "Sequence[Rule]":
    """Return the rules this plugin provides.

    Each :class:`gaonb_lint.api.Rule` carries a unique ``slug`` (``fee-statement``), a unique
    stable ``code`` (``GL302``; third parties use their own letter prefix), a default severity,
    its documentation and its message templates, and a ``check(report, ctx)`` function that
    yields :class:`gaonb_lint.api.Finding` objects.

    Called once per run.  The rules run in the order pluggy returns them.
    """


@hookspec
def gaonb_lint_readers() -> "Sequence[Reader]":
    """Return readers for additional source formats.

    Each :class:`gaonb_lint.api.Reader` names the file suffixes it handles (``.html``) and a
    ``read(path, text) -> Report`` function that builds the document model from decoded text.
    A plugin reader for a suffix replaces the built-in one.

    Called once per run.
    """


@hookspec
def gaonb_lint_output_formats() -> "Sequence[OutputFormat]":
    """Return output formats, each a value of ``gaonb-lint check --format NAME``.

    Each :class:`gaonb_lint.api.OutputFormat` has a ``name`` (``sarif``), a ``summary``
    (``{"zh": …, "en": …}``) and ``render(results, out)``, which writes the whole output of one
    run — a :class:`gaonb_lint.api.RunResults` — to the text stream ``out``.  A format named like
    a built-in one replaces it.

    Called once per run.
    """


@hookspec
def gaonb_lint_report_set_rules() -> "Sequence[ReportSetRule]":
    """Return rules over the set of reports of one run (a report against last year's, say).

    Each :class:`gaonb_lint.api.ReportSetRule` is a rule like any other (slug, code, messages,
    doc, options, selected and configured the same way) whose ``check(reports, ctx)`` gets every
    report of the run it is enabled for, after the per-report rules, and yields findings made
    with ``ctx.finding(where, message, report=report, …)``.

    Called once per run.
    """


@hookspec
def gaonb_lint_rule_packs() -> "Sequence[Union[str, PathLike[str]]]":
    """Return the paths of the TOML rule packs this plugin ships (files inside the installed
    package, e.g. ``os.path.join(os.path.dirname(__file__), "pack.toml")``).

    Called once per run.
    """


@hookspec
def gaonb_lint_config_defaults() -> "Sequence[ConfigDefaults]":
    """Return the configuration tables this plugin owns, each with its declared options and
    their defaults (:class:`gaonb_lint.api.ConfigDefaults`; sqlfluff's ``load_default_config``
    and ``get_configs_info`` in one).

    A rule's options are normally declared on the rule itself (``Rule(options=[…])``); this hook
    is for a plugin's own table (``plugins.<name>``) and for options shared by several rules.

    Called once per run.
    """
