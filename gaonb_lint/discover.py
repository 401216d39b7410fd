"""Which files a ``check PATH...`` run looks at."""
from __future__ import annotations

import os
from typing import Iterator, List, Tuple

from gaonb_lint.config import ConfigFinder, matches
from gaonb_lint.errors import InputError
from gaonb_lint.messages import Message, os_reason


def _walk_errors(errors: List[OSError]) -> Iterator[Tuple[str, object]]:
    while errors:
        e = errors.pop(0)
        where = e.filename or "?"
        yield where, InputError("input.unreadable-dir", path=where, reason=os_reason(e))


def discover(paths: List[str], finder: ConfigFinder, force_exclude: bool = False) -> Iterator[Tuple[str, object]]:
    """Yield ``(path, None)`` for each file to check, or ``(path, InputError)`` for a path that
    cannot be used.  Directories are walked (symlinked directories are not followed, so a loop
    cannot hang the run) and filtered by each file's configuration; a file named on the command
    line is checked even if excluded, unless ``force_exclude``."""
    seen = set()
    for path in paths:
        if not os.path.lexists(path):
            yield path, InputError("input.not-found", path=path)
            continue
        if os.path.isdir(path):
            found = 0
            unreadable: List[OSError] = []
            for root, dirs, files in os.walk(path, followlinks=False, onerror=unreadable.append):
                # A directory that cannot be listed is said, not skipped: a report in it would
                # otherwise never be checked while the run says it passed.
                yield from _walk_errors(unreadable)
                cfg = finder.for_path(os.path.join(root, "x"))
                dirs[:] = sorted(d for d in dirs if not cfg.is_excluded(os.path.join(root, d)))
                for name in sorted(files):
                    full = os.path.join(root, name)
                    fcfg = finder.for_path(full)
                    if fcfg.is_included(full) and not fcfg.is_excluded(full) and not os.path.isdir(full):
                        key = os.path.realpath(full)
                        if key not in seen:
                            seen.add(key)
                            found += 1
                            yield full, None
            problems = list(_walk_errors(unreadable))
            yield from problems
            if not found and not problems:
                cfg = finder.for_path(os.path.join(path, "x"))
                hit = [p for p in cfg.exclude if matches(cfg.relpath(path), [p])]
                if hit:
                    yield path, InputError("input.excluded-dir", path=path, pattern=hit[0],
                                           config=cfg.path or Message("input.default-exclude"))
                else:
                    yield path, InputError("input.no-reports", path=path, patterns=list(cfg.include))
            continue
        if force_exclude and finder.for_path(path).is_excluded(path):
            continue
        key = os.path.realpath(path)
        if key not in seen:
            seen.add(key)
            yield path, None
