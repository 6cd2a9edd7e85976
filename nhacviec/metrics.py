"""Prometheus metrics (`nhacviec_` series) and the `/healthz` and `/metrics` endpoints.

Counters live in one registry of their own; callers count through the small functions below (the
composition root hands them to lower layers as hooks, so `scheduler/` and `bot/` never import this module).
Outbox gauges (pending, claimed, dispatch lag) are queried from the database at scrape time, so every
replica reports the same truth.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Iterator
from typing import Any

from aiohttp import web
from prometheus_client import CollectorRegistry, Counter, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector
from sqlalchemy import Engine, func, select, text

log = logging.getLogger("nhacviec.metrics")
CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
DB_TIMEOUT = 5.0  # seconds /healthz and a scrape wait for the database

REGISTRY = CollectorRegistry(auto_describe=True)
UPDATES = Counter(
    "nhacviec_updates",
    "Incoming updates by outcome (handled: stored; failed: an attempt to store failed)",
    ["channel", "outcome"],
    registry=REGISTRY,
)
SENT = Counter("nhacviec_outbox_sent", "Outbox messages the platform accepted", ["channel"], registry=REGISTRY)
FAILED = Counter("nhacviec_outbox_failed", "Outbox sends that failed", ["channel", "kind"], registry=REGISTRY)
RATE_LIMITED = Counter(
    "nhacviec_rate_limited", "Sends answered 429 (Too Many Requests)", ["channel"], registry=REGISTRY
)


def update_outcome(outcome: str, channel: str) -> None:
    """Hook for `bot.channels.durable.observers`."""
    UPDATES.labels(channel=channel, outcome=outcome).inc()


def sent(channel: str) -> None:
    SENT.labels(channel=channel).inc()


def failed(channel: str, kind: str = "transient") -> None:
    """kind: transient, unreachable, exhausted…"""
    FAILED.labels(channel=channel, kind=kind).inc()


def rate_limited(channel: str) -> None:
    RATE_LIMITED.labels(channel=channel).inc()


class CountingSender:
    """A dispatcher's sender, counted: sent, failed (by kind) and 429s. Errors are told apart by their class
    name (RetryAfter, Transient, Unreachable), so the port's errors may live in any layer."""

    def __init__(self, channel: str, sender: Any) -> None:
        self.channel = channel
        self.sender = sender

    async def send(self, chat_id: str, reply: Any) -> str:
        try:
            message_id = await self.sender.send(chat_id, reply)
        except Exception as exc:
            kind = type(exc).__name__
            if kind == "RetryAfter":
                rate_limited(self.channel)
            else:
                failed(self.channel, kind.lower())
            raise
        sent(self.channel)
        return str(message_id)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.sender, name)


def outbox_figures(engine: Engine, now: dt.datetime | None = None) -> tuple[int, int, float]:
    """(pending, claimed, lag in seconds of the oldest pending row already due; 0 when none is due)."""
    from storage.models import OutboxRow

    now = now or dt.datetime.now(dt.UTC)
    table = OutboxRow.__table__  # type: ignore[attr-defined]
    with engine.connect() as connection:
        counts = dict(
            connection.execute(select(table.c.status, func.count()).group_by(table.c.status)).all()  # type: ignore[arg-type]
        )
        oldest = connection.execute(
            select(func.min(table.c.send_at)).where(table.c.status == "pending", table.c.send_at <= now)
        ).scalar()
    lag = 0.0
    if oldest is not None:
        if oldest.tzinfo is None:
            oldest = oldest.replace(tzinfo=dt.UTC)
        lag = max(0.0, (now - oldest).total_seconds())
    return int(counts.get("pending", 0)), int(counts.get("claimed", 0)), lag


class OutboxCollector(Collector):
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def collect(self) -> Iterator[GaugeMetricFamily]:
        try:
            pending, claimed, lag = outbox_figures(self.engine)
        except Exception as exc:
            log.warning("metrics: the outbox could not be read (%s)", type(exc).__name__)
            return
        yield GaugeMetricFamily("nhacviec_outbox_pending", "Outbox rows waiting to be sent", value=pending)
        yield GaugeMetricFamily("nhacviec_outbox_claimed", "Outbox rows claimed by a sender", value=claimed)
        yield GaugeMetricFamily(
            "nhacviec_dispatch_lag_seconds", "Age of the oldest pending outbox row already due", value=lag
        )


def database_answers(engine: Engine) -> bool:
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        return True
    except Exception:
        return False


def add_routes(app: web.Application, engine: Engine) -> web.Application:
    """`GET /healthz` (200 when the database answers, else 503) and `GET /metrics` on an aiohttp app."""
    registry = CollectorRegistry(auto_describe=False)  # no database query when registering, only per scrape
    registry.register(OutboxCollector(engine))

    async def healthz(_request: web.Request) -> web.Response:
        try:
            ok = await asyncio.wait_for(asyncio.to_thread(database_answers, engine), DB_TIMEOUT)
        except TimeoutError:
            ok = False
        return web.json_response({"status": "ok" if ok else "database unreachable"}, status=200 if ok else 503)

    async def metrics(_request: web.Request) -> web.Response:
        def render() -> bytes:
            return generate_latest(REGISTRY) + generate_latest(registry)

        try:
            body = await asyncio.wait_for(asyncio.to_thread(render), DB_TIMEOUT)
        except TimeoutError:
            body = generate_latest(REGISTRY)
        return web.Response(body=body, headers={"Content-Type": CONTENT_TYPE})

    app.router.add_get("/healthz", healthz)
    app.router.add_get("/metrics", metrics)
    return app
