"""Build .docx and PDF versions of the sample plans, the way an office would have them.

The .docx keeps the text's paragraphs and turns its tab-separated appendix into a Word table (rows cut
by a page break stay two rows, as in the source; `merge=True` instead joins them and merges the
category column vertically, as Word does). The PDF is that document printed: paragraphs wrap at the page
width and table rows break across pages.
"""

from __future__ import annotations

from pathlib import Path

import docx
import matplotlib
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from plans.model import Paragraph, Table
from plans.read import read_txt

FONT = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"


def txt_blocks(path: Path) -> list[Paragraph | Table]:
    return read_txt(path.read_bytes())


def _merged_rows(rows: tuple[tuple[str, ...], ...]) -> list[list[str]]:
    """Rows with page-break continuations joined back (lower-case first cell → same row)."""
    from plans.text import is_lower_start

    out: list[list[str]] = []
    for row in rows:
        cells = list(row)
        first = next((c for c in cells[1:3] if c), "")
        if out and first and is_lower_start(first):
            out[-1] = [
                f"{a} {b}".strip() for a, b in zip(out[-1], cells + [""] * (len(out[-1]) - len(cells)), strict=False)
            ]
        else:
            out.append(cells)
    return out


def build_docx(source: Path, target: Path, *, merge: bool = False) -> Path:
    document = docx.Document()
    for block in txt_blocks(source):
        if isinstance(block, Paragraph):
            document.add_paragraph(block.text)
            continue
        rows = _merged_rows(block.rows) if merge else [list(r) for r in block.rows]
        width = max(len(r) for r in rows)
        table = document.add_table(rows=len(rows), cols=width)
        table.style = "Table Grid"
        for r, row in enumerate(rows):
            for c in range(width):
                table.cell(r, c).text = row[c] if c < len(row) else ""
        if merge:
            _merge_category_column(table, rows)
    target.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(target))
    return target


def _merge_category_column(table, rows: list[list[str]]) -> None:
    """Merge runs of empty category cells into the cell above, as a vertically merged Word cell."""
    for r in range(2, len(rows)):
        if not rows[r][0].strip():
            tc = table.cell(r, 0)._tc
            props = tc.get_or_add_tcPr()
            merge = OxmlElement("w:vMerge")
            props.append(merge)
            start = table.cell(r - 1, 0)._tc.get_or_add_tcPr()
            if start.find(qn("w:vMerge")) is None:
                restart = OxmlElement("w:vMerge")
                restart.set(qn("w:val"), "restart")
                start.append(restart)


def build_pdf(source_docx: Path, target: Path) -> Path:
    """Print a .docx to PDF with reportlab: wrapped paragraphs, a ruled table whose rows split across pages."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph as RLParagraph
    from reportlab.platypus import SimpleDocTemplate, Spacer, TableStyle
    from reportlab.platypus import Table as RLTable

    if "DejaVu" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVu", str(FONT)))
    body = ParagraphStyle("body", fontName="DejaVu", fontSize=11, leading=14)
    cell = ParagraphStyle("cell", fontName="DejaVu", fontSize=8, leading=10)
    from xml.sax.saxutils import escape

    document = docx.Document(str(source_docx))
    story: list = []
    element = document.element.body
    for child in element.iterchildren():
        if child.tag == qn("w:p"):
            text = "".join(t.text or "" for t in child.iter(qn("w:t")))
            if text.strip():
                story.append(RLParagraph(escape(text), body))
                story.append(Spacer(1, 4))
        elif child.tag == qn("w:tbl"):
            data = []
            for tr in child.iter(qn("w:tr")):
                data.append(
                    [
                        RLParagraph(
                            escape(
                                " ".join("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in tc.iter(qn("w:p")))
                            ),
                            cell,
                        )
                        for tc in tr.iter(qn("w:tc"))
                    ]
                )
            width = max(len(r) for r in data)
            data = [r + [""] * (width - len(r)) for r in data]
            total = A4[0] - 3 * cm
            table = RLTable(data, colWidths=[total / width] * width, repeatRows=0, splitInRow=1)
            table.setStyle(
                TableStyle(
                    [
                        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ]
                )
            )
            story.append(table)
    target.parent.mkdir(parents=True, exist_ok=True)
    SimpleDocTemplate(
        str(target), pagesize=A4, leftMargin=1.5 * cm, rightMargin=1.5 * cm, topMargin=1.5 * cm, bottomMargin=1.5 * cm
    ).build(story)
    return target
