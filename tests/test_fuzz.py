"""Fuzzing: real reports, mutated, through every reader, the configuration and plugin rules.

Sources are the five real scraped seed reports (text layouts), the Markdown examples, the HTML
fixture, generated reports (``bench/gen_corpus.py``) and their tables laid out as scraped text
(tab-separated, one cell per line, run together).  Hypothesis cuts, duplicates and shuffles
lines, inserts control, combining and zero-width characters, mixes full- and half-width forms,
breaks tables, joins and splits lines, and re-encodes the bytes.  The properties:

* no exception escapes a check, except the one-line ``GaonbError`` for input that cannot be read;
* no built-in rule crashes (no ``plugin-error`` diagnostic);
* every diagnostic's span (and fix span) lies inside the file: ``1 ≤ line ≤ lines``, columns
  within the line's length + 1, end not before start;
* the findings are deterministic: the same input gives the same output.

The default suite runs a few hundred derandomised cases (seconds); ``pytest -m slow`` runs more
than 10,000.
"""
from __future__ import annotations

import importlib.util
import os
import random
import re
import tempfile
import types
from functools import lru_cache
from pathlib import Path
from typing import List, Tuple

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from gaonb_lint.api import Finding, Fix, Rule, hookimpl  # noqa: E402
from gaonb_lint.config import Config, ConfigFinder, from_table, load_file  # noqa: E402
from gaonb_lint.errors import ConfigError, GaonbError  # noqa: E402
from gaonb_lint.host import load_host  # noqa: E402
from gaonb_lint.readers.decode import decode  # noqa: E402
from gaonb_lint.runner import Checker  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "tests" / "fixtures" / "seeds"
if not SEEDS.is_dir():  # the shared originals, beside the repository
    SEEDS = ROOT.parent / "shared" / "seeds"

# Default suite: a few hundred derandomised cases in all; `-m slow`: over 10,000.
FAST = settings(max_examples=60, deadline=None, derandomize=True, database=None,
                suppress_health_check=list(HealthCheck))
SLOW = settings(max_examples=2500, deadline=None, suppress_health_check=list(HealthCheck))


# -- sources ---------------------------------------------------------------------------------

def _gen_corpus():
    spec = importlib.util.spec_from_file_location("gen_corpus", ROOT / "bench" / "gen_corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _table_lines_as(text: str, layout: str) -> str:
    """A Markdown report with its GFM tables laid out as scraped text does it."""
    out = []
    for line in text.split("\n"):
        s = line.strip()
        if not (s.startswith("|") and s.endswith("|")):
            out.append(line)
            continue
        cells = [c.strip() for c in s.strip("|").split("|")]
        if all(set(c) <= set("-: ") for c in cells):
            continue  # the delimiter row
        if layout == "tsv":
            out.append("\t".join(cells))
        elif layout == "cell-per-line":
            out.extend(c for c in cells if c)
        else:  # flattened: the cells run together
            out.append("".join(cells))
    return "\n".join(out)


@lru_cache(maxsize=None)
def sources() -> Tuple[Tuple[str, str, bytes], ...]:
    """``(name, suffix, bytes)`` of every starting document."""
    out: List[Tuple[str, str, bytes]] = []
    for p in sorted(SEEDS.glob("*.txt")):
        out.append((p.name, ".txt", p.read_bytes()))
    for p in sorted((ROOT / "examples").glob("*.md")):
        out.append((p.name, ".md", p.read_bytes()))
    for p in sorted((ROOT / "tests" / "fixtures" / "sources").glob("*.htm*")):
        out.append((p.name, ".html", p.read_bytes()))
    gen = _gen_corpus().Generator(seed=11, error_rate=0.6)
    for i in range(3):
        text, _ = gen.report(i)
        out.append((f"generated-{i}.md", ".md", text.encode("utf-8")))
        for layout in ("tsv", "cell-per-line", "flattened"):
            out.append((f"generated-{i}-{layout}.txt", ".txt", _table_lines_as(text, layout).encode("utf-8")))
    assert len(out) >= 10
    return tuple(out)


# -- mutations -------------------------------------------------------------------------------

# Characters real scraped pages and careless editors put into reports.
ODD = ["\x00", "\x01", "\x07", "\x0b", "\x0c", "\x1c", "\x1f", "\x7f", "\x85", "\u2028", "\u2029", "\r", "\t",
       "\ufeff", "\u200b", "\u200d", "\u00ad", "\u0301", "\u0308", "\u20dd", "\u200f", "\u202e", "\u3000", "\xa0",
       "\U0001f600", "\ud7ff", "|", "｜", "-", "—", "#", ">", "*", "`", "<!--", "-->", "<", "&nbsp;", "一、", "（三）",
       "1.", "１．", "0", "９", "年", "月", "日", "至", "统计期限为", "信息处理费", "总计", "\n", "\n\n"]
WIDTH = str.maketrans("0123456789()|:,.;-", "０１２３４５６７８９（）｜：，．；－")
NARROW = str.maketrans("０１２３４５６７８９（）｜：，．；－、", "0123456789()|:,.;-,")

mutation = st.one_of(
    st.tuples(st.just("cut"), st.floats(0, 1), st.floats(0, 1)),
    st.tuples(st.just("duplicate"), st.floats(0, 1), st.floats(0, 1)),
    st.tuples(st.just("shuffle"), st.floats(0, 1), st.floats(0, 1), st.integers(0, 2**16)),
    st.tuples(st.just("insert"), st.floats(0, 1),
              st.lists(st.sampled_from(ODD) | st.characters(), max_size=8).map("".join)),
    st.tuples(st.just("widen"), st.floats(0, 1), st.floats(0, 1)),
    st.tuples(st.just("narrow"), st.floats(0, 1), st.floats(0, 1)),
    st.tuples(st.just("break-table"), st.floats(0, 1), st.sampled_from(["drop-bar", "add-bar", "tabs", "no-delimiter",
                                                                         "merge-row", "split-row", "blank-cells"])),
    st.tuples(st.just("join"), st.floats(0, 1)),
    st.tuples(st.just("split"), st.floats(0, 1), st.floats(0, 1)),
    st.tuples(st.just("truncate"), st.floats(0, 1)),
)
encoding = st.sampled_from(["utf-8", "utf-8", "utf-8", "utf-8-sig", "gb18030", "utf-16", "bad-bytes"])


def _span(n: int, a: float, b: float) -> Tuple[int, int]:
    i, j = sorted((int(a * n), int(b * n)))
    return i, min(n, max(j, i + 1))


def mutate(text: str, ops) -> str:
    for op in ops:
        kind = op[0]
        lines = text.split("\n")
        n = len(lines)
        if kind == "cut":
            i, j = _span(n, op[1], op[2])
            lines[i:j] = []
        elif kind == "duplicate":
            i, j = _span(n, op[1], op[2])
            lines[j:j] = lines[i:j]
        elif kind == "shuffle":
            i, j = _span(n, op[1], op[2])
            part = lines[i:j]
            random.Random(op[3]).shuffle(part)
            lines[i:j] = part
        elif kind in ("widen", "narrow"):
            i, j = _span(n, op[1], op[2])
            lines[i:j] = [s.translate(WIDTH if kind == "widen" else NARROW) for s in lines[i:j]]
        elif kind == "insert":
            p = int(op[1] * len(text))
            text = text[:p] + op[2] + text[p:]
            continue
        elif kind == "break-table":
            rows = [k for k, s in enumerate(lines) if "|" in s or "\t" in s] or [int(op[1] * (n - 1))]
            k = rows[int(op[1] * (len(rows) - 1))]
            s, how = lines[k], op[2]
            bars = [i for i, c in enumerate(s) if c == "|"]
            if how == "drop-bar" and bars:
                p = bars[int(op[1] * (len(bars) - 1))]
                lines[k] = s[:p] + s[p + 1:]
            elif how == "add-bar":
                p = int(op[1] * len(s))
                lines[k] = s[:p] + "|" + s[p:]
            elif how == "tabs":
                lines[k] = s.replace("|", "\t")
            elif how == "no-delimiter":
                lines = [x for x in lines if not re.fullmatch(r"\s*\|?(\s*:?-+:?\s*\|)+\s*:?-*:?\s*\|?\s*", x)]
            elif how == "merge-row" and k + 1 < n:
                lines[k:k + 2] = [lines[k] + lines[k + 1]]
            elif how == "split-row":
                p = int(op[1] * len(s))
                lines[k:k + 1] = [s[:p], s[p:]]
            elif how == "blank-cells":
                lines[k] = re.sub(r"\d+", "", s)
        elif kind == "join" and n > 1:
            k = min(n - 2, int(op[1] * (n - 1)))
            lines[k:k + 2] = [lines[k] + lines[k + 1]]
        elif kind == "split":
            k = min(n - 1, int(op[1] * n))
            p = int(op[2] * len(lines[k]))
            lines[k:k + 1] = [lines[k][:p], lines[k][p:]]
        elif kind == "truncate":
            text = text[: int(op[1] * len(text))]
            continue
        text = "\n".join(lines)
    return text


def encode(text: str, how: str, salt: int) -> bytes:
    if how == "bad-bytes":
        data = bytearray(text.encode("utf-8", "surrogatepass"))
        rng = random.Random(salt)
        for _ in range(rng.randint(1, 4)):
            data.insert(rng.randint(0, len(data)), rng.choice([0x80, 0xff, 0xfe, 0xc3, 0xe4, 0x00, 0x81]))
        return bytes(data)
    return text.encode(how, "surrogatepass" if how.startswith("utf-8") else "replace")


# -- the properties --------------------------------------------------------------------------

@lru_cache(maxsize=None)
def _checker() -> Checker:
    return Checker(load_host(), "zh", None, [], None)


def _lines(data: bytes, path: str) -> List[str]:
    text, _ = decode(path, data)
    return text.split("\n")


def assert_span_inside(d: dict, lines: List[str], where: str = "") -> None:
    n = len(lines)
    line, col, end_line, end_col = d["line"], d["column"], d["end_line"], d["end_column"]
    assert all(isinstance(v, int) for v in (line, col, end_line, end_col)), (where, d)
    assert 1 <= line <= n and 1 <= end_line <= n, (where, d, n)
    assert 1 <= col <= len(lines[line - 1]) + 1, (where, d, len(lines[line - 1]))
    assert 1 <= end_col <= len(lines[end_line - 1]) + 1, (where, d, len(lines[end_line - 1]))
    assert (end_line, end_col) >= (line, col), (where, d)


def check_bytes(suffix: str, data: bytes, checker: Checker = None, cfg: Config = None) -> List[dict]:
    """Check ``data`` as a file with ``suffix`` twice; assert the properties; return the findings."""
    checker = checker or _checker()
    cfg = cfg or Config(root=tempfile.gettempdir())
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "report" + suffix)
        with open(path, "wb") as fh:
            fh.write(data)
        runs = []
        for _ in range(2):
            try:
                runs.append([d.to_dict() for d in checker.check(path, cfg)])
            except GaonbError as e:  # one line naming the file that cannot be used (report or configuration)
                message = str(e)
                assert "\n" not in message and (path in message or (cfg.path and cfg.path in message)), message
                runs.append(message)
        assert runs[0] == runs[1], "findings differ between two runs on the same input"
        if isinstance(runs[0], str):
            return []
        # A .docx has no text lines of its own: its positions are paragraph numbers.
        lines = _lines(data, path) if suffix != ".docx" else None
        for d in runs[0]:
            assert d["rule"] != "plugin-error", d["message"]  # a built-in rule crashed
            if lines is not None:
                assert_span_inside(d, lines, suffix)
                if d.get("fix"):
                    assert_span_inside(d["fix"], lines, suffix + " fix")
        return runs[0]


def _fuzz_reader(source, ops, how, salt):
    name, suffix, data = source
    check_bytes(suffix, encode(mutate(data.decode("utf-8-sig"), ops), how, salt))


def _source_strategy(*suffixes):
    return st.sampled_from([s for s in sources() if s[1] in suffixes])


def test_sources_are_checked_cleanly_before_any_mutation():
    """The starting documents themselves: no crash, spans inside (and the fuzzing has real input)."""
    counts = {}
    for name, suffix, data in sources():
        counts[name] = len(check_bytes(suffix, data))
    assert counts["compliant-2025.md"] == 0
    assert counts["mistakes-2025.md"] > 0
    assert any(counts[n] > 0 for n in counts if n.startswith("generated-"))


def test_mutations_change_the_input():
    text = sources()[0][2].decode("utf-8")
    ops = [("cut", 0.1, 0.3), ("insert", 0.5, "\u0301\x00"), ("break-table", 0.2, "tabs"), ("widen", 0.0, 1.0)]
    assert mutate(text, ops) != text
    assert mutate(text, []) == text


@FAST
@given(_source_strategy(".md"), st.lists(mutation, max_size=6), encoding, st.integers(0, 2**16))
def test_fuzz_markdown(source, ops, how, salt):
    _fuzz_reader(source, ops, how, salt)


@FAST
@given(_source_strategy(".txt"), st.lists(mutation, max_size=6), encoding, st.integers(0, 2**16))
def test_fuzz_text_layouts(source, ops, how, salt):
    _fuzz_reader(source, ops, how, salt)


@FAST
@given(_source_strategy(".html"), st.lists(mutation, max_size=6), encoding, st.integers(0, 2**16))
def test_fuzz_html(source, ops, how, salt):
    _fuzz_reader(source, ops, how, salt)


@FAST
@given(st.binary(max_size=2000), st.sampled_from([".md", ".txt", ".html", ".htm", ".markdown", ".docx"]))
def test_fuzz_arbitrary_bytes(data, suffix):
    check_bytes(suffix, data)


# -- configuration ---------------------------------------------------------------------------

CONFIG = """\
select = ["ALL"]
ignore = ["GL901"]
extend-ignore = []
include = ["*.md", "*.txt", "*.html"]
exclude = ["drafts"]
extend-exclude = ["tmp"]
format-version = "v2021"
lang = "en"
max-file-size = "20MB"

[severity]
statistics-period = "warning"

[per-file-ignores]
"old/*.md" = ["fee-statement", "GL3"]

[rules.publication-deadline]
body = "department"
"""

toml_value = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 10**12) | st.floats(allow_nan=False) | st.text(max_size=12)
    | st.sampled_from(["ALL", "GL1", "GL202", "balance", "v2019", "v2021", "zh", "en", "1KB", "3 MiB", "error", "info"]),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=8)
config_keys = st.sampled_from(["select", "ignore", "extend-ignore", "severity", "per-file-ignores", "include", "exclude",
                               "extend-exclude", "format-version", "lang", "max-file-size", "rules", "unknown-key"])


def _report_bytes() -> bytes:
    return (ROOT / "examples" / "mistakes-2025.md").read_bytes()


def _check_with_config_file(path: str) -> None:
    """A configuration either loads or is refused with one ``file:line`` line; when it loads, a
    check with it finds or refuses, never crashes."""
    try:
        finder = ConfigFinder(path, False)
    except ConfigError as e:
        assert str(e).startswith(path) and "\n" not in str(e), str(e)
        return
    cfg = finder.for_path(path)
    try:
        checker = Checker(load_host(), cfg.lang or "zh", None, [], cfg.format_version)
    except GaonbError:
        return
    check_bytes(".md", _report_bytes(), checker, cfg)


@FAST
@given(st.lists(mutation, max_size=5))
def test_fuzz_configuration_text(ops):
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, ".gaonb-lint.toml")
        with open(path, "w", encoding="utf-8", errors="surrogatepass") as fh:
            fh.write(mutate(CONFIG, ops))
        _check_with_config_file(path)


@FAST
@given(st.dictionaries(config_keys, toml_value, max_size=6))
def test_fuzz_configuration_values(table):
    try:
        cfg = from_table(table, "/virtual/.gaonb-lint.toml", "")
    except ConfigError as e:
        assert str(e).startswith("/virtual/.gaonb-lint.toml:") and "\n" not in str(e), str(e)
        return
    assert isinstance(cfg.max_file_size, int) and cfg.max_file_size > 0
    try:
        checker = Checker(load_host(), cfg.lang or "zh", None, [], cfg.format_version)
    except GaonbError:
        return
    check_bytes(".md", _report_bytes(), checker, cfg)


def test_the_fuzzed_configuration_loads_unmutated():
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, ".gaonb-lint.toml")
        Path(path).write_text(CONFIG, encoding="utf-8")
        cfg = load_file(path)
        assert cfg.lang == "en" and cfg.max_file_size == 20 * 1024 * 1024


# -- rule packs (plugin rules) ---------------------------------------------------------------

behaviour = st.lists(st.one_of(
    st.tuples(st.just("finding"), st.integers(-50, 12000), st.integers(-50, 12000), st.sampled_from(["m", "n", "bad-key"]),
              st.sampled_from([None, "error", "warning", "info"]), st.booleans(), st.integers(-50, 12000)),
    st.tuples(st.just("raise"), st.sampled_from([ValueError, KeyError, ZeroDivisionError, RecursionError, TypeError])),
    st.tuples(st.just("junk"), st.sampled_from([None, 3, "text", ("a", 1), object])),
    st.tuples(st.just("touch-report")),
), max_size=8)


def _plugin(behaviours) -> types.ModuleType:
    """A plugin module with one rule per behaviour list: findings at arbitrary offsets (inside,
    outside, reversed), unknown message keys, missing template parameters, exceptions, junk."""
    rules = []
    for n, steps in enumerate(behaviours):
        def check(report, ctx, steps=steps):
            for step in steps:
                if step[0] == "finding":
                    _, start, end, key, severity, with_fix, fix_at = step
                    fix = Fix(fix_at, fix_at + 2, "x") if with_fix else None
                    if key == "bad-key":
                        yield Finding(start, end, "no-such-message", {}, severity, fix)
                    else:
                        yield ctx.finding((start, end), key, severity=severity, fix=fix, **({"x": 1} if key == "n" else {}))
                elif step[0] == "raise":
                    raise step[1]("plugin trouble")
                elif step[0] == "junk":
                    yield step[1]
                else:
                    report.metadata.setdefault("touched", "1")
        rules.append(Rule(slug=f"fuzz-rule-{n}", code=f"FZ{100 + n}", summary={"zh": "模糊", "en": "fuzz"},
                          messages={"m": {"zh": "问题", "en": "problem"}, "n": {"zh": "问题{x}", "en": "problem {x}"}},
                          check=check, doc="", formats=("all", "none")))
    module = types.ModuleType("gaonb_fuzz_plugin")

    @hookimpl
    def gaonb_lint_rules():
        return rules

    module.gaonb_lint_rules = gaonb_lint_rules
    return module


@FAST
@given(st.lists(behaviour, min_size=1, max_size=3), _source_strategy(".md", ".txt"), st.lists(mutation, max_size=3))
def test_fuzz_plugin_rules(behaviours, source, ops):
    host = load_host(extra_plugins=(("fuzz", _plugin(behaviours)),))
    assert not host.load_problems, host.load_problems
    checker = Checker(host, "zh", None, [], None)
    name, suffix, data = source
    findings = check_bytes_allowing_plugin_errors(suffix, mutate(data.decode("utf-8"), ops).encode("utf-8"), checker)
    if findings is None:
        return
    crashing = {f"fuzz-rule-{n}" for n, steps in enumerate(behaviours)
                if any(s[0] in ("raise", "junk") or (s[0] == "finding" and s[3] == "bad-key") for s in steps)}
    reported = {d["message"] for d in findings if d["rule"] == "plugin-error"}
    for slug in crashing:  # a rule that raised or yielded junk is reported, and the run went on
        assert any(slug in m for m in reported), (slug, reported)


def check_bytes_allowing_plugin_errors(suffix: str, data: bytes, checker: Checker) -> List[dict]:
    """``check_bytes`` for a host with fuzz rules: ``plugin-error`` is expected, but only for them."""
    cfg = Config(root=tempfile.gettempdir())
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "report" + suffix)
        Path(path).write_bytes(data)
        try:
            first = [d.to_dict() for d in checker.check(path, cfg)]
        except GaonbError as e:  # e.g. a NUL byte inserted: a binary file
            assert path in str(e) and "\n" not in str(e)
            return None
        second = [d.to_dict() for d in checker.check(path, cfg)]
        assert first == second
        lines = _lines(data, path)
        for d in first:
            if d["rule"] == "plugin-error":
                assert "fuzz-rule-" in d["message"], d["message"]
            assert_span_inside(d, lines, suffix)
            if d.get("fix"):
                assert_span_inside(d["fix"], lines, suffix + " fix")
        return first


# -- the slow budget: `pytest -m slow` (over 10,000 cases) ------------------------------------

@pytest.mark.slow
@SLOW
@given(_source_strategy(".md"), st.lists(mutation, max_size=8), encoding, st.integers(0, 2**16))
def test_fuzz_markdown_slow(source, ops, how, salt):
    _fuzz_reader(source, ops, how, salt)


@pytest.mark.slow
@SLOW
@given(_source_strategy(".txt"), st.lists(mutation, max_size=8), encoding, st.integers(0, 2**16))
def test_fuzz_text_layouts_slow(source, ops, how, salt):
    _fuzz_reader(source, ops, how, salt)


@pytest.mark.slow
@settings(SLOW, max_examples=2000)
@given(_source_strategy(".html"), st.lists(mutation, max_size=8), encoding, st.integers(0, 2**16))
def test_fuzz_html_slow(source, ops, how, salt):
    _fuzz_reader(source, ops, how, salt)


@pytest.mark.slow
@settings(SLOW, max_examples=1000)
@given(st.lists(mutation, max_size=6), st.dictionaries(config_keys, toml_value, max_size=6))
def test_fuzz_configuration_slow(ops, table):
    test_fuzz_configuration_text.hypothesis.inner_test(ops)
    test_fuzz_configuration_values.hypothesis.inner_test(table)


@pytest.mark.slow
@settings(SLOW, max_examples=1000)
@given(st.lists(behaviour, min_size=1, max_size=3), _source_strategy(".md", ".txt"), st.lists(mutation, max_size=3))
def test_fuzz_plugin_rules_slow(behaviours, source, ops):
    test_fuzz_plugin_rules.hypothesis.inner_test(behaviours, source, ops)


@pytest.mark.slow
@settings(SLOW, max_examples=1000)
@given(st.binary(max_size=4000), st.sampled_from([".md", ".txt", ".html", ".docx"]))
def test_fuzz_arbitrary_bytes_slow(data, suffix):
    check_bytes(suffix, data)
