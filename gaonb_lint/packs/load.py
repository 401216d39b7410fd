"""Reading a rule pack: TOML → checked against ``schemas/rule-pack.schema.json`` → patterns
compiled → rules built → each rule's embedded cases run.  Anything wrong is one
``PackError`` naming the file, the line and the reason (exit status 2)."""
from __future__ import annotations

import os
import re
import string
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Dict, List, Optional, Sequence, Tuple, Union

from gaonb_lint.rule import Rule
from gaonb_lint.errors import ConfigError
from gaonb_lint.packs.lines import key_lines, line_of
from gaonb_lint.packs.patterns import Pattern, PatternError

PLACEHOLDERS = {"require": set(), "forbid": {"match"}, "substitute": {"match", "replacement"}}


class PackError(ConfigError):
    """A rule pack that cannot be used: ``file:line: reason``."""


@dataclass
class Pack:
    name: str
    path: str  # as shown in messages
    rules: List[Rule]
    lines: Dict[Tuple[Union[str, int], ...], int]

    def line_of_rule(self, index: int, key: str) -> int:
        return line_of(self.lines, ("rule", index, key))


def shown_path(path: str) -> str:
    """``path`` relative to the working directory when it is below it, else absolute."""
    rel = os.path.relpath(path)
    return path if rel.startswith("..") else rel


def load_pack(path: str) -> Pack:
    """The pack at ``path`` (cached per file and modification time)."""
    path = os.path.abspath(path)
    try:
        mtime = os.stat(path).st_mtime_ns
    except OSError:
        mtime = None
    return _load(path, mtime)


@lru_cache(maxsize=64)
def _load(path: str, mtime: Optional[int]) -> Pack:
    shown = shown_path(path)
    try:
        with open(path, "rb") as fh:
            raw = fh.read()
    except FileNotFoundError:
        raise PackError(f"{shown}: rule pack not found") from None
    except IsADirectoryError:
        raise PackError(f"{shown}: is a directory, not a rule pack") from None
    except OSError as e:
        raise PackError(f"{shown}: cannot read rule pack ({e.strerror or e})") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[:e.start].count(b"\n") + 1
        raise PackError(f"{shown}:{line}: rule pack is not valid UTF-8") from None
    data = _parse_toml(text, shown)
    lines = key_lines(text)
    _validate(data, lines, shown)
    name = data["pack"]["name"]
    rules: List[Rule] = []
    slugs: Dict[str, int] = {}
    codes: Dict[str, int] = {}
    for i, rule_data in enumerate(data["rule"]):
        def fail(key: Sequence[Union[str, int]], reason: str, _i: int = i) -> PackError:
            return PackError(f"{shown}:{line_of(lines, ('rule', _i, *key))}: rule {rule_data['slug']!r}: {reason}")

        if rule_data["slug"] in slugs:
            raise fail(("slug",), f"duplicate slug (already used on line {slugs[rule_data['slug']]})")
        if rule_data["code"] in codes:
            raise fail(("code",), f"duplicate code {rule_data['code']} (already used on line {codes[rule_data['code']]})")
        slugs[rule_data["slug"]] = line_of(lines, ("rule", i, "slug"))
        codes[rule_data["code"]] = line_of(lines, ("rule", i, "code"))
        rules.append(_build(rule_data, name, shown, fail))
    pack = Pack(name, shown, rules, lines)
    for i, (rule, rule_data) in enumerate(zip(rules, data["rule"])):
        _run_cases(pack, i, rule, rule_data)
    return pack


def _parse_toml(text: str, shown: str) -> Dict[str, Any]:
    from gaonb_lint.config import _tomllib

    tomllib = _tomllib()
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        msg = str(e)
        m = re.search(r"\(at line (\d+), column (\d+)\)", msg)
        line = m.group(1) if m else str(len(text.rstrip("\n").split("\n")) or 1)
        reason = re.sub(r"\s*\(at line \d+, column \d+\)", "", msg)
        raise PackError(f"{shown}:{line}: invalid TOML: {reason}") from None


@lru_cache(maxsize=None)
def _validator():
    from jsonschema import Draft202012Validator

    from gaonb_lint import official_format

    return Draft202012Validator(official_format.load_json("rule-pack.schema.json"))


def _validate(data: Dict[str, Any], lines, shown: str) -> None:
    errors = list(_validator().iter_errors(data))
    if not errors:
        return
    # The deepest error is the most precise; among those, the first in the file.
    error = min(errors, key=lambda e: (-len(e.absolute_path), line_of(lines, list(e.absolute_path))))
    path = list(error.absolute_path)
    where = _where(data, path)
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        path += [k for k in error.instance if k not in error.schema.get("properties", {})][:1]
    if error.validator == "not" and isinstance(error.instance, dict):  # point at the key not allowed
        path += [next((k for k in ("replace", "pattern", "regex") if k in error.instance
                       and ("then" in error.schema_path) == (k != "replace")), "kind")]
    raise PackError(f"{shown}:{line_of(lines, path)}: {where}{_reason(error, data)}")


def _where(data: Dict[str, Any], path: List[Any]) -> str:
    if len(path) >= 2 and path[0] == "rule" and isinstance(path[1], int):
        rules = data.get("rule") or []
        slug = rules[path[1]].get("slug") if path[1] < len(rules) and isinstance(rules[path[1]], dict) else None
        head = f"rule {slug!r}" if isinstance(slug, str) else f"rule #{path[1] + 1}"
        rest = [str(p) if not isinstance(p, int) else f"#{p + 1}" for p in path[2:]]
        return head + (": " + ".".join(rest) if rest else "") + ": "
    return (".".join(str(p) for p in path) + ": ") if path else ""


def _reason(error, data) -> str:
    v = error.validator
    schema_path = list(error.schema_path)
    if v == "required":
        missing = re.findall(r"'([^']+)' is a required property", error.message)
        key = missing[0] if missing else error.message
        if "then" in schema_path:
            return f"kind \"substitute\" needs a [rule.replace] table of \"old\" = \"new\" pairs"
        if "else" in schema_path:
            return f"kind \"{error.instance.get('kind')}\" needs a pattern"
        return f"missing key {key!r}"
    if v == "not":
        if "then" in schema_path:
            return "kind \"substitute\" takes its texts from [rule.replace], not pattern or regex"
        return "[rule.replace] is only for kind \"substitute\""
    if v == "additionalProperties":
        extra = re.findall(r"'([^']+)' was unexpected", error.message)
        known = ", ".join(sorted(error.schema.get("properties", {})))
        return f"unknown key {extra[0] if extra else ''!r} (known: {known})"
    if v == "enum":
        allowed = ", ".join(str(a) for a in error.validator_value)
        return f"{error.instance!r} is not one of: {allowed}"
    if v == "pattern":
        if error.validator_value.startswith("^[A-Z]"):
            return f"code {error.instance!r} must be 1-4 capital letters and 3-4 digits (your pack's own letters, e.g. CX101)"
        return f"{error.instance!r} must be lower-case words joined by '-'"
    if v == "type":
        want = {"string": "text in quotes", "boolean": "true or false", "integer": "a whole number",
                "object": "a table", "array": "a list"}.get(str(error.validator_value), str(error.validator_value))
        return f"expected {want}, got {_toml_type(error.instance)}"
    if v in ("minLength", "minItems", "minProperties"):
        return "must not be empty"
    if v == "minimum":
        return f"must be at least {error.validator_value}"
    return error.message


def _toml_type(value: Any) -> str:
    return {bool: "true/false", int: "a number", float: "a number", str: "text", list: "a list",
            dict: "a table"}.get(type(value), type(value).__name__)


def _check_template(template: str, kind: str) -> Optional[str]:
    try:
        fields = {f for _, f, _, _ in string.Formatter().parse(template) if f is not None}
    except ValueError as e:
        return f"{e} (write {{{{ and }}}} for literal braces)"
    unknown = fields - PLACEHOLDERS[kind]
    if unknown:
        allowed = ", ".join("{" + p + "}" for p in sorted(PLACEHOLDERS[kind])) or "none"
        return f"unknown placeholder {{{sorted(unknown)[0]}}} in the message (kind {kind} allows: {allowed})"
    return None


def _build(data: Dict[str, Any], pack_name: str, shown: str, fail) -> Rule:
    from gaonb_lint.packs.rules import build_rule

    kind = data["kind"]
    for lang in ("zh", "en"):
        if lang in data["message"]:
            problem = _check_template(data["message"][lang], kind)
            if problem:
                raise fail(("message",), problem)
    pattern = None
    replace: List[Tuple[str, str, Pattern, Pattern]] = []
    if kind == "substitute":
        for old, new in sorted(data["replace"].items(), key=lambda kv: -len(kv[0])):
            if old == new:
                raise fail(("replace", old), f"{old!r} is replaced by itself")
            try:
                replace.append((old, new, Pattern(old), Pattern(new)))
            except PatternError as e:
                raise fail(("replace", old), str(e)) from None
    else:
        try:
            pattern = Pattern(data["pattern"], data.get("regex", False))
        except PatternError as e:
            what = "bad regular expression" if data.get("regex") else "bad pattern"
            raise fail(("pattern",), f"{what}: {e}") from None
    return build_rule(data, pack_name, shown, pattern, replace)


def _run_cases(pack: Pack, index: int, rule: Rule, data: Dict[str, Any]) -> None:
    """Each ``[[rule.case]]``: its text, read as Markdown, gives exactly ``findings`` findings."""
    from gaonb_lint import official_format
    from gaonb_lint.rule import RuleContext
    from gaonb_lint.readers.markdown import read_markdown

    for n, case in enumerate(data.get("case", ())):
        line = line_of(pack.lines, ("rule", index, "case", n))
        report = read_markdown(f"{pack.path}:{line}", case["text"])
        ctx = RuleContext(rule, official_format.version_for_year(report.year), {}, "zh")
        try:
            findings = list(rule.check(report, ctx))
            for f in findings:
                rule.render(f, "zh")
                rule.render(f, "en")
        except Exception as e:  # a timeout, or a message that cannot be rendered
            raise PackError(f"{pack.path}:{line}: rule {rule.slug!r}: case {n + 1} could not run: {e}") from None
        if len(findings) != case["findings"]:
            raise PackError(f"{pack.path}:{line}: rule {rule.slug!r}: case {n + 1} expects "
                            f"{case['findings']} finding(s), the rule gives {len(findings)}")
