"""The officers' view over a seeded year: figures, chart, spreadsheet, digest and morning-after times."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import subprocess
import sys
from collections import Counter
from collections.abc import AsyncIterator
from pathlib import Path

import openpyxl
import pytest
import time_machine
from conftest import SOC_TRANG
from matplotlib.image import imread
from sqlalchemy import Engine
from sqlmodel import select
from world import ICT

from bot.channels.telegram import TelegramSender, build_bot, send_reply
from bot.core import Conversation, CoreConfig, Incoming
from bot.core.reminders import ReminderTexts
from bot.fakes.telegram import FakeTelegram
from plans import Plan
from scheduler.calendar import WorkCalendar
from scheduler.dispatch import DispatchConfig, Dispatcher
from scheduler.planner import PlanningWindow
from scheduler.policy import ReminderPolicy
from scheduler.service import ReminderService
from storage.engine import session_scope
from storage.members import add_member
from storage.models import OutboxRow
from storage.plans import deadlines, resolve_units, save_plan
from storage.reports import add_report, unit_occurrences

TODAY = dt.datetime(2023, 7, 3, 9, 0, tzinfo=ICT)  # a Monday
UNITS = ("VP", "TCCB", "Thanh tra", "CNTT", "KH-TC")


def seed_year(engine: Engine, plan: Plan) -> dict[str, int]:
    """Sóc Trăng with replies of every kind: VP did all its January–March tasks, TCCB is in progress on
    its quý II ones, KH-TC is blocked on one with a note, the others never replied."""
    with session_scope(engine) as session:
        save_plan(session=session, plan=plan)
    ids: dict[str, int] = {}
    with session_scope(engine) as session:
        for i, name in enumerate(UNITS):
            unit = resolve_units(session=session, name=name)[0]
            ids[name] = unit.id or 0
            add_member(
                session=session,
                channel="telegram",
                chat_id=str(200 + i),
                user_id=str(200 + i),
                unit_id=unit.id,
                name=f"staff {name}",
            )
        add_member(
            session=session,
            channel="telegram",
            chat_id="999",
            user_id="999",
            unit_id=None,
            role="officer",
            name="Cán bộ CCHC",
        )
        at = TODAY.astimezone(dt.UTC) - dt.timedelta(days=3)
        for occ in unit_occurrences(session=session, unit_ids=[ids["VP"]], end=dt.date(2023, 3, 31)):
            add_report(session=session, occurrence_id=occ.id, unit_id=occ.unit_id, member_id=None, choice="done", at=at)
        for occ in unit_occurrences(
            session=session, unit_ids=[ids["TCCB"]], start=dt.date(2023, 4, 1), end=dt.date(2023, 6, 30)
        ):
            add_report(
                session=session, occurrence_id=occ.id, unit_id=occ.unit_id, member_id=None, choice="progress", at=at
            )
        blocked = unit_occurrences(session=session, unit_ids=[ids["KH-TC"]], end=dt.date(2023, 6, 30))[0]
        add_report(
            session=session,
            occurrence_id=blocked.id,
            unit_id=blocked.unit_id,
            member_id=None,
            choice="blocked",
            note="Chưa có kinh phí in tài liệu",
            at=at,
        )
    return ids


@pytest.fixture
def year(engine: Engine, sample_plans: dict[str, Plan]) -> tuple[Engine, dict[str, int]]:
    return engine, seed_year(engine, sample_plans[SOC_TRANG.name])


def test_summary_figures_match_the_deadlines_and_replies(year: tuple[Engine, dict[str, int]]) -> None:
    from storage.status import status_summary

    engine, _ids = year
    start, end, today = dt.date(2023, 1, 1), dt.date(2023, 12, 31), TODAY.date()
    with session_scope(engine) as session:
        summary = status_summary(session=session, start=start, end=end, today=today)
        # What each unit owes, counted independently from the deadline listing.
        owed = Counter(u for e in deadlines(session=session, start=start, end=end) for u in e.units)
    by_unit = {u.unit: u for u in summary.units}
    for name, unit_summary in by_unit.items():
        assert unit_summary.total == owed[name], name
    vp = by_unit["Văn phòng (VP)"]
    assert vp.done > 0 and vp.in_progress == 0 and vp.blocked == 0
    assert vp.late == sum(1 for o, k in summary.rows if o.unit == vp.unit and dt.date(2023, 3, 31) < o.due < today)
    tccb = by_unit["Phòng Tổ chức cán bộ (TCCB)"]
    assert tccb.in_progress > 0 and tccb.done == 0
    assert by_unit["Phòng Kế hoạch - Tài chính (KH-TC)"].blocked == 1
    assert [o.note for o in summary.blocked] == ["Chưa có kinh phí in tài liệu"]
    assert all(o.state is None and o.due < today for o in summary.late)
    assert summary.units[0].late + summary.units[0].blocked >= summary.units[-1].late + summary.units[-1].blocked


def _nv(args: list[str], url: str) -> subprocess.CompletedProcess[str]:
    env = {"DATABASE_URL": url, "PATH": os.environ.get("PATH", "")}
    return subprocess.run(
        [sys.executable, "-m", "nhacviec.cli", *args], capture_output=True, text=True, env=env, check=True, timeout=120
    )


def test_cli_json_spreadsheet_and_chart(sqlite_engine: Engine, sample_plans: dict[str, Plan], tmp_path: Path) -> None:
    seed_year(sqlite_engine, sample_plans[SOC_TRANG.name])
    url = sqlite_engine.url.render_as_string(hide_password=False)
    out = _nv(
        [
            "status",
            "--from",
            "2023-01-01",
            "--to",
            "2023-06-30",
            "--json",
            "--xlsx",
            str(tmp_path / "t.xlsx"),
            "--chart",
            str(tmp_path / "t.png"),
        ],
        url,
    )
    record = json.loads(out.stdout)
    assert set(record) >= {"units", "late", "blocked"}
    assert all(set(u) == {"unit", "done", "in_progress", "blocked", "late", "upcoming"} for u in record["units"])
    assert [b["note"] for b in record["blocked"]] == ["Chưa có kinh phí in tài liệu"]

    book = openpyxl.load_workbook(tmp_path / "t.xlsx")
    assert book.sheetnames == ["Tổng hợp", "Chi tiết"]
    totals, detail = book["Tổng hợp"], book["Chi tiết"]
    assert [c.value for c in totals[1]] == [
        "Đơn vị",
        "đã xong",
        "đang làm",
        "vướng mắc",
        "trễ hạn, chưa trả lời",
        "sắp tới",
        "Tổng",
    ]
    assert totals.freeze_panes == "A2" and detail.freeze_panes == "A2"
    assert totals.auto_filter.ref and detail.auto_filter.ref
    sheet_units = {row[0]: list(row[1:6]) for row in totals.iter_rows(min_row=2, values_only=True)}
    assert sheet_units == {
        u["unit"]: [u["done"], u["in_progress"], u["blocked"], u["late"], u["upcoming"]] for u in record["units"]
    }
    header = [c.value for c in detail[1]]
    assert header == [
        "Kế hoạch",
        "Mục",
        "Nhiệm vụ",
        "Đơn vị",
        "Kỳ",
        "Hạn chót",
        "Tình trạng",
        "Trả lời gần nhất",
        "Ghi chú",
    ]
    rows = list(detail.iter_rows(min_row=2, values_only=True))
    assert len(rows) == sum(
        sum(u[k] for k in ("done", "in_progress", "blocked", "late", "upcoming")) for u in record["units"]
    )
    assert all(
        isinstance(r[5], dt.datetime) and dt.date(2023, 1, 1) <= r[5].date() <= dt.date(2023, 6, 30) for r in rows
    )
    blocked_row = next(r for r in rows if r[6] == "vướng mắc")
    assert blocked_row[8] == "Chưa có kinh phí in tài liệu" and isinstance(blocked_row[7], dt.datetime)
    assert detail.cell(row=2, column=6).number_format.upper().startswith("DD/MM/YYYY")

    image = imread(tmp_path / "t.png")
    height, width = image.shape[:2]
    assert 600 <= width <= 1200 and 300 <= height <= 2500  # a phone-sized picture, not a poster


def _core(engine: Engine) -> Conversation:
    return Conversation(engine=engine, config=CoreConfig(), clock=lambda: TODAY.astimezone(dt.UTC))


def test_status_and_export_in_chat_for_officers_only(year: tuple[Engine, dict[str, int]]) -> None:
    engine, _ = year
    core = _core(engine)

    def say(user: str, text: str):  # type: ignore[no-untyped-def]
        return core.handle(Incoming(channel="telegram", chat_id=user, user_id=user, text=text))

    refused = say("200", "/status")
    assert refused[0].photo is None and "Chỉ cán bộ phụ trách" in refused[0].text
    assert say("200", "/export")[0].document is None
    reply = say("999", "/status 6 tháng")[0]
    assert reply.photo and reply.photo.startswith(b"\x89PNG")
    assert "01/01/2023 – 30/06/2023" in reply.text and "Chưa có kinh phí in tài liệu" in reply.text
    assert len(reply.text) < 4096
    assert "(hạn " in reply.text and "(due " not in reply.text  # every word through the catalogue
    narrowed = say("999", "/status quý 2 TCCB")[0].text
    assert "01/04/2023 – 30/06/2023" in narrowed and "Văn phòng (VP)" not in narrowed.split("\n", 2)[2]
    by_plan = say("999", "/status năm 2023 Sóc Trăng")[0].text
    assert "01/01/2023 – 31/12/2023" in by_plan and "Sóc Trăng" in by_plan
    assert "Không có đơn vị hay kế hoạch" in say("999", "/status quý 2 Hà Giang")[0].text
    export = say("999", "/export quý 2")[0]
    assert export.document and export.filename == "tinh-hinh-20230401-20230630.xlsx"
    book = openpyxl.load_workbook(io.BytesIO(export.document))
    assert book.sheetnames == ["Tổng hợp", "Chi tiết"]


@pytest.fixture
async def fake() -> AsyncIterator[FakeTelegram]:
    server = FakeTelegram()
    await server.start()
    yield server
    await server.stop()


async def test_telegram_gets_the_chart_as_a_photo_and_the_export_as_a_document(
    year: tuple[Engine, dict[str, int]], fake: FakeTelegram
) -> None:
    engine, _ = year
    core = _core(engine)
    bot = build_bot(fake.token, fake.base_url)
    try:
        for command in ("/status", "/export năm 2023"):
            for reply in core.handle(Incoming(channel="telegram", chat_id="999", user_id="999", text=command)):
                await send_reply(bot, 999, reply)
    finally:
        await bot.session.close()
    photo = fake.calls("sendPhoto")[0]
    assert photo["photo"]["filename"] == "tinh-hinh.png" and photo["photo"]["size"] > 5000
    document = fake.calls("sendDocument")[0]
    assert document["document"]["filename"].endswith(".xlsx") and document["document"]["size"] > 3000


async def test_weekly_digest_and_morning_after_times(
    sqlite_engine: Engine, sample_plans: dict[str, Plan], fake: FakeTelegram
) -> None:
    seed_year(sqlite_engine, sample_plans[SOC_TRANG.name])
    bot = build_bot(fake.token, fake.base_url)
    calendar = WorkCalendar()
    service = ReminderService(
        engine=sqlite_engine,
        policy=ReminderPolicy(),
        calendar=calendar,
        dispatcher=Dispatcher(
            engine=sqlite_engine,
            senders={"telegram": TelegramSender(bot)},
            texts=ReminderTexts(zone=ICT),
            calendar=calendar,
            config=DispatchConfig(per_second=0, per_chat_seconds=0),
        ),
        window=PlanningWindow(),
    )
    try:
        day = dt.datetime(2023, 6, 10, 7, 0, tzinfo=ICT)
        while day < dt.datetime(2023, 7, 12, tzinfo=ICT):
            for hour in (7, 8, 12):
                with time_machine.travel(day.replace(hour=hour), tick=False):
                    await service.tick()
            day += dt.timedelta(days=1)
    finally:
        await bot.session.close()
    with session_scope(sqlite_engine) as session:
        officer_rows = session.exec(
            select(OutboxRow).where(OutboxRow.kind.in_(("digest", "after")), OutboxRow.status == "sent")
        ).all()
        sent = [
            (r.kind, r.sent_at.astimezone(ICT).strftime("%a %d/%m %H:%M"))
            for r in sorted(officer_rows, key=lambda r: r.sent_at)
        ]
    digests = [t for k, t in sent if k == "digest"]
    assert digests == ["Mon 12/06 08:00", "Mon 19/06 08:00", "Mon 26/06 08:00", "Mon 03/07 08:00", "Mon 10/07 08:00"]
    afters = [t for k, t in sent if k == "after"]
    assert "Fri 16/06 08:00" in afters  # the 15/6 report
    assert "Mon 03/07 08:00" in afters  # Fri 30/6, the end of quý II
    texts = fake.texts(999)
    assert any(t.startswith("🗓 Tổng hợp tuần, 03/07/2023") for t in texts)
    morning = next(t for t in texts if "Đã qua hạn chót 15/06/2023" in t)
    assert "Các đơn vị trực thuộc Sở" in morning
    assert not any("Đã qua hạn chót" in t for t in fake.texts(200))  # staff never get the officers' messages
