"""schemas/official-format.json is valid against schemas/official-format.schema.json, its
relations resolve for every version, and no official label is typed in the table code."""
from __future__ import annotations

import ast
import copy
import json

import pytest
from jsonschema import Draft202012Validator

from conftest import REPO_ROOT

from gaonb_lint import official_format
from gaonb_lint.tables.relations import instances, relation_data
from gaonb_lint.tables.spec import KINDS, official_labels, table_spec

SCHEMAS = REPO_ROOT / "schemas"


def load(name):
    return json.loads((SCHEMAS / name).read_text(encoding="utf-8"))


def validator():
    schema = load("official-format.schema.json")
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def test_official_format_validates_against_its_schema():
    errors = list(validator().iter_errors(load("official-format.json")))
    assert errors == [], [f"{e.json_path}: {e.message}" for e in errors]


@pytest.mark.parametrize("breakage", [
    lambda d: d["relations"][0].update(for_each="cell"),
    lambda d: d["relations"][0]["left"].append({"row": "new", "column": "total"}),
    lambda d: d["tables"]["applications"]["rows"][0].update(label="一、本年新收政府信息公开申请数量 "),
    lambda d: d["tables"]["applications"].pop("value_type"),
    lambda d: d["value_types"]["count"].pop("integer"),
    lambda d: d["sections"].pop(),
    lambda d: d["tables"]["proactive"]["blocks"]["v2021"][0]["columns"][0].pop("type"),
])
def test_the_schema_has_teeth(breakage):
    data = copy.deepcopy(load("official-format.json"))
    breakage(data)
    assert list(validator().iter_errors(data))


def test_relations_resolve_and_cover_only_count_cells():
    ids = {r.id for r in relation_data()}
    assert ids == {"B1", "B2", "B3", "B4"}
    for version in official_format.version_ids():
        for kind in KINDS:
            spec = table_spec(kind, version)
            for inst in instances(kind, version):
                for row, col in inst.cells() + (inst.blame,):
                    assert spec.row(row).numeric and col in spec.row(row).columns
                    assert spec.column(col).type == "count"


def test_value_types_of_every_cell_are_declared():
    declared = {t.name for t in official_format.model().value_types}
    for version in official_format.version_ids():
        for kind in KINDS:
            spec = table_spec(kind, version)
            assert {spec.column(c).type for _, c in spec.cells()} <= declared


def test_row_keys_are_unique_and_sub_items_carry_their_group():
    for version in official_format.version_ids():
        spec = table_spec("applications", version)
        keys = [r.key for r in spec.rows]
        assert len(keys) == len(set(keys))
        for r in spec.rows:
            assert (r.key == f"{r.group}/{r.label}") == (r.depth == 2)
        numeric = len(spec.numeric_rows())
        assert numeric == {"v2019": 23, "v2021": 25}[version]
        assert len(spec.cells()) == numeric * 7


def _string_constants(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef)) and node.body \
                and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant):
            docs.add(id(node.body[0].value))
    return [n.value for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docs]


def test_no_official_label_is_typed_in_the_table_code():
    labels = set()
    for version in official_format.version_ids():
        for kind in KINDS:
            labels |= {label for label in official_labels(kind, version).values() if len(label) >= 4}
    files = list((REPO_ROOT / "gaonb_lint" / "tables").glob("*.py")) + [
        REPO_ROOT / "rules" / f"{m}.py" for m in ("required_tables", "table_labels", "exact_label_punctuation",
                                                  "balance", "table_unreadable", "report_year",
                                                  "publication_deadline", "format_version")]
    assert len(files) > 10
    for path in files:
        for value in _string_constants(path):
            hits = [label for label in labels if label in value]
            assert not hits, f"{path.name} types the official label(s) {hits} in {value!r}"
