"""Replicas against the fake Telegram server: claims are owned, the send budget is shared, and one chat's
trouble (a 429 with a long retry_after, a send that hangs) delays that chat only."""

from __future__ import annotations

import asyncio
import datetime as dt
import time
from collections import Counter

import pytest
from sqlalchemy import Engine
from sqlmodel import select
from test_outbox_faults import _second_engine, dispatcher, seed

from bot.channels.telegram import build_bot
from bot.fakes.telegram import FakeTelegram, Limits
from scheduler.budget import RedisBudget
from storage.engine import session_scope
from storage.models import OutboxRow
from storage.outbox import counts
from storage.types import utcnow


class Clock:
    """The replicas' shared clock: real time plus an offset the test moves on (75 s in no time)."""

    def __init__(self) -> None:
        self.offset = dt.timedelta()

    def __call__(self) -> dt.datetime:
        return utcnow() + self.offset


def pending(engine: Engine) -> int:
    with session_scope(engine) as session:
        return counts(session=session).get("pending", 0)


async def test_two_replicas_with_a_75_s_retry_after_deliver_300_once(engine: Engine) -> None:
    """Greedy replicas (no pacing of their own) with short leases run into the fake's limits; every 429
    says "retry after 75 s". Nobody sleeps on a claim: the chat's rows go back to the queue for 75 s and
    the other replica never takes a row still held, so nothing is sent twice."""
    fake = FakeTelegram(limits=Limits(per_second=30, per_chat_second=1, retry_after=75))
    await fake.start()
    texts = seed(engine, messages=300, chats=30)
    other = _second_engine(engine)
    clock = Clock()
    bot = build_bot(fake.token, fake.base_url)
    try:
        replicas = [
            dispatcher(e, bot, concurrency=4, batch=5, lease=3, clock=clock, send_timeout=1) for e in (engine, other)
        ]
        rounds, received, refused = 0, Counter[str](), 0
        while pending(engine) and rounds < 40:
            rounds += 1
            stats = await asyncio.gather(*(r.run_once() for r in replicas))
            assert all(s.lost_claims == 0 for s in stats)
            # Nothing is due again before its 75 s are up: a second pass at once sends nothing.
            before = len(fake.sent)
            await asyncio.gather(*(r.run_once() for r in replicas))
            assert len(fake.sent) == before
            received.update(fake.texts())
            refused += sum(1 for code, _ in fake.refused if code == 429)
            clock.offset += dt.timedelta(seconds=76)
            fake.reset()  # the fake's windows too: 76 s have passed
    finally:
        await bot.session.close()
        other.dispose()
        await fake.stop()
    assert refused > 0, "the replicas did run into 429s"
    assert sum(received.values()) == 300 and set(received) == set(texts), "300 delivered"
    assert max(received.values()) == 1, "0 doubled"
    with session_scope(engine) as session:
        assert counts(session=session) == {"sent": 300}


async def test_two_replicas_share_the_send_budget_under_30_per_second(engine: Engine) -> None:
    """Two replicas each configured for Telegram's 30/s (and 1/s per chat): together they stay under it."""
    fake = FakeTelegram(limits=Limits(per_second=30, per_chat_second=1, retry_after=1))
    await fake.start_apart()  # arrivals timed as the platform would, not by the test's loop
    texts = seed(engine, messages=180, chats=90)  # two messages per chat
    other = _second_engine(engine)
    bot = build_bot(fake.token, fake.base_url)
    try:
        replicas = [dispatcher(e, bot, concurrency=4, per_second=30, per_chat=1.0) for e in (engine, other)]
        start = time.monotonic()
        stats = await asyncio.gather(*(r.run_once() for r in replicas))
        elapsed = time.monotonic() - start
    finally:
        await bot.session.close()
        other.dispose()
        await fake.stop()
    assert [code for code, _ in fake.refused] == []
    assert sorted(fake.texts()) == sorted(texts)
    assert stats[0].sent > 30 and stats[1].sent > 30, "both replicas took a share"
    assert elapsed > 179 / 30, "the two replicas together stayed under 30/s"
    assert pending(engine) == 0


async def test_the_send_budget_in_redis_is_shared_too(sqlite_engine: Engine) -> None:
    import redis

    try:
        redis.Redis(host="127.0.0.1", port=6379, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis at 127.0.0.1:6379")
    fake = FakeTelegram(limits=Limits(per_second=30, per_chat_second=1, retry_after=1))
    await fake.start_apart()  # arrivals timed as the platform would, not by the test's loop
    texts = seed(sqlite_engine, messages=90, chats=45)
    other = _second_engine(sqlite_engine)
    prefix = f"nhacviec:test:{time.time_ns()}:"
    budgets = [RedisBudget("redis://127.0.0.1:6379/0", prefix=prefix) for _ in range(2)]
    bot = build_bot(fake.token, fake.base_url)
    try:
        replicas = [
            dispatcher(e, bot, concurrency=4, per_second=30, per_chat=1.0, budget=b)
            for e, b in zip((sqlite_engine, other), budgets, strict=True)
        ]
        start = time.monotonic()
        await asyncio.gather(*(r.run_once() for r in replicas))
        elapsed = time.monotonic() - start
    finally:
        for budget in budgets:
            await budget.close()
        await bot.session.close()
        other.dispose()
        await fake.stop()
    assert [code for code, _ in fake.refused] == []
    assert sorted(fake.texts()) == sorted(texts)
    assert elapsed > 89 / 30


async def test_one_hanging_chat_does_not_slow_the_others(engine: Engine) -> None:
    fake = FakeTelegram(limits=Limits(per_second=30, per_chat_second=1, retry_after=1))
    await fake.start()
    texts = seed(engine, messages=120, chats=120)
    fake.hanging.add("5000")  # the first chat: its send never answers
    bot = build_bot(fake.token, fake.base_url)
    try:
        replica = dispatcher(engine, bot, concurrency=4, per_second=30, per_chat=1.0, send_timeout=2)
        start = time.monotonic()
        stats = await replica.run_once()
        elapsed = time.monotonic() - start
    finally:
        await bot.session.close()
        await fake.stop()
    assert sorted(fake.texts()) == sorted(texts[1:]), "every other chat served once"
    assert fake.refused == []
    # Full pace for the others: 119 messages at 30/s take 4 s; a chat that hung for its 2 s timeout adds
    # little (it delays its own batch's mark, not the other workers' sends).
    assert elapsed < 119 / 30 + 3.5, elapsed
    assert stats.retried == 1
    with session_scope(engine) as session:
        stuck = session.exec(select(OutboxRow).where(OutboxRow.text == texts[0])).one()
    assert stuck.status == "pending" and stuck.claimed_by is None and stuck.attempts == 1
    assert stuck.send_at > utcnow() + dt.timedelta(seconds=20), "that chat backs off; it is retried later"


class LateFirstSlots:
    """A shared budget whose first channel slots already lie in the past, as a stalled loop wakes to them."""

    def __init__(self, late: int) -> None:
        self.late = late
        self.channel_slots: list[float] = []

    async def reserve(self, name: str, *, interval: float, max_wait: float) -> float | None:
        if name.startswith("chat:"):
            return time.time()
        slot = time.time() - 1.0 if len(self.channel_slots) < self.late else time.time()
        self.channel_slots.append(slot)
        return slot

    async def close(self) -> None:
        return None


@pytest.mark.parametrize(("late", "reservations"), [(1, 2), (2, 3), (10, 4)])
async def test_a_slot_woken_up_to_too_late_is_let_go_for_a_new_one(
    sqlite_engine: Engine, late: int, reservations: int
) -> None:
    """A send whose slot passed more than one interval ago would bunch up with the next ones: it reserves
    again, at most three times, then goes anyway (a loop that stays slow still delivers)."""
    fake = FakeTelegram()
    await fake.start()
    texts = seed(sqlite_engine, messages=1, chats=1)
    budget = LateFirstSlots(late)
    bot = build_bot(fake.token, fake.base_url)
    try:
        stats = await dispatcher(
            sqlite_engine, bot, concurrency=1, per_second=30, per_chat=1.0, budget=budget
        ).run_once()
    finally:
        await bot.session.close()
        await fake.stop()
    assert len(budget.channel_slots) == reservations
    assert fake.texts() == texts and stats.sent == 1
