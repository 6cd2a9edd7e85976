"""Store an update before acknowledging it, whatever fails.

The core stores every update it handles, even one whose handling failed (it then answers politely); an
exception escaping `Conversation.handle` therefore means the update was *not* stored — the database is
away. The adapters call `store`, which keeps the update and retries with backoff: polling does not move
past it, a webhook gives up after `give_up_after` seconds and answers non-2xx so the platform retries.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from contextvars import ContextVar

from ..core import Conversation, Incoming, Reply

log = logging.getLogger("nhacviec.inbound")

# Observers of outcomes ("handled" or "failed", channel): the composition root hooks its metrics here.
observers: list[Callable[[str, str], None]] = []
# The update being stored ("telegram:123"), for log lines (JSON logs carry it as "update").
current_update: ContextVar[str | None] = ContextVar("current_update", default=None)
# Backoff between attempts, in seconds (tests shorten it).
FIRST_WAIT = 0.5
LONGEST_WAIT = 5.0


class NotStored(Exception):
    """The update could not be stored within the patience given: do not acknowledge it."""


def describe(exc: BaseException) -> str:
    """One line for a log: the exception's type and the first line of its message (no traceback)."""
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0][:200]}" if text else type(exc).__name__


def _notify(outcome: str, channel: str) -> None:
    for observer in observers:
        try:
            observer(outcome, channel)
        except Exception:  # a metrics hook never breaks the conversation
            log.debug("observer failed", exc_info=True)


async def store(core: Conversation, incoming: Incoming, *, give_up_after: float | None = None) -> list[Reply]:
    """Handle (and so store) one update, retrying while the database is away; its replies.

    With `give_up_after` None it retries until it succeeds (or the task is cancelled at shutdown: the update
    was never acknowledged, the platform gives it again); else it raises `NotStored` after that many seconds.
    """
    loop = asyncio.get_running_loop()
    current_update.set(f"{incoming.channel}:{incoming.event_key}")
    started: float | None = None
    wait = FIRST_WAIT
    while True:
        try:
            replies = await asyncio.to_thread(core.handle, incoming)
        except Exception as exc:
            now = loop.time()
            _notify("failed", incoming.channel)
            if started is None:
                started = now
                log.warning(
                    "%s update %s not stored (%s); kept, retrying until the database answers",
                    incoming.channel,
                    incoming.event_key,
                    describe(exc),
                )
            pause = wait
            if give_up_after is not None:
                if now - started >= give_up_after:
                    raise NotStored(describe(exc)) from None
                pause = min(wait, started + give_up_after - now)
            await asyncio.sleep(pause)
            wait = min(wait * 2, LONGEST_WAIT)
            continue
        if started is not None:
            log.warning("%s update %s stored after %.0f s", incoming.channel, incoming.event_key, loop.time() - started)
        _notify("handled", incoming.channel)
        return replies
