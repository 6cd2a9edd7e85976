"""What a question names besides its topic: the places and schools it is about, numbered qualifiers ("khối
10", "mức độ 4"), the noun a count is asked in ("bao nhiêu phòng học"), a contact it wants.

These decide whether a fact found answers *this* question: a sentence about "khối 12" does not say what
"khối 10" gets, a plan of xã Phước Điền says nothing about xã Phước Lợi. Folding makes "xã" and "xa",
"phường" and "phương" one word, so the markers of a place are read from the question as typed when it has
diacritics, and only from unambiguous forms when it has none.
"""

from __future__ import annotations

import re

from .text import fold

# Offices and schools whose name follows their kind: "Sở GDĐT An Lạc", "trường THPT Lê Lợi".
_SCHOOL_LEVELS = (
    ("tieu", "hoc"),
    ("trung", "hoc", "co", "so"),
    ("trung", "hoc", "pho", "thong"),
    ("mam", "non"),
    ("mau", "giao"),
    ("th", "va", "thcs"),
    ("thcs", "va", "thpt"),
    ("thcs",),
    ("thpt",),
    ("th",),
    ("mn",),
    ("mg",),
)
# A level written out and abbreviated: "Tiểu học Hòa Mỹ" and "TH Hòa Mỹ" are one school.
LEVEL_FORMS = (
    ("tieu hoc", "th"),
    ("trung hoc co so", "thcs"),
    ("trung hoc pho thong", "thpt"),
    ("mam non", "mn"),
    ("mau giao", "mg"),
)
_BARE_LEVELS = frozenset({"thcs", "thpt", "th", "mn", "mg"})
_SCHOOL_WORDS = frozenset(
    {"truong", "cac", "cap", "khoi", "hoc", "to", "lop", "nhom"}
)  # "cấp THCS", "tổ MG lớn": no school
_OFFICE_WORDS = frozenset("gd gddt gdđt giao duc va dao tao dt đt".split())
# Words that follow a marker without being a name ("xã hội", "trên địa bàn", "các trường").
_NOT_NAMES = frozenset(
    "hoi nay do minh ta ban tren dia trong cac nhung moi ca toan chung khac lien thuoc truc cung va "
    "hoc sinh phai co duoc la cua thi de nao gi ai nam thang quy ky o tai thu lam gui nop "
    "mn mg th thcs thpt tieu trung mam mau xong roi chua da dang se can muon nen qua len xuong ve "
    "truoc ngay khi so".split()
)
# "phuong" typed without marks is a ward unless one of these follows ("phương án", "phương thức", …)
_PHUONG_WORDS = frozenset("an thuc phap tien huong cham cach dien".split())
_TYPED_PLACES = frozenset({"xã", "phường", "huyện", "tỉnh"})  # a quận is named by its number (read apart)


def _name_after(words: list[str], start: int) -> str | None:
    """Two words of a proper name from `start`, if they look like one."""
    name = words[start : start + 2]
    if len(name) < 2 or any(not w.isalpha() or w in _NOT_NAMES for w in name):
        return None
    return " ".join(name)


def named_places(question: str) -> list[tuple[str | None, str]]:
    """(school level or None, folded name) of the places, offices and schools the question names by kind."""
    typed = re.findall(r"\w+", question.lower())
    words = [fold(w) for w in typed]
    marked = typed != words
    out: list[tuple[str | None, str]] = []
    for i, w in enumerate(words):
        start = None
        if typed[i] in _TYPED_PLACES or (not marked and w == "huyen"):
            start = i + 1
        elif (
            w == "phuong"
            and not marked
            and (i == 0 or words[i - 1] != "dia")  # "địa phương"
            and (i + 1 >= len(words) or words[i + 1] not in _PHUONG_WORDS)  # "phương án", "phương thức"
        ):
            start = i + 1
        elif w == "diem" and i + 1 < len(words) and words[i + 1] in ("le", "truong"):
            name = _name_after(words, i + 2)  # "điểm lẻ Đồng Cát": a school's site, not the whole school
            if name:
                out.append(("diem", name))
        elif w == "xa" and not marked and (i == 0 or words[i - 1] not in ("hoa", "thi")):
            start = i + 1  # unmarked: "xa" after "văn hoá" is "xã hội"; "thị xã" is its own marker below
        elif w == "xa" and i and words[i - 1] == "thi":
            start = i + 1
        elif w == "khu" and i and words[i - 1] == "dac":
            start = i + 1
        elif w == "pho" and i and words[i - 1] == "thanh":
            start = i + 1
        elif w == "truong" or (w in _BARE_LEVELS and (i == 0 or words[i - 1] not in _SCHOOL_WORDS)):
            # "trường THCS Mỹ Hưng", or as chats type it, "thcs my hung …" (the level's letters open the name)
            first = i + 1 if w == "truong" else i
            for level in _SCHOOL_LEVELS:
                if tuple(words[first : first + len(level)]) == level:
                    name = _name_after(words, first + len(level))
                    if name:  # a school with its level: "Tiểu học Hòa Mỹ" is not "THCS Hòa Mỹ"
                        out.append((" ".join(level) if "va" not in level else None, name))
                    break
        elif (
            w in ("so", "phong")
            and i + 1 < len(words)
            and words[i + 1] in _OFFICE_WORDS
            and (i == 0 or words[i - 1] not in ("ho", "co", "tru"))  # "hồ sơ giáo dục" is no Sở
        ):
            start = i + 1
            while start < len(words) and words[start] in _OFFICE_WORDS:
                start += 1
        if start is not None:
            name = _name_after(words, start)
            if name:  # a place keeps its kind: "xã Phước Lợi" is not "Trường Tiểu học Phước Lợi"
                kind = w if w in ("xa", "huyen", "quan", "phuong", "tinh") and start == i + 1 else None
                out.append((kind, name))
    return out


_NUMBERED = re.compile(r"\b(khoi|lop|muc do|cap do|dot) (\d{1,2})\b")  # a grade, a level, a round ("đợt 3")
_FIELD = re.compile(r"\blinh vuc ([a-z]+ [a-z]+)")


def conflicting_field(folded_question: str, folded_fact: str) -> bool:
    """The fact names its fields ("lĩnh vực đất đai") and not the one asked ("lĩnh vực giáo dục")."""
    asked = _FIELD.findall(folded_question)
    said = _FIELD.findall(folded_fact)
    return bool(asked and said and not any(a in folded_fact for a in asked))


def numbered_qualifiers(folded: str) -> list[tuple[str, str]]:
    """("khoi", "10") for "khối 10": a grade, class or service level the question is about."""
    return _NUMBERED.findall(_arabic_rounds(folded))


def _arabic_rounds(folded: str) -> str:
    """ "đợt III" as "đợt 3": rounds are numbered both ways."""
    romans = {"i": "1", "ii": "2", "iii": "3", "iv": "4", "v": "5", "vi": "6"}
    return re.sub(r"\bdot (vi|v|iv|iii|ii|i)\b", lambda m: f"dot {romans[m.group(1)]}", folded)


# "trường ngoài công lập", "tư thục": a sector the fact must name, as the question does
_SECTOR = re.compile(r"\b(?:ngoai cong lap|tu thuc|dan lap|ngoai cong)\b")


def conflicting_sector(folded_question: str, folded_fact: str) -> bool:
    return bool(_SECTOR.search(folded_question)) and not _SECTOR.search(folded_fact)


_HALF_PERIODS = re.compile(r"\b(6|9) thang\b(?! (?:dau|cuoi) nam\b)")


def conflicting_period(folded_question: str, folded_fact: str) -> bool:
    """ "báo cáo 9 tháng" asked, the fact the 6-month report's: a period of its own kind, and not the one asked."""
    asked = set(_HALF_PERIODS.findall(folded_question))
    said = set(_HALF_PERIODS.findall(folded_fact))
    return bool(asked and said and not asked & said)


def conflicting_number(folded_question: str, folded_fact: str, nouns: tuple[str, ...] = ()) -> bool:
    """The fact speaks of the same kind of thing with other numbers only ("khối 12" for "khối 10"), or has
    fewer of them than the number asked ("đợt 4" of a plan "chia làm 03 đợt"); `nouns` limits the kinds."""
    folded_question, folded_fact = _arabic_rounds(folded_question), _arabic_rounds(folded_fact)
    for noun, number in numbered_qualifiers(folded_question):
        if nouns and noun not in nouns:
            continue
        counted = re.findall(rf"\b0?(\d{{1,2}}) {noun}\b", folded_fact)
        if noun == "dot" and counted and all(int(number) > int(c) for c in counted):
            return True
        said = re.findall(rf"\b{noun} (\d{{1,2}})\b", folded_fact)
        listed = re.search(rf"\b{noun} (?:\d{{1,2}}\s*(?:,|va|-)\s*)+{number}\b", folded_fact)  # "khối 10, 11"
        if said and number not in said and not listed:
            return True
    return False


# "số mấy" asks which number a document has, not how many of something
_COUNT = re.compile(r"\b(?:bao nhieu|(?<!\bso )(?<!\bthu )may|so luong)\s+([a-z]+)(?:\s+([a-z]+))?")
_MEASURE_STOP = frozenset(
    "phan tram ty le nua thi la vay the a cua cho ve o trong theo voi de nay do khi nao gi ai va cac "
    "nhung co duoc phai can se da dang bi hay hoac tu den len ra vao mot toi minh ban xin hoi nhe nhi".split()
)


# Nouns that count on their own: "bao nhiêu phiếu khảo sát" is answered by "180 phiếu".
_COUNT_NOUNS = frozenset(
    "phieu truong ngay lan tin bai gio buoi phong nguoi luot diem bac tiet lop thang tuan trang cuoc dot nhom "
    "khoa mon tai ban muc chi tieu nhiem vu".split()
)


def counted_noun(folded: str) -> str | None:
    """The noun a count is asked in: "bao nhiêu phòng học" -> "phong hoc"; None for "bao nhiêu" alone."""
    for m in _COUNT.finditer(folded):
        noun, second = m.group(1), m.group(2)
        if noun not in _MEASURE_STOP:
            return f"{noun} {second}" if second and second not in _MEASURE_STOP else noun
    return None


def states_count(folded_sentence: str, noun: str) -> bool:
    """The sentence gives a number of `noun`: "15 phòng học", "01 tin, bài", "không quá 03 ngày"; a
    two-word noun's second word follows close by ("công chức" is not "công khai")."""
    number = r"(?<![/\d])\d+(?:[.,]\d+)?\s*(?:\([^)]*\)\s*)?"  # "03 (ba)"
    first, _, second = noun.partition(" ")
    if first in _COUNT_NOUNS:
        second = ""  # "phiếu khảo sát": "180 phiếu" counts them; "công chức" needs both words
    tail = rf"\W{{1,3}}(?:[a-z]+\W+)?{second}\b" if second else r"\b"
    # a word or two may stand between ("02 cơ sở trường"), but not a preposition: "lớp 12 tại các trường" counts
    # no trường
    between = r"(?:(?!(?:tai|cac|cua|o|trong|va|voi|thuoc|tren|den|tu|cho|ve|la|nam|thang|ngay)\b)[a-z]+\s+){0,2}"
    return bool(re.search(rf"{number}{between}{first}{tail}", folded_sentence))


_PHONE_ASKED = re.compile(r"\b(?:so dien thoai|dien thoai|sdt|dt lien he|hotline|duong day nong|goi (?:so|cho))\b")
_PHONE = re.compile(r"(?<![\d./])(?:\+84|0)(?:[ .-]?\d){8,10}(?![\d/])")  # 0237.3862.415, 0912 604 387
_ADDRESS_ASKED = re.compile(r"\bdia chi\b(?! (?:email|thu|e-mail))|\bo dau\b|\bnam o\b")
_ADDRESS = re.compile(
    r"\b(?:số|Số)\s*\d+|\b\d+[/\w]*\s+(?:đường|Đường)|\b(?:đường|Đường|phường|Phường|ấp|thôn)\s+[A-ZĐ]|"
    r"\b(?:địa chỉ|Địa chỉ)\s*:?\s*\d|\b\d+/\d+[A-Z]?\s*,?\s+[A-ZĐ]"  # "địa chỉ 39/2, Huỳnh Tấn Phát"
)


def asks_phone(folded: str) -> bool:
    return bool(_PHONE_ASKED.search(folded))


def has_phone(text: str) -> bool:
    return bool(_PHONE.search(text))


def asks_address(folded: str) -> bool:
    return bool(_ADDRESS_ASKED.search(folded))


def has_address(text: str) -> bool:
    return bool(_ADDRESS.search(text))


_UNIT_NAMED = re.compile(r"\b(?:phong|to|bo phan)\s+((?:[a-z&]+\s+){0,3}[a-z&]+)")
_UNIT_STOP = frozenset(
    "so xa phuong huyen quan tinh truong cua o tai la bao nhieu nao gi ai dien thoai sdt email lien he "
    "dau moi co khong the hay va thi".split()
)


def named_unit(normalized: str) -> list[str]:
    """The words of a unit the question names ("phòng QLCL" -> ["quan", "ly", "chat", "luong"] once spelled
    out), without the education office itself ("Phòng GDĐT" names the plan's issuer, not a unit in it)."""
    m = _UNIT_NAMED.search(normalized)
    if m is None or (m.start() >= 4 and normalized[m.start() - 4 : m.start()] == "van "):
        # "văn phòng Sở": the office itself ("phòng" after "văn" names no "phòng X")
        return ["van", "phong"] if re.search(r"\bvan phong\b", normalized) else []
    words: list[str] = []
    for w in m.group(1).split():
        if w in _UNIT_STOP:
            break
        words.append(w)
    if not words or words[0] in ("giao", "gd", "gddt"):
        return []
    return words
