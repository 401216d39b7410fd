"""The official report format, loaded from ``schemas/official-format.json`` (package
``gaonb_lint_schemas``).  Nothing in code repeats a heading or label: read them from here."""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Dict, List, Optional

from gaonb_lint.normalize import normalize_label

SCHEMA_PACKAGE = "gaonb_lint_schemas"


def load_json(name: str) -> Any:
    """A JSON file shipped in ``schemas/``."""
    from importlib import import_module

    # A plain file next to the package's __init__ in every normal install; importlib.resources
    # (which imports zipfile, pathlib, tempfile …) only for zipped installs.
    base = getattr(import_module(SCHEMA_PACKAGE), "__file__", None)
    path = os.path.join(os.path.dirname(base), name) if base else ""
    if path and os.path.isfile(path):
        with open(path, encoding="utf-8") as fh:
            return json.load(fh)
    from importlib import resources

    return json.loads(resources.files(SCHEMA_PACKAGE).joinpath(name).read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def raw_format() -> Dict[str, Any]:
    return load_json("official-format.json")


# Built once and shared; compared by identity.  (A frozen dataclass compiles three more methods
# when the module is imported, on every run of the command.)
@dataclass(eq=False)
class SectionSpec:
    key: str
    number: str
    title: str
    variants: tuple
    table: Optional[str]

    @property
    def heading(self) -> str:
        return f"{self.number}、{self.title}"


@dataclass(eq=False)
class FormatVersion:
    """One version of the format (``v2019`` or ``v2021``) with version-specific data resolved."""

    id: str
    name: str
    document: str
    first_year: int
    last_year: Optional[int]
    fee_statement_required: bool
    sections: tuple

    def table(self, key: str) -> Dict[str, Any]:
        """The official table ``key`` (``proactive``, ``applications``, ``reviews``) for this version:
        rows/blocks tagged with other versions are dropped."""
        return _table_for(self.id, key)


def _keep(item: Any, version: str) -> bool:
    return not isinstance(item, dict) or version in item.get("versions", [version])


@lru_cache(maxsize=None)
def _table_for(version: str, key: str) -> Dict[str, Any]:
    t = dict(raw_format()["tables"][key])
    if "blocks" in t:
        t["blocks"] = t["blocks"][version]
    if "rows" in t:
        t["rows"] = [r for r in t["rows"] if _keep(r, version)]
    return t


@lru_cache(maxsize=None)
def sections() -> tuple:
    return tuple(
        SectionSpec(s["key"], s["number"], s["title"], tuple(s.get("variants", ())), s.get("table"))
        for s in raw_format()["sections"]
    )


@lru_cache(maxsize=None)
def version(version_id: str) -> FormatVersion:
    f = raw_format()["formats"][version_id]
    return FormatVersion(version_id, f["name"], f["document"], f["first_year"], f.get("last_year"),
                         f["fee_statement_required"], sections())


def version_ids() -> List[str]:
    return list(raw_format()["formats"])


def version_for_year(year: Optional[int], forced: Optional[str] = None) -> Optional[FormatVersion]:
    """The format that governs a report for ``year``; ``None`` for years before any format.

    An unknown year gets the newest format: a report that does not say its year is most likely
    this year's."""
    if forced:
        return version(forced)
    versions = [version(v) for v in version_ids()]
    if year is None:
        return max(versions, key=lambda v: v.first_year)
    for v in versions:
        if v.first_year <= year and (v.last_year is None or year <= v.last_year):
            return v
    return None


@lru_cache(maxsize=None)
def section_title_keys() -> tuple:
    """Normalised official section titles and their known variants (did-you-mean candidates)."""
    out = []
    for s in sections():
        out.append(normalize_label(s.title))
        out.extend(normalize_label(v) for v in s.variants)
    return tuple(out)


@lru_cache(maxsize=None)
def table_row_labels() -> frozenset:
    """Normalised labels of every official table row and column, in any version.

    Readers use them to tell a table row such as ``四、结转下年度继续办理`` from a section heading."""
    labels = set()
    for t in raw_format()["tables"].values():
        for r in t.get("rows", []):
            labels.add(normalize_label(r["label"]))
        for v in t.get("blocks", {}).values():
            for b in v:
                labels.add(normalize_label(b["title"]))
                labels.update(normalize_label(r) for r in b["rows"])
    return frozenset(labels)
