"""Configuration: ``[tool.gaonb-lint]`` in ``pyproject.toml`` or the top level of
``.gaonb-lint.toml``, the nearest one found walking up from each checked file (a
``.gaonb-lint.toml`` wins over a ``pyproject.toml`` in the same directory)."""
from __future__ import annotations

import fnmatch
import os
import re
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Dict, List, Optional, Sequence, Tuple

from gaonb_lint.errors import ConfigError
from gaonb_lint.messages import Message, os_reason, toml_reason, type_name


def _tomllib():
    # Imported only when a configuration file is actually parsed: most runs have none.
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    return tomllib

CONFIG_NAMES = (".gaonb-lint.toml", "pyproject.toml")
# Where a pyproject.toml sets tool.gaonb-lint, on a line naming gaonb-lint: `[tool.gaonb-lint…]`,
# `tool.gaonb-lint… =`, `gaonb-lint = {…}` / `gaonb-lint.x =` (under [tool]), `tool = {… gaonb-lint`,
# or `gaonb-lint =` among the keys of a `[tool]` table.  Checked line by line with patterns that
# have no unbounded part before a literal, so the check is linear in the file (a pull request can
# plant a pyproject.toml).
_OUR_TABLE = r"gaonb-lint[\"']?[ \t]*(?:[\].]|=[ \t]*\{)|tool[\"']?[ \t]*\.[ \t]*[\"']?gaonb-lint"
_TOOL_INLINE = r"tool[\"']?[ \t]*=[ \t]*\{"
_TOOL_HEADER = r"\[[ \t]*[\"']?tool[\"']?[ \t]*\]"
_OUR_KEY = r"[ \t]*[\"']?gaonb-lint[\"']?[ \t]*="


def _may_set_ours(text: str) -> bool:
    """False only when a pyproject.toml cannot set tool.gaonb-lint (it names gaonb-lint only as a
    dependency or a script, say): then it is not parsed at all, which spares tomllib's import."""
    if "gaonb-lint" not in text:
        return False
    # re.* compile on first use only (and cache): most runs find no pyproject.toml.
    under_tool = False
    for line in text.split("\n"):
        stripped = line.lstrip(" \t")
        if stripped.startswith("["):
            under_tool = bool(re.match(_TOOL_HEADER, stripped))
        if "gaonb-lint" not in line:
            continue
        if re.search(_OUR_TABLE, line) or (under_tool and re.match(_OUR_KEY, line)):
            return True
        inline = re.search(_TOOL_INLINE, line)
        if inline is not None and "gaonb-lint" in line[inline.end():]:
            return True
    return False


DEFAULT_INCLUDE = ("*.md", "*.markdown", "*.txt", "*.html", "*.htm", "*.docx", "*.pdf")
DEFAULT_EXCLUDE = (".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", ".tox",
                   "build", "dist", "site-packages")
SEVERITIES = ("error", "warning", "info")

KEYS = {
    "select": list, "ignore": list, "extend-ignore": list, "severity": dict, "per-file-ignores": dict,
    "include": list, "exclude": list, "extend-exclude": list, "format-version": str, "lang": str,
    "max-file-size": (int, str), "rules": dict, "plugins": dict, "disable-plugins": list, "rule-packs": list,
    "rule-timeout": (int, float),
    "previous-report": str, "cache-dir": str, "docs-url": str,
}
DEFAULT_RULE_TIMEOUT = 30.0  # seconds one rule (or a plugin's reader) may take on one file


@dataclass
class Config:
    path: Optional[str] = None  # the file it came from; None for defaults
    root: str = "."
    select: Optional[List[str]] = None
    ignore: List[str] = field(default_factory=list)
    severity: Dict[str, str] = field(default_factory=dict)
    per_file_ignores: Dict[str, List[str]] = field(default_factory=dict)
    include: List[str] = field(default_factory=lambda: list(DEFAULT_INCLUDE))
    exclude: List[str] = field(default_factory=lambda: list(DEFAULT_EXCLUDE))
    format_version: Optional[str] = None
    lang: Optional[str] = None
    max_file_size: int = 10 * 1024 * 1024
    rule_timeout: float = DEFAULT_RULE_TIMEOUT  # 0: no limit
    rules: Dict[str, Dict[str, Any]] = field(default_factory=dict)
    rule_packs: List[str] = field(default_factory=list)  # absolute paths
    previous_report: Optional[str] = None  # glob, relative to root, of where last year's reports are
    plugins: Dict[str, Dict[str, Any]] = field(default_factory=dict)
    disable_plugins: List[str] = field(default_factory=list)
    text: str = field(default="", repr=False)  # the file's text, to name the line of a bad option
    prefix: str = ""  # "tool.gaonb-lint." in a pyproject.toml
    cache_dir: Optional[str] = None  # relative to ``root``; None: ``.gaonb-lint-cache``
    docs_url: Optional[str] = None  # rule documentation pages, with {slug} / {code}

    def line_of(self, table: str, key: Optional[str] = None) -> int:
        """The line of ``[…table]`` (or of ``key`` inside it) in the file; 1 when not found."""
        return _table_key_line(self.text, table, key)

    def relpath(self, path: str) -> str:
        return os.path.relpath(os.path.abspath(path), self.root).replace(os.sep, "/")

    def is_excluded(self, path: str) -> bool:
        return matches(self.relpath(path), self.exclude)

    def is_included(self, path: str) -> bool:
        return matches(self.relpath(path), self.include)

    def ignored_for(self, path: str) -> List[str]:
        rel = self.relpath(path)
        out: List[str] = []
        for pattern, names in self.per_file_ignores.items():
            if matches(rel, [pattern]):
                out.extend(names)
        return out


def matches(rel: str, patterns: Sequence[str]) -> bool:
    """gitignore-like: a pattern with ``/`` matches the relative path (``*`` crosses ``/``); one
    without matches any single path component."""
    paths, components = _split_patterns(tuple(patterns))
    for pat in paths:
        if fnmatch.fnmatchcase(rel, pat) or fnmatch.fnmatchcase(rel, pat + "/*"):
            return True
    if components:
        return any(_component_matches(p, components) for p in rel.split("/") if p not in ("", "."))
    return False


@lru_cache(maxsize=64)
def _split_patterns(patterns: Tuple[str, ...]) -> Tuple[Tuple[str, ...], Tuple[str, ...]]:
    """(patterns of the whole relative path, patterns of one component)."""
    paths, components = [], []
    for pat in patterns:
        pat = pat.rstrip("/")
        if "/" in pat:
            paths.append(pat.lstrip("./") if pat.startswith("./") else pat.lstrip("/"))
        else:
            components.append(pat)
    return tuple(paths), tuple(components)


# Directory names repeat in every path of a walk: each is matched against the patterns once.
@lru_cache(maxsize=4096)
def _component_matches(part: str, patterns: Tuple[str, ...]) -> bool:
    return any(fnmatch.fnmatchcase(part, pat) for pat in patterns)


def _key_line(text: str, key: str) -> int:
    leaf = key.split(".")[-1]
    # [ \t] rather than \s, and no `]`-free run across lines: linear on any file.
    m = re.search(r'^[ \t]*"?' + re.escape(leaf) + r'"?[ \t]*=', text, re.M)
    if m is None:
        m = re.search(r"^[ \t]*\[[^\]\n]*" + re.escape(leaf) + r"[^\]\n]*\]", text, re.M)
    return text.count("\n", 0, m.start()) + 1 if m else 1


def _table_key_line(text: str, table: str, key: Optional[str]) -> int:
    parts = [re.escape(p) for p in table.split(".")]
    dotted = r"[ \t]*\.[ \t]*".join(r"[\"']?" + p + r"[\"']?" for p in parts)
    header = re.search(r"^[ \t]*\[[^\]\n]*" + dotted + r"[ \t]*\]", text, re.M)
    start = header.start() if header else 0
    if key is not None:
        m = re.compile(r"^[ \t]*[\"']?" + re.escape(key) + r"[\"']?[ \t]*=", re.M).search(text, start) if header else None
        if m is None:  # an inline table or a dotted key: the first line naming it
            m = re.compile(r"[\"']?" + re.escape(key) + r"[\"']?[ \t]*=").search(text, start)
        if m is not None:
            return text.count("\n", 0, m.start()) + 1
    if header is None:
        m = re.search(dotted, text)
        return text.count("\n", 0, m.start()) + 1 if m else 1
    return text.count("\n", 0, start) + 1


MAX_FILE_SIZE = 1 << 40  # 1 TiB: beyond any report, and within what a read() can be asked for


def _parse_size(value: Any) -> Optional[int]:
    """Bytes for ``20MB``, ``1.5 MiB``, ``512`` …; ``None`` unless it is a whole number of at least
    one byte and at most ``MAX_FILE_SIZE`` (``0.5B`` is not a size; ``99999999999999999999GB``
    would overflow the read)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if 0 < value <= MAX_FILE_SIZE else None
    m = re.fullmatch(r"\s*(\d{1,20})(?:\.(\d{1,9}))?\s*([KMG]i?B?|B)?\s*", str(value), re.I)
    if not m:
        return None
    unit = (m.group(3) or "B").upper().rstrip("B").rstrip("I")
    from fractions import Fraction

    size = Fraction(m.group(1) + "." + (m.group(2) or "0")) * {"": 1, "K": 1024, "M": 1024 ** 2, "G": 1024 ** 3}[unit]
    return int(size) if 1 <= size <= MAX_FILE_SIZE else None


def load_file(path: str) -> Optional[Config]:
    """The configuration in ``path``; ``None`` for a ``pyproject.toml`` without our table."""
    try:
        with open(path, "rb") as fh:
            raw = fh.read()
        text = raw.decode("utf-8")
        if text.startswith("\ufeff"):  # editors on Windows save a BOM; TOML parsers refuse it
            text = text[1:]
    except UnicodeDecodeError:
        raise ConfigError("config.not-utf8", path=path) from None
    except OSError as e:
        raise ConfigError("config.cannot-read", path=path, reason=os_reason(e)) from None
    is_pyproject = os.path.basename(path) == "pyproject.toml"
    if is_pyproject and not _may_set_ours(text):
        return None
    tomllib = _tomllib()
    try:
        data = tomllib.loads(text)
    except RecursionError:
        raise ConfigError("config.invalid-toml", path=path, where="1", reason=Message("toml.too-deep")) from None
    except tomllib.TOMLDecodeError as e:
        msg = str(e)
        m = re.search(r"\(at line (\d+), column (\d+)\)", msg)
        if m:
            where = f"{m.group(1)}:{m.group(2)}"
        else:  # "at end of document": the last line
            where = str(len(text.rstrip("\n").split("\n")))
        raise ConfigError("config.invalid-toml", path=path, where=where, reason=toml_reason(msg)) from None
    if is_pyproject:
        tool = data.get("tool")
        table = tool.get("gaonb-lint") if isinstance(tool, dict) else None
        if table is None:
            return None
        prefix = "tool.gaonb-lint."
    else:
        table, prefix = data, ""
    if not isinstance(table, dict):
        raise ConfigError("config.not-a-table", path=path, line=_key_line(text, "gaonb-lint"))
    return from_table(table, path, text, prefix)


def from_table(table: Dict[str, Any], path: str, text: str = "", prefix: str = "") -> Config:
    cfg = Config(path=path, root=os.path.dirname(os.path.abspath(path)), text=text, prefix=prefix)

    def fail(key: str, reason: str, /, **params: Any) -> ConfigError:
        return ConfigError("config.setting", location=f"{path}:{_key_line(text, key)}", key=prefix + key,
                           reason=Message(reason, **params))

    for key, value in table.items():
        if key not in KEYS:
            raise fail(key, "config.unknown-setting", known=sorted(KEYS))
        expected = KEYS[key]
        if not isinstance(value, expected):
            want = [type_name(t) for t in expected] if isinstance(expected, tuple) else type_name(expected)
            raise fail(key, "config.wrong-type", want=want, got=type_name(value))
        if isinstance(value, list) and not all(isinstance(v, str) for v in value):
            raise fail(key, "config.list-of-strings")
    cfg.select = table.get("select")
    cfg.ignore = list(table.get("ignore", [])) + list(table.get("extend-ignore", []))
    for slug, sev in table.get("severity", {}).items():
        if sev not in SEVERITIES:
            raise fail(slug, "config.bad-severity", value=sev)
        cfg.severity[slug] = sev
    for pattern, names in table.get("per-file-ignores", {}).items():
        if isinstance(names, str):
            names = [names]
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            raise fail("per-file-ignores", "config.per-file-ignores", pattern=pattern)
        cfg.per_file_ignores[pattern] = list(names)
    if "include" in table:
        cfg.include = list(table["include"])
    if "exclude" in table:
        cfg.exclude = list(table["exclude"])
    cfg.exclude += list(table.get("extend-exclude", []))
    if "format-version" in table:
        from gaonb_lint import official_format

        if table["format-version"] not in official_format.version_ids():
            raise fail("format-version", "config.one-of", choices=list(official_format.version_ids()),
                       value=table["format-version"])
        cfg.format_version = table["format-version"]
    if "lang" in table:
        if table["lang"] not in ("zh", "en"):
            raise fail("lang", "config.one-of", choices=["zh", "en"], value=table["lang"])
        cfg.lang = table["lang"]
    if "rule-timeout" in table:
        timeout = table["rule-timeout"]
        if isinstance(timeout, bool) or not 0 <= timeout <= 86400:
            raise fail("rule-timeout", "config.rule-timeout", value=timeout)
        cfg.rule_timeout = float(timeout)
    if "max-file-size" in table:
        size = _parse_size(table["max-file-size"])
        if size is None:
            raise fail("max-file-size", "config.bad-size", value=table["max-file-size"])
        cfg.max_file_size = size
    if "cache-dir" in table:
        cfg.cache_dir = table["cache-dir"]
    if "docs-url" in table:
        try:
            table["docs-url"].format(slug="x", code="X")
        except (KeyError, IndexError, ValueError):
            raise fail("docs-url", "config.docs-url") from None
        cfg.docs_url = table["docs-url"]
    for slug, opts in table.get("rules", {}).items():
        if not isinstance(opts, dict):
            raise fail(f"rules.{slug}", "config.rule-options", table=f"{prefix}rules.{slug}")
        cfg.rules[slug] = dict(opts)
    for name, opts in table.get("plugins", {}).items():
        if not isinstance(opts, dict):
            raise fail(f"plugins.{name}", "config.rule-options", table=f"{prefix}plugins.{name}")
        cfg.plugins[name] = dict(opts)
    cfg.disable_plugins = list(table.get("disable-plugins", []))
    for pack in table.get("rule-packs", []):
        # Relative to the configuration file, like every path a configuration names.
        full = os.path.normpath(os.path.join(cfg.root, pack))
        if not os.path.isfile(full):
            raise fail("rule-packs", "config.pack-not-found", pack=pack, config=os.path.basename(path))
        cfg.rule_packs.append(full)
    if "previous-report" in table:
        pattern = table["previous-report"].replace("\\", "/")
        cfg.previous_report = (pattern[2:] if pattern.startswith("./") else pattern) or None
    return cfg


class ConfigFinder:
    """Finds (and caches) the nearest configuration for each checked path."""

    def __init__(self, explicit: Optional[str] = None, isolated: bool = False):
        if explicit and isolated:
            raise ConfigError("usage.config-isolated")
        self._cache: Dict[str, Config] = {}
        self._explicit: Optional[Config] = None
        self._isolated = isolated
        if explicit:
            if not os.path.isfile(explicit):
                raise ConfigError("config.not-found", path=explicit)
            cfg = load_file(explicit)
            if cfg is None:
                raise ConfigError("config.no-table", path=explicit)
            self._explicit = cfg

    def for_path(self, path: str) -> Config:
        if self._explicit is not None:
            return self._explicit
        if self._isolated:
            return Config(root=os.getcwd())
        start = os.path.abspath(path)
        directory = start if os.path.isdir(start) else os.path.dirname(start)
        return self._for_dir(directory)

    def _for_dir(self, directory: str) -> Config:
        if directory in self._cache:
            return self._cache[directory]
        found: Optional[Config] = None
        for name in CONFIG_NAMES:
            candidate = os.path.join(directory, name)
            if os.path.isfile(candidate):
                found = load_file(candidate)
                if found is not None:
                    break
        if found is None:
            parent = os.path.dirname(directory)
            found = self._for_dir(parent) if parent != directory else Config(root=os.getcwd())
        self._cache[directory] = found
        return found
