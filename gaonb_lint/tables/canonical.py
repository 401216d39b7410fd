"""The canonical JSON of a report (see ``docs/canonical-json.md``), its schema, and checking a
canonical document against the schema and the relations.

The schema is ``schemas/report.schema.json`` (the structure) completed from the format data
(section keys, and for each version the row and column keys of every table): one source of truth
for the labels.  ``jsonschema`` is imported only when a document is validated.
"""
from __future__ import annotations

import copy
import json
from datetime import date
from decimal import Decimal
from typing import Any, Dict, List, Optional, Tuple

from gaonb_lint import official_format
from gaonb_lint.model import Report
from gaonb_lint.tables.locate import locate_tables
from gaonb_lint.tables.relations import Violation, evaluate, instances
from gaonb_lint.tables.spec import KINDS, table_spec

FORMAT_ID = "gaonb-lint/report/1"


# -- schema --------------------------------------------------------------------------------

def _table_schema(kind: str, version: str) -> Dict[str, Any]:
    spec = table_spec(kind, version)
    rows: Dict[str, Any] = {}
    for r in spec.numeric_rows():
        cols = {c: {"$ref": f"#/$defs/{spec.column(c).type}"} for c in r.columns}
        rows[r.key] = {"type": "object", "required": ["columns"], "additionalProperties": False,
                       "properties": {"columns": {"type": "object", "required": list(cols),
                                                  "additionalProperties": False, "properties": cols}}}
    return {"type": "object", "required": ["rows"], "additionalProperties": False,
            "properties": {"rows": {"type": "object", "required": list(rows), "additionalProperties": False,
                                    "properties": rows}}}


def report_schema() -> Dict[str, Any]:
    """The complete JSON Schema (draft 2020-12) of a canonical report."""
    schema = copy.deepcopy(official_format.load_json("report.schema.json"))
    versions = official_format.version_ids()
    keys = [s.key for s in official_format.sections()]
    schema["$defs"]["metadata"]["properties"]["format_version"] = {"enum": versions}
    schema["properties"]["sections"] = {
        "type": "object", "required": keys, "additionalProperties": False,
        "properties": {k: {"$ref": "#/$defs/section"} for k in keys}}
    schema["properties"]["tables"] = {"type": "object", "required": list(KINDS), "additionalProperties": False,
                                      "properties": {k: {"type": "object"} for k in KINDS}}
    schema["allOf"] = [
        {"if": {"properties": {"metadata": {"properties": {"format_version": {"const": v}}}}},
         "then": {"properties": {"tables": {"properties": {k: _table_schema(k, v) for k in KINDS}}}}}
        for v in versions
    ]
    return schema


def schema_errors(doc: Any, lang: Optional[str] = None) -> List[str]:
    """Every way ``doc`` fails the schema, as ``$.path: message`` lines (empty when valid); the
    message is jsonschema's own, or with ``lang`` the catalogue's (gaonb_lint.messages)."""
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(report_schema())
    out = []
    for err in sorted(validator.iter_errors(doc), key=lambda e: [str(p) for p in e.absolute_path]):
        path = "$" + "".join(f"[{p}]" if isinstance(p, int) else f"[{_quote(p)}]" for p in err.absolute_path)
        out.append(f"{path}: {err.message if lang is None else _schema_message(err).render(lang)}")
    return out


def _schema_message(err: Any) -> Any:
    """A jsonschema error (the keywords this schema uses) as a catalogue message."""
    import re

    from gaonb_lint.messages import CATALOGUE, Message

    def show(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False)[:80]

    kind = err.validator
    if kind == "required":
        m = re.match(r"'(.*)' is a required property", err.message)
        return Message("schema.required", name=m.group(1) if m else show(err.validator_value))
    if kind == "type":
        types = err.validator_value if isinstance(err.validator_value, list) else [err.validator_value]
        return Message("schema.type", value=show(err.instance),
                       want=[Message("jsontype." + t) if "jsontype." + t in CATALOGUE else t for t in types])
    if kind == "additionalProperties" and isinstance(err.instance, dict):
        allowed = set(err.schema.get("properties", {}))
        extra = sorted(k for k in err.instance if k not in allowed)
        return Message("schema.additional", names=[f"“{k}”" for k in extra])
    if kind in ("minimum", "maximum"):
        return Message("schema." + kind, value=show(err.instance), limit=err.validator_value)
    if kind == "enum":
        return Message("schema.enum", value=show(err.instance), choices=[show(c) for c in err.validator_value])
    if kind == "const":
        return Message("schema.const", expected=show(err.validator_value), value=show(err.instance))
    if kind in ("pattern", "format", "minLength"):
        return Message("schema.form", value=show(err.instance))
    return Message("schema.other", keyword=kind)


def _quote(key: str) -> str:
    return '"' + key.replace('"', '\\"') + '"'


# -- extraction ----------------------------------------------------------------------------

def _json_number(v):
    if isinstance(v, Decimal):
        return int(v) if v == v.to_integral_value() else float(v)
    return v


def _period(report: Report) -> Optional[Dict[str, str]]:
    st = report.period
    if st is None or st.kind != "period":
        return None
    p = st.value
    try:
        return {"start": date(*p.start).isoformat(), "end": date(*p.end).isoformat()}  # type: ignore[union-attr]
    except ValueError:
        return None


def canonical_report(report: Report, version: Optional[str], lang: str = "en"
                     ) -> Tuple[Optional[Dict[str, Any]], List[str]]:
    """``(document, [])`` or ``(None, reasons)`` saying (in ``lang``) what the report lacks to
    fill the schema."""
    zh = lang == "zh"
    from gaonb_lint.publication import find_publication_date

    missing: List[str] = []
    if report.year is None:
        missing.append("报告年度（标题、元数据和统计期限中都没有年份）" if zh else
                       "the report year (no year in the title, front matter or statistics period)")
    if version is None:
        return None, missing or [f"适用的年报格式：这是 {report.year} 年度的报告，早于任何年报格式" if zh else
                                 f"a format: the report covers {report.year}, before any annual-report format"]
    published = find_publication_date(report)
    doc: Dict[str, Any] = {
        "format": FORMAT_ID,
        "metadata": {
            "title": report.title_text or "",
            "body": report.body or None,
            "year": report.year,
            "format_version": version,
            "published": published.date.isoformat() if published else None,
            "statistics_period": _period(report),
            "source": report.path,
        },
        "sections": {},
        "tables": {},
    }
    if not doc["metadata"]["title"]:
        missing.append("标题" if zh else "the title")
    from gaonb_lint.tables.locate import find_section

    official = set()
    for spec in official_format.sections():
        section = find_section(report, spec)
        if section is None:
            missing.append(f"章节 “{spec.heading}”" if zh else f"section {spec.heading}")
            continue
        official.add(id(section))
        doc["sections"][spec.key] = {"heading": section.heading.text, "text": section.text()}
    # A section the format does not have keeps its text too: nothing the report says is dropped.
    doc["extra_sections"] = [{"heading": s.heading.text, "text": s.text()}
                             for s in report.sections if id(s) not in official]
    for kind, lt in locate_tables(report, version).items():
        tspec = table_spec(kind, version)
        if lt.table is None or lt.mapped is None:
            if lt.section is not None:
                missing.append(f"“{lt.spec.heading}”一节的统计表" if zh else f"the table of section {lt.spec.heading}")
            continue
        mt = lt.mapped
        if not mt.readable:
            reasons = ([i.reason_zh if zh else i.reason_en for i in mt.table.issues]
                       + [p.reason_zh if zh else p.reason_en for p in mt.problems])
            more = len(reasons) - 1
            if zh:
                missing.append(f"“{lt.spec.heading}”一节能准确读取的统计表（{reasons[0]}"
                               + (f"；另有 {more} 处" if more else "") + "）")
            else:
                missing.append(f"a readable table in section {lt.spec.heading} ({reasons[0]}"
                               + (f"; {more} more" if more else "") + ")")
            continue
        absent = mt.missing_cells()
        if absent:
            shown = ", ".join(f"{r} / {c}" for r, c in absent[:3])
            tail = (", …" if len(absent) > 3 else "") + ")"
            missing.append(f"“{lt.spec.heading}”一节统计表的 {len(absent)} 个单元格（{shown}{tail[:-1]}）" if zh else
                           f"{len(absent)} cell(s) of the table in section {lt.spec.heading} ({shown}{tail}")
            continue
        rows: Dict[str, Any] = {}
        for r in tspec.numeric_rows():
            rows[r.key] = {"columns": {c: _json_number(mt.cells[(r.key, c)].value) for c in r.columns}}
        doc["tables"][kind] = {"rows": rows}
    if missing:
        return None, missing
    return doc, []


# -- relations over a document -------------------------------------------------------------

def document_violations(doc: Dict[str, Any]) -> List[Tuple[str, Violation]]:
    """Relations that do not hold in a (schema-valid) canonical document: ``(kind, violation)``."""
    version = doc["metadata"]["format_version"]
    out: List[Tuple[str, Violation]] = []
    for kind in KINDS:
        insts = instances(kind, version)
        if not insts:
            continue
        rows = doc["tables"][kind]["rows"]

        def value_of(row: str, col: str, rows=rows) -> Optional[int]:
            try:
                v = rows[row]["columns"][col]
            except KeyError:
                return None
            return 0 if v is None else v

        out.extend((kind, v) for v in evaluate(insts, value_of))
    return out
