"""What reading a table region gives: rows of cells as the source lays them out, and issues."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import List

from gaonb_lint.model import TableIssue
from gaonb_lint.readers.scraped.lines import CellText


@dataclass
class Reading:
    rows: List[List[CellText]] = field(default_factory=list)
    issues: List[TableIssue] = field(default_factory=list)
