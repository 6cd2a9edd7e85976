"""`/status` and `/export`: the officers' summary in chat, with its chart or its spreadsheet."""

from __future__ import annotations

from scheduler.calendar import WorkCalendar
from storage.horizon import last_deadline
from storage.status import Summary

from ..charts import status_chart
from ..exports import export_name, status_workbook
from ..render import date_text
from .deadlines_view import nothing_ahead_text
from .messages import Reply
from .status_view import build_summary, parse_period, resolve_scope, summary_text
from .turn import Turn

NO_FILES = frozenset({"zalo"})  # the Zalo Bot Platform sends photos by public URL only, and no documents


def _summary(turn: Turn, args: str, calendar: WorkCalendar) -> tuple[Summary, str] | list[Reply]:
    """The summary an officer asked for, or the replies that say why not."""
    if turn.member is None or not turn.member.is_officer:
        turn.outcome("refused")
        return [Reply(text=turn._("Only officers can see every unit's status. Send /hanchot for your unit's."))]
    today = calendar.today(turn.now)
    period = parse_period(args, today)
    scope = resolve_scope(turn.session, period.rest)
    if scope is None:
        turn.outcome("unknown_scope")
        return [Reply(text=turn._("I know no unit or plan called “{name}”.").format(name=period.rest))]
    return build_summary(turn.session, period=period, scope=scope, today=today), scope.label


def status(turn: Turn, args: str, calendar: WorkCalendar) -> list[Reply]:
    built = _summary(turn, args, calendar)
    if isinstance(built, list):
        return built
    summary, label = built
    turn.outcome("status")
    text = summary_text(summary, turn.locale, label=label, zone=calendar.zone)
    today = calendar.today(turn.now)
    last = last_deadline(session=turn.session)
    if last is None or last.due < today:
        text += "\n\n" + nothing_ahead_text(turn.session, locale=turn.locale, today=today)
    photo = status_chart(summary, turn.locale) if summary.units and turn.incoming.channel not in NO_FILES else None
    return [Reply(text=text, photo=photo, filename="tinh-hinh.png")]


def export(turn: Turn, args: str, calendar: WorkCalendar) -> list[Reply]:
    built = _summary(turn, args, calendar)
    if isinstance(built, list):
        return built
    summary, _label = built
    turn.outcome("export")
    if turn.incoming.channel in NO_FILES:
        return [
            Reply(
                text=turn._(
                    "This chat cannot receive files. Ask for /export on Telegram, or run "
                    "“nhacviec status --xlsx FILE” on the server."
                )
            )
        ]
    data = status_workbook(summary, turn.locale, timezone=str(calendar.zone))
    text = turn.n_(
        "Spreadsheet of {count} occurrence, {start} – {end}.",
        "Spreadsheet of {count} occurrences, {start} – {end}.",
        len(summary.rows),
    ).format(
        count=len(summary.rows),
        start=date_text(summary.start, turn.locale),
        end=date_text(summary.end, turn.locale),
    )
    return [Reply(text=text, document=data, filename=export_name(summary))]
