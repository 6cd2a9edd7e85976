"""The Zalo adapter (httpx client) against a fake Zalo Bot Platform server on 127.0.0.1."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass

import aiohttp
import httpx
import pytest
from aiohttp import web
from sqlalchemy import Engine
from sqlmodel import select
from world import World, make_world

from bot.channels.zalo import SECRET_HEADER, ZaloChannel, ZaloClient, ZaloError
from bot.core import Reply
from bot.fakes import serve_local
from bot.fakes.zalo import FakeZalo
from storage.engine import session_scope
from storage.models import InboundRow, StatusReportRow


@dataclass
class Rig:
    fake: FakeZalo
    client: ZaloClient
    channel: ZaloChannel
    world: World

    async def said(self, user: str, text: str, expect: str) -> str:
        before = len(self.fake.sent)
        self.fake.push(self.fake.event(user_id=user, text=text))
        await self.fake.wait_for(lambda: any(expect in t for t in self._new(before, user)))
        return "\n".join(self._new(before, user))

    def _new(self, before: int, user: str) -> list[str]:
        return [m["text"] for m in self.fake.sent[before:] if m["chat_id"] == user]


@pytest.fixture
async def rig(loaded_engine: Engine) -> AsyncIterator[Rig]:
    fake = FakeZalo()
    await fake.start()
    world = make_world(loaded_engine)
    client = ZaloClient(fake.token, base=fake.base_url)
    yield Rig(fake=fake, client=client, channel=ZaloChannel(client, world.core, per_chat_per_second=50), world=world)
    await client.aclose()
    await fake.stop()


async def test_join_ask_deadlines_and_numbered_choices_by_polling(rig: Rig) -> None:
    stop = asyncio.Event()
    polling = asyncio.create_task(rig.channel.poll(poll_seconds=1, stop=stop))
    try:
        user = "6ede9afa1b2c"
        await rig.said(user, f"/start {rig.world.codes['VP']}", "Văn phòng (VP)")
        for question in ("Hạn nộp báo cáo năm là ngày nào?", "han nop bao cao nam la ngay nao"):
            answer = await rig.said(user, question, "15/12/2023")
            assert "mục IV.1" in answer
        assert "31/05/2023" in await rig.said(user, "/hanchot", "Hạn chót của Văn phòng (VP)")
        menu = await rig.said(user, "/capnhat", "Trả lời bằng số:")
        assert "\n1 – " in menu and "\n2 – " in menu
        prompt = await rig.said(user, "1", "1 – Đã xong")
        assert "2 – Đang làm" in prompt and "3 – Vướng mắc" in prompt and "4 – Nhắc lại sau" in prompt
        await rig.said(user, "2", "Đã ghi nhận: đang làm")
        await rig.said(user, "bo qua", "không có ghi chú")
        with session_scope(rig.world.engine) as session:
            assert [r.choice for r in session.exec(select(StatusReportRow))] == ["progress"]
        # A number with nothing pending is just a question (and the plans do not say).
        assert "không nói" in await rig.said(user, "2", "không nói")
    finally:
        stop.set()
        await polling


async def _serve(app: web.Application) -> tuple[web.AppRunner, str]:
    runner, base = await serve_local(app)
    return runner, f"{base}/zalo"


async def test_webhook_secret_wrapped_or_bare_bodies_and_dedupe(rig: Rig) -> None:
    runner, url = await _serve(rig.channel.webhook_app("zalo-secret-123"))
    event = rig.fake.event(user_id="u-web", text=f"/start {rig.world.codes['TCCB']}")
    try:
        async with aiohttp.ClientSession() as http:
            for headers in ({}, {SECRET_HEADER: "zalo-secret-12"}):
                async with http.post(url, data=json.dumps(event), headers=headers) as response:
                    assert response.status == 401
            with session_scope(rig.world.engine) as session:
                assert session.exec(select(InboundRow)).all() == []
            good = {SECRET_HEADER: "zalo-secret-123"}
            for body in ({"ok": True, "result": event}, event):  # wrapped, then the same event bare
                async with http.post(url, data=json.dumps(body), headers=good) as response:
                    assert response.status == 200
            async with http.post(url, data="{broken", headers=good) as response:
                assert response.status == 400
            question = rig.fake.event(user_id="u-web", text="han nop bao cao 6 thang")
            async with http.post(url, data=json.dumps(question), headers=good) as response:
                assert response.status == 200
        await rig.fake.wait_for(lambda: len(rig.fake.texts("u-web")) == 2)
        await rig.channel.drain()
    finally:
        await runner.cleanup()
    texts = rig.fake.texts("u-web")
    assert "Phòng Tổ chức cán bộ (TCCB)" in texts[0] and "15/06/2023" in texts[1]


async def test_client_errors_ok_false_408_and_long_text(rig: Rig) -> None:
    assert (await rig.client.get_me())["account_name"] == "bot.nhacviec"
    assert await rig.client.get_updates(poll_seconds=1) is None  # 408: the normal end of an empty long poll
    rig.fake.blocked.add("gone")
    rig.fake.errors_as_ok_false = True  # HTTP 200 with ok: false is still an error
    with pytest.raises(ZaloError) as caught:
        await rig.client.send_message("gone", "xin chào")
    assert caught.value.code == 403
    wrong = ZaloClient("999:wrong-token", base=rig.fake.base_url)
    with pytest.raises(ZaloError) as caught:
        await wrong.get_me()
    assert caught.value.code == 401 and "wrong-token" not in str(caught.value)
    await wrong.aclose()
    unreachable = ZaloClient("999:secret-token", base="http://127.0.0.1:9", http=httpx.AsyncClient(timeout=2))
    with pytest.raises(ZaloError) as caught:
        await unreachable.get_me()
    assert "secret-token" not in str(caught.value)
    await unreachable.aclose()

    text = "\n".join(f"Dòng {i}: " + "nhắc việc " * 12 for i in range(60))
    await rig.channel.send("long", Reply(text=text))
    pieces = rig.fake.texts("long")
    assert len(pieces) > 1 and all(len(p) <= 1800 for p in pieces)
    assert "\n".join(pieces) == text
