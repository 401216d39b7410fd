"""A rule, what its ``check`` yields, and what it may know besides the report.

Public through ``gaonb_lint.api``; the host and the meta rules import it from here so that no
core module depends on the public facade.
"""
from __future__ import annotations

import re
import string
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple, Union

from gaonb_lint.model import Node, Report, Span

if TYPE_CHECKING:  # pragma: no cover
    from gaonb_lint.messages import Message
    from gaonb_lint.official_format import FormatVersion

SLUG_RE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
CODE_RE = re.compile(r"^[A-Z]{1,4}[0-9]{3,4}$")
OPTION_RE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
SEVERITIES = ("error", "warning", "info")
LANGS = ("zh", "en")
#: In ``Rule(formats=…)``: every format version of ``schemas/official-format.json``.
ALL_FORMATS = "all"
#: In ``Rule(formats=…)``: reports older than any format version (``ctx.format`` is ``None``).
NO_FORMAT = "none"
#: The names ``RuleContext.finding`` takes for itself: no message may use them as a placeholder.
FINDING_FIELDS = frozenset({"where", "message", "severity", "fix", "report", "self"})
OPTION_TYPES = (str, int, float, bool, list)

Where = Union[Node, Tuple[int, int], int]

# Small value types are plain classes, and the dataclasses below generate eq/repr only where they
# serve: every generated method is compiled when the module is imported, on every run.


class Text:
    """A message parameter with a value per language, instead of a ``_zh``/``_en`` pair::

        ctx.finding(cell, "wrong", table=Text(zh="表三", en="table 三"))
    """

    __slots__ = ("zh", "en")

    def __init__(self, zh: str, en: str) -> None:
        self.zh = zh
        self.en = en

    def __str__(self) -> str:
        return self.zh

    def __repr__(self) -> str:
        return f"Text(zh={self.zh!r}, en={self.en!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Text) and (self.zh, self.en) == (other.zh, other.en)

    def __hash__(self) -> int:
        return hash((self.zh, self.en))

    def in_lang(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


class Option:
    """One option a rule (or a plugin) declares: ``[rules.<slug>] <name> = value`` in the
    configuration.  ``type`` is the Python type of a valid value (``str``, ``int``, ``float``,
    ``bool`` or ``list``); ``allowed`` limits the values when given; ``doc`` is ``{"zh", "en"}``.
    The configuration is checked against it when it is loaded; ``ctx.options[name]`` is the
    configured value or ``default``."""

    __slots__ = ("name", "type", "default", "doc", "allowed")

    def __init__(self, name: str, type: type, default: Any, doc: Mapping[str, str],
                 allowed: Optional[Sequence[Any]] = None) -> None:
        self.name = name
        self.type = type
        self.default = default
        self.doc = doc
        self.allowed = allowed

    def __repr__(self) -> str:
        return f"Option({self.name!r}, {self.type.__name__}, {self.default!r})"

    def problems(self) -> List[str]:
        out = []
        if not OPTION_RE.match(self.name or ""):
            out.append(f"option name {self.name!r} must be lower-case words joined by '-'")
        if self.type not in OPTION_TYPES:
            out.append(f"option {self.name!r}: type must be one of str, int, float, bool, list")
        elif self.check(self.default) is not None:
            out.append(f"option {self.name!r}: default {self.default!r} is not valid: {self.check(self.default)}")
        for lang in LANGS:
            if not self.doc.get(lang):
                out.append(f"option {self.name!r} has no {lang!r} doc")
        return out

    def check(self, value: Any) -> "Optional[Message]":
        """Why ``value`` is not a valid value of this option, as a ``gaonb_lint.messages.Message``
        (``None`` when it is valid)."""
        from gaonb_lint.messages import Message, type_name

        ok = isinstance(value, self.type) and not (self.type is not bool and isinstance(value, bool))
        if self.type is float and isinstance(value, int) and not isinstance(value, bool):
            ok = True
        if not ok:
            return Message("config.option-type", want=type_name(self.type), got=type_name(value), value=repr(value))
        if self.allowed is not None and value not in self.allowed:
            return Message("config.one-of", choices=[repr(a) for a in self.allowed], value=value)
        return None


class Fix:
    """A text edit that repairs a finding: replace ``text[start:end]`` with ``replacement``."""

    __slots__ = ("start", "end", "replacement", "safe")

    def __init__(self, start: int, end: int, replacement: str, safe: bool = True) -> None:
        self.start = start
        self.end = end
        self.replacement = replacement
        self.safe = safe

    def __repr__(self) -> str:
        return f"Fix({self.start}, {self.end}, {self.replacement!r}, safe={self.safe})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Fix) and (self.start, self.end, self.replacement, self.safe) == (
            other.start, other.end, other.replacement, other.safe)

    __hash__ = None  # type: ignore[assignment]  # mutable, compared by value


class Finding:
    """What a rule's ``check`` yields: a place, a message key and its parameters.  ``severity``
    ``None`` is the rule's (configured) severity; ``report`` is ``None`` for the report being
    checked (a rule over a set of reports names the one it means)."""

    __slots__ = ("start", "end", "message", "params", "severity", "fix", "report")

    def __init__(self, start: int, end: int, message: str, params: Optional[Dict[str, Any]] = None,
                 severity: Optional[str] = None, fix: Optional[Fix] = None, report: Optional[Report] = None) -> None:
        self.start = start
        self.end = end
        self.message = message
        self.params: Dict[str, Any] = {} if params is None else params
        self.severity = severity
        self.fix = fix
        self.report = report

    def __repr__(self) -> str:
        return f"Finding({self.start}, {self.end}, {self.message!r}, {self.params!r})"


@dataclass(eq=False, repr=False)
class RuleContext:
    """What a rule may know besides the report: the governing format version (``None`` for a
    report older than any format), the rule's options (declared defaults overridden by the
    configuration), the language, and its plugin's options (``ConfigDefaults`` of table
    ``plugins.<name>`` overridden by the configuration)."""

    rule: "BaseRule"
    format: Optional["FormatVersion"]
    options: Mapping[str, Any] = field(default_factory=dict)
    lang: str = "zh"
    plugin_options: Mapping[str, Any] = field(default_factory=dict)  # [plugins.<its plugin>] values

    def finding(self, where: Where, message: str, /, *, severity: Optional[str] = None,
                fix: Optional[Fix] = None, report: Optional[Report] = None, **params: Any) -> Finding:
        """A finding at a node, an ``(start, end)`` offset pair, or a single offset (of ``report``,
        which only a rule over a set of reports passes), with message ``message`` filled from the
        keyword ``params`` (a :class:`Text` value gives each language its own wording).  Every
        placeholder of the message, in both languages, must have its parameter."""
        if isinstance(where, Node):
            start, end = where.start, where.end
        elif isinstance(where, tuple):
            start, end = where
        else:
            start = end = int(where)
        templates = self.rule.messages.get(message)
        if templates is None:
            raise KeyError(f"rule {self.rule.slug} has no message {message!r}")
        for lang in LANGS:
            missing = [name for name in placeholders(templates[lang]) if name not in params]
            if missing:
                raise KeyError(f"rule {self.rule.slug}, message {message!r} ({lang}): no value for "
                               f"{', '.join(missing)}")
        return Finding(start, end, message, dict(params), severity, fix, report)


def placeholders(template: str) -> List[str]:
    """The field names of a ``str.format`` template (``{count}``, ``{cell.row}`` → ``cell``)."""
    out = []
    for _, name, _, _ in string.Formatter().parse(template):
        if name is not None:
            out.append(re.split(r"[.\[]", name, maxsplit=1)[0])
    return out


Check = Callable[[Report, RuleContext], Iterable[Finding]]
ReportSetCheck = Callable[[Sequence[Report], RuleContext], Iterable[Finding]]


@dataclass(repr=False, eq=False)  # a rule is equal to itself only
class BaseRule:
    """What every rule has.  ``messages`` maps a key to ``{"zh": template, "en": template}``
    (``str.format`` templates over the finding's params); ``doc`` is Markdown with the headings
    ``## What it does``, ``## Why``, ``## Format clause``, ``## Example``, ``## How to fix``;
    ``options`` are the rule's declared options (``[rules.<slug>]`` in the configuration)."""

    slug: str
    code: str
    summary: Mapping[str, str]
    messages: Mapping[str, Mapping[str, str]]
    doc: str = ""
    severity: str = "error"
    options: Sequence[Option] = ()
    plugin: str = ""  # filled in by the host
    meta: bool = False  # the host's own rules, about the run rather than the report (plugin-error …)

    def problems(self) -> "List[Union[str, Message]]":
        """What is wrong with this rule's definition (empty when it is well-formed), as
        ``gaonb_lint.messages.Message`` objects (``str()`` gives the text)."""
        from gaonb_lint.messages import Message

        out: "List[Union[str, Message]]" = []
        if not SLUG_RE.match(self.slug or ""):
            out.append(Message("rule-def.slug", value=self.slug))
        if not CODE_RE.match(self.code or ""):
            out.append(Message("rule-def.code", value=self.code))
        if self.severity not in SEVERITIES:
            out.append(Message("rule-def.severity", value=self.severity))
        for lang in LANGS:
            if not self.summary.get(lang):
                out.append(Message("rule-def.summary", lang=lang))
        for key, templates in self.messages.items():
            out.extend(_message_problems(key, templates))
        names = [o.name for o in self.options]
        for option in self.options:
            out.extend(option.problems())
        if len(set(names)) != len(names):
            out.append("two options have the same name")
        if not callable(getattr(self, "check", None)):
            out.append(Message("rule-def.check"))
        return out

    def option_values(self, configured: Mapping[str, Any]) -> Dict[str, Any]:
        """The declared defaults overridden by the configured values."""
        values = {o.name: o.default for o in self.options}
        values.update(configured)
        return values

    def doc_for(self, lang: str) -> str:
        """The documentation in ``lang`` (``zh`` or ``en``; see ``gaonb_lint.ruledoc``)."""
        from gaonb_lint.ruledoc import doc_in

        return doc_in(self.doc, lang)

    def __repr__(self) -> str:  # short: pluggy's --debug trace prints every rule a hook returns
        return f"{type(self).__name__}({self.slug!r}, {self.code!r}, plugin={self.plugin!r})"

    def render(self, finding: Finding, lang: str) -> str:
        templates = self.messages[finding.message]
        tpl = templates.get(lang) or templates["zh"]
        params = {k: v.in_lang(lang) if isinstance(v, Text) else v for k, v in finding.params.items()}
        return tpl.format(**params)


def _message_problems(key: str, templates: Mapping[str, str]) -> List[str]:
    """A message's templates: both languages present, valid ``str.format`` with named
    placeholders only, none named like a field of the finding itself.  (That every placeholder
    of both languages gets a value is checked by ``RuleContext.finding``.)"""
    out = []
    for lang in LANGS:
        tpl = templates.get(lang)
        if not tpl:
            out.append(f"message {key!r} has no {lang!r} template")
            continue
        try:
            found = placeholders(tpl)
        except ValueError as e:
            out.append(f"message {key!r} ({lang}) is not a valid template: {e}")
            continue
        if any(n == "" or n.isdigit() for n in found):
            out.append(f"message {key!r} ({lang}) has a positional placeholder; name it ({{count}})")
        clash = sorted(set(found) & FINDING_FIELDS)
        if clash:
            out.append(f"message {key!r} ({lang}) uses {', '.join(clash)}, a name of the finding itself; rename it")
    return out


@dataclass(repr=False, eq=False)
class Rule(BaseRule):
    """A rule over one report: ``check(report, ctx)`` yields findings.  ``formats`` are the
    format versions whose reports it checks: version ids (``"v2021"``), :data:`ALL_FORMATS`
    (the default: every version) and :data:`NO_FORMAT` (reports older than any format)."""

    check: Check = field(default=lambda report, ctx: ())
    formats: Tuple[str, ...] = (ALL_FORMATS,)

    def problems(self) -> "List[Union[str, Message]]":
        out = super().problems()
        if isinstance(self.formats, str) or not self.formats:
            out.append("formats must be a non-empty tuple of format version ids, 'all' or 'none'")
        else:
            from gaonb_lint import official_format

            known = (ALL_FORMATS, NO_FORMAT, *official_format.version_ids())
            for f in self.formats:
                if f not in known:
                    out.append(f"formats: unknown format version {f!r} (known: {', '.join(known)})")
        return out

    def runs_on(self, version: Optional[str]) -> bool:
        """Whether the rule checks a report of format ``version`` (``None``: older than any)."""
        if version is None:
            return NO_FORMAT in self.formats
        return ALL_FORMATS in self.formats or version in self.formats


@dataclass(repr=False, eq=False)
class ReportSetRule(BaseRule):
    """A rule over all the reports of one run that it is enabled for (this year's report against
    last year's, say): ``check(reports, ctx)`` yields findings made with
    ``ctx.finding(where, message, report=one_of_them, …)``.  ``ctx.format`` is ``None``: each
    report's version is ``official_format.version_for_year(report.year)``.

    ``extract(report, ctx)``, when given, runs in the per-file pass, where the report has just
    been read (in the worker process with ``-j``), and returns the little the rule needs of it
    (picklable data, ``None`` to leave the report out); ``check`` then gets an :class:`Extract`
    per report instead of the report, and no file is read twice.  Without it the report-set pass
    reads every file again."""

    check: ReportSetCheck = field(default=lambda reports, ctx: ())
    extract: Optional[Callable[[Report, RuleContext], Any]] = None


# Extracts live until the report-set pass, a few per report of the run: their line index is kept
# as machine integers, one array for all the extracts of a report (made one after the other).
_COMPACT: Tuple[Optional[Report], Sequence[int]] = (None, ())


def _compact_line_starts(report: Report) -> Sequence[int]:
    global _COMPACT
    last = _COMPACT
    if last[0] is not report:
        from array import array

        last = _COMPACT = (report, array("q", report._line_starts))
    return last[1]


class Extract:
    """What a report-set rule's ``extract`` kept of one report: its ``path``, the ``data`` and the
    line index, so that findings (``ctx.finding(where, …, report=extract)``) still get their line
    and column.  Stands for the report wherever a finding names one."""

    def __init__(self, report: Report, data: Any):
        self.path = report.path
        self.data = data
        self._line_starts = _compact_line_starts(report)
        self._length = len(report.text)

    @classmethod
    def restore(cls, path: str, data: Any, line_starts: Sequence[int], length: int) -> "Extract":
        """An extract kept by the result cache, without reading the report again."""
        self = cls.__new__(cls)
        self.path, self.data, self._line_starts, self._length = path, data, line_starts, length
        return self

    def position(self, offset: int) -> Tuple[int, int]:
        from gaonb_lint.lineindex import position

        return position(self._line_starts, offset, self._length)

    def span(self, start: int, end: Optional[int] = None) -> Span:
        if end is None or end < start:
            end = start
        return Span(*self.position(start), *self.position(end))
