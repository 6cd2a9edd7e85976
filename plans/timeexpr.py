"""Vietnamese administrative time expressions -> deadlines, recurrences, or an honest "undated".

A deadline is composed, not enumerated: an *anchor* (a date; a day of a period such as "ngày 5 của tháng
cuối quý"; a week; a whole period; an event of the plan counted in days or working days) inside a
*period* (tháng, quý, 6 tháng, 9 tháng, năm, học kỳ, năm học; lists of months or quarters), repeated over
a *span* ("hằng tháng", "3 tháng/lần", "từ tháng 2 đến tháng 4/2027", a year, a school year), possibly
assigned to a unit per period (rotations, in `units`). A report's *name* ("báo cáo 6 tháng") is a period,
never a date; a missing year comes from the plan (for a school year: September-December from its first
year, January-August from its second). Per-event rules ("trong 05 ngày làm việc kể từ khi tiếp nhận"),
"thường xuyên", "khi có yêu cầu" stay undated. What cannot be resolved is flagged, never guessed.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field

from .model import Deadline, Recurrence, Schedule
from .text import fold_aligned, normalize
from .workdays import add_working_days

ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
ROMAN_OUT = {1: "I", 2: "II", 3: "III", 4: "IV"}
ROMAN_ALL = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10, "xi": 11}
ROMAN_ALL |= {"xii": 12, "xiii": 13, "xiv": 14, "xv": 15}


def roman_value(token: str) -> int | None:
    """1 for "I" or "1", 4 for "IV"…; None when the token is neither."""
    token = token.strip().lower()
    if token.isdigit():
        return int(token)
    return ROMAN_ALL.get(token)


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def quarter_end(year: int, quarter: int) -> dt.date:
    return month_end(year, quarter * 3)


def quarter_label(quarter: int, year: int) -> str:
    return f"quý {ROMAN_OUT[quarter]}/{year}"


def add_months(year: int, month: int, count: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + count
    return index // 12, index % 12 + 1


def day_in_month(year: int, month: int, day: int | None) -> dt.date:
    """`day` of the month, or its last day; a day past the month's end is its last day (31 in June)."""
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(day, last) if day else last)


@dataclass(frozen=True)
class TimeContext:
    """What a plan tells about its own time: its year, the day it takes effect, its school year and terms."""

    year: int
    issued: dt.date
    issued_known: bool = True
    school_year: int | None = None  # the autumn year of a school-year plan (2026 for 2026-2027)
    term_ends: tuple[tuple[int, dt.date], ...] = ()  # (1, end of học kỳ I), (2, end of học kỳ II)

    def year_of_month(self, month: int) -> int:
        if self.school_year is not None:
            return self.school_year if month >= 8 else self.school_year + 1
        return self.year

    def window(self) -> tuple[dt.date, dt.date]:
        if self.school_year is not None:
            return dt.date(self.school_year, 9, 1), max(self.term_end(2), dt.date(self.school_year + 1, 5, 31))
        return dt.date(self.year, 1, 1), dt.date(self.year, 12, 31)

    def term_end(self, term: int) -> dt.date:
        stated = dict(self.term_ends)
        if term in stated:
            return stated[term]
        first = self.school_year if self.school_year is not None else self.year - 1
        return dt.date(first + 1, 1, 15) if term == 1 else dt.date(first + 1, 5, 31)

    def term_start(self, term: int) -> dt.date:
        first = self.school_year if self.school_year is not None else self.year - 1
        return dt.date(first, 9, 1) if term == 1 else self.term_end(1) + dt.timedelta(days=1)


# --- patterns over folded text (fold_aligned keeps offsets) ---------------------------------------------

_Y = r"(?P<year>(?:19|20)\d{2})"
_YEAR_TAIL = r"(?:\s*(?:/|-|nam)\s*" + _Y + r")?"
_Q = r"(?:iv|iii|ii|i|[1-4])"
_DATE = re.compile(
    r"(?<![\d/.])(?P<d>3[01]|[12]\d|0?[1-9])\s*[/.-]\s*(?P<m>1[0-2]|0?[1-9])"
    r"(?:\s*[/.-]\s*(?P<y>(?:19|20)\d{2}))?(?![\d/])(?!\s*(?:ngay|thang)\b)"
)
_DATE_WORDS = re.compile(
    r"\bngay\s*(?P<d>3[01]|[12]\d|0?[1-9])\s*(?:thang|/)\s*(?P<m>1[0-2]|0?[1-9])"
    r"(?:\s*(?:nam|/)\s*(?P<y>(?:19|20)\d{2}))?"
)
_NEXT_YEAR = re.compile(r"^\s*(?:cua\s+)?nam\s+(?:sau|tiep theo|ke tiep)\b")
_RELATIVE = re.compile(
    r"(?P<n>\d{1,3})\s*(?:\(\s*[a-z ]+\)\s*)?ngay\s*(?P<work>lam viec\s*)?"
    r"(?:ke tu|tinh tu|sau|ke tu sau)\s*(?:ngay|khi)?\s*(?P<event>[a-z ]{0,40})"
)
_PLAN_EVENT = re.compile(
    r"^(?:ban hanh|ky|quyet dinh|ke hoach|van ban nay|kh nay|qd nay|co hieu luc|duoc ban hanh|phe duyet)"
)
_PER_EVENT = re.compile(
    r"\b(?:ke tu|tinh tu|sau)\s*(?:ngay|khi|thoi diem)?\s*(?:tiep nhan|nhan duoc|nhan|co|phat sinh|xay ra|"
    r"ket thuc|phat hien|hoan thanh|duoc giao|co yeu cau|co van ban|to chuc)"
)
_FREQ = re.compile(
    r"\b(?:moi|hang|hăng|dinh ky hang|dinh ky moi|dinh ky|vao moi)\s+"
    r"(?P<f>thang|quy|nam|6 thang|sau thang|hoc ky)\b(?!\s*(?:/|(?:1[0-2]|0?[1-9])\s*(?:/|nam)))"
)
_YEAR_SPAN = re.compile(
    r"\btu\s*(?:nam\s*)?(?P<a>(?:19|20)\d{2})\s*(?:den|toi|-)\s*(?:het\s*)?(?:nam\s*)?(?P<b>(?:19|20)\d{2})\b"
)
_EVERY_N = re.compile(
    r"\b(?P<n>[1-6])\s*thang\s*(?:/|mot)\s*lan\b|\bdinh ky\s*(?P<m>[2-6])\s*thang\b(?!\s*(?:dau|cuoi))"
)
_DAY_OF_MONTH = re.compile(
    r"\bngay\s*(?P<d>3[01]|[12]\d|0?[1-9])\s*(?:cua\s*)?"
    r"(?:(?P<each>hang|moi|hăng|cac)\s*thang|thang\s*(?P<next>sau|ke tiep|tiep theo)"
    r"|thang(?!\s*(?:\d|cuoi|dau|thu|giua)))"
    r"|\bngay\s*(?P<d2>3[01]|[12]\d|0?[1-9])\s*(?:cua\s*)?thang\s*"
    r"(?P<pos>cuoi|dau|giua|thu (?:nhat|hai|ba|1|2|3))\s*(?:cua\s*|trong\s*)?(?:moi\s*|hang\s*|cac\s*)?quy"
    r"(?P<after>\s*(?:sau|tiep theo|ke tiep))?"
    r"|\bngay\s*cuoi\s*(?:cung\s*)?(?:cua\s*)?(?:moi\s*|hang\s*|cac\s*)?thang\b(?!\s*\d)"
)
# "vào tháng cuối quý", "cuối mỗi quý", "cuối mỗi tháng": the end of each period
_PERIOD_END = re.compile(
    r"\b(?:(?:vao|trong)\s+)?thang\s+cuoi\s+(?:cua\s+)?(?:moi\s+|hang\s+)?quy\b|\bcuoi\s+(?:moi|hang)\s+(?:quy|thang)\b"
)
_BARE_DAY = re.compile(r"\bngay\s*(?P<d>3[01]|[12]\d|0?[1-9])\b(?!\s*(?:/|-|\.\s*\d|thang|cua|hang|moi))")
_WEEK = re.compile(
    r"\btuan\s*(?P<which>cuoi(?: cung)?|dau(?: tien)?|thu\s*(?:nhat|hai|ba|tu|[1-4]))\s*(?:cua\s*)?thang\s*"
    r"(?P<m>1[0-2]|0?[1-9])" + _YEAR_TAIL
)
_MONTH = re.compile(r"\bthang\s*(?P<m>1[0-2]|0?[1-9])\b(?!\s*(?:nam|thang)\b(?!\s*\d))(?!\s*/\s*lan)" + _YEAR_TAIL)
_MONTH_LIST = re.compile(
    r"\b(?:cac\s+)?thang\s*(?P<first>1[0-2]|0?[1-9])(?P<more>(?:\s*(?:,|va|;|\+)\s*(?:thang\s*)?(?:1[0-2]|0?[1-9])\b(?!\s*/\s*\d))+)"
    + _YEAR_TAIL
)
_QUARTER = re.compile(r"\bquy\s*(?P<q>" + _Q + r")\b" + _YEAR_TAIL)
_QUARTER_LIST = re.compile(
    r"\b(?:cac\s+)?quy\s*(?P<first>" + _Q + r")(?P<more>(?:\s*(?:,|va|;)\s*(?:quy\s*)?" + _Q + r"\b)+)" + _YEAR_TAIL
)
_TERM = re.compile(r"\b(?:cuoi\s+)?(?:hoc ky|hk)\s*(?P<t>ii|i|1|2)\b")
_SCHOOL_YEAR = re.compile(r"\bnam hoc\s*(?P<a>(?:19|20)\d{2})\s*[-–/]\s*(?P<b>(?:19|20)\d{2})")
_HALF = re.compile(r"\b6\s*thang\s*(?P<h>dau|cuoi)\s*nam" + _YEAR_TAIL)
_YEAR_ONLY = re.compile(r"\b(?:(?:trong|cuoi|het|ca)\s+)?nam\s*" + _Y + r"\b(?!\s*[-–]\s*(?:19|20)\d{2})")
_IN_YEAR = re.compile(r"\b(?:trong|cuoi|het)\s+nam\b(?!\s*(?:hoc|truoc|sau|\d))")
_SPAN = re.compile(
    r"\btu\s*(?:(?:ngay\s*)?(?P<d1>\d{1,2})\s*/\s*)?(?:thang\s*)?(?P<m1>1[0-2]|0?[1-9])(?:\s*/\s*(?P<y1>(?:19|20)\d{2}))?"
    r"\s*(?:den|toi|-)\s*(?:het\s*)?(?:(?:ngay\s*)?(?P<d2>\d{1,2})\s*/\s*)?(?:thang\s*)?(?P<m2>1[0-2]|0?[1-9])"
    r"(?:\s*(?:/|nam)\s*(?P<y2>(?:19|20)\d{2}))?"
)
_BEFORE = re.compile(r"\b(?:truoc|den truoc|chua den)\s*$")
_REPORT_PERIOD = re.compile(
    r"(?P<p>quy\s*" + _Q + r"(?![\w/])|6\s*thang(?:\s*(?:dau|cuoi)\s*nam)?|9\s*thang|(?<!\d\s)nam(?!\s*(?:hoc|\d|sau))"
    r"|hoc ky\s*(?:ii|i|1|2)\b)"
)
_UNDATED = (
    ("thuong xuyen", "Thường xuyên"),
    ("long ghep", "Lồng ghép"),
    ("theo tien do", "Theo tiến độ"),
    ("theo chuong trinh", "Theo chương trình công tác"),
    ("theo ke hoach", "Theo kế hoạch"),
    ("theo lich", "Theo lịch"),
    ("khi co yeu cau", "Khi có yêu cầu"),
    ("khi co van ban", "Khi có yêu cầu"),
    ("theo yeu cau", "Khi có yêu cầu"),
    ("theo quy dinh", "Theo quy định"),
    ("dinh ky", "Định kỳ"),
    ("hang nam", "Hằng năm"),
    ("ca nam", "Cả năm"),
    ("ngay sau khi", "Theo sự việc"),
    ("kip thoi", "Thường xuyên"),
)
# Markers that make a date in running prose a deadline (rather than the date of a cited document).
_DEADLINE_MARKERS = re.compile(
    r"\b(?:cham nhat|truoc|xong|hoan thanh|han chot|thoi han|han|trong thang|trong quy|trong hoc ky|"
    r"khong qua \d+ ngay|gui ve|nop ve|nop|gui|bao cao ve|den het|ket thuc|vao|trong)\b"
)
_CITED_DOCUMENT = re.compile(
    r"(?:\bso\s*\d+|/(?:kh|qd|nd|tt|ct|nq|cv|bc|tb|hd|ubnd|sgddt|pgddt)[\w-]*|\bnghi dinh|\bthong tu|\bchi thi|"
    r"\bnghi quyet|\bcong van|\bquyet dinh|\bluat)[^.;]{0,40}$"
)


@dataclass
class _Hit:
    start: int
    end: int
    deadlines: list[Deadline] = field(default_factory=list)
    kind: str = "date"  # date | month | quarter | term | year | relative | week | period-list


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _period_name(name: str, ctx: TimeContext) -> Deadline:
    """The end of a named reporting period: "quý II", "6 tháng", "9 tháng", "năm", "học kỳ I"."""
    name = re.sub(r"\s+", " ", name.strip())
    year = ctx.year if ctx.school_year is None else ctx.school_year + 1
    if name.startswith("quy"):
        q = ROMAN[name[3:].strip()]
        y = ctx.year_of_month(q * 3)
        return Deadline(due=quarter_end(y, q), period=quarter_label(q, y))
    if name.startswith("hoc ky"):
        t = ROMAN[name.split()[-1]]
        return Deadline(due=ctx.term_end(t), period=f"học kỳ {ROMAN_OUT[t]}")
    if name.startswith("6"):
        if "cuoi" in name:
            return Deadline(due=month_end(ctx.year, 12), period=f"6 tháng cuối năm {ctx.year}")
        return Deadline(due=month_end(year, 6), period=f"6 tháng/{year}")
    if name.startswith("9"):
        return Deadline(due=month_end(year, 9), period=f"9 tháng/{year}")
    return Deadline(due=month_end(ctx.year, 12), period=f"năm {ctx.year}")


def _report_periods(folded: str, ctx: TimeContext) -> list[tuple[int, int, Deadline]]:
    """ "báo cáo quý I, 6 tháng, 9 tháng, năm" -> the end of each named period, with its span."""
    out: list[tuple[int, int, Deadline]] = []
    for match in re.finditer(r"\b(?:bao cao|bc)\b", folded):
        pos = match.end()
        found: list[tuple[int, int, str]] = []
        while True:
            m = re.compile(
                r"\s*(?:,|va|;|\+)?\s*(?:bao cao\s+|bc\s+)?(?:ket qua\s+)?(?:cai cach hanh chinh\s+|cchc\s+)?"
            )
            step = m.match(folded, pos)
            at = step.end() if step else pos
            p = _REPORT_PERIOD.match(folded, at)
            if not p:
                break
            found.append((p.start(), p.end(), p.group("p")))
            pos = p.end()
        if len(found) >= 2:
            out.extend((a, b, _period_name(name, ctx)) for a, b, name in found)
    return out


def _report_name_before(folded: str, start: int) -> str | None:
    """The period a report is named after just before a date: "báo cáo 6 tháng chậm nhất ngày 15/6"."""
    window = folded[max(0, start - 70) : start]
    m = re.search(
        r"(?:bao cao|bc|so ket|tong ket)\s+(?:ket qua\s+)?(?:cai cach hanh chinh\s+|cchc\s+)?"
        r"(quy\s*" + _Q + r"|6\s*thang(?:\s*dau\s*nam)?|9\s*thang|nam|hoc ky\s*(?:ii|i|1|2))"
        r"(?:\s+(?:cham nhat|truoc|gui|nop|ngay|vao|ve|so|giao duc|sgddt|pgddt|ubnd|[a-z]+)){0,6}"
        r"\s*(?:ngay\s*)?[:(]?\s*$",
        window,
    )
    if not m:
        return None
    return re.sub(r"\s+", " ", m.group(1))


def _label_for(name: str, due: dt.date) -> str:
    if name.startswith("quy"):
        return quarter_label(ROMAN[name[3:].strip()], due.year)
    if name.startswith("hoc ky"):
        return f"học kỳ {ROMAN_OUT[ROMAN[name.split()[-1]]]}"
    if name.startswith("6"):
        return f"6 tháng/{due.year}" if due.month >= 6 or "dau" in name else f"6 tháng/{due.year - 1}"
    if name.startswith("9"):
        return f"9 tháng/{due.year}"
    return f"năm {due.year if due.month >= 6 else due.year - 1}"


def _hits(folded: str, ctx: TimeContext) -> list[_Hit]:
    """Every anchored time in the text, with its span, in order."""
    hits: list[_Hit] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    def add(a: int, b: int, deadlines: list[Deadline], kind: str) -> None:
        hits.append(_Hit(a, b, deadlines, kind))
        taken.append((a, b))

    for m in _RELATIVE.finditer(folded):
        if not _PLAN_EVENT.match(m.group("event").strip()):
            continue
        n = int(m.group("n"))
        if not ctx.issued_known:
            add(m.start(), m.end(), [], "relative-unknown")
            continue
        due = add_working_days(ctx.issued, n) if m.group("work") else ctx.issued + dt.timedelta(days=n)
        add(m.start(), m.end(), [Deadline(due=due)], "relative")
    for m in _SPAN.finditer(folded):
        if free(m.start(), m.end()):
            add(m.start(), m.end(), [], "span")
    for m in _YEAR_SPAN.finditer(folded):
        if free(m.start(), m.end()):
            add(m.start(), m.end(), [], "span")
    for m in _WEEK.finditer(folded):
        if not free(m.start(), m.end()):
            continue
        month = int(m.group("m"))
        y = int(m.group("year")) if m.group("year") else ctx.year_of_month(month)
        which = m.group("which")
        if which.startswith("cuoi"):
            due = month_end(y, month)
        else:
            n = {"dau": 1, "nhat": 1, "hai": 2, "ba": 3, "tu": 4}.get(which.split()[-1], None)
            n = n or int(re.sub(r"\D", "", which) or 1)
            due = day_in_month(y, month, 7 * n)
        add(m.start(), m.end(), [Deadline(due=due, period=f"tháng {month}/{y}")], "week")
    for pattern in (_DATE_WORDS, _DATE):
        for m in pattern.finditer(folded):
            if not free(m.start(), m.end()):
                continue
            month = int(m.group("m"))
            y = int(m.group("y")) if m.group("y") else ctx.year_of_month(month)
            if not m.group("y") and _NEXT_YEAR.match(folded[m.end() :]):
                y += 1
            date = _safe_date(y, month, int(m.group("d")))
            if date:
                end = m.end()
                nxt = _NEXT_YEAR.match(folded[end:])
                if nxt:
                    end += nxt.end()
                add(m.start(), end, [Deadline(due=date)], "date")
    for m in _HALF.finditer(folded):
        if free(m.start(), m.end()):
            y = int(m.group("year")) if m.group("year") else ctx.year
            due = month_end(y, 6) if m.group("h") == "dau" else month_end(y, 12)
            label = f"6 tháng/{y}" if m.group("h") == "dau" else f"6 tháng cuối năm {y}"
            add(m.start(), m.end(), [Deadline(due=due, period=label)], "half")
    for m in _QUARTER_LIST.finditer(folded):
        if not free(m.start(), m.end()):
            continue
        quarters = [ROMAN[m.group("first")], *(ROMAN[q] for q in re.findall(_Q, m.group("more")))]
        out = []
        for q in quarters:
            y = int(m.group("year")) if m.group("year") else ctx.year_of_month(q * 3)
            out.append(Deadline(due=quarter_end(y, q), period=quarter_label(q, y)))
        add(m.start(), m.end(), out, "quarter-list")
    for m in _QUARTER.finditer(folded):
        if not free(m.start(), m.end()):
            continue
        q = ROMAN[m.group("q")]
        y = int(m.group("year")) if m.group("year") else ctx.year_of_month(q * 3)
        if _BEFORE.search(folded[: m.start()]):
            due = quarter_end(y, q - 1) if q > 1 else dt.date(y - 1, 12, 31)
            add(m.start(), m.end(), [Deadline(due=due)], "date")
        else:
            add(m.start(), m.end(), [Deadline(due=quarter_end(y, q), period=quarter_label(q, y))], "quarter")
    for m in _MONTH_LIST.finditer(folded):
        if not free(m.start(), m.end()):
            continue
        months = [int(m.group("first")), *(int(x) for x in re.findall(r"\d{1,2}", m.group("more")))]
        out = []
        for month in months:
            y = int(m.group("year")) if m.group("year") else ctx.year_of_month(month)
            out.append(Deadline(due=month_end(y, month), period=f"tháng {month}/{y}"))
        add(m.start(), m.end(), out, "month-list")
    for m in _MONTH.finditer(folded):
        if not free(m.start(), m.end()):
            continue
        month = int(m.group("m"))
        y = int(m.group("year")) if m.group("year") else ctx.year_of_month(month)
        if _BEFORE.search(folded[: m.start()]):
            py, pm = add_months(y, month, -1)
            add(m.start(), m.end(), [Deadline(due=month_end(py, pm))], "date")
        else:
            add(m.start(), m.end(), [Deadline(due=month_end(y, month), period=f"tháng {month}/{y}")], "month")
    for m in _TERM.finditer(folded):
        if free(m.start(), m.end()):
            t = ROMAN[m.group("t")]
            add(m.start(), m.end(), [Deadline(due=ctx.term_end(t), period=f"học kỳ {ROMAN_OUT[t]}")], "term")
    for m in _SCHOOL_YEAR.finditer(folded):
        if free(m.start(), m.end()):
            a = int(m.group("a"))
            end = ctx.term_end(2) if ctx.school_year == a else dt.date(a + 1, 5, 31)
            add(m.start(), m.end(), [Deadline(due=end, period=f"năm học {a}-{a + 1}")], "school-year")
    for m in _YEAR_ONLY.finditer(folded):
        if free(m.start(), m.end()):
            y = int(m.group("year"))
            add(m.start(), m.end(), [Deadline(due=dt.date(y, 12, 31), period=f"năm {y}")], "year")
    for m in _IN_YEAR.finditer(folded):
        if free(m.start(), m.end()):
            add(m.start(), m.end(), [Deadline(due=dt.date(ctx.year, 12, 31), period=f"năm {ctx.year}")], "year")
    hits.sort(key=lambda h: h.start)
    return hits


def _label(original: str, start: int) -> str | None:
    """Words before a time expression in its segment name what is due: "Kế hoạch ban hành trong quý I"."""
    text = original[:start].strip()
    trailing = re.compile(
        r"(?:\b(?:trong|trước|vào|chậm nhất|xong|hoàn thành|ngày|đến|hạn|từ|là|của|cuối|và|không quá|trong vòng|"
        r"trong thời hạn|thời hạn|tối đa)"
        r"|[,;:(\-])\s*$",
        re.I,
    )
    before = None
    while before != text:
        before = text
        text = trailing.sub("", text).strip()
    return text or None


@dataclass(frozen=True)
class _Frequency:
    frequency: str
    start: int
    end: int
    step: int = 0  # "2 tháng/lần": every second month


def _frequency(folded: str) -> _Frequency | None:
    m = _EVERY_N.search(folded)
    if m:
        n = int(m.group("n") or m.group("m"))
        kind = {1: "monthly", 3: "quarterly", 6: "semiannual"}.get(n, "monthly")
        return _Frequency(kind, m.start(), m.end(), step=n if kind == "monthly" and n > 1 else 0)
    m = _FREQ.search(folded)
    if not m:
        return None
    f = m.group("f")
    kind = {"thang": "monthly", "quy": "quarterly", "nam": "yearly", "hoc ky": "term"}.get(f, "semiannual")
    return _Frequency(kind, m.start(), m.end())


def _day_anchor(folded: str) -> tuple[str, int | None, int] | None:
    """ "ngày 22 hằng tháng" -> (monthly, 22, 0); "ngày 5 của tháng cuối quý" -> (quarterly, 5, 0);
    "ngày 10 tháng đầu quý sau" -> (quarterly, 10, 1); "ngày cuối cùng của tháng" -> (monthly, None, 0)."""
    m = _DAY_OF_MONTH.search(folded)
    if not m and _PERIOD_END.search(folded):
        end = _PERIOD_END.search(folded)
        return ("quarterly" if "quy" in end.group(0) else "monthly", None, 0)  # type: ignore[union-attr]
    if not m:
        bare = _BARE_DAY.search(folded)
        freq = _frequency(folded)
        if bare and freq and freq.frequency in ("monthly", "quarterly"):
            return (freq.frequency, int(bare.group("d")), 0)
        return None
    if m.group("d"):
        return ("monthly", int(m.group("d")), 1 if m.group("next") else 0)
    if m.group("d2"):
        # the first, second ("giữa", "thứ hai") or last month of the quarter
        shift = {"dau": -2, "thu nhat": -2, "thu 1": -2, "giua": -1, "thu hai": -1, "thu 2": -1}.get(m.group("pos"), 0)
        if m.group("after"):
            shift += 3
        return ("quarterly", int(m.group("d2")), shift)
    return ("monthly", None, 0)


def _window(hits: list[_Hit], folded: str, ctx: TimeContext) -> tuple[dt.date, dt.date] | None:
    """The span a recurrence runs over, when the text states one (a year, a school year, a term, a range)."""
    for m in _SPAN.finditer(folded):
        y2 = int(m.group("y2")) if m.group("y2") else None
        y1 = int(m.group("y1")) if m.group("y1") else None
        m1, m2 = int(m.group("m1")), int(m.group("m2"))
        if y2 is None:
            y2 = ctx.year_of_month(m2)
        if y1 is None:
            y1 = y2 if m1 <= m2 else y2 - 1
            if ctx.school_year is not None and not m.group("y2"):
                y1 = ctx.year_of_month(m1)
        start = _safe_date(y1, m1, int(m.group("d1"))) if m.group("d1") else dt.date(y1, m1, 1)
        end = _safe_date(y2, m2, int(m.group("d2"))) if m.group("d2") else month_end(y2, m2)
        if start and end:
            return start, end
    for m in _YEAR_SPAN.finditer(folded):
        return dt.date(int(m.group("a")), 1, 1), dt.date(int(m.group("b")), 12, 31)
    for hit in hits:
        if hit.kind == "school-year" and hit.deadlines:
            end = hit.deadlines[0].due
            return dt.date(end.year - 1, 9, 1), end
        if hit.kind == "term" and hit.deadlines:
            t = 1 if "I" == hit.deadlines[0].period.split()[-1] else 2  # type: ignore[union-attr]
            return ctx.term_start(t), ctx.term_end(t)
        if hit.kind == "year" and hit.deadlines:
            y = hit.deadlines[0].due.year
            return dt.date(y, 1, 1), dt.date(y, 12, 31)
    return None


def _recurrence(
    freq: str,
    window: tuple[dt.date, dt.date],
    ctx: TimeContext,
    *,
    label: str | None,
    day: int | None,
    shift: int,
    slots: tuple[int, ...] = (),
) -> Recurrence:
    start = max(window[0], ctx.issued)
    return Recurrence(
        frequency=freq,  # type: ignore[arg-type]
        start=start,
        end=window[1],
        label=label,
        day=day,
        shift=shift,
        slots=slots,
    )


def _segments(text: str) -> list[str]:
    """One obligation per segment: split on ";", new lines and "- " items."""
    parts = re.split(r";|\n|(?:^|\s)[-+•]\s+(?=\S)", text)
    return [p.strip(" .,") for p in parts if p and p.strip(" .,")]


_PAIRED = re.compile(r"^(?P<names>[^()]*?)\s*\((?P<dates>[^()]*)\)\s*$")


def _paired(segment: str, ctx: TimeContext) -> list[Deadline] | None:
    """ "9 tháng và năm (trước 10/9 và trước 30/11)": the named periods and the dates, paired in order."""
    m = _PAIRED.match(segment)
    if not m:
        return None
    names_folded = fold_aligned(m.group("names"))
    names = [p.group("p") for p in _REPORT_PERIOD.finditer(names_folded)]
    dates_folded = fold_aligned(m.group("dates"))
    dates = [h for h in _hits(dates_folded, ctx) if h.kind == "date"]
    if not names or len(names) != len(dates):
        return None
    out = []
    for name, hit in zip(names, dates, strict=True):
        due = hit.deadlines[0].due
        if name.startswith("nam") and due.month < 6 and due.year == ctx.year:
            due = due.replace(year=due.year + 1)  # an annual report in January is next year's
        out.append(Deadline(due=due, period=_label_for(name, due), label=normalize(m.group("names"))))
    return out


def _paired_in(text: str, ctx: TimeContext) -> list[Deadline] | None:
    """A sentence that names several reports, then their dates in parentheses, in the same order."""
    for m in re.finditer(r"\(([^()]*)\)", text):
        before = text[max(0, m.start() - 80) : m.start()]
        names_from = re.search(r"(?:báo cáo|Báo cáo|BC)\b(?!.*(?:báo cáo|Báo cáo))", before)
        names = before[names_from.start() :] if names_from else before
        found = _paired(f"{names} ({m.group(1)})", ctx)
        if found:
            return found
    return None


def parse_schedule(
    text: str, *, year: int, issued: dt.date, context: str = "", ctx: TimeContext | None = None
) -> Schedule:
    """A time cell (or deadline phrase) as a schedule. `context` (the task's own words) may add a
    frequency: "Mỗi tháng có ít nhất 01 tin…" with "Trong năm 2023" is twelve monthly deadlines."""
    ctx = ctx or TimeContext(year=year, issued=issued)
    original = normalize(text)
    deadlines: list[Deadline] = []
    recurrences: list[Recurrence] = []
    unsure: list[str] = []
    rules: list[str] = []
    segments = _segments(original)
    whole = fold_aligned(original)
    shared = _window([h for h in _hits(whole, ctx) if h.kind == "span"], whole, ctx) if _SPAN.search(whole) else None
    for segment in segments:
        _segment(segment, ctx, deadlines, recurrences, unsure, rules, single=len(segments) == 1, shared=shared)
    recurrences = list({(r.frequency, r.day, r.shift, r.slots, r.start, r.end): r for r in recurrences}.values())
    if context and not recurrences:
        folded_context = fold_aligned(normalize(context))
        freq = _frequency(folded_context)
        anchor = _day_anchor(folded_context)
        windows = [d for d in deadlines if d.period and (d.period.startswith(("năm ", "năm học")))]
        if freq and freq.frequency in ("monthly", "quarterly", "semiannual") and (windows or not deadlines):
            if windows:
                end = windows[0].due
                start = (
                    dt.date(end.year - 1, 9, 1) if windows[0].period.startswith("năm học") else dt.date(end.year, 1, 1)
                )  # type: ignore[union-attr]
            else:
                start, end = ctx.window()
            day, shift = (anchor[1], anchor[2]) if anchor else (None, 0)
            recurrences.append(
                _recurrence(
                    freq.frequency, (start, end), ctx, label=None, day=day, shift=shift, slots=_step_slots(freq)
                )
            )
            deadlines = [d for d in deadlines if d not in windows]
    undated = None
    if not deadlines and not recurrences:
        folded_all = fold_aligned(original)
        undated = next((label for key, label in _UNDATED if key in folded_all), None)
        if undated is None and rules:
            undated = rules[0]
        if undated is None:
            undated = original or None
            if original and not unsure:
                unsure.append(f"thời gian chưa hiểu được: «{original}»")
    return Schedule(
        text=original,
        deadlines=tuple(_unique(deadlines)),
        recurrences=tuple(recurrences),
        undated=undated,
        unsure="; ".join(unsure) or None,
    )


def _step_slots(freq: _Frequency) -> tuple[int, ...]:
    return tuple(range(freq.step, 13, freq.step)) if freq.step else ()


def _segment(
    segment: str,
    ctx: TimeContext,
    deadlines: list[Deadline],
    recurrences: list[Recurrence],
    unsure: list[str],
    rules: list[str],
    *,
    single: bool,
    shared: tuple[dt.date, dt.date] | None = None,
) -> None:
    folded = fold_aligned(segment)
    if _PER_EVENT.search(folded) and not re.search(
        r"ban hanh|hieu luc|\bky\b", folded[_PER_EVENT.search(folded).start() :]
    ):  # type: ignore[union-attr]
        rules.append("Theo sự việc")
        return
    paired = _paired(segment, ctx)
    if paired:
        deadlines.extend(paired)
        return
    periods = _report_periods(folded, ctx)
    hits = _hits(folded, ctx)
    if any(h.kind == "relative-unknown" for h in hits):
        unsure.append(f"hạn tính từ ngày ban hành nhưng văn bản chưa ghi ngày: «{segment}»")
        return
    if periods and not any(h.kind == "date" for h in hits):
        deadlines.extend(d for _a, _b, d in periods)
        return
    freq = _frequency(folded)
    anchor = _day_anchor(folded)
    lists = [h for h in hits if h.kind in ("month-list", "quarter-list")]
    if lists and (freq or anchor):
        # "hằng quý (quý IV/2026 và quý I/2027)", "ngày 5 các tháng 3, 6, 9, 12": the listed periods
        day = anchor[1] if anchor else None
        for d in lists[0].deadlines:
            due = day_in_month(d.due.year, d.due.month, day) if day else d.due
            deadlines.append(Deadline(due=due, period=d.period, label=_label(segment, lists[0].start)))
        return
    if anchor and (freq is None or freq.frequency in ("monthly", "quarterly")):
        kind = anchor[0] if freq is None else freq.frequency
        if kind == "monthly" and anchor[0] == "quarterly":
            kind = "quarterly"
        window = _window(hits, folded, ctx) or shared or ctx.window()
        lists = [h for h in hits if h.kind in ("month-list", "quarter-list")]
        slots = _slots(lists[0]) if lists else ()
        at = min(freq.start, anchor_start(folded)) if freq else anchor_start(folded)
        recurrences.append(
            _recurrence(kind, window, ctx, label=_label(segment, at), day=anchor[1], shift=anchor[2], slots=slots)
        )
        return
    if freq and freq.frequency in ("monthly", "quarterly", "semiannual"):
        window = _window(hits, folded, ctx) or shared or ctx.window()
        lists = [h for h in hits if h.kind in ("month-list", "quarter-list")]
        slots = _slots(lists[0]) if lists else _step_slots(freq)
        recurrences.append(
            _recurrence(freq.frequency, window, ctx, label=_label(segment, freq.start), day=None, shift=0, slots=slots)
        )
        return
    if freq and freq.frequency == "term":
        for t in (1, 2):
            deadlines.append(
                Deadline(due=ctx.term_end(t), period=f"học kỳ {ROMAN_OUT[t]}", label=_label(segment, freq.start))
            )
        return
    spans = [h for h in hits if h.kind == "span"]
    if spans and not any(h.kind in ("date", "relative") and not _inside(h, spans) for h in hits):
        window = _window(hits, folded, ctx)
        if window:
            deadlines.append(Deadline(due=window[1], label=_label(segment, spans[0].start)))
            return
    for hit in hits:
        if hit.kind == "span" or _inside(hit, spans):
            continue
        label = _label(segment, hit.start)
        for d in hit.deadlines:
            period = d.period
            if hit.kind == "date":
                name = _report_name_before(folded, hit.start)
                if name:
                    period = _label_for(name, d.due)
            deadlines.append(Deadline(due=d.due, period=period, label=label or d.label))
    if not hits and single and periods == []:
        m = _REPORT_PERIOD.search(folded)
        if m and re.search(r"\b(?:bao cao|bc|so ket|tong ket)\b", folded[: m.start()]):
            deadlines.append(_period_name(m.group("p"), ctx))


def anchor_start(folded: str) -> int:
    m = _DAY_OF_MONTH.search(folded) or _BARE_DAY.search(folded)
    return m.start() if m else 0


def _inside(hit: _Hit, spans: list[_Hit]) -> bool:
    return any(s.start <= hit.start and hit.end <= s.end for s in spans)


def _slots(hit: _Hit) -> tuple[int, ...]:
    if hit.kind == "month-list":
        return tuple(d.due.month for d in hit.deadlines)
    return tuple(d.due.month // 3 for d in hit.deadlines)


def _unique(items: list[Deadline]) -> list[Deadline]:
    seen: set[tuple[dt.date, str | None, str | None]] = set()
    out = []
    for d in items:
        key = (d.due, d.period, d.label)
        if key not in seen and not any(x.due == d.due and x.period == d.period for x in out):
            seen.add(key)
            out.append(d)
    return out


def find_deadlines(text: str, *, year: int, issued: dt.date, ctx: TimeContext | None = None) -> Schedule | None:
    """Deadlines stated in running prose, or None. Unlike a time cell, prose cites other documents with
    their dates, so a date counts only after a deadline word ("chậm nhất", "trước ngày", "không quá N
    ngày kể từ…"), as a listed report period ("báo cáo quý I, 6 tháng, 9 tháng, năm"), or as a duty
    repeated every period ("hằng tháng, trước ngày 25")."""
    ctx = ctx or TimeContext(year=year, issued=issued)
    original = normalize(text)
    folded = fold_aligned(original)
    if _PER_EVENT.search(folded) and not _RELATIVE_PLAN.search(folded) and not _DATE.search(folded):
        return None
    deadlines: list[Deadline] = []
    recurrences: list[Recurrence] = []
    paired = _paired_in(original, ctx)
    if paired:
        return Schedule(text=original, deadlines=tuple(paired))
    periods = _report_periods(folded, ctx)
    hits = _hits(folded, ctx)
    dated_hits = [h for h in hits if h.kind != "span"]
    if periods and not any(h.kind == "date" for h in hits):
        deadlines.extend(d for _a, _b, d in periods)
    freq = _frequency(folded)
    anchor = _day_anchor(folded)
    if (freq and freq.frequency in ("monthly", "quarterly", "semiannual")) or anchor:
        schedule = parse_schedule(original, year=year, issued=issued, ctx=ctx)
        if schedule.recurrences or schedule.deadlines:
            return Schedule(text=original, deadlines=schedule.deadlines, recurrences=schedule.recurrences)
    if freq and freq.frequency == "term":
        terms = tuple(Deadline(due=ctx.term_end(t), period=f"học kỳ {ROMAN_OUT[t]}") for t in (1, 2))
        return Schedule(text=original, deadlines=terms)
    for hit in dated_hits:
        before = folded[max(0, hit.start - 60) : hit.start]
        if hit.kind == "relative-unknown":
            return Schedule(
                text=original, undated=original, unsure="hạn tính từ ngày ban hành nhưng văn bản chưa ghi ngày"
            )
        if _CITED_DOCUMENT.search(before):
            continue
        close = before[-22:]
        right_before = re.search(r"\b(?:trong|vao|cuoi|dau|truoc|het|den|ngay)\s*(?:cua\s*)?$", before)
        period_hit = hit.kind in ("month", "quarter", "term", "year", "week", "half", "school-year")
        if (
            hit.kind == "relative"
            or (_DEADLINE_MARKERS.search(close) and not period_hit)
            or (period_hit and (right_before or _DEADLINE_MARKERS.search(before[-16:])))
        ):
            for d in hit.deadlines:
                period = d.period
                if hit.kind == "date":
                    name = _report_name_before(folded, hit.start)
                    if name:
                        period = _label_for(name, d.due)
                deadlines.append(Deadline(due=d.due, period=period, label=d.label))
    if not deadlines and not recurrences:
        return None
    return Schedule(text=original, deadlines=tuple(_unique(deadlines)), recurrences=tuple(recurrences))


_RELATIVE_PLAN = re.compile(r"ke tu\s*(?:ngay)?\s*(?:ban hanh|ky|quyet dinh|ke hoach)")


# --- officers' words for a period: "quý 2", "6 tháng", "tháng 5/2023", "năm 2023", "học kỳ I" ----------


def period_range(text: str, *, today: dt.date) -> tuple[dt.date, dt.date, int, int] | None:
    """The first period named in `text` as (start, end, match start, match end), or None.

    The same grammar the reader uses, for the officers' `/status` periods; a missing year is this year.
    """
    folded = fold_aligned(normalize(text))
    ctx = TimeContext(year=today.year, issued=dt.date(today.year, 1, 1))
    m = _HALF.search(folded) or re.search(r"\b6\s*thang\b(?:\s*/?\s*" + _Y + ")?", folded)
    candidates: list[tuple[int, int, dt.date, dt.date]] = []
    if m:
        y = int(m.group("year")) if m.groupdict().get("year") else today.year
        if "cuoi" in m.group(0):
            candidates.append((m.start(), m.end(), dt.date(y, 7, 1), dt.date(y, 12, 31)))
        else:
            candidates.append((m.start(), m.end(), dt.date(y, 1, 1), dt.date(y, 6, 30)))
    m9 = re.search(r"\b9\s*thang\b(?:\s*/?\s*" + _Y + ")?", folded)
    if m9:
        y = int(m9.group("year")) if m9.group("year") else today.year
        candidates.append((m9.start(), m9.end(), dt.date(y, 1, 1), dt.date(y, 9, 30)))
    for mq in _QUARTER.finditer(folded):
        q = ROMAN[mq.group("q")]
        y = int(mq.group("year")) if mq.group("year") else today.year
        candidates.append((mq.start(), mq.end(), dt.date(y, q * 3 - 2, 1), quarter_end(y, q)))
        break
    for mm in _MONTH.finditer(folded):
        month = int(mm.group("m"))
        y = int(mm.group("year")) if mm.group("year") else today.year
        candidates.append((mm.start(), mm.end(), dt.date(y, month, 1), month_end(y, month)))
        break
    for my in _YEAR_ONLY.finditer(folded):
        y = int(my.group("year"))
        candidates.append((my.start(), my.end(), dt.date(y, 1, 1), dt.date(y, 12, 31)))
        break
    for ms in _SCHOOL_YEAR.finditer(folded):
        a = int(ms.group("a"))
        candidates.append((ms.start(), ms.end(), dt.date(a, 9, 1), dt.date(a + 1, 5, 31)))
        break
    for mt in _TERM.finditer(folded):
        t = ROMAN[mt.group("t")]
        first = today.year if today.month >= 8 else today.year - 1
        c = TimeContext(year=first + 1, issued=ctx.issued, school_year=first)
        candidates.append((mt.start(), mt.end(), c.term_start(t), c.term_end(t)))
        break
    if not candidates:
        return None
    # the widest match wins where matches overlap ("năm 2023" over "2023"); otherwise the first
    candidates.sort(key=lambda c: (c[0], -(c[1] - c[0])))
    start, end, a, b = candidates[0]
    return a, b, start, end


_TERM_END = re.compile(
    r"\bhoc ky\s*(?P<t>ii|i|1|2)\b[^.;\n]{0,60}?(?:ket thuc|den|xong|truoc)\s*(?:vao\s*)?(?:ngay\s*)?"
    r"(?P<d>3[01]|[12]\d|0?[1-9])\s*/\s*(?P<m>1[0-2]|0?[1-9])\s*/\s*(?P<y>(?:19|20)\d{2})"
)


def plan_time(*, year: int, issued: dt.date, issued_known: bool, title: str, text: str) -> TimeContext:
    """The plan's own time: its school year (from its title) and the term ends it states."""
    school = _SCHOOL_YEAR.search(fold_aligned(normalize(title)))
    school_year = int(school.group("a")) if school else None
    ends: dict[int, dt.date] = {}
    for m in _TERM_END.finditer(fold_aligned(normalize(text))):
        date = _safe_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        if date and ROMAN[m.group("t")] not in ends:
            ends[ROMAN[m.group("t")]] = date
    plan_year = year if school_year is None else school_year
    return TimeContext(
        year=plan_year,
        issued=issued,
        issued_known=issued_known,
        school_year=school_year,
        term_ends=tuple(sorted(ends.items())),
    )
