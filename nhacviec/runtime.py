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
    from plans import search
    from storage.index_cache import store_for

    # the answer engine reads each plan's piece from the store `plans import` filled: a start is warm
    search.use_store(store_for(settings.database_url, settings.index_cache_dir))
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


def _describe(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {lines[0][:200]}" if lines else type(exc).__name__


async def retrying(
    name: str, attempt: Callable[[], Awaitable[object]], stop: asyncio.Event, *, again_after_return: bool = False
) -> None:
    """Run `attempt` until it succeeds (or, with `again_after_return`, for ever: a loop that should never
    end is restarted), with backoff; one warning line when it starts failing, one when it works again —
    never a traceback for a platform or database that is away, and never the end of the process."""
    wait = 1.0
    failing_since: float | None = None
    loop = asyncio.get_running_loop()
    while not stop.is_set():
        try:
            await attempt()
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            if failing_since is None:
                failing_since = loop.time()
                log.warning("%s failed (%s); retrying with backoff", name, _describe(exc))
            else:
                log.debug("%s failed again (%s)", name, _describe(exc))
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), wait)
            wait = min(wait * 2, 10.0)
            continue
        if failing_since is not None:
            log.warning("%s works again after %.0f s", name, loop.time() - failing_since)
            failing_since = None
        if not again_after_return:
            return
        wait = 1.0


def ready_engine(url: str, *, stop_after: float | None = None) -> Engine:
    """An engine on an upgraded schema, waiting (with backoff, one log line) while the database is away.
    Alembic runs only when the schema is behind: at the newest revision one query tells so, and a process
    that lives for months does not carry Alembic and the migration scripts it never needs again."""
    import time

    from sqlalchemy.exc import InterfaceError, OperationalError

    from storage.engine import ensure_schema, make_engine

    engine = make_engine(url)
    wait, started = 1.0, time.monotonic()
    while True:
        try:
            ensure_schema(engine)
            if time.monotonic() - started > 1:
                log.warning("the database answers; starting")
            return engine
        except (OperationalError, InterfaceError) as exc:
            if stop_after is not None and time.monotonic() - started > stop_after:
                raise
            if wait == 1.0:
                log.warning("the database is unreachable (%s); retrying with backoff", _describe(exc))
            time.sleep(wait)
            wait = min(wait * 2, 30.0)


async def serve(
    settings: Settings,
    core: Conversation,
    *,
    terminal: TerminalChannel | None = None,
    engine: Engine | None = None,
    stop: asyncio.Event | None = None,
) -> None:
    """Run every configured channel (and, given an engine, the reminder scheduler) until `stop` is set, a
    signal arrives, or the terminal chat ends.

    Each channel runs in its own supervised loop: a platform or database that is away is retried with
    backoff (at start-up too), and no channel's failure ends the process. Whenever a platform runs,
    `/healthz` and `/metrics` are served on WEBHOOK_HOST:WEBHOOK_PORT (with the webhooks, if any)."""
    from bot.channels import durable

    from . import metrics

    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            loop.add_signal_handler(sig, stop.set)
    jobs: list[Awaitable[None]] = []
    senders: dict[str, Sender] = {}
    app: web.Application | None = None
    closers: list[Callable[[], Awaitable[object]]] = []
    if metrics.update_outcome not in durable.observers:
        durable.observers.append(metrics.update_outcome)

    if settings.telegram_bot_token is not None:
        from bot.channels import telegram

        bot = telegram.build_bot(settings.telegram_bot_token.get_secret_value(), settings.telegram_api_base)
        closers.append(bot.session.close)
        dispatcher = telegram.build_dispatcher(core)
        senders["telegram"] = telegram.TelegramSender(bot)
        app = app or web.Application()
        if settings.telegram_webhook_url and settings.telegram_webhook_secret is not None:
            secret = settings.telegram_webhook_secret.get_secret_value()
            app = telegram.webhook_app(
                bot, dispatcher, secret=secret, path=_path(settings.telegram_webhook_url, "/telegram"), app=app
            )
            url = settings.telegram_webhook_url

            async def telegram_webhook() -> None:
                await telegram.learn_link(bot, core)
                await telegram.set_webhook(bot, url=url, secret=secret)

            jobs.append(retrying("Telegram start-up (getMe, setWebhook)", telegram_webhook, stop))
        else:

            async def telegram_polling() -> None:
                await telegram.learn_link(bot, core)
                await telegram.run_polling(bot, dispatcher)

            jobs.append(retrying("Telegram polling", telegram_polling, stop, again_after_return=True))

    if settings.zalo_bot_token is not None:
        from bot.channels import zalo

        client = zalo.ZaloClient(settings.zalo_bot_token.get_secret_value(), base=settings.zalo_api_base)
        closers.append(client.aclose)
        channel = zalo.ZaloChannel(client, core)
        senders["zalo"] = zalo.ZaloSender(channel)
        app = app or web.Application()
        if settings.zalo_webhook_url and settings.zalo_webhook_secret is not None:
            zsecret = settings.zalo_webhook_secret.get_secret_value()
            app = channel.webhook_app(zsecret, path=_path(settings.zalo_webhook_url, "/zalo"), app=app)
            zurl = settings.zalo_webhook_url
            jobs.append(retrying("Zalo setWebhook", lambda: client.set_webhook(zurl, zsecret), stop))
        else:

            async def zalo_polling() -> None:
                with contextlib.suppress(zalo.ZaloError):
                    await client.delete_webhook()  # getUpdates does not work while a webhook is set
                await channel.poll(stop=stop)

            jobs.append(retrying("Zalo polling", zalo_polling, stop, again_after_return=True))

    runner: web.AppRunner | None = None
    if app is not None:
        metrics.add_routes(app, engine or core.engine)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        site_runner = runner

        async def listen() -> None:
            await web.TCPSite(site_runner, settings.webhook_host, settings.webhook_port).start()
            log.info("listening on %s:%s (webhooks, /healthz, /metrics)", settings.webhook_host, settings.webhook_port)

        jobs.append(retrying(f"listening on port {settings.webhook_port}", listen, stop))

    if terminal is not None:
        senders["terminal"] = TerminalSender(terminal)
    scheduler = None
    service: ReminderService | None = None
    if engine is not None:
        counted: dict[str, Sender] = {name: metrics.CountingSender(name, s) for name, s in senders.items()}
        service = reminder_service(settings, engine, counted)
        scheduler = start_scheduler(
            service,
            plan_seconds=settings.plan_interval_seconds,
            dispatch_seconds=settings.dispatch_interval_seconds,
            timezone=settings.timezone,
        )

    tasks = [asyncio.ensure_future(job) for job in jobs]
    waiter = asyncio.ensure_future(stop.wait())
    try:
        if terminal is not None:
            chat = asyncio.ensure_future(terminal.run())
            await asyncio.wait({chat, waiter}, return_when=asyncio.FIRST_COMPLETED)
        else:
            await waiter  # the channels' loops never end by themselves: they retry
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
