"""``gitlab``: a GitLab Code Quality report (a JSON array), for ``artifacts:reports:codequality``.

Each issue has the fields GitLab requires — ``description``, ``check_name``, ``fingerprint``,
``severity`` (``info``/``minor``/``major``/``critical``/``blocker``), ``location.path`` and
``location.lines.begin`` — plus ``type`` and ``categories`` from the Code Climate spec.  The
fingerprint is the finding's stable identity (rule, file, text at the finding), so GitLab tracks
it across commits even when lines move."""
from __future__ import annotations

import json
from typing import TextIO

from gaonb_lint.contracts import OutputFormat
from gaonb_lint.results import RunResult

SEVERITY = {"error": "major", "warning": "minor", "info": "info"}


def render(result: RunResult, out: TextIO) -> None:
    prints = result.fingerprints()
    issues = []
    for d in result.diagnostics:
        issues.append({
            "type": "issue",
            "check_name": f"{d.code} {d.rule}",
            "description": d.message,
            "categories": ["Style" if d.severity == "info" else "Bug Risk"],
            "severity": SEVERITY.get(d.severity, "major"),
            "fingerprint": prints[id(d)],
            "location": {"path": result.relpath(d.path), "lines": {"begin": d.span.line, "end": d.span.end_line}},
        })
    json.dump(issues, out, ensure_ascii=False, indent=2)
    out.write("\n")


FORMAT = OutputFormat("gitlab", {"zh": "GitLab 代码质量报告（Code Quality JSON）",
                                        "en": "GitLab Code Quality report (JSON)"}, render)
