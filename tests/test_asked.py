"""What a question names besides its topic (plans/asked.py), the abbreviations a plan's unit names make
(plans/initials.py), and the refusals they drive in the engine, on the real sample plans and corpus."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.render import answer_text
from plans import parse_plan
from plans.answer import Engine
from plans.asked import (
    conflicting_field,
    conflicting_number,
    conflicting_sector,
    counted_noun,
    has_address,
    has_phone,
    named_places,
    named_unit,
    states_count,
)
from plans.initials import expand_initials, initials_map
from plans.search import normalize_query
from plans.units import make_unit

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def engine() -> Engine:
    sources = sorted((ROOT / "samples" / "plans").glob("*.txt")) + sorted((ROOT / "tests" / "corpus").glob("*.txt"))
    plans = [parse_plan(p) for p in sources]
    names = {u: make_unit(u).name for plan in plans for t in plan.tasks for u in (*t.leads, *t.partners)}
    return Engine(plans, names)


def test_places_and_schools_are_read_with_their_kind() -> None:
    assert named_places("Xã Phước Lợi đặt tỷ lệ hài lòng bao nhiêu?") == [("xa", "phuoc loi")]
    assert named_places("Trường Tiểu học Hòa Mỹ phải niêm yết TTHC trước ngày nào?") == [("tieu hoc", "hoa my")]
    assert named_places("Sở GDĐT Bảo Khánh năm 2027 số hóa đạt bao nhiêu?") == [(None, "bao khanh")]
    # words that follow a marker without being a name
    assert named_places("phong van hoa xa hoi tham muu gi") == []
    assert named_places("khảo sát ở các trường MG, MN, TH, THCS") == []
    assert named_places("so lieu ho so giao duc bao lau 1 lan") == []
    assert named_places("KH nội bộ của quận áp dụng giai đoạn nào") == []


def test_counts_are_of_the_noun_asked() -> None:
    assert counted_noun("truong tieu hoc kim dong xay bao nhieu phong hoc") == "phong hoc"
    assert counted_noun("ke hoach can cu ke hoach so may cua ubnd") is None  # "số mấy" asks a number
    assert states_count("co so moi xay 15 phong hoc", "phong hoc")
    assert not states_count("100% cong chuc cong khai", "cong chuc")
    assert states_count("moi truong tieu hoc 180 phieu", "phieu khao")  # a noun that counts alone


def test_qualifiers_that_conflict() -> None:
    assert conflicting_number("hoc sinh khoi 10", "100% hoc sinh khoi 12 duoc huong dan")
    assert not conflicting_number("hoc sinh khoi 10", "hoc sinh khoi 10, 11 va 12")
    assert conflicting_field("tre han linh vuc giao duc", "tre han tren linh vuc dat dai va linh vuc dau tu")
    assert not conflicting_field("tre han linh vuc giao duc", "tre han linh vuc giao duc duoi 2%")


def test_contacts() -> None:
    assert has_phone("điện thoại cơ quan 0237.3862.415, di động 0912.604.387")
    assert not has_phone("Quyết định số 02/2021/QĐ-UBND ngày 22/01/2021")
    assert has_address("01 xây mới với 15 phòng học tại địa chỉ 39/2, Huỳnh Tấn Phát")
    assert named_unit(normalize_query("so dien thoai phong QLCL so Hung Lam")) == ["qlcl"]
    assert named_unit(normalize_query("so dien thoai phong GD Tra Lung")) == []


def test_a_plans_own_abbreviations_are_spelled_out() -> None:
    initials = initials_map(["Phòng Văn hóa - Xã hội"], ["Phòng Khảo thí và Quản lý chất lượng (KT-QLCL) chủ trì"])
    assert initials["vhxh"] == "van hoa xa hoi"
    assert initials["ktqlcl"] == "khao thi va quan ly chat luong"
    known = {"phong": 1.0}
    assert expand_initials("phong vh-xh kiem tra", initials, known) == "phong van hoa xa hoi kiem tra"
    # letters the plans write themselves stay as they are
    assert expand_initials("kt-qlcl ra soat", initials, {"kt_qlcl": 1.0}) == "kt-qlcl ra soat"


@pytest.mark.parametrize(
    "question",
    [
        "Xã Phước Lợi đặt tỷ lệ hài lòng của cha mẹ học sinh bao nhiêu?",  # another commune than the plan's
        "bao nhieu % hoc sinh khoi 10 binh sa duoc huong dan dang ky truc tuyen",  # another grade
        "Trường Tiểu học Hòa Mỹ phải niêm yết TTHC trước ngày nào?",  # the plan is the THCS's
        "giam doc so gd thach lam la ai",  # a deputy signed: the director is not named
        "Sở GDĐT Sóc Trăng có bao nhiêu công chức?",  # a rate of công chức is no count of them
        "Tháng 6/2027 tổ nào trực bản tin Góc CCHC ở THPT Bình Sa?",  # June is nobody's turn
        "tiếp",  # one word, nothing pending: nothing to quote
    ],
)
def test_what_the_fact_does_not_cover_is_refused_without_a_figure(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    text = answer_text(answer, "vi")
    assert not answer.found and not answer.facts
    assert not any(ch.isdigit() for ch in text), text


def test_the_same_questions_answered_where_the_plans_do_cover_them(engine: Engine) -> None:
    assert "90%" in answer_text(engine.ask("Xã Phước Điền đặt tỷ lệ hài lòng của cha mẹ học sinh bao nhiêu?"), "vi")
    assert "Vũ Hồng Quang" in answer_text(engine.ask("Giám đốc Sở GDĐT Hà Sơn là ai?"), "vi")
    june = answer_text(engine.ask("Tháng 2/2027 tổ nào trực biên tập bản tin Góc CCHC ở trường Bình Sa?"), "vi")
    assert "Sử - Địa" in june


def test_a_person_the_plans_name_is_answered_with_what_they_say_of_them() -> None:
    """ "X chức vụ gì" / "bà X là ai": the signer's office, or the sentence naming the contact; a name the
    plans never give is no answer. Names are matched as typed (the typo mender would make "hồng" "công")."""
    plans = [parse_plan(ROOT / "tests" / "holdout2" / "hunglam-sgddt-2027-sohoa-118.txt")]
    plans += [parse_plan(ROOT / "tests" / "corpus" / "hason-sgddt-2026-khacphuc-2215.txt")]
    engine = Engine(plans)
    signer = engine.ask("do khanh linh chuc vu gi")
    assert signer.found and "Phó giám đốc Đỗ Khánh Linh" in answer_text(signer, "vi")
    assert "Giám đốc Vũ Hồng Quang" in answer_text(engine.ask("Vũ Hồng Quang giữ chức gì"), "vi")
    contact = engine.ask("bà Trịnh Thu Hà là ai")
    assert contact.found and "Phó Chánh Văn phòng" in answer_text(contact, "vi")
    assert not engine.ask("ông Nguyễn Văn Tư là ai").found
    # an office asked for a contact must be the one named: the deputy chief of office's email is not the director's
    assert not engine.ask("Email của Giám đốc Sở GDĐT Hưng Lâm là gì?").found


def _samples_with(*extra: str) -> Engine:
    """The sample plans and plans held out of the engine's making (paths under tests/): a name is checked
    against the plans loaded, so these tests load more than the one plan they ask about."""
    plans = [parse_plan(p) for p in sorted((ROOT / "samples" / "plans").glob("*.txt"))]
    return Engine([*plans, *(parse_plan(ROOT / "tests" / path) for path in extra)])


def test_a_month_a_rotation_skips_has_nobody_even_beside_a_duty_of_everybody() -> None:
    """ "Tổ Ngữ văn (tháng 9, tháng 10); … Tổ Khoa học xã hội (tháng 5)" beside "bài gửi duyệt trước ngày 20
    hằng tháng": June is nobody's turn, March is the Khoa học tự nhiên group's."""
    engine = _samples_with("holdout/myhung-thpt-2027-2028-cchc-09.txt")
    assert not engine.ask("Tháng 6 tổ nào làm bản tin CCHC ở Mỹ Hưng?").found
    march = engine.ask("thang 3 to nao lam ban tin cchc my hung")
    assert march.found and march.facts[0].units == ("Tổ Khoa học tự nhiên",)
    # the plan is THPT Mỹ Hưng's; a name is checked when it is rare among the plans loaded
    other_level = engine.ask("thcs my hung ban tin cchc thang 9 to nao lam")
    assert not other_level.found


def test_the_office_a_question_names_is_the_one_whose_duty_answers() -> None:
    """ "Báo cáo 6 tháng của Phòng VHXH …": the office's own report (its heading names it, its sentence does
    not), typed by its initials; not the schools' report sent to that office."""
    engine = _samples_with("holdout3/nguphuc-qd-ubndphuong-2026-cchc-356.txt")
    answer = engine.ask("Báo cáo 6 tháng của Phòng VHXH Ngũ Phúc gửi UBND phường trước ngày nào?")
    assert answer.found and [d for d, _ in answer.facts[0].dates] == [dt.date(2026, 6, 10)]


def test_a_plans_own_school_typed_with_a_typo_is_that_school_and_a_group_is_no_school() -> None:
    engine = _samples_with("holdout3/vanhkhuyen-mn-2027-2028-cchc-21.txt")
    assert engine.ask("hk2 mn vanh khyen ket thuc ngay nao").found  # "khyen": the plan's own Vành Khuyên
    assert not engine.ask("hk2 mn hoa sen ket thuc ngay nao").found  # a school no plan names
    assert named_places("to mg lon vanh khuyen hoan thien ho so truoc ngay nao") == []  # "tổ MG lớn": a group


def test_a_plans_own_date_a_decisions_effect_and_whom_to_contact() -> None:
    engine = _samples_with("holdout3/nguphuc-qd-ubndphuong-2026-cchc-356.txt", "holdout3/bensoi-pgddt-2024-cchc-53.txt")
    signed = answer_text(engine.ask("Quyết định 356 của phường Ngũ Phúc ký ngày nào?"), "vi")
    assert "09/03/2026" in signed
    effect = engine.ask("QĐ 356 của phường Ngũ Phúc có hiệu lực từ bao giờ?")
    assert effect.found and "có hiệu lực kể từ ngày ký" in effect.facts[0].quote
    contact = engine.ask("Vướng mắc về kế hoạch CCHC của Phòng GD Bến Sỏi thì liên hệ ai?")
    assert contact.found and "Hồ Thị Mỹ Duyên" in contact.facts[0].quote
    assert not engine.ask("Có vướng mắc về lương thì liên hệ ai?").found  # no plan named: whose contact?


def test_a_round_or_sector_the_plan_does_not_have_is_refused() -> None:
    """ "đợt 4" of a plan "chia làm 03 đợt", "đợt III" (Roman) where the plan has "đợt I" and "đợt II", and
    "trường ngoài công lập" where the plan counts "trường công lập"."""
    assert conflicting_number("dot 4 kiem tra khi nao", "kiem tra 12 truong, chia lam 03 dot")
    assert not conflicting_number("dot 2 kiem tra khi nao", "kiem tra 12 truong, chia lam 03 dot")
    assert conflicting_number("khao sat dot iii khi nao", "khao sat y kien cmhs dot ii trong thang 5")
    assert conflicting_sector("co bao nhieu truong ngoai cong lap", "toan nganh co 41 truong cong lap")
    assert not conflicting_sector("co bao nhieu truong cong lap", "toan nganh co 41 truong cong lap")


def test_a_document_described_by_another_topic_is_not_the_plan_itself() -> None:
    """ "Quyết định kiện toàn Ban chỉ đạo … số mấy" asks a document the plan cites, not the plan's own number;
    "kế hoạch CCHC trường học … số mấy" asks the plan's own."""
    engine = _samples_with("holdout3/vanhkhuyen-mn-2027-2028-cchc-21.txt")
    cited = answer_text(engine.ask("qd kien toan ban chi dao cchc mn vanh khuyen so may"), "vi")
    assert "15/QĐ-MNVK" in cited
    own = answer_text(engine.ask("ke hoach cchc mn vanh khuyen nam hoc 2027-2028 so may"), "vi")
    assert "21/KH-MNVK" in own


def test_a_question_for_every_item_gets_the_whole_enumeration() -> None:
    answer = _samples_with("holdout4/dongtra-pgddt-2024-2025-kiemtra-208.txt").ask(
        "Đợt 2 Phòng GDĐT Đông Trà kiểm tra những trường nào?"
    )
    assert answer.found
    assert all(name in answer.facts[0].quote for name in ("Kênh Đào", "Bãi Sậy", "Phú Gia", "Gò Mít"))


def test_a_months_turn_read_with_its_year_and_a_month_the_plan_leaves_out_in_its_own_words() -> None:
    """A rota table of a school year ("11/2028 | Tổ Ngoại ngữ"): "tháng 11/2028" is that month's turn; a
    month the plan says no group holds is answered with the plan's sentence; a group's own months are its turns
    only; a month of another year than the rota's is nobody's."""
    engine = _samples_with(
        "holdout4/doithong-thpt-2028-2029-cchc-47.txt", "corpus/binhsa-thpt-2026-2027-tuyentruyen-37.txt"
    )
    november = engine.ask("Tháng 11/2028 tổ nào trực ở THPT Đồi Thông?")
    assert november.found and november.facts[0].units == ("Tổ Ngoại ngữ",)
    july = engine.ask("thang 7/2029 co to nao truc o thpt doi thong khong")
    assert july.found and "không phân công" in july.facts[0].quote
    turns = engine.ask("Tổ Toán - Tin học THPT Đồi Thông trực những tháng nào?")
    assert turns.found and [d for item in turns.listing.items for d, _ in item.dates] == [
        dt.date(2028, 9, 25),
        dt.date(2029, 5, 25),
    ]
    assert not engine.ask("Tổ Toán trường THPT Bình Sa trực bản tin Góc CCHC tháng 9/2027 phải không?").found


def test_a_part_of_the_whole_is_answered_by_its_own_sentence_or_refused() -> None:
    """One school's, one site's, one round's or one level's number is the sentence that names it; the plan's total
    does not answer it, nor another site's; a round past the plan's last and a 9-month report it does not
    have are refused; a deputy's phone is not the chief's."""
    engine = _samples_with(
        "holdout5/nganthuy-ubndphuong-2028-luutru-146.txt",
        "holdout5/khengan-th-thcs-2027-2028-cchc-23.txt",
        "holdout5/taylinh-qd-sgddt-2028-kiemtra-587.docx",
    )
    thcs = engine.ask("cac truong thcs o ngan thuy phai so hoa bao nhieu trang hoc ba")
    assert thcs.found and "14.200" in thcs.facts[0].quote
    first = engine.ask("ngan thuy dot 1 chinh ly bao nhieu met gia")
    assert first.found and "38 mét giá" in first.facts[0].quote
    goal = engine.ask("Phường Ngân Thủy năm 2028 phải chỉnh lý tối thiểu bao nhiêu mét giá tài liệu tồn đọng?")
    assert goal.found and goal.facts[0].value == "90"
    assert not engine.ask("Trường Tiểu học Cầu Ván phải số hóa bao nhiêu trang học bạ?").found
    assert not engine.ask("diem truong coc ma co bao nhieu hoc sinh").found
    assert not engine.ask("dot 3 chinh ly tai lieu o ngan thuy khi nao").found
    assert not engine.ask("dot 4 kiem tra cchc tay linh khi nao").found
    assert not engine.ask("bc 9 thang ket qua kiem tra cchc so tay linh han nao").found
    assert not engine.ask("sdt chanh thanh tra so tay linh").found
    round_two = engine.ask("Trường THPT Khau Riềm được kiểm tra đợt mấy?")
    assert round_two.found and "Đợt 2" in round_two.facts[0].quote


def test_a_quarters_turn_and_the_team_leader_in_both_languages() -> None:
    """ "quý 2 phòng nào viết chuyên đề": the rotation's turn for the plan the question names; who heads the
    inspection team, asked in Vietnamese or English."""
    engine = _samples_with(
        "holdout5/mylang-sgddt-2029-tuyentruyen-2291.txt", "holdout5/taylinh-qd-sgddt-2028-kiemtra-587.docx"
    )
    second = engine.ask("quy 2 phong nao viet chuyen de cchc sgd my lang")
    assert second.found and second.facts[0].units == ("Phòng Giáo dục nghề nghiệp - Giáo dục thường xuyên",)
    for question, lang in (
        ("ai la truong doan kiem tra cchc so tay linh", "vi"),
        ("Who leads the Tay Linh administrative reform inspection team?", "en"),
    ):
        leader = engine.ask(question, lang=lang)
        assert leader.found and "Ma Văn Quyết" in leader.facts[0].quote
