"""Hostile and odd input at the service's edges, and what an operator sees: forged button ids, a group's
chatter after a button press, Zalo events without a message id, malformed webhook bodies, join codes at
rest, the SQLite file's mode, `/healthz` and `/metrics` over HTTP, JSON logs."""

from __future__ import annotations

import asyncio
import json
import logging
import socket
import stat
import time
from pathlib import Path

import aiohttp
import pytest
from sqlalchemy import Engine
from sqlmodel import select
from world import World, make_world

from bot.channels import durable, telegram, zalo
from bot.core import Incoming
from bot.fakes.telegram import FakeTelegram
from nhacviec import metrics
from nhacviec.logs import JsonFormatter
from nhacviec.runtime import build_core, serve
from nhacviec.settings import Settings
from storage.engine import make_engine, session_scope
from storage.members import code_digest, create_join_code, find_code
from storage.models import InboundRow, JoinCodeRow, StatusReportRow


@pytest.fixture
def world(loaded_engine: Engine) -> World:
    return make_world(loaded_engine)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_a_100_digit_button_id_is_answered_politely(world: World) -> None:
    world.say(f"/start {world.codes['VP']}")
    for payload in ("r:" + "9" * 100 + ":d", "u:" + "1" * 100, "r:-5:d", "r:" + "7" * 5000 + ":d"):
        replies = world.press(payload)
        assert replies and replies[0].notice, payload
    with session_scope(world.engine) as session:
        outcomes = session.exec(select(InboundRow.outcome).where(InboundRow.payload.is_not(None))).all()
    assert "error" not in outcomes


def test_group_chatter_after_a_press_is_not_the_blocked_note(world: World) -> None:
    def in_group(user: str, **kw: object) -> list:
        return world.core.handle(Incoming(channel="telegram", chat_id="-100", user_id=user, is_group=True, **kw))

    in_group("u5", text=f"/start {world.codes['VP']}", name="Nhóm VP")
    occurrence = world.occurrence_of("VP")
    in_group("u5", payload=f"r:{occurrence}:b", event="button")
    in_group("u6", text="chiều nay họp mấy giờ?")  # someone else talking in the group
    in_group("u5", text="thiếu kinh phí")  # the presser's note
    with session_scope(world.engine) as session:
        notes = session.exec(select(StatusReportRow.note).where(StatusReportRow.occurrence_id == occurrence)).all()
    assert notes == ["thiếu kinh phí"]


def test_zalo_events_without_a_message_id_keep_distinct_keys() -> None:
    def event(text: str, date: int) -> dict:
        return {
            "event_name": "message.text.received",
            "message": {"from": {"id": "z1"}, "chat": {"id": "z1"}, "text": text, "date": date},
        }

    one, two, again = event("1 xong", 1750316131602), event("1 xong", 1750316139999), event("1 xong", 1750316131602)
    assert zalo.event_key(one) != zalo.event_key(two)  # the same words twice are two messages
    assert zalo.event_key(one) == zalo.event_key(again)  # a redelivery is recognised
    assert zalo.event_key(event("2 xong", 1750316131602)) != zalo.event_key(one)
    with_id = {**one, "message": {**one["message"], "message_id": "abc"}}
    assert zalo.event_key(with_id) == "message.text.received:abc"


def test_join_codes_are_stored_as_digests(sqlite_engine: Engine, tmp_path: Path) -> None:
    from storage.members import add_unit

    with session_scope(sqlite_engine) as session:
        unit, _ = add_unit(session=session, name="Văn phòng")
        issued = create_join_code(session=session, unit_id=unit.id or 0, role="admin")
    with session_scope(sqlite_engine) as session:
        stored = session.exec(select(JoinCodeRow.code)).all()
        assert stored == [code_digest(issued.code)] and issued.code not in stored[0]
        assert find_code(session=session, code=issued.code.lower()) is not None
    raw = (tmp_path / "test.db").read_bytes() + (tmp_path / "test.db-wal").read_bytes()
    assert issued.code.encode() not in raw


def test_the_sqlite_file_is_readable_by_its_owner_only(tmp_path: Path) -> None:
    from storage.engine import upgrade

    engine = make_engine(f"sqlite:///{tmp_path / 'data' / 'nhacviec.db'}")
    upgrade(engine)
    engine.dispose()
    assert stat.S_IMODE((tmp_path / "data" / "nhacviec.db").stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "data").stat().st_mode) == 0o700


async def test_telegram_webhook_refuses_bad_bodies_and_what_it_cannot_store(
    sqlite_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = FakeTelegram()
    await fake.start()
    core = build_core(Settings(_env_file=None), sqlite_engine)
    bot = telegram.build_bot(fake.token, fake.base_url)
    app = telegram.webhook_app(bot, telegram.build_dispatcher(core), secret="s3cret-token")
    runner = aiohttp.web.AppRunner(app)
    await runner.setup()
    port = free_port()
    await aiohttp.web.TCPSite(runner, "127.0.0.1", port).start()
    url = f"http://127.0.0.1:{port}/telegram"
    good = {"X-Telegram-Bot-Api-Secret-Token": "s3cret-token"}
    try:
        async with aiohttp.ClientSession() as http:
            async with http.post(url, data=b"{not json", headers=good) as r:
                assert r.status == 400
            async with http.post(url, json=[1, 2], headers=good) as r:
                assert r.status == 400
            async with http.post(url, json={"update_id": 1}, headers={"X-Telegram-Bot-Api-Secret-Token": "x"}) as r:
                assert r.status == 401
            update = fake.message(user_id=7, text="xin chào")
            monkeypatch.setattr(telegram, "WEBHOOK_PATIENCE", 0.5)
            monkeypatch.setattr(durable, "FIRST_WAIT", 0.1)

            def away(_incoming: Incoming) -> list:
                from sqlalchemy.exc import OperationalError

                raise OperationalError("SELECT 1", {}, Exception("connection refused"))

            real = core.handle
            monkeypatch.setattr(core, "handle", away)
            app2 = telegram.webhook_handler(bot, telegram.build_dispatcher(core), secret="s3cret-token", patience=0.5)
            runner2 = aiohttp.web.AppRunner(aiohttp.web.Application())
            runner2.app.router.add_post("/t", app2)
            await runner2.setup()
            port2 = free_port()
            await aiohttp.web.TCPSite(runner2, "127.0.0.1", port2).start()
            async with http.post(f"http://127.0.0.1:{port2}/t", json=update, headers=good) as r:
                assert r.status == 503  # not stored: Telegram delivers it again
            monkeypatch.setattr(core, "handle", real)
            async with http.post(f"http://127.0.0.1:{port2}/t", json=update, headers=good) as r:
                assert r.status == 200
            await runner2.cleanup()
        await fake.wait_for(lambda: fake.texts(7), seconds=10)
    finally:
        await runner.cleanup()
        await bot.session.close()
        await fake.stop()


async def test_healthz_and_metrics_over_http_in_polling_mode(sqlite_engine: Engine) -> None:
    fake = FakeTelegram()
    await fake.start()
    port = free_port()
    settings = Settings(
        _env_file=None,
        telegram_bot_token=fake.token,
        telegram_api_base=fake.base_url,
        webhook_host="127.0.0.1",
        webhook_port=port,
        plan_interval_seconds=3600,
        dispatch_interval_seconds=3600,
    )
    core = build_core(settings, sqlite_engine)
    stop = asyncio.Event()
    running = asyncio.create_task(serve(settings, core, engine=sqlite_engine, stop=stop))
    try:
        fake.message(user_id=8, text="xin chào")
        await fake.wait_for(lambda: fake.texts(8), seconds=20)
        async with aiohttp.ClientSession() as http:
            async with http.get(f"http://127.0.0.1:{port}/healthz") as r:
                assert r.status == 200 and (await r.json())["status"] == "ok"
            async with http.get(f"http://127.0.0.1:{port}/metrics") as r:
                body = await r.text()
                assert r.status == 200 and r.headers["Content-Type"].startswith("text/plain")
        for series in (
            'nhacviec_updates_total{channel="telegram",outcome="handled"}',
            "nhacviec_outbox_pending ",
            "nhacviec_outbox_claimed ",
            "nhacviec_dispatch_lag_seconds ",
            "# TYPE nhacviec_outbox_sent_total counter",
            "# TYPE nhacviec_rate_limited_total counter",
        ):
            assert series in body, series
    finally:
        stop.set()
        await asyncio.wait_for(running, 20)
        await fake.stop()


async def test_healthz_is_503_when_the_database_does_not_answer() -> None:
    app = metrics.add_routes(aiohttp.web.Application(), make_engine("postgresql+psycopg://nobody@127.0.0.1:1/none"))
    runner = aiohttp.web.AppRunner(app)
    await runner.setup()
    port = free_port()
    await aiohttp.web.TCPSite(runner, "127.0.0.1", port).start()
    try:
        async with aiohttp.ClientSession() as http:
            async with http.get(f"http://127.0.0.1:{port}/healthz") as r:
                assert r.status == 503
            async with http.get(f"http://127.0.0.1:{port}/metrics") as r:
                assert r.status == 200 and "nhacviec_updates_total" in await r.text()  # counters still served
    finally:
        await runner.cleanup()


def test_json_logs_carry_the_update_key() -> None:
    record = logging.LogRecord("nhacviec.x", logging.WARNING, __file__, 1, "stored after %d s", (3,), None)
    token = durable.current_update.set("telegram:42")
    try:
        line = json.loads(JsonFormatter().format(record))
    finally:
        durable.current_update.reset(token)
    assert line["update"] == "telegram:42" and line["message"] == "stored after 3 s" and line["level"] == "WARNING"


def test_metrics_count_through_hooks() -> None:
    before = metrics.UPDATES.labels(channel="zalo", outcome="failed")._value.get()
    metrics.update_outcome("failed", "zalo")
    assert metrics.UPDATES.labels(channel="zalo", outcome="failed")._value.get() == before + 1
    assert time.time() > 0


async def test_zalo_webhook_answers_503_until_it_can_store(
    sqlite_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy.exc import OperationalError

    core = build_core(Settings(_env_file=None), sqlite_engine)
    client = zalo.ZaloClient("1:t", base="http://127.0.0.1:1")
    channel = zalo.ZaloChannel(client, core)
    monkeypatch.setattr(zalo, "WEBHOOK_PATIENCE", 0.5)
    monkeypatch.setattr(durable, "FIRST_WAIT", 0.1)
    runner = aiohttp.web.AppRunner(channel.webhook_app("zalo-secret-1"))
    await runner.setup()
    port = free_port()
    await aiohttp.web.TCPSite(runner, "127.0.0.1", port).start()
    event = {
        "event_name": "message.text.received",
        "message": {"from": {"id": "z9"}, "chat": {"id": "z9"}, "text": "xin chào", "date": 1750316131602},
    }
    headers = {zalo.SECRET_HEADER: "zalo-secret-1"}
    real = core.handle

    def away(_incoming: Incoming) -> list:
        raise OperationalError("SELECT 1", {}, Exception("connection refused"))

    try:
        async with aiohttp.ClientSession() as http:
            monkeypatch.setattr(core, "handle", away)
            async with http.post(f"http://127.0.0.1:{port}/zalo", json=event, headers=headers) as r:
                assert r.status == 503
            monkeypatch.setattr(core, "handle", real)
            wrapped = {"ok": True, "result": event}
            async with http.post(f"http://127.0.0.1:{port}/zalo", json=wrapped, headers=headers) as r:
                assert r.status == 200
            async with http.post(f"http://127.0.0.1:{port}/zalo", data=b"{oops", headers=headers) as r:
                assert r.status == 400
        with session_scope(sqlite_engine) as session:
            assert len(session.exec(select(InboundRow)).all()) == 1
    finally:
        await channel.drain()
        await runner.cleanup()
        await client.aclose()


async def test_counting_sender_counts_sent_failed_and_429() -> None:
    from scheduler.dispatch import RetryAfter, Transient

    class Flaky:
        def __init__(self) -> None:
            self.errors: list[Exception] = [RetryAfter(1), Transient("x")]

        async def send(self, chat_id: str, reply: object) -> str:
            if self.errors:
                raise self.errors.pop(0)
            return "m1"

    def value(counter: object, **labels: str) -> float:
        return counter.labels(**labels)._value.get()  # type: ignore[attr-defined]

    sender = metrics.CountingSender("telegram", Flaky())
    before = (value(metrics.RATE_LIMITED, channel="telegram"), value(metrics.SENT, channel="telegram"))
    for _ in range(2):
        with pytest.raises(Exception):  # noqa: B017
            await sender.send("1", None)
    assert await sender.send("1", None) == "m1"
    assert value(metrics.RATE_LIMITED, channel="telegram") == before[0] + 1
    assert value(metrics.SENT, channel="telegram") == before[1] + 1
    assert value(metrics.FAILED, channel="telegram", kind="transient") >= 1


def test_a_1_mb_single_word_message_answers_fast(world: World) -> None:
    world.say(f"/start {world.codes['VP']}")
    started = time.monotonic()
    replies = world.say("a" * 1_000_000)
    assert replies and time.monotonic() - started < 5
