"""The ``check`` command: discover files, read each into a ``Report``, run the rules, print."""
from __future__ import annotations

import os
import re
import sys
from typing import Any, Dict, Iterable, List, Optional, Sequence, Set, Tuple

from gaonb_lint.config import Config, ConfigFinder
from gaonb_lint.diagnostics import Diagnostic
from gaonb_lint.engine import run_report_set_rules, run_rules
from gaonb_lint.errors import (EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, ConfigError, GaonbError, InputError,
                               PluginError, UsageError)
from gaonb_lint.host import Host, load_host
from gaonb_lint.messages import CATALOGUE, Message, line, resolve_lang, set_lang
from gaonb_lint.meta_rules import PLUGIN_ERROR, UNUSED_SUPPRESSION
from gaonb_lint.readers import BUILTIN_READERS, read_bytes, read_path, reader_table
from gaonb_lint.results import Found
from gaonb_lint.rule import BaseRule
from gaonb_lint.safe_text import printable
from gaonb_lint import official_format
from gaonb_lint.rule import Extract, RuleContext


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


def annotate(report, diags: List[Diagnostic]) -> Dict[int, str]:
    """Give each diagnostic the text at its span (its fingerprint's anchor) and return the source
    lines the diagnostics start on."""
    text = report.text
    lines: Dict[int, str] = {}
    for d in diags:
        s = d.span
        first = report.line_start(s.line)
        line_end = text.find("\n", first)
        line = text[first:] if line_end == -1 else text[first:line_end]
        lines[s.line] = line
        start = first + s.column - 1
        end = report.line_start(s.end_line) + s.end_column - 1
        d.anchor = text[start:end][:200] if end > start else line[:200]
    return lines


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
        # A run that checks the report-set rules after the files (not an editor's buffer, not
        # stdin): suppression comments then wait for their findings (suppress.Deferred).
        self.set_pass = False

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

    # --fix / --unsafe-fixes ("safe" / "unsafe") and --diff; the result cache (None: off).
    fix_mode: Optional[str] = None
    diff: bool = False
    cache = None

    def check(self, path: str, cfg: Config, data: Optional[bytes] = None) -> List[Diagnostic]:
        """The findings of the file at ``path``; ``data``: its bytes, when already read."""
        if self.fix_mode is not None:
            from gaonb_lint.fixes import fix_file

            return fix_file(self, path, cfg, self.fix_mode == "unsafe", self.diff)
        enabled = self.enabled(cfg, path)
        report = read_path(path, self.readers, cfg.max_file_size, cfg.rule_timeout, data)
        return self.check_report(report, cfg, enabled)

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
        deferred = None
        if report.suppressions:
            report_unused = UNUSED_SUPPRESSION.slug in enabled
            later = {r.slug for r in self.host.report_set_rules if r.slug in enabled} if self.set_pass else set()
            deferred = suppress.Deferred() if later else None
            diags = suppress.apply(report, diags, known, self.lang, enabled if report_unused else set(), later,
                                   deferred)
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
        if self.host.report_set_rules:  # lets the search for last year's report pass over this file
            from gaonb_lint.history import body_key

            found.identity = (body_key(report), report.year)
        found.ran = [r.slug for r in rules]
        if deferred is not None and deferred.covers:
            found.deferred = deferred
        found.lines = annotate(report, diags)
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

    def check_set(self, checked: Sequence[Tuple[str, Config, Dict[str, Extract]]],
                  deferred: Optional[Dict[str, Any]] = None) -> List[Diagnostic]:
        """The report-set rules, each over the checked files it is enabled for: the extracts the
        per-file pass kept, or for a rule without ``extract`` the files read again.  Severities and
        options are those of the first file's configuration.  A finding on a line a suppression
        comment of its file covers is dropped like a per-file one (``deferred``: the comments
        the per-file pass kept, by path); a comment that nothing used is then reported unused."""
        out = self._check_set(checked)
        if not deferred:
            return out
        kept = [d for d in out if d.path not in deferred]
        for path, d in deferred.items():
            kept.extend(d.filter(x for x in out if x.path == path))
        enabled = {path: self.enabled(cfg, path) for path, cfg, _ in checked}
        for path, d in deferred.items():
            if UNUSED_SUPPRESSION.slug in enabled.get(path, ()):
                kept.extend(d.unused())
        return kept

    def _check_set(self, checked: Sequence[Tuple[str, Config, Dict[str, Extract]]]) -> List[Diagnostic]:
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
    """Diagnostics of one file, or the one-line reason it could not be checked.  A broken
    configuration is returned as a ``ConfigError`` (it ends the whole run)."""
    try:
        cfg = finder.for_path(path)
        cache = checker.cache
        if cache is None or checker.fix_mode is not None:
            return checker.check(path, cfg)
        data = _bytes_of(path, cfg)
        key = None
        if data is not None:
            key = _content_key(data, cfg)
            hit = cache.get(path, *key)
            if hit is not None:
                hit.cached = True
                return hit
        found = checker.check(path, cfg, data)
        found.cache_key = key
        return found
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


def _bytes_of(path: str, cfg: Config) -> Optional[bytes]:
    """The file's bytes, read once for the cache key and the reader; None for what is not a
    regular, readable file within the size limit (the check then says what is wrong with it)."""
    try:
        return read_bytes(path, cfg.max_file_size)
    except GaonbError:
        return None


def _content_key(data: bytes, cfg: Config) -> tuple:
    """(hash of the file's bytes, hash of its configuration)."""
    from gaonb_lint.cache import digest

    return digest(data), _config_key(cfg)


def _config_key(cfg: Config) -> str:
    """The configuration's hash, worked out once per configuration of the run."""
    from gaonb_lint.cache import config_key

    held = _CONFIG_KEYS.get(id(cfg))
    if held is None or held[0] is not cfg:
        held = _CONFIG_KEYS[id(cfg)] = (cfg, config_key(cfg))
    return held[1]


_CONFIG_KEYS: Dict[int, Tuple[Config, str]] = {}


# Set in the parent before a fork (inherited) or by ``_init_worker`` in a spawned worker.
_worker: Optional[tuple] = None


def _init_worker(spec: Optional[dict]) -> None:
    import signal

    global _worker
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C: the parent stops the pool, once
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the parent's handler, inherited by fork
    if spec is not None:  # spawn / forkserver: each worker loads the host once
        finder = ConfigFinder(spec["config"], spec["isolated"])
        checker = Checker(load_host(disabled=spec["disabled"]), spec["lang"], spec["select"], spec["ignore"],
                          spec["forced_version"], spec["debug"])
        checker.set_pass = spec.get("set_pass", False)
        checker.fix_mode, checker.diff = spec.get("fix_mode"), spec.get("diff", False)
        if spec.get("cache"):
            from gaonb_lint.cache import Cache

            checker.cache = Cache(*spec["cache"])
        _worker = (checker, finder)


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

    from gaonb_lint import isolation

    isolation.watch_signals()
    finder = ConfigFinder(args.config, args.isolated)
    paths = args.paths or ["."]
    stdin = paths == ["-"]
    if "-" in paths and not stdin:
        raise UsageError("usage.stdin-mixed")
    if args.stdin_filename and not stdin:
        raise UsageError("usage.stdin-filename")
    if stdin and (args.fix or args.unsafe_fixes or args.diff):
        raise UsageError("usage.stdin-fix")
    # The configuration of the first path decides what is for the whole run: `lang` (unless
    # --lang says it; before GAONB_LINT_LANG, see gaonb_lint.messages) and `disable-plugins`.
    first = (args.stdin_filename or os.path.join(os.getcwd(), "stdin.md")) if stdin else paths[0]
    run_cfg = finder.for_path(first) if (stdin or os.path.exists(first)) else None
    if run_cfg is not None and not args.lang:
        lang = resolve_lang(None, run_cfg.lang)
        set_lang(lang)
    disabled = run_cfg.disable_plugins if run_cfg is not None else []
    host = load_host(disabled=disabled, trace=args.debug)
    output_format = _output_format(args.format or DEFAULT_FORMAT, host)
    if args.format_version:
        from gaonb_lint import official_format

        if args.format_version not in official_format.version_ids():
            raise UsageError("usage.format-version", versions=list(official_format.version_ids()),
                             value=args.format_version)
    checker = Checker(host, lang, select, ignore, args.format_version, args.debug,
                      packs_from=[finder.for_path(p) for p in (args.paths or ["."]) if os.path.exists(p)])
    checker.set_pass = bool(host.report_set_rules) and not stdin
    if args.fix or args.unsafe_fixes or args.diff:
        checker.fix_mode = "unsafe" if args.unsafe_fixes else "safe"
        checker.diff = args.diff
    cache_spec = None
    if not (stdin or args.no_cache or os.environ.get("GAONB_LINT_NO_CACHE") or checker.fix_mode):
        from gaonb_lint.cache import Cache, directory_for, run_key

        cache_spec = (directory_for(run_cfg or finder.for_path(".")),
                      run_key(host, lang, select, ignore, args.format_version))
        checker.cache = Cache(*cache_spec)

    diags: List[Diagnostic] = []
    errors: List[Dict[str, str]] = []
    files = 0
    checked: List[Tuple[str, Config, Dict[str, Extract]]] = []
    deferred: Dict[str, Any] = {}  # path -> the suppression comments report-set findings may use
    identities: Dict[str, Any] = {}  # of the checked files: (body key, year), None when unknown
    paths_checked: List[str] = []
    fixed = 0
    diffs: List[str] = []
    lines: Dict[str, Dict[int, str]] = {}
    ran: Dict[str, List[str]] = {}
    # A plugin problem is its own kind of error, named as a plugin (not as a file).
    plugin_errors = [{"plugin": p.plugin, "message": Message("plugin.load-failed", plugin=p.plugin,
                                                             error=p.error).render(lang)}
                     for p in host.load_problems]
    for e in plugin_errors:
        sys.stderr.write(line("error", e["message"], lang) + "\n")
    skipped: Dict[str, List[str]] = {}
    if stdin:
        results = iter([_check_stdin(checker, finder, args)])
    else:
        spec = {"config": args.config, "isolated": args.isolated, "lang": lang, "select": select,
                "ignore": ignore, "forced_version": args.format_version, "debug": args.debug,
                "disabled": disabled, "fix_mode": checker.fix_mode, "diff": checker.diff, "cache": cache_spec,
                "set_pass": checker.set_pass}
        items = _skip_optional(discover(paths, finder, args.force_exclude), set(paths), checker, skipped)
        progress = Progress.start(lang) if not args.quiet else None
        if progress is not None:
            items = list(items)
            progress.total = sum(1 for _, problem in items if problem is None)
        results = _results(items, checker, finder, getattr(args, "jobs", 1), spec)
        if progress is not None:
            results = progress.wrap(results)
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
            if getattr(found, "cached", False):
                notes = notes + ("；" if lang == "zh" else "; ") * bool(notes) + Message("run.cached").render(lang)
            sys.stderr.write(verbose + ("；" if lang == "zh" else "; ") * bool(notes) + notes + "\n")
        if getattr(found, "note", None):
            sys.stderr.write(line("warning", found.note, lang) + "\n")
        fixed += getattr(found, "fixed", 0)
        if getattr(found, "diff", ""):
            diffs.append(found.diff)
        if checker.cache is not None and getattr(found, "cache_key", None) and not found.cached \
                and not any(d.rule == PLUGIN_ERROR.slug for d in found) \
                and getattr(found, "deferred", None) is None:  # a crash may not recur; comments wait
            checker.cache.put(path, *found.cache_key, found)
        diags.extend(found)
        paths_checked.append(path)
        lines[path] = getattr(found, "lines", {})
        ran[path] = getattr(found, "ran", [])
        if checker.set_pass:
            checked.append((path, finder.for_path(path), getattr(found, "extracts", {})))
            if getattr(found, "deferred", None) is not None:
                deferred[path] = found.deferred
            identities[path] = getattr(found, "identity", None)
    if checked:
        from gaonb_lint import history

        search = history.Search(
            known=identities,
            root_of=lambda p: history.repository_root(p, finder.for_path(p)),
            read=lambda p: read_path(p, checker.readers, finder.for_path(p).max_file_size),
            pattern_of=lambda p: finder.for_path(p).previous_report,
            suffixes=frozenset(checker.readers),
            wanted=lambda p: _is_report_file(finder.for_path(p), p),
            skip_dir=lambda p: finder.for_path(p).is_excluded(p),
            heads=checker.cache)
        history.configure(search)
        try:
            diags.extend(checker.check_set(checked, deferred))
        finally:
            history.configure(None)
        if args.verbose:
            for note in search.notes:
                sys.stderr.write((note.get(lang) or note["zh"] if isinstance(note, dict) else note) + "\n")
    if checker.cache is not None:
        checker.cache.save()

    for extra, names in skipped.items():
        sys.stderr.write(line("info", Message("run.skipped-optional", n=len(names), extra=extra,
                                              command=f"pip install 'gaonb-lint[{extra}]'"), lang) + "\n")
        if args.verbose:
            sys.stderr.writelines(f"  {name}\n" for name in names)
    errors = plugin_errors + errors
    from gaonb_lint.results import RunResult

    diags.sort(key=Diagnostic.sort_key)
    if args.write_baseline:
        from gaonb_lint import baseline

        n = baseline.write(args.write_baseline, diags)
        sys.stderr.write(Message("baseline.written", n=n, path=args.write_baseline).render(lang) + "\n")
        return EXIT_ERROR if errors else EXIT_CLEAN
    if args.baseline:
        from gaonb_lint import baseline

        diags, gone = baseline.apply(args.baseline, diags, paths_checked)
        if args.verbose and gone:
            sys.stderr.write("\n".join(baseline.fixed_lines(gone, lang)) + "\n")
    result = RunResult(diags, files, errors, checker.all_known(), lang,
                       args.quiet, args.statistics, paths=paths_checked, lines=lines, ran=ran,
                       docs_url=getattr(run_cfg, "docs_url", None))
    result.fixed = fixed
    if args.diff:
        return _print_diffs(diffs, fixed, errors, lang)
    write_output(output_format, result, args.output_file)
    if errors:
        return EXIT_ERROR
    if args.exit_zero:
        return EXIT_CLEAN
    return EXIT_FINDINGS if result.failing else EXIT_CLEAN


def _check_stdin(checker: Checker, finder: ConfigFinder, args):
    """``check -``: the report on standard input, named (for configuration, the reader and the
    messages) by ``--stdin-filename``; Markdown when unnamed."""
    from gaonb_lint.readers import read_text
    from gaonb_lint.readers.decode import decode

    name = args.stdin_filename or "-"
    cfg = finder.for_path(args.stdin_filename or os.path.join(os.getcwd(), "stdin.md"))
    if args.stdin_filename and args.force_exclude and cfg.is_excluded(name):
        return name, None, Found()
    try:
        data = sys.stdin.buffer.read(cfg.max_file_size + 1)
        if len(data) > cfg.max_file_size:
            raise GaonbError("input.stdin-too-large", path=name, limit=f"{cfg.max_file_size / 1048576:.1f}")
        text, encoding = decode(name, data)
        suffix = os.path.splitext(args.stdin_filename or "")[1].lower()
        reader_path = name if suffix in checker.readers else name + ".md"
        report = read_text(reader_path, text, checker.readers)
        report.path, report.encoding = name, encoding
        return name, None, checker.check_report(report, cfg, checker.enabled(cfg, name))
    except ConfigError:
        raise
    except GaonbError as e:
        return name, None, str(e)


class Progress:
    """``checked/total`` on stderr, rewritten in place: only for a terminal (never in pre-commit
    or CI, whose stderr is a pipe or a file), and only for more than a handful of files."""

    MIN_FILES = 6
    INTERVAL = 0.1

    def __init__(self, lang: str):
        self.lang = lang
        self.total = 0
        self.shown = 0.0

    @classmethod
    def start(cls, lang: str) -> Optional["Progress"]:
        try:
            return cls(lang) if sys.stderr.isatty() else None
        except (AttributeError, ValueError):
            return None

    def wrap(self, results):
        import time

        if self.total < self.MIN_FILES:
            yield from results
            return
        done = 0
        try:
            for item in results:
                if item[1] is None:
                    done += 1
                now = time.monotonic()
                if now - self.shown >= self.INTERVAL or done == self.total:
                    self.shown = now
                    label = "检查中" if self.lang == "zh" else "checking"
                    sys.stderr.write(f"\r{label} {done}/{self.total}\x1b[K")
                    sys.stderr.flush()
                yield item
        finally:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()


DEFAULT_FORMAT = "full"


def _print_diffs(diffs: List[str], fixable: int, errors, lang: str) -> int:
    """``--diff``: the fixes as one unified diff on stdout (nothing written); exit 1 when there is
    something to fix, as a CI check that the files are already fixed."""
    sys.stdout.write("".join(diffs))
    sys.stdout.flush()
    if diffs:
        sys.stderr.write(Message("fix.diff-summary", n=fixable).render(lang) + "\n")
    if errors:
        return EXIT_ERROR
    return EXIT_FINDINGS if diffs else EXIT_CLEAN


def _output_format(name: str, host: Host):
    from gaonb_lint import formats

    extra = list(host.output_formats)
    try:
        return formats.get(name, extra)
    except KeyError:
        raise UsageError("usage.unknown-format", value=name, known=formats.names(extra)) from None


def use_color(stream) -> bool:
    """Colour only for a terminal, and never when ``NO_COLOR`` is set (https://no-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _encodable(text: str, stream) -> str:
    """``text`` as ``stream`` can print it: on a console that cannot show Chinese (an ASCII or GBK
    locale) the characters it lacks become ``\\uXXXX`` escapes instead of a traceback."""
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        text.encode(encoding)
        return text
    except UnicodeEncodeError:
        # Every non-ASCII character as \\uXXXX (astral ones as a surrogate pair): readable, the
        # same in every console encoding, and still valid JSON for the machine formats.
        return "".join(ch if ord(ch) < 128 else _u_escape(ord(ch)) for ch in text)
    except LookupError:
        return text


def _u_escape(code: int) -> str:
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def _render(output_format, result, out) -> None:
    """A built-in format renders directly; a plugin's runs isolated: one that raises or hangs is
    one error line naming the plugin."""
    if not getattr(output_format, "plugin", ""):
        output_format.render(result, out)
        return
    from gaonb_lint import isolation

    try:
        isolation.call(output_format.render, result, out)
    except isolation.PluginFailure as e:
        raise PluginError("plugin.format-failed", format=output_format.name, plugin=output_format.plugin,
                          error=str(e)) from None


def write_output(output_format, result, output_file: Optional[str]) -> None:
    """Print ``result`` to stdout, or write it atomically to ``output_file`` (UTF-8)."""
    import io

    buf = io.StringIO()
    if not output_file:
        result.color = use_color(sys.stdout)
        _render(output_format, result, buf)
        sys.stdout.write(_encodable(buf.getvalue(), sys.stdout))
        sys.stdout.flush()
        return
    from gaonb_lint.atomic import write_atomic

    _render(output_format, result, buf)
    write_atomic(output_file, buf.getvalue().encode("utf-8"))  # a failure is one GaonbError line
