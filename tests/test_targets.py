"""Targets against where things stand: a plan states both ("tăng từ 64,2% lên 95%", "năm 2026 đạt 86,4%",
a "Thực trạng" section), and only the goal is a target; the rest is a baseline that answers questions about
the past or the present."""

from __future__ import annotations

from pathlib import Path

import pytest

from plans import parse_plan
from plans.model import Clause
from plans.targets import targets_in

ROOT = Path(__file__).resolve().parent.parent


def _clause(text: str) -> Clause:
    return Clause(path="1", label="1.", kind="item", text=text, parent=None, position=0)


def _read(text: str, year: int = 2027) -> list[tuple[str, str, bool]]:
    return [(t.value_text, t.comparator, t.baseline) for t in targets_in(_clause(text), year=year)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tỷ lệ hồ sơ được số hóa tăng từ 64,2% lên tối thiểu 95%.", [("64,2%", "=", True), ("95%", ">=", False)]),
        (
            "Số sổ gốc được số hóa tăng từ 418 quyển lên ít nhất 901 quyển.",
            [("418", "=", True), ("901", ">=", False)],
        ),
        ("Tỷ lệ hồ sơ xử lý trực tuyến: Từ 23% trở lên.", [("23%", ">=", False)]),  # "trở lên" is no change
        (
            "Tỷ lệ hài lòng đạt từ 90% trở lên (năm 2026 đạt 86,4%).",
            [("90%", ">=", False), ("86,4%", "=", True)],
        ),
        ("Năm 2026, 58% kết quả được ký số.", [("58%", "=", True)]),
        ("Chỉ số CCHC: năm 2026 đạt 84,37 điểm; năm 2027 phấn đấu đạt từ 88 điểm trở lên.", None),
        ("Năm 2027 phấn đấu 100% hồ sơ được số hóa.", [("100%", "=", False)]),  # the plan's own year
        (
            "Tỷ lệ hồ sơ trực tuyến toàn trình: năm 2026 đạt 82%, phấn đấu năm 2027 đạt từ 90% trở lên.",
            [("82%", "=", True), ("90%", ">=", False)],
        ),
        (  # a span of years ends the phrase, not a state; thousands grouped by dots
            "Số hóa sổ gốc từ năm 2005 đến năm 2026 với ít nhất 31.250 bản ghi.",
            [("31.250", ">=", False)],
        ),
        (
            "Tăng ít nhất 02 bậc trên bảng xếp hạng của tỉnh (năm 2026 Sở xếp thứ 9/21).",
            [("02", ">=", False), ("9/21", "=", True)],
        ),
        (
            "Thực trạng\nNăm nay có 72% trường đạt chuẩn; 15% trường chưa có website.",
            [("72%", "=", True), ("15%", "=", True)],
        ),
    ],
)
def test_a_goal_is_a_target_and_where_things_stand_a_baseline(
    text: str, expected: list[tuple[str, str, bool]] | None
) -> None:
    read = _read(text)
    if expected is None:  # the past year's score and this year's goal, in one sentence split at ";"
        assert ("84,37", "=", True) in read and ("88", ">=", False) in read
    else:
        assert sorted(read) == sorted(expected)


def test_the_part_after_a_semicolon_keeps_the_metric_named_before_the_colon() -> None:
    read = targets_in(
        _clause("Tỷ lệ hài lòng chung: năm 2026 đạt 81,7% (khảo sát 03 cấp); năm 2027 phấn đấu đạt từ 85% trở lên."),
        year=2027,
    )
    goal = next(t for t in read if t.value_text == "85%")
    assert not goal.baseline and goal.metric.startswith("Tỷ lệ hài lòng chung")


def test_a_heading_that_states_results_makes_its_items_baselines() -> None:
    """ "2. Thực trạng" over a paragraph (a plan held out of the engine's making): its figures are where
    the Sở stands; the targets section's goals stay targets."""
    plan = parse_plan(ROOT / "tests" / "holdout2" / "hunglam-sgddt-2027-sohoa-118.txt")
    state = [t for t in plan.targets if t.clause == "2"]
    assert state and all(t.baseline for t in state)
    goals = {t.value_text for t in plan.targets if t.clause.startswith("II.2") and not t.baseline}
    assert {"95%", "100%", "901", "50%"} <= goals


def test_the_samples_state_no_baseline_as_a_target() -> None:
    """The samples' targets ("Từ 23% trở lên", "đạt 95%") are all goals."""
    for path in sorted((ROOT / "samples" / "plans").glob("*.txt")):
        plan = parse_plan(path)
        assert plan.targets and not [t.quote for t in plan.targets if t.baseline], path.name


def test_a_question_about_the_past_gets_the_baseline_and_one_about_the_goal_the_target() -> None:
    from bot.render import answer_text
    from plans.answer import Engine

    engine = Engine([parse_plan(ROOT / "tests" / "holdout2" / "hunglam-sgddt-2027-sohoa-118.txt")])
    goal = engine.ask("Tỷ lệ khai thác, sử dụng lại dữ liệu đã số hóa năm 2027 phải đạt bao nhiêu?")
    assert goal.found and [(f.value, f.baseline) for f in goal.facts] == [("50%", False)]
    past = engine.ask("Năm 2026 Sở số hóa hồ sơ khi tiếp nhận được bao nhiêu phần trăm?")
    assert past.found and [(f.value, f.baseline) for f in past.facts] == [("64,2%", True)]
    assert "không phải chỉ tiêu" in answer_text(past, "vi")
    assert "not a target" in answer_text(past, "en")
    now = engine.ask("hien nay ty le khai thac su dung lai du lieu da so hoa la bao nhieu")
    assert now.found and [(f.value, f.baseline) for f in now.facts] == [("21,5%", True)]
