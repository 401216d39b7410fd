"""Errors that end a file's (or the run's) check with exit code 2 and one clear line, the exit
codes themselves, and the shape of that line.

Raise them with a key of ``gaonb_lint.messages.CATALOGUE`` and its parameters::

    raise InputError("input.not-found", path=path)

and the command line prints the line in the run's language.  A plain string (a third-party
reader's own text) is printed as it is.
"""
from __future__ import annotations

from typing import Any, Optional, Union

from gaonb_lint.messages import Message, line, render

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class GaonbError(Exception):
    """A user-facing error; ``render(lang)`` is the whole line (it already names the file)."""

    def __init__(self, message: Union[str, Message], /, **params: Any):
        if isinstance(message, str) and (params or _is_key(message)):
            message = Message(message, **params)
        super().__init__(message)
        self.message = message

    def render(self, lang: Optional[str] = None) -> str:
        return render(self.message, lang)

    def __str__(self) -> str:
        return self.render()

    def __reduce__(self):  # picklable (with its Message) for -j worker processes
        return (self.__class__, (self.message,))


def _is_key(text: str) -> bool:
    from gaonb_lint.messages import CATALOGUE

    return text in CATALOGUE


class InputError(GaonbError):
    """A source file cannot be read or decoded."""


class ConfigError(GaonbError):
    """A configuration file is malformed or has an invalid value."""


class PluginError(GaonbError):
    """A plugin cannot be loaded or registers an invalid rule."""


class UsageError(GaonbError):
    """The command line asks for something that does not exist or cannot be done."""


def error_line(message: Any, lang: str) -> str:
    """The one line an error is printed as on stderr: ``错误：…`` / ``error: …``."""
    return line("error", message, lang)


def plugin_problems(host: Any, lang: Optional[str] = None) -> int:
    """Print each plugin the ``host`` could not load; ``EXIT_ERROR`` if any: a broken plugin is an
    error in every command, not only in ``check``."""
    import sys

    for p in host.load_problems:
        sys.stderr.write(error_line(Message("plugin.load-failed", plugin=p.plugin, error=p.error), lang) + "\n")
    return EXIT_ERROR if host.load_problems else EXIT_CLEAN
