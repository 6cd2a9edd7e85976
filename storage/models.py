"""Tables. Plans own their clauses, targets and tasks; tasks own their occurrences; units stand alone
so that members (and everything keyed to a unit) survive a plan's re-import."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, Column, ForeignKey, Integer, UniqueConstraint
from sqlmodel import Field, SQLModel

from .types import UTCDateTime, utcnow


class PlanRow(SQLModel, table=True):
    __tablename__ = "plan"

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(index=True, unique=True, max_length=300)
    number: str | None = Field(default=None, max_length=100)
    symbol: str | None = Field(default=None, max_length=100)
    issuer: str = Field(max_length=300)
    place: str | None = Field(default=None, max_length=200)
    issue_date: dt.date | None = None
    issue_month: int | None = None
    issue_year: int | None = None
    year: int
    title: str
    signer: str | None = Field(default=None, max_length=200)
    signer_title: str | None = Field(default=None, max_length=200)
    source: str = Field(max_length=500)
    content_hash: str = Field(index=True, max_length=64)
    recipients: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    imported_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)

    @property
    def reference(self) -> str:
        number = self.number or (f"/{self.symbol}" if self.symbol else "")
        return f"{number} {self.issuer}".strip()


class ClauseRow(SQLModel, table=True):
    __tablename__ = "clause"
    __table_args__ = (UniqueConstraint("plan_id", "path"),)

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(
        sa_column=Column(Integer, ForeignKey("plan.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    path: str = Field(max_length=100)
    parent: str | None = Field(default=None, max_length=100)
    kind: str = Field(max_length=20)
    label: str = Field(max_length=50)
    text: str
    position: int


class TargetRow(SQLModel, table=True):
    __tablename__ = "target"

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(
        sa_column=Column(Integer, ForeignKey("plan.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    clause_path: str = Field(max_length=100)
    metric: str
    comparator: str = Field(max_length=2)
    value: float
    value_text: str = Field(max_length=50)
    measure: str = Field(max_length=200)
    quote: str


class UnitRow(SQLModel, table=True):
    __tablename__ = "unit"

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(index=True, unique=True, max_length=300)
    name: str = Field(max_length=300)
    aliases: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    manual: bool = False
    created_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class TaskRow(SQLModel, table=True):
    __tablename__ = "task"
    __table_args__ = (UniqueConstraint("plan_id", "key"),)

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(
        sa_column=Column(Integer, ForeignKey("plan.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    key: str = Field(max_length=64)
    clause_path: str = Field(max_length=100)
    position: int
    title: str
    product: str | None = None
    category: str | None = None
    schedule_text: str
    undated: str | None = Field(default=None, max_length=200)
    schedule: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    quote: str


class TaskUnitRow(SQLModel, table=True):
    __tablename__ = "task_unit"

    task_id: int = Field(sa_column=Column(Integer, ForeignKey("task.id", ondelete="CASCADE"), primary_key=True))
    unit_id: int = Field(sa_column=Column(Integer, ForeignKey("unit.id", ondelete="CASCADE"), primary_key=True))
    role: str = Field(primary_key=True, max_length=10)


class OccurrenceRow(SQLModel, table=True):
    __tablename__ = "occurrence"
    __table_args__ = (UniqueConstraint("task_id", "unit_id", "due", "period"),)

    id: int | None = Field(default=None, primary_key=True)
    task_id: int = Field(
        sa_column=Column(Integer, ForeignKey("task.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    unit_id: int = Field(
        sa_column=Column(Integer, ForeignKey("unit.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    due: dt.date = Field(index=True)
    period: str = Field(default="", max_length=50)
    label: str | None = None
