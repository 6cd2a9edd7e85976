"""`/hanchot`: a unit's overdue and coming deadlines (every unit's for an administrator without one), and
what to say when no deadline lies ahead: the last one on record, its plan, and how to load this year's."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session

from storage.horizon import last_deadline
from storage.plans import deadlines as query_deadlines
from storage.plans import resolve_units
from storage.reports import OccurrenceInfo, unit_occurrences

from ..i18n import translator
from ..render import clip, date_text, more_text, period_text
from .config import Services
from .messages import Reply
from .progress import state_text
from .turn import Turn

MAX_LISTED = 15


def nothing_ahead_text(
    session: Session, *, locale: str, today: dt.date, unit_ids: list[int] | None = None, officer: bool = True
) -> str:
    """No deadline lies ahead: name the last one on record and its plan, and how to bring in this year's plan."""
    _ = translator(locale).gettext
    last = last_deadline(session=session, unit_ids=unit_ids)
    if last is None:
        text = _("The imported plans set no deadline.")
    else:
        text = _("No deadline lies ahead in the imported plans. The last one on record was {date}: {task} ({plan}).")
        text = text.format(date=date_text(last.due, locale), task=clip(last.task, 80), plan=last.plan)
    if last is None or last.due < today:
        if officer:
            text += "\n" + _(
                "To bring in the plan for {year}, send its file (.docx, .pdf or .txt) to the bot on Telegram, "
                "or run “nhacviec plans import FILE” on the server."
            ).format(year=today.year)
        else:
            text += "\n" + _("The plan for {year} has not been loaded yet; your officer can load it.").format(
                year=today.year
            )
    return text


def occurrence_line(row: OccurrenceInfo, locale: str, *, with_unit: bool = False) -> str:
    period = period_text(row.period, locale)
    period = f" ({period})" if period and row.period not in row.task else ""
    unit = f" — {row.unit}" if with_unit else ""
    where = translator(locale).gettext("{plan}, section {section}").format(plan=row.plan, section=row.clause)
    return f"• {date_text(row.due, locale)} — {row.task}{period}{unit} [{state_text(row.state, locale)}]\n  {where}"


def deadlines(turn: Turn, args: str, services: Services) -> list[Reply]:
    member = turn.member
    assert member is not None
    _ = turn._
    unit_ids: list[int]
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
        return [all_deadlines(turn, services)]
    days = services.config.deadline_days
    today = services.calendar.today(turn.now)
    horizon = today + dt.timedelta(days=days)
    rows = unit_occurrences(session=turn.session, unit_ids=unit_ids, start=today - dt.timedelta(days=90), end=horizon)
    overdue = [r for r in rows if r.due < today and r.state != "done"]
    coming = [r for r in rows if r.due >= today]
    turn.outcome("deadlines")
    if not overdue and not coming:
        later = unit_occurrences(session=turn.session, unit_ids=unit_ids, start=horizon)
        text = turn.n_(
            "{unit}: nothing due in the next {days} day.", "{unit}: nothing due in the next {days} days.", days
        ).format(unit=title_unit, days=days)
        if later:
            text += "\n" + _("Next: {date} — {task}").format(
                date=date_text(later[0].due, turn.locale), task=later[0].task
            )
        else:
            text += "\n" + nothing_ahead_text(
                turn.session, locale=turn.locale, today=today, unit_ids=unit_ids, officer=member.is_officer
            )
        return [Reply(text=text)]
    lines = [_("Deadlines of {unit}:").format(unit=title_unit)]
    shown_overdue, shown_coming = overdue[-5:], coming[:10]
    for heading, group in ((_("Overdue"), shown_overdue), (_("Coming"), shown_coming)):
        if group:
            lines.append(f"\n{heading}:")
            lines += [occurrence_line(row, turn.locale, with_unit=len(unit_ids) > 1) for row in group]
    listed = len(shown_overdue) + len(shown_coming)
    if len(overdue) + len(coming) > listed:
        lines.append(more_text(len(overdue) + len(coming) - listed, turn.locale))
    lines.append("\n" + _("Send /capnhat to report progress."))
    if not coming and not unit_occurrences(session=turn.session, unit_ids=unit_ids, start=horizon):
        lines.append(
            nothing_ahead_text(
                turn.session, locale=turn.locale, today=today, unit_ids=unit_ids, officer=member.is_officer
            )
        )
    return [Reply(text="\n".join(lines))]


def all_deadlines(turn: Turn, services: Services) -> Reply:
    _ = turn._
    days = services.config.deadline_days
    today = services.calendar.today(turn.now)
    entries = query_deadlines(session=turn.session, start=today, end=today + dt.timedelta(days=days))
    turn.outcome("deadlines")
    if not entries:
        text = turn.n_("Nothing is due in the next {days} day.", "Nothing is due in the next {days} days.", days)
        text = text.format(days=days)
        last = last_deadline(session=turn.session)
        if last is None or last.due < today:
            text += "\n" + nothing_ahead_text(turn.session, locale=turn.locale, today=today)
        return Reply(text=text)
    lines = [_("Deadlines of every unit:")]
    for entry in entries[:MAX_LISTED]:
        period = period_text(entry.period, turn.locale)
        period = f" ({period})" if period and entry.period and entry.period not in entry.task else ""
        lines.append(f"• {date_text(entry.due, turn.locale)} — {entry.task}{period} — {', '.join(entry.units)}")
    if len(entries) > MAX_LISTED:
        lines.append(more_text(len(entries) - MAX_LISTED, turn.locale))
    return Reply(text="\n".join(lines))
