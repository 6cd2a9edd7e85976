"""The channel-neutral vocabulary: adapters turn platform updates into `Incoming` and send `Reply`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

# Button and Reply live with the sender port, where the scheduler may use them too; re-exported here.
from scheduler.ports import Button, Reply

__all__ = ["Button", "Event", "Incoming", "Reply", "split_text"]

Event = Literal["message", "button", "blocked", "unblocked"]


@dataclass(frozen=True, kw_only=True)
class Incoming:
    channel: str
    chat_id: str
    user_id: str
    name: str = ""
    text: str = ""
    payload: str | None = None
    event: Event = "message"
    # The platform's idempotency key (Telegram update_id; Zalo event name + message id).
    event_key: str | None = None
    language: str | None = None
    is_group: bool = False
    # A file sent to the bot (Telegram documents): its name, its bytes when downloaded, its size as announced.
    filename: str | None = None
    document: bytes | None = None
    document_size: int | None = None


def split_text(text: str, limit: int) -> list[str]:
    """Pieces of at most `limit` characters, cut at line breaks (then spaces) so no line is torn."""
    if len(text) <= limit:
        return [text] if text else []
    pieces: list[str] = []
    current = ""
    for line in text.split("\n"):
        while len(line) > limit:
            cut = line.rfind(" ", 0, limit)
            cut = cut if cut > limit // 2 else limit
            head, line = line[:cut], line[cut:].lstrip()
            if current:
                pieces.append(current)
                current = ""
            pieces.append(head)
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit:
            pieces.append(current)
            current = line
        else:
            current = candidate
    if current:
        pieces.append(current)
    return [p for p in pieces if p.strip()]
