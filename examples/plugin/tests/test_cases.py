"""The rules' cases (tests/cases/*.yml): a base report and what each case changes in it, run
with gaonb-lint's own test kit, as the built-in rules' cases are."""
from pathlib import Path

import pytest

from gaonb_lint.testing import case_params, check_case


@pytest.mark.parametrize("case", case_params(Path(__file__).parent / "cases"))
def test_rule_case(case):
    check_case(case)
