"""Questions about the plans: `/hoi QUESTION` or plain text, answered from the imported plans with citations."""

from __future__ import annotations

from plans.answer import prefer_units
from storage.members import get_unit

from ..render import answer_text
from .config import Services
from .messages import Reply
from .turn import Turn


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
    if turn.member and turn.member.unit_id is not None:
        unit = get_unit(session=turn.session, unit_id=turn.member.unit_id)
        if unit is not None:
            found = prefer_units(found, {unit.name, *unit.aliases})
    turn.outcome("answered" if found.found else "not_found")
    return [Reply(text=answer_text(found, turn.locale))]
