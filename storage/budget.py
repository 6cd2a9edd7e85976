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
    INSERT INTO send_budget (name, tat)
    VALUES (:name, extract(epoch from clock_timestamp()) + :interval)
    ON CONFLICT (name) DO UPDATE
        SET tat = GREATEST(send_budget.tat, extract(epoch from clock_timestamp())) + :interval
        WHERE send_budget.tat <= extract(epoch from clock_timestamp()) + :max_wait
    RETURNING tat - :interval - extract(epoch from clock_timestamp())
    """
)
_SQLITE = text(
    """
    INSERT INTO send_budget (name, tat) VALUES (:name, :now + :interval)
    ON CONFLICT (name) DO UPDATE
        SET tat = max(send_budget.tat, :now) + :interval
        WHERE send_budget.tat <= :now + :max_wait
    RETURNING tat - :interval - :now
    """
)


def reserve(connection: Connection, *, name: str, interval: float, max_wait: float) -> float | None:
    """Seconds to wait for the next slot of `name` (0 when free now), or None when it lies beyond `max_wait`.

    PostgreSQL uses its own clock, so replicas on machines whose clocks differ still share one pace.
    """
    if connection.dialect.name == "postgresql":
        row = connection.execute(
            _POSTGRES, {"name": name, "interval": float(interval), "max_wait": float(max_wait)}
        ).first()
    else:
        now = time.time()
        row = connection.execute(
            _SQLITE, {"name": name, "interval": float(interval), "max_wait": float(max_wait), "now": now}
        ).first()
    if row is None:
        return None
    return max(0.0, float(row[0]))
