"""Outbox -> messages. Claim one row (with a lease), send it, mark it sent with the platform's message id.

A crash between claim and send loses nothing: the lease runs out and any dispatcher takes the row over.
A crash after the platform accepted a message and before the mark resends that one message on recovery:
no platform offers an idempotency key, so this window is at-least-once by design (one row per claim keeps
it to the messages in flight, one per worker). Sending respects a global rate and one message per second
per chat, waits out 429 `retry_after`, backs off on transient errors, and stops writing to a member who
blocked the bot (403), telling the officers.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import os
import socket
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from aiolimiter import AsyncLimiter
from sqlalchemy import Engine

from bot.core.messages import Reply
from bot.core.reminders import ReminderTexts
from storage.conversations import offer_choices
from storage.engine import session_scope
from storage.members import MemberView, get_member, officers, set_active
from storage.models import OutboxRow
from storage.outbox import claim_one, finish, mark_sent, queue, release
from storage.types import utcnow

from .calendar import WorkCalendar

log = logging.getLogger("nhacviec.dispatch")


class Unreachable(Exception):
    """The platform will never deliver to this chat (the user blocked the bot)."""


class RetryAfter(Exception):
    """The platform asked us to wait (HTTP 429)."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"retry after {seconds} s")
        self.seconds = seconds


class Transient(Exception):
    """A failure worth retrying later (network, 5xx, timeouts)."""


class Sender(Protocol):
    async def send(self, chat_id: str, reply: Reply) -> str:
        """Deliver a reply; the platform's message id. Raises Unreachable, RetryAfter or Transient."""
        ...


@dataclass(frozen=True, kw_only=True)
class DispatchConfig:
    worker: str = field(default_factory=lambda: f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}")
    lease: dt.timedelta = dt.timedelta(seconds=60)
    concurrency: int = 8
    per_second: float = 30.0
    per_chat_seconds: float = 1.0
    max_attempts: int = 8


@dataclass
class DispatchStats:
    sent: int = 0
    cancelled: int = 0
    failed: int = 0
    retried: int = 0
    unreachable: int = 0


class Dispatcher:
    def __init__(
        self,
        *,
        engine: Engine,
        senders: dict[str, Sender],
        texts: ReminderTexts,
        calendar: WorkCalendar,
        config: DispatchConfig | None = None,
        clock: Callable[[], dt.datetime] = utcnow,
    ) -> None:
        self.engine = engine
        self.senders = senders
        self.texts = texts
        self.calendar = calendar
        self.config = config or DispatchConfig()
        self.clock = clock
        # Evenly spaced, no burst, a hair under the ceiling: a platform counting in a sliding second never
        # sees one message too many (a burst of 30 then 30/s would, and a 429 costs a whole second).
        rate = self.config.per_second * 0.995
        self._limiter = AsyncLimiter(1, 1 / rate) if rate > 0 else None
        self._chat_next: dict[str, float] = {}
        self._pause_until = 0.0

    # -- one row ------------------------------------------------------------------------------------
    def _claim(self) -> tuple[OutboxRow, MemberView | None, Reply | None] | None:
        now = self.clock()
        with session_scope(self.engine) as session:
            row = claim_one(
                session=session,
                worker=self.config.worker,
                now=now,
                lease=self.config.lease,
                channels=list(self.senders),
                office_open=self.calendar.in_office_hours(now),
            )
            if row is None:
                return None
            member = get_member(session=session, member_id=row.member_id)
            if member is None or not member.active:
                finish(session=session, outbox_id=row.id or 0, status="cancelled", error="member inactive")
                return row, None, None
            reply = self.texts.reply(session=session, row=row, member=member, now=now)
            if reply is None:
                finish(session=session, outbox_id=row.id or 0, status="cancelled", error="nothing to say")
            session.expunge(row)
            return row, member, reply

    def _mark(self, row: OutboxRow, chat: tuple[str, str], message_id: str, reply: Reply) -> None:
        with session_scope(self.engine) as session:
            mark_sent(session=session, outbox_id=row.id or 0, message_id=message_id, now=self.clock())
            payloads = [b.payload for b in reply.flat_buttons]
            if payloads:  # a typed number answers this reminder on any replica
                offer_choices(session=session, channel=chat[0], chat_id=chat[1], choices=payloads)

    def _unreachable(self, row: OutboxRow) -> None:
        with session_scope(self.engine) as session:
            finish(session=session, outbox_id=row.id or 0, status="failed", error="unreachable (403)")
            member = get_member(session=session, member_id=row.member_id)
            if member is None or not member.active:
                return
            set_active(session=session, member_id=member.id, active=False)
            for officer in officers(session=session):
                if officer.id == member.id:
                    continue
                queue(
                    session=session,
                    key=f"unreachable:{member.id}:{row.id}:{officer.id}",
                    member_id=officer.id,
                    kind="notice",
                    text=self.texts.unreachable(officer=officer, member=member),
                )

    def _retry(self, row: OutboxRow, seconds: float, error: str, *, count: bool) -> bool:
        """Back to pending in `seconds`; False (and failed) once attempts run out."""
        with session_scope(self.engine) as session:
            if count and row.attempts >= self.config.max_attempts:
                finish(session=session, outbox_id=row.id or 0, status="failed", error=error[:500])
                return False
            release(
                session=session,
                outbox_id=row.id or 0,
                send_at=self.clock() + dt.timedelta(seconds=seconds),
                error=error[:500],
                count_attempt=count,
            )
            return True

    async def _pace(self, chat_key: str) -> None:
        pause = self._pause_until - time.monotonic()
        if pause > 0:
            await asyncio.sleep(pause)
        wait = self._chat_next.get(chat_key, 0.0) - time.monotonic()
        self._chat_next[chat_key] = max(time.monotonic(), self._chat_next.get(chat_key, 0.0)) + (
            self.config.per_chat_seconds
        )
        if wait > 0:
            await asyncio.sleep(wait)
        if self._limiter is not None:
            await self._limiter.acquire()

    async def send_one(self, stats: DispatchStats) -> bool:
        """Claim, send and mark one row; False when nothing is due."""
        claimed = await asyncio.to_thread(self._claim)
        if claimed is None:
            return False
        row, member, reply = claimed
        if member is None or reply is None:
            stats.cancelled += 1
            return True
        sender = self.senders[member.channel]
        await self._pace(f"{member.channel}:{member.chat_id}")
        try:
            message_id = await sender.send(member.chat_id, reply)
        except Unreachable:
            stats.unreachable += 1
            await asyncio.to_thread(self._unreachable, row)
            return True
        except RetryAfter as exc:
            stats.retried += 1
            self._pause_until = max(self._pause_until, time.monotonic() + exc.seconds)
            await asyncio.to_thread(self._retry, row, exc.seconds, str(exc), count=False)
            return True
        except Transient as exc:
            backoff = min(30 * 2 ** (row.attempts - 1), 3600)
            if await asyncio.to_thread(self._retry, row, backoff, str(exc), count=True):
                stats.retried += 1
            else:
                stats.failed += 1
            return True
        await asyncio.to_thread(self._mark, row, (member.channel, member.chat_id), message_id, reply)
        stats.sent += 1
        return True

    async def run_once(self) -> DispatchStats:
        """Drain what is due now with `concurrency` workers; returns what happened."""
        stats = DispatchStats()

        async def worker() -> None:
            while await self.send_one(stats):
                pass

        await asyncio.gather(*(worker() for _ in range(max(1, self.config.concurrency))))
        if stats.sent or stats.failed or stats.unreachable:
            log.info("dispatch: %s", stats)
        return stats
