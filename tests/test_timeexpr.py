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


# --- time as a composition: anchors × periods × spans (GENRE.md "Time") -----------------------------------

from plans.occurrences import recurrence_dates  # noqa: E402
from plans.timeexpr import TimeContext  # noqa: E402

CTX = TimeContext(year=2026, issued=D(2026, 2, 10))
SCHOOL = TimeContext(
    year=2026, issued=D(2026, 9, 5), school_year=2026, term_ends=((1, D(2027, 1, 16)), (2, D(2027, 5, 22)))
)


def all_dues(text: str, ctx: TimeContext = CTX) -> list[dt.date]:
    s = parse_schedule(text, year=ctx.year, issued=ctx.issued, ctx=ctx)
    out = [d.due for d in s.deadlines]
    for rec in s.recurrences:
        out += [due for due, _period, _slot in recurrence_dates(rec)]
    return sorted(out)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a day of a period
        ("trước ngày 22 hằng tháng", [D(2026, m, 22) for m in range(2, 13)]),
        ("ngày 5 của tháng cuối quý", [D(2026, 3, 5), D(2026, 6, 5), D(2026, 9, 5), D(2026, 12, 5)]),
        (
            "ngày cuối cùng của tháng",
            [D(2026, 2, 28)] + [D(2026, m, 30 if m in (4, 6, 9, 11) else 31) for m in range(3, 13)],
        ),
        ("Trước ngày 10 tháng đầu quý sau", [D(2026, 4, 10), D(2026, 7, 10), D(2026, 10, 10), D(2027, 1, 10)]),
        ("trước ngày 10 của tháng thứ hai trong quý", [D(2026, m, 10) for m in (2, 5, 8, 11)]),
        ("ngày 20 tháng giữa quý", [D(2026, 2, 20), D(2026, 5, 20), D(2026, 8, 20), D(2026, 11, 20)]),
        # a week, a whole period, lists and bounded spans
        ("tuần cuối của tháng 11", [D(2026, 11, 30)]),
        ("tháng 5 và tháng 11", [D(2026, 5, 31), D(2026, 11, 30)]),
        ("quý I và quý III", [D(2026, 3, 31), D(2026, 9, 30)]),
        ("các tháng 1, 4, 7, 10", [D(2026, 1, 31), D(2026, 4, 30), D(2026, 7, 31), D(2026, 10, 31)]),
        ("3 tháng/lần", [D(2026, 3, 31), D(2026, 6, 30), D(2026, 9, 30), D(2026, 12, 31)]),
        ("Định kỳ 6 tháng", [D(2026, 6, 30), D(2026, 12, 31)]),
        ("từ tháng 2 đến tháng 4/2027", [D(2027, 4, 30)]),
        ("Từ 01/9/2026 đến 31/10/2026", [D(2026, 10, 31)]),
        (
            "hằng tháng, từ tháng 9/2026 đến tháng 4/2027",
            [
                D(2026, 9, 30),
                D(2026, 10, 31),
                D(2026, 11, 30),
                D(2026, 12, 31),
                D(2027, 1, 31),
                D(2027, 2, 28),
                D(2027, 3, 31),
                D(2027, 4, 30),
            ],
        ),
        # several obligations in one cell, each its own
        ("9 tháng và năm (trước 10/9 và trước 30/11)", [D(2026, 9, 10), D(2026, 11, 30)]),
        (
            "kế hoạch ban hành trong quý I; báo cáo hằng quý",
            [D(2026, 3, 31), D(2026, 3, 31), D(2026, 6, 30), D(2026, 9, 30), D(2026, 12, 31)],
        ),
        ("Quý I (trước 10/3); 6 tháng (trước 10/6)", [D(2026, 3, 10), D(2026, 6, 10)]),
        # an annual report due the next year; events of the plan, in days and working days
        ("trước 10/01 năm sau", [D(2027, 1, 10)]),
        ("trong vòng 30 ngày kể từ ngày Quyết định có hiệu lực", [D(2026, 3, 12)]),
        ("không quá 10 ngày làm việc kể từ ngày ban hành kế hoạch này", [D(2026, 3, 3)]),
    ],
)
def test_composed_expressions(text: str, expected: list[dt.date]) -> None:
    assert all_dues(text) == sorted(expected)


def test_working_days_skip_tet() -> None:
    issued = TimeContext(year=2027, issued=D(2027, 2, 1))
    # Tết 2027 (Feb 5-11 off in VN's calendar): eight working days from 1/2 land after it
    (due,) = all_dues("trong 08 ngày làm việc kể từ ngày ký", issued)
    assert due > D(2027, 2, 11) and due.weekday() < 5


def test_school_year_and_terms_as_the_plan_states() -> None:
    assert all_dues("Học kỳ I", SCHOOL) == [D(2027, 1, 16)]
    assert all_dues("Cuối học kỳ II", SCHOOL) == [D(2027, 5, 22)]
    assert all_dues("tháng 10", SCHOOL) == [D(2026, 10, 31)]
    assert all_dues("tháng 1", SCHOOL) == [D(2027, 1, 31)]  # January is in the school year's second calendar year
    monthly = all_dues("hằng tháng, trước ngày 25", SCHOOL)
    assert monthly[0] == D(2026, 9, 25) and monthly[-1] == D(2027, 5, 25) and len(monthly) == 9


@pytest.mark.parametrize(
    "text",
    [
        "xử lý trong 05 ngày làm việc kể từ khi tiếp nhận hồ sơ",
        "Theo chương trình công tác của UBND tỉnh",
        "khi có yêu cầu",
        "Thường xuyên",
    ],
)
def test_per_event_rules_stay_undated(text: str) -> None:
    schedule = parse_schedule(text, year=2026, issued=D(2026, 2, 10), ctx=CTX)
    assert not schedule.is_dated and schedule.undated


def test_a_relative_deadline_without_an_issue_day_is_flagged_not_guessed() -> None:
    draft = TimeContext(year=2027, issued=D(2026, 12, 1), issued_known=False)
    s = parse_schedule(
        "Không quá 10 ngày làm việc kể từ ngày ban hành kế hoạch này", year=2027, issued=draft.issued, ctx=draft
    )
    assert not s.is_dated and s.unsure


def test_nothing_before_the_plan() -> None:
    november = TimeContext(year=2026, issued=D(2026, 11, 2))
    # a plan issued 02/11/2026 with a monthly task "trong năm 2026": November and December only
    s = parse_schedule("Trong năm 2026", year=2026, issued=november.issued, ctx=november, context="Mỗi tháng 01 tin")
    assert [due for rec in s.recurrences for due, _p, _s in recurrence_dates(rec)] == [D(2026, 11, 30), D(2026, 12, 31)]
    assert all_dues("trước ngày 22 hằng tháng", november) == [D(2026, 11, 22), D(2026, 12, 22)]
