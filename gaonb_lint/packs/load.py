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
from gaonb_lint.errors import ConfigError, GaonbError
from gaonb_lint.messages import CATALOGUE, Message
from gaonb_lint.packs.lines import key_lines, line_of
from gaonb_lint.packs.patterns import Pattern, PatternError

PLACEHOLDERS = {"require": set(), "forbid": {"match"}, "substitute": {"match", "replacement"}}


class PackError(ConfigError):
    """A rule pack that cannot be used: ``file:line: reason`` (catalogue keys ``pack.*``)."""


def problem(location: str, reason: Message, where: Any = "") -> PackError:
    return PackError("pack.problem", location=location, where=where, reason=reason)


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
        raise problem(shown, Message("pack.not-found")) from None
    except IsADirectoryError:
        raise problem(shown, Message("pack.is-directory")) from None
    except OSError as e:
        raise problem(shown, Message("pack.cannot-read", reason=e.strerror or str(e))) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[:e.start].count(b"\n") + 1
        raise problem(f"{shown}:{line}", Message("pack.not-utf8")) from None
    data = _parse_toml(text, shown)
    lines = key_lines(text)
    _validate(data, lines, shown)
    name = data["pack"]["name"]
    rules: List[Rule] = []
    slugs: Dict[str, int] = {}
    codes: Dict[str, int] = {}
    for i, rule_data in enumerate(data["rule"]):
        def fail(key: Sequence[Union[str, int]], reason: Message, _i: int = i) -> PackError:
            return problem(f"{shown}:{line_of(lines, ('rule', _i, *key))}", reason,
                           Message("pack.rule", slug=rule_data["slug"]))

        if rule_data["slug"] in slugs:
            raise fail(("slug",), Message("pack.duplicate-slug", line=slugs[rule_data["slug"]]))
        if rule_data["code"] in codes:
            raise fail(("code",), Message("pack.duplicate-code", code=rule_data["code"], line=codes[rule_data["code"]]))
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
        raise problem(f"{shown}:{line}", Message("pack.invalid-toml", reason=reason)) from None


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
    raise problem(f"{shown}:{line_of(lines, path)}", _reason(error, data), where)


def _where(data: Dict[str, Any], path: List[Any]) -> Any:
    """Which rule (and key in it) an error is about, as the start of the message."""
    if len(path) >= 2 and path[0] == "rule" and isinstance(path[1], int):
        rules = data.get("rule") or []
        slug = rules[path[1]].get("slug") if path[1] < len(rules) and isinstance(rules[path[1]], dict) else None
        rest = ".".join(str(p) if not isinstance(p, int) else f"#{p + 1}" for p in path[2:])
        if isinstance(slug, str):
            return Message("pack.rule-key", slug=slug, key=rest) if rest else Message("pack.rule", slug=slug)
        return Message("pack.rule-n-key", n=path[1] + 1, key=rest) if rest else Message("pack.rule-n", n=path[1] + 1)
    return Message("pack.key", key=".".join(str(p) for p in path)) if path else ""


def _reason(error, data) -> Message:
    v = error.validator
    schema_path = list(error.schema_path)
    if v == "required":
        missing = re.findall(r"'([^']+)' is a required property", error.message)
        if "then" in schema_path:
            return Message("pack.needs-replace")
        if "else" in schema_path:
            return Message("pack.needs-pattern", kind=error.instance.get("kind"))
        return Message("pack.missing-key", key=missing[0] if missing else error.message)
    if v == "not":
        return Message("pack.replace-not-pattern" if "then" in schema_path else "pack.replace-only-substitute")
    if v == "additionalProperties":
        extra = re.findall(r"'([^']+)' was unexpected", error.message)
        return Message("pack.unknown-key", key=extra[0] if extra else "", known=sorted(error.schema.get("properties", {})))
    if v == "enum":
        return Message("pack.not-one-of", value=error.instance, choices=[str(a) for a in error.validator_value])
    if v == "pattern":
        if error.validator_value.startswith("^[A-Z]"):
            return Message("pack.bad-code", value=error.instance)
        return Message("pack.bad-slug", value=error.instance)
    if v == "type":
        want = str(error.validator_value)
        return Message("pack.wrong-type", want=Message("pack.type." + want) if "pack.type." + want in CATALOGUE else want,
                       got=Message("pack.type." + _toml_type(error.instance)))
    if v in ("minLength", "minItems", "minProperties"):
        return Message("pack.empty")
    if v == "minimum":
        return Message("pack.minimum", minimum=error.validator_value)
    return Message("pack.schema", detail=error.message)


def _toml_type(value: Any) -> str:
    return {bool: "boolean", int: "integer", float: "number", str: "string", list: "array",
            dict: "object"}.get(type(value), "string")


def _check_template(template: str, kind: str) -> Optional[Message]:
    try:
        fields = {f for _, f, _, _ in string.Formatter().parse(template) if f is not None}
    except ValueError as e:
        return Message("pack.bad-braces", reason=str(e))
    unknown = fields - PLACEHOLDERS[kind]
    if unknown:
        allowed = ["{" + p + "}" for p in sorted(PLACEHOLDERS[kind])] or Message("pack.no-placeholders")
        return Message("pack.bad-placeholder", name=sorted(unknown)[0], kind=kind, allowed=allowed)
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
                raise fail(("replace", old), Message("pack.self-replace", old=old))
            try:
                replace.append((old, new, Pattern(old), Pattern(new)))
            except PatternError as e:
                raise fail(("replace", old), e.message) from None
    else:
        try:
            pattern = Pattern(data["pattern"], data.get("regex", False))
        except PatternError as e:
            raise fail(("pattern",), Message("pack.bad-regex" if data.get("regex") else "pack.bad-pattern",
                                             reason=e.message)) from None
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
            reason = e.message if isinstance(e, GaonbError) else str(e)
            raise problem(f"{pack.path}:{line}", Message("pack.case-crashed", slug=rule.slug, n=n + 1,
                                                        reason=reason)) from None
        if len(findings) != case["findings"]:
            raise problem(f"{pack.path}:{line}", Message("pack.case-failed", slug=rule.slug, n=n + 1,
                                                        expected=case["findings"], found=len(findings)))
