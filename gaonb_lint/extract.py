"""``gaonb-lint extract FILE``: the canonical JSON of a report, validated against the schema
before it is printed (``--print-schema`` prints the schema itself).

Exit codes: 0 printed; 1 the report cannot fill the canonical form (each missing part is named
on standard error, nothing is printed); 2 the file cannot be read or the arguments are wrong.
"""
from __future__ import annotations

import json
import sys

def add_arguments(parser) -> None:
    from gaonb_lint.messages import text as h

    parser.add_argument("file", nargs="?", metavar=h("metavar.file"), help=h("help.extract.file"))
    parser.add_argument("--format-version", default=None, metavar=h("metavar.version"), help=h("help.format-version"))
    parser.add_argument("--print-schema", action="store_true", help=h("help.extract.print-schema"))
    parser.add_argument("--lang", choices=("zh", "en"), default=None, help=h("help.lang"))


def run(args) -> int:
    from gaonb_lint import official_format
    from gaonb_lint.errors import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, UsageError, plugin_problems
    from gaonb_lint.messages import active_lang, text
    from gaonb_lint.tables.canonical import canonical_report, report_schema, schema_errors

    if args.print_schema:
        json.dump(report_schema(), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return EXIT_CLEAN
    if not args.file:
        raise UsageError("usage.extract-needs-file")
    forced = args.format_version
    if forced and forced not in official_format.version_ids():
        raise UsageError("usage.format-version", versions=list(official_format.version_ids()), value=forced)
    report, host = read_report(args.file)
    version = official_format.version_for_year(report.year, forced)
    lang = active_lang()
    doc, missing = canonical_report(report, version.id if version else None, lang)
    if doc is None:
        head = text("extract.missing", lang, path=args.file)
        sys.stderr.write(head + "\n" + "".join(f"  - {m}\n" for m in missing))
        return EXIT_FINDINGS
    errors = schema_errors(doc)
    if errors:  # a bug, not the report's fault: say so rather than print an invalid document
        sys.stderr.write(text("level.error", lang) + text("extract.internal", lang, path=args.file) + "\n"
                         + "".join(f"  {e}\n" for e in errors[:20]))
        return EXIT_ERROR
    json.dump(doc, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
    return plugin_problems(host, lang)


def read_report(path: str):
    """Read one report with the built-in and plugin readers (an unreadable file is an InputError);
    also the host, whose load problems the command reports."""
    from gaonb_lint.host import load_host
    from gaonb_lint.readers import BUILTIN_READERS, read_path, reader_table

    host = load_host()
    return read_path(path, reader_table(list(BUILTIN_READERS) + list(host.readers))), host
