"""What every group of commands shares: the core's settings and its services (calendar, answer engine)."""

from __future__ import annotations

from dataclasses import dataclass, field

from scheduler.calendar import WorkCalendar

from .library import Library


@dataclass(frozen=True, kw_only=True)
class CoreConfig:
    admin_ids: frozenset[str] = frozenset()  # "telegram:123", "zalo:abc" or a bare id for any channel
    default_locale: str = "vi"
    timezone: str = "Asia/Ho_Chi_Minh"
    join_code_days: int = 30
    deadline_days: int = 60
    # A deep link per channel, with {code} for the join code (Telegram: https://t.me/<bot>?start={code}).
    links: dict[str, str] = field(default_factory=dict)


@dataclass(kw_only=True)
class Services:
    """Handed to every handler module; `config` may be replaced when an adapter learns its deep link."""

    config: CoreConfig
    calendar: WorkCalendar
    library: Library
