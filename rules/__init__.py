"""The built-in rules, installed as the ``gaonb_lint_rules`` package and registered through the
``gaonb_lint`` entry-point group exactly like a third-party plugin.  Each rule is one module
exposing ``RULE``; add a module to ``RULE_MODULES`` to ship it."""
from importlib import import_module

from gaonb_lint.api import hookimpl

RULE_MODULES = (
    "required_sections",
    "statistics_period",
    "fee_statement",
    "format_version",
    "required_tables",
    "table_labels",
    "exact_label_punctuation",
    "balance",
    "table_unreadable",
    "report_year",
    "publication_deadline",
    "prose_numbers",
)


# Rules over the set of reports of a run (this year's against last year's).
REPORT_SET_RULE_MODULES = (
    "carry_over",
    "in_force_count",
)


@hookimpl
def gaonb_lint_rules():
    return [import_module(f"{__name__}.{name}").RULE for name in RULE_MODULES]


@hookimpl
def gaonb_lint_report_set_rules():
    return [import_module(f"{__name__}.{name}").RULE for name in REPORT_SET_RULE_MODULES]
