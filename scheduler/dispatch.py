"""Outbox -> messages. Claim a batch (with a lease), render, send, mark the batch sent in one statement.

A claim takes the due rows of whole members (up to `batch` people among those owning the oldest due
rows), so a person's reminders due at one sending time go out as one message, its rows marked sent
together; the batch is marked in the transaction that claims the next one (one commit per batch).
A crash between claim and send loses nothing: the lease runs out and any dispatcher takes the rows over.
A crash after the platform accepted a message and before the batch's mark resends those messages on
recovery: no platform offers an idempotency key, so this window is at-least-once by design, and it is
the rows in flight per worker: one claimed batch, `DISPATCH_BATCH` people's due rows (1 keeps it to one
person's message).

Claims are owned: marking, releasing and ending check the holder (`WHERE claimed_by = me`), and a
worker never waits past its lease while holding rows (a wait that would outlast it gives the rows back).
Sending draws from a budget shared by every replica (`scheduler.budget`: the platform's overall rate and
each chat's one message per second); a 429 `retry_after`, a transient error or a send that hangs past
`send_timeout` delays that chat's rows only, the other chats go on at full pace. A member who blocked the
bot (403) is marked inactive and the officers are told.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import os
import random
import socket
import time
import uuid
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import Engine
from sqlmodel import Session

from storage.conversations import offer_choices
from storage.engine import session_scope
from storage.members import MemberView, get_member, officers, set_active
from storage.outbox import Claim, Claimed, claim_batch, finish, mark_sent, queue, release
from storage.types import utcnow

from .budget import DatabaseBudget, SendBudget
from .calendar import WorkCalendar
from .ports import Outgoing, Reply, RetryAfter, Sender, Texts, Transient, Unreachable

__all__ = ["DispatchConfig", "DispatchStats", "Dispatcher", "Reply", "RetryAfter", "Sender", "Transient", "Unreachable"]

log = logging.getLogger("nhacviec.dispatch")


@dataclass(frozen=True, kw_only=True)
class DispatchConfig:
    worker: str = field(default_factory=lambda: f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}")
    lease: dt.timedelta = dt.timedelta(seconds=60)
    concurrency: int = 8  # claiming loops per process
    batch: int = 50  # members per claim (each with all its due rows): the rows in flight per worker
    per_second: float = 30.0  # per channel, shared by every replica (0: no limit)
    per_chat_seconds: float = 1.0  # per chat, shared by every replica (0: no limit)
    # Evenly spaced slots 5% under the ceiling: a platform counting in a sliding second then never sees one
    # too many when one request of a second arrives late (another replica's busy event loop); within one
    # process a sliding window of answered sends guarantees it (a 429 costs that chat a whole retry_after).
    headroom: float = 0.95
    send_timeout: float = 15.0  # one send (one chat) that takes longer is given back and retried later
    max_attempts: int = 8

    @property
    def guard(self) -> float:
        """Seconds before the lease ends by which every send has finished (and the mark can still land)."""
        return min(5.0, self.lease.total_seconds() * 0.2)


@dataclass
class DispatchStats:
    sent: int = 0  # rows
    messages: int = 0
    cancelled: int = 0
    failed: int = 0
    retried: int = 0
    unreachable: int = 0
    deferred: int = 0  # given back before their lease ran out (budget or chat busy), not counted as attempts
    lost_claims: int = 0  # sent rows the worker no longer held when marking (should stay 0)


@dataclass
class _Batch:
    claim: Claim
    plan: dict[int, list[Outgoing]]  # member id -> messages in order
    rows: dict[int, dict[int, Claimed]]  # member id -> its claimed rows by id
    sent: list[tuple[int, str]] = field(default_factory=list)
    offers: dict[tuple[str, str], tuple[str, ...]] = field(default_factory=dict)


class _Window:
    """At most `size` sends of one channel within any `span` seconds as the platform sees them, in this
    process: a send starts only once the send `size` places before it has been answered `span` seconds ago
    (its arrival lies between its start and its answer). The shared budget spaces the replicas' slots
    evenly; this keeps a late slot (a busy event loop) from bunching up with the next ones. A send that
    hangs counts as answered `span` + `grace` seconds after it started."""

    def __init__(self, size: int, span: float = 1.0, grace: float = 0.25) -> None:
        self.size, self.span, self.grace = size, span, grace
        self.sends: deque[tuple[float, asyncio.Future[float]]] = deque(maxlen=size)
        self.lock = asyncio.Lock()

    async def enter(self) -> asyncio.Future[float]:
        async with self.lock:
            if len(self.sends) == self.size:
                started, answered = self.sends[0]
                if not answered.done():
                    timeout = started + self.span + self.grace - time.monotonic()
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(asyncio.shield(answered), max(0.0, timeout))
                end = answered.result() if answered.done() else started + self.grace
                wait = end + self.span - time.monotonic()
                if wait > 0:
                    await asyncio.sleep(wait)
            done: asyncio.Future[float] = asyncio.get_running_loop().create_future()
            self.sends.append((time.monotonic(), done))
            return done


_LATE_SLOTS = 3  # slots woken up to too late that one send lets go before it goes anyway


async def _until(slot: float) -> float:
    """Sleep until a wall-clock time (a budget's slot); how late the wake-up was, in seconds."""
    wait = slot - time.time()
    if wait > 0:
        await asyncio.sleep(wait)
    return time.time() - slot


class Dispatcher:
    def __init__(
        self,
        *,
        engine: Engine,
        senders: dict[str, Sender],
        texts: Texts,
        calendar: WorkCalendar,
        config: DispatchConfig | None = None,
        clock: Callable[[], dt.datetime] = utcnow,
        budget: SendBudget | None = None,
    ) -> None:
        self.engine = engine
        self.senders = senders
        self.texts = texts
        self.calendar = calendar
        self.config = config or DispatchConfig()
        self.clock = clock
        self.budget = budget if budget is not None else DatabaseBudget(engine)
        # Per chat, in this process: when the last send to it ended (monotonic). The next one starts at least
        # `per_chat_seconds` later, so the platform sees them that far apart whatever the network did.
        self._chat_free: dict[str, float] = {}
        self._chat_lock: dict[str, asyncio.Lock] = {}
        self._saturated = False
        self._windows: dict[str, _Window] = {}

    # -- the database side (in a thread) -------------------------------------------------------------
    def _claim(self, done: _Batch | None = None) -> tuple[_Batch, int, int]:
        """Mark the batch just sent (if any) and claim the next one, in one transaction (one commit per
        batch): (the new batch, rows cancelled, rows of `done` marked sent)."""
        now = self.clock()
        with session_scope(self.engine) as session:
            marked = self._mark_in(session, done) if done is not None and done.sent else 0
            claim = claim_batch(
                session=session,
                worker=self.config.worker,
                now=now,
                lease=self.config.lease,
                channels=list(self.senders),
                office_open=self.calendar.in_office_hours(now),
                limit=self.config.batch,
            )
            cancelled = claim.cancelled
            by_member: dict[int, dict[int, Claimed]] = {}
            for row in claim.rows:
                by_member.setdefault(row.member_id, {})[row.id] = row
            plan: dict[int, list[Outgoing]] = {}
            for member_id, rows in by_member.items():
                member = claim.members[member_id]
                rendered = self.texts.render(session=session, rows=list(rows.values()), member=member, now=now)
                cancelled += finish(
                    session=session,
                    ids=rendered.nothing,
                    status="cancelled",
                    error="nothing to say",
                    worker=self.config.worker,
                )
                if rendered.messages:
                    plan[member_id] = rendered.messages
        return _Batch(claim=claim, plan=plan, rows=by_member), cancelled, marked

    def _mark_in(self, session: Session, batch: _Batch) -> int:
        marked = mark_sent(session=session, worker=self.config.worker, sent=batch.sent, now=self.clock())
        for (channel, chat_id), choices in batch.offers.items():  # a typed number answers on any replica
            offer_choices(session=session, channel=channel, chat_id=chat_id, choices=list(choices))
        return marked

    def _mark(self, batch: _Batch) -> int:
        with session_scope(self.engine) as session:
            return self._mark_in(session, batch)

    @staticmethod
    def _count(done: _Batch | None, marked: int, stats: DispatchStats) -> None:
        if done is None or not done.sent:
            return
        stats.sent += marked
        if marked < len(done.sent):
            stats.lost_claims += len(done.sent) - marked
            log.error("dispatch: %d sent rows were no longer ours when marked", len(done.sent) - marked)

    def _unreachable(self, member: MemberView, ids: list[int], rest: list[int]) -> None:
        """The message refused with 403 failed; the member's other rows are cancelled (member inactive)."""
        with session_scope(self.engine) as session:
            finish(session=session, ids=ids, status="failed", error="unreachable (403)", worker=self.config.worker)
            finish(session=session, ids=rest, status="cancelled", error="member inactive", worker=self.config.worker)
            current = get_member(session=session, member_id=member.id)
            if current is None or not current.active:
                return
            set_active(session=session, member_id=member.id, active=False)
            for officer in officers(session=session):
                if officer.id == member.id:
                    continue
                queue(
                    session=session,
                    key=f"unreachable:{member.id}:{min(ids)}:{officer.id}",
                    member_id=officer.id,
                    kind="notice",
                    text=self.texts.unreachable(officer=officer, member=member),
                )

    def _give_back(self, ids: list[int], seconds: float, error: str | None, *, count: bool) -> int:
        with session_scope(self.engine) as session:
            return release(
                session=session,
                worker=self.config.worker,
                ids=ids,
                send_at=self.clock() + dt.timedelta(seconds=seconds),
                error=error[:500] if error else None,
                count_attempt=count,
            )

    def _transient(self, rows: list[Claimed], error: str) -> tuple[int, int]:
        """Retry later with backoff, or fail rows whose attempts ran out: (retried, failed)."""
        spent = [r.id for r in rows if r.attempts >= self.config.max_attempts]
        again = [r for r in rows if r.attempts < self.config.max_attempts]
        backoff = min(30 * 2 ** (max((r.attempts for r in again), default=1) - 1), 3600)
        with session_scope(self.engine) as session:
            failed = finish(session=session, ids=spent, status="failed", error=error[:500], worker=self.config.worker)
            retried = release(
                session=session,
                worker=self.config.worker,
                ids=[r.id for r in again],
                send_at=self.clock() + dt.timedelta(seconds=backoff),
                error=error[:500],
                count_attempt=True,
            )
        return retried, failed

    # -- sending -------------------------------------------------------------------------------------
    def _window(self, channel: str) -> _Window:
        if channel not in self._windows:
            self._windows[channel] = _Window(max(1, int(self.config.per_second)))
        return self._windows[channel]

    def _time_left(self, claim: Claim) -> float:
        """Seconds a send may still start at and finish before the lease's guard."""
        left = (claim.lease_until - self.clock()).total_seconds()
        return left - self.config.guard - self.config.send_timeout

    async def _slot(self, channel: str, chat_id: str, claim: Claim) -> float | None:
        """Wait for this chat's turn and a slot of the shared budget; None when that would outlast the lease
        (nothing waited for, the caller gives the rows back), else the seconds the chat is busy."""
        config = self.config
        key = f"{channel}:{chat_id}"
        if config.per_chat_seconds > 0:
            local = self._chat_free.get(key, 0.0) + config.per_chat_seconds - time.monotonic()
            if local > self._time_left(claim):
                return max(local, 0.0)
            if local > 0:
                await asyncio.sleep(local)
            slot = await self.budget.reserve(
                f"chat:{key}", interval=config.per_chat_seconds, max_wait=max(0.0, self._time_left(claim))
            )
            if slot is None:
                return config.per_chat_seconds
            await _until(slot)
        if config.per_second > 0:
            interval = 1 / (config.per_second * config.headroom)
            for late in range(_LATE_SLOTS + 1):
                slot = await self.budget.reserve(channel, interval=interval, max_wait=max(0.0, self._time_left(claim)))
                if slot is None:
                    self._saturated = True  # the budget is spoken for beyond our lease: stop claiming this pass
                    return max(1.0, self._time_left(claim))
                # A slot woken up to more than one interval late (a stalled event loop) would arrive with the
                # next ones and make one too many in the platform's second: it is let go for a new one (a
                # loop that stays that slow sends anyway; a 429 then costs that chat its retry_after).
                if await _until(slot) <= interval or late == _LATE_SLOTS:
                    break
        return None

    async def _send_member(self, batch: _Batch, member: MemberView, messages: list[Outgoing], stats: DispatchStats):
        """One person's messages, in order; a failure delays this chat's rows only."""
        claim = batch.claim
        rows = batch.rows[member.id]
        key = f"{member.channel}:{member.chat_id}"
        paced = self.config.per_chat_seconds > 0
        lock = self._chat_lock.setdefault(key, asyncio.Lock()) if paced else contextlib.nullcontext()
        async with lock:  # two members on one chat (a group) take turns
            for index, message in enumerate(messages):
                later = [i for m in messages[index:] for i in m.row_ids]
                busy = await self._slot(member.channel, member.chat_id, claim)
                if busy is not None:
                    stats.deferred += await asyncio.to_thread(self._give_back, later, busy, None, count=False)
                    return
                answered = await self._window(member.channel).enter() if self.config.per_second > 0 else None
                try:
                    async with asyncio.timeout(self.config.send_timeout):
                        message_id = await self.senders[member.channel].send(member.chat_id, message.reply)
                except Unreachable:
                    stats.unreachable += 1
                    await asyncio.to_thread(
                        self._unreachable, member, list(message.row_ids), later[len(message.row_ids) :]
                    )
                    return
                except RetryAfter as exc:
                    stats.retried += len(message.row_ids)
                    self._chat_free[key] = time.monotonic() + exc.seconds
                    await asyncio.to_thread(self._give_back, later, exc.seconds, str(exc), count=False)
                    return
                except Exception as exc:  # Transient, a timeout, or a sender's bug: that chat retries later
                    if not isinstance(exc, Transient | TimeoutError):
                        log.exception("dispatch: sending to %s failed unexpectedly", key)
                    error = str(exc) or f"no answer within {self.config.send_timeout:g} s"
                    self._chat_free[key] = time.monotonic()
                    retried, failed = await asyncio.to_thread(
                        self._transient, [rows[i] for i in message.row_ids], error
                    )
                    stats.retried += retried
                    stats.failed += failed
                    if later[len(message.row_ids) :]:
                        await asyncio.to_thread(self._give_back, later[len(message.row_ids) :], 30, error, count=False)
                    return
                finally:
                    if answered is not None:
                        answered.set_result(time.monotonic())
                    if paced or key in self._chat_free:
                        self._chat_free[key] = max(self._chat_free.get(key, 0.0), time.monotonic())
                batch.sent += [(i, message_id) for i in message.row_ids]
                stats.messages += 1
                if message.choices:
                    batch.offers[(member.channel, member.chat_id)] = message.choices

    async def _worker(self, stats: DispatchStats) -> None:
        idle = 0
        done: _Batch | None = None  # sent, to be marked with the next claim
        try:
            while not self._saturated:
                batch, cancelled, marked = await asyncio.to_thread(self._claim, done)
                self._count(done, marked, stats)
                done = None
                stats.cancelled += cancelled
                if not batch.claim.rows:
                    if cancelled:
                        continue
                    if batch.claim.contended and idle < 20:
                        idle += 1  # other workers are claiming the due rows: look again in a moment
                        await asyncio.sleep(0.005 + 0.01 * random.random())
                        continue
                    return
                idle = 0
                members = batch.claim.members
                await asyncio.gather(
                    *(self._send_member(batch, members[m], messages, stats) for m, messages in batch.plan.items())
                )
                done = batch
        finally:
            if done is not None and done.sent:  # the pass ends (budget spoken for): mark what was sent
                self._count(done, await asyncio.to_thread(self._mark, done), stats)

    async def run_once(self) -> DispatchStats:
        """Drain what is due now with `concurrency` claiming loops; returns what happened."""
        stats = DispatchStats()
        self._saturated = False
        now = time.monotonic()  # forget chats whose pause is over (the maps would grow with every chat served)
        self._chat_free = {k: t for k, t in self._chat_free.items() if t + self.config.per_chat_seconds > now}
        self._chat_lock = {k: lock for k, lock in self._chat_lock.items() if lock.locked()}
        await asyncio.gather(*(self._worker(stats) for _ in range(max(1, self.config.concurrency))))
        if stats.sent or stats.failed or stats.unreachable:
            log.info("dispatch: %s", stats)
        return stats
