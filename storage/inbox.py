"""Incoming updates, stored once by their platform key in the transaction that handles them."""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from .models import InboundRow


def record_inbound(
    *, session: Session, channel: str, event_key: str, chat_id: str, user_id: str, text: str, payload: str | None
) -> InboundRow | None:
    """The stored update, or None when this key was seen before (a platform retry or a second replica)."""
    if session.exec(
        select(InboundRow.id).where(InboundRow.channel == channel, InboundRow.event_key == event_key)
    ).first():
        return None
    row = InboundRow(channel=channel, event_key=event_key, chat_id=chat_id, user_id=user_id, text=text, payload=payload)
    try:
        with session.begin_nested():
            session.add(row)
    except IntegrityError:
        return None
    return row


def set_outcome(*, session: Session, inbound: InboundRow, outcome: str) -> None:
    inbound.outcome = outcome[:40]
    session.add(inbound)
