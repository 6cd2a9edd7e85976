"""Rebuild taylinh-qd-sgddt-2028-kiemtra-587.docx (held-out plan 5D) with python-docx.

Run from anywhere:  python tests/holdout5/make_docx.py
The document imitates a Word template: the header (agency / motto, number / place-date) is a borderless
2-column table, the decision's signature sits beside "Nơi nhận:" in a borderless 2-column table, the plan is
an annex after the decision, and the task list is a real Word table with merged group rows and sub-rows
whose first cell is empty, on a landscape page.
"""

import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.shared import Cm, Pt

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests/, for the shared helpers
from docx_helpers import cell_text, header_table, no_borders, para

OUT = Path(__file__).with_name("taylinh-qd-sgddt-2028-kiemtra-587.docx")


def build():
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    first = doc.sections[0]
    first.page_width, first.page_height = Cm(21), Cm(29.7)
    first.left_margin, first.right_margin = Cm(3), Cm(2)

    # ---------------- the decision ----------------
    header_table(
        doc,
        ("UBND TỈNH TÂY LĨNH\nSỞ GIÁO DỤC VÀ ĐÀO TẠO", "Số: 587/QĐ-SGDĐT"),
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc", "Tây Lĩnh, ngày 20 tháng 02 năm 2028"),
    )
    para(doc, "")
    para(doc, "QUYẾT ĐỊNH", bold=True, center=True)
    para(
        doc,
        "Ban hành Kế hoạch kiểm tra công tác cải cách hành chính và chuyển đổi số\n"
        "đối với các đơn vị trực thuộc Sở năm 2028",
        bold=True,
        center=True,
    )
    para(doc, "GIÁM ĐỐC SỞ GIÁO DỤC VÀ ĐÀO TẠO", bold=True, center=True)
    for line in (
        "Căn cứ Quyết định số 36/2025/QĐ-UBND ngày 14/7/2025 của Ủy ban nhân dân tỉnh Tây Lĩnh quy định chức năng, "
        "nhiệm vụ, quyền hạn và cơ cấu tổ chức của Sở Giáo dục và Đào tạo;",
        "Căn cứ Quyết định số 2688/QĐ-UBND ngày 15/12/2027 của Ủy ban nhân dân tỉnh ban hành Kế hoạch kiểm tra công tác "
        "cải cách hành chính năm 2028;",
        "Căn cứ Kế hoạch số 1977/KH-SGDĐT ngày 26/12/2027 của Sở Giáo dục và Đào tạo về cải cách hành chính năm 2028;",
        "Theo đề nghị của Chánh Thanh tra Sở.",
    ):
        para(doc, line, italic=True)
    para(doc, "QUYẾT ĐỊNH:", bold=True, center=True)
    para(
        doc,
        "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch kiểm tra công tác cải cách hành chính và chuyển đổi số "
        "đối với các đơn vị trực thuộc Sở Giáo dục và Đào tạo năm 2028.",
    )
    para(
        doc,
        "Điều 2. Quyết định này có hiệu lực kể từ ngày ký. Bãi bỏ nội dung kiểm tra cải cách hành chính tại mục III "
        "Kế hoạch số 1977/KH-SGDĐT ngày 26/12/2027 của Sở Giáo dục và Đào tạo.",
    )
    para(
        doc,
        "Điều 3. Chánh Văn phòng, Chánh Thanh tra Sở, Trưởng các phòng thuộc Sở, Thủ trưởng các đơn vị trực thuộc "
        "và các thành viên Đoàn kiểm tra chịu trách nhiệm thi hành Quyết định này./.",
    )

    sig = doc.add_table(rows=1, cols=2)
    no_borders(sig)
    cell_text(
        sig.cell(0, 0),
        "Nơi nhận:\n- Như Điều 3;\n- UBND tỉnh (để b/c);\n- Sở Nội vụ;\n- Giám đốc, các PGĐ Sở;\n"
        "- Cổng TTĐT Sở;\n- Lưu: VT, TTr.",
        size=11,
    )
    cell_text(sig.cell(0, 1), "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n\n\n\nKhổng Minh Tuấn", bold=True, center=True)

    # ---------------- the annex: the plan ----------------
    doc.add_page_break()
    header_table(
        doc,
        ("UBND TỈNH TÂY LĨNH\nSỞ GIÁO DỤC VÀ ĐÀO TẠO", ""),
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc", ""),
    )
    para(doc, "")
    para(doc, "KẾ HOẠCH", bold=True, center=True)
    para(
        doc,
        "Kiểm tra công tác cải cách hành chính và chuyển đổi số đối với các đơn vị trực thuộc năm 2028",
        bold=True,
        center=True,
    )
    para(
        doc,
        "(Ban hành kèm theo Quyết định số 587/QĐ-SGDĐT ngày 20 tháng 02 năm 2028 của Giám đốc Sở Giáo dục "
        "và Đào tạo tỉnh Tây Lĩnh)",
        italic=True,
        center=True,
    )

    body = [
        ("I. MỤC ĐÍCH, YÊU CẦU", True),
        (
            "1. Đánh giá đúng thực chất việc thực hiện nhiệm vụ cải cách hành chính (CCHC) và chuyển đổi số tại các đơn vị "
            "trực thuộc; phát hiện, chấn chỉnh kịp thời hạn chế, sai sót trong giải quyết thủ tục hành chính (TTHC).",
            False,
        ),
        (
            "2. Kiểm tra đúng nội dung, đúng thời gian, không gây phiền hà, không làm ảnh hưởng đến hoạt động dạy học của "
            "đơn vị.",
            False,
        ),
        (
            "3. Kết quả kiểm tra là căn cứ đánh giá, xếp loại thi đua của đơn vị và người đứng đầu đơn vị năm 2028.",
            False,
        ),
        ("II. CHỈ TIÊU", True),
        (
            "1. Kiểm tra trực tiếp không dưới 30% số đơn vị trực thuộc: năm 2028 kiểm tra 14/41 đơn vị (năm 2027 đã kiểm "
            "tra 11 đơn vị).",
            False,
        ),
        ("2. 100% đơn vị trực thuộc tự kiểm tra, tự chấm điểm và gửi báo cáo tự kiểm tra đúng hạn.", False),
        (
            "3. Phấn đấu ít nhất 70% số đơn vị được kiểm tra xếp loại Tốt (năm 2027: 6/11 đơn vị, đạt 54,5%); không có "
            "đơn vị xếp loại Chưa đạt.",
            False,
        ),
        ("4. 100% kiến nghị sau kiểm tra được đơn vị khắc phục và báo cáo đúng thời hạn.", False),
        ("5. Kiểm tra đột xuất ít nhất 02 đơn vị trong năm.", False),
        ("III. ĐỐI TƯỢNG, NỘI DUNG, HÌNH THỨC KIỂM TRA", True),
        (
            "1. Đối tượng: các đơn vị trực thuộc Sở, gồm 41 đơn vị: 29 trường THPT (kể cả Trường THPT Chuyên Tây Lĩnh), "
            "04 trường PTDTNT THPT và 08 trung tâm GDNN-GDTX. Các cơ sở giáo dục mầm non, tiểu học, trung học cơ sở do "
            "Ủy ban nhân dân cấp xã quản lý không thuộc đối tượng của Kế hoạch này.",
            False,
        ),
        ("2. Nội dung kiểm tra:", False),
        ("a) Công tác chỉ đạo, điều hành CCHC; việc ban hành và thực hiện kế hoạch CCHC năm 2028 của đơn vị;", False),
        (
            "b) Việc công khai TTHC và giải quyết hồ sơ tuyển sinh lớp 10, chuyển trường, cấp bản sao văn bằng, chứng chỉ;",
            False,
        ),
        ("c) Thu học phí và các khoản thu khác không dùng tiền mặt;", False),
        ("d) Học bạ số, sổ điểm điện tử, chữ ký số; cập nhật cơ sở dữ liệu ngành;", False),
        ("đ) Bảo đảm an toàn thông tin; công tác văn thư, lưu trữ hồ sơ điện tử.", False),
        (
            "3. Hình thức: kiểm tra trực tiếp tại đơn vị (01 ngày/đơn vị) kết hợp kiểm tra dữ liệu trên các hệ thống "
            "phần mềm của ngành.",
            False,
        ),
        (
            "4. Thang điểm: tối đa 100 điểm. Xếp loại Tốt: từ 85 điểm trở lên; Khá: từ 70 điểm đến dưới 85 điểm; Đạt: từ "
            "55 điểm đến dưới 70 điểm; Chưa đạt: dưới 55 điểm.",
            False,
        ),
        ("IV. THỜI GIAN VÀ ĐƠN VỊ ĐƯỢC KIỂM TRA", True),
        (
            "Kiểm tra trực tiếp 14 đơn vị, chia 03 đợt. Phòng chuyên môn cử công chức làm thư ký Đoàn kiểm tra luân phiên "
            "theo đợt như bảng sau:",
            False,
        ),
    ]
    for text, bold in body:
        para(doc, text, bold=bold)

    rounds = doc.add_table(rows=1, cols=4)
    rounds.style = "Table Grid"
    for i, h in enumerate(("Đợt", "Thời gian", "Đơn vị được kiểm tra", "Phòng cử thư ký Đoàn")):
        cell_text(rounds.rows[0].cells[i], h, bold=True, center=True)
    for row in (
        (
            "Đợt 1",
            "Từ ngày 14/4/2028 đến ngày 25/4/2028",
            "05 đơn vị: Trường THPT Chuyên Tây Lĩnh; Trường THPT Đèo Gió; Trường THPT Bản Xèo; "
            "Trường PTDTNT THPT Tây Lĩnh; Trung tâm GDNN-GDTX Lũng Vài",
            "Phòng GDTrH",
        ),
        (
            "Đợt 2",
            "Từ ngày 15/9/2028 đến ngày 26/9/2028",
            "05 đơn vị: Trường THPT Suối Lư; Trường THPT Khau Riềm; Trường THPT Mường Tiên; "
            "Trường PTDTNT THPT Mường Tiên; Trung tâm GDNN-GDTX Suối Lư",
            "Phòng GDNN-GDTX",
        ),
        (
            "Đợt 3",
            "Từ ngày 10/11/2028 đến ngày 21/11/2028",
            "04 đơn vị: Trường THPT Thác Trắng; Trường THPT Lũng Vài; Trường THPT Cổng Trời; "
            "Trung tâm GDNN-GDTX Thác Trắng",
            "Phòng KT-QLCL",
        ),
    ):
        cells = rounds.add_row().cells
        for i, v in enumerate(row):
            cell_text(cells[i], v)

    for text, bold in (
        (
            "Các đơn vị không có tên trong danh sách trên thực hiện tự kiểm tra và được kiểm tra trực tiếp trong năm 2029.",
            False,
        ),
        ("V. ĐOÀN KIỂM TRA", True),
        (
            "Đoàn kiểm tra gồm 09 thành viên: Trưởng đoàn là ông Ma Văn Quyết, Phó Giám đốc Sở; Phó Trưởng đoàn là bà "
            "Triệu Thị Hảo, Chánh Thanh tra Sở; 01 công chức Thanh tra Sở và 01 công chức của mỗi đơn vị: Văn phòng Sở, "
            "Phòng Tổ chức cán bộ (TCCB), Phòng Kế hoạch - Tài chính (KHTC), Phòng Giáo dục Trung học (GDTrH), Phòng Giáo "
            "dục nghề nghiệp - Giáo dục thường xuyên (GDNN-GDTX), Phòng Khảo thí và Quản lý chất lượng (KT-QLCL). Thư ký "
            "Đoàn là công chức của phòng được phân công theo từng đợt tại mục IV.",
            False,
        ),
        ("VI. KINH PHÍ", True),
        (
            "Kinh phí thực hiện Kế hoạch được bố trí từ dự toán chi thường xuyên năm 2028 của Sở Giáo dục và Đào tạo "
            "(nguồn kinh phí thanh tra, kiểm tra); Văn phòng Sở phối hợp Phòng KHTC cân đối, thanh toán theo quy định.",
            False,
        ),
        ("VII. TỔ CHỨC THỰC HIỆN", True),
        (
            "Các phòng thuộc Sở và đơn vị trực thuộc thực hiện theo Bảng phân công nhiệm vụ dưới đây. Thanh tra Sở là "
            "đầu mối theo dõi, đôn đốc, tổng hợp; đầu mối liên hệ: bà Tòng Thị Phương Lan, Phó Chánh Thanh tra Sở, điện "
            "thoại 0207.3826.553, email ttplan.ttr@taylinh.edu.vn.",
            False,
        ),
    ):
        para(doc, text, bold=bold)

    # landscape section for the task table
    sec = doc.add_section(WD_SECTION.NEW_PAGE)
    sec.orientation = WD_ORIENT.LANDSCAPE
    sec.page_width, sec.page_height = sec.page_height, sec.page_width
    para(doc, "BẢNG PHÂN CÔNG NHIỆM VỤ", bold=True, center=True)
    para(doc, "(Kèm theo Kế hoạch kiểm tra công tác CCHC và chuyển đổi số năm 2028)", italic=True, center=True)

    cols = ("TT", "Nội dung", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian hoàn thành", "Sản phẩm")
    t = doc.add_table(rows=1, cols=len(cols))
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    for i, h in enumerate(cols):
        cell_text(t.rows[0].cells[i], h, bold=True, center=True)

    rows = [
        ("group", "I", "CÔNG TÁC CHUẨN BỊ"),
        (
            "task",
            "1",
            "Cử công chức tham gia Đoàn kiểm tra",
            "Các phòng thuộc Sở",
            "Thanh tra Sở",
            "Trong 05 ngày làm việc kể từ ngày Quyết định có hiệu lực",
            "Văn bản cử thành viên",
        ),
        (
            "task",
            "2",
            "Xây dựng bộ tiêu chí, thang điểm và biểu mẫu tự kiểm tra",
            "Thanh tra Sở",
            "Văn phòng Sở; Phòng KT-QLCL",
            "Trước ngày 20/3/2028",
            "Bộ tiêu chí (100 điểm), biểu mẫu",
        ),
        (
            "task",
            "3",
            "Tập huấn tự kiểm tra, tự chấm điểm cho các đơn vị trực thuộc",
            "Thanh tra Sở",
            "Văn phòng Sở",
            "Trong tháng 3/2028",
            "01 hội nghị trực tuyến",
        ),
        (
            "task",
            "4",
            "Thông báo lịch kiểm tra đến đơn vị được kiểm tra",
            "Thanh tra Sở",
            "",
            "Trước ngày bắt đầu mỗi đợt ít nhất 07 ngày làm việc",
            "Thông báo",
        ),
        ("group", "II", "TỰ KIỂM TRA VÀ KIỂM TRA TẠI ĐƠN VỊ"),
        (
            "task",
            "5",
            "Tự kiểm tra, tự chấm điểm công tác CCHC và chuyển đổi số",
            "Thủ trưởng các đơn vị trực thuộc",
            "",
            "Trước ngày 30/5/2028",
            "Báo cáo tự kiểm tra và bảng tự chấm điểm, gửi Thanh tra Sở qua Hệ thống quản lý văn bản và điều hành",
        ),
        (
            "task",
            "6",
            "Gửi báo cáo và hồ sơ minh chứng cho Đoàn kiểm tra",
            "Đơn vị được kiểm tra",
            "",
            "Chậm nhất 03 ngày làm việc trước ngày kiểm tra tại đơn vị",
            "Báo cáo, hồ sơ minh chứng",
        ),
        ("task", "7", "Kiểm tra trực tiếp tại đơn vị", "Đoàn kiểm tra", "", "", "Biên bản kiểm tra từng đơn vị"),
        ("task", "", "- Đợt 1 (05 đơn vị)", "Đoàn kiểm tra", "Phòng GDTrH", "Từ 14/4/2028 đến 25/4/2028", ""),
        ("task", "", "- Đợt 2 (05 đơn vị)", "Đoàn kiểm tra", "Phòng GDNN-GDTX", "Từ 15/9/2028 đến 26/9/2028", ""),
        ("task", "", "- Đợt 3 (04 đơn vị)", "Đoàn kiểm tra", "Phòng KT-QLCL", "Từ 10/11/2028 đến 21/11/2028", ""),
        (
            "task",
            "8",
            "Kiểm tra đột xuất (ít nhất 02 đơn vị)",
            "Thanh tra Sở",
            "Văn phòng Sở",
            "Khi có phản ánh, kiến nghị hoặc theo chỉ đạo của Giám đốc Sở",
            "Biên bản kiểm tra",
        ),
        ("group", "III", "KẾT LUẬN, KHẮC PHỤC VÀ BÁO CÁO"),
        (
            "task",
            "9",
            "Thông báo kết luận kiểm tra",
            "Thanh tra Sở",
            "Các thành viên Đoàn",
            "Trong 10 ngày làm việc kể từ ngày kết thúc kiểm tra tại đơn vị",
            "Thông báo kết luận",
        ),
        (
            "task",
            "10",
            "Khắc phục tồn tại, báo cáo kết quả khắc phục",
            "Đơn vị được kiểm tra",
            "",
            "Trong 15 ngày làm việc kể từ ngày nhận thông báo kết luận",
            "Báo cáo khắc phục gửi Thanh tra Sở",
        ),
        (
            "task",
            "11",
            "Báo cáo kết quả kiểm tra sau mỗi đợt",
            "Thanh tra Sở",
            "",
            "Trong 05 ngày làm việc kể từ ngày kết thúc đợt",
            "Báo cáo gửi Giám đốc Sở",
        ),
        (
            "task",
            "12",
            "Báo cáo kết quả kiểm tra 6 tháng",
            "Thanh tra Sở",
            "Văn phòng Sở",
            "Trước ngày 10/6/2028",
            "Lồng ghép báo cáo CCHC 6 tháng gửi Sở Nội vụ",
        ),
        (
            "task",
            "13",
            "Báo cáo kết quả kiểm tra năm 2028",
            "Thanh tra Sở",
            "Văn phòng Sở",
            "Trước ngày 05/12/2028",
            "Báo cáo gửi UBND tỉnh qua Sở Nội vụ",
        ),
        (
            "task",
            "14",
            "Đưa kết quả kiểm tra vào đánh giá, xếp loại thi đua các đơn vị",
            "Phòng TCCB",
            "Thanh tra Sở",
            "Trong tháng 12/2028",
            "Kết quả xếp loại",
        ),
    ]
    for r in rows:
        cells = t.add_row().cells
        if r[0] == "group":
            cell_text(cells[0], r[1], bold=True, center=True)
            merged = cells[1].merge(cells[-1])
            cell_text(merged, r[2], bold=True)
        else:
            for i, v in enumerate(r[1:]):
                cell_text(cells[i], v, center=(i == 0))

    para(doc, "")
    para(
        doc,
        "Trong quá trình thực hiện, nếu có vướng mắc, các đơn vị phản ánh về Sở Giáo dục và Đào tạo (qua Thanh tra "
        "Sở) để được hướng dẫn./.",
    )
    return doc


if __name__ == "__main__":
    build().save(OUT)
    print(OUT)
