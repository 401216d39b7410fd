"""Shared test helpers.

Fixtures
    ``repo_root``  – the repository root (``pathlib.Path``).
    ``seeds_dir``  – ``tests/fixtures/seeds`` (byte-identical copies of five real scraped reports).

Helpers (plain functions, import them with ``from conftest import run_cli, check_source, lint_text``)
    ``run_cli(args, cwd=None, env=None, timeout=120)``
        Runs ``python -m gaonb_lint ARGS`` in a subprocess (the interpreter running the tests) and
        returns ``(exit_code, stdout, stderr)``.  ``GAONB_LINT_LANG`` is removed from the
        environment so messages are Chinese unless ``--lang`` is given; ``env`` adds variables.
    ``run_cli_on_tty(args, tty, cwd=None, environ=None)``
        Like ``run_cli`` but with the stream ``tty`` (``"stdout"`` or ``"stderr"``) on a
        pseudo-terminal and the other one discarded; returns what the terminal received.
        ``environ`` is the whole environment (default ``cli_env()``).
    ``check_source(text, suffix=".md", select=None, args=())``
        Writes ``text`` to a temporary file and runs ``gaonb-lint check --isolated --format json``
        on it in-process (``gaonb_lint.cli.main``); returns the list of diagnostic dicts.  The
        exit code and the whole JSON document are on ``check_source.last``.
    ``lint_text(text, suffix=".md", rules=None, year=None)``
        Lower level: reads ``text`` with the reader for ``suffix`` and runs the given rules (slugs
        or codes; default all) through the plugin host, without configuration or suppression
        comments.  ``year`` overrides the report year found by the reader (as if the report's
        metadata said so).  Returns diagnostic dicts.
    ``package_source_snapshot(dest, commit=False)``
        Copies the package sources of the work tree (tracked and untracked, not ignored) to
        ``dest``, optionally as a one-commit git repository; used to build wheels and to try the
        pre-commit hook without touching the work tree.
"""
from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

import pytest

# The result cache would let one test's run answer another's (and leave .gaonb-lint-cache/ in the
# checkouts the tests run in); tests/test_cache.py turns it on where it is the subject.
os.environ["GAONB_LINT_NO_CACHE"] = "1"

REPO_ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = REPO_ROOT / "tests" / "fixtures" / "seeds"
EXAMPLES_DIR = REPO_ROOT / "examples"

# Every diagnostic in JSON output carries these keys.
DIAGNOSTIC_KEYS = ("path", "line", "column", "end_line", "end_column", "code", "rule", "severity", "message")


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO_ROOT


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS_DIR


# Messages are Chinese unless a test asks otherwise, whatever the machine's locale (an English
# LANG or LC_ALL would switch them to English): the same for in-process runs.
LANGUAGE_VARIABLES = ("GAONB_LINT_LANG", "LC_ALL", "LC_MESSAGES", "LANG")
for _name in LANGUAGE_VARIABLES:
    os.environ.pop(_name, None)
os.environ["LANG"] = "C.UTF-8"


def cli_env(extra: Optional[Dict[str, str]] = None) -> Dict[str, str]:
    """The environment for a CLI subprocess: ours without language settings (so Chinese), plus ``extra``."""
    env = {k: v for k, v in os.environ.items() if k not in LANGUAGE_VARIABLES}
    env["LANG"] = "C.UTF-8"
    env["PYTHONIOENCODING"] = "utf-8"
    env.update(extra or {})
    return env


def run_cli(args: Sequence[str], cwd=None, env: Optional[Dict[str, str]] = None,
            timeout: float = 120) -> Tuple[int, str, str]:
    """``python -m gaonb_lint ARGS`` in a subprocess: ``(exit_code, stdout, stderr)``."""
    proc = subprocess.run([sys.executable, "-m", "gaonb_lint", *map(str, args)], cwd=cwd,
                          env=cli_env(env), capture_output=True, timeout=timeout)
    return proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")


def run_cli_on_tty(args: Sequence[str], tty: str, cwd=None, environ: Optional[Dict[str, str]] = None,
                   timeout: float = 120) -> str:
    """``python -m gaonb_lint ARGS`` with ``tty`` (``"stdout"`` or ``"stderr"``) on a terminal and
    the other stream discarded: what the terminal received."""
    import pty  # POSIX only, and conftest is loaded for every test: imported where it is used

    master, slave = pty.openpty()
    streams = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, tty: slave}
    proc = subprocess.Popen([sys.executable, "-m", "gaonb_lint", *map(str, args)], cwd=cwd,
                            env=cli_env() if environ is None else environ, **streams)
    # Only the child may hold the terminal open, so that reading ends when it exits.
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # Linux: EIO once the child has closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=timeout)
    os.close(master)
    return b"".join(chunks).decode("utf-8", "replace")


def run_main(args: Sequence[str]) -> Tuple[int, str, str]:
    """``gaonb_lint.cli.main(ARGS)`` in-process: ``(exit_code, stdout, stderr)``."""
    from gaonb_lint.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main([str(a) for a in args])
        except SystemExit as e:  # argparse usage errors
            code = e.code if isinstance(e.code, int) else 2
    return code, out.getvalue(), err.getvalue()


def check_source(text: str, suffix: str = ".md", select: Optional[Iterable[str]] = None,
                 args: Sequence[str] = ()) -> List[dict]:
    """Diagnostics (JSON dicts) of ``gaonb-lint check --isolated --format json`` on ``text``."""
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "report" + suffix)
        with open(path, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        argv = ["check", "--isolated", "--format", "json", *args, path]
        if select is not None:
            argv += ["--select", ",".join(select)]
        code, out, err = run_main(argv)
    doc = json.loads(out) if out.strip() else {}
    check_source.last = {"code": code, "json": doc, "stderr": err}
    return list(doc.get("diagnostics", []))


check_source.last = {}


PACKAGE_DIRS = ("gaonb_lint", "rules", "schemas")


def package_source_snapshot(dest: Path, commit: bool = False) -> Path:
    """Copy what builds the package from the work tree (top-level files such as pyproject.toml,
    README.md, .pre-commit-hooks.yaml, and the package directories), as git sees them: tracked
    and untracked files, minus ignored ones.  With ``commit`` the copy becomes a one-commit git
    repository (for ``pre-commit try-repo``).  Uncommitted work is included on purpose: the
    tests check the tree as it is."""
    import shutil

    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=REPO_ROOT, capture_output=True, check=True).stdout.decode("utf-8")
    dest.mkdir(parents=True, exist_ok=True)
    for rel in filter(None, listed.split("\0")):
        top = rel.split("/", 1)[0]
        if ("/" in rel and top not in PACKAGE_DIRS) or "__pycache__" in rel:
            continue
        src = REPO_ROOT / rel
        if not src.is_file():  # deleted but still in the index
            continue
        (dest / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, dest / rel)
    if commit:
        git = ["git", "-c", "user.name=gaonb-lint tests", "-c", "user.email=tests@example.invalid",
               "-c", "commit.gpgsign=false"]
        for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "snapshot"]):
            subprocess.run(git + args, cwd=dest, check=True, capture_output=True)
    return dest


_HOST = None


def _host():
    global _HOST
    if _HOST is None:
        from gaonb_lint.host import load_host

        _HOST = load_host()
    return _HOST


def lint_text(text: str, suffix: str = ".md", rules: Optional[Iterable[str]] = None,
              year: Optional[int] = None, lang: str = "zh") -> List[dict]:
    """Run rules on ``text`` in-process (no configuration, no suppression comments)."""
    from gaonb_lint.engine import run_rules
    from gaonb_lint.readers import BUILTIN_READERS, reader_table

    host = _host()
    readers = reader_table(list(BUILTIN_READERS) + list(host.readers))
    reader = readers[suffix]
    report = reader.read("report" + suffix, text)
    if year is not None:
        report.year = year
    if rules is None:
        selected = list(host.rules)
    else:
        selected = []
        for name in rules:
            rule = host.rule(name)
            if rule is None:
                raise KeyError(f"unknown rule {name!r}")
            selected.append(rule)
    return [d.to_dict() for d in run_rules(report, selected, lang, {}, {})]
