"""The plugin's rules on whole reports, through gaonb-lint as installed (``gaonb-lint check``)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPORTS = Path(__file__).parent / "reports"


def check(name: str, select: str = "XC"):
    proc = subprocess.run([sys.executable, "-m", "gaonb_lint", "check", "--isolated", "--format", "json",
                           "--select", select, str(REPORTS / name)], capture_output=True)
    assert proc.returncode in (0, 1), proc.stderr.decode("utf-8")
    return json.loads(proc.stdout.decode("utf-8"))["diagnostics"]


def test_rules_are_registered():
    proc = subprocess.run([sys.executable, "-m", "gaonb_lint", "rules", "--format", "json"], capture_output=True)
    rules = {r["code"]: r for r in json.loads(proc.stdout.decode("utf-8"))}
    assert rules["XC101"]["rule"] == "signature-line" and rules["XC101"]["plugin"] == "county_rules"
    assert rules["XC201"]["rule"] == "corrected-cases-explained"
    assert rules["XC301"]["plugin"] == "pack:county-wording"


@pytest.mark.parametrize("name,expected", [
    ("signed.md", []),
    ("unsigned.md", [("XC101", 102)]),
    ("corrected.md", [("XC201", 92)]),
    ("corrected-explained.md", []),
])
def test_reports(name, expected):
    assert [(d["code"], d["line"]) for d in check(name)] == expected


def test_the_finding_is_at_the_corrected_cell():
    (d,) = check("corrected.md", "XC201")
    line = (REPORTS / "corrected.md").read_text(encoding="utf-8").split("\n")[d["line"] - 1]
    assert line[d["column"] - 1:d["end_column"] - 1] == "1"
    assert d["column"] == 7  # the second cell: 结果纠正 of 行政复议
    assert "表四“行政复议”有 1 件结果纠正" in d["message"]


def test_the_shipped_pack_offers_a_fix(tmp_path):
    text = (REPORTS / "signed.md").read_text(encoding="utf-8").replace("青禾镇人民政府门户网站查阅", "县政府网站查阅")
    (tmp_path / "r.md").write_text(text, encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "gaonb_lint", "check", "--isolated", "--format", "json",
                           "--select", "XC301", str(tmp_path / "r.md")], capture_output=True)
    (d,) = json.loads(proc.stdout.decode("utf-8"))["diagnostics"]
    assert (d["line"], d["fix"]["replacement"], d["fix"]["safe"]) == (10, "县人民政府门户网站", True)
