"""APScheduler 3 only ticks: two interval jobs (plan, dispatch) in its in-memory store, explicit ids,
`coalesce=True`, no misfire drop. Everything that must happen is an outbox row, so a tick missed while
the process was down is simply done by the next one."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from sqlalchemy import Engine

from storage.engine import session_scope
from storage.types import utcnow

from .calendar import WorkCalendar
from .dispatch import Dispatcher, DispatchStats
from .planner import PlanningWindow, plan_reminders
from .policy import ReminderPolicy


@dataclass
class ReminderService:
    engine: Engine
    policy: ReminderPolicy
    calendar: WorkCalendar
    dispatcher: Dispatcher
    window: PlanningWindow
    clock: Callable[[], dt.datetime] = utcnow
    _running: set[asyncio.Task[object]] = field(default_factory=set, init=False, repr=False)

    def _track(self) -> None:
        task = asyncio.current_task()
        if task is not None:
            self._running.add(task)  # type: ignore[arg-type]
            task.add_done_callback(self._running.discard)

    async def settle(self, seconds: float = 30.0) -> None:
        """Let a tick already under way finish before the process exits (its rows are written either way)."""
        await asyncio.sleep(0.05)  # a tick the scheduler has just submitted starts (and registers) first
        if self._running:
            await asyncio.wait(set(self._running), timeout=seconds)

    async def close(self) -> None:
        """Release what the dispatcher holds open (the Redis connection of a shared send budget)."""
        await self.dispatcher.budget.close()

    def plan_now(self) -> int:
        with session_scope(self.engine) as session:
            return plan_reminders(
                session=session, now=self.clock(), policy=self.policy, calendar=self.calendar, window=self.window
            )

    async def plan(self) -> int:
        self._track()
        return await asyncio.to_thread(self.plan_now)

    async def dispatch(self) -> DispatchStats:
        self._track()
        return await self.dispatcher.run_once()

    async def tick(self) -> DispatchStats:
        """One plan and one dispatch pass (what `nhacviec reminders send-due` runs)."""
        await self.plan()
        return await self.dispatch()


def start_scheduler(
    service: ReminderService, *, plan_seconds: float, dispatch_seconds: float, timezone: str
) -> AsyncIOScheduler:
    scheduler = AsyncIOScheduler(timezone=timezone)
    now = dt.datetime.now(dt.UTC)
    common = {"coalesce": True, "misfire_grace_time": None, "max_instances": 1, "replace_existing": True}
    scheduler.add_job(service.plan, "interval", seconds=plan_seconds, id="plan", next_run_time=now, **common)
    scheduler.add_job(
        service.dispatch,
        "interval",
        seconds=dispatch_seconds,
        id="dispatch",
        next_run_time=now + dt.timedelta(seconds=1),
        **common,
    )
    scheduler.start()
    return scheduler
