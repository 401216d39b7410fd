"""``gaonb-lint validate FILE.json``: check a canonical JSON report against the schema and the
arithmetic relations of the format (the same relations as the ``balance`` rule).

Exit codes: 0 valid; 1 the document breaks the schema or a relation (each problem on one line);
2 the file cannot be read or is not JSON.
"""
from __future__ import annotations

import json
import sys

HELP = "check a canonical JSON report (from `extract`) against the schema and the balance relations"

MESSAGES = {
    "zh": {"ok": "{file}: 有效", "schema": "{file}: 不符合规范 JSON 的结构：{error}",
           "relation": "{file}: {table_zh}勾稽关系不成立（{relation_zh}，{over_zh}）：{cell_zh}为 {found}，"
                       "{verdict_zh} {expected}（{left} ≠ {right}）"},
    "en": {"ok": "{file}: valid", "schema": "{file}: does not match the canonical JSON schema: {error}",
           "relation": "{file}: {table_en} does not add up ({relation_en}, {over_en}): {cell_en} is {found}, "
                       "{verdict_en} {expected} ({left} ≠ {right})"},
}


def add_arguments(parser) -> None:
    parser.add_argument("file", metavar="FILE", help="a canonical JSON report")
    parser.add_argument("--lang", choices=("zh", "en"), default=None, help="message language (default zh)")


def run(args) -> int:
    import os

    from gaonb_lint.errors import EXIT_CLEAN, EXIT_FINDINGS, InputError
    from gaonb_lint.tables.canonical import document_violations, schema_errors
    from gaonb_lint.tables.describe import violation_params

    lang = args.lang or os.environ.get("GAONB_LINT_LANG") or "zh"
    t = MESSAGES[lang if lang in MESSAGES else "zh"]
    path = args.file
    try:
        with open(path, "rb") as fh:
            raw = fh.read()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory") from None
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror or e})") from None
    try:
        doc = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text") from None
    except json.JSONDecodeError as e:
        raise InputError(f"{path}:{e.lineno}:{e.colno}: invalid JSON: {e.msg}") from None
    errors = schema_errors(doc)
    for e in errors:
        sys.stdout.write(t["schema"].format(file=path, error=e) + "\n")
    if errors:
        return EXIT_FINDINGS
    violations = document_violations(doc)
    version = doc["metadata"]["format_version"]
    for kind, v in violations:
        params = violation_params(kind, version, v)
        params.update(file=path, verdict_zh="应为" if v.located else "按此关系应为",
                      verdict_en="expected" if v.located else "balancing value")
        sys.stdout.write(t["relation"].format(**params) + "\n")
    if violations:
        return EXIT_FINDINGS
    sys.stdout.write(t["ok"].format(file=path) + "\n")
    return EXIT_CLEAN
