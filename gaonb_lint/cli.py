"""Command line: ``gaonb-lint check|rules|explain …``.

Exit codes: 0 clean, 1 problems found, 2 usage, input, configuration or plugin errors.
Every word printed comes from ``gaonb_lint.messages`` (Chinese by default, English with
``--lang en``; the order of precedence is in that module's docstring).
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
                               PluginError, UsageError, error_line, plugin_problems)
from gaonb_lint.isolation import Terminated
from gaonb_lint.messages import (CATALOGUE, Message, active_lang, environment_problem, line, os_reason, resolve_lang,
                                 set_lang, severity_name, text)

# Further subcommands live in their own modules: each has add_arguments(parser) and run(args) -> int.
EXTRA_COMMANDS: Dict[str, str] = {"convert": "gaonb_lint.convert", "extract": "gaonb_lint.extract",
                                  "validate": "gaonb_lint.validate", "server": "gaonb_lint.lsp",
                                  "new-rule": "gaonb_lint.scaffold"}


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

    # argparse measures text with len(); a Chinese character takes two columns, so help in Chinese
    # is wrapped and aligned by display width instead.
    def _split_lines(self, text, width):
        return _wrap(self._whitespace_matcher.sub(" ", text).strip(), width)

    def _fill_text(self, text, width, indent):
        return "\n".join(indent + ln for ln in _wrap(self._whitespace_matcher.sub(" ", text).strip(), width))

    def _format_action(self, action):
        out = super()._format_action(action)
        invocation = self._format_action_invocation(action)
        extra = _columns(invocation) - len(invocation)
        first, newline, rest = out.partition("\n")
        at = first.find(invocation) + len(invocation)
        gap = len(first) - at - len(first[at:].lstrip(" "))
        if extra and first[at:].strip() and gap - extra >= 1:
            first = first[:at] + " " * (gap - extra) + first[at + gap:]
        return first + newline + rest


def _columns(text: str) -> int:
    return sum(2 if "\u2e80" <= ch <= "\uffef" else 1 for ch in text)


def _wrap(text: str, width: int) -> List[str]:
    """Lines of at most ``width`` columns, broken at spaces or between Chinese characters (never
    inside a word or a number, never before closing punctuation)."""
    import re

    lines: List[str] = []
    current, used = "", 0
    for token in re.findall(r"[\u2e80-\uffef]|[^\s\u2e80-\uffef]+|\s+", text):
        w = _columns(token)
        if token.isspace():
            if current:
                current, used = current + " ", used + 1
            continue
        if used + w > width and current.strip() and token not in "，。；：、）」”』！？":
            lines.append(current.rstrip())
            current, used = "", 0
        current, used = current + token, used + w
    if current.strip():
        lines.append(current.rstrip())
    return lines


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str):  # argparse exits 2 as well, but with our one-line shape
        sys.stderr.write(line("error", text("usage.argparse", message=message, prog=self.prog)) + "\n")
        raise SystemExit(EXIT_ERROR)


def _flag_lang(argv: Sequence[str]) -> Optional[str]:
    """The value of ``--lang`` in ``argv`` (read before parsing: the help is written in it)."""
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def _setting_lang(argv: Sequence[str]) -> Optional[str]:
    """``lang`` of the configuration found from the current directory (or named by ``--config``);
    a broken configuration is reported by the command that reads it, not here."""
    from gaonb_lint.config import ConfigFinder

    if "--isolated" in argv:
        return None
    explicit = _flag_value(argv, "--config")
    try:
        return ConfigFinder(explicit).for_path(os.getcwd()).lang
    except (GaonbError, OSError):
        return None


def _flag_value(argv: Sequence[str], flag: str) -> Optional[str]:
    for i, arg in enumerate(argv):
        if arg == flag and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith(flag + "="):
            return arg.split("=", 1)[1]
    return None


def run_lang(argv: Sequence[str], command: Optional[str]) -> str:
    """The language before parsing.  ``check`` reads the configuration of its first path itself
    (``runner.run_check``); the help of ``check`` and its usage errors come before that."""
    flag = _flag_lang(argv)
    setting = None
    if flag not in ("zh", "en") and (command != "check" or "-h" in argv or "--help" in argv):
        setting = _setting_lang(argv)
    return resolve_lang(flag, setting)


# argparse's own words (it translates through gettext's ``_``, module-level in argparse).
_ARGPARSE_ZH = {
    "usage: ": "用法：",
    "positional arguments": "参数",
    "options": "选项",
    "show this help message and exit": "显示本帮助并退出",
    "argument %(argument_name)s: %(message)s": "%(argument_name)s：%(message)s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "expected one argument": "后面应跟一个值",
    "expected at most one argument": "后面最多跟一个值",
    "expected at least one argument": "后面至少应跟一个值",
    "expected %s argument": "后面应跟 %s 个值",
    "expected %s arguments": "后面应跟 %s 个值",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的取值 %(value)r（可选：%(choices)s）",
    "invalid %(type)s value: %(value)r": "无效的取值 %(value)r",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 不明确，可能是 %(matches)s",
    "ignored explicit argument %r": "此选项不接受取值 %r",
    "not allowed with argument %s": "不能与 %s 同时使用",
    "one of the arguments %s is required": "必须给出 %s 之一",
    "unexpected option string: %s": "多余的选项：%s",
    "can't open '%(filename)s': %(error)s": "无法打开 “%(filename)s”：%(error)s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "没有命令 %(parser_name)r（可选：%(choices)s）",
}


class _ArgparseLanguage:
    """argparse speaking the run's language while the parser is built and used."""

    def __init__(self, lang: str):
        self.lang = lang

    def __enter__(self):
        self.saved = argparse._, argparse.ngettext
        if self.lang == "zh":
            argparse._ = lambda msg: _ARGPARSE_ZH.get(msg, msg)
            argparse.ngettext = lambda one, many, n: _ARGPARSE_ZH.get(one if n == 1 else many, one if n == 1 else many)
        return self

    def __exit__(self, *exc):
        argparse._, argparse.ngettext = self.saved
        return False


BUILTIN_COMMANDS = ("check", "rules", "explain")


def _command_in(argv: Sequence[str]) -> Optional[str]:
    """The subcommand ``argv`` names (its first word that is not an option), if any."""
    for arg in argv:
        if arg in ("-h", "--help", "--version"):
            return None
        if not arg.startswith("-"):
            return arg
    return None


def build_parser(command: Optional[str] = None, lang: Optional[str] = None) -> argparse.ArgumentParser:
    """The whole parser, its help in ``lang``; for a built-in ``command`` the extra commands'
    modules are not imported (their import would cost every pre-commit run for parsers it never uses)."""
    set_lang(lang or "zh")
    h = text  # help texts: catalogue keys, in the active language
    p = _Parser(prog="gaonb-lint", description=h("help.description"), epilog=h("help.epilog"), add_help=False)
    p.add_argument("-h", "--help", action="help", help=h("help.help"))
    p.add_argument("--version", action="version", version=f"gaonb-lint {__version__}", help=h("help.version"))
    p.add_argument("--lang", choices=("zh", "en"), default=None, help=h("help.lang"))
    sub = p.add_subparsers(dest="command", metavar=h("metavar.command"), parser_class=_Parser)

    def command_parser(name: str, help_key: str, fallback: str = "") -> argparse.ArgumentParser:
        words = h(help_key) if help_key in CATALOGUE else fallback  # a command module's own HELP
        sp = sub.add_parser(name, help=words, description=words, add_help=False)
        sp.add_argument("-h", "--help", action="help", help=h("help.help"))
        return sp

    c = command_parser("check", "help.check")
    c.add_argument("paths", nargs="*", metavar=h("metavar.path"), help=h("help.check.paths"))
    c.add_argument("--output-format", "--format", dest="format", default=None, metavar=h("metavar.format"),
                   help=h("help.check.format"))
    c.add_argument("--output-file", "-o", default=None, metavar=h("metavar.file"), help=h("help.check.output-file"))
    c.add_argument("--exit-zero", action="store_true", help=h("help.check.exit-zero"))
    c.add_argument("--fix", action="store_true", help=h("help.check.fix"))
    c.add_argument("--unsafe-fixes", action="store_true", help=h("help.check.unsafe-fixes"))
    c.add_argument("--diff", action="store_true", help=h("help.check.diff"))
    c.add_argument("--baseline", metavar=h("metavar.file"), help=h("help.check.baseline"))
    c.add_argument("--write-baseline", metavar=h("metavar.file"), help=h("help.check.write-baseline"))
    c.add_argument("--no-cache", action="store_true", help=h("help.check.no-cache"))
    c.add_argument("--stdin-filename", metavar=h("metavar.name"), help=h("help.check.stdin-filename"))
    c.add_argument("--select", action="append", default=None, metavar=h("metavar.rules"), help=h("help.check.select"))
    c.add_argument("--ignore", action="append", default=None, metavar=h("metavar.rules"), help=h("help.check.ignore"))
    c.add_argument("--lang", choices=("zh", "en"), default=None, help=h("help.lang"))
    c.add_argument("--quiet", "-q", action="store_true", help=h("help.check.quiet"))
    c.add_argument("--statistics", action="store_true", help=h("help.check.statistics"))
    c.add_argument("--config", metavar=h("metavar.file"), help=h("help.check.config"))
    c.add_argument("--isolated", action="store_true", help=h("help.check.isolated"))
    c.add_argument("--force-exclude", action="store_true", help=h("help.check.force-exclude"))
    c.add_argument("--format-version", choices=None, default=None, metavar=h("metavar.version"),
                   help=h("help.format-version"))
    c.add_argument("--jobs", "-j", type=int, default=1, metavar="N", help=h("help.check.jobs"))
    c.add_argument("--verbose", "-v", action="store_true", help=h("help.check.verbose"))
    c.add_argument("--debug", action="store_true", help=h("help.check.debug"))

    r = command_parser("rules", "help.rules")
    r.add_argument("--output-format", "--format", dest="format", default="text", metavar=h("metavar.format"),
                   help=h("help.rules.format"))
    r.add_argument("--lang", choices=("zh", "en"), default=None, help=h("help.lang"))
    r.add_argument("--config", metavar=h("metavar.file"), help=h("help.rules.config"))

    e = command_parser("explain", "help.explain")
    e.add_argument("rule", metavar=h("metavar.rule"), help=h("help.explain.rule"))
    e.add_argument("--lang", choices=("zh", "en"), default=None, help=h("help.lang"))
    e.add_argument("--config", metavar=h("metavar.file"), help=h("help.rules.config"))

    for name, module in EXTRA_COMMANDS.items():
        if command in BUILTIN_COMMANDS:
            break
        mod = importlib.import_module(module)
        mod.add_arguments(command_parser(name, "help." + name, getattr(mod, "HELP", name)))
    return p


def _names(values: Optional[Sequence[str]]) -> List[str]:
    out: List[str] = []
    for v in values or ():
        out.extend(n.strip() for n in v.split(",") if n.strip())
    return out


def main(argv: Optional[Sequence[str]] = None) -> int:
    if argv is None:
        _tolerant_streams()
    try:
        code = _main(argv, program=argv is None)
        if argv is None:
            sys.stdout.flush()  # here, where a full disk can still be said, not at exit
        return code
    except OSError as e:  # writing the output failed: /dev/full, a closed pipe, a vanished disk
        _drop_stdout()
        if not isinstance(e, BrokenPipeError):
            sys.stderr.write(line("error", Message("output.stdout-failed", reason=os_reason(e)), active_lang()) + "\n")
        return EXIT_ERROR
    finally:
        if argv is None:
            # Run as a program: the process exits next.  Freezing the heap spares the interpreter's
            # final garbage collection the walk over every module and rule (~8 ms, a tenth of a
            # pre-commit run on one report); atexit handlers and flushing are unaffected.
            import gc

            gc.freeze()


def _tolerant_streams() -> None:
    """Any stdout encoding and locale (``PYTHONIOENCODING=ascii``, cp1252 on a Windows runner):
    a character the stream cannot encode is written as an escape instead of ending the run with
    a traceback and a false exit code.  Machine formats choose ASCII escapes themselves."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="backslashreplace")
        except (AttributeError, ValueError):
            pass


def _drop_stdout() -> None:
    """After a failed write: point stdout at the null device, so that the interpreter's final
    flush of what is still buffered does not print a traceback."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def _main(argv: Optional[Sequence[str]] = None, program: bool = False) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    command = _command_in(argv)
    lang = run_lang(argv, command)
    with _ArgparseLanguage(lang):
        parser = build_parser(command, lang)
        args = parser.parse_args(argv)
        if args.command is None:
            parser.print_help()
            return EXIT_ERROR
    try:
        problem = environment_problem()
        if problem is not None:
            raise UsageError(problem)
        try:
            os.getcwd()
        except OSError:
            raise UsageError("usage.cwd-gone") from None
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
        sys.stderr.write(line("error", e.message, active_lang()) + "\n")
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except Terminated:
        return 143


def _known_rules(args):
    """The host and every rule it knows, with the rule packs of the configuration that governs the
    working directory (or ``--config``)."""
    from gaonb_lint.config import ConfigFinder
    from gaonb_lint.host import load_host

    host = load_host()
    rules = host.all_rules()
    cfg = ConfigFinder(getattr(args, "config", None)).for_path(".")
    packs = [path for _, path in host.rule_packs] + cfg.rule_packs
    if packs:
        from gaonb_lint.packs import pack_rules

        rules = rules + pack_rules(packs, rules)
    return host, rules


# `rules --format`: the names a user tries, as `check --format` spells them where they overlap.
RULES_FORMATS = {"text": "text", "concise": "text", "json": "json", "markdown": "markdown", "md": "markdown"}


def _rules(args, lang: str) -> int:
    fmt = RULES_FORMATS.get(args.format.lower())
    if fmt is None:
        raise UsageError("usage.unknown-format", value=args.format, known=", ".join(RULES_FORMATS))
    host, rules = _known_rules(args)
    rules = sorted(rules, key=lambda r: r.code)
    if fmt == "json":
        json.dump([{"code": r.code, "rule": r.slug, "severity": r.severity, "plugin": r.plugin,
                    "summary": r.summary.get(lang) or r.summary["zh"]} for r in rules],
                  sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    elif fmt == "markdown":
        head = ("代码", "规则", "级别", "插件", "说明") if lang == "zh" else ("Code", "Rule", "Severity", "Plugin", "Summary")
        sys.stdout.write("| " + " | ".join(head) + " |\n" + "|---" * len(head) + "|\n")
        for r in rules:
            cells = (f"`{r.code}`", f"`{r.slug}`", severity_name(r.severity, lang), r.plugin,
                     r.summary.get(lang) or r.summary["zh"])
            sys.stdout.write("| " + " | ".join(_md_cell(c) for c in cells) + " |\n")
    else:
        for r in rules:
            severity = severity_name(r.severity, lang)
            width = 8 - (len(severity) if lang == "en" else 2 * len(severity))  # a Chinese character is two columns
            sys.stdout.write(f"{r.code:<7} {r.slug:<22} {severity}{' ' * max(1, width)}{r.plugin:<12} "
                             f"{r.summary.get(lang) or r.summary['zh']}\n")
    return plugin_problems(host, lang)


def _md_cell(value: str) -> str:
    """A Markdown table cell: a ``|`` or a line break in a plugin's summary cannot break the row."""
    return " ".join(value.split()).replace("|", "\\|")


def _explain(args, lang: str) -> int:
    _, rules = _known_rules(args)
    rule = next((r for r in rules if r.slug == args.rule or r.code == args.rule.upper()), None)
    if rule is None:
        raise UsageError("usage.unknown-rule-explain", name=args.rule)
    summary = rule.summary.get(lang) or rule.summary["zh"]
    head = text("explain.head", lang, severity=severity_name(rule.severity, lang), plugin=rule.plugin)
    sys.stdout.write(f"# {rule.slug} ({rule.code})\n\n{summary}\n\n{head}\n\n{rule.doc_for(lang)}\n")
    if rule.options:
        sys.stdout.write("\n" + text("explain.options", lang) + "\n\n"
                         + "".join(_option_line(rule.slug, o, lang) for o in rule.options))
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
