"""Stored plans back into the pure domain values the answer engine reads.

Read with plain SQL over one connection: a SQLAlchemy Session or Connection, or a sqlite3 connection
(`storage.readonly`). Answering questions is the one path that starts a process just to read, so it loads
neither the ORM nor the table classes, and with sqlite3 not SQLAlchemy at all.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from typing import Any, Protocol

from plans import Clause, Deadline, Plan, PlanMeta, Recurrence, Schedule, Target, Task

# PlanMeta's fields, stored one-to-one as plan columns.
META_FIELDS = (
    "number",
    "symbol",
    "issuer",
    "place",
    "issue_date",
    "issue_month",
    "issue_year",
    "year",
    "title",
    "signer",
    "signer_title",
    "kind",
)


class Reader(Protocol):
    def execute(self, statement: Any, *args: Any, **kwargs: Any) -> Any: ...


def _rows(reader: Reader, sql: str) -> list[tuple[Any, ...]]:
    if isinstance(reader, sqlite3.Connection):
        return reader.execute(sql).fetchall()
    from sqlalchemy import text

    return [tuple(r) for r in reader.execute(text(sql)).all()]


def _json(value: Any) -> Any:
    """JSON columns: text on SQLite, already decoded on PostgreSQL."""
    return json.loads(value) if isinstance(value, str | bytes) else value


def _date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


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


def load_plans(*, session: Reader) -> tuple[list[Plan], dict[str, str]]:
    """Every stored plan as a `Plan`, and each unit spelling's display name."""

    def run(sql: str) -> list[tuple[Any, ...]]:
        return _rows(session, sql)

    plans: list[Plan] = []
    names: dict[str, str] = {}
    for name, aliases in run("SELECT name, aliases FROM unit"):
        for alias in _json(aliases) or []:
            names[alias] = name
    clauses: dict[int, list[Clause]] = {}
    for plan_id, path, label, kind, body, parent, position in run(
        "SELECT plan_id, path, label, kind, text, parent, position FROM clause ORDER BY plan_id, position"
    ):
        clauses.setdefault(plan_id, []).append(
            Clause(path=path, label=label, kind=kind, text=body, parent=parent, position=position)
        )
    targets: dict[int, list[Target]] = {}
    for plan_id, clause, metric, comparator, value, value_text, measure, quote, baseline in run(
        "SELECT plan_id, clause_path, metric, comparator, value, value_text, measure, quote, baseline "
        "FROM target ORDER BY id"
    ):
        targets.setdefault(plan_id, []).append(
            Target(
                clause=clause,
                metric=metric,
                comparator=comparator,
                value=value,
                value_text=value_text,
                measure=measure,
                quote=quote,
                baseline=bool(baseline),
            )
        )
    leads: dict[int, list[str]] = {}
    partners: dict[int, list[str]] = {}
    for task_id, role, name in run(
        "SELECT task_unit.task_id, task_unit.role, unit.name FROM task_unit JOIN unit ON unit.id = task_unit.unit_id"
    ):
        (leads if role == "lead" else partners).setdefault(task_id, []).append(name)
    tasks: dict[int, list[Task]] = {}
    for task_id, plan_id, clause, title, product, category, schedule_data, quote, context, unsure in run(
        "SELECT id, plan_id, clause_path, title, product, category, schedule, quote, context, unsure FROM task "
        "ORDER BY plan_id, position"
    ):
        schedule = schedule_from_json(_json(schedule_data) or {})
        rotation_order = [u for r in schedule.recurrences for _, u in r.rotation]
        task_leads = leads.get(task_id or 0, [])
        if rotation_order:
            task_leads = [names.get(u, u) for u in rotation_order]
        tasks.setdefault(plan_id, []).append(
            Task(
                clause=clause,
                title=title,
                product=product,
                leads=tuple(task_leads),
                partners=tuple(partners.get(task_id or 0, [])),
                schedule=schedule,
                quote=quote,
                category=category,
                context=context,
                unsure=tuple(_json(unsure) or ()),
            )
        )
    columns = ", ".join(META_FIELDS)
    for row in run(f"SELECT id, source, content_hash, recipients, {columns} FROM plan ORDER BY id"):
        pid, source, content_hash, recipients, *values = row
        meta = dict(zip(META_FIELDS, values, strict=True))
        meta["issue_date"] = _date(meta["issue_date"])
        plans.append(
            Plan(
                meta=PlanMeta(**meta),
                clauses=tuple(clauses.get(pid, [])),
                targets=tuple(targets.get(pid, [])),
                tasks=tuple(tasks.get(pid, [])),
                units=(),
                source=source,
                content_hash=content_hash,
                recipients=tuple(_json(recipients) or []),
            )
        )
    return plans, names


def plans_version(*, session: Reader) -> tuple[int, str]:
    """Changes whenever a plan is imported, updated or removed: a cheap key for caches of `load_plans`."""
    count, latest = _rows(session, "SELECT count(id), max(updated_at) FROM plan")[0]
    return int(count or 0), str(latest)
