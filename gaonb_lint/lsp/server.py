"""``gaonb-lint server``: a Language Server over stdio (pygls).

Diagnostics are published on open, on change (debounced: a burst of keystrokes is linted once)
and on save, for every suffix gaonb-lint reads from text.  Each document is checked exactly as
``gaonb-lint check`` checks its file: the nearest configuration, the same rules, the same
messages.  Nothing a rule or a plugin does can stop the server: a failure becomes a ``GL900``
diagnostic on the document, a broken configuration a diagnostic on the configuration file and a
window message.
"""
from __future__ import annotations

import asyncio
import os
import traceback
from typing import Any, Dict, List, Optional, Tuple

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer

from gaonb_lint import __version__
from gaonb_lint.diagnostics import Diagnostic
from gaonb_lint.lsp.engine import Engine, Outcome, Problem
from gaonb_lint.lsp.positions import LineIndex

SOURCE = "gaonb-lint"
CONFIG_NAMES = ("pyproject.toml", ".gaonb-lint.toml")
SEVERITY = {"error": lsp.DiagnosticSeverity.Error, "warning": lsp.DiagnosticSeverity.Warning,
            "info": lsp.DiagnosticSeverity.Information}
# Sources whose suppression comments gaonb-lint reads (see gaonb_lint/suppress.py).
SUPPRESSIBLE = (".md", ".markdown", ".html", ".htm")

TEXTS = {
    "fix": {"zh": "修复：{message}", "en": "Fix: {message}"},
    "unsafe": {"zh": "修复（需核对）：{message}", "en": "Fix (review it): {message}"},
    "disable-line": {"zh": "在此行禁用 {rule}", "en": "Disable {rule} for this line"},
    "disable-table": {"zh": "在此表格中禁用 {rule}", "en": "Disable {rule} for this table"},
    "config": {"zh": "gaonb-lint 配置有误，已暂停检查：{message}",
               "en": "gaonb-lint configuration error, checking paused: {message}"},
    "plugins": {"zh": "gaonb-lint 插件无法加载：{message}", "en": "gaonb-lint plugin could not be loaded: {message}"},
    "crash": {"zh": "gaonb-lint 检查此文件时出错（已记录到输出面板）：{error}",
              "en": "gaonb-lint failed on this file (details in the output log): {error}"},
}


def text(key: str, lang: str, **params: Any) -> str:
    table = TEXTS[key]
    return (table.get(lang) or table["zh"]).format(**params)


class Linted:
    """The last published result of one document, kept for code actions and hover."""

    def __init__(self, version: Optional[int], diagnostics: List[Diagnostic], index: LineIndex, lang: str):
        self.version = version
        self.diagnostics = diagnostics
        self.index = index
        self.lang = lang


class GaonbLanguageServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("gaonb-lint", __version__)
        self.engine: Optional[Engine] = None
        self.linted: Dict[str, Linted] = {}
        self.pending: Dict[str, asyncio.Task] = {}
        self.config_uris: Dict[str, str] = {}  # configuration file uri → message shown there
        self.shown: set = set()  # window messages already shown (one per distinct problem)

    # -- linting -------------------------------------------------------------------------
    def encoding(self) -> str:
        enc = getattr(self.server_capabilities, "position_encoding", None) or "utf-16"
        return str(getattr(enc, "value", enc))

    def lint(self, uri: str) -> None:
        doc = self.workspace.get_text_document(uri)
        if self.engine is None or not doc.path:
            return
        source = doc.source
        try:
            outcome = self.engine.lint(doc.path, source)
        except BaseException as e:  # noqa: B902 - a plugin's SystemExit must not end the server
            if isinstance(e, KeyboardInterrupt):
                raise
            self.window_log_message(lsp.LogMessageParams(lsp.MessageType.Error, traceback.format_exc()))
            outcome = Outcome(problem=Problem(text("crash", self.engine.lang_for(None),
                                                   error=f"{type(e).__name__}: {e}"), code="GL900"))
        index = LineIndex(source, self.encoding())
        if outcome.problem is not None and outcome.problem.path is not None:
            self.show_config_problem(outcome.problem, outcome.lang)
            diags: List[lsp.Diagnostic] = []
            self.linted[uri] = Linted(doc.version, [], index, outcome.lang)
        else:
            self.clear_config_problems()
            diags = [self.to_lsp(d, index) for d in outcome.diagnostics]
            if outcome.problem is not None:  # the document cannot be read as a report
                diags.append(lsp.Diagnostic(range=lsp.Range(lsp.Position(0, 0), lsp.Position(0, 0)),
                                            message=outcome.problem.message, source=SOURCE,
                                            code=outcome.problem.code, severity=lsp.DiagnosticSeverity.Error))
            self.linted[uri] = Linted(doc.version, outcome.diagnostics, index, outcome.lang)
        self.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(uri=uri, diagnostics=diags, version=doc.version))

    def to_lsp(self, d: Diagnostic, index: LineIndex) -> lsp.Diagnostic:
        start = index.to_lsp(d.span.line, d.span.column)
        end = index.to_lsp(d.span.end_line, d.span.end_column)
        href = doc_url(d.rule)
        return lsp.Diagnostic(
            range=lsp.Range(lsp.Position(*start), lsp.Position(*end)),
            message=d.message, severity=SEVERITY.get(d.severity, lsp.DiagnosticSeverity.Error),
            code=d.code, code_description=lsp.CodeDescription(href=href) if href else None,
            source=SOURCE, data={"rule": d.rule})

    def show_config_problem(self, problem: Problem, lang: str) -> None:
        uri = path_to_uri(problem.path)
        if self.config_uris.get(uri) != problem.message:
            self.config_uris[uri] = problem.message
            line0 = max(0, problem.line - 1)
            self.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[
                lsp.Diagnostic(range=lsp.Range(lsp.Position(line0, 0), lsp.Position(line0 + 1, 0)),
                               message=problem.message, source=SOURCE, severity=lsp.DiagnosticSeverity.Error)]))
        self.show_once(text("config", lang, message=problem.message), lsp.MessageType.Error)

    def clear_config_problems(self) -> None:
        for uri in list(self.config_uris):
            del self.config_uris[uri]
            self.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[]))
        self.shown.clear()

    def show_once(self, message: str, kind: lsp.MessageType) -> None:
        if message not in self.shown:
            self.shown.add(message)
            self.window_show_message(lsp.ShowMessageParams(type=kind, message=message))

    def schedule(self, uri: str, delay: float) -> None:
        """Lint ``uri`` after ``delay`` seconds unless another change arrives first."""
        task = self.pending.pop(uri, None)
        if task is not None:
            task.cancel()

        async def later() -> None:
            try:
                await asyncio.sleep(delay)
            except asyncio.CancelledError:
                return
            self.pending.pop(uri, None)
            self.lint(uri)

        self.pending[uri] = asyncio.get_running_loop().create_task(later())

    def relint_all(self) -> None:
        for uri in list(self.workspace.text_documents):
            if uri in self.linted:
                self.lint(uri)


server = GaonbLanguageServer()


def path_to_uri(path: str) -> str:
    from pygls import uris

    return uris.from_fs_path(os.path.abspath(path)) or path


def doc_url(rule: str) -> Optional[str]:
    """The rule's documentation page: ``docs/rules/<rule>.md`` of the checkout gaonb-lint runs
    from, when it has one (a built-in rule); nothing otherwise."""
    here = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    page = os.path.join(here, "docs", "rules", f"{rule}.md")
    return path_to_uri(page) if os.path.isfile(page) else None


# -- lifecycle -------------------------------------------------------------------------------
@server.feature(lsp.INITIALIZE)
def initialize(ls: GaonbLanguageServer, params: lsp.InitializeParams) -> None:
    ls.engine = Engine(params.locale)
    ls.engine.update_settings(params.initialization_options)
    for p in ls.engine.host.load_problems:
        ls.show_once(text("plugins", ls.engine.lang_for(None), message=f"{p.plugin}: {p.error}"),
                     lsp.MessageType.Error)


@server.feature(lsp.INITIALIZED)
async def initialized(ls: GaonbLanguageServer, params: lsp.InitializedParams) -> None:
    dynamic = getattr(getattr(getattr(ls.client_capabilities, "workspace", None), "did_change_watched_files", None),
                      "dynamic_registration", False)
    if dynamic:  # configuration files and rule packs changed outside the editor
        watchers = [lsp.FileSystemWatcher(glob_pattern=f"**/{name}") for name in CONFIG_NAMES]
        watchers.append(lsp.FileSystemWatcher(glob_pattern="**/*.toml"))
        try:
            await ls.client_register_capability_async(lsp.RegistrationParams(registrations=[lsp.Registration(
                id="gaonb-lint-config", method=lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                register_options=lsp.DidChangeWatchedFilesRegistrationOptions(watchers=watchers))]))
        except Exception:  # a client that refuses: configuration is still re-read at every lint
            pass


# -- documents -------------------------------------------------------------------------------
@server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: GaonbLanguageServer, params: lsp.DidOpenTextDocumentParams) -> None:
    ls.lint(params.text_document.uri)


@server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: GaonbLanguageServer, params: lsp.DidChangeTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri, ls.engine.debounce() if ls.engine else 0.03)


@server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: GaonbLanguageServer, params: lsp.DidSaveTextDocumentParams) -> None:
    uri = params.text_document.uri
    if os.path.basename(uri).endswith(".toml"):  # a configuration file or a rule pack
        ls.relint_all()
    else:
        ls.lint(uri)


@server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: GaonbLanguageServer, params: lsp.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    task = ls.pending.pop(uri, None)
    if task is not None:
        task.cancel()
    if ls.linted.pop(uri, None) is not None:
        ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[]))


@server.feature(lsp.WORKSPACE_DID_CHANGE_CONFIGURATION)
async def did_change_configuration(ls: GaonbLanguageServer, params: lsp.DidChangeConfigurationParams) -> None:
    if ls.engine is None:
        return
    settings = params.settings
    if not (isinstance(settings, dict) and "gaonb-lint" in settings):
        try:  # the pull model: the notification only says that something changed
            got = await ls.workspace_configuration_async(
                lsp.ConfigurationParams(items=[lsp.ConfigurationItem(section="gaonb-lint")]))
            settings = got[0] if got else None
        except Exception:
            settings = None
    ls.engine.update_settings(settings)
    ls.relint_all()


@server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
def did_change_watched_files(ls: GaonbLanguageServer, params: lsp.DidChangeWatchedFilesParams) -> None:
    ls.relint_all()


# -- code actions and hover ------------------------------------------------------------------
def _overlaps(d: Diagnostic, index: LineIndex, rng: lsp.Range) -> bool:
    start = index.to_lsp(d.span.line, d.span.column)
    end = index.to_lsp(d.span.end_line, d.span.end_column)
    lo = (rng.start.line, rng.start.character)
    hi = (rng.end.line, rng.end.character)
    return start <= hi and lo <= end


@server.feature(lsp.TEXT_DOCUMENT_CODE_ACTION, lsp.CodeActionOptions(
    code_action_kinds=[lsp.CodeActionKind.QuickFix, lsp.CodeActionKind.RefactorRewrite]))
def code_action(ls: GaonbLanguageServer, params: lsp.CodeActionParams) -> List[lsp.CodeAction]:
    uri = params.text_document.uri
    linted = ls.linted.get(uri)
    if linted is None:
        return []
    doc = ls.workspace.get_text_document(uri)
    if doc.version is not None and linted.version is not None and doc.version != linted.version:
        return []  # the text changed since the last lint: its edits would land in the wrong place
    index, lang = linted.index, linted.lang
    actions: List[lsp.CodeAction] = []
    suppressions: Dict[Tuple[str, int], lsp.CodeAction] = {}
    for d in linted.diagnostics:
        if not _overlaps(d, index, params.range):
            continue
        lsp_diag = ls.to_lsp(d, index)
        if d.fix is not None:
            fix = d.fix
            rng = lsp.Range(lsp.Position(*index.to_lsp(fix["line"], fix["column"])),
                            lsp.Position(*index.to_lsp(fix["end_line"], fix["end_column"])))
            safe = bool(fix.get("safe", True))
            actions.append(lsp.CodeAction(
                title=text("fix" if safe else "unsafe", lang, message=d.message),
                kind=lsp.CodeActionKind.QuickFix if safe else lsp.CodeActionKind.RefactorRewrite,
                diagnostics=[lsp_diag], is_preferred=safe,
                edit=lsp.WorkspaceEdit(changes={uri: [lsp.TextEdit(rng, fix["replacement"])]})))
        if os.path.splitext(doc.path or "")[1].lower() in SUPPRESSIBLE and d.rule != "unused-suppression":
            action = suppression_action(uri, index, d, lang)
            key = (d.rule, action.edit.changes[uri][0].range.start.line)
            if key in suppressions:
                suppressions[key].diagnostics.append(lsp_diag)
            else:
                action.diagnostics = [lsp_diag]
                suppressions[key] = action
    return actions + list(suppressions.values())


def suppression_action(uri: str, index: LineIndex, d: Diagnostic, lang: str) -> lsp.CodeAction:
    """A ``disable-next-line`` comment above the finding's line; inside a Markdown table (where a
    comment line would cut the table in two) a ``disable``/``enable`` pair around the table."""
    lines = index.lines
    line0 = min(max(0, d.span.line - 1), len(lines) - 1)

    def is_row(i: int) -> bool:
        return 0 <= i < len(lines) and lines[i].lstrip().startswith("|")

    def indent(i: int) -> str:
        return lines[i][:len(lines[i]) - len(lines[i].lstrip())]

    if is_row(line0):
        first = line0
        while is_row(first - 1):
            first -= 1
        last = line0
        while is_row(last + 1):
            last += 1
        pad = indent(first)
        edits = [lsp.TextEdit(lsp.Range(lsp.Position(first, 0), lsp.Position(first, 0)),
                              f"{pad}<!-- gaonb-lint-disable {d.rule} -->\n")]
        end = lsp.Position(last + 1, 0) if last + 1 < len(lines) else lsp.Position(last, index.units(lines[last]))
        after = "" if last + 1 < len(lines) else "\n"
        edits.append(lsp.TextEdit(lsp.Range(end, end), f"{after}{pad}<!-- gaonb-lint-enable {d.rule} -->\n"))
        title = text("disable-table", lang, rule=d.rule)
    else:
        edits = [lsp.TextEdit(lsp.Range(lsp.Position(line0, 0), lsp.Position(line0, 0)),
                              f"{indent(line0)}<!-- gaonb-lint-disable-next-line {d.rule} -->\n")]
        title = text("disable-line", lang, rule=d.rule)
    return lsp.CodeAction(title=title, kind=lsp.CodeActionKind.QuickFix,
                          edit=lsp.WorkspaceEdit(changes={uri: edits}))


@server.feature(lsp.TEXT_DOCUMENT_HOVER)
def hover(ls: GaonbLanguageServer, params: lsp.HoverParams) -> Optional[lsp.Hover]:
    linted = ls.linted.get(params.text_document.uri)
    if linted is None or ls.engine is None:
        return None
    at = lsp.Range(params.position, params.position)
    seen: List[str] = []
    parts: List[str] = []
    for d in linted.diagnostics:
        if d.rule in seen or not _overlaps(d, linted.index, at):
            continue
        seen.append(d.rule)
        rule = ls.engine.rule(d.rule)
        if rule is not None:
            parts.append(explanation(rule, linted.lang))
    if not parts:
        return None
    return lsp.Hover(contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value="\n\n---\n\n".join(parts)))


def explanation(rule: Any, lang: str) -> str:
    """The rule's documentation in ``lang`` (as ``gaonb-lint explain`` prints it)."""
    doc_for = getattr(rule, "doc_for", None)
    doc = doc_for(lang) if callable(doc_for) else rule.doc
    summary = rule.summary.get(lang) or rule.summary.get("zh", "")
    return f"**{rule.code} {rule.slug}** — {summary}\n\n{(doc or '').strip()}"


def serve() -> int:
    server.start_io()
    return 0
