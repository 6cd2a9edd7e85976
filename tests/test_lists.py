"""List answers on the real sample plans and corpus: a plan's targets, a unit's tasks in a period, its recurring
duties, the months of a duty; an honest refusal for a unit or period the plans do not have; paging in the chat."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from sqlalchemy import Engine
from test_ask import record
from world import World, make_world

from bot.core import Reply
from bot.render import LIST_PAGE, answer_text
from plans import Plan, parse_plan
from plans.answer import Engine as QA
from plans.lists import plan_targets
from plans.units import make_unit

CORPUS = Path(__file__).resolve().parent / "corpus"


def _engine(plans: list[Plan]) -> QA:
    names = {u: make_unit(u).name for p in plans for t in p.tasks for u in (*t.leads, *t.partners)}
    return QA(plans, names)


@pytest.fixture(scope="module")
def samples(sample_plans: dict[str, Plan]) -> QA:
    return _engine(list(sample_plans.values()))


@pytest.fixture(scope="module")
def everything(sample_plans: dict[str, Plan]) -> QA:
    return _engine([*sample_plans.values(), *(parse_plan(p) for p in sorted(CORPUS.glob("*.txt")))])


def test_targets_of_a_plan_named_by_number_are_listed_and_cited(samples: QA) -> None:
    answer = samples.ask("kế hoạch 297 có những chỉ tiêu nào")
    assert answer.found and answer.kind == "list" and answer.listing is not None
    assert len(answer.listing.items) > LIST_PAGE  # long enough to page in the chat
    assert all(f.plan.startswith("297/") and f.section and f.quote for f in answer.facts)
    text = answer_text(answer, "vi")
    assert "60%" in text and "98%" in text and "[II.3]" in text


def test_a_list_asked_for_without_a_question_word(everything: QA) -> None:
    answer = everything.ask("liệt kê các chỉ tiêu của kế hoạch 905")
    assert answer.found and answer.kind == "list" and all(f.plan.startswith("905/") for f in answer.facts)


def test_a_bracketed_current_value_is_not_listed_as_a_target() -> None:
    plan = parse_plan(CORPUS / "thachlam-qd-sgddt-2026-tthc-152.txt")
    items = plan_targets(plan)
    assert [i.value for i in items if i.section == "II.3"] == ["90%"]  # "(năm 2025 đạt 72,4%)" is a baseline


def test_a_units_tasks_in_a_quarter(samples: QA) -> None:
    answer = samples.ask("TCCB so soc trang co nhung viec gi trong quy 1")
    assert answer.found and answer.listing is not None and answer.listing.period is not None
    start, end = answer.listing.period
    assert (start, end) == (dt.date(2023, 1, 1), dt.date(2023, 3, 31))
    for item in answer.listing.items:
        assert item.dates and all(start <= d <= end for d, _ in item.dates)
    text = answer_text(answer, "vi")
    assert "thi đua" in text and "PL.6" in text
    later = samples.ask("TCCB so soc trang co nhung viec gi trong quy 2")
    assert later.found and "thi đua" not in answer_text(later, "vi")  # a quarter I task is not a quarter II task


def test_monthly_duties_of_a_unit(samples: QA, everything: QA) -> None:
    answer = samples.ask("mỗi tháng VP phải làm gì")
    assert answer.found and answer.listing is not None
    assert all(i.frequency == "monthly" for i in answer.listing.items)
    assert "website" in answer_text(answer, "vi") and "hằng tháng" in answer_text(answer, "vi")
    dated = everything.ask("mỗi tháng VP Sở Thạch Lâm phải làm gì")
    assert dated.found and "trước ngày 25" in answer_text(dated, "vi")
    assert all("Thạch Lâm" in f.plan for f in dated.facts)


def test_the_months_of_a_duty(everything: QA) -> None:
    answer = everything.ask("Phòng TCCB Sở Sơn Khê kiểm tra hồ sơ một cửa vào những tháng nào?")
    assert answer.found and answer.listing is not None and answer.listing.what == "months"
    text = answer_text(answer, "vi")
    for month in ("31/03/2027", "30/06/2027", "30/09/2027", "31/12/2027"):
        assert month in text


def test_a_sub_unit_of_the_unit_asked_counts_and_partners_are_marked(everything: QA) -> None:
    vp = answer_text(everything.ask("van phong so ha son co nhung viec gi"), "vi")
    assert "Tổ Pháp chế" in vp and "27/11/2026" in vp  # "Tổ Pháp chế (thuộc Văn phòng)" leads a task of VP
    cntt = everything.ask("Tổ CNTT Sở An Lạc có những việc gì?")
    assert cntt.listing is not None
    assert [i.partner for i in cntt.listing.items] == sorted(i.partner for i in cntt.listing.items)  # leads first
    assert "phối hợp" in answer_text(cntt, "vi")


@pytest.mark.parametrize(
    "question",
    [
        "Phòng Khảo thí Sở Sóc Trăng phụ trách nhiệm vụ CCHC nào?",
        "Tổ Ngữ văn trường THCS Hòa Mỹ có nhiệm vụ CCHC gì?",
        "Phòng GDTX Sở Thạch Lâm được giao việc gì trong kế hoạch cải cách TTHC?",
        "Tổ CNTT phòng GD quận 7 có những việc gì",
    ],
)
def test_a_unit_the_plan_does_not_name_is_refused_without_another_units_list(everything: QA, question: str) -> None:
    answer = everything.ask(question)
    assert not answer.found and answer.facts == ()
    text = record(answer)["answer"]
    assert not any(ch.isdigit() for ch in text)
    assert "không giao việc" in text


def test_a_period_with_nothing_due_is_said_so(samples: QA) -> None:
    answer = samples.ask("Phòng KH-TC Sở Sóc Trăng có những việc gì trong quý 3")
    assert not answer.found and answer.facts == ()
    assert "thời gian bạn hỏi" in answer_text(answer, "vi")


def test_one_fact_questions_are_not_lists(samples: QA) -> None:
    for question in ("hạn nộp báo cáo 6 tháng", "ai ký kế hoạch 297", "phòng nào phụ trách cải cách thể chế"):
        assert samples.ask(question).kind != "list"


# -- paging in the chat --------------------------------------------------------------------------------------
@pytest.fixture
def world(loaded_engine: Engine) -> World:
    return make_world(loaded_engine)


def _text(replies: list[Reply]) -> str:
    return "\n".join(r.numbered_text() for r in replies)


def _numbers(text: str) -> list[int]:
    return [int(n) for n in re.findall(r"^(\d+)\. ", text, re.M)]


def test_a_long_list_pages_with_buttons_on_telegram(world: World) -> None:
    world.say(f"/start {world.codes['VP']}")
    first = world.say("kế hoạch 297 có những chỉ tiêu nào")
    assert _numbers(first[0].text) == list(range(1, LIST_PAGE + 1))
    assert "Trang 1/2" in first[0].text
    (following,) = [b for b in first[0].flat_buttons if b.label == "Trang sau"]
    assert len(following.payload.encode()) <= 64
    second = world.press(following.payload)
    assert _numbers(second[0].text)[0] == LIST_PAGE + 1 and "Trang 2/2" in second[0].text
    assert [b.label for b in second[0].flat_buttons] == ["Trang trước"]
    back = world.press(second[0].flat_buttons[0].payload)
    assert _numbers(back[0].text)[0] == 1
    # a page button is no key to another chat's question
    world.say(f"/start {world.codes['TCCB']}", user="u2")
    assert "không còn hiệu lực" in _text(world.press(following.payload, user="u2"))


def test_a_long_list_pages_by_number_or_by_word_where_there_are_no_buttons(world: World) -> None:
    world.say(f"/start {world.codes['TCCB']}", channel="zalo", user="z1")
    first = _text(world.say("ke hoach 297 co nhung chi tieu nao", channel="zalo", user="z1"))
    assert "1 – Trang sau" in first and _numbers(first)[0] == 1
    second = _text(world.say("1", channel="zalo", user="z1"))
    assert _numbers(second)[0] == LIST_PAGE + 1 and "1 – Trang trước" in second
    world.say("1", channel="zalo", user="z1")  # back to the first page
    assert _numbers(_text(world.say("tiếp", channel="zalo", user="z1")))[0] == LIST_PAGE + 1


def test_a_short_list_comes_whole_and_a_refusal_plainly(world: World) -> None:
    world.say(f"/start {world.codes['VP']}")
    short = world.say("mỗi tháng VP phải làm gì")
    assert not short[0].buttons and "website" in short[0].text
    refused = world.say("Phòng Khảo thí Sở Sóc Trăng có những việc gì")
    assert "Phòng Khảo thí" in refused[0].text and not refused[0].buttons
