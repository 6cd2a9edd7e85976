"""The officers' summary: per unit, how many occurrences are done, in progress, blocked, late (no reply
after the due date) and upcoming, with the late and blocked ones by name."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlmodel import Session

from .reports import OccurrenceInfo, unit_occurrences

BUCKETS = ("done", "in_progress", "blocked", "late", "upcoming")


@dataclass
class UnitSummary:
    unit: str
    done: int = 0
    in_progress: int = 0
    blocked: int = 0
    late: int = 0
    upcoming: int = 0

    @property
    def total(self) -> int:
        return self.done + self.in_progress + self.blocked + self.late + self.upcoming

    def as_json(self) -> dict:
        return {"unit": self.unit, **{b: getattr(self, b) for b in BUCKETS}}


@dataclass
class Summary:
    start: dt.date
    end: dt.date
    today: dt.date
    units: list[UnitSummary] = field(default_factory=list)
    late: list[OccurrenceInfo] = field(default_factory=list)
    blocked: list[OccurrenceInfo] = field(default_factory=list)
    rows: list[tuple[OccurrenceInfo, str]] = field(default_factory=list)  # every occurrence with its bucket

    def totals(self) -> UnitSummary:
        total = UnitSummary(unit="")
        for unit in self.units:
            for bucket in BUCKETS:
                setattr(total, bucket, getattr(total, bucket) + getattr(unit, bucket))
        return total


def bucket(occ: OccurrenceInfo, today: dt.date) -> str:
    if occ.state == "done":
        return "done"
    if occ.state == "blocked":
        return "blocked"
    if occ.state == "progress":
        return "in_progress"
    return "late" if occ.due < today else "upcoming"


def summarize(occurrences: list[OccurrenceInfo], *, start: dt.date, end: dt.date, today: dt.date) -> Summary:
    """Pure: occurrences (with their latest state) into the summary."""
    summary = Summary(start=start, end=end, today=today)
    counts: dict[str, dict[str, int]] = {}
    stated = {"done": "done", "blocked": "blocked", "progress": "in_progress"}  # `bucket`, inlined: 58,000 rows
    rows, late, blocked = summary.rows, summary.late, summary.blocked
    for occ in occurrences:
        kind = stated.get(occ.state or "") or ("late" if occ.due < today else "upcoming")
        unit = counts.get(occ.unit)
        if unit is None:
            unit = counts[occ.unit] = dict.fromkeys(BUCKETS, 0)
        unit[kind] += 1
        rows.append((occ, kind))
        if kind == "late":
            late.append(occ)
        elif kind == "blocked":
            blocked.append(occ)
    units = [UnitSummary(unit=name, **values) for name, values in counts.items()]
    summary.units = sorted(units, key=lambda u: (-(u.late + u.blocked), u.unit))
    return summary


def status_summary(
    *,
    session: Session,
    start: dt.date,
    end: dt.date,
    today: dt.date,
    unit_ids: list[int] | None = None,
    plan_ids: list[int] | None = None,
) -> Summary:
    rows = unit_occurrences(session=session, unit_ids=unit_ids, plan_ids=plan_ids, start=start, end=end)
    return summarize(rows, start=start, end=end, today=today)
