"""PDF reports: the time per page, one PDF report against the Markdown it came from, and the
choice of PDF library (pypdfium2, which the reader uses, against pdfplumber).

    python bench/pdf.py                 # fixtures in tests/fixtures/pdf (+ any PDF paths given)
    python bench/pdf.py --reps 3        # fewer repetitions

Needs the ``pdf`` extra; the library comparison also needs ``pip install pdfplumber`` (skipped
without it).  Prints Markdown tables (recorded in bench/README.md).

* **Per page** — ``read_pdf`` in this process (the PDF library's work plus the layout and table
  reading), divided by the number of pages; median of the repetitions.
* **Report cost** — ``gaonb-lint check --isolated FILE`` as a fresh process (what pre-commit or CI
  pays), for the PDF and for the Markdown it was made from, median wall time; the ratio is the
  price of reading the PDF.
* **Libraries** — for each page, the characters each library extracts (whitespace aside, as a
  multiset: how many characters one has that the other has not), and the cell texts of the ruled
  tables (pdfplumber's ``find_tables`` against the reader's grids: how many non-empty cells of one
  are missing from the other); and the time per page for what the reader needs (characters with
  boxes and the ruling lines, plus table finding for pdfplumber); import time in a fresh process.
"""
from __future__ import annotations

import argparse
import collections
import os
import statistics
import subprocess
import sys
import time
from typing import Dict, List

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
FIXTURES = os.path.join(ROOT, "tests", "fixtures", "pdf")
DEFAULT = [("compliant-2025.pdf", "examples/compliant-2025.md"), ("mistakes-2025.pdf", "examples/mistakes-2025.md"),
           ("real/hongze-2023.pdf", None)]


def _median_time(fn, reps: int) -> float:
    times = []
    for _ in range(reps):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def _process_time(argv: List[str], reps: int) -> float:
    def run():
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    run()
    return _median_time(run, reps)


def per_page(paths: List[str], reps: int) -> List[str]:
    from gaonb_lint.readers.pdf import read_pages, read_pdf

    rows = ["| PDF | pages | read (ms) | ms per page |", "|---|---:|---:|---:|"]
    for path in paths:
        data = open(path, "rb").read()
        pages = len(read_pages(path, data))
        t = _median_time(lambda: read_pdf(path, data), reps)
        rows.append(f"| {os.path.relpath(path, ROOT)} | {pages} | {t * 1000:.1f} | {t * 1000 / pages:.1f} |")
    return rows


def report_cost(pairs, reps: int) -> List[str]:
    cli = [sys.executable, "-m", "gaonb_lint", "check", "--isolated", "-q"]
    floor = _process_time([sys.executable, "-c", "pass"], reps)
    rows = ["| report | Markdown (ms) | PDF (ms) | PDF ÷ Markdown |", "|---|---:|---:|---:|",
            ]
    for pdf, md in pairs:
        if md is None:
            continue
        t_md = _process_time(cli + [md], reps)
        t_pdf = _process_time(cli + [pdf], reps)
        rows.append(f"| {os.path.basename(md)} | {t_md * 1000:.0f} | {t_pdf * 1000:.0f} | {t_pdf / t_md:.2f} |")
    rows.append(f"\n(an empty Python process: {floor * 1000:.0f} ms)")
    return rows


def _import_time(module: str, reps: int) -> float:
    base = _process_time([sys.executable, "-c", "pass"], reps)
    return _process_time([sys.executable, "-c", f"import {module}"], reps) - base


def libraries(paths: List[str], reps: int) -> List[str]:
    try:
        import pdfplumber
    except ImportError:
        return ["(pdfplumber not installed: `pip install pdfplumber` for the library comparison)"]
    import pypdfium2
    import pypdfium2.raw as raw

    from gaonb_lint.readers.pdf import Piece, _chars, _rules, read_pages

    rows = ["| PDF | pages | characters | only pypdfium2 | only pdfplumber | table cells | cells only in the reader | "
            "cells only in pdfplumber | pypdfium2 ms/page | pdfplumber ms/page |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for path in paths:
        data = open(path, "rb").read()
        ours = read_pages(path, data)
        only_a = only_b = total = cells = cells_a = cells_b = 0
        with pdfplumber.open(path) as doc:
            for page, mine in zip(doc.pages, ours):
                a = collections.Counter(c["text"] for c in page.chars if not c["text"].isspace())
                doc_pdfium = pypdfium2.PdfDocument(data)
                p = doc_pdfium[mine.number - 1]
                tp = p.get_textpage()
                chars, _ = _chars(p, tp, raw, p.get_height())
                b = collections.Counter(c.text for c in chars if not c.text.isspace())
                doc_pdfium.close()
                total += sum(b.values())
                only_a += sum((b - a).values())
                only_b += sum((a - b).values())
                theirs = collections.Counter()
                for t in page.find_tables():
                    for row in t.extract():
                        for cell in row:
                            text = "".join((cell or "").split())
                            if text:
                                theirs[text] += 1
                mine_cells = collections.Counter(
                    "".join(text.split()) for it in mine.items if isinstance(it, Piece)
                    for row in it.rows for text in row if text.strip())
                cells += sum(mine_cells.values())
                cells_a += sum((mine_cells - theirs).values())
                cells_b += sum((theirs - mine_cells).values())

        def with_pdfium():
            doc = pypdfium2.PdfDocument(data)
            for i in range(len(doc)):
                page = doc[i]
                tp = page.get_textpage()
                _chars(page, tp, raw, page.get_height())
                _rules(page, raw, page.get_height())
            doc.close()

        def with_plumber():
            with pdfplumber.open(path) as doc:
                for page in doc.pages:
                    len(page.chars)
                    page.find_tables()

        n = len(ours)
        ta = _median_time(with_pdfium, reps) / n
        tb = _median_time(with_plumber, reps) / n
        rows.append(f"| {os.path.relpath(path, ROOT)} | {n} | {total} | {only_a} | {only_b} | {cells} | {cells_a} | "
                    f"{cells_b} | {ta * 1000:.1f} | {tb * 1000:.1f} |")
    rows.append(f"\nImport in a fresh process: pypdfium2 {_import_time('pypdfium2', reps) * 1000:.0f} ms, "
                f"pdfplumber {_import_time('pdfplumber', reps) * 1000:.0f} ms.")
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("pdfs", nargs="*", help="more PDF files to measure")
    ap.add_argument("--reps", type=int, default=7)
    args = ap.parse_args()
    sys.path.insert(0, ROOT)
    pairs = [(os.path.join(FIXTURES, p), os.path.join(ROOT, m) if m else None) for p, m in DEFAULT]
    paths = [p for p, _ in pairs] + list(args.pdfs)
    print(f"load average before: {os.getloadavg()[0]:.2f}\n")
    print("### Time per page\n")
    print("\n".join(per_page(paths, args.reps)) + "\n")
    print("### One report: PDF against the Markdown it came from (`gaonb-lint check`, a fresh process)\n")
    print("\n".join(report_cost(pairs, args.reps)) + "\n")
    print("### pypdfium2 against pdfplumber\n")
    print("\n".join(libraries(paths, args.reps)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
