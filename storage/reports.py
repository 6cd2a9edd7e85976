"""Occurrences as a unit sees them, and the status reports units send about them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlmodel import Session, col, select

from .models import OccurrenceRow, PlanRow, StatusReportRow, TaskRow, UnitRow
from .types import utcnow

CHOICES = ("done", "progress", "blocked", "snooze")


@dataclass(frozen=True, kw_only=True)
class OccurrenceInfo:
    id: int
    task_id: int
    task: str
    clause: str
    plan_id: int
    plan: str
    unit_id: int
    unit: str
    due: dt.date
    period: str | None
    state: str | None = None  # the latest report's choice (snoozes do not count)
    note: str | None = None
    reported_at: dt.datetime | None = None


def _query():  # type: ignore[no-untyped-def]
    return (
        select(OccurrenceRow, TaskRow, PlanRow, UnitRow)
        .join(TaskRow, col(TaskRow.id) == OccurrenceRow.task_id)
        .join(PlanRow, col(PlanRow.id) == TaskRow.plan_id)
        .join(UnitRow, col(UnitRow.id) == OccurrenceRow.unit_id)
    )


def _info(
    occ: OccurrenceRow, task: TaskRow, plan: PlanRow, unit: UnitRow, report: StatusReportRow | None
) -> OccurrenceInfo:
    title = task.title if not occ.label else f"{task.title} ({occ.label})"
    return OccurrenceInfo(
        id=occ.id or 0,
        task_id=task.id or 0,
        task=title,
        clause=task.clause_path,
        plan_id=plan.id or 0,
        plan=plan.reference,
        unit_id=unit.id or 0,
        unit=unit.name,
        due=occ.due,
        period=occ.period or None,
        state=report.choice if report else None,
        note=report.note if report else None,
        reported_at=report.created_at if report else None,
    )


def latest_reports(*, session: Session, occurrence_ids: list[int]) -> dict[int, StatusReportRow]:
    """The newest report that states progress (done, in progress, blocked) per occurrence."""
    latest: dict[int, StatusReportRow] = {}
    for start in range(0, len(occurrence_ids), 500):
        chunk = occurrence_ids[start : start + 500]
        rows = session.exec(
            select(StatusReportRow)
            .where(col(StatusReportRow.occurrence_id).in_(chunk), StatusReportRow.choice != "snooze")
            .order_by(col(StatusReportRow.created_at), col(StatusReportRow.id))
        ).all()
        for row in rows:
            latest[row.occurrence_id] = row
    return latest


def occurrence(*, session: Session, occurrence_id: int) -> OccurrenceInfo | None:
    row = session.exec(_query().where(OccurrenceRow.id == occurrence_id)).first()
    if row is None:
        return None
    report = latest_reports(session=session, occurrence_ids=[occurrence_id]).get(occurrence_id)
    return _info(*row, report)


def unit_occurrences(
    *,
    session: Session,
    unit_ids: list[int] | None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    plan_ids: list[int] | None = None,
) -> list[OccurrenceInfo]:
    """Occurrences (of some units, in a window) with their latest reported state, by due date."""
    query = _query()
    if unit_ids is not None:
        query = query.where(col(OccurrenceRow.unit_id).in_(unit_ids))
    if plan_ids is not None:
        query = query.where(col(TaskRow.plan_id).in_(plan_ids))
    if start:
        query = query.where(OccurrenceRow.due >= start)
    if end:
        query = query.where(OccurrenceRow.due <= end)
    rows = session.exec(query.order_by(col(OccurrenceRow.due), col(TaskRow.position), col(UnitRow.name))).all()
    reports = latest_reports(session=session, occurrence_ids=[occ.id or 0 for occ, *_ in rows])
    return [_info(occ, task, plan, unit, reports.get(occ.id or 0)) for occ, task, plan, unit in rows]


def add_report(
    *,
    session: Session,
    occurrence_id: int,
    unit_id: int,
    member_id: int | None,
    choice: str,
    note: str | None = None,
    at: dt.datetime | None = None,
) -> StatusReportRow:
    if choice not in CHOICES:
        raise ValueError(f"unknown choice {choice!r}")
    row = StatusReportRow(
        occurrence_id=occurrence_id,
        unit_id=unit_id,
        member_id=member_id,
        choice=choice,
        note=note,
        created_at=at or utcnow(),
    )
    session.add(row)
    session.flush()
    return row


def set_note(*, session: Session, report_id: int, note: str) -> StatusReportRow | None:
    row = session.get(StatusReportRow, report_id)
    if row is not None:
        row.note = note
        session.add(row)
    return row


@dataclass(frozen=True, kw_only=True)
class TaskBrief:
    id: int
    title: str
    clause: str
    plan: str
    undated: str | None


def task_brief(*, session: Session, task_id: int) -> TaskBrief | None:
    task = session.get(TaskRow, task_id)
    if task is None:
        return None
    plan = session.get(PlanRow, task.plan_id)
    return TaskBrief(
        id=task.id or 0,
        title=task.title,
        clause=task.clause_path,
        plan=plan.reference if plan else "",
        undated=task.undated,
    )
