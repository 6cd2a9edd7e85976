"""The real aiogram Bot and Dispatcher against a fake Telegram Bot API server on 127.0.0.1."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass

import aiohttp
import pytest
from aiogram import Bot, Dispatcher
from aiohttp import web
from sqlalchemy import Engine
from sqlmodel import select
from world import World, make_world

from bot.channels import telegram
from bot.core import Button, Reply
from bot.fakes import serve_local
from bot.fakes.telegram import FakeTelegram
from storage.engine import session_scope
from storage.members import find_person
from storage.models import InboundRow, StatusReportRow


@dataclass
class Rig:
    fake: FakeTelegram
    bot: Bot
    dispatcher: Dispatcher
    world: World

    async def said(self, user: int, text: str, expect: str) -> str:
        """Send a message as a user and wait for the bot's reply containing `expect`."""
        before = len(self.fake.sent)
        self.fake.message(user_id=user, text=text)
        await self.fake.wait_for(lambda: any(expect in t for t in self._new(before, user)))
        return "\n".join(self._new(before, user))

    def _new(self, before: int, user: int) -> list[str]:
        return [str(m.get("text", "")) for m in self.fake.sent[before:] if str(m.get("chat_id")) == str(user)]


@pytest.fixture
async def rig(loaded_engine: Engine) -> AsyncIterator[Rig]:
    fake = FakeTelegram()
    await fake.start()
    world = make_world(loaded_engine)
    bot = telegram.build_bot(fake.token, fake.base_url)
    dispatcher = telegram.build_dispatcher(world.core)
    await telegram.learn_link(bot, world.core)
    yield Rig(fake=fake, bot=bot, dispatcher=dispatcher, world=world)
    await bot.session.close()
    await fake.stop()


async def test_join_ask_deadlines_and_a_foreign_button_by_long_polling(rig: Rig) -> None:
    polling = asyncio.create_task(telegram.run_polling(rig.bot, rig.dispatcher, polling_timeout=1))
    try:
        await rig.said(11, f"/start {rig.world.codes['VP']}", "Văn phòng (VP)")
        for question in ("Hạn nộp báo cáo 6 tháng là ngày nào?", "han nop bao cao 6 thang la ngay nao"):
            answer = await rig.said(11, question, "15/06/2023")
            assert "Sóc Trăng" in answer and "mục IV.1" in answer
        assert "31/05/2023" in await rig.said(11, "/hanchot", "Hạn chót của Văn phòng (VP)")

        menu_at = len(rig.fake.sent)
        await rig.said(11, "/capnhat", "Bạn muốn báo cáo nhiệm vụ nào?")
        keyboard = rig.fake.sent[menu_at]["reply_markup"]["inline_keyboard"]
        assert keyboard and all(len(row[0]["callback_data"].encode()) <= 64 for row in keyboard)

        foreign = rig.world.occurrence_of("TCCB")
        before = len(rig.fake.sent)
        rig.fake.press(user_id=11, data=f"r:{foreign}:d")
        await rig.fake.wait_for(lambda: len(rig.fake.calls("answerCallbackQuery")) == 1 and len(rig.fake.sent) > before)
        assert "Không phải nhiệm vụ của đơn vị bạn" in rig.fake.calls("answerCallbackQuery")[0]["text"]
        assert "thuộc Phòng Tổ chức cán bộ (TCCB)" in rig.fake.sent[before]["text"]

        own = rig.world.occurrence_of("VP")
        rig.fake.press(user_id=11, data=f"r:{own}:p")
        await rig.fake.wait_for(lambda: any("Đã ghi nhận: đang làm" in t for t in rig.fake.texts(11)))
        with session_scope(rig.world.engine) as session:
            reports = session.exec(select(StatusReportRow)).all()
        assert [(r.occurrence_id, r.choice) for r in reports] == [(own, "progress")]

        rig.fake.block(user_id=11)

        def inactive() -> bool:  # the my_chat_member update itself was handled, and marked the member
            with session_scope(rig.world.engine) as session:
                handled = session.exec(select(InboundRow).where(InboundRow.outcome == "blocked")).first()
                return handled is not None and not find_person(session=session, channel="telegram", user_id="11").active

        await rig.fake.wait_for(inactive)
    finally:
        await rig.dispatcher.stop_polling()
        await polling
    # Every update was stored once, in order, before its offset was confirmed.
    with session_scope(rig.world.engine) as session:
        keys = [row.event_key for row in session.exec(select(InboundRow).where(InboundRow.channel == "telegram"))]
    assert len(keys) == len(set(keys)) == 8


async def _webhook(rig: Rig, secret: str) -> tuple[web.AppRunner, str]:
    runner, base = await serve_local(telegram.webhook_app(rig.bot, rig.dispatcher, secret=secret))
    return runner, f"{base}/telegram"


async def test_webhook_refuses_a_wrong_secret_before_any_handler_and_dedupes_update_ids(rig: Rig) -> None:
    runner, url = await _webhook(rig, "s3cret-Token_x")
    update = {
        "update_id": 500,
        "message": {
            "message_id": 1,
            "date": 1,
            "chat": {"id": 21, "type": "private"},
            "from": {"id": 21, "is_bot": False, "first_name": "Minh"},
            "text": f"/start {rig.world.codes['TCCB']}",
        },
    }
    try:
        async with aiohttp.ClientSession() as http:
            for headers in ({}, {"X-Telegram-Bot-Api-Secret-Token": "wrong"}):
                async with http.post(url, data=json.dumps(update), headers=headers) as response:
                    assert response.status in (401, 403)
            async with http.post(url, data="{not json", headers={"X-Telegram-Bot-Api-Secret-Token": "nope"}) as r:
                assert r.status in (401, 403)  # refused before parsing: a broken body is never read
            with session_scope(rig.world.engine) as session:
                assert session.exec(select(InboundRow)).all() == []
            assert rig.fake.sent == []
            good = {"X-Telegram-Bot-Api-Secret-Token": "s3cret-Token_x", "Content-Type": "application/json"}
            for _ in range(2):  # Telegram retries: the second delivery must not be handled again
                async with http.post(url, data=json.dumps(update), headers=good) as response:
                    assert response.status == 200
    finally:
        await runner.cleanup()
    assert len(rig.fake.texts(21)) == 1 and "Phòng Tổ chức cán bộ (TCCB)" in rig.fake.texts(21)[0]


async def test_long_replies_are_split_at_4096_with_buttons_on_the_last_piece(rig: Rig) -> None:
    text = "\n".join(f"{i:04d} " + "ă" * 90 for i in range(120))
    reply = Reply(text=text, buttons=((Button(label="Đã xong", payload="r:1:d"),),))
    ids = await telegram.send_reply(rig.bot, 31, reply)
    sent = rig.fake.calls("sendMessage")
    assert len(ids) == len(sent) == 3
    assert all(len(m["text"]) <= 4096 for m in sent)
    assert "\n".join(m["text"] for m in sent) == text
    assert [("reply_markup" in m) for m in sent] == [False, False, True]
