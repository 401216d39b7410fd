"""A county's own rules for gaonb-lint, one module each, registered through the ``gaonb_lint``
entry-point group (see pyproject.toml), and a rule pack of wordings shipped with them."""
import os

from gaonb_lint.api import hookimpl

from gaonb_county_rules import corrected_cases_explained, signature_line

RULES = (corrected_cases_explained.RULE, signature_line.RULE)


@hookimpl
def gaonb_lint_rules():
    return list(RULES)


@hookimpl
def gaonb_lint_rule_packs():
    return [os.path.join(os.path.dirname(__file__), "county-wording.toml")]
