"""A whole plan year of Sóc Trăng with time-machine: when reminders go out, and what replies change."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import AsyncIterator
from dataclasses import dataclass

import pytest
import time_machine
from sqlalchemy import Engine
from sqlmodel import select
from world import ICT

from bot.channels.telegram import TelegramSender, build_bot
from bot.core import Conversation, CoreConfig, Incoming
from bot.core.reminders import ReminderTexts
from bot.fakes.telegram import FakeTelegram
from plans import Plan
from scheduler.calendar import WorkCalendar
from scheduler.dispatch import DispatchConfig, Dispatcher
from scheduler.planner import PlanningWindow
from scheduler.policy import ReminderPolicy, reminder_moments
from scheduler.service import ReminderService
from storage.conversations import load_state
from storage.engine import session_scope
from storage.members import add_member
from storage.models import OccurrenceRow, OutboxRow
from storage.plans import resolve_units, save_plan
from storage.reports import unit_occurrences

CAL = WorkCalendar()
UNITS = {"direct": "Các đơn vị trực thuộc Sở", "TCCB": "TCCB", "VP": "VP", "TT": "Thanh tra", "CNTT": "CNTT"}


def local(day: str) -> dt.datetime:
    return dt.datetime.strptime(f"{day} 08:00", "%d/%m/%Y %H:%M").replace(tzinfo=ICT)


@dataclass
class Year:
    engine: Engine
    fake: FakeTelegram
    service: ReminderService
    core: Conversation
    members: dict[str, int]  # unit short name -> member id (its chat id is 100 + index)
    units: dict[str, int]

    def occurrence(self, unit: str, due: str, words: str) -> int:
        with session_scope(self.engine) as session:
            rows = unit_occurrences(session=session, unit_ids=[self.units[unit]])
        day = local(due).date()
        matches = [r.id for r in rows if r.due == day and words in r.task]
        assert matches, (unit, due, words)
        return matches[0]

    def sends(self, member: str, occurrence_id: int | None = None) -> list[tuple[str, str]]:
        """(local send time, kind) of what one member was sent, optionally about one occurrence."""
        with session_scope(self.engine) as session:
            query = select(OutboxRow).where(OutboxRow.member_id == self.members[member], OutboxRow.status == "sent")
            if occurrence_id is not None:
                query = query.where(OutboxRow.occurrence_id == occurrence_id)
            rows = session.exec(query.order_by(OutboxRow.sent_at, OutboxRow.id)).all()
        return [(r.sent_at.astimezone(ICT).strftime("%a %d/%m %H:%M"), r.kind) for r in rows]

    def press(self, member: str, payload: str, note: str | None = None) -> None:
        chat = str(100 + list(self.members).index(member))
        self.core.handle(Incoming(channel="telegram", chat_id=chat, user_id=chat, payload=payload, event="button"))
        if note is not None:
            self.core.handle(Incoming(channel="telegram", chat_id=chat, user_id=chat, text=note))


@pytest.fixture
async def year(sqlite_engine: Engine, sample_plans: dict[str, Plan]) -> AsyncIterator[Year]:
    # the office is set up before the year: the plan imported and everybody joined in December 2022
    setup = time_machine.travel(dt.datetime(2022, 12, 20, 9, 0, tzinfo=ICT), tick=False)
    setup.start()
    with session_scope(sqlite_engine) as session:
        save_plan(session=session, plan=sample_plans["soctrang-sgddt-2023-cchc.txt"])
    members: dict[str, int] = {}
    units: dict[str, int] = {}
    with session_scope(sqlite_engine) as session:
        for i, (short, name) in enumerate(UNITS.items()):
            unit = resolve_units(session=session, name=name)[0]
            units[short] = unit.id or 0
            member, _ = add_member(
                session=session,
                channel="telegram",
                chat_id=str(100 + i),
                user_id=str(100 + i),
                unit_id=unit.id,
                name=short,
            )
            members[short] = member.id
        officer, _ = add_member(
            session=session,
            channel="telegram",
            chat_id="900",
            user_id="900",
            unit_id=None,
            role="admin",
            name="Cán bộ CCHC",
        )
        members["officer"] = officer.id
    setup.stop()
    fake = FakeTelegram()
    await fake.start()
    bot = build_bot(fake.token, fake.base_url)
    dispatcher = Dispatcher(
        engine=sqlite_engine,
        senders={"telegram": TelegramSender(bot)},
        texts=ReminderTexts(zone=ICT),
        calendar=CAL,
        config=DispatchConfig(per_second=0, per_chat_seconds=0, concurrency=2),
    )
    service = ReminderService(
        engine=sqlite_engine, policy=ReminderPolicy(), calendar=CAL, dispatcher=dispatcher, window=PlanningWindow()
    )
    core = Conversation(engine=sqlite_engine, config=CoreConfig())
    yield Year(engine=sqlite_engine, fake=fake, service=service, core=core, members=members, units=units)
    await bot.session.close()
    await fake.stop()


async def tick(year: Year, moment: dt.datetime) -> None:
    with time_machine.travel(moment, tick=False):
        await year.service.tick()


async def run_days(year: Year, first: str, last: str, actions: dict[str, object] | None = None) -> None:
    """Every day at 08:00 (and at 07:00 and 18:00, when nothing may go out) from `first` to `last`."""
    day = local(first)
    while day <= local(last):
        await tick(year, day - dt.timedelta(hours=1))
        await tick(year, day)
        await tick(year, day + dt.timedelta(hours=10))
        action = (actions or {}).get(day.strftime("%d/%m/%Y"))
        if action is not None:
            with time_machine.travel(day + dt.timedelta(hours=2), tick=False):
                action()  # type: ignore[operator]
        day += dt.timedelta(days=1)


async def test_a_plan_year_of_send_times_with_weekend_and_tet_shifts(year: Year) -> None:
    report_6 = year.occurrence("direct", "15/06/2023", "báo cáo định kỳ")
    report_12 = year.occurrence("direct", "15/12/2023", "báo cáo định kỳ")
    post_q3 = year.occurrence("TT", "30/09/2023", "tuyên truyền")
    web_jan = year.occurrence("VP", "31/01/2023", "tuyên truyền")
    web_apr = year.occurrence("VP", "30/04/2023", "tuyên truyền")
    actions = {
        "14/06/2023": lambda: year.press("direct", f"r:{report_6}:d", "Đã gửi báo cáo"),  # done: no more
        "12/12/2023": lambda: year.press("direct", f"r:{report_12}:p", "bỏ qua"),  # in progress: they go on
        "19/12/2023": lambda: year.press("direct", f"r:{report_12}:d", "bỏ qua"),
    }
    await run_days(year, "01/01/2023", "31/12/2023", actions)

    # The six-month report (Thu 15/6): 7 days, 3 days, 1 working day before; "done" on 14/6 ends it.
    assert year.sends("direct", report_6) == [
        ("Thu 08/06 08:00", "before"),
        ("Mon 12/06 08:00", "before"),
        ("Wed 14/06 08:00", "before"),
    ]
    # The year report (Fri 15/12): "in progress" keeps them coming, overdue on the next working day.
    assert year.sends("direct", report_12) == [
        ("Fri 08/12 08:00", "before"),
        ("Tue 12/12 08:00", "before"),
        ("Thu 14/12 08:00", "before"),
        ("Fri 15/12 08:00", "due"),
        ("Mon 18/12 08:00", "overdue"),
    ]
    # The rotating quarterly post: Thanh tra hears about quý III only; Sat 30/9 is reminded on Fri 29/9,
    # and the overdue one waits for Monday.
    assert year.sends("TT", post_q3)[:6] == [
        ("Fri 22/09 08:00", "before"),
        ("Wed 27/09 08:00", "before"),
        ("Thu 28/09 08:00", "before"),
        ("Fri 29/09 08:00", "due"),
        ("Mon 02/10 08:00", "overdue"),
        ("Mon 09/10 08:00", "overdue"),
    ]
    with session_scope(year.engine) as session:
        heard = {
            r.occurrence_id
            for r in session.exec(
                select(OutboxRow).where(OutboxRow.member_id == year.members["TT"], OutboxRow.occurrence_id.is_not(None))
            )
        }
        rotating_task = session.get(OccurrenceRow, post_q3).task_id
        periods = {
            session.get(OccurrenceRow, i).period
            for i in heard
            if session.get(OccurrenceRow, i).task_id == rotating_task
        }
    assert periods == {"quý III/2023"}
    # The monthly website post: January's 7-day reminder falls in Tết (20–26/1) and moves to Thu 19/1;
    # April's due date is a Sunday holiday (30/4) and the overdue one skips 1–3/5.
    assert year.sends("VP", web_jan)[:4] == [
        ("Thu 19/01 08:00", "before"),
        ("Fri 27/01 08:00", "before"),
        ("Mon 30/01 08:00", "before"),
        ("Tue 31/01 08:00", "due"),
    ]
    assert year.sends("VP", web_apr)[:4] == [
        ("Fri 21/04 08:00", "before"),
        ("Thu 27/04 08:00", "before"),
        ("Fri 28/04 08:00", "due"),
        ("Thu 04/05 08:00", "overdue"),
    ]
    # Nothing ever went out at 07:00 or 18:00, on a weekend or on a holiday, and nothing twice.
    with session_scope(year.engine) as session:
        sent = session.exec(select(OutboxRow).where(OutboxRow.status == "sent", OutboxRow.kind != "notice")).all()
    assert sent and all(
        r.sent_at.astimezone(ICT).hour == 8 and CAL.is_working_day(r.sent_at.astimezone(ICT).date()) for r in sent
    )
    assert len(year.fake.sent) == len({m["message_id"] for m in year.fake.sent})
    assert all(text.count("⏰") <= 1 for text in year.fake.texts())

    # One message per person per sending time: rows sent together share one message id.
    with session_scope(year.engine) as session:
        rows = session.exec(select(OutboxRow).where(OutboxRow.status == "sent")).all()
    per_time = Counter(
        (r.member_id, r.sent_at.astimezone(ICT).strftime("%d/%m %H:%M"))
        for r in {(r.member_id, r.message_id): r for r in rows}.values()
    )
    unit_members = {year.members[u] for u in UNITS}
    assert max(n for (member, _), n in per_time.items() if member in unit_members) == 1
    vp = [
        r
        for r in rows
        if r.member_id == year.members["VP"] and r.sent_at.astimezone(ICT).date() == dt.date(2023, 12, 29)
    ]
    assert len(vp) > 10 and len({r.message_id for r in vp}) == 1, "Văn phòng: one message on 29/12, not 17"
    message = next(m for m in year.fake.sent if str(m["message_id"]) == vp[0].message_id)
    buttons = [b for row in message["reply_markup"]["inline_keyboard"] for b in row]
    assert len(buttons) == len({r.occurrence_id for r in vp})
    assert sorted(b["callback_data"] for b in buttons) == sorted({f"u:{r.occurrence_id}" for r in vp})
    numbers = [int(b["text"].split(".")[0]) for b in buttons]
    assert numbers == list(range(1, len(buttons) + 1))
    text = message["text"]
    assert all(f"\n{n}. " in text for n in numbers) and "quá hạn" in text, "one Telegram message, numbered items"
    # The chat's numbered choices are that message's items, in order; each opens its own choices.
    with session_scope(year.engine) as session:
        state = load_state(session=session, channel="telegram", chat_id=str(100 + list(UNITS).index("VP")))
    assert list(state.choices) == [b["callback_data"] for b in buttons]
    chat = str(100 + list(UNITS).index("VP"))
    second = int(buttons[1]["callback_data"].split(":")[1])
    with time_machine.travel(dt.datetime(2023, 12, 29, 9, 0, tzinfo=ICT), tick=False):
        replies = year.core.handle(
            Incoming(channel="telegram", chat_id=chat, user_id=chat, payload=f"u:{second}", event="button")
        )
    assert [b.payload for b in replies[0].flat_buttons] == [f"r:{second}:{c}" for c in "dpbs"]


async def test_blocked_reaches_the_officers_and_snooze_comes_back_next_working_morning(year: Year) -> None:
    post = year.occurrence("VP", "30/06/2023", "tuyên truyền")
    await run_days(year, "20/06/2023", "22/06/2023")
    with time_machine.travel(dt.datetime(2023, 6, 22, 19, 0, tzinfo=ICT), tick=False):
        year.press("VP", f"r:{post}:b", "Chưa có kinh phí in tờ rơi")
    await tick(year, dt.datetime(2023, 6, 22, 20, 0, tzinfo=ICT))  # a notice is not a reminder: it goes at once
    officer_texts = [t for t in year.fake.texts(900) if t.startswith("Vướng mắc:")]  # digests aside
    assert len(officer_texts) == 1
    assert "Văn phòng (VP)" in officer_texts[0] and "Chưa có kinh phí in tờ rơi" in officer_texts[0]

    with time_machine.travel(dt.datetime(2023, 6, 23, 15, 0, tzinfo=ICT), tick=False):  # a Friday afternoon
        year.press("VP", f"r:{post}:s")
    await run_days(year, "24/06/2023", "26/06/2023")
    snoozed = [s for s in year.sends("VP", post) if s[1] == "snooze"]
    assert snoozed == [("Mon 26/06 08:00", "snooze")]


async def test_a_restart_after_downtime_sends_what_is_due_once_and_says_it_is_late(year: Year) -> None:
    report = year.occurrence("direct", "15/06/2023", "báo cáo định kỳ")
    # The process was down from Sunday to Monday 14:00: the 08:00 reminder goes at 14:00, once, marked late.
    await tick(year, dt.datetime(2023, 6, 12, 14, 0, tzinfo=ICT))
    await tick(year, dt.datetime(2023, 6, 12, 14, 5, tzinfo=ICT))
    assert year.sends("direct", report) == [("Mon 12/06 14:00", "before")]  # the 7-day one was superseded
    text = year.fake.texts(100)[-1]
    assert "muộn" in text and "15/06/2023" in text and "còn 3 ngày" in text


def test_moments_never_fall_on_a_day_off() -> None:
    for due in (dt.date(2023, 1, 1) + dt.timedelta(days=n) for n in range(0, 365 * 3)):
        moments = reminder_moments(due, policy=ReminderPolicy(), calendar=CAL, until=due + dt.timedelta(days=40))
        days = [m.at.date() for m in moments]
        assert all(CAL.is_working_day(d) for d in days), due
        assert days == sorted(set(days)), due
        assert all(m.at.date() <= due for m in moments if m.kind != "overdue"), due
        assert all(m.at.date() > due for m in moments if m.kind == "overdue"), due


async def test_a_grouped_reminder_reads_as_numbered_items_on_zalo_and_the_terminal(year: Year) -> None:
    """29/12/2023 at 08:00: Văn phòng's due rows render as one message; without buttons (Zalo, terminal)
    the numbered items are the text itself, and the chat's choices are those items in order."""
    from storage.members import get_member
    from storage.outbox import Claimed

    moment = dt.datetime(2023, 12, 29, 8, 0, tzinfo=ICT)
    with time_machine.travel(moment, tick=False):
        year.service.plan_now()
    with session_scope(year.engine) as session:
        rows = session.exec(
            select(OutboxRow).where(OutboxRow.member_id == year.members["VP"], OutboxRow.status == "pending")
        ).all()
        claimed = [
            Claimed(
                id=r.id,
                key=r.key,
                member_id=r.member_id,
                occurrence_id=r.occurrence_id,
                task_id=r.task_id,
                kind=r.kind,
                send_at=r.send_at,
                text=r.text,
                attempts=r.attempts,
            )
            for r in rows
        ]
        member = get_member(session=session, member_id=year.members["VP"])
        texts = ReminderTexts(zone=ICT)
        rendered = texts.render(session=session, rows=claimed, member=member, now=moment)
        single = texts.render(session=session, rows=claimed[:1], member=member, now=moment)
    assert len(claimed) > 10 and len(rendered.messages) == 1
    message = rendered.messages[0]
    assert sorted(message.row_ids) == sorted(r.id for r in claimed), "all the rows, marked together"
    assert list(message.choices) == [b.payload for b in message.reply.flat_buttons]
    assert all(c.startswith("u:") for c in message.choices)
    numbered = message.reply.numbered_text()
    assert numbered == message.reply.text and "1 – " not in numbered
    for n in range(1, len(message.choices) + 1):
        assert f"\n{n}. " in numbered
    assert "2 xong" in numbered
    # A single item keeps today's one-tap flow: its four choices.
    (alone,) = single.messages
    assert [b.payload.rsplit(":", 1)[1] for b in alone.reply.flat_buttons] == list("dpbs")
    assert "1 – Đã xong" in alone.reply.numbered_text()
