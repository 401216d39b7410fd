"""Built-in readers, and turning a path into a ``Report`` with the reader for its suffix."""
from __future__ import annotations

import importlib
import os
import stat
from typing import Any, Dict, Iterable, Optional

from gaonb_lint.contracts import Reader
from gaonb_lint.errors import InputError, PluginError
from gaonb_lint.messages import Message, os_reason
from gaonb_lint.model import Report
from gaonb_lint.readers.decode import decode

DEFAULT_MAX_BYTES = 10 * 1024 * 1024


def _markdown(path: str, text: str) -> Report:
    from gaonb_lint.readers.markdown import read_markdown

    return read_markdown(path, text)


def _text(path: str, text: str) -> Report:
    from gaonb_lint.readers.text import read_text

    return read_text(path, text)


def _html(path: str, text: str) -> Report:
    from gaonb_lint.readers.html import read_html

    return read_html(path, text)


def _docx(path: str, data: bytes) -> Report:
    from gaonb_lint.readers.docx import read_docx

    return read_docx(path, data)


def _pdf(path: str, data: bytes) -> Report:
    from gaonb_lint.readers.pdf import read_pdf

    return read_pdf(path, data)


BUILTIN_READERS = (
    Reader("markdown", (".md", ".markdown"), _markdown),
    Reader("text", (".txt",), _text),
    Reader("html", (".html", ".htm"), _html),
    Reader("docx", (".docx",), _docx, binary=True),
    Reader("pdf", (".pdf",), _pdf, binary=True),
)


# Built-in readers that need an extra: reader name → (extra, module the extra installs).
OPTIONAL = {"docx": ("docx", "docx"), "pdf": ("pdf", "pypdfium2")}
_importable: Dict[str, bool] = {}


def missing_extra(path: str, readers: Dict[str, Reader]) -> Optional[str]:
    """The extra to install when ``path`` is for a built-in optional reader whose library is
    missing (a plugin reader for the suffix is not our business), else ``None``."""
    reader = readers.get(os.path.splitext(path)[1].lower())
    if reader is None or reader.name not in OPTIONAL or reader not in BUILTIN_READERS:
        return None
    extra, module = OPTIONAL[reader.name]
    if module not in _importable:
        try:
            importlib.import_module(module)
            _importable[module] = True
        except ImportError:
            _importable[module] = False
    return None if _importable[module] else extra


def _size(n: int) -> str:
    return f"{n / 1048576:.1f} MB" if n >= 1048576 else f"{n / 1024:.1f} KB" if n >= 1024 else f"{n} B"


def reader_table(readers: Iterable[Reader]) -> Dict[str, Reader]:
    """Suffix → reader; later readers (plugins) override earlier ones (built-ins)."""
    table: Dict[str, Reader] = {}
    for r in readers:
        for suffix in r.suffixes:
            table[suffix.lower()] = r
    return table


def _check_unpacked_size(path: str, data: bytes, max_bytes: int) -> None:
    """A zip container (.docx) is refused when its parts would unpack beyond ``max_bytes``: a
    small file can hold gigabytes of XML.  The sizes are the archive's own declarations, which
    the zip reader also enforces on reading (it never returns more than a member declares)."""
    if not data.startswith(b"PK\x03\x04"):
        return
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            unpacked = sum(info.file_size for info in z.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return  # the reader says it is not a readable file
    if unpacked > max_bytes:
        raise InputError("input.unpacked-too-large", path=path, size=_size(unpacked), limit=_size(max_bytes))


_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)


def read_bytes(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of a regular file of at most ``max_bytes``; every failure is an ``InputError``.

    The file is opened without blocking and then checked with ``fstat``: checking the path first
    and opening it after leaves a moment in which it can be swapped for a FIFO, and opening a
    FIFO for reading blocks until a writer comes (forever, in CI)."""
    try:
        try:
            fd = os.open(path, _OPEN_FLAGS)
        except PermissionError:
            if os.path.isdir(path):  # Windows cannot open a directory at all
                raise IsADirectoryError(path) from None
            raise
        with os.fdopen(fd, "rb") as fh:
            info = os.fstat(fh.fileno())
            if stat.S_ISDIR(info.st_mode):
                raise IsADirectoryError(path)
            if not stat.S_ISREG(info.st_mode):
                raise InputError("input.not-regular", path=path)
            if info.st_size > max_bytes:
                raise InputError("input.too-large", path=path, size=_size(info.st_size), limit=_size(max_bytes))
            data = fh.read(max_bytes + 1)
    except InputError:
        raise
    except IsADirectoryError:
        raise InputError("input.is-directory", path=path) from None
    except FileNotFoundError:
        raise InputError("input.not-found", path=path) from None
    except PermissionError:
        raise InputError("input.permission", path=path) from None
    except OSError as e:
        raise InputError("input.cannot-read", path=path, reason=os_reason(e)) from None
    if len(data) > max_bytes:  # it grew after fstat
        raise InputError("input.too-large", path=path, size=_size(len(data)), limit=_size(max_bytes))
    return data


def run_reader(reader: Reader, path: str, data: Any, budget: Optional[float] = None) -> Report:
    """``reader.read(path, data)``; a plugin's reader runs isolated like a rule: whatever it
    raises, a hang beyond ``budget`` seconds or something that is not a ``Report`` is one
    ``PluginError`` line for this file, and its report is filed under ``path``."""
    if not reader.plugin:  # a built-in reader
        return reader.read(path, data)
    from gaonb_lint import isolation

    try:
        report = isolation.call(reader.read, path, data, budget=budget)
    except isolation.PluginFailure as e:
        raise PluginError("plugin.reader-failed", path=path, reader=reader.name, plugin=reader.plugin,
                          error=str(e)) from None
    if not isinstance(report, Report):
        raise PluginError("plugin.reader-junk", path=path, reader=reader.name, plugin=reader.plugin,
                          type=type(report).__name__)
    report.path = path
    from gaonb_lint.readers.structure import record_evidence

    try:  # what the built-in readers record, for rules to read instead of searching the text
        record_evidence(report)
    except Exception as e:  # a report built wrongly (a block without text …) is the reader's failure
        raise PluginError("plugin.reader-failed", path=path, reader=reader.name, plugin=reader.plugin,
                          error=isolation.describe(e)) from None
    return report


def read_path(path: str, readers: Dict[str, Reader], max_bytes: int = DEFAULT_MAX_BYTES,
              budget: Optional[float] = None, data: Optional[bytes] = None) -> Report:
    """Read and parse one file; every failure is an ``InputError`` (or, for a plugin's reader, a
    ``PluginError``) naming the file.  ``data``: its bytes, when :func:`read_bytes` has read them."""
    suffix = os.path.splitext(path)[1].lower()
    reader = readers.get(suffix)
    if reader is None:
        raise InputError("input.unsupported-type", path=path, suffix=suffix or Message("input.no-suffix"),
                         supported=sorted(readers))
    if data is None:
        data = read_bytes(path, max_bytes)
    try:
        if reader.binary:
            _check_unpacked_size(path, data, max_bytes)
            report = run_reader(reader, path, data, budget)
        else:
            text, encoding = decode(path, data)
            report = run_reader(reader, path, text, budget)
            report.encoding = encoding
    except RecursionError:  # thousands of nested elements: a limit of Python's stack, not a bug
        raise InputError("input.too-deep", path=path) from None
    except MemoryError:
        raise InputError("input.out-of-memory", path=path) from None
    return report


def read_text(path: str, text: str, readers: Dict[str, Reader]) -> Report:
    """Parse ``text`` (already decoded, e.g. an editor's buffer) as the file ``path`` would be read."""
    suffix = os.path.splitext(path)[1].lower()
    reader = readers.get(suffix)
    if reader is None or reader.binary:
        raise InputError("input.unsupported-type", path=path, suffix=suffix or Message("input.no-suffix"),
                         supported=sorted(s for s, r in readers.items() if not r.binary))
    if "\r" in text:  # as decode() does for files: every line break is one \n
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    try:
        return run_reader(reader, path, text)
    except RecursionError:
        raise InputError("input.too-deep", path=path) from None
