"""Last year's report of a body in the repository, and the body key that names it.

A report's *body key* is its title (or front matter ``body:``) with every year and the
``政府信息公开工作年度报告`` suffix removed, and spaces and punctuation dropped:
``青禾镇人民政府2025年政府信息公开工作年度报告`` → ``青禾镇人民政府``.  Last year's report is one
whose body key is the same and whose year is one less.  It is looked for among the reports of the
run first; when the run has none (a pre-commit run on one file), among the files under the
configuration root (``previous-report``, a glob relative to that root, narrows the search; what
git ignores there is passed over), read only when the first few kilobytes name the body and the year.
"""
from __future__ import annotations

import fnmatch
import os
import re
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, Iterable, Iterator, List, Optional, Tuple

from gaonb_lint.model import Report

SUFFIX = "政府信息公开工作年度报告"
_YEAR = re.compile(r"(?:19|20)\d{2}\s*年度?")
_DROP = re.compile(r"[\s\u3000·•．.、，,：:（）()《》“”\"'【】\[\]-]+")
HEAD_BYTES = 4096
MAX_FILES = 5000  # candidate files indexed under one root
# A file changed less than this long ago may change again within the same modification time
# (file systems keep it coarsely): its start is not kept for later runs.
RACY_NS = 2_000_000_000


def body_key(report: Report) -> Optional[str]:
    """The reporting body, for comparing two years' reports (``None`` when the report has no title)."""
    name = (getattr(report, "body", None) or report.metadata.get("body") or "").strip() or report.title_text or ""
    return _key(name)


def _key(name: str) -> Optional[str]:
    name = _YEAR.sub("", name).replace(SUFFIX, "")
    name = _DROP.sub("", name)
    return name or None


@dataclass
class Search:
    """How the repository is searched: a configuration root, a ``previous-report`` pattern and a
    reader for each report path, which files may be reports and which directories to skip."""

    root_of: Callable[[str], Optional[str]]  # None: no repository to search
    read: Callable[[str], Report]
    pattern_of: Callable[[str], Optional[str]] = lambda path: None
    suffixes: Optional[frozenset] = None  # of the files that can be read at all (a cheap first filter)
    wanted: Callable[[str], bool] = lambda path: True
    skip_dir: Callable[[str], bool] = lambda path: False
    notes: List[Any] = field(default_factory=list)  # str or {"zh", "en"}
    # The starts of files read by earlier runs (the result cache): ``head(path, stamp)`` gives the
    # text kept for the file at ``path`` (absolute) when ``stamp`` — (modification time in ns,
    # size) — is the one it was kept with, else None; ``keep(path, stamp, text)`` keeps one.
    heads: Any = None
    # The files of the run, by path: their (body key, year) when known.  Each is looked up by its
    # body and year instead of being read again in the walk of the repository.
    known: Dict[str, Optional[Tuple[Optional[str], Optional[int]]]] = field(default_factory=dict)
    # One run reads a file of the repository once, and looks for a body's year once.
    _read: Dict[str, Optional[Report]] = field(default_factory=dict)
    _found: Dict[Tuple[str, str, int], Optional[Report]] = field(default_factory=dict)
    _index: Dict[Tuple[str, Optional[str]], Any] = field(default_factory=dict)
    _noted: set = field(default_factory=set)
    _ignored: Dict[str, frozenset] = field(default_factory=dict)  # by root: what git ignores there
    _known_at: Optional[Dict[str, Tuple[Optional[str], Optional[int]]]] = None  # by absolute path
    _known_by: Dict[Tuple[Optional[str], Optional[int]], List[str]] = field(default_factory=dict)

    def note(self, text: Any) -> None:
        """A line for ``--verbose`` (each once)."""
        key = tuple(sorted(text.items())) if isinstance(text, dict) else text
        if key not in self._noted:
            self._noted.add(key)
            self.notes.append(text)

    def known_at(self) -> Dict[str, Tuple[Optional[str], Optional[int]]]:
        """The run's files whose body and year are known, by absolute path."""
        if self._known_at is None:
            self._known_at = {}
            for path, identity in sorted(self.known.items()):
                if identity is not None:
                    self._known_at[os.path.abspath(path)] = identity
                    self._known_by.setdefault(identity, []).append(path)
        return self._known_at


def read_previous(path: str, body: str, year: int, search: Search) -> Optional[Report]:
    """The report of ``body`` for ``year`` in the repository of ``path`` (not ``path`` itself): a
    file whose start names the body and the year, read, whose title says both."""
    root = search.root_of(path)
    if root is None:
        return None
    key = (root, body, year)
    if key not in search._found:
        search._found[key] = None
        wanted_body, wanted_year = _significant(body), str(year)
        here = os.path.realpath(path)
        search.known_at()
        for other_path in search._known_by.get((body, year), ()):
            if os.path.realpath(other_path) != here and _is_candidate(other_path, root, search.pattern_of(path), search):
                other = _read_once(other_path, search)
                if other is not None and other.year == year and body_key(other) == body:
                    search._found[key] = other
                    return other
        pattern = search.pattern_of(path)
        for head in _index(root, pattern, search):
            if head.text is not None and not (wanted_year in head.text and wanted_body in head.text):
                continue
            if os.path.realpath(head.path) == here:
                continue
            # Asked only of the few files whose start names the body and the year: the
            # configuration's include/exclude patterns cost more than reading a file's start.
            if pattern is None and not search.wanted(head.path):
                continue
            other = _read_once(head.path, search)
            if other is not None and other.year == year and body_key(other) == body:
                search._found[key] = other
                break
    return search._found[key]


@dataclass
class _Head:
    path: str
    text: Optional[str]  # the Chinese characters and digits of its first bytes; None: cannot tell (.docx)


_SIGNIFICANT = re.compile(r"[^0-9\u3400-\u9fff]+")


def _significant(text: str) -> str:
    return _SIGNIFICANT.sub("", text)


class _Index:
    """The start of every candidate file under a root, read lazily and once per run: a search
    stops at the first match, and the next search goes over what was read before going on."""

    def __init__(self, root: str, pattern: Optional[str], search: Search):
        self.heads: List[_Head] = []
        self._walk = _candidates(root, pattern, search)
        self._root = root
        self._search = search

    def __iter__(self) -> Iterator[_Head]:
        i = 0
        while True:
            if i < len(self.heads):
                yield self.heads[i]
                i += 1
                continue
            if self._walk is None:
                return
            path = next(self._walk, None)
            if path is None or len(self.heads) == MAX_FILES:
                if path is not None:
                    self._search.note({
                        "zh": f"{self._root}: 文件超过 {MAX_FILES} 个，只在前 {MAX_FILES} 个中查找了上年报告"
                              f"（可用 previous-report 设置缩小范围）",
                        "en": f"{self._root}: more than {MAX_FILES} files; last year's reports were looked for in the "
                              f"first {MAX_FILES} only (previous-report narrows the search)"})
                self._walk = None
                return
            if os.path.abspath(path) in self._search.known_at():
                continue  # a file of the run: looked up by its body and year above
            self.heads.append(_Head(path, _head_of(path, self._search.heads)))


def _index(root: str, pattern: Optional[str], search: Search) -> _Index:
    key = (root, pattern)
    if key not in search._index:
        search._index[key] = _Index(root, pattern, search)
    return search._index[key]


def _head_of(path: str, store: Any) -> Optional[str]:
    """:func:`_head_text`, from ``store`` while the file keeps its modification time and size."""
    if store is None or path.lower().endswith(".docx"):
        return _head_text(path)
    try:
        info = os.stat(path)
    except OSError:
        return ""
    absolute, stamp = os.path.abspath(path), (info.st_mtime_ns, info.st_size)
    text = store.head(absolute, stamp)
    if text is None:
        text = _head_text(path)
        if text is not None and time.time_ns() - info.st_mtime_ns > RACY_NS:
            store.keep(absolute, stamp, text)
    return text


def _head_text(path: str) -> Optional[str]:
    if path.lower().endswith(".docx"):
        return None  # compressed: only the reader can tell
    try:
        with open(path, "rb") as fh:
            head = fh.read(HEAD_BYTES)
    except OSError:
        return ""
    for encoding in ("utf-8", "gb18030", "utf-16"):
        try:
            return _significant(head.decode(encoding))
        except UnicodeDecodeError as e:
            if e.start > len(head) - 4:  # a character cut by the 8 KB limit
                return _significant(head[:e.start].decode(encoding, "ignore"))
    return _significant(head.decode("utf-8", "ignore"))


def _is_candidate(path: str, root: str, pattern: Optional[str], search: Search) -> bool:
    """Whether the search of ``root`` would take ``path`` (the walk of :func:`_candidates`, then ``wanted``)."""
    rel = os.path.relpath(os.path.abspath(path), os.path.abspath(root))
    parts = rel.split(os.sep)
    if parts[0] == ".." or any(p.startswith(".") for p in parts[:-1]):
        return False
    ignored = _ignored(search, root)
    if "/".join(parts) in ignored or any("/".join(parts[:i]) + "/" in ignored for i in range(1, len(parts))):
        return False
    if search.suffixes is not None and os.path.splitext(path)[1].lower() not in search.suffixes:
        return False
    directory = os.path.abspath(root)
    for part in parts[:-1]:
        directory = os.path.join(directory, part)
        if search.skip_dir(_shown(directory)):
            return False
    if pattern is not None:
        return fnmatch.fnmatchcase("/".join(parts), pattern)
    return search.wanted(os.path.join(_shown(os.path.dirname(os.path.abspath(path))), os.path.basename(path)))


def repository_root(path: str, config) -> Optional[str]:
    """Where last year's report of ``path`` is looked for: the directory of its configuration file,
    else the git work tree it is in; ``None`` (no search) when there is neither, so that a run in a
    home directory does not walk it."""
    if getattr(config, "path", None):
        return config.root
    directory = os.path.dirname(os.path.abspath(path))
    while True:
        if os.path.exists(os.path.join(directory, ".git")):
            return directory
        parent = os.path.dirname(directory)
        if parent == directory:
            return None
        directory = parent


def git_ignored(root: str) -> frozenset:
    """What git ignores under ``root`` (``.gitignore`` and the rest of git's exclude rules), as
    paths relative to it with ``/`` separators, a directory ending in ``/``; empty when ``root``
    is in no git work tree or git cannot be run."""
    import subprocess

    try:
        done = subprocess.run(["git", "-C", root, "ls-files", "-z", "--others", "--ignored", "--exclude-standard",
                               "--directory"], stdin=subprocess.DEVNULL, capture_output=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    if done.returncode != 0:
        return frozenset()
    return frozenset(p for p in done.stdout.decode("utf-8", "surrogateescape").split("\0") if p)


def _ignored(search: Search, root: str) -> frozenset:
    if root not in search._ignored:
        search._ignored[root] = git_ignored(root)
    return search._ignored[root]


def _candidates(root: str, pattern: Optional[str], search: Search) -> Iterable[str]:
    ignored = _ignored(search, root)
    for directory, dirs, files in os.walk(root, followlinks=False):
        rel_dir = os.path.relpath(directory, root).replace(os.sep, "/")
        prefix = "" if rel_dir == "." else rel_dir + "/"
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and prefix + d + "/" not in ignored
                         and not search.skip_dir(os.path.join(directory, d)))
        shown_dir = _shown(directory)
        for name in sorted(files):
            if search.suffixes is not None and os.path.splitext(name)[1].lower() not in search.suffixes:
                continue
            if prefix + name in ignored:
                continue
            if pattern is not None:
                rel = name if rel_dir == "." else f"{rel_dir}/{name}"
                if not fnmatch.fnmatchcase(rel, pattern):
                    continue
            yield os.path.join(shown_dir, name)  # wanted(): see read_previous


def _shown(path: str) -> str:
    """``path`` relative to the working directory when it is below it (as messages show paths)."""
    rel = os.path.relpath(path)
    return path if rel.startswith("..") else rel


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


def verbose_note(text: Any) -> None:
    """For rules: a line that ``check --verbose`` prints after the findings (each once): a string,
    or ``{"zh": …, "en": …}`` printed in the run's language."""
    search = current()
    if search is not None:
        search.note(text)


def search_root(path: str) -> Optional[str]:
    """The directory searched for the report at ``path`` (``None`` when no run is searching)."""
    search = current()
    return search.root_of(path) if search is not None else None
