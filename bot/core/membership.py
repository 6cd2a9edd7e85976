"""Who is who in the chat: /start (join codes), /help, /toi, /lang, /invite, /huy and the stranger's answer."""

from __future__ import annotations

from dataclasses import replace

from plans.text import fold
from storage.conversations import save_state
from storage.members import (
    ROLES,
    MemberError,
    MemberView,
    add_member,
    create_join_code,
    get_unit,
    redeem_code,
    set_locale,
)
from storage.plans import resolve_units

from ..i18n import SUPPORTED, translator
from ..render import date_text
from .config import Services
from .messages import Reply
from .turn import Turn


def role_text(role: str, locale: str) -> str:
    _ = translator(locale).gettext
    return {"staff": _("staff"), "officer": _("officer"), "admin": _("administrator")}.get(role, role)


def stranger(turn: Turn) -> list[Reply]:
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


def start(turn: Turn, args: str) -> list[Reply]:
    if not args:
        if turn.member is None:
            return stranger(turn)
        return [welcome(turn, turn.member)]
    code = redeem_code(session=turn.session, code=args.split()[0], now=turn.now)
    if code is None:
        turn.outcome("bad_code")
        return [
            Reply(text=turn._("This join code is not valid or has expired. Please ask your officer for a new one."))
        ]
    incoming = turn.incoming
    if incoming.is_group:
        add_member(
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
    return [welcome(turn, member)]


def identity_text(turn: Turn, member: MemberView) -> str:
    _ = turn._
    if member.unit:
        return _("Welcome, {name}! You are in {unit} as {role}.").format(
            name=member.name or _("colleague"), unit=member.unit, role=role_text(member.role, turn.locale)
        )
    return _("Welcome, {name}! You are an administrator.").format(name=member.name or _("colleague"))


def welcome(turn: Turn, member: MemberView) -> Reply:
    return Reply(text=identity_text(turn, member) + "\n\n" + help_text(turn))


def help_text(turn: Turn) -> str:
    _ = turn._
    lines = [
        _("Ask me anything about the plans, with or without diacritics, e.g. “hạn nộp báo cáo 6 tháng”."),
        _("/hoi QUESTION — a question about the plans (or just type it)"),
        _("/hanchot — your unit's coming deadlines"),
        _("/capnhat — report progress on one of your unit's tasks"),
        _("Reminders list numbered items: reply “2 xong”, “2 1” or “3 vướng: note” to answer item 2 or 3."),
        _("/huy — cancel what is under way (a menu, a note awaited)"),
        _("/lang vi|en — reply in Vietnamese or English"),
        _("/toi — who I think you are"),
    ]
    if turn.member and turn.member.is_officer:
        lines += [
            _("/hanchot UNIT — another unit's deadlines"),
            _("/invite UNIT — a join code for a unit"),
            _(
                "/status [PERIOD] [UNIT|PLAN] — who replied, who is late, what is blocked; PERIOD such as "
                "“quý 2”, “6 tháng”, “tháng 5”, “năm 2023” or 01/03/2023-31/05/2023 (this month by default)"
            ),
            _("/export [PERIOD] [UNIT|PLAN] — the same as a spreadsheet"),
        ]
    return "\n".join(lines)


def help_command(turn: Turn, args: str) -> list[Reply]:
    turn.outcome("help")
    if turn.member is None:
        return stranger(turn)
    return [Reply(text=help_text(turn))]


def whoami(turn: Turn, args: str) -> list[Reply]:
    member = turn.member
    assert member is not None
    _ = turn._
    turn.outcome("whoami")
    language = {"vi": "Tiếng Việt", "en": "English"}.get(turn.locale, turn.locale)
    lines = [
        _("Name: {name}").format(name=member.name or "—"),
        _("Unit: {unit}").format(unit=member.unit or _("none")),
        _("Role: {role}").format(role=role_text(member.role, turn.locale)),
        _("Chat: {channel} {chat}").format(channel=member.channel, chat=member.chat_id),
        _("Language: {language}").format(language=language),
        "",
        _("Send /help to see what I can do."),
    ]
    return [Reply(text="\n".join(lines))]


def lang(turn: Turn, args: str) -> list[Reply]:
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


def invite(turn: Turn, args: str, services: Services) -> list[Reply]:
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
            Reply(text=_("“{name}” could be several units; please be more precise:").format(name=name) + "\n" + names)
        ]
    unit = units[0]
    try:
        code = create_join_code(
            session=turn.session,
            unit_id=unit.id or 0,
            role=role,
            created_by=member.id,
            valid_days=services.config.join_code_days,
            now=turn.now,
        )
    except MemberError as exc:
        return [Reply(text=str(exc))]
    turn.outcome("invite")
    lines = [
        _("Join code for {unit}: {code}").format(unit=unit.name, code=code.code),
        _("People join by sending /start {code} to this bot.").format(code=code.code),
    ]
    link = services.config.links.get(turn.incoming.channel)
    if link:
        lines.append(_("Or they open: {link}").format(link=link.format(code=code.code)))
    if code.expires_at:
        lines.append(
            _("Valid until {date}.").format(date=date_text(services.calendar.today(code.expires_at), turn.locale))
        )
    return [Reply(text="\n".join(lines))]


def cancel(turn: Turn, args: str) -> list[Reply]:
    save_state(session=turn.session, channel=turn.incoming.channel, chat_id=turn.incoming.chat_id, choices=[])
    turn.outcome("cancel")
    return [Reply(text=turn._("OK, cancelled."))]
