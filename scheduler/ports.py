"""What the dispatcher needs from the layers above it, as types both may import.

The bot layer implements these: senders (one per channel) turn a `Reply` into a platform message and
platform errors into `Unreachable`, `RetryAfter` or `Transient`; the texts renderer turns claimed outbox
rows into replies. The scheduler never imports `bot/` (checked by import-linter in `make test`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from sqlmodel import Session

    from storage.members import MemberView
    from storage.outbox import Claimed


@dataclass(frozen=True, kw_only=True)
class Button:
    label: str
    # Short ASCII, within Telegram's 64-byte callback data: "r:<occurrence id>:<d|p|b|s>" or "u:<occurrence id>".
    payload: str


@dataclass(frozen=True, kw_only=True)
class Reply:
    text: str = ""
    buttons: tuple[tuple[Button, ...], ...] = ()
    # Where a channel has no buttons, the numbered choices are introduced by this line.
    choices_hint: str = ""
    photo: bytes | None = None
    document: bytes | None = None
    filename: str | None = None
    # A short toast for the button press that caused this reply (Telegram's answerCallbackQuery).
    notice: str | None = None
    # The text already numbers the buttons' items (a grouped reminder): channels without buttons show the
    # text alone instead of listing the buttons again.
    listed: bool = False

    @property
    def flat_buttons(self) -> list[Button]:
        return [b for row in self.buttons for b in row]

    def numbered_text(self) -> str:
        """The text with its buttons as numbered choices, for channels without buttons (Zalo, terminal)."""
        buttons = self.flat_buttons
        if not buttons or self.listed:
            return self.text
        lines = [self.text, "", self.choices_hint] if self.choices_hint else [self.text, ""]
        lines += [f"{i} – {b.label}" for i, b in enumerate(buttons, 1)]
        return "\n".join(lines).strip()


class Unreachable(Exception):
    """The platform will never deliver to this chat (the user blocked the bot)."""


class RetryAfter(Exception):
    """The platform asked us to wait (HTTP 429)."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"retry after {seconds} s")
        self.seconds = seconds


class Transient(Exception):
    """A failure worth retrying later (network, 5xx, timeouts)."""


class Sender(Protocol):
    async def send(self, chat_id: str, reply: Reply) -> str:
        """Deliver a reply; the platform's message id. Raises Unreachable, RetryAfter or Transient."""
        ...


@dataclass(frozen=True, kw_only=True)
class Outgoing:
    """One message to send and the outbox rows it stands for (marked sent together)."""

    reply: Reply
    row_ids: tuple[int, ...]
    # What a typed number answers after this message (stored in the chat's conversation state when sent).
    choices: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Rendered:
    messages: list[Outgoing]
    # Rows with nothing to say any more (done meanwhile, removed from the plan): cancelled, not sent.
    nothing: list[int]


class Texts(Protocol):
    """Claimed rows into words, in the member's language (rendered when sent, not when queued)."""

    def render(
        self, *, session: Session, rows: Sequence[Claimed], member: MemberView, now: dt.datetime
    ) -> Rendered: ...

    def unreachable(self, *, officer: MemberView, member: MemberView) -> str: ...
