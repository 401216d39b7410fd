"""Score gaonb-lint against the hand-labelled corpus of real published reports.

    python tools/score_real_corpus.py [--corpus DIR] [--rule RULE] [--doc ID] [--quiet]

Every document in ``tests/fixtures/real/`` has a YAML label file next to it (same stem) that was
written by hand before the linter was run on it; ``tests/fixtures/real/README.md`` gives the
labelling rules.  This tool runs ``gaonb-lint check --isolated --format json`` once over all the
documents and compares every finding with the labels, rule by rule:

- a rule labelled ``skip`` for a document is not scored there (its findings are ignored);
- a rule labelled ``clean`` expects no finding: each finding is a false positive;
- a rule labelled ``violation`` lists its expected findings, each at a ``line`` or an ``anchor``
  (a text on the line; the first line holding it), optionally a range up to ``to_line`` /
  ``to_anchor`` / ``to_end``.  A finding of that rule inside an expected finding's range matches
  it (true positive); an expected finding with ``says`` matches only a finding whose message
  holds that text (for a report crawled onto one line, where the line alone does not tell which
  section or table a finding is about).  One cause gives one finding: a second finding inside an already matched
  range is a false positive ("duplicate").  An expected finding that nothing matches is a false
  negative;
- an expected finding marked ``optional`` is a finding that would be right but is not required
  (e.g. "table 三 is cut off" when the excerpt ends in the table's first cell): matched, it is a
  true positive; unmatched, it is not a false negative;
- ``ignore`` entries of a rule (a range, or ``says``: a text of the message) mark findings that
  are neither right nor wrong (e.g. about a part of the report the excerpt cut off);
- a document's ``cut_sections`` (the sections an excerpt cut off) adds, for ``required-sections``
  and ``required-tables``, an ``ignore`` of findings that name one of those sections.

Findings of a rule that has no label at all (``plugin-error``, a new rule) are false positives.
Precision = TP / (TP + FP), recall = TP / (TP + FN), per rule and overall; a rule with nothing
found (or nothing expected) scores 1.00 on that measure.

The exit status is 0; the test ``tests/test_real_corpus.py`` applies the thresholds.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

import yaml

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "fixtures" / "real"
DOC_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".pdf")

# The rules every document is labelled for (README.md of the corpus says what each verdict means).
RULES = (
    "required-sections", "required-tables", "table-labels", "balance", "fee-statement",
    "statistics-period", "table-unreadable", "report-year", "publication-deadline",
    "format-version", "exact-label-punctuation",
)
# Rules a document may be labelled for (issue 13's cross-checks): unlabelled, they must not speak.
OPTIONAL_RULES = ("prose-numbers", "carry-over", "in-force-count")
VERDICTS = ("violation", "clean", "skip")
# The six sections of both formats (国办公开办函〔2019〕60号 and 〔2021〕30号), for `cut_sections`.
SECTIONS = {
    "一": "一、总体情况", "二": "二、主动公开政府信息情况", "三": "三、收到和处理政府信息公开申请情况",
    "四": "四、政府信息公开行政复议、行政诉讼情况", "五": "五、存在的主要问题及改进情况",
    "六": "六、其他需要报告的事项",
}
CUT_RULES = ("required-sections", "required-tables")


class LabelError(ValueError):
    """A label file that is malformed or does not fit its document."""


@dataclass
class Expected:
    rule: str
    start: int
    end: int
    text: str                      # how the label names it (for the report)
    optional: bool = False
    matched: bool = False
    says: Optional[str] = None     # a text the finding's message must hold

    def covers(self, finding: dict) -> bool:
        return (self.start <= finding["line"] <= self.end
                and (self.says is None or self.says in finding["message"]))


@dataclass
class Ignore:
    start: int = 0
    end: int = 0
    says: Optional[str] = None

    def covers(self, finding: dict) -> bool:
        if self.says is not None:
            return self.says in finding["message"]
        return self.start <= finding["line"] <= self.end


@dataclass
class RuleLabel:
    verdict: str
    reason: str
    expected: List[Expected] = field(default_factory=list)
    ignore: List[Ignore] = field(default_factory=list)


@dataclass
class Document:
    id: str
    path: Path
    label_path: Path
    meta: dict
    rules: Dict[str, RuleLabel]
    lines: List[str]


@dataclass
class Outcome:
    doc: str
    rule: str
    kind: str                      # "fp", "fn", "dup"
    line: int
    text: str                      # the finding's message, or the expected finding's label
    context: str = ""              # the source line


@dataclass
class Score:
    tp: Dict[str, int] = field(default_factory=dict)
    fp: Dict[str, int] = field(default_factory=dict)
    fn: Dict[str, int] = field(default_factory=dict)
    outcomes: List[Outcome] = field(default_factory=list)
    documents: int = 0

    def add(self, what: str, rule: str, n: int = 1) -> None:
        table = getattr(self, what)
        table[rule] = table.get(rule, 0) + n

    def rules(self) -> List[str]:
        seen = [r for r in RULES]
        for table in (self.tp, self.fp, self.fn):
            seen += [r for r in table if r not in seen]
        return seen

    def precision(self, rule: Optional[str] = None) -> float:
        tp, fp = self._sum(self.tp, rule), self._sum(self.fp, rule)
        return 1.0 if tp + fp == 0 else tp / (tp + fp)

    def recall(self, rule: Optional[str] = None) -> float:
        tp, fn = self._sum(self.tp, rule), self._sum(self.fn, rule)
        return 1.0 if tp + fn == 0 else tp / (tp + fn)

    @staticmethod
    def _sum(table: Dict[str, int], rule: Optional[str]) -> int:
        return sum(table.values()) if rule is None else table.get(rule, 0)


# -- labels ------------------------------------------------------------------------------------

def _line_of(doc_lines: List[str], anchor: str, after: int, where: str) -> int:
    for i in range(max(after, 1) - 1, len(doc_lines)):
        if anchor in doc_lines[i]:
            return i + 1
    raise LabelError(f"{where}: anchor {anchor!r} not found in the document")


def _range(entry: dict, doc_lines: List[str], where: str) -> Tuple[int, int]:
    if "line" in entry:
        start = int(entry["line"])
        if not 1 <= start <= len(doc_lines):
            raise LabelError(f"{where}: line {start} is outside the document")
        if "anchor" in entry and entry["anchor"] not in doc_lines[start - 1]:
            raise LabelError(f"{where}: anchor {entry['anchor']!r} is not on line {start}")
    elif "anchor" in entry:
        start = _line_of(doc_lines, str(entry["anchor"]), int(entry.get("after_line", 1)), where)
    else:
        raise LabelError(f"{where}: needs `line` or `anchor`")
    if entry.get("to_end"):
        end = len(doc_lines)
    elif "to_line" in entry:
        end = int(entry["to_line"])
    elif "to_anchor" in entry:
        end = _line_of(doc_lines, str(entry["to_anchor"]), start, where)
    else:
        end = start
    if end < start:
        raise LabelError(f"{where}: the range ends before it starts")
    return start, end


def _document_text(path: Path) -> str:
    """The text that finding positions refer to: the file itself, or for a PDF (which has no lines)
    the linter's text rendering of it (line N = N-th paragraph or table row, see docs/sources.md)."""
    data = path.read_bytes()
    if path.suffix.lower() == ".pdf":
        from gaonb_lint.readers.pdf import read_pdf  # needs the `pdf` extra (part of `test`)
        return read_pdf(str(path), data).text
    return data.decode("utf-8-sig", errors="replace")


def load_document(label_path: Path) -> Document:
    where = str(label_path)
    try:
        meta = yaml.safe_load(label_path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise LabelError(f"{where}: not YAML: {exc}") from None
    if not isinstance(meta, dict):
        raise LabelError(f"{where}: not a mapping")
    doc_path = label_path.with_name(str(meta.get("file", "")))
    if not meta.get("file") or not doc_path.is_file():
        raise LabelError(f"{where}: `file` must name the document next to it")
    source = meta.get("source") or {}
    if not source.get("url") or not source.get("via"):
        raise LabelError(f"{where}: `source` needs `url` and `via`")
    text = _document_text(doc_path)
    doc_lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    labels = meta.get("labels") or {}
    missing = [r for r in RULES if r not in labels]
    if missing:
        raise LabelError(f"{where}: no label for {', '.join(missing)}")
    rules: Dict[str, RuleLabel] = {}
    for rule, raw in labels.items():
        w = f"{where}: {rule}"
        if rule not in RULES and rule not in OPTIONAL_RULES:
            raise LabelError(f"{w}: unknown rule")
        if not isinstance(raw, dict) or raw.get("verdict") not in VERDICTS:
            raise LabelError(f"{w}: `verdict` must be one of {', '.join(VERDICTS)}")
        if not raw.get("reason"):
            raise LabelError(f"{w}: a verdict needs a `reason`")
        expected = []
        for i, entry in enumerate(raw.get("expected") or []):
            start, end = _range(entry, doc_lines, f"{w} expected[{i}]")
            name = entry.get("anchor") or doc_lines[start - 1].strip()
            says = entry.get("says")
            expected.append(Expected(rule, start, end, str(entry.get("note") or name),
                                     bool(entry.get("optional")), says=None if says is None else str(says)))
        if raw["verdict"] == "violation" and not expected:
            raise LabelError(f"{w}: a violation lists its `expected` findings")
        if raw["verdict"] != "violation" and expected:
            raise LabelError(f"{w}: only a violation has `expected` findings")
        ignore = []
        for i, entry in enumerate(raw.get("ignore") or []):
            if "says" in entry:
                ignore.append(Ignore(says=str(entry["says"])))
            else:
                ignore.append(Ignore(*_range(entry, doc_lines, f"{w} ignore[{i}]")))
        if rule in CUT_RULES:
            for number in meta.get("cut_sections") or []:
                if number not in SECTIONS:
                    raise LabelError(f"{where}: cut_sections: {number!r} is not 一 to 六")
                ignore.append(Ignore(says=SECTIONS[number]))
        rules[rule] = RuleLabel(raw["verdict"], str(raw["reason"]), expected, ignore)
    return Document(str(meta.get("id") or doc_path.stem), doc_path, label_path, meta, rules, doc_lines)


def load_corpus(corpus: Path = CORPUS) -> List[Document]:
    docs = []
    for label_path in sorted(corpus.glob("*.yaml")):
        docs.append(load_document(label_path))
    ids = [d.id for d in docs]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise LabelError(f"duplicate document ids: {', '.join(dupes)}")
    unlabelled = sorted(p.name for p in corpus.iterdir()
                        if p.suffix in DOC_SUFFIXES and p not in {d.path for d in docs}
                        and p.name != "README.md")
    if unlabelled:
        raise LabelError(f"documents without a label file: {', '.join(unlabelled)}")
    return docs


# -- the linter ----------------------------------------------------------------------------------

def run_linter(paths: Sequence[Path]) -> Dict[str, List[dict]]:
    """{resolved path: diagnostics} from one `gaonb-lint check` run in a subprocess."""
    env = {k: v for k, v in os.environ.items() if k != "GAONB_LINT_LANG"}
    env["PYTHONIOENCODING"] = "utf-8"
    proc = subprocess.run(
        [sys.executable, "-m", "gaonb_lint", "check", "--isolated", "--format", "json",
         *[str(p) for p in paths]],
        capture_output=True, text=True, encoding="utf-8", env=env, cwd=str(ROOT), timeout=600)
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"gaonb-lint exited {proc.returncode}: {proc.stderr.strip()}")
    out = json.loads(proc.stdout)
    by_path: Dict[str, List[dict]] = {str(Path(p).resolve()): [] for p in paths}
    for d in out["diagnostics"]:
        by_path.setdefault(str((ROOT / d["path"]).resolve()), []).append(d)
    return by_path


# -- scoring -------------------------------------------------------------------------------------

def score_document(doc: Document, findings: List[dict], score: Score,
                   only_rule: Optional[str] = None) -> None:
    by_rule: Dict[str, List[dict]] = {}
    for f in findings:
        by_rule.setdefault(f["rule"], []).append(f)
    for rule in sorted(set(by_rule) | set(doc.rules)):
        if only_rule and rule != only_rule:
            continue
        found = sorted(by_rule.get(rule, []), key=lambda f: (f["line"], f["column"]))
        label = doc.rules.get(rule)
        if label is not None and label.verdict == "skip":
            continue
        expected = [Expected(e.rule, e.start, e.end, e.text, e.optional, says=e.says)
                    for e in (label.expected if label else [])]
        ignore = label.ignore if label else []
        for f in found:
            if any(i.covers(f) for i in ignore):
                continue
            hit = next((e for e in expected if not e.matched and e.covers(f)), None)
            context = doc.lines[f["line"] - 1].strip()[:60] if 0 < f["line"] <= len(doc.lines) else ""
            if hit is not None:
                hit.matched = True
                score.add("tp", rule)
            else:
                dup = any(e.covers(f) for e in expected)
                score.add("fp", rule)
                score.outcomes.append(Outcome(doc.id, rule, "dup" if dup else "fp", f["line"],
                                              f["message"], context))
        for e in expected:
            if not e.matched and not e.optional:
                score.add("fn", rule)
                score.outcomes.append(Outcome(doc.id, rule, "fn", e.start, e.text,
                                              doc.lines[e.start - 1].strip()[:60]))
            for table in ("tp", "fp", "fn"):
                getattr(score, table).setdefault(rule, 0)
    score.documents += 1


def score_corpus(corpus: Path = CORPUS, only_rule: Optional[str] = None,
                 only_doc: Optional[str] = None) -> Score:
    docs = load_corpus(corpus)
    if only_doc:
        docs = [d for d in docs if d.id == only_doc or d.path.name == only_doc]
    results = run_linter([d.path for d in docs])
    score = Score()
    for doc in docs:
        score_document(doc, results.get(str(doc.path.resolve()), []), score, only_rule)
    return score


def format_table(score: Score) -> str:
    rows = [f"{'rule':26} {'TP':>4} {'FP':>4} {'FN':>4} {'precision':>9} {'recall':>6}"]
    for rule in score.rules():
        tp, fp, fn = score.tp.get(rule, 0), score.fp.get(rule, 0), score.fn.get(rule, 0)
        rows.append(f"{rule:26} {tp:4} {fp:4} {fn:4} {score.precision(rule):9.2f} {score.recall(rule):6.2f}")
    rows.append(f"{'ALL':26} {sum(score.tp.values()):4} {sum(score.fp.values()):4} "
                f"{sum(score.fn.values()):4} {score.precision():9.2f} {score.recall():6.2f}")
    rows.append(f"({score.documents} documents)")
    return "\n".join(rows)


def format_outcomes(score: Score) -> str:
    names = {"fp": "false positive", "dup": "false positive (second finding for one cause)",
             "fn": "false negative"}
    out = []
    for o in sorted(score.outcomes, key=lambda o: (o.rule, o.kind, o.doc, o.line)):
        out.append(f"{names[o.kind]:46} {o.rule:24} {o.doc}:{o.line}  {o.text}"
                   + (f"   | {o.context}" if o.context else ""))
    return "\n".join(out)


def format_coverage(docs: List[Document]) -> str:
    """What the corpus covers: counts by format, kind, body kind, province, year and layout."""
    def count(key) -> str:
        seen: Dict[str, int] = {}
        for d in docs:
            values = d.meta.get(key)
            for v in (values if isinstance(values, list) else [values]):
                seen[str(v)] = seen.get(str(v), 0) + 1
        return ", ".join(f"{k} {n}" for k, n in sorted(seen.items(), key=lambda kv: (-kv[1], kv[0])))
    kinds: Dict[str, int] = {}
    for d in docs:
        k = str((d.meta.get("source") or {}).get("kind"))
        kinds[k] = kinds.get(k, 0) + 1
    size = sum(d.path.stat().st_size for d in docs)
    return "\n".join([
        f"documents: {len(docs)} ({size / 1024:.0f} KiB)",
        "kind: " + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())),
        "format: " + count("format"),
        "body kind: " + count("body_kind"),
        "years: " + count("year"),
        "provinces: " + count("province"),
        "layouts: " + count("layouts"),
    ])


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--rule", help="score one rule only")
    parser.add_argument("--doc", help="score one document only (id or file name)")
    parser.add_argument("--quiet", action="store_true", help="the table only")
    parser.add_argument("--coverage", action="store_true", help="what the corpus covers, no scoring")
    parser.add_argument("--thresholds", action="store_true",
                        help="print today's scores rounded down, as THRESHOLDS for tests/test_real_corpus.py")
    args = parser.parse_args(argv)
    try:
        if args.coverage:
            print(format_coverage(load_corpus(args.corpus)))
            return 0
        score = score_corpus(args.corpus, args.rule, args.doc)
    except LabelError as exc:
        print(f"label error: {exc}", file=sys.stderr)
        return 2
    if args.thresholds:
        print("THRESHOLDS = {")
        for rule in score.rules():
            p, r = (math.floor(x * 100 + 1e-9) / 100 for x in (score.precision(rule), score.recall(rule)))
            print(f'    "{rule}": ({p:.2f}, {r:.2f}),')
        print("}")
        print(f"MIN_DOCUMENTS = {score.documents}")
        return 0
    print(format_table(score))
    if not args.quiet and score.outcomes:
        print()
        print(format_outcomes(score))
    return 0


if __name__ == "__main__":
    sys.exit(main())
