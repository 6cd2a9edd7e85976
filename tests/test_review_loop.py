"""Officers bring plans in through the chat and the command line, see what was read, correct it and confirm
before anything is scheduled; classes of units answered member by member."""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import subprocess
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from aiogram import Bot, Dispatcher
from conftest import ALL_TXT, GIA_LAM, SOC_TRANG
from genre import CORPUS
from sqlalchemy import Engine, func
from sqlmodel import select

from bot.channels import telegram
from bot.core import Conversation, CoreConfig
from bot.fakes.telegram import FakeTelegram
from plans import parse_plan, plan_occurrences
from storage.drafts import audit, confirm_draft, correct, create_draft, import_plan, review
from storage.engine import session_scope
from storage.groups import group_units
from storage.members import add_member
from storage.models import OccurrenceRow, PlanDraftRow, PlanRow, StatusReportRow
from storage.plans import deadlines, resolve_units
from storage.reports import add_report, unit_occurrences
from storage.status import status_summary

OFFICER, STAFF = 77, 88
NOW = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)


def occurrences(engine: Engine) -> int:
    with session_scope(engine) as session:
        return session.exec(select(func.count()).select_from(OccurrenceRow)).one()


@dataclass
class Rig:
    fake: FakeTelegram
    bot: Bot
    dispatcher: Dispatcher
    engine: Engine

    async def upload(self, user: int, path: Path | None = None, *, name: str = "", content: bytes = b"", size=None):
        before = len(self.fake.sent)
        self.fake.document(
            user_id=user,
            filename=name or path.name,
            content=content or path.read_bytes(),  # noqa: ASYNC240 - a small test file
            size=size,  # type: ignore[union-attr]
        )
        await self.fake.wait_for(lambda: len(self.fake.sent) > before, seconds=30)
        return self.fake.sent[before]

    async def press(self, user: int, data: str) -> dict:
        before = len(self.fake.sent)
        self.fake.press(user_id=user, data=data)
        await self.fake.wait_for(lambda: len(self.fake.sent) > before, seconds=30)
        return self.fake.sent[before]


@pytest.fixture
async def rig(engine: Engine) -> AsyncIterator[Rig]:
    with session_scope(engine) as session:
        add_member(
            session=session,
            channel="telegram",
            chat_id=str(OFFICER),
            user_id=str(OFFICER),
            unit_id=None,
            role="officer",
            name="Cán bộ CCHC",
        )
    core = Conversation(engine=engine, config=CoreConfig(), clock=lambda: NOW)
    fake = FakeTelegram()
    await fake.start()
    bot = telegram.build_bot(fake.token, fake.base_url)
    dispatcher = telegram.build_dispatcher(core)
    polling = asyncio.create_task(telegram.run_polling(bot, dispatcher, polling_timeout=1))
    yield Rig(fake=fake, bot=bot, dispatcher=dispatcher, engine=engine)
    polling.cancel()
    await asyncio.gather(polling, return_exceptions=True)
    await bot.session.close()
    await fake.stop()


def _buttons(message: dict) -> list[str]:
    markup = message.get("reply_markup") or {}
    return [b["callback_data"] for row in markup.get("inline_keyboard", []) for b in row]


async def test_an_officer_uploads_reviews_and_confirms(rig: Rig, built_docs: dict[str, Path], tmp_path: Path) -> None:
    from docgen import build_docx, build_pdf

    corpus = CORPUS / "thachlam-qd-sgddt-2026-tthc-152.txt"
    docx = build_docx(corpus, tmp_path / "thachlam.docx", merge=True)
    files = [*ALL_TXT, docx, build_pdf(docx, tmp_path / "thachlam.pdf"), built_docs["soctrang.docx"]]
    seen: set[str] = set()
    for path in files[:-1]:
        before = occurrences(rig.engine)
        parsed = parse_plan(path)
        summary = await rig.upload(OFFICER, path)
        text = summary["text"]
        assert text.startswith("Bản nháp") and "việc" in text, text
        draft = next(b for b in _buttons(summary) if b.startswith("dc:")).split(":")[1]
        assert _buttons(summary) == [f"dc:{draft}", f"dd:{draft}:1", f"dx:{draft}"]
        details = await rig.press(OFFICER, f"dd:{draft}:1")
        assert "1. [" in details["text"]
        assert occurrences(rig.engine) == before  # a draft schedules nothing
        confirmed = await rig.press(OFFICER, f"dc:{draft}")
        assert "Đã xác nhận" in confirmed["text"]
        if parsed.meta.reference in seen:  # the same plan as a PDF after its .docx: nothing changes
            assert "Giống bản đã xác nhận" in text and occurrences(rig.engine) == before
        else:
            assert occurrences(rig.engine) - before == len(
                {(o.task_index, o.unit, o.due, o.period) for o in plan_occurrences(parsed)}
            )
        seen.add(parsed.meta.reference)
    assert occurrences(rig.engine) > 0
    with session_scope(rig.engine) as session:
        decided = session.exec(select(PlanDraftRow).where(PlanDraftRow.status == "confirmed")).all()
        assert len(decided) == len(files) - 1 and all(d.decided_by and d.decided_at for d in decided)

    # a new version of a confirmed plan: shown as its diff; nothing scheduled until confirmed
    changed = SOC_TRANG.read_text(encoding="utf-8").replace("chậm nhất ngày 15/6", "chậm nhất ngày 20/6")
    scheduled = occurrences(rig.engine)
    summary = await rig.upload(OFFICER, name="soctrang-v2.txt", content=changed.encode())
    assert "đã xác nhận" in summary["text"] and "→ 20/06/2023" in summary["text"], summary["text"]
    with session_scope(rig.engine) as session:
        assert not [e for e in deadlines(session=session) if e.due == dt.date(2023, 6, 20)]
    draft = next(b for b in _buttons(summary) if b.startswith("dx:"))
    discarded = await rig.press(OFFICER, draft)
    assert "Đã hủy" in discarded["text"] and occurrences(rig.engine) == scheduled


async def test_refusals_and_unreadable_files(rig: Rig) -> None:
    with session_scope(rig.engine) as session:
        from storage.plans import ensure_unit

        add_member(
            session=session,
            channel="telegram",
            chat_id=str(STAFF),
            user_id=str(STAFF),
            unit_id=ensure_unit(session, "Văn phòng", manual=True).id,
            role="staff",
            name="Nhân viên",
        )
    staff = await rig.upload(STAFF, GIA_LAM)
    assert "Chỉ cán bộ phụ trách" in staff["text"]
    stranger = await rig.upload(99, GIA_LAM)
    assert "/start" in stranger["text"]
    big = await rig.upload(OFFICER, name="kehoach.docx", content=b"PK", size=25 * 1024 * 1024)
    assert "20 MB" in big["text"]
    corrupt = await rig.upload(OFFICER, name="hong.docx", content=b"PK\x03\x04 not really a zip")
    assert "hong.docx" in corrupt["text"] and "\n" not in corrupt["text"].strip()
    with session_scope(rig.engine) as session:
        assert session.exec(select(func.count()).select_from(PlanDraftRow)).one() == 0
        assert session.exec(select(func.count()).select_from(PlanRow)).one() == 0


def test_a_correction_survives_a_reimport_and_is_audited(engine: Engine) -> None:
    plan = parse_plan(GIA_LAM)
    with session_scope(engine) as session:
        import_plan(session=session, plan=plan)
        number = next(i for i, t in enumerate(plan.tasks, 1) if t.schedule.deadlines)
        correct(session=session, plan=plan, number=number, field="time", value="trước ngày 20/12/2022", by="Lan")
        import_plan(session=session, plan=parse_plan(GIA_LAM))  # the same plan imported again
        dues = {e.due for e in deadlines(session=session) if e.clause == plan.tasks[number - 1].clause}
        assert dues == {dt.date(2022, 12, 20)}
        trail = audit(session, session.exec(select(PlanRow)).one().key)
        assert [(c.by, c.field, c.value) for c in trail] == [("Lan", "time", "trước ngày 20/12/2022")]


def test_drafts_schedule_nothing_until_confirmed(engine: Engine) -> None:
    with session_scope(engine) as session:
        row, plan = create_draft(session=session, filename=SOC_TRANG.name, content=SOC_TRANG.read_bytes(), by="cli")
        rv = review(session, plan)
        assert rv.tasks == len(plan.tasks) and rv.units and rv.diff is None
        assert any("đơn vị" in d for i in rv.unsure for d in i.unsure)
    assert occurrences(engine) == 0
    with session_scope(engine) as session:
        result = confirm_draft(session=session, draft_id=row.id or 0, by="cli")
    assert result.occurrences == occurrences(engine) > 0


def test_a_class_of_units_answered_by_three_schools(engine: Engine) -> None:
    plan = parse_plan(SOC_TRANG)
    schools = ["Trường THPT Lê Lợi", "Trường THPT Trần Phú", "Trường THPT Nguyễn Trãi"]
    with session_scope(engine) as session:
        import_plan(session=session, plan=plan)
        _group, added = group_units(
            session=session, group="Các đơn vị trực thuộc Sở", members=schools, today=dt.date(2023, 1, 1)
        )
        assert len(added) == 3
        june = [e for e in deadlines(session=session) if e.due == dt.date(2023, 6, 15)]
        assert sorted(u for e in june for u in e.units) == sorted(schools)
        ids = {u.name: u.id for s in schools for u in resolve_units(session=session, name=s)}
        first = unit_occurrences(
            session=session, unit_ids=[ids[schools[0]]], start=dt.date(2023, 6, 15), end=dt.date(2023, 6, 15)
        )[0]
        add_report(
            session=session,
            occurrence_id=first.id,
            unit_id=ids[schools[0]],
            member_id=None,
            choice="done",
            at=NOW,
        )
        summary = status_summary(
            session=session,
            start=dt.date(2023, 6, 1),
            end=dt.date(2023, 6, 30),
            today=dt.date(2023, 6, 10),
            unit_ids=None,
            plan_ids=None,
        )
        rows = {u.unit: u for u in summary.units if u.unit in schools}
        assert len(rows) == 3 and rows[schools[0]].done == 1 and rows[schools[1]].done == 0
        reported = session.exec(select(StatusReportRow)).all()
        assert len(reported) == 1
        from storage.reminders import open_occurrences

        still = {
            o.unit_id for o in open_occurrences(session=session, start=dt.date(2023, 6, 15), end=dt.date(2023, 6, 15))
        }
        assert still == {ids[schools[1]], ids[schools[2]]}  # the two others are still reminded


CLI_ENV = {"PATH": os.environ.get("PATH", "/usr/bin:/bin")}


def _cli(args: list[str], url: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "nhacviec.cli", *args],
        capture_output=True,
        text=True,
        env={**CLI_ENV, "DATABASE_URL": url},
        check=check,
    )


@pytest.mark.parametrize("db", ["sqlite", "postgres"])
def test_the_commands(db: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    if db == "sqlite":
        url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    else:
        base, schema = request.getfixturevalue("postgres_schema")
        url = f"{base}{'&' if '?' in base else '?'}options=-csearch_path%3D{schema}"
    plan = CORPUS / "hason-sgddt-2026-khacphuc-2215.txt"
    shown = _cli(["plans", "import", "--draft", str(plan)], url).stdout
    assert "Draft 1:" in shown and "Văn phòng" in shown and "plans confirm 1" in shown
    assert "[]" == _cli(["deadlines", "--json"], url).stdout.strip()
    assert "Tổ Tổng hợp" in _cli(["plans", "review", "1"], url).stdout
    _cli(["tasks", "edit", "1", "6", "--time", "chậm nhất ngày 30/11/2026", "--by", "Lan"], url)
    _cli(["plans", "confirm", "1"], url)
    assert '"2026-11-30"' in _cli(["deadlines", "--json", "--unit", "VP"], url).stdout
    _cli(["plans", "import", str(plan)], url)  # again: the correction holds
    assert '"2026-11-27"' not in _cli(["deadlines", "--json", "--unit", "VP"], url).stdout
    shown = _cli(["plans", "show", "2215"], url).stdout
    assert "Corrections (1)" in shown and "Lan" in shown
    _cli(["units", "group", "Các trường THPT có hồ sơ trễ hạn", "Trường THPT A", "Trường THPT B"], url)
    assert "Trường THPT B" in _cli(["deadlines", "--json", "--from", "2026-11-30", "--to", "2026-11-30"], url).stdout
    _cli(["plans", "import", "--draft", str(GIA_LAM)], url)
    _cli(["plans", "discard", "Gia Lâm"], url)
    assert "Gia Lâm" not in _cli(["plans", "list"], url).stdout
    missing = _cli(["plans", "confirm", "9"], url, check=False)
    assert missing.returncode == 1 and "No open draft" in missing.stderr
