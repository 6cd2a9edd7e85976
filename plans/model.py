"""Frozen values the plans package produces: text in, these out."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

Comparator = Literal[">=", ">", "<=", "<", "="]
Frequency = Literal["monthly", "quarterly", "semiannual", "yearly"]


@dataclass(frozen=True, kw_only=True)
class Table:
    """A table as read: a header row (possibly empty) and body rows of cell texts."""

    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True, kw_only=True)
class Paragraph:
    text: str


Block = Paragraph | Table


@dataclass(frozen=True, kw_only=True)
class Document:
    """What a reader yields: blocks in reading order, and where they came from."""

    source: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True, kw_only=True)
class Clause:
    """One numbered (or bulleted, or appendix-row) part of a plan."""

    path: str
    label: str
    kind: Literal["section", "item", "letter", "bullet", "appendix", "row", "preamble"]
    text: str
    parent: str | None
    position: int


@dataclass(frozen=True, kw_only=True)
class Target:
    """A measurable target (chỉ tiêu): metric, comparator, value and unit of measure."""

    clause: str
    metric: str
    comparator: Comparator
    value: float
    value_text: str
    measure: str
    quote: str
    # a value the plan states as where things stand ("năm 2026 đạt 64,2%", "tăng từ 64,2% lên 95%"): what
    # was reached, not what must be; answers a question about the past or the present, never one about a goal
    baseline: bool = False


@dataclass(frozen=True, kw_only=True)
class Deadline:
    """One due date; `period` names the reporting period ("6 tháng", "quý I/2023") when there is one."""

    due: dt.date
    period: str | None = None
    label: str | None = None
    unit: str | None = None  # when the plan assigns this one period to one unit (a rotation by term)


@dataclass(frozen=True, kw_only=True)
class Recurrence:
    """A due date repeated each period (month, quarter, half-year, year) whose due day falls between two dates.

    The due day is the period's last day, or `day` of the period's last month moved by `shift` months
    ("ngày 5 của tháng cuối quý": day 5; "trước ngày 10 tháng sau": day 10, shift 1). `slots` keeps only
    some periods (months 5 and 11; quarters I and III). With `rotation`, the responsible unit changes with
    the period (slot 1 = first period of the year).
    """

    frequency: Frequency
    start: dt.date
    end: dt.date
    label: str | None = None
    rotation: tuple[tuple[int, str], ...] = ()
    day: int | None = None
    shift: int = 0
    slots: tuple[int, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Schedule:
    """What a time expression means: dated parts, or none (undated) with the reason in words."""

    text: str
    deadlines: tuple[Deadline, ...] = ()
    recurrences: tuple[Recurrence, ...] = ()
    undated: str | None = None
    unsure: str | None = None

    @property
    def is_dated(self) -> bool:
        return bool(self.deadlines or self.recurrences)


@dataclass(frozen=True, kw_only=True)
class Unit:
    """An organisational unit (đơn vị) with the names it goes by."""

    key: str
    name: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Task:
    """A task (nhiệm vụ) with its product, responsible units and schedule."""

    clause: str
    title: str
    product: str | None
    leads: tuple[str, ...]
    partners: tuple[str, ...]
    schedule: Schedule
    quote: str
    category: str | None = None
    context: str | None = None
    unsure: tuple[str, ...] = ()

    @property
    def rotating(self) -> bool:
        return any(r.rotation for r in self.schedule.recurrences)


@dataclass(frozen=True, kw_only=True)
class Occurrence:
    """One task, one period, one responsible unit, one due date."""

    task_index: int
    unit: str
    due: dt.date
    period: str | None
    label: str | None


def plan_reference(
    number: str | None,
    symbol: str | None,
    issuer: str,
    issue_date: dt.date | None = None,
    issue_month: int | None = None,
    issue_year: int | None = None,
) -> str:
    """How a citation names a plan: "259/KH-GDĐT Phòng GDĐT Quận 7"; one issued without a number by its
    kind and month: "KH (chưa số) Sở GDĐT Sóc Trăng, 12/2022"."""
    if number:
        return f"{number} {issuer}".strip()
    kind = (symbol or "KH").split("-", 1)[0]
    when = ""
    if issue_date:
        when = f", {issue_date.day:02d}/{issue_date.month:02d}/{issue_date.year}"
    elif issue_month and issue_year:
        when = f", {issue_month:02d}/{issue_year}"
    elif issue_year:
        when = f", {issue_year}"
    return f"{kind} (chưa số) {issuer}{when}"


@dataclass(frozen=True, kw_only=True)
class PlanMeta:
    number: str | None
    symbol: str | None
    issuer: str
    place: str | None
    issue_date: dt.date | None
    issue_month: int | None
    issue_year: int | None
    year: int
    title: str
    signer: str | None
    signer_title: str | None
    kind: str = "plan"

    @property
    def reference(self) -> str:
        return plan_reference(self.number, self.symbol, self.issuer, self.issue_date, self.issue_month, self.issue_year)

    @property
    def start_date(self) -> dt.date:
        """The day the plan takes effect: its issue date, or the first of its issue month."""
        if self.issue_date:
            return self.issue_date
        if self.issue_year and self.issue_month:
            return dt.date(self.issue_year, self.issue_month, 1)
        return dt.date(self.year, 1, 1)


@dataclass(frozen=True, kw_only=True)
class Plan:
    meta: PlanMeta
    clauses: tuple[Clause, ...]
    targets: tuple[Target, ...]
    tasks: tuple[Task, ...]
    units: tuple[Unit, ...]
    source: str
    content_hash: str
    recipients: tuple[str, ...] = field(default=())
