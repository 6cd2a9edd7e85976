"""A small office for bot tests: the sample plans, join codes for two units, a core on a fixed clock."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy import Engine

from bot.core import Conversation, CoreConfig, Incoming, Reply
from storage.engine import session_scope
from storage.members import add_member, create_join_code
from storage.plans import resolve_units
from storage.reports import unit_occurrences

ICT = ZoneInfo("Asia/Ho_Chi_Minh")
# A Monday in the Sóc Trăng plan's year, weeks before its 15/6 six-month report.
MONDAY = dt.datetime(2023, 5, 22, 9, 30, tzinfo=ICT)


@dataclass
class World:
    engine: Engine
    core: Conversation
    codes: dict[str, str]
    units: dict[str, int]

    def occurrence_of(self, unit: str) -> int:
        """An occurrence of a unit due after MONDAY."""
        with session_scope(self.engine) as session:
            rows = unit_occurrences(session=session, unit_ids=[self.units[unit]], start=MONDAY.date())
        return rows[0].id

    def say(
        self, text: str, *, user: str = "u1", name: str = "Lan", channel: str = "telegram", **kw: object
    ) -> list[Reply]:
        return self.core.handle(Incoming(channel=channel, chat_id=user, user_id=user, name=name, text=text, **kw))

    def press(self, payload: str, *, user: str = "u1", channel: str = "telegram") -> list[Reply]:
        return self.core.handle(Incoming(channel=channel, chat_id=user, user_id=user, payload=payload, event="button"))


def make_world(engine: Engine, *, clock: dt.datetime = MONDAY, links: dict[str, str] | None = None) -> World:
    codes: dict[str, str] = {}
    units: dict[str, int] = {}
    with session_scope(engine) as session:
        for short in ("VP", "TCCB"):
            unit = resolve_units(session=session, name=short)[0]
            units[short] = unit.id or 0
            codes[short] = create_join_code(session=session, unit_id=unit.id or 0, now=clock).code
        add_member(
            session=session,
            channel="telegram",
            chat_id="boss",
            user_id="boss",
            unit_id=None,
            role="admin",
            name="Trưởng phòng",
        )
    core = Conversation(
        engine=engine,
        config=CoreConfig(admin_ids=frozenset({"telegram:root"}), links=links or {}),
        clock=lambda: clock.astimezone(dt.UTC),
    )
    return World(engine=engine, core=core, codes=codes, units=units)
