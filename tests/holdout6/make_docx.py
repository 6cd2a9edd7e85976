"""Rebuild bachlung-pgddt-2025-cchc-17.docx (held-out plan 6A) with python-docx.

Run from anywhere:  python tests/holdout6/make_docx.py
The document imitates a district office's Word template: the header (agency / motto, number / place-date) is
a borderless 2-column table; the headings have no Roman level (1. / 2. / 6.1. / a)); the task list sits in the
body as a real Word table "TT | Nội dung | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian hoàn thành | Sản phẩm"
with group rows merged across the row, a lead-unit cell merged down over three task rows, sub-rows whose TT
cell is empty, and cells holding several lines; "Nơi nhận:" and the signature sit side by side in a
borderless 2-column table.
"""

import sys
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.shared import Cm, Pt

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests/, for the shared helpers
from docx_helpers import cell_text, header_table, no_borders, para

OUT = Path(__file__).with_name("bachlung-pgddt-2025-cchc-17.docx")


# (TT, Nội dung, Chủ trì, Phối hợp, Thời gian hoàn thành, Sản phẩm); a group row is ("group", numeral, title).
# Chủ trì None = merged into the cell above.
ROWS = [
    ("group", "I", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH VÀ TUYÊN TRUYỀN"),
    (
        "1",
        "Ban hành Kế hoạch tuyên truyền CCHC năm 2025",
        "Bộ phận Văn phòng (VP)",
        "Bộ phận TCCB",
        "Trước ngày 31/01/2025",
        "Kế hoạch tuyên truyền",
    ),
    (
        "2",
        "Tổ chức Hội nghị triển khai nhiệm vụ CCHC, chuyển đổi số năm 2025 cho hiệu trưởng 46 trường",
        None,
        "Các bộ phận chuyên môn",
        "Tuần đầu tiên của tháng 02/2025",
        "01 hội nghị",
    ),
    (
        "3",
        "Xây dựng kế hoạch tự đánh giá, chấm điểm CCHC năm 2025 của Phòng",
        None,
        "Bộ phận TCCB",
        "Trong tháng 3/2025",
        "Kế hoạch; bảng phân công chấm điểm",
    ),
    (
        "4",
        "Ban hành kế hoạch CCHC năm 2025 của trường; cử 01 viên chức làm đầu mối CCHC",
        "Hiệu trưởng các trường",
        "Bộ phận VP",
        "Kế hoạch: chậm nhất 10 ngày làm việc kể từ ngày ban hành Kế hoạch này\nDanh sách đầu mối: trước ngày 20/01/2025",
        "Kế hoạch CCHC của trường, gửi 01 bản về Phòng (qua Bộ phận VP)",
    ),
    ("group", "II", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH"),
    (
        "5",
        "Rà soát, cập nhật danh mục 12 TTHC lĩnh vực giáo dục cấp huyện niêm yết tại Bộ phận Một cửa huyện và "
        "trên trang thông tin điện tử của Phòng",
        "Bộ phận VP",
        "Bộ phận GDTrH",
        "Chậm nhất sau 05 ngày làm việc kể từ khi có Quyết định công bố TTHC của Chủ tịch UBND tỉnh",
        "Danh mục TTHC được cập nhật, niêm yết",
    ),
    (
        "6",
        "Giải quyết hồ sơ chuyển trường đối với học sinh THCS",
        "Bộ phận GDTrH",
        "Bộ phận VP",
        "Không quá 03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ",
        "Văn bản đồng ý chuyển trường",
    ),
    (
        "7",
        "Rà soát, đề xuất phương án đơn giản hóa ít nhất 02 TTHC",
        "Bộ phận TCCB",
        "Bộ phận GDTH; Bộ phận GDTrH",
        "Trước ngày 15/5/2025",
        "Báo cáo đề xuất gửi UBND huyện (qua Phòng Tư pháp)",
    ),
    ("group", "III", "CHUYỂN ĐỔI SỐ, DỊCH VỤ CÔNG TRỰC TUYẾN (DVCTT)"),
    (
        "8",
        "Hướng dẫn cha mẹ học sinh nộp hồ sơ tuyển sinh lớp 1, lớp 6 trực tuyến",
        "Bộ phận GDTH (lớp 1); Bộ phận GDTrH (lớp 6)",
        "Hiệu trưởng các trường TH, THCS",
        "Từ tháng 6 đến tháng 7/2025",
        "Tỷ lệ hồ sơ tuyển sinh trực tuyến đạt từ 65% trở lên",
    ),
    (
        "9",
        "Triển khai học bạ số đối với học sinh lớp 1, lớp 2, lớp 3",
        "Bộ phận GDTH",
        "16 trường tiểu học",
        "Ký số học bạ năm học 2024-2025 trước ngày 10/6/2025",
        "Học bạ số được ký số",
    ),
    (
        "10",
        "Đề nghị cấp chữ ký số cho 112 cán bộ quản lý các trường",
        "Bộ phận TCCB",
        "Hiệu trưởng các trường",
        "Gửi danh sách trước ngày 28/02/2025\nHoàn thành cấp trước ngày 30/6/2025",
        "Chứng thư số",
    ),
    (
        "11",
        "Thu học phí và các khoản thu khác không dùng tiền mặt",
        "Bộ phận Kế hoạch - Tài chính (KHTC)",
        "Hiệu trưởng các trường",
        "Thường xuyên; báo cáo định kỳ hằng quý, trước ngày 10 của tháng cuối quý",
        "Báo cáo tổng hợp gửi Trưởng phòng",
    ),
    ("group", "IV", "KIỂM TRA, KHẢO SÁT VÀ BÁO CÁO"),
    (
        "12",
        "Kiểm tra công tác CCHC tại 12 trường, chia 03 đợt",
        "",
        "",
        "",
        "Biên bản kiểm tra từng trường; thông báo kết quả sau mỗi đợt",
    ),
    (
        "",
        "- Đợt 1: 04 trường mầm non (MN Thị trấn Bạch Lũng, MN Khuổi Hao, MN Lũng Phìn, MN Cốc Pài)",
        "Bộ phận GDMN",
        "Bộ phận VP",
        "Trong tháng 5/2025",
        "",
    ),
    (
        "",
        "- Đợt 2: 04 trường tiểu học (TH Thị trấn Bạch Lũng, TH Nà Ngần, TH Tà Sình, TH Thôm Mòn)",
        "Bộ phận GDTH",
        "Bộ phận VP",
        "Trong tháng 9/2025",
        "",
    ),
    (
        "",
        "- Đợt 3: 04 trường THCS (THCS Thị trấn Bạch Lũng, THCS Lũng Phìn, PTDTBT THCS Cốc Pài, PTDTBT THCS Tà Sình)",
        "Bộ phận GDTrH",
        "Bộ phận KHTC",
        "Từ ngày 03/11/2025 đến ngày 14/11/2025",
        "",
    ),
    (
        "13",
        "Khảo sát mức độ hài lòng của cha mẹ học sinh (SIPAS), ít nhất 1.200 phiếu",
        "Bộ phận GDMN",
        "Hiệu trưởng các trường",
        "Từ tháng 9 đến tháng 10/2025",
        "Báo cáo kết quả khảo sát trước ngày 15/11/2025",
    ),
    (
        "14",
        "Báo cáo CCHC của các trường",
        "Hiệu trưởng các trường",
        "",
        "Báo cáo quý: chậm nhất ngày 10 của tháng cuối quý\nBáo cáo năm: trước ngày 25/11/2025",
        "Báo cáo gửi Phòng GDĐT (qua Bộ phận VP) trên Hệ thống quản lý văn bản và điều hành",
    ),
    (
        "15",
        "Báo cáo CCHC của Phòng",
        "Bộ phận VP",
        "Các bộ phận",
        "Quý I, quý III: trước ngày 15 của tháng cuối quý\n6 tháng: trước ngày 12/6/2025\nNăm: trước ngày 05/12/2025",
        "Báo cáo gửi UBND huyện (qua Phòng Nội vụ) và Sở GDĐT (qua Văn phòng Sở)",
    ),
    (
        "16",
        "Tự đánh giá, chấm điểm CCHC năm 2025 của Phòng",
        "Bộ phận TCCB",
        "Bộ phận VP",
        "Trước ngày 20/11/2025",
        "Hồ sơ tự chấm điểm gửi Phòng Nội vụ",
    ),
]


def build():
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Cm(21), Cm(29.7)
    sec.left_margin, sec.right_margin = Cm(2.5), Cm(1.5)

    header_table(
        doc,
        ("UBND HUYỆN BẠCH LŨNG\nPHÒNG GIÁO DỤC VÀ ĐÀO TẠO", "Số: 17/KH-PGDĐT"),
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc", "Bạch Lũng, ngày 08 tháng 01 năm 2025"),
    )
    para(doc, "")
    para(doc, "KẾ HOẠCH", bold=True, center=True)
    para(doc, "Thực hiện công tác cải cách hành chính năm 2025", bold=True, center=True)
    for line in (
        "Căn cứ Kế hoạch số 3412/KH-UBND ngày 20/12/2024 của Ủy ban nhân dân tỉnh Lam Điền về cải cách hành chính "
        "năm 2025;",
        "Căn cứ Kế hoạch số 218/KH-UBND ngày 27/12/2024 của Ủy ban nhân dân huyện Bạch Lũng về cải cách hành chính "
        "năm 2025;",
        "Thực hiện Công văn số 2376/SGDĐT-VP ngày 30/12/2024 của Sở Giáo dục và Đào tạo tỉnh Lam Điền hướng dẫn "
        "nhiệm vụ cải cách hành chính năm 2025 đối với ngành Giáo dục,",
        "Phòng Giáo dục và Đào tạo (GDĐT) huyện Bạch Lũng ban hành Kế hoạch thực hiện công tác cải cách hành chính "
        "(CCHC) năm 2025 như sau:",
    ):
        para(doc, line)

    body = [
        ("1. Mục đích, yêu cầu", True),
        (
            "a) Triển khai đồng bộ nhiệm vụ CCHC, chuyển đổi số tại Phòng GDĐT và các trường trực thuộc; gắn trách nhiệm "
            "của người đứng đầu với kết quả CCHC của đơn vị.",
            False,
        ),
        (
            "b) Phân công rõ đơn vị chủ trì, thời gian hoàn thành và sản phẩm của từng nhiệm vụ; lấy sự hài lòng của cha "
            "mẹ học sinh làm thước đo.",
            False,
        ),
        (
            "Phạm vi: Phòng GDĐT (11 công chức: Trưởng phòng, 02 Phó Trưởng phòng và 08 chuyên viên) và 46 trường công "
            "lập trực thuộc, gồm 15 trường mầm non, 16 trường tiểu học, 12 trường THCS và 03 trường PTDTBT THCS, với "
            "1.284 cán bộ, giáo viên, nhân viên và 13.917 học sinh.",
            False,
        ),
        ("2. Chỉ tiêu năm 2025", True),
        (
            "a) 100% thủ tục hành chính (TTHC) lĩnh vực giáo dục cấp huyện (12 TTHC) được công khai đầy đủ, đúng quy "
            "định.",
            False,
        ),
        ("b) Tỷ lệ hồ sơ TTHC giải quyết đúng hạn đạt từ 98% trở lên (năm 2024 đạt 96,2%).", False),
        (
            "c) Tỷ lệ hồ sơ TTHC lĩnh vực giáo dục được tiếp nhận qua dịch vụ công trực tuyến đạt ít nhất 65% (năm "
            "2024: 48,7%).",
            False,
        ),
        (
            "d) 100% trường tiểu học, THCS và ít nhất 80% trường mầm non thu học phí và các khoản thu khác không dùng "
            "tiền mặt (năm 2024: 9/15 trường mầm non).",
            False,
        ),
        (
            "đ) Chỉ số hài lòng của cha mẹ học sinh đối với dịch vụ giáo dục công (SIPAS) không thấp hơn 85% (năm "
            "2024: 81,4%).",
            False,
        ),
        ("e) Điểm tự đánh giá CCHC của Phòng đạt từ 88/100 điểm trở lên (năm 2024: 84,25 điểm).", False),
        (
            "g) Mỗi trường đăng tối thiểu 02 tin, bài/tháng về CCHC, chuyển đổi số trên trang thông tin điện tử của "
            "trường.",
            False,
        ),
        ("h) Kiểm tra trực tiếp công tác CCHC tại ít nhất 12 trường (năm 2024: 09 trường).", False),
        (
            "i) 100% cán bộ quản lý các trường (112 hiệu trưởng, phó hiệu trưởng) được cấp chữ ký số trước ngày "
            "30/6/2025.",
            False,
        ),
        ("3. Nhiệm vụ và phân công thực hiện", True),
        ("Các nhiệm vụ cụ thể, đơn vị chủ trì, phối hợp, thời gian hoàn thành và sản phẩm như sau:", False),
    ]
    for text, bold in body:
        para(doc, text, bold=bold)

    cols = ("TT", "Nội dung", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian hoàn thành", "Sản phẩm")
    t = doc.add_table(rows=1, cols=len(cols))
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    for i, h in enumerate(cols):
        cell_text(t.rows[0].cells[i], h, bold=True, center=True, size=11)
    above = None
    for r in ROWS:
        cells = t.add_row().cells
        if r[0] == "group":
            cell_text(cells[0], r[1], bold=True, center=True, size=11)
            merged = cells[1].merge(cells[-1])
            cell_text(merged, r[2], bold=True, size=11)
            continue
        for i, v in enumerate(r):
            if i == 2 and v is None:
                continue
            cell_text(cells[i], v, center=(i == 0), size=11)
        if r[2] is None:
            text = above.text
            above = above.merge(cells[2])  # merge the lead-unit cell down over this row
            cell_text(above, text, size=11)
        else:
            above = cells[2]

    for text, bold in (
        ("", False),
        ("4. Chế độ báo cáo", True),
        (
            "a) Các trường gửi báo cáo CCHC quý chậm nhất ngày 10 của tháng cuối quý và báo cáo năm trước ngày "
            "25/11/2025 về Phòng GDĐT (qua Bộ phận VP) trên Hệ thống quản lý văn bản và điều hành; không gửi bản giấy.",
            False,
        ),
        (
            "b) Bộ phận VP tổng hợp báo cáo quý I, quý III (trước ngày 15 của tháng cuối quý), báo cáo 6 tháng (trước "
            "ngày 12/6/2025) và báo cáo năm (trước ngày 05/12/2025) gửi UBND huyện (qua Phòng Nội vụ) và Sở GDĐT tỉnh "
            "Lam Điền (qua Văn phòng Sở).",
            False,
        ),
        (
            "c) Báo cáo đột xuất thực hiện theo yêu cầu của UBND huyện, Sở GDĐT; các trường gửi chậm nhất sau 02 ngày "
            "làm việc kể từ khi nhận được văn bản yêu cầu của Phòng.",
            False,
        ),
        ("5. Kinh phí", True),
        (
            "Tổng kinh phí thực hiện Kế hoạch là 64.500.000 đồng (Sáu mươi bốn triệu năm trăm nghìn đồng), từ dự toán "
            "ngân sách năm 2025 giao Phòng GDĐT, gồm: Hội nghị triển khai 12.000.000 đồng; khảo sát SIPAS (1.200 phiếu "
            "x 15.000 đồng) 18.000.000 đồng; kiểm tra CCHC tại trường 14.500.000 đồng; thông tin, tuyên truyền "
            "20.000.000 đồng. Bộ phận KHTC chủ trì thanh toán, quyết toán theo quy định.",
            False,
        ),
        ("6. Tổ chức thực hiện", True),
        ("6.1. Bộ phận Văn phòng", True),
        (
            "Là đầu mối tham mưu, theo dõi, đôn đốc thực hiện Kế hoạch; tổng hợp báo cáo; quản trị trang thông tin điện "
            "tử của Phòng; đăng tin, bài về CCHC tối thiểu 04 tin, bài/tháng.",
            False,
        ),
        ("6.2. Bộ phận TCCB, Bộ phận KHTC và các bộ phận chuyên môn (GDMN, GDTH, GDTrH)", True),
        (
            "Thực hiện các nhiệm vụ được giao tại mục 3; gửi kết quả thực hiện nhiệm vụ về Bộ phận VP trước ngày 05 của "
            "tháng cuối quý để tổng hợp.",
            False,
        ),
        ("6.3. Hiệu trưởng các trường", True),
        (
            "Xây dựng và tổ chức thực hiện kế hoạch CCHC của trường; chịu trách nhiệm trước Trưởng phòng về kết quả "
            "CCHC của trường; phối hợp phát phiếu khảo sát SIPAS (trường mầm non ít nhất 20 phiếu, trường tiểu học và "
            "THCS ít nhất 30 phiếu).",
            False,
        ),
        (
            "Phó Trưởng phòng Dương Văn Khởi phụ trách, chỉ đạo công tác CCHC của Phòng. Đầu mối liên hệ: ông Triệu Văn "
            "Thạch, chuyên viên Bộ phận VP, điện thoại 0915.264.873, thư điện tử tvthach.pgd@bachlung.edu.vn.",
            False,
        ),
        (
            "Trên đây là Kế hoạch thực hiện công tác CCHC năm 2025 của Phòng GDĐT huyện Bạch Lũng. Trong quá trình "
            "thực hiện, nếu có vướng mắc, các đơn vị phản ánh về Phòng GDĐT (qua Bộ phận VP) để được hướng dẫn./.",
            False,
        ),
    ):
        para(doc, text, bold=bold)

    sig = doc.add_table(rows=1, cols=2)
    no_borders(sig)
    cell_text(
        sig.cell(0, 0),
        "Nơi nhận:\n- UBND huyện (b/c);\n- Sở GDĐT tỉnh Lam Điền (b/c);\n- Phòng Nội vụ huyện;\n"
        "- Các trường MN, TH, THCS, PTDTBT THCS;\n- Lưu: VT, VP.",
        size=11,
    )
    cell_text(sig.cell(0, 1), "TRƯỞNG PHÒNG\n\n\n\nLương Thị Xuân Hoa", bold=True, center=True)
    return doc


if __name__ == "__main__":
    build().save(OUT)
    print(OUT)
