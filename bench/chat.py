"""Chat throughput: messages per second through the conversation core, and through the Telegram adapter
(real aiogram polling) against the fake Bot API server; the process's resident memory with the five
sample plans loaded and the answer engine built.

Run: .venv/bin/python bench/chat.py
"""

from __future__ import annotations

import asyncio
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from world import make_world  # noqa: E402

from bot.channels import telegram  # noqa: E402
from bot.core import Incoming  # noqa: E402
from bot.fakes.telegram import FakeTelegram  # noqa: E402
from plans import parse_plan  # noqa: E402
from storage.engine import make_engine, session_scope, upgrade  # noqa: E402
from storage.plans import save_plan  # noqa: E402

MESSAGES = ["han nop bao cao 6 thang", "/hanchot", "Tỷ lệ hài lòng tối thiểu là bao nhiêu?", "/toi"]


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def through_telegram(world, users: int, per_user: int) -> float:  # type: ignore[no-untyped-def]
    fake = FakeTelegram()
    await fake.start()
    bot = telegram.build_bot(fake.token, fake.base_url)
    dispatcher = telegram.build_dispatcher(world.core)
    for user in range(users):
        world.say(f"/start {world.codes['VP']}", user=f"{9000 + user}")
    total = users * per_user
    polling = asyncio.create_task(telegram.run_polling(bot, dispatcher, polling_timeout=1))
    start = time.perf_counter()
    for i in range(total):
        fake.message(user_id=9000 + i % users, text=MESSAGES[i % len(MESSAGES)])
    await fake.wait_for(lambda: len(fake.sent) >= total, seconds=600)
    elapsed = time.perf_counter() - start
    await dispatcher.stop_polling()
    await polling
    await bot.session.close()
    await fake.stop()
    return total / elapsed


def main() -> None:
    base = rss_mb()
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{Path(tmp) / 'chat.db'}")
        upgrade(engine)
        for path in sorted((ROOT / "samples" / "plans").glob("*.txt")):
            with session_scope(engine) as session:
                save_plan(session=session, plan=parse_plan(path))
        world = make_world(engine)
        world.say(f"/start {world.codes['VP']}", user="bench")
        world.say("han nop bao cao nam", user="bench")  # builds the answer engine
        loaded = rss_mb()

        n = 2000
        start = time.perf_counter()
        for i in range(n):
            world.core.handle(Incoming(channel="telegram", chat_id="bench", user_id="bench", text=MESSAGES[i % 4]))
        core_rate = n / (time.perf_counter() - start)
        telegram_rate = asyncio.run(through_telegram(world, users=20, per_user=50))
        print(f"core (SQLite, each message stored and answered): {core_rate:,.0f} messages/s")
        print(f"Telegram adapter (aiogram polling -> core -> fake server): {telegram_rate:,.0f} messages/s")
        print(
            f"resident memory: {base:.0f} MB at start, {loaded:.0f} MB with the five plans loaded, "
            f"{rss_mb():.0f} MB at the end"
        )
        engine.dispose()


if __name__ == "__main__":
    main()
