"""The outbox: every message the service sends on its own is a row first (see DESIGN, Reliability rules)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from .models import OutboxRow
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
