"""Errors that end a file's (or the run's) check with exit code 2 and one clear line."""


class GaonbError(Exception):
    """A user-facing error: ``str(err)`` is the whole message (it already names the file)."""


class InputError(GaonbError):
    """A source file cannot be read or decoded."""


class ConfigError(GaonbError):
    """A configuration file is malformed or has an invalid value."""


class PluginError(GaonbError):
    """A plugin cannot be loaded or registers an invalid rule."""
