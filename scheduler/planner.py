"""Occurrences -> outbox rows. Idempotent (keys are unique per occurrence, member and step), so it runs
on every tick and on every replica; the outbox, not the scheduler's memory, is the truth.

For each open occurrence and each member of its unit, only the latest moment already reached is queued:
after downtime the unit gets one (late) reminder, not the whole backlog.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlmodel import Session

from storage.members import officers
from storage.outbox import insert_missing
from storage.reminders import listeners, members_since, open_occurrences, undated_tasks

from .calendar import WorkCalendar
from .policy import Moment, ReminderPolicy, checkin_moments, reminder_moments

# The earliest moment is 7 days (plus a Tết shift) before the due date.
LOOKAHEAD = dt.timedelta(days=21)


@dataclass(frozen=True, kw_only=True)
class PlanningWindow:
    overdue_days: int = 90  # overdue reminders stop this long after the due date (officers still see it)
    digest_weekday: int | None = 0  # the officers' weekly digest: Monday (None: no digest)
    digest_time: dt.time = dt.time(8, 0)
    after_deadline: bool = True  # the morning after a deadline, officers hear who has not replied


def _send_at(at: dt.datetime, now: dt.datetime, *since: dt.datetime | None) -> dt.datetime:
    """A moment reached before the plan was imported or the member joined is sent now, not as "late": the
    service was not down then, the reminder simply could not exist yet."""
    known = [s if s.tzinfo else s.replace(tzinfo=dt.UTC) for s in since if s is not None]
    if known and max(known) > at:
        return max(at, min(now, max(known)))
    return at


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
    joined = members_since(session=session)
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
                    "send_at": _send_at(moment.at, now, occ.since, joined.get(member_id)),
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
    rows += _officer_rows(
        session,
        now=now,
        today=today,
        calendar=calendar,
        policy=policy,
        window=window,
        due_dates={occ.due for occ in occurrences},
    )
    return insert_missing(session=session, rows=rows)


def _officer_rows(
    session: Session,
    *,
    now: dt.datetime,
    today: dt.date,
    calendar: WorkCalendar,
    policy: ReminderPolicy,
    window: PlanningWindow,
    due_dates: set[dt.date],
) -> list[dict]:
    """The weekly digest and the morning-after messages, one row per officer (rendered when sent)."""
    staff = officers(session=session)
    if not staff:
        return []
    rows: list[dict] = []
    if window.digest_weekday is not None:
        monday = today - dt.timedelta(days=(today.weekday() - window.digest_weekday) % 7)
        at = calendar.at(monday, window.digest_time)
        if at <= now < at + dt.timedelta(days=2):  # a digest missed by more than that is stale: skip it
            week = f"{monday.isocalendar().year}-W{monday.isocalendar().week:02d}"
            rows += [
                {"key": f"digest:{week}:{o.id}", "member_id": o.id, "kind": "digest", "send_at": at} for o in staff
            ]
    if window.after_deadline:
        for due in sorted(d for d in due_dates if today - dt.timedelta(days=7) <= d < today):
            at = calendar.at(calendar.next_working_day(due + dt.timedelta(days=1)), policy.send_time)
            if at <= now:
                rows += [
                    {"key": f"after:{due.isoformat()}:{o.id}", "member_id": o.id, "kind": "after", "send_at": at}
                    for o in staff
                ]
    return rows
