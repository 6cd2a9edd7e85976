"""The conversation core: every channel's `Incoming` becomes `Reply` objects here.

One transaction per update: the update is stored (deduplicated on its platform key) together with its
effect, so a platform retry or a second replica never applies it twice and nothing a user sent is lost.
Conversation state (numbered choices offered, a note awaited) lives in the database, not in a channel.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from sqlalchemy import Engine
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlmodel import Session

from plans.answer import prefer_units
from plans.limits import MAX_CHAT_CHARS
from plans.text import fold
from scheduler.calendar import WorkCalendar
from storage.conversations import load_state, offer_choices, save_state
from storage.engine import session_scope
from storage.inbox import record_inbound, set_outcome
from storage.members import (
    ROLES,
    MemberError,
    MemberView,
    add_member,
    create_join_code,
    find_code,
    find_group,
    find_person,
    get_unit,
    redeem_code,
    set_active_by_chat,
    set_locale,
)
from storage.models import InboundRow
from storage.plans import deadlines as query_deadlines
from storage.plans import resolve_units
from storage.reports import OccurrenceInfo, unit_occurrences
from storage.types import utcnow

from ..i18n import SUPPORTED, translator
from ..render import answer_text, date_text
from . import officers_view
from .library import Library
from .messages import Incoming, Reply
from .progress import Progress, state_text
from .turn import Turn

if TYPE_CHECKING:
    pass

log = logging.getLogger("nhacviec.core")

MAX_LISTED = 15


@dataclass(frozen=True, kw_only=True)
class CoreConfig:
    admin_ids: frozenset[str] = frozenset()  # "telegram:123", "zalo:abc" or a bare id for any channel
    default_locale: str = "vi"
    timezone: str = "Asia/Ho_Chi_Minh"
    join_code_days: int = 30
    deadline_days: int = 60
    # A deep link per channel, with {code} for the join code (Telegram: https://t.me/<bot>?start={code}).
    links: dict[str, str] = field(default_factory=dict)


def role_text(role: str, locale: str) -> str:
    _ = translator(locale).gettext
    return {"staff": _("staff"), "officer": _("officer"), "admin": _("administrator")}.get(role, role)


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
        self.config = config
        self.library = library or Library()
        self.calendar = calendar or WorkCalendar(timezone=config.timezone)
        self.progress = Progress(config=config, calendar=self.calendar, stranger=self._stranger)
        self.clock = clock
        self._commands: dict[str, Callable[[Turn, str], list[Reply]]] = {}
        for names, handler in (
            (("start", "batdau"), self._start),
            (("help", "huongdan", "trogiup", "menu"), self._help),
            (("hoi", "ask"), self._ask),
            (("hanchot", "deadlines", "han"), self._deadlines),
            (("lang", "ngonngu", "language"), self._lang),
            (("invite", "moi", "macode"), self._invite),
            (("capnhat", "update"), self.progress.update),
            (("toi", "whoami"), self._whoami),
            (("huy", "cancel"), self._cancel),
            (("status", "tinhhinh", "baocao"), lambda turn, args: officers_view.status(turn, args, self.calendar)),
            (("export", "xuat", "xuatfile"), lambda turn, args: officers_view.export(turn, args, self.calendar)),
        ):
            for name in names:
                self._commands[name] = handler

    def with_link(self, channel: str, template: str) -> None:
        """The deep link a channel offers for join codes, learnt when its adapter starts."""
        self.config = replace(self.config, links={**self.config.links, channel: template})

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
            locale=self._locale(member, incoming),
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

    def _locale(self, member: MemberView | None, incoming: Incoming) -> str:
        if member and member.locale in SUPPORTED:
            return member.locale or self.config.default_locale
        return self.config.default_locale

    # -- routing -----------------------------------------------------------------------------------
    def _route(self, turn: Turn) -> list[Reply]:
        incoming, state = turn.incoming, turn.state
        text = " ".join(incoming.text.split())
        payload = incoming.payload
        if payload is None and text.isdigit() and state.choices and 1 <= int(text) <= len(state.choices):
            payload = state.choices[int(text) - 1]
        elif payload is None and text.isdigit() and state.choices and not incoming.is_group and len(text) <= 2:
            turn.outcome("bad_choice")
            return [
                Reply(text=turn._("Please reply with a number from 1 to {count}.").format(count=len(state.choices)))
            ]
        if payload:
            save_state(session=turn.session, channel=incoming.channel, chat_id=incoming.chat_id, choices=[])
            return self.progress.button(turn, payload)
        if text.startswith("/"):
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
            if turn.member is None and handler not in (self._start, self._help, self._lang):
                return self._stranger(turn)
            return handler(turn, args.strip())
        if not text:
            turn.outcome("empty")
            return [Reply(text=turn._("I can only read text messages. Send /help to see what I can do."))]
        if state.state == "note" and self.progress.note_awaited(turn):
            return self.progress.note(turn, text)
        if turn.member is None:
            code = text.replace(" ", "")
            if 6 <= len(code) <= 12 and code.isalnum() and find_code(session=turn.session, code=code, now=turn.now):
                return self._start(turn, code)
            return self._stranger(turn)
        if incoming.is_group:
            turn.outcome("ignored")
            return []  # in a group only commands and buttons are for the bot
        return self._answer(turn, text)

    def _stranger(self, turn: Turn) -> list[Reply]:
        turn.outcome("not_joined")
        return [
            Reply(
                text=turn._(
                    "Hello! I remind units of the deadlines in the administrative-reform plans and answer questions "
                    "about them. To join, send /start followed by the join code your officer gave you, "
                    "for example: /start AB12CD34"
                )
            )
        ]

    # -- commands ----------------------------------------------------------------------------------
    def _start(self, turn: Turn, args: str) -> list[Reply]:
        if not args:
            if turn.member is None:
                return self._stranger(turn)
            return [self._welcome(turn, turn.member, back=True)]
        code = redeem_code(session=turn.session, code=args.split()[0], now=turn.now)
        if code is None:
            turn.outcome("bad_code")
            return [
                Reply(text=turn._("This join code is not valid or has expired. Please ask your officer for a new one."))
            ]
        incoming = turn.incoming
        if incoming.is_group:
            member, _ = add_member(
                session=turn.session,
                channel=incoming.channel,
                chat_id=incoming.chat_id,
                user_id="",
                unit_id=code.unit_id,
                role="staff",
                name=incoming.name,
            )
            unit = get_unit(session=turn.session, unit_id=code.unit_id)
            turn.outcome("group_linked")
            return [
                Reply(
                    text=turn._("This group now stands for {unit}: its reminders will come here.").format(
                        unit=unit.name if unit else "?"
                    )
                )
            ]
        role = code.role
        if turn.member is not None and turn.member.user_id and ROLES.index(turn.member.role) > ROLES.index(role):
            role = turn.member.role  # a join code never lowers someone's role
        member, _ = add_member(
            session=turn.session,
            channel=incoming.channel,
            chat_id=incoming.chat_id,
            user_id=incoming.user_id,
            unit_id=code.unit_id,
            role=role,
            name=incoming.name,
        )
        if incoming.language in SUPPORTED and member.locale is None:
            set_locale(session=turn.session, member_id=member.id, locale=incoming.language or "vi")
            member = replace(member, locale=incoming.language)
            turn.locale = incoming.language or turn.locale
        turn.member = member
        turn.outcome("joined")
        return [self._welcome(turn, member, back=False)]

    def _welcome(self, turn: Turn, member: MemberView, *, back: bool) -> Reply:
        _ = turn._
        if member.unit:
            intro = _("Welcome, {name}! You are in {unit} as {role}.").format(
                name=member.name or _("colleague"), unit=member.unit, role=role_text(member.role, turn.locale)
            )
        else:
            intro = _("Welcome, {name}! You are an administrator.").format(name=member.name or _("colleague"))
        return Reply(text=intro + "\n\n" + self._help_text(turn))

    def _help_text(self, turn: Turn) -> str:
        _ = turn._
        lines = [
            _("Ask me anything about the plans, with or without diacritics, e.g. “hạn nộp báo cáo 6 tháng”."),
            _("/hoi QUESTION — a question about the plans (or just type it)"),
            _("/hanchot — your unit's coming deadlines"),
            _("/capnhat — report progress on one of your unit's tasks"),
            _("/lang vi|en — reply in Vietnamese or English"),
            _("/toi — who I think you are"),
        ]
        if turn.member and turn.member.is_officer:
            lines += [
                _("/hanchot UNIT — another unit's deadlines"),
                _("/invite UNIT — a join code for a unit"),
            ]
            lines += [
                _("/status [UNIT|PLAN] — who replied, who is late, what is blocked"),
                _("/export — spreadsheet"),
            ]
        return "\n".join(lines)

    def _help(self, turn: Turn, args: str) -> list[Reply]:
        turn.outcome("help")
        if turn.member is None:
            return self._stranger(turn)
        return [Reply(text=self._help_text(turn))]

    def _ask(self, turn: Turn, args: str) -> list[Reply]:
        if not args:
            turn.outcome("empty_question")
            return [Reply(text=turn._("Type your question after /hoi, e.g. /hoi hạn nộp báo cáo năm"))]
        return self._answer(turn, args)

    def _answer(self, turn: Turn, question: str) -> list[Reply]:
        engine = self.library.engine(session=turn.session)
        if engine is None:
            turn.outcome("no_plans")
            return [Reply(text=turn._("No plans have been loaded yet, so I cannot answer questions about them."))]
        answer = engine.ask(question)
        if turn.member and turn.member.unit_id is not None:
            unit = get_unit(session=turn.session, unit_id=turn.member.unit_id)
            if unit is not None:
                answer = prefer_units(answer, {unit.name, *unit.aliases})
        turn.outcome("answered" if answer.found else "not_found")
        return [Reply(text=answer_text(answer, turn.locale))]

    def _deadlines(self, turn: Turn, args: str) -> list[Reply]:
        member = turn.member
        assert member is not None
        _ = turn._
        unit_ids: list[int] | None
        if args:
            units = resolve_units(session=turn.session, name=args)
            if not units:
                turn.outcome("unknown_unit")
                return [Reply(text=_("I know no unit called “{name}”.").format(name=args))]
            if not member.is_officer and all(u.id != member.unit_id for u in units):
                turn.outcome("refused")
                return [Reply(text=_("You can see the deadlines of your own unit only."))]
            if len(units) > 1 and not member.is_officer:
                units = [u for u in units if u.id == member.unit_id]
            unit_ids = [u.id or 0 for u in units]
            title_unit = ", ".join(u.name for u in units[:3])
        elif member.unit_id is not None:
            unit_ids = [member.unit_id]
            title_unit = member.unit or ""
        else:
            return [self._all_deadlines(turn)]
        today = self.calendar.today(turn.now)
        horizon = today + dt.timedelta(days=self.config.deadline_days)
        rows = unit_occurrences(
            session=turn.session, unit_ids=unit_ids, start=today - dt.timedelta(days=90), end=horizon
        )
        overdue = [r for r in rows if r.due < today and r.state != "done"]
        coming = [r for r in rows if r.due >= today]
        turn.outcome("deadlines")
        if not overdue and not coming:
            later = unit_occurrences(session=turn.session, unit_ids=unit_ids, start=horizon)
            text = _("{unit}: nothing due in the next {days} days.").format(
                unit=title_unit, days=self.config.deadline_days
            )
            if later:
                text += "\n" + _("Next: {date} — {task}").format(
                    date=date_text(later[0].due, turn.locale), task=later[0].task
                )
            else:
                text += " " + _("The imported plans set no later deadline for it.")
            return [Reply(text=text)]
        lines = [_("Deadlines of {unit}:").format(unit=title_unit)]
        shown_overdue, shown_coming = overdue[-5:], coming[:10]
        for heading, group in ((_("Overdue"), shown_overdue), (_("Coming"), shown_coming)):
            if group:
                lines.append(f"\n{heading}:")
                lines += [self._occurrence_line(row, turn.locale, with_unit=len(unit_ids) > 1) for row in group]
        listed = len(shown_overdue) + len(shown_coming)
        if len(overdue) + len(coming) > listed:
            lines.append(_("…and {count} more.").format(count=len(overdue) + len(coming) - listed))
        lines.append("\n" + _("Send /capnhat to report progress."))
        return [Reply(text="\n".join(lines))]

    def _all_deadlines(self, turn: Turn) -> Reply:
        _ = turn._
        today = self.calendar.today(turn.now)
        entries = query_deadlines(
            session=turn.session, start=today, end=today + dt.timedelta(days=self.config.deadline_days)
        )
        turn.outcome("deadlines")
        if not entries:
            return Reply(text=_("Nothing is due in the next {days} days.").format(days=self.config.deadline_days))
        lines = [_("Deadlines of every unit:")]
        for entry in entries[:MAX_LISTED]:
            lines.append(f"• {date_text(entry.due, turn.locale)} — {entry.task} — {', '.join(entry.units)}")
        if len(entries) > MAX_LISTED:
            lines.append(_("…and {count} more.").format(count=len(entries) - MAX_LISTED))
        return Reply(text="\n".join(lines))

    @staticmethod
    def _occurrence_line(row: OccurrenceInfo, locale: str, *, with_unit: bool = False) -> str:
        period = f" ({row.period})" if row.period and row.period not in row.task else ""
        unit = f" — {row.unit}" if with_unit else ""
        where = translator(locale).gettext("{plan}, section {section}").format(plan=row.plan, section=row.clause)
        return f"• {date_text(row.due, locale)} — {row.task}{period}{unit} [{state_text(row.state, locale)}]\n  {where}"

    def _lang(self, turn: Turn, args: str) -> list[Reply]:
        choice = fold(args.split()[0]) if args else ""
        choice = {"tieng viet": "vi", "viet": "vi", "english": "en", "anh": "en"}.get(choice, choice)
        if choice not in SUPPORTED:
            turn.outcome("bad_lang")
            return [Reply(text=turn._("Send /lang vi for Vietnamese or /lang en for English."))]
        if turn.member is not None:
            set_locale(session=turn.session, member_id=turn.member.id, locale=choice)
        turn.locale = choice
        turn.outcome("lang")
        return [Reply(text=turn._("I will reply in English from now on."))]

    def _invite(self, turn: Turn, args: str) -> list[Reply]:
        member = turn.member
        assert member is not None
        _ = turn._
        if not member.is_officer:
            turn.outcome("refused")
            return [Reply(text=_("Only officers can create join codes. Please ask your officer."))]
        words = args.split()
        role = "staff"
        if words and fold(words[-1]) in ROLES:
            role = fold(words[-1])
            words = words[:-1]
        if role != "staff" and member.role != "admin":
            turn.outcome("refused")
            return [Reply(text=_("Only an administrator can invite officers or administrators."))]
        name = " ".join(words)
        if not name:
            if member.unit_id is None:
                turn.outcome("usage")
                return [Reply(text=_("Name the unit: /invite UNIT (for example /invite VP)."))]
            units = [u for u in [get_unit(session=turn.session, unit_id=member.unit_id)] if u is not None]
        else:
            units = resolve_units(session=turn.session, name=name)
        if not units:
            turn.outcome("unknown_unit")
            return [Reply(text=_("I know no unit called “{name}”.").format(name=name))]
        if len(units) > 1:
            turn.outcome("ambiguous_unit")
            names = "\n".join(f"• {u.name}" for u in units[:10])
            return [
                Reply(
                    text=_("“{name}” could be several units; please be more precise:").format(name=name) + "\n" + names
                )
            ]
        unit = units[0]
        try:
            code = create_join_code(
                session=turn.session,
                unit_id=unit.id or 0,
                role=role,
                created_by=member.id,
                valid_days=self.config.join_code_days,
                now=turn.now,
            )
        except MemberError as exc:
            return [Reply(text=str(exc))]
        turn.outcome("invite")
        lines = [
            _("Join code for {unit}: {code}").format(unit=unit.name, code=code.code),
            _("People join by sending /start {code} to this bot.").format(code=code.code),
        ]
        link = self.config.links.get(turn.incoming.channel)
        if link:
            lines.append(_("Or they open: {link}").format(link=link.format(code=code.code)))
        if code.expires_at:
            lines.append(
                _("Valid until {date}.").format(date=date_text(self.calendar.today(code.expires_at), turn.locale))
            )
        return [Reply(text="\n".join(lines))]

    def _whoami(self, turn: Turn, args: str) -> list[Reply]:
        member = turn.member
        assert member is not None
        turn.outcome("whoami")
        return [self._welcome(turn, member, back=True)]

    def _cancel(self, turn: Turn, args: str) -> list[Reply]:
        save_state(session=turn.session, channel=turn.incoming.channel, chat_id=turn.incoming.chat_id, choices=[])
        turn.outcome("cancel")
        return [Reply(text=turn._("OK, cancelled."))]
