"""Reminder throughput and planning time.

1. End to end against the fake Telegram server with Telegram's limits enforced (30 messages/s overall,
   1/s per chat, 429 + retry_after beyond): reminders per second (goal: at least 95% of 30/s), and the
   same with two replicas sharing the send budget (goal: no 429).
2. Without limits: the outbox's own throughput (claim, send over HTTP, mark) on SQLite and PostgreSQL.
3. Claims per second with a sender that does nothing, one row per claim beside batched claims, on SQLite
   and PostgreSQL (TEST_DATABASE_URL, if set; goal: at least 5,000/s batched on PostgreSQL).
4. Planning time for 1,000 and 5,000 units x the five sample plans' dated tasks (every unit responsible
   for every occurrence), on the day before the six-month report.

Run: .venv/bin/python bench/dispatch.py
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path

from sqlalchemy import insert, text
from sqlmodel import create_engine, select

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from fleet import build_fleet  # noqa: E402

from bot.channels.telegram import TelegramSender, build_bot  # noqa: E402
from bot.core.reminders import ReminderTexts  # noqa: E402
from bot.fakes.telegram import FakeTelegram, Limits  # noqa: E402
from scheduler.calendar import WorkCalendar  # noqa: E402
from scheduler.dispatch import DispatchConfig, Dispatcher  # noqa: E402
from scheduler.planner import plan_reminders  # noqa: E402
from scheduler.policy import ReminderPolicy  # noqa: E402
from scheduler.ports import Reply  # noqa: E402
from storage.engine import make_engine, session_scope, upgrade  # noqa: E402
from storage.models import MemberRow, TaskRow  # noqa: E402
from storage.outbox import counts, insert_missing  # noqa: E402

ICT = dt.timezone(dt.timedelta(hours=7))


def seed_messages(engine, n: int, chats: int) -> None:  # type: ignore[no-untyped-def]
    with session_scope(engine) as session:
        session.execute(
            insert(MemberRow),
            [
                {
                    "channel": "telegram",
                    "chat_id": str(10_000 + j),
                    "user_id": str(10_000 + j),
                    "name": f"m{j}",
                    "role": "admin",
                    "active": True,
                    "created_at": dt.datetime.now(dt.UTC),
                    "updated_at": dt.datetime.now(dt.UTC),
                }
                for j in range(chats)
            ],
        )
        ids = list(session.exec(select(MemberRow.id).order_by(MemberRow.id)).all())[-chats:]
        insert_missing(
            session=session,
            rows=[
                {
                    "key": f"b:{uuid.uuid4().hex}",
                    "member_id": ids[i % chats],
                    "kind": "notice",
                    "text": f"Nhắc việc {i}",
                    "send_at": dt.datetime(2020, 1, 1, tzinfo=dt.UTC),
                }
                for i in range(n)
            ],
        )


async def drain(engine, fake: FakeTelegram, *, per_second: float, per_chat: float) -> float:  # type: ignore[no-untyped-def]
    bot = build_bot(fake.token, fake.base_url)
    dispatcher = Dispatcher(
        engine=engine,
        senders={"telegram": TelegramSender(bot)},
        texts=ReminderTexts(),
        calendar=WorkCalendar(),
        config=DispatchConfig(concurrency=8, per_second=per_second, per_chat_seconds=per_chat),
    )
    start = time.perf_counter()
    while True:
        await dispatcher.run_once()
        with session_scope(engine) as session:
            if counts(session=session).get("pending", 0) == 0:
                break
        await asyncio.sleep(0.05)
    elapsed = time.perf_counter() - start
    await bot.session.close()
    return elapsed


async def throughput(engine, n: int, chats: int, limits: Limits | None, per_second: float) -> tuple[float, int]:  # type: ignore[no-untyped-def]
    fake = FakeTelegram(limits=limits)
    await fake.start()
    seed_messages(engine, n, chats)
    elapsed = await drain(engine, fake, per_second=per_second, per_chat=1.0 if limits else 0.0)
    refused = len(fake.refused)
    assert len(fake.sent) == n, (len(fake.sent), n)
    await fake.stop()
    return n / elapsed, refused


class NoopSender:
    def __init__(self) -> None:
        self.count = 0

    async def send(self, chat_id: str, reply: Reply) -> str:
        self.count += 1
        return str(self.count)


async def claims_per_second(engine, n: int, batch: int, concurrency: int = 4) -> float:  # type: ignore[no-untyped-def]
    """n rows, one per member (so a claim of batch 1 takes one row), drained with a sender doing nothing."""
    seed_messages(engine, n, n)
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            conn.execute(text("ANALYZE"))  # as autovacuum would after a bulk load
    dispatcher = Dispatcher(
        engine=engine,
        senders={"telegram": NoopSender()},
        texts=ReminderTexts(),
        calendar=WorkCalendar(),
        config=DispatchConfig(concurrency=concurrency, batch=batch, per_second=0, per_chat_seconds=0),
    )
    start = time.perf_counter()
    stats = await dispatcher.run_once()
    elapsed = time.perf_counter() - start
    assert stats.sent == n, stats
    return n / elapsed


async def two_replicas(engine, other, n: int) -> tuple[float, int]:  # type: ignore[no-untyped-def]
    """Two replicas, each configured for 30/s, on one database: together under the fake's 30/s."""
    fake = FakeTelegram(limits=Limits())
    await fake.start()
    seed_messages(engine, n, n)
    bot = build_bot(fake.token, fake.base_url)
    replicas = [
        Dispatcher(
            engine=e,
            senders={"telegram": TelegramSender(bot)},
            texts=ReminderTexts(),
            calendar=WorkCalendar(),
            config=DispatchConfig(concurrency=8, per_second=30, per_chat_seconds=1.0),
        )
        for e in (engine, other)
    ]
    start = time.perf_counter()
    while True:
        await asyncio.gather(*(r.run_once() for r in replicas))
        with session_scope(engine) as session:
            if counts(session=session).get("pending", 0) == 0:
                break
        await asyncio.sleep(0.05)
    elapsed = time.perf_counter() - start
    await bot.session.close()
    assert len(fake.sent) == n, (len(fake.sent), n)
    refused = len(fake.refused)
    await fake.stop()
    return n / elapsed, refused


def planning(engine, units: int) -> tuple[int, int, float, int, float]:  # type: ignore[no-untyped-def]
    """`units` units each responsible for every dated occurrence of the five plans; one planning pass."""
    _, occurrences = build_fleet(engine, units=units, members=True)
    with session_scope(engine) as session:
        tasks = session.exec(select(TaskRow.id)).all()
    moment = dt.datetime(2023, 6, 14, 8, 0, tzinfo=ICT)
    start = time.perf_counter()
    with session_scope(engine) as session:
        queued = plan_reminders(session=session, now=moment, policy=ReminderPolicy(), calendar=WorkCalendar())
    elapsed = time.perf_counter() - start
    start = time.perf_counter()
    with session_scope(engine) as session:
        again = plan_reminders(session=session, now=moment, policy=ReminderPolicy(), calendar=WorkCalendar())
    assert again == 0
    return occurrences, queued, elapsed, len(tasks), time.perf_counter() - start


def sqlite_engine(folder: str, name: str):  # type: ignore[no-untyped-def]
    engine = make_engine(f"sqlite:///{Path(folder) / name}")
    upgrade(engine)
    return engine


def postgres_engine():  # type: ignore[no-untyped-def]
    """A fresh schema on TEST_DATABASE_URL, a second engine on it (another replica's pool), and a cleanup."""
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        return None, None, None
    schema = f"bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(url)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine = create_engine(url, connect_args={"options": f"-csearch_path={schema}"})
    other = create_engine(url, connect_args={"options": f"-csearch_path={schema}"})
    upgrade(engine)

    def drop() -> None:
        engine.dispose()
        other.dispose()
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()

    return engine, other, drop


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        rate, refused = asyncio.run(throughput(sqlite_engine(folder, "limits.db"), 1200, 1200, Limits(), per_second=30))
        print(
            f"with Telegram's limits (30/s, 1/s per chat) on SQLite: {rate:.1f} reminders/s "
            f"= {rate / 30:.0%} of the ceiling, {refused} refused with 429"
        )
        rate, _ = asyncio.run(throughput(sqlite_engine(folder, "free.db"), 3000, 300, None, per_second=0))
        print(f"without limits, SQLite: {rate:,.0f} reminders/s (claim, send over HTTP, mark)")
        one, batched = (
            asyncio.run(claims_per_second(sqlite_engine(folder, f"noop{b}.db"), n, b))
            for b, n in ((1, 3000), (200, 20_000))
        )
        print(f"claims/s, no-op sender, SQLite: one per claim {one:,.0f}/s | batched (200) {batched:,.0f}/s")
        engine, other, drop = postgres_engine()
        if engine is not None:
            rate, refused = asyncio.run(two_replicas(engine, other, 600))
            print(
                f"two replicas sharing the budget (PostgreSQL), fake at 30/s: {rate:.1f} reminders/s together, "
                f"{refused} refused with 429"
            )
            drop()  # type: ignore[misc]
            engine, _, drop = postgres_engine()
            rate, _ = asyncio.run(throughput(engine, 3000, 300, None, per_second=0))
            print(f"without limits, PostgreSQL: {rate:,.0f} reminders/s (claim, send over HTTP, mark)")
            drop()  # type: ignore[misc]
            figures = []
            for b, n in ((1, 2_000), (200, 50_000)):
                engine, _, drop = postgres_engine()
                figures.append(asyncio.run(claims_per_second(engine, n, b)))
                drop()  # type: ignore[misc]
            print(
                f"claims/s, no-op sender, PostgreSQL: one per claim {figures[0]:,.0f}/s | "
                f"batched (200) {figures[1]:,.0f}/s (goal: 5,000/s)"
            )
        else:
            print("PostgreSQL: TEST_DATABASE_URL not set, skipped")
        for units in (1000, 5000):
            occurrences, queued, elapsed, tasks, again = planning(sqlite_engine(folder, f"plan{units}.db"), units)
            print(
                f"planning, {units:,} units x {tasks} tasks ({occurrences:,} occurrences) on SQLite: {elapsed:.2f} s, "
                f"{queued:,} reminders queued; a second pass (nothing new): {again:.2f} s"
            )
        engine, _, drop = postgres_engine()
        if engine is not None:
            for units in (1000, 5000):
                occurrences, queued, elapsed, tasks, again = planning(engine, units)
                print(
                    f"planning, {units:,} units ({occurrences:,} occurrences) on PostgreSQL: {elapsed:.2f} s, "
                    f"{queued:,} reminders queued; a second pass: {again:.2f} s"
                )
                drop()  # type: ignore[misc]
                engine, _, drop = postgres_engine()
            drop()  # type: ignore[misc]


if __name__ == "__main__":
    main()
