"""Working days in Vietnam: weekends and public holidays (Tết included) from the `holidays` package."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from plans.workdays import holidays_of as _holidays  # the one calendar; `holidays` loads on first use


class WorkCalendar:
    """Which days are working days and when office hours start and end, in the office's time zone."""

    def __init__(
        self, *, timezone: str = "Asia/Ho_Chi_Minh", start: dt.time = dt.time(8), end: dt.time = dt.time(17)
    ) -> None:
        self.zone = ZoneInfo(timezone)
        self.start = start
        self.end = end

    def is_holiday(self, day: dt.date) -> bool:
        return day in _holidays(day.year)

    def is_working_day(self, day: dt.date) -> bool:
        return day.weekday() < 5 and not self.is_holiday(day)

    def previous_working_day(self, day: dt.date) -> dt.date:
        """`day` itself when it is a working day, else the last working day before it."""
        while not self.is_working_day(day):
            day -= dt.timedelta(days=1)
        return day

    def next_working_day(self, day: dt.date) -> dt.date:
        """`day` itself when it is a working day, else the first working day after it."""
        while not self.is_working_day(day):
            day += dt.timedelta(days=1)
        return day

    def add_working_days(self, day: dt.date, count: int) -> dt.date:
        """The working day `count` working days from `day` (negative counts go back)."""
        step = dt.timedelta(days=1 if count > 0 else -1)
        for _ in range(abs(count)):
            day += step
            while not self.is_working_day(day):
                day += step
        return day

    def at(self, day: dt.date, time: dt.time | None = None) -> dt.datetime:
        """An aware datetime on `day` at `time` (office opening by default), in the office's zone."""
        return dt.datetime.combine(day, time or self.start, tzinfo=self.zone)

    def local(self, moment: dt.datetime) -> dt.datetime:
        return moment.astimezone(self.zone)

    def today(self, now: dt.datetime) -> dt.date:
        return self.local(now).date()

    def in_office_hours(self, moment: dt.datetime) -> bool:
        local = self.local(moment)
        return self.is_working_day(local.date()) and self.start <= local.time() < self.end

    def next_working_morning(self, moment: dt.datetime) -> dt.datetime:
        """Opening time of the first working day after `moment`'s day (a snoozed reminder comes back then)."""
        day = self.local(moment).date() + dt.timedelta(days=1)
        return self.at(self.next_working_day(day))
