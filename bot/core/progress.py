"""Progress reports: /capnhat (every open occurrence of the unit, overdue first, paged), the one-tap choices
on reminders, numbered replies to a list of items ("2 xong", "2 1", "3 vướng: thiếu số liệu"), the note that
may follow, and the blocked notice that goes to the officers."""

from __future__ import annotations

import datetime as dt

from plans.text import fold
from storage.conversations import save_state
from storage.members import officers
from storage.outbox import queue, update_pending
from storage.reports import OccurrenceInfo, add_report, occurrence, set_note, unit_occurrences

from ..i18n import translator
from ..render import clip, date_text, period_text
from .config import Services
from .membership import stranger
from .messages import Button, Reply
from .replies import ItemReply, item_list
from .turn import Turn

CHOICE_CODES = {"d": "done", "p": "progress", "b": "blocked", "s": "snooze"}
SKIP_WORDS = {"bo qua", "skip", "khong", "no", "0", "-", "ko", "k"}
NOTE_MINUTES = 30  # a note is awaited this long after a choice; later text is a question again
BLOCKED_GRACE = dt.timedelta(minutes=10)  # officers hear of a block at once, with its note if it comes soon
PAGE = 8  # occurrences per /capnhat page
LABEL = 72  # characters of a task in a choice label


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


def items_hint(count: int, locale: str) -> str:
    """The line under a message listing numbered items (a grouped reminder), for channels without buttons."""
    t = translator(locale)
    if count <= 1:
        return t.gettext("Reply with a number:")
    return t.ngettext(
        "Reply with the item number and your answer: “1 xong”, “1 2” (in progress), “1 vướng: what is in the way”; "
        "the item number alone shows its choices.",
        "Reply with the item number and your answer: “2 xong”, “2 2” (in progress), “2 vướng: what is in the way”; "
        "the item number alone shows its choices.",
        count,
    )


def open_occurrences(turn: Turn, unit_id: int, today: dt.date) -> list[OccurrenceInfo]:
    """Every occurrence of the unit not reported done, however old: overdue first (oldest first), then coming."""
    rows = [r for r in unit_occurrences(session=turn.session, unit_ids=[unit_id]) if r.state != "done"]
    overdue = sorted((r for r in rows if r.due < today), key=lambda r: (r.due, r.id))
    coming = sorted((r for r in rows if r.due >= today), key=lambda r: (r.due, r.id))
    return overdue + coming


def update(turn: Turn, args: str, services: Services) -> list[Reply]:
    member = turn.member
    assert member is not None
    _ = turn._
    if member.unit_id is None:
        turn.outcome("no_unit")
        return [Reply(text=_("You are not in a unit, so there is nothing to report on."))]
    page = int(args.split()[0]) if args.split() and args.split()[0].isdigit() else 1
    return [update_page(turn, services, page)]


def update_page(turn: Turn, services: Services, page: int) -> Reply:
    member = turn.member
    assert member is not None and member.unit_id is not None
    _ = turn._
    today = services.calendar.today(turn.now)
    rows = open_occurrences(turn, member.unit_id, today)
    turn.outcome("update")
    if not rows:
        return Reply(
            text=_("{unit} has no open task: every deadline on record is reported done.").format(unit=member.unit)
        )
    pages = (len(rows) + PAGE - 1) // PAGE
    page = min(max(page, 1), pages)
    shown = rows[(page - 1) * PAGE : page * PAGE]
    overdue = sum(1 for r in rows if r.due < today)
    buttons: list[tuple[Button, ...]] = []
    for r in shown:
        mark = "⏰ " if r.due < today else ""
        period = period_text(r.period, turn.locale) if r.period and r.period not in r.task else ""
        label = clip(f"{mark}{date_text(r.due, turn.locale)}{f' ({period})' if period else ''} {r.task}", LABEL)
        buttons.append((Button(label=label, payload=f"u:{r.id}"),))
    if page < pages:
        buttons.append((Button(label=_("More…"), payload=f"m:{page + 1}"),))
    head = turn.n_("{unit} has {count} open task", "{unit} has {count} open tasks", len(rows)).format(
        unit=member.unit, count=len(rows)
    )
    if overdue:
        head += turn.n_(" ({count} overdue, listed first)", " ({count} overdue, listed first)", overdue).format(
            count=overdue
        )
    head += "."
    if pages > 1:
        head += " " + _("Page {page} of {pages}.").format(page=page, pages=pages)
    text = head + "\n" + _("Which task do you want to report on?")
    return Reply(text=text, buttons=tuple(buttons), choices_hint=_("Reply with a number:"))


# -- buttons and numbered replies ------------------------------------------------------------------
def button(turn: Turn, payload: str, services: Services, *, items: list[str] | None = None) -> list[Reply]:
    """A pressed button (or the number standing for one); `items` is the list the choice was made from."""
    _ = turn._
    member = turn.member
    if member is None:
        return stranger(turn)
    parts = payload.split(":")
    try:
        kind, number = parts[0], int(parts[1][:12])
        if not 0 < number < 2**31:  # a forged id (100 digits) is just an invalid button
            raise ValueError(parts[1])
        choice = CHOICE_CODES[parts[2]] if kind == "r" else None
    except (IndexError, ValueError, KeyError):
        kind, number, choice = "", 0, None
    if kind == "m" and member.unit_id is not None:
        return [update_page(turn, services, number)]
    if kind not in ("r", "u"):
        turn.outcome("bad_button")
        return [Reply(text=_("This button is no longer valid."), notice=_("No longer valid"))]
    occ = owned(turn, number)
    if isinstance(occ, list):
        return occ
    if kind == "u":
        turn.outcome("chose")
        return [occurrence_prompt(turn, occ, items=items)]
    assert choice is not None
    return report(turn, occ, choice, services, items=items)


def owned(turn: Turn, occurrence_id: int) -> OccurrenceInfo | list[Reply]:
    """The occurrence when it exists and belongs to the member's unit, else the replies that say why not."""
    _ = turn._
    member = turn.member
    assert member is not None
    occ = occurrence(session=turn.session, occurrence_id=occurrence_id)
    if occ is None:
        turn.outcome("gone")
        return [
            Reply(text=_("This task is no longer in the plans (the plan was updated)."), notice=_("No longer valid"))
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
    return occ


def occurrence_prompt(turn: Turn, occ: OccurrenceInfo, *, items: list[str] | None = None) -> Reply:
    _ = turn._
    text = _("{task}\nDue {date} — {plan}, section {section}.\nCurrent state: {state}.").format(
        task=occ.task,
        date=date_text(occ.due, turn.locale),
        plan=occ.plan,
        section=occ.clause,
        state=state_text(occ.state, turn.locale),
    )
    if items and f"u:{occ.id}" in items and len(items) > 1:
        text = _("Item {number}:").format(number=items.index(f"u:{occ.id}") + 1) + " " + text
    buttons = status_buttons(occ.id, turn.locale)
    if items:  # remember the list, so that "3 xong" still names item 3 of it
        save_state(
            session=turn.session,
            channel=turn.incoming.channel,
            chat_id=turn.incoming.chat_id,
            data={"items": items, "shown": [b.payload for row in buttons for b in row], "since": turn.now.isoformat()},
        )
    return Reply(text=text, buttons=buttons, choices_hint=_("Reply with a number:"))


def item_reply(turn: Turn, parsed: ItemReply, services: Services) -> list[Reply] | None:
    """A typed answer to a numbered item ("2 xong", "2 1", "3 vướng: thiếu số liệu", "xong"); None when the
    conversation has no item it could name, so the text is something else (a note, a question)."""
    _ = turn._
    items, current = item_list(turn.state, now=turn.now)
    if not items and current is None:
        return None
    if parsed.item is None:
        if current is not None:
            target = current
        elif len(items) == 1:
            target = items[0]
        else:
            turn.outcome("ambiguous_reply")
            return [
                Reply(
                    text=turn.n_(
                        "Which item? {count} item is open: reply with its number and your answer, e.g. “1 xong”.",
                        "Which item? {count} items are open: reply with the item number and your answer, "
                        "e.g. “2 xong”.",
                        len(items),
                    ).format(count=len(items))
                )
            ]
    elif items and 1 <= parsed.item <= len(items):
        target = items[parsed.item - 1]
    elif not items and current is not None and parsed.item == 1:
        target = current
    else:
        turn.outcome("bad_choice")
        count = len(items) or 1
        return [Reply(text=_("Please reply with a number from 1 to {count}.").format(count=count))]
    occ = owned(turn, int(target.split(":")[1]))
    if isinstance(occ, list):
        return occ
    if parsed.choice is None:
        turn.outcome("chose")
        return [occurrence_prompt(turn, occ, items=items or None)]
    return report(turn, occ, parsed.choice, services, items=items or None, note=parsed.note)


def report(
    turn: Turn,
    occ: OccurrenceInfo,
    choice: str,
    services: Services,
    *,
    items: list[str] | None = None,
    note: str | None = None,
) -> list[Reply]:
    _ = turn._
    member = turn.member
    assert member is not None
    note = (note or "").strip() or None
    record = add_report(
        session=turn.session,
        occurrence_id=occ.id,
        unit_id=occ.unit_id,
        member_id=member.id,
        choice=choice,
        note=note if choice != "snooze" else None,
        at=turn.now,
    )
    turn.outcome(f"report:{choice}")
    what = f"{occ.task} ({date_text(occ.due, turn.locale)})"
    more = ""
    if items and len(items) > 1:
        more = "\n" + _("Answer another item the same way, e.g. “{number} xong”.").format(
            number=next((i + 1 for i, p in enumerate(items) if p != f"u:{occ.id}"), 1)
        )
    keep = {"items": items, "shown": items, "since": turn.now.isoformat()} if items else {}
    if choice == "snooze":
        later = services.calendar.next_working_morning(turn.now)
        queue(
            session=turn.session,
            key=f"r:{occ.id}:{member.id}:snooze:{record.id}",
            member_id=member.id,
            kind="snooze",
            send_at=later,
            occurrence_id=occ.id,
        )
        save_state(
            session=turn.session,
            channel=turn.incoming.channel,
            chat_id=turn.incoming.chat_id,
            data=keep,
            choices=items or [],
        )
        when = f"{later:%H:%M} {date_text(later.date(), turn.locale)}"
        return [
            Reply(
                text=_("OK, I will remind you again at {when}: {task}").format(when=when, task=what) + more,
                notice=_("Snoozed"),
            )
        ]
    if note is not None:  # the note came with the answer: nothing more is awaited
        if choice == "blocked":
            tell_officers_blocked(turn, occ, services, report_id=record.id or 0, note=note, final=True)
        save_state(
            session=turn.session,
            channel=turn.incoming.channel,
            chat_id=turn.incoming.chat_id,
            data=keep,
            choices=items or [],
        )
        text = _("Recorded: {state} — {task}. Note: “{note}”.").format(
            state=state_text(choice, turn.locale), task=what, note=note
        )
        return [Reply(text=text + more, notice=state_text(choice, turn.locale))]
    data = {
        "report": record.id,
        "occurrence": occ.id,
        "since": turn.now.isoformat(),
        "by": turn.incoming.user_id,
        **keep,
    }
    if choice == "blocked":
        data["blocked"] = True
        tell_officers_blocked(turn, occ, services, report_id=record.id or 0, note=None, final=False)
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
        choices=items or [],
    )
    return [Reply(text=text + more, notice=state_text(choice, turn.locale))]


def note_awaited(turn: Turn) -> bool:
    since = turn.state.data.get("since")
    if not since or turn.state.state != "note":
        return False
    if turn.state.data.get("by", turn.incoming.user_id) != turn.incoming.user_id:
        return False  # in a group, only the presser's next message is the note
    return turn.now - dt.datetime.fromisoformat(since) < dt.timedelta(minutes=NOTE_MINUTES)


def note(turn: Turn, text: str, services: Services) -> list[Reply]:
    _ = turn._
    data = turn.state.data
    items = data.get("items")
    # The list stays answerable by "3 xong"; a bare number is a question again.
    keep = {"items": items, "shown": [], "since": data.get("since")} if items else {}
    save_state(
        session=turn.session, channel=turn.incoming.channel, chat_id=turn.incoming.chat_id, data=keep, choices=[]
    )
    occ = occurrence(session=turn.session, occurrence_id=int(data.get("occurrence", 0)))
    if fold(text).strip(" .!") in SKIP_WORDS:
        turn.outcome("note_skipped")
        if occ is not None and data.get("blocked"):
            tell_officers_blocked(turn, occ, services, report_id=int(data["report"]), note=None, final=True)
        return [Reply(text=_("OK, no note."))]
    set_note(session=turn.session, report_id=int(data.get("report", 0)), note=text)
    turn.outcome("note")
    if occ is not None and data.get("blocked"):
        tell_officers_blocked(turn, occ, services, report_id=int(data["report"]), note=text, final=True)
    return [Reply(text=_("Note saved. Thank you."))]


def tell_officers_blocked(
    turn: Turn, occ: OccurrenceInfo, services: Services, *, report_id: int, note: str | None, final: bool
) -> None:
    """Tell every officer of a block: queued at once (sent after a short grace), completed by the note."""
    member = turn.member
    assert member is not None
    send_at = turn.now if final else turn.now + BLOCKED_GRACE
    for officer in officers(session=turn.session):
        locale = officer.locale or services.config.default_locale
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
