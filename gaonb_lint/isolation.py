"""Running plugin code (loading, hooks, readers, rules) so that it cannot take the run down.

Whatever a plugin raises — ``SystemExit``, ``KeyboardInterrupt``, ``GeneratorExit``, a custom
``BaseException`` — is turned into a ``PluginFailure`` naming it; only a real Ctrl-C (a SIGINT
this process received) ends the run.  While plugin code runs, ``print()`` goes to stderr, so
that machine output on stdout stays valid.  A call may have a time budget: a rule that never
returns is stopped (``SIGALRM`` in the main thread; elsewhere the budget cannot be enforced and
the call runs unbounded) and reported as timed out, and the run goes on.
"""
from __future__ import annotations

import contextlib
import signal
import sys
import threading
from typing import Any, Callable, Optional, TypeVar

T = TypeVar("T")

_sigint_received = False


class PluginFailure(Exception):
    """Plugin code failed; ``str()`` names how (``SystemExit: 0``, ``timed out after 5 s``)."""

    def __init__(self, description: str, timed_out: bool = False):
        super().__init__(description)
        self.timed_out = timed_out


class _TimedOut(BaseException):
    """Raised inside plugin code when its budget is spent (a BaseException, so that a plugin's
    ``except Exception`` does not swallow it)."""


def describe(exc: BaseException) -> str:
    """The first line of a plugin's exception text, for a person (``--debug`` prints the
    traceback).  The class name is added when there is no text, and for what is not an error but
    a way to end a program (``SystemExit: 0`` says more than ``0``)."""
    text = str(exc).strip().splitlines()
    if text and isinstance(exc, Exception):
        return text[0]
    return f"{type(exc).__name__}: {text[0]}" if text else type(exc).__name__


class Terminated(BaseException):
    """This process received SIGTERM: the run ends quietly (exit 143), workers stopped."""


def watch_signals() -> None:
    """In the main thread of the command: remember a real SIGINT, so that a ``KeyboardInterrupt`` a
    plugin raises itself is told apart from the user's Ctrl-C (which still ends the run at once),
    and turn SIGTERM into ``Terminated`` (the run stops its workers and ends without tracebacks)."""
    if threading.current_thread() is not threading.main_thread():
        return
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
        def interrupt(signum, frame):
            global _sigint_received
            _sigint_received = True
            signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second one must not interrupt the clean-up
            raise KeyboardInterrupt

        signal.signal(signal.SIGINT, interrupt)
    if signal.getsignal(signal.SIGTERM) in (signal.SIG_DFL, None):
        def terminate(signum, frame):
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
            raise Terminated()

        signal.signal(signal.SIGTERM, terminate)


def real_interrupt(exc: BaseException) -> bool:
    """``exc`` is the user's Ctrl-C or a SIGTERM, not something a plugin raised."""
    return isinstance(exc, Terminated) or (isinstance(exc, KeyboardInterrupt) and _sigint_received)


@contextlib.contextmanager
def _budget(seconds: Optional[float]):
    usable = (seconds is not None and seconds > 0 and hasattr(signal, "setitimer")
              and threading.current_thread() is threading.main_thread())
    if not usable:
        yield
        return

    def expire(signum, frame):
        raise _TimedOut()

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def call(function: Callable[..., T], *args: Any, budget: Optional[float] = None) -> T:
    """``function(*args)`` as plugin code: its stdout goes to stderr, it may run ``budget``
    seconds, and anything it raises but a real Ctrl-C becomes a ``PluginFailure``."""
    try:
        with contextlib.redirect_stdout(sys.stderr), _budget(budget):
            return function(*args)
    except _TimedOut:
        raise PluginFailure(f"timed out after {budget:g} s", timed_out=True) from None
    except BaseException as e:  # noqa: B902 - SystemExit, GeneratorExit … from a plugin
        if real_interrupt(e):
            raise
        raise PluginFailure(describe(e)) from e
