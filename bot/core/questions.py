"""Questions about the plans: `/hoi QUESTION` or plain text, answered from the imported plans with citations.

A list answer (a plan's targets, a unit's tasks) longer than a phone screen is sent a page at a time, with
Previous/Next buttons (numbered choices where a channel has none; "tiếp"/"more" typed also turns the page).
A page button carries the id of the stored message that asked (`ln:<inbound id>:<page>` next, `lp:` previous),
so any replica re-reads the question and answers that page; only the chat that asked may turn its pages.
"""

from __future__ import annotations

from sqlmodel import Session

from plans.answer import Answer, prefer_units
from plans.text import fold
from storage.members import get_unit
from storage.models import InboundRow

from ..render import LIST_PAGE, answer_text, list_page
from .config import Services
from .messages import Button, Reply
from .turn import Turn

PAGE_PREFIXES = ("ln:", "lp:")
# What a person types to see the next page of a list (folded).
MORE_WORDS = frozenset({"tiep", "xem tiep", "tiep theo", "them", "xem them", "trang sau", "more", "next", "next page"})


def ask(turn: Turn, args: str, services: Services) -> list[Reply]:
    if not args:
        turn.outcome("empty_question")
        return [Reply(text=turn._("Type your question after /hoi, e.g. /hoi hạn nộp báo cáo năm"))]
    return answer(turn, args, services)


def answer(turn: Turn, question: str, services: Services) -> list[Reply]:
    engine = services.library.engine(session=turn.session)
    if engine is None:
        turn.outcome("no_plans")
        return [Reply(text=turn._("No plans have been loaded yet, so I cannot answer questions about them."))]
    found = engine.ask(question)
    if found.kind == "list" and found.listing is not None:
        turn.outcome("listed" if found.found else "not_found")
        return [list_reply(turn, found, turn.inbound.id or 0, 1)]
    if turn.member and turn.member.unit_id is not None:
        unit = get_unit(session=turn.session, unit_id=turn.member.unit_id)
        if unit is not None:
            found = prefer_units(found, {unit.name, *unit.aliases})
    turn.outcome("answered" if found.found else "not_found")
    return [Reply(text=answer_text(found, turn.locale))]


def list_reply(turn: Turn, found: Answer, asked: int, page: int) -> Reply:
    """One page of a list answer, with the buttons that turn its pages."""
    assert found.listing is not None
    text, pages = list_page(found.listing, turn.locale, page, LIST_PAGE)
    page = min(max(page, 1), pages)
    nav: list[Button] = []
    if page > 1:
        nav.append(Button(label=turn._("Previous"), payload=f"lp:{asked}:{page - 1}"))
    if page < pages:
        nav.append(Button(label=turn._("Next"), payload=f"ln:{asked}:{page + 1}"))
    if not nav:
        return Reply(text=text)
    return Reply(text=text, buttons=(tuple(nav),), choices_hint=turn._("Reply with a number:"))


def page(turn: Turn, payload: str, services: Services) -> list[Reply]:
    """A page button (or its number, or "tiếp"): the question asked in this chat, answered again at that page."""
    _ = turn._
    try:
        asked, number = (int(part[:12]) for part in payload.split(":")[1:3])
    except ValueError:
        asked, number = 0, 0
    question = _question(turn.session, asked, turn) if 0 < asked < 2**31 and 0 < number < 10_000 else None
    engine = services.library.engine(session=turn.session)
    if question is None or engine is None:
        turn.outcome("bad_button")
        return [Reply(text=_("This button is no longer valid."), notice=_("No longer valid"))]
    found = engine.ask(question)
    if found.kind != "list" or found.listing is None or not found.found:
        turn.outcome("list_gone")
        return [Reply(text=answer_text(found, turn.locale))]  # the plans changed since: answer as it is now
    turn.outcome("list_page")
    return [list_reply(turn, found, asked, number)]


def more(turn: Turn, text: str, services: Services) -> list[Reply] | None:
    """ "tiếp", "xem thêm", "more" while a list's Next is on screen: its next page; None otherwise."""
    if fold(text).strip(" .!?…") not in MORE_WORDS:
        return None
    following = [c for c in turn.state.choices if c.startswith("ln:")]
    if not following:
        return None
    return page(turn, following[0], services)


def _question(session: Session, inbound_id: int, turn: Turn) -> str | None:
    """The question a stored message asked, when it was sent in this chat (a button is no key to another's)."""
    row = session.get(InboundRow, inbound_id)
    if row is None or row.channel != turn.incoming.channel or row.chat_id != turn.incoming.chat_id:
        return None
    text = " ".join((row.text or "").split())
    if text.startswith("/"):
        text = text.partition(" ")[2]
    return text or None
