"""Every time expression DESIGN.md lists, and the traps: report names are periods, not dates."""

from __future__ import annotations

import datetime as dt

import pytest

from plans.timeexpr import find_deadlines, parse_schedule

D = dt.date
ISSUED = D(2022, 12, 1)


def dues(text: str, year: int = 2023, issued: dt.date = ISSUED, context: str = "") -> list[dt.date]:
    s = parse_schedule(text, year=year, issued=issued, context=context)
    return [d.due for d in s.deadlines]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("chậm nhất ngày 15/6", [D(2023, 6, 15)]),
        ("15/12", [D(2023, 12, 15)]),
        ("Tháng 12/2023", [D(2023, 12, 31)]),
        ("trong tháng 01/2023", [D(2023, 1, 31)]),
        ("Tháng 12 năm 2023", [D(2023, 12, 31)]),
        ("Trong tháng 12 năm 2022", [D(2022, 12, 31)]),
        ("Quý I/2023", [D(2023, 3, 31)]),
        ("Quý I năm 2023", [D(2023, 3, 31)]),
        ("trong quý I/2023", [D(2023, 3, 31)]),
        ("quý 3", [D(2023, 9, 30)]),
        ("Trong năm 2023", [D(2023, 12, 31)]),
        ("Trong năm", [D(2023, 12, 31)]),
        ("báo cáo cuối năm 2023", [D(2023, 12, 31)]),
        ("xong trước ngày 15/3/2022", [D(2022, 3, 15)]),
        ("Hoàn thành trước tháng 8/2022", [D(2022, 7, 31)]),
        ("ngày 20 tháng 10 năm 2024", [D(2024, 10, 20)]),
        ("Kế hoạch ban hành trong quý I/2023; báo cáo tháng 12 2023.", [D(2023, 3, 31), D(2023, 12, 31)]),
    ],
)
def test_dated_expressions(text: str, expected: list[dt.date]) -> None:
    assert dues(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Thường xuyên",
        "Lồng ghép trong năm học",
        "Theo tiến độ của UBND huyện, SGD&ĐT",
        "Theo kế hoạch tuyển sinh của Sở Giáo dục và Đào tạo",
        "Khi có yêu cầu",
    ],
)
def test_undated_expressions_never_invent_a_date(text: str) -> None:
    schedule = parse_schedule(text, year=2023, issued=ISSUED)
    assert not schedule.is_dated
    assert schedule.undated


def test_monthly_and_quarterly_words() -> None:
    for text in ("Mỗi tháng", "hàng tháng", "Hằng tháng"):
        (rec,) = parse_schedule(text, year=2023, issued=ISSUED).recurrences
        assert rec.frequency == "monthly" and rec.start == D(2023, 1, 1) and rec.end == D(2023, 12, 31)
    for text in ("Mỗi quý", "Hàng quý"):
        (rec,) = parse_schedule(text, year=2023, issued=ISSUED).recurrences
        assert rec.frequency == "quarterly"


def test_frequency_in_the_task_with_a_year_window() -> None:
    schedule = parse_schedule("Trong năm 2023", year=2023, issued=ISSUED, context="Mỗi tháng có ít nhất 01 tin, bài")
    assert schedule.deadlines == ()
    (rec,) = schedule.recurrences
    assert rec.frequency == "monthly"


def test_plan_then_quarterly_reports() -> None:
    s = parse_schedule("Kế hoạch ban hành trong quý I/2023; báo cáo hàng quý.", year=2023, issued=ISSUED)
    assert [d.due for d in s.deadlines] == [D(2023, 3, 31)]
    assert s.deadlines[0].label == "Kế hoạch ban hành"
    assert s.recurrences[0].frequency == "quarterly" and s.recurrences[0].label == "báo cáo"


def test_periodic_report_list() -> None:
    s = parse_schedule("báo cáo quý I, 6 tháng, 9 tháng, năm", year=2022, issued=ISSUED)
    assert [(d.due, d.period) for d in s.deadlines] == [
        (D(2022, 3, 31), "quý I/2022"),
        (D(2022, 6, 30), "6 tháng/2022"),
        (D(2022, 9, 30), "9 tháng/2022"),
        (D(2022, 12, 31), "năm 2022"),
    ]


def test_report_names_are_periods_not_dates() -> None:
    s = find_deadlines(
        "Báo cáo 6 tháng chậm nhất ngày 15/6, báo cáo năm chậm nhất ngày 15/12", year=2023, issued=ISSUED
    )
    assert s is not None
    assert [(d.due, d.period) for d in s.deadlines] == [(D(2023, 6, 15), "6 tháng/2023"), (D(2023, 12, 15), "năm 2023")]
    # a report named by its period alone is due at the period's end, never on "6/…"
    assert [(d.due, d.period) for d in parse_schedule("báo cáo 6 tháng", year=2023, issued=ISSUED).deadlines] == [
        (D(2023, 6, 30), "6 tháng/2023")
    ]
    assert [d.due for d in parse_schedule("báo cáo 9 tháng", year=2023, issued=ISSUED).deadlines] == [D(2023, 9, 30)]


def test_relative_to_the_plan_date() -> None:
    s = find_deadlines(
        "thời hạn ban hành kế hoạch không quá 15 ngày kể từ ngày ban hành kế hoạch này",
        year=2021,
        issued=D(2021, 3, 29),
    )
    assert s is not None and [d.due for d in s.deadlines] == [D(2021, 4, 13)]


def test_prose_dates_of_cited_documents_are_not_deadlines() -> None:
    assert (
        find_deadlines(
            "theo Kế hoạch số 1573/KH-UBND ngày 25/4/2019 của Ủy ban nhân dân quận", year=2021, issued=D(2021, 3, 29)
        )
        is None
    )
    assert (
        find_deadlines("Nghị định số 59/2019/NĐ-CP ngày 01 tháng 07 năm 2019", year=2021, issued=D(2021, 3, 29)) is None
    )


def test_missing_year_comes_from_the_plan() -> None:
    assert dues("chậm nhất ngày 15/6", year=2031) == [D(2031, 6, 15)]
    assert dues("Tháng 5", year=2031) == [D(2031, 5, 31)]


def test_impossible_dates_are_ignored() -> None:
    assert dues("chậm nhất ngày 31/2") == []
