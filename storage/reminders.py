"""What reminder planning reads: open occurrences in a window, who hears for each unit, undated tasks."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlmodel import Session, col, select

from .models import MemberRow, OccurrenceRow, PlanRow, StatusReportRow, TaskRow, TaskUnitRow


@dataclass(frozen=True, kw_only=True)
class PlannedOccurrence:
    id: int
    unit_id: int
    due: dt.date
    since: dt.datetime | None = None  # when its plan was last imported: a reminder cannot be late before it


def states(*, session: Session) -> dict[int, str]:
    """The latest progress state (done, progress, blocked) of every occurrence that has one."""
    latest: dict[int, str] = {}
    rows = session.exec(
        select(StatusReportRow.occurrence_id, StatusReportRow.choice)
        .where(StatusReportRow.choice != "snooze")
        .order_by(col(StatusReportRow.created_at), col(StatusReportRow.id))
    ).all()
    for occurrence_id, choice in rows:
        latest[occurrence_id] = choice
    return latest


def open_occurrences(*, session: Session, start: dt.date, end: dt.date) -> list[PlannedOccurrence]:
    """Occurrences due in [start, end] that no "done" report closed."""
    done = {occ for occ, state in states(session=session).items() if state == "done"}
    rows = session.exec(
        select(OccurrenceRow.id, OccurrenceRow.unit_id, OccurrenceRow.due, PlanRow.updated_at)
        .join(TaskRow, col(TaskRow.id) == OccurrenceRow.task_id)
        .join(PlanRow, col(PlanRow.id) == TaskRow.plan_id)
        .where(OccurrenceRow.due >= start, OccurrenceRow.due <= end)
    ).all()
    return [PlannedOccurrence(id=i, unit_id=u, due=d, since=at) for i, u, d, at in rows if i not in done]


def members_since(*, session: Session) -> dict[int, dt.datetime]:
    """When each member joined: a reminder whose moment came before that is not late for them."""
    return dict(session.exec(select(MemberRow.id, MemberRow.created_at)).all())


def listeners(*, session: Session) -> dict[int, list[int]]:
    """Active members (people and group chats) per unit: the ones a unit's reminders go to."""
    out: dict[int, list[int]] = {}
    rows = session.exec(
        select(MemberRow.id, MemberRow.unit_id).where(col(MemberRow.active), col(MemberRow.unit_id).is_not(None))
    ).all()
    for member_id, unit_id in rows:
        out.setdefault(unit_id, []).append(member_id)
    return out


def undated_tasks(*, session: Session) -> list[tuple[int, int, list[int]]]:
    """(task id, plan year, lead unit ids) for every task with no date ("Thường xuyên", …)."""
    tasks = session.exec(
        select(TaskRow.id, PlanRow.year)
        .join(PlanRow, col(PlanRow.id) == TaskRow.plan_id)
        .where(col(TaskRow.undated).is_not(None))
    ).all()
    dated = set(session.exec(select(OccurrenceRow.task_id).distinct()).all())
    leads: dict[int, list[int]] = {}
    for task_id, unit_id in session.exec(
        select(TaskUnitRow.task_id, TaskUnitRow.unit_id).where(TaskUnitRow.role == "lead")
    ).all():
        leads.setdefault(task_id, []).append(unit_id)
    return [(t, year, leads.get(t, [])) for t, year in tasks if t not in dated and leads.get(t)]
