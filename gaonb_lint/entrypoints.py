"""Entry points of one group, read straight from the ``*.dist-info`` / ``*.egg-info`` folders on
``sys.path``.

``importlib.metadata`` (with ``email``, ``zipfile``, ``pathlib`` …) costs about 25 ms to import and
scan, a third of a pre-commit run on one report.  This reader follows the same rules for the
common case — directories on ``sys.path``, the first distribution of a name wins, ``[group]``
sections of ``entry_points.txt`` — and hands anything else (a zip file or ``.egg`` on the path,
an extra metadata finder) to ``importlib.metadata`` itself.
"""
from __future__ import annotations

import os
import re
import sys
from typing import Iterable, List, NamedTuple, Optional

_VALUE = re.compile(r"(?P<module>[\w.]+)\s*(:\s*(?P<attr>[\w.]+)\s*)?((?P<extras>\[.*\])\s*)?$")
_INFO_SUFFIXES = (".dist-info", ".egg-info")


class EntryPoint(NamedTuple):
    name: str
    value: str
    group: str

    def load(self):
        """The object the entry point names (``module`` or ``module:attr.attr``)."""
        from importlib import import_module

        m = _VALUE.match(self.value)
        if m is None:
            raise ValueError(f"invalid entry point value {self.value!r}")
        obj = import_module(m.group("module"))
        for attr in (m.group("attr") or "").split("."):
            if attr:
                obj = getattr(obj, attr)
        return obj


def _normalize(name: str) -> str:
    """``importlib.metadata``'s ``Prepared.normalize``: each run of ``-_.`` → ``_``, lower case."""
    out = []
    for ch in name.lower():
        if ch not in "-_.":
            out.append(ch)
        elif not out or out[-1] != "\0":
            out.append("\0")
    return "".join(out).replace("\0", "_")


def parse_entry_points(text: str, group: str) -> List[EntryPoint]:
    """The ``name = value`` lines of section ``[group]`` of an ``entry_points.txt``."""
    out: List[EntryPoint] = []
    section = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1].strip()
        elif section == group and "=" in line:
            name, _, value = line.partition("=")
            out.append(EntryPoint(name.strip(), value.strip(), group))
    return out


def _standard_finders_only() -> bool:
    """True when only the standard path finder supplies distribution metadata."""
    from importlib.machinery import PathFinder

    return all(f is PathFinder or not hasattr(f, "find_distributions") for f in sys.meta_path)


def entry_points(group: str, path: Optional[Iterable[str]] = None) -> list:
    """Entry points of ``group`` over the distributions on ``path`` (default ``sys.path``)."""
    entries = list(sys.path if path is None else path)
    if not _standard_finders_only():
        return _importlib_entry_points(group)
    seen = set()
    out: list = []
    for entry in entries:
        directory = entry or "."
        if not os.path.isdir(directory):
            if os.path.exists(directory):  # a zip archive on the path
                return _importlib_entry_points(group)
            continue
        if directory.lower().endswith(".egg"):
            return _importlib_entry_points(group)
        try:
            children = os.listdir(directory)
        except OSError:
            continue
        for child in children:
            low = child.lower()
            if not low.endswith(_INFO_SUFFIXES):
                continue
            key = _normalize(low.rpartition(".")[0].partition("-")[0])
            if key in seen:
                continue
            seen.add(key)
            try:
                with open(os.path.join(directory, child, "entry_points.txt"), encoding="utf-8") as fh:
                    text = fh.read()
            except (OSError, UnicodeDecodeError):
                continue
            if group in text:
                out.extend(parse_entry_points(text, group))
    return out


def _importlib_entry_points(group: str) -> list:
    from importlib.metadata import entry_points as _eps

    eps = _eps()
    if hasattr(eps, "select"):
        return list(eps.select(group=group))
    return list(eps.get(group, []))  # Python 3.9
