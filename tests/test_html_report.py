"""The HTML review report in a real headless Chromium: the findings and the highlighted cells are
visible, the filters work, report text is shown as text (never run), nothing is fetched; a
screenshot is kept in the test's output directory.  Without a browser the test is skipped, with
the reason (``.ci/run`` installs Debian's ``chromium``)."""
from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import sys

import pytest

from conftest import EXAMPLES_DIR, run_cli

pytestmark = pytest.mark.integration

EVIL = "<script>window.__pwned=true</script>"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--hide-scrollbars"]


def _browser():
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    reason = "no Chromium on PATH (chromium, chromium-browser, google-chrome); .ci/run installs Debian's chromium"
    sys.stderr.write(f"SKIPPED: {reason}\n")
    pytest.skip(reason)


def _site(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    shutil.copy(EXAMPLES_DIR / "mistakes-2025.md", site / "mistakes-2025.md")
    text = (EXAMPLES_DIR / "compliant-2025.md").read_text(encoding="utf-8")
    text = text.replace("## 五、存在的主要问题及改进情况", f"## 五、存在问题及改进{EVIL}", 1)
    text = text.replace("| 行政许可 | 126 |", f'| 行政许可"</textarea>{EVIL} | 126 |', 1)
    (site / 'evil<b>"name.md').write_text(text, encoding="utf-8")
    return site


def _chromium(browser, tmp_path, *args):
    profile = tmp_path / f"profile-{len(os.listdir(tmp_path))}"
    cmd = [browser, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args]
    proc = subprocess.run(cmd, capture_output=True, timeout=180)
    return proc


HARNESS = """<!DOCTYPE html><html><body><pre id="out">pending</pre>
<iframe id="f" src="review.html" style="width:1280px;height:3000px"></iframe>
<script>
document.getElementById('f').addEventListener('load', function () {
  var d = this.contentDocument, w = this.contentWindow;
  function vis(el) { var r = el.getBoundingClientRect(), s = w.getComputedStyle(el);
                     return r.width > 0 && r.height > 0 && s.display !== 'none' && s.visibility !== 'hidden'; }
  function shown(sel) { return Array.prototype.filter.call(d.querySelectorAll(sel), vis); }
  var res = {};
  res.findings = shown('li.finding').map(function (li) { return li.getAttribute('data-rule'); });
  res.bad = shown('td.bad').map(function (td) { return {text: td.textContent, bg: w.getComputedStyle(td).backgroundColor}; });
  res.expected = shown('td.bad .expected').map(function (s) { return s.textContent; });
  res.scripts = d.querySelectorAll('script').length;
  res.pwned = w.__pwned === true;
  res.texts = shown('li.finding').map(function (li) { return li.textContent; });
  res.cells = Array.prototype.map.call(d.querySelectorAll('td'), function (td) { return td.textContent; });
  var box = d.querySelector('#filters input[data-severity=error]');
  box.click();
  res.after_uncheck = shown('li.finding').length;
  res.bad_after_uncheck = shown('td.bad').length;
  box.click();
  var sel = d.getElementById('rule-filter');
  sel.value = 'balance'; sel.dispatchEvent(new Event('change'));
  res.balance_only = shown('li.finding').map(function (li) { return li.getAttribute('data-rule'); });
  sel.value = ''; sel.dispatchEvent(new Event('change'));
  document.getElementById('out').textContent = JSON.stringify(res);
});
</script></body></html>"""


def test_review_report_in_chromium(tmp_path):
    browser = _browser()
    site = _site(tmp_path)
    report = tmp_path / "review.html"
    code, out, err = run_cli(["check", "--isolated", "--output-format", "html", "-o", str(report), "."], cwd=site)
    assert code == 1 and out == "" and "Traceback" not in err
    page = report.read_text(encoding="utf-8")
    assert EVIL not in page and "</textarea>" not in page  # escaped everywhere
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)  # self-contained
    assert "审查结果" in page and 'lang="zh-CN"' in page

    (tmp_path / "harness.html").write_text(HARNESS, encoding="utf-8")
    proc = _chromium(browser, tmp_path, "--allow-file-access-from-files", "--virtual-time-budget=15000",
                     "--dump-dom", (tmp_path / "harness.html").as_uri())
    dom = proc.stdout.decode("utf-8", "replace")
    m = re.search(r'<pre id="out">(.*?)</pre>', dom, re.S)
    assert m and m.group(1) != "pending", proc.stderr.decode("utf-8", "replace")[-2000:]
    res = json.loads(html.unescape(m.group(1)))

    _, js, _ = run_cli(["check", "--isolated", "--output-format", "json", "."], cwd=site)
    diags = json.loads(js)["diagnostics"]
    assert sorted(res["findings"]) == sorted(d["rule"] for d in diags)  # every finding visible
    assert res["scripts"] == 1 and res["pwned"] is False
    assert any(EVIL in t for t in res["texts"])  # shown as text
    assert any(EVIL in c and "</textarea>" in c for c in res["cells"])
    bad_texts = [b["text"] for b in res["bad"]]
    assert any(t.startswith("现行有效件") for t in bad_texts)  # the misspelled label
    assert any(t.startswith("14") for t in bad_texts)  # the unbalanced total
    assert all(b["bg"] not in ("rgba(0, 0, 0, 0)", "transparent") for b in res["bad"])
    assert any("现行有效件数" in x for x in res["expected"]) and any("13" in x for x in res["expected"])
    assert res["after_uncheck"] == sum(1 for d in diags if d["severity"] != "error")
    assert res["bad_after_uncheck"] == 0
    assert res["balance_only"] and set(res["balance_only"]) == {"balance"}

    shot = tmp_path / "review.png"
    proc = _chromium(browser, tmp_path, "--window-size=1280,3000", f"--screenshot={shot}", report.as_uri())
    assert shot.is_file() and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000, \
        proc.stderr.decode("utf-8", "replace")[-2000:]
    sys.stderr.write(f"screenshot: {shot}\n")


def test_review_report_in_english(tmp_path):
    site = _site(tmp_path)
    code, out, err = run_cli(["check", "--isolated", "--lang", "en", "--output-format", "html", "mistakes-2025.md"],
                             cwd=site)
    assert 'lang="en"' in out and "Annual report review" in out and "expected" in out
