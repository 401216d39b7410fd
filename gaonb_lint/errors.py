"""Errors that end a file's (or the run's) check with exit code 2 and one clear line, the exit
codes themselves, and the shape of that line."""

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class GaonbError(Exception):
    """A user-facing error: ``str(err)`` is the whole message (it already names the file)."""


class InputError(GaonbError):
    """A source file cannot be read or decoded."""


class ConfigError(GaonbError):
    """A configuration file is malformed or has an invalid value."""


class PluginError(GaonbError):
    """A plugin cannot be loaded or registers an invalid rule."""


class UsageError(GaonbError):
    """The command line asks for something that does not exist."""


def error_line(message: str, lang: str) -> str:
    """The one line an error is printed as on stderr."""
    return ("错误：" if lang == "zh" else "error: ") + message
