"""A real dispatcher process for the kill tests: it holds (hangs) at a chosen point on its Nth message.

Usage: python dispatch_worker.py DATABASE_URL SCHEMA|- API_BASE TOKEN MODE N [BATCH]
MODE "claim": the Nth row is claimed, then the process hangs before sending it.
MODE "accept": the Nth message is accepted by the platform, then the process hangs before marking it.
It prints "HOLD <text>" when it holds, so the test knows when to SIGKILL it. One claiming loop, sends one
at a time (BATCH: the oldest due rows a claim looks at, 1 by default).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import sys
import time

from sqlmodel import create_engine

from bot.channels.telegram import TelegramSender, build_bot
from bot.core.reminders import ReminderTexts
from scheduler.calendar import WorkCalendar
from scheduler.dispatch import DispatchConfig, Dispatcher
from scheduler.ports import Reply
from storage.engine import make_engine


class Holding:
    def __init__(self, real: TelegramSender, mode: str, nth: int) -> None:
        self.real, self.mode, self.nth, self.calls = real, mode, nth, 0

    async def send(self, chat_id: str, reply: Reply) -> str:
        self.calls += 1
        if self.calls == self.nth and self.mode == "claim":
            print(f"HOLD {reply.text}", flush=True)
            time.sleep(3600)  # noqa: ASYNC251 -- the whole process freezes until the test kills it
        message_id = await self.real.send(chat_id, reply)
        if self.calls == self.nth and self.mode == "accept":
            print(f"HOLD {reply.text}", flush=True)
            time.sleep(3600)  # noqa: ASYNC251 -- the whole process freezes until the test kills it
        return message_id


async def main() -> None:
    url, schema, base, token, mode, nth = sys.argv[1:7]
    batch = int(sys.argv[7]) if len(sys.argv) > 7 else 1
    if schema != "-":
        engine = create_engine(url, connect_args={"options": f"-csearch_path={schema}"})
    else:
        engine = make_engine(url)
    bot = build_bot(token, base)
    dispatcher = Dispatcher(
        engine=engine,
        senders={"telegram": Holding(TelegramSender(bot), mode, int(nth))},
        texts=ReminderTexts(),
        calendar=WorkCalendar(),
        config=DispatchConfig(
            concurrency=1,
            batch=batch,
            per_second=0,
            per_chat_seconds=0,
            lease=dt.timedelta(seconds=2),
            send_timeout=0.5,
        ),
    )
    await dispatcher.run_once()
    print("DRAINED", flush=True)
    await bot.session.close()


if __name__ == "__main__":
    asyncio.run(main())
