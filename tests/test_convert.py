"""`gaonb-lint convert FILE --to md`: linting the Markdown gives the same findings as linting
the source, for every seed, for HTML and DOCX; unreadable tables stay unreadable."""
from __future__ import annotations

import collections
import json
from pathlib import Path

import pytest

from conftest import run_main
from sources_helpers import read, to_html

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "tests" / "fixtures" / "seeds").glob("*.txt"))


def lint(path) -> collections.Counter:
    code, out, err = run_main(["check", "--isolated", "--format", "json", str(path)])
    assert code in (0, 1), err
    return collections.Counter((d["rule"], d["severity"]) for d in json.loads(out)["diagnostics"])


def convert(src, tmp_path) -> Path:
    out = tmp_path / (Path(src).name + ".md")
    code, stdout, err = run_main(["convert", str(src), "--to", "md", "-o", str(out)])
    assert code == 0, err
    return out


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_seed_round_trip_same_findings(seed, tmp_path):
    assert lint(convert(seed, tmp_path)) == lint(seed)


def test_html_round_trip_same_findings(tmp_path):
    for name in ("compliant-2025.md", "mistakes-2025.md"):
        html = tmp_path / (name + ".html")
        html.write_text(to_html((ROOT / "examples" / name).read_text(encoding="utf-8")), encoding="utf-8")
        assert lint(convert(html, tmp_path)) == lint(html)


def test_docx_round_trip_same_findings(tmp_path):
    pytest.importorskip("docx")
    from sources_helpers import to_docx

    path = tmp_path / "m.docx"
    to_docx((ROOT / "examples" / "mistakes-2025.md").read_text(encoding="utf-8"), path)
    assert lint(convert(path, tmp_path)) == lint(path)


def test_unreadable_table_is_kept_verbatim_and_stays_unreadable(tmp_path):
    seed = next(p for p in SEEDS if p.name.startswith("000"))
    md = convert(seed, tmp_path).read_text(encoding="utf-8")
    assert "```text-table" in md
    assert "三、本年度办理结果0000000" in md  # the source line, not invented cells
    report = read(md, ".md")
    tables = {s.number: list(s.tables()) for s in report.sections}
    assert tables["二"][0].readable and tables["二"][0].layout == "gfm"
    assert not tables["三"][0].readable and not tables["四"][0].readable


def test_readable_tables_become_gfm_with_the_same_grid(tmp_path):
    seed = next(p for p in SEEDS if p.name.startswith("003"))
    md = convert(seed, tmp_path).read_text(encoding="utf-8")
    src = read(seed.read_text(encoding="utf-8"), ".txt")
    out = read(md, ".md")
    for a, b in zip(src.tables(), out.tables()):
        assert b.layout == "gfm"
        assert [[c.text for c in r if c.text] for r in a.rows] == [[c.text for c in r if c.text] for r in b.rows]


def test_convert_to_stdout_and_errors(tmp_path):
    seed = next(p for p in SEEDS if p.name.startswith("002"))
    code, out, err = run_main(["convert", str(seed)])
    assert code == 0 and out.startswith("---\n") and "## 五、信息处理费统计情况" in out
    code, out, err = run_main(["convert", str(tmp_path / "missing.txt"), "--to", "md"])
    assert code == 2 and "missing.txt" in err and "Traceback" not in err
