"""Read .txt, .docx and .pdf into blocks: paragraphs and tables, in reading order.

Formats differ in how a table arrives (tab-separated lines, Word rows, ruled PDF cells) and in how a
paragraph is broken (page breaks in the text export, wrapped lines in a PDF). Each reader only gets the
blocks out; rejoining broken paragraphs and table rows is shared in `layout`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from . import limits
from .errors import EmptyDocument, PlanError, UnreadableDocument, UnsupportedFormat
from .layout import join_paragraphs
from .model import Block, Document, Paragraph, Table
from .text import normalize

SUPPORTED = (".txt", ".docx", ".pdf")


def read_document(path: Path) -> Document:
    """Read a plan file; raise a PlanError with a one-line reason otherwise."""
    suffix = path.suffix.lower()
    limits.check_file(path)  # a loop, a broken link, no permission, too large: said by name before reading
    if not path.exists():
        raise UnreadableDocument(f"{path}: file not found")
    if path.is_dir():
        raise UnreadableDocument(f"{path}: is a folder, not a file")
    if suffix not in SUPPORTED:
        hint = " (save it as .docx in Word first)" if suffix == ".doc" else ""
        raise UnsupportedFormat(f"{path}: unsupported format '{suffix or 'none'}'{hint}; use .txt, .docx or .pdf")
    if path.stat().st_size == 0:
        raise EmptyDocument(f"{path}: the file is empty")
    try:
        if suffix == ".txt":
            blocks = read_txt(path.read_bytes(), str(path))
        elif suffix == ".docx":
            blocks = read_docx(path)
        else:
            blocks = read_pdf(path)
    except PlanError:
        raise
    except Exception as exc:  # a broken file can fail deep inside any reader library
        raise UnreadableDocument(f"{path}: cannot be read as {suffix} ({type(exc).__name__})") from exc
    blocks = tuple(b for b in blocks if not (isinstance(b, Paragraph) and not b.text))
    if not any(isinstance(b, Paragraph) and b.text for b in blocks):
        raise EmptyDocument(f"{path}: no text found (a scanned PDF needs OCR first)")
    return Document(source=path.name, blocks=blocks)


def read_text(text: str, source: str = "<text>") -> Document:
    """Blocks from already-decoded plain text (the .txt reader's core)."""
    return Document(source=source, blocks=tuple(_txt_blocks(text)))


# --- plain text -----------------------------------------------------------------------------------


def read_txt(data: bytes, source: str = "<text>") -> list[Block]:
    return list(_txt_blocks(limits.decode_text(data, source)))  # encodings, binary files, control characters


def _txt_blocks(text: str) -> Iterable[Block]:
    """Tab-separated lines after a recognised header row form a table; the rest are paragraphs."""
    from .tables import is_header_row, rota_sentence, table_sentences

    lines = side_by_side(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    lines = _bar_rows([x for x in lines if not (_RULE_ROW.match(x) and "|" in x)])
    paragraphs: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        cells = [normalize(c) for c in line.split("\t")]
        if "\t" in line and is_header_row(cells):
            yield from _flush(paragraphs)
            rows = [tuple(cells)]
            i += 1
            while i < len(lines):
                nxt = lines[i]
                if "\t" in nxt:
                    rows.append(tuple(normalize(c) for c in nxt.split("\t")))
                elif nxt.strip():
                    break
                i += 1
            yield Table(rows=tuple(rows))
            continue
        if "\t" in line:
            run = [tuple(normalize(c) for c in x.split("\t")) for x in _tab_run(lines, i)]
            rota = rota_sentence(run)
            if rota is not None:  # a duty rota typed as a table: the sentence it stands for
                paragraphs.extend(["", rota, ""])
                i += len(run)
                continue
            rows = table_sentences(run)
            if rows is not None:  # a table of facts: each row the sentence it stands for
                paragraphs.extend(["", *(x for row in rows for x in (row, "")), ""])
                i += len(run)
                continue
            line = " ".join(c for c in cells if c)
        paragraphs.append(line)
        i += 1
    yield from _flush(paragraphs)


def _tab_run(lines: list[str], i: int) -> list[str]:
    run = []
    while i < len(lines) and "\t" in lines[i]:
        run.append(lines[i])
        i += 1
    return run


# the gap between two blocks typed side by side: a bar, or a run of spaces inside the line (a Word page saved
# as plain text keeps the columns apart with spaces)
_BAR = re.compile(r"\s\|\s|\s\|$|^\|\s")
_SPACES = re.compile(r"(?<=\S) {4,}(?=\S)")
_BLANK_FIELD = re.compile(r"(?:\b[Ss]ố\s*:?|\b(?:ngày|tháng|năm))$")  # "Số:      /KH-…", "ngày      tháng": left blank
_RIGHT_ONLY = re.compile(r"^ {12,}(?=\S)")  # a right-column line with nothing beside it


# a header or signature line whose two blocks a single tab keeps apart (not a table row)
_TAB_BLOCKS = re.compile(
    r"^[^\t]+\t+(?:CỘNG HÒA|CỘNG HOÀ|Độc lập|ĐỘC LẬP|[^\t]*,\s*ngày\b|KT\.|TM\.|TL\.|HIỆU TRƯỞNG|GIÁM ĐỐC|"
    r"TRƯỞNG PHÒNG|CHỦ TỊCH|PHÓ)[^\t]*$"
)


def _column_gap(line: str) -> tuple[int, int] | None:
    """Where the left block ends and the right begins on a line typed side by side, if it is one."""
    if line.count(" | ") + line.rstrip().endswith(" |") >= 2:
        return None  # "9/2028 | Tổ Toán - Tin học |": a table's row typed with bars, not two blocks
    if "\t" in line:
        if not _TAB_BLOCKS.match(line):
            return None  # a table row
        tab = re.search(r"\t+", line)
        return tab.span() if tab else None
    bar = _BAR.search(line)
    if bar:
        return bar.span()
    for gap in _SPACES.finditer(line):
        if not _BLANK_FIELD.search(line[: gap.start()]) and not line[gap.end() :].startswith("/"):
            return gap.span()
    return None


_RULE_ROW = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")  # "|----|:---:|" under a header


def _bars_to_tabs(line: str, bordered: bool = True) -> str:
    """A table typed with bars ("Tháng | Tổ trực | Ghi chú", "| TT | Chỉ tiêu |") read as the tab-separated
    table it is; the dashed rule under a header is no row. In a table typed without outer bars, a bar that
    opens the line stands after a blank first cell (" | - Niêm yết … | Văn thư |": the month above's)."""
    if line.count(" | ") + line.rstrip().endswith(" |") < 2:
        return line
    text = line.strip().removesuffix("|")
    blank_first = not bordered and text.startswith("|")
    cells = [cell.strip() for cell in text.removeprefix("|").split(" | ")]
    return "\t".join(["", *cells] if blank_first else cells)


def _bar_rows(lines: list[str]) -> list[str]:
    """Each run of bar-typed lines converted as a table: bordered ("| TT | … |") when its first line is."""
    out: list[str] = []
    bordered = True
    for line in lines:
        barred = line.count(" | ") + line.rstrip().endswith(" |") >= 2
        if barred and (not out or "\t" not in out[-1]):
            bordered = line.lstrip().startswith("|")  # the table's first line (its header) decides
        out.append(_bars_to_tabs(line, bordered) if barred else line)
    return out


def _left_only_inside(lines: list[str], i: int) -> bool:
    """A recipient line with nothing beside it, between lines that have the signature beside them."""
    return bool(
        lines[i].strip().startswith(("-", "+", "•"))
        and "\t" not in lines[i]
        and any(_column_gap(x) for x in lines[i + 1 : i + 4] if x.strip())
    )


def side_by_side(lines: list[str]) -> list[str]:
    """Two blocks typed side by side ("SỞ GDĐT | CỘNG HÒA …", "Nơi nhận: | KT. GIÁM ĐỐC") read one after
    the other: the left column's lines, a blank line, then the right column's."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        if not _column_gap(lines[i]):
            out.append(lines[i])
            i += 1
            continue
        left: list[str] = []
        right: list[str] = []
        while i < len(lines) and (_column_gap(lines[i]) or _RIGHT_ONLY.match(lines[i]) or _left_only_inside(lines, i)):
            gap = _column_gap(lines[i])
            a, b = (lines[i][: gap[0]], lines[i][gap[1] :]) if gap else ("", lines[i])
            left.append(a.strip())
            right.append(b.strip().removeprefix("| ").removeprefix("|"))
            i += 1
        out.extend([*(x for x in left if x), "", *(x for x in right if x), ""])
    return out


def _flush(lines: list[str]) -> Iterable[Block]:
    """Turn buffered lines into paragraphs: a blank line ends one, broken sentences are rejoined."""
    chunks: list[str] = []
    current: list[str] = []
    for raw in lines:
        if raw.strip():
            current.append(normalize(raw))
        elif current:
            chunks.append("\n".join(current))
            current = []
    if current:
        chunks.append("\n".join(current))
    lines.clear()
    split_lines: list[str] = []
    for chunk in chunks:
        split_lines.extend(chunk.split("\n"))
        split_lines.append("")
    for text in join_paragraphs(split_lines, wrapped=False):
        yield Paragraph(text=text)


# --- Word -----------------------------------------------------------------------------------------


def read_docx(path: Path) -> list[Block]:
    import docx
    from docx.oxml.ns import qn

    limits.check_docx(path)  # the zip's member sizes, before python-docx inflates them
    try:
        document = docx.Document(str(path))
    except Exception as exc:
        raise UnreadableDocument(f"{path}: not a valid .docx file ({type(exc).__name__})") from exc
    blocks: list[Block] = []
    lines: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        if child.tag == qn("w:p"):
            text = "".join(t.text or "" for t in child.iter(qn("w:t")))
            lines.extend(text.split("\n"))
            lines.append("")
        elif child.tag == qn("w:tbl"):
            table = _docx_table(child)
            from .tables import is_header_row, is_layout_table

            if table and (is_header_row(table[0]) or not is_layout_table(table)):
                blocks.extend(_flush(lines))
                blocks.append(Table(rows=tuple(table)))  # a task list, or a table of facts read row by row
            else:
                # a layout table (agency beside motto, recipients beside signature): column by column
                table = _docx_table(child, "\n")
                width = max((len(r) for r in table), default=0)
                for col in range(width):
                    for row in table:
                        cell = row[col] if col < len(row) else ""
                        if cell.strip():
                            lines.extend(cell.split("\n"))
                    lines.append("")
    blocks.extend(_flush(lines))
    return blocks


def _docx_table(tbl, joiner: str = " ") -> list[tuple[str, ...]]:
    """Rows of cell texts on the table grid: a horizontally merged cell fills its span once, a vertically
    merged cell repeats its text (python-docx semantics) so rows stay aligned."""
    from docx.oxml.ns import qn

    rows: list[list[str]] = []
    above: dict[int, str] = {}
    for tr in tbl.iter(qn("w:tr")):
        row: list[str] = []
        col = 0
        for tc in tr.iter(qn("w:tc")):
            props = tc.find(qn("w:tcPr"))
            span = 1
            vmerge = None
            if props is not None:
                grid = props.find(qn("w:gridSpan"))
                if grid is not None:
                    span = int(grid.get(qn("w:val"), "1"))
                vm = props.find(qn("w:vMerge"))
                if vm is not None:
                    vmerge = vm.get(qn("w:val"), "continue")
            paras = []
            for p in tc.iter(qn("w:p")):
                paras.append("".join(t.text or "" for t in p.iter(qn("w:t"))))
            text = joiner.join(normalize(x) for x in paras if x.strip())
            if vmerge == "continue":
                text = above.get(col, "")
            above[col] = text
            row.append(text)
            row.extend([""] * (span - 1))
            col += span
        rows.append(row)
    width = max((len(r) for r in rows), default=0)
    return [tuple(r + [""] * (width - len(r))) for r in rows]


# --- PDF ------------------------------------------------------------------------------------------


def read_pdf(path: Path) -> list[Block]:
    """Text pages through pypdfium2 (fast); pages with ruled tables through pdfplumber.

    A table that runs over several pages arrives as one table per page: pages after the one with the
    header row continue it, and `tables` rejoins a row that the page break cut in two.
    """
    import pdfplumber
    import pypdfium2 as pdfium

    limits.check_pdf(path)  # the page count, before any page is laid out
    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        reason = "it is protected by a password" if "password" in str(exc).lower() else "it is damaged"
        raise UnreadableDocument(f"{path}: cannot open the PDF: {reason}") from exc
    texts: list[str] = []
    ruled: set[int] = set()
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            plain = textpage.get_text_range()
            # blocks printed side by side sit in the header and beside the signature: only such pages are
            # laid out again from their text boxes
            beside = _SIDE_BY_SIDE.search(plain)
            texts.append((_columns_apart(textpage, page.get_width()) if beside else None) or plain)
            if _has_rules(page):
                ruled.add(index)
            textpage.close()
            page.close()
    finally:
        pdf.close()

    out = _PdfBlocks()
    if not ruled:
        for text in texts:
            out.text(text)
        return out.finish()
    with pdfplumber.open(str(path)) as plumber:
        for index, page in enumerate(plumber.pages):
            if index not in ruled:  # no ruled lines: no table to find, and pdfplumber's layout pass is skipped
                out.text(texts[index])
                continue
            try:
                _plumb_page(page, texts[index], out)
            finally:
                page.close()  # its parsed layout is freed at once: memory stays flat over long PDFs
    return out.finish()


def _plumb_page(page, text: str, out: _PdfBlocks) -> None:
    """A ruled page: the text above its first table, its tables, the text below."""
    from .tables import is_header_row

    found = _find_tables(page) if (page.lines or page.rects) else []
    if not found:
        out.text(text)
        return
    boxes = [t.bbox for t in found]

    def outside(obj: dict) -> bool:
        x = (obj["x0"] + obj["x1"]) / 2
        y = (obj["top"] + obj["bottom"]) / 2
        return not any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)

    first_top = min(b[1] for b in boxes)
    out.text(page.filter(lambda o: outside(o) and o.get("top", 0) < first_top).extract_text() or "")
    for table in found:
        rows = [tuple(normalize((c or "").replace("\n", " ")) for c in r) for r in table.extract()]
        if rows:
            out.table(rows, header=is_header_row(rows[0]))
    out.text(page.filter(lambda o: outside(o) and o.get("top", 0) >= first_top).extract_text() or "")


def _find_tables(page):
    """Ruled tables; a row split by the page break has no rule where the page cuts it, so the top and
    bottom of the page's vertical rules are added as rules."""
    verticals = [e for e in page.edges if e["orientation"] == "v"]
    if not verticals:
        return page.find_tables()
    top = min(e["top"] for e in verticals)
    bottom = max(e["bottom"] for e in verticals)
    return page.find_tables(table_settings={"explicit_horizontal_lines": [top, bottom]})


_SIDE_BY_SIDE = re.compile(r"CỘNG HÒA|CỘNG HOÀ|Độc lập|Nơi nhận|NƠI NHẬN|\bKT\.|\bTM\.")


def _has_rules(page) -> bool:
    """Whether a page draws lines or boxes (a ruled table may be there): path objects, counted by pdfium."""
    import pypdfium2.raw as pdfium_c

    count = 0
    for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=2):
        count += 1
        if count >= 4:
            return True
    return False


def _columns_apart(textpage, width: float) -> str | None:
    """A page with blocks printed side by side (the agency beside the motto, "Nơi nhận" beside the signature),
    as text with each block's lines together: left column, then right column. None when the page has no
    such block (its text is read as it comes)."""
    rects = [textpage.get_rect(i) for i in range(textpage.count_rects())]
    lines: list[list[tuple[float, float, float, float]]] = []
    for rect in sorted(rects, key=lambda r: (-r[3], r[0])):
        if lines and abs(lines[-1][0][3] - rect[3]) < 3:
            lines[-1].append(rect)
        else:
            lines.append([rect])
    split_any = False
    rows: list[tuple[str, str | None]] = []
    for line in lines:
        line.sort(key=lambda r: r[0])
        cut = next(
            (i for i in range(1, len(line)) if line[i][0] - line[i - 1][2] > 25 and line[i][0] > width * 0.4), None
        )
        texts = [textpage.get_text_bounded(*r).strip() for r in line]
        if cut is None and line[0][0] > width * 0.45 and rows and rows[-1][1] is not None:
            rows.append(("", " ".join(texts)))  # a right-column line with nothing beside it
            split_any = True
            continue
        if cut is None:
            rows.append((" ".join(t for t in texts if t), None))
            continue
        split_any = True
        rows.append((" ".join(t for t in texts[:cut] if t), " ".join(t for t in texts[cut:] if t)))
    if not split_any:
        return None
    out: list[str] = []
    i = 0
    while i < len(rows):
        if rows[i][1] is None:
            out.append(rows[i][0])
            i += 1
            continue
        left: list[str] = []
        right: list[str] = []
        while i < len(rows) and (rows[i][1] is not None or (rows[i][0] and right and _short(rows[i][0]))):
            if rows[i][0]:
                left.append(rows[i][0])
            if rows[i][1]:
                right.append(rows[i][1])
            i += 1
        out.extend([*left, "", *right, ""])
    return "\n".join(out)


def _short(text: str) -> bool:
    return len(text) < 60 and text.lstrip().startswith(("-", "+", "•"))


class _PdfBlocks:
    """Accumulates a PDF's lines and table rows into blocks in reading order."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.lines: list[str] = []
        self.rows: list[tuple[str, ...]] = []

    def text(self, text: str) -> None:
        lines = _page_lines(text)
        if any(x not in ("", "\f") for x in lines):
            self._close_table()
        self.lines.extend(lines)

    def table(self, rows: list[tuple[str, ...]], *, header: bool) -> None:
        if header:
            self._close_table()
            self._flush_lines()
            self.rows = list(rows)
        elif self.rows:
            self.rows.extend(rows)
        else:
            for row in rows:
                self.lines.extend(c for c in row if c)
                self.lines.append("")

    def finish(self) -> list[Block]:
        self._close_table()
        self._flush_lines()
        return self.blocks

    def _close_table(self) -> None:
        if self.rows:
            self._flush_lines()
            self.blocks.append(Table(rows=tuple(self.rows)))
            self.rows = []

    def _flush_lines(self) -> None:
        self.blocks.extend(Paragraph(text=t) for t in join_paragraphs(self.lines, wrapped=True))
        self.lines = []


_PAGE_NUMBER = re.compile(r"^\s*(?:-\s*)?\d{1,3}(?:\s*-)?\s*$")


_NATIONAL = re.compile(
    r"(CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM|CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM|Độc lập\s*-\s*Tự do\s*-\s*Hạnh phúc)"
)


def split_national(line: str) -> list[str]:
    """The national name and motto printed beside the agency block come on the agency's line: apart again."""
    if not _NATIONAL.search(line):
        return [line]
    return [p.strip() for p in _NATIONAL.split(line) if p.strip()]


def _page_lines(text: str) -> list[str]:
    """A page's lines without its page-number line; a page break is a possible paragraph break."""
    lines = [normalize(x) for x in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    lines = [part for x in lines if not _PAGE_NUMBER.match(x) for part in split_national(x)]
    return [*lines, "\f"]
