"""Baselines: adopt gaonb-lint over existing reports without fixing them all first.

``--write-baseline FILE`` records every finding of the run; ``--baseline FILE`` then reports only
findings that are not in it.  A finding is matched by its fingerprint (rule, file relative to the
baseline's directory, the text at the finding, and its rank among identical ones), not by its
line, so editing a report elsewhere does not bring its old findings back.  Recorded findings of
the checked files that no longer occur are returned as fixed (printed with ``--verbose``).
"""
from __future__ import annotations

import json
import os
from collections import Counter
from typing import List, Sequence, Tuple

from gaonb_lint.diagnostics import Diagnostic
from gaonb_lint.errors import GaonbError
from gaonb_lint.results import fingerprint_all, relative

FORMAT = 1


def _root(baseline_path: str) -> str:
    return os.path.dirname(os.path.abspath(baseline_path))


def write(baseline_path: str, diags: Sequence[Diagnostic]) -> int:
    """Record ``diags`` in ``baseline_path`` (atomically); returns how many."""
    from gaonb_lint.atomic import write_atomic

    root = _root(baseline_path)
    prints = fingerprint_all(list(diags), root)
    findings = [{"fingerprint": prints[id(d)], "path": relative(d.path, root), "code": d.code, "rule": d.rule,
                 "line": d.span.line, "message": d.message}
                for d in sorted(diags, key=Diagnostic.sort_key)]
    doc = {"tool": "gaonb-lint", "baseline": FORMAT, "findings": findings}
    write_atomic(baseline_path, (json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
    return len(findings)


def load(baseline_path: str) -> List[dict]:
    try:
        with open(baseline_path, "rb") as fh:
            doc = json.loads(fh.read().decode("utf-8"))
    except FileNotFoundError:
        raise GaonbError("baseline.missing", path=baseline_path) from None
    except OSError as e:
        raise GaonbError("baseline.unreadable", path=baseline_path, error=e.strerror or str(e)) from None
    except ValueError:
        raise GaonbError("baseline.invalid", path=baseline_path, version=FORMAT) from None
    if not (isinstance(doc, dict) and doc.get("tool") == "gaonb-lint" and doc.get("baseline") == FORMAT
            and isinstance(doc.get("findings"), list)
            and all(isinstance(f, dict) and isinstance(f.get("fingerprint"), str) and isinstance(f.get("path"), str)
                    for f in doc["findings"])):
        raise GaonbError("baseline.invalid", path=baseline_path, version=FORMAT)
    return doc["findings"]


def apply(baseline_path: str, diags: Sequence[Diagnostic], checked: Sequence[str]) -> Tuple[List[Diagnostic], List[dict]]:
    """``(new findings, recorded findings of the checked files that are gone)``."""
    recorded = load(baseline_path)
    root = _root(baseline_path)
    prints = fingerprint_all(list(diags), root)
    budget: Counter = Counter(f["fingerprint"] for f in recorded)
    new: List[Diagnostic] = []
    for d in diags:
        fp = prints[id(d)]
        if budget[fp] > 0:
            budget[fp] -= 1
        else:
            new.append(d)
    files = {relative(p, root) for p in checked}
    gone: List[dict] = []
    for f in recorded:
        if f["path"] in files and budget[f["fingerprint"]] > 0:
            budget[f["fingerprint"]] -= 1
            gone.append(f)
    return new, gone


def fixed_lines(gone: Sequence[dict], lang: str) -> List[str]:
    from gaonb_lint.messages import text

    head = text("baseline.fixed-head", lang)
    return [head] + [f"  {f['path']}: {f.get('code', '')} [{f.get('rule', '')}] {f.get('message', '')}" for f in gone]


__all__ = ["apply", "fixed_lines", "load", "write"]
