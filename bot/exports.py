"""The summary as a spreadsheet: one sheet per unit totals, one of every occurrence; real dates, frozen
headers and filters, so an officer can sort and filter before reporting up the line."""

from __future__ import annotations

import io
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from storage.status import BUCKETS, Summary

from .i18n import translator


def _header(sheet, names: list[str]) -> None:  # type: ignore[no-untyped-def]
    cells = []
    for name in names:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font = Font(bold=True)
        cells.append(cell)
    sheet.append(cells)


def status_workbook(summary: Summary, locale: str = "vi", timezone: str = "Asia/Ho_Chi_Minh") -> bytes:
    _ = translator(locale).gettext
    zone = ZoneInfo(timezone)
    book = Workbook(write_only=True)
    states = {
        "done": _("done"),
        "in_progress": _("in progress"),
        "blocked": _("blocked"),
        "late": _("late, no reply"),
        "upcoming": _("upcoming"),
    }

    totals = book.create_sheet(_("Summary"))
    names = [_("Unit"), *(states[b] for b in BUCKETS), _("Total")]
    totals.freeze_panes = "A2"
    totals.auto_filter.ref = f"A1:{get_column_letter(len(names))}{len(summary.units) + 1}"
    totals.column_dimensions["A"].width = 45
    _header(totals, names)
    for unit in summary.units:
        totals.append([unit.unit, *(getattr(unit, b) for b in BUCKETS), unit.total])

    detail = book.create_sheet(_("Occurrences"))
    names = [
        _("Plan"),
        _("Section"),
        _("Task"),
        _("Unit"),
        _("Period"),
        _("Due date"),
        _("State"),
        _("Last reply"),
        _("Note"),
    ]
    detail.freeze_panes = "A2"
    detail.auto_filter.ref = f"A1:{get_column_letter(len(names))}{len(summary.rows) + 1}"
    for column, width in zip("ABCDEFGHI", (28, 10, 60, 35, 14, 12, 16, 17, 40), strict=True):
        detail.column_dimensions[column].width = width
    _header(detail, names)
    for occ, kind in summary.rows:
        due = WriteOnlyCell(detail, value=occ.due)
        due.number_format = "DD/MM/YYYY"
        replied = None
        if occ.reported_at is not None:  # Excel has no time zones: the office's local time
            replied = WriteOnlyCell(detail, value=occ.reported_at.astimezone(zone).replace(tzinfo=None))
            replied.number_format = "DD/MM/YYYY HH:MM"
        detail.append(
            [occ.plan, occ.clause, occ.task, occ.unit, occ.period or "", due, states[kind], replied, occ.note or ""]
        )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def export_name(summary: Summary) -> str:
    return f"tinh-hinh-{summary.start:%Y%m%d}-{summary.end:%Y%m%d}.xlsx"
