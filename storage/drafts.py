"""Plans brought in as drafts, read and summarised for an officer, confirmed or discarded; corrections.

A draft holds the file as it was sent and schedules nothing: no task, occurrence or reminder exists for it
until it is confirmed. Confirming reads it again, applies the officers' corrections kept for that plan, and
stores it the way `plans import` does (a new version of a confirmed plan updates it in place, so replies to
occurrences that did not change survive).
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from sqlmodel import Session, col, select

from plans import Plan, Task, plan_occurrences
from plans.corrections import Correction, apply_corrections, task_ref
from plans.occurrences import occurrence_name, task_name
from plans.parse import parse_plan
from plans.text import fold
from plans.units import make_unit, unit_key

from .models import CorrectionRow, OccurrenceRow, PlanDraftRow, PlanRow, TaskRow, UnitRow
from .plans import ImportResult, find_plan_row, plan_key, save_plan
from .types import utcnow


class DraftError(Exception):
    """A draft that does not exist or was already decided: a one-line reason for the officer."""


def read_bytes(filename: str, content: bytes) -> Plan:
    """A plan from a file's bytes (raises a PlanError with a one-line reason naming the file)."""
    suffix = Path(filename).suffix.lower()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / (Path(filename).name or f"plan{suffix}")
        path.write_bytes(content)
        return parse_plan(path)


def corrections_for(session: Session, key: str) -> list[Correction]:
    rows = session.exec(select(CorrectionRow).where(CorrectionRow.plan_key == key).order_by(col(CorrectionRow.id)))
    return [Correction(task_ref=r.task_ref, field=r.field, value=r.value) for r in rows]  # type: ignore[arg-type]


def corrected(session: Session, plan: Plan) -> Plan:
    return apply_corrections(plan, corrections_for(session, plan_key(plan)))


def import_plan(*, session: Session, plan: Plan) -> ImportResult:
    """Store a plan at once (the command line's `plans import`), with its kept corrections applied."""
    return save_plan(session=session, plan=corrected(session, plan))


# --- drafts -----------------------------------------------------------------------------------------


def create_draft(*, session: Session, filename: str, content: bytes, by: str) -> tuple[PlanDraftRow, Plan]:
    """Read a file and keep it as a draft (raises a PlanError when it cannot be read: nothing is kept)."""
    plan = corrected(session, read_bytes(filename, content))
    row = PlanDraftRow(filename=Path(filename).name, content=content, reference=plan.meta.reference, uploaded_by=by)
    session.add(row)
    session.flush()
    return row, plan


def draft(session: Session, draft_id: int) -> PlanDraftRow:
    row = session.get(PlanDraftRow, draft_id)
    if row is None:
        raise DraftError(f"no draft {draft_id}")
    return row


def open_draft(session: Session, draft_id: int) -> tuple[PlanDraftRow, Plan]:
    row = draft(session, draft_id)
    if row.status != "draft":
        raise DraftError(f"draft {draft_id} was already {row.status}")
    return row, corrected(session, read_bytes(row.filename, row.content))


def confirm_draft(*, session: Session, draft_id: int, by: str) -> ImportResult:
    row, plan = open_draft(session, draft_id)
    result = save_plan(session=session, plan=plan)
    row.status, row.decided_by, row.decided_at, row.plan_id = "confirmed", by, utcnow(), result.plan_id
    session.add(row)
    return result


def discard_draft(*, session: Session, draft_id: int, by: str) -> None:
    row = draft(session, draft_id)
    if row.status != "draft":
        raise DraftError(f"draft {draft_id} was already {row.status}")
    row.status, row.decided_by, row.decided_at = "discarded", by, utcnow()
    row.content = b""  # nothing of a discarded file is kept
    session.add(row)


def find_drafts(session: Session, query: str) -> list[PlanDraftRow]:
    """Open drafts matching an id, a number or words of their reference or file name."""
    rows = session.exec(select(PlanDraftRow).where(PlanDraftRow.status == "draft").order_by(col(PlanDraftRow.id)))
    rows = list(rows)
    if query.isdigit() and any(r.id == int(query) for r in rows):
        return [r for r in rows if r.id == int(query)]
    return [r for r in rows if fold(query) in fold(f"{r.reference} {r.filename}")]


# --- what an officer reviews ---------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class Item:
    """One task of the draft, numbered as the officer sees it (the number /sua takes)."""

    number: int
    clause: str
    name: str
    when: str
    units: tuple[str, ...]
    occurrences: int
    unsure: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class Diff:
    added: list[tuple[str, str, dt.date]] = field(default_factory=list)
    removed: list[tuple[str, str, dt.date]] = field(default_factory=list)
    moved: list[tuple[str, str, dt.date, dt.date]] = field(default_factory=list)
    units_added: list[str] = field(default_factory=list)
    units_removed: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.moved or self.units_added or self.units_removed)


@dataclass(frozen=True, kw_only=True)
class Review:
    plan: Plan
    tasks: int
    deadlines: int
    recurrences: int
    rotations: int
    undated: int
    units: list[tuple[str, int]]  # unit to remind, its occurrences
    items: list[Item]
    unsure: list[Item]
    diff: Diff | None  # against the confirmed version of the same plan, when there is one


def review(session: Session, plan: Plan) -> Review:
    occurrences = plan_occurrences(plan)
    per_task = Counter(o.task_index for o in occurrences)
    per_unit = Counter(make_unit(o.unit).name for o in occurrences)
    items = []
    for index, task in enumerate(plan.tasks):
        when = _when(task)
        items.append(
            Item(
                number=index + 1,
                clause=task.clause,
                name=task_name(task.title, task.context, None),
                when=when,
                units=task.leads,
                occurrences=per_task.get(index, 0),
                unsure=task.unsure,
            )
        )
    existing = find_plan_row(session, plan)
    return Review(
        plan=plan,
        tasks=len(plan.tasks),
        deadlines=sum(len(t.schedule.deadlines) for t in plan.tasks),
        recurrences=sum(1 for t in plan.tasks for r in t.schedule.recurrences if not r.rotation),
        rotations=sum(1 for t in plan.tasks if t.rotating),
        undated=sum(1 for t in plan.tasks if not t.schedule.is_dated),
        units=per_unit.most_common(),
        items=items,
        unsure=[i for i in items if i.unsure],
        diff=_diff(session, existing, plan) if existing is not None else None,
    )


def _when(task: Task) -> str:
    """A task's time in short: its dates, or how often and between which dates, or why it has none."""
    from plans.occurrences import recurrence_dates

    parts = [f"{d.due:%d/%m/%Y}" for d in task.schedule.deadlines[:4]]
    if len(task.schedule.deadlines) > 4:
        parts.append("…")
    for rec in task.schedule.recurrences:
        dates = [due for due, _period, _slot in recurrence_dates(rec)]
        if dates:
            parts.append(f"{len(dates)}× {dates[0]:%d/%m}–{dates[-1]:%d/%m/%Y}")
    if not parts:
        return task.schedule.undated or "?"
    return ", ".join(parts)


def _diff(session: Session, existing: PlanRow, plan: Plan) -> Diff:
    """What confirming the new version changes: deadlines added, removed and moved, units changed.

    An obligation is matched by its section, its period (or its own name) and its unit, so a date changed in
    the text reads as moved, not as one deadline removed and another added."""
    stored: dict[tuple[str, str, str], set[dt.date]] = {}
    label_of: dict[tuple[str, str, str], str] = {}
    stored_units: set[str] = set()
    names: dict[str, str] = {}
    rows = session.exec(
        select(
            TaskRow.clause_path,
            TaskRow.title,
            TaskRow.context,
            OccurrenceRow.label,
            OccurrenceRow.period,
            UnitRow.key,
            UnitRow.name,
            OccurrenceRow.due,
        )
        .join(OccurrenceRow, col(OccurrenceRow.task_id) == TaskRow.id)
        .join(UnitRow, col(UnitRow.id) == OccurrenceRow.unit_id)
        .where(TaskRow.plan_id == existing.id)
    ).all()
    for clause, title, context, label, period, key, name, due in rows:
        pair = (clause, period or label or "", key)
        stored.setdefault(pair, set()).add(due)
        label_of.setdefault(pair, task_name(title, context, label))
        stored_units.add(key)
        names[key] = name
    fresh: dict[tuple[str, str, str], set[dt.date]] = {}
    fresh_units: set[str] = set()
    for occ in plan_occurrences(plan):
        task = plan.tasks[occ.task_index]
        key = unit_key(occ.unit)
        pair = (task.clause, occ.period or occ.label or "", key)
        fresh.setdefault(pair, set()).add(occ.due)
        label_of[pair] = occurrence_name(task, occ)
        fresh_units.add(key)
        names.setdefault(key, make_unit(occ.unit).name)
    diff = Diff()
    for pair in sorted(set(stored) | set(fresh)):
        before, after = stored.get(pair, set()), fresh.get(pair, set())
        gone, new = sorted(before - after), sorted(after - before)
        name, unit = label_of[pair], names[pair[2]]
        while gone and new:
            diff.moved.append((name, unit, gone.pop(0), new.pop(0)))
        diff.removed.extend((name, unit, d) for d in gone)
        diff.added.extend((name, unit, d) for d in new)
    diff.units_added.extend(sorted(names[k] for k in fresh_units - stored_units))
    diff.units_removed.extend(sorted(names[k] for k in stored_units - fresh_units))
    return diff


# --- corrections ------------------------------------------------------------------------------------


def correct(*, session: Session, plan: Plan, number: int, field: str, value: str, by: str) -> CorrectionRow:
    """Keep an officer's correction of item `number` (1-based, as `review` numbers them)."""
    if not 1 <= number <= len(plan.tasks):
        raise DraftError(f"no item {number}: the plan has {len(plan.tasks)} items")
    if field not in ("time", "units", "drop"):
        raise DraftError(f"cannot correct '{field}': time, units or drop")
    task = plan.tasks[number - 1]
    previous = {
        "time": _when(task),
        "units": "; ".join(task.leads),
        "drop": "",
    }[field]
    row = CorrectionRow(
        plan_key=plan_key(plan),
        task_ref=task_ref(task),
        clause=task.clause,
        field=field,
        value=value,
        previous=previous,
        by=by,
    )
    session.add(row)
    session.flush()
    return row


def audit(session: Session, key: str) -> list[CorrectionRow]:
    return list(
        session.exec(select(CorrectionRow).where(CorrectionRow.plan_key == key).order_by(col(CorrectionRow.id)))
    )


def stored_plan(session: Session, plan_row: PlanRow) -> Plan:
    """A confirmed plan read again from its stored file when its draft is kept, else rebuilt from storage."""
    if plan_row.id is not None:
        source = session.exec(
            select(PlanDraftRow)
            .where(PlanDraftRow.plan_id == plan_row.id, PlanDraftRow.status == "confirmed")
            .order_by(col(PlanDraftRow.id).desc())
        ).first()
        if source is not None and source.content:
            return corrected(session, read_bytes(source.filename, source.content))
    from .knowledge import load_plans

    plans, _names = load_plans(session=session)
    for plan in plans:
        if plan_key(plan) == plan_row.key:
            return plan
    raise DraftError(f"plan {plan_row.reference} cannot be read again")
