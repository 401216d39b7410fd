"""Diagnostics: what a check run reports, independent of how it is printed."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Dict, Optional

from gaonb_lint.model import Span

SEVERITIES = ("error", "warning", "info")
# Only these fail a run (exit 1); "info" findings are advice.
FAILING_SEVERITIES = ("error", "warning")


@dataclass
class Diagnostic:
    path: str
    span: Span
    code: str
    rule: str
    severity: str
    message: str
    plugin: str = "builtin"
    fix: Optional[Dict[str, Any]] = None
    extra: Dict[str, Any] = field(default_factory=dict)
    page: Optional[int] = None  # 1-based page of ``span.line`` in sources with pages (PDF)
    # Not printed: the source text at the finding (for fingerprints) and the fix as offsets
    # into the report's text (``gaonb_lint.api.Fix``), which ``--fix`` applies.
    anchor: str = field(default="", compare=False)
    edit: Any = field(default=None, compare=False, repr=False)

    def sort_key(self):
        # No message in the key: findings of one rule at one place keep the rule's order (six
        # missing sections in the format's order, not in the code points' order of the messages).
        return (self.path, self.span.line, self.span.column, self.code)

    def to_dict(self) -> Dict[str, Any]:
        d: Dict[str, Any] = {
            "path": self.path,
            "line": self.span.line,
            "column": self.span.column,
            "end_line": self.span.end_line,
            "end_column": self.span.end_column,
            "code": self.code,
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
        }
        if self.page is not None:
            d["page"] = self.page
        if self.fix is not None:
            d["fix"] = self.fix
        d.update(self.extra)
        return d
