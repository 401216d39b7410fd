"""One typed model of schemas/official-format.json: read once, by one module, into frozen values
that every consumer (readers, table specs, relations, rules, tools) reads."""
from __future__ import annotations

import ast
import json
import subprocess
import sys

import pytest

from conftest import REPO_ROOT

from gaonb_lint import official_format
from gaonb_lint.official_format import Column, SectionSpec, model

CODE_DIRS = ("gaonb_lint", "rules", "tools", "bench")


def _code_files():
    for d in CODE_DIRS:
        for path in sorted((REPO_ROOT / d).rglob("*.py")):
            if "out" in path.relative_to(REPO_ROOT).parts:
                continue  # bench/out: the bench's own install
            yield path


def _reads_the_json(tree: ast.AST) -> bool:
    for node in ast.walk(tree):
        if isinstance(node, (ast.Name, ast.Attribute)):
            name = node.id if isinstance(node, ast.Name) else node.attr
            if name == "raw_format":
                return True
        if isinstance(node, ast.Constant) and node.value == "official-format.json":
            return True
    return False


def test_only_official_format_reads_the_json():
    readers = [str(p.relative_to(REPO_ROOT)) for p in _code_files()
               if _reads_the_json(ast.parse(p.read_text(encoding="utf-8")))]
    assert readers == ["gaonb_lint/official_format.py"]


def test_the_scan_can_fail():
    assert _reads_the_json(ast.parse("from gaonb_lint import official_format as f\nf.raw_format()['tables']"))
    assert _reads_the_json(ast.parse("load_json('official-format.json')"))


def _labels_in(data, out):
    """Every label-like string of the raw JSON: labels, titles, headers, block rows, notes."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key in ("label", "title", "label_header", "header", "note", "parent", "group") and isinstance(value, str):
                out.add(value)
            elif key == "rows" and isinstance(value, list) and all(isinstance(v, str) for v in value):
                out.update(value)
            else:
                _labels_in(value, out)
    elif isinstance(data, list):
        for value in data:
            _labels_in(value, out)
    return out


def _labels_of_model():
    out = set()
    for s in model().sections:
        out.add(s.title)
    for t in model().tables:
        out.update(x for x in (t.header, t.note) if x)
        out.update(r.label for r in t.rows)
        out.update(r.group for r in t.rows if r.group)
        out.update(c.label for c in t.columns)
        out.update(c.group for c in t.columns if c.group)
        out.update(g.label for g in t.groups)
        out.update(g.parent for g in t.groups if g.parent)
        for _, blocks in t.blocks:
            for b in blocks:
                out.update([b.title, b.label_header, *b.rows, *(c.label for c in b.columns)])
    return out


def test_the_model_holds_every_label_of_the_data():
    raw = json.loads((REPO_ROOT / "schemas" / "official-format.json").read_text(encoding="utf-8"))
    assert _labels_in(raw, set()) == _labels_of_model()


def test_per_version_tables_drop_the_other_versions_rows():
    for v in official_format.version_ids():
        t = official_format.version(v).table("applications")
        assert t.version == v and all(r.in_version(v) for r in t.rows)
    v19 = {r.label for r in official_format.version("v2019").table("applications").rows}
    v21 = {r.label for r in official_format.version("v2021").table("applications").rows}
    assert v19 != v21  # the data does tag version-specific rows
    assert official_format.version("v2019").table("proactive").blocks != \
        official_format.version("v2021").table("proactive").blocks


def test_relations_and_value_types_are_typed():
    rels = official_format.relations("applications")
    assert [r.id for r in rels] == ["B1", "B2", "B3"]
    b2 = next(r for r in rels if r.id == "B2")
    assert b2.right[0].kind == "rows_under" and b2.right[0].excluded == ("results_total",)
    assert {t.name for t in model().value_types} == {"count", "amount", "delta"}
    assert official_format.report_title_suffix() == "政府信息公开工作年度报告"


def test_values_are_frozen_and_compare_by_value():
    spec = official_format.sections()[0]
    with pytest.raises(AttributeError):
        spec.title = "x"  # type: ignore[misc]
    assert spec == SectionSpec(spec.key, spec.number, spec.title, spec.variants, spec.table)
    assert Column("a") == Column("a") and Column("a") != Column("b") and hash(Column("a")) == hash(Column("a"))
    assert "总体情况" in repr(spec)


def test_a_run_parses_the_json_once(tmp_path):
    """Readers, specs, relations and rules all read the one model: checking a report with every
    table opens official-format.json exactly once."""
    probe = (
        "import builtins, io, sys\n"
        "opened = []\n"
        "real_open = builtins.open\n"
        "def spy(file, *a, **k):\n"
        "    if str(file).endswith('official-format.json'):\n"
        "        opened.append(str(file))\n"
        "    return real_open(file, *a, **k)\n"
        "builtins.open = spy\n"
        "io.open = spy\n"
        "from gaonb_lint.cli import main\n"
        "try:\n"
        "    main(['check', '--isolated', sys.argv[1]])\n"
        "except SystemExit:\n"
        "    pass\n"
        "sys.stderr.write('OPENED %d\\n' % len(opened))\n"
    )
    proc = subprocess.run([sys.executable, "-c", probe, str(REPO_ROOT / "examples" / "mistakes-2025.md")],
                          capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert "OPENED 1" in proc.stderr, proc.stderr[-2000:]
    assert "GL2" in proc.stdout  # the tables were read and checked, not skipped


def test_the_fee_statement_is_format_data():
    v2021, v2019 = official_format.version("v2021"), official_format.version("v2019")
    assert v2019.fee_statement is None and not v2019.fee_statement_required
    fee = v2021.fee_statement
    assert fee is not None and v2021.fee_statement_required
    assert official_format.section(fee.section).heading == "六、其他需要报告的事项"
    assert fee.fee in fee.example and fee.fee in fee.measures


def test_the_fee_rule_words_its_message_from_the_data(monkeypatch):
    """The section the fee statement belongs in, and the example the message gives, are read from
    the format data: change them there and the finding follows."""
    from gaonb_lint import official_format as f
    from gaonb_lint.engine import run_rules
    from gaonb_lint.host import load_host
    from gaonb_lint.readers.text import read_text

    text = "某镇2025年政府信息公开工作年度报告\n一、总体情况\n正文。\n五、存在的主要问题及改进情况\n无。\n六、其他需要报告的事项\n无。\n"
    rules = [r for r in load_host().rules if r.slug == "fee-statement"]
    (diag,) = run_rules(read_text("r.txt", text), rules, "zh", {}, {})
    assert diag.span.line == 6 and "本机关本年度未收取信息处理费。" in diag.message
    v = f.version("v2021")
    other = f.FeeStatement("problems", v.fee_statement.fee, v.fee_statement.measures, "本局未收费。")
    changed = f.FormatVersion(v.id, v.name, v.document, v.first_year, v.last_year, True, v.sections, other)
    monkeypatch.setattr(f, "version_for_year", lambda year, forced=None: changed)
    (diag,) = run_rules(read_text("r.txt", text), rules, "zh", {}, {})
    assert diag.span.line == 4 and "“五、存在的主要问题及改进情况”" in diag.message and "本局未收费。" in diag.message


def test_values_survive_pickle_and_copy():
    """A plugin may keep a FormatVersion in what its report-set rule extracts (sent back from a
    ``-j`` worker by pickle) or copy it."""
    import copy
    import pickle

    m = model()
    assert pickle.loads(pickle.dumps(m)) == m and copy.deepcopy(m) == m
    v = official_format.version("v2021")
    assert pickle.loads(pickle.dumps(v)).table("reviews") == v.table("reviews")
