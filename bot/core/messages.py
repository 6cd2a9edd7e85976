"""The channel-neutral vocabulary: adapters turn platform updates into `Incoming` and send `Reply`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Event = Literal["message", "button", "blocked", "unblocked"]


@dataclass(frozen=True, kw_only=True)
class Button:
    label: str
    # Short ASCII, within Telegram's 64-byte callback data: "r:<occurrence id>:<d|p|b|s>".
    payload: str


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

    @property
    def flat_buttons(self) -> list[Button]:
        return [b for row in self.buttons for b in row]

    def numbered_text(self) -> str:
        """The text with its buttons as numbered choices, for channels without buttons (Zalo, terminal)."""
        buttons = self.flat_buttons
        if not buttons:
            return self.text
        lines = [self.text, "", self.choices_hint] if self.choices_hint else [self.text, ""]
        lines += [f"{i} – {b.label}" for i, b in enumerate(buttons, 1)]
        return "\n".join(lines).strip()


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
