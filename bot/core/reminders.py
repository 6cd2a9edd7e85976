"""Outbox rows into words: grouped reminders with their buttons, check-ins, notices to officers.

Rendered when sent, not when queued, so a reminder says how many days are left on the day it goes out,
says it is late when downtime held it back, and is dropped when its unit answered "done" meanwhile.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlmodel import Session

from scheduler.ports import Outgoing, Rendered
from storage.members import MemberView
from storage.outbox import Claimed
from storage.reports import OccurrenceInfo, occurrence, task_brief

from ..i18n import translator
from ..render import due_text, list_due_text, period_text
from .messages import Button, Reply
from .progress import items_hint, status_buttons
from .status_view import after_deadline_text, digest_text

LATE_AFTER = dt.timedelta(hours=2)


TASK_IN_LIST = 150  # characters of a task's name in a grouped reminder (its button opens the whole)


class ReminderTexts:
    """What the dispatcher sends for claimed outbox rows, in the member's language (`scheduler.ports.Texts`).

    A person's reminders due at one sending time become one message: a single item keeps its four one-tap
    buttons; several are numbered 1..n (overdue first, then due today, then coming), each with one button
    (`u:<occurrence>`) opening its choices, and the chat is offered those items as its numbered choices.
    Notices, digests and morning-after messages go as messages of their own.
    """

    def __init__(self, *, default_locale: str = "vi", zone: dt.tzinfo | None = None) -> None:
        self.default_locale = default_locale
        self.zone = zone or dt.UTC

    def locale(self, member: MemberView) -> str:
        return member.locale or self.default_locale

    def render(self, *, session: Session, rows: Sequence[Claimed], member: MemberView, now: dt.datetime) -> Rendered:
        locale = self.locale(member)
        _ = translator(locale).gettext
        messages: list[Outgoing] = []
        nothing: list[int] = []
        items: dict[int, tuple[OccurrenceInfo, list[int]]] = {}
        checkins: list[tuple[str, list[int]]] = []
        late = False
        for row in rows:
            if row.kind == "notice":
                messages.append(Outgoing(reply=Reply(text=row.text or ""), row_ids=(row.id,)))
            elif row.kind in ("digest", "after"):
                reply = self._officers(session=session, row=row, locale=locale, now=now)
                if reply is None:
                    nothing.append(row.id)
                else:
                    messages.append(Outgoing(reply=reply, row_ids=(row.id,)))
            elif row.kind == "checkin":
                task = task_brief(session=session, task_id=row.task_id or 0)
                if task is None:
                    nothing.append(row.id)
                    continue
                late = late or now - row.send_at > LATE_AFTER
                text = _(
                    "Monthly check-in — {task} ({when}; {plan}, section {section}). This task has no deadline; "
                    "if something is in the way, please tell the officer in charge."
                ).format(task=task.title, when=task.undated or "", plan=task.plan, section=task.clause)
                checkins.append((text, [row.id]))
            else:
                known = items.get(row.occurrence_id or 0)
                if known is not None:
                    known[1].append(row.id)
                    continue
                occ = occurrence(session=session, occurrence_id=row.occurrence_id or 0)
                if occ is None or occ.state == "done":
                    nothing.append(row.id)
                    continue
                late = late or now - row.send_at > LATE_AFTER
                items[occ.id] = (occ, [row.id])
        if items or checkins:
            prefix = _("(Late: this reminder was held up by a service interruption.)") + "\n" if late else ""
            messages.insert(0, self._reminder(list(items.values()), checkins, prefix=prefix, locale=locale, now=now))
        return Rendered(messages=messages, nothing=nothing)

    def _reminder(
        self,
        items: list[tuple[OccurrenceInfo, list[int]]],
        checkins: list[tuple[str, list[int]]],
        *,
        prefix: str,
        locale: str,
        now: dt.datetime,
    ) -> Outgoing:
        _ = translator(locale).gettext
        today = now.astimezone(self.zone).date()
        ids = tuple(i for _, row_ids in [*items, *checkins] for i in row_ids)
        extra = "".join("\n\n" + text for text, _ids in checkins)
        if not items:
            return Outgoing(reply=Reply(text=prefix + extra.strip()), row_ids=ids)
        if len(items) == 1:
            occ = items[0][0]
            head = due_text((occ.due - today).days, occ.due, locale)
            lines = [f"{prefix}⏰ {head}", *self._item_lines(occ, locale)]
            reply = Reply(
                text="\n".join(lines) + extra,
                buttons=status_buttons(occ.id, locale),
                choices_hint=_("Reply with a number:"),
            )
            return Outgoing(reply=reply, row_ids=ids, choices=tuple(b.payload for b in reply.flat_buttons))
        ordered = sorted(items, key=lambda item: (item[0].due, item[0].id))
        lines = [
            f"{prefix}⏰ "
            + translator(locale)
            .ngettext("You have {count} task to report on:", "You have {count} tasks to report on:", len(ordered))
            .format(count=len(ordered))
        ]
        buttons: list[tuple[Button, ...]] = []
        for number, (occ, _ids) in enumerate(ordered, 1):
            head = list_due_text((occ.due - today).days, occ.due, locale)
            period = f" ({period_text(occ.period, locale)})" if occ.period and occ.period not in occ.task else ""
            task = occ.task if len(occ.task) <= TASK_IN_LIST else occ.task[: TASK_IN_LIST - 1].rstrip() + "…"
            state = ""
            if occ.state in ("progress", "blocked"):
                state = " · " + {"progress": _("in progress"), "blocked": _("blocked")}[occ.state]
            lines.append(f"{number}. {task}{period} — {head}{state}")
            label = f"{number}. {occ.task}"
            buttons.append((Button(label=label if len(label) <= 60 else label[:59] + "…", payload=f"u:{occ.id}"),))
        lines += [
            "",
            _("Tap a task to answer it, or reply with its number and your answer (for example “2 xong”)."),
        ]
        reply = Reply(
            text="\n".join(lines) + extra,
            buttons=tuple(buttons),
            listed=True,
            choices_hint=items_hint(len(ordered), locale),
        )
        return Outgoing(reply=reply, row_ids=ids, choices=tuple(f"u:{occ.id}" for occ, _ids in ordered))

    def _item_lines(self, occ: OccurrenceInfo, locale: str) -> list[str]:
        _ = translator(locale).gettext
        period = f" ({period_text(occ.period, locale)})" if occ.period and occ.period not in occ.task else ""
        lines = [
            f"{occ.task}{period}",
            _("{unit} — {plan}, section {section}.").format(unit=occ.unit, plan=occ.plan, section=occ.clause),
        ]
        if occ.state in ("progress", "blocked"):
            lines.append(
                _("Last reply: {state}.").format(
                    state={"progress": _("in progress"), "blocked": _("blocked")}[occ.state]
                )
            )
        return lines

    def _officers(self, *, session: Session, row: Claimed, locale: str, now: dt.datetime) -> Reply | None:
        today = now.astimezone(self.zone).date()
        if row.kind == "digest":
            text = digest_text(session, today=today, locale=locale)
        else:
            text = after_deadline_text(session, due=dt.date.fromisoformat(row.key.split(":")[1]), locale=locale)
        return Reply(text=text) if text else None

    def unreachable(self, *, officer: MemberView, member: MemberView) -> str:
        _ = translator(self.locale(officer)).gettext
        return _(
            "I can no longer reach {name} ({unit}) on {channel}: they blocked the bot or left. "
            "Their unit's reminders stop reaching them until they write to the bot again."
        ).format(name=member.name or member.chat_id, unit=member.unit or "—", channel=member.channel)
