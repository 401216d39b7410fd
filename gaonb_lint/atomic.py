"""Writing a file so that it is either wholly replaced or left as it was.

The new content goes to a temporary file in the target's own directory (same file system, so
the final rename is atomic), is flushed to disk, and then replaces the target with
``os.replace``.  A full disk, an encoding error or an interruption leaves the old file intact
and no temporary file behind.  A symlinked target is written through (its link stays a link).
"""
from __future__ import annotations

import os
import tempfile

from gaonb_lint.errors import GaonbError
from gaonb_lint.messages import os_reason


def same_file(a: str, b: str) -> bool:
    """``a`` and ``b`` are one file: the same path, a symlink to it, or a hard link."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)


def write_atomic(path: str, data: bytes) -> None:
    target = os.path.realpath(path)
    directory = os.path.dirname(target) or "."
    try:
        mode = os.stat(target).st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    except OSError as e:
        raise GaonbError("output.cannot-write", path=path, reason=os_reason(e)) from None
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix="." + os.path.basename(target) + ".", suffix=".tmp", dir=directory)
        with os.fdopen(fd, "wb") as fh:
            _write_all(fh, data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
        tmp = None
    except OSError as e:
        raise GaonbError("output.cannot-write-kept", path=path, reason=os_reason(e)) from None
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def _write_all(fh, data: bytes) -> None:
    # A seam for the tests that inject a failure in the middle of a write.
    fh.write(data)
