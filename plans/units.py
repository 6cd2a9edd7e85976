"""Unit names (đơn vị): splitting a cell into units, expanding abbreviations, one key per unit.

"Phòng TCCB", "phòng Tổ chức cán bộ" and "TCCB" are one unit; "VP" is "Văn phòng"; "Phòng KH-TC" is
"Phòng Kế hoạch - Tài chính". A rotation cell "Phòng TCCB (quý I), VP (quý II)…" names a unit per period.
"""

from __future__ import annotations

import re

from .model import Unit
from .text import fold, normalize
from .timeexpr import ROMAN

# Abbreviated unit names as the plans write them, with the full name they stand for.
UNIT_ABBREVIATIONS: dict[str, str] = {
    "VP": "Văn phòng",
    "TCCB": "Tổ chức cán bộ",
    "KH-TC": "Kế hoạch - Tài chính",
    "KHTC": "Kế hoạch - Tài chính",
    "TC-KH": "Tài chính - Kế hoạch",
    "TCKH": "Tài chính - Kế hoạch",
    "CNTT": "Công nghệ thông tin",
    "GDĐT": "Giáo dục và Đào tạo",
    "GD&ĐT": "Giáo dục và Đào tạo",
    "GD-ĐT": "Giáo dục và Đào tạo",
    "UBND": "Ủy ban nhân dân",
    "HĐND": "Hội đồng nhân dân",
    "TTHC": "thủ tục hành chính",
    "CM": "chuyên môn",
    "NV": "nghiệp vụ",
    "TNHS": "tiếp nhận hồ sơ",
    "TKQ": "trả kết quả",
    "GDTrH": "Giáo dục trung học",
    "GDMN": "Giáo dục mầm non",
    "GDTH": "Giáo dục tiểu học",
    "QLCL": "Quản lý chất lượng",
    "KT-KĐCL": "Khảo thí và Kiểm định chất lượng",
    "CTTT": "Chính trị tư tưởng",
    "NV-TC": "Nội vụ - Tài chính",
    "TTr": "Thanh tra",
    "KT-QLCL": "Khảo thí và Quản lý chất lượng",
    "KTQLCL": "Khảo thí và Quản lý chất lượng",
    "GDTX": "Giáo dục thường xuyên",
    "GDTX-CN": "Giáo dục thường xuyên - Chuyên nghiệp",
    "GDMN-GDTH": "Giáo dục mầm non - Giáo dục tiểu học",
    "GDCN-GDTX": "Giáo dục chuyên nghiệp - Giáo dục thường xuyên",
    "GDNN-GDTX": "Giáo dục nghề nghiệp - Giáo dục thường xuyên",
}
# The short form a full unit name is usually cited by, for display: "Văn phòng (VP)".
_SHORT_OF_FULL = {
    "van phong": "VP",
    "to chuc can bo": "TCCB",
    "ke hoach - tai chinh": "KH-TC",
    "tai chinh - ke hoach": "TC-KH",
    "cong nghe thong tin": "CNTT",
}
# Words that begin a unit's name; a comma followed by one of them separates two units.
UNIT_HEADS = (
    "Phòng",
    "phòng",
    "Tổ",
    "tổ",
    "Văn phòng",
    "Ban",
    "Bộ phận",
    "Trung tâm",
    "Sở",
    "Thanh tra",
    "Trường",
    "Các",
    "các",
    "UBND",
    "Ủy ban",
    "Uỷ ban",
    "Hội đồng",
    "Đơn vị",
    "đơn vị",
    "Chi cục",
    "Công an",
    "Hiệu trưởng",
    "Thủ trưởng",
    "Thư ký",
    "Lãnh đạo",
    "Kế toán",
    "Cán bộ",
    "Giáo viên",
)
_TRAILING_VERBS = re.compile(
    r"\s+(?:tổng hợp(?: báo cáo)?|chủ trì(?: thực hiện)?|thực hiện|phụ trách|tham mưu|báo cáo)\.?$"
)
_ABBR_TOKEN = re.compile(r"^[A-ZĐ][A-ZĐ&\-]{1,9}$")
_ROTATION = re.compile(r"^(?P<unit>[^()]+?)\s*\(\s*(?:quý|quy)\s*(?P<q>IV|III|II|I|[1-4])\s*\)\s*$", re.I)


# Heads that begin a unit's name, longest first, lower case with their marks ("Bản tin" is not "Ban").
_HEADS = (
    "văn phòng",
    "bộ phận",
    "trung tâm",
    "thanh tra",
    "ủy ban nhân dân",
    "uỷ ban nhân dân",
    "hội đồng",
    "chi cục",
    "công an",
    "công đoàn",
    "đoàn thanh niên",
    "chi đoàn",
    "chi bộ",
    "kế toán",
    "văn thư",
    "thủ quỹ",
    "thư viện",
    "y tế",
    "giáo viên",
    "giáo vụ",
    "cán bộ",
    "đơn vị",
    "cơ quan",
    "cơ sở",
    "phòng",
    "tổ",
    "ban",
    "sở",
    "trường",
    "ubnd",
    "đoàn",
    "nhóm",
    "cụm trường",
    "cụm",
    "liên đội",
)
_DUTY_VERBS = frozenset({"chủ trì", "phối hợp", "thực hiện", "được phân", "được giao", "phụ trách", "trực tháng"})
_VERB_PAIRS = frozenset({"công khai", "công bố", "thông báo", "tạo điều", "số hóa", "số hoá"})
# Heads that are a name on their own: "Văn phòng tổng hợp…" is Văn phòng; "Tổ kiểm soát TTHC" needs its words.
_COMPLETE_HEADS = frozenset(
    {
        "van phong",
        "thanh tra",
        "ke toan",
        "van thu",
        "thu quy",
        "thu vien",
        "y te",
        "cong doan",
        "ubnd",
        "so",
        "uy ban nhan dan",
        "doan thanh nien",
        "giao vu",
        "cong an",
    }
)
# Words that begin like a unit but are verbs or things: "Tổ chức hội nghị", "Ban hành kế hoạch".
_NOT_NAMES = (
    "to chuc",
    "ban hanh",
    "phong chong",
    "phong, chong",
    "phong ngua",
    "truong hop",
    "co so du lieu",
    "co so vat chat",
    "so hoa",
    "so luong",
    "don vi tinh",
    "ban giao",
    "to cao",
    "so ket",
    "truong hoc",
)
# Roles before a unit name: the unit answers ("Chánh Văn phòng Sở" -> Văn phòng Sở).
_ROLES = re.compile(
    r"^(?:(?:Thủ trưởng|Trưởng|Phó trưởng|Lãnh đạo|Giám đốc|Hiệu trưởng|Tổ trưởng|Chánh|Chủ tịch|Bí thư|"
    r"Người đứng đầu)\s+(?=\S))",
    re.I,
)
# Words that begin what a unit does: a unit's name ends before them.
_VERBS = frozenset(
    """gửi nộp báo tổng thực chủ phối xây ban hoàn rà kiểm lập trình tham theo đôn triển cập bổ chịu là được phải
    cần sẽ đã đang trong tại về cho với để đến khi nếu mỗi hằng hàng trước sau chậm đăng cử thu tiếp giải đảm phụ
    sinh dạy viết xử đề tiến tự chỉ duy đánh nâng tăng giảm vận sử ứng tuyên phát biên soạn điều chuẩn hướng mở
    thống nhập lưu ký số khắc cung phân giao quyết nghiên lồng rút bảo phổ trả nhận làm tiếp quản dự
    đôn lựa chọn đón họp mời nắm trực kịp thẩm ra in đưa tập luôn nghiêm tích hỗ hoặc nhưng mà vì do ngay kết
    căn bố""".split()
)
_KEEP_AFTER_VERBS = {
    "trực thuộc",
    "thuộc và trực thuộc",
    "tổ chức cán bộ",
    "tiếp nhận và trả kết quả",
    "một cửa",
    "hđnd và ubnd",
    "hđnd & ubnd",
    "tự nhiên",  # "Tổ Khoa học tự nhiên": a subject, not "tự" doing something
    "tổ chức - hành chính",  # "Bộ phận Tổ chức - Hành chính"
    "tổ chức hành chính",
    "tổ chức-hành chính",
    "công lập",  # "các trường … công lập": public, not "lập" (draw up)
    "sử - địa",  # "Tổ Lịch sử - Địa lý": history, not "sử dụng"
    "sử-địa",
    "phổ thông",  # "Phòng Giáo dục phổ thông": general education, not "phổ biến" (disseminate)
    "quản lý chất lượng",  # "Phòng Khảo thí và quản lý chất lượng"
    "nhà trẻ",  # "Tổ Nhà trẻ" of a preschool
}
_VAGUE = re.compile(
    r"^(?:cac|toan the|moi)?\s*(?:bo phan|ca nhan|don vi|co quan|phong, ban|phong ban|ben|thanh vien|to chuc)"
    r"(?:,\s*(?:bo phan|ca nhan|don vi|co quan))?"
    r"\s*(?:co lien quan|lien quan|duoc phan cong|duoc giao(?: nhiem vu)?|phoi hop|khac|kiem tra|thuc hien)?$"
    r"|^(?:phong|to|bo phan)\s+duoc(?:\s+(?:phan cong|giao))?$"  # "phòng được phân công gửi bài…": whoever's turn
    r"|^(?:phong|to|ban|bo phan)$"  # a head alone ("Phòng chủ trì gửi bản thảo…"): the one whose turn it is
)
_QUALIFIER = re.compile(r"\s*\((?![^)]*\b(?:quý|quy|tháng|thang)\b)[^)]*\)")


def _fold_token(token: str) -> str:
    return fold(token).strip(".,;:()")


def _lower_token(token: str) -> str:
    return normalize(token).lower().strip(".,;:()")


def _is_head(tokens: list[str], i: int) -> int:
    """How many tokens a unit head takes at i (0 when none)."""
    for head in _HEADS:
        words = head.split()
        if [_lower_token(t) for t in tokens[i : i + len(words)]] == words:
            return len(words)
    return 0


# People who answer for a duty in a school's plan: "Phó Hiệu trưởng phụ trách chuyên môn", "Giáo viên chủ nhiệm".
_ROLE_HEADS = (
    "phó hiệu trưởng",
    "hiệu trưởng",
    "giáo viên chủ nhiệm",
    "tổng phụ trách đội",
    "tổ trưởng chuyên môn",
    "bí thư đoàn trường",
    "chủ tịch công đoàn",
)


def _role_head(tokens: list[str], i: int) -> int:
    for head in _ROLE_HEADS:
        words = head.split()
        if [_lower_token(t) for t in tokens[i : i + len(words)]] == words:
            nxt = tokens[i + len(words)].lower() if i + len(words) < len(tokens) else ""
            if nxt in ("các", "những"):
                return 0  # "Hiệu trưởng các trường": the schools answer
            return len(words)
    return 0


def _is_abbreviation(token: str) -> bool:
    bare = token.strip(".,;:()")
    return bare in UNIT_ABBREVIATIONS or bool(_ABBR_TOKEN.match(bare))


def unit_at(text: str) -> tuple[str, int] | None:
    """The unit named at the start of `text` and how many characters it takes, or None.

    A name is a head ("Phòng", "Tổ", "Văn phòng", "Các trường"…) or an abbreviation ("VP", "TCCB"), then its
    words up to the first word of what the unit does ("tổng hợp", "chủ trì", "gửi"…), a parenthesis, or a
    punctuation mark: "Văn phòng tổng hợp báo cáo…" names "Văn phòng"; "Tổ Tổng hợp" is one name.
    """
    text = normalize(text)
    role = _ROLES.match(text)
    if role and _role_head(text.split(" "), 0):
        role = None
    offset = role.end() if role else 0
    body = text[offset:]
    tokens = body.split(" ")
    if not tokens or not tokens[0]:
        return None
    i = 0
    removed = [0]  # tokens dropped from the name (a second head's role), still consumed from the text
    plural = _fold_token(tokens[0]) in ("cac", "nhung")
    if plural:
        i = 1
    head = _is_head(tokens, i) if i < len(tokens) else 0
    role_head = False
    if not head and not plural:
        head = _role_head(tokens, i)
        role_head = bool(head)
    start = " ".join(_fold_token(t) for t in tokens[i : i + 4])
    if head and start.startswith(_NOT_NAMES) and not start.startswith("to chuc can bo"):
        return None
    if not head and not (i < len(tokens) and _is_abbreviation(tokens[i])):
        if role and not plural:
            return (role.group(0).strip(), role.end())  # "Hiệu trưởng" alone
        return None
    complete = role_head or not head or fold(" ".join(_lower_token(t) for t in tokens[i : i + head])) in _COMPLETE_HEADS
    i += head or 1
    needs_name = not complete and not plural
    stop = tokens[i - 1].endswith((",", ";", ".", ":")) and not plural  # the head alone, then a list goes on
    while i < len(tokens) and not stop:
        token = tokens[i]
        bare = token.strip(",;:.")
        if not bare or bare.startswith("("):
            break
        lower = bare.lower()
        rest = " ".join(t.lower() for t in tokens[i : i + 4])
        kept = next((k for k in _KEEP_AFTER_VERBS if rest.startswith(k)), None)
        if kept:
            i += len(kept.split())
            needs_name = False
            if tokens[i - 1].endswith((",", ";", ".")):
                break
            continue
        if bare[0] in "\"“”'«»" or token.startswith(('"', "“", "«")):
            break
        if (
            lower == "tổ"
            and i + 1 < len(tokens)
            and tokens[i + 1].lower().startswith("chức")
            and not (" ".join(tokens[i : i + 4]).lower().startswith("tổ chức cán bộ"))
        ):
            break
        if lower == "phụ" and role_head and i + 1 < len(tokens) and tokens[i + 1].lower().startswith("trách"):
            i += 2  # "Phó Hiệu trưởng phụ trách chuyên môn"
            continue
        if bare[0].islower() and lower in _VERBS and not needs_name:
            break
        pair_after_head = " ".join(t.lower().strip(",;.") for t in tokens[i : i + 2])
        if needs_name and bare[0].islower() and pair_after_head in _DUTY_VERBS:
            break  # "Phòng chủ trì gửi…", "Tổ trực nộp…": the head alone, the one whose turn it is
        pair = " ".join(t.lower().strip(",;.") for t in tokens[i : i + 2])
        if bare[0].islower() and pair in _VERB_PAIRS and not needs_name:
            break
        needs_name = False
        if lower == "và" or lower == "va":
            nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
            after_role = _ROLES.match(" ".join(tokens[i + 1 :]))
            if plural and after_role:
                # "các trường THPT và Giám đốc các trung tâm GDNN-GDTX": one class, the second head's role dropped
                skip = len(after_role.group(0).split())
                if i + 1 + skip < len(tokens) and tokens[i + 1 + skip].lower() in ("các", "những"):
                    skip += 1
                del tokens[i + 1 : i + 1 + skip]
                removed[0] += skip
                i += 1
                continue
            if nxt.lower() in ("các", "những"):
                break
            if plural and _is_head(tokens, i + 1) and nxt[:1].islower():
                i += 1
                continue
            if _is_head(tokens, i + 1) or _is_abbreviation(nxt) or (not nxt[:1].isupper() and not plural):
                break
        if lower == "có" and i + 1 < len(tokens) and tokens[i + 1].lower().startswith(("trách", "nhiệm", "thể")):
            break
        if lower in ("nhà", "của") and not plural:
            break
        if token.endswith((",", ";", ".", ":")):
            if token.endswith(",") and plural and i + 1 < len(tokens):
                nxt = tokens[i + 1].strip(",;.")
                if nxt and ((nxt[0].islower() and nxt.lower() not in _VERBS) or _is_abbreviation(nxt)):
                    i += 1
                    continue
            i += 1
            break
        i += 1
        if i >= 12:
            break
    name = " ".join(tokens[: min(i, len(tokens))]).rstrip(",;:. ")
    consumed = " ".join(body.split(" ")[: min(i, len(tokens)) + removed[0]]).rstrip(",;:. ")
    return (name, offset + len(consumed))


def _units_in(text: str) -> list[str]:
    """Every unit named in a list ("Phòng TCCB, VP", "Phòng GDTrH và Phòng GDTX", "Tổ Toán; Tổ Văn")."""
    text = _QUALIFIER.sub("", normalize(text)).strip(" .;")
    out: list[str] = []
    while text:
        found = unit_at(text)
        if found is None:
            break
        name, end = found
        out.append(name)
        rest = text[end:]
        sep = re.match(r"^\s*(?:[,;/+]|\bvà\b|-(?=\s*\S))\s*", rest)
        if not sep:
            break
        text = rest[sep.end() :]
    return out


def split_units(cell: str) -> list[str]:
    """Unit names in a cell: "Phòng TCCB, VP" -> ["Phòng TCCB", "VP"]; "Các phòng CM, NV" stays one.

    Vague phrases ("Các bộ phận liên quan", "Cá nhân được phân công") are nobody to remind and are left out.
    """
    text = normalize(cell).strip(" .;")
    if not text:
        return []
    names: list[str] = []
    for chunk in re.split(r";|\||\n|^\s*-\s+|\s+-\s+(?=(?:Phòng|Văn phòng|Tổ|Ban|Bộ phận|Các|Trung tâm)\b)", text):
        chunk = (chunk or "").strip(" .-;")
        if not chunk:
            continue
        found = _units_in(chunk)
        if (
            not found
            and not is_vague(chunk)
            and len(chunk) <= 60
            and chunk[:1].isupper()
            and not re.search(r"\d|\b(?:[Qq]uý|[Tt]háng|[Nn]ăm|[Nn]gày|[Hh]ọc kỳ)\b", chunk)
        ):
            found = [chunk]  # a name we have no head for ("Công an huyện") is still a name
        names.extend(found)
    return list(dict.fromkeys(_clean(n) for n in names if _clean(n) and not is_vague(_clean(n))))


def is_vague(name: str) -> bool:
    """ "Các bộ phận liên quan", "Cá nhân được phân công", "Các đơn vị có liên quan": nobody in particular."""
    folded = fold(_QUALIFIER.sub("", name)).strip(" .,;")
    return bool(_VAGUE.match(folded)) or folded in ("cac co quan, don vi", "cac bo phan, ca nhan duoc phan cong")


def _clean(name: str) -> str:
    name = _QUALIFIER.sub("", normalize(name))
    name = _TRAILING_VERBS.sub("", name).strip(" .,;:-")
    name = re.sub(r"^(?:Giao|giao|Đề nghị|đề nghị)\s+", "", name)
    return name


_SLOT = re.compile(
    r"(?:quý|quy)\s*(?P<q>IV|III|II|I|[1-4])\b|(?:tháng|thang)\s*(?P<m>1[0-2]|0?[1-9])\b"
    r"|(?:học kỳ|hoc ky|HK)\s*(?P<t>II|I|1|2)\b",
    re.I,
)


def parse_rotation(cell: str) -> list[tuple[int, str]]:
    """A unit per period, in any of the plans' wordings, -> [(slot, unit)]; [] if not a rotation.

    "Phòng TCCB (quý I), VP (quý II), …"; "A (quý I, quý III), B (quý II, quý IV)"; "Quý I – A; Quý II – B";
    "Tổ Toán trực tháng 9; Tổ Văn trực tháng 10" (slots are quarters or months).
    """
    text = normalize(cell)
    slots: list[tuple[int, str]] = []
    # "Unit (quý I, quý III)"
    for m in re.finditer(r"(?P<unit>[^(),;:]+?)\s*\((?P<periods>[^()]*)\)", text):
        periods = list(_SLOT.finditer(_spread_slots(m.group("periods"))))  # "(quý I, III)"
        if not periods:
            continue
        unit = m.group("unit").strip(" ,;.-–")
        unit = re.sub(r"^(?:và|va|như sau|sau)\s+", "", unit).strip()
        names = _units_in(unit)
        if not names:
            continue
        for p in periods:
            slots.append((_slot(p), names[-1]))
    if len(slots) >= 2 and len({u for _, u in slots}) >= 2:
        return slots
    slots = []
    # "Quý I – Unit; Quý II – Unit" and "Unit trực/phụ trách tháng 6"
    for part in re.split(r"[;\n]|,\s*(?=(?:quý|quy|tháng|thang)\b)", text, flags=re.I):
        part = _spread_slots(part.strip(" .,"))
        m = re.search(
            r"(?:^|[\s:])(?P<when>(?:quý|quy)\s*(?:IV|III|II|I|[1-4])|(?:tháng|thang)\s*\d{1,2})(?:/(?:19|20)\d\d)?"
            r"\s*[:–-]\s*(?P<unit>.+)$",
            part,
            re.I,
        )
        if m:
            names = _units_in(m.group("unit"))
            if names:
                slots.append((_slot(next(_SLOT.finditer(m.group("when")))), names[0]))
            continue
        m = re.match(
            r"^(?P<unit>.+?)\s+(?:trực|phụ trách|đảm nhiệm|đảm nhận|thực hiện|đăng|chủ trì|viết|biên tập|gửi)"
            r"(?:\s+(?:tin|bài|tin bài|tin, bài|bài viết))?\s*:?\s+(?:vào\s+)?(?:các\s+)?"
            r"(?P<when>(?:quý|quy|tháng|thang)\b.*)$",
            part,
            re.I,
        )
        if not m:
            # "VP: tháng 1, 7; TCCB: tháng 2, 8" (a note cell)
            m = re.match(
                r"^(?P<unit>[^:]{2,60}):\s*(?:các\s+)?(?P<when>(?:quý|quy|tháng|thang)\s*[\dIV]+\b.*)$", part, re.I
            )
        if m:
            names = _units_in(m.group("unit").split(":")[-1].strip())
            if names:
                for p in _SLOT.finditer(m.group("when")):
                    slots.append((_slot(p), names[0]))
    return slots if len(slots) >= 2 and len({u for _, u in slots}) >= 2 else []


_SLOT_LIST = re.compile(
    r"\b(?P<word>quý|quy|tháng|thang)\s*(?P<first>IV|III|II|I|1[0-2]|0?[1-9])\b"
    r"(?P<more>(?:\s*(?:,|và|va|&)\s*(?:IV|III|II|I|1[0-2]|0?[1-9])\b(?!\s*/))+)",
    re.I,
)


def _spread_slots(text: str) -> str:
    """ "tháng 1, 7" and "quý I và III" -> "tháng 1, tháng 7", "quý I và quý III": one word per period."""

    def spread(m: re.Match[str]) -> str:
        more = re.sub(
            r"(\s*(?:,|và|va|&)\s*)(IV|III|II|I|1[0-2]|0?[1-9])\b",
            lambda x: f"{x.group(1)}{m['word']} {x.group(2)}",
            m["more"],
        )
        return f"{m['word']} {m['first']}{more}"

    return _SLOT_LIST.sub(spread, text)


def _slot(match: re.Match[str]) -> int:
    """Quarters are slots 1-4, months 101-112, terms (học kỳ) 201-202."""
    if match.group("q"):
        return ROMAN[match.group("q").lower()]
    if match.group("t"):
        return 200 + ROMAN[match.group("t").lower()]
    return 100 + int(match.group("m"))


def expand(name: str) -> str:
    """The full name: abbreviations spelled out, "Phòng" kept: "Phòng KH-TC" -> "Phòng Kế hoạch - Tài chính"."""
    tokens = normalize(name).split(" ")
    out = []
    for token in tokens:
        bare = token.strip(".,;:()")
        if bare in UNIT_ABBREVIATIONS:
            out.append(token.replace(bare, UNIT_ABBREVIATIONS[bare]))
        else:
            out.append(token)
    full = " ".join(out)
    if full == "Văn phòng" or full.startswith(("Phòng ", "phòng ")):
        return full[0].upper() + full[1:]
    folded = fold(full)
    if folded in _SHORT_OF_FULL and folded != "van phong" and not folded.startswith("phong"):
        return "Phòng " + full  # "TCCB" alone means the Phòng Tổ chức cán bộ
    return full[0].upper() + full[1:] if full else full


_KEY_ROLES = re.compile(r"^(?:thủ trưởng|trưởng|phó trưởng|chánh|lãnh đạo|tổ trưởng|giám đốc)\s+(?=\S)", re.I)
_KEY_TAIL = re.compile(
    r"\s+(?:(?:(?:trực )?thuộc|của|cơ quan)\s+)?(?:sở|phòng gd&?đt|phòng giáo dục(?: và đào tạo)?|nhà trường)"
    r"(?:\s+(?:gd&?đt|gdđt|giáo dục và đào tạo))?(?:\s+[^\s]+){0,3}$",
    re.I,
)


def unit_key(name: str) -> str:
    """One key per unit however it is written: folded full name without "phòng", punctuation or dashes.

    A plan's own forms of a unit give one key: "Văn phòng Sở", "Bộ phận Văn phòng Phòng GDĐT", "Chánh Văn
    phòng" and "VP" are Văn phòng; "Thủ trưởng các đơn vị trực thuộc Sở" is "các đơn vị trực thuộc".
    """
    text = re.sub(r"\s*\([^)]*\)", "", normalize(name)).strip()
    text = _KEY_ROLES.sub(lambda m: "Tổ " if m.group(0).lower().startswith("tổ trưởng") else "", text)
    text = re.sub(r"^Tổ\s+(?=tổ\s)", "", text, flags=re.I)  # "Tổ trưởng Tổ Văn phòng" is the Tổ Văn phòng
    lower = text.lower()
    if not lower.startswith(("các ", "những ")):
        text = re.sub(r"^bộ phận\s+(?=\S)", "", text, flags=re.I)
        lower = text.lower()
        if not re.match(r"^(?:sở|phòng)(?:\s+(?:gd|giáo dục))?", lower) or lower.startswith("phòng giáo dục trung"):
            text = _KEY_TAIL.sub("", text) or text
    folded = fold(expand(text))
    # "Phòng"/"Ban" is not part of a department's key ("Phòng TCCB" is TCCB), but "Tổ" is: a school's team
    # ("Tổ Văn phòng", "Tổ CNTT") is not the office's department of the same name
    folded = re.sub(r"^(?:phong|ban)\s+(?=\S)", lambda m: m.group(0) if folded.startswith("van phong") else "", folded)
    folded = re.sub(r"[^0-9a-z&]+", " ", folded)
    folded = re.sub(r"\b(?:quan|huyen)$", "", folded.strip()).strip()
    return folded


_QUALIFIER_TAIL = re.compile(
    r"^(?:(?:thuoc va truc thuoc|truc thuoc|thuoc|cua|tai|o)\s+(?:so|phong|xa|huyen|quan|uy ban|ubnd|truong)\b.*"
    r"|tren dia ban\b.*|(?:so|phong|xa|huyen|quan|tinh)\b.{0,30})$"
)


def plan_aliases(names: list[str]) -> dict[str, str]:
    """How a plan's own shorter forms of a unit map to its fullest form, within that plan.

    "Các phòng chuyên môn, nghiệp vụ" is "Các phòng chuyên môn, nghiệp vụ thuộc Sở" when the plan writes
    both; "Phòng VH-XH" is "Phòng Văn hóa - Xã hội" when the letters are that name's initials; a bare
    "các trường" is the one class of schools the plan names.
    """
    keys = {name: unit_key(name) for name in dict.fromkeys(names)}
    out: dict[str, str] = {}
    for name, key in keys.items():
        longer = [
            (other, okey)
            for other, okey in keys.items()
            if okey != key and okey.startswith(key + " ") and _QUALIFIER_TAIL.match(okey[len(key) + 1 :])
        ]
        if not longer and re.fullmatch(r"cac \w+", key):
            longer = [(other, okey) for other, okey in keys.items() if okey.startswith(key + " ")]
            if len({okey for _, okey in longer}) != 1:
                longer = []
        if not longer:
            longer = [(other, okey) for other, okey in keys.items() if okey != key and _initials_match(name, other)]
        if longer:
            out[name] = max(longer, key=lambda pair: len(pair[1]))[0]
    return out


def _initials_match(short: str, full: str) -> bool:
    """ "Phòng VH-XH" and "Phòng Văn hóa - Xã hội": the abbreviation's letters are the name's initials."""
    head = short.split(" ", 1)[0]
    tokens = short.split(" ")
    if len(tokens) != 2 or not full.startswith(head + " ") or not re.fullmatch(r"[A-ZĐ&-]{2,12}", tokens[1]):
        return False
    letters = fold(tokens[1].replace("-", "").replace("&", ""))
    words = [w for w in fold(full[len(head) + 1 :]).replace("-", " ").split() if w not in ("va", "&")]
    return len(words) >= 2 and "".join(w[0] for w in words) == letters


def display_name(name: str) -> str:
    """How a unit is shown: the full name, with its usual short form: "Phòng Tổ chức cán bộ (TCCB)"."""
    full = expand(name)
    folded = fold(full)
    for body, short in _SHORT_OF_FULL.items():
        if folded == body or folded.endswith(" " + body):
            return f"{full} ({short})"
    return full


def make_unit(name: str) -> Unit:
    return Unit(key=unit_key(name), name=display_name(name), aliases=(normalize(name),))
