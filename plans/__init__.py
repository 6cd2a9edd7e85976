"""Plan documents -> structured knowledge. Pure: text in, frozen data out; no database, no network.

The readers (`parse_plan`, `parse_document`) and the occurrences (`expand_task`, `plan_occurrences`, with the
public holidays they move dates around) load on first use: answering questions needs only the model.
"""

from typing import TYPE_CHECKING, Any

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

if TYPE_CHECKING:
    from .occurrences import expand_task, plan_occurrences
    from .parse import parse_document, parse_plan


def __getattr__(name: str) -> Any:
    if name in ("parse_document", "parse_plan"):
        from . import parse

        return getattr(parse, name)
    if name in ("expand_task", "plan_occurrences"):
        from . import occurrences

        return getattr(occurrences, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
