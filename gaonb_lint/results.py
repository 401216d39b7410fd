"""What one ``check`` run produced, handed whole to an output format: the findings, the files,
the errors, the rules, and the source lines the findings point at."""
from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional

from gaonb_lint.contracts import RunResults
from gaonb_lint.diagnostics import FAILING_SEVERITIES, Diagnostic


class Found(list):
    """One file's diagnostics; how the file was read (format, encoding) for ``--verbose``; the
    rules that ran; the source lines the findings start on (for the ``full`` format); with
    ``--fix``, how many were fixed, the diff and why nothing was written."""

    read_as = ("", "", "")  # (source format, encoding, notes)
    ran: List[str] = []
    lines: Dict[int, str] = {}
    fixed = 0
    diff = ""
    note: Optional[str] = None
    cache_key: Optional[tuple] = None
    cached = False
    extracts: Dict[str, Any] = {}  # what the report-set rules keep of the report, by rule slug


@dataclass
class RunResult(RunResults):
    """:class:`gaonb_lint.api.RunResults` with what the built-in formats need besides: ``paths``
    lists the files read and checked, in discovery order; ``lines[path][n]`` is source line ``n``
    of ``path`` for every line a finding starts on; ``ran[path]`` the slugs of the rules that ran
    on ``path``; ``fixed`` how many findings ``--fix`` repaired; ``color`` whether to colour;
    ``root`` the directory paths are made relative to (URIs, fingerprints); ``docs_url`` the
    ``docs-url`` setting (``{slug}``/``{code}``) where the rules' pages live."""

    paths: List[str] = field(default_factory=list)
    lines: Dict[str, Dict[int, str]] = field(default_factory=dict)
    ran: Dict[str, List[str]] = field(default_factory=dict)
    fixed: int = 0
    color: bool = False
    root: str = field(default_factory=os.getcwd)
    docs_url: Optional[str] = None

    def rule(self, slug: str) -> Any:
        by_slug = self.__dict__.get("_by_slug")
        if by_slug is None:
            by_slug = self.__dict__["_by_slug"] = {r.slug: r for r in self.rules}
        return by_slug.get(slug)

    @property
    def failing(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity in FAILING_SEVERITIES)

    def severity_counts(self) -> Counter:
        return Counter(d.severity for d in self.diagnostics)

    def summary(self, slug: str) -> str:
        r = self.rule(slug)
        if r is None:
            return ""
        return r.summary.get(self.lang) or r.summary.get("zh", "")

    def relpath(self, path: str) -> str:
        """``path`` relative to the run's root, with ``/`` (for URIs and fingerprints)."""
        return relative(path, self.root)

    def fingerprints(self) -> Dict[int, str]:
        """``id(diagnostic)`` → its fingerprint (see :func:`fingerprint_all`)."""
        return fingerprint_all(self.diagnostics, self.root)


def relative(path: str, root: str) -> str:
    if path == "-" or path.startswith("<"):
        return path
    try:
        rel = os.path.relpath(os.path.abspath(path), root)
    except ValueError:  # another drive (Windows)
        rel = os.path.abspath(path)
    return rel.replace(os.sep, "/")


_SPACE = re.compile(r"\s+")


def fingerprint_all(diags: List[Diagnostic], root: str) -> Dict[int, str]:
    """A stable identity for each finding that survives lines moving: the rule, the file
    (relative to ``root``) and the text at the finding (whitespace folded), plus the count of
    earlier findings with the same three, so that two identical findings stay two.  Line and
    column are not part of it."""
    import hashlib  # only the formats that print fingerprints pay for OpenSSL's start-up

    seen: Counter = Counter()
    out: Dict[int, str] = {}
    for d in sorted(diags, key=Diagnostic.sort_key):
        key = (d.rule, relative(d.path, root), _SPACE.sub(" ", d.anchor).strip())
        n = seen[key]
        seen[key] += 1
        raw = "\0".join((*key, str(n))).encode("utf-8")
        out[id(d)] = hashlib.sha256(raw).hexdigest()[:32]
    return out
