"""Classes of units a plan names ("Các đơn vị trực thuộc Sở", "Hiệu trưởng các trường MN, TH, THCS") mapped
to the member units that each answer for themselves: own occurrences, own reminders, own row in /status."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session, select

from .members import MemberError
from .models import UnitGroupRow, UnitRow
from .plans import ensure_unit, resolve_units, resync_unit


def group_units(*, session: Session, group: str, members: list[str], today: dt.date) -> tuple[UnitRow, list[UnitRow]]:
    """Map a class of units to member units (created when new). Members added to a group that already has
    members answer for the group's deadlines from `today` on; the first members, for all of them."""
    found = resolve_units(session=session, name=group)
    if not found:
        raise MemberError(f"No unit matches '{group}'. See: nhacviec units list")
    if len(found) > 1:
        raise MemberError(f"'{group}' matches {len(found)} units: " + "; ".join(u.name for u in found[:5]))
    group_row = found[0]
    assert group_row.id is not None
    existing = {r.member_id for r in session.exec(select(UnitGroupRow).where(UnitGroupRow.group_id == group_row.id))}
    added: list[UnitRow] = []
    for name in members:
        unit = (resolve_units(session=session, name=name) or [None])[0] or ensure_unit(session, name, manual=True)
        assert unit.id is not None
        if unit.id == group_row.id:
            raise MemberError(f"'{name}' is the group itself")
        if unit.id in existing:
            continue
        session.add(UnitGroupRow(group_id=group_row.id, member_id=unit.id, since=today if existing else None))
        added.append(unit)
    session.flush()
    resync_unit(session, group_row.id)
    return group_row, added


def groups_of(session: Session) -> list[tuple[UnitRow, list[UnitRow]]]:
    rows = session.exec(select(UnitGroupRow)).all()
    out: dict[int, list[UnitRow]] = {}
    for row in rows:
        member = session.get(UnitRow, row.member_id)
        if member is not None:
            out.setdefault(row.group_id, []).append(member)
    return [(g, out[g.id or 0]) for g in (session.get(UnitRow, gid) for gid in out) if g is not None]
