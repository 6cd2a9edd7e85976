"""The answer engine over the stored plans, rebuilt only when a plan is imported or updated."""

from __future__ import annotations

import threading

from sqlmodel import Session

from plans.answer import Engine
from storage.knowledge import load_plans, plans_version


class Library:
    """One engine shared by every chat; reloads lazily when the stored plans change."""

    def __init__(self) -> None:
        self._engine: Engine | None = None
        self._version: tuple[int, str] | None = None
        self._lock = threading.Lock()

    def engine(self, *, session: Session) -> Engine | None:
        version = plans_version(session=session)
        if version != self._version:
            with self._lock:
                if version != self._version:
                    plans, names = load_plans(session=session)
                    self._engine = Engine(plans, names) if plans else None
                    self._version = version
        return self._engine
