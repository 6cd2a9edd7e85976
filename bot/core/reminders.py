"""Outbox rows into words: reminders with their one-tap buttons, check-ins, notices to officers.

Rendered when sent, not when queued, so a reminder says how many days are left on the day it goes out,
says it is late when downtime held it back, and is dropped when its unit answered "done" meanwhile.
"""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session

from storage.members import MemberView
from storage.models import OutboxRow
from storage.reports import occurrence, task_brief

from ..i18n import translator
from ..render import due_text, period_text
from .messages import Reply
from .progress import status_buttons
from .status_view import after_deadline_text, digest_text

LATE_AFTER = dt.timedelta(hours=2)


class ReminderTexts:
    """What the dispatcher sends for each kind of outbox row, in the member's language."""

    def __init__(self, *, default_locale: str = "vi", zone: dt.tzinfo | None = None) -> None:
        self.default_locale = default_locale
        self.zone = zone or dt.UTC

    def locale(self, member: MemberView) -> str:
        return member.locale or self.default_locale

    def reply(self, *, session: Session, row: OutboxRow, member: MemberView, now: dt.datetime) -> Reply | None:
        """The message for a row, or None when there is nothing to say any more (done, removed from the plan)."""
        locale = self.locale(member)
        _ = translator(locale).gettext
        if row.kind == "notice":
            return Reply(text=row.text or "")
        late = now - row.send_at > LATE_AFTER
        prefix = _("(Late: this reminder was held up by a service interruption.)") + "\n" if late else ""
        if row.kind in ("digest", "after"):
            today = now.astimezone(self.zone).date()
            if row.kind == "digest":
                text = digest_text(session, today=today, locale=locale)
            else:
                text = after_deadline_text(session, due=dt.date.fromisoformat(row.key.split(":")[1]), locale=locale)
            return Reply(text=text) if text else None
        if row.kind == "checkin":
            task = task_brief(session=session, task_id=row.task_id or 0)
            if task is None:
                return None
            text = _(
                "Monthly check-in — {task} ({when}; {plan}, section {section}). This task has no deadline; "
                "if something is in the way, please tell the officer in charge."
            ).format(task=task.title, when=task.undated or "", plan=task.plan, section=task.clause)
            return Reply(text=prefix + text)
        occ = occurrence(session=session, occurrence_id=row.occurrence_id or 0)
        if occ is None or occ.state == "done":
            return None
        today = now.astimezone(self.zone).date()
        days = (occ.due - today).days
        head = due_text(days, occ.due, locale)
        period = f" ({period_text(occ.period, locale)})" if occ.period and occ.period not in occ.task else ""
        lines = [
            f"{prefix}⏰ {head}",
            f"{occ.task}{period}",
            _("{unit} — {plan}, section {section}.").format(unit=occ.unit, plan=occ.plan, section=occ.clause),
        ]
        if occ.state in ("progress", "blocked"):
            lines.append(
                _("Last reply: {state}.").format(
                    state={"progress": _("in progress"), "blocked": _("blocked")}[occ.state]
                )
            )
        return Reply(
            text="\n".join(lines), buttons=status_buttons(occ.id, locale), choices_hint=_("Reply with a number:")
        )

    def unreachable(self, *, officer: MemberView, member: MemberView) -> str:
        _ = translator(self.locale(officer)).gettext
        return _(
            "I can no longer reach {name} ({unit}) on {channel}: they blocked the bot or left. "
            "Their unit's reminders stop reaching them until they write to the bot again."
        ).format(name=member.name or member.chat_id, unit=member.unit or "—", channel=member.channel)
