"""The officers' view in words: `/status` and `/export` (periods such as "quý 2", "6 tháng", "tháng 5",
a date range; a unit or a plan to narrow it), the weekly digest and the morning-after message."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sqlmodel import Session

from plans.text import fold, normalize
from plans.timeexpr import month_end, period_range
from storage.plans import find_plans, resolve_units
from storage.reports import OccurrenceInfo, unit_occurrences
from storage.status import BUCKETS, Summary, bucket, status_summary

from ..i18n import translator
from ..render import clip, date_text, more_text

_RANGE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})\s*(?:-|–|den|toi)\s*(\d{1,2})/(\d{1,2})/(\d{4})")
_ISO_RANGE = re.compile(r"(\d{4})-(\d{2})-(\d{2})\s*(?:\.\.|–|den|toi|\s)\s*(\d{4})-(\d{2})-(\d{2})")
_YEAR = re.compile(r"\b(?:ca\s+)?nam(?:\s+(\d{4}))?\b|\b(20\d\d)\b")
MAX_UNITS = 10
MAX_NAMED = 8


@dataclass(frozen=True, kw_only=True)
class Period:
    start: dt.date
    end: dt.date
    rest: str  # what is left of the text: a unit or a plan


def parse_period(text: str, today: dt.date) -> Period:
    """A period in officers' words; this month when none is named. Named periods ("quý 2", "6 tháng",
    "tháng 5/2023", "năm 2023", "học kỳ I", "năm học 2025-2026") are read by the plans' own time grammar."""
    folded = fold(text)
    for pattern, build in (
        (_RANGE, lambda m: (dt.date(int(m[3]), int(m[2]), int(m[1])), dt.date(int(m[6]), int(m[5]), int(m[4])))),
        (_ISO_RANGE, lambda m: (dt.date(int(m[1]), int(m[2]), int(m[3])), dt.date(int(m[4]), int(m[5]), int(m[6])))),
    ):
        match = pattern.search(folded)
        if match is None:
            continue
        try:
            start, end = build(match)
        except ValueError:
            continue
        return _period(start, end, text[: match.start()] + " " + text[match.end() :])
    named = period_range(text, today=today)
    if named is not None:
        start, end, at, until = named
        written = normalize(text)
        return _period(start, end, written[:at] + " " + written[until:])
    match = _YEAR.search(folded)  # "năm" (this year) or a bare year
    if match is not None:
        year = int(match[1] or match[2] or today.year)
        return _period(dt.date(year, 1, 1), dt.date(year, 12, 31), text[: match.start()] + " " + text[match.end() :])
    return Period(start=today.replace(day=1), end=month_end(today.year, today.month), rest=" ".join(text.split()))


def _period(start: dt.date, end: dt.date, rest: str) -> Period:
    return Period(start=min(start, end), end=max(start, end), rest=" ".join(rest.strip(" ,;-").split()))


@dataclass(frozen=True, kw_only=True)
class Scope:
    unit_ids: list[int] | None = None
    plan_ids: list[int] | None = None
    label: str = ""


def resolve_scope(session: Session, rest: str) -> Scope | None:
    """A unit or a plan named by what is left of the request; None when it names neither."""
    if not rest:
        return Scope()
    units = resolve_units(session=session, name=rest)
    if units:
        return Scope(unit_ids=[u.id or 0 for u in units], label=", ".join(u.name for u in units[:3]))
    plans = find_plans(session=session, query=rest)
    if plans:
        return Scope(plan_ids=[p.id or 0 for p in plans], label=", ".join(p.reference for p in plans[:3]))
    return None


def build_summary(session: Session, *, period: Period, scope: Scope, today: dt.date) -> Summary:
    return status_summary(
        session=session,
        start=period.start,
        end=period.end,
        today=today,
        unit_ids=scope.unit_ids,
        plan_ids=scope.plan_ids,
    )


def summary_text(summary: Summary, locale: str, *, label: str = "", zone: dt.tzinfo = dt.UTC) -> str:
    _ = translator(locale).gettext
    d = lambda day: date_text(day, locale)  # noqa: E731
    head = _("Status {start} – {end} (today {today})").format(
        start=d(summary.start), end=d(summary.end), today=d(summary.today)
    )
    lines = [f"📊 {head}" + (f" — {label}" if label else "")]
    if not summary.units:
        lines.append(_("No deadlines in this period."))
        return "\n".join(lines)
    t = summary.totals()
    counts = _(
        "{done} done · {progress} in progress · {blocked} blocked · {late} late without reply · {upcoming} upcoming"
    )
    lines.append(
        counts.format(done=t.done, progress=t.in_progress, blocked=t.blocked, late=t.late, upcoming=t.upcoming)
    )
    lines.append("")
    short = {
        "done": _("done"),
        "in_progress": _("in progress"),
        "blocked": _("blocked"),
        "late": _("late"),
        "upcoming": _("upcoming"),
    }
    for unit in summary.units[:MAX_UNITS]:
        parts = [f"{getattr(unit, b)} {short[b]}" for b in BUCKETS if getattr(unit, b)]
        lines.append(f"• {unit.unit}: " + ", ".join(parts))
    if len(summary.units) > MAX_UNITS:
        lines.append(
            translator(locale)
            .ngettext("…and {count} more unit.", "…and {count} more units.", len(summary.units) - MAX_UNITS)
            .format(count=len(summary.units) - MAX_UNITS)
        )
    due_word = _("due")
    if summary.late:
        lines += ["", "⏰ " + _("Late, no reply:")]
        lines += [f"• {o.unit} — {_short(o.task)} ({due_word} {d(o.due)})" for o in summary.late[:MAX_NAMED]]
        if len(summary.late) > MAX_NAMED:
            lines.append(more_text(len(summary.late) - MAX_NAMED, locale))
    if summary.blocked:
        lines += ["", "⛔ " + _("Blocked:")]
        for o in summary.blocked[:MAX_NAMED]:
            when = f"{o.reported_at.astimezone(zone):%H:%M %d/%m}" if o.reported_at else ""
            note = f": “{o.note}”" if o.note else ""
            lines.append(f"• {o.unit} — {_short(o.task)} ({due_word} {d(o.due)}){note} — {when}")
        if len(summary.blocked) > MAX_NAMED:
            lines.append(more_text(len(summary.blocked) - MAX_NAMED, locale))
    return "\n".join(lines)


def _short(task: str, limit: int = 70) -> str:
    return clip(task, limit)


def digest_text(session: Session, *, today: dt.date, locale: str) -> str | None:
    """The weekly digest: what is late and blocked now, and what falls due in the next seven days."""
    _ = translator(locale).gettext
    rows = unit_occurrences(
        session=session, unit_ids=None, start=today - dt.timedelta(days=90), end=today + dt.timedelta(days=6)
    )
    kinds = [(o, bucket(o, today)) for o in rows]
    late = [o for o, kind in kinds if kind == "late"]
    blocked = [o for o, kind in kinds if kind == "blocked"]
    coming = [o for o, kind in kinds if o.due >= today and kind != "done"]
    if not (late or blocked or coming):
        return None
    lines = ["🗓 " + _("Weekly digest, {date}").format(date=date_text(today, locale))]
    for title, group in ((_("Late, no reply:"), late), (_("Blocked:"), blocked), (_("Due this week:"), coming)):
        if group:
            lines += ["", f"{title} {len(group)}"]
            lines += [f"• {o.unit} — {_short(o.task, 60)} ({date_text(o.due, locale)})" for o in group[:MAX_NAMED]]
            if len(group) > MAX_NAMED:
                lines.append(more_text(len(group) - MAX_NAMED, locale))
    lines += ["", _("Send /status for the whole picture, /export for the spreadsheet.")]
    return "\n".join(lines)


def after_deadline_text(session: Session, *, due: dt.date, locale: str) -> str | None:
    """The morning after a deadline: who has not replied about it (None when everybody has)."""
    _ = translator(locale).gettext
    silent: list[OccurrenceInfo] = [
        o for o in unit_occurrences(session=session, unit_ids=None, start=due, end=due) if o.state is None
    ]
    if not silent:
        return None
    lines = ["⏰ " + _("The deadline of {date} has passed. No reply yet from:").format(date=date_text(due, locale))]
    lines += [f"• {o.unit} — {_short(o.task, 60)}" for o in silent[:15]]
    if len(silent) > 15:
        lines.append(more_text(len(silent) - 15, locale))
    return "\n".join(lines)
