"""Typed answers to numbered items, for channels without buttons (Zalo, the terminal) and anyone who types:
"2 xong", "2 1", "2 done", "3 vướng: thiếu số liệu", a bare item number, or a bare choice word ("xong")
when only one item is open. Pure parsing plus the reading of the conversation state; no database writes."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from plans.text import fold
from storage.conversations import ConversationState

ITEMS_HOURS = 24  # a list of items stays answerable by "3 xong" this long after it was last used

# Folded words (lower case, no diacritics) for each choice; the numbers follow the buttons' order.
CHOICE_WORDS = {
    "done": (
        "xong",
        "da xong",
        "xong roi",
        "hoan thanh",
        "da hoan thanh",
        "done",
        "finished",
        "complete",
        "completed",
    ),
    "progress": (
        "dang lam",
        "lam",
        "dang thuc hien",
        "dang",
        "chua xong",
        "in progress",
        "progress",
        "doing",
        "working",
    ),
    "blocked": ("vuong", "vuong mac", "bi vuong", "kho khan", "blocked", "block", "stuck", "problem"),
    "snooze": (
        "nhac lai",
        "nhac lai sau",
        "nhac sau",
        "de sau",
        "sau",
        "later",
        "remind me later",
        "remind later",
        "snooze",
    ),
}
CHOICE_NUMBERS = {"1": "done", "2": "progress", "3": "blocked", "4": "snooze"}
_PHRASES = {phrase: choice for choice, phrases in CHOICE_WORDS.items() for phrase in phrases}
_LONGEST = max(len(p.split()) for p in _PHRASES)
_ITEM = re.compile(
    r"^\s*(?:#|số|so|item|viec|việc)?\s*(\d{1,2})(?!\d)(?![/.,:]\d)\s*[.):,\-–]?\s*(.*)$", re.DOTALL | re.I
)
_CHOICE_NUMBER = re.compile(r"^([1-4])(?![\d/.,]\w)\s*[.):,\-–]?\s*(.*)$", re.DOTALL)
_WORD = re.compile(r"\S+")
_PUNCT = " \t:;,.!-–—()"


@dataclass(frozen=True, kw_only=True)
class ItemReply:
    item: int | None = None  # 1-based item number, None when the reply names none
    choice: str | None = None  # done | progress | blocked | snooze; None for a bare item number
    note: str | None = None


def _choice(rest: str, *, strict: bool) -> tuple[str, str] | None:
    """(choice, note) from text that starts with a choice word or number; `strict` asks for a note to be
    set off by ":" (so that a question starting with "làm" is not read as "in progress")."""
    number = _CHOICE_NUMBER.match(rest)
    if number and not strict:
        return CHOICE_NUMBERS[number[1]], number[2].strip(_PUNCT)
    words = list(_WORD.finditer(rest))
    for size in range(min(_LONGEST, len(words)), 0, -1):
        phrase = fold(" ".join(m.group(0) for m in words[:size])).strip(_PUNCT)
        phrase = " ".join(phrase.replace(":", " ").split())
        if phrase in _PHRASES:
            after = rest[words[size - 1].end() :]
            head = words[size - 1].group(0)
            if strict and after.strip() and not (head.endswith(":") or after.lstrip().startswith((":", "-", "–"))):
                return None
            return _PHRASES[phrase], after.strip(_PUNCT)
    return None


def parse_reply(text: str) -> ItemReply | None:
    """What a typed answer to numbered items says; None when it is not one."""
    text = " ".join(text.split())
    if not text or text.startswith("/"):
        return None
    item = _ITEM.match(text)
    if item is not None:
        rest = item[2]
        if not rest:
            return ItemReply(item=int(item[1]))
        found = _choice(rest, strict=False)
        if found is None:
            return None
        choice, note = found
        return ItemReply(item=int(item[1]), choice=choice, note=note or None)
    found = _choice(text, strict=True)
    if found is None:
        return None
    choice, note = found
    return ItemReply(choice=choice, note=note or None)


def item_list(state: ConversationState, *, now: dt.datetime) -> tuple[list[str], str | None]:
    """The numbered items ("u:<occurrence id>") a reply can name, and the one occurrence whose choices are
    on screen ("u:<id>", or None). Items come from the choices last offered (a grouped reminder, /capnhat), or
    from the list an item was opened from while its choices are still the ones offered."""
    choices = list(state.choices)
    if not all(c.startswith(("u:", "m:", "r:")) for c in choices):
        return [], None  # something else is on screen
    occurrences = list(dict.fromkeys(c.split(":")[1] for c in choices if c.startswith(("u:", "r:"))))
    if choices and (len(occurrences) > 1 or not any(c.startswith("r:") for c in choices)):
        # A list of items: "u:" payloads (Zalo, the terminal, /capnhat), or several items' own buttons.
        return [f"u:{o}" for o in occurrences], None
    current = f"u:{occurrences[0]}" if occurrences else None
    items = [str(i) for i in state.data.get("items") or [] if str(i).startswith("u:")]
    shown = list(state.data.get("shown") or [])
    since = state.data.get("since")
    fresh = False
    if since:
        try:
            fresh = now - dt.datetime.fromisoformat(since) < dt.timedelta(hours=ITEMS_HOURS)
        except (TypeError, ValueError):
            fresh = False
    if not items or not fresh or (choices and shown != choices):
        return [], current
    return items, current
