"""A test kit for rules: YAML case files, run with pytest (in the manner of sqlfluff's rule
cases).  The built-in rules' cases (``rules/cases/*.yml``) run through it, and so can a
third-party package's.

A case file names the rule it tests, an optional base report, and its cases::

    rule: draft-placeholder
    base: |                      # optional: the report every case starts from
      # 某镇2025年政府信息公开工作年度报告
      ...
    cases:
      - name: clean-base
        expect: []               # the base itself must pass
      - name: placeholder
        patch:                   # what this case changes in the base
          - replace: "共受理申请3件"      # must occur exactly once
            with: "共受理申请XXX件"
          - append: "待补充。"            # also: delete: "…"
        expect:
          - line: 9
            column: 7                    # optional
            message_contains: "XXX"
      - name: whole-source
        source: |                # a case may give its whole source instead
          ...
        suffix: .txt             # the reader to use (default .md)
        year: 2025               # optional: the report year, instead of the one read

``expect`` is the exact set of the rule's findings (``[]``: none).  ``base_file: name.md``
(relative to the case file) may stand for ``base``.  In the package's tests::

    import pytest
    from gaonb_lint.testing import case_params, check_case

    @pytest.mark.parametrize("case", case_params("tests/cases"))
    def test_rule_case(case):
        check_case(case)

The rules are the installed plugins' (``check_case(case, plugins=[("mine", module)])`` adds a
plugin module that is not installed).  ``check_case`` also runs the case in English and checks
that the same places are found.  Reading case files needs PyYAML.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple, Union

from gaonb_lint.diagnostics import Diagnostic

CASE_KEYS = frozenset({"name", "source", "patch", "suffix", "year", "expect"})
EXPECT_KEYS = frozenset({"line", "column", "message_contains"})
PATCH_KEYS = frozenset({"replace", "with", "append", "delete"})
FILE_KEYS = frozenset({"rule", "base", "base_file", "cases"})

PathLike = Union[str, "os.PathLike[str]"]


class CaseError(ValueError):
    """A case file that cannot be run as written (unknown key, a patch that does not apply …)."""


@dataclass
class Case:
    """One case, its source already patched: ``expect`` entries have ``line``, optional
    ``column`` and ``message_contains``."""

    file: str
    rule: str
    name: str
    source: str
    suffix: str = ".md"
    year: Optional[int] = None
    expect: List[Dict[str, Any]] = field(default_factory=list)

    @property
    def id(self) -> str:
        return f"{os.path.splitext(os.path.basename(self.file))[0]}::{self.name}"


def apply_patch(base: str, patch: Sequence[Dict[str, str]], where: str = "patch") -> str:
    """``base`` with each step of ``patch`` applied in order."""
    text = base
    for step in patch:
        if not isinstance(step, dict) or not set(step) <= PATCH_KEYS:
            raise CaseError(f"{where}: a patch step has keys {sorted(PATCH_KEYS)}, got {step!r}")
        if "replace" in step or "delete" in step:
            old = step["replace"] if "replace" in step else step["delete"]
            new = step.get("with", "") if "replace" in step else ""
            count = text.count(old) if old else 0
            if count != 1:
                raise CaseError(f"{where}: {old!r} occurs {count} times in the source; a patch replaces exactly one")
            text = text.replace(old, new, 1)
        if "append" in step:
            text = text + ("" if text.endswith("\n") or not text else "\n") + step["append"]
    return text


def load_cases(path: PathLike) -> List[Case]:
    """The cases of one YAML case file."""
    from importlib import import_module

    try:
        yaml = import_module("yaml")
    except ImportError:  # pragma: no cover
        raise CaseError("reading case files needs PyYAML (pip install pyyaml)") from None
    path = os.fspath(path)
    with open(path, encoding="utf-8") as fh:
        doc = yaml.safe_load(fh)
    if not isinstance(doc, dict) or "rule" not in doc or not isinstance(doc.get("cases"), list):
        raise CaseError(f"{path}: a case file has `rule` and a list of `cases`")
    if not set(doc) <= FILE_KEYS:
        raise CaseError(f"{path}: unknown keys {sorted(set(doc) - FILE_KEYS)}")
    base = doc.get("base")
    if "base_file" in doc:
        with open(os.path.join(os.path.dirname(path), doc["base_file"]), encoding="utf-8") as fh:
            base = fh.read()
    out: List[Case] = []
    names = set()
    for raw in doc["cases"]:
        name = raw.get("name") if isinstance(raw, dict) else None
        where = f"{path}: case {name!r}"
        if not name or not set(raw) <= CASE_KEYS:
            raise CaseError(f"{where}: a case has a name and keys {sorted(CASE_KEYS)}")
        if name in names:
            raise CaseError(f"{where}: two cases have this name")
        names.add(name)
        if "source" in raw:
            if "patch" in raw:
                raise CaseError(f"{where}: give a source or a patch of the base, not both")
            source = raw["source"]
        elif base is None:
            raise CaseError(f"{where}: no source, and the file has no base")
        else:
            source = apply_patch(base, raw.get("patch") or [], where)
        expect = raw.get("expect")
        if not isinstance(expect, list):
            raise CaseError(f"{where}: `expect` is a list of findings ([] for none)")
        for e in expect:
            if not isinstance(e, dict) or not set(e) <= EXPECT_KEYS or not {"line", "message_contains"} <= set(e):
                raise CaseError(f"{where}: an expected finding has line, message_contains and optional column: {e!r}")
        out.append(Case(path, doc["rule"], name, source, raw.get("suffix", ".md"), raw.get("year"), expect))
    return out


def case_files(*paths: PathLike) -> List[str]:
    """The ``*.yml``/``*.yaml`` files of ``paths`` (files, or directories searched at the top)."""
    out: List[str] = []
    for p in [os.fspath(path) for path in paths]:
        if os.path.isdir(p):
            out.extend(os.path.join(p, n) for n in sorted(os.listdir(p)) if n.endswith((".yml", ".yaml")))
        else:
            out.append(p)
    return out


def case_params(*paths: PathLike) -> List[Any]:
    """Every case of the files under ``paths`` as ``pytest.param(case, id="file::name")``."""
    import pytest

    return [pytest.param(case, id=case.id) for f in case_files(*paths) for case in load_cases(f)]


_HOSTS: Dict[Tuple[Tuple[str, int], ...], Any] = {}


def _host(plugins: Sequence[Tuple[str, Any]]) -> Any:
    from gaonb_lint.host import load_host

    key = tuple((name, id(module)) for name, module in plugins)
    if key not in _HOSTS:
        host = load_host(extra_plugins=tuple(plugins))
        if host.load_problems:
            problem = host.load_problems[0]
            raise CaseError(f"plugin {problem.plugin} could not be loaded: {problem.error}")
        _HOSTS[key] = host
    return _HOSTS[key]


def lint_text(text: str, suffix: str = ".md", rules: Optional[Iterable[str]] = None, year: Optional[int] = None,
              lang: str = "zh", plugins: Sequence[Tuple[str, Any]] = (),
              options: Optional[Dict[str, Dict[str, Any]]] = None) -> List[Diagnostic]:
    """The findings of ``rules`` (slugs or codes; default: every rule) on ``text`` read as a file
    with ``suffix``, without configuration files or suppression comments.  ``options`` are
    ``{slug: {option: value}}`` as in the configuration."""
    from gaonb_lint.engine import run_rules
    from gaonb_lint.readers import BUILTIN_READERS, reader_table
    from gaonb_lint.rule import Rule

    host = _host(plugins)
    reader = reader_table([*BUILTIN_READERS, *host.readers]).get(suffix)
    if reader is None:
        raise CaseError(f"no reader for {suffix!r}")
    report = reader.read("report" + suffix, text.encode("utf-8") if reader.binary else text)
    if year is not None:
        report.year = year
    selected: List[Rule] = []
    for name in (rules if rules is not None else [r.slug for r in host.rules]):
        rule = host.rule(name)
        if not isinstance(rule, Rule):
            raise CaseError(f"unknown rule {name!r} (or not a rule over one report)")
        selected.append(rule)
    return run_rules(report, selected, lang, {}, options or {})


def check_case(case: Case, plugins: Sequence[Tuple[str, Any]] = ()) -> None:
    """Run one case; an ``AssertionError`` says what differs from ``expect``."""
    found = lint_text(case.source, case.suffix, [case.rule], case.year, "zh", plugins)
    crashes = [d for d in found if d.rule == "plugin-error"]
    assert not crashes, f"{case.id}: the rule crashed: {crashes[0].message}"
    missing, unexpected = _match(found, case.expect)
    shown = "\n".join(f"  {d.span.line}:{d.span.column}: {d.message}" for d in found) or "  (none)"
    assert not missing and not unexpected, (
        f"{case.id}:\n missing: {missing}\n unexpected: "
        f"{[(d.span.line, d.span.column, d.message) for d in unexpected]}\n all findings:\n{shown}")
    lines = case.source.split("\n")
    for d in found:
        assert 1 <= d.span.line <= len(lines), f"{case.id}: line {d.span.line} is outside the source"
        assert 1 <= d.span.column <= len(lines[d.span.line - 1]) + 1, f"{case.id}: column {d.span.column} is outside line {d.span.line}"
    english = lint_text(case.source, case.suffix, [case.rule], case.year, "en", plugins)
    assert [(d.span.line, d.span.column, d.code) for d in english] == [(d.span.line, d.span.column, d.code) for d in found], \
        f"{case.id}: the English run finds other places"
    assert all(e.message and e.message != z.message for e, z in zip(english, found)), \
        f"{case.id}: an English message is empty or the same as the Chinese one"


def _match(found: Sequence[Diagnostic], expected: Sequence[Dict[str, Any]]) -> Tuple[List[Dict[str, Any]], List[Diagnostic]]:
    """Pair every expected entry with a distinct finding: (unmatched expected, unmatched findings)."""
    left = list(found)
    missing: List[Dict[str, Any]] = []
    for exp in expected:
        for i, d in enumerate(left):
            if d.span.line == exp["line"] and exp.get("column", d.span.column) == d.span.column \
                    and str(exp["message_contains"]) in d.message:
                del left[i]
                break
        else:
            missing.append(exp)
    return missing, left


__all__ = ["Case", "CaseError", "apply_patch", "case_files", "case_params", "check_case", "lint_text", "load_cases"]
