"""The outbox: every message the service sends on its own is a row first (see DESIGN, Reliability rules)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Integer, and_, any_, bindparam, case, func, literal, or_, text, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from .members import MemberView
from .models import MemberRow, OutboxRow, UnitRow
from .types import UTCDateTime, utcnow

_OUT = OutboxRow.__table__  # type: ignore[attr-defined]
_MEMBER = MemberRow.__table__  # type: ignore[attr-defined]
_UNIT = UnitRow.__table__  # type: ignore[attr-defined]


def queue(
    *,
    session: Session,
    key: str,
    member_id: int,
    kind: str,
    send_at: dt.datetime | None = None,
    text: str | None = None,
    occurrence_id: int | None = None,
    task_id: int | None = None,
) -> bool:
    """Add a message unless one with this key exists (planning is idempotent); True when added."""
    if session.exec(select(OutboxRow.id).where(OutboxRow.key == key)).first() is not None:
        return False
    row = OutboxRow(
        key=key,
        member_id=member_id,
        kind=kind,
        send_at=send_at or utcnow(),
        text=text,
        occurrence_id=occurrence_id,
        task_id=task_id,
    )
    try:
        with session.begin_nested():
            session.add(row)
    except IntegrityError:
        return False
    return True


def update_pending(*, session: Session, key: str, text: str, send_at: dt.datetime) -> bool:
    """Rewrite a message that has not been claimed yet; False when it is gone, claimed or sent."""
    row = session.exec(select(OutboxRow).where(OutboxRow.key == key)).first()
    if row is None or row.status != "pending" or row.claimed_by is not None:
        return False
    row.text = text
    row.send_at = min(row.send_at, send_at)
    session.add(row)
    return True


_INSERT_POSTGRES = text(
    """
    INSERT INTO outbox (key, member_id, occurrence_id, task_id, kind, send_at, text, status, attempts)
    SELECT k, m, o, t, kd, s, tx, 'pending', 0
    FROM unnest(
        CAST(:keys AS varchar[]), CAST(:members AS integer[]), CAST(:occurrences AS integer[]),
        CAST(:tasks AS integer[]), CAST(:kinds AS varchar[]), CAST(:sends AS timestamptz[]), CAST(:texts AS text[])
    ) AS u(k, m, o, t, kd, s, tx)
    ON CONFLICT (key) DO NOTHING
    """
)


def insert_missing(*, session: Session, rows: list[dict]) -> int:
    """Bulk-add rows whose key is new; a concurrent planner inserting the same keys is ignored, not an error.
    How many were added.

    PostgreSQL: one `INSERT … SELECT FROM unnest(arrays) ON CONFLICT DO NOTHING` per 10,000 rows (its row
    count is what was new; no lookup of the keys first). SQLite: the new keys found first, then executemany
    of one statement (the driver batches it), many times faster than chunks of multi-VALUES literals.
    """
    if not rows:
        return 0
    now = utcnow()
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        added = 0
        for start in range(0, len(rows), 10_000):
            chunk = rows[start : start + 10_000]
            result = connection.execute(
                _INSERT_POSTGRES,
                {
                    "keys": [r["key"] for r in chunk],
                    "members": [r["member_id"] for r in chunk],
                    "occurrences": [r.get("occurrence_id") for r in chunk],
                    "tasks": [r.get("task_id") for r in chunk],
                    "kinds": [r["kind"] for r in chunk],
                    "sends": [(r.get("send_at") or now).astimezone(dt.UTC) for r in chunk],
                    "texts": [r.get("text") for r in chunk],
                },
            )
            added += int(result.rowcount or 0)
        return added
    keys = [r["key"] for r in rows]
    existing: set[str] = set()
    for start in range(0, len(keys), 900):
        chunk_keys = keys[start : start + 900]
        existing.update(session.exec(select(OutboxRow.key).where(col(OutboxRow.key).in_(chunk_keys))).all())
    fresh = [r for r in rows if r["key"] not in existing]
    if not fresh:
        return 0
    values = [
        {
            "status": "pending",
            "attempts": 0,
            "text": None,
            "occurrence_id": None,
            "task_id": None,
            **r,
            "send_at": r.get("send_at", now),
        }
        for r in fresh
    ]
    connection.execute(sqlite_insert(_OUT).on_conflict_do_nothing(index_elements=["key"]), values)
    return len(fresh)


@dataclass(frozen=True, slots=True, kw_only=True)
class Claimed:
    """A claimed outbox row, as plain values (Core, no ORM identity map)."""

    id: int
    key: str
    member_id: int
    occurrence_id: int | None
    task_id: int | None
    kind: str
    send_at: dt.datetime
    text: str | None
    attempts: int


@dataclass(kw_only=True)
class Claim:
    """What one claim took: due rows of whole members (so a person's items go out as one message)."""

    rows: list[Claimed]
    members: dict[int, MemberView]
    lease_until: dt.datetime
    cancelled: int = 0  # rows of inactive members, ended in the same transaction
    contended: bool = False  # due rows exist but other workers were claiming them


CANDIDATES = 4  # candidate members per claimed one
_RETURNED = (
    _OUT.c.id,
    _OUT.c.key,
    _OUT.c.member_id,
    _OUT.c.occurrence_id,
    _OUT.c.task_id,
    _OUT.c.kind,
    _OUT.c.send_at,
    _OUT.c.text,
    _OUT.c.attempts,
)


def _among(column: ColumnElement, ids: list[int], postgres: bool) -> ColumnElement[bool]:
    """`column IN ids`; on PostgreSQL `= ANY(array)`, one statement text whatever the number of ids (so the
    driver prepares it once)."""
    if postgres:
        from sqlalchemy.dialects.postgresql import ARRAY  # the PostgreSQL dialect only where it is the database

        return column == any_(literal(list(ids), type_=ARRAY(Integer)))
    return column.in_(ids)


def _due(now: dt.datetime, office_open: bool) -> ColumnElement[bool]:
    due = and_(
        _OUT.c.status == "pending",
        _OUT.c.send_at <= now,
        or_(_OUT.c.claimed_by.is_(None), _OUT.c.lease_until < now),
    )
    return due if office_open else and_(due, _OUT.c.kind == "notice")


def claim_batch(
    *,
    session: Session,
    worker: str,
    now: dt.datetime,
    lease: dt.timedelta,
    channels: list[str],
    office_open: bool,
    limit: int,
) -> Claim:
    """Claim the due rows of up to `limit` members among those owning the oldest due rows (Core statements).

    PostgreSQL: the members are locked `FOR NO KEY UPDATE SKIP LOCKED` (two workers never split one
    person's rows, so a person gets one message per sending time) and their rows claimed by
    `UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP LOCKED) RETURNING …`. SQLite: the same statements
    under the session's BEGIN IMMEDIATE, which serialises writers. The member comes joined with the
    claim; rows of inactive members are cancelled in the same transaction.
    """
    until = now + lease
    due = _due(now, office_open)
    postgres = session.get_bind().dialect.name == "postgresql"
    reachable = select(_MEMBER.c.id).where(_MEMBER.c.channel.in_(channels))
    # Candidates: the members owning the oldest due rows, a few batches' worth, so that workers claiming
    # side by side each find members the others have not locked.
    oldest = select(_OUT.c.member_id).where(due, _OUT.c.member_id.in_(reachable))
    oldest = oldest.order_by(_OUT.c.send_at, _OUT.c.id).limit(max(64, limit * CANDIDATES))
    members_q = (
        select(
            _MEMBER.c.id,
            _MEMBER.c.channel,
            _MEMBER.c.chat_id,
            _MEMBER.c.user_id,
            _MEMBER.c.name,
            _MEMBER.c.unit_id,
            _UNIT.c.name,
            _MEMBER.c.role,
            _MEMBER.c.locale,
            _MEMBER.c.active,
        )
        .select_from(_MEMBER.outerjoin(_UNIT, _UNIT.c.id == _MEMBER.c.unit_id))
        .where(_MEMBER.c.id.in_(oldest))
        .limit(max(1, limit))
    )
    if postgres:
        members_q = members_q.with_for_update(skip_locked=True, key_share=True, of=_MEMBER)
    connection = session.connection()
    members = {
        r[0]: MemberView(
            id=r[0],
            channel=r[1],
            chat_id=r[2],
            user_id=r[3],
            name=r[4],
            unit_id=r[5],
            unit=r[6],
            role=r[7],
            locale=r[8],
            active=bool(r[9]),
        )
        for r in connection.execute(members_q)
    }
    claim = Claim(rows=[], members={}, lease_until=until)
    if not members:
        # Nothing free: either nothing is due, or other workers hold every candidate (and will claim it).
        claim.contended = connection.execute(oldest.limit(1)).first() is not None
        return claim
    active = [m for m in members.values() if m.active]
    inactive = [m.id for m in members.values() if not m.active]
    if inactive:
        ended = connection.execute(
            update(_OUT)
            .where(due, _among(_OUT.c.member_id, inactive, postgres))
            .values(status="cancelled", error="member inactive", claimed_by=None, lease_until=None)
        )
        claim.cancelled = int(ended.rowcount or 0)
    if not active:
        return claim
    pick = select(_OUT.c.id).where(due, _among(_OUT.c.member_id, [m.id for m in active], postgres))
    if postgres:
        pick = pick.with_for_update(skip_locked=True)
    claimed = connection.execute(
        update(_OUT)
        .where(_OUT.c.id.in_(pick))
        .values(claimed_by=worker, lease_until=until, attempts=_OUT.c.attempts + 1)
        .returning(*_RETURNED)
    ).all()
    claim.rows = sorted(
        (
            Claimed(
                id=r[0],
                key=r[1],
                member_id=r[2],
                occurrence_id=r[3],
                task_id=r[4],
                kind=r[5],
                send_at=r[6],
                text=r[7],
                attempts=r[8],
            )
            for r in claimed
        ),
        key=lambda c: (c.send_at, c.id),
    )
    holders = {r.member_id for r in claim.rows}
    claim.members = {m.id: m for m in active if m.id in holders}
    return claim


def _held(worker: str, ids: list[int]) -> ColumnElement[bool]:
    return and_(_OUT.c.id.in_(ids), _OUT.c.claimed_by == worker, _OUT.c.status == "pending")


_MARK_POSTGRES = text(
    """
    UPDATE outbox SET status = 'sent', sent_at = :now, message_id = sent.mid, claimed_by = NULL, lease_until = NULL
    FROM (SELECT unnest(CAST(:ids AS integer[])) AS id, unnest(CAST(:mids AS varchar[])) AS mid) AS sent
    WHERE outbox.id = sent.id AND outbox.claimed_by = :worker AND outbox.status = 'pending'
    """
).bindparams(bindparam("now", type_=UTCDateTime()))


def mark_sent(*, session: Session, worker: str, sent: list[tuple[int, str]], now: dt.datetime) -> int:
    """Mark rows sent with their message ids, in one statement, only where `worker` still holds the claim;
    how many were marked (fewer means a claim was lost: its row may have gone out twice)."""
    if not sent:
        return 0
    connection = session.connection()
    if connection.dialect.name == "postgresql":  # one statement for the batch, the ids and message ids as arrays
        result = connection.execute(
            _MARK_POSTGRES,
            {"ids": [i for i, _ in sent], "mids": [m[:100] for _, m in sent], "now": now, "worker": worker},
        )
        return int(result.rowcount or 0)
    statement = (
        update(_OUT)
        .where(
            _OUT.c.id == bindparam("row_id"),
            _OUT.c.claimed_by == worker,
            _OUT.c.status == "pending",
        )
        .values(status="sent", sent_at=now, message_id=bindparam("mid"), claimed_by=None, lease_until=None)
    )
    result = connection.execute(statement, [{"row_id": i, "mid": m[:100]} for i, m in sent])
    return int(result.rowcount) if result.rowcount is not None and result.rowcount >= 0 else len(sent)


def release(
    *,
    session: Session,
    worker: str,
    ids: list[int],
    send_at: dt.datetime,
    error: str | None = None,
    count_attempt: bool = True,
) -> int:
    """Give claimed rows back to be sent at `send_at` (after a 429, a transient error, a lease about to
    run out); only rows `worker` still holds. How many were released."""
    if not ids:
        return 0
    values: dict = {"claimed_by": None, "lease_until": None, "send_at": send_at, "error": error}
    if not count_attempt:
        values["attempts"] = case((_OUT.c.attempts > 0, _OUT.c.attempts - 1), else_=0)
    result = session.connection().execute(update(_OUT).where(_held(worker, ids)).values(**values))
    return int(result.rowcount or 0)


def extend(*, session: Session, worker: str, ids: list[int], until: dt.datetime) -> int:
    """Extend the lease of rows `worker` still holds; how many."""
    if not ids:
        return 0
    result = session.connection().execute(update(_OUT).where(_held(worker, ids)).values(lease_until=until))
    return int(result.rowcount or 0)


def finish(
    *, session: Session, ids: list[int], status: str, error: str | None = None, worker: str | None = None
) -> int:
    """End rows without sending them: "cancelled" (done, gone, member inactive) or "failed" (gave up);
    given a worker, only the rows it holds."""
    if not ids:
        return 0
    where = _held(worker, ids) if worker is not None else _OUT.c.id.in_(ids)
    result = session.connection().execute(
        update(_OUT).where(where).values(status=status, error=error, claimed_by=None, lease_until=None)
    )
    return int(result.rowcount or 0)


def counts(*, session: Session) -> dict[str, int]:
    rows = session.exec(select(OutboxRow.status, func.count()).group_by(OutboxRow.status)).all()
    return {status: int(n) for status, n in rows}
