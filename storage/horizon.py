"""The edge of what the plans cover: the last deadline on record, for "nothing lies ahead" answers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlmodel import Session, col, select

from .models import OccurrenceRow, PlanRow, TaskRow


@dataclass(frozen=True, kw_only=True)
class LastDeadline:
    due: dt.date
    task: str
    plan: str
    year: int


def last_deadline(*, session: Session, unit_ids: list[int] | None = None) -> LastDeadline | None:
    """The latest due date of any occurrence (of these units), with its task and plan; None when none."""
    query = (
        select(OccurrenceRow.due, TaskRow.title, PlanRow)
        .join(TaskRow, col(TaskRow.id) == OccurrenceRow.task_id)
        .join(PlanRow, col(PlanRow.id) == TaskRow.plan_id)
    )
    if unit_ids is not None:
        query = query.where(col(OccurrenceRow.unit_id).in_(unit_ids))
    row = session.exec(query.order_by(col(OccurrenceRow.due).desc(), col(PlanRow.id).desc()).limit(1)).first()
    if row is None:
        return None
    due, title, plan = row
    return LastDeadline(due=due, task=title, plan=plan.reference, year=plan.year)
