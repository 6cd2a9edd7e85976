"""Questions about the plans -> facts with their citations, or an honest "the plans do not say".

The engine reads only what the documents hold: clauses split into sentences (with their headings),
targets, tasks with their schedules and units, and plan metadata. The kind of question decides the kind
of fact: a figure for "bao nhiêu / tỷ lệ", a date for "khi nào / hạn / chậm nhất", units for "ai / đơn vị
nào / chủ trì", the signer for "ai ký". Rendering into words (vi/en) is the caller's.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from typing import ClassVar, Literal

from .asked import (
    LEVEL_FORMS,
    asks_address,
    asks_phone,
    conflicting_field,
    conflicting_number,
    conflicting_period,
    conflicting_sector,
    counted_noun,
    has_address,
    has_phone,
    named_places,
    named_unit,
    numbered_qualifiers,
    states_count,
)
from .enumerations import ItemsAsked, enumerates, heads_items, items_asked
from .initials import expand_initials, initials_map, typed_forms
from .lists import Listing, answer_list, list_question
from .model import Plan, PlanMeta, Target, Task
from .search import (
    STOPWORDS,
    Hit,
    Index,
    Passage,
    Section,
    _normalize_folded,
    code_version,
    normalize_query,
    plan_piece,
    terms,
    tokens,
)
from .talk import Talk, bridge, is_english, small_talk, without_talk
from .text import fold
from .timeexpr import ROMAN, plan_time
from .units import parse_rotation

Kind = Literal["figure", "date", "unit", "signer", "email", "text", "smalltalk", "list"]
MIN_COVERAGE = 0.55
MIN_TEXT_COVERAGE = 0.65
MIN_ITEMS_COVERAGE = 0.45  # a sentence naming every item of the kind asked is strong evidence
MIN_COUNT_COVERAGE = 0.45
# Words a question is asked with (the index holds none of them): never "corrected" into plan words
_QUESTION_WORDS = STOPWORDS | frozenset(
    "bao nhieu lau gio dau sao the nao ai gi khong chua may ten ho liet ke sdt hotline email dua".split()
)
# the asking words typed with two letters swapped ("mya", "nao" as "noa"): the plans never hold them, so the
# plans' vocabulary cannot mend them
_ASKING_SWAPS = {
    f"{w[:i]}{w[i + 1]}{w[i]}{w[i + 2 :]}": w
    for w in ("may", "nao", "bao", "sao", "nhieu", "khong")
    for i in range(len(w) - 1)
    if w[i] != w[i + 1]
}
_TIE_BREAK = 0.5  # a plan hinted first only by a preference, not by anything the question names
RARE_NAME_IDF = 3.5  # a word pair in fewer than about 3% of the passages
# Share of the question's weight that a figure's own words must carry (not just its sentence).
MIN_FIGURE_OVERLAP = 0.45
_SENTENCE = re.compile(r"(?<=[.;])\s+(?=\S)|\n")
_REFERS_BACK = re.compile(r"(?:Trong đó|Trong số đó|Theo đó|Cụ thể|Qua đó)\b", re.IGNORECASE)


@dataclass(frozen=True, kw_only=True)
class Fact:
    plan: str
    section: str
    quote: str
    metric: str | None = None
    comparator: str | None = None
    value: str | None = None
    measure: str | None = None
    dates: tuple[tuple[dt.date, str | None], ...] = ()
    units: tuple[str, ...] = ()
    person: str | None = None
    role: str | None = None
    baseline: bool = False  # a figure of where things stand, not a target (plans.model.Target.baseline)


@dataclass(frozen=True, kw_only=True)
class Answer:
    question: str
    found: bool
    kind: Kind | None = None
    facts: tuple[Fact, ...] = field(default=())
    talk: Talk | None = None  # small talk: greeting, thanks, goodbye, capabilities
    # a refusal because the question names a year, place or school level the fact found does not cover:
    # which of the three, and what the plans do cover (names without figures)
    outside: Literal["year", "place", "level"] | None = None
    covered: tuple[str, ...] = ()
    # facts from several plans that differ, and nothing in the question picks one: the asker is asked which
    disagree: bool = False
    listing: Listing | None = None  # a list answer (kind "list"): targets, a unit's tasks, a duty's months


_DATE_WORDS = re.compile(
    r"\bkhi nao\b|\bbao gio\b|\bluc nao\b|\bngay nao\b|\bthang nao\b|\bquy nao\b|\bhan (?:nop|chot|cuoi)\b|"
    r"\bthoi han\b|\bcham nhat\b|\btruoc ngay\b|\bdeadline\b|\bwhen\b|\bdue\b|\bthoi gian (?:nop|hoan thanh)\b|"
    r"\b(?:thang|quy) may\b|"
    r"\bhan\b(?! (?:che|muc))(?<!dung han)(?<!tre han)(?<!truoc han)(?<!qua han)(?<!gioi han)(?<!thoi han)"
)
_FIGURE_WORDS = re.compile(
    r"\bbao nhieu\b|\bty le\b|\bmay\b|\bchi tieu\b|\bhow (?:many|much)\b|\bpercent|\brate\b|%|\bso luong\b|"
    # "mức học phí": an amount; "chuyên mục", "danh mục", "hạng mục" are no "mức"
    r"\bmuc (?:dat|phan|bao)|(?<!chuyen )(?<!danh )(?<!hang )(?<!tiet )\bmuc (?!do\b|tieu\b|dich\b)[a-z]+ [a-z]+"
)
_UNIT_WORDS = re.compile(
    r"\bai\b|\b(?:don vi|phong|bo phan|to|co quan|ban|truong|cum|nhom|khoi) nao\b|\bchu tri\b|\bphu trach\b|\bwho\b|"
    r"\bwhich (?:unit|office|department)\b|\bresponsible\b"
)
# Words that only say what kind of answer is wanted; they are not what the question is about.
_ASKING = re.compile(
    r"\b(?:toi thieu|it nhat|toi da|khong qua|khong duoi)\s+(?:la\s+|phai\s+|dat\s+)?(?=bao nhieu\b|may\b)|"
    r"\b(?:don vi|phong|bo phan|to|co quan|ban|noi|truong) nao\b|\bchu tri\b|\bphu trach\b|\bphai dat\b|"
    r"\bnop\b|\b(?:phai |duoc )?xong\b|\b(?:ngay|thang|quy|nam) (?:nao|may)\b|\bcham nhat\b|\bkhi nao\b|"
    # "kinh phí lấy từ nguồn nào": the plans write "từ nguồn"; "QĐ … dựa trên tờ trình số mấy"
    r"\bbao gio\b|\bluc nao\b|\blay(?= (?:tu )?nguon\b)|\bdua (?:tren|vao)\b|"
    r"\bthoi han\b|\bhan (?:nop|chot|cuoi)\b|\btruoc ngay\b|"
    r"\bhan\b(?! (?:che|muc))(?<!dung han)(?<!tre han)(?<!truoc han)(?<!qua han)(?<!gioi han)|"
    r"\bsdt\b|\bso (?:may|bao nhieu|hieu)\b|"
    r"\b(?:gui|nop) (?:ve |cho |toi |den )?(?:nhung |cac )?(?:(?:noi|co quan|don vi) nao|dau)\b|"
    r"\bgui (?:ve|cho|toi|den)(?: dau)?\b|\bve dau\b|\bcho ai\b|\bgui ai\b|\bo dau\b|\bqua dau\b|"
    r"\b(?:cho|ve|toi|den|qua|len) (?:co quan|don vi|phong|bo phan|noi|to|cap) nao\b|"
    r"\b(?:bao lau|(?:may|bao nhieu) (?:ngay|tuan|thang|quy|nam)) (?:mot|1) lan\b"
)


# What a sentence must hold to answer a question that no structured field answers: asked (over the folded
# question) -> evidence (over the sentence as written).
_ASKS_DOCUMENT = re.compile(
    r"\b(?:so may|so hieu|so bao nhieu|theo (?:ke hoach|quyet dinh|cong van|thong bao|van ban)|can cu)\b"
)
_ASKS_DOCUMENT_NUMBER = re.compile(
    # over a normalised question: "KH", "QĐ" are already spelled out
    r"\b(ke hoach|quyet dinh|cong van|van ban|to trinh|thong bao|nghi quyet|chi thi|thong tu|nghi dinh)"
    r" (?:so )?(?:may|bao nhieu|hieu)\b"
)
# A date a sentence states outside any task (a term's last day, a decision's effect).
_DATE_EVIDENCE_TEXT = r"\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b|\btháng \d{1,2}\b|\bquý [IV]+\b"
# Questions that a sentence's own wording answers better than any dated task: how often ("bao lâu một lần",
# "định kỳ thế nào") and over what span ("từ tháng nào đến tháng nào"). asked -> evidence.
_ASKS_OFTEN = re.compile(
    r"\bbao lau\b(?:\s+\w+){0,3}\s+(?:mot|1) lan\b|\b(?:may|bao nhieu) (?:ngay|tuan|thang|quy|nam) (?:mot|1) lan\b|"
    r"\bdinh ky (?:the nao|ra sao|bao lau|nhu the nao)\b|"
    r"\bhow often\b"
)
_OFTEN = re.compile(
    r"\b(?:[Hh][ằà]ng|[Mm]ỗi|[Đđ]ịnh kỳ|[Tt]hường xuyên)\b|\b\d+\s*(?:tháng|tuần|ngày|quý)\s*/\s*lần\b|"
    r"\b(?:tháng|quý|tuần|năm|học kỳ) (?:một|1) lần\b|\bgiao ban\b"
)
_DATE_OR_OFTEN = re.compile(f"{_DATE_EVIDENCE_TEXT}|{_OFTEN.pattern}")
# "khi nào" of what happens on occasion: the occasion ("khi có đơn thư phản ánh", "khi Giám đốc Sở chỉ đạo")
_OCCASION = re.compile(r"\bkhi (?:có|được|phát sinh|cần|xảy ra|[^.;,]{0,40}?\b(?:chỉ đạo|yêu cầu|đề nghị))\b")
_DATE_OR_OCCASION = re.compile(f"{_DATE_OR_OFTEN.pattern}|{_OCCASION.pattern}")
_ASKS_SPAN = re.compile(r"\btu (?:ngay|thang|nam|quy|hoc ky) (?:nao|may)\b")
_SPAN = re.compile(r"\b[Tt]ừ\s+(?:ngày|tháng|năm|quý|học kỳ)?\s*[\dIVX][^.;]{0,60}?\bđến\b")
# when a decision takes effect: the sentence that says so ("có hiệu lực kể từ ngày ký"), not a task counted from it
_ASKS_EFFECT = re.compile(
    r"\bhieu luc (?:tu|ke tu|khi nao|bao gio|luc nao|ngay nao)\b|\bco hieu luc\b|\btakes? effect\b"
)
_EFFECT = re.compile(r"\b[Cc]ó hiệu lực (?:thi hành )?(?:kể )?(?:từ|sau)\b")
# whom to contact: a sentence that names a person with "liên hệ" ("liên hệ bà Hồ Thị Mỹ Duyên, …")
_ASKS_CONTACT = re.compile(r"\b(?:lien he|hoi|goi cho|goi) (?:voi )?ai\b|\bai (?:de )?(?:lien he|hoi)\b")
_CONTACT = re.compile(r"\b[Ll]iên hệ\b[^.]{0,80}?\b(?:ông|bà|cô|thầy|đồng chí|đ/c|Đ/c)\s+[A-ZĐ]")
_EXCLUSIVE_EVIDENCE = ((_ASKS_OFTEN, _OFTEN), (_ASKS_SPAN, _SPAN), (_ASKS_EFFECT, _EFFECT), (_ASKS_CONTACT, _CONTACT))


def _exclusive(q: str) -> bool:
    return any(asked.search(q) for asked, _ in _EXCLUSIVE_EVIDENCE)


_ASKS_DATE_ONLY = re.compile(r"\b(?:ngay|thang|quy|nam) nao\b")  # "tháng nào" names no unit
_PERSON_NAMED = re.compile(r"\b(?:ông|bà|Ông|Bà|đồng chí|Đồng chí)\s+[A-ZĐ][\wÀ-ỹ]*(?:\s+[A-ZĐ][\wÀ-ỹ]*){1,4}")
# a question for every item of an enumeration: "kiểm tra những trường nào", "gồm những ai", "có những gì"
_ASKS_ITEMS = re.compile(
    r"\bnhung [a-z]+(?: [a-z]+){0,2} nao\b|\bgom (?:nhung )?(?:ai|gi|nhom|loai)\b|\bco nhung (?:ai|gi)\b"
)
# what a question about a named person asks: their office, who they are, what they do
_ASKS_PERSON = re.compile(
    r"\b(?:chuc vu|chuc danh|la ai|lam gi|giu chuc|cong tac o|o (?:phong|don vi|bo phan) nao|thuoc (?:phong|don vi)|"
    r"phu trach (?:gi|viec gi|mang gi)|who is|position|role|job)\b"
)
# "kế hoạch … ký ngày nào?" about the plan itself, not a document it cites or a task it sets
_OWN_DOCUMENT = (
    r"^(?:ke hoach|quyet dinh|kh|qd|van ban)\b(?!.*\b(?:can cu|theo|thuc hien|cua (?:ubnd|uy ban|bo|so noi vu)))"
)
_ASKS_OWN_DATE = re.compile(
    _OWN_DOCUMENT + r".*\b(?:ky|ban hanh|ra doi|duoc ky|duoc ban hanh) (?:vao )?"
    r"(?:ngay nao|khi nao|bao gio|luc nao|hom nao|ngay may)\b"
)
# "kế hoạch … số mấy?" about the plan itself, not a document it cites ("căn cứ kế hoạch số mấy của UBND")
_ASKS_OWN_NUMBER = re.compile(_OWN_DOCUMENT + r".*\bso (?:may|bao nhieu|hieu)\s*$")
_DOCUMENT_NOUN = re.compile(r"\b(?:ke hoach|quyet dinh|kh|qd|cong van|van ban|to trinh|thong bao|nghi quyet)\b")
_YES_NO = re.compile(r"\bco\b.*\bkhong\b")
_PLAN_NUMBER = re.compile(
    r"\b(?:ke hoach|kh|quyet dinh|qd|van ban|cong van|cv|to trinh|plan|decision|so|no)\.?\s+(?:so\s+)?(\d+)\b"
)
# "KH tuyên truyền 41", "QĐ khảo sát 388": a plan named by a word or three of its title, then its number
_TITLED_NUMBER = re.compile(
    r"\b(?:ke hoach|kh|quyet dinh|qd|cong van|cv)\s+((?:(?!(?:so|thang|ngay|quy|nam|khoi|lop|tuan|ky|dot|lan|muc|"
    r"dieu|khoan|phu luc)\b)[a-z]+\s+){1,3}?)(\d+)\b(?!/)"
)
_A_DATE = re.compile(r"\d{1,2}/\d{1,2}(?:/\d{2,4})?|\d{1,2}/20\d\d")  # a day, or a month of a year
_ASKS_TERM_END = re.compile(
    r"^(?:\w+ ){0,2}hoc ky (ii|i|1|2)\b.*\b(?:ket thuc|het)\b|\b(?:ket thuc|het) hoc ky (ii|i|1|2)\b"
)
_ASKS_MONEY = re.compile(r"\b(?:kinh phi|chi phi|so tien|muc thu|hoc phi|du toan|ngan sach)\b.*\bbao nhieu\b")
_AMOUNT = r"\b\d{1,3}(?:\.\d{3})+\s*(?:đồng|VNĐ|đ)\b"  # "18.500.000 đồng"
_MONEY = re.compile(rf"{_AMOUNT}|\b\d+(?:[.,]\d+)?\s*(?:triệu|tỷ)\s*đồng\b")
_TOTAL = re.compile(rf"\b[Tt]ổng\b|{_AMOUNT}(?!\s*/)")  # a total, not a rate "150.000 đồng/người/ngày"
_ASKS_REACH = re.compile(
    r"\b(?:dat|len|tren|toi thieu|it nhat|chi tieu|phan dau|muc tieu)\b(?!.*\b(?:duoi|toi da|khong qua)\b)"
)
_DUTY = re.compile(r"\b(?:chu tri|phu trach|dau moi|theo doi|tham muu|tong hop|thuong truc)\b")
# a question about where things stand, not about the goal ("hiện nay đạt bao nhiêu", "năm ngoái được mấy %")
_ASKS_STATE = re.compile(
    r"\b(?:hien nay|hien tai|hien dang|hien co|hien la|dang (?:luu|co|la)|da dat|da duoc|da so hoa|thuc trang|"
    r"nam (?:ngoai|truoc|qua)|currently|so far|at present|last year)\b"
    r"|\b\d{1,2} thang (?:dau )?nam 20\d\d\b(?=.*\bdat\b)"  # "9 tháng năm 2026 … đạt": what months so far reached
)
_ASKS_GOAL = re.compile(r"\b(?:phai|can|phan dau|chi tieu|muc tieu|toi thieu|it nhat|target|goal|must|should)\b")
_ASKS_PERCENT = re.compile(r"\bty le\b|%|\bphan tram\b|\bpercent")


# the receiving office after a verb of sending ("gửi Sở Nội vụ", "về phòng TCCB", "báo cáo lãnh đạo")
_RECIPIENT = re.compile(
    r"\b(?:gửi|Gửi|nộp|Nộp|về|trình|báo cáo|cho|qua)\s+(?:[^.;:]{0,40}?\s)?"
    r"(?:Phòng|phòng|Văn phòng|Sở|UBND|Ủy ban|Thanh tra|Ban|Bộ phận|Tổ|Trung tâm|lãnh đạo|Lãnh đạo|"
    r"Hiệu trưởng|Giám đốc|Chủ tịch|Trưởng phòng|(?:thầy|cô|ông|bà|đồng chí|đ/c|Đ/c)(?= [A-ZĐ]))\b"
)
# a unit that does a duty: "Phòng X chủ trì …", "giao Phòng X", "phối hợp phòng Y", a unit as the subject
_RESPONSIBLE = re.compile(
    r"\b(?:Phòng|phòng|Văn phòng|Sở|UBND|Ủy ban|Thanh tra|Ban|Bộ phận|Tổ|tổ|Trung tâm|Trường|trường|"
    r"Hiệu trưởng|Công đoàn|Đoàn|Kế toán)\b[^.;]{0,80}\b(?:chủ trì|phụ trách|đầu mối|thực hiện|tham mưu|"
    r"bố trí|theo dõi|trực|tổng hợp|được giao|phối hợp)\b"
    r"|\b(?:giao|do|Giao)\s+(?:Phòng|phòng|Văn phòng|Thanh tra|Tổ|Bộ phận|Ban|Trung tâm)"
    r"|\b(?:[Pp]hối hợp|[Cc]hủ trì)(?: với)?\s+(?:các\s+)?(?:Phòng|phòng|Văn phòng|Sở|UBND|Ủy ban|Thanh tra|"
    r"Ban|Bộ phận|Tổ|tổ|Trung tâm|Trường|trường|Công an|Đoàn)\b"
    # a sentence whose subject is a unit: "Phòng Kế hoạch - Tài chính cân đối kinh phí …"
    r"|^(?:Phòng|Văn phòng|Tổ(?! chức)|Bộ phận|Thanh tra|Ban(?! hành)|Trung tâm|Hiệu trưởng|"
    r"Phó Hiệu trưởng|Kế toán|Công đoàn|Đoàn|Trường|Các trường|UBND|Ủy ban|Sở)\s"
)
# a unit that is a school, as a plan names it ("Trường MN Hoa Sen", "TH Kim Lan", "các trường THCS")
_A_SCHOOL = re.compile(
    r"(?:cac |mot so )?(?:truong|diem truong|cum truong|mn|mg|th|thcs|thpt|ptdtbt|ptdtnt|tieu hoc|mam non|mau giao|"
    r"trung hoc|lien cap)\b"
)
# "tổ gì", "nguồn nào", "phần mềm gì": the name of a thing of that kind, which the sentence writes after the noun
_ASKS_NAMED = re.compile(
    r"\b(to|nhom|ban|hoi dong|nguon(?: kinh phi| von)?|phan mem|he thong|ung dung|nen tang|chuyen muc|chuyen de|"
    r"hinh thuc|phuong thuc|mo hinh|phong trao|cuoc thi|giai phap) (?:gi|(?<!to )(?<!nhom )(?<!ban )nao)\b"
)
_NOT_A_NAME = r"(?:chuc|hanh|dau|nay|do|cac|nhung|va|cua|tren|duoc|se|da|la|co|nao|gi)\b"  # "tổ chức", "ban hành"
_SCHOOL_NAMED = re.compile(
    r"\b[Tt]rường (?:(?:[Mm]ầm non|[Mm]ẫu giáo|[Tt]iểu học|[Tt]rung học cơ sở|[Tt]rung học phổ thông|MN|MG|TH|THCS|"
    r"THPT|PTDTBT|PTDTNT|TH&THCS|TH và THCS|THCS và THPT|liên cấp(?: [^A-ZĐ.;]{0,30})?) )?[A-ZĐ][a-zà-ỹ]+"
)
# who receives or carries what is sent: "gửi … cho cơ quan nào", "nộp qua bộ phận nào", "gửi UBND qua đâu"
_ASKS_RECIPIENT = re.compile(
    r"\b(?:gui|nop|chuyen|trinh|bao cao)\b(?:\s+\w+){0,8}?\s+(?:cho|ve|toi|den|qua|len)\s+"
    r"(?:(?:co quan|don vi|phong|bo phan|noi|to|cap) nao|ai|dau)\b|\bqua (?:co quan|bo phan|phong|don vi|to) nao\b|"
    r"\bqua dau\b|\bsend to\b|\bsent to\b|\bsubmitted to\b|\bto whom\b|"
    # "gửi những cơ quan nào", "gửi ai", "gửi những đâu": whom, without "cho/về" (not "gửi ai làm")
    r"\b(?:gui|nop|trinh) (?:nhung |cac )?(?:(?:co quan|don vi|noi|cap) nao|ai|dau)\b"
    r"(?! (?:lam|chu tri|phu trach|thuc hien))"
)
_SENTENCE_EVIDENCE = (
    (_ASKS_RECIPIENT, _RECIPIENT),
    (_ASKS_DOCUMENT, re.compile(r"\b(?:số|Số)\s*\d+|\b\d+/\d*/?[A-ZĐ]")),
    (
        re.compile(r"\b(?:bao nhieu|so luong)\b|(?<!\bso )(?<!\bthu )\bmay [a-z]+"),
        re.compile(r"\d"),
    ),
    (
        re.compile(
            r"\b(?:gui (?:ve|cho|toi)|nop (?:ve|cho)|bao cao (?:ai|cho ai|ve dau)|ve dau|cho ai|gui ai|noi nao)\b"
        ),
        _RECIPIENT,
    ),
    (
        # how long something takes: a number of days, hours, months
        re.compile(r"\b(?:mat|trong|la|het) bao lau\b(?!.*\blan\b)|\bbao lau thi\b|\bmat may (?:ngay|gio)\b"),
        re.compile(r"\b\d+\s*(?:\([^)]*\)\s*)?(?:ngày|giờ|tháng|tuần|năm|phút)\b"),
    ),
    (
        # who is responsible (not who somebody is: "ai là hiệu trưởng…" asks a name the plans do not hold)
        re.compile(r"\b(?:ai|phong nao|don vi nao|bo phan nao|co quan nao|to nao|cum nao|nhom nao)\b"),
        _RESPONSIBLE,
    ),
    # "trường nào": a school named ("sáp nhập vào Trường Mầm non Tân Mỹ"), whatever the sentence has it do
    (re.compile(r"\btruong nao\b"), _SCHOOL_NAMED),
)


_SCHOOL_LEVELS = frozenset(form for pair in LEVEL_FORMS for form in pair)  # "tieu hoc", "th", …
_ASKS_AMOUNT = re.compile(r"\bbao nhieu\b|\bmay (?!gio\b)[a-z]+|\bso luong\b|\bty le\b")
# A person named by the office they hold: "giám đốc Sở … là ai", "ai là hiệu trưởng", "chủ tịch xã tên gì".
_ROLE = (
    r"(?:pho )?(?:giam doc|truong phong|hieu truong|chu tich|chanh van phong|chanh thanh tra|to truong|"
    r"truong ban|truong doan|bi thu|ke toan truong|thu ky|to pho)"
)
_PERSON = re.compile(
    rf"\bai la (?P<a>{_ROLE})\b|^(?:ong |ba )?(?P<b>{_ROLE})\b.*\b(?:la ai|ten (?:la )?gi|ten la ai|ho ten)\b"
)


def _whose_contact(clause: str, holds: Callable[[str], bool] = has_phone) -> str:
    """The sentence that gives a phone number (or an address) and the one before it: whose it is."""
    sentences = re.split(r"(?<=[.;])\s+|\n", clause)
    at = next((i for i, x in enumerate(sentences) if holds(x)), None)
    return clause if at is None else " ".join(sentences[max(0, at - 1) : at + 1])


def _has_email(text: str) -> bool:
    return "@" in text


def _holds_roles(text: str, roles: list[str]) -> bool:
    """The text names each office asked, as asked: a deputy ("phó giám đốc") is not the director."""
    return all(re.search(rf"{'' if r.startswith('pho ') else '(?<!pho )'}\b{r}\b", text) for r in roles)


def _of_another_unit(question: str, role: str, issuer: str) -> bool:
    """ "trưởng phòng Nội vụ" when the plan's signer heads the Phòng GDĐT: the office of another unit."""
    folded = _normalize_folded(fold(question))
    m = re.search(rf"\b{role}\s+((?:[a-z]+\s+){{0,3}}[a-z]+)", folded)
    if m is None:
        return False
    named = [w for w in m.group(1).split() if w not in _NOT_UNIT_WORDS]
    issued = set(re.findall(r"[a-z0-9]+", _normalize_folded(fold(issuer)))) | set(re.findall(r"[a-z]+", fold(issuer)))
    return bool(named) and named[0] not in issued and not named[0].isdigit()


_NOT_UNIT_WORDS = frozenset(
    "la ai ten gi cua o tai so phong giao duc dao tao gd gddt truong thi xa huyen quan tinh xa phuong thanh pho "
    "nam ke hoach kh quyet dinh qd va hien nay moi ky".split()
)


def asked_role(q: str) -> str | None:
    """The office a "who is" question names ("pho giam doc"), if it asks for the person holding one."""
    m = _PERSON.search(q)
    return (m.group("a") or m.group("b")) if m else None


def held_role(title: str) -> str | None:
    """The office the signer holds, from the signature block: "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC" is signed by
    the deputy on the director's behalf, "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH" by the chair in the body's name:
    the last office named is the signer's own."""
    roles = re.findall(_ROLE, fold(title))
    return roles[-1] if roles else None


# "máy quét", "máy tính": a machine, which folds as "mấy" does; typed with marks, "máy" is never the asking word
_MACHINE = re.compile(r"\bmay (?=(?:tinh|chu|quet|in|chieu|photo|moc|anh|lanh|phat|say)\b)")


def _without_machines(q: str, typed: str) -> str:
    typed = typed.lower()
    if "máy" in typed and "mấy" not in typed:
        return re.sub(r"\bmay\b", "thiet bi", q)
    return _MACHINE.sub("thiet bi ", q)


def question_kind(q: str) -> Kind:
    if re.search(r"\bai ky\b|\bnguoi ky\b|\bky (?:ke hoach|van ban)\b|\bky ten\b|\bsigned?\b", q):
        return "signer"
    if asked_role(q):
        return "signer"
    if re.search(r"\bemail\b|\bthu dien tu\b|\bdia chi (?:email|thu)\b|\be-mail\b|\bmail\b", q):
        return "email"
    if _DATE_WORDS.search(q):
        return "date"
    if _ASKS_RECIPIENT.search(q) and not re.search(r"\bqua (?:(?:co quan|bo phan|phong|don vi|to) nao|dau)\b", q):
        return "text"  # who receives ("gửi cho cơ quan nào", "cho ai"): the sentence that sends it
    if _FIGURE_WORDS.search(q):
        return "figure"
    if _UNIT_WORDS.search(q):
        return "unit"
    return "text"


@dataclass(frozen=True)
class _PlanHints:
    """What a question may name a plan by, read once per plan: number, place, level, year."""

    number: str
    place: str
    school: str  # the issuing school's own name, when it differs from its place
    place_words: tuple[str, ...]
    issuer_words: tuple[str, ...]
    level: str
    local: bool
    year: int
    own_years: frozenset[int]  # the plan's year, or each year of the period it is for ("giai đoạn 2027-2028")
    years: frozenset[int]  # those and every year a span in its title touches ("năm học 2027-2028")
    title_words: frozenset[str]  # "KH tuyên truyền 41": the words a question may name it by before its number

    places: ClassVar[dict[str, re.Pattern[str]]] = {}

    @classmethod
    def of(cls, plan: Plan) -> _PlanHints:
        meta = plan.meta
        issuer = _folded(meta.issuer)
        place = _folded(meta.place or "")
        number = (meta.number or "").split("/")[0]
        school = re.match(
            r"truong (?:mam non|mau giao|tieu hoc|trung hoc co so|trung hoc pho thong|th|thcs|thpt|mn|mg)"
            r"(?: va (?:thcs|thpt|trung hoc co so|trung hoc pho thong))? (\w+(?: \w+){1,3})$",
            issuer,
        )
        # a school's plan is named by the school ("MN Vành Khuyên") as much as by its commune ("Gò Đình")
        name = school.group(1) if school and school.group(1) != place else ""
        for where in (place, name):
            if where and where not in cls.places:
                cls.places[where] = re.compile(rf"\b{re.escape(normalize_query(where))}\b")
        return cls(
            number=number,
            place=place,
            school=name,
            place_words=tuple(tokens(f"{place} {name}")) if place or name else (),
            issuer_words=tuple(tokens(meta.issuer)),
            level=issuer.split(" ", 1)[0],
            local=bool(re.search(r"\b(?:quan|huyen)\b", issuer + " " + place)),
            year=meta.year,
            own_years=frozenset({meta.year, *_period_years(meta.title)}),
            years=frozenset({meta.year, *_school_years(meta.title)}),
            title_words=frozenset(tokens(meta.title)),
        )


_LEVELS = {
    "mam_non": re.compile(r"\bmam non\b"),
    "tieu_hoc": re.compile(r"(?<!chi )\btieu hoc\b"),  # "chỉ tiêu học bạ số" names no level
    "thcs": re.compile(r"\btrung hoc co so\b"),
    "thpt": re.compile(r"\btrung hoc pho thong\b"),
}
_LEVEL_NAMES = {"mam_non": "mầm non", "tieu_hoc": "tiểu học", "thcs": "THCS", "thpt": "THPT"}


def _narrows(q: str, quote: str) -> set[str]:
    """What of the question's part of a whole ("đợt 1", "khối 10", a school level) the quote names."""
    text = _normalize_folded(_folded(quote))
    said = {f"{noun} {n}" for noun, n in numbered_qualifiers(q) if re.search(rf"\b{noun} 0?{n}\b", text)}
    return said | {level for level, pattern in _LEVELS.items() if pattern.search(q) and pattern.search(text)}


def _digest(plan: Plan) -> str:
    """Names a plan's piece in a store: the text it is read from, and the code that reads it."""
    h = hashlib.sha1(code_version().encode(), usedforsecurity=False)
    h.update(repr(plan.meta).encode("utf-8"))
    for c in plan.clauses:
        h.update(f"\x00{c.path}\x00{c.kind}\x00{c.parent}\x00{c.text}".encode())
    return h.hexdigest()


@lru_cache(maxsize=20_000)
def _normalized(text: str) -> str:
    """A passage as questions are read: folded, abbreviations spelled out."""
    return normalize_query(text)


@lru_cache(maxsize=100_000)
def _folded(text: str) -> str:
    """`fold` of the plans' own strings (quotes, passages, names): read many times, folded once."""
    return fold(text)


_SO_GD = re.compile(r"(?<!\bho )(?<!\bco )\bso (?:gd|giao duc)")  # not "hồ sơ giáo dục", "cơ sở GD"


class Engine:
    """Built once from the plans; answers many questions."""

    def __init__(self, plans: list[Plan], unit_names: dict[str, str] | None = None) -> None:
        self.plans = plans
        self.unit_names = unit_names or {}
        self.targets: dict[tuple[int, str], list[Target]] = {}
        self.tasks: dict[tuple[int, str], list[Task]] = {}
        pieces = []
        for p_index, plan in enumerate(plans):
            for target in plan.targets:
                self.targets.setdefault((p_index, target.clause), []).append(target)
            for task in plan.tasks:
                self.tasks.setdefault((p_index, task.clause), []).append(task)
            # a plan read before (in this process) is not read again: only a new or changed plan is
            pieces.append(
                plan_piece(
                    (plan.meta, plan.clauses), lambda plan=plan: self._sections(plan), lambda plan=plan: _digest(plan)
                )
            )
        self.index = Index(pieces)
        self._hints = [_PlanHints.of(plan) for plan in plans]
        self._by_reference: dict[str, list[int]] = {}
        self._texts: dict[str, str] = {}
        self._clauses: dict[int, dict[str, str]] = {}
        for p_index, plan in enumerate(plans):
            self._by_reference.setdefault(plan.meta.reference, []).append(p_index)

    @cached_property
    def people(self) -> dict[str, list[tuple[int, Fact]]]:
        """Each person the plans name (a signer; "bà Trịnh Thu Hà, Phó Chánh Văn phòng" in a sentence), by
        the folded full name: what the plans say of them (read on the first question about a person)."""
        out: dict[str, list[tuple[int, Fact]]] = {}
        for p_index, plan in enumerate(self.plans):
            meta = plan.meta
            if meta.signer:
                out.setdefault(_folded(meta.signer), []).append((p_index, _signer_fact(meta)))
            for clause in plan.clauses:
                for sentence in self._sentences(clause.text, clause.kind):
                    for m in _PERSON_NAMED.finditer(sentence):
                        name = _folded(re.sub(r"^\S+(?: chí)?\s+", "", m.group(0)))
                        fact = Fact(plan=meta.reference, section=clause.path, quote=sentence)
                        if all(f.quote != sentence for _, f in out.get(name, [])):
                            out.setdefault(name, []).append((p_index, fact))
        return out

    def _person(self, question: str, q: str, typed: str) -> Answer | None:
        """ "Đỗ Khánh Linh chức vụ gì", "bà Trịnh Thu Hà là ai": what the plans say of a person they name."""
        if not _ASKS_PERSON.search(q):
            return None
        named = [name for name in self.people if len(name.split()) >= 2 and re.search(rf"\b{re.escape(name)}\b", typed)]
        if not named:
            return None
        found = [(i, f) for name in named for i, f in self.people[name]]
        hinted, _ = self._plans_hinted(q, question)
        if hinted is not None:
            found = [(i, f) for i, f in found if i in hinted] or found
        signed = [f for _, f in found if f.person is not None]
        if signed and len(signed) == len(found):
            return Answer(question=question, found=True, kind="signer", facts=tuple(signed[:2]))
        return Answer(question=question, found=True, kind="text", facts=tuple(f for _, f in found[:2]))

    @cached_property
    def initials(self) -> dict[str, str]:
        """The abbreviations the loaded plans' unit names make (read on the first question, not at build)."""
        names = [n for plan in self.plans for t in plan.tasks for n in (*t.leads, *t.partners)]
        names += list(self.unit_names.values())
        texts = (c.text for plan in self.plans for c in plan.clauses if "(" in c.text)
        return initials_map(names, texts)

    @classmethod
    def _sections(cls, plan: Plan) -> list[Section]:
        """The plan's clauses as the index reads them (appendix clauses only as headings), then its preamble."""
        position = {c.path: i for i, c in enumerate(plan.clauses)}
        sections = []
        for clause in plan.clauses:
            sections.append(
                Section(
                    path=clause.path,
                    kind=clause.kind,
                    parent=position.get(clause.parent or "", -1) if clause.parent else -1,
                    heading=clause.text.split("\n", 1)[0][:200],
                    own_heading=clause.text.split("\n", 1)[0] if "\n" in clause.text else "",
                    sentences=() if clause.kind == "appendix" else tuple(cls._sentences(clause.text, clause.kind)),
                )
            )
        meta = plan.meta
        preamble = f"{meta.title}. {meta.reference}. {meta.place or ''} {meta.year}"
        sections.append(Section(path="", kind="preamble", parent=-1, heading="", own_heading="", sentences=(preamble,)))
        return sections

    @staticmethod
    def _sentences(text: str, kind: str) -> list[str]:
        if kind == "row":
            return [text]
        parts = [s.strip() for s in _SENTENCE.split(text) if s and s.strip()]
        out: list[str] = []
        for part in parts:
            if out and len(part) < 25:
                out[-1] = f"{out[-1]} {part}"
            else:
                out.append(part)
        return out or [text]

    # -- plan hints ------------------------------------------------------------------------------
    def _title_words(
        self, hinted: set[int] | None, words: list[str], content: list[str], hint_words: set[str]
    ) -> frozenset[str]:
        """The question's words that name one of (at most two) hinted plans by its title: a run of three or
        more of them in the title's order, with at least two other words left to ask with."""
        if hinted is None or len(hinted) > 2:
            return frozenset()
        best: list[str] = []
        for i in hinted:
            # the run is read with the hint words in place: "chuyển đổi số" is a run though "số" folds as "Sở"
            run = _title_run(words, self._title_pairs[i])
            best = max(best, [w for w in run if w not in hint_words] if len(run) >= 3 else [], key=len)
        named = frozenset(best) if len(best) >= 2 else frozenset()
        return named if len([w for w in content if w not in named]) >= 2 else frozenset()

    @cached_property
    def _title_pairs(self) -> list[frozenset[tuple[str, str]]]:
        """Each plan's title as adjacent word pairs, read after each document noun ("KH nâng cao chỉ số …"):
        once per engine."""
        return [
            frozenset(
                pair
                for noun in ("kế hoạch", "công văn", "quyết định")
                for pair in itertools.pairwise(tokens(f"{noun} {plan.meta.title}"))
            )
            for plan in self.plans
        ]

    def _plans_hinted(self, q: str, original: str, margin: float = 0.0) -> tuple[set[int] | None, set[str]]:
        """Plans the question names: by number, issuer, place, level (Sở/Phòng/quận/huyện) or year.

        Folding makes "quận", "quản" and "quan" (or "sở", "số", "sơ") one word, so levels are read from
        the question as typed when it has diacritics, and only from unambiguous forms when it has none."""
        typed = original.lower()
        marked = typed != fold(typed)
        level_so = bool(re.search(r"(?<!cơ )(?<!trụ )\bsở\b", typed)) if marked else bool(_SO_GD.search(q))
        level_phong = bool(re.search(r"\bphong (?:gd|giao duc)|\bpgd\b", q))
        local = (
            bool(re.search(r"\b(?:quận|huyện)\b", typed))
            if marked
            else bool(re.search(r"\bquan \d|\bhuyen\b|\b(?:o|cua|tai) quan\b(?! ly)", q))
        )
        level_ubnd = bool(re.search(r"\b(?:ubnd|uy ban nhan dan)\b", q))
        years = {int(y) for y in re.findall(r"\b(20\d\d)\b", q)}
        scores = [0.0] * len(self.plans)
        used: set[str] = {str(y) for y in years}
        if years:
            used.add("nam")
        named = bool(years or level_so or level_phong or local or level_ubnd)
        # a plan's number follows the kind of document ("KH 513", "quyết định số 215") or leads its symbol
        # ("259/KH"); "khối 12", "tháng 11", "15 ngày" are not plan numbers
        numbers = set(_PLAN_NUMBER.findall(q)) | set(re.findall(r"\b(\d+)/[a-z]", q))
        titled = {m.group(2): m.group(1).split() for m in _TITLED_NUMBER.finditer(q)}
        places = {place: bool(pattern.search(q)) for place, pattern in _PlanHints.places.items()}
        for i, hint in enumerate(self._hints):
            if hint.number and (
                hint.number in numbers if hint.number.isdigit() else re.search(rf"\b{re.escape(hint.number)}\b", q)
            ):
                scores[i] += 5
                named = True
                used.add(hint.number)
            elif hint.number in titled and set(titled[hint.number]) <= hint.title_words:
                scores[i] += 5  # the words before the number are the plan's own title's: they name it
                named = True
                used.add(hint.number)
                used.update(titled[hint.number])
            if (hint.place and places.get(hint.place)) or (hint.school and places.get(hint.school)):
                scores[i] += 3  # a place decides more than a year: the year may be one the place has no plan for
                named = True
                used.update(hint.place_words)
                used.update(hint.issuer_words)  # "trường THPT Bình Sa": the school, not the topic
                if hint.level == "ubnd" and not (level_so or level_phong):
                    scores[i] += _TIE_BREAK  # a bare place name means the place's own plan
            if len(years) > 1 and years <= hint.years:
                scores[i] += 2.5  # "giai đoạn 2027-2028" asked: the plan of that span before a plan of 2027
            elif hint.year in years or (years & hint.own_years and scores[i] >= 3):
                # a year of a plan's period counts as its own when the question names the plan's place or number
                # too; by the year alone, "năm 2028" is first the plan of 2028
                scores[i] += 2
            elif years & hint.years:
                scores[i] += 1.5  # "năm 2028" is first the plan of 2028, then one whose span holds it
            if level_so and hint.level == "so":
                scores[i] += 1.5
            if level_phong and hint.level == "phong":
                scores[i] += 1.5
            if local and hint.local:
                scores[i] += 1
            if level_ubnd and hint.level == "ubnd":
                scores[i] += 1.5
        if level_so:
            used |= {"so", "gd", "gddt"}
        if level_phong:
            used |= {"phong", "giao", "duc", "dao", "tao", "pgd", "gd", "gddt"}
        if local:
            used |= {"quan", "huyen"}
        if level_ubnd:
            used |= {"uy", "ban", "nhan", "dan"}
        if not named:
            return None, set()
        best = max(scores)
        if best <= 0:
            return None, set()
        return {i for i, s in enumerate(scores) if s >= best - margin - 0.01}, used

    # -- answering -------------------------------------------------------------------------------
    def ask(self, question: str, lang: str | None = None, *, plan: str | None = None, _titled: bool = False) -> Answer:
        """The answer to one question; `lang` is the asker's language when known ("en" reads English
        questions through the bridge more readily); `plan` is a plan's reference the asker chose when asked
        back which plan they meant, and narrows the question to it as if the question had named it.
        `_titled`: asked again without the words that only name the plan by its title (see below)."""
        if not any(ch.isalpha() for ch in question):  # a bare number or symbol asks nothing
            return Answer(question=question, found=False)
        talk = small_talk(fold(question))
        if talk is not None:
            return Answer(question=question, found=True, kind="smalltalk", talk=talk)
        q = without_talk(normalize_query(question))
        english = is_english(q, 1 if lang == "en" else 2)
        if english:
            q = _normalize_folded(bridge(q))
        q = expand_initials(q, self.initials, self.index.idf)
        typed = q  # a person's name as typed: mending "hồng" into "công" would lose it
        q = self._corrected(q)  # "bao lâu 1 lna": typos mended before the question's kind is read
        # -- list answers (plans/lists.py): a plan's targets, a unit's tasks, the months of a duty ------------
        person = self._person(question, q, typed)  # "Đỗ Khánh Linh chức vụ gì", "bà Hà làm gì": before any list
        if person is not None:
            return person
        listed = self._list_answer(question, q)
        if listed is not None:
            return listed
        # -------------------------------------------------------------------------------------------------
        hinted, hint_words = self._plans_hinted(q, question)
        if plan is not None and plan in self._by_reference:
            hinted = set(self._by_reference[plan])
        bare = self._without_places(q, hinted)  # "xã Suối Mây" is no "mấy": what is asked, read without places
        kind = question_kind(_without_machines(bare, question))
        subject = _ASKING.sub(" ", q)
        for i in hinted or ():  # "bc năm KH 187 gửi những đâu": "KH 187" names the plan; the report is what is asked
            number = self._hints[i].number
            if number.isdigit():
                subject = re.sub(rf"\b(?:ke hoach|quyet dinh|cong van|cv)\s+(?:so\s+)?0*{number}\b", " ", subject)
        words = tokens(subject, normalized=True)  # typos were mended in q (_corrected)
        if kind == "signer":
            return self._signer(question, hinted, words, asked_role(q))
        if kind == "unit" and "dau moi" in q and hinted is not None:
            # "ai là đầu mối": the person the plan names as its contact, with their office
            contact = [f for f in (self._named_contact(self.plans[i]) for i in sorted(hinted)) if f is not None]
            if contact:
                return Answer(question=question, found=True, kind="text", facts=tuple(contact[:2]))
        term = _ASKS_TERM_END.search(q)
        if term is not None and hinted is not None:
            ended = self._term_end(question, hinted, term.group(1) or term.group(2))
            if ended is not None:
                outside = self._outside(q, question, list(ended.facts), hinted)  # "năm học 2027-2028" asked
                if outside is not None:
                    return Answer(question=question, found=False, kind=kind, outside=outside[0], covered=outside[1])
                return ended
        if (
            hinted is not None
            and len(hinted) == 1
            and _ASKS_OWN_NUMBER.search(q)
            and len(_DOCUMENT_NOUN.findall(q)) == 1  # "QĐ 64 phê duyệt kế hoạch số mấy" asks the other one's
            and self._describes_plan(subject, hint_words, next(iter(hinted)))
        ):
            return self._own_number(question, next(iter(hinted)))
        if hinted is not None and len(hinted) == 1 and _ASKS_OWN_DATE.search(q):
            dated = self._own_date(question, next(iter(hinted)))
            if dated is not None:
                return dated
        content = [w for w in words if w not in hint_words] or words
        title_words = self._title_words(hinted, words, content, hint_words)
        if _titled:
            content = [w for w in content if w not in title_words]
        if kind == "figure" and re.search(r"\bty le\b", q) and "%" not in q:
            # "tỷ lệ … bao nhiêu" asks for a share: a sentence may state it as "tối thiểu 90% các khoản thu"
            content = [w for w in content if w not in ("ty", "le")] or content
        # a date the plans never write ("đến 31/12/2026") says when, not what: its year is checked, not searched
        content = [w for w in content if not (_A_DATE.fullmatch(w) and w not in self.index.idf)] or content
        query_terms = terms(content)
        if english:  # English word order makes pairs the plans cannot hold ("six-month report"): keep theirs only
            query_terms = [t for t in query_terms if "_" not in t or t in self.index.idf]
        items = items_asked(q) if kind in ("unit", "text") else None
        if kind == "text" and len(set(content)) < 2 and not english and not (items is not None and items.sent_to):
            return Answer(question=question, found=False, kind=kind)  # one word ("tiếp") asks nothing to quote
        strict = (
            kind == "text"
            and not any(asked.search(q) for asked, _ in (*_SENTENCE_EVIDENCE, *_EXCLUSIVE_EVIDENCE))
            # "ở xã X … có … không", "trường TH Kim Đồng có … không": the plan or place named decides
            and not (_YES_NO.search(q) and (hinted is not None or named_places(question)))
            and not asks_address(q)
        )
        hits = self.index.search(query_terms, allowed=hinted, strict=strict)
        if hinted is not None and plan is None and max((h.coverage for h in hits), default=0.0) < MIN_COVERAGE:
            # "trường ở Q7 … gửi văn bản về đâu": a bare place means its UBND's plan first, but its other plans
            # (the Phòng's) are as much the place's when the first holds nothing on the question
            near, _ = self._plans_hinted(q, question, margin=_TIE_BREAK)
            wider = self.index.search(query_terms, allowed=near, strict=strict) if near and near != hinted else []
            if wider:
                hits, hinted = wider, near
        if not hits and hinted is not None:
            hits = self.index.search(query_terms, strict=strict)
        top = max((h.score for h in hits), default=1.0) or 1.0
        if kind == "date":
            hits = self._with_named_unit(hits, q)  # "báo cáo của Phòng VHXH": that office's duty, not another's
        if kind == "unit":
            hits = self._with_turn_asked(hits, q, hinted)  # "quý II phòng nào": a rotation that gives quý II a unit
        hits = sorted(hits, key=lambda h: -(h.coverage + 0.15 * h.score / top))
        if items is not None and items.sent_to and hinted is not None and len(hinted) == 1:
            sent_to = self._addressees(next(iter(hinted)))  # "công văn 1736 gửi những ai": its "Kính gửi"
            if sent_to is not None:
                return Answer(question=question, found=True, kind="text", facts=(sent_to,))
        if items is not None and not items.sent_to:  # "những trường nào …": the sentence that names them all
            listed = self._enumeration(query_terms, hinted, items)
            if listed:
                outside = self._outside(q, question, listed, hinted)
                if outside is not None:
                    return Answer(question=question, found=False, kind=kind, outside=outside[0], covered=outside[1])
                return Answer(question=question, found=True, kind="text", facts=tuple(listed))
        facts: list[Fact] = []
        best_cov = 0.0
        roles = [r for r in re.findall(_ROLE, q) if r]  # "email của giám đốc": that office's, nobody else's
        if kind == "email":  # only a sentence with an address can answer; the address is the strong signal
            # "email của phòng KHTC": a contact of another unit does not answer ("… Khe Trúc": the plan's place)
            unit = [w for w in named_unit(q) if w not in hint_words]
            hits = [
                h
                for h in hits
                if self.index.has(h.passage, "email")
                and _holds_roles(_folded(self._clause_of(h.passage)), roles)
                # the office asked is the one the address belongs to, named beside it, not elsewhere in the clause
                and set(unit) <= set(tokens(_whose_contact(self._clause_of(h.passage), _has_email)))
            ]
        elif asks_phone(q):  # likewise a phone number, in the sentence or its clause ("đầu mối: bà …; điện thoại …")
            # "số điện thoại phòng QLCL": a contact of another unit does not answer
            unit = [w for w in named_unit(q) if w not in hint_words]
            hits = [
                h
                for h in hits
                if has_phone(self._clause_of(h.passage))
                and set(unit) <= set(tokens(self._clause_of(h.passage)))
                and _holds_roles(_folded(_whose_contact(self._clause_of(h.passage))), roles)
            ]
            kind = "text"
        floor = {"text": MIN_TEXT_COVERAGE, "email": 0.25}.get(kind, MIN_COVERAGE)
        if asks_phone(q):
            floor = 0.25
        exclusive = _exclusive(q)
        # "gửi những cơ quan nào": a sentence that names whom (the fallback below), not any sentence on the report
        evidenced = (
            kind == "text"
            and not _YES_NO.search(q)
            and any(asked.search(q) for asked, said in _SENTENCE_EVIDENCE if said is _RECIPIENT)
        )
        occasion = kind == "date" and re.search(r"\bkhi nao\b", q) is not None
        for hit in hits[:12] if not (exclusive or evidenced) else ():
            if hit.coverage < floor:
                continue
            fact = self._fact(kind, hit.passage, bare, content)
            if fact is not None and asks_phone(q) and not has_phone(fact.quote):
                fact = replace(fact, quote=self._clause_of(hit.passage))
            said = None
            if fact is None and occasion and not facts and _OCCASION.search(self.index.passages[hit.passage].text):
                said = self._fact("text", hit.passage, bare, content)
            if said is not None:
                # "kiểm tra đột xuất khi nào": the sentence that best holds the question gives an occasion, no date
                facts, kind = [said], "text"
                break
            if fact is None:
                continue
            if not facts:
                best_cov = hit.coverage
                facts.append(fact)
                continue
            if (
                kind == "figure"
                and fact.plan == facts[0].plan
                and hit.coverage >= best_cov - 0.01
                and _ASKS_REACH.search(q)
                and facts[0].comparator in ("<", "<=")
                and fact.comparator in (">=", ">", "=")
            ):
                # "phải đạt bao nhiêu": the figure to reach, not a ceiling set beside it ("không trường nào dưới")
                facts[0] = fact
                continue
            same = (fact.value, fact.dates, fact.units) == (facts[0].value, facts[0].dates, facts[0].units)
            other_plan = fact.plan != facts[0].plan and all(fact.plan != f.plan for f in facts)
            if other_plan and hit.coverage >= best_cov - 0.08 and kind != "text" and len(facts) < 3:
                facts.append(fact)
            if same and not other_plan:
                continue
        if kind == "figure" and facts and hits and hits[0].coverage > best_cov + 0.04:
            # the passage that holds more of the question ("đợt 1 … bao nhiêu mét giá", "trường THCS … bao nhiêu
            # trang") states its own number in a sentence: a target of the whole found lower does not answer
            closer = self._sentence_fact([h for h in hits[:3] if h.coverage > best_cov + 0.04], bare, floor, kind)
            if closer is not None and _narrows(q, closer.quote) - _narrows(q, facts[0].quote):
                facts, kind = [closer], "text"
        gap = next(
            (
                h.passage
                for h in hits[:3]
                # the month a rota skips is by its nature a word its passage lacks: a looser floor
                if h.coverage >= floor - 0.1
                and (not facts or kind in ("unit", "text"))
                and self._rotation_gap(h.passage, q)
            ),
            None,
        )
        if gap is not None and (not facts or facts[0].section == self.index.passages[gap].path):
            # the duty rotates and the month asked is nobody's turn: the plan says no one (in its own words
            # when it has them), not the sentence about the rotation
            said = self._gap_sentence(gap, q)
            if said is not None:
                return Answer(question=question, found=True, kind="text", facts=(said,))
            return Answer(question=question, found=False, kind=kind)
        if not facts and kind != "email":
            # the fact is there but in no structured field (a count with its noun, a recipient, a cited
            # document's number): answer with the sentence that states it
            # whom to contact is each plan's own: a question that names no plan is not answered with one's contact
            contact_unnamed = _ASKS_CONTACT.search(q) and hinted is None
            # a phone of an office the plans give none for is no other sentence's to answer
            holder_asked = asks_phone(q) and bool(roles or named_unit(q))
            fact = None if contact_unnamed or holder_asked else self._sentence_fact(hits, bare, floor, kind)
            if fact is not None:
                facts, kind = [fact], "text"
        if not facts:
            if title_words and not _titled:
                # "tổng kinh phí KH nâng cao chỉ số CCHC, SIPAS": the title's words name the plan, as its number
                # would; the sentence that states the fact need not repeat them
                again = self.ask(question, lang, plan=plan, _titled=True)
                # a sentence weighed with the title's words that did not answer answers no better asked again
                # ("9 tháng … số hóa hồ sơ … bao nhiêu %" of "Cao điểm số hóa hồ sơ": no 9-month figure)
                weighed = {self.index.passages[h.passage].text for h in hits[:12] if h.coverage >= floor}
                if not again.found or any(f.quote not in weighed for f in again.facts):
                    return again
            return Answer(question=question, found=False, kind=kind)
        if hinted is not None:  # the plans the question names answer it; others only when they hold nothing
            named = [f for f in facts if any(i in hinted for i in self._by_reference.get(f.plan, ()))]
            facts = named or facts
        outside = self._outside(q, question, facts, hinted)
        if outside is not None:
            return Answer(question=question, found=False, kind=kind, outside=outside[0], covered=outside[1])
        differ = len({(f.value, f.dates, f.units) for f in facts}) > 1 and len({f.plan for f in facts}) > 1
        if kind == "text" and _ASKS_ITEMS.search(q):
            facts = [self._with_siblings(f) for f in facts]  # "những trường nào": every item, not the first
        return Answer(question=question, found=True, kind=kind, facts=tuple(facts), disagree=differ and hinted is None)

    @cached_property
    def _children(self) -> list[dict[str, list[str]]]:
        """Per plan: the bullets and lettered points under each clause, by the clause's path."""
        out: list[dict[str, list[str]]] = []
        for plan in self.plans:
            children: dict[str, list[str]] = {}
            for clause in plan.clauses:
                if clause.parent and clause.kind in ("bullet", "letter"):
                    children.setdefault(clause.parent, []).append(clause.text)
            out.append(children)
        return out

    def _addressees(self, plan_index: int) -> Fact | None:
        plan = self.plans[plan_index]
        sent_to = self._children[plan_index].get("KG")
        if not sent_to:
            return None
        quote = "\n".join(["Kính gửi:", *(f"- {who}" for who in sent_to)])
        return Fact(plan=plan.meta.reference, section="KG", quote=quote)

    def _items_under(self, passage: Passage) -> list[str]:
        """The bullets a line ending in a colon heads: its clause's own, or when the line closes a bullet
        ("- Cô A, Phó Hiệu trưởng …\nNhà trường có 04 tổ:" then "- Tổ …") the bullets that follow it."""
        children = self._children[passage.plan].get(passage.path)
        if children:
            return children
        plan = self.plans[passage.plan]
        at = next((i for i, c in enumerate(plan.clauses) if c.path == passage.path), None)
        if at is None or plan.clauses[at].kind not in ("bullet", "letter"):
            return []
        clause = plan.clauses[at]
        after = []
        for other in plan.clauses[at + 1 :]:
            if other.parent != clause.parent or other.kind != clause.kind:
                break
            after.append(other.text)
        return after

    def _enumeration(self, query_terms: list[str], hinted: set[int] | None, asked: ItemsAsked) -> list[Fact]:
        """The best-covered sentences that name every item of the kind asked (in brackets, after a colon,
        or as the bullets under them), with others of the same clause that hold as much of the question."""
        hits = self.index.search(query_terms, allowed=hinted, limit=300)
        top = max((h.coverage for h in hits), default=0.0)
        found: list[tuple[Hit, Fact]] = []
        for hit in sorted(hits, key=lambda h: (-h.coverage, -h.score)):
            if hit.coverage < max(MIN_ITEMS_COVERAGE, top - 0.45):
                break
            passage = self.index.passages[hit.passage]
            if found and (passage.plan != self.index.passages[found[0][0].passage].plan or len(found) == 3):
                continue
            if found and (passage.path != found[0][1].section or hit.coverage < found[0][0].coverage - 0.05):
                continue
            children = self._items_under(passage) if passage.text.rstrip().endswith(":") else []
            if heads_items(passage.text, children, asked):
                quote = "\n".join([passage.text, *(f"- {c}" for c in children)])
            elif enumerates(passage.text, asked):
                quote = passage.text
            else:
                continue
            if any(quote == f.quote for _, f in found):
                continue
            found.append((hit, Fact(plan=self.plans[passage.plan].meta.reference, section=passage.path, quote=quote)))
        return [f for _, f in found]

    def _with_siblings(self, fact: Fact) -> Fact:
        """A bullet's fact quoted with its heading line and every bullet beside it: the whole enumeration."""
        plans = [self.plans[i] for i in self._by_reference.get(fact.plan, ())]
        for plan in plans:
            by_path = {c.path: c for c in plan.clauses}
            clause = by_path.get(fact.section)
            if clause is None:
                continue
            parent = by_path.get(clause.parent) if clause.kind in ("bullet", "letter") and clause.parent else None
            if parent is None:
                continue
            items = [c.text for c in plan.clauses if c.parent == parent.path and c.kind == clause.kind]
            if 2 <= len(items) <= 15:
                head = parent.text.split("\n", 1)[0]
                return replace(fact, section=parent.path, quote="\n".join([head, *(f"- {x}" for x in items)]))
        return fact

    def _own_name(self, name: str) -> str:
        """A plan's own place or school typed with a typo ("vanh khyen") is that name; any other name stays as
        typed (mending it into a name the plans hold would answer for a place they do not cover)."""
        if name in _PlanHints.places:
            return name
        mended = self._corrected(name)
        return mended if any(mended in (h.place, h.school) for h in self._hints) else name

    @cached_property
    def _unit_forms(self) -> dict[int, dict[str, str]]:
        """Per plan: each unit its tasks lead, by its normalized spelling."""
        out: dict[int, dict[str, str]] = {}
        for p_index, plan in enumerate(self.plans):
            forms: dict[str, str] = {}
            for task in plan.tasks:
                for unit in task.leads:
                    for spelling in (unit, self.unit_names.get(unit, unit)):
                        form = " ".join(tokens(spelling))
                        if len(form.split()) >= 2:
                            forms[form] = unit
                        forms.update(dict.fromkeys(typed_forms(spelling), unit))  # "phong vhxh"
            out[p_index] = forms
        return out

    def _with_named_unit(self, hits: list[Hit], q: str) -> list[Hit]:
        """Hits whose duty is led by a unit the question names count as covering that name: a question about
        what "Phòng VHXH" sends is about that office's duty, though its sentence ("báo cáo 6 tháng trước ngày
        10/6") names the office only in the heading above it."""
        said = f" {' '.join(tokens(q, normalized=True))} "
        by_plan: dict[int, set[str]] = {}  # the units each plan's forms name in the question, read once
        out = []
        for hit in hits:
            passage = self.index.passages[hit.passage]
            named = by_plan.get(passage.plan)
            if named is None:
                forms = self._unit_forms.get(passage.plan, {})
                named = by_plan[passage.plan] = {unit for form, unit in forms.items() if f" {form} " in said}
            tasks = self.tasks.get((passage.plan, passage.path), [])
            if named and any(set(t.leads) & named and not t.rotating for t in tasks):  # a rotation names them all
                hit = replace(hit, coverage=min(1.0, hit.coverage + 0.1))
            out.append(hit)
        return out

    def _with_turn_asked(self, hits: list[Hit], q: str, hinted: set[int] | None) -> list[Hit]:
        """Hits on a rotating duty that has a turn in the quarter or month asked count as covering the period:
        a rotation writes its periods its own way ("Phòng GDTrH (quý I, III)"), rarely as the question does."""
        quarter = re.search(r"\bquy (iv|iii|ii|i)\b", q)
        month = re.search(r"\bthang (\d{1,2})\b", q)
        if (quarter is None and month is None) or hinted is None or len(hinted) != 1:
            return hits  # a turn is a plan's own: only for a question that names the plan
        slot = {"i": 1, "ii": 2, "iii": 3, "iv": 4}[quarter.group(1)] if quarter else int(month.group(1))  # type: ignore[union-attr]
        frequency = "quarterly" if quarter else "monthly"
        out = []
        for hit in hits:
            passage = self.index.passages[hit.passage]
            tasks = self.tasks.get((passage.plan, passage.path), [])
            if any(
                r.frequency == frequency and any(s == slot for s, _ in r.rotation)
                for t in tasks
                for r in t.schedule.recurrences
            ):
                hit = replace(hit, coverage=min(1.0, hit.coverage + 0.2))
            out.append(hit)
        return out

    # -- what the question names that the fact does not cover -------------------------------------------
    def _clause_of(self, passage_index: int) -> str:
        """The whole clause a passage is a sentence of."""
        return self._clause(self.index.passages[passage_index])

    def _clause(self, passage: Passage) -> str:
        clauses = self._clauses.get(passage.plan)
        if clauses is None:
            clauses = self._clauses[passage.plan] = {c.path: c.text for c in self.plans[passage.plan].clauses}
        return clauses.get(passage.path, passage.text)

    def _without_places(self, q: str, hinted: set[int] | None) -> str:
        """The question without the names of the places it hints at: "Suối Mây" asks no "mấy"."""
        for i in hinted or ():
            place = self._hints[i].place
            if place:
                q = re.sub(rf"\b{re.escape(normalize_query(place))}\b", " ", q)
        return q

    def _corrected(self, q: str) -> str:
        words = [_ASKING_SWAPS.get(w, w) if w not in self.index.idf else w for w in q.split()]
        plain = [i for i, w in enumerate(words) if w.isalpha() and w.isascii() and w not in _QUESTION_WORDS]
        fixed = self.index.correct([words[i] for i in plain])
        for i, w in zip(plain, fixed, strict=True):
            words[i] = w
        return " ".join(words)

    def _clause_text(self, fact: Fact) -> str:
        """The fact's quote with the rest of its clause, folded ("đợt 1 … và đợt 2" beside the date quoted)."""
        clause = next(
            (
                c.text
                for i in self._by_reference.get(fact.plan, ())
                for c in self.plans[i].clauses
                if c.path == fact.section
            ),
            "",
        )
        return _folded(f"{fact.quote} {clause}")

    def _rare(self, name: str) -> bool:
        pair = "_".join(name.split())
        return self.index.idf.get(pair, self.index.max_idf) >= RARE_NAME_IDF

    def _plan_text(self, reference: str) -> str:
        """A plan's whole text, folded: where a name the question gives is looked for."""
        text = self._texts.get(reference)
        if text is None:
            plans = [self.plans[i] for i in self._by_reference.get(reference, ())]
            text = " ".join(
                fold(f"{p.meta.title} {p.meta.issuer} {p.meta.place or ''} " + " ".join(c.text for c in p.clauses))
                for p in plans
            )
            self._texts[reference] = text
        return text

    def _mentions(self, reference: str, level: str | None, name: str) -> bool:
        """The plan names the place or school. A school asked with its level is another school than the
        plan's own issuer of the same name at another level ("Tiểu học Hòa Mỹ", plan of "THCS Hòa Mỹ");
        a name the plan holds in other words ("THPT Sơn Khê" for the schools of Sơn Khê) is not refused."""
        text = self._plan_text(reference)
        if not re.search(rf"\b{re.escape(name)}\b", text):
            return False
        if level is None:
            return True
        plans = [self.plans[i] for i in self._by_reference.get(reference, ())]
        if level in ("xa", "huyen", "quan", "phuong", "tinh"):  # a place by its kind, or the plan's own place
            return bool(re.search(rf"\b{level} {re.escape(name)}\b", text)) or any(
                _folded(p.meta.place or "") == name for p in plans
            )
        forms = next((set(pair) for pair in LEVEL_FORMS if level in pair), {level})
        if any(re.search(rf"\b{re.escape(form)} {re.escape(name)}\b", text) for form in forms):
            return True
        if level not in ("diem",) and re.search(rf"\bdiem (?:truong|le|chinh) {re.escape(name)}\b", text):
            return False  # "THCS Nậm Sai" of a plan where Nậm Sai is a school's site: no school of that name
        issuers = [_folded(p.meta.issuer) for p in plans]
        return not any(name in issuer and issuer.startswith("truong") for issuer in issuers)

    def _of_school(self, fact: Fact, schools: list[str]) -> bool:
        """The fact is the named schools': its sentence names them, or its plan is that school's own."""
        quote = _folded(fact.quote)
        if all(re.search(rf"\b{re.escape(n)}\b", quote) for n in schools):
            return True
        own = [self._hints[i].school or "" for i in self._by_reference.get(fact.plan, ())]
        issuers = [_folded(self.plans[i].meta.issuer) for i in self._by_reference.get(fact.plan, ())]
        return all(any(n in o for o in (*own, *issuers)) for n in schools)

    def _outside(
        self, q: str, question: str, facts: list[Fact], hinted: set[int] | None
    ) -> tuple[Literal["year", "place", "level"], tuple[str, ...]] | None:
        """A year, place or school level that the question names and none of the facts found covers.

        A fact covers a year when its plan is that year's, its quote or its dates name it; a place when its
        plan's place or issuer (or its quote) names it; a level when its quote names it or names no level."""
        plans = {f.plan: self.plans[self._by_reference[f.plan][0]] for f in facts if f.plan in self._by_reference}
        years = {int(y) for y in re.findall(r"\b(20\d\d)\b", q)}
        if years:

            def has_year(f: Fact) -> bool:
                plan = plans.get(f.plan)
                by_year = set(re.findall(r"\bNăm ((?:19|20)\d\d):", f.quote))  # a row of a table by year
                if len(by_year) >= 2 and not {str(y) for y in years} & by_year:
                    return False  # "Năm 2027: từ 87 điểm | Năm 2028: …" says nothing of 2026
                return bool(
                    (plan is not None and plan.meta.year in years)
                    or (plan is not None and bool(_school_years(plan.meta.title) & years))
                    or any(str(y) in f.quote for y in years)
                    or any(d.year in years for d, _ in f.dates)
                )

            if not any(has_year(f) for f in facts):
                return "year", ()
        school_years = set(re.findall(r"\bnam hoc (20\d\d\s*-\s*20\d\d)\b", q))
        if school_years:
            asked = {re.sub(r"\s", "", y) for y in school_years}

            def in_school_year(f: Fact) -> bool:
                said = {re.sub(r"\s", "", y) for y in re.findall(r"20\d\d\s*-\s*20\d\d", self._plan_text(f.plan))}
                return bool(said & asked) or not said

            if not any(in_school_year(f) for f in facts):
                return "year", ()
        districts = set(re.findall(r"\bquan (\d{1,2})\b", q))
        if districts:

            def in_district(f: Fact) -> bool:
                plan = plans.get(f.plan)
                where = _folded(f"{plan.meta.place or ''} {plan.meta.issuer}") if plan else ""
                return any(re.search(rf"\bquan {d}\b", f"{where} {_folded(f.quote)}") for d in districts)

            if not any(in_district(f) for f in facts):
                covered = sorted({p.meta.place for p in plans.values() if p.meta.place})
                return "place", tuple(c for c in covered if not any(ch.isdigit() for ch in c))
        # a name is rare in the plans; "xã báo cáo" (typed without marks) is the plans' commonest phrase
        names = [(level, self._own_name(name)) for level, name in named_places(question)]
        names = [(level, name) for level, name in names if self._rare(name)]
        sites = [name for level, name in names if level == "diem"]
        if sites and not any(all(re.search(rf"\b{re.escape(n)}\b", _folded(f.quote)) for n in sites) for f in facts):
            return "place", ()  # a school's site asked, the whole school's (or another site's) figure found
        schools = [name for level, name in names if level in _SCHOOL_LEVELS]
        if schools and _ASKS_AMOUNT.search(q) and not any(self._of_school(f, schools) for f in facts):
            return "place", ()  # one school's number asked, the plan's total for all its schools found
        if names and not any(all(self._mentions(f.plan, level, name) for level, name in names) for f in facts):
            # a place, office or school by name that the plans of the facts found never mention
            covered = sorted({p.meta.place for p in plans.values() if p.meta.place})
            return "place", tuple(c for c in covered if not any(ch.isdigit() for ch in c))
        if hinted is not None and not any(i in hinted for f in facts for i in self._by_reference.get(f.plan, ())):
            # the question named a plan (number, place, level, year) and the facts come from others
            covered = sorted({p.meta.place for p in plans.values() if p.meta.place})
            return "place", tuple(c for c in covered if not any(ch.isdigit() for ch in c))
        if numbered_qualifiers(q) and all(
            conflicting_number(q, self._clause_text(f))
            # a plan's rounds are the plan's: "đợt 4" of a plan whose rounds are 1 to 3, whatever sentence answered
            or conflicting_number(q, self._plan_text(f.plan), ("dot",))
            for f in facts
        ):
            return "level", ()  # "khối 10" asked, "khối 12" answered
        if all(conflicting_period(q, _normalize_folded(_folded(f.quote))) for f in facts):
            return "level", ()  # "báo cáo 9 tháng" asked, the 6-month report found
        if all(conflicting_sector(q, _folded(f.quote)) for f in facts):
            return "level", ()  # "trường ngoài công lập" asked, "41 trường công lập" found
        if all(conflicting_field(q, _folded(f.quote)) for f in facts):
            return "level", ()  # "lĩnh vực giáo dục" asked, "lĩnh vực đất đai" answered
        asked = {level for level, pattern in _LEVELS.items() if pattern.search(q)}
        if asked:

            def has_level(f: Fact) -> bool:
                quote = _normalize_folded(_folded(f.quote))
                named = {level for level, pattern in _LEVELS.items() if pattern.search(quote)}
                return not named or bool(named & asked)

            if not any(has_level(f) for f in facts):
                quote_levels = {
                    level
                    for f in facts
                    for level, pattern in _LEVELS.items()
                    if pattern.search(_normalize_folded(_folded(f.quote)))
                }
                return "level", tuple(_LEVEL_NAMES[level] for level in sorted(quote_levels))
        return None

    def _signer(self, question: str, hinted: set[int] | None, words: list[str], role: str | None = None) -> Answer:
        """Who signed a plan; or who holds an office, known only when that office's holder signed it."""
        candidates = sorted(hinted) if hinted else []
        if not candidates:
            about = [w for w in words if w not in ("ky", "nguoi", "ten", "ke", "hoach", "van", "ban")] or words
            hits = self.index.search(terms(about))
            if hits:
                candidates = [self.index.passages[hits[0].passage].plan]
        if role is not None and len(candidates) > 1:
            # "tổ trưởng tổ công tác … là ai" of a Sở with several plans: the plan whose holder of that office
            # is named beside more of the question's words
            asked = set(words)

            def overlap(i: int) -> int:
                held = self._holder_facts(i, role, question)
                said = " ".join(f.quote for f in held) + " " + self.plans[i].meta.title
                return len(asked & set(tokens(said))) if held else -1

            candidates = [max(candidates, key=overlap)]
        facts = []
        for i in candidates[:1]:
            facts.extend(self._holder_facts(i, role, question))
        return Answer(question=question, found=bool(facts), kind="signer", facts=tuple(facts))

    def _holder_facts(self, i: int, role: str | None, question: str) -> list[Fact]:
        """Who signed plan `i`, or who holds the office asked when the plan names them."""
        meta = self.plans[i].meta
        annexed = self._annex_signature(i, question) if role is None else None
        if annexed is not None:
            return [annexed]
        # the issuer and the symbol ("61/KH-VHXH") name the unit whose head signs
        other_unit = role is not None and _of_another_unit(question, role, f"{meta.issuer} {meta.number or ''}")
        if role is not None and (held_role(meta.signer_title or "") != role or other_unit):
            # the signer holds another office (a deputy signed): the holder asked about is known only
            # where the plan's text names them with that office ("bà Trịnh Thu Hà, Phó Chánh Văn phòng")
            return self._named_holder(i, role, question)
        return [_signer_fact(meta)] if meta.signer else []

    def _annex_signature(self, i: int, question: str) -> Fact | None:
        """A decision's annexed plan signed by its own author ("Kế hoạch 5/KH-VP: CHÁNH VĂN PHÒNG Hồ Văn Tài"),
        when the question asks of that plan: by its number, or as "kế hoạch" of a decision not named as one."""
        plan = self.plans[i]
        clause = next((c for c in plan.clauses if c.path == "KY"), None)
        if clause is None:
            return None
        q = fold(question).lower()
        head, _, rest = clause.text.partition(":")
        number = re.search(r"\d+", head)
        by_number = number is not None and any(int(n) == int(number.group(0)) for n in re.findall(r"\b\d+\b", q))
        own = (plan.meta.number or "").split("/")[0]
        as_plan = bool(re.search(r"\b(?:ke hoach|kh)\b", q)) and not re.search(r"\b(?:quyet dinh|qd)\b", q)
        if not by_number and not (as_plan and not (own and re.search(rf"\b0*{own}\b", q))):
            return None
        words = rest.split()
        at = next((n for n, w in enumerate(words) if not w.isupper()), len(words))
        role, person = " ".join(words[:at]), " ".join(words[at:])
        return Fact(plan=plan.meta.reference, section=clause.path, quote=clause.text, person=person, role=role or None)

    def _first_sentence(self, plan: Plan, holds: Callable[[str], bool]) -> Fact | None:
        """The plan's first sentence, in reading order, that `holds`: cited like any passage."""
        for clause in plan.clauses:
            for sentence in self._sentences(clause.text, clause.kind):
                if holds(sentence):
                    return Fact(plan=plan.meta.reference, section=clause.path, quote=sentence)
        return None

    def _named_contact(self, plan: Plan) -> Fact | None:
        """The person a plan names as whom to contact: "đầu mối: bà …", "Thông tin liên hệ: ông …"."""
        return self._first_sentence(
            plan, lambda s: bool(re.search(r"\b(?:dau moi|lien he)\b", _folded(s)) and _PERSON_NAMED.search(s))
        )

    def _term_end(self, question: str, hinted: set[int], term: str) -> Answer | None:
        """When a term ends, as the plan states it ("học kỳ I từ ngày 05/9/2027 đến ngày 15/01/2028"): the
        sentence that says so, read by the same grammar that dates the plan's per-term duties."""
        wanted = {"i": 1, "ii": 2, "1": 1, "2": 2}[term]
        facts = [f for f in (self._term_sentence(self.plans[i], wanted) for i in sorted(hinted)) if f is not None]
        return Answer(question=question, found=True, kind="text", facts=tuple(facts[:3])) if facts else None

    def _term_sentence(self, plan: Plan, term: int) -> Fact | None:
        def ends_term(sentence: str) -> bool:
            meta = plan.meta
            ctx = plan_time(year=meta.year, issued=meta.start_date, issued_known=True, title="", text=sentence)
            return any(t == term for t, _ in ctx.term_ends)

        return self._first_sentence(plan, ends_term)

    def _describes_plan(self, subject: str, hint_words: set[str], plan_index: int) -> bool:
        """The document the question describes is this plan: its words are the plan's title, issuer or place
        ("kế hoạch CCHC 2027 của Phòng GD Hòn Ngọc"), not another document's ("quyết định cử công chức …")."""
        meta = self.plans[plan_index].meta
        own = set(tokens(f"{meta.title} {meta.issuer} {meta.place or ''} {meta.number or ''}")) | hint_words
        own |= {"ke", "hoach", "quyet", "dinh", "van", "ban", "kh", "qd", "nam", "cua", "so", "nay"}
        words = [w for w in tokens(subject, normalized=True) if not w.isdigit()]
        foreign = [w for w in words if w not in own]
        return len(foreign) <= max(1, len(words) // 4)

    def _own_date(self, question: str, plan_index: int) -> Answer | None:
        """The day the plan the question names was signed ("kế hoạch … ký ngày nào"), from its date line."""
        meta = self.plans[plan_index].meta
        if meta.issue_date is None:
            return None  # a draft's date line is left blank: the question falls to the sentences
        when = f"{meta.issue_date.day:02d}/{meta.issue_date.month:02d}/{meta.issue_date.year}"
        quote = f"{meta.reference}, {meta.place or ''} ngày {when}".replace(",  ngày", ", ngày")
        return Answer(
            question=question, found=True, kind="text", facts=(Fact(plan=meta.reference, section="", quote=quote),)
        )

    def _own_number(self, question: str, plan_index: int) -> Answer:
        """The number of the plan the question names ("kế hoạch CCHC 2027 của Phòng GD Hòn Ngọc số mấy"):
        its reference, which says so when the plan has none (a draft)."""
        meta = self.plans[plan_index].meta
        quote = meta.reference if meta.number else f"{meta.reference}: {meta.title}"
        fact = Fact(plan=meta.reference, section="", quote=quote)
        return Answer(question=question, found=True, kind="text", facts=(fact,))

    def _named_holder(self, plan_index: int, role: str, question: str = "") -> list[Fact]:
        """A sentence of the plan that names a person (ông/bà …) with exactly the office asked about, and what
        the question adds to it ("phó hiệu trưởng phụ trách cơ sở vật chất" is not the one for teaching)."""
        duty = re.search(rf"\b{role} (phu trach(?: [a-z]+){{1,3}})", _normalize_folded(fold(question)))
        wanted = rf"\b{role} {duty.group(1)}\b" if duty else rf"\b{role}\b"
        office = re.compile(rf"(?<!pho ){wanted}" if not role.startswith("pho ") else wanted)
        fact = self._first_sentence(
            self.plans[plan_index],
            lambda s: bool(_PERSON_NAMED.search(s) and office.search(_normalize_folded(_folded(s)))),
        )
        return [fact] if fact is not None else []

    def _fact(self, kind: Kind, passage_index: int, q: str, content: list[str]) -> Fact | None:
        passage = self.index.passages[passage_index]
        plan = self.plans[passage.plan]
        base = {"plan": plan.meta.reference, "section": passage.path, "quote": passage.text}
        if kind == "figure":
            if _ASKS_DOCUMENT_NUMBER.search(q):
                return None  # "kế hoạch số mấy": a document's number, which no target's figure is
            target = self._best_target(passage, q, content)
            if target is None:
                return None
            return Fact(
                **base,
                metric=target.metric,
                comparator=target.comparator,
                value=target.value_text,
                measure=target.measure,
                baseline=target.baseline,
            )
        if kind == "date":
            dates = self._dates(passage, q)
            if not dates:
                return None
            # "xong trước ngày nào, tổ nào làm?": the date and who does it
            units = tuple(self._units(passage, q)) if _UNIT_WORDS.search(_ASKS_DATE_ONLY.sub(" ", q)) else ()
            return Fact(**base, dates=tuple(dates), units=units)
        if kind == "unit":
            units = self._units(passage, q)
            if re.search(r"\btruong nao\b", q):  # "trường nào": a school, not the office that leads the task
                units = [u for u in units if _A_SCHOOL.match(_folded(u))]
            if not units:
                return None
            return Fact(**base, units=tuple(units))
        if kind == "email":
            emails = re.findall(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", passage.text)
            if not emails:
                return None
            return Fact(**base, value=emails[0])
        if passage.kind == "preamble":
            return None
        if len(passage.text.split()) <= 4 and not re.search(r"\d", passage.text):
            return None  # a heading ("Kinh phí") names a topic; the sentences under it say something of it
        clause = self._clause_of(passage_index)
        if clause != passage.text and len(clause) <= 600 and parse_rotation(clause):
            # one turn of a rotation ("Quý I - Văn phòng Sở;") is no answer to how the turns go: the whole list
            base["quote"] = clause
        return Fact(**base)

    def _sentence_fact(self, hits: list, q: str, floor: float, kind: Kind) -> Fact | None:
        """The best-covered sentence that states what kind of thing the question asks for."""
        if kind == "figure" and _ASKS_PERCENT.search(q):
            return None  # a rate is a target's figure; a sentence with another rate does not answer it
        asked_for = [(a, pattern) for a, pattern in (*_SENTENCE_EVIDENCE, *_EXCLUSIVE_EVIDENCE) if a.search(q)]
        if any(pattern is _RECIPIENT for _, pattern in asked_for):
            # "báo cáo ai": the "ai" is who receives, not who is responsible
            asked_for = [(a, p) for a, p in asked_for if p is not _RESPONSIBLE]
        evidence = [pattern for _, pattern in asked_for]
        if kind == "date" and not evidence:
            # a day, a month, or a recurring time ("tại giao ban hằng tuần"); asked "khi nào", an occasion too
            evidence = [_DATE_OR_OCCASION if re.search(r"\bkhi nao\b", q) else _DATE_OR_OFTEN]
        noun = counted_noun(q)
        money = bool(_ASKS_MONEY.search(q))
        if money:
            evidence = [*evidence, _MONEY]  # "kinh phí … bao nhiêu": an amount of money, not any number
            if re.search(r"\btong\b", q):
                evidence.append(_TOTAL)  # "tổng kinh phí": the total, not 150.000 đồng/người/ngày
        elif kind == "figure" and noun is None and not _ASKS_DOCUMENT.search(q) and not _exclusive(q):
            return None  # a bare "bao nhiêu" is a target's figure, not any number a sentence holds
        address = asks_address(q)
        named = _ASKS_NAMED.search(q)  # "thành lập tổ gì", "lấy từ nguồn nào": a sentence that names one
        if not evidence and not address and named is None:
            return None
        documents = bool(_ASKS_DOCUMENT.search(q))
        # a number of the very noun asked is strong evidence: a sentence that holds less of the question's
        # other words may still be the one ("mỗi trường tiểu học … 180 phiếu")
        least = MIN_COUNT_COVERAGE if noun is not None else MIN_COVERAGE
        if _CONTACT in evidence:
            least = 0.25  # a person named after "liên hệ" is strong evidence, as a phone number is
            evidence = [e for e in evidence if e is not _RESPONSIBLE]  # "liên hệ ai": whom, not who is in charge
        duty = _DUTY.search(q)  # "ai chủ trì": a sentence where a unit "chủ trì" the topic is strong evidence
        # "tờ trình số mấy": a sentence that gives a number of that kind of document is as strong
        document = _ASKS_DOCUMENT_NUMBER.search(q)
        numbered = None
        if document is not None:
            numbered = re.compile(rf"\b{document.group(1)} so \d")
        for hit in hits[: 30 if _exclusive(q) else 8]:
            passage = self.index.passages[hit.passage]
            said = duty is not None and duty.group(0) in _folded(passage.text)
            said = said or (numbered is not None and numbered.search(_folded(passage.text)) is not None)
            if hit.coverage < (MIN_COUNT_COVERAGE if said else least):
                continue
            if passage.kind == "preamble" and not passage.path and not documents:
                continue  # the plan's title line; its "Căn cứ" clause is text like any other
            if not all(pattern.search(passage.text) for pattern in evidence):
                continue
            if noun is not None and not states_count(_normalized(_without_past(passage.text, q)), noun):
                continue  # "bao nhiêu công chức": a number of something else does not answer
            if address and not has_address(passage.text):
                continue
            name_given = rf"\b{named.group(1)} (?!{_NOT_A_NAME})[a-z]" if named is not None else None
            if name_given is not None and not re.search(name_given, _folded(passage.text)):
                continue
            plan = self.plans[passage.plan]
            return Fact(plan=plan.meta.reference, section=passage.path, quote=passage.text)
        return None

    def _best_target(self, passage: Passage, q: str, content: list[str]) -> Target | None:
        targets = [
            t
            for t in self.targets.get((passage.plan, passage.path), [])
            if _folded(t.quote) in _folded(passage.text) or _folded(passage.text) in _folded(t.quote)
        ]
        if not targets:
            targets = self.targets.get((passage.plan, passage.path), [])
        if not targets:
            return None
        wanted = set(content)
        want_pct = "phan tram" in q or "ty le" in q or "%" in q

        def score(t: Target) -> float:
            window = _around(t.quote, t.value_text)
            local = set(tokens(window))
            s = len(wanted & local) + 0.3 * len(wanted & set(tokens(t.metric)))
            if want_pct and t.measure == "%":
                s += 0.5
            if t.measure != "%" and set(tokens(t.measure)) & wanted:
                s += 1.0
            return s

        # where things stand answers a question about the past or the present; a goal answers any other
        plan_year = self.plans[passage.plan].meta.year
        asked_years = {int(y) for y in re.findall(r"\b(20\d\d)\b", q)}
        past = bool(plan_year and asked_years and max(asked_years) < plan_year)
        state = (past or bool(_ASKS_STATE.search(q))) and not _ASKS_GOAL.search(q)
        targets = [t for t in targets if t.baseline == state]
        if not state:  # a figure inside a bracket about another year is a baseline ("(năm 2026 … đạt 86,14 điểm)")
            targets = [t for t in targets if t.value_text in _without_past(t.quote, q)]
        if not targets:
            return None
        amount = re.search(r"\bmuc (?:hoc phi|thu|chi|phi|le phi|luong|ho tro|kinh phi|tien|dong gop)\b", q)
        if not want_pct and (amount or _ASKS_MONEY.search(q)):
            targets = [t for t in targets if t.measure != "%"]  # "(mức) học phí … bao nhiêu": an amount, not a share
            if not targets:
                return None
        noun = counted_noun(q)
        if noun is not None and not want_pct:  # "bao nhiêu công chức": a rate of công chức is no count of them
            targets = [
                t
                for t in targets
                if noun.split()[0] in tokens(t.measure)
                or states_count(_normalized(_around(t.quote, t.value_text)), noun)
            ]
            if not targets:
                return None
        best = max(targets, key=score)
        metric = re.sub(r"\([^)]*\)", " ", best.metric)  # an aside in brackets is not what is measured
        own = set(terms(tokens(f"{_around(best.quote, best.value_text)} {metric}")))
        local = own | set(terms(tokens(self._referent(passage))))
        total = sum(self.index.weight(t) for t in set(content)) or 1.0
        if sum(self.index.weight(t) for t in set(content) if t in local) / total < MIN_FIGURE_OVERLAP:
            return None  # the sentence mentions the topic, but its figure measures something else
        said = sum(self.index.weight(t) for t in set(content) if t in own) / total
        if local != own and said < MIN_FIGURE_OVERLAP / 2:
            return None  # "Trong đó tỉ lệ hài lòng …": the sentence before says of what, the figure's own says what
        return best

    def _referent(self, passage: Passage) -> str:
        """The sentence before one that refers back to it ("… khảo sát sự hài lòng … Trong đó tỉ lệ hài lòng
        đảm bảo trên 85%"): what the figure is of is said there."""
        if not _REFERS_BACK.match(passage.text):
            return ""
        sentences = [s.strip() for s in _SENTENCE.split(self._clause(passage))]
        at = next((i for i, s in enumerate(sentences) if s and s in passage.text), 0)
        return sentences[at - 1] if at > 0 else ""

    def _dates(self, passage: Passage, q: str) -> list[tuple[dt.date, str | None]]:
        tasks = [t for t in self.tasks.get((passage.plan, passage.path), []) if t.schedule.is_dated]
        if passage.kind != "row":
            tasks = [
                t
                for t in tasks
                if _folded(t.quote)[:60] in _folded(passage.text) or _folded(passage.text)[:60] in _folded(t.quote)
            ]
        from .occurrences import recurrence_dates

        said = f" {' '.join(tokens(q, normalized=True))} "
        forms = self._unit_forms.get(passage.plan, {})
        named = {unit for form, unit in forms.items() if f" {form} " in said}
        out: list[tuple[dt.date, str | None]] = []
        for task in tasks:
            for d in task.schedule.deadlines:
                out.append((d.due, d.period))
            for rec in task.schedule.recurrences:
                # a unit's own turns of a rotation ("Phòng GDPT viết tháng nào"), not every month's
                turns = {slot for slot, unit in rec.rotation if unit in named}
                out.extend((due, period) for due, period, slot in recurrence_dates(rec) if not turns or slot in turns)
        if not out:
            return []
        period_words = {
            "6 thang": "6 tháng",
            "9 thang": "9 tháng",
            "quy i ": "quý I",
            "quy ii ": "quý II",
            "quy iii ": "quý III",
            "quy iv ": "quý IV",
            "bao cao nam": "năm",
            "cuoi nam": "năm",
        }
        asked = [v for k, v in period_words.items() if k in q + " "]
        if not asked and re.search(r"\b(?:bao cao|bc) (?:hang |moi |dinh ky )?quy\b(?! (?:i|ii|iii|iv|\d)\b)", q):
            asked = ["quý"]  # "báo cáo quý": the quarters' dates, not the term's or the year's
        if asked:
            chosen = [(d, p) for d, p in out if p and any(p.startswith(a) for a in asked)]
            if chosen:
                return chosen
            said = _normalized(passage.text)
            if all(a in ("6 tháng", "9 tháng") and fold(a) not in said for a in asked):
                return []  # "báo cáo 9 tháng" of a plan that has none: not the 6-month report's date
        return sorted(set(out))

    def _rotation_gap(self, passage_index: int, q: str) -> bool:
        """A rotating duty in the passage has no turn in the month asked (of the year asked, when one is)."""
        from .occurrences import recurrence_dates

        passage = self.index.passages[passage_index]
        month = re.search(r"\bthang (\d{1,2})(?: nam (20\d\d))?\b", q)
        quarter = re.search(r"\bquy (iv|iii|ii|i|[1-4])(?:(?:/| nam )(20\d\d))?\b", q)
        if month is not None:
            asked, year, frequency = int(month.group(1)), month.group(2), "monthly"
        elif quarter is not None:
            asked = ROMAN[quarter.group(1)]
            year, frequency = quarter.group(2), "quarterly"
        else:
            return False
        for task in self.tasks.get((passage.plan, passage.path), []):
            for rec in task.schedule.recurrences:
                if rec.rotation and rec.frequency == frequency:
                    turns = {slot for slot, _ in rec.rotation}
                    if year is None:
                        return asked not in turns
                    return all(
                        not (slot == asked and due.year == int(year) and slot in turns)
                        for due, _, slot in recurrence_dates(rec)
                    )
        return False

    def _gap_sentence(self, passage_index: int, q: str) -> Fact | None:
        """The plan's own word that a month has no turn ("Tháng 6, 7 và 8/2029 không phân công tổ trực")."""
        month = re.search(r"\bthang (\d{1,2})\b", q)
        passage = self.index.passages[passage_index]
        if month is None:
            return None
        for sentence in re.split(r"(?<=[.;])\s+|\n", self._clause_of(passage_index)):
            folded = _normalized(sentence)
            if re.search(r"\bkhong\b", folded) and re.search(
                rf"\bthang (?:\d{{1,2}}(?: nam 20\d\d)?,? (?:va )?)*{month.group(1)}\b|\b{month.group(1)} nam 20\d\d\b",
                folded,
            ):
                return Fact(plan=self.plans[passage.plan].meta.reference, section=passage.path, quote=sentence.strip())
        return None

    def _units(self, passage: Passage, q: str) -> list[str]:
        tasks = self.tasks.get((passage.plan, passage.path), [])
        if not tasks and "-" in passage.path:
            # a dash item under "Giao Văn phòng HĐND&UBND quận:" is that unit's, as every item below the header is
            parent = self.tasks.get((passage.plan, passage.path.rsplit("-", 1)[0]), [])
            heads = [u for t in parent if t.quote.rstrip().endswith(":") for u in t.leads]
            return list(dict.fromkeys(self.unit_names.get(u, u) for u in heads))
        if passage.kind != "row":
            tasks = [
                t
                for t in tasks
                if _folded(t.quote)[:60] in _folded(passage.text)
                or _folded(passage.text)[:60] in _folded(t.quote)
                or t.schedule.undated
            ]
        m = re.search(r"\bquy (iv|iii|ii|i)\b", q)
        month = re.search(r"\bthang (\d{1,2})\b", q)
        if (m or month) and any(r.rotation for t in tasks for r in t.schedule.recurrences):
            # a month's or quarter's turn is the rotation's to say; a duty of the same sentence that does not
            # rotate ("bài gửi duyệt trước ngày 20 hằng tháng") names everybody, not the one whose turn it is
            tasks = [t for t in tasks if any(r.rotation for r in t.schedule.recurrences)]
        out: list[str] = []
        for task in tasks:
            rotation = [r for r in task.schedule.recurrences if r.rotation]
            if rotation and m:
                slot = {"i": 1, "ii": 2, "iii": 3, "iv": 4}[m.group(1)]
                out.extend(self.unit_names.get(u, u) for i, u in rotation[0].rotation if i == slot)
                continue
            if rotation and month and rotation[0].frequency == "monthly" and 1 <= int(month.group(1)) <= 12:
                # a month's turn; a month the rotation skips has nobody, not everybody
                slot = int(month.group(1))
                out.extend(self.unit_names.get(u, u) for i, u in rotation[0].rotation if i == slot)
                continue
            # "phối hợp phòng nào": the partners, not the lead; "ai chủ trì, ai phối hợp": both
            units = task.leads
            if "phoi hop" in q and task.partners:
                units = (*task.leads, *task.partners) if "chu tri" in q else task.partners
            out.extend(self.unit_names.get(u, u) for u in units)
        return list(dict.fromkeys(out))

    def _list_answer(self, question: str, q: str) -> Answer | None:
        """A list question's answer (plans/lists.py), cited item by item; None when the question asks for one fact."""
        asked = list_question(q)
        if asked is None:
            return None
        hinted, hint_words = self._plans_hinted(q, question)
        listing = answer_list(asked, q, self.plans, hinted, hint_words, self.index.weight, question)
        if listing is None:
            return None
        facts = tuple(Fact(plan=i.plan, section=i.section, quote=i.quote) for i in listing.items)
        if facts:
            # the year, place, school level the question names: items that do not cover them are not listed
            kept = [i for i, f in enumerate(facts) if self._outside(q, question, [f], hinted) is None]
            if not kept:
                outside = self._outside(q, question, list(facts), hinted) or ("place", ())
                return Answer(question=question, found=False, kind="list", outside=outside[0], covered=outside[1])
            if len(kept) < len(facts):
                listing = replace(listing, items=tuple(listing.items[i] for i in kept))
                facts = tuple(facts[i] for i in kept)
        return Answer(question=question, found=bool(listing.items), kind="list", facts=facts, listing=listing)


def _signer_fact(meta: PlanMeta) -> Fact:
    """Who signed the plan, with the title of the signature block, cited from the plan itself."""
    return Fact(
        plan=meta.reference,
        section="",
        quote=f"{meta.signer_title or ''} {meta.signer}".strip(),
        person=meta.signer,
        role=meta.signer_title,
    )


def _without_past(text: str, q: str) -> str:
    """The sentence without brackets about another year ("(năm 2026 đạt 86,14 điểm)"): a baseline beside
    the target is not what a question about the plan's own year asks."""
    asked = set(re.findall(r"\b20\d\d\b", q))

    def other_year(m: re.Match[str]) -> str:
        years = set(re.findall(r"\b20\d\d\b", m.group(0)))
        return " " if years and not years & asked else m.group(0)

    return re.sub(r"\([^()]*\)", other_year, text)


def _title_run(words: list[str], pairs: frozenset[tuple[str, str]]) -> list[str]:
    """The longest run of `words` that follows a title's word pairs in order."""
    best: list[str] = []
    run: list[str] = []
    for a, b in itertools.pairwise(words):
        if (a, b) in pairs:
            run = [*run, b] if run and run[-1] == a else [a, b]
            best = max(best, run, key=len)
        else:
            run = []
    return best


def _period_years(title: str) -> set[int]:
    """Each year of the period a plan is for ("giai đoạn 2026-2030" -> 2026 … 2030)."""
    spans = re.findall(r"giai đoạn\s+(20\d\d)\s*[-–]\s*(20\d\d)", title, re.I)
    return {
        y
        for first, last in spans
        if int(first) <= int(last) <= int(first) + 10
        for y in range(int(first), int(last) + 1)
    }


def _school_years(title: str) -> set[int]:
    """The calendar years a school year in a plan's title spans ("năm học 2026-2027" -> 2026, 2027)."""
    return {int(y) for pair in re.findall(r"(20\d\d)\s*[-–]\s*(20\d\d)", title) for y in pair}


def _around(quote: str, value: str) -> str:
    """The clause piece holding a figure: from the previous comma or semicolon to the next."""
    position = quote.find(value)
    if position < 0:
        return quote
    start = max(quote.rfind(",", 0, position), quote.rfind(";", 0, position), quote.rfind("(", 0, position))
    ends = [i for i in (quote.find(",", position), quote.find(";", position), quote.find("(", position)) if i >= 0]
    end = min(ends) if ends else len(quote)
    return quote[start + 1 : end]


def prefer_units(answer: Answer, names: set[str]) -> Answer:
    """The same answer with the facts that concern one of `names` (a unit's spellings) first."""
    if not names or len(answer.facts) < 2:
        return answer
    wanted = {fold(n) for n in names}

    def concerns(fact: Fact) -> bool:
        return any(fold(u) in wanted for u in fact.units) or any(w in fold(fact.quote) for w in wanted if len(w) > 3)

    ordered = sorted(answer.facts, key=lambda f: not concerns(f))
    return replace(answer, facts=tuple(ordered))
