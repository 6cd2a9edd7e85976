"""Plan documents -> structured knowledge. Pure: text in, frozen data out; no database, no network."""

from .errors import EmptyDocument, NotAPlan, PlanError, UnreadableDocument, UnsupportedFormat
from .model import (
    Clause,
    Deadline,
    Document,
    Occurrence,
    Plan,
    PlanMeta,
    Recurrence,
    Schedule,
    Target,
    Task,
    Unit,
)
from .occurrences import expand_task, plan_occurrences
from .parse import parse_document, parse_plan

__all__ = [
    "Clause",
    "Deadline",
    "Document",
    "EmptyDocument",
    "NotAPlan",
    "Occurrence",
    "Plan",
    "PlanError",
    "PlanMeta",
    "Recurrence",
    "Schedule",
    "Target",
    "Task",
    "Unit",
    "UnreadableDocument",
    "UnsupportedFormat",
    "expand_task",
    "parse_document",
    "parse_plan",
    "plan_occurrences",
]
