"""Vietnamese working days: weekends and public holidays (Tết included) from the `holidays` package.

The plans count some deadlines in working days ("10 ngày làm việc kể từ ngày ban hành") and the scheduler
moves reminders off days off; both use this one calendar.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache


@lru_cache(maxsize=64)
def holidays_of(year: int) -> frozenset[dt.date]:
    """Loaded on first use: `holidays` (with its lunar calendars) is a tenth of a second that answering a
    question never needs."""
    import holidays

    return frozenset(holidays.country_holidays("VN", years=[year]).keys())


def is_holiday(day: dt.date) -> bool:
    return day in holidays_of(day.year)


def is_working_day(day: dt.date) -> bool:
    return day.weekday() < 5 and not is_holiday(day)


def add_working_days(day: dt.date, count: int) -> dt.date:
    """The working day `count` working days from `day` (negative counts go back)."""
    step = dt.timedelta(days=1 if count > 0 else -1)
    for _ in range(abs(count)):
        day += step
        while not is_working_day(day):
            day += step
    return day
