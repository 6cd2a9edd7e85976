"""The plans package on the five real samples: metadata, clause tree, every Sóc Trăng task, every
Quận 7 target, and the deadlines the issue names."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import GIA_LAM, Q7_259, Q7_297, Q7_1081, SOC_TRANG

from plans import Plan, plan_occurrences
from plans.units import unit_key

D = dt.date
TCCB, VP, TT, CNTT, KHTC = "to chuc can bo", "van phong", "thanh tra", "to cong nghe thong tin", "ke hoach tai chinh"
Q1, DEC = D(2023, 3, 31), D(2023, 12, 31)

# Every task of the Sóc Trăng appendix: lead unit keys and due dates (None = undated).
SOC_TRANG_APPENDIX: dict[str, tuple[set[str], list[dt.date] | None]] = {
    "PL.1": ({TCCB}, [D(2022, 12, 31)]),
    "PL.2": (set(), []),  # "Các bộ phận, cá nhân được phân công": nobody to remind; flagged for review
    "PL.3": ({TCCB, VP}, [Q1, Q1, D(2023, 6, 30), D(2023, 9, 30), DEC]),
    "PL.3.2": ({TCCB, VP}, [D(2023, m, 28 if m == 2 else 30 if m in (4, 6, 9, 11) else 31) for m in range(1, 13)]),
    "PL.3.3": ({TCCB, VP, TT, CNTT}, [Q1, D(2023, 6, 30), D(2023, 9, 30), DEC]),
    "PL.4": ({TCCB, VP}, [Q1, DEC]),
    "PL.5": ({VP}, [DEC]),
    "PL.6": ({TCCB, VP}, [Q1]),
    "PL.7": ({VP, TCCB}, None),
    "PL.8": ({VP}, [DEC]),
    "PL.9": ({TCCB}, [DEC]),
    "PL.10": ({VP}, [Q1, DEC]),
    "PL.11": ({"cac phong chuyen mon nghiep vu thuoc so"}, [DEC]),  # "Các phòng CM, NV" is the plan's own longer form
    "PL.12": ({VP}, [Q1, DEC]),
    "PL.13": ({VP}, [DEC]),
    "PL.14": ({VP}, [DEC]),
    "PL.15": ({VP}, [DEC]),
    "PL.16": ({"cac phong chuyen mon nghiep vu co thu tuc hanh chinh"}, [DEC]),
    "PL.17": ({TCCB}, [DEC]),
    "PL.18": ({TCCB}, [DEC]),
    "PL.19": ({TT}, [DEC]),
    "PL.20": ({TCCB}, [DEC]),
    "PL.21": ({TCCB}, None),
    **{f"PL.{n}": ({TCCB}, [DEC]) for n in (22, 23, 24, 25)},
    **{f"PL.{n}": ({KHTC}, [Q1]) for n in (26, 27, 28)},
    **{f"PL.{n}": ({KHTC}, [DEC]) for n in (29, 30)},
    **{f"PL.{n}": ({VP}, [DEC]) for n in (31, 32, 34, 36)},
    **{f"PL.{n}": ({CNTT}, [DEC]) for n in (33, 35)},
}


def test_metadata(sample_plans: dict[str, Plan]) -> None:
    expected = {
        SOC_TRANG.name: (None, "Sở GDĐT Sóc Trăng", "Sóc Trăng", None, (12, 2022), 2023, "Châu Tuấn Hồng"),
        Q7_259.name: ("259/KH-GDĐT", "Phòng GDĐT Quận 7", "Quận 7", D(2021, 3, 29), (3, 2021), 2021, "Ngô Xuân Đông"),
        Q7_1081.name: ("1081/KH-UBND", "UBND Quận 7", "Quận 7", D(2021, 3, 19), (3, 2021), 2021, None),
        Q7_297.name: (
            "297/KH-GDĐT",
            "Phòng GDĐT Quận 7",
            "Quận 7",
            D(2025, 3, 7),
            (3, 2025),
            2025,
            "Đặng Nguyễn Thịnh",
        ),
        GIA_LAM.name: (
            "21/KH-GD&ĐT",
            "Phòng GD&ĐT huyện Gia Lâm",
            "Gia Lâm",
            D(2022, 3, 10),
            (3, 2022),
            2022,
            "Hoàng Việt Cường",
        ),
    }
    for name, (number, issuer, place, issued, month_year, year, signer) in expected.items():
        meta = sample_plans[name].meta
        assert (meta.number, meta.issuer, meta.place, meta.issue_date) == (number, issuer, place, issued), name
        assert (meta.issue_month, meta.issue_year, meta.year, meta.signer) == (*month_year, year, signer), name
    assert sample_plans[SOC_TRANG.name].meta.symbol == "KH-SGDĐT"
    assert sample_plans[SOC_TRANG.name].meta.title == "Thực hiện cải cách hành chính năm 2023"
    assert sample_plans[Q7_297.name].meta.title.endswith("lĩnh vực giáo dục năm 2025")
    assert sample_plans[Q7_259.name].meta.reference == "259/KH-GDĐT Phòng GDĐT Quận 7"


def test_clause_paths(sample_plans: dict[str, Plan]) -> None:
    q7 = {c.path: c for c in sample_plans[Q7_259.name].clauses}
    assert q7["I.2.3.a"].text == "Tỷ lệ hài lòng chung: Từ 95% trở lên."
    assert q7["I.2.3.a"].parent == "I.2.3" and q7["I.2.3"].parent == "I.2" and q7["I.2"].parent == "I"
    assert q7["IV.1"].text.endswith("không quá 15 ngày kể từ ngày ban hành kế hoạch này.")
    st = {c.path: c for c in sample_plans[SOC_TRANG.name].clauses}
    assert st["II.2"].text.startswith("Cải cách thủ tục hành chính (TTHC)")
    assert "(BCCI); không để trễ hẹn" in st["II.2"].text  # a sentence cut by a page break, rejoined
    assert st["I.2-2"].kind == "bullet"
    rows = [c for c in sample_plans[SOC_TRANG.name].clauses if c.kind == "row"]
    assert len(rows) == 38  # 36 numbered tasks, task 3 with three products
    gl = {c.path: c for c in sample_plans[GIA_LAM.name].clauses}
    assert gl["III.1-1"].text.endswith("xong trước ngày 15/3/2022;")
    assert "PL.6" in gl  # the table numbers two rows "5"; the second is cited by its position


def test_every_soc_trang_appendix_task(sample_plans: dict[str, Plan]) -> None:
    plan = sample_plans[SOC_TRANG.name]
    tasks = {t.clause: t for t in plan.tasks if t.clause.startswith("PL.")}
    assert set(tasks) == set(SOC_TRANG_APPENDIX)
    occurrences = plan_occurrences(plan)
    for clause, (leads, due) in SOC_TRANG_APPENDIX.items():
        # a row with several obligations ("Kế hoạch ban hành…; báo cáo hàng quý") is one task per obligation
        indexes = [i for i, t in enumerate(plan.tasks) if t.clause == clause]
        for index in indexes:
            assert {unit_key(u) for u in plan.tasks[index].leads} == leads, clause
        if due is None:
            assert all(not plan.tasks[i].schedule.is_dated and plan.tasks[i].schedule.undated for i in indexes), clause
            continue
        got = sorted({o.due for o in occurrences if o.task_index in indexes})
        assert sorted(set(due)) == got, clause


def test_soc_trang_rows_cut_by_page_breaks_are_whole(sample_plans: dict[str, Plan]) -> None:
    tasks = {t.clause: t for t in sample_plans[SOC_TRANG.name].tasks}
    assert tasks["PL.13"].title.endswith("theo quy định của Chính phủ, Bộ, ngành Trung ương (nếu có)")
    assert tasks["PL.13"].schedule.text == "Trong năm 2023"
    assert tasks["PL.13"].partners == ("Tổ kiểm soát TTHC",)
    assert tasks["PL.19"].title.endswith("phát hiện qua kiểm tra đạt từ 80% trở lên")
    assert "mức độ 4" in tasks["PL.34"].title
    assert tasks["PL.3.3"].category == "Công tác chỉ đạo, điều hành"


def test_soc_trang_rotation_and_monthly_post(sample_plans: dict[str, Plan]) -> None:
    plan = sample_plans[SOC_TRANG.name]
    index = next(i for i, t in enumerate(plan.tasks) if t.clause == "PL.3.3")
    by_quarter = sorted((o.due, unit_key(o.unit)) for o in plan_occurrences(plan) if o.task_index == index)
    assert by_quarter == [(Q1, TCCB), (D(2023, 6, 30), VP), (D(2023, 9, 30), TT), (DEC, CNTT)]
    monthly = next(i for i, t in enumerate(plan.tasks) if t.clause == "PL.3.2")
    occ = [o for o in plan_occurrences(plan) if o.task_index == monthly]
    assert len(occ) == 24 and {unit_key(o.unit) for o in occ} == {TCCB, VP}
    assert {o.period for o in occ} == {f"tháng {m}/2023" for m in range(1, 13)}


def test_prose_deadlines(sample_plans: dict[str, Plan]) -> None:
    def due(plan: str) -> set[tuple[dt.date, str | None]]:
        return {(o.due, o.period) for o in plan_occurrences(sample_plans[plan])}

    st = due(SOC_TRANG.name)
    assert {(D(2023, 6, 15), "6 tháng/2023"), (D(2023, 12, 15), "năm 2023"), (D(2023, 1, 31), "tháng 1/2023")} <= st
    # "thời hạn ban hành kế hoạch không quá 15 ngày kể từ ngày ban hành kế hoạch này" names no unit: the
    # deadline is read, nobody is guessed, and the task is flagged for the officer's review
    q7 = next(t for t in sample_plans[Q7_259.name].tasks if t.clause == "IV.1")
    assert [d.due for d in q7.schedule.deadlines] == [D(2021, 4, 13)]
    assert not q7.leads and any("đơn vị" in u for u in q7.unsure)
    assert (D(2021, 4, 3), None) in due(Q7_1081.name)
    gl = due(GIA_LAM.name)
    assert (D(2022, 3, 15), None) in gl and (D(2022, 7, 31), None) in gl
    st_plan = sample_plans[SOC_TRANG.name]
    reports = next(t for t in st_plan.tasks if t.clause == "IV.1" and "báo cáo" in t.title.lower())
    assert [unit_key(u) for u in reports.leads] == ["cac don vi truc thuoc so"]


# Every target of the Quận 7 plans: (clause, comparator, value, measure).
Q7_259_TARGETS = {
    ("I.2.2.a", ">=", 23, "%"),
    ("I.2.2.b", "=", 10, "thủ tục"),
    ("I.2.3.a", ">=", 95, "%"),
    ("I.2.3.b", ">=", 95, "%"),
    ("I.2.3.c", "=", 100, "%"),
    ("I.2.4.a", ">=", 98, "%"),
    ("I.2.5.a", "=", 100, "%"),
    ("I.2.5.b", "=", 100, "%"),
    ("I.2.5.c", "=", 95, "%"),
    ("II.4.2-1", "=", 10, "%"),
    ("II.6.1-1", ">=", 3, "cơ sở trường học công lập"),
    ("II.8.3", "=", 100, "%"),
    ("IV.4.2", ">", 85, "%"),
}
Q7_1081_TARGETS = {
    ("I.2.1.a", ">=", 30, "%"),
    ("I.2.1.a", ">=", 20, "%"),
    ("I.2.1.b", ">=", 5, "đơn vị/quý"),
    ("I.2.2.a", ">=", 23, "%"),
    ("I.2.2.b", "=", 73, "thủ tục"),
    ("I.2.3.a", ">=", 95, "%"),
    ("I.2.3.b", ">=", 91, "%"),
    ("I.2.3.c", "=", 100, "%"),
    ("I.2.4.a", ">=", 98, "%"),
    ("I.2.4.b", "<", 4, "%"),
    ("I.2.4.c", "=", 100, "%"),
    ("I.2.5.a", "=", 100, "%"),
    ("I.2.5.b", "=", 100, "%"),
    ("I.2.5.c", "=", 95, "%"),
    ("I.2.6.a", "=", 100, "%"),
    ("I.2.6.b", "=", 100, "%"),
    ("II.4.3-1", "=", 10, "%"),
    ("II.6.3-1", ">=", 3, "cơ sở trường học công lập"),
    ("II.7.6", "=", 100, "%"),
    ("II.8.3", "=", 100, "%"),
}


@pytest.mark.parametrize(("name", "expected"), [(Q7_259.name, Q7_259_TARGETS), (Q7_1081.name, Q7_1081_TARGETS)])
def test_every_quan7_target(sample_plans: dict[str, Plan], name: str, expected: set) -> None:
    got = {(t.clause, t.comparator, t.value, t.measure) for t in sample_plans[name].targets}
    assert got == expected


def test_target_metrics_read_as_officers_write_them(sample_plans: dict[str, Plan]) -> None:
    q7 = {t.clause: t for t in sample_plans[Q7_259.name].targets}
    assert q7["I.2.3.a"].metric == "Tỷ lệ hài lòng chung"
    assert q7["I.2.4.a"].metric == "Tỷ lệ giải quyết hồ sơ TTHC đúng hạn"
    st = {t.clause: t for t in sample_plans[SOC_TRANG.name].targets}
    assert (st["PL.28"].comparator, st["PL.28"].value, st["PL.28"].measure) == (
        ">=",
        1.0,
        "lần lương cơ sở/người/tháng",
    )
    assert (st["PL.29"].comparator, st["PL.29"].value) == (">=", 70)
    s297 = [(t.comparator, t.value) for t in sample_plans[Q7_297.name].targets if t.clause == "II.4"]
    assert (">=", 80) in s297


def test_units_and_aliases(sample_plans: dict[str, Plan]) -> None:
    units = {u.key: u for u in sample_plans[SOC_TRANG.name].units}
    assert units[TCCB].name == "Phòng Tổ chức cán bộ (TCCB)"
    assert {"Phòng TCCB", "TCCB", "phòng TCCB"} <= set(units[TCCB].aliases)
    assert units[VP].name == "Văn phòng (VP)" and {"VP", "Văn phòng"} <= set(units[VP].aliases)
    assert units[KHTC].name == "Phòng Kế hoạch - Tài chính (KH-TC)"
    q7 = {u.key for u in sample_plans[Q7_1081.name].units}
    assert unit_key("Phòng Tài chính – Kế hoạch quận") in q7  # the en dash the samples mix in


def test_undated_tasks_stay_undated(sample_plans: dict[str, Plan]) -> None:
    gl = {t.clause: t.schedule for t in sample_plans[GIA_LAM.name].tasks}
    assert gl["PL.1"].undated == "Thường xuyên" and not gl["PL.1"].is_dated
    assert gl["PL.2"].undated == "Lồng ghép" and gl["PL.3"].undated == "Theo tiến độ"
    assert [r.frequency for r in gl["PL.6"].recurrences] == ["quarterly"]
