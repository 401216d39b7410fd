"""``gaonb-lint extract FILE``: the canonical JSON of a report, validated against the schema
before it is printed (``--print-schema`` prints the schema itself).

Exit codes: 0 printed; 1 the report cannot fill the canonical form (each missing part is named
on standard error, nothing is printed); 2 the file cannot be read or the arguments are wrong.
"""
from __future__ import annotations

import json
import sys

HELP = "print a report as canonical JSON (metadata, sections, tables keyed by official labels)"


def add_arguments(parser) -> None:
    parser.add_argument("file", nargs="?", metavar="FILE", help="the report (.md, .txt, .html, .docx …)")
    parser.add_argument("--format-version", default=None, metavar="VERSION",
                        help="force the format version (v2019 or v2021) instead of choosing it from the report year")
    parser.add_argument("--print-schema", action="store_true", help="print the JSON Schema of the output and exit")
    parser.add_argument("--lang", choices=("zh", "en"), default=None, help="language of error messages")


def run(args) -> int:
    from gaonb_lint import official_format
    from gaonb_lint.errors import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, UsageError
    from gaonb_lint.tables.canonical import canonical_report, report_schema, schema_errors

    if args.print_schema:
        json.dump(report_schema(), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return EXIT_CLEAN
    if not args.file:
        raise UsageError("extract: give a FILE (or --print-schema)")
    forced = args.format_version
    if forced and forced not in official_format.version_ids():
        raise UsageError(f"--format-version must be one of {', '.join(official_format.version_ids())}")
    report = read_report(args.file)
    version = official_format.version_for_year(report.year, forced)
    import os

    zh = (args.lang or os.environ.get("GAONB_LINT_LANG") or "zh") == "zh"
    doc, missing = canonical_report(report, version.id if version else None, "zh" if zh else "en")
    if doc is None:
        head = f"{args.file}: 无法生成规范 JSON，缺少：" if zh else f"{args.file}: cannot fill the canonical JSON; missing:"
        sys.stderr.write(head + "\n" + "".join(f"  - {m}\n" for m in missing))
        return EXIT_FINDINGS
    errors = schema_errors(doc)
    if errors:  # a bug, not the report's fault: say so rather than print an invalid document
        sys.stderr.write(f"{args.file}: internal error: the extracted JSON does not match the schema:\n"
                         + "".join(f"  {e}\n" for e in errors[:20]))
        return EXIT_ERROR
    json.dump(doc, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
    return EXIT_CLEAN


def read_report(path: str):
    """Read one report with the built-in and plugin readers (an unreadable file is an InputError)."""
    from gaonb_lint.host import load_host
    from gaonb_lint.readers import BUILTIN_READERS, read_path, reader_table

    host = load_host()
    return read_path(path, reader_table(list(BUILTIN_READERS) + list(host.readers)))
