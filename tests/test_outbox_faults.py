"""Fault tests, counting what the fake Telegram server received: none lost, none doubled (except the one
at-least-once window the platforms leave open), on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import signal
import sys
from collections import Counter
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import create_engine, select

from bot.channels.telegram import TelegramSender, build_bot
from bot.core.reminders import ReminderTexts
from bot.fakes.telegram import FakeTelegram, Limits
from scheduler.budget import SendBudget
from scheduler.calendar import WorkCalendar
from scheduler.dispatch import DispatchConfig, Dispatcher
from storage.engine import make_engine, session_scope
from storage.members import add_member, find_person
from storage.models import OutboxRow
from storage.outbox import counts, insert_missing
from storage.types import utcnow

WORKER = Path(__file__).with_name("dispatch_worker.py")
ROOT = Path(__file__).resolve().parent.parent


def seed(engine: Engine, *, messages: int, chats: int, prefix: str = "msg") -> list[str]:
    """`messages` notices spread over `chats` members; returns their texts."""
    texts = [f"{prefix} {i:05d}" for i in range(messages)]
    with session_scope(engine) as session:
        members = [
            add_member(
                session=session,
                channel="telegram",
                chat_id=str(5000 + j),
                user_id=str(5000 + j),
                unit_id=None,
                role="admin",
                name=f"m{j}",
            )[0].id
            for j in range(chats)
        ]
        insert_missing(
            session=session,
            rows=[
                {
                    "key": f"seed:{prefix}:{i}",
                    "member_id": members[i % chats],
                    "kind": "notice",
                    "text": t,
                    "send_at": dt.datetime(2020, 1, 1, tzinfo=dt.UTC),
                }
                for i, t in enumerate(texts)
            ],
        )
    return texts


def dispatcher(
    engine: Engine,
    bot,  # type: ignore[no-untyped-def]
    *,
    concurrency: int = 4,
    per_second: float = 0,
    per_chat: float = 0,
    lease: float = 60,
    batch: int = 5,
    clock: Callable[[], dt.datetime] = utcnow,
    send_timeout: float = 15.0,
    budget: SendBudget | None = None,
) -> Dispatcher:
    return Dispatcher(
        engine=engine,
        senders={"telegram": TelegramSender(bot)},
        texts=ReminderTexts(),
        calendar=WorkCalendar(),
        config=DispatchConfig(
            concurrency=concurrency,
            per_second=per_second,
            per_chat_seconds=per_chat,
            lease=dt.timedelta(seconds=lease),
            batch=batch,
            send_timeout=send_timeout,
        ),
        clock=clock,
        budget=budget,
    )


@pytest.fixture
async def fake() -> AsyncIterator[FakeTelegram]:
    server = FakeTelegram()
    await server.start()
    yield server
    await server.stop()


def _search_path(engine: Engine) -> str:
    with engine.connect() as conn:
        return str(conn.exec_driver_sql("SHOW search_path").scalar())


def _second_engine(engine: Engine) -> Engine:
    """Another engine (its own pool, as a second process would have) on the same database."""
    url = engine.url.render_as_string(hide_password=False)
    if url.startswith("sqlite"):
        return make_engine(url)
    return create_engine(url, connect_args={"options": f"-csearch_path={_search_path(engine)}"})


async def test_two_dispatchers_drain_2000_reminders_exactly_once(engine: Engine, fake: FakeTelegram) -> None:
    texts = seed(engine, messages=2000, chats=200)
    other = _second_engine(engine)
    bot = build_bot(fake.token, fake.base_url)
    try:
        first, second = dispatcher(engine, bot), dispatcher(other, bot)
        stats = await asyncio.gather(first.run_once(), second.run_once())
    finally:
        await bot.session.close()
        other.dispose()
    received = Counter(fake.texts())
    assert sum(received.values()) == 2000 and set(received) == set(texts) and max(received.values()) == 1
    assert stats[0].sent > 100 and stats[1].sent > 100, "both dispatchers took a share"
    with session_scope(engine) as session:
        assert counts(session=session) == {"sent": 2000}


def _worker_args(engine: Engine, fake: FakeTelegram, mode: str, nth: int) -> list[str]:
    url = engine.url.render_as_string(hide_password=False)
    schema = "-" if url.startswith("sqlite") else _search_path(engine)
    return [sys.executable, str(WORKER), url, schema, fake.base_url, fake.token, mode, str(nth)]


async def _run_until_hold_and_kill(args: list[str]) -> str:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "tests")])}
    process = await asyncio.create_subprocess_exec(*args, stdout=asyncio.subprocess.PIPE, env=env)
    assert process.stdout is not None
    try:
        line = await asyncio.wait_for(process.stdout.readline(), timeout=60)
    finally:
        process.send_signal(signal.SIGKILL)
        await process.wait()
    assert line.startswith(b"HOLD "), line
    return line.decode().strip()[5:]


@pytest.mark.parametrize("mode", ["claim", "accept"])
async def test_killed_dispatcher_loses_nothing(engine: Engine, fake: FakeTelegram, mode: str) -> None:
    """30 notices to 5 chats; a claim takes one member's 6 rows (marked together after they are sent). The
    worker freezes on its 10th send (the 4th of the second batch) and is killed."""
    texts = seed(engine, messages=30, chats=5)
    held = await _run_until_hold_and_kill(_worker_args(engine, fake, mode, nth=10))
    assert len(fake.sent) == (9 if mode == "claim" else 10)
    with session_scope(engine) as session:
        claimed = session.exec(select(OutboxRow).where(OutboxRow.claimed_by.is_not(None))).all()
    in_flight = {r.text for r in claimed}
    assert held in in_flight and len(in_flight) == 6, "one batch in flight: the held member's rows"
    await asyncio.sleep(2.2)  # the dead worker's lease runs out
    bot = build_bot(fake.token, fake.base_url)
    try:
        await dispatcher(engine, bot).run_once()
    finally:
        await bot.session.close()
    received = Counter(fake.texts())
    assert set(received) == set(texts), "nothing lost"
    assert max(received.values()) <= 2
    doubled = {t for t, n in received.items() if n > 1}
    sent_before = set(fake.texts()[6:9])  # the batch's rows that reached the platform before the hold
    if mode == "claim":
        assert received[held] == 1, "claimed but never sent: sent once after the lease ran out"
        assert doubled == sent_before, "the at-least-once window: the batch's rows sent but not yet marked"
    else:
        assert doubled == sent_before | {held}, "only the batch in flight at the kill is repeated"
    assert doubled <= in_flight
    with session_scope(engine) as session:
        assert counts(session=session) == {"sent": 30}


async def test_429_is_waited_out_and_pacing_avoids_it(sqlite_engine: Engine) -> None:
    fake = FakeTelegram(limits=Limits(per_second=30, per_chat_second=1, retry_after=1))
    await fake.start_apart()
    bot = build_bot(fake.token, fake.base_url)
    try:
        texts = seed(sqlite_engine, messages=12, chats=3, prefix="burst")
        greedy = dispatcher(sqlite_engine, bot, concurrency=4)  # ignores the 1 message/s per chat
        for _ in range(40):
            await greedy.run_once()
            with session_scope(sqlite_engine) as session:
                if counts(session=session).get("pending", 0) == 0:
                    break
            await asyncio.sleep(0.3)
        assert any(code == 429 for code, _ in fake.refused)
        assert sorted(fake.texts()) == sorted(texts), "every message once, after waiting out retry_after"
        fake.reset()
        more = seed(sqlite_engine, messages=6, chats=3, prefix="paced")
        await dispatcher(sqlite_engine, bot, concurrency=4, per_second=30, per_chat=1.05).run_once()
        assert fake.refused == [] and sorted(fake.texts()) == sorted(more)
    finally:
        await bot.session.close()
        await fake.stop()


async def test_403_marks_the_member_inactive_and_tells_the_officers(sqlite_engine: Engine, fake: FakeTelegram) -> None:
    seed(sqlite_engine, messages=3, chats=1, prefix="to-blocked")
    with session_scope(sqlite_engine) as session:
        add_member(
            session=session, channel="telegram", chat_id="77", user_id="77", unit_id=None, role="admin", name="Cán bộ"
        )
    fake.blocked.add("5000")
    bot = build_bot(fake.token, fake.base_url)
    try:
        await dispatcher(sqlite_engine, bot, concurrency=1).run_once()
    finally:
        await bot.session.close()
    with session_scope(sqlite_engine) as session:
        assert find_person(session=session, channel="telegram", user_id="5000").active is False
        assert counts(session=session) == {"failed": 1, "cancelled": 2, "sent": 1}
    assert [code for code, _ in fake.refused] == [403]  # tried once, never retried
    assert len(fake.texts(77)) == 1 and "m0" in fake.texts(77)[0]
