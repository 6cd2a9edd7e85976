"""Occurrences as a unit sees them, and the status reports units send about them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, NamedTuple

from sqlalchemy import type_coerce
from sqlalchemy.types import NullType
from sqlmodel import Session, col, select

from plans.occurrences import task_name

from .models import OccurrenceRow, PlanRow, StatusReportRow, TaskRow, UnitRow, plan_reference
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


# An occurrence's own columns (the ids of its task and unit), then its task's and its plan's, read once per
# task: a province's summary holds 58,000 occurrences of a few hundred tasks.
_COLUMNS = (
    OccurrenceRow.id,
    type_coerce(OccurrenceRow.due, NullType()),  # the driver's value: see `_day`
    OccurrenceRow.period,
    OccurrenceRow.label,
    OccurrenceRow.task_id,
    OccurrenceRow.unit_id,
)
_TASK_COLUMNS = (
    TaskRow.id,
    TaskRow.title,
    TaskRow.context,
    TaskRow.clause_path,
    PlanRow.id,
    PlanRow.number,
    PlanRow.symbol,
    PlanRow.issuer,
    type_coerce(PlanRow.issue_date, NullType()),  # the driver's value: see `_day`
    PlanRow.issue_month,
    PlanRow.issue_year,
)


def _query():  # type: ignore[no-untyped-def]
    """Columns, not entities: summaries read tens of thousands of rows and ORM objects cost 10x more. The
    task and the unit are joined to filter and to order by; their text is read once each (`_occurrences`)."""
    return (
        select(*_COLUMNS)
        .join(TaskRow, col(TaskRow.id) == OccurrenceRow.task_id)
        .join(UnitRow, col(UnitRow.id) == OccurrenceRow.unit_id)
    )


class _Report(NamedTuple):
    """A tuple: a summary keeps one per answered occurrence (tens of thousands), and a frozen dataclass's
    three `object.__setattr__` calls cost more than reading the row."""

    choice: str
    note: str | None
    created_at: dt.datetime


def _day(value: dt.date | str) -> dt.date:
    """A date column as the driver gives it: a date on PostgreSQL, ISO text on SQLite (parsed in C here,
    where SQLAlchemy's own SQLite date type parses each value with a regular expression)."""
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)


def _rows(session: Session, statement: Any) -> list[tuple]:  # type: ignore[type-arg]
    """The driver's own rows (tuples): the columns read here need no conversion by SQLAlchemy, and a
    summary's tens of thousands of Row objects cost more than the query."""
    result = session.connection().execute(statement)
    try:
        return result.cursor.fetchall()  # type: ignore[attr-defined, no-any-return]
    finally:
        result.close()


def _by_id(session: Session, query: Any, key: Any, ids: set[int]) -> dict[int, tuple]:  # type: ignore[type-arg]
    """Rows by their first column, for these ids (in chunks: IN lists stay short)."""
    wanted = sorted(ids)
    out: dict[int, tuple] = {}  # type: ignore[type-arg]
    for start in range(0, len(wanted), 500):
        for row in _rows(session, query.where(col(key).in_(wanted[start : start + 500]))):
            out[row[0]] = row
    return out


def _occurrences(session: Session, query: Any) -> list[OccurrenceInfo]:
    """The occurrences `query` (over `_COLUMNS`) finds, with their task, plan, unit and latest state."""
    rows = _rows(session, query)
    if not rows:
        return []
    tasks = _by_id(
        session,
        select(*_TASK_COLUMNS).join(PlanRow, col(PlanRow.id) == TaskRow.plan_id),
        TaskRow.id,
        {r[4] for r in rows},
    )
    unit_rows = _by_id(session, select(UnitRow.id, UnitRow.name), UnitRow.id, {r[5] for r in rows})
    units = {u: name for u, name in unit_rows.values()}
    reports = latest_reports(session=session, occurrence_ids=[r[0] for r in rows])
    plans: dict[int, str] = {}
    names: dict[tuple[int, str | None], str] = {}
    days: dict[Any, dt.date] = {}
    out = []
    new = object.__new__
    for occ_id, due, period, label, task_id, unit_id in rows:
        _, title, context, clause, plan_id, *cited = tasks[task_id]
        reference = plans.get(plan_id)
        if reference is None:
            number, symbol, issuer, issued, month, year = cited
            reference = plans[plan_id] = plan_reference(
                number, symbol, issuer, _day(issued) if issued else None, month, year
            )
        name = names.get((task_id, label))
        if name is None:
            name = names[task_id, label] = task_name(title, context, label)  # what is due, its row as context
        day = days.get(due)
        if day is None:
            day = days[due] = _day(due)
        report = reports.get(occ_id)
        # a summary builds tens of thousands of these: filling the instance's dict skips the frozen dataclass's
        # one object.__setattr__ per field (the same object, five times faster)
        info = new(OccurrenceInfo)
        info.__dict__.update(
            id=occ_id,
            task_id=task_id,
            task=name,
            clause=clause,
            plan_id=plan_id,
            plan=reference,
            unit_id=unit_id,
            unit=units[unit_id],
            due=day,
            period=period or None,
            state=report.choice if report else None,
            note=report.note if report else None,
            reported_at=report.created_at if report else None,
        )
        out.append(info)
    return out


def latest_reports(*, session: Session, occurrence_ids: list[int]) -> dict[int, _Report]:
    """The newest report that states progress (done, in progress, blocked) per occurrence."""
    latest: dict[int, _Report] = {}
    query = (
        select(StatusReportRow.occurrence_id, StatusReportRow.choice, StatusReportRow.note, StatusReportRow.created_at)
        .where(StatusReportRow.choice != "snooze")
        .order_by(col(StatusReportRow.created_at), col(StatusReportRow.id))
    )
    if len(occurrence_ids) > 2000:  # many: one pass over every report beats thousands of IN lists
        wanted = set(occurrence_ids)
        raw = query.with_only_columns(
            StatusReportRow.occurrence_id,
            StatusReportRow.choice,
            StatusReportRow.note,
            type_coerce(StatusReportRow.created_at, NullType()),  # converted below, only for the rows kept
        )
        found: dict[int, tuple] = {}  # type: ignore[type-arg]
        for row in _rows(session, raw):
            if row[0] in wanted:
                found[row[0]] = row
        convert = StatusReportRow.__table__.c.created_at.type.process_result_value  # type: ignore[attr-defined]
        for occ, choice, note, at in found.values():
            if isinstance(at, str):  # SQLite keeps the text it was given
                at = dt.datetime.fromisoformat(at)
            latest[occ] = _Report(choice=choice, note=note, created_at=convert(at, None))
        return latest
    for start in range(0, len(occurrence_ids), 500):
        chunk = occurrence_ids[start : start + 500]
        for occ, choice, note, at in session.exec(query.where(col(StatusReportRow.occurrence_id).in_(chunk))).all():
            latest[occ] = _Report(choice=choice, note=note, created_at=at)
    return latest


def occurrence(*, session: Session, occurrence_id: int) -> OccurrenceInfo | None:
    found = _occurrences(session, _query().where(OccurrenceRow.id == occurrence_id))
    return found[0] if found else None


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
    query = query.order_by(col(OccurrenceRow.due), col(TaskRow.position), col(UnitRow.name))
    return _occurrences(session, query)


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
