"""Plan repository: save a parsed plan (insert or update in place), list, find, and query deadlines.

Re-importing the same plan (same number and issuer, or the same content) updates it; tasks are keyed by
their content, so a task that did not change keeps its id and its occurrences (and whatever later hangs
on them: reminders, status reports); only tasks that changed or vanished are replaced.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import asdict, dataclass

from sqlalchemy import delete, func, or_
from sqlmodel import Session, col, select

from plans import Plan, Task, expand_task
from plans.occurrences import task_name
from plans.text import fold
from plans.units import make_unit, unit_key

from .knowledge import META_FIELDS
from .models import ClauseRow, OccurrenceRow, PlanRow, StatusReportRow, TargetRow, TaskRow, TaskUnitRow, UnitRow
from .types import utcnow


@dataclass(frozen=True, kw_only=True)
class ImportResult:
    plan_id: int
    reference: str
    created: bool
    tasks: int
    tasks_kept: int
    targets: int
    deadlines: int
    recurrences: int
    rotations: int
    undated: int
    units: int
    occurrences: int
    unsure: tuple[str, ...] = ()  # "PL.2: đơn vị: …" — what the reader could not resolve, for review


def plan_key(plan: Plan) -> str:
    """Identity of a plan across re-imports: number and issuer, or issuer, year and title without one."""
    meta = plan.meta
    if meta.number:
        return fold(f"{meta.number}|{meta.issuer}")
    return fold(f"{meta.symbol or ''}|{meta.issuer}|{meta.year}|{meta.title}")


def task_key(task: Task) -> str:
    parts = [
        fold(task.title),
        fold(task.product or ""),
        fold(task.schedule.text),
        ";".join(fold(u) for u in task.leads),
    ]
    labels = {d.label for d in task.schedule.deadlines} | {r.label for r in task.schedule.recurrences}
    if labels - {None}:  # one of several obligations of a row: told apart by what it names
        parts.append(";".join(sorted(fold(x) for x in labels if x)))
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:32]


def _schedule_json(task: Task) -> dict:
    data = asdict(task.schedule)
    return _jsonable(data)


def _jsonable(value: object) -> object:
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def find_plan_row(session: Session, plan: Plan) -> PlanRow | None:
    key = plan_key(plan)
    row = session.exec(select(PlanRow).where(PlanRow.key == key)).first()
    if row is None:
        row = session.exec(select(PlanRow).where(PlanRow.content_hash == plan.content_hash)).first()
    return row


def ensure_unit(session: Session, name: str, *, manual: bool = False) -> UnitRow:
    """The unit a name refers to, created on first sight; a new spelling becomes an alias."""
    unit = make_unit(name)
    row = session.exec(select(UnitRow).where(UnitRow.key == unit.key)).first()
    if row is None:
        row = UnitRow(key=unit.key, name=unit.name, aliases=list(unit.aliases), manual=manual)
        session.add(row)
        session.flush()
    elif name not in row.aliases:
        row.aliases = [*row.aliases, name]
        session.add(row)
    return row


def save_plan(*, session: Session, plan: Plan) -> ImportResult:
    """Insert or update one plan in the caller's transaction."""
    row = find_plan_row(session, plan)
    created = row is None
    meta = plan.meta
    if row is None:
        row = PlanRow(
            key=plan_key(plan),
            issuer=meta.issuer,
            year=meta.year,
            title=meta.title,
            source=plan.source,
            content_hash=plan.content_hash,
        )
    row.key = plan_key(plan)
    for field in META_FIELDS:
        setattr(row, field, getattr(meta, field))
    row.source = plan.source
    row.content_hash = plan.content_hash
    row.recipients = list(plan.recipients)
    row.updated_at = utcnow()
    session.add(row)
    session.flush()
    assert row.id is not None
    plan_id = row.id

    session.exec(delete(ClauseRow).where(col(ClauseRow.plan_id) == plan_id))  # type: ignore[call-overload]
    session.exec(delete(TargetRow).where(col(TargetRow.plan_id) == plan_id))  # type: ignore[call-overload]
    session.add_all(
        ClauseRow(
            plan_id=plan_id, path=c.path, parent=c.parent, kind=c.kind, label=c.label, text=c.text, position=c.position
        )
        for c in plan.clauses
    )
    session.add_all(
        TargetRow(
            plan_id=plan_id,
            clause_path=t.clause,
            metric=t.metric,
            comparator=t.comparator,
            value=t.value,
            value_text=t.value_text,
            measure=t.measure,
            quote=t.quote,
            baseline=t.baseline,
        )
        for t in plan.targets
    )

    existing = {t.key: t for t in session.exec(select(TaskRow).where(TaskRow.plan_id == plan_id)).all()}
    wanted: dict[str, tuple[int, Task]] = {}
    for index, task in enumerate(plan.tasks):
        key = task_key(task)
        if key in wanted:
            key = f"{key[:24]}{hashlib.sha256(task.clause.encode()).hexdigest()[:8]}"
        wanted[key] = (index, task)
    for key, stale in existing.items():
        if key not in wanted:
            session.delete(stale)
    session.flush()

    kept = 0
    occurrences = 0
    for key, (index, task) in wanted.items():
        task_row = existing.get(key)
        if task_row is None:
            task_row = TaskRow(
                plan_id=plan_id,
                key=key,
                clause_path=task.clause,
                position=index,
                title=task.title,
                schedule_text=task.schedule.text,
                quote=task.quote,
            )
        else:
            kept += 1
        task_row.clause_path = task.clause
        task_row.position = index
        task_row.title = task.title
        task_row.product = task.product
        task_row.category = task.category
        task_row.schedule_text = task.schedule.text
        task_row.undated = task.schedule.undated
        task_row.schedule = _schedule_json(task)  # type: ignore[assignment]
        task_row.quote = task.quote
        task_row.context = task.context
        task_row.unsure = list(task.unsure)
        session.add(task_row)
        session.flush()
        occurrences += _sync_task_units_and_occurrences(session, task_row, task, index)

    prune_units(session)
    return ImportResult(
        plan_id=plan_id,
        reference=meta.reference,
        created=created,
        tasks=len(plan.tasks),
        tasks_kept=kept,
        targets=len(plan.targets),
        deadlines=sum(len(t.schedule.deadlines) for t in plan.tasks),
        recurrences=sum(1 for t in plan.tasks for r in t.schedule.recurrences if not r.rotation),
        rotations=sum(1 for t in plan.tasks if t.rotating),
        undated=sum(1 for t in plan.tasks if not t.schedule.is_dated),
        units=len(plan.units),
        occurrences=occurrences,
        unsure=tuple(f"{t.clause}: {u}" for t in plan.tasks for u in t.unsure),
    )


def prune_units(session: Session) -> int:
    """Units no plan names any more, nobody belongs to and nobody added by hand: gone (a re-import that
    reads a unit better leaves no orphan behind)."""
    from sqlalchemy import union

    from .models import JoinCodeRow, MemberRow, UnitGroupRow

    used = union(
        select(TaskUnitRow.unit_id),
        select(OccurrenceRow.unit_id),
        select(MemberRow.unit_id).where(col(MemberRow.unit_id).is_not(None)),
        select(JoinCodeRow.unit_id),
        select(StatusReportRow.unit_id),
        select(UnitGroupRow.group_id),
        select(UnitGroupRow.member_id),
    )
    orphans = session.exec(
        select(UnitRow).where(UnitRow.manual == False, col(UnitRow.id).not_in(select(used.subquery())))  # noqa: E712
    ).all()
    for unit in orphans:
        session.delete(unit)
    session.flush()
    return len(orphans)


def _sync_task_units_and_occurrences(session: Session, task_row: TaskRow, task: Task, index: int) -> int:
    assert task_row.id is not None
    task_id = task_row.id
    roles = [("lead", name) for name in task.leads] + [("partner", name) for name in task.partners]
    unit_ids: dict[str, int] = {}
    links: set[tuple[int, str]] = set()
    for role, name in roles:
        unit = ensure_unit(session, name)
        assert unit.id is not None
        unit_ids[name] = unit.id
        links.add((unit.id, role))
    current = {
        (link.unit_id, link.role): link
        for link in session.exec(select(TaskUnitRow).where(TaskUnitRow.task_id == task_id)).all()
    }
    for pair, link in current.items():
        if pair not in links:
            session.delete(link)
    for unit_id, role in links - set(current):
        session.add(TaskUnitRow(task_id=task_id, unit_id=unit_id, role=role))

    groups = group_members(session)
    wanted = {}
    for occ in expand_task(task, index):
        if occ.unit not in unit_ids:  # a rotation's spelling of a unit the task names otherwise
            unit_ids[occ.unit] = ensure_unit(session, occ.unit).id or 0
        unit_id = unit_ids[occ.unit]
        members = groups.get(unit_id)
        if not members:
            wanted[(unit_id, occ.due, occ.period or "")] = occ
            continue
        for member_id, since in members:  # a class of units: each member answers for itself
            if since is None or occ.due >= since:
                wanted[(member_id, occ.due, occ.period or "")] = occ
    have = {
        (o.unit_id, o.due, o.period): o
        for o in session.exec(select(OccurrenceRow).where(OccurrenceRow.task_id == task_id)).all()
    }
    reported = set(
        session.exec(
            select(StatusReportRow.occurrence_id).where(
                col(StatusReportRow.occurrence_id).in_([o.id for o in have.values()])
            )
        ).all()
    )
    for pair, occ_row in have.items():
        if pair not in wanted and not (occ_row.id in reported and groups.get(pair[0]) is not None):
            session.delete(occ_row)
    for pair, occ in wanted.items():
        if pair in have:
            have[pair].label = occ.label
            session.add(have[pair])
        else:
            session.add(OccurrenceRow(task_id=task_id, unit_id=pair[0], due=occ.due, period=pair[2], label=occ.label))
    session.flush()
    return len(wanted)


def group_members(session: Session) -> dict[int, list[tuple[int, dt.date | None]]]:
    """Each class of units mapped by an officer: its member units, and from when each answers."""
    from .models import UnitGroupRow

    out: dict[int, list[tuple[int, dt.date | None]]] = {}
    for row in session.exec(select(UnitGroupRow)).all():
        out.setdefault(row.group_id, []).append((row.member_id, row.since))
    return out


def resync_unit(session: Session, unit_id: int) -> int:
    """Occurrences again for every task a unit leads (after its group changed); returns how many now."""
    from .knowledge import schedule_from_json

    total = 0
    tasks = session.exec(
        select(TaskRow)
        .join(TaskUnitRow, col(TaskUnitRow.task_id) == TaskRow.id)
        .where(TaskUnitRow.unit_id == unit_id, TaskUnitRow.role == "lead")
    ).all()
    for task_row in tasks:
        links = session.exec(
            select(TaskUnitRow, UnitRow)
            .join(UnitRow, col(UnitRow.id) == TaskUnitRow.unit_id)
            .where(TaskUnitRow.task_id == task_row.id)
        ).all()
        leads = tuple(unit.aliases[0] if unit.aliases else unit.name for link, unit in links if link.role == "lead")
        partners = tuple(unit.aliases[0] if unit.aliases else unit.name for link, unit in links if link.role != "lead")
        schedule = schedule_from_json(task_row.schedule)
        task = Task(
            clause=task_row.clause_path,
            title=task_row.title,
            product=task_row.product,
            leads=leads,
            partners=partners,
            schedule=schedule,
            quote=task_row.quote,
            context=task_row.context,
        )
        total += _sync_task_units_and_occurrences(session, task_row, task, task_row.position)
    return total


def list_plans(*, session: Session) -> list[tuple[PlanRow, int, int]]:
    """Plans with their task and target counts, newest first."""
    tasks = select(TaskRow.plan_id, func.count().label("n")).group_by(TaskRow.plan_id).subquery()
    targets = select(TargetRow.plan_id, func.count().label("n")).group_by(TargetRow.plan_id).subquery()
    rows = session.exec(
        select(PlanRow, func.coalesce(tasks.c.n, 0), func.coalesce(targets.c.n, 0))
        .outerjoin(tasks, tasks.c.plan_id == PlanRow.id)
        .outerjoin(targets, targets.c.plan_id == PlanRow.id)
        .order_by(col(PlanRow.year).desc(), col(PlanRow.id))
    ).all()
    return [(p, int(a), int(b)) for p, a, b in rows]


def find_plans(*, session: Session, query: str) -> list[PlanRow]:
    """Plans whose number, issuer, title, place or year matches `query` (folded), best first."""
    folded = fold(query)
    rows = session.exec(select(PlanRow)).all()
    if folded.isdigit():
        exact = [p for p in rows if p.id == int(folded) or (p.number or "").split("/")[0] == folded]
        if exact:
            return exact
    return [
        p for p in rows if folded in fold(f"{p.number or ''} {p.symbol or ''} {p.issuer} {p.title} {p.year} {p.source}")
    ]


def plan_detail(*, session: Session, plan_id: int) -> tuple[list[ClauseRow], list[TargetRow], list[TaskRow]]:
    clauses = list(
        session.exec(select(ClauseRow).where(ClauseRow.plan_id == plan_id).order_by(col(ClauseRow.position)))
    )
    targets = list(session.exec(select(TargetRow).where(TargetRow.plan_id == plan_id).order_by(col(TargetRow.id))))
    tasks = list(session.exec(select(TaskRow).where(TaskRow.plan_id == plan_id).order_by(col(TaskRow.position))))
    return clauses, targets, tasks


def resolve_units(*, session: Session, name: str) -> list[UnitRow]:
    """Units a user means by `name`: same key, an alias, or (failing those) a folded substring."""
    key = unit_key(name)
    units = session.exec(select(UnitRow)).all()
    exact = [u for u in units if u.key == key or any(unit_key(a) == key for a in u.aliases)]
    if exact:
        return exact
    folded = fold(name)
    return [u for u in units if folded and (folded in fold(u.name) or any(folded in fold(a) for a in u.aliases))]


@dataclass(frozen=True, kw_only=True)
class DeadlineEntry:
    due: dt.date
    task: str
    units: list[str]
    plan: str
    period: str | None
    clause: str
    task_id: int


def deadlines(
    *,
    session: Session,
    start: dt.date | None = None,
    end: dt.date | None = None,
    unit_ids: list[int] | None = None,
    plan_ids: list[int] | None = None,
) -> list[DeadlineEntry]:
    """Every occurrence in the window, one entry per task, period and due date with its units."""
    query = (
        select(OccurrenceRow, TaskRow, PlanRow, UnitRow)
        .join(TaskRow, col(TaskRow.id) == OccurrenceRow.task_id)
        .join(PlanRow, col(PlanRow.id) == TaskRow.plan_id)
        .join(UnitRow, col(UnitRow.id) == OccurrenceRow.unit_id)
    )
    if start:
        query = query.where(OccurrenceRow.due >= start)
    if end:
        query = query.where(OccurrenceRow.due <= end)
    if unit_ids is not None:
        query = query.where(col(OccurrenceRow.unit_id).in_(unit_ids))
    if plan_ids is not None:
        query = query.where(or_(col(TaskRow.plan_id).in_(plan_ids)))
    query = query.order_by(col(OccurrenceRow.due), col(PlanRow.id), col(TaskRow.position), col(UnitRow.id))
    grouped: dict[tuple[int, dt.date, str], DeadlineEntry] = {}
    for occ, task, plan, unit in session.exec(query).all():
        group = (task.id or 0, occ.due, occ.period)
        entry = grouped.get(group)
        if entry is None:
            title = task_name(task.title, task.context, occ.label)
            grouped[group] = DeadlineEntry(
                due=occ.due,
                task=title,
                units=[unit.name],
                plan=plan.reference,
                period=occ.period or None,
                clause=task.clause_path,
                task_id=task.id or 0,
            )
        elif unit.name not in entry.units:
            entry.units.append(unit.name)
    entries = list(grouped.values()) + _unassigned(session, start, end, plan_ids, unit_ids)
    entries.sort(key=lambda e: (e.due, e.plan, e.clause))
    return entries


def _unassigned(
    session: Session, start: dt.date | None, end: dt.date | None, plan_ids: list[int] | None, unit_ids: list[int] | None
) -> list[DeadlineEntry]:
    """Deadlines a plan states for a task whose unit the reader could not tell: shown with no unit, so an
    officer sees them and assigns them, never silently dropped."""
    if unit_ids is not None:
        return []
    from plans.occurrences import recurrence_dates

    from .knowledge import schedule_from_json

    leads = select(TaskUnitRow.task_id).where(TaskUnitRow.role == "lead")
    query = (
        select(TaskRow, PlanRow).join(PlanRow, col(PlanRow.id) == TaskRow.plan_id).where(col(TaskRow.id).not_in(leads))
    )
    if plan_ids is not None:
        query = query.where(col(TaskRow.plan_id).in_(plan_ids))
    out = []
    for task, plan in session.exec(query).all():
        schedule = schedule_from_json(task.schedule)
        dates = [(d.due, d.period, d.label) for d in schedule.deadlines if not d.unit]
        for rec in schedule.recurrences:
            if not rec.rotation:
                dates.extend((due, period, rec.label) for due, period, _slot in recurrence_dates(rec))
        for due, period, label in dates:
            if (start and due < start) or (end and due > end):
                continue
            out.append(
                DeadlineEntry(
                    due=due,
                    task=task_name(task.title, task.context, label),
                    units=[],
                    plan=plan.reference,
                    period=period or None,
                    clause=task.clause_path,
                    task_id=task.id or 0,
                )
            )
    return out
