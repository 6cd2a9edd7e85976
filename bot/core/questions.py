"""Questions about the plans: `/hoi QUESTION` or plain text, answered from the imported plans with citations.

A list answer (a plan's targets, a unit's tasks) longer than a phone screen is sent a page at a time, with
Previous/Next buttons (numbered choices where a channel has none; "tiếp"/"more" typed also turns the page).
A page button carries the id of the stored message that asked (`ln:<inbound id>:<page>` next, `lp:` previous),
so any replica re-reads the question and answers that page; only the chat that asked may turn its pages.

When the plans found differ and the question names none, the answer asks which plan, with one button per plan
(`qp:<inbound id>:<plan key>`, the key a digest of the plan's reference) or numbered choices. The choice is
pending in the chat's stored choices: a button, its number, or a reply naming the plan ("297", "Sóc Trăng",
"kế hoạch của Sở") answers the stored question again narrowed to that plan; a reply naming several of the
plans offered asks back among those only. Only the chat that asked may choose; a choice whose question is
gone or whose plan is no longer loaded is refused politely and changes nothing.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import replace

from sqlmodel import Session

from plans.answer import Answer, Engine, prefer_units
from plans.model import PlanMeta
from plans.text import fold
from storage.conversations import save_state
from storage.members import get_unit
from storage.models import InboundRow

from ..render import LIST_PAGE, answer_text, list_page, plan_label
from .config import Services
from .messages import Button, Reply
from .turn import Turn

PAGE_PREFIXES = ("ln:", "lp:")
CHOICE_PREFIX = "qp:"  # a plan chosen after the ask-back: qp:<inbound id>:<plan key>
PLAN_KEY_CHARS = 8
_WORD = re.compile(r"[a-z0-9]+")
# Words a reply naming a plan may carry besides the plan's own names (folded): "kế hoạch số 297 nhé", "của Sở".
_CHOICE_FILLER = frozenset(
    "ke hoach kh quyet dinh qd van ban so cua theo o tai la nhe a ah chon toi minh em muon hoi y thi do cai "
    "nam plan decision the of by from number no in".split()
)
# An issuer's words every office of its kind shares: they name no one plan.
_ISSUER_GENERIC = frozenset("so phong gd dt gddt giao duc dao tao ubnd uy ban nhan dan truong".split())
# The issuing office's level, by the first word of its name, and the words a reply names it by.
_LEVELS = {
    "so": frozenset({"so", "sgd", "sgddt"}),
    "phong": frozenset({"phong", "pgd", "pgddt"}),
    "ubnd": frozenset({"ubnd", "uy", "ban", "nhan", "dan"}),
    "truong": frozenset({"truong"}),
}
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
    return [_answer_reply(turn, engine, found, turn.inbound.id or 0)]


def _answer_reply(turn: Turn, engine: Engine, found: Answer, asked: int) -> Reply:
    """A one-fact answer, the member's unit's facts first; when the plans differ, the ask-back with its choices."""
    if turn.member and turn.member.unit_id is not None:
        unit = get_unit(session=turn.session, unit_id=turn.member.unit_id)
        if unit is not None:
            found = prefer_units(found, {unit.name, *unit.aliases})
    if found.found and found.disagree:
        turn.outcome("asked_back")
        return ask_back(turn, engine, found, asked)
    turn.outcome("answered" if found.found else "not_found")
    return Reply(text=answer_text(found, turn.locale))


def ask_back(turn: Turn, engine: Engine, found: Answer, asked: int) -> Reply:
    """Plans that differ: the facts, and one button per plan (in the facts' order) that answers from it alone."""
    metas = {plan.meta.reference: plan.meta for plan in engine.plans}
    offered = dict.fromkeys(f.plan for f in found.facts)
    buttons = tuple(
        (Button(label=plan_label(metas[ref]), payload=f"{CHOICE_PREFIX}{asked}:{plan_key(ref)}"),)
        for ref in offered
        if ref in metas
    )
    return Reply(
        text=answer_text(found, turn.locale, choosing=bool(buttons)),
        buttons=buttons,
        choices_hint=turn._("Reply with a number:"),
    )


def plan_key(reference: str) -> str:
    """A plan's key in a choice button: short ASCII (Telegram's 64 bytes), the same on every replica, and
    matching no plan once the plan is gone."""
    return hashlib.sha1(reference.encode("utf-8"), usedforsecurity=False).hexdigest()[:PLAN_KEY_CHARS]


def choose(turn: Turn, payload: str, services: Services) -> list[Reply]:
    """A plan chosen after the ask-back (a button or its number): the stored question, narrowed to that plan."""
    _ = turn._
    parts = payload.split(":")
    try:
        asked = int(parts[1][:12])
    except (IndexError, ValueError):
        asked = 0
    key = parts[2] if len(parts) == 3 else ""
    question = _question(turn.session, asked, turn) if 0 < asked < 2**31 else None
    engine = services.library.engine(session=turn.session)
    if question is None or engine is None:
        turn.outcome("bad_button")
        return [Reply(text=_("This button is no longer valid."), notice=_("No longer valid"))]
    reference = _loaded(engine).get(key)
    if reference is None:
        turn.outcome("choice_gone")
        return [
            Reply(
                text=_("That plan is no longer loaded. Ask your question again to see the plans that answer it now."),
                notice=_("No longer valid"),
            )
        ]
    _settle(turn)
    return [_answer_reply(turn, engine, engine.ask(question, plan=reference), asked)]


def typed_choice(turn: Turn, text: str, services: Services) -> list[Reply] | None:
    """A reply naming one of the plans the ask-back offered ("297", "Sóc Trăng", "kế hoạch của Sở"): that
    plan's answer, or, when it names several of them, the ask-back among those. None when the reply is not a
    choice (a choice's own number is left to the numbered replies; anything else is a new question)."""
    offered = [c.split(":") for c in turn.state.choices if c.startswith(CHOICE_PREFIX)]
    if not offered or turn.incoming.is_group or len(text) > 100:
        return None
    if text.isdigit() and 1 <= int(text) <= len(turn.state.choices):
        return None
    engine = services.library.engine(session=turn.session)
    if engine is None:
        return None
    loaded = _loaded(engine)
    metas = {plan.meta.reference: plan.meta for plan in engine.plans}
    choices = [metas[loaded[parts[2]]] for parts in offered if len(parts) == 3 and parts[2] in loaded]
    named = named_plans(text, choices)
    if not named or len(named) == len(choices):
        return None  # names none of the plans offered, or all of them: not a choice
    asked = offered[0][1]
    if len(named) == 1:
        return choose(turn, f"{CHOICE_PREFIX}{asked}:{plan_key(named[0].reference)}", services)
    question = _question(turn.session, int(asked), turn) if asked.isdigit() and int(asked) < 2**31 else None
    if question is None:
        return None
    _settle(turn)
    found = engine.ask(question)
    wanted = {meta.reference for meta in named}
    facts = tuple(f for f in found.facts if f.plan in wanted)
    if found.disagree and facts:  # the plans named, of those that differed (as they read now)
        differ = len({(f.value, f.dates, f.units) for f in facts}) > 1 and len({f.plan for f in facts}) > 1
        found = replace(found, facts=facts, disagree=differ)
    return [_answer_reply(turn, engine, found, int(asked))]


def named_plans(text: str, plans: Iterable[PlanMeta]) -> list[PlanMeta]:
    """The plans among `plans` a short reply names by number, place, issuer or year, best first; [] when a word
    of the reply names none of them (then the reply is a question, not a choice)."""
    plans = list(plans)
    said = _WORD.findall(fold(text))
    folded = " ".join(said)
    if not said or not plans:
        return []
    known = set(_CHOICE_FILLER)
    scores: list[float] = []
    for meta in plans:
        number = fold((meta.number or "").split("/")[0])
        issuer = _WORD.findall(fold(meta.issuer))
        place = " ".join(_WORD.findall(fold(meta.place or "")))
        years = {str(y) for y in (meta.year, meta.issue_year) if y}
        known.update(_WORD.findall(fold(f"{meta.number or ''} {meta.symbol or ''}")), issuer, place.split(), years)
        score = 0.0
        if number and number in said:
            score += 5
        if place and re.search(rf"\b{re.escape(place)}\b", folded):
            score += 3
        if years & set(said):
            score += 2
        score += sum(1 for word in set(issuer) if word in said and word not in _ISSUER_GENERIC)
        if issuer and issuer[0] in _LEVELS and _LEVELS[issuer[0]] & set(said):
            score += 1  # "ủy ban nhân dân", "sở", "phòng": the issuing office's level
        scores.append(score)
    known.update(word for words in _LEVELS.values() for word in words)
    best = max(scores)
    if best <= 0 or any(word not in known for word in said):
        return []
    return [meta for meta, score in zip(plans, scores, strict=True) if score >= best - 0.01]


def _loaded(engine: Engine) -> dict[str, str]:
    """Each loaded plan's key in a choice button, to its reference."""
    return {plan_key(plan.meta.reference): plan.meta.reference for plan in engine.plans}


def _settle(turn: Turn) -> None:
    """A choice taken: the choices offered are spent (as when any button is pressed)."""
    save_state(session=turn.session, channel=turn.incoming.channel, chat_id=turn.incoming.chat_id, choices=[])


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
