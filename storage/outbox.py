"""The outbox: every message the service sends on its own is a row first (see DESIGN, Reliability rules)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, or_
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from .models import MemberRow, OutboxRow
from .types import utcnow


def queue(
    *,
    session: Session,
    key: str,
    member_id: int,
    kind: str,
    send_at: dt.datetime | None = None,
    text: str | None = None,
    occurrence_id: int | None = None,
    task_id: int | None = None,
) -> bool:
    """Add a message unless one with this key exists (planning is idempotent); True when added."""
    if session.exec(select(OutboxRow.id).where(OutboxRow.key == key)).first() is not None:
        return False
    row = OutboxRow(
        key=key,
        member_id=member_id,
        kind=kind,
        send_at=send_at or utcnow(),
        text=text,
        occurrence_id=occurrence_id,
        task_id=task_id,
    )
    try:
        with session.begin_nested():
            session.add(row)
    except IntegrityError:
        return False
    return True


def update_pending(*, session: Session, key: str, text: str, send_at: dt.datetime) -> bool:
    """Rewrite a message that has not been claimed yet; False when it is gone, claimed or sent."""
    row = session.exec(select(OutboxRow).where(OutboxRow.key == key)).first()
    if row is None or row.status != "pending" or row.claimed_by is not None:
        return False
    row.text = text
    row.send_at = min(row.send_at, send_at)
    session.add(row)
    return True


def insert_missing(*, session: Session, rows: list[dict]) -> int:
    """Bulk-add rows whose key is new; a concurrent planner inserting the same keys is ignored, not an error."""
    if not rows:
        return 0
    keys = [r["key"] for r in rows]
    existing: set[str] = set()
    for start in range(0, len(keys), 900):
        chunk = keys[start : start + 900]
        existing.update(session.exec(select(OutboxRow.key).where(col(OutboxRow.key).in_(chunk))).all())
    fresh = [r for r in rows if r["key"] not in existing]
    if not fresh:
        return 0
    dialect = session.get_bind().dialect.name
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    now = utcnow()
    values = [
        {
            "status": "pending",
            "attempts": 0,
            "text": None,
            "occurrence_id": None,
            "task_id": None,
            **r,
            "send_at": r.get("send_at", now),
        }
        for r in fresh
    ]
    for start in range(0, len(values), 500):
        statement = insert(OutboxRow).values(values[start : start + 500]).on_conflict_do_nothing(index_elements=["key"])
        session.execute(statement)
    return len(fresh)


def claim_one(
    *, session: Session, worker: str, now: dt.datetime, lease: dt.timedelta, channels: list[str], office_open: bool
) -> OutboxRow | None:
    """Take the oldest due row nobody holds (or whose holder's lease ran out): SKIP LOCKED on PostgreSQL.

    One row per claim keeps the at-least-once window (a crash after the platform accepted a message and
    before its row was marked) to one message per dispatch worker.
    """
    reachable = select(MemberRow.id).where(col(MemberRow.channel).in_(channels))
    query = (
        select(OutboxRow)
        .where(
            OutboxRow.status == "pending",
            OutboxRow.send_at <= now,
            or_(col(OutboxRow.claimed_by).is_(None), col(OutboxRow.lease_until) < now),
            col(OutboxRow.member_id).in_(reachable),
        )
        .order_by(col(OutboxRow.send_at), col(OutboxRow.id))
        .limit(1)
    )
    if not office_open:
        query = query.where(OutboxRow.kind == "notice")
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True, of=OutboxRow)
    row = session.exec(query).first()
    if row is None:
        return None
    row.claimed_by = worker
    row.lease_until = now + lease
    row.attempts += 1
    session.add(row)
    return row


def mark_sent(*, session: Session, outbox_id: int, message_id: str, now: dt.datetime) -> None:
    row = session.get(OutboxRow, outbox_id)
    if row is not None:
        row.status = "sent"
        row.sent_at = now
        row.message_id = message_id[:100]
        row.claimed_by = None
        row.lease_until = None
        session.add(row)


def release(
    *, session: Session, outbox_id: int, send_at: dt.datetime, error: str | None = None, count_attempt: bool = True
) -> None:
    """Give a claimed row back to be sent at `send_at` (after a 429, a transient error or a closed office)."""
    row = session.get(OutboxRow, outbox_id)
    if row is not None and row.status == "pending":
        row.claimed_by = None
        row.lease_until = None
        row.send_at = send_at
        row.error = error
        if not count_attempt:
            row.attempts = max(0, row.attempts - 1)
        session.add(row)


def finish(*, session: Session, outbox_id: int, status: str, error: str | None = None) -> None:
    """End a row without sending it: "cancelled" (done, gone, member inactive) or "failed" (gave up)."""
    row = session.get(OutboxRow, outbox_id)
    if row is not None:
        row.status = status
        row.error = error
        row.claimed_by = None
        row.lease_until = None
        session.add(row)


def counts(*, session: Session) -> dict[str, int]:
    rows = session.exec(select(OutboxRow.status, func.count()).group_by(OutboxRow.status)).all()
    return {status: int(n) for status, n in rows}
