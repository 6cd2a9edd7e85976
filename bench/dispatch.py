"""Reminder throughput and planning time.

1. End to end against the fake Telegram server with Telegram's limits enforced (30 messages/s overall,
   1/s per chat, 429 + retry_after beyond): reminders per second (goal: at least 95% of 30/s).
2. Without limits: the outbox's own throughput (claim, send, mark) on SQLite and on PostgreSQL
   (TEST_DATABASE_URL, if set).
3. Planning time for 1,000 units x the five sample plans' dated tasks (every unit responsible for every
   occurrence), on the day before the six-month report.

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


def planning(engine) -> tuple[int, int, float, int, float]:  # type: ignore[no-untyped-def]
    """1,000 units each responsible for every dated occurrence of the five plans; one planning pass."""
    _, occurrences = build_fleet(engine, units=1000, members=True)
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
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        return None, None
    schema = f"bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(url)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine = create_engine(url, connect_args={"options": f"-csearch_path={schema}"})
    upgrade(engine)

    def drop() -> None:
        engine.dispose()
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()

    return engine, drop


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        rate, refused = asyncio.run(throughput(sqlite_engine(folder, "limits.db"), 1200, 1200, Limits(), per_second=30))
        print(
            f"with Telegram's limits (30/s, 1/s per chat) on SQLite: {rate:.1f} reminders/s "
            f"= {rate / 30:.0%} of the ceiling, {refused} refused with 429"
        )
        rate, _ = asyncio.run(throughput(sqlite_engine(folder, "free.db"), 3000, 300, None, per_second=0))
        print(f"without limits, SQLite: {rate:,.0f} reminders/s (claim, send over HTTP, mark)")
        engine, drop = postgres_engine()
        if engine is not None:
            rate, _ = asyncio.run(throughput(engine, 3000, 300, None, per_second=0))
            print(f"without limits, PostgreSQL: {rate:,.0f} reminders/s")
            drop()  # type: ignore[misc]
        else:
            print("PostgreSQL: TEST_DATABASE_URL not set, skipped")
        occurrences, queued, elapsed, tasks, again = planning(sqlite_engine(folder, "plan.db"))  # type: ignore[misc]
        print(
            f"planning, 1,000 units x {tasks} tasks ({occurrences:,} occurrences) on SQLite: {elapsed:.2f} s, "
            f"{queued:,} reminders queued; a second pass (nothing new): {again:.2f} s"
        )


if __name__ == "__main__":
    main()
