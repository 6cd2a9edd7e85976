"""Progress reports: the one-tap choices on reminders and /capnhat, the note that may follow, and the
blocked notice that goes to the officers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from plans.text import fold
from scheduler.calendar import WorkCalendar
from storage.conversations import save_state
from storage.members import officers
from storage.outbox import queue, update_pending
from storage.reports import OccurrenceInfo, add_report, occurrence, set_note, unit_occurrences

from ..i18n import translator
from ..render import date_text
from .messages import Button, Reply
from .turn import Turn

if TYPE_CHECKING:
    from .conversation import CoreConfig

CHOICE_CODES = {"d": "done", "p": "progress", "b": "blocked", "s": "snooze"}
SKIP_WORDS = {"bo qua", "skip", "khong", "no", "0", "-", "ko", "k"}
NOTE_MINUTES = 30  # a note is awaited this long after a choice; later text is a question again
BLOCKED_GRACE = dt.timedelta(minutes=10)  # officers hear of a block at once, with its note if it comes soon


def status_buttons(occurrence_id: int, locale: str) -> tuple[tuple[Button, ...], ...]:
    """The one-tap replies for an occurrence: done, in progress, blocked, remind me later."""
    _ = translator(locale).gettext
    return (
        (
            Button(label=_("Done"), payload=f"r:{occurrence_id}:d"),
            Button(label=_("In progress"), payload=f"r:{occurrence_id}:p"),
        ),
        (
            Button(label=_("Blocked"), payload=f"r:{occurrence_id}:b"),
            Button(label=_("Remind me later"), payload=f"r:{occurrence_id}:s"),
        ),
    )


def state_text(state: str | None, locale: str) -> str:
    _ = translator(locale).gettext
    return {
        "done": _("done"),
        "progress": _("in progress"),
        "blocked": _("blocked"),
        None: _("no reply yet"),
    }.get(state, state or "")


class Progress:
    """What a unit says about its occurrences, checked against the unit the member belongs to."""

    def __init__(self, *, config: CoreConfig, calendar: WorkCalendar, stranger: Callable[[Turn], list[Reply]]) -> None:
        self.config = config
        self.calendar = calendar
        self.stranger = stranger

    def update(self, turn: Turn, args: str) -> list[Reply]:
        member = turn.member
        assert member is not None
        _ = turn._
        if member.unit_id is None:
            turn.outcome("no_unit")
            return [Reply(text=_("You are not in a unit, so there is nothing to report on."))]
        today = self.calendar.today(turn.now)
        rows = unit_occurrences(
            session=turn.session,
            unit_ids=[member.unit_id],
            start=today - dt.timedelta(days=90),
            end=today + dt.timedelta(days=self.config.deadline_days),
        )
        open_rows = [r for r in rows if r.state != "done"][:8]
        turn.outcome("update")
        if not open_rows:
            return [
                Reply(
                    text=_("{unit} has no open task in the coming {days} days.").format(
                        unit=member.unit, days=self.config.deadline_days
                    )
                )
            ]
        buttons = tuple(
            (Button(label=f"{date_text(r.due, turn.locale)} {r.task}"[:60], payload=f"u:{r.id}"),) for r in open_rows
        )
        return [
            Reply(
                text=_("Which task do you want to report on?"), buttons=buttons, choices_hint=_("Reply with a number:")
            )
        ]

    # -- buttons and notes -------------------------------------------------------------------------
    def button(self, turn: Turn, payload: str) -> list[Reply]:
        _ = turn._
        parts = payload.split(":")
        member = turn.member
        if member is None:
            return self.stranger(turn)
        try:
            kind, occurrence_id = parts[0], int(parts[1][:12])
            if not 0 < occurrence_id < 2**31:  # a forged id (100 digits) is just an invalid button
                raise ValueError(parts[1])
            choice = CHOICE_CODES[parts[2]] if kind == "r" else None
        except (IndexError, ValueError, KeyError):
            kind, occurrence_id, choice = "", 0, None
        if kind not in ("r", "u"):
            turn.outcome("bad_button")
            return [Reply(text=_("This button is no longer valid."), notice=_("No longer valid"))]
        occ = occurrence(session=turn.session, occurrence_id=occurrence_id)
        if occ is None:
            turn.outcome("gone")
            return [
                Reply(
                    text=_("This task is no longer in the plans (the plan was updated)."), notice=_("No longer valid")
                )
            ]
        if occ.unit_id != member.unit_id:
            turn.outcome("refused")
            return [
                Reply(
                    text=_("This task belongs to {unit}; you can only answer for {own}.").format(
                        unit=occ.unit, own=member.unit or _("your own unit")
                    ),
                    notice=_("Not your unit's task"),
                )
            ]
        if kind == "u":
            turn.outcome("chose")
            return [self.occurrence_prompt(turn, occ)]
        assert choice is not None
        return self.report(turn, occ, choice)

    def occurrence_prompt(self, turn: Turn, occ: OccurrenceInfo) -> Reply:
        _ = turn._
        text = _("{task}\nDue {date} — {plan}, section {section}.\nCurrent state: {state}.").format(
            task=occ.task,
            date=date_text(occ.due, turn.locale),
            plan=occ.plan,
            section=occ.clause,
            state=state_text(occ.state, turn.locale),
        )
        return Reply(text=text, buttons=status_buttons(occ.id, turn.locale), choices_hint=_("Reply with a number:"))

    def report(self, turn: Turn, occ: OccurrenceInfo, choice: str) -> list[Reply]:
        _ = turn._
        member = turn.member
        assert member is not None
        report = add_report(
            session=turn.session,
            occurrence_id=occ.id,
            unit_id=occ.unit_id,
            member_id=member.id,
            choice=choice,
            at=turn.now,
        )
        turn.outcome(f"report:{choice}")
        what = f"{occ.task} ({date_text(occ.due, turn.locale)})"
        if choice == "snooze":
            later = self.calendar.next_working_morning(turn.now)
            queue(
                session=turn.session,
                key=f"r:{occ.id}:{member.id}:snooze:{report.id}",
                member_id=member.id,
                kind="snooze",
                send_at=later,
                occurrence_id=occ.id,
            )
            when = f"{later:%H:%M} {date_text(later.date(), turn.locale)}"
            return [
                Reply(
                    text=_("OK, I will remind you again at {when}: {task}").format(when=when, task=what),
                    notice=_("Snoozed"),
                )
            ]
        data = {"report": report.id, "occurrence": occ.id, "since": turn.now.isoformat(), "by": turn.incoming.user_id}
        if choice == "blocked":
            data["blocked"] = True
            self.tell_officers_blocked(turn, occ, report_id=report.id or 0, note=None, final=False)
            text = _(
                "Recorded: blocked — {task}. What is in the way? Your note goes to the officers (or send “bỏ qua”)."
            ).format(task=what)
        elif choice == "done":
            text = _("Recorded: done — {task}. Thank you! Add a note if you like, or send “bỏ qua”.").format(task=what)
        else:
            text = _(
                "Recorded: in progress — {task}. Reminders continue until it is done. Add a note if you like, "
                "or send “bỏ qua”."
            ).format(task=what)
        save_state(
            session=turn.session,
            channel=turn.incoming.channel,
            chat_id=turn.incoming.chat_id,
            state="note",
            data=data,
            choices=[],
        )
        return [Reply(text=text, notice=state_text(choice, turn.locale))]

    def note_awaited(self, turn: Turn) -> bool:
        since = turn.state.data.get("since")
        if not since or turn.state.data.get("by", turn.incoming.user_id) != turn.incoming.user_id:
            return False  # in a group, only the presser's next message is the note
        return turn.now - dt.datetime.fromisoformat(since) < dt.timedelta(minutes=NOTE_MINUTES)

    def note(self, turn: Turn, text: str) -> list[Reply]:
        _ = turn._
        data = turn.state.data
        save_state(session=turn.session, channel=turn.incoming.channel, chat_id=turn.incoming.chat_id)
        occ = occurrence(session=turn.session, occurrence_id=int(data.get("occurrence", 0)))
        if fold(text).strip(" .!") in SKIP_WORDS:
            turn.outcome("note_skipped")
            if occ is not None and data.get("blocked"):
                self.tell_officers_blocked(turn, occ, report_id=int(data["report"]), note=None, final=True)
            return [Reply(text=_("OK, no note."))]
        set_note(session=turn.session, report_id=int(data.get("report", 0)), note=text)
        turn.outcome("note")
        if occ is not None and data.get("blocked"):
            self.tell_officers_blocked(turn, occ, report_id=int(data["report"]), note=text, final=True)
        return [Reply(text=_("Note saved. Thank you."))]

    def tell_officers_blocked(
        self, turn: Turn, occ: OccurrenceInfo, *, report_id: int, note: str | None, final: bool
    ) -> None:
        """Tell every officer of a block: queued at once (sent after a short grace), completed by the note."""
        member = turn.member
        assert member is not None
        send_at = turn.now if final else turn.now + BLOCKED_GRACE
        for officer in officers(session=turn.session):
            locale = officer.locale or self.config.default_locale
            _ = translator(locale).gettext
            text = _("Blocked: {unit} — {task} (due {date}; {plan}, section {section}).").format(
                unit=occ.unit, task=occ.task, date=date_text(occ.due, locale), plan=occ.plan, section=occ.clause
            )
            reporter = member.name or member.unit or "?"
            text += "\n" + (
                _("Note from {name}: {note}").format(name=reporter, note=note)
                if note
                else _("Reported by {name}, no note.").format(name=reporter)
            )
            key = f"blocked:{report_id}:{officer.id}"
            if final and update_pending(session=turn.session, key=key, text=text, send_at=send_at):
                continue
            if final and not note:
                continue  # already sent without a note; nothing new to say
            queue(
                session=turn.session,
                key=f"{key}:note" if final else key,
                member_id=officer.id,
                kind="notice",
                send_at=send_at,
                text=text,
                occurrence_id=occ.id,
            )
