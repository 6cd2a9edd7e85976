"""`nhacviec run` as a real subprocess on PostgreSQL, against the fake platform servers, under faults:

- the database cut (through a TCP proxy this test runs) for OUTAGE seconds under Telegram polling, Zalo
  polling and Telegram webhook at once: every update sent during the outage is stored and answered after
  it, and the processes stay alive throughout (`/healthz` says 503 meanwhile);
- the platforms unreachable for 20 s at start-up: no traceback, and the bot serves once they are back.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import socket
import sys
import time
import uuid
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from conftest import ROOT, _postgres_required, postgres_url
from sqlalchemy import text

from bot.fakes.telegram import FakeTelegram
from bot.fakes.zalo import FakeZalo
from storage.engine import make_engine

OUTAGE = float(os.environ.get("NHACVIEC_FAULT_OUTAGE_SECONDS", "30"))
NHACVIEC = Path(sys.executable).with_name("nhacviec")
pytestmark = [pytest.mark.slow, pytest.mark.postgres]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class TcpProxy:
    """127.0.0.1:port -> target; `cut()` closes every connection and refuses new ones until `restore()`."""

    def __init__(self, target_host: str, target_port: int) -> None:
        self.target = (target_host, target_port)
        self.port = free_port()
        self._server: asyncio.Server | None = None
        self._writers: set[asyncio.StreamWriter] = set()

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", self.port, reuse_address=True)

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            up_reader, up_writer = await asyncio.open_connection(*self.target)
        except OSError:
            writer.close()
            return
        self._writers |= {writer, up_writer}

        async def pipe(src: asyncio.StreamReader, dst: asyncio.StreamWriter) -> None:
            with contextlib.suppress(Exception):
                while data := await src.read(65536):
                    dst.write(data)
                    await dst.drain()
            with contextlib.suppress(Exception):
                dst.close()

        await asyncio.gather(pipe(reader, up_writer), pipe(up_reader, writer))
        self._writers -= {writer, up_writer}

    async def cut(self) -> None:
        assert self._server is not None
        self._server.close()
        for writer in list(self._writers):
            with contextlib.suppress(Exception):
                writer.transport.abort()
        await self._server.wait_closed()
        self._server = None

    async def restore(self) -> None:
        await self.start()

    async def stop(self) -> None:
        if self._server is not None:
            await self.cut()


class Schema:
    """A fresh PostgreSQL schema; its URL for `nhacviec` goes through the proxy."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.name = f"t_{uuid.uuid4().hex[:12]}"
        self.admin = make_engine(url)
        with self.admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{self.name}"'))

    def through(self, proxy: TcpProxy) -> str:
        from sqlalchemy.engine import make_url

        real = make_url(self.url)
        options = {"options": f"-csearch_path={self.name}"}
        return real.set(host="127.0.0.1", port=proxy.port, query=options).render_as_string(hide_password=False)

    def inbound(self) -> int:
        with self.admin.begin() as conn:
            return int(conn.execute(text(f'SELECT count(*) FROM "{self.name}".inbound')).scalar() or 0)

    def drop(self) -> None:
        with self.admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{self.name}" CASCADE'))
        self.admin.dispose()


async def start_run(env: dict[str, str], folder: Path, name: str) -> tuple[asyncio.subprocess.Process, Path]:
    log = folder / f"{name}.log"
    base = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "ZALO_", "WEBHOOK_"))}
    full = {
        **base,
        "PYTHONPATH": str(ROOT),
        "PLAN_INTERVAL_SECONDS": "3600",
        "DISPATCH_INTERVAL_SECONDS": "3600",
        "WEBHOOK_HOST": "127.0.0.1",
        **env,
    }
    with log.open("wb") as out:
        process = await asyncio.create_subprocess_exec(
            str(NHACVIEC), "run", cwd=folder, env=full, stdout=out, stderr=asyncio.subprocess.STDOUT
        )
    return process, log


async def stop_run(process: asyncio.subprocess.Process) -> int:
    if process.returncode is None:
        process.send_signal(signal.SIGTERM)
        try:
            await asyncio.wait_for(process.wait(), 30)
        except TimeoutError:
            process.kill()
            await process.wait()
    return int(process.returncode or 0)


async def health(port: int) -> int:
    try:
        async with aiohttp.ClientSession() as http, http.get(f"http://127.0.0.1:{port}/healthz", timeout=8) as r:
            return r.status
    except (aiohttp.ClientError, TimeoutError):
        return 0


async def until(predicate: Any, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.2)


async def until_healthy(port: int, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while await health(port) != 200:
        if time.monotonic() > deadline:
            raise AssertionError("/healthz never answered 200")
        await asyncio.sleep(0.5)


async def post_like_telegram(url: str, secret: str, update: dict[str, Any], codes: list[int]) -> None:
    """Telegram's webhook delivery: POST, and again (after a pause) until a 2xx answer."""
    async with aiohttp.ClientSession() as http:
        while True:
            try:
                async with http.post(
                    url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": secret}, timeout=30
                ) as response:
                    codes.append(response.status)
                    if response.status < 300:
                        return
            except (aiohttp.ClientError, TimeoutError):
                codes.append(0)
            await asyncio.sleep(1.0)


@pytest.fixture
def pg_url() -> str:
    url = postgres_url()
    if not url:
        if _postgres_required():
            pytest.fail("TEST_DATABASE_URL is required in CI")
        pytest.skip("PostgreSQL not configured: set TEST_DATABASE_URL to run this test")
    return url


async def test_database_outage_loses_no_update(pg_url: str, tmp_path: Path) -> None:
    from sqlalchemy.engine import make_url

    real = make_url(pg_url)
    proxy = TcpProxy(real.host or "127.0.0.1", real.port or 5432)
    await proxy.start()
    polling_db, webhook_db = Schema(pg_url), Schema(pg_url)
    telegram, zalo, hooked = FakeTelegram(), FakeZalo(), FakeTelegram()
    for fake in (telegram, zalo, hooked):
        await fake.start()
    polling_port, webhook_port = free_port(), free_port()
    secret = "webhook-secret-123"
    webhook_url = f"http://127.0.0.1:{webhook_port}/telegram"
    polling, polling_log = await start_run(
        {
            "DATABASE_URL": polling_db.through(proxy),
            "TELEGRAM_BOT_TOKEN": telegram.token,
            "TELEGRAM_API_BASE": telegram.base_url,
            "ZALO_BOT_TOKEN": zalo.token,
            "ZALO_API_BASE": zalo.base_url,
            "WEBHOOK_PORT": str(polling_port),
        },
        tmp_path,
        "polling",
    )
    webhook, webhook_log = await start_run(
        {
            "DATABASE_URL": webhook_db.through(proxy),
            "TELEGRAM_BOT_TOKEN": hooked.token,
            "TELEGRAM_API_BASE": hooked.base_url,
            "TELEGRAM_WEBHOOK_URL": webhook_url,
            "TELEGRAM_WEBHOOK_SECRET": secret,
            "WEBHOOK_PORT": str(webhook_port),
            "LOG_FORMAT": "json",
        },
        tmp_path,
        "webhook",
    )
    deliveries: list[asyncio.Task[None]] = []
    codes: list[int] = []
    try:
        # Both up and serving (start-up is slow on a loaded machine: imports, migrations).
        try:
            await until_healthy(polling_port, 120)
            await until_healthy(webhook_port, 60)
            await until(lambda: bool(hooked.calls("setWebhook")), 30, "the webhook to be set")
        except AssertionError as exc:
            logs = f"{polling_log.read_text()[-2000:]}\n{webhook_log.read_text()[-2000:]}"
            raise AssertionError(f"{exc}\n{logs}") from None
        telegram.message(user_id=1, text="xin chào")
        zalo.push(zalo.event(user_id="z1", text="xin chào"))
        await post_like_telegram(webhook_url, secret, hooked.message(user_id=1, text="xin chào"), codes)
        await until(lambda: telegram.texts(1) and zalo.texts("z1") and hooked.texts(1), 30, "answers before the cut")
        await until_healthy(polling_port, 30)

        # The database goes away: three updates per channel while it is gone.
        await proxy.cut()
        cut_at = time.monotonic()
        for i in range(3):
            telegram.message(user_id=10 + i, text=f"han nop bao cao {i}")
            zalo.push(zalo.event(user_id=f"z{10 + i}", text=f"han nop bao cao {i}"))
            update = hooked.message(user_id=10 + i, text=f"han nop bao cao {i}")
            deliveries.append(asyncio.create_task(post_like_telegram(webhook_url, secret, update, codes)))
            await asyncio.sleep(OUTAGE / 6)
        assert await health(polling_port) == 503, "/healthz tells the database is away"
        await asyncio.sleep(max(0.0, OUTAGE - (time.monotonic() - cut_at)))
        assert polling.returncode is None and webhook.returncode is None, "alive throughout the outage"
        await proxy.restore()

        # Back: every update sent meanwhile is stored and answered.
        users = range(10, 13)
        await until(lambda: all(telegram.texts(u) for u in users), 30, "Telegram polling answers")
        await until(lambda: all(zalo.texts(f"z{u}") for u in users), 30, "Zalo polling answers")
        await asyncio.wait_for(asyncio.gather(*deliveries), 30)
        await until(lambda: all(hooked.texts(u) for u in users), 30, "Telegram webhook answers")
        if OUTAGE > 15:  # longer than the webhook's patience (10 s)
            assert 503 in codes, "the webhook refused what it could not store (Telegram retries)"
        assert polling_db.inbound() == 8 and webhook_db.inbound() == 4, "stored once each"
        assert all(len(telegram.texts(u)) == 1 and len(zalo.texts(f"z{u}")) == 1 for u in users), "answered once"
        assert await health(polling_port) == 200
    finally:
        for task in deliveries:
            task.cancel()
        rcs = [await stop_run(polling), await stop_run(webhook)]
        await proxy.stop()
        for fake in (telegram, zalo, hooked):
            await fake.stop()
        polling_db.drop()
        webhook_db.drop()
    assert rcs == [0, 0], (polling_log.read_text()[-3000:], webhook_log.read_text()[-3000:])
    logs = polling_log.read_text() + webhook_log.read_text()
    assert "not stored" in logs and "stored after" in logs
    entries = [json.loads(line) for line in webhook_log.read_text().splitlines() if line.startswith("{")]
    assert any(e.get("update", "").startswith("telegram:") and "not stored" in e["message"] for e in entries)


async def test_platforms_unreachable_at_start_up(pg_url: str, tmp_path: Path) -> None:
    from sqlalchemy.engine import make_url

    db = Schema(pg_url)
    telegram_port, zalo_port, http_port = free_port(), free_port(), free_port()
    url = make_url(pg_url).set(query={"options": f"-csearch_path={db.name}"}).render_as_string(hide_password=False)
    process, log = await start_run(
        {
            "DATABASE_URL": url,
            "TELEGRAM_BOT_TOKEN": FakeTelegram.token,
            "TELEGRAM_API_BASE": f"http://127.0.0.1:{telegram_port}",
            "ZALO_BOT_TOKEN": FakeZalo.token,
            "ZALO_API_BASE": f"http://127.0.0.1:{zalo_port}",
            "WEBHOOK_PORT": str(http_port),
        },
        tmp_path,
        "start",
    )
    telegram, zalo = FakeTelegram(), FakeZalo()
    started = time.monotonic()
    try:
        await until_healthy(http_port, 60)  # /healthz answers while the platforms are away
        await asyncio.sleep(max(5.0, 20 - (time.monotonic() - started)))
        assert process.returncode is None, "still running while the platforms are away"
        await telegram.start(telegram_port)
        await zalo.start(zalo_port)
        telegram.message(user_id=5, text="xin chào")
        zalo.push(zalo.event(user_id="z5", text="xin chào"))
        await until(lambda: telegram.texts(5) and zalo.texts("z5"), 30, "answers once the platforms are back")
    finally:
        rc = await stop_run(process)
        await telegram.stop()
        await zalo.stop()
        db.drop()
    output = log.read_text()
    assert rc == 0, output[-3000:]
    assert "Traceback" not in output, output[-3000:]
    assert "retrying with backoff" in output


async def test_database_unreachable_at_start_up(pg_url: str, tmp_path: Path) -> None:
    from sqlalchemy.engine import make_url

    real = make_url(pg_url)
    proxy = TcpProxy(real.host or "127.0.0.1", real.port or 5432)  # not listening yet: the database is away
    db = Schema(pg_url)
    telegram = FakeTelegram()
    await telegram.start()
    port = free_port()
    process, log = await start_run(
        {
            "DATABASE_URL": db.through(proxy),
            "TELEGRAM_BOT_TOKEN": telegram.token,
            "TELEGRAM_API_BASE": telegram.base_url,
            "WEBHOOK_PORT": str(port),
        },
        tmp_path,
        "nodb",
    )
    try:
        await asyncio.sleep(10)
        assert process.returncode is None, "waits for the database"
        await proxy.start()
        telegram.message(user_id=6, text="xin chào")
        await until(lambda: telegram.texts(6), 60, "an answer once the database is there")
        await until_healthy(port, 10)
    finally:
        rc = await stop_run(process)
        await proxy.stop()
        await telegram.stop()
        db.drop()
    output = log.read_text()
    assert rc == 0 and "Traceback" not in output, output[-3000:]
    assert output.count("the database is unreachable") == 1, output[-3000:]
