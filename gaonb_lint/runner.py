"""The ``check`` command: discover files, read each into a ``Report``, run the rules, print."""
from __future__ import annotations

import os
import re
import sys
from typing import Any, Dict, Iterable, List, Optional, Sequence, Set, Tuple

from gaonb_lint.config import Config, ConfigFinder
from gaonb_lint.diagnostics import FAILING_SEVERITIES, Diagnostic
from gaonb_lint.engine import run_report_set_rules, run_rules
from gaonb_lint.errors import (EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, ConfigError, GaonbError, InputError,
                               PluginError, UsageError)
from gaonb_lint.host import Host, load_host
from gaonb_lint.messages import CATALOGUE, Message, line, resolve_lang, set_lang
from gaonb_lint.meta_rules import PLUGIN_ERROR, UNUSED_SUPPRESSION
from gaonb_lint.readers import BUILTIN_READERS, read_path, reader_table
from gaonb_lint.rule import BaseRule
from gaonb_lint.safe_text import printable
from gaonb_lint import official_format
from gaonb_lint.rule import Extract, RuleContext

BUILTIN_OUTPUT_FORMATS = ("text", "json")


def resolve_names(names: Iterable[str], rules: Sequence[BaseRule], where: str, strict: bool = True) -> Set[str]:
    """Slugs for rule names: a slug, a code, a code prefix (``GL3``) or ``ALL``.  An unknown name
    is an error, or skipped when not ``strict`` (a name already checked against every rule)."""
    out: Set[str] = set()
    for name in names:
        if name.upper() == "ALL":
            out.update(r.slug for r in rules)
            continue
        hits = [r.slug for r in rules if r.slug == name or r.code == name.upper()]
        if not hits and re.fullmatch(r"[A-Za-z]{1,4}\d{0,3}", name):  # a code prefix: GL3, or EX for a plugin
            hits = [r.slug for r in rules if r.code.startswith(name.upper())]
        if not hits and strict:
            raise GaonbError("usage.unknown-rule", where=_locate(where, name), name=name)
        out.update(hits)
    return out


def _locate(where: str, name: str) -> str:
    """``file:line`` of the line naming ``name`` when ``where`` is a configuration file."""
    if os.path.isfile(where):
        named = re.compile(r"[\"']{0}[\"']|^\s*{0}\s*=".format(re.escape(name)))  # a value or a key
        try:
            with open(where, encoding="utf-8") as fh:
                for n, line in enumerate(fh, 1):
                    if named.search(line):
                        return f"{where}:{n}"
        except (OSError, UnicodeDecodeError):
            pass
    return where


class Found(list):
    """One file's diagnostics, how the file was read (format, encoding) for ``--verbose``, and what
    the report-set rules keep of it (``extracts``, by rule slug)."""

    read_as = ("", "", "")
    extracts: Dict[str, Extract] = {}


class Checker:
    """Checks files one at a time with a loaded host; holds nothing of a file after it returns.

    The rules of a file are the host's plus the rule packs its configuration lists; ``packs_from``
    are configurations whose packs are loaded up front, so that ``--select`` can name their rules
    and a broken pack stops the run before any file is checked."""

    def __init__(self, host: Host, lang: str, cli_select: Optional[List[str]], cli_ignore: List[str],
                 forced_version: Optional[str], debug: bool = False, packs_from: Iterable[Config] = ()):
        self.host = host
        self.lang = lang
        self.rules = host.all_rules()
        self._pack_rules: Dict[tuple, List[BaseRule]] = {}
        known = list(self.rules)
        for cfg in packs_from:
            known += [r for r in self.pack_rules(cfg) if r not in known]
        self.cli_select_names = cli_select
        self.cli_ignore_names = cli_ignore
        self.cli_select = resolve_names(cli_select, known, "--select") if cli_select is not None else None
        self.cli_ignore = resolve_names(cli_ignore, known, "--ignore")
        if cli_select is not None and not cli_select:
            raise UsageError("usage.select-empty")
        content = {r.slug for r in known if not getattr(r, "meta", False)}
        left = (self.cli_select if self.cli_select is not None else content) - self.cli_ignore
        if not left & content:
            raise UsageError("usage.nothing-selected")
        self.forced_version = forced_version
        self.debug = debug
        self.readers = reader_table(list(BUILTIN_READERS) + list(host.readers))
        self._enabled_cache: Dict[int, Set[str]] = {}

    def pack_rules(self, cfg: Config) -> List[BaseRule]:
        """The rules of the packs plugins ship and of those ``cfg`` lists (loaded once per set)."""
        key = tuple(path for _, path in self.host.rule_packs) + tuple(cfg.rule_packs)
        if key not in self._pack_rules:
            if not key:
                self._pack_rules[key] = []
            else:
                from gaonb_lint.packs import pack_rules

                self._pack_rules[key] = pack_rules(key, self.rules)
        return self._pack_rules[key]

    def all_known(self) -> List[BaseRule]:
        """The host's rules and those of every pack loaded so far."""
        out = list(self.rules)
        for rules in self._pack_rules.values():
            out += [r for r in rules if r not in out]
        return out

    def known(self, cfg: Config) -> List[BaseRule]:
        """Every rule a file under ``cfg`` can name: built-in, plugins', meta rules, packs'."""
        extra = self.pack_rules(cfg)
        return self.rules + extra if extra else self.rules

    def enabled(self, cfg: Config, path: str) -> Set[str]:
        key = id(cfg)
        known = self.known(cfg)
        if key not in self._enabled_cache:
            where = cfg.path or "configuration"
            if self.cli_select_names is not None:
                base = resolve_names(self.cli_select_names, known, "--select", strict=False)
            elif cfg.select is not None:
                base = resolve_names(cfg.select, known, where)
            else:
                base = {r.slug for r in known}
            base -= resolve_names(cfg.ignore, known, where)
            base -= resolve_names(self.cli_ignore_names, known, "--ignore", strict=False)
            for slug in cfg.severity:
                resolve_names([slug], known, where)
            if cfg.rules or cfg.plugins:
                from gaonb_lint.options import check_options

                check_options(cfg, known, self.host.config_defaults)
            self._enabled_cache[key] = base
        base = self._enabled_cache[key]
        per_file = cfg.ignored_for(path)
        if per_file:
            base = base - resolve_names(per_file, known, cfg.path or "configuration")
        return base

    def plugin_options(self, cfg: Config) -> Dict[str, Dict[str, Any]]:
        """Each plugin's ``[plugins.<name>]`` values over its declared defaults."""
        out: Dict[str, Dict[str, Any]] = {}
        for d in self.host.config_defaults:
            if d.table.startswith("plugins."):
                out.setdefault(d.table[len("plugins."):], {}).update(d.defaults())
        for name, values in cfg.plugins.items():
            out.setdefault(name, {}).update(values)
        return out

    def check(self, path: str, cfg: Config) -> List[Diagnostic]:
        enabled = self.enabled(cfg, path)
        return self.check_report(read_path(path, self.readers, cfg.max_file_size, cfg.rule_timeout), cfg, enabled)

    def check_text(self, path: str, text: str, cfg: Config) -> List[Diagnostic]:
        """Like ``check``, for text held in memory (an editor's unsaved buffer) at ``path``."""
        from gaonb_lint.readers import read_text

        enabled = self.enabled(cfg, path)
        return self.check_report(read_text(path, text, self.readers), cfg, enabled)

    def check_report(self, report, cfg: Config, enabled: Set[str]) -> List[Diagnostic]:
        from gaonb_lint import suppress

        known = self.known(cfg)
        rules = [r for r in self.host.rules + self.pack_rules(cfg) if r.slug in enabled]
        severities = {}
        for name, sev in cfg.severity.items():
            for slug in resolve_names([name], known, cfg.path or "configuration"):
                severities[slug] = sev
        diags = run_rules(report, rules, self.lang, severities, cfg.rules,
                          self.forced_version or cfg.format_version, self.debug, self.plugin_options(cfg),
                          budget=cfg.rule_timeout)
        diags = [d for d in diags if d.rule in enabled or d.rule == PLUGIN_ERROR.slug]
        if report.source_format in ("markdown", "html"):
            report_unused = UNUSED_SUPPRESSION.slug in enabled
            diags = suppress.apply(report, diags, known, self.lang, enabled if report_unused else set())
            if not report_unused:
                diags = [d for d in diags if d.rule != UNUSED_SUPPRESSION.slug]
        page_at = getattr(report, "page_at", None)
        if page_at is not None:
            for d in diags:
                d.page = page_at(report.line_start(d.span.line) + d.span.column - 1)
        found = Found(diags)
        notes = [zh if self.lang == "zh" else en for zh, en in report.notes]
        found.read_as = (report.source_format, report.encoding, ("；" if self.lang == "zh" else "; ").join(notes))
        found.extracts = self._extracts(report, cfg, enabled, found)
        return found

    def _extracts(self, report, cfg: Config, enabled: Set[str], found: List[Diagnostic]) -> Dict[str, Extract]:
        """What each enabled report-set rule with an ``extract`` keeps of ``report``; a rule whose
        extract raises is a ``plugin-error`` finding of this file (and sees nothing of it)."""
        from gaonb_lint import isolation
        from gaonb_lint.engine import crash_diagnostic

        out: Dict[str, Extract] = {}
        for rule in self.host.report_set_rules:
            if rule.extract is None or rule.slug not in enabled:
                continue
            fmt = official_format.version_for_year(report.year, self.forced_version or cfg.format_version)
            try:
                ctx = RuleContext(rule=rule, format=fmt, options=rule.option_values(cfg.rules.get(rule.slug, {})),
                                  lang=self.lang)
                data = isolation.call(rule.extract, report, ctx, budget=cfg.rule_timeout)
            except isolation.PluginFailure as e:
                found.append(crash_diagnostic(report, rule, e, self.lang, self.debug, cfg.rule_timeout))
                continue
            if data is not None:
                out[rule.slug] = Extract(report, data)
        return out

    def check_set(self, checked: Sequence[Tuple[str, Config, Dict[str, Extract]]]) -> List[Diagnostic]:
        """The report-set rules, each over the checked files it is enabled for: the extracts the
        per-file pass kept, or for a rule without ``extract`` the files read again.  Severities and
        options are those of the first file's configuration."""
        if not self.host.report_set_rules or not checked:
            return []
        enabled = {path: self.enabled(cfg, path) for path, cfg, _ in checked}
        wanted = [r for r in self.host.report_set_rules if any(r.slug in e for e in enabled.values())]
        if not wanted:
            return []
        reports: Dict[str, object] = {}
        first = checked[0][1]
        severities = {slug: sev for name, sev in first.severity.items()
                      for slug in resolve_names([name], self.known(first), first.path or "configuration", strict=False)}
        out: List[Diagnostic] = []
        for rule in wanted:
            if rule.extract is not None:
                mine = [extracts[rule.slug] for path, _, extracts in checked
                        if rule.slug in enabled[path] and rule.slug in extracts]
            else:
                for path, cfg, _ in checked:
                    if path not in reports and rule.slug in enabled[path]:
                        try:
                            reports[path] = read_path(path, self.readers, cfg.max_file_size, cfg.rule_timeout)
                        except (GaonbError, MemoryError, RecursionError):
                            continue  # changed since it was checked: the set rules go on without it
                mine = [reports[path] for path, _, _ in checked if rule.slug in enabled[path] and path in reports]
            if mine:
                out.extend(run_report_set_rules(mine, [rule], self.lang, severities, first.rules, self.debug,
                                                budget=first.rule_timeout))
        return out


def _is_report_file(cfg: Config, path: str) -> bool:
    return cfg.is_included(path) and not cfg.is_excluded(path)


def _check_file(checker: Checker, finder: ConfigFinder, path: str):
    """Diagnostics of one file, or the one-line reason it could not be checked (in the run's
    language).  A broken configuration is returned as a ``ConfigError`` (it ends the whole run)."""
    try:
        return checker.check(path, finder.for_path(path))
    except ConfigError as e:
        return e
    except GaonbError as e:
        return e.render(checker.lang)
    except MemoryError:  # one file's failure is one line for that file; the others go on
        return InputError("input.out-of-memory", path=path).render(checker.lang)
    except RecursionError:
        return InputError("input.too-deep", path=path).render(checker.lang)
    except Exception as e:  # a bug of ours: still one line for this file, the others are checked
        from gaonb_lint.isolation import describe

        return InputError("input.internal-error", path=path, error=describe(e)).render(checker.lang)


class WorkerDied:
    """A ``-j`` worker process ended without returning (SIGKILL, the OOM killer, ``os._exit``):
    which file it was checking is unknown, and ``remaining`` files were not checked."""

    def __init__(self, remaining: int):
        self.remaining = remaining


# Set in the parent before a fork (inherited) or by ``_init_worker`` in a spawned worker.
_worker: Optional[tuple] = None


def _init_worker(spec: Optional[dict]) -> None:
    import signal

    global _worker
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C: the parent stops the pool, once
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the parent's handler, inherited by fork
    if spec is not None:  # spawn / forkserver: each worker loads the host once
        finder = ConfigFinder(spec["config"], spec["isolated"])
        _worker = (Checker(load_host(disabled=spec["disabled"]), spec["lang"], spec["select"], spec["ignore"],
                           spec["forced_version"], spec["debug"]), finder)


def _check_in_worker(path: str):
    checker, finder = _worker  # type: ignore[misc]
    return _check_file(checker, finder, path)


def _resume_collection() -> None:
    """After start-up ran without the cyclic GC (``cli.main``): what is alive now — modules, rules,
    caches — lives until the end, so it is frozen out of later collections; then collect again."""
    import gc

    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def jobs_count(jobs: int) -> int:
    """``-j 0``: one job per core."""
    if jobs < 0:
        raise UsageError("usage.jobs", jobs=jobs)
    return jobs or os.cpu_count() or 1


def _results(items, checker: Checker, finder: ConfigFinder, jobs: int, spec: dict):
    """``(path, discovery problem, diagnostics | error line)`` in discovery order, checked here or
    by ``jobs`` worker processes; the order, and so the output, is the same for any ``jobs``."""
    jobs = jobs_count(jobs)
    if jobs > 1:
        items = list(items)
        paths = [path for path, problem in items if problem is None]
        jobs = min(jobs, len(paths))
    if jobs <= 1:
        for path, problem in items:
            found = None if problem is not None else _check_file(checker, finder, path)
            _resume_collection()  # the first report has imported and cached what the others need
            if isinstance(found, ConfigError):
                raise found
            yield path, problem, found
        return
    results = _parallel(paths, checker, finder, jobs, spec)
    try:
        for path, problem in items:
            found = None if problem is not None else next(results)
            if isinstance(found, ConfigError):
                raise found
            if isinstance(found, WorkerDied):
                yield path, GaonbError("input.worker-died", path=path, n=found.remaining), None
                return
            yield path, problem, found
    finally:
        results.close()


def _parallel(paths: List[str], checker: Checker, finder: ConfigFinder, jobs: int, spec: Optional[dict]):
    import gc
    import multiprocessing

    global _worker
    _resume_collection()
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    if ctx.get_start_method() == "fork":
        _worker = (checker, finder)
        spec = None
        gc.freeze()  # workers share the parent's pages instead of copying them as GC touches them
    # Chunks of a few files keep the IPC cost low and both workers busy to the end.
    chunk = max(1, min(16, len(paths) // (jobs * 8)))
    # An executor, not multiprocessing.Pool: a Pool never learns that a worker died and waits
    # for its result forever; the executor reports a broken pool.
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    executor = ProcessPoolExecutor(jobs, mp_context=ctx, initializer=_init_worker, initargs=(spec,))
    done = 0
    try:
        for found in executor.map(_check_in_worker, paths, chunksize=chunk):
            done += 1
            yield found
    except BrokenProcessPool:
        yield WorkerDied(len(paths) - done)
    finally:
        _stop(executor, done == len(paths))
        _worker = None
        gc.unfreeze()


def _stop(executor, finished: bool) -> None:
    """Shut the executor down.  Unless every result came back (an error, a dead worker,
    Ctrl-C, SIGTERM), queued work is cancelled and the workers are ended first: a hung or still
    busy worker would otherwise keep the process alive after the run."""
    if not finished:
        processes = list((getattr(executor, "_processes", None) or {}).values())  # shutdown forgets them
        executor.shutdown(wait=False, cancel_futures=True)
        for p in processes:
            if p.is_alive():
                p.terminate()
        for p in processes:
            p.join(5)
            if p.is_alive():
                p.kill()
                p.join(5)
    # Joining the executor's own thread now keeps its exit hook from writing to a closed pipe.
    executor.shutdown(wait=True)


def _skip_optional(items, named: Set[str], checker: Checker, skipped: Dict[str, List[str]]):
    """Files found by walking a directory whose reader needs an extra that is not installed are
    skipped with a note (a file named on the command line is read, and fails naming the extra)."""
    from gaonb_lint.readers import missing_extra

    for path, problem in items:
        if problem is None and path not in named:
            extra = missing_extra(path, checker.readers)
            if extra is not None:
                skipped.setdefault(extra, []).append(path)
                continue
        yield path, problem


def run_check(args, lang: str, select: Optional[List[str]], ignore: List[str]) -> int:
    from gaonb_lint.discover import discover
    from gaonb_lint.output import write_json, write_text

    from gaonb_lint import isolation

    isolation.watch_signals()
    finder = ConfigFinder(args.config, args.isolated)
    # The configuration of the first path decides what is for the whole run: `lang` (unless
    # --lang says it; before GAONB_LINT_LANG, see gaonb_lint.messages) and `disable-plugins`.
    first = (args.paths or ["."])[0]
    run_cfg = finder.for_path(first) if os.path.exists(first) else None
    if run_cfg is not None and not args.lang:
        lang = resolve_lang(None, run_cfg.lang)
        set_lang(lang)
    disabled = run_cfg.disable_plugins if run_cfg is not None else []
    host = load_host(disabled=disabled, trace=args.debug)
    formats = {f.name: f for f in host.output_formats}
    if args.format not in formats and args.format not in BUILTIN_OUTPUT_FORMATS:
        raise UsageError("usage.unknown-format", value=args.format, known=sorted({*formats, *BUILTIN_OUTPUT_FORMATS}))
    if args.format_version:
        from gaonb_lint import official_format

        if args.format_version not in official_format.version_ids():
            raise UsageError("usage.format-version", versions=list(official_format.version_ids()),
                             value=args.format_version)
    checker = Checker(host, lang, select, ignore, args.format_version, args.debug,
                      packs_from=[finder.for_path(p) for p in (args.paths or ["."]) if os.path.exists(p)])

    diags: List[Diagnostic] = []
    errors: List[Dict[str, str]] = []
    files = 0
    checked: List[Tuple[str, Config, Dict[str, Extract]]] = []
    # A plugin problem is its own kind of error, named as a plugin (not as a file).
    plugin_errors = [{"plugin": p.plugin, "message": Message("plugin.load-failed", plugin=p.plugin,
                                                             error=p.error).render(lang)}
                     for p in host.load_problems]
    for e in plugin_errors:
        sys.stderr.write(line("error", e["message"], lang) + "\n")
    paths = args.paths or ["."]
    spec = {"config": args.config, "isolated": args.isolated, "lang": lang, "select": select, "ignore": ignore,
            "forced_version": args.format_version, "debug": args.debug, "disabled": disabled}
    skipped: Dict[str, List[str]] = {}
    found_files = _skip_optional(discover(paths, finder, args.force_exclude), set(paths), checker, skipped)
    results = _results(found_files, checker, finder, getattr(args, "jobs", 1), spec)
    for path, problem, found in results:
        if problem is not None:
            errors.append({"path": path, "message": problem.render(lang)})
            sys.stderr.write(line("error", errors[-1]["message"], lang) + "\n")
            continue
        files += 1
        if isinstance(found, str):  # the file could not be checked
            errors.append({"path": path, "message": found})
            sys.stderr.write(line("error", found, lang) + "\n")
            continue
        if args.verbose:
            source_format, encoding, notes = getattr(found, "read_as", ("", "", ""))
            fmt = Message("format." + source_format) if "format." + source_format in CATALOGUE else source_format
            verbose = Message("run.verbose", path=printable(path), format=fmt, encoding=encoding, count=len(found)).render(lang)
            sys.stderr.write(verbose + ("；" if lang == "zh" else "; ") * bool(notes) + notes + "\n")
        diags.extend(found)
        if host.report_set_rules:
            checked.append((path, finder.for_path(path), getattr(found, "extracts", {})))
    if checked:
        from gaonb_lint import history

        search = history.Search(
            root_of=lambda p: history.repository_root(p, finder.for_path(p)),
            read=lambda p: read_path(p, checker.readers, finder.for_path(p).max_file_size),
            pattern_of=lambda p: finder.for_path(p).previous_report,
            suffixes=frozenset(checker.readers),
            wanted=lambda p: _is_report_file(finder.for_path(p), p),
            skip_dir=lambda p: finder.for_path(p).is_excluded(p))
        history.configure(search)
        try:
            diags.extend(checker.check_set(checked))
        finally:
            history.configure(None)
        if args.verbose:
            for note in search.notes:
                sys.stderr.write((note.get(lang) or note["zh"] if isinstance(note, dict) else note) + "\n")

    for extra, names in skipped.items():
        sys.stderr.write(line("info", Message("run.skipped-optional", n=len(names), extra=extra,
                                              command=f"pip install 'gaonb-lint[{extra}]'"), lang) + "\n")
        if args.verbose:
            sys.stderr.writelines(f"  {name}\n" for name in names)
    summaries = {r.slug: (r.summary.get(lang) or r.summary["zh"]) for r in checker.all_known()}
    errors = plugin_errors + errors
    if args.format in formats:  # a plugin's format (one named like a built-in replaces it)
        from gaonb_lint import isolation
        from gaonb_lint.contracts import RunResults
        from gaonb_lint.output import sort_diagnostics

        fmt = formats[args.format]
        try:
            isolation.call(fmt.render, RunResults(sort_diagnostics(diags), files, errors, checker.all_known(), lang,
                                                  args.quiet, args.statistics), sys.stdout)
        except isolation.PluginFailure as e:
            raise PluginError("plugin.format-failed", format=fmt.name, plugin=fmt.plugin, error=str(e)) from None
    elif args.format == "json":
        write_json(sys.stdout, diags, files, errors)
    else:
        write_text(sys.stdout, diags, files, len(errors), lang, args.quiet, args.statistics, summaries)
    if errors:
        return EXIT_ERROR
    return EXIT_FINDINGS if any(d.severity in FAILING_SEVERITIES for d in diags) else EXIT_CLEAN
