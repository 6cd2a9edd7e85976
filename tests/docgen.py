"""Build .docx and PDF versions of plans, the way offices have them.

The text export is read here on its own terms (not with the reader under test): blank-line separated
paragraphs; "left | right" lines for blocks typed side by side (the agency block beside the national
motto, "Nơi nhận:" beside the signature); tab-separated rows for a table, header first.

In the .docx, side-by-side blocks become borderless two-column tables (as Word templates have them), a
group row ("II<TAB>Cải cách thể chế<TAB><TAB>…") becomes one cell merged across the row, and a table after
a "PHỤ LỤC" line sits in a landscape section. Rows that the text export broke stay broken (as in the
sample's source) unless `merge=True`, which joins them back and merges an empty first column vertically,
as Word does. The PDF is that document printed: paragraphs wrap at the page width, table rows break across
pages, borderless tables print without rules and landscape sections on landscape pages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import docx
import matplotlib
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm

FONT = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"
_SIDE = re.compile(r"\s\|\s|\s\|$")
_GROUP = re.compile(r"^(?:[IVX]{1,5}|[A-H])\.?$")


@dataclass
class _Para:
    text: str


@dataclass
class _Table:
    rows: list[list[str]]
    borderless: bool = False
    landscape: bool = False
    group_rows: set[int] = field(default_factory=set)


def text_blocks(source: Path, *, merge: bool) -> list[_Para | _Table]:
    """Paragraphs, side-by-side blocks and tables of a plan's text export."""
    lines = source.read_text(encoding="utf-8-sig").replace("\r\n", "\n").split("\n")
    blocks: list[_Para | _Table] = []
    appendix = False
    i = 0
    while i < len(lines):
        line = lines[i]
        if "\t" in line:
            rows: list[list[str]] = []
            while i < len(lines) and ("\t" in lines[i] or not lines[i].strip()):
                if lines[i].strip():
                    rows.append([c.strip() for c in lines[i].split("\t")])
                i += 1
            if rows:
                blocks.append(_table(rows, merge=merge, landscape=appendix))
            continue
        if _SIDE.search(line):
            rows = []
            while i < len(lines) and _SIDE.search(lines[i]) and "\t" not in lines[i]:
                left, _, right = lines[i].partition("|")
                rows.append([left.strip(), right.strip()])
                i += 1
            blocks.append(_Table(rows=rows, borderless=True))
            continue
        if line.strip():
            if re.match(r"^\s*PHỤ LỤC\b", line):
                appendix = True
            blocks.append(_Para(text=line.strip()))
        i += 1
    return blocks


def _table(rows: list[list[str]], *, merge: bool, landscape: bool) -> _Table:
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    if merge:
        rows = _joined(rows)
    groups = {
        index for index, row in enumerate(rows) if index and _GROUP.match(row[0]) and sum(1 for c in row[1:] if c) == 1
    }
    return _Table(rows=rows, landscape=landscape, group_rows=groups)


def _joined(rows: list[list[str]]) -> list[list[str]]:
    """Rows the text export broke (a cell wrapped or cut by a page break: no number, one cell, or text that
    starts in lower case) joined back into the row above."""
    out: list[list[str]] = []
    for row in rows:
        filled = [i for i, c in enumerate(row) if c]
        first = next((row[i] for i in filled if i in (1, 2)), "")
        wrapped = not row[0] and len(filled) == 1 and out and len(out) > 1
        cut = out and first and first[:1].islower()
        if out and len(out) > 1 and (wrapped or cut) and not _GROUP.match(row[0]):
            out[-1] = [f"{a} {b}".strip() for a, b in zip(out[-1], row, strict=True)]
        else:
            out.append(list(row))
    return out


def build_docx(source: Path, target: Path, *, merge: bool = False) -> Path:
    document = docx.Document()
    for block in text_blocks(source, merge=merge):
        if isinstance(block, _Para):
            document.add_paragraph(block.text)
            continue
        if block.landscape:
            _landscape(document)
        width = max(len(r) for r in block.rows)
        table = document.add_table(rows=len(block.rows), cols=width)
        if not block.borderless:
            table.style = "Table Grid"
        for r, row in enumerate(block.rows):
            if r in block.group_rows:
                table.cell(r, 0).text = row[0]
                title = next(c for c in row[1:] if c)
                merged = table.cell(r, 1).merge(table.cell(r, width - 1))
                merged.text = title
                continue
            for c in range(width):
                table.cell(r, c).text = row[c] if c < len(row) else ""
        if merge and not block.borderless:
            _merge_first_column(table, block)
    target.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(target))
    return target


def _landscape(document: docx.document.Document) -> None:
    section = document.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)


def _merge_first_column(table, block: _Table) -> None:
    """Merge runs of empty category cells into the cell above, as a vertically merged Word cell."""
    rows = block.rows
    for r in range(2, len(rows)):
        if not rows[r][0].strip() and r not in block.group_rows and r - 1 not in block.group_rows:
            tc = table.cell(r, 0)._tc
            props = tc.get_or_add_tcPr()
            props.append(OxmlElement("w:vMerge"))
            start = table.cell(r - 1, 0)._tc.get_or_add_tcPr()
            if start.find(qn("w:vMerge")) is None:
                restart = OxmlElement("w:vMerge")
                restart.set(qn("w:val"), "restart")
                start.append(restart)


def build_pdf(source_docx: Path, target: Path) -> Path:
    """Print a .docx to PDF with reportlab: wrapped paragraphs, ruled tables whose rows split across pages,
    borderless tables without rules, merged cells spanning, landscape sections on landscape pages."""
    from xml.sax.saxutils import escape

    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import BaseDocTemplate, Frame, NextPageTemplate, PageBreak, PageTemplate, Spacer, TableStyle
    from reportlab.platypus import Paragraph as RLParagraph
    from reportlab.platypus import Table as RLTable

    if "DejaVu" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVu", str(FONT)))
    body = ParagraphStyle("body", fontName="DejaVu", fontSize=11, leading=14)
    cell = ParagraphStyle("cell", fontName="DejaVu", fontSize=8, leading=10)
    margin = 1.5 * cm
    portrait_frame = Frame(margin, margin, A4[0] - 2 * margin, A4[1] - 2 * margin, id="p")
    wide = landscape(A4)
    landscape_frame = Frame(margin, margin, wide[0] - 2 * margin, wide[1] - 2 * margin, id="l")
    doc = BaseDocTemplate(str(target), pagesize=A4, leftMargin=margin, rightMargin=margin)
    doc.addPageTemplates(
        [
            PageTemplate(id="portrait", frames=[portrait_frame], pagesize=A4),
            PageTemplate(id="landscape", frames=[landscape_frame], pagesize=wide),
        ]
    )
    document = docx.Document(str(source_docx))
    story: list = []
    in_landscape = False
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            text = "".join(t.text or "" for t in child.iter(qn("w:t")))
            if text.strip():
                story.append(RLParagraph(escape(text), body))
                story.append(Spacer(1, 4))
            section = child.find(qn("w:pPr") + "/" + qn("w:sectPr"))
            if section is not None:  # the section ending here; the next one is landscape if the body's is
                story.extend([NextPageTemplate("landscape"), PageBreak()])
                in_landscape = True
        elif child.tag == qn("w:tbl"):
            borderless = child.find(qn("w:tblPr") + "/" + qn("w:tblStyle")) is None
            data, spans = [], []
            for r, tr in enumerate(child.iter(qn("w:tr"))):
                row: list = []
                for tc in tr.iter(qn("w:tc")):
                    text = " ".join("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in tc.iter(qn("w:p")))
                    row.append(RLParagraph(escape(text), cell if not borderless else body))
                    grid = tc.find(qn("w:tcPr") + "/" + qn("w:gridSpan"))
                    span = int(grid.get(qn("w:val"))) if grid is not None else 1
                    if span > 1:
                        spans.append(("SPAN", (len(row) - 1, r), (len(row) + span - 2, r)))
                        row.extend([""] * (span - 1))
                data.append(row)
            width = max(len(r) for r in data)
            data = [r + [""] * (width - len(r)) for r in data]
            total = (wide[0] if in_landscape else A4[0]) - 2 * margin
            table = RLTable(data, colWidths=[total / width] * width, repeatRows=0, splitInRow=1)
            style = [("VALIGN", (0, 0), (-1, -1), "TOP"), *spans]
            if not borderless:
                style.append(("GRID", (0, 0), (-1, -1), 0.5, colors.black))
            table.setStyle(TableStyle(style))
            story.append(table)
    target.parent.mkdir(parents=True, exist_ok=True)
    doc.build(story)
    return target
