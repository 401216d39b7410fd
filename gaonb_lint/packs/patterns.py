"""A pack rule's pattern: literal text (the default) or an opt-in regular expression.

Literal text matches across whitespace between its characters, so a sentence wrapped over two
lines of a Markdown paragraph or a scraped page still matches.  Regular expressions run in the
``regex`` engine with a time budget per report: a pattern that backtracks catastrophically is
stopped and reported (``PatternTimeout``) instead of hanging the run.
"""
from __future__ import annotations

import re
import time
from typing import Iterator, Optional, Tuple

# Time a pack rule's regular expressions may take on one report, all searches together.
REGEX_BUDGET_SECONDS = 0.2
_SPACE = r"[ \t\r\n\u3000\xa0]*"


class PatternTimeout(Exception):
    """A regular expression ran out of its time budget on one report."""


class PatternError(ValueError):
    """A pattern that cannot be used; ``message`` says why (a catalogue message)."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def _message(key: str):
    from gaonb_lint.messages import Message

    return Message(key)


def literal_regex(text: str) -> str:
    chars = [c for c in text if not c.isspace()]
    return _SPACE.join(re.escape(c) for c in chars)


class Pattern:
    """``finditer(text, deadline)`` → ``(start, end)`` of each match, left to right."""

    def __init__(self, source: str, is_regex: bool = False):
        self.source = source
        self.is_regex = is_regex
        if is_regex:
            import regex  # imported only when a pack uses a regular expression

            try:
                self._compiled = regex.compile(source, regex.VERSION0)
            except regex.error as e:
                raise PatternError(str(e)) from None  # the engine's own reason, as it gives it
            if self._compiled.fullmatch("") is not None:
                raise PatternError(_message("pack.matches-empty"))
        else:
            if not source.strip():
                raise PatternError(_message("pack.pattern-empty"))
            # Escaped literal characters joined by a whitespace class: linear, no backtracking.
            self._compiled = re.compile(literal_regex(source))

    def finditer(self, text: str, deadline: Optional[float] = None) -> Iterator[Tuple[int, int]]:
        if not self.is_regex:
            for m in self._compiled.finditer(text):
                yield m.start(), m.end()
            return
        pos = 0
        while pos <= len(text):
            remaining = None if deadline is None else deadline - time.monotonic()
            if remaining is not None and remaining <= 0:
                raise PatternTimeout(self.source)
            try:
                m = self._compiled.search(text, pos, timeout=remaining)
            except TimeoutError:
                raise PatternTimeout(self.source) from None
            if m is None:
                return
            if m.end() == m.start():  # an empty match: step past it
                pos = m.end() + 1
                continue
            yield m.start(), m.end()
            pos = m.end()

    def search(self, text: str, deadline: Optional[float] = None) -> Optional[Tuple[int, int]]:
        return next(iter(self.finditer(text, deadline)), None)


def deadline() -> float:
    return time.monotonic() + REGEX_BUDGET_SECONDS
