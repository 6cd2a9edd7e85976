"""One update being handled: its session, sender, locale and conversation state, for every handler."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlmodel import Session

from storage.conversations import ConversationState
from storage.inbox import set_outcome
from storage.members import MemberView
from storage.models import InboundRow

from ..i18n import translator
from .messages import Incoming


@dataclass
class Turn:
    """Everything a handler needs about one update."""

    session: Session
    incoming: Incoming
    inbound: InboundRow
    member: MemberView | None
    locale: str
    state: ConversationState
    now: dt.datetime

    def _(self, message: str) -> str:
        return translator(self.locale).gettext(message)

    def n_(self, singular: str, plural: str, count: int) -> str:
        """The form for `count` (Vietnamese has one form, English two)."""
        return translator(self.locale).ngettext(singular, plural, count)

    def outcome(self, value: str) -> None:
        set_outcome(session=self.session, inbound=self.inbound, outcome=value)
