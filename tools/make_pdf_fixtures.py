"""Make the PDF test fixtures (tests/fixtures/pdf/) from the example reports, once.

Each example Markdown report is laid out as a Word document the way township offices write
them (python-docx: A4, 三号 serif body with a two-character first-line indent, 黑体 section
headings, ruled tables in 五号 with merged cells and header rows repeated on every page, a
``- N -`` page-number footer and, for one of them, a running title in the page header), then
exported to PDF by LibreOffice, as a Word/WPS "save as PDF" would.  From those:

- ``scanned.pdf``: page 1 of the compliant report rendered to a grey image and wrapped as an
  image-only PDF (a scanned report: no text layer);
- ``encrypted.pdf``: the compliant report with an open password (cannot be read);
- ``restricted.pdf``: the compliant report with an owner password only (printing/copying
  restrictions, opens without a password — as many published reports are);
- ``damaged-table.pdf``: the compliant report with one row of table 二 missing its inner
  vertical rules, so two numbers share one ruled cell;
- ``unruled.pdf``: the report with mistakes, its tables without any rules;
- ``period-break.pdf``: the compliant report with words added so that the period sentence
  breaks between ``2025`` and ``年1月1日``.

Needs LibreOffice Writer, poppler-utils, qpdf and the Noto CJK fonts (Debian:
``apt-get install -y libreoffice-writer-nogui poppler-utils qpdf fonts-noto-cjk``) and
python-docx + Pillow.  CI does not run this: the PDFs are committed.

    python tools/make_pdf_fixtures.py
"""
from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from sources_helpers import markdown_parts, merges  # noqa: E402

OUT = ROOT / "tests" / "fixtures" / "pdf"
SERIF = "Noto Serif CJK SC"  # stands in for 仿宋_GB2312 / 方正小标宋
SANS = "Noto Sans CJK SC"  # stands in for 黑体
PERIOD_FROM = "编制。本报告中所列数据的统计期限为"
PERIOD_TO = "编制。本报告中所列数据（含各村居委会报送全部数据）的统计期限为"


def _fonts(run_or_style, name: str, size_pt: float, bold: bool = False) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    font = run_or_style.font
    font.name = name
    font.size = Pt(size_pt)
    font.bold = bold
    rpr = run_or_style.element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(rfonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), name)


def _page_field(paragraph) -> None:
    """A PAGE field, as Word's page-number button inserts it."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        elif text.strip() == "PAGE":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        else:
            el = OxmlElement("w:t")
            el.text = text
        run._r.append(el)


def _repeat_header(row) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trpr.append(el)


def _no_inner_vertical_rules(row) -> None:
    """Remove the vertical rules between the value cells of ``row`` (the label cell keeps its
    rule), so the row's numbers sit in one ruled box."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    cells = row.cells
    for i in range(1, len(cells)):
        sides = ([] if i == 1 else ["left"]) + (["right"] if i < len(cells) - 1 else [])
        borders = OxmlElement("w:tcBorders")
        for side in sides:
            el = OxmlElement(f"w:{side}")
            el.set(qn("w:val"), "nil")
            borders.append(el)
        cells[i]._tc.get_or_add_tcPr().append(borders)


def _column_widths(table, rows, total) -> None:
    """Label columns (text beside numbers) wide, value columns narrow, as people set them."""
    import re

    number = re.compile(r"^[\d.]+$")
    data = [r for r in rows if any(number.match(c) for c in r)]
    w = len(rows[0])
    label = [any(r[c] and not number.match(r[c]) for r in data) for c in range(w)]
    n_label = sum(label)
    value_w = min(total // w, total * 2 // (5 * max(1, w - n_label))) if n_label else total // w
    label_w = (total - value_w * (w - n_label)) // max(1, n_label)
    table.autofit = False
    for c, col in enumerate(table._tbl.tblGrid.gridCol_lst):  # what LibreOffice lays out from
        col.w = label_w if label[c] else value_w
    for c in range(w):
        for cell in table.columns[c].cells:
            cell.width = label_w if label[c] else value_w


def build_docx(md: str, running_title: bool, footer: str, damaged: bool = False, ruled: bool = True):
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    d = docx.Document()
    sec = d.sections[0]
    sec.page_width, sec.page_height = Cm(21.0), Cm(29.7)
    sec.top_margin, sec.bottom_margin = Cm(3.7), Cm(3.5)
    sec.left_margin, sec.right_margin = Cm(2.8), Cm(2.6)
    normal = d.styles["Normal"]
    _fonts(normal, SERIF, 16)
    normal.paragraph_format.line_spacing = Pt(28)
    normal.paragraph_format.space_after = Pt(0)

    title_text = ""
    for kind, x in markdown_parts(md):
        if kind == "h1":
            title_text = x
            break
    if running_title and title_text:
        hp = sec.header.paragraphs[0]
        hp.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _fonts(hp.add_run(title_text), SERIF, 9)
    fp = sec.footer.paragraphs[0]
    fp.alignment = WD_ALIGN_PARAGRAPH.CENTER
    before, after = footer.split("{PAGE}")
    _fonts(fp.add_run(before), SERIF, 14)
    _page_field(fp)
    for r in fp.runs[1:]:
        _fonts(r, SERIF, 14)
    _fonts(fp.add_run(after), SERIF, 14)

    tables = 0
    for kind, x in markdown_parts(md):
        if kind == "table":
            tables += 1
            rows = x
            w = max(len(r) for r in rows)
            rows = [r + [""] * (w - len(r)) for r in rows]
            t = d.add_table(rows=len(rows), cols=w)
            t.style = d.styles["Table Grid" if ruled else "Normal Table"]
            for r, row in enumerate(rows):
                for c, text in enumerate(row):
                    p = t.cell(r, c).paragraphs[0]
                    p.paragraph_format.line_spacing = 1.0
                    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                    if text:
                        _fonts(p.add_run(text), SERIF, 10.5)
            _column_widths(t, rows, Cm(15.6))
            owner, spans = merges(rows)
            for (r, c), (rs, cs) in spans.items():
                t.cell(r, c).merge(t.cell(r + rs - 1, c + cs - 1))
            if tables in (2, 3):  # tables 三 and 四: their header rows repeat on every page
                header = 3 if tables == 2 else 3
                for r in range(header):
                    _repeat_header(t.rows[r])
            if damaged and tables == 1:
                _no_inner_vertical_rules(t.rows[3])
            d.add_paragraph()
        elif kind == "h1":
            p = d.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.paragraph_format.line_spacing = Pt(36)
            _fonts(p.add_run(x), SERIF, 22, bold=True)
            d.add_paragraph()
        elif kind == "h2":
            p = d.add_paragraph()
            p.paragraph_format.first_line_indent = Pt(32)
            _fonts(p.add_run(x), SANS, 16)
        else:
            p = d.add_paragraph()
            p.paragraph_format.first_line_indent = Pt(32)
            bold = x.startswith("（")
            _fonts(p.add_run(x), SERIF, 16, bold=bold)
    d.core_properties.title = title_text
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def to_pdf(docx_bytes: bytes, dest: Path, work: Path) -> None:
    src = work / (dest.stem + ".docx")
    src.write_bytes(docx_bytes)
    profile = work / "lo-profile"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(work), str(src)], check=True, stdout=subprocess.DEVNULL)
    shutil.copyfile(work / (dest.stem + ".pdf"), dest)


def scanned(src_pdf: Path, dest: Path, work: Path) -> None:
    from PIL import Image

    subprocess.run(["pdftoppm", "-r", "60", "-gray", "-png", "-f", "1", "-l", "1", str(src_pdf),
                    str(work / "scan")], check=True)
    png = next(work.glob("scan*.png"))
    with Image.open(png) as im:
        im.convert("L").save(dest, "PDF", resolution=60.0)


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    compliant = (ROOT / "examples" / "compliant-2025.md").read_text(encoding="utf-8")
    mistakes = (ROOT / "examples" / "mistakes-2025.md").read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        to_pdf(build_docx(compliant, True, "- {PAGE} -"), OUT / "compliant-2025.pdf", work)
        to_pdf(build_docx(mistakes, False, "第 {PAGE} 页"), OUT / "mistakes-2025.pdf", work)
        to_pdf(build_docx(compliant, True, "- {PAGE} -", damaged=True), OUT / "damaged-table.pdf", work)
        # The period sentence broken by the layout between the year and 年 (``2025`` / ``年1月1日``).
        period = compliant.replace(PERIOD_FROM, PERIOD_TO, 1)
        assert period != compliant
        to_pdf(build_docx(period, True, "- {PAGE} -"), OUT / "period-break.pdf", work)
        # Tables laid out without any rules (borderless): their cells cannot be told apart.
        to_pdf(build_docx(mistakes, False, "- {PAGE} -", ruled=False), OUT / "unruled.pdf", work)
        scanned(OUT / "compliant-2025.pdf", OUT / "scanned.pdf", work)
        subprocess.run(["qpdf", "--encrypt", "open-sesame", "owner-pw", "256", "--",
                        str(OUT / "compliant-2025.pdf"), str(OUT / "encrypted.pdf")], check=True)
        subprocess.run(["qpdf", "--encrypt", "", "owner-pw", "256", "--print=none", "--extract=n", "--",
                        str(OUT / "compliant-2025.pdf"), str(OUT / "restricted.pdf")], check=True)
    for p in sorted(OUT.glob("*.pdf")):
        print(f"{p.relative_to(ROOT)}  {p.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
