"""``--fix``, ``--unsafe-fixes`` and ``--diff``: apply the rules' fixes to Markdown and text sources.

A rule offers a :class:`gaonb_lint.api.Fix` (replace ``text[start:end]`` of the report's text
with ``replacement``; ``safe`` or not) with a finding.  Fixes are applied in rounds: the
non-overlapping ones of a round at once, then the file is read and checked again, until no fix
is left (an edit that overlaps another waits for the next round).  The file is written once, at
the end, atomically, in its own encoding, byte-order mark and line endings; every byte outside
the edits stays as it was.  A file that could not be read is never written; HTML and DOCX
sources are never rewritten (their text is a rendering of the source, not the source).
"""
from __future__ import annotations

import codecs
import difflib
import os
import stat
from typing import List, Optional, Sequence, Tuple

from gaonb_lint.errors import GaonbError
from gaonb_lint.messages import Message
from gaonb_lint.readers import read_path, read_text

FIXABLE_SOURCES = ("markdown", "text")
MAX_ROUNDS = 10
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Why a file was not written (catalogue keys of gaonb_lint.messages).
NOTES = {k: "fix." + k for k in ("kind", "readonly", "newlines", "encoding", "changed", "write")}


def apply_edits(text: str, edits: Sequence) -> Tuple[str, int]:
    """``text`` with the edits that do not overlap applied (earliest first), and how many were
    applied.  Two insertions at one place, or an edit inside another, wait for the next round."""
    chosen: List = []
    seen = set()
    last_end = -1
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        key = (e.start, e.end, e.replacement)
        if key in seen:
            continue  # the same repair offered by two findings
        if not (0 <= e.start <= e.end <= len(text)):
            continue
        if e.start < last_end or (chosen and e.start == e.end == chosen[-1].start == chosen[-1].end):
            continue
        seen.add(key)
        chosen.append(e)
        last_end = e.end
    parts, pos = [], 0
    for e in chosen:
        parts.append(text[pos:e.start])
        parts.append(e.replacement)
        pos = e.end
    parts.append(text[pos:])
    return "".join(parts), len(chosen)


def _wanted(found, unsafe: bool) -> list:
    return [d.edit for d in found if getattr(d, "edit", None) is not None and (d.edit.safe or unsafe)]


def _layout(data: bytes, encoding: str) -> Tuple[bytes, str]:
    """The byte-order mark and codec the file was read with."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return bom, codec
    return b"", encoding


def fix_file(checker, path: str, cfg, unsafe: bool, diff: bool):
    """Check ``path``, apply its fixes (``unsafe``: also the unsafe ones) and write it, or with
    ``diff`` only compute the unified diff.  Returns the findings that remain, with ``fixed``
    (how many were repaired), ``diff`` and ``note`` (why nothing was written) set on them."""
    enabled = checker.enabled(cfg, path)
    report = read_path(path, checker.readers, cfg.max_file_size)
    found = checker.check_report(report, cfg, enabled)
    found.fixed, found.diff, found.note = 0, "", None
    if not _wanted(found, unsafe):
        return found
    if report.source_format not in FIXABLE_SOURCES:
        found.note = Message(NOTES["kind"], path=path, kind=report.source_format.upper())
        return found
    try:
        before = os.stat(path)
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as e:
        found.note = Message(NOTES["write"], path=path, error=e.strerror or str(e))
        return found
    encoding = report.encoding
    bom, codec = _layout(data, encoding)
    try:
        raw = data[len(bom):].decode(codec)
    except (LookupError, UnicodeDecodeError):
        found.note = Message(NOTES["encoding"], path=path, encoding=encoding)
        return found
    newline = "\n"
    if "\r" in raw:
        crlf = raw.count("\r\n")
        if not (crlf == raw.count("\r") == raw.count("\n")):
            found.note = Message(NOTES["newlines"], path=path)
            return found
        newline = "\r\n"
    original = report.text

    def encode(text: str) -> Optional[bytes]:
        try:
            return bom + text.replace("\n", newline).encode(codec)
        except (LookupError, UnicodeEncodeError):
            return None

    if encode(original) != data:  # writing back would change bytes no fix touched
        found.note = Message(NOTES["encoding"], path=path, encoding=encoding)
        return found
    first = found
    text, fixed = original, 0
    for _ in range(MAX_ROUNDS):
        edits = _wanted(found, unsafe)
        if not edits:
            break
        new, n = apply_edits(text, edits)
        if new == text or n == 0:
            break
        text, fixed = new, fixed + n
        report = read_text(path, text, checker.readers)
        report.encoding = encoding
        found = checker.check_report(report, cfg, enabled)
    found.fixed, found.diff, found.note = fixed, "", None
    if text == original:
        return found
    if diff:
        found.diff = "".join(difflib.unified_diff(original.splitlines(True), text.splitlines(True),
                                                  fromfile=f"a/{path}", tofile=f"b/{path}"))
        if found.diff and not found.diff.endswith("\n"):
            found.diff += "\n\\ No newline at end of file\n"
        return found
    new_bytes = encode(text)
    note = Message(NOTES["encoding"], path=path, encoding=encoding) if new_bytes is None else \
        _write(path, new_bytes, before)
    if note is None:
        return found
    # Nothing was written: what stands is the file as it is, with its findings.
    first.fixed, first.diff, first.note = 0, "", note
    return first


def _write(path: str, data: bytes, before: os.stat_result) -> Optional[Message]:
    """Write ``data`` over ``path`` atomically; the one-line reason when it was not written."""
    from gaonb_lint.atomic import write_atomic

    try:
        now = os.stat(path)
        if not stat.S_IMODE(now.st_mode) & 0o222:  # read-only for everyone (also honoured for root)
            return Message(NOTES["readonly"], path=path)
        if (now.st_mtime_ns, now.st_size) != (before.st_mtime_ns, before.st_size):
            return Message(NOTES["changed"], path=path)
        write_atomic(path, data)
    except GaonbError as e:  # the atomic write failed and left the file as it was
        return e.message if isinstance(e.message, Message) else Message(NOTES["write"], path=path, error=str(e))
    except OSError as e:
        return Message(NOTES["write"], path=path, error=e.strerror or str(e))
    return None
