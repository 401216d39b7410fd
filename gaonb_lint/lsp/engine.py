"""What the language server lints with: the plugin host loaded once, the configuration found
afresh for each document (so an edited configuration file applies at the next change, without a
restart), and one document's text checked exactly as ``gaonb-lint check`` checks its file."""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional

from gaonb_lint.config import ConfigFinder
from gaonb_lint.diagnostics import Diagnostic
from gaonb_lint.errors import ConfigError, GaonbError

LANGS = ("zh", "en")
# Seconds without a change before a changed document is linted: coalesces a burst of keystrokes
# while keeping keystroke-to-diagnostics within the editor's 100 ms budget.
DEBOUNCE = 0.03


@dataclass
class Problem:
    """A configuration (or plugin) problem: shown on ``path`` (a configuration file) and as a
    window message, instead of the document's findings."""

    message: str
    path: Optional[str] = None
    line: int = 1
    code: Optional[str] = None  # GL900 when gaonb-lint itself or a plugin failed on the document


@dataclass
class Outcome:
    diagnostics: List[Diagnostic] = field(default_factory=list)
    problem: Optional[Problem] = None
    skipped: Optional[str] = None  # why the document is not linted (excluded, not a report type)
    lang: str = "zh"


# "path:line: reason", the shape of every configuration error line.
_LOCATED = re.compile(r"^(?P<path>.+?):(?P<line>\d+): (?P<reason>.*)$", re.S)


def locate(message: str) -> Problem:
    m = _LOCATED.match(message)
    if m and os.path.isfile(m.group("path")):
        return Problem(message, m.group("path"), int(m.group("line")))
    path = message.split(":", 1)[0]
    return Problem(message, path if os.path.isfile(path) else None, 1)


class Engine:
    """``settings`` are the client's (``initializationOptions`` or ``workspace/didChangeConfiguration``
    under the key ``gaonb-lint``): ``lang``, ``select``, ``ignore``, ``debounce`` (seconds)."""

    def __init__(self, client_locale: Optional[str] = None):
        from gaonb_lint.host import load_host

        self.host = load_host()
        self.client_locale = client_locale or ""
        self.settings: Dict[str, Any] = {}

    def update_settings(self, settings: Any) -> None:
        if isinstance(settings, dict) and isinstance(settings.get("gaonb-lint"), dict):
            settings = settings["gaonb-lint"]
        self.settings = dict(settings) if isinstance(settings, dict) else {}

    def lang_for(self, cfg_lang: Optional[str]) -> str:
        """The client's setting, then the configuration's ``lang``, then ``GAONB_LINT_LANG``, then
        the editor's display language; Chinese otherwise (as on the command line)."""
        for candidate in (self.settings.get("lang"), cfg_lang, os.environ.get("GAONB_LINT_LANG")):
            if candidate in LANGS:
                return candidate
        return "en" if self.client_locale.lower().startswith("en") else "zh"

    def debounce(self) -> float:
        value = self.settings.get("debounce", DEBOUNCE)
        return float(value) if isinstance(value, (int, float)) and 0 <= value <= 5 else DEBOUNCE

    def _names(self, key: str) -> Optional[List[str]]:
        value = self.settings.get(key)
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            return None
        return [n.strip() for v in value if isinstance(v, str) for n in v.split(",") if n.strip()]

    def readers(self):
        from gaonb_lint.readers import BUILTIN_READERS, reader_table

        return reader_table(list(BUILTIN_READERS) + list(self.host.readers))

    def lint(self, path: str, text: str) -> Outcome:
        from gaonb_lint.runner import Checker

        suffix = os.path.splitext(path)[1].lower()
        reader = self.readers().get(suffix)
        if reader is None or reader.binary:
            return Outcome(skipped=f"{suffix or path}: not a report type read from text")
        try:
            finder = ConfigFinder()
            cfg = finder.for_path(path)
        except ConfigError as e:
            return Outcome(problem=locate(str(e)), lang=self.lang_for(None))
        lang = self.lang_for(cfg.lang)
        if cfg.is_excluded(path):
            return Outcome(skipped=f"{path}: excluded by {cfg.path}", lang=lang)
        try:
            checker = Checker(self.host, lang, self._names("select"), self._names("ignore") or [], None)
            return Outcome(list(checker.check_text(path, text, cfg)), lang=lang)
        except ConfigError as e:
            return Outcome(problem=locate(str(e)), lang=lang)
        except GaonbError as e:  # the text cannot be read as a report: one line, on the document
            return Outcome(problem=Problem(str(e)), lang=lang)

    def rule(self, name: str):
        return self.host.rule(name)
