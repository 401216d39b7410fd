"""``gaonb-lint validate FILE.json``: check a canonical JSON report against the schema and the
arithmetic relations of the format (the same relations as the ``balance`` rule).

Exit codes: 0 valid; 1 the document breaks the schema or a relation (each problem on one line);
2 the file cannot be read or is not JSON.
"""
from __future__ import annotations

import json
import sys



def add_arguments(parser) -> None:
    from gaonb_lint.messages import text as h

    parser.add_argument("file", metavar=h("metavar.file"), help=h("help.validate.file"))
    parser.add_argument("--lang", choices=("zh", "en"), default=None, help=h("help.lang"))


def run(args) -> int:
    from gaonb_lint.errors import EXIT_CLEAN, EXIT_FINDINGS, InputError
    from gaonb_lint.messages import Message, active_lang, json_reason, text
    from gaonb_lint.tables.canonical import document_violations, schema_errors
    from gaonb_lint.tables.describe import violation_params

    lang = active_lang()
    path = args.file
    from gaonb_lint.readers import read_bytes

    raw = read_bytes(path)  # a size limit, and a FIFO or a directory refused without blocking
    try:
        doc = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise InputError("input.not-utf8-json", path=path) from None
    except json.JSONDecodeError as e:
        raise InputError("input.invalid-json", path=path, line=e.lineno, column=e.colno,
                         reason=json_reason(e.msg)) from None
    except RecursionError:
        raise InputError("input.json-too-complex", path=path, reason=Message("json.too-deep")) from None
    except ValueError:  # an integer of more than 4,300 digits
        raise InputError("input.json-too-complex", path=path, reason=Message("json.number-too-long")) from None
    try:
        errors = schema_errors(doc, lang)
    except RecursionError:
        raise InputError("input.json-too-complex", path=path, reason=Message("json.too-deep")) from None
    for e in errors:
        sys.stdout.write(text("validate.schema", lang, path=path, error=e) + "\n")
    if errors:
        return EXIT_FINDINGS
    violations = document_violations(doc)
    version = doc["metadata"]["format_version"]
    for kind, v in violations:
        params = violation_params(kind, version, v)
        params.update(verdict_zh="应为" if v.located else "按此关系应为",
                      verdict_en="expected" if v.located else "balancing value")
        suffix = "_" + lang
        params = {k[: -len(suffix)] if k.endswith(suffix) else k: value for k, value in params.items()}
        sys.stdout.write(text("validate.relation", lang, path=path, **params) + "\n")
    if violations:
        return EXIT_FINDINGS
    sys.stdout.write(text("validate.ok", lang, path=path) + "\n")
    return EXIT_CLEAN
