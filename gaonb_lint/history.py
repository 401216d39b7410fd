"""Last year's report of a body in the repository, and the body key that names it.

A report's *body key* is its title (or front matter ``body:``) with every year and the
``政府信息公开工作年度报告`` suffix removed, and spaces and punctuation dropped:
``青禾镇人民政府2025年政府信息公开工作年度报告`` → ``青禾镇人民政府``.  Last year's report is one
whose body key is the same and whose year is one less.  It is looked for among the reports of the
run first; when the run has none (a pre-commit run on one file), among the files under the
configuration root (``previous-report``, a glob relative to that root, narrows the search), read
only when the first few kilobytes name the body and the year.
"""
from __future__ import annotations

import fnmatch
import os
import re
from dataclasses import dataclass, field
from typing import Callable, Dict, Iterable, List, Optional, Tuple

from gaonb_lint.model import Report

SUFFIX = "政府信息公开工作年度报告"
_YEAR = re.compile(r"(?:19|20)\d{2}\s*年度?")
_DROP = re.compile(r"[\s\u3000·•．.、，,：:（）()《》“”\"'【】\[\]-]+")
HEAD_BYTES = 8192


def body_key(report: Report) -> Optional[str]:
    """The reporting body, for comparing two years' reports (``None`` when the report has no title)."""
    name = (report.metadata.get("body") or "").strip() or report.title_text or ""
    return _key(name)


def _key(name: str) -> Optional[str]:
    name = _YEAR.sub("", name).replace(SUFFIX, "")
    name = _DROP.sub("", name)
    return name or None


@dataclass
class Search:
    """How the repository is searched: a configuration root, a ``previous-report`` pattern and a
    reader for each report path, which files may be reports and which directories to skip."""

    root_of: Callable[[str], str]
    read: Callable[[str], Report]
    pattern_of: Callable[[str], Optional[str]] = lambda path: None
    wanted: Callable[[str], bool] = lambda path: True
    skip_dir: Callable[[str], bool] = lambda path: False
    notes: List[str] = field(default_factory=list)
    # One run reads a file of the repository once, and looks for a body's year once.
    _read: Dict[str, Optional[Report]] = field(default_factory=dict)
    _found: Dict[Tuple[str, str, int], Optional[Report]] = field(default_factory=dict)

    def note(self, text: str) -> None:
        """A line for ``--verbose`` (each once)."""
        if text not in self.notes:
            self.notes.append(text)


def read_previous(path: str, body: str, year: int, search: Search) -> Optional[Report]:
    """The report of ``body`` for ``year`` under the configuration root of ``path`` (not ``path``
    itself): a file whose start names the body and the year, read, whose title says both."""
    root = search.root_of(path)
    key = (root, body, year)
    if key not in search._found:
        search._found[key] = None
        for candidate in _candidates(root, search.pattern_of(path), search):
            if os.path.realpath(candidate) == os.path.realpath(path) or not _head_names(candidate, body, year):
                continue
            other = _read_once(candidate, search)
            if other is not None and other.year == year and body_key(other) == body:
                search._found[key] = other
                break
    return search._found[key]


def _candidates(root: str, pattern: Optional[str], search: Search) -> Iterable[str]:
    for directory, dirs, files in os.walk(root, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not search.skip_dir(os.path.join(directory, d)))
        for name in sorted(files):
            path = _shown(os.path.join(directory, name))
            rel = os.path.relpath(path, root).replace(os.sep, "/")
            if pattern is not None:
                if not fnmatch.fnmatchcase(rel, pattern):
                    continue
            elif not search.wanted(path):
                continue
            yield path


def _shown(path: str) -> str:
    """``path`` relative to the working directory when it is below it (as messages show paths)."""
    rel = os.path.relpath(path)
    return path if rel.startswith("..") else rel


def _head_names(path: str, key: str, year: int) -> bool:
    """Whether the start of the file names the year and the body (in UTF-8 or GB18030)."""
    if path.lower().endswith(".docx"):
        return True  # compressed: only the reader can tell
    try:
        with open(path, "rb") as fh:
            head = fh.read(HEAD_BYTES)
    except OSError:
        return False
    if str(year).encode() not in head and str(year).encode("utf-16-le") not in head:
        return False
    for encoding in ("utf-8", "gb18030", "utf-16"):
        text = _DROP.sub("", head.decode(encoding, "ignore"))
        if key in text:
            return True
    return False


def _read_once(path: str, search: Search) -> Optional[Report]:
    if path not in search._read:
        try:
            search._read[path] = search.read(path)
        except Exception:  # an unreadable file is not last year's report; the run goes on
            search._read[path] = None
    return search._read[path]


# The search of the current run, set by the runner (``configure``); rules read it with ``current``.
_CURRENT: Optional[Search] = None


def configure(search: Optional[Search]) -> None:
    global _CURRENT
    _CURRENT = search


def current() -> Optional[Search]:
    return _CURRENT


def find_last_year(path: str, body: str, year: int) -> Optional[Report]:
    """For rules: the report of ``body`` for ``year`` in the repository of the report at ``path``
    (under its configuration root), or ``None`` — also when no run is searching (a rule run alone)."""
    search = current()
    return read_previous(path, body, year, search) if search is not None else None


def verbose_note(text: str) -> None:
    """For rules: a line that ``check --verbose`` prints after the findings (each once)."""
    search = current()
    if search is not None:
        search.note(text)


def search_root(path: str) -> Optional[str]:
    """The directory searched for the report at ``path`` (``None`` when no run is searching)."""
    search = current()
    return search.root_of(path) if search is not None else None
