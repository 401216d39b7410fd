"""Benchmark ``gaonb-lint check`` against the parse floor and the peers, as ratios, in one run.

    python bench/run.py                 # the full table (about 15 minutes with the peers)
    python bench/run.py --quick         # fewer repetitions, for a look while optimising
    python bench/run.py --no-peers      # gaonb-lint and the floor only
    python bench/run.py --dev           # the running interpreter's (editable) install instead

For 1 report (the pre-commit case), 100 and 2,000 generated reports it runs, on the same files:
the parse floor (``bench/floor.py``: read + markdown-it-py with tables), ``gaonb-lint check
-j 1`` and ``-j 2``, and, when installed in ``bench/node_modules`` (``npm install --prefix
bench``), markdownlint-cli2 and textlint.  gaonb-lint and the floor run in ``bench/out/venv``,
where the work tree is installed as a user installs it (``pip install .``, byte code compiled):
an editable install adds a path finder that costs every Python process, the floor's too, ~8 ms.  Runs alternate (A B C, C B A, …) so that drift of
the machine falls on every tool alike; each figure is the median of the repetitions.  Wall time
is measured around the child, CPU time (user + sys) and peak memory (``ru_maxrss``) come from
``os.wait4`` and include the child's own children (the ``-j`` workers, node's helpers).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from typing import Dict, List, Optional

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "out")
CORPUS = os.path.join(OUT, "corpus")
NODE_BIN = os.path.join(HERE, "node_modules", ".bin")
README = os.path.join(HERE, "README.md")
SIZES = (1, 100, 2000)
# Repetitions per size: the tools the targets are about, and the (slow) peers.
REPS = {1: 21, 100: 7, 2000: 5}
PEER_REPS = {1: 7, 100: 3, 2000: 1}
QUICK_REPS = {1: 9, 100: 3, 2000: 2}
QUICK_PEER_REPS = {1: 3, 100: 1, 2000: 1}
MiB = 1024 * 1024

sys.path.insert(0, HERE)
import gen_corpus  # noqa: E402  (bench/ is not a package)


@dataclass
class Tool:
    name: str
    argv: List[str]
    ok_codes: tuple
    reps: int
    peer: bool = False
    warm: bool = False  # filled once on every file before timing (the result cache)
    cold: bool = False  # the result cache removed before each run (outside the timing)
    walls: List[float] = field(default_factory=list)
    cpus: List[float] = field(default_factory=list)
    rss: List[int] = field(default_factory=list)

    def median(self, what: str) -> float:
        return statistics.median(getattr(self, what))


ROOT = os.path.dirname(HERE)
VENV = os.path.join(OUT, "venv")
PYTHON = sys.executable  # the interpreter gaonb-lint and the floor run with (see _install)


def _gaonb_command() -> List[str]:
    script = os.path.join(os.path.dirname(PYTHON), "gaonb-lint")
    if os.path.isfile(script):
        return [script]
    found = shutil.which("gaonb-lint")
    return [found] if found else [PYTHON, "-m", "gaonb_lint"]


def _install() -> str:
    """The work tree installed in ``bench/out/venv`` as ``pip install .`` installs it; the venv's
    python.  The first run also installs the dependencies."""
    python = os.path.join(VENV, "bin", "python")
    quiet = ["--quiet", "--disable-pip-version-check"]
    if not os.path.exists(python):
        subprocess.run([sys.executable, "-m", "venv", VENV], check=True)
        subprocess.run([python, "-m", "pip", "install", *quiet, ROOT], check=True)
    else:  # same version number: force the current tree in
        subprocess.run([python, "-m", "pip", "install", *quiet, "--force-reinstall", "--no-deps", ROOT], check=True)
    return python


def _compile_package(python: str) -> None:
    """Write the byte code of gaonb-lint's packages, as ``pip install`` does (with
    PYTHONDONTWRITEBYTECODE, as here, every run would otherwise compile every module)."""
    code = ("import compileall, importlib.util\n"
            "for name in ('gaonb_lint', 'gaonb_lint_rules', 'gaonb_lint_schemas', 'markdown_it'):\n"
            "    spec = importlib.util.find_spec(name)\n"
            "    for location in (spec.submodule_search_locations or []) if spec else []:\n"
            "        compileall.compile_dir(location, quiet=1)\n")
    subprocess.run([python, "-c", code], check=True)


def _versions() -> Dict[str, str]:
    out = {"python": subprocess.run([PYTHON, "-c", "import platform; print(platform.python_version())"],
                                    capture_output=True, text=True).stdout.strip()}
    for name, argv in (("gaonb-lint", _gaonb_command() + ["--version"]), ("node", ["node", "--version"])):
        try:
            out[name] = subprocess.run(argv, capture_output=True, text=True, timeout=60).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            out[name] = "not installed"
    out["markdown-it-py"] = subprocess.run([PYTHON, "-c", "import markdown_it; print(markdown_it.__version__)"],
                                           capture_output=True, text=True).stdout.strip()
    for pkg in ("markdownlint-cli2", "textlint"):
        try:
            with open(os.path.join(HERE, "node_modules", pkg, "package.json"), encoding="utf-8") as fh:
                out[pkg] = json.load(fh)["version"]
        except OSError:
            out[pkg] = "not installed"
    return out


def tools_for(files: List[str], size: int, peers: bool, quick: bool) -> List[Tool]:
    reps = (QUICK_REPS if quick else REPS)[size]
    peer_reps = (QUICK_PEER_REPS if quick else PEER_REPS)[size]
    gaonb = _gaonb_command()
    tools = [
        Tool("parse floor", [PYTHON, os.path.join(HERE, "floor.py")] + files, (0,), reps),
        Tool("gaonb-lint -j 1", gaonb + ["check", "--no-cache", "-j", "1"] + files, (0, 1), reps),
    ]
    # The default run with the result cache (bench/out/.gaonb-lint-cache): a first run, which hashes
    # every file and writes the cache (next to -j 1 in the order of runs: the two are compared run
    # by run), and a re-run over unchanged reports, answered from it.
    tools.append(Tool("gaonb-lint cold cache", gaonb + ["check", "-j", "1"] + files, (0, 1), reps, cold=True))
    tools.append(Tool("gaonb-lint warm cache", gaonb + ["check", "-j", "1"] + files, (0, 1), reps, warm=True))
    if size > 1:
        tools.append(Tool("gaonb-lint -j 2", gaonb + ["check", "--no-cache", "-j", "2"] + files, (0, 1), reps))
    if peers:
        mdl = os.path.join(NODE_BIN, "markdownlint-cli2")
        if os.path.exists(mdl):
            tools.append(Tool("markdownlint-cli2", [mdl, "--config", os.path.join(HERE, "peers", ".markdownlint-cli2.jsonc")]
                              + files, (0, 1), peer_reps, peer=True))
        textlint = os.path.join(NODE_BIN, "textlint")
        if os.path.exists(textlint):
            tools.append(Tool("textlint", [textlint, "--config", os.path.join(HERE, "peers", "textlintrc.json")]
                              + files, (0, 1), peer_reps, peer=True))
    return tools


def measure(tool: Tool) -> None:
    if tool.cold:
        shutil.rmtree(os.path.join(OUT, ".gaonb-lint-cache"), ignore_errors=True)
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(tool.argv, cwd=OUT, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = code = os.waitstatus_to_exitcode(status)
        if code not in tool.ok_codes:
            err.seek(0)
            tail = err.read().decode("utf-8", "replace").strip().splitlines()[-5:]
            raise SystemExit(f"{tool.name} exited {code}:\n" + "\n".join(tail))
    tool.walls.append(wall)
    tool.cpus.append(usage.ru_utime + usage.ru_stime)
    # ru_maxrss is in KiB on Linux, bytes on macOS
    tool.rss.append(usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024))


def run_size(files: List[str], size: int, peers: bool, quick: bool) -> List[Tool]:
    tools = tools_for(files, size, peers, quick)
    for path in files:  # the page cache holds every file before the first timed run
        with open(os.path.join(OUT, path), "rb") as fh:
            fh.read()
    shutil.rmtree(os.path.join(OUT, ".gaonb-lint-cache"), ignore_errors=True)
    for t in tools:  # warm-up on one file: interpreters, node_modules and byte code in the page cache
        rest = set(files[1:])
        measure(Tool(t.name, [a for a in t.argv if a not in rest], t.ok_codes, 1))
        if t.warm:  # the cache filled with every file's results
            measure(Tool(t.name, t.argv, t.ok_codes, 1))
    rounds = max(t.reps for t in tools)
    for r in range(rounds):
        active = [t for t in tools if len(t.walls) < t.reps]
        for t in (active if r % 2 == 0 else reversed(active)):
            measure(t)
            sys.stderr.write(f"  {size:>5} reports  {t.name:<18} run {len(t.walls)}/{t.reps}: "
                             f"{t.walls[-1]:.3f} s wall, {t.cpus[-1]:.3f} s CPU\n")
    return tools


def _fmt_time(s: float) -> str:
    return f"{s * 1000:.0f} ms" if s < 1 else f"{s:.2f} s"


def table(results: Dict[int, List[Tool]]) -> List[str]:
    lines = ["| reports | tool | wall | CPU | peak RSS | wall ÷ floor | CPU ÷ floor | runs |",
             "|---:|---|---:|---:|---:|---:|---:|---:|"]
    for size, tools in results.items():
        floor = tools[0]
        for t in tools:
            lines.append(f"| {size} | {t.name} | {_fmt_time(t.median('walls'))} | {_fmt_time(t.median('cpus'))} | "
                         f"{t.median('rss') / MiB:.0f} MiB | {t.median('walls') / floor.median('walls'):.2f} | "
                         f"{t.median('cpus') / floor.median('cpus'):.2f} | {len(t.walls)} |")
    return lines


def targets(results: Dict[int, List[Tool]]) -> List[str]:
    def tool(size: int, name: str) -> Optional[Tool]:
        return next((t for t in results.get(size, []) if t.name == name), None)

    out = []

    def verdict(ok: bool) -> str:
        return "met" if ok else "NOT met"

    one, floor1 = tool(1, "gaonb-lint -j 1"), tool(1, "parse floor")
    if one and floor1:
        r = one.median("walls") / floor1.median("walls")
        out.append(f"- 1 report, wall ≤ 1.5 × floor: {r:.2f} × — {verdict(r <= 1.5)}")
    big, floor_big, big2 = tool(2000, "gaonb-lint -j 1"), tool(2000, "parse floor"), tool(2000, "gaonb-lint -j 2")
    if big and floor_big:
        r = big.median("cpus") / floor_big.median("cpus")
        out.append(f"- 2,000 reports, CPU ≤ 1.5 × floor: {r:.2f} × — {verdict(r <= 1.5)}")
    if big and big2:
        r = big.median("walls") / big2.median("walls")
        out.append(f"- 2,000 reports, `-j 2` ≥ 1.7 × faster than `-j 1` (wall): {r:.2f} × — {verdict(r >= 1.7)}")
    warm = tool(2000, "gaonb-lint warm cache")
    if warm and floor_big:
        r = warm.median("walls") / floor_big.median("walls")
        out.append(f"- 2,000 reports, warm-cache re-run wall ≤ 0.3 × floor: {r:.2f} × — {verdict(r <= 0.3)}")
    cold = tool(2000, "gaonb-lint cold cache")
    if cold and big:
        # Each round runs both, one after the other: the ratio within a round is free of the
        # machine's drift between rounds, which is larger than the difference measured here.
        paired = statistics.median(c / b for c, b in zip(cold.cpus, big.cpus))
        r = cold.median("cpus") / big.median("cpus")
        out.append(f"- 2,000 reports, a first run with the cache no slower than without (CPU, median of the "
                   f"rounds' ratios): {paired:.2f} × (ratio of the medians {r:.2f} ×) — {verdict(paired <= 1.05)}")
    mems = [(s, tool(s, "gaonb-lint -j 1")) for s in sorted(results)]
    mems = [(s, t.median("rss") / MiB) for s, t in mems if t]
    if mems:
        last = mems[-1][1]
        growth = last - mems[0][1]
        flat = growth <= 5
        out.append("- peak memory flat in the number of files, ≤ 80 MiB at 2,000 (`-j 1`): "
                   + ", ".join(f"{m:.0f} MiB at {s}" for s, m in mems)
                   + f" (growth {growth:+.1f} MiB) — {verdict(flat and last <= 80)}")
    return out


def update_readme(block: str) -> None:
    start, end = "<!-- bench:start -->", "<!-- bench:end -->"
    with open(README, encoding="utf-8") as fh:
        text = fh.read()
    if start not in text or end not in text:
        raise SystemExit(f"{README}: no {start} … {end} markers")
    head, rest = text.split(start, 1)
    _, tail = rest.split(end, 1)
    with open(README, "w", encoding="utf-8") as fh:
        fh.write(head + start + "\n" + block + "\n" + end + tail)


def main(argv: Optional[List[str]] = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", default=",".join(map(str, SIZES)), help="comma-separated report counts (1,100,2000)")
    p.add_argument("--quick", action="store_true", help="fewer repetitions")
    p.add_argument("--no-peers", action="store_true", help="skip markdownlint-cli2 and textlint")
    p.add_argument("--seed", type=int, default=1, help="corpus seed")
    p.add_argument("--update-readme", action="store_true", help="write the table into bench/README.md")
    p.add_argument("--dev", action="store_true", help="use the running interpreter's install, not bench/out/venv")
    args = p.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    for s in sizes:
        REPS.setdefault(s, 3), PEER_REPS.setdefault(s, 1), QUICK_REPS.setdefault(s, 2), QUICK_PEER_REPS.setdefault(s, 1)

    os.makedirs(OUT, exist_ok=True)
    need = max(sizes)
    manifest = os.path.join(CORPUS, "manifest.json")
    current = {}
    if os.path.exists(manifest):
        with open(manifest, encoding="utf-8") as fh:
            current = json.load(fh)
    if current.get("seed") != args.seed or current.get("count", 0) < need:
        shutil.rmtree(CORPUS, ignore_errors=True)
        gen_corpus.generate(CORPUS, max(need, 2000), args.seed)
    names = sorted(n for n in os.listdir(CORPUS) if n.endswith(".md"))
    global PYTHON
    PYTHON = sys.executable if args.dev else _install()
    _compile_package(PYTHON)
    versions = _versions()
    peers = not args.no_peers
    for pkg in ("markdownlint-cli2", "textlint"):
        if peers and versions[pkg] == "not installed":
            sys.stderr.write(f"{pkg}: not installed (npm install --prefix bench), skipped\n")

    load_before = " / ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "n/a"
    results: Dict[int, List[Tool]] = {}
    for size in sizes:
        files = [os.path.join("corpus", n) for n in names[:size]]
        results[size] = run_size(files, size, peers, args.quick)

    cores = os.cpu_count()
    head = (f"Machine: {cores} cores ({platform.machine()}, {platform.system()}), Python {versions['python']}, "
            f"{versions['gaonb-lint']}, markdown-it-py {versions['markdown-it-py']}, node {versions['node']}, "
            f"markdownlint-cli2 {versions['markdownlint-cli2']}, textlint {versions['textlint']}; "
            f"{'the running interpreter (--dev)' if args.dev else 'a regular install in bench/out/venv'}. "
            f"Corpus: bench/gen_corpus.py, seed {args.seed}. Load average before: {load_before}. "
            f"Medians of the runs shown.")
    lines = [head, ""] + table(results) + ["", "Targets:", ""] + targets(results)
    block = "\n".join(lines)
    sys.stdout.write(block + "\n")
    with open(os.path.join(OUT, "latest.md"), "w", encoding="utf-8") as fh:
        fh.write(block + "\n")
    with open(os.path.join(OUT, "latest.json"), "w", encoding="utf-8") as fh:
        json.dump({"cores": cores, "versions": versions,
                   "results": {s: [{"tool": t.name, "wall": t.walls, "cpu": t.cpus, "rss": t.rss} for t in ts]
                               for s, ts in results.items()}}, fh, indent=1)
    if args.update_readme:
        update_readme(block)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
