"""Occurrences -> outbox rows. Idempotent (keys are unique per occurrence, member and step), so it runs
on every tick and on every replica; the outbox, not the scheduler's memory, is the truth.

For each open occurrence and each member of its unit, only the latest moment already reached is queued:
after downtime the unit gets one (late) reminder, not the whole backlog.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlmodel import Session

from storage.outbox import insert_missing
from storage.reminders import listeners, open_occurrences, undated_tasks

from .calendar import WorkCalendar
from .policy import Moment, ReminderPolicy, checkin_moments, reminder_moments

# The earliest moment is 7 days (plus a Tết shift) before the due date.
LOOKAHEAD = dt.timedelta(days=21)


@dataclass(frozen=True, kw_only=True)
class PlanningWindow:
    overdue_days: int = 90  # overdue reminders stop this long after the due date (officers still see it)


def _latest(moments: list[Moment], now: dt.datetime) -> Moment | None:
    reached = [m for m in moments if m.at <= now]
    return reached[-1] if reached else None


def plan_reminders(
    *,
    session: Session,
    now: dt.datetime,
    policy: ReminderPolicy,
    calendar: WorkCalendar,
    window: PlanningWindow | None = None,
) -> int:
    """Queue what is due by `now`; returns how many rows were added."""
    window = window or PlanningWindow()
    today = calendar.today(now)
    audience = listeners(session=session)
    rows: list[dict] = []
    occurrences = open_occurrences(
        session=session, start=today - dt.timedelta(days=window.overdue_days), end=today + LOOKAHEAD
    )
    cache: dict[dt.date, Moment | None] = {}
    for occ in occurrences:
        members = audience.get(occ.unit_id)
        if not members:
            continue
        if occ.due not in cache:
            cache[occ.due] = _latest(reminder_moments(occ.due, policy=policy, calendar=calendar, until=today), now)
        moment = cache[occ.due]
        if moment is None:
            continue
        for member_id in members:
            rows.append(
                {
                    "key": f"r:{occ.id}:{member_id}:{moment.step}",
                    "member_id": member_id,
                    "occurrence_id": occ.id,
                    "kind": moment.kind,
                    "send_at": moment.at,
                }
            )
    for task_id, year, unit_ids in undated_tasks(session=session):
        if year != today.year:
            continue
        moment = _latest(checkin_moments(year=year, calendar=calendar, send_time=policy.send_time, until=today), now)
        if moment is None:
            continue
        for unit_id in unit_ids:
            for member_id in audience.get(unit_id, []):
                rows.append(
                    {
                        "key": f"c:{task_id}:{unit_id}:{member_id}:{moment.step}",
                        "member_id": member_id,
                        "task_id": task_id,
                        "kind": "checkin",
                        "send_at": moment.at,
                    }
                )
    return insert_missing(session=session, rows=rows)
