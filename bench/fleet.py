"""A large office for the benchmarks: the five sample plans, and N units each responsible for every dated
occurrence of them (optionally each with one member)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import Engine, insert
from sqlmodel import select

from plans import parse_plan
from storage.engine import session_scope
from storage.models import MemberRow, OccurrenceRow, UnitRow
from storage.plans import save_plan

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "plans"


def build_fleet(engine: Engine, *, units: int = 1000, members: bool = False) -> tuple[list[int], int]:
    """(the new units' ids, how many occurrences they were given)."""
    for path in sorted(SAMPLES.glob("*.txt")):
        with session_scope(engine) as session:
            save_plan(session=session, plan=parse_plan(path))
    now = dt.datetime.now(dt.UTC)
    with session_scope(engine) as session:
        template = session.exec(select(OccurrenceRow.task_id, OccurrenceRow.due, OccurrenceRow.period).distinct()).all()
        session.execute(
            insert(UnitRow),
            [
                {"key": f"fleet-{u}", "name": f"Trường THCS số {u}", "aliases": [], "manual": True, "created_at": now}
                for u in range(units)
            ],
        )
        ids = list(session.exec(select(UnitRow.id).where(UnitRow.key.like("fleet-%"))).all())
        if members:
            session.execute(
                insert(MemberRow),
                [
                    {
                        "channel": "telegram",
                        "chat_id": f"u{u}",
                        "user_id": f"u{u}",
                        "name": "",
                        "unit_id": u,
                        "role": "staff",
                        "active": True,
                        "created_at": now,
                        "updated_at": now,
                    }
                    for u in ids
                ],
            )
        rows = [{"task_id": t, "unit_id": u, "due": d, "period": p} for u in ids for t, d, p in template]
        for start in range(0, len(rows), 5000):
            session.execute(insert(OccurrenceRow), rows[start : start + 5000])
    return ids, len(rows)
