"""The result cache: a file's findings are kept under the hash of its bytes, and reused while the
bytes, the file's resolved configuration and the code that checks it (gaonb-lint and every
plugin, by version and by the files of their modules) are the same.

One small JSON file per checked file, under a directory named by the run's settings (language,
``--select``/``--ignore``, forced format version, code) in the cache directory
(``.gaonb-lint-cache/`` next to the configuration, or ``cache-dir``): a pre-commit run on one
report reads and writes one entry, whatever the size of the repository.  A corrupt, foreign or
unreadable entry is ignored; a cache that cannot be written is skipped: the cache never changes
what a run reports, only how fast.  An entry also keeps what the report-set rules (carry-over,
in-force-count) extracted of the file, so that their pass over the whole run needs no file read
again; their findings, which depend on other files, are worked out afresh every run.
"""
from __future__ import annotations

import json
import os
import sys
from typing import Any, Dict, List, Tuple

try:  # blake2 without hashlib's OpenSSL start-up
    from _blake2 import blake2b
except ImportError:  # pragma: no cover
    from hashlib import blake2b

from gaonb_lint import __version__
from gaonb_lint.diagnostics import Diagnostic
from gaonb_lint.model import Span
from gaonb_lint.results import Found
from gaonb_lint.rule import Extract

FORMAT = 3
DEFAULT_DIR = ".gaonb-lint-cache"
# Sets of entries kept for other settings or code (an upgrade, --select): the newest few.
KEEP_RUNS = 8
# Entries are written in batches of this many as a run goes on.
FLUSH_EVERY = 64


def digest(data: bytes) -> str:
    return blake2b(data, digest_size=16).hexdigest()


def _code_files(modules: List[str]) -> List[Tuple[str, int, int]]:
    """(file, mtime, size) of every Python file of the packages that check a report."""
    out = []
    dirs = set()
    for name in modules:
        mod = sys.modules.get(name)
        path = getattr(mod, "__file__", None)
        if not path:
            continue
        dirs.add(os.path.dirname(path) if os.path.basename(path) == "__init__.py" else path)
    for d in sorted(dirs):
        if os.path.isfile(d):
            st = os.stat(d)
            out.append((d, st.st_mtime_ns, st.st_size))
            continue
        for root, subdirs, files in os.walk(d):
            subdirs[:] = sorted(s for s in subdirs if s != "__pycache__")
            for f in sorted(files):
                if f.endswith((".py", ".yml", ".json")):
                    p = os.path.join(root, f)
                    try:
                        st = os.stat(p)
                    except OSError:
                        continue
                    out.append((p, st.st_mtime_ns, st.st_size))
    return out


def run_key(host, lang: str, select, ignore, forced_version) -> str:
    modules = ["gaonb_lint"] + sorted({getattr(r.check, "__module__", "") for r in host.all_rules()} |
                                      {getattr(r.read, "__module__", "") for r in host.readers})
    raw = json.dumps([FORMAT, __version__, sys.version_info[:2], lang, sorted(select) if select is not None else None,
                      sorted(ignore or ()), forced_version, _code_files(modules)], default=str)
    return digest(raw.encode("utf-8"))


def config_key(cfg) -> str:
    return digest(repr(cfg).encode("utf-8"))


def directory_for(cfg) -> str:
    base = cfg.root if cfg.path else os.getcwd()
    return os.path.join(base, cfg.cache_dir or DEFAULT_DIR)


class Cache:
    """The entries of one set of run settings: ``get`` reads an entry, ``put`` keeps a new one
    and ``save`` writes the new ones (entries need no fsync: a torn one fails to parse)."""

    def __init__(self, directory: str, key: str):
        self.directory = directory
        self.key = key
        self.runs = os.path.join(directory, "v1")
        self.folder = os.path.join(self.runs, key[:24])
        self.pending: Dict[str, list] = {}
        self.added = 0

    def _entry(self, path: str) -> Tuple[str, str]:
        absolute = os.path.abspath(path)
        return absolute, os.path.join(self.folder, digest(absolute.encode("utf-8", "surrogatepass")) + ".json")

    def get(self, path: str, content: str, cfg_key: str):
        absolute, file = self._entry(path)
        try:
            with open(file, "rb") as fh:
                entry = json.loads(fh.read().decode("utf-8"))
            if not (isinstance(entry, dict) and entry.get("format") == FORMAT and entry.get("key") == self.key
                    and entry.get("path") == absolute and entry.get("content") == content
                    and entry.get("config") == cfg_key):
                return None
            return decode(path, entry["payload"])
        except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
            return None

    def put(self, path: str, content: str, cfg_key: str, found) -> None:
        try:
            payload = encode(found)
        except TypeError:  # a plugin's extract kept something JSON cannot hold: not cached
            return
        absolute, file = self._entry(path)
        self.pending[file] = [absolute, content, cfg_key, payload]
        self.added += 1
        if len(self.pending) >= FLUSH_EVERY:  # memory stays flat in the number of files
            self.save()

    def save(self) -> None:
        if not self.pending:
            return
        try:
            self._prepare()
            for file, (absolute, content, cfg_key, payload) in self.pending.items():
                doc = {"format": FORMAT, "key": self.key, "path": absolute, "content": content,
                       "config": cfg_key, "payload": payload}
                tmp = f"{file}.{os.getpid()}.tmp"
                with open(tmp, "wb") as fh:
                    fh.write(json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
                os.replace(tmp, file)
        except OSError:
            pass  # a read-only checkout, a full disk: the run is just not cached
        self.pending = {}

    def _prepare(self) -> None:
        new = not os.path.isdir(self.folder)
        os.makedirs(self.folder, exist_ok=True)
        tag = os.path.join(self.directory, "CACHEDIR.TAG")
        if not os.path.exists(tag):
            with open(tag, "w", encoding="ascii") as fh:
                fh.write("Signature: 8a477f597d28d172789f06886806bc55\n# gaonb-lint's result cache\n")
            with open(os.path.join(self.directory, ".gitignore"), "w", encoding="ascii") as fh:
                fh.write("# Created by gaonb-lint: the cache is not for version control.\n*\n")
        if new:  # settings or code changed: drop the oldest sets of entries beyond a few
            _prune(self.runs, keep=KEEP_RUNS)


def _prune(runs: str, keep: int) -> None:
    import shutil

    try:
        folders = [os.path.join(runs, d) for d in os.listdir(runs)]
        folders.sort(key=lambda d: os.stat(d).st_mtime, reverse=True)
    except OSError:
        return
    for old in folders[keep:]:
        shutil.rmtree(old, ignore_errors=True)


def encode(found) -> Dict[str, Any]:
    return {
        "read_as": list(getattr(found, "read_as", ("", "", ""))),
        "ran": list(getattr(found, "ran", [])),
        "lines": {str(k): v for k, v in getattr(found, "lines", {}).items()},
        "diagnostics": [[d.span.line, d.span.column, d.span.end_line, d.span.end_column, d.code, d.rule,
                         d.severity, d.message, d.plugin, d.fix, d.extra, d.anchor, getattr(d, "page", None)]
                        for d in found],
        "identity": list(getattr(found, "identity", None) or ()) or None,
        # Every extract of a file is of the same report: its line index is kept once.
        "report_lines": next(([list(x._line_starts), x._length] for x in getattr(found, "extracts", {}).values()),
                             None),
        "extracts": {slug: pack(x.data) for slug, x in getattr(found, "extracts", {}).items()},
    }


_SCALARS = (str, int, float, bool, type(None))


def pack(value: Any) -> Any:
    """``value`` as JSON that :func:`unpack` turns back into equal Python data: report-set
    extracts hold tuples and tuple-keyed dicts, which plain JSON would turn into lists and
    strings.  Anything else that JSON cannot hold raises ``TypeError``."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, tuple):
        if all(type(v) in _SCALARS for v in value):  # the cell keys and positions of extracts
            return {"t": list(value)}
        return {"t": [pack(v) for v in value]}
    if isinstance(value, list):
        return {"l": [pack(v) for v in value]}
    if isinstance(value, dict):
        return {"m": [[pack(k), pack(v)] for k, v in value.items()]}
    raise TypeError(type(value).__name__)


def unpack(value: Any) -> Any:
    if not isinstance(value, dict):
        return value
    (tag, items), = value.items()
    if tag == "t":
        if all(type(v) in _SCALARS for v in items):
            return tuple(items)
        return tuple(unpack(v) for v in items)
    if tag == "l":
        return [unpack(v) for v in items]
    if tag == "m":
        return {unpack(k): unpack(v) for k, v in items}
    raise ValueError(tag)


def _diagnostic(path: str, row: list) -> Diagnostic:
    d = Diagnostic(path, Span(*row[0:4]), row[4], row[5], row[6], row[7], row[8], row[9], dict(row[10]),
                   anchor=row[11])
    if row[12] is not None:
        d.page = row[12]
    return d


def decode(path: str, payload: Dict[str, Any]):
    found = Found(_diagnostic(path, row) for row in payload["diagnostics"])
    found.read_as = tuple(payload["read_as"])
    found.ran = list(payload["ran"])
    found.lines = {int(k): v for k, v in payload["lines"].items()}
    if payload["identity"] is not None:
        body, year = payload["identity"]
        found.identity = (body, year)
    if payload["extracts"]:
        starts, length = payload["report_lines"]
        found.extracts = {slug: Extract.restore(path, unpack(data), starts, int(length))
                          for slug, data in payload["extracts"].items()}
    else:
        found.extracts = {}
    return found
