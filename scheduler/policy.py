"""The reminder policy: when an occurrence's unit hears about it. Pure: dates in, send moments out.

Defaults (every number a setting): 7 and 3 days before, 1 working day before, and on the day; once
overdue, the next working day and then weekly until "done". A moment that falls on a weekend or a public
holiday moves to the working day before (never before today's planning, never onto the due date's wrong
side); two moments on one day collapse into the later kind.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .calendar import WorkCalendar


@dataclass(frozen=True, kw_only=True)
class ReminderPolicy:
    days_before: tuple[int, ...] = (7, 3)
    working_days_before: int = 1
    on_the_day: bool = True
    overdue_every_days: int = 7
    send_time: dt.time = dt.time(8, 0)


@dataclass(frozen=True, kw_only=True)
class Moment:
    kind: str  # "before" | "due" | "overdue"
    step: str  # unique per occurrence: "d7", "d3", "w1", "due", "o1", "o2"…
    at: dt.datetime


def reminder_moments(due: dt.date, *, policy: ReminderPolicy, calendar: WorkCalendar, until: dt.date) -> list[Moment]:
    """Every moment the policy reminds about a due date, up to `until` (overdue ones repeat weekly)."""
    due_day = calendar.previous_working_day(due)
    by_day: dict[dt.date, tuple[str, str]] = {}
    for days in sorted(policy.days_before, reverse=True):
        day = calendar.previous_working_day(due - dt.timedelta(days=days))
        by_day[day] = ("before", f"d{days}")
    if policy.working_days_before > 0:
        day = calendar.add_working_days(due_day, -policy.working_days_before)
        by_day[day] = ("before", f"w{policy.working_days_before}")
    if policy.on_the_day:
        by_day[due_day] = ("due", "due")
    moments = [
        Moment(kind=kind, step=step, at=calendar.at(day, policy.send_time))
        for day, (kind, step) in sorted(by_day.items())
        if day <= until
    ]
    first_overdue = calendar.next_working_day(due + dt.timedelta(days=1))
    number = 1
    day = first_overdue
    while day <= until and policy.overdue_every_days > 0:
        moments.append(Moment(kind="overdue", step=f"o{number}", at=calendar.at(day, policy.send_time)))
        number += 1
        nominal = first_overdue + dt.timedelta(days=policy.overdue_every_days * (number - 1))
        day = max(calendar.previous_working_day(nominal), day + dt.timedelta(days=1))
        day = calendar.next_working_day(day)
    return moments


def checkin_moments(*, year: int, calendar: WorkCalendar, send_time: dt.time, until: dt.date) -> list[Moment]:
    """A monthly check-in for an undated task: the first working day of each month of the plan's year."""
    moments = []
    for month in range(1, 13):
        day = calendar.next_working_day(dt.date(year, month, 1))
        if day > until:
            break
        moments.append(Moment(kind="checkin", step=f"c{year}-{month:02d}", at=calendar.at(day, send_time)))
    return moments
