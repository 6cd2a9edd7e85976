"""Typed answers to a grouped reminder (numbered items, as on Zalo and the terminal), /capnhat over every open
occurrence, and "nothing lies ahead" answers — through the core, and on the fake Zalo server.

The conversation state is seeded as the dispatcher leaves it after a grouped message: the items' "u:<id>"
payloads offered in order (storage.conversations.offer_choices)."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import AsyncIterator

import pytest
from sqlalchemy import Engine
from sqlmodel import select
from world import ICT, MONDAY, World, make_world

from bot.channels.zalo import ZaloChannel, ZaloClient
from bot.core import Reply
from bot.core.replies import ItemReply, parse_reply
from bot.fakes.zalo import FakeZalo
from storage.conversations import offer_choices
from storage.engine import session_scope
from storage.models import OutboxRow, StatusReportRow
from storage.reports import unit_occurrences


def text(replies: list[Reply]) -> str:
    return "\n".join(r.numbered_text() for r in replies)


def reports(world: World) -> list[tuple[int, str, str | None]]:
    with session_scope(world.engine) as session:
        rows = session.exec(select(StatusReportRow).order_by(StatusReportRow.id)).all()
        return [(r.occurrence_id, r.choice, r.note) for r in rows]


def items_of(world: World, unit: str, count: int = 3) -> list[int]:
    with session_scope(world.engine) as session:
        rows = unit_occurrences(session=session, unit_ids=[world.units[unit]], start=MONDAY.date())
    return [r.id for r in rows[:count]]


def grouped(world: World, occurrences: list[int], *, user: str = "u1", channel: str = "telegram") -> None:
    """What the dispatcher leaves behind after one message listing these items."""
    with session_scope(world.engine) as session:
        offer_choices(session=session, channel=channel, chat_id=user, choices=[f"u:{o}" for o in occurrences])


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2 xong", ItemReply(item=2, choice="done")),
        ("2 1", ItemReply(item=2, choice="done")),
        ("2 done", ItemReply(item=2, choice="done")),
        ("2 Đã xong", ItemReply(item=2, choice="done")),
        ("1 đang làm", ItemReply(item=1, choice="progress")),
        ("1 dang lam", ItemReply(item=1, choice="progress")),
        ("4 in progress", ItemReply(item=4, choice="progress")),
        ("3 vướng: thiếu số liệu", ItemReply(item=3, choice="blocked", note="thiếu số liệu")),
        ("3 vuong mac: thieu so lieu", ItemReply(item=3, choice="blocked", note="thieu so lieu")),
        ("3 3: thiếu số liệu", ItemReply(item=3, choice="blocked", note="thiếu số liệu")),
        ("3 blocked: no figures yet", ItemReply(item=3, choice="blocked", note="no figures yet")),
        ("2 nhắc lại sau", ItemReply(item=2, choice="snooze")),
        ("2. xong", ItemReply(item=2, choice="done")),
        ("2", ItemReply(item=2)),
        ("xong", ItemReply(choice="done")),
        ("vướng: chưa có kinh phí", ItemReply(choice="blocked", note="chưa có kinh phí")),
    ],
)
def test_typed_replies_are_read_in_vietnamese_with_or_without_diacritics_and_english(
    typed: str, expected: ItemReply
) -> None:
    assert parse_reply(typed) == expected


@pytest.mark.parametrize(
    "question", ["han nop bao cao 6 thang", "làm sao nộp báo cáo", "2023 có chỉ tiêu gì", "15/6 là hạn gì", "2 bản"]
)
def test_questions_are_not_replies(question: str) -> None:
    assert parse_reply(question) is None


@pytest.fixture
def world(loaded_engine: Engine) -> World:
    world = make_world(loaded_engine)
    world.say(f"/start {world.codes['VP']}")
    return world


def test_each_item_of_a_grouped_reminder_is_answerable_on_its_own(world: World) -> None:
    one, two, three = items_of(world, "VP")
    grouped(world, [one, two, three])
    # "2 xong" closes exactly item 2.
    assert "đã xong" in text(world.say("2 xong"))
    assert reports(world) == [(two, "done", None)]
    world.say("bỏ qua")
    # The list is still answerable: item 3, blocked, with its note in the same line.
    answer = text(world.say("3 vướng: thiếu số liệu"))
    assert "vướng mắc" in answer and "thiếu số liệu" in answer
    assert reports(world)[-1] == (three, "blocked", "thiếu số liệu")
    with session_scope(world.engine) as session:
        notices = session.exec(select(OutboxRow).where(OutboxRow.kind == "notice")).all()
    assert len(notices) == 1 and "thiếu số liệu" in (notices[0].text or "")
    # English words and choice numbers work the same way.
    world.say("1 2")
    assert reports(world)[-1] == (one, "progress", None)
    assert len(reports(world)) == 3


def test_a_bare_number_with_several_items_open_is_asked_back_never_guessed(world: World) -> None:
    one, two, three = items_of(world, "VP")
    grouped(world, [one, two, three])
    question = world.say("1")
    assert reports(world) == []  # nothing recorded: item 1's choices are shown instead
    assert "Việc 1" in question[0].text and question[0].flat_buttons[0].payload == f"r:{one}:d"
    world.say("1")  # now a choice for item 1: done
    assert reports(world) == [(one, "done", None)]
    world.say("bỏ qua")
    # A choice word without an item number, with several items open, is a question back.
    asked = text(world.say("xong"))
    assert "Việc nào" in asked and "2 xong" in asked
    assert len(reports(world)) == 1
    # Item 3 of the same list still answers by number and word.
    world.say("3 done")
    assert reports(world)[-1] == (three, "done", None)
    assert "từ 1 đến 3" in text(world.say("7 xong"))


def test_items_with_their_own_buttons_answer_typed_replies_too(world: World) -> None:
    """A grouped message whose items each carry their four buttons (Telegram) also takes "2 xong"."""
    one, two = items_of(world, "VP", 2)
    with session_scope(world.engine) as session:
        offer_choices(
            session=session,
            channel="telegram",
            chat_id="u1",
            choices=[f"r:{o}:{c}" for o in (one, two) for c in "dpbs"],
        )
    assert "Việc 1" in text(world.say("1")) and reports(world) == []
    world.say("2")  # now item 1's own choices: in progress
    assert reports(world) == [(one, "progress", None)]
    world.say("2 xong")
    assert reports(world)[-1] == (two, "done", None)


def test_a_single_item_keeps_the_one_tap_flow(world: World) -> None:
    (one,) = items_of(world, "VP", 1)
    world.press(f"u:{one}")  # the one item's choices on screen, as a single reminder shows them
    world.say("xong")
    assert reports(world) == [(one, "done", None)]
    world.say("bỏ qua")
    grouped(world, [one])
    world.say("vướng: chờ Sở duyệt")
    assert reports(world)[-1] == (one, "blocked", "chờ Sở duyệt")


def test_an_item_of_another_unit_is_refused(world: World) -> None:
    (mine,) = items_of(world, "VP", 1)
    (theirs,) = items_of(world, "TCCB", 1)
    grouped(world, [mine, theirs])
    assert "TCCB" in text(world.say("2 xong"))
    assert reports(world) == []


def test_capnhat_lists_every_open_occurrence_overdue_first_paged_and_closes_an_old_one(loaded_engine: Engine) -> None:
    later = dt.datetime(2024, 3, 4, 9, 0, tzinfo=ICT)  # every 2023 deadline is past
    world = make_world(loaded_engine, clock=later)
    world.say(f"/start {world.codes['VP']}")
    with session_scope(world.engine) as session:
        open_vp = [r for r in unit_occurrences(session=session, unit_ids=[world.units["VP"]]) if r.state != "done"]
    menu = world.say("/capnhat")[0]
    items = [b for b in menu.flat_buttons if b.payload.startswith("u:")]
    assert str(len(open_vp)) in menu.text and "⏰" in items[0].label
    assert len(items) == 8 and menu.flat_buttons[-1].payload == "m:2"  # paged
    assert all(len(b.label) <= 72 for b in items) and len({b.label for b in items}) == len(items)
    second = world.say(str(len(menu.flat_buttons)))[0]  # "More…"
    assert "2/" in second.text and second.flat_buttons[0].payload not in {b.payload for b in items}
    oldest = min(open_vp, key=lambda r: (r.due, r.id))
    assert items[0].payload == f"u:{oldest.id}" and oldest.due.year in (2022, 2023)
    world.say("/capnhat")
    world.say("1 xong")  # the oldest overdue item, closed from the list
    assert reports(world) == [(oldest.id, "done", None)]


def test_nothing_ahead_names_the_last_deadline_and_how_to_load_this_years_plan(loaded_engine: Engine) -> None:
    world = make_world(loaded_engine, clock=dt.datetime(2026, 11, 23, 9, 0, tzinfo=ICT))
    world.say(f"/start {world.codes['VP']}")
    staff = text(world.say("/hanchot"))
    assert "31/12/2023" in staff and "Sóc Trăng" in staff and "2026" in staff
    boss = text(world.say("/hanchot", user="boss"))
    assert "31/12/2023" in boss and "plans import" in boss
    status = text(world.say("/status", user="boss"))
    assert "31/12/2023" in status and "plans import" in status


def test_english_answers_use_english_period_labels_and_plurals(world: World) -> None:
    world.say("/lang en")
    listing = text(world.say("/hanchot"))
    assert "(Q2 2023)" in listing and "(May 2023)" in listing
    assert "quý" not in listing and "(tháng" not in listing
    from bot.render import due_text, period_text

    assert period_text("quý II/2023", "en") == "Q2 2023" and period_text("quý II/2023", "vi") == "quý II/2023"
    assert due_text(1, dt.date(2023, 6, 15), "en") == "Reminder: due in 1 day (15/06/2023)"
    assert due_text(3, dt.date(2023, 6, 15), "en") == "Reminder: due in 3 days (15/06/2023)"
    assert due_text(-1, dt.date(2023, 6, 15), "en") == "Overdue by 1 day (due 15/06/2023)"


def test_toi_says_who_you_are_and_help_names_huy_and_periods(world: World) -> None:
    me = text(world.say("/toi"))
    assert "Văn phòng (VP)" in me and "/hanchot" not in me
    assert "/huy" in text(world.say("/help"))
    assert "quý 2" in text(world.say("/help", user="boss"))


@pytest.fixture
async def zalo(loaded_engine: Engine) -> AsyncIterator[tuple[FakeZalo, World, ZaloChannel]]:
    fake = FakeZalo()
    await fake.start()
    world = make_world(loaded_engine)
    client = ZaloClient(fake.token, base=fake.base_url)
    yield fake, world, ZaloChannel(client, world.core, per_chat_per_second=50)
    await client.aclose()
    await fake.stop()


async def test_grouped_reminder_answered_by_number_on_zalo(zalo: tuple[FakeZalo, World, ZaloChannel]) -> None:
    fake, world, channel = zalo
    user = "6ede9afa1b2c"

    async def said(message: str, expect: str) -> str:
        before = len(fake.sent)
        fake.push(fake.event(user_id=user, text=message))

        def new() -> list[str]:
            return [m["text"] for m in fake.sent[before:] if m["chat_id"] == user]

        await fake.wait_for(lambda: any(expect in t for t in new()))
        return "\n".join(new())

    stop = asyncio.Event()
    polling = asyncio.create_task(channel.poll(poll_seconds=1, stop=stop))
    try:
        await said(f"/start {world.codes['VP']}", "Văn phòng (VP)")
        one, two, three = items_of(world, "VP")
        await channel.send(user, Reply(text="⏰ 3 việc:\n1. …\n2. …\n3. …"))  # the grouped message
        grouped(world, [one, two, three], user=user, channel="zalo")
        assert "Việc 1" in await said("1", "1 – Đã xong")  # a question back, not a guess
        assert reports(world) == []
        await said("2 xong", "Đã ghi nhận: đã xong")
        assert reports(world) == [(two, "done", None)]
        await said("3 vướng: thiếu số liệu", "thiếu số liệu")
        assert reports(world)[-1] == (three, "blocked", "thiếu số liệu")
    finally:
        stop.set()
        await polling
