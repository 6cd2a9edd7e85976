"""`nhacviec run` as deployed: Telegram and Zalo (polling) and the reminder scheduler in one event loop,
against the fake servers, wired by the composition root from settings."""

from __future__ import annotations

import asyncio

from sqlalchemy import Engine

from bot.fakes.telegram import FakeTelegram
from bot.fakes.zalo import FakeZalo
from nhacviec.runtime import build_core, serve
from nhacviec.settings import Settings
from storage.engine import session_scope
from storage.members import create_join_code
from storage.plans import resolve_units


async def test_run_serves_both_platforms_and_the_scheduler(loaded_engine: Engine) -> None:
    telegram, zalo = FakeTelegram(), FakeZalo()
    await telegram.start()
    await zalo.start()
    with session_scope(loaded_engine) as session:
        unit = resolve_units(session=session, name="VP")[0]
        code = create_join_code(session=session, unit_id=unit.id or 0).code
    settings = Settings(
        _env_file=None,
        telegram_bot_token=telegram.token,
        telegram_api_base=telegram.base_url,
        zalo_bot_token=zalo.token,
        zalo_api_base=zalo.base_url,
        plan_interval_seconds=0.5,
        dispatch_interval_seconds=0.5,
    )
    core = build_core(settings, loaded_engine)
    stop = asyncio.Event()
    running = asyncio.create_task(serve(settings, core, engine=loaded_engine, stop=stop))
    try:
        telegram.message(user_id=41, text=f"/start {code}")
        zalo.push(zalo.event(user_id="z41", text="han nop bao cao 6 thang"))
        await telegram.wait_for(lambda: any("Văn phòng (VP)" in t for t in telegram.texts(41)), seconds=20)
        await zalo.wait_for(lambda: any("/start" in t for t in zalo.texts("z41")), seconds=20)  # not joined yet
        telegram.message(user_id=41, text="/invite TCCB")  # a staff member may not: refused politely
        await telegram.wait_for(lambda: len(telegram.texts(41)) >= 2, seconds=20)
        assert "Chỉ cán bộ phụ trách" in telegram.texts(41)[1]
        # The join code comes back as a Telegram deep link: the adapter learnt the bot's name from getMe.
        assert core.config.links["telegram"] == f"https://t.me/{telegram.username}?start={{code}}"
        assert telegram.calls("deleteWebhook") and zalo.requests[0][0] == "deleteWebhook"
    finally:
        stop.set()
        await asyncio.wait_for(running, timeout=20)
        await telegram.stop()
        await zalo.stop()
