"""A small streaming XLSX writer: the parts of SpreadsheetML the officers' export uses, written as text.

Per-cell objects are what makes general spreadsheet libraries slow at tens of thousands of rows (openpyxl's
write-only mode spent 10-12 s on 58,000 occurrences); here a row is one formatted string. What it writes:
text (as shared strings), numbers, dates and date-times (as serial numbers with a date format), a bold
header row, column widths, a frozen first row and an auto-filter. Dates are local calendar values (Excel has
no time zones); aware date-times must be converted by the caller.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

_EPOCH = dt.datetime(1899, 12, 30)  # noqa: DTZ001 - Excel's serial dates are zone-less
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ESCAPE = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})

# Cell styles (indexes into cellXfs below): 0 plain, 1 bold header, 2 date, 3 date and time.
PLAIN, BOLD, DATE, DATETIME = 0, 1, 2, 3
_STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<numFmts count="2"><numFmt numFmtId="164" formatCode="DD/MM/YYYY"/>'
    '<numFmt numFmtId="165" formatCode="DD/MM/YYYY HH:MM"/></numFmts>'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>'
    "</fills>"
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)


@lru_cache(maxsize=256)
def column_letter(index: int) -> str:
    """1 -> A, 27 -> AA."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


_LETTERS = [column_letter(i) for i in range(1, 65)]  # the columns rows usually have


def _text(value: str) -> str:
    return _ILLEGAL.sub("", value).translate(_ESCAPE)


@dataclass
class Sheet:
    name: str
    widths: Sequence[float] = ()
    parts: list[str] = field(default_factory=list)
    rows: int = 0
    columns: int = 0


class Workbook:
    """Sheets written row by row; `save` returns the file's bytes."""

    def __init__(self) -> None:
        self.sheets: list[Sheet] = []
        self._strings: dict[str, int] = {}
        self._days: dict[dt.date, int] = {}

    def add_sheet(self, name: str, widths: Sequence[float] = ()) -> Sheet:
        sheet = Sheet(name=name[:31], widths=widths)
        self.sheets.append(sheet)
        return sheet

    def _string(self, value: str) -> int:
        index = self._strings.get(value)
        if index is None:
            index = self._strings[value] = len(self._strings)
        return index

    def append(self, sheet: Sheet, values: Iterable[Any], style: int = PLAIN) -> None:
        """One row. None leaves a cell empty; `style` applies to text and numbers (dates get their format).

        Called once per row of a province's export (58,000 times): cells are dispatched on their exact type
        first, column letters and day numbers are looked up, not computed again."""
        values = values if isinstance(values, list | tuple) else list(values)
        sheet.rows += 1
        r = str(sheet.rows)
        cells = []
        s = f' s="{style}"' if style else ""
        strings = self._strings
        days = self._days
        letters = _LETTERS if len(values) <= len(_LETTERS) else [column_letter(i + 1) for i in range(len(values))]
        for c, value in enumerate(values):
            if value is None:
                continue
            kind = type(value)
            if kind is str:
                if value:
                    index = strings.get(value)
                    if index is None:
                        index = strings[value] = len(strings)
                    cells.append(f'<c r="{letters[c]}{r}" t="s"{s}><v>{index}</v></c>')
            elif kind is dt.date:
                day = days.get(value)
                if day is None:
                    day = days[value] = (value - _EPOCH.date()).days
                cells.append(f'<c r="{letters[c]}{r}" s="{DATE}"><v>{day}</v></c>')
            elif kind is dt.datetime:
                serial = (value.replace(tzinfo=None) - _EPOCH).total_seconds() / 86400
                cells.append(f'<c r="{letters[c]}{r}" s="{DATETIME}"><v>{serial!r}</v></c>')
            else:
                cells.append(self._cell(f"{letters[c]}{r}", value, s))
        for c in range(len(values), sheet.columns, -1):  # the last cell written
            if values[c - 1] is not None and values[c - 1] != "":
                sheet.columns = c
                break
        sheet.parts.append(f'<row r="{r}">{"".join(cells)}</row>')

    def _cell(self, ref: str, value: Any, s: str) -> str:
        if isinstance(value, str):
            return f'<c r="{ref}" t="s"{s}><v>{self._string(value)}</v></c>' if value else ""
        if isinstance(value, bool):
            return f'<c r="{ref}" t="b"{s}><v>{int(value)}</v></c>'
        if isinstance(value, dt.datetime):
            serial = (value.replace(tzinfo=None) - _EPOCH).total_seconds() / 86400
            return f'<c r="{ref}" s="{DATETIME}"><v>{serial!r}</v></c>'
        if isinstance(value, dt.date):
            return f'<c r="{ref}" s="{DATE}"><v>{(value - _EPOCH.date()).days}</v></c>'
        return f'<c r="{ref}"{s}><v>{value}</v></c>'

    def _sheet_xml(self, sheet: Sheet, *, frozen: bool, filtered: bool) -> str:
        head = [
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        ]
        last = f"{column_letter(max(sheet.columns, 1))}{max(sheet.rows, 1)}"
        head.append(f'<dimension ref="A1:{last}"/>')
        if frozen:
            head.append(
                '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" '
                'state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>'
            )
        head.append('<sheetFormatPr defaultRowHeight="15"/>')
        if sheet.widths:
            cols = "".join(
                f'<col min="{i}" max="{i}" width="{w}" customWidth="1"/>' for i, w in enumerate(sheet.widths, start=1)
            )
            head.append(f"<cols>{cols}</cols>")
        tail = []
        if filtered:
            tail.append(f'<autoFilter ref="A1:{last}"/>')
        tail.append('<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>')
        tail.append("</worksheet>")
        return "".join(head) + "<sheetData>" + "".join(sheet.parts) + "</sheetData>" + "".join(tail)

    def save(self, *, frozen: bool = True, filtered: bool = True) -> bytes:
        buffer = io.BytesIO()
        n = len(self.sheets)
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as z:
            overrides = "".join(
                f'<Override PartName="/xl/worksheets/sheet{i}.xml" '
                'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                for i in range(1, n + 1)
            )
            z.writestr(
                "[Content_Types].xml",
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                '<Default Extension="xml" ContentType="application/xml"/>'
                '<Override PartName="/xl/workbook.xml" '
                'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                '<Override PartName="/xl/styles.xml" '
                'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
                '<Override PartName="/xl/sharedStrings.xml" '
                'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
                f"{overrides}</Types>",
            )
            z.writestr(
                "_rels/.rels",
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                '<Relationship Id="rId1" '
                'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
                'Target="xl/workbook.xml"/></Relationships>',
            )
            sheets = "".join(
                f'<sheet name="{_text(s.name)}" sheetId="{i}" r:id="rId{i}"/>' for i, s in enumerate(self.sheets, 1)
            )
            names = "".join(
                f'<definedName name="_xlnm._FilterDatabase" localSheetId="{i}" hidden="1">'
                f"'{_text(s.name)}'!$A$1:${column_letter(max(s.columns, 1))}${max(s.rows, 1)}</definedName>"
                for i, s in enumerate(self.sheets)
            )
            z.writestr(
                "xl/workbook.xml",
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                f"<bookViews><workbookView/></bookViews><sheets>{sheets}</sheets>"
                + (f"<definedNames>{names}</definedNames>" if filtered else "")
                + "</workbook>",
            )
            rels = "".join(
                f'<Relationship Id="rId{i}" '
                'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
                f'Target="worksheets/sheet{i}.xml"/>'
                for i in range(1, n + 1)
            )
            z.writestr(
                "xl/_rels/workbook.xml.rels",
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                f'{rels}<Relationship Id="rId{n + 1}" '
                'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" '
                'Target="styles.xml"/>'
                f'<Relationship Id="rId{n + 2}" '
                'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
                'Target="sharedStrings.xml"/></Relationships>',
            )
            z.writestr("xl/styles.xml", _STYLES)
            strings = "".join(
                f'<si><t xml:space="preserve">{_text(s)}</t></si>' if s != s.strip() else f"<si><t>{_text(s)}</t></si>"
                for s in self._strings
            )
            z.writestr(
                "xl/sharedStrings.xml",
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                f'count="{len(self._strings)}" uniqueCount="{len(self._strings)}">{strings}</sst>',
            )
            for i, sheet in enumerate(self.sheets, 1):
                z.writestr(f"xl/worksheets/sheet{i}.xml", self._sheet_xml(sheet, frozen=frozen, filtered=filtered))
        return buffer.getvalue()
