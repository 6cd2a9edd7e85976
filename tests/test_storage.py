"""Storage on SQLite and PostgreSQL: import, re-import in place, changed plans keep unchanged tasks."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

from conftest import GIA_LAM, ROOT, SOC_TRANG
from sqlalchemy import Engine, func, inspect, text
from sqlmodel import SQLModel, select

from plans import Plan, parse_plan
from storage.engine import session_scope
from storage.models import ClauseRow, OccurrenceRow, PlanRow, TaskRow, UnitRow
from storage.plans import deadlines, resolve_units, save_plan


def _count(engine: Engine, model: type) -> int:
    with session_scope(engine) as session:
        return session.exec(select(func.count()).select_from(model)).one()


def test_import_all_samples(engine: Engine, sample_plans: dict[str, Plan]) -> None:
    with session_scope(engine) as session:
        for plan in sample_plans.values():
            save_plan(session=session, plan=plan)
    assert _count(engine, PlanRow) == 5
    with session_scope(engine) as session:
        entries = deadlines(session=session, start=dt.date(2023, 1, 1), end=dt.date(2023, 12, 31))
        tccb = resolve_units(session=session, name="TCCB")
        assert [u.name for u in tccb] == ["Phòng Tổ chức cán bộ (TCCB)"]
        mine = deadlines(
            session=session, start=dt.date(2023, 1, 1), end=dt.date(2023, 12, 31), unit_ids=[u.id for u in tccb]
        )
    assert any(e.due == dt.date(2023, 6, 15) and e.period == "6 tháng/2023" for e in entries)
    assert len([e for e in mine if e.clause == "PL.3.2"]) == 12
    assert all("Phòng Tổ chức cán bộ (TCCB)" in e.units for e in mine)


def test_reimport_updates_in_place(engine: Engine, sample_plans: dict[str, Plan]) -> None:
    plan = sample_plans[SOC_TRANG.name]
    with session_scope(engine) as session:
        first = save_plan(session=session, plan=plan)
    counts = [_count(engine, m) for m in (PlanRow, ClauseRow, TaskRow, OccurrenceRow, UnitRow)]
    with session_scope(engine) as session:
        again = save_plan(session=session, plan=plan)
    assert first.created and not again.created and again.plan_id == first.plan_id
    assert again.tasks_kept == again.tasks
    assert [_count(engine, m) for m in (PlanRow, ClauseRow, TaskRow, OccurrenceRow, UnitRow)] == counts


def test_same_plan_from_another_format_is_the_same_plan(
    engine: Engine, sample_plans: dict[str, Plan], built_docs: dict
) -> None:
    with session_scope(engine) as session:
        save_plan(session=session, plan=sample_plans[SOC_TRANG.name])
        result = save_plan(session=session, plan=parse_plan(built_docs["soctrang.docx"]))
    assert not result.created and result.tasks_kept == result.tasks
    assert _count(engine, PlanRow) == 1


def test_changed_plan_keeps_unchanged_tasks(engine: Engine, sample_plans: dict[str, Plan]) -> None:
    plan = sample_plans[GIA_LAM.name]
    with session_scope(engine) as session:
        save_plan(session=session, plan=plan)
        before = {t.clause_path: (t.id, t.key) for t in session.exec(select(TaskRow)).all()}
        occ_before = {o.id for o in session.exec(select(OccurrenceRow)).all()}
    changed_task = next(t for t in plan.tasks if t.clause == "III.1-1")
    new_schedule = dataclasses.replace(
        changed_task.schedule,
        text="xong trước ngày 20/3/2022",
        deadlines=(dataclasses.replace(changed_task.schedule.deadlines[0], due=dt.date(2022, 3, 20)),),
    )
    tasks = tuple(dataclasses.replace(t, schedule=new_schedule) if t is changed_task else t for t in plan.tasks)
    changed = dataclasses.replace(plan, tasks=tasks, content_hash="changed")
    with session_scope(engine) as session:
        result = save_plan(session=session, plan=changed)
        after = {t.clause_path: (t.id, t.key) for t in session.exec(select(TaskRow)).all()}
        occ_after = {o.id: o.due for o in session.exec(select(OccurrenceRow)).all()}
    assert result.tasks_kept == len(plan.tasks) - 1
    for path, ident in before.items():
        if path != changed_task.clause:
            assert after[path] == ident
    assert after[changed_task.clause] != before[changed_task.clause]
    assert dt.date(2022, 3, 20) in occ_after.values() and dt.date(2022, 3, 15) not in occ_after.values()
    assert len(occ_before & set(occ_after)) == len(occ_before) - 1


def test_migrations_match_the_models(engine: Engine) -> None:
    """`alembic upgrade head` on an empty database gives exactly the models' tables and columns."""
    inspector = inspect(engine)
    tables = set(inspector.get_table_names()) - {"alembic_version"}
    assert tables == set(SQLModel.metadata.tables)
    for name, table in SQLModel.metadata.tables.items():
        assert {c["name"] for c in inspector.get_columns(name)} == {c.name for c in table.columns}, name
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
    assert diff == []


def _json_list(value: object) -> list:
    """A JSON column as read with plain SQL: text on SQLite, already a list on PostgreSQL."""
    return json.loads(value) if isinstance(value, str) else list(value or [])


def _unit_state(engine: Engine) -> tuple[dict, set, set]:
    """Units by key (name, aliases), task links and occurrences by unit key: what the migration must restore."""
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT key, name, aliases FROM unit")).all()
        units = {k: (n, sorted(_json_list(a))) for k, n, a in rows}
        links = set(
            conn.execute(
                text("SELECT task_id, role, unit.key FROM task_unit JOIN unit ON unit.id = task_unit.unit_id")
            ).all()
        )
        occurrences = set(
            conn.execute(
                text("SELECT task_id, due, period, unit.key FROM occurrence JOIN unit ON unit.id = occurrence.unit_id")
            ).all()
        )
    return units, links, occurrences


def test_migration_0009_moves_a_schools_team_out_of_the_office_of_the_same_name(
    engine: Engine, sample_plans: dict[str, Plan]
) -> None:
    """A database whose units were keyed without "Tổ" (the Sở's Văn phòng and a school's Tổ Văn phòng one
    unit) ends, after the migration, as a fresh import keys them: two units, each with its own tasks."""
    from alembic import command

    from storage.engine import alembic_config

    school = parse_plan(ROOT / "tests" / "corpus" / "hoamy-thcs-2026-2027-cchc-12.txt")
    with session_scope(engine) as session:
        save_plan(session=session, plan=sample_plans[SOC_TRANG.name])
        save_plan(session=session, plan=school)
    fresh = _unit_state(engine)
    assert "to van phong" in fresh[0] and "van phong" in fresh[0]
    assert {key for _, _, key in fresh[1]} >= {"to van phong", "van phong"}

    command.downgrade(alembic_config(engine), "0008")
    with engine.begin() as conn:  # as the old keys had it: every team folded into the office it is named like
        rows = conn.execute(text("SELECT id, key, aliases FROM unit")).all()
        ids = {key: uid for uid, key, _ in rows}
        for uid, key, aliases in rows:
            office = ids.get(key[3:]) if key.startswith("to ") and not key.startswith("to chuc") else None
            if office is None:
                continue
            merged = _json_list(conn.execute(text("SELECT aliases FROM unit WHERE id = :i"), {"i": office}).scalar())
            merged += _json_list(aliases)
            conn.execute(text("UPDATE unit SET aliases = :a WHERE id = :i"), {"a": json.dumps(merged), "i": office})
            conn.execute(text("UPDATE task_unit SET unit_id = :o WHERE unit_id = :u"), {"o": office, "u": uid})
            conn.execute(text("UPDATE occurrence SET unit_id = :o WHERE unit_id = :u"), {"o": office, "u": uid})
            conn.execute(text("DELETE FROM unit WHERE id = :u"), {"u": uid})
    assert "to van phong" not in _unit_state(engine)[0]

    command.upgrade(alembic_config(engine), "head")
    units, links, occurrences = _unit_state(engine)
    assert {k: a for k, (_, a) in units.items()} == {k: a for k, (_, a) in fresh[0].items()}
    assert links == fresh[1]
    assert occurrences == fresh[2]
