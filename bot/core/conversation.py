"""The conversation core: every channel's `Incoming` becomes `Reply` objects here.

One transaction per update: the update is stored (deduplicated on its platform key) together with its
effect, so a platform retry or a second replica never applies it twice and nothing a user sent is lost.
Conversation state (numbered choices offered, a note awaited) lives in the database, not in a channel.
This module only routes; each group of commands lives in its own module:
membership (/start /help /toi /lang /invite /huy), questions (/hoi and plain text, list pages, the plan chosen
after an ask-back), deadlines_view (/hanchot), progress (/capnhat, buttons, numbered replies, notes),
officers_view (/status /export).
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Callable
from dataclasses import replace

from sqlalchemy import Engine
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlmodel import Session

from plans.limits import MAX_CHAT_CHARS
from plans.text import fold
from scheduler.calendar import WorkCalendar
from storage.conversations import load_state, offer_choices, save_state
from storage.engine import session_scope
from storage.inbox import record_inbound, set_outcome
from storage.members import MemberView, add_member, find_code, find_group, find_person, set_active_by_chat
from storage.models import InboundRow
from storage.types import utcnow

from ..i18n import SUPPORTED, translator
from . import deadlines_view, membership, officers_view, progress, questions, uploads
from .config import CoreConfig, Services
from .library import Library
from .messages import Incoming, Reply
from .replies import item_list, parse_reply
from .turn import Turn

__all__ = ["Conversation", "CoreConfig"]

log = logging.getLogger("nhacviec.core")

Handler = Callable[[Turn, str], list[Reply]]
OPEN_TO_STRANGERS = frozenset({"start", "batdau", "help", "huongdan", "trogiup", "menu", "lang", "ngonngu", "language"})


class Conversation:
    """Incoming -> [Reply] for every channel; owns conversation state and the rules of who may do what."""

    def __init__(
        self,
        *,
        engine: Engine,
        config: CoreConfig,
        library: Library | None = None,
        calendar: WorkCalendar | None = None,
        clock: Callable[[], dt.datetime] = utcnow,
    ) -> None:
        self.engine = engine
        self.services = Services(
            config=config,
            calendar=calendar or WorkCalendar(timezone=config.timezone),
            library=library or Library(),
        )
        self.clock = clock
        s = self.services
        self._commands: dict[str, Handler] = {}
        for names, handler in (
            (("start", "batdau"), membership.start),
            (("help", "huongdan", "trogiup", "menu"), membership.help_command),
            (("hoi", "ask"), lambda turn, args: questions.ask(turn, args, s)),
            (("hanchot", "deadlines", "han"), lambda turn, args: deadlines_view.deadlines(turn, args, s)),
            (("lang", "ngonngu", "language"), membership.lang),
            (("invite", "moi", "macode"), lambda turn, args: membership.invite(turn, args, s)),
            (("capnhat", "update"), lambda turn, args: progress.update(turn, args, s)),
            (("toi", "whoami"), membership.whoami),
            (("huy", "cancel"), membership.cancel),
            (("status", "tinhhinh", "baocao"), lambda turn, args: officers_view.status(turn, args, s.calendar)),
            (("export", "xuat", "xuatfile"), lambda turn, args: officers_view.export(turn, args, s.calendar)),
            (("sua", "fix", "correct"), lambda turn, args: uploads.sua(turn, args, s)),
            (("donvi", "groups", "nhom"), lambda turn, args: uploads.donvi(turn, args, s)),
        ):
            for name in names:
                self._commands[name] = handler

    @property
    def config(self) -> CoreConfig:
        return self.services.config

    @property
    def calendar(self) -> WorkCalendar:
        return self.services.calendar

    @property
    def library(self) -> Library:
        return self.services.library

    def with_link(self, channel: str, template: str) -> None:
        """The deep link a channel offers for join codes, learnt when its adapter starts."""
        self.services.config = replace(self.config, links={**self.config.links, channel: template})

    # -- entry point -------------------------------------------------------------------------------
    def handle(self, incoming: Incoming) -> list[Reply]:
        """One update, one transaction; a failure keeps the update and answers politely."""
        if incoming.event_key is None:
            incoming = replace(incoming, event_key=f"local:{uuid.uuid4().hex}")
        if len(incoming.text) > MAX_CHAT_CHARS:  # bounded before any regex sees it
            incoming = replace(incoming, text=incoming.text[:MAX_CHAT_CHARS])
        try:
            with session_scope(self.engine) as session:
                return self._handle(session, incoming)
        except (OperationalError, InterfaceError):
            raise  # the database is away: nothing was stored; the adapter keeps the update and retries
        except Exception:
            log.exception("update %s on %s failed", incoming.event_key, incoming.channel)
            with session_scope(self.engine) as session:
                inbound = self._record(session, incoming)
                if inbound is not None:
                    set_outcome(session=session, inbound=inbound, outcome="error")
            _ = translator(incoming.language if incoming.language in SUPPORTED else self.config.default_locale).gettext
            return [Reply(text=_("Sorry, something went wrong on our side. Your message is saved; please try again."))]

    def chat_unreachable(self, channel: str, chat_id: str) -> None:
        """The platform refused to deliver (the user blocked the bot): stop writing to that chat."""
        with session_scope(self.engine) as session:
            set_active_by_chat(session=session, channel=channel, chat_id=chat_id, active=False)

    def _record(self, session: Session, incoming: Incoming) -> InboundRow | None:
        return record_inbound(
            session=session,
            channel=incoming.channel,
            event_key=incoming.event_key or "",
            chat_id=incoming.chat_id,
            user_id=incoming.user_id,
            text=incoming.text[:10000],
            payload=(incoming.payload or None) and incoming.payload[:100],
        )

    def _handle(self, session: Session, incoming: Incoming) -> list[Reply]:
        inbound = self._record(session, incoming)
        if inbound is None:
            return []  # seen before: a retry of an update already handled
        if incoming.event in ("blocked", "unblocked"):
            active = incoming.event == "unblocked"
            set_active_by_chat(session=session, channel=incoming.channel, chat_id=incoming.chat_id, active=active)
            set_outcome(session=session, inbound=inbound, outcome=incoming.event)
            return []
        member = self._member(session, incoming)
        turn = Turn(
            session=session,
            incoming=incoming,
            inbound=inbound,
            member=member,
            locale=self._locale(member),
            state=load_state(session=session, channel=incoming.channel, chat_id=incoming.chat_id),
            now=self.clock(),
        )
        replies = self._route(turn)
        buttons = [b.payload for r in replies for b in r.flat_buttons]
        if buttons:
            offer_choices(session=session, channel=incoming.channel, chat_id=incoming.chat_id, choices=buttons)
        return replies

    def _member(self, session: Session, incoming: Incoming) -> MemberView | None:
        person = find_person(session=session, channel=incoming.channel, user_id=incoming.user_id)
        if person is None and self._is_admin_id(incoming):
            person, _ = add_member(
                session=session,
                channel=incoming.channel,
                chat_id=incoming.user_id,
                user_id=incoming.user_id,
                unit_id=None,
                role="admin",
                name=incoming.name,
            )
        if person is not None and not person.active and not incoming.is_group:
            set_active_by_chat(session=session, channel=incoming.channel, chat_id=person.chat_id, active=True)
            person = replace(person, active=True)  # writing again means they unblocked us
        if incoming.is_group:
            group = find_group(session=session, channel=incoming.channel, chat_id=incoming.chat_id)
            if person is None or (person.unit_id is None and person.role != "admin"):
                return group
        return person

    def _is_admin_id(self, incoming: Incoming) -> bool:
        ids = self.config.admin_ids
        return f"{incoming.channel}:{incoming.user_id}" in ids or incoming.user_id in ids

    def _locale(self, member: MemberView | None) -> str:
        if member and member.locale in SUPPORTED:
            return member.locale or self.config.default_locale
        return self.config.default_locale

    # -- routing -----------------------------------------------------------------------------------
    def _route(self, turn: Turn) -> list[Reply]:
        incoming, state = turn.incoming, turn.state
        text = " ".join(incoming.text.split())
        if incoming.payload and incoming.payload.startswith(("dc:", "dd:", "dx:")):
            return uploads.button(turn, incoming.payload, self.services)
        if incoming.payload and incoming.payload.startswith(questions.CHOICE_PREFIX):
            return self._press(turn, incoming.payload)  # the choices offered are spent only when one is taken
        if incoming.payload:
            save_state(session=turn.session, channel=incoming.channel, chat_id=incoming.chat_id, choices=[])
            return self._press(turn, incoming.payload)
        if incoming.filename is not None:
            if turn.member is None:
                return membership.stranger(turn)
            if incoming.channel == "zalo":
                turn.outcome("upload_zalo")
                return [
                    Reply(
                        text=turn._(
                            "Zalo does not pass files to bots. Send the plan (.docx, .pdf or .txt) to the bot on "
                            "Telegram, or ask the administrator to run: nhacviec plans import --draft FILE"
                        )
                    )
                ]
            return uploads.document(turn, self.services)
        if text.startswith("/"):
            return self._command(turn, text)
        if not text:
            turn.outcome("empty")
            return [Reply(text=turn._("I can only read text messages. Send /help to see what I can do."))]
        if turn.member is not None:
            chosen = questions.typed_choice(turn, text, self.services)  # "297", "Sóc Trăng" after the ask-back
            if chosen is not None:
                return chosen
            numbered = self._numbered(turn, text)
            if numbered is not None:
                return numbered
        if state.state == "note" and progress.note_awaited(turn):
            return progress.note(turn, text, self.services)
        if turn.member is not None:
            following = questions.more(turn, text, self.services)  # "tiếp": a list's next page
            if following is not None:
                return following
        if turn.member is None:
            code = text.replace(" ", "")
            if 6 <= len(code) <= 12 and code.isalnum() and find_code(session=turn.session, code=code, now=turn.now):
                return membership.start(turn, code)
            return membership.stranger(turn)
        if incoming.is_group:
            turn.outcome("ignored")
            return []  # in a group only commands and buttons are for the bot
        return questions.answer(turn, text, self.services)

    def _numbered(self, turn: Turn, text: str) -> list[Reply] | None:
        """A typed number or "2 xong" standing for the choices last offered; None when the text is not one."""
        state, incoming = turn.state, turn.incoming
        if state.state == "note" and fold(text).strip(" .!") in progress.SKIP_WORDS and progress.note_awaited(turn):
            return None  # "bỏ qua", "0": no note
        items, current = item_list(state, now=turn.now)
        parsed = parse_reply(text)
        if text.isdigit() and state.choices:
            number = int(text)
            if items and current is None and 1 <= number <= len(items):
                payload = items[number - 1]  # an item number opens that item's choices, never records
                save_state(session=turn.session, channel=incoming.channel, chat_id=incoming.chat_id, choices=[])
                return progress.button(turn, payload, self.services, items=items)
            if 1 <= number <= len(state.choices):
                payload = state.choices[number - 1]
                if payload.startswith(questions.CHOICE_PREFIX):
                    return self._press(turn, payload)  # spent only when taken, as its button
                save_state(session=turn.session, channel=incoming.channel, chat_id=incoming.chat_id, choices=[])
                return self._press(turn, payload, items=items or None)
            if not incoming.is_group and len(text) <= 2:
                turn.outcome("bad_choice")
                return [
                    Reply(text=turn._("Please reply with a number from 1 to {count}.").format(count=len(state.choices)))
                ]
            return None
        if parsed is None or (parsed.item is None and incoming.is_group):
            return None
        if parsed.item is None and parsed.choice is not None and not items and current is None:
            return None  # "xong" with nothing on screen: text like any other
        if text.isdigit():
            return None  # a bare number with no choices offered is a question (or a note)
        return progress.item_reply(turn, parsed, self.services)

    def _press(self, turn: Turn, payload: str, *, items: list[str] | None = None) -> list[Reply]:
        """A button pressed, or the number standing for it: a list's page, a plan chosen after the ask-back,
        else a reminder's or /capnhat's."""
        if payload.startswith((*questions.PAGE_PREFIXES, questions.CHOICE_PREFIX)):
            if turn.member is None:
                return membership.stranger(turn)
            if payload.startswith(questions.CHOICE_PREFIX):
                return questions.choose(turn, payload, self.services)
            return questions.page(turn, payload, self.services)
        return progress.button(turn, payload, self.services, items=items)

    def _command(self, turn: Turn, text: str) -> list[Reply]:
        word, _, args = text[1:].partition(" ")
        command = fold(word.split("@", 1)[0])
        handler = self._commands.get(command)
        turn.outcome(f"command:{command}"[:40])
        if handler is None:
            turn.outcome("unknown_command")
            return [
                Reply(
                    text=turn._("I do not know the command /{command}. Send /help to see what I can do.").format(
                        command=word.split("@", 1)[0]
                    )
                )
            ]
        if turn.member is None and command not in OPEN_TO_STRANGERS:
            return membership.stranger(turn)
        return handler(turn, args.strip())
