"""Unit names (đơn vị): splitting a cell into units, expanding abbreviations, one key per unit.

"Phòng TCCB", "phòng Tổ chức cán bộ" and "TCCB" are one unit; "VP" is "Văn phòng"; "Phòng KH-TC" is
"Phòng Kế hoạch - Tài chính". A rotation cell "Phòng TCCB (quý I), VP (quý II)…" names a unit per period.
"""

from __future__ import annotations

import re

from .model import Unit
from .text import fold, normalize

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
    r"\s+(?:tổng hợp(?: báo cáo)?|chủ trì(?: thực hiện)?|thực hiện|phụ trách|tham mưu|báo cáo)\.?$", re.I
)
_ABBR_TOKEN = re.compile(r"^[A-ZĐ][A-ZĐ&\-]{1,9}$")
_ROTATION = re.compile(r"^(?P<unit>[^()]+?)\s*\(\s*(?:quý|quy)\s*(?P<q>IV|III|II|I|[1-4])\s*\)\s*$", re.I)
ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def split_units(cell: str) -> list[str]:
    """Unit names in a cell: "Phòng TCCB, VP" -> ["Phòng TCCB", "VP"]; "Các phòng CM, NV" stays one."""
    text = normalize(cell).strip(" .;")
    if not text:
        return []
    parts: list[str] = []
    for chunk in re.split(r";|\n|(?:^|\s)-(?=[A-ZĐ])", text):
        chunk = chunk.strip(" .-;")
        if not chunk:
            continue
        pieces = [chunk]
        while True:
            last = pieces[-1]
            m = None
            for match in re.finditer(r",\s*", last):
                rest = last[match.end() :]
                if _starts_unit(rest):
                    m = match
                    break
            if not m:
                break
            pieces[-1] = last[: m.start()]
            pieces.append(last[m.end() :])
        parts.extend(p.strip(" .,") for p in pieces if p.strip(" .,"))
    return [_clean(p) for p in parts if _clean(p)]


def _starts_unit(text: str) -> bool:
    first = text.split(" ", 1)[0].strip(" .,()")
    if first in UNIT_ABBREVIATIONS and first not in ("CM", "NV", "TTHC", "TNHS", "TKQ"):
        return True
    return any(text.startswith(h + " ") or text == h for h in UNIT_HEADS)


def _clean(name: str) -> str:
    name = _TRAILING_VERBS.sub("", normalize(name)).strip(" .,;:-")
    name = re.sub(r"^(?:Giao|giao)\s+", "", name)
    return name


def parse_rotation(cell: str) -> list[tuple[int, str]]:
    """ "Phòng TCCB (quý I), VP (quý II), …" -> [(1, "Phòng TCCB"), (2, "VP"), …]; [] if not a rotation."""
    slots: list[tuple[int, str]] = []
    for part in re.split(r"[;,]\s*(?![^()]*\))", normalize(cell)):
        m = _ROTATION.match(part.strip(" ."))
        if not m:
            return []
        slots.append((ROMAN[m.group("q").lower()], _clean(m.group("unit"))))
    return slots if len(slots) >= 2 else []


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


def unit_key(name: str) -> str:
    """One key per unit however it is written: folded full name without "phòng", punctuation or dashes."""
    folded = fold(expand(name))
    folded = re.sub(
        r"^(?:phong|to|ban)\s+(?=\S)", lambda m: m.group(0) if folded.startswith("van phong") else "", folded
    )
    folded = re.sub(r"[^0-9a-z&]+", " ", folded)
    folded = re.sub(r"\b(?:quan|huyen)$", "", folded.strip()).strip()
    return folded


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
