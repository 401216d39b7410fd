"""Editor latency of ``gaonb-lint server``: from a keystroke (``didChange``) to the diagnostics of
that version arriving at the client, on a 20 KB report, as an editor sees it.

    .venv/bin/python bench/lsp_latency.py [--changes 40] [--debounce SECONDS]

Needs the ``lsp`` extra (pygls).  Prints the start-up time (process start to the first
diagnostics), then the median and 90th percentile of the change latency with the server's default
debounce and with none (the lint itself).  Each change is one character typed in the prose, sent as
an incremental change, after the previous change's diagnostics arrived.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types as lsp
from pygls import uris
from pygls.lsp.client import LanguageClient

from gaonb_lint.lsp.engine import DEBOUNCE

REPO = Path(__file__).resolve().parent.parent
PROSE = "本机关坚持以公开为常态、不公开为例外，围绕重点领域信息公开、政策解读与回应关切，持续推进政务公开标准化规范化建设。"


def report_of(size: int) -> str:
    """The examples' report with prose added to section 一 until it is ``size`` bytes."""
    text = (REPO / "examples" / "mistakes-2025.md").read_text(encoding="utf-8")
    head, tail = text.split("## 二、", 1)
    extra = []
    while len((head + "".join(extra) + tail).encode("utf-8")) < size:
        extra.append(PROSE + "\n\n")
    return head + "".join(extra) + "## 二、" + tail


async def measure(changes: int, debounce: float) -> dict:
    workdir = Path(tempfile.mkdtemp(prefix="gaonb-lsp-bench-"))
    path = workdir / "report.md"
    text = report_of(20 * 1024)
    path.write_text(text, encoding="utf-8")
    uri = uris.from_fs_path(str(path))
    arrived: dict = {}
    waiters: dict = {}
    client = LanguageClient("bench", "1")

    @client.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def published(params: lsp.PublishDiagnosticsParams) -> None:
        arrived[params.version] = (time.perf_counter(), len(params.diagnostics))
        fut = waiters.pop(params.version, None)
        if fut is not None and not fut.done():
            fut.set_result(None)

    def expect(version: int) -> asyncio.Future:
        fut = asyncio.get_running_loop().create_future()
        waiters[version] = fut
        return fut

    started = time.perf_counter()
    await client.start_io(sys.executable, "-m", "gaonb_lint", "server", cwd=str(workdir))
    await client.initialize_async(lsp.InitializeParams(
        capabilities=lsp.ClientCapabilities(), root_uri=uris.from_fs_path(str(workdir)),
        initialization_options={"debounce": debounce}))
    client.initialized(lsp.InitializedParams())
    first = expect(1)
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(lsp.TextDocumentItem(
        uri=uri, language_id="markdown", version=1, text=text)))
    await asyncio.wait_for(first, 60)
    startup = arrived[1][0] - started
    line = text.split("\n").index(PROSE)
    latencies = []
    for n in range(changes):
        version = n + 2
        done = expect(version)
        sent = time.perf_counter()
        client.text_document_did_change(lsp.DidChangeTextDocumentParams(
            text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[lsp.TextDocumentContentChangePartial(
                range=lsp.Range(lsp.Position(line, 0), lsp.Position(line, 0)), text="工")]))
        await asyncio.wait_for(done, 60)
        latencies.append(arrived[version][0] - sent)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    latencies.sort()
    return {"startup": startup, "median": statistics.median(latencies),
            "p90": latencies[int(0.9 * (len(latencies) - 1))], "findings": arrived[1][1],
            "bytes": len(text.encode("utf-8"))}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--changes", type=int, default=40)
    ap.add_argument("--debounce", type=float, default=DEBOUNCE, help="the server's default debounce")
    args = ap.parse_args()
    os.environ.pop("GAONB_LINT_LANG", None)
    for label, debounce in (("default debounce", args.debounce), ("no debounce (the lint itself)", 0.0)):
        r = asyncio.run(measure(args.changes, debounce))
        print(f"{label} ({debounce * 1000:.0f} ms): {r['bytes']} bytes, {r['findings']} findings; "
              f"start-up to first diagnostics {r['startup'] * 1000:.0f} ms; "
              f"change → diagnostics median {r['median'] * 1000:.1f} ms, p90 {r['p90'] * 1000:.1f} ms "
              f"over {args.changes} changes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
