"""`nhacviec run`: the channels (and the scheduler) wired together in one event loop.

Telegram when its token is set, Zalo when its token is set, both when both are; polling by default,
webhooks (on one aiohttp server) when their URLs are set; the terminal chat when no token is set.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import Awaitable, Callable
from urllib.parse import urlparse

from aiohttp import web
from sqlalchemy import Engine

from bot.channels.terminal import TerminalChannel
from bot.core import Conversation, CoreConfig

from .settings import Settings

log = logging.getLogger("nhacviec.run")


def build_core(settings: Settings, engine: Engine) -> Conversation:
    links = {}
    if settings.telegram_bot_username:
        links["telegram"] = f"https://t.me/{settings.telegram_bot_username}?start={{code}}"
    config = CoreConfig(
        admin_ids=settings.admin_ids,
        default_locale=settings.default_locale,
        timezone=settings.timezone,
        join_code_days=settings.join_code_days,
        deadline_days=settings.deadline_days,
        links=links,
    )
    return Conversation(engine=engine, config=config)


def _path(url: str, default: str) -> str:
    return urlparse(url).path or default


async def serve(
    settings: Settings,
    core: Conversation,
    *,
    terminal: TerminalChannel | None = None,
    background: list[Callable[[dict[str, object]], Awaitable[None]]] | None = None,
    stop: asyncio.Event | None = None,
) -> None:
    """Run every configured channel until `stop` is set, a signal arrives, or the terminal chat ends."""
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            loop.add_signal_handler(sig, stop.set)
    jobs: list[Awaitable[None]] = []
    senders: dict[str, object] = {}
    app: web.Application | None = None
    closers: list[Callable[[], Awaitable[object]]] = []

    if settings.telegram_bot_token is not None:
        from bot.channels import telegram

        bot = telegram.build_bot(settings.telegram_bot_token.get_secret_value(), settings.telegram_api_base)
        closers.append(bot.session.close)
        dispatcher = telegram.build_dispatcher(core)
        await telegram.learn_link(bot, core)
        senders["telegram"] = bot
        if settings.telegram_webhook_url and settings.telegram_webhook_secret is not None:
            secret = settings.telegram_webhook_secret.get_secret_value()
            app = telegram.webhook_app(
                bot, dispatcher, secret=secret, path=_path(settings.telegram_webhook_url, "/telegram"), app=app
            )
            await telegram.set_webhook(bot, url=settings.telegram_webhook_url, secret=secret)
        else:
            jobs.append(telegram.run_polling(bot, dispatcher))

    if settings.zalo_bot_token is not None:
        from bot.channels import zalo

        client = zalo.ZaloClient(settings.zalo_bot_token.get_secret_value(), base=settings.zalo_api_base)
        closers.append(client.aclose)
        channel = zalo.ZaloChannel(client, core)
        senders["zalo"] = channel
        if settings.zalo_webhook_url and settings.zalo_webhook_secret is not None:
            secret = settings.zalo_webhook_secret.get_secret_value()
            app = channel.webhook_app(secret, path=_path(settings.zalo_webhook_url, "/zalo"), app=app)
            await client.set_webhook(settings.zalo_webhook_url, secret)
        else:
            with contextlib.suppress(zalo.ZaloError):
                await client.delete_webhook()  # getUpdates does not work while a webhook is set
            jobs.append(channel.poll(stop=stop))

    runner: web.AppRunner | None = None
    if app is not None:
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        await web.TCPSite(runner, settings.webhook_host, settings.webhook_port).start()
        log.info("webhooks listening on %s:%s", settings.webhook_host, settings.webhook_port)

    if terminal is not None:
        senders["terminal"] = terminal
    for job in background or []:
        jobs.append(job(senders))

    tasks = [asyncio.ensure_future(job) for job in jobs]
    waiter = asyncio.ensure_future(stop.wait())
    ended: set[asyncio.Future[object]] = set()
    try:
        if terminal is not None:
            chat = asyncio.ensure_future(terminal.run())
            ended, _ = await asyncio.wait({chat, waiter}, return_when=asyncio.FIRST_COMPLETED)
        else:
            ended, _ = await asyncio.wait({waiter, *tasks}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for task in [*tasks, waiter]:
            task.cancel()
        await asyncio.gather(*tasks, waiter, return_exceptions=True)
        if runner is not None:
            await runner.cleanup()
        for close in closers:
            with contextlib.suppress(Exception):
                await close()
    for task in ended:
        if task is not waiter and not task.cancelled() and task.exception() is not None:
            raise task.exception()  # type: ignore[misc]
