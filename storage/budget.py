"""A send budget shared by every replica, in the database: GCRA reservations updated atomically.

One row per limit ("telegram" for the platform's overall rate, "telegram:<chat>" for a chat's) holds the
theoretical arrival time of the next message. A reservation moves it one interval on and says how long
to wait for the slot it got, in one statement; a reservation further away than `max_wait` is refused
(and moves nothing), so a worker never waits past its lease for a slot.
"""

from __future__ import annotations

import time

from sqlalchemy import Connection, text

_POSTGRES = text(
    """
    INSERT INTO send_budget (name, tat) VALUES (:name, CAST(:now AS double precision) + :interval)
    ON CONFLICT (name) DO UPDATE
        SET tat = GREATEST(send_budget.tat, CAST(:now AS double precision)) + :interval
        WHERE send_budget.tat <= CAST(:now AS double precision) + :max_wait
    RETURNING tat - :interval
    """
)
_SQLITE = text(
    """
    INSERT INTO send_budget (name, tat) VALUES (:name, :now + :interval)
    ON CONFLICT (name) DO UPDATE
        SET tat = max(send_budget.tat, :now) + :interval
        WHERE send_budget.tat <= :now + :max_wait
    RETURNING tat - :interval
    """
)


def reserve(connection: Connection, *, name: str, interval: float, max_wait: float) -> float | None:
    """The wall-clock time (seconds since the epoch) of the next slot of `name`, now at the earliest, or
    None when it lies beyond `max_wait` (nothing reserved).

    The slot is absolute, so the time the statement took (a busy database) is not added to the wait; the
    replicas' clocks are assumed in step (NTP keeps them within milliseconds).
    """
    now = time.time()
    statement = _POSTGRES if connection.dialect.name == "postgresql" else _SQLITE
    row = connection.execute(
        statement, {"name": name, "interval": float(interval), "max_wait": float(max_wait), "now": now}
    ).first()
    return None if row is None else float(row[0])
