"""Conversation state per chat (numbered choices offered, a note awaited), kept in the database."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlmodel import Session

from .models import ConversationRow
from .types import utcnow


@dataclass(frozen=True, kw_only=True)
class ConversationState:
    state: str = ""
    data: dict = field(default_factory=dict)
    choices: tuple[str, ...] = ()


def load_state(*, session: Session, channel: str, chat_id: str) -> ConversationState:
    row = session.get(ConversationRow, (channel, chat_id))
    if row is None:
        return ConversationState()
    return ConversationState(state=row.state, data=dict(row.data), choices=tuple(row.choices))


def save_state(
    *,
    session: Session,
    channel: str,
    chat_id: str,
    state: str = "",
    data: dict | None = None,
    choices: list[str] | None = None,
) -> None:
    row = session.get(ConversationRow, (channel, chat_id)) or ConversationRow(channel=channel, chat_id=chat_id)
    row.state = state
    row.data = data or {}
    if choices is not None:
        row.choices = list(choices)
    row.updated_at = utcnow()
    session.add(row)


def offer_choices(*, session: Session, channel: str, chat_id: str, choices: list[str]) -> None:
    """Remember the buttons last shown, so that a typed number maps to the same action on any replica."""
    row = session.get(ConversationRow, (channel, chat_id)) or ConversationRow(channel=channel, chat_id=chat_id)
    row.choices = list(choices)
    row.updated_at = utcnow()
    session.add(row)
