"""Answers from forms of the genre that hold a fact outside any target or task field, on documents written for
the tests: a decision whose annexed plan is signed by its own author, a unit's duties under "Giao …:", a figure
sentence that refers back ("Trong đó …"), a ceiling of a count, what months so far reached, a merger of schools,
a thing asked by its name ("tổ gì", "nguồn nào"), a plan named by title words and its number."""

from __future__ import annotations

from pathlib import Path

import pytest
from docgen import build_docx, build_pdf

from bot.render import answer_text
from plans import Plan, parse_document, parse_plan
from plans.answer import Engine, question_kind
from plans.read import read_text
from plans.search import normalize_query
from plans.units import make_unit


def plan_of(text: str) -> Plan:
    return parse_document(read_text(text.strip("\n"), source="test.txt"))


DECISION = """UBND TỈNH ĐÔNG VÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
SỞ GIÁO DỤC VÀ ĐÀO TẠO | Độc lập - Tự do - Hạnh phúc
Số: 311/QĐ-SGDĐT | Đông Vân, ngày 14 tháng 01 năm 2027

QUYẾT ĐỊNH
Phê duyệt Kế hoạch bồi dưỡng kỹ năng số cho công chức năm 2027

GIÁM ĐỐC SỞ GIÁO DỤC VÀ ĐÀO TẠO

Căn cứ Kế hoạch số 40/KH-UBND ngày 05/01/2027 của Ủy ban nhân dân tỉnh về chuyển đổi số năm 2027;
Xét đề nghị của Trưởng phòng Tổ chức cán bộ tại Tờ trình số 12/TTr-TCCB ngày 10/01/2027.

QUYẾT ĐỊNH:

Điều 1. Phê duyệt Kế hoạch số 09/KH-TCCB ngày 09/01/2027 của Phòng Tổ chức cán bộ (có Kế hoạch kèm theo).
Điều 2. Quyết định này có hiệu lực kể từ ngày ký.
Điều 3. Chánh Văn phòng, Trưởng các phòng thuộc Sở chịu trách nhiệm thi hành Quyết định này./.

Nơi nhận: | GIÁM ĐỐC
- Như Điều 3; |
- Lưu: VT. | (đã ký)
 | Lương Thị Hạnh

SỞ GIÁO DỤC VÀ ĐÀO TẠO ĐÔNG VÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
PHÒNG TỔ CHỨC CÁN BỘ | Độc lập - Tự do - Hạnh phúc
Số: 09/KH-TCCB | Đông Vân, ngày 09 tháng 01 năm 2027

KẾ HOẠCH
Bồi dưỡng kỹ năng số cho công chức năm 2027

I. MỤC TIÊU
1. 100% công chức bộ phận một cửa được bồi dưỡng kỹ năng số.

II. NHIỆM VỤ
1. Phòng Tổ chức cán bộ mở 02 lớp bồi dưỡng trong quý II năm 2027.
2. Văn phòng Sở bố trí phòng máy cho các lớp bồi dưỡng.

 | TRƯỞNG PHÒNG
 |
 | (đã ký)
 |
 | Đặng Quốc Hưng
"""


PLAN = """UBND HUYỆN LẠC SƠN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
PHÒNG GIÁO DỤC VÀ ĐÀO TẠO | Độc lập - Tự do - Hạnh phúc
Số: 52/KH-PGDĐT | Lạc Sơn, ngày 20 tháng 01 năm 2027

KẾ HOẠCH
Kiểm tra công tác cải cách hành chính tại các trường năm 2027

I. CHỈ TIÊU
1. Tỷ lệ hồ sơ tuyển sinh đầu cấp nộp trực tuyến đạt từ 70% trở lên (6 tháng năm 2027 mới đạt 48%).
2. Không đơn vị nào để hồ sơ quá hạn quá 03 lần trong năm.
3. Tổ chức khảo sát sự hài lòng của cha mẹ học sinh theo Kế hoạch số 88/KH-UBND ngày 02/01/2027 của Ủy ban nhân dân huyện. Trong đó tỷ lệ hài lòng đạt từ 90% trở lên.
4. Tỷ lệ học phí tiểu học được thu không dùng tiền mặt đạt từ 85% trở lên.

II. NHIỆM VỤ
1. Sắp xếp Trường Mẫu giáo Hoa Ban vào Trường Mầm non Lạc Sơn trong học kỳ I năm học 2027-2028.
2. Các trường thành lập tổ hỗ trợ dịch vụ công của đơn vị, hướng dẫn cha mẹ học sinh nộp hồ sơ trực tuyến.
3. Kinh phí kiểm tra bố trí từ nguồn chi thường xuyên năm 2027 của Phòng.
4. Các trường không yêu cầu cha mẹ học sinh nộp bản giấy đối với hồ sơ đã nộp trực tuyến hợp lệ.
5. Bộ phận Văn phòng kiểm tra đột xuất khi có phản ánh của cha mẹ học sinh hoặc khi Trưởng phòng chỉ đạo.

III. TỔ CHỨC THỰC HIỆN
1. Giao Bộ phận Kế toán Phòng:
- Thẩm định dự toán mua sắm máy quét tài liệu của các trường;
- Hướng dẫn các trường thanh quyết toán kinh phí số hóa.
2. Giao Bộ phận Văn phòng Phòng:
- Tổng hợp kết quả kiểm tra, báo cáo Trưởng phòng trước ngày 15/12/2027.

IV. CHẾ ĐỘ BÁO CÁO
1. Báo cáo tự kiểm tra: trước ngày 10/11/2027.
2. Các trường gửi báo cáo tự kiểm tra cho thầy Hà Minh Tú, chuyên viên Phòng.
3. Báo cáo kết quả kiểm tra năm 2027 gửi UBND huyện và Sở GDĐT tỉnh Đông Vân trước ngày 20/12/2027.
4. Đầu mối liên hệ: ông Vũ Đình Khoa, chuyên viên Bộ phận Văn phòng, điện thoại 0203.3861.552, thư điện tử vdkhoa.pgd@lacson.edu.vn.

Nơi nhận: | TRƯỞNG PHÒNG
- Các trường; |
- Lưu: VT. | Mai Văn Cường
"""


@pytest.fixture(scope="module")
def engine() -> Engine:
    plans = [plan_of(DECISION), plan_of(PLAN)]
    names = {u: make_unit(u).name for plan in plans for t in plan.tasks for u in (*t.leads, *t.partners)}
    return Engine(plans, names)


def answer(engine: Engine, question: str) -> str:
    return answer_text(engine.ask(question), "vi")


def test_a_decisions_annexed_plan_keeps_its_own_signature(tmp_path: Path) -> None:
    source = tmp_path / "qd-311.txt"
    source.write_text(DECISION, encoding="utf-8")
    word = build_docx(source, tmp_path / "qd-311.docx", merge=True)  # each signature block a narrow Word table
    for path in (source, word, build_pdf(word, tmp_path / "qd-311.pdf")):
        plan = parse_plan(path)
        assert plan.meta.signer == "Lương Thị Hạnh", path.suffix
        assert plan.meta.signer_title == "GIÁM ĐỐC", path.suffix  # the decision's, not the annexed plan's
        assert [c.text for c in plan.clauses if c.path == "KY"] == ["Kế hoạch 9/KH-TCCB: TRƯỞNG PHÒNG Đặng Quốc Hưng"]


def test_a_name_run_into_the_last_recipient_is_the_signers() -> None:
    """A PDF printed from Word puts the name on the line of the last recipient beside it."""
    plan = plan_of(
        PLAN.split("Nơi nhận:")[0]
        + "Nơi nhận:\n- Các trường;\nTRƯỞNG PHÒNG\n- Lưu: VT, Văn Phòng\n- Bộ phận Văn phòng. Trần Văn Nam\n"
    )
    assert (plan.meta.signer, plan.meta.signer_title) == ("Trần Văn Nam", "TRƯỞNG PHÒNG")


@pytest.mark.parametrize(
    ("question", "said", "not_said"),
    [
        ("kế hoạch 09/KH-TCCB bồi dưỡng kỹ năng số do ai ký", "Đặng Quốc Hưng", "Lương Thị Hạnh"),
        ("ke hoach boi duong ky nang so cua so dong van ai ky", "Đặng Quốc Hưng", "Lương Thị Hạnh"),
        ("quyết định 311 Đông Vân ai ký", "Lương Thị Hạnh", "Đặng Quốc Hưng"),
    ],
)
def test_who_signed_the_decision_and_who_its_plan(engine: Engine, question: str, said: str, not_said: str) -> None:
    text = answer(engine, question)
    assert said in text and not_said not in text


def test_the_proposal_a_decision_answers_is_one_of_its_grounds(engine: Engine) -> None:
    text = answer(engine, "QĐ 311 Đông Vân dựa trên tờ trình số mấy?")
    assert "12/TTr-TCCB" in text


@pytest.mark.parametrize(
    ("question", "unit"),
    [
        ("ai thẩm định dự toán mua sắm máy quét của các trường Lạc Sơn", "Kế toán"),
        ("phong gd lac son giao bo phan nao tong hop ket qua kiem tra", "Văn phòng"),
    ],
)
def test_each_item_under_an_assignment_is_the_assigned_units(engine: Engine, question: str, unit: str) -> None:
    result = engine.ask(question)
    assert result.found and unit in answer_text(result, "vi")


def test_a_figure_that_refers_back_is_of_the_sentence_before(engine: Engine) -> None:
    text = answer(engine, "khao sat hai long theo kh 88 thi ty le hai long phai dat bao nhieu")
    assert "90%" in text
    refused = engine.ask("học phí tiểu học ở Lạc Sơn bao nhiêu")  # an amount: no share of it answers
    assert not refused.found
    assert "85%" in answer(engine, "tỷ lệ học phí tiểu học thu không dùng tiền mặt ở Lạc Sơn bao nhiêu")


def test_a_ceiling_on_a_count_and_what_months_so_far_reached() -> None:
    targets = {(t.value_text, t.comparator, t.measure, t.baseline) for t in plan_of(PLAN).targets}
    assert ("03", "<=", "lần", False) in targets  # "không đơn vị nào … quá 03 lần": at most 3
    assert ("48%", "=", "%", True) in targets  # "(6 tháng năm 2027 mới đạt 48%)": where things stand
    assert ("70%", ">=", "%", False) in targets


def test_what_months_so_far_reached_answers_a_question_about_them(engine: Engine) -> None:
    assert "48%" in answer(engine, "6 thang nam 2027 ho so tuyen sinh dau cap nop truc tuyen dat bao nhieu")
    goal = engine.ask("ty le ho so tuyen sinh dau cap nop truc tuyen phai dat bao nhieu")
    assert [(f.value, f.baseline) for f in goal.facts] == [("70%", False)]


def test_which_school_is_answered_by_a_school_the_sentence_names(engine: Engine) -> None:
    text = answer(engine, "truong MG Hoa Ban sap nhap vao truong nao")
    assert "Trường Mầm non Lạc Sơn" in text
    assert not engine.ask("trường nào đạt chuẩn quốc gia mức độ 2").found  # no school, no answer


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("các trường phải thành lập tổ gì để hướng dẫn cha mẹ nộp hồ sơ trực tuyến", "tổ hỗ trợ dịch vụ công"),
        ("kinh phi kiem tra cchc lac son lay tu nguon nao", "nguồn chi thường xuyên"),
    ],
)
def test_a_thing_asked_by_its_name(engine: Engine, question: str, said: str) -> None:
    assert said in answer(engine, question)


def test_a_plan_named_by_its_title_words_then_its_number(engine: Engine) -> None:
    hinted, words = engine._plans_hinted("kh kiem tra 52 can cu kh so may", "kh kiem tra 52 can cu kh so may")
    assert hinted is not None and [engine.plans[i].meta.number for i in hinted] == ["52/KH-PGDĐT"]
    assert {"kiem", "tra"} <= words
    text = answer(engine, "KH kiểm tra 52 thực hiện khảo sát theo kế hoạch số mấy của UBND huyện")
    assert "88/KH-UBND" in text


def test_when_a_duty_happens_on_occasion_the_occasion_answers(engine: Engine) -> None:
    text = answer(engine, "phong gd lac son kiem tra dot xuat khi nao")
    assert "khi có phản ánh" in text and "15/12/2027" not in text
    assert "15/12/2027" in answer(engine, "tong hop ket qua kiem tra cac truong lac son truoc ngay nao")


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("báo cáo kết quả kiểm tra của Phòng GD Lạc Sơn gửi những cơ quan nào?", ["UBND huyện", "Sở GDĐT"]),
        ("bc ket qua kiem tra kh 52 gui nhung dau", ["UBND huyện", "Sở GDĐT"]),
        ("bc tu kiem tra cac truong lac son gui ai", ["Hà Minh Tú"]),
    ],
)
def test_whom_a_report_goes_to_is_the_sentence_that_sends_it(engine: Engine, question: str, said: list[str]) -> None:
    result = engine.ask(question)
    assert result.found and all(name in answer_text(result, "vi") for name in said)


def test_chat_spellings_of_asking_words(engine: Engine) -> None:
    assert "48%" in answer(engine, "6 thang nam 2027 ho so tuyen sinh dau cap nop truc tuyen dat bn")
    text = answer(engine, "cmhs nop ho so truc tuyen hop le roi co phai nop them ban giay ko")
    assert "không yêu cầu cha mẹ học sinh nộp bản giấy" in text


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Văn phòng có phải viết tin cho chuyên mục cải cách hành chính không?", "text"),
        ("danh mục thủ tục hành chính công bố khi nào", "date"),
        ("mức học phí mầm non", "figure"),
    ],
)
def test_a_column_or_a_list_is_no_amount(question: str, kind: str) -> None:
    assert question_kind(normalize_query(question)) == kind


@pytest.mark.parametrize(
    "question",
    ["sdt ong Khoa bo phan van phong phong gd lac son", "email ông Khoa Bộ phận Văn phòng Phòng GD Lạc Sơn"],
)
def test_a_contact_asked_with_the_plans_place_beside_the_office(engine: Engine, question: str) -> None:
    text = answer(engine, question)
    assert "0203.3861.552" in text or "vdkhoa.pgd@lacson.edu.vn" in text
