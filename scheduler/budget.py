"""The send budget every replica draws from: the platform's overall rate and each chat's.

`DatabaseBudget` keeps it in the `send_budget` table (PostgreSQL, or SQLite for one machine), `RedisBudget`
in Redis when `REDIS_URL` is set. Both are GCRA reservations made atomically: evenly spaced slots, no
burst, whatever the number of replicas; a slot is a wall-clock time, so a slow reservation does not push
the send later than its slot (and bunch it up with the next). A reservation further away than `max_wait`
is refused, so a worker holding claims never waits past its lease; it gives the rows back instead.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any, Protocol

from sqlalchemy import Engine

from storage.budget import reserve


class SendBudget(Protocol):
    async def reserve(self, name: str, *, interval: float, max_wait: float) -> float | None:
        """The wall-clock time (`time.time()`) of the slot reserved under `name`, or None (nothing reserved)
        when it lies beyond `max_wait`."""
        ...

    async def close(self) -> None: ...


class DatabaseBudget:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def _reserve(self, name: str, interval: float, max_wait: float) -> float | None:
        with self.engine.begin() as connection:
            return reserve(connection, name=name, interval=interval, max_wait=max_wait)

    async def reserve(self, name: str, *, interval: float, max_wait: float) -> float | None:
        return await asyncio.to_thread(self._reserve, name, interval, max_wait)

    async def close(self) -> None:
        return None


_GCRA = """
local now = tonumber(ARGV[3])
local interval = tonumber(ARGV[1])
local max_wait = tonumber(ARGV[2])
local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
if tat > now + max_wait then return false end
local slot = math.max(tat, now)
local ttl = math.ceil((slot + interval - now) * 1000) + 1000
redis.call('SET', KEYS[1], string.format('%.6f', slot + interval), 'PX', ttl)
return string.format('%.6f', slot)
"""


class RedisBudget:
    """The same reservations in Redis (its clock, one Lua script per reservation)."""

    def __init__(self, url: str, *, prefix: str = "nhacviec:budget:") -> None:
        import redis.asyncio as redis  # optional dependency: pip install "nhacviec[redis]"

        self.client: Any = redis.Redis.from_url(url)
        self.prefix = prefix
        self._script = self.client.register_script(_GCRA)

    async def reserve(self, name: str, *, interval: float, max_wait: float) -> float | None:
        result = await self._script(keys=[self.prefix + name], args=[interval, max_wait, time.time()])
        return None if result is None else float(result)

    async def close(self) -> None:
        await self.client.aclose()


def budget_for(engine: Engine, redis_url: str | None = None) -> SendBudget:
    return RedisBudget(redis_url) if redis_url else DatabaseBudget(engine)
