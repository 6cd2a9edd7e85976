"""Schedules -> occurrences: one task, one period, one responsible unit, one due date."""

from __future__ import annotations

import datetime as dt

from .model import Occurrence, Plan, Recurrence, Task
from .text import fold
from .timeexpr import ROMAN_OUT, add_months, day_in_month, month_end

# Months per period, and how a period is named.
_LENGTH = {"monthly": 1, "quarterly": 3, "semiannual": 6, "yearly": 12}


def _period_label(frequency: str, year: int, slot: int) -> str:
    if frequency == "monthly":
        return f"tháng {slot}/{year}"
    if frequency == "quarterly":
        return f"quý {ROMAN_OUT[slot]}/{year}"
    if frequency == "semiannual":
        return f"6 tháng/{year}" if slot == 1 else f"6 tháng cuối năm {year}"
    return f"năm {year}"


def recurrence_dates(rec: Recurrence) -> list[tuple[dt.date, str, int]]:
    """(due, period label, slot in the year) for each period whose due day lies inside the recurrence's window.

    A period counts when its due day is on or after `start` (nothing before the plan existed) and the
    period itself ends by `end`.
    """
    length = _LENGTH[rec.frequency]
    out = []
    for year in range(rec.start.year - 1, rec.end.year + 1):
        for slot in range(1, 12 // length + 1):
            if rec.slots and slot not in rec.slots:
                continue
            last_month = slot * length
            period_end = month_end(year, last_month)
            due_year, due_month = add_months(year, last_month, rec.shift)
            due = day_in_month(due_year, due_month, rec.day) if rec.day or rec.shift else period_end
            if period_end > rec.end and due > rec.end:
                continue
            if due < rec.start:
                continue
            out.append((due, _period_label(rec.frequency, year, slot), slot))
    return out


def expand_task(task: Task, index: int) -> list[Occurrence]:
    out: list[Occurrence] = []
    for deadline in task.schedule.deadlines:
        for unit in [deadline.unit] if deadline.unit else task.leads:
            out.append(
                Occurrence(task_index=index, unit=unit, due=deadline.due, period=deadline.period, label=deadline.label)
            )
    for rec in task.schedule.recurrences:
        rotation = dict(rec.rotation)
        for due, period, slot in recurrence_dates(rec):
            if rotation and slot not in rotation:
                continue
            units = [rotation[slot]] if rotation else list(task.leads)
            for unit in units:
                out.append(Occurrence(task_index=index, unit=unit, due=due, period=period, label=rec.label))
    return out


def occurrence_name(task: Task, occ: Occurrence) -> str:
    """What is due in an occurrence: its own requirement first, what it belongs to after " — "
    ("Mỗi tháng ít nhất 01 tin, bài … — KH tuyên truyền CCHC 2023"), so no two obligations read the same."""
    return task_name(task.title, task.context, occ.label)


def task_name(title: str, context: str | None, label: str | None) -> str:
    own = title.rstrip(" .;")
    parts = []
    if label and fold(label) not in fold(own):
        parts.append(label.rstrip(" .;:,"))
    parts.append(own)
    if context and fold(context.rstrip(" .")) not in fold(own):
        parts.append(context.rstrip(" .;"))
    return " — ".join(p for p in parts if p)


def plan_occurrences(plan: Plan) -> list[Occurrence]:
    out: list[Occurrence] = []
    for index, task in enumerate(plan.tasks):
        out.extend(expand_task(task, index))
    return out
