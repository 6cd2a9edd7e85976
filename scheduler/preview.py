"""`nhacviec reminders preview`: what the policy will send when, per responsible unit, members or not."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlmodel import Session

from storage.members import get_unit
from storage.reminders import undated_tasks
from storage.reports import task_brief, unit_occurrences

from .calendar import WorkCalendar
from .planner import PlanningWindow
from .policy import ReminderPolicy, checkin_moments, reminder_moments


@dataclass(frozen=True, kw_only=True)
class PlannedReminder:
    at: dt.datetime
    due: dt.date | None
    task: str
    unit: str
    plan: str
    kind: str

    def as_json(self) -> dict:
        return {
            "at": self.at.isoformat(timespec="seconds"),
            "due": self.due.isoformat() if self.due else None,
            "task": self.task,
            "unit": self.unit,
            "plan": self.plan,
            "kind": self.kind,
        }


def preview(
    *,
    session: Session,
    start: dt.date,
    end: dt.date,
    policy: ReminderPolicy,
    calendar: WorkCalendar,
    unit_ids: list[int] | None = None,
    window: PlanningWindow | None = None,
) -> list[PlannedReminder]:
    window = window or PlanningWindow()
    out: list[PlannedReminder] = []
    rows = unit_occurrences(
        session=session,
        unit_ids=unit_ids,
        start=start - dt.timedelta(days=window.overdue_days),
        end=end + dt.timedelta(days=21),
    )
    for occ in rows:
        if occ.state == "done":
            continue
        last_day = min(end, occ.due + dt.timedelta(days=window.overdue_days))
        for moment in reminder_moments(occ.due, policy=policy, calendar=calendar, until=last_day):
            if start <= moment.at.date() <= end:
                out.append(
                    PlannedReminder(
                        at=moment.at, due=occ.due, task=occ.task, unit=occ.unit, plan=occ.plan, kind=moment.kind
                    )
                )
    for task_id, year, leads in undated_tasks(session=session):
        brief = task_brief(session=session, task_id=task_id)
        if brief is None:
            continue
        for moment in checkin_moments(year=year, calendar=calendar, send_time=policy.send_time, until=end):
            if moment.at.date() < start:
                continue
            for unit_id in leads:
                if unit_ids is not None and unit_id not in unit_ids:
                    continue
                unit = get_unit(session=session, unit_id=unit_id)
                out.append(
                    PlannedReminder(
                        at=moment.at,
                        due=None,
                        task=brief.title,
                        unit=unit.name if unit else "?",
                        plan=brief.plan,
                        kind="checkin",
                    )
                )
    out.sort(key=lambda r: (r.at, r.unit, r.task))
    return out
