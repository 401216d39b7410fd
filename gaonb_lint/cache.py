"""The result cache: a file's findings are kept under the hash of its bytes, and reused while the
bytes, the file's resolved configuration and the code that checks it (gaonb-lint and every
plugin, by version and by the files of their modules) are the same.

One SQLite database in the cache directory (``.gaonb-lint-cache/`` next to the configuration, or
``cache-dir``), a row per checked file and run settings (language, ``--select``/``--ignore``,
forced format version, code): a pre-commit run on one report reads and writes one row, and a
first run over a whole site writes its rows in a few transactions instead of a file each.  A
corrupt, foreign or unreadable database or row is ignored (a database SQLite cannot read is made
anew); a cache that cannot be written is skipped: the cache never changes what a run reports,
only how fast.  A row also keeps what the report-set rules (carry-over, in-force-count)
extracted of the file, so that their pass over the whole run needs no file read again; their
findings, which depend on other files, are worked out afresh every run — but the start of each
file their search of the repository read is kept too, by modification time and size, so that a
pre-commit run on one report does not read the first kilobytes of every other report again.

Rows are pickled, and read back by an unpickler that refuses every class and function: only
``None``, booleans, numbers, strings, bytes, tuples, lists, dicts and sets come out of the cache,
so a crafted file can at worst fail to load.  What an extract holds beyond those (a class's
instance) is not cached: that file is read again each run.
"""
from __future__ import annotations

import io
import json
import os
import sys
from array import array
from typing import Any, Dict, List, Optional, Tuple

try:  # blake2 without hashlib's OpenSSL start-up
    from _blake2 import blake2b
except ImportError:  # pragma: no cover
    from hashlib import blake2b
try:  # pickle's C implementation without the pure-Python module's start-up
    from _pickle import Pickler, PicklingError, Unpickler, UnpicklingError
except ImportError:  # pragma: no cover
    from pickle import Pickler, PicklingError, Unpickler, UnpicklingError

from gaonb_lint import __version__
from gaonb_lint.diagnostics import Diagnostic
from gaonb_lint.model import Span
from gaonb_lint.results import Found
from gaonb_lint.rule import Extract

FORMAT = 4
DEFAULT_DIR = ".gaonb-lint-cache"
DATABASE = f"results-{FORMAT}.sqlite"
# Sets of rows kept for other settings or code (an upgrade, --select): the newest few.
KEEP_RUNS = 8
# New rows are written in one transaction per this many as a run goes on.
FLUSH_EVERY = 256
# How long a run waits for another run's write to the database before it goes on uncached.
BUSY_SECONDS = 5.0
# Connections a forked worker inherited from its parent (see Cache._connect).
_INHERITED: List[Any] = []


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
    """The rows of one set of run settings: ``get`` reads a file's row, ``put`` keeps a new one
    and ``save`` writes the new ones.  The database is opened on first use in each process (a
    ``-j`` worker opens its own: a connection must not cross a fork)."""

    def __init__(self, directory: str, key: str):
        self.directory = directory
        self.key = key
        self.path = os.path.join(directory, DATABASE)
        self.pending: List[tuple] = []
        self.added = 0
        self._db = None
        self._pid: Optional[int] = None
        self._broken = False
        self._rows: Optional[bool] = None  # whether these settings had any rows when the run began
        self.pending_heads: List[tuple] = []
        self._heads: Optional[bool] = None  # whether these settings had any starts kept

    def get(self, path: str, content: str, cfg_key: str):
        if self._rows is None:
            self._rows = self._has("entries")
        row = self._row("SELECT content, config, payload FROM entries WHERE run = ? AND path = ?",
                        os.path.abspath(path)) if self._rows else None
        if row is None or row[0] != content or row[1] != cfg_key:
            return None
        try:
            return decode(path, loads(row[2]))
        except Exception:  # a row that is not ours, or damaged: checked again, as if not cached
            return None

    def put(self, path: str, content: str, cfg_key: str, found) -> None:
        if self._broken:
            return
        try:
            payload = encode(found)
        except (TypeError, PicklingError, RecursionError, ValueError):
            return  # an extract held something the cache does not keep: checked again next run
        self.pending.append((self.key, os.path.abspath(path), content, cfg_key, payload))
        self.added += 1
        if len(self.pending) >= FLUSH_EVERY:  # memory stays flat in the number of files
            self.save()

    def head(self, path: str, stamp: Tuple[int, int]) -> Optional[str]:
        """The start of the file at ``path`` kept by an earlier run (for the search for last year's
        report, :mod:`gaonb_lint.history`) while ``stamp`` (modification time, size) is the same.
        Looked up file by file: a search stops at the first match."""
        if self._heads is None:
            self._heads = self._has("heads")
        row = self._row("SELECT mtime, size, text FROM heads WHERE run = ? AND path = ?", path) if self._heads else None
        if row is None or (row[0], row[1]) != tuple(stamp) or type(row[2]) is not str:
            return None
        return row[2]

    def keep(self, path: str, stamp: Tuple[int, int], text: str) -> None:
        if not self._broken:
            self.pending_heads.append((self.key, path, stamp[0], stamp[1], text))

    def save(self) -> None:
        pending, self.pending = self.pending, []
        heads, self.pending_heads = self.pending_heads, []
        if not (pending or heads):
            return
        db = self._connect(create=True)
        if db is None:
            return
        try:
            db.execute("BEGIN IMMEDIATE")
            try:
                new = db.execute("SELECT 1 FROM runs WHERE run = ?", (self.key,)).fetchone() is None
                db.execute("INSERT OR REPLACE INTO runs (run, used) VALUES (?, julianday('now'))", (self.key,))
                if new:  # settings or code changed: drop the oldest sets of rows beyond a few
                    old = "SELECT run FROM runs ORDER BY used DESC LIMIT -1 OFFSET ?"
                    for table in ("entries", "heads", "runs"):
                        db.execute(f"DELETE FROM {table} WHERE run IN ({old})", (KEEP_RUNS,))
                db.executemany("INSERT OR REPLACE INTO entries (run, path, content, config, payload) "
                               "VALUES (?, ?, ?, ?, ?)", pending)
                db.executemany("INSERT OR REPLACE INTO heads (run, path, mtime, size, text) VALUES (?, ?, ?, ?, ?)",
                               heads)
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
        except Exception as e:  # sqlite3.Error: a read-only checkout, a full disk, a busy database
            self._failed(e)

    def _has(self, table: str) -> bool:
        """Whether ``table`` holds anything of these settings (asked once per run: a first run with
        new settings looks nothing up)."""
        return self._row(f"SELECT 1 FROM {table} WHERE run = ? LIMIT 1") is not None

    def _row(self, sql: str, *args: Any) -> Optional[tuple]:
        """The first row ``sql`` selects for these settings (its first parameter) and ``args``."""
        db = self._connect(create=False)
        if db is None:
            return None
        try:
            return db.execute(sql, (self.key, *args)).fetchone()
        except Exception as e:  # sqlite3.Error: locked, corrupt — this run goes on without the cache
            self._failed(e)
            return None

    def _connect(self, create: bool):
        """The database of this process, or None when the cache is off for the rest of the run.
        Reading never creates the directory: a run that finds nothing to write leaves no trace."""
        if self._broken:
            return None
        if self._db is not None:
            if self._pid == os.getpid():
                return self._db
            # Forked with the parent's connection: it is never used nor closed here (closing it
            # could release the parent's locks), only set aside.
            _INHERITED.append(self._db)
            self._db = None
        if not create and not os.path.exists(self.path):
            return None
        try:
            import sqlite3
        except ImportError:  # a Python built without it: every run is uncached
            self._broken = True
            return None
        for attempt in (1, 2):
            try:
                if create:
                    self._prepare()
                db = sqlite3.connect(self.path, timeout=BUSY_SECONDS, isolation_level=None,
                                     check_same_thread=False)
                try:
                    # A cache needs no durability: a row torn by a crash fails its checks or is
                    # made anew with the database.
                    db.execute("PRAGMA synchronous = OFF")
                    db.execute("CREATE TABLE IF NOT EXISTS entries (run TEXT NOT NULL, path TEXT NOT NULL, "
                               "content TEXT NOT NULL, config TEXT NOT NULL, payload BLOB NOT NULL, "
                               "PRIMARY KEY (run, path))")
                    db.execute("CREATE TABLE IF NOT EXISTS runs (run TEXT PRIMARY KEY, used REAL NOT NULL)")
                    db.execute("CREATE TABLE IF NOT EXISTS heads (run TEXT NOT NULL, path TEXT NOT NULL, "
                               "mtime INTEGER NOT NULL, size INTEGER NOT NULL, text TEXT NOT NULL, "
                               "PRIMARY KEY (run, path))")
                except BaseException:
                    db.close()
                    raise
            except sqlite3.Error as e:
                if attempt == 1 and _unreadable(e) and self._remove():
                    continue  # not a database SQLite can read: made anew, once
                self._failed(e)
                return None
            except OSError:  # the directory cannot be made: a read-only checkout, a file in the way
                self._broken = True
                return None
            self._db, self._pid = db, os.getpid()
            return db
        return None

    def _failed(self, error: Exception) -> None:
        self._broken = True
        if _unreadable(error):
            self._remove()

    def _remove(self) -> bool:
        try:
            os.unlink(self.path)
        except FileNotFoundError:
            pass
        except OSError:
            return False
        return True

    def _prepare(self) -> None:
        os.makedirs(self.directory, exist_ok=True)
        tag = os.path.join(self.directory, "CACHEDIR.TAG")
        if not os.path.exists(tag):
            with open(tag, "w", encoding="ascii") as fh:
                fh.write("Signature: 8a477f597d28d172789f06886806bc55\n# gaonb-lint's result cache\n")
            with open(os.path.join(self.directory, ".gitignore"), "w", encoding="ascii") as fh:
                fh.write("# Created by gaonb-lint: the cache is not for version control.\n*\n")
        if not os.path.exists(self.path):  # what older versions left: a folder of JSON files
            import shutil

            shutil.rmtree(os.path.join(self.directory, "v1"), ignore_errors=True)


def _unreadable(error: Exception) -> bool:
    """SQLite cannot read the file as a database (not one, or damaged) — not merely busy."""
    return getattr(error, "sqlite_errorname", "") in ("SQLITE_NOTADB", "SQLITE_CORRUPT") or any(
        words in str(error) for words in ("not a database", "malformed"))


class _Plain(Unpickler):
    """Reads back plain data only: any class or function a pickle names is refused."""

    def find_class(self, module, name):
        raise UnpicklingError(f"{module}.{name} is not kept in the cache")


class _PlainPickler(Pickler):
    """Refuses what :class:`_Plain` could not read back: anything but the built-in plain types."""

    def reducer_override(self, obj):
        raise TypeError(type(obj).__name__)


def dumps(value: Any) -> bytes:
    """``value`` pickled when it holds only ``None``, booleans, numbers, strings, bytes, tuples,
    lists, dicts and sets (exact types); otherwise ``TypeError``."""
    buf = io.BytesIO()
    _PlainPickler(buf, protocol=5).dump(value)
    return buf.getvalue()


def loads(data: bytes) -> Any:
    return _Plain(io.BytesIO(data)).load()


def encode(found) -> bytes:
    return dumps((
        tuple(getattr(found, "read_as", ("", "", ""))),
        list(getattr(found, "ran", [])),
        dict(getattr(found, "lines", {})),
        [(d.span.line, d.span.column, d.span.end_line, d.span.end_column, d.code, d.rule, d.severity, d.message,
          d.plugin, d.fix, d.extra, d.anchor, getattr(d, "page", None)) for d in found],
        tuple(getattr(found, "identity", None) or ()) or None,
        # Every extract of a file is of the same report: its line index is kept once.
        next(((list(x._line_starts), x._length) for x in getattr(found, "extracts", {}).values()), None),
        {slug: x.data for slug, x in getattr(found, "extracts", {}).items()},
    ))


def _diagnostic(path: str, row: tuple) -> Diagnostic:
    d = Diagnostic(path, Span(*row[0:4]), row[4], row[5], row[6], row[7], row[8], row[9], dict(row[10]),
                   anchor=row[11])
    if row[12] is not None:
        d.page = row[12]
    return d


def decode(path: str, payload: tuple):
    read_as, ran, lines, diagnostics, identity, report_lines, extracts = payload
    found = Found(_diagnostic(path, row) for row in diagnostics)
    found.read_as = tuple(read_as)
    found.ran = list(ran)
    found.lines = dict(lines)
    if identity is not None:
        body, year = identity
        found.identity = (body, year)
    if extracts:
        starts, length = report_lines
        starts = array("q", starts)
        found.extracts = {slug: Extract.restore(path, data, starts, int(length))
                          for slug, data in extracts.items()}
    else:
        found.extracts = {}
    return found
