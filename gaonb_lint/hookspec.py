"""Hook specifications: the whole contract between gaonb-lint and its plugins.

A plugin is a module (or object) with functions marked ``@gaonb_lint.api.hookimpl`` whose
names match the specs below, advertised through the ``gaonb_lint`` entry-point group::

    [project.entry-points.gaonb_lint]
    my_rules = "my_package.gaonb_rules"

The built-in rules are registered the same way (entry point ``builtin`` → ``gaonb_lint_rules``).
Every hook is optional.  The host calls each plugin's implementation separately, so one plugin
that raises is reported (rule ``plugin-error``) without stopping the others.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

import pluggy

if TYPE_CHECKING:  # pragma: no cover
    from gaonb_lint.api import Reader, Rule

hookspec = pluggy.HookspecMarker("gaonb_lint")


@hookspec
def gaonb_lint_rules() -> "Sequence[Rule]":
    """Return the rules this plugin provides.

    Each :class:`gaonb_lint.api.Rule` carries a unique ``slug`` (``fee-statement``), a unique
    stable ``code`` (``GL302``; third parties use their own letter prefix), a default severity,
    its documentation and its message templates, and a ``check(report, ctx)`` function that
    yields :class:`gaonb_lint.api.Finding` objects.  Called once per run.
    """


@hookspec
def gaonb_lint_readers() -> "Sequence[Reader]":
    """Return readers for additional source formats.

    Each :class:`gaonb_lint.api.Reader` names the file suffixes it handles (``.html``) and a
    ``read(path, text) -> Report`` function that builds the document model from decoded text.
    A plugin reader for a suffix replaces the built-in one.  Called once per run.
    """
