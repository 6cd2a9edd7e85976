"""The conversation core on SQLite and PostgreSQL: joining, asking, deadlines, buttons, notes, state."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import Engine
from sqlmodel import select
from world import MONDAY, World, make_world

from bot.core import Incoming, Reply, split_text
from storage.engine import session_scope
from storage.members import code_digest, find_person, list_members
from storage.models import InboundRow, JoinCodeRow, OutboxRow, StatusReportRow


@pytest.fixture
def world(loaded_engine: Engine) -> World:
    return make_world(loaded_engine)


def text(replies: list[Reply]) -> str:
    return "\n".join(r.numbered_text() for r in replies)


def test_strangers_are_told_how_to_join_and_nothing_else(world: World) -> None:
    reply = text(world.say("hạn nộp báo cáo 6 tháng"))
    assert "/start" in reply and "15/06" not in reply
    assert "/start" in text(world.say("/hanchot"))
    assert "không hợp lệ" in text(world.say("/start WRONG123"))
    with session_scope(world.engine) as session:
        assert find_person(session=session, channel="telegram", user_id="u1") is None
        kept = session.exec(select(InboundRow).where(InboundRow.user_id == "u1")).all()
    assert len(kept) >= 3, "what a stranger sent is kept too"


def test_join_with_code_then_ask_with_and_without_diacritics(world: World) -> None:
    welcome = text(world.say(f"/start {world.codes['VP']}", name="Chị Lan"))
    assert "Văn phòng (VP)" in welcome and "Chị Lan" in welcome
    for question in ("Hạn nộp báo cáo 6 tháng là ngày nào?", "han nop bao cao 6 thang la ngay nao"):
        answer = text(world.say(question))
        assert "15/06/2023" in answer
        assert "Sóc Trăng" in answer and "IV.1" in answer  # plan and section cited
    assert "15/06/2023" in text(world.say("/hoi han nop bao cao 6 thang"))
    not_said = text(world.say("kinh phí mua máy chiếu cho trường là bao nhiêu"))
    assert "không nói" in not_said


def test_join_code_typed_without_the_command_and_in_lower_case(world: World) -> None:
    assert "Phòng Tổ chức cán bộ" in text(world.say(world.codes["TCCB"].lower(), user="u2"))
    with session_scope(world.engine) as session:
        code = session.exec(select(JoinCodeRow).where(JoinCodeRow.code == code_digest(world.codes["TCCB"]))).one()
    assert code.uses == 1  # recognising the code is not a use; the join is


def test_deadlines_of_own_unit_and_refusal_for_another(world: World) -> None:
    world.say(f"/start {world.codes['VP']}")
    listing = text(world.say("/hanchot"))
    assert "Văn phòng (VP)" in listing and "31/05/2023" in listing
    assert "PL." in listing  # each line cites plan and section
    refused = text(world.say("/hanchot TCCB"))
    assert "Tổ chức cán bộ" not in refused
    boss = text(world.say("/hanchot TCCB", user="boss"))
    assert "Phòng Tổ chức cán bộ (TCCB)" in boss


def test_button_for_another_units_occurrence_is_refused_and_changes_nothing(world: World) -> None:
    world.say(f"/start {world.codes['VP']}")
    foreign = world.occurrence_of("TCCB")
    reply = world.press(f"r:{foreign}:d")
    assert reply[0].notice and "TCCB" in reply[0].text
    for bad in ("r:abc:d", "r:1:x", "zzz", f"r:{foreign}"):
        assert world.press(bad)[0].notice
    with session_scope(world.engine) as session:
        assert session.exec(select(StatusReportRow)).all() == []


def test_status_choice_with_numbered_reply_note_and_blocked_notice(world: World) -> None:
    world.say(f"/start {world.codes['VP']}")
    menu = world.say("/capnhat")
    assert menu[0].flat_buttons and all(len(b.payload.encode()) <= 64 for b in menu[0].flat_buttons)
    assert "từ 1 đến" in text(world.say("99"))  # out of range: a clear answer, and the menu stays
    prompt = world.say("1")  # numbered choice, as on Zalo
    labels = [b.payload.rsplit(":", 1)[1] for b in prompt[0].flat_buttons]
    assert labels == ["d", "p", "b", "s"]
    blocked = world.say("3")
    assert "vướng mắc" in blocked[0].text
    world.say("Chưa có kinh phí in tài liệu")
    with session_scope(world.engine) as session:
        report = session.exec(select(StatusReportRow)).one()
        assert (report.choice, report.note) == ("blocked", "Chưa có kinh phí in tài liệu")
        notices = session.exec(select(OutboxRow).where(OutboxRow.kind == "notice")).all()
    assert len(notices) == 1  # one officer (the admin), one notice, carrying the note, due at once
    assert "Chưa có kinh phí" in (notices[0].text or "")
    assert notices[0].send_at <= MONDAY.astimezone(dt.UTC)
    # The next message is a question again.
    assert "15/06/2023" in text(world.say("han nop bao cao 6 thang"))


def test_skip_note_and_done(world: World) -> None:
    world.say(f"/start {world.codes['VP']}")
    occ = world.occurrence_of("VP")
    assert world.press(f"r:{occ}:d")[0].notice
    assert world.say("bỏ qua")
    with session_scope(world.engine) as session:
        report = session.exec(select(StatusReportRow)).one()
    assert (report.choice, report.note) == ("done", None)
    assert "[" in text(world.say("/hanchot"))


def test_same_update_twice_is_handled_once(world: World) -> None:
    world.say(f"/start {world.codes['VP']}")
    occ = world.occurrence_of("VP")
    press = Incoming(
        channel="telegram", chat_id="u1", user_id="u1", payload=f"r:{occ}:p", event="button", event_key="777"
    )
    assert world.core.handle(press)
    assert world.core.handle(press) == []
    with session_scope(world.engine) as session:
        assert len(session.exec(select(StatusReportRow)).all()) == 1


def test_officer_invites_staff_cannot(world: World) -> None:
    world.say(f"/start {world.codes['VP']}")
    assert "/start" not in text(world.say("/invite TCCB"))  # refused: no code shown
    world.core.with_link("telegram", "https://t.me/nhacviec_bot?start={code}")
    invite = text(world.say("/invite TCCB", user="boss"))
    code = invite.split("/start ")[1].split()[0]
    assert f"https://t.me/nhacviec_bot?start={code}" in invite
    assert "Phòng Tổ chức cán bộ" in text(world.say(f"/start {code}", user="u9"))
    assert "/start" not in text(world.say("/invite VP officer", user="u9"))  # staff cannot invite officers


def test_first_admin_from_admin_chat_ids_and_group_linking(world: World) -> None:
    assert "quản trị" in text(world.say("/toi", user="root"))
    group = Incoming(
        channel="telegram",
        chat_id="-100",
        user_id="u5",
        name="Nhóm VP",
        text=f"/start {world.codes['VP']}",
        is_group=True,
    )
    assert world.core.handle(group)
    with session_scope(world.engine) as session:
        members = list_members(session=session)
    assert any(m.is_group and m.chat_id == "-100" and m.unit == "Văn phòng (VP)" for m in members)
    assert any(m.role == "admin" and m.user_id == "root" for m in members)


def test_language_blocked_and_unknown_command(world: World) -> None:
    world.say(f"/start {world.codes['VP']}")
    assert "English" in text(world.say("/lang en"))
    assert "Deadlines" in text(world.say("/hanchot"))
    assert "/help" in text(world.say("/khongco"))
    world.core.handle(Incoming(channel="telegram", chat_id="u1", user_id="u1", event="blocked", event_key="b1"))
    with session_scope(world.engine) as session:
        assert not find_person(session=session, channel="telegram", user_id="u1").active


def test_an_internal_error_keeps_the_message_and_answers_politely(world: World, monkeypatch) -> None:
    world.say(f"/start {world.codes['VP']}")

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(world.core.library, "engine", broken)
    reply = text(world.say("han nop bao cao 6 thang"))
    assert "boom" not in reply and reply
    with session_scope(world.engine) as session:
        kept = session.exec(select(InboundRow).where(InboundRow.outcome == "error")).all()
    assert [k.text for k in kept] == ["han nop bao cao 6 thang"]


def test_split_text_keeps_lines_whole() -> None:
    lines = [f"dòng {i} " + "x" * 50 for i in range(200)]
    pieces = split_text("\n".join(lines), 1800)
    assert all(len(p) <= 1800 for p in pieces) and len(pieces) > 5
    assert "\n".join(pieces).split("\n") == lines
    assert all(len(p) <= 100 for p in split_text("y " * 500, 100))
