"""Schedules -> occurrences: one task, one period, one responsible unit, one due date."""

from __future__ import annotations

import datetime as dt

from .model import Occurrence, Plan, Recurrence, Task
from .timeexpr import ROMAN_OUT, month_end, quarter_end


def _recurrence_dates(rec: Recurrence) -> list[tuple[dt.date, str, int]]:
    """(due, period label, index in the year) for each period of a recurrence inside its window."""
    out = []
    year = rec.start.year
    while year <= rec.end.year:
        if rec.frequency == "monthly":
            for month in range(1, 13):
                due = month_end(year, month)
                if rec.start <= due <= rec.end:
                    out.append((due, f"tháng {month}/{year}", month))
        else:
            for quarter in range(1, 5):
                due = quarter_end(year, quarter)
                if rec.start <= due <= rec.end:
                    out.append((due, f"quý {ROMAN_OUT[quarter]}/{year}", quarter))
        year += 1
    return out


def expand_task(task: Task, index: int) -> list[Occurrence]:
    out: list[Occurrence] = []
    for deadline in task.schedule.deadlines:
        for unit in task.leads:
            out.append(
                Occurrence(task_index=index, unit=unit, due=deadline.due, period=deadline.period, label=deadline.label)
            )
    for rec in task.schedule.recurrences:
        rotation = dict(rec.rotation)
        for due, period, slot in _recurrence_dates(rec):
            units = [rotation[slot]] if rotation else list(task.leads)
            if rotation and slot not in rotation:
                continue
            for unit in units:
                out.append(Occurrence(task_index=index, unit=unit, due=due, period=period, label=rec.label))
    return out


def plan_occurrences(plan: Plan) -> list[Occurrence]:
    out: list[Occurrence] = []
    for index, task in enumerate(plan.tasks):
        out.extend(expand_task(task, index))
    return out
