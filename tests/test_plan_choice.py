"""The ask-back as a pending choice, on the real sample plans and two corpus plans that set the six-month report
on other days: one choice per plan (buttons on Telegram, numbered lines on Zalo and the terminal); a press, the
choice's number, or a reply naming the plan (its number, place or issuer) answers the stored question from that
plan alone; another chat's press, a gone question or a plan no longer loaded is refused and changes nothing."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import Engine
from world import World, make_world

from bot.channels import telegram
from bot.core import Reply
from bot.core.questions import CHOICE_PREFIX, named_plans, plan_key
from bot.fakes.telegram import FakeTelegram
from bot.render import PLAN_LABEL_CHARS, plan_label
from plans import Plan, parse_plan
from storage.engine import session_scope
from storage.plans import save_plan

CORPUS = Path(__file__).resolve().parent / "corpus"
QUESTION = "Báo cáo 6 tháng về CCHC nộp chậm nhất ngày nào?"
SOC_TRANG = "KH (chưa số) Sở GDĐT Sóc Trăng, 12/2022"
AN_LAC = "58/KH-SGDĐT Sở GDĐT An Lạc"
PHUOC_DIEN = "47/KH-UBND UBND xã Phước Điền"
# Each plan's own date for the six-month report, and the label of its button.
DUE = {SOC_TRANG: "15/06/2023", AN_LAC: "10/06/2027", PHUOC_DIEN: "10/06/2026"}
LABELS = {SOC_TRANG: "Sở GDĐT Sóc Trăng, 12/2022", AN_LAC: "58/KH-SGDĐT An Lạc", PHUOC_DIEN: "47/KH-UBND Phước Điền"}


@pytest.fixture(scope="module")
def differing_plans() -> list[Plan]:
    return [parse_plan(CORPUS / name) for name in ("anlac-sgddt-2027-cchc-58.txt", "phuocdien-ubndxa-2026-cchc-47.txt")]


@pytest.fixture
def world(loaded_engine: Engine, differing_plans: list[Plan]) -> World:
    for plan in differing_plans:
        with session_scope(loaded_engine) as session:
            save_plan(session=session, plan=plan)
    world = make_world(loaded_engine)
    world.say(f"/start {world.codes['VP']}")
    world.say(f"/start {world.codes['TCCB']}", channel="zalo", user="z1")
    return world


def _text(replies: list[Reply]) -> str:
    return "\n".join(r.numbered_text() for r in replies)


def _plans_in(text: str) -> set[str]:
    return {plan for plan in DUE if plan in text}


def _answered_by(replies: list[Reply], plan: str) -> None:
    """One plan's answer alone: its date, no other plan, no ask-back and no choice left."""
    text = _text(replies)
    assert _plans_in(text) == {plan} and DUE[plan] in text, text
    assert "nói khác nhau" not in text and not any(r.buttons for r in replies)


def test_the_ask_back_offers_one_button_per_plan_and_a_press_answers_from_that_plan_alone(world: World) -> None:
    (asked,) = world.say(QUESTION)
    assert asked.text.startswith("Các kế hoạch đã nạp nói khác nhau về điều này.")
    assert "Hãy chọn một kế hoạch bên dưới" in asked.text
    buttons = {b.label: b.payload for b in asked.flat_buttons}
    assert set(buttons) == set(LABELS.values()) and all(len(row) == 1 for row in asked.buttons)
    assert all(p.startswith(CHOICE_PREFIX) and p.isascii() and len(p.encode()) <= 64 for p in buttons.values())
    assert _plans_in(asked.text) == set(DUE)  # each plan's fact is still shown
    for plan, label in LABELS.items():
        _answered_by(world.press(buttons[label]), plan)  # the stored question, asked again: any button, any time


def test_a_choice_by_its_number_by_the_plans_number_or_by_its_place_where_there_are_no_buttons(world: World) -> None:
    def ask() -> list[str]:
        text = _text(world.say(QUESTION, channel="zalo", user="z1"))
        assert "Trả lời bằng số:" in text
        return [line.split(" – ", 1)[1] for line in text.splitlines() if line[:1].isdigit() and " – " in line]

    offered = ask()
    assert sorted(offered) == sorted(LABELS.values())
    second = next(plan for plan, label in LABELS.items() if label == offered[1])
    _answered_by(world.say("2", channel="zalo", user="z1"), second)
    ask()
    _answered_by(world.say("58", channel="zalo", user="z1"), AN_LAC)
    ask()
    _answered_by(world.say("Sóc Trăng", channel="zalo", user="z1"), SOC_TRANG)
    ask()
    _answered_by(world.say("ke hoach cua xa Phuoc Dien", channel="zalo", user="z1"), PHUOC_DIEN)
    # "của Sở" names two of the three: asked back among those two, then one of them chosen
    ask()
    among = _text(world.say("kế hoạch của Sở", channel="zalo", user="z1"))
    assert _plans_in(among) == {SOC_TRANG, AN_LAC} and "1 – " in among and "3 – " not in among
    first = next(plan for plan in (SOC_TRANG, AN_LAC) if f"1 – {LABELS[plan]}" in among)
    _answered_by(world.say("1", channel="zalo", user="z1"), first)


def test_a_reply_that_names_no_plan_is_a_new_question(world: World) -> None:
    world.say(QUESTION)
    text = _text(world.say("Báo cáo năm về CCHC nộp chậm nhất ngày nào?"))
    assert "15/12/2023" in text and DUE[SOC_TRANG] not in text  # the year's report, not the six months'
    chosen = _text(world.say("Sóc Trăng"))  # the plans differ on that one too: its own choice is pending now
    assert "15/12/2023" in chosen and _plans_in(chosen) == {SOC_TRANG} and DUE[SOC_TRANG] not in chosen
    # a chosen plan spends the choices: a number typed after the answer is a question like any other
    world.say(QUESTION)
    world.say("Sóc Trăng")
    assert "Các kế hoạch đã nạp không nói về điều này" in _text(world.say("2"))


def test_only_the_chat_that_asked_may_choose(world: World) -> None:
    (asked,) = world.say(QUESTION)
    payload = next(b.payload for b in asked.flat_buttons if b.label == LABELS[AN_LAC])
    (refused,) = world.press(payload, user="z1", channel="zalo")
    assert refused.text == "Nút này không còn hiệu lực." and refused.notice == "Không còn hiệu lực"
    assert DUE[AN_LAC] not in refused.text
    stranger = _text(world.press(payload, user="nobody"))
    assert DUE[AN_LAC] not in stranger
    _answered_by(world.press(payload), AN_LAC)  # the asker still may


def test_a_gone_question_or_a_plan_no_longer_loaded_gets_a_polite_message_and_changes_nothing(
    world: World, differing_plans: list[Plan]
) -> None:
    (asked,) = world.say(QUESTION, channel="zalo", user="z1")
    question_id = asked.flat_buttons[0].payload.split(":")[1]
    for payload in (f"{CHOICE_PREFIX}999999:{plan_key(SOC_TRANG)}", f"{CHOICE_PREFIX}x:y", CHOICE_PREFIX):
        (gone,) = world.press(payload, user="z1", channel="zalo")
        assert gone.text == "Nút này không còn hiệu lực." and not gone.buttons
    # An Lạc's plan re-imported under another number: the plan offered is no longer loaded
    an_lac = next(p for p in differing_plans if p.meta.reference == AN_LAC)
    with session_scope(world.engine) as session:
        save_plan(session=session, plan=replace(an_lac, meta=replace(an_lac.meta, number="59/KH-SGDĐT")))
    number = 1 + [b.label for b in asked.flat_buttons].index(LABELS[AN_LAC])
    for unloaded in (
        world.press(f"{CHOICE_PREFIX}{question_id}:{plan_key(AN_LAC)}", user="z1", channel="zalo"),
        world.say(str(number), channel="zalo", user="z1"),
    ):
        assert _text(unloaded).startswith("Kế hoạch này không còn được nạp.") and not unloaded[0].buttons
    # the other choices offered are still pending: their numbers answer
    other = next(b for b in asked.flat_buttons if b.label != LABELS[AN_LAC])
    plan = next(plan for plan, label in LABELS.items() if label == other.label)
    _answered_by(world.say(str(1 + asked.flat_buttons.index(other)), channel="zalo", user="z1"), plan)


def test_the_ask_back_in_english(world: World) -> None:
    world.say("/lang en")
    (asked,) = world.say(QUESTION)
    assert asked.text.startswith("The imported plans differ on this.") and "Pick one below" in asked.text
    assert len(asked.flat_buttons) == 3


def test_button_labels_and_names_of_plans(differing_plans: list[Plan], sample_plans: dict[str, Plan]) -> None:
    metas = [p.meta for p in (*sample_plans.values(), *differing_plans)]
    labels = {m.reference: plan_label(m) for m in metas}
    assert {ref: labels[ref] for ref in LABELS} == LABELS
    assert labels["297/KH-GDĐT Phòng GDĐT Quận 7"] == "297/KH-GDĐT Quận 7"
    assert all(len(label) <= PLAN_LABEL_CHARS for label in labels.values())

    def named(text: str) -> set[str]:
        return {m.reference for m in named_plans(text, metas)}

    assert named("297") == named("KH 297/KH-GDĐT") == named("kế hoạch số 297 nhé") == {"297/KH-GDĐT Phòng GDĐT Quận 7"}
    assert named("Sóc Trăng") == named("soc trang") == {SOC_TRANG}
    assert named("UBND Quận 7") == {"1081/KH-UBND UBND Quận 7"}
    assert named("Gia Lâm 2022") == {"21/KH-GD&ĐT Phòng GD&ĐT huyện Gia Lâm"}
    assert named("kế hoạch của Sở") == {SOC_TRANG, AN_LAC}
    for question in ("hạn nộp báo cáo năm", "cảm ơn", "Sóc Trăng có bao nhiêu chỉ tiêu", "999", ""):
        assert named(question) == set(), question


@pytest.fixture
async def rig(world: World) -> AsyncIterator[tuple[FakeTelegram, World]]:
    fake = FakeTelegram()
    await fake.start()
    bot = telegram.build_bot(fake.token, fake.base_url)
    dispatcher = telegram.build_dispatcher(world.core)
    polling = asyncio.create_task(telegram.run_polling(bot, dispatcher, polling_timeout=1))
    try:
        yield fake, world
    finally:
        await dispatcher.stop_polling()
        await polling
        await bot.session.close()
        await fake.stop()


async def test_a_plan_chosen_with_a_telegram_button_end_to_end(rig: tuple[FakeTelegram, World]) -> None:
    fake, world = rig
    fake.message(user_id=41, text=f"/start {world.codes['VP']}")
    await fake.wait_for(lambda: any("Văn phòng (VP)" in t for t in fake.texts(41)))
    before = len(fake.sent)
    fake.message(user_id=41, text=QUESTION)
    await fake.wait_for(lambda: any("reply_markup" in m for m in fake.sent[before:]))
    (asked,) = [m for m in fake.sent[before:] if "reply_markup" in m]
    keyboard = asked["reply_markup"]["inline_keyboard"]
    assert {row[0]["text"] for row in keyboard} == set(LABELS.values()) and all(len(row) == 1 for row in keyboard)
    assert "Hãy chọn một kế hoạch bên dưới" in asked["text"]

    before = len(fake.sent)
    data = next(row[0]["callback_data"] for row in keyboard if row[0]["text"] == LABELS[PHUOC_DIEN])
    fake.press(user_id=41, data=data)
    await fake.wait_for(lambda: len(fake.sent) > before and len(fake.calls("answerCallbackQuery")) == 1)
    (answered,) = [str(m["text"]) for m in fake.sent[before:]]
    assert _plans_in(answered) == {PHUOC_DIEN} and DUE[PHUOC_DIEN] in answered
    assert "reply_markup" not in fake.sent[-1]

    # another Telegram user pressing the same button is refused, with a toast
    fake.message(user_id=42, text=f"/start {world.codes['TCCB']}")
    await fake.wait_for(lambda: any("Tổ chức cán bộ" in t for t in fake.texts(42)))
    fake.press(user_id=42, data=data)
    await fake.wait_for(lambda: len(fake.calls("answerCallbackQuery")) == 2)
    assert fake.calls("answerCallbackQuery")[1]["text"] == "Không còn hiệu lực"
    await fake.wait_for(lambda: any("không còn hiệu lực" in t for t in fake.texts(42)))
