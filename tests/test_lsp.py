"""The language server end to end: a real LSP client (pytest-lsp's) talks to ``gaonb-lint server``
in a subprocess over stdio, exactly as an editor does."""
from __future__ import annotations

import asyncio
import json
import os
import shutil
import sys
from pathlib import Path
from typing import Any, Dict, List, Optional

import pytest

from conftest import run_cli

pytest.importorskip("pygls")
pytest_lsp = pytest.importorskip("pytest_lsp")
from lsprotocol import types as lsp  # noqa: E402
from pygls import uris  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
TIMEOUT = 30


class Session:
    """A started server with an initialized client; positions in UTF-16 (the client offers no
    other encoding, as VS Code does)."""

    def __init__(self, root: Path, init_options: Optional[dict] = None, env: Optional[dict] = None):
        self.root = root
        self.init_options = init_options
        self.env = env
        self.client = pytest_lsp.make_test_lsp_client()
        self.versions: Dict[str, int] = {}
        self.counts: Dict[str, int] = {}
        self.last_version: Dict[str, Optional[int]] = {}

    async def __aenter__(self) -> "Session":
        env = {k: v for k, v in os.environ.items() if k != "GAONB_LINT_LANG"}
        env.update(self.env or {})
        self.track()
        await self.client.start_io(sys.executable, "-m", "gaonb_lint", "server", cwd=str(self.root), env=env)
        caps = pytest_lsp.client_capabilities("visual-studio-code")
        await self.client.initialize_session(lsp.InitializeParams(
            capabilities=caps, root_uri=uris.from_fs_path(str(self.root)),
            initialization_options=self.init_options, locale="zh-cn"))
        return self

    async def __aexit__(self, *exc: Any) -> None:
        await self.client.shutdown_session()

    async def published(self, uri: str, version: Optional[int] = None) -> List[lsp.Diagnostic]:
        """Wait for the next diagnostics published for ``uri`` (of ``version``, when given)."""
        seen = self.counts.get(uri, 0)

        async def wait() -> List[lsp.Diagnostic]:
            while True:
                await self.client.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
                if self.counts.get(uri, 0) > seen and (version is None or self.last_version.get(uri) == version):
                    return list(self.client.diagnostics[uri])

        return await asyncio.wait_for(wait(), TIMEOUT)

    def track(self) -> None:
        """Count the diagnostics notifications per document, with their versions."""
        original = self.client.protocol.fm.features[lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS]

        def on_publish(*args):
            params = args[-1]
            self.last_version[params.uri] = params.version
            self.counts[params.uri] = self.counts.get(params.uri, 0) + 1
            return original(*args)

        self.client.protocol.fm.features[lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = on_publish

    def open(self, path: Path, text: Optional[str] = None, language: str = "markdown") -> str:
        uri = uris.from_fs_path(str(path))
        self.versions[uri] = 1
        self.client.text_document_did_open(lsp.DidOpenTextDocumentParams(lsp.TextDocumentItem(
            uri=uri, language_id=language, version=1,
            text=path.read_text(encoding="utf-8") if text is None else text)))
        return uri

    def change(self, uri: str, text: str) -> int:
        self.versions[uri] += 1
        self.client.text_document_did_change(lsp.DidChangeTextDocumentParams(
            text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=self.versions[uri]),
            content_changes=[lsp.TextDocumentContentChangeWholeDocument(text=text)]))
        return self.versions[uri]

    async def code_actions(self, uri: str, diagnostic: lsp.Diagnostic) -> Optional[List[Any]]:
        """The actions offered for ``diagnostic``, asked for on its range as an editor does."""
        return await self.client.text_document_code_action_async(lsp.CodeActionParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri), range=diagnostic.range,
            context=lsp.CodeActionContext(diagnostics=[diagnostic])))


def run(coro):
    return asyncio.run(coro)


def utf16(line: str, column: int) -> int:
    """A 1-based code-point column of ``line`` as a 0-based UTF-16 character (written out
    independently of the server's own conversion)."""
    return len(line[:column - 1].encode("utf-16-le")) // 2


def expected_ranges(path: Path, text: str) -> List[tuple]:
    code, out, err = run_cli(["check", "--format", "json", str(path)], cwd=str(path.parent))
    assert code in (0, 1), err
    lines = text.split("\n")
    found = []
    for d in json.loads(out)["diagnostics"]:
        found.append((d["code"], d["message"], d["line"] - 1, utf16(lines[d["line"] - 1], d["column"]),
                      d["end_line"] - 1, utf16(lines[d["end_line"] - 1], d["end_column"])))
    return sorted(found)


def got_ranges(diags: List[lsp.Diagnostic]) -> List[tuple]:
    return sorted((d.code, d.message, d.range.start.line, d.range.start.character,
                   d.range.end.line, d.range.end.character) for d in diags)


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    (tmp_path / ".gaonb-lint.toml").write_text('select = ["ALL"]\n', encoding="utf-8")
    return tmp_path


@pytest.fixture
def report(workspace: Path) -> Path:
    """The mistakes example in the workspace: something for most rules to report."""
    path = workspace / "report.md"
    shutil.copy(REPO / "examples" / "mistakes-2025.md", path)
    return path


def test_open_gives_exactly_the_diagnostics_of_check_with_utf16_ranges(workspace: Path):
    text = (REPO / "examples" / "mistakes-2025.md").read_text(encoding="utf-8")
    lines = text.split("\n")
    # Characters outside the BMP before and inside findings: one code point, two UTF-16 units.
    lines[9] = "𠀀𠀁" + lines[9]
    lines[97] = lines[97].replace("存在问题", "存在𠀂问题")
    text = "\n".join(lines)
    report = workspace / "report.md"
    report.write_text(text, encoding="utf-8")
    expected = expected_ranges(report, text)
    assert any(e[0] == "GL301" for e in expected) and any(e[0] == "GL101" for e in expected)

    async def go():
        async with Session(workspace) as s:
            uri = s.open(report)
            diags = await s.published(uri)
            assert got_ranges(diags) == expected
            period = next(d for d in diags if d.code == "GL301")
            assert period.range.start.character == 56 + 2 * 2  # column 57 after two surrogate pairs
            assert period.severity == lsp.DiagnosticSeverity.Error and period.source == "gaonb-lint"
            assert period.code_description is not None
            assert period.code_description.href.endswith("/docs/rules/statistics-period.md")
    run(go())


def test_change_is_relinted_and_a_quick_fix_removes_the_diagnostic(workspace: Path, report: Path):
    text = report.read_text(encoding="utf-8")

    async def go():
        async with Session(workspace) as s:
            uri = s.open(report)
            diags = await s.published(uri, 1)
            assert sum(d.code == "GL201" for d in diags) == 1
            # An edit that makes the period complete: the GL301 finding goes, the rest stays.
            fixed_period = text.replace("本报告数据统计截至2025年12月31日", "本报告统计期限为2025年1月1日至2025年12月31日")
            version = s.change(uri, fixed_period)
            diags = await s.published(uri, version)
            assert not any(d.code == "GL301" for d in diags)
            label = next(d for d in diags if d.code == "GL201")
            actions = await s.code_actions(uri, label)
            fixes = [a for a in actions if a.edit and label.message in a.title]
            # The official spelling of a misspelled label is a safe fix (issue 12): a quick fix.
            assert len(fixes) == 1 and fixes[0].kind == lsp.CodeActionKind.QuickFix
            edit = fixes[0].edit.changes[uri][0]
            assert edit.new_text == "现行有效件数"
            new_text = apply_edits(fixed_period, [edit])
            version = s.change(uri, new_text)
            diags = await s.published(uri, version)
            assert not any(d.code == "GL201" for d in diags)
            assert any(d.code == "GL101" for d in diags)
    run(go())


def test_disable_for_this_line_writes_a_comment_that_suppresses(workspace: Path, report: Path):
    text = report.read_text(encoding="utf-8")

    async def go():
        async with Session(workspace) as s:
            uri = s.open(report)
            diags = await s.published(uri, 1)
            for code, kind in (("GL101", "disable-next-line"), ("GL201", "disable")):
                target = next(d for d in diags if d.code == code)
                actions = await s.code_actions(uri, target)
                disable = [a for a in actions if "禁用" in a.title and target.data["rule"] in a.title]
                assert disable, [a.title for a in actions]
                edits = disable[0].edit.changes[uri]
                assert f"gaonb-lint-{kind} {target.data['rule']}" in edits[0].new_text
                before = sum(d.code == code for d in diags)
                text_now = apply_edits(s_text[0], edits)
                s_text[0] = text_now
                version = s.change(uri, text_now)
                diags = await s.published(uri, version)
                assert sum(d.code == code for d in diags) == before - 1
                assert not any(d.code == "GL901" for d in diags)  # the comment is used, not stale

    s_text = [text]
    run(go())


def test_hover_shows_the_rule_explanation(workspace: Path, report: Path):
    async def go():
        async with Session(workspace) as s:
            uri = s.open(report)
            diags = await s.published(uri)
            fee = next(d for d in diags if d.code == "GL302")
            hover = await s.client.text_document_hover_async(lsp.HoverParams(
                text_document=lsp.TextDocumentIdentifier(uri=uri), position=fee.range.start))
            assert hover is not None and "GL302" in hover.contents.value and "信息处理费" in hover.contents.value
    run(go())


def test_a_crashing_plugin_is_gl900_and_the_server_keeps_serving(workspace: Path, report: Path, tmp_path_factory):
    plugins = tmp_path_factory.mktemp("plugins")
    (plugins / "crashy_plugin.py").write_text(
        "from gaonb_lint.api import Rule, hookimpl\n"
        "import os\n"
        "def check(report, ctx):\n"
        "    if 'EXIT' in report.text:\n"
        "        raise SystemExit(3)\n"
        "    raise ZeroDivisionError('boom')\n"
        "@hookimpl\n"
        "def gaonb_lint_rules():\n"
        "    return [Rule(slug='crashy', code='ZZ101', summary={'zh': '崩溃', 'en': 'crash'},\n"
        "                 messages={}, check=check, doc='')]\n", encoding="utf-8")
    dist = plugins / "crashy_plugin-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: crashy-plugin\nVersion: 1.0\n", encoding="utf-8")
    (dist / "entry_points.txt").write_text("[gaonb_lint]\ncrashy = crashy_plugin\n", encoding="utf-8")

    async def go():
        async with Session(workspace, env={"PYTHONPATH": str(plugins)}) as s:
            uri = s.open(report)
            diags = await s.published(uri, 1)
            assert any(d.code == "GL900" and "crashy" in d.message for d in diags), [d.message for d in diags]
            assert any(d.code == "GL101" for d in diags)  # the other rules still ran
            # A plugin that ends the process: still a GL900 on the document, and the server lives.
            version = s.change(uri, report.read_text(encoding="utf-8") + "\nEXIT\n")
            diags = await s.published(uri, version)
            assert any(d.code == "GL900" for d in diags), [d.message for d in diags]
            version = s.change(uri, report.read_text(encoding="utf-8") + "\n")
            diags = await s.published(uri, version)  # still alive and serving
            assert any(d.code == "GL101" for d in diags)
    run(go())


def test_broken_configuration_is_shown_on_the_config_file_and_picked_up_when_fixed(workspace: Path, report: Path):
    config = workspace / ".gaonb-lint.toml"

    async def go():
        async with Session(workspace) as s:
            uri = s.open(report)
            diags = await s.published(uri, 1)
            assert any(d.code == "GL101" for d in diags)
            config.write_text('select = ["ALL"]\n\n[severity]\n"required-sections" = "fatal"\n', encoding="utf-8")
            s.client.workspace_did_change_watched_files(lsp.DidChangeWatchedFilesParams(changes=[
                lsp.FileEvent(uri=uris.from_fs_path(str(config)), type=lsp.FileChangeType.Changed)]))
            config_uri = uris.from_fs_path(str(config))
            on_config = await s.published(config_uri)
            assert len(on_config) == 1 and on_config[0].range.start.line == 3  # the offending line
            assert "fatal" in on_config[0].message
            await asyncio.sleep(0.2)
            assert any("配置" in m.message for m in s.client.messages), s.client.messages
            # Fixed without a restart: the severity now applies, the config file is clean again.
            config.write_text('select = ["ALL"]\n\n[severity]\n"required-sections" = "warning"\n', encoding="utf-8")
            s.client.workspace_did_change_watched_files(lsp.DidChangeWatchedFilesParams(changes=[
                lsp.FileEvent(uri=uris.from_fs_path(str(config)), type=lsp.FileChangeType.Changed)]))
            diags = await s.published(uri, 1)
            assert list(s.client.diagnostics.get(config_uri)) == []
            assert all(d.severity == lsp.DiagnosticSeverity.Warning for d in diags if d.code == "GL101")
    run(go())


def test_settings_from_the_client_change_language_and_selection(workspace: Path, report: Path):
    async def go():
        async with Session(workspace, init_options={"lang": "en"}) as s:
            uri = s.open(report)
            diags = await s.published(uri, 1)
            assert any("section" in d.message for d in diags if d.code == "GL101")
            s.client.workspace_did_change_configuration(lsp.DidChangeConfigurationParams(
                settings={"gaonb-lint": {"lang": "zh", "select": ["fee-statement"]}}))
            diags = await s.published(uri, 1)
            assert {d.code for d in diags} == {"GL302"} and "信息处理费" in diags[0].message
    run(go())


def test_server_without_the_extra_is_one_line(tmp_path: Path):
    # pygls hidden from the interpreter: the command says which extra to install.
    shadow = tmp_path / "shadow"
    (shadow / "pygls").mkdir(parents=True)
    (shadow / "pygls" / "__init__.py").write_text("raise ImportError('hidden')\n", encoding="utf-8")
    code, out, err = run_cli(["server"], env={"PYTHONPATH": str(shadow)})
    assert code == 2 and err.count("\n") == 1 and "gaonb-lint[lsp]" in err and "Traceback" not in err


def apply_edits(text: str, edits: List[lsp.TextEdit]) -> str:
    """Apply LSP edits (UTF-16 positions) to ``text``, last first."""
    lines = text.split("\n")

    def offset(pos: lsp.Position) -> int:
        line = lines[pos.line] if pos.line < len(lines) else ""
        units, col = 0, 0
        while col < len(line) and units < pos.character:
            units += 2 if ord(line[col]) > 0xFFFF else 1
            col += 1
        return sum(len(x) + 1 for x in lines[:pos.line]) + col

    for e in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        text = text[:offset(e.range.start)] + e.new_text + text[offset(e.range.end):]
    return text
