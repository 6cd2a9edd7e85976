"""Each form of GENRE.md on a small document written for the test: kinds of document, layouts, headings,
tables, units, rotations; and the four sample rows the genre issue names."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import SOC_TRANG

from bot.render import answer_text
from plans import Plan, parse_document, plan_occurrences
from plans.answer import Engine
from plans.occurrences import occurrence_name
from plans.read import read_text
from plans.units import is_vague, parse_rotation, split_units, unit_at, unit_key

D = dt.date


def plan_of(text: str) -> Plan:
    return parse_document(read_text(text.strip("\n"), source="test.txt"))


def occurrences(plan: Plan) -> list[tuple[dt.date, str, str]]:
    return sorted((o.due, o.unit, occurrence_name(plan.tasks[o.task_index], o)) for o in plan_occurrences(plan))


HEADER = """UBND TỈNH NAM ĐÀI | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
SỞ GIÁO DỤC VÀ ĐÀO TẠO | Độc lập - Tự do - Hạnh phúc
Số: 77/KH-SGDĐT | Nam Đài, ngày 02 tháng 11 năm 2026

KẾ HOẠCH
Cải cách hành chính những tháng cuối năm 2026
"""

SIGNATURE = """
Nơi nhận: | KT. GIÁM ĐỐC
- Như trên; | PHÓ GIÁM ĐỐC
- Lưu: VT. |
 | Lê Văn Bình
"""


def test_side_by_side_header_and_signature() -> None:
    plan = plan_of(HEADER + "\nI. NHIỆM VỤ\n1. Văn phòng tổng hợp báo cáo chậm nhất ngày 27/11/2026.\n" + SIGNATURE)
    meta = plan.meta
    assert (meta.number, meta.issuer, meta.issue_date) == ("77/KH-SGDĐT", "Sở GDĐT Nam Đài", D(2026, 11, 2))
    assert "Độc lập" not in meta.issuer and meta.signer == "Lê Văn Bình"
    assert meta.signer_title and meta.signer_title.startswith("KT. GIÁM ĐỐC")


def test_a_prose_plan_names_its_unit_not_the_sentence() -> None:
    plan = plan_of(
        HEADER
        + """
1. Văn phòng tổng hợp báo cáo kết quả khắc phục gửi Sở Nội vụ chậm nhất ngày 27/11/2026.
2. Thanh tra Sở kiểm tra lại việc khắc phục tại các trường trong tháng 12/2026.
3. Phòng Giáo dục trung học và Phòng Giáo dục thường xuyên - Chuyên nghiệp hoàn thiện hồ sơ, chậm nhất sau 07 ngày làm việc kể từ ngày ban hành Kế hoạch này.
4. Các bộ phận liên quan rà soát danh mục, hoàn thành trong tháng 12/2026.
"""
        + SIGNATURE
    )
    got = [(due, unit) for due, unit, _name in occurrences(plan)]
    assert got == [
        (D(2026, 11, 11), "Phòng Giáo dục thường xuyên - Chuyên nghiệp"),
        (D(2026, 11, 11), "Phòng Giáo dục trung học"),
        (D(2026, 11, 27), "Văn phòng"),
        (D(2026, 12, 31), "Thanh tra Sở"),
    ]
    assert {u.name for u in plan.units} == {
        "Văn phòng (VP)",
        "Thanh tra Sở",
        "Phòng Giáo dục trung học",
        "Phòng Giáo dục thường xuyên - Chuyên nghiệp",
    }
    flagged = next(t for t in plan.tasks if t.clause == "4")
    assert not flagged.leads and any("đơn vị" in u for u in flagged.unsure)  # a vague subject is nobody


def test_a_november_plan_with_a_monthly_task_starts_in_november() -> None:
    plan = plan_of(
        HEADER
        + "\nI. NHIỆM VỤ\n1. Tổ Công nghệ thông tin đăng tin, bài về CCHC hằng tháng trong năm 2026.\n"
        + SIGNATURE
    )
    assert [(due, unit) for due, unit, _ in occurrences(plan)] == [
        (D(2026, 11, 30), "Tổ Công nghệ thông tin"),
        (D(2026, 12, 31), "Tổ Công nghệ thông tin"),
    ]


def test_a_decision_that_wraps_the_plan() -> None:
    plan = plan_of(
        """UBND TỈNH NAM ĐÀI | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
SỞ GIÁO DỤC VÀ ĐÀO TẠO | Độc lập - Tự do - Hạnh phúc
Số: 310/QĐ-SGDĐT | Nam Đài, ngày 16 tháng 3 năm 2026

QUYẾT ĐỊNH
Ban hành Kế hoạch kiểm soát thủ tục hành chính năm 2026

GIÁM ĐỐC SỞ GIÁO DỤC VÀ ĐÀO TẠO

Căn cứ Quyết định số 12/2025/QĐ-UBND ngày 02/01/2025 của UBND tỉnh;

QUYẾT ĐỊNH:

Điều 1. Ban hành kèm theo Quyết định này Kế hoạch kiểm soát thủ tục hành chính năm 2026.
Điều 2. Quyết định có hiệu lực kể từ ngày ký và thay thế Quyết định số 40/QĐ-SGDĐT ngày 10/02/2025.
Điều 3. Chánh Văn phòng, Trưởng các phòng thuộc Sở chịu trách nhiệm thi hành Quyết định này./.

Nơi nhận: | GIÁM ĐỐC
- Như Điều 3; |
- Lưu: VT. | Trần Thu Hà

KẾ HOẠCH
Kiểm soát thủ tục hành chính năm 2026
(Ban hành kèm theo Quyết định số 310/QĐ-SGDĐT ngày 16/3/2026 của Giám đốc Sở)

I. NHIỆM VỤ
1. Văn phòng Sở trình công bố danh mục TTHC trong vòng 20 ngày kể từ ngày Quyết định có hiệu lực.
2. Phòng Tổ chức cán bộ báo cáo kết quả kiểm soát TTHC trước ngày 15/12/2026.
"""
    )
    assert plan.meta.kind == "decision" and plan.meta.number == "310/QĐ-SGDĐT"
    assert plan.meta.title == "Kiểm soát thủ tục hành chính năm 2026" and plan.meta.signer == "Trần Thu Hà"
    assert [(due, unit_key(unit)) for due, unit, _ in occurrences(plan)] == [
        (D(2026, 4, 5), "van phong"),
        (D(2026, 12, 15), "to chuc can bo"),
    ]
    assert "Điều 2" in {c.path for c in plan.clauses}


@pytest.mark.parametrize(
    ("heading", "item"),
    [("A. NHIỆM VỤ", "1."), ("PHẦN MỘT. NHIỆM VỤ", "1."), ("II. Nhiệm vụ trọng tâm", "1."), ("", "1.")],
)
def test_every_heading_scheme(heading: str, item: str) -> None:
    body = f"{heading}\n{item} Văn phòng gửi báo cáo trước ngày 20/12/2026.\n"
    plan = plan_of(HEADER + "\n" + body + SIGNATURE)
    assert [(due, unit) for due, unit, _ in occurrences(plan)] == [(D(2026, 12, 20), "Văn phòng")]


APPENDIX = """
PHỤ LỤC
STT\tĐơn vị chủ trì\tNội dung công việc\tThời hạn hoàn thành\tSản phẩm\tPhối hợp\tGhi chú
I\tCông tác chỉ đạo, điều hành\t\t\t\t\t
1\tVP\tTự đánh giá Chỉ số CCHC năm 2026\tTrước ngày 25/11/2026\tBáo cáo tự đánh giá\tCác phòng\tGửi Sở Nội vụ; giải trình, bổ sung tài liệu trước ngày 10/12/2026
2\tTTr (quý IV), KHTC (tháng 12)\tKiểm tra nội bộ\tHằng quý\tBiên bản\t\t
II\tCải cách thủ tục hành chính\t\t\t\t\t
3\tTổ CNTT\tNâng cấp Trang thông tin điện tử, tích hợp tra cứu hồ sơ\tTrước ngày 30/12/2026\tTrang thông tin\tVP\t
\t\tTTHC cho người dân\t\t\t\t
4\tPhòng TCCB\tBáo cáo định kỳ\t\t\t\t
\tPhòng TCCB\t\t6 tháng cuối năm (trước 20/12)\tBáo cáo 6 tháng cuối năm\t\t
"""


def test_appendix_in_another_column_order_with_group_rows_notes_and_wrapped_cells() -> None:
    plan = plan_of(HEADER + "\nI. NHIỆM VỤ\nTheo phụ lục kèm theo.\n" + SIGNATURE + APPENDIX)
    rows = {t.clause: t for t in plan.tasks}
    assert rows["PL.1"].category == "Công tác chỉ đạo, điều hành"
    assert rows["PL.3"].category == "Cải cách thủ tục hành chính"
    assert rows["PL.3"].title.endswith("tra cứu hồ sơ TTHC cho người dân")  # a wrapped cell, whole
    got = [(due, unit_key(unit)) for due, unit, _ in occurrences(plan)]
    assert (D(2026, 11, 25), "van phong") in got and (D(2026, 12, 10), "van phong") in got  # the note's own date
    assert (D(2026, 12, 30), "to cong nghe thong tin") in got
    assert all("Công tác chỉ đạo" not in u.name for u in plan.units)  # a group row is not a unit


def test_a_sub_row_is_named_by_its_own_requirement() -> None:
    plan = plan_of(HEADER + "\nI. NHIỆM VỤ\nTheo phụ lục.\n" + SIGNATURE + APPENDIX)
    names = [name for due, _unit, name in occurrences(plan) if due == D(2026, 12, 20)]
    assert names == ["Báo cáo 6 tháng cuối năm — Báo cáo định kỳ"]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("Phòng TCCB (quý I), VP (quý II), Thanh tra (quý III), Tổ CNTT (quý IV)", [1, 2, 3, 4]),
        ("Thanh tra Sở (quý I, quý III), Phòng Tổ chức cán bộ (quý II, quý IV)", [1, 3, 2, 4]),
        ("Quý I – Phòng KHTC; Quý II – Phòng KT-QLCL; Quý III – VP; Quý IV – Tổ CNTT", [1, 2, 3, 4]),
        ("Tổ Toán trực tháng 9; Tổ Ngữ văn trực tháng 10", [109, 110]),
        ("Tổ Sử - Địa (học kỳ I), Tổ Tin học (học kỳ II)", [201, 202]),
        (
            "Phân công như sau: Văn phòng Sở viết tháng 1 và tháng 7; Phòng TCCB viết tháng 2 và tháng 8",
            [101, 107, 102, 108],
        ),
        ("VP: tháng 1, 7; TCCB: tháng 2, 8; Phòng GDPT: tháng 3 và 9", [101, 107, 102, 108, 103, 109]),
        ("Tổ Nhà trẻ trực tháng 9/2027 và tháng 01/2028; Tổ Mẫu giáo Bé trực tháng 10/2027", [109, 101, 110]),
        ("Phòng GDTrH (quý I, III); Phòng GDNN-GDTX (quý II); Phòng KT-QLCL (quý IV)", [1, 3, 2, 4]),
    ],
)
def test_rotations_in_several_wordings(cell: str, expected: list[int]) -> None:
    slots = parse_rotation(cell)
    assert [slot for slot, _ in slots] == expected
    assert len({unit for _, unit in slots}) >= 2


def test_a_rotation_gives_each_period_exactly_its_unit() -> None:
    plan = plan_of(
        HEADER.replace("02 tháng 11", "05 tháng 01").replace("cuối năm 2026", "năm 2026")
        + "\nI. NHIỆM VỤ\n1. Kiểm tra nội bộ mỗi quý một lần, phân công như sau: Thanh tra Sở (quý I, quý III), "
        "Phòng Tổ chức cán bộ (quý II, quý IV).\n" + SIGNATURE
    )
    assert [(due, unit_key(unit)) for due, unit, _ in occurrences(plan)] == [
        (D(2026, 3, 31), "thanh tra"),
        (D(2026, 6, 30), "to chuc can bo"),
        (D(2026, 9, 30), "thanh tra"),
        (D(2026, 12, 31), "to chuc can bo"),
    ]


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("Văn phòng tổng hợp báo cáo", "Văn phòng"),
        ("Tổ Tổng hợp (Văn phòng Sở) lập danh mục", "Tổ Tổng hợp"),
        ("Phòng Tổ chức cán bộ ban hành lại quy chế", "Phòng Tổ chức cán bộ"),
        ("Tổ kiểm soát TTHC rà soát", "Tổ kiểm soát TTHC"),
        ("Trưởng các phòng chuyên môn, nghiệp vụ thuộc Sở cử công chức", "các phòng chuyên môn, nghiệp vụ thuộc Sở"),
        ("Hiệu trưởng các trường MN, TH, THCS trên địa bàn xã xây dựng", "các trường MN, TH, THCS trên địa bàn xã"),
        ("Phó Hiệu trưởng phụ trách chuyên môn chỉ đạo", "Phó Hiệu trưởng phụ trách chuyên môn"),
        ("Trung tâm Phục vụ hành chính công xã tiếp nhận hồ sơ", "Trung tâm Phục vụ hành chính công xã"),
    ],
)
def test_a_unit_name_is_as_long_as_its_words(text: str, unit: str) -> None:
    found = unit_at(text)
    assert found and found[0] == unit


def test_qualifiers_vague_phrases_and_a_units_forms() -> None:
    assert split_units("Văn phòng (bộ phận một cửa)") == ["Văn phòng"]
    assert split_units("Các bộ phận, cá nhân được phân công") == []
    assert is_vague("Các đơn vị có liên quan") and is_vague("Cá nhân được phân công")
    assert len({unit_key(x) for x in ("VP", "Văn phòng", "Văn phòng Sở", "Chánh Văn phòng", "Bộ phận Văn phòng")}) == 1
    assert unit_key("TTr") == unit_key("Thanh tra Sở")
    assert split_units("Hiệu trưởng | Tổ") == ["Hiệu trưởng"]  # a name ends at its cell, before the next header
    # a school's team is not the office of the same name; its head's title names the team
    assert len({unit_key(x) for x in ("Tổ Văn phòng", "Tổ VP", "Tổ trưởng Tổ Văn phòng")}) == 1
    assert unit_key("Tổ Văn phòng") != unit_key("Văn phòng Sở")
    assert unit_key("Tổ trưởng chuyên môn") == unit_key("Tổ chuyên môn") != unit_key("Phòng TCCB")


# --- the sample rows the genre issue names ---------------------------------------------------------------


def test_soc_trang_row_3_names_each_obligation(sample_plans: dict[str, Plan]) -> None:
    plan = sample_plans[SOC_TRANG.name]
    names = {
        (o.due, unit_key(o.unit)): occurrence_name(plan.tasks[o.task_index], o)
        for o in plan_occurrences(plan)
        if plan.tasks[o.task_index].clause.startswith("PL.3")
    }
    assert names[(D(2023, 9, 30), "thanh tra")].startswith("Mỗi quý có ít nhất 01 tin, bài về CCHC")
    assert names[(D(2023, 5, 31), "van phong")].startswith("Mỗi tháng có ít nhất 01 tin, bài về CCHC đăng website")
    assert names[(D(2023, 5, 31), "van phong")].endswith("— Xây dựng và tổ chức thực hiện KH tuyên truyền CCHC 2023")
    assert names[(D(2023, 3, 31), "van phong")] != names[(D(2023, 6, 30), "van phong")]
    assert plan.meta.reference == "KH (chưa số) Sở GDĐT Sóc Trăng, 12/2022"


def test_blocks_kept_apart_by_spaces_and_a_signature_above_the_recipients() -> None:
    """A Word page saved as plain text keeps the agency and the motto apart with spaces; a blank number
    ("Số:      /KH-…") or day is a field left empty, not a column. The signature may come before "Nơi nhận"."""
    header = (
        "UBND HUYỆN NAM ĐÀI                      CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO               Độc lập - Tự do - Hạnh phúc\n\n"
        "Số:      /KH-PGDĐT                     Nam Đài, ngày      tháng 11 năm 2026\n\n"
        "KẾ HOẠCH\nCải cách hành chính năm 2027\n"
    )
    body = "I. NHIỆM VỤ\n1. Bộ phận Văn phòng tổng hợp báo cáo chậm nhất ngày 27/11/2027.\n"
    signature = "\nTRƯỞNG PHÒNG\n\n(đã ký)\n\nLê Văn Bình\n\nNơi nhận:\n- Các trường;\n- Lưu: VT.\n"
    meta = plan_of(header + body + signature).meta
    assert meta.issuer == "Phòng GDĐT huyện Nam Đài" and meta.place == "Nam Đài"
    assert meta.number is None and meta.issue_month == 11
    assert (meta.signer, meta.signer_title) == ("Lê Văn Bình", "TRƯỞNG PHÒNG")


def test_a_work_calendar_dates_each_month_line() -> None:
    """ "- Tháng 12/2026: …; …" in a month-by-month calendar: the line falls due at that month's end."""
    plan = plan_of(
        HEADER
        + "\nI. LỊCH CÔNG TÁC\n1. Văn phòng Sở\n"
        + "- Tháng 11/2026: Khảo sát sự hài lòng lần 1; rà soát thủ tục.\n"
        + "- Tháng 12/2026: Tổng kết công tác CCHC năm 2026.\n"
        + SIGNATURE
    )
    dated = sorted((d.due, t.title) for t in plan.tasks for d in t.schedule.deadlines)
    assert [d for d, _ in dated] == [D(2026, 11, 30), D(2026, 12, 31)]
    assert dated[0][1].startswith("Khảo sát sự hài lòng lần 1") and all(
        t.leads == ("Văn phòng Sở",) for t in plan.tasks
    )


def test_header_blocks_kept_apart_by_a_tab_and_a_signature_beside_the_recipients() -> None:
    """A tab between the agency and the motto is no table row; "Nơi nhận:" with the signer's title beside it
    (spaces between) and recipient lines with nothing beside them still read as the two blocks."""
    header = (
        "UBND THỊ XÃ NAM ĐÀI\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO\tĐộc lập - Tự do - Hạnh phúc\n"
        "Số: 12/KH-PGDĐT\tNam Đài, ngày 14 tháng 10 năm 2026\n\nKẾ HOẠCH\nKiểm tra công tác CCHC năm 2027\n"
    )
    body = "I. NHIỆM VỤ\n1. Bộ phận Văn phòng tổng hợp báo cáo chậm nhất ngày 27/11/2027.\n\n"
    signature = (
        "Nơi nhận:                                            TRƯỞNG PHÒNG\n"
        "- Các trường;\n- Lưu: VT.                                            Lê Văn Bình\n"
    )
    meta = plan_of(header + body + signature).meta
    assert (meta.number, meta.place, meta.issue_date) == ("12/KH-PGDĐT", "Nam Đài", D(2026, 10, 14))
    assert "CỘNG HÒA" not in meta.issuer
    assert (meta.signer, meta.signer_title) == ("Lê Văn Bình", "TRƯỞNG PHÒNG")


def test_an_annex_in_muc_sections_is_read() -> None:
    """A decision's annexed plan headed "Mục 1.", "Mục 2." (not Roman numerals): its sections, targets and
    duties are the plan's, not lines left before its first heading."""
    plan = plan_of(
        HEADER
        + "\nĐiều 1. Ban hành kèm theo Quyết định này Kế hoạch.\n\n"
        + SIGNATURE
        + "\nKẾ HOẠCH\nKhảo sát sự hài lòng năm 2027\n(Ban hành kèm theo Quyết định số 77/QĐ-UBND)\n\n"
        + "Mục 1. CHỈ TIÊU\na) Tỷ lệ hài lòng chung đạt từ 85% trở lên.\n"
        + "Mục 2. THỜI GIAN\na) Văn phòng tổng hợp kết quả trước ngày 20/5/2027.\n"
    )
    assert [t.value_text for t in plan.targets] == ["85%"]
    assert [d.due for t in plan.tasks for d in t.schedule.deadlines] == [D(2027, 5, 20)]


def test_a_duty_rota_typed_as_a_table_is_a_rotation() -> None:
    """ "Tháng | Tổ trực" rows (bars or tabs): each month's group on duty, a month left out is nobody's."""
    rota = "Tháng | Tổ trực | Ghi chú\n9/2026 | Tổ Toán |\n10/2026 | Tổ Ngữ văn | Thêm 01 tin\n11/2026 | Tổ Lịch sử - Địa lý |\n"
    plan = plan_of(
        HEADER
        + "\nI. TỔ TRỰC\nMỗi tháng một tổ trực viết 02 tin, bài, nộp trước ngày 25 của tháng trực.\n"
        + rota
        + "\n"
        + SIGNATURE
    )
    turns = [r.rotation for t in plan.tasks for r in t.schedule.recurrences if r.rotation]
    assert turns == [((9, "Tổ Toán"), (10, "Tổ Ngữ văn"), (11, "Tổ Lịch sử - Địa lý"))]


def test_a_rotation_in_prose_joins_the_sentence_that_names_the_duty() -> None:
    """ "Mỗi tháng có một phòng được phân công viết tin, bài; … Phân công như sau: A viết tháng 1 và tháng 7;
    …": one monthly duty whose unit changes, due on the day the plan gives; no leaderless copy of it, and
    "phòng được phân công" is nobody's name."""
    plan = plan_of(
        HEADER.replace("02 tháng 11", "05 tháng 01")
        + "\nI. TIN BÀI\n1. Mỗi tháng có một phòng được phân công viết tin, bài về một cửa; phòng được phân công "
        "gửi bài cho Văn phòng Sở trước ngày 20 của tháng được phân công. Phân công như sau: Văn phòng Sở viết "
        "tháng 1 và tháng 7; Phòng Giáo dục phổ thông (GDPT) viết tháng 2 và tháng 8. Thanh tra Sở không tham "
        "gia phân công.\n" + SIGNATURE
    )
    [task] = [t for t in plan.tasks if t.clause == "I.1"]
    assert task.title.startswith("Mỗi tháng có một phòng")
    assert task.leads == ("Văn phòng Sở", "Phòng Giáo dục phổ thông")
    assert [(due, unit_key(unit)) for due, unit, _ in occurrences(plan)][:2] == [
        (D(2026, 1, 20), "van phong"),
        (D(2026, 2, 20), "giao duc pho thong"),
    ]


def test_a_markdown_table_of_targets_beside_last_years_results() -> None:
    """ "| TT | Chỉ tiêu | Kết quả năm 2027 | Chỉ tiêu năm 2028 |" with its dashed rule: each row one sentence,
    the 2028 column a target and the 2027 column what was reached, under a heading "Thực trạng và chỉ tiêu"."""
    plan = plan_of(
        HEADER.replace("02 tháng 11", "05 tháng 01").replace("cuối năm 2026", "năm 2028")
        + "\nI. THỰC TRẠNG VÀ CHỈ TIÊU\n1. Chỉ tiêu năm 2028\n"
        "| TT | Chỉ tiêu | Kết quả năm 2027 | Chỉ tiêu năm 2028 |\n|----|----------|------------------|----------|\n"
        "| 1 | Tỷ lệ văn bản đi được ký số | 91,2% | Đạt từ 98% trở lên |\n"
        "| 2 | Khối lượng tài liệu được chỉnh lý | 41 mét giá | Tối thiểu 90 mét giá |\n\n" + SIGNATURE
    )
    got = {(t.value_text, t.baseline) for t in plan.targets}
    assert got == {("91,2%", True), ("98%", False), ("41", True), ("90", False)}
    assert all(t.metric in ("Tỷ lệ văn bản đi được ký số", "Khối lượng tài liệu được chỉnh lý") for t in plan.targets)
    assert not plan.tasks  # the "TT" column numbers rows; it is no month of a rota


def test_a_word_table_of_facts_is_read_row_by_row() -> None:
    """A Word table that is no task list ("Đợt | Thời gian | Đơn vị được kiểm tra") is read a row at a time, each
    cell named by its column, not column by column as the page's layout tables are."""
    from plans.tables import is_layout_table, table_sentences

    rows = [
        ("Đợt", "Thời gian", "Đơn vị được kiểm tra", "Phòng cử thư ký"),
        ("Đợt 1", "Từ 14/4/2028 đến 25/4/2028", "Trường THPT Đèo Gió; Trường THPT Bản Xèo", "Phòng GDTrH"),
        ("Đợt 2", "Từ 15/9/2028 đến 26/9/2028", "Trường THPT Suối Lư", "Phòng KT-QLCL"),
    ]
    assert not is_layout_table(rows)
    assert is_layout_table([("SỞ GIÁO DỤC VÀ ĐÀO TẠO", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")])
    assert table_sentences(rows)[0] == (
        "Đợt 1 | Thời gian: Từ 14/4/2028 đến 25/4/2028 | Đơn vị được kiểm tra: Trường THPT Đèo Gió, "
        "Trường THPT Bản Xèo | Phòng cử thư ký: Phòng GDTrH."
    )


def test_the_rotating_units_due_day_is_in_the_sentence_after_the_turns() -> None:
    """ "Phòng chủ trì chuyên đề luân phiên: A (quý I, quý III), B (quý II) … Phòng chủ trì gửi bản thảo trước
    ngày 10 của tháng cuối quý": "Phòng chủ trì" is whoever's turn it is, and its day is the rotation's."""
    plan = plan_of(
        HEADER.replace("02 tháng 11", "05 tháng 01")
        + "\nI. NHIỆM VỤ\n1. Chuyên đề hằng quý: mỗi quý đăng 01 chuyên đề trên chuyên mục CCHC của Sở. Phòng chủ trì "
        "chuyên đề luân phiên: Phòng Giáo dục Trung học (quý I, quý III), Phòng Khảo thí (quý II, quý IV). Phòng chủ "
        "trì gửi bản thảo về Văn phòng Sở trước ngày 10 của tháng cuối quý.\n" + SIGNATURE
    )
    assert [(due, unit_key(unit)) for due, unit, _ in occurrences(plan)] == [
        (D(2026, 3, 10), "giao duc trung hoc"),
        (D(2026, 6, 10), "khao thi"),
        (D(2026, 9, 10), "giao duc trung hoc"),
        (D(2026, 12, 10), "khao thi"),
    ]


ENUMERATIONS = (
    HEADER
    + """
I. PHẠM VI
1. Kế hoạch áp dụng tại 07 trường trực thuộc, gồm 03 trường trung học cơ sở (THCS Hồ Sen, THCS Bàu Tràm, THCS Kim Ngọc) và 04 trường tiểu học (Tiểu học Hồ Sen, Tiểu học Đá Mài, Tiểu học Cát Lở, Tiểu học Rạch Vẹm).
2. Trường THCS Kim Ngọc có 02 điểm trường: điểm trường Bến Lội và điểm trường Gò Dầu.
II. NHIỆM VỤ
1. Thanh tra Sở kiểm tra công tác văn thư đợt 1 trong tháng 11/2026 tại 03 trường: Tiểu học Đá Mài, Tiểu học Cát Lở, THCS Bàu Tràm.
2. Đợt 2 kiểm tra trong tháng 12/2026 gồm các trường sau:
- Trường Tiểu học Rạch Vẹm;
- Trường THCS Hồ Sen.
3. Các trường triển khai sổ điểm điện tử cho lớp 6, lớp 7 và lớp 8 trước ngày 20/12/2026.
"""
    + SIGNATURE
)


@pytest.mark.parametrize(
    ("question", "names"),
    [
        ("Những trường tiểu học nào thuộc phạm vi kế hoạch 77?", ("Hồ Sen", "Đá Mài", "Cát Lở", "Rạch Vẹm")),
        ("ke hoach 77 gom nhung truong thcs nao", ("Hồ Sen", "Bàu Tràm", "Kim Ngọc")),
        ("dot 1 kiem tra van thu nhung truong nao", ("Đá Mài", "Cát Lở", "Bàu Tràm")),
        ("Đợt 2 kiểm tra những trường nào?", ("Rạch Vẹm", "THCS Hồ Sen")),
        ("các trường được kiểm tra đợt 2", ("Rạch Vẹm", "THCS Hồ Sen")),
        ("THCS Kim Ngọc có những điểm trường nào", ("Bến Lội", "Gò Dầu")),
        ("sổ điểm điện tử triển khai cho những lớp nào", ("lớp 6", "lớp 7", "lớp 8")),
    ],
)
def test_a_question_for_every_item_quotes_the_sentence_that_names_them(question: str, names: tuple[str, ...]) -> None:
    """In brackets after the noun, after a colon or "gồm", as bullets under a line ending in a colon, or with the
    noun repeated: every item named, not the first nor a sentence that only mentions the kind."""
    engine = Engine([plan_of(ENUMERATIONS)])
    answer = engine.ask(question)
    assert answer.found, question
    quoted = "\n".join(f.quote for f in answer.facts)
    assert all(name in quoted for name in names), quoted


def test_items_of_a_level_the_plan_does_not_list_are_not_another_levels() -> None:
    engine = Engine([plan_of(ENUMERATIONS)])
    answer = engine.ask("Những trường mầm non nào thuộc phạm vi kế hoạch 77?")
    assert not any("THCS Bàu Tràm" in f.quote for f in answer.facts)


def test_a_letter_is_read_with_its_number_subject_and_addressees() -> None:
    """A công văn carries no kind before its issuer ("Số: 905/SGDĐT-GDTrH"), a "V/v" subject in place of a
    title and "Kính gửi:" lines: its number is its identity, whom it addresses is answerable."""
    plan = plan_of(
        """SỞ GIÁO DỤC VÀ ĐÀO TẠO NAM ĐÀI | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Số: 905/SGDĐT-GDTrH | Nam Đài, ngày 03 tháng 10 năm 2026
V/v báo cáo số liệu học bạ số
năm học 2026-2027
Kính gửi:
- Hiệu trưởng các trường THPT;
- Giám đốc Trung tâm GDTX tỉnh.
Thực hiện Kế hoạch số 77/KH-SGDĐT ngày 02/11/2026, Sở đề nghị các đơn vị thực hiện như sau:
1. Cập nhật học bạ số lên hệ thống trước ngày 15/11/2026.
2. Báo cáo kết quả về Phòng GDTrH trước ngày 30/11/2026.
3. Đầu mối: bà Lò Thị Mai, điện thoại 0912.345.678.
"""
        + SIGNATURE
    )
    meta = plan.meta
    assert (meta.number, meta.kind, meta.issue_date) == ("905/SGDĐT-GDTrH", "letter", D(2026, 10, 3))
    assert meta.title == "Báo cáo số liệu học bạ số năm học 2026-2027"
    sent_to = [c.text for c in plan.clauses if c.parent == "KG"]
    assert sent_to == ["Hiệu trưởng các trường THPT;", "Giám đốc Trung tâm GDTX tỉnh;"]
    answer = Engine([plan]).ask("cong van 905 gui nhung ai")
    assert answer.found and "Giám đốc Trung tâm GDTX tỉnh" in answer_text(answer, "vi")


def test_a_rotation_with_years_reaches_past_the_school_year_and_a_quarter_it_leaves_out_has_nobody() -> None:
    """ "Phân công: Quý IV/2026 – Cụm 1; … Quý III/2027 – Cụm 4" in a plan of a school year: every turn it
    names is due (the last after the school year ends), on the day of the quarter's month it says; a quarter
    of a year it does not name is nobody's turn."""
    plan = plan_of(
        HEADER.replace("những tháng cuối năm 2026", "năm học 2026-2027")
        + """
1. Các trường chia thành 04 cụm, luân phiên viết bài về CCHC; bài gửi Văn phòng Sở trước ngày 15 của tháng thứ hai trong quý. Phân công: Quý IV/2026 – Cụm 1; Quý I/2027 – Cụm 2; Quý II/2027 – Cụm 3; Quý III/2027 – Cụm 4.
"""
        + SIGNATURE
    )
    assert [(due, unit) for due, unit, _ in occurrences(plan)] == [
        (D(2026, 11, 15), "Cụm 1"),
        (D(2027, 2, 15), "Cụm 2"),
        (D(2027, 5, 15), "Cụm 3"),
        (D(2027, 8, 15), "Cụm 4"),
    ]
    engine = Engine([plan])
    turn = engine.ask("quý III/2027 cụm nào viết bài CCHC")
    assert turn.found and turn.facts[0].units == ("Cụm 4",)
    assert not engine.ask("quy IV/2027 cum nao viet bai cchc").found


def test_a_table_of_targets_annexed_after_the_signature_is_read() -> None:
    """ "PHỤ LỤC I … Chỉ tiêu | Thực hiện năm 2025 | Năm 2027 | Năm 2028 | Đơn vị chủ trì" after the signature,
    with the columns' numbers under the header and a note under the table: every row's targets, last
    year's result apart, the note kept; a second annex is a group of its own."""
    plan = plan_of(
        HEADER
        + "\nI. NHIỆM VỤ\n1. Văn phòng theo dõi các chỉ tiêu tại Phụ lục I, báo cáo trước ngày 15/12/2026.\n"
        + SIGNATURE
        + """
PHỤ LỤC I
CHỈ TIÊU GIAI ĐOẠN 2027-2028
(Kèm theo Kế hoạch số 77/KH-SGDĐT ngày 02/11/2026)
TT | Chỉ tiêu | Thực hiện năm 2025 | Năm 2027 | Năm 2028 | Đơn vị chủ trì
(1) | (2) | (3) | (4) | (5) | (6)
1 | Tỷ lệ hồ sơ trực tuyến toàn trình | 61,5% | Từ 78% trở lên | Từ 88% trở lên | Văn phòng
2 | Số tin, bài về CCHC trên trang thông tin | 70 tin, bài | 90 tin, bài | 110 tin, bài | Văn phòng
Ghi chú: chỉ tiêu số 1 tính theo số liệu của Cổng dịch vụ công quốc gia.
PHỤ LỤC II
PHÂN BỔ KINH PHÍ
TT | Nội dung | Kinh phí (đồng)
1 | Khảo sát sự hài lòng | 40.000.000
2 | Tập huấn | 25.000.000
"""
    )
    rows = {c.path: c.text for c in plan.clauses if c.path.startswith("PL")}
    assert rows["PL"].startswith("PHỤ LỤC I") and "(1)" not in " ".join(rows.values())
    assert "Cổng dịch vụ công quốc gia" in rows["PL.3"] and "Tập huấn" in rows["PL2.2"]
    rate = [(t.value, t.baseline) for t in plan.targets if t.clause == "PL.1"]
    assert rate == [(61.5, True), (78.0, False), (88.0, False)]
    engine = Engine([plan])
    answer = engine.ask("năm 2027 tỷ lệ hồ sơ trực tuyến toàn trình phải đạt bao nhiêu")
    assert answer.found and "78%" in answer_text(answer, "vi")
    assert not engine.ask("năm 2026 tỷ lệ hồ sơ trực tuyến toàn trình phải đạt bao nhiêu").found  # no column


def test_a_work_calendar_by_month_keeps_each_months_items_and_reads_its_duty_column_as_a_rotation() -> None:
    """A calendar typed with bars and no outer ones: a row opened by a bar has a blank month (the one above),
    a line under an open dashed item goes on with it, and the column of the group on duty is a rotation."""
    plan = plan_of(
        HEADER.replace("những tháng cuối năm 2026", "năm học 2026-2027")
        + """
I. LỊCH CÔNG TÁC
Mỗi tháng một tổ trực, gửi tin, bài cho Phó Hiệu trưởng duyệt chậm nhất ngày 22 của tháng trực.
Tháng | Nội dung | Người thực hiện | Tổ trực
9/2026 | - Ban hành kế hoạch (trước ngày 15/9/2026) | Hiệu trưởng | Tổ Một
 | - Niêm yết thủ tục (trước ngày 25/9/2026) | Văn thư |
10/2026 | - Tập huấn sổ điện tử cho giáo | Phó Hiệu trưởng | Tổ Hai
 | viên (trong tháng 10) |  |
11-12/2026 | - Khảo sát cha mẹ học sinh (tuần đầu tháng 12) | Ban chỉ đạo | Tổ Ba
"""
        + SIGNATURE
    )
    text = next(c.text for c in plan.clauses if c.path == "I")
    assert "Tháng: 9/2026 | Nội dung: - Niêm yết thủ tục (trước ngày 25/9/2026)" in text
    assert "Tập huấn sổ điện tử cho giáo viên (trong tháng 10)" in text
    rotating = next(t for t in plan.tasks if t.rotating)
    turns = next(r.rotation for r in rotating.schedule.recurrences if r.rotation)
    assert turns == ((9, "Tổ Một"), (10, "Tổ Hai"), (11, "Tổ Ba"), (12, "Tổ Ba"))
    answer = Engine([plan]).ask("tháng 12 tổ nào trực")
    assert answer.found and answer.facts[0].units == ("Tổ Ba",)


TWO_OF_ONE_SO = (
    """UBND TỈNH NAM ĐÀI | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
SỞ GIÁO DỤC VÀ ĐÀO TẠO | Độc lập - Tự do - Hạnh phúc
Số: 310/KH-SGDĐT | Nam Đài, ngày 20 tháng 12 năm 2026

KẾ HOẠCH
Nâng cao Chỉ số chuyển đổi số và Chỉ số hài lòng ngành Giáo dục tỉnh Nam Đài giai đoạn 2027-2028

I. GIẢI PHÁP
1. Thành lập Tổ công tác nâng cao Chỉ số chuyển đổi số gồm 09 thành viên: Tổ trưởng là ông Phan Quốc Việt, Phó Giám đốc Sở; Tổ phó là Chánh Văn phòng Sở.
2. Văn phòng Sở tổng hợp báo cáo kết quả gửi UBND tỉnh trước ngày 10/12/2027.
II. KINH PHÍ
Kinh phí
Tổng kinh phí thực hiện Kế hoạch giai đoạn 2027-2028 là 240.000.000 đồng, trong đó năm 2027: 110.000.000 đồng; năm 2028: 130.000.000 đồng.
Nguồn: dự toán chi thường xuyên được giao hằng năm.
"""
    + SIGNATURE,
    """UBND TỈNH NAM ĐÀI | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
SỞ GIÁO DỤC VÀ ĐÀO TẠO | Độc lập - Tự do - Hạnh phúc
Số: 2290/SGDĐT-VP | Nam Đài, ngày 02 tháng 01 năm 2027
V/v hướng dẫn công tác chuyển đổi số năm 2027

Kính gửi: Các đơn vị trực thuộc Sở.

1. Các đơn vị xây dựng kế hoạch chuyển đổi số năm 2027 và gửi Sở trước ngày 20/01/2027.
2. Các đơn vị thành lập tổ công tác chuyển đổi số của đơn vị, tổ trưởng là thủ trưởng đơn vị.
3. Báo cáo kết quả chuyển đổi số năm 2027 gửi Sở (qua Văn phòng) trước ngày 05/12/2027.
"""
    + SIGNATURE,
)


def test_a_plan_named_by_its_title_answers_from_a_sentence_that_does_not_repeat_it() -> None:
    """Two documents of one Sở: the plan is named by its title's words, not its number; its heading ("Kinh
    phí") is no answer, the sentence under it is; the head of the team it sets up is the one named there."""
    engine = Engine([plan_of(text) for text in TWO_OF_ONE_SO])
    answer = engine.ask("tong kinh phi ke hoach nang cao chi so chuyen doi so cua so nam dai giai doan 2027-2028")
    assert answer.found and "240.000.000" in answer_text(answer, "vi"), answer_text(answer, "vi")
    answer = engine.ask("tổ trưởng tổ công tác nâng cao chỉ số chuyển đổi số của Sở Nam Đài là ai")
    assert answer.found and "Phan Quốc Việt" in answer_text(answer, "vi")
    english = engine.ask("Who leads the Nam Dai task force for raising the digital transformation index?", lang="en")
    assert english.found and "Phan Quốc Việt" in answer_text(english, "en")
