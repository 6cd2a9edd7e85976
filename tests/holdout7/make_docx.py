"""Rebuild conrang-thpt-2027-2028-cchc-38.docx (held-out plan 7B) with python-docx.

Run from anywhere:  python tests/holdout7/make_docx.py
The document imitates an upper-secondary school's Word template: the header (agency / motto, number /
place-date) is a borderless 2-column table; headings are upper-case Roman "I. … VIII." over "1." and "-" items; the task
list is a real Word table "TT | Nội dung công việc | Bộ phận, người thực hiện | Thời gian hoàn thành | Ghi chú"
with phase rows (A. … D.) merged across the row, responsible-unit cells merged down over two or three task
rows, cells holding two or three deadlines on separate lines, and a note column that carries a second date, a
recipient or a condition; a second bordered table gives the month rota for school news; "Nơi nhận:" and the
signature sit side by side in a borderless 2-column table.
"""

import sys
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.shared import Cm, Pt

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests/, for the shared helpers
from docx_helpers import cell_text, header_table, no_borders, para

OUT = Path(__file__).with_name("conrang-thpt-2027-2028-cchc-38.docx")


# (TT, Nội dung công việc, Bộ phận/người thực hiện, Thời gian hoàn thành, Ghi chú);
# a phase row is ("group", letter, title); a None in the unit column = merged into the cell above.
ROWS = [
    ("group", "A", "ĐẦU NĂM HỌC (THÁNG 9 - THÁNG 10/2027)"),
    (
        "1",
        "Rà soát, niêm yết 05 TTHC giải quyết tại trường (chuyển trường, tiếp nhận học sinh, xin học lại, cấp bản "
        "sao học bạ, cấp giấy xác nhận là học sinh của trường) tại bảng tin và trên trang thông tin điện tử",
        "Tổ Văn phòng (văn thư Tạ Thị Bích)",
        "Trước ngày 30/9/2027",
        "Ảnh chụp bảng niêm yết gửi kèm báo cáo quý IV/2027",
    ),
    (
        "2",
        "Lập sổ điện tử theo dõi tiếp nhận, trả kết quả hồ sơ TTHC năm học 2027-2028",
        None,
        "Trước ngày 20/9/2027",
        "Dùng phần mềm một cửa của Sở, không lập sổ giấy",
    ),
    (
        "3",
        "Cập nhật hồ sơ học sinh lên cơ sở dữ liệu ngành",
        None,
        "Khối 10: trước ngày 30/9/2027\nKhối 11, khối 12 (biến động): trước ngày 15/10/2027",
        "Giáo viên chủ nhiệm (GVCN) các lớp phối hợp kiểm tra thông tin",
    ),
    (
        "4",
        "Xây dựng, ban hành kế hoạch CCHC của từng tổ chuyên môn",
        "Tổ trưởng các tổ chuyên môn",
        "Dự thảo: trước ngày 25/9/2027\nBan hành: trước ngày 05/10/2027",
        "Gửi PHT Mạc Thị Hồng Nhung duyệt trước khi ban hành",
    ),
    (
        "5",
        "Công khai dự toán, các khoản thu năm học 2027-2028; mở tài khoản thanh toán cho học sinh khối 10",
        "PHT Lưu Đình Khang; kế toán Ninh Thị Hạnh",
        "Công khai: trước ngày 30/9/2027\nMở tài khoản: trước ngày 10/10/2027",
        "Công khai lại trong 05 ngày làm việc nếu có điều chỉnh khoản thu",
    ),
    (
        "6",
        "Lập danh sách, đề nghị cấp chữ ký số cho giáo viên chưa có chữ ký số",
        None,
        "Gửi danh sách: trước ngày 25/9/2027\nHoàn thành cấp: trước ngày 31/10/2027",
        "Danh sách gửi Phòng TCCB Sở",
    ),
    ("group", "B", "HỌC KỲ I"),
    (
        "7",
        "Triển khai kế hoạch CCHC, chuyển đổi số của trường đến toàn thể viên chức",
        "Hiệu trưởng",
        "Tuần đầu tiên của tháng 10/2027",
        "Lồng ghép trong Hội nghị viên chức",
    ),
    (
        "8",
        "Bồi dưỡng kỹ năng số cho giáo viên (ký số học bạ, sổ điểm điện tử, khai thác học liệu số), 02 buổi",
        "Tổ Tin học (Tổ trưởng Phùng Văn Lực)",
        "Buổi 1: tuần thứ hai của tháng 10/2027\nBuổi 2: tuần thứ hai của tháng 11/2027",
        "Mỗi giáo viên dự ít nhất 01 buổi",
    ),
    (
        "9",
        "Rà soát lỗi sổ điểm điện tử, hỗ trợ khóa sổ điểm học kỳ I",
        None,
        "Từ ngày 03/01/2028 đến ngày 12/01/2028",
        "Khóa sổ trước khi kết thúc học kỳ I",
    ),
    (
        "10",
        "Ký số học bạ học kỳ I đối với học sinh lớp 10, lớp 11",
        "GVCN lớp 10, lớp 11; Hiệu trưởng",
        "GVCN ký: trước ngày 20/01/2028\nHiệu trưởng ký: trước ngày 31/01/2028",
        "",
    ),
    (
        "11",
        "Báo cáo sơ kết học kỳ I công tác CCHC",
        "PHT Mạc Thị Hồng Nhung",
        "Các tổ nộp: trước ngày 17/01/2028\nTrường gửi Sở: trước ngày 25/01/2028",
        "Gửi Sở GDĐT qua Văn phòng Sở",
    ),
    ("group", "C", "HỌC KỲ II"),
    (
        "12",
        "Khảo sát sự hài lòng của cha mẹ học sinh (CMHS), ít nhất 300 phiếu (khối 10: 110 phiếu; khối 11: 100 "
        "phiếu; khối 12: 90 phiếu)",
        "Tổ Toán; GVCN các lớp",
        "Từ ngày 06/3/2028 đến ngày 17/3/2028",
        "Báo cáo kết quả cho Hiệu trưởng trước ngày 31/3/2028",
    ),
    (
        "13",
        "Tự kiểm tra công tác CCHC tại các tổ",
        "Ban kiểm tra nội bộ",
        "Trong tháng 4/2028",
        "Nếu Sở kiểm tra tại trường trong tháng 4/2028 thì không tự kiểm tra",
    ),
    (
        "14",
        "Hỗ trợ CMHS, học sinh đăng ký tuyển sinh lớp 10 năm học 2028-2029 trực tuyến",
        "Tổ Văn phòng; Tổ Tin học",
        "Từ tháng 5 đến tháng 6/2028",
        "Bàn hỗ trợ đặt tại phòng 104",
    ),
    (
        "15",
        "Ký số học bạ cả năm đối với học sinh lớp 10, lớp 11",
        "GVCN lớp 10, lớp 11; Hiệu trưởng",
        "Trước ngày 10/6/2028",
        "Học bạ lớp 12 in, ký bản giấy trước ngày 31/5/2028",
    ),
    (
        "16",
        "Báo cáo tổng kết năm học công tác CCHC",
        "PHT Mạc Thị Hồng Nhung",
        "Các tổ nộp: trước ngày 22/5/2028\nTrường gửi Sở: trước ngày 05/6/2028",
        "Gửi Sở GDĐT qua Văn phòng Sở; đồng gửi UBND xã Cồn Rạng",
    ),
    ("group", "D", "THƯỜNG XUYÊN, ĐỊNH KỲ"),
    (
        "17",
        "Tiếp nhận, giải quyết hồ sơ TTHC",
        "Tổ Văn phòng",
        "Chuyển trường: không quá 02 ngày làm việc kể từ ngày nhận đủ hồ sơ\nBản sao học bạ: trả ngay trong ngày "
        "nếu nhận trước 10 giờ 30",
        "Hồ sơ có nguy cơ trễ hạn: báo cáo Hiệu trưởng trong ngày",
    ),
    (
        "18",
        "Sao lưu dữ liệu hồ sơ điện tử, sổ điểm điện tử",
        "Tổ Tin học",
        "16 giờ 30 thứ Sáu hằng tuần",
        "Lưu 02 bản (máy chủ của trường và ổ cứng ngoài)",
    ),
    (
        "19",
        "Báo cáo tháng của tổ (tiến độ nhiệm vụ, tin bài, vướng mắc)",
        "Tổ trưởng các tổ",
        "Trước ngày 20 hằng tháng",
        "Gửi PHT Mạc Thị Hồng Nhung qua thư điện tử",
    ),
    (
        "20",
        "Báo cáo CCHC quý gửi Sở",
        "PHT Mạc Thị Hồng Nhung; văn thư",
        "Quý IV/2027, quý I/2028: trước ngày 15 của tháng cuối quý\nQuý II/2028: lồng vào báo cáo tổng kết năm "
        "học\nQuý III/2028: trước ngày 15/9/2028",
        "Gửi qua Hệ thống quản lý văn bản và điều hành",
    ),
    (
        "21",
        "Họp giao ban CCHC",
        "Hiệu trưởng",
        "Sáng thứ Hai tuần đầu tiên của tháng",
        "Thành phần: Ban giám hiệu, tổ trưởng, văn thư, kế toán",
    ),
    (
        "22",
        "Thu học phí, các khoản thu không dùng tiền mặt; đối soát với ngân hàng",
        "Kế toán Ninh Thị Hạnh",
        "Đối soát: trước ngày 05 hằng tháng\nBáo cáo tỷ lệ thu: cùng báo cáo quý",
        "Không thu tiền mặt tại lớp",
    ),
]

ROTA = [
    ("9/2027", "Tổ Ngữ văn", "Bài về lễ khai giảng năm học"),
    ("10/2027", "Tổ Toán", ""),
    ("11/2027", "Tổ Ngoại ngữ", ""),
    ("12/2027", "Tổ Vật lý - Công nghệ", ""),
    ("01/2028", "Tổ Hóa - Sinh", "Có bài sơ kết học kỳ I"),
    ("02/2028", "Tổ Sử - Địa - GDKT&PL", "Tháng có Tết Nguyên đán: tối thiểu 02 tin, bài"),
    ("3/2028", "Tổ Thể dục - GDQP-AN", ""),
    ("4/2028", "Tổ Tin học", ""),
    ("5/2028", "Tổ Ngữ văn", "Có bài tổng kết năm học"),
    ("6/2028 - 8/2028", "Tổ Văn phòng", "Chỉ đăng tin tuyển sinh lớp 10; không tính chỉ tiêu tin, bài"),
]

TTHC = [
    (
        "1",
        "Chuyển trường đối với học sinh trung học phổ thông",
        "02 ngày làm việc",
        "Tổ Văn phòng (phòng 101)",
        "Nộp trực tuyến hoặc trực tiếp",
    ),
    (
        "2",
        "Tiếp nhận học sinh Việt Nam về nước",
        "05 ngày làm việc",
        "Tổ Văn phòng (phòng 101)",
        "Kèm ý kiến của Sở GDĐT",
    ),
    ("3", "Xin học lại đối với học sinh đã nghỉ học", "03 ngày làm việc", "Tổ Văn phòng (phòng 101)", ""),
    (
        "4",
        "Cấp bản sao học bạ",
        "Trả ngay trong ngày nếu nhận trước 10 giờ 30\nNhận sau 10 giờ 30: trả trước 10 giờ ngày làm việc tiếp theo",
        "Tổ Văn phòng (phòng 101)",
        "Không thu lệ phí",
    ),
    ("5", "Cấp giấy xác nhận là học sinh của trường", "01 ngày làm việc", "Tổ Văn phòng (phòng 101)", ""),
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
        ("SỞ GD&ĐT HÒA LĨNH\nTRƯỜNG THPT CỒN RẠNG", "Số: 38/KH-THPTCR"),
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc", "Cồn Rạng, ngày 15 tháng 9 năm 2027"),
    )
    para(doc, "")
    para(doc, "KẾ HOẠCH", bold=True, center=True)
    para(doc, "Thực hiện cải cách hành chính, chuyển đổi số năm học 2027-2028", bold=True, center=True)
    for line in (
        "Căn cứ Kế hoạch số 187/KH-SGDĐT ngày 14/01/2027 của Sở Giáo dục và Đào tạo tỉnh Hòa Lĩnh về chuyển đổi "
        "số trong giải quyết thủ tục hành chính và thực hiện cơ chế một cửa, một cửa liên thông giai đoạn 2027-2030;",
        "Căn cứ Công văn số 1519/SGDĐT-VP ngày 18/8/2027 của Sở Giáo dục và Đào tạo tỉnh Hòa Lĩnh về hướng dẫn "
        "thực hiện nhiệm vụ cải cách hành chính năm học 2027-2028;",
        "Căn cứ Kế hoạch số 32/KH-THPTCR ngày 08/9/2027 của Trường THPT Cồn Rạng về kế hoạch giáo dục nhà trường "
        "năm học 2027-2028,",
        "Trường THPT Cồn Rạng xây dựng Kế hoạch thực hiện cải cách hành chính (CCHC), chuyển đổi số năm học "
        "2027-2028 như sau:",
    ):
        para(doc, line)

    body = [
        ("I. MỤC ĐÍCH, YÊU CẦU", True),
        (
            "1. Triển khai đồng bộ nhiệm vụ cải cách hành chính, chuyển đổi số năm học 2027-2028 theo hướng dẫn của Sở "
            "Giáo dục và Đào tạo (GDĐT); gắn trách nhiệm của từng tổ, cá nhân với kết quả thực hiện.",
            False,
        ),
        (
            "2. Mỗi nhiệm vụ có người, bộ phận thực hiện, thời gian hoàn thành cụ thể; kết quả thực hiện là căn cứ "
            "đánh giá, xếp loại viên chức và thi đua cuối năm học.",
            False,
        ),
        (
            "3. Lấy sự hài lòng của cha mẹ học sinh, học sinh làm thước đo chất lượng phục vụ của nhà trường.",
            False,
        ),
        ("", False),
        ("II. ĐẶC ĐIỂM TÌNH HÌNH", True),
        (
            "1. Quy mô: 33 lớp với 1.412 học sinh, gồm khối 10: 12 lớp, 518 học sinh; khối 11: 11 lớp, 468 học sinh; "
            "khối 12: 10 lớp, 426 học sinh.",
            False,
        ),
        (
            "2. Đội ngũ: 86 cán bộ, giáo viên, nhân viên, gồm 04 cán bộ quản lý (Hiệu trưởng và 03 Phó Hiệu trưởng), "
            "72 giáo viên và 10 nhân viên; tổ chức thành 08 tổ chuyên môn (Tổ Toán, Tổ Ngữ văn, Tổ Ngoại ngữ, Tổ Vật "
            "lý - Công nghệ, Tổ Hóa - Sinh, Tổ Sử - Địa - GDKT&PL, Tổ Tin học, Tổ Thể dục - GDQP-AN) và Tổ Văn phòng.",
            False,
        ),
        ("Số giáo viên từng tổ chuyên môn:", False),
        ("- Tổ Toán: 12 giáo viên (Tổ trưởng Đàm Thị Quyên);", False),
        ("- Tổ Ngữ văn: 11 giáo viên;", False),
        ("- Tổ Ngoại ngữ: 09 giáo viên;", False),
        ("- Tổ Vật lý - Công nghệ: 08 giáo viên;", False),
        ("- Tổ Hóa - Sinh: 09 giáo viên;", False),
        ("- Tổ Sử - Địa - GDKT&PL: 10 giáo viên;", False),
        ("- Tổ Tin học: 05 giáo viên (Tổ trưởng Phùng Văn Lực);", False),
        ("- Tổ Thể dục - GDQP-AN: 08 giáo viên.", False),
        (
            "Tổ Văn phòng có 10 nhân viên: văn thư (Tạ Thị Bích), kế toán (Ninh Thị Hạnh), thủ quỹ, thiết bị, thư "
            "viện, y tế học đường và 04 bảo vệ.",
            False,
        ),
        (
            "3. Thời gian năm học: học kỳ I từ ngày 05/9/2027 đến ngày 15/01/2028; học kỳ II từ ngày 17/01/2028 đến "
            "ngày 26/5/2028.",
            False,
        ),
        (
            "4. Kết quả năm học 2026-2027: tỷ lệ hồ sơ TTHC nộp trực tuyến toàn trình đạt 64%; tỷ lệ các khoản thu "
            "không dùng tiền mặt đạt 91,2%; tỷ lệ CMHS hài lòng đạt 86,5%; trang thông tin điện tử của trường đăng "
            "27 tin, bài về CCHC trong cả năm học; có 02 hồ sơ chuyển trường trễ hạn.",
            False,
        ),
        (
            "5. Thuận lợi: 100% phòng học có kết nối internet; trường đã dùng phần mềm một cửa của Sở từ năm học "
            "2026-2027.",
            False,
        ),
        (
            "6. Khó khăn: một bộ phận CMHS ở vùng bãi ngang chưa có tài khoản định danh điện tử; 09 giáo viên chưa có "
            "chữ ký số.",
            False,
        ),
        ("", False),
        ("III. MỤC TIÊU, CHỈ TIÊU", True),
        (
            "1. 100% thủ tục hành chính (TTHC) giải quyết tại trường được niêm yết công khai; 100% hồ sơ giải quyết "
            "đúng hạn, không để hồ sơ trễ hạn.",
            False,
        ),
        ("2. Tỷ lệ hồ sơ TTHC nộp trực tuyến toàn trình đạt từ 80% trở lên.", False),
        (
            "3. 100% học phí và từ 98% trở lên các khoản thu khác được thu không dùng tiền mặt.",
            False,
        ),
        (
            "4. 100% học sinh lớp 10, lớp 11 có học bạ số được ký số; học sinh lớp 12 tiếp tục dùng học bạ giấy.",
            False,
        ),
        ("5. 100% giáo viên (72/72) có chữ ký số trước ngày 31/10/2027.", False),
        (
            "6. Trang thông tin điện tử của trường đăng tối thiểu 04 tin, bài/tháng về CCHC, chuyển đổi số.",
            False,
        ),
        (
            "7. Tỷ lệ CMHS hài lòng đạt từ 90% trở lên; khảo sát ít nhất 300 phiếu.",
            False,
        ),
        ("IV. NHIỆM VỤ VÀ PHÂN CÔNG THỰC HIỆN", True),
    ]
    for text, bold in body:
        para(doc, text, bold=bold)

    cols = ("TT", "Nội dung công việc", "Bộ phận, người thực hiện", "Thời gian hoàn thành", "Ghi chú")
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
            above = None
            continue
        for i, v in enumerate(r):
            if i == 2 and v is None:
                continue
            cell_text(cells[i], v, center=(i == 0), size=11)
        if r[2] is None:
            text = above.text
            above = above.merge(cells[2])  # merge the unit cell down over this row
            cell_text(above, text, size=11)
        else:
            above = cells[2]

    para(doc, "")
    para(doc, "V. LỊCH TRỰC VIẾT TIN, BÀI TRÊN TRANG THÔNG TIN ĐIỆN TỬ", bold=True)
    para(
        doc,
        "Tổ trực tháng viết và gửi tin, bài cho Tổ Tin học chậm nhất ngày 25 của tháng trực; Tổ Tin học đăng tải "
        "trong 01 ngày làm việc kể từ khi nhận được. Các tổ không trực vẫn gửi tin, bài khi có hoạt động nổi bật.",
    )
    r2 = doc.add_table(rows=1, cols=3)
    r2.style = "Table Grid"
    for i, h in enumerate(("Tháng", "Tổ trực viết tin, bài", "Ghi chú")):
        cell_text(r2.rows[0].cells[i], h, bold=True, center=True, size=11)
    for month, unit, note in ROTA:
        cells = r2.add_row().cells
        cell_text(cells[0], month, center=True, size=11)
        cell_text(cells[1], unit, size=11)
        cell_text(cells[2], note, size=11)

    for text, bold in (
        ("", False),
        ("VI. CHẾ ĐỘ BÁO CÁO", True),
        (
            "1. Các tổ chuyên môn, Tổ Văn phòng báo cáo tháng trước ngày 20 hằng tháng, gửi PHT Mạc Thị Hồng Nhung qua "
            "thư điện tử.",
            False,
        ),
        (
            "2. Tổ Văn phòng báo cáo tình hình tiếp nhận, giải quyết hồ sơ TTHC của trường gửi Sở (qua Văn phòng Sở) "
            "trước ngày 18 hằng tháng.",
            False,
        ),
        (
            "3. Nhà trường gửi Sở GDĐT (qua Văn phòng Sở) báo cáo CCHC quý, báo cáo sơ kết học kỳ I (trước ngày "
            "25/01/2028) và báo cáo tổng kết năm học (trước ngày 05/6/2028) theo mục IV.",
            False,
        ),
        (
            "4. Báo cáo đột xuất: các tổ gửi trong 02 ngày làm việc kể từ khi nhận được yêu cầu của Hiệu trưởng.",
            False,
        ),
        ("", False),
        ("VII. KINH PHÍ", True),
        (
            "Kinh phí thực hiện Kế hoạch được bố trí từ nguồn chi thường xuyên của nhà trường năm 2027 và năm 2028; "
            "không thu thêm của CMHS.",
            False,
        ),
        ("", False),
        ("VIII. TỔ CHỨC THỰC HIỆN", True),
        ("1. Hiệu trưởng Quách Văn Hiển", False),
        ("- Chỉ đạo chung việc thực hiện Kế hoạch; chủ trì họp giao ban CCHC hằng tháng;", False),
        ("- Ký số học bạ, văn bản đi của trường; phê duyệt báo cáo gửi Sở.", False),
        (
            "2. PHT Mạc Thị Hồng Nhung (phụ trách chuyên môn, CCHC) là đầu mối theo dõi, tổng hợp, báo cáo; duyệt kế "
            "hoạch CCHC của các tổ; điện thoại 0978.530.264, thư điện tử thptconrang@hoalinh.edu.vn.",
            False,
        ),
        (
            "3. PHT Lưu Đình Khang (phụ trách cơ sở vật chất, tài chính) chỉ đạo thu không dùng tiền mặt, công khai "
            "tài chính, chữ ký số; Phó Hiệu trưởng phụ trách nề nếp, hoạt động ngoài giờ lên lớp phối hợp tổ chức "
            "khảo sát CMHS.",
            False,
        ),
        ("4. Các tổ trưởng chuyên môn", False),
        ("- Xây dựng kế hoạch CCHC của tổ; phân công giáo viên viết tin, bài theo lịch trực tại mục V;", False),
        ("- Báo cáo tháng đúng hạn; đôn đốc giáo viên trong tổ ký số học bạ, sổ điểm đúng thời hạn.", False),
        ("5. Tổ Văn phòng", False),
        ("- Văn thư Tạ Thị Bích tiếp nhận, trả kết quả hồ sơ TTHC; cập nhật sổ điện tử theo dõi hồ sơ;", False),
        ("- Kế toán Ninh Thị Hạnh thực hiện thu không dùng tiền mặt, đối soát, công khai tài chính;", False),
        ("- Không để hồ sơ trễ hạn; hồ sơ trễ hạn phải có văn bản xin lỗi người nộp hồ sơ.", False),
        ("6. Giáo viên chủ nhiệm", False),
        ("- Phối hợp cập nhật cơ sở dữ liệu học sinh, ký số học bạ, hướng dẫn CMHS nộp hồ sơ trực tuyến;", False),
        ("- Phát, thu phiếu khảo sát CMHS tại lớp; không hướng dẫn CMHS cách trả lời phiếu.", False),
        (
            "Trong quá trình thực hiện, nếu có vướng mắc, các tổ, cá nhân báo cáo PHT Mạc Thị Hồng Nhung để tổng "
            "hợp, trình Hiệu trưởng xem xét, điều chỉnh./.",
            False,
        ),
    ):
        para(doc, text, bold=bold)

    sig = doc.add_table(rows=1, cols=2)
    no_borders(sig)
    cell_text(
        sig.cell(0, 0),
        "Nơi nhận:\n- Sở GDĐT Hòa Lĩnh (qua Văn phòng Sở) (b/c);\n- UBND xã Cồn Rạng (p/h);\n- Ban giám hiệu;\n"
        "- Các tổ chuyên môn, Tổ Văn phòng;\n- Đăng trang thông tin điện tử;\n- Lưu: VT.",
        size=11,
    )
    cell_text(sig.cell(0, 1), "HIỆU TRƯỞNG\n\n\n\nQuách Văn Hiển", bold=True, center=True)

    para(doc, "")
    para(doc, "PHỤ LỤC", bold=True, center=True)
    para(doc, "DANH MỤC THỦ TỤC HÀNH CHÍNH GIẢI QUYẾT TẠI TRƯỜNG THPT CỒN RẠNG", bold=True, center=True)
    para(doc, "(Kèm theo Kế hoạch số 38/KH-THPTCR ngày 15/9/2027 của Trường THPT Cồn Rạng)", italic=True, center=True)
    ann = doc.add_table(rows=1, cols=5)
    ann.style = "Table Grid"
    for i, h in enumerate(("TT", "Tên thủ tục hành chính", "Thời hạn giải quyết", "Nơi tiếp nhận", "Ghi chú")):
        cell_text(ann.rows[0].cells[i], h, bold=True, center=True, size=11)
    for row in TTHC:
        cells = ann.add_row().cells
        for i, v in enumerate(row):
            cell_text(cells[i], v, center=(i == 0), size=11)
    para(
        doc,
        "Ghi chú: Thời hạn tính theo ngày làm việc, kể từ ngày nhận đủ hồ sơ hợp lệ. Hồ sơ nộp trực tuyến được xử lý "
        "như hồ sơ nộp trực tiếp; không yêu cầu nộp thêm bản giấy.",
        italic=True,
    )
    return doc


if __name__ == "__main__":
    build().save(OUT)
    print(OUT)
