"""Tables. Plans own their clauses, targets and tasks; tasks own their occurrences; units stand alone
so that members (and everything keyed to a unit) survive a plan's re-import."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, Column, ForeignKey, Index, Integer, LargeBinary, UniqueConstraint
from sqlalchemy import false as sa_false
from sqlmodel import Field, SQLModel

from plans.model import plan_reference

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
    kind: str = Field(default="plan", max_length=20)  # plan, or a decision that wraps one
    source: str = Field(max_length=500)
    content_hash: str = Field(index=True, max_length=64)
    recipients: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    imported_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)

    @property
    def reference(self) -> str:
        return plan_reference(self.number, self.symbol, self.issuer, self.issue_date, self.issue_month, self.issue_year)


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
    # where things stand ("tăng từ 64,2% lên 95%": 64,2%), not a goal
    baseline: bool = Field(default=False, sa_column_kwargs={"server_default": sa_false()})


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
    context: str | None = None  # the row a sub-row belongs to: shown after its own requirement
    unsure: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False, server_default="[]"))


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


class MemberRow(SQLModel, table=True):
    """A chat user (or a group chat standing for a unit) on one channel, linked to a unit with a role."""

    __tablename__ = "member"
    __table_args__ = (UniqueConstraint("channel", "chat_id", "user_id"),)

    id: int | None = Field(default=None, primary_key=True)
    channel: str = Field(max_length=20)
    chat_id: str = Field(max_length=100, index=True)
    # The person's id on the channel; "" for a group chat that stands for its unit.
    user_id: str = Field(max_length=100, index=True)
    name: str = Field(default="", max_length=200)
    unit_id: int | None = Field(
        default=None, sa_column=Column(Integer, ForeignKey("unit.id", ondelete="SET NULL"), nullable=True, index=True)
    )
    role: str = Field(default="staff", max_length=10)
    locale: str | None = Field(default=None, max_length=5)
    active: bool = True
    created_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)

    @property
    def is_group(self) -> bool:
        return self.user_id == ""


class JoinCodeRow(SQLModel, table=True):
    """A per-unit code a person types after /start (or opens as a deep link) to join that unit."""

    __tablename__ = "join_code"

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(unique=True, index=True, max_length=64)  # sha256 hex digest: the code is never stored
    unit_id: int = Field(sa_column=Column(Integer, ForeignKey("unit.id", ondelete="CASCADE"), nullable=False))
    role: str = Field(default="staff", max_length=10)
    created_by: int | None = Field(
        default=None, sa_column=Column(Integer, ForeignKey("member.id", ondelete="SET NULL"), nullable=True)
    )
    created_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    expires_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    uses: int = 0


class InboundRow(SQLModel, table=True):
    """Every update a user sent, stored (once, by its platform key) in the transaction that handles it."""

    __tablename__ = "inbound"
    __table_args__ = (UniqueConstraint("channel", "event_key"),)

    id: int | None = Field(default=None, primary_key=True)
    channel: str = Field(max_length=20)
    event_key: str = Field(max_length=200)
    chat_id: str = Field(max_length=100)
    user_id: str = Field(max_length=100)
    text: str = ""
    payload: str | None = Field(default=None, max_length=100)
    outcome: str = Field(default="", max_length=40)
    received_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)


class ConversationRow(SQLModel, table=True):
    """What a chat is in the middle of (numbered choices offered, a note awaited): any replica can continue."""

    __tablename__ = "conversation"

    channel: str = Field(primary_key=True, max_length=20)
    chat_id: str = Field(primary_key=True, max_length=100)
    state: str = Field(default="", max_length=20)
    data: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    choices: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    updated_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class StatusReportRow(SQLModel, table=True):
    """One answer of a unit about one occurrence: done, in progress, blocked (with a note) or snoozed."""

    __tablename__ = "status_report"

    id: int | None = Field(default=None, primary_key=True)
    occurrence_id: int = Field(
        sa_column=Column(Integer, ForeignKey("occurrence.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    unit_id: int = Field(sa_column=Column(Integer, ForeignKey("unit.id", ondelete="CASCADE"), nullable=False))
    member_id: int | None = Field(
        default=None, sa_column=Column(Integer, ForeignKey("member.id", ondelete="SET NULL"), nullable=True)
    )
    choice: str = Field(max_length=12)
    note: str | None = None
    created_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)


class OutboxRow(SQLModel, table=True):
    """A message before it is sent: written first, claimed with a lease, sent, then marked with its message id.

    `key` makes a reminder unique per occurrence, member and kind (and a notice per event and member), so
    planning twice, or on two replicas, never queues it twice.
    """

    __tablename__ = "outbox"
    # Dispatch walks pending rows in send order: one index serves that walk on both databases.
    __table_args__ = (Index("ix_outbox_pending", "status", "send_at", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True, max_length=200)
    member_id: int = Field(
        sa_column=Column(Integer, ForeignKey("member.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    occurrence_id: int | None = Field(
        default=None, sa_column=Column(Integer, ForeignKey("occurrence.id", ondelete="CASCADE"), nullable=True)
    )
    task_id: int | None = Field(
        default=None, sa_column=Column(Integer, ForeignKey("task.id", ondelete="CASCADE"), nullable=True)
    )
    kind: str = Field(max_length=12)
    send_at: dt.datetime = Field(sa_type=UTCDateTime)  # ix_outbox_pending serves it (and status)
    text: str | None = None
    status: str = Field(default="pending", max_length=10)
    claimed_by: str | None = Field(default=None, max_length=100)
    lease_until: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    attempts: int = 0
    sent_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    message_id: str | None = Field(default=None, max_length=100)
    error: str | None = None


class SendBudgetRow(SQLModel, table=True):
    """A send budget shared by every replica: one row per limit (the platform's overall rate, a chat's),
    holding the theoretical arrival time of the next message (GCRA, seconds since the epoch)."""

    __tablename__ = "send_budget"

    name: str = Field(primary_key=True, max_length=200)
    tat: float = 0.0


class PlanDraftRow(SQLModel, table=True):
    """A plan brought in but not confirmed: its file as sent, read again on review and on confirmation.

    Drafts schedule nothing: no task, occurrence or reminder exists for them until an officer confirms.
    """

    __tablename__ = "plan_draft"

    id: int | None = Field(default=None, primary_key=True)
    filename: str = Field(max_length=300)
    content: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    reference: str = Field(default="", max_length=400)
    status: str = Field(default="draft", max_length=12, index=True)  # draft, confirmed, discarded
    uploaded_by: str = Field(default="", max_length=200)  # "telegram:123 Name" or "cli"
    created_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    decided_by: str | None = Field(default=None, max_length=200)
    decided_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    plan_id: int | None = Field(
        default=None, sa_column=Column(Integer, ForeignKey("plan.id", ondelete="SET NULL"), nullable=True)
    )


class CorrectionRow(SQLModel, table=True):
    """An officer's correction of what the reader made of a task, kept across re-imports of the same plan.

    Keyed to the plan's identity and the task's identity (its section and words), not to row ids, and
    kept as the audit trail: who changed what, from what, to what, when.
    """

    __tablename__ = "correction"

    id: int | None = Field(default=None, primary_key=True)
    plan_key: str = Field(index=True, max_length=300)
    task_ref: str = Field(max_length=64)
    clause: str = Field(max_length=100)
    field: str = Field(max_length=12)  # due, recurrence, units, drop
    value: str = Field(default="")
    previous: str = Field(default="")
    by: str = Field(default="", max_length=200)
    created_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class UnitGroupRow(SQLModel, table=True):
    """A class of units a plan names ("Các đơn vị trực thuộc Sở") and a member unit that answers for itself."""

    __tablename__ = "unit_group"

    group_id: int = Field(sa_column=Column(Integer, ForeignKey("unit.id", ondelete="CASCADE"), primary_key=True))
    member_id: int = Field(sa_column=Column(Integer, ForeignKey("unit.id", ondelete="CASCADE"), primary_key=True))
    added_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    since: dt.date | None = None  # a unit that joined an existing group answers for deadlines from this day on
