"""Command line: ``gaonb-lint check|rules|explain …``.

Exit codes: 0 clean, 1 problems found, 2 usage, input, configuration or plugin errors.
"""
from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
from typing import Dict, List, Optional, Sequence

from gaonb_lint import __version__
from gaonb_lint.errors import (EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, ConfigError, GaonbError,  # noqa: F401
                               PluginError, UsageError, error_line)

# Further subcommands live in their own modules: each has add_arguments(parser) and run(args) -> int.
EXTRA_COMMANDS: Dict[str, str] = {"convert": "gaonb_lint.convert", "extract": "gaonb_lint.extract",
                                  "validate": "gaonb_lint.validate", "server": "gaonb_lint.lsp"}


class _Formatter(argparse.HelpFormatter):
    """argparse's formatter without ``import shutil`` (bz2, lzma …): argparse builds one for every
    ``add_argument``, so the default costs each run a few milliseconds before any work."""

    _columns: Optional[int] = None

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24,
                 width: Optional[int] = None):
        if width is None:
            if _Formatter._columns is None:  # what shutil.get_terminal_size().columns gives
                try:
                    width = int(os.environ["COLUMNS"])
                except (KeyError, ValueError):
                    width = 0
                if width <= 0:
                    try:
                        width = os.get_terminal_size(sys.__stdout__.fileno()).columns
                    except (AttributeError, ValueError, OSError):
                        width = 0
                _Formatter._columns = width or 80
            width = _Formatter._columns - 2
        super().__init__(prog, indent_increment, max_help_position, width)


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str):  # argparse exits 2 as well, but with our one-line shape
        self.print_usage(sys.stderr)
        sys.stderr.write(f"gaonb-lint: error: {message}\n")
        raise SystemExit(EXIT_ERROR)


def _lang(args) -> str:
    return getattr(args, "lang", None) or os.environ.get("GAONB_LINT_LANG") or "zh"


BUILTIN_COMMANDS = ("check", "rules", "explain")


def _command_in(argv: Sequence[str]) -> Optional[str]:
    """The subcommand ``argv`` names (its first word that is not an option), if any."""
    for arg in argv:
        if arg in ("-h", "--help", "--version"):
            return None
        if not arg.startswith("-"):
            return arg
    return None


def build_parser(command: Optional[str] = None) -> argparse.ArgumentParser:
    """The whole parser; for a built-in ``command`` the extra commands' modules are not imported
    (their import would cost every pre-commit run for parsers it never uses)."""
    p = _Parser(prog="gaonb-lint", description="政府信息公开工作年度报告合规检查 / compliance linter for "
                "government information-disclosure annual reports")
    p.add_argument("--version", action="version", version=f"gaonb-lint {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    c = sub.add_parser("check", help="check report files and directories")
    c.add_argument("paths", nargs="*", metavar="PATH", help="files or directories (default: .)")
    c.add_argument("--format", default="text", metavar="FORMAT",
                   help="output format: text (default), json, or one a plugin provides")
    c.add_argument("--select", action="append", default=None, metavar="RULES",
                   help="only these rules (slugs or codes, comma-separated; replaces the configured selection)")
    c.add_argument("--ignore", action="append", default=None, metavar="RULES",
                   help="skip these rules (slugs or codes, comma-separated; added to the configured ones)")
    c.add_argument("--lang", choices=("zh", "en"), default=None, help="message language (default zh)")
    c.add_argument("--quiet", "-q", action="store_true", help="print findings only, no summary")
    c.add_argument("--statistics", action="store_true", help="print the number of findings per rule")
    c.add_argument("--config", metavar="FILE", help="use this configuration file instead of searching")
    c.add_argument("--isolated", action="store_true", help="ignore all configuration files")
    c.add_argument("--force-exclude", action="store_true",
                   help="apply exclude patterns to files named on the command line too (used by pre-commit)")
    c.add_argument("--format-version", choices=None, default=None, metavar="VERSION",
                   help="force the format version (v2019 or v2021) instead of choosing it from the report year")
    c.add_argument("--jobs", "-j", type=int, default=1, metavar="N",
                   help="check files in N processes (0: one per core; default 1); the output is the same")
    c.add_argument("--verbose", "-v", action="store_true", help="also print what was read from each file")
    c.add_argument("--debug", action="store_true",
                   help="print tracebacks of crashing rules and trace plugin hook calls to stderr")

    r = sub.add_parser("rules", help="list every rule")
    r.add_argument("--format", choices=("text", "json"), default="text")
    r.add_argument("--lang", choices=("zh", "en"), default=None)

    e = sub.add_parser("explain", help="print a rule's documentation")
    e.add_argument("rule", metavar="RULE", help="rule slug or code")
    e.add_argument("--lang", choices=("zh", "en"), default=None)

    for name, module in EXTRA_COMMANDS.items():
        if command in BUILTIN_COMMANDS:
            break
        mod = importlib.import_module(module)
        sp = sub.add_parser(name, help=mod.HELP)
        mod.add_arguments(sp)
    return p


def _names(values: Optional[Sequence[str]]) -> List[str]:
    out: List[str] = []
    for v in values or ():
        out.extend(n.strip() for n in v.split(",") if n.strip())
    return out


def main(argv: Optional[Sequence[str]] = None) -> int:
    try:
        return _main(argv, program=argv is None)
    finally:
        if argv is None:
            # Run as a program: the process exits next.  Freezing the heap spares the interpreter's
            # final garbage collection the walk over every module and rule (~8 ms, a tenth of a
            # pre-commit run on one report); atexit handlers and flushing are unaffected.
            import gc

            gc.freeze()


def _main(argv: Optional[Sequence[str]] = None, program: bool = False) -> int:
    parser = build_parser(_command_in(sys.argv[1:] if argv is None else argv))
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_ERROR
    lang = _lang(args)
    try:
        if args.command == "check":
            if program:
                import gc

                # Start-up makes long-lived objects only (modules, rules, caches): collecting while
                # they are imported is wasted time.  The runner resumes collection for the reports.
                gc.disable()
            from gaonb_lint.runner import run_check

            return run_check(args, lang, _names(args.select) if args.select is not None else None,
                             _names(args.ignore))
        if args.command == "rules":
            return _rules(args, lang)
        if args.command == "explain":
            return _explain(args, lang)
        return importlib.import_module(EXTRA_COMMANDS[args.command]).run(args)
    except (UsageError, ConfigError, PluginError, GaonbError) as e:
        sys.stderr.write(error_line(str(e), lang) + "\n")
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_ERROR


def _rules(args, lang: str) -> int:
    from gaonb_lint.host import load_host

    host = load_host()
    rules = sorted(host.all_rules(), key=lambda r: r.code)
    if args.format == "json":
        json.dump([{"code": r.code, "rule": r.slug, "severity": r.severity, "plugin": r.plugin,
                    "summary": r.summary.get(lang) or r.summary["zh"]} for r in rules],
                  sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for r in rules:
            sys.stdout.write(f"{r.code:<7} {r.slug:<22} {r.severity:<8} {r.plugin:<12} {r.summary.get(lang) or r.summary['zh']}\n")
    for p in host.load_problems:
        sys.stderr.write(error_line(f"plugin {p.plugin} could not be loaded: {p.error}", lang) + "\n")
    return EXIT_CLEAN


def _explain(args, lang: str) -> int:
    from gaonb_lint.host import load_host

    host = load_host()
    rule = host.rule(args.rule)
    if rule is None:
        raise UsageError(f"unknown rule {args.rule!r}; `gaonb-lint rules` lists them")
    summary = rule.summary.get(lang) or rule.summary["zh"]
    sys.stdout.write(f"# {rule.slug} ({rule.code})\n\n{summary}\n\n"
                     f"Default severity: {rule.severity}. Plugin: {rule.plugin}.\n\n{rule.doc.strip()}\n")
    if rule.options:
        sys.stdout.write("\n## Options\n\n" + "".join(_option_line(rule.slug, o, lang) for o in rule.options))
    return EXIT_CLEAN


def _option_line(slug: str, option, lang: str) -> str:
    """One declared option as ``explain`` lists it: name, type, default, allowed values, doc."""
    allowed = f"; {'可选值' if lang == 'zh' else 'one of'}: {', '.join(map(str, option.allowed))}" if option.allowed else ""
    default = f"{'默认' if lang == 'zh' else 'default'} {json.dumps(option.default, ensure_ascii=False)}"
    doc = option.doc.get(lang) or option.doc["zh"]
    return (f"- `{option.name}` ({option.type.__name__}; {default}{allowed}): {doc}\n"
            f"  `[tool.gaonb-lint.rules.{slug}] {option.name} = …`\n")


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
