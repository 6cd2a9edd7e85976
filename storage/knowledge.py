"""Stored plans back into the pure domain values the answer engine reads."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func
from sqlmodel import Session, col, select

from plans import Clause, Deadline, Plan, PlanMeta, Recurrence, Schedule, Target, Task

from .models import ClauseRow, PlanRow, TargetRow, TaskRow, TaskUnitRow, UnitRow
from .plans import META_FIELDS


def schedule_from_json(data: dict) -> Schedule:
    return Schedule(
        text=data.get("text", ""),
        deadlines=tuple(
            Deadline(
                due=dt.date.fromisoformat(d["due"]), period=d.get("period"), label=d.get("label"), unit=d.get("unit")
            )
            for d in data.get("deadlines", [])
        ),
        recurrences=tuple(
            Recurrence(
                frequency=r["frequency"],
                start=dt.date.fromisoformat(r["start"]),
                end=dt.date.fromisoformat(r["end"]),
                label=r.get("label"),
                rotation=tuple((int(i), str(u)) for i, u in r.get("rotation", [])),
                day=r.get("day"),
                shift=int(r.get("shift", 0)),
                slots=tuple(r.get("slots", ())),
            )
            for r in data.get("recurrences", [])
        ),
        undated=data.get("undated"),
        unsure=data.get("unsure"),
    )


def load_plans(*, session: Session) -> tuple[list[Plan], dict[str, str]]:
    """Every stored plan as a `Plan`, and each unit spelling's display name."""
    plans: list[Plan] = []
    names: dict[str, str] = {}
    for unit in session.exec(select(UnitRow)).all():
        for alias in unit.aliases:
            names[alias] = unit.name
    clauses: dict[int, list[Clause]] = {}
    for c in session.exec(select(ClauseRow).order_by(col(ClauseRow.plan_id), col(ClauseRow.position))).all():
        clauses.setdefault(c.plan_id, []).append(
            Clause(path=c.path, label=c.label, kind=c.kind, text=c.text, parent=c.parent, position=c.position)  # type: ignore[arg-type]
        )
    targets: dict[int, list[Target]] = {}
    for t in session.exec(select(TargetRow).order_by(col(TargetRow.id))).all():
        targets.setdefault(t.plan_id, []).append(
            Target(
                clause=t.clause_path,
                metric=t.metric,
                comparator=t.comparator,
                value=t.value,  # type: ignore[arg-type]
                value_text=t.value_text,
                measure=t.measure,
                quote=t.quote,
            )
        )
    leads: dict[int, list[str]] = {}
    partners: dict[int, list[str]] = {}
    for link, unit in session.exec(select(TaskUnitRow, UnitRow).join(UnitRow, col(UnitRow.id) == TaskUnitRow.unit_id)):
        (leads if link.role == "lead" else partners).setdefault(link.task_id, []).append(unit.name)
    tasks: dict[int, list[Task]] = {}
    for task in session.exec(select(TaskRow).order_by(col(TaskRow.plan_id), col(TaskRow.position))).all():
        schedule = schedule_from_json(task.schedule)
        rotation_order = [u for r in schedule.recurrences for _, u in r.rotation]
        task_leads = leads.get(task.id or 0, [])
        if rotation_order:
            task_leads = [names.get(u, u) for u in rotation_order]
        tasks.setdefault(task.plan_id, []).append(
            Task(
                clause=task.clause_path,
                title=task.title,
                product=task.product,
                leads=tuple(task_leads),
                partners=tuple(partners.get(task.id or 0, [])),
                schedule=schedule,
                quote=task.quote,
                category=task.category,
            )
        )
    for row in session.exec(select(PlanRow).order_by(col(PlanRow.id))).all():
        pid = row.id or 0
        meta = PlanMeta(**{field: getattr(row, field) for field in META_FIELDS})
        plans.append(
            Plan(
                meta=meta,
                clauses=tuple(clauses.get(pid, [])),
                targets=tuple(targets.get(pid, [])),
                tasks=tuple(tasks.get(pid, [])),
                units=(),
                source=row.source,
                content_hash=row.content_hash,
                recipients=tuple(row.recipients),
            )
        )
    return plans, names


def plans_version(*, session: Session) -> tuple[int, str]:
    """Changes whenever a plan is imported, updated or removed: a cheap key for caches of `load_plans`."""
    count, latest = session.exec(select(func.count(col(PlanRow.id)), func.max(PlanRow.updated_at))).one()
    return int(count or 0), str(latest)
