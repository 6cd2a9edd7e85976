"""Word-formatting helpers for the scripts that rebuild the held-out plans' .docx files
(tests/holdout*/make_docx.py): a borderless layout table, a cell or paragraph of formatted lines, and the
agency / motto header laid out side by side."""

from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt


def no_borders(table):
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.append(borders)


def cell_text(cell, text, bold=False, italic=False, center=False, size=None):
    cell.text = ""
    p = cell.paragraphs[0]
    for i, line in enumerate(text.split("\n")):
        if i:
            p = cell.add_paragraph()
        run = p.add_run(line)
        run.bold = bold
        run.italic = italic
        if size:
            run.font.size = Pt(size)
        if center:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER


def para(doc, text, bold=False, italic=False, center=False, size=None):
    p = doc.add_paragraph()
    run = p.add_run(text)
    run.bold = bold
    run.italic = italic
    if size:
        run.font.size = Pt(size)
    if center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return p


def header_table(doc, left, right):
    """Agency over number beside motto over place and date; an annex's header may have no second line."""
    rows = 2 if (left[1] or right[1]) else 1
    t = doc.add_table(rows=rows, cols=2)
    no_borders(t)
    cell_text(t.cell(0, 0), left[0], bold=True, center=True)
    cell_text(t.cell(0, 1), right[0], bold=True, center=True)
    if rows == 2:
        cell_text(t.cell(1, 0), left[1], center=True)
        cell_text(t.cell(1, 1), right[1], italic=True, center=True)
