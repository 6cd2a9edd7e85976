"""Who is who: units added by hand, members with their roles, and per-unit join codes."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, select

from .models import JoinCodeRow, MemberRow, UnitRow
from .plans import ensure_unit
from .types import utcnow

ROLES = ("staff", "officer", "admin")
# Unambiguous letters and digits: a code is read aloud and typed on phones (no 0/O, 1/I/L).
_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


class MemberError(ValueError):
    """A request about units or members that cannot be carried out; the message says why."""


@dataclass(frozen=True, kw_only=True)
class MemberView:
    id: int
    channel: str
    chat_id: str
    user_id: str
    name: str
    unit_id: int | None
    unit: str | None
    role: str
    locale: str | None
    active: bool

    @property
    def is_group(self) -> bool:
        return self.user_id == ""

    @property
    def is_officer(self) -> bool:
        return self.role in ("officer", "admin")


def view(member: MemberRow, unit: UnitRow | None) -> MemberView:
    return MemberView(
        id=member.id or 0,
        channel=member.channel,
        chat_id=member.chat_id,
        user_id=member.user_id,
        name=member.name,
        unit_id=member.unit_id,
        unit=unit.name if unit else None,
        role=member.role,
        locale=member.locale,
        active=member.active,
    )


def add_unit(*, session: Session, name: str) -> tuple[UnitRow, bool]:
    """A unit added by hand (or the existing one that name means); True when it is new."""
    name = " ".join(name.split())
    if len(name) < 2:
        raise MemberError("a unit needs a name")
    before = session.exec(select(UnitRow.id)).all()
    row = ensure_unit(session, name, manual=True)
    return row, row.id not in before


def list_units(*, session: Session) -> list[tuple[UnitRow, int]]:
    """Every unit with its number of active members."""
    units = session.exec(select(UnitRow).order_by(col(UnitRow.name))).all()
    counts: dict[int, int] = {}
    for member in session.exec(select(MemberRow).where(col(MemberRow.active))).all():
        if member.unit_id is not None:
            counts[member.unit_id] = counts.get(member.unit_id, 0) + 1
    return [(u, counts.get(u.id or 0, 0)) for u in units]


def get_unit(*, session: Session, unit_id: int) -> UnitRow | None:
    return session.get(UnitRow, unit_id)


def _member_view(session: Session, member: MemberRow | None) -> MemberView | None:
    if member is None:
        return None
    unit = session.get(UnitRow, member.unit_id) if member.unit_id is not None else None
    return view(member, unit)


def find_person(*, session: Session, channel: str, user_id: str) -> MemberView | None:
    """The member a chat user is, on that channel (active or not)."""
    row = session.exec(
        select(MemberRow).where(MemberRow.channel == channel, MemberRow.user_id == user_id).order_by(col(MemberRow.id))
    ).first()
    return _member_view(session, row)


def find_group(*, session: Session, channel: str, chat_id: str) -> MemberView | None:
    row = session.exec(
        select(MemberRow).where(MemberRow.channel == channel, MemberRow.chat_id == chat_id, MemberRow.user_id == "")
    ).first()
    return _member_view(session, row)


def add_member(
    *,
    session: Session,
    channel: str,
    chat_id: str,
    user_id: str,
    unit_id: int | None,
    role: str = "staff",
    name: str = "",
) -> tuple[MemberView, bool]:
    """Register (or re-link) a person or a group chat; True when the member is new."""
    if role not in ROLES:
        raise MemberError(f"role must be one of {', '.join(ROLES)}")
    if unit_id is None and role == "staff":
        raise MemberError("a staff member needs a unit (officers and admins may have none)")
    row = session.exec(
        select(MemberRow).where(
            MemberRow.channel == channel, MemberRow.chat_id == chat_id, MemberRow.user_id == user_id
        )
    ).first()
    created = row is None
    if row is None:
        row = MemberRow(channel=channel, chat_id=chat_id, user_id=user_id)
    row.unit_id = unit_id
    row.role = role
    row.name = name or row.name
    row.active = True
    row.updated_at = utcnow()
    session.add(row)
    session.flush()
    member = _member_view(session, row)
    assert member is not None
    return member, created


def list_members(*, session: Session, unit_ids: list[int] | None = None) -> list[MemberView]:
    query = select(MemberRow, UnitRow).join(UnitRow, col(UnitRow.id) == MemberRow.unit_id, isouter=True)
    if unit_ids is not None:
        query = query.where(col(MemberRow.unit_id).in_(unit_ids))
    query = query.order_by(col(UnitRow.name), col(MemberRow.role), col(MemberRow.id))
    return [view(m, u) for m, u in session.exec(query).all()]


def officers(*, session: Session) -> list[MemberView]:
    """Active officers and admins: they receive blocked notes, digests and escalations."""
    return [m for m in list_members(session=session) if m.active and m.is_officer]


def set_locale(*, session: Session, member_id: int, locale: str) -> None:
    row = session.get(MemberRow, member_id)
    if row is not None:
        row.locale = locale
        row.updated_at = utcnow()
        session.add(row)


def set_active(*, session: Session, member_id: int, active: bool) -> None:
    row = session.get(MemberRow, member_id)
    if row is not None and row.active != active:
        row.active = active
        row.updated_at = utcnow()
        session.add(row)


def set_active_by_chat(*, session: Session, channel: str, chat_id: str, active: bool) -> list[int]:
    """Mark every member reached through one chat (a person who blocked the bot, a group that removed it)."""
    rows = session.exec(select(MemberRow).where(MemberRow.channel == channel, MemberRow.chat_id == chat_id)).all()
    for row in rows:
        set_active(session=session, member_id=row.id or 0, active=active)
    return [row.id or 0 for row in rows]


def code_digest(code: str) -> str:
    """What is stored for a join code: the sha256 of the code as typed (upper case, letters and digits)."""
    cleaned = "".join(ch for ch in code.upper() if ch.isalnum())
    return hashlib.sha256(cleaned.encode()).hexdigest()


@dataclass(frozen=True)
class IssuedCode:
    """A new join code: `code` is the plain code, shown once; the rest reads through to its stored row."""

    code: str
    row: JoinCodeRow

    def __getattr__(self, name: str) -> Any:
        return getattr(self.row, name)


def create_join_code(
    *,
    session: Session,
    unit_id: int,
    role: str = "staff",
    created_by: int | None = None,
    valid_days: int = 30,
    now: dt.datetime | None = None,
) -> IssuedCode:
    if role not in ROLES:
        raise MemberError(f"role must be one of {', '.join(ROLES)}")
    now = now or utcnow()
    code = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(8))
    row = JoinCodeRow(
        code=code_digest(code),
        unit_id=unit_id,
        role=role,
        created_by=created_by,
        created_at=now,
        expires_at=now + dt.timedelta(days=valid_days) if valid_days > 0 else None,
    )
    session.add(row)
    session.flush()
    return IssuedCode(code=code, row=row)


def find_code(*, session: Session, code: str, now: dt.datetime | None = None) -> JoinCodeRow | None:
    """The join code typed (any case, spaces or dashes ignored) if it exists and has not expired."""
    cleaned = "".join(ch for ch in code.upper() if ch.isalnum())
    if not cleaned:
        return None
    row = session.exec(select(JoinCodeRow).where(JoinCodeRow.code == code_digest(cleaned))).first()
    now = now or utcnow()
    if row is None or (row.expires_at is not None and row.expires_at < now):
        return None
    return row


def redeem_code(*, session: Session, code: str, now: dt.datetime | None = None) -> JoinCodeRow | None:
    """`find_code`, counting the use (a person joined with it)."""
    row = find_code(session=session, code=code, now=now)
    if row is None:
        return None
    row.uses += 1
    session.add(row)
    return row


def get_member(*, session: Session, member_id: int) -> MemberView | None:
    return _member_view(session, session.get(MemberRow, member_id))
