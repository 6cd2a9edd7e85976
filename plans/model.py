"""Frozen values the plans package produces: text in, these out."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

Comparator = Literal[">=", ">", "<=", "<", "="]
Frequency = Literal["monthly", "quarterly"]


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


@dataclass(frozen=True, kw_only=True)
class Deadline:
    """One due date; `period` names the reporting period ("6 tháng", "quý I/2023") when there is one."""

    due: dt.date
    period: str | None = None
    label: str | None = None


@dataclass(frozen=True, kw_only=True)
class Recurrence:
    """A repeating due date at the end of each month or quarter between two dates.

    With `rotation`, the responsible unit changes with the period (index 1 = first period of the year).
    """

    frequency: Frequency
    start: dt.date
    end: dt.date
    label: str | None = None
    rotation: tuple[tuple[int, str], ...] = ()


@dataclass(frozen=True, kw_only=True)
class Schedule:
    """What a time expression means: dated parts, or none (undated) with the reason in words."""

    text: str
    deadlines: tuple[Deadline, ...] = ()
    recurrences: tuple[Recurrence, ...] = ()
    undated: str | None = None

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

    @property
    def reference(self) -> str:
        """How a citation names the plan: "259/KH-GDĐT Phòng GDĐT Quận 7"."""
        number = self.number or (f"/{self.symbol}" if self.symbol else "")
        return f"{number} {self.issuer}".strip()

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
