"""``check --jobs/-j N``: files checked by N worker processes give exactly the output of ``-j 1``.

Speed itself is measured by ``bench/run.py`` (not here: a unit test cannot time a shared
machine honestly); these tests hold the parallel run to the serial one, byte for byte.
"""
from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path

import pytest

from conftest import EXAMPLES_DIR, SEEDS_DIR, REPO_ROOT, run_cli, run_main


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """Generated reports (a third with planted mistakes), the real seeds, the examples, and two
    files that cannot be read: a realistic mix for a city's gate."""
    spec = importlib.util.spec_from_file_location("gen_corpus", REPO_ROOT / "bench" / "gen_corpus.py")
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    root = tmp_path_factory.mktemp("corpus")
    gen.generate(str(root / "generated"), 60, seed=5, error_rate=0.35)
    (root / "generated" / "manifest.json").unlink()
    for p in sorted(SEEDS_DIR.glob("*.txt")) + sorted(EXAMPLES_DIR.glob("*.md")):
        shutil.copy(p, root / p.name)
    (root / "scan.md").write_bytes(b"\x00\x01binary")
    (root / "broken.txt").write_bytes(b"\xff\xfe\x00\xd8 bad utf-16")
    return root


def run(corpus: Path, *args):
    return run_cli(["check", "--isolated", *args, "."], cwd=corpus, timeout=300)


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_two_jobs_print_exactly_what_one_job_prints(corpus, fmt):
    serial = run(corpus, "-j", "1", "--format", fmt)
    parallel = run(corpus, "-j", "2", "--format", fmt)
    assert parallel == serial
    code, out, err = serial
    assert code == 2  # findings, and two files that could not be read
    assert err.count("\n") == 2 and "scan.md" in err and "broken.txt" in err
    if fmt == "json":
        doc = json.loads(out)
        assert doc["summary"]["files"] == 60 + 5 + 2 + 2
        assert doc["summary"]["diagnostics"] > 20


def test_more_jobs_than_cores_or_files_and_jobs_zero(corpus):
    expected = run(corpus, "-j", "1", "--format", "json", "--statistics")
    assert run(corpus, "-j", "0", "--format", "json", "--statistics") == expected  # one per core
    assert run(corpus, "-j", "7", "--format", "json", "--statistics") == expected
    one_file = run_cli(["check", "--isolated", "-j", "4", str(EXAMPLES_DIR / "mistakes-2025.md")], timeout=120)
    assert one_file == run_cli(["check", "--isolated", str(EXAMPLES_DIR / "mistakes-2025.md")], timeout=120)
    assert one_file[0] == 1


def test_verbose_lines_come_in_file_order(corpus):
    serial = run(corpus, "-j", "1", "--verbose", "--quiet")
    parallel = run(corpus, "-j", "3", "--verbose", "--quiet")
    assert parallel == serial
    assert serial[2].count("个问题") == 60 + 5 + 2


def test_negative_jobs_is_a_usage_error():
    code, out, err = run_cli(["check", "-j", "-1", str(EXAMPLES_DIR / "compliant-2025.md")], timeout=60)
    assert code == 2 and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1 and "--jobs" in err


def test_a_configuration_error_found_by_a_worker_ends_the_run_as_in_one_job(tmp_path):
    (tmp_path / "r1.md").write_bytes((EXAMPLES_DIR / "mistakes-2025.md").read_bytes())
    (tmp_path / "r2.md").write_bytes((EXAMPLES_DIR / "compliant-2025.md").read_bytes())
    (tmp_path / ".gaonb-lint.toml").write_text('[per-file-ignores]\n"r2.md" = ["no-such-rule"]\n', encoding="utf-8")
    serial = run_cli(["check", "-j", "1", "."], cwd=tmp_path, timeout=120)
    parallel = run_cli(["check", "-j", "2", "."], cwd=tmp_path, timeout=120)
    assert parallel == serial
    assert serial[0] == 2 and "no-such-rule" in serial[2] and "Traceback" not in serial[2]


def test_workers_started_by_spawn_load_the_host_themselves(tmp_path, monkeypatch):
    """Where ``fork`` is missing (Windows, and macOS by default) workers are spawned: each builds
    its own host and configuration from the command line, and the output is unchanged."""
    import multiprocessing

    for name in ("mistakes-2025.md", "compliant-2025.md"):
        shutil.copy(EXAMPLES_DIR / name, tmp_path / name)
    shutil.copy(sorted(SEEDS_DIR.glob("*.txt"))[0], tmp_path / "seed.txt")
    (tmp_path / "cfg.toml").write_text('ignore = ["GL302"]\n[severity]\n"statistics-period" = "warning"\n',
                                       encoding="utf-8")
    args = ["check", "--config", str(tmp_path / "cfg.toml"), "--select", "GL1,GL3", "--lang", "en",
            "--format", "json", str(tmp_path)]
    expected = run_main(args[:1] + ["-j", "1"] + args[1:])
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    used, real_context = [], multiprocessing.get_context
    monkeypatch.setattr(multiprocessing, "get_context", lambda method=None: used.append(method) or real_context(method))
    spawned = run_main(args[:1] + ["-j", "2"] + args[1:])
    assert used == ["spawn"]
    assert spawned == expected
    doc = json.loads(expected[1])
    assert doc["diagnostics"] and {d["rule"] for d in doc["diagnostics"]} <= {"required-sections", "statistics-period"}
    assert all(d["rule"] != "fee-statement" for d in doc["diagnostics"])
