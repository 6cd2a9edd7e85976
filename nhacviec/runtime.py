"""`nhacviec run`: the channels (and the scheduler) wired together in one event loop.

Telegram when its token is set, Zalo when its token is set, both when both are; polling by default,
webhooks (on one aiohttp server) when their URLs are set; the terminal chat when no token is set.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import signal
from collections.abc import Awaitable, Callable
from urllib.parse import urlparse

from aiohttp import web
from sqlalchemy import Engine

from bot.channels.terminal import TerminalChannel, TerminalSender
from bot.core import Conversation, CoreConfig
from bot.core.reminders import ReminderTexts
from scheduler.budget import budget_for
from scheduler.calendar import WorkCalendar
from scheduler.dispatch import DispatchConfig, Dispatcher
from scheduler.planner import PlanningWindow
from scheduler.policy import ReminderPolicy
from scheduler.ports import Sender
from scheduler.service import ReminderService, start_scheduler

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


def calendar_from(settings: Settings) -> WorkCalendar:
    return WorkCalendar(timezone=settings.timezone, start=settings.office_hours_start, end=settings.office_hours_end)


def policy_from(settings: Settings) -> ReminderPolicy:
    return ReminderPolicy(
        days_before=settings.days_before,
        working_days_before=settings.reminder_working_days_before,
        on_the_day=settings.reminder_on_the_day,
        overdue_every_days=settings.reminder_overdue_every_days,
        send_time=settings.reminder_time,
    )


def reminder_service(settings: Settings, engine: Engine, senders: dict[str, Sender]) -> ReminderService:
    calendar = calendar_from(settings)
    dispatcher = Dispatcher(
        engine=engine,
        senders=senders,
        texts=ReminderTexts(default_locale=settings.default_locale, zone=calendar.zone),
        calendar=calendar,
        config=DispatchConfig(
            lease=dt.timedelta(seconds=settings.outbox_lease_seconds),
            concurrency=settings.dispatch_concurrency,
            batch=settings.dispatch_batch,
            per_second=settings.send_per_second,
            per_chat_seconds=settings.send_per_chat_seconds,
            send_timeout=settings.send_timeout_seconds,
            max_attempts=settings.send_max_attempts,
        ),
        budget=budget_for(engine, settings.redis_url),
    )
    return ReminderService(
        engine=engine,
        policy=policy_from(settings),
        calendar=calendar,
        dispatcher=dispatcher,
        window=PlanningWindow(
            overdue_days=settings.reminder_overdue_stop_days,
            digest_weekday=settings.digest_weekday if settings.digest_weekday >= 0 else None,
            digest_time=settings.digest_time,
            after_deadline=settings.after_deadline_message,
        ),
    )


async def senders_from(settings: Settings) -> tuple[dict[str, Sender], Callable[[], Awaitable[None]]]:
    """Senders for the platforms whose tokens are set (no polling, no webhooks), and how to close them."""
    senders: dict[str, Sender] = {}
    closers: list[Callable[[], Awaitable[object]]] = []
    if settings.telegram_bot_token is not None:
        from bot.channels import telegram

        bot = telegram.build_bot(settings.telegram_bot_token.get_secret_value(), settings.telegram_api_base)
        closers.append(bot.session.close)
        senders["telegram"] = telegram.TelegramSender(bot)
    if settings.zalo_bot_token is not None:
        from bot.channels import zalo

        client = zalo.ZaloClient(settings.zalo_bot_token.get_secret_value(), base=settings.zalo_api_base)
        closers.append(client.aclose)
        senders["zalo"] = zalo.ZaloSender(zalo.ZaloChannel(client))

    async def close() -> None:
        for closer in closers:
            with contextlib.suppress(Exception):
                await closer()

    return senders, close


def _path(url: str, default: str) -> str:
    return urlparse(url).path or default


async def serve(
    settings: Settings,
    core: Conversation,
    *,
    terminal: TerminalChannel | None = None,
    engine: Engine | None = None,
    stop: asyncio.Event | None = None,
) -> None:
    """Run every configured channel (and, given an engine, the reminder scheduler) until `stop` is set, a
    signal arrives, or the terminal chat ends."""
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            loop.add_signal_handler(sig, stop.set)
    jobs: list[Awaitable[None]] = []
    senders: dict[str, Sender] = {}
    app: web.Application | None = None
    closers: list[Callable[[], Awaitable[object]]] = []

    if settings.telegram_bot_token is not None:
        from bot.channels import telegram

        bot = telegram.build_bot(settings.telegram_bot_token.get_secret_value(), settings.telegram_api_base)
        closers.append(bot.session.close)
        dispatcher = telegram.build_dispatcher(core)
        await telegram.learn_link(bot, core)
        senders["telegram"] = telegram.TelegramSender(bot)
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
        senders["zalo"] = zalo.ZaloSender(channel)
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
        senders["terminal"] = TerminalSender(terminal)
    scheduler = None
    service: ReminderService | None = None
    if engine is not None:
        service = reminder_service(settings, engine, senders)
        scheduler = start_scheduler(
            service,
            plan_seconds=settings.plan_interval_seconds,
            dispatch_seconds=settings.dispatch_interval_seconds,
            timezone=settings.timezone,
        )

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
        if scheduler is not None:
            scheduler.pause()  # no new ticks; the one under way finishes (shutdown would cancel it)
            assert service is not None
            await service.settle()
            scheduler.shutdown(wait=False)
            await service.close()
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
