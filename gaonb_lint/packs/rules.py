"""A pack's ``[[rule]]`` table as an ordinary :class:`gaonb_lint.api.Rule`.

``require``: the scope must contain the pattern (one finding at the scope when it does not).
``forbid``: every match in the scope is a finding.  ``substitute``: every occurrence of a
``[rule.replace]`` key is a finding with a safe fix to its value; an occurrence that is part of
the value itself (``规范性文件`` inside ``行政规范性文件``) is already right and is left alone.
"""
from __future__ import annotations

from typing import Any, Dict, Iterator, List, Tuple

from gaonb_lint.rule import Finding, Fix, Rule, RuleContext
from gaonb_lint.model import Report
from gaonb_lint.packs.patterns import Pattern, PatternTimeout, deadline
from gaonb_lint.packs.scopes import SCOPE_NAMES, resolve

KIND_WORDS = {
    "require": ("应包含", "must contain"),
    "forbid": ("不得出现", "must not contain"),
    "substitute": ("用语", "wording"),
}


class PackTimeout(Exception):
    """Raised from a pack rule's check: the host reports it as a ``plugin-error`` finding."""


def make_check(kind: str, scope: str, pattern: Any, replace: List[Tuple[str, str, Pattern, Pattern]]):
    def check(report: Report, ctx: RuleContext) -> Iterator[Finding]:
        where = resolve(report, scope)
        if where is None:
            return
        try:
            yield from _run(kind, where, report.text, pattern, replace, ctx, deadline())
        except PatternTimeout as e:
            from gaonb_lint.messages import text

            raise PackTimeout(text("pack.timeout", ctx.lang, pattern=str(e))) from None

    return check


def _run(kind, where, text, pattern, replace, ctx, limit) -> Iterator[Finding]:
    if kind == "require":
        for start, end in where.segments:
            if pattern.search(text[start:end], limit) is not None:
                return
        if where.complete:
            yield ctx.finding(where.anchor, "message")
        return
    if kind == "forbid":
        for start, end in where.segments:
            for a, b in pattern.finditer(text[start:end], limit):
                yield ctx.finding((start + a, start + b), "message", match=text[start + a:start + b])
        return
    for start, end in where.segments:
        segment = text[start:end]
        taken: List[Tuple[int, int]] = []
        # Text inside any new wording is right, for every pair (文件 inside 行政规范性文件).
        right = [span for _, _, _, value_pattern in replace for span in value_pattern.finditer(segment, limit)]
        for key, value, key_pattern, _ in replace:
            for a, b in key_pattern.finditer(segment, limit):
                if any(ra <= a and b <= rb for ra, rb in right) or any(a < tb and ta < b for ta, tb in taken):
                    continue
                taken.append((a, b))
                found = segment[a:b]
                # A match with spaces inside (联 系) is fixed too, but not as safe: the spacing is lost.
                fix = Fix(start + a, start + b, value, safe=(found == key))
                yield ctx.finding((start + a, start + b), "message", fix=fix, match=found, replacement=value)


def generated_doc(data: Dict[str, Any], pack_name: str, pack_path: str) -> str:
    """The five documentation points, from the rule's data (when the pack gives no ``doc``)."""
    kind, scope = data["kind"], data["scope"]
    scope_zh, scope_en = SCOPE_NAMES[scope]
    message = data["message"]
    if kind == "substitute":
        pairs = ", ".join(f"`{k}` → `{v}`" for k, v in data["replace"].items())
        what = f"Reports, in {scope_en} ({scope_zh}), each wording to be replaced: {pairs}; the fix is safe."
        how = "Use the replacement wording (`gaonb-lint check --fix` applies it)."
    else:
        shown = f"the regular expression `{data['pattern']}`" if data.get("regex") else f"the text `{data['pattern']}`"
        if kind == "require":
            what = f"Reports {scope_en} ({scope_zh}) when it does not contain {shown}."
            how = f"Add the required text to {scope_en}."
        else:
            what = f"Reports each occurrence of {shown} in {scope_en} ({scope_zh})."
            how = "Remove or reword the text."
    failing = next((c for c in data.get("case", []) if c["findings"] > 0), None)
    example = (f"```markdown\n{failing['text'].rstrip()}\n```\n\nis reported ({failing['findings']} finding(s))."
               if failing else "See the rule's cases in the pack.")
    return (f"## What it does\n{what}\n\nMessage: {message['zh']}"
            + (f" / {message['en']}" if message.get("en") else "")
            + f"\n\n## Why\nA local requirement of rule pack `{pack_name}` ({pack_path}).\n\n"
            f"## Format clause\nNone of the national format: a local rule, defined as data in `{pack_path}`.\n\n"
            f"## Example\n{example}\n\n## How to fix\n{how}\n")


def build_rule(data: Dict[str, Any], pack_name: str, pack_path: str, pattern: Any,
               replace: List[Tuple[str, str, Pattern, Pattern]]) -> Rule:
    message = data["message"]
    zh, en = message["zh"], message.get("en") or message["zh"]
    summary = data.get("summary") or {}
    kind_zh, kind_en = KIND_WORDS[data["kind"]]
    scope_zh, scope_en = SCOPE_NAMES[data["scope"]]
    if data["kind"] == "substitute":
        pairs = list(data["replace"].items())
        default = (f"{scope_zh}用语：" + "、".join(f"“{k}”应为“{v}”" for k, v in pairs),
                   f"wording in {scope_en}: " + ", ".join(f"“{k}” → “{v}”" for k, v in pairs))
    else:
        shown = data["pattern"] if not data.get("regex") else f"/{data['pattern']}/"
        default = (f"{scope_zh}{kind_zh}“{shown}”", f"{scope_en} {kind_en} “{shown}”")
    return Rule(
        slug=data["slug"], code=data["code"], severity=data.get("severity", "warning"),
        summary={"zh": summary.get("zh") or (zh if "{" not in zh else default[0]),
                 "en": summary.get("en") or (en if "{" not in en else default[1])},
        messages={"message": {"zh": zh, "en": en}},
        check=make_check(data["kind"], data["scope"], pattern, replace),
        doc=data.get("doc") or generated_doc(data, pack_name, pack_path),
        plugin=f"pack:{pack_name}",
    )

