"""Officers bring a plan in through the chat: a document read as a draft, its summary with what the reader
was unsure of, the full list page by page, Xác nhận / Hủy; corrections (/sua) and unit groups (/donvi).

Button payloads: "dc:<draft>" confirm, "dd:<draft>:<page>" details, "dx:<draft>" discard.
"""

from __future__ import annotations

from plans import PlanError
from storage.drafts import (
    DraftError,
    Review,
    confirm_draft,
    correct,
    create_draft,
    discard_draft,
    open_draft,
    review,
    stored_plan,
)
from storage.groups import group_units
from storage.members import MemberError
from storage.models import PlanDraftRow, PlanRow

from ..render import clip
from .config import Services
from .messages import Button, Reply
from .turn import Turn

MAX_BYTES = 20 * 1024 * 1024  # the Bot API's download limit
SUFFIXES = (".docx", ".pdf", ".txt")
PAGE = 10  # items per detail page: short enough for a phone
SHOWN_UNITS = 8


def _who(turn: Turn) -> str:
    member = turn.member
    name = member.name if member and member.name else turn.incoming.name
    return f"{turn.incoming.channel}:{turn.incoming.user_id} {name}".strip()


def document(turn: Turn, services: Services) -> list[Reply]:
    """A file sent to the bot: an officer's plan becomes a draft; anyone else is told politely."""
    _ = turn._
    incoming = turn.incoming
    member = turn.member
    if member is None or not member.is_officer:
        turn.outcome("upload_refused")
        return [Reply(text=_("Only an officer can bring a plan in. Please send it to the officer in charge."))]
    name = incoming.filename or "?"
    if (incoming.document_size or 0) > MAX_BYTES or (incoming.document is None and incoming.document_size):
        turn.outcome("upload_too_big")
        return [
            Reply(
                text=_(
                    "{name} is larger than 20 MB, the most a bot can download. Save it smaller (a .docx of the "
                    "plan alone) and send it again."
                ).format(name=name)
            )
        ]
    if incoming.document is None and name.lower().endswith(SUFFIXES):
        turn.outcome("upload_failed")
        return [Reply(text=_("I could not download {name}; please send it again.").format(name=name))]
    if not name.lower().endswith(SUFFIXES) or incoming.document is None:
        turn.outcome("upload_format")
        return [Reply(text=_("{name}: please send the plan as .docx, .pdf or .txt.").format(name=name))]
    try:
        with turn.session.begin_nested():
            row, plan = create_draft(session=turn.session, filename=name, content=incoming.document, by=_who(turn))
    except PlanError as exc:
        turn.outcome("upload_unreadable")
        return [Reply(text=_("I could not read this file: {reason}").format(reason=str(exc)))]
    turn.outcome("upload_draft")
    return [summary_reply(turn, row, review(turn.session, plan))]


def summary_reply(turn: Turn, row: PlanDraftRow, rv: Review) -> Reply:
    _ = turn._
    meta = rv.plan.meta
    issued = (
        meta.issue_date.strftime("%d/%m/%Y")
        if meta.issue_date
        else f"{meta.issue_month or '?'}/{meta.issue_year or '?'}"
    )
    lines = [
        _("Draft {id}: {reference} — {title} (issued {issued}).").format(
            id=row.id, reference=meta.reference, title=meta.title, issued=issued
        ),
        _(
            "{tasks} tasks: {deadlines} dated deadlines, {recurrences} recurring, {rotations} rotating, {undated} "
            "undated; {units} units to remind."
        ).format(
            tasks=rv.tasks,
            deadlines=rv.deadlines,
            recurrences=rv.recurrences,
            rotations=rv.rotations,
            undated=rv.undated,
            units=len(rv.units),
        ),
    ]
    for unit, count in rv.units[:SHOWN_UNITS]:
        lines.append(f"• {unit}: {count}")
    if len(rv.units) > SHOWN_UNITS:
        lines.append(_("• …and {count} more units").format(count=len(rv.units) - SHOWN_UNITS))
    if rv.diff is not None:
        d = rv.diff
        if d.empty:
            lines.append(_("Same as the confirmed version: nothing changes."))
        else:
            lines.append(
                _("Changes against the confirmed version: {added} added, {removed} removed, {moved} moved.").format(
                    added=len(d.added), removed=len(d.removed), moved=len(d.moved)
                )
            )
            for task, unit, old, new in d.moved[:5]:
                lines.append(f"  ↦ {clip(task, 50)} ({unit}): {old:%d/%m} → {new:%d/%m/%Y}")
            for task, unit, due in d.added[:3]:
                lines.append(f"  + {due:%d/%m/%Y} {clip(task, 50)} ({unit})")
            for task, unit, due in d.removed[:3]:
                lines.append(f"  − {due:%d/%m/%Y} {clip(task, 50)} ({unit})")
            if d.units_added or d.units_removed:
                lines.append(
                    _("Units: +{added}; −{removed}").format(
                        added=", ".join(d.units_added) or "0", removed=", ".join(d.units_removed) or "0"
                    )
                )
    if rv.unsure:
        lines.append(_("To check ({count}) — fix with /sua NUMBER …:").format(count=len(rv.unsure)))
        for item in rv.unsure[:8]:
            lines.append(f"{item.number}. {clip(item.name, 60)} — {clip('; '.join(item.unsure), 90)}")
    lines.append(_("Nothing is sent to any unit until you confirm."))
    buttons = (
        (
            Button(label=_("Confirm"), payload=f"dc:{row.id}"),
            Button(label=_("Details"), payload=f"dd:{row.id}:1"),
            Button(label=_("Discard"), payload=f"dx:{row.id}"),
        ),
    )
    return Reply(text="\n".join(lines), buttons=buttons, choices_hint=_("Reply with a number:"))


def button(turn: Turn, payload: str, services: Services) -> list[Reply]:
    _ = turn._
    member = turn.member
    if member is None or not member.is_officer:
        turn.outcome("draft_refused")
        return [Reply(text=_("Only an officer can decide on a plan."), notice=_("Not allowed"))]
    parts = payload.split(":")
    try:
        kind, draft_id = parts[0], int(parts[1][:12])
        page = int(parts[2][:4]) if len(parts) > 2 else 1
    except (IndexError, ValueError):
        turn.outcome("bad_button")
        return [Reply(text=_("This button is no longer valid."), notice=_("Not valid"))]
    try:
        if kind == "dc":
            result = confirm_draft(session=turn.session, draft_id=draft_id, by=_who(turn))
            turn.outcome("draft_confirmed")
            return [
                Reply(
                    text=_("Confirmed: {reference} — {occurrences} deadlines scheduled for {units} units.").format(
                        reference=result.reference, occurrences=result.occurrences, units=result.units
                    ),
                    notice=_("Confirmed"),
                )
            ]
        if kind == "dx":
            discard_draft(session=turn.session, draft_id=draft_id, by=_who(turn))
            turn.outcome("draft_discarded")
            return [Reply(text=_("Discarded: nothing of it was kept or scheduled."), notice=_("Discarded"))]
        row, plan = open_draft(turn.session, draft_id)
    except DraftError:
        turn.outcome("draft_gone")
        return [Reply(text=_("This draft was already confirmed or discarded."), notice=_("Not valid"))]
    except PlanError as exc:
        return [Reply(text=_("I could not read this file: {reason}").format(reason=str(exc)))]
    turn.outcome("draft_details")
    return [details_reply(turn, row, review(turn.session, plan), page)]


def details_reply(turn: Turn, row: PlanDraftRow, rv: Review, page: int) -> Reply:
    _ = turn._
    pages = max(1, (len(rv.items) + PAGE - 1) // PAGE)
    page = min(max(page, 1), pages)
    lines = [_("Draft {id}, items (page {page} of {pages}):").format(id=row.id, page=page, pages=pages)]
    for item in rv.items[(page - 1) * PAGE : page * PAGE]:
        units = ", ".join(item.units) or _("no unit")
        flag = " ⚠" if item.unsure else ""
        lines.append(
            f"{item.number}. [{item.clause}] {clip(item.name, 70)} — {clip(item.when, 40)} — {clip(units, 50)}{flag}"
        )
    nav: list[Button] = []
    if page > 1:
        nav.append(Button(label=_("Previous"), payload=f"dd:{row.id}:{page - 1}"))
    if page < pages:
        nav.append(Button(label=_("Next"), payload=f"dd:{row.id}:{page + 1}"))
    buttons = (
        tuple(nav),
        (Button(label=_("Confirm"), payload=f"dc:{row.id}"), Button(label=_("Discard"), payload=f"dx:{row.id}")),
    )
    return Reply(text="\n".join(lines), buttons=tuple(b for b in buttons if b), choices_hint=_("Reply with a number:"))


_FIELDS = {
    "han": "time",
    "hạn": "time",
    "thoi gian": "time",
    "thời gian": "time",
    "time": "time",
    "due": "time",
    "don vi": "units",
    "đơn vị": "units",
    "unit": "units",
    "units": "units",
    "bo": "drop",
    "bỏ": "drop",
    "xoa": "drop",
    "xóa": "drop",
    "drop": "drop",
}


def sua(turn: Turn, args: str, services: Services) -> list[Reply]:
    """/sua [DRAFT|PLAN] NUMBER hạn|đơn vị|bỏ VALUE: correct an item of the open draft (or a confirmed plan)."""
    _ = turn._
    member = turn.member
    usage = _("Usage: /sua NUMBER hạn 15/12/2026 · /sua NUMBER đơn vị Văn phòng · /sua NUMBER bỏ")
    if member is None or not member.is_officer:
        turn.outcome("sua_refused")
        return [Reply(text=_("Only an officer can correct a plan."))]
    words = args.split()
    if not words or not words[0].isdigit():
        return [Reply(text=usage)]
    number, rest = int(words[0]), " ".join(words[1:])
    word = next((k for k in sorted(_FIELDS, key=len, reverse=True) if rest.lower().startswith(k)), None)
    if word is None:
        return [Reply(text=usage)]
    field, value = _FIELDS[word], rest[len(word) :].strip(" :")
    if field != "drop" and not value:
        return [Reply(text=usage)]
    from sqlmodel import col, select

    draft = turn.session.exec(
        select(PlanDraftRow).where(PlanDraftRow.status == "draft").order_by(col(PlanDraftRow.id).desc())
    ).first()
    try:
        if draft is not None:
            row, plan = open_draft(turn.session, draft.id or 0)
            correct(session=turn.session, plan=plan, number=number, field=field, value=value, by=_who(turn))
            row, plan = open_draft(turn.session, draft.id or 0)
            turn.outcome("sua_draft")
            rv = review(turn.session, plan)
            return [Reply(text=_("Item {number} corrected.").format(number=number)), summary_reply(turn, row, rv)]
        latest = turn.session.exec(select(PlanRow).order_by(col(PlanRow.updated_at).desc())).first()
        if latest is None:
            return [Reply(text=_("There is no plan to correct yet."))]
        from storage.plans import save_plan

        plan = stored_plan(turn.session, latest)
        correct(session=turn.session, plan=plan, number=number, field=field, value=value, by=_who(turn))
        result = save_plan(session=turn.session, plan=stored_plan(turn.session, latest))
    except DraftError as exc:
        return [Reply(text=str(exc))]
    turn.outcome("sua_plan")
    return [
        Reply(
            text=_("Item {number} of {reference} corrected: {occurrences} deadlines now.").format(
                number=number, reference=result.reference, occurrences=result.occurrences
            )
        )
    ]


def donvi(turn: Turn, args: str, services: Services) -> list[Reply]:
    """/donvi GROUP: UNIT; UNIT; …: a class of units answered by its member units, each on its own."""
    _ = turn._
    member = turn.member
    if member is None or not member.is_officer:
        turn.outcome("donvi_refused")
        return [Reply(text=_("Only an officer can map units."))]
    group, _sep, members = args.partition(":")
    names = [n.strip() for n in members.replace(",", ";").split(";") if n.strip()]
    if not group.strip() or not names:
        return [Reply(text=_("Usage: /donvi Các đơn vị trực thuộc Sở: Trường THPT A; Trường THPT B"))]
    try:
        row, added = group_units(
            session=turn.session, group=group.strip(), members=names, today=services.calendar.today(turn.now)
        )
    except MemberError as exc:
        return [Reply(text=str(exc))]
    turn.outcome("donvi")
    return [
        Reply(
            text=_("{group} is now answered by: {members}.").format(
                group=row.name, members=", ".join(u.name for u in added) or "—"
            )
        )
    ]
