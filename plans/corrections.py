"""Officers' corrections of what the reader made of a plan, applied to a freshly read plan.

A correction names its task by identity (section and words), not by a database id, so it still applies
when the same plan is imported again. A time is corrected in the officer's own words ("15/12/2026",
"trước ngày 25 hằng tháng", "quý IV"), read by the same grammar as the plan.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from typing import Literal

from .model import Plan, Task
from .parse import units_of
from .text import fold
from .timeexpr import parse_schedule, plan_time
from .units import split_units

Field = Literal["time", "units", "drop"]


@dataclass(frozen=True, kw_only=True)
class Correction:
    task_ref: str
    field: Field
    value: str = ""


def task_ref(task: Task) -> str:
    """A task's identity across re-imports: its section and its words."""
    return hashlib.sha256(f"{task.clause}|{fold(task.title)}".encode()).hexdigest()[:16]


def apply_corrections(plan: Plan, corrections: list[Correction]) -> Plan:
    """The plan with every correction applied (the latest of each kind per task wins)."""
    if not corrections:
        return plan
    latest: dict[tuple[str, str], Correction] = {}
    for c in corrections:
        latest[(c.task_ref, c.field)] = c
    meta = plan.meta
    ctx = plan_time(
        year=meta.year,
        issued=meta.start_date,
        issued_known=meta.issue_date is not None,
        title=meta.title,
        text="\n".join(c.text for c in plan.clauses),
    )
    tasks = []
    for task in plan.tasks:
        ref = task_ref(task)
        if (ref, "drop") in latest:
            continue
        if (ref, "time") in latest:
            words = latest[(ref, "time")].value
            schedule = parse_schedule(words, year=meta.year, issued=meta.start_date, ctx=ctx)
            task = replace(task, schedule=schedule, unsure=tuple(u for u in task.unsure if u.startswith("đơn vị")))
        if (ref, "units") in latest:
            leads = tuple(split_units(latest[(ref, "units")].value))
            schedule = replace(
                task.schedule,
                recurrences=tuple(replace(r, rotation=()) for r in task.schedule.recurrences),
                deadlines=tuple(replace(d, unit=None) for d in task.schedule.deadlines),
            )
            task = replace(
                task, leads=leads, schedule=schedule, unsure=tuple(u for u in task.unsure if not u.startswith("đơn vị"))
            )
        tasks.append(task)
    return replace(plan, tasks=tuple(tasks), units=tuple(units_of(tasks)))
