"""One exception root for reading plans; every message names the file and says what to do."""

from __future__ import annotations


class PlanError(Exception):
    """A document that cannot become a plan. `str(error)` is a one-line message for the user."""


class UnsupportedFormat(PlanError):
    pass


class UnreadableDocument(PlanError):
    pass


class EmptyDocument(PlanError):
    pass


class NotAPlan(PlanError):
    pass
