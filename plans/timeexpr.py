"""Vietnamese administrative time expressions -> deadlines, recurrences, or an honest "undated".

The grammar is the plans' own: "chậm nhất ngày 15/6", "Tháng 12/2023", "trong quý I/2023", "Mỗi tháng",
"báo cáo quý I, 6 tháng, 9 tháng, năm", "Trong năm 2023", "Hoàn thành trước tháng 8/2022",
"không quá 15 ngày kể từ ngày ban hành kế hoạch này", "Thường xuyên". A report's *name* ("báo cáo
6 tháng") is a period, never a date; a missing year comes from the plan.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from .model import Deadline, Recurrence, Schedule
from .text import fold_aligned, normalize

ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
ROMAN_OUT = {1: "I", 2: "II", 3: "III", 4: "IV"}

_YEAR = r"(?:\s*(?:/|-|năm|nam)?\s*(?P<year>(?:19|20)\d{2}))?"
_QUARTER = re.compile(r"\bquy\s*(?P<q>iv|iii|ii|i|[1-4])\b" + _YEAR.replace("năm|", ""))
_MONTH = re.compile(r"\bthang\s*(?P<m>1[0-2]|0?[1-9])\b(?!\s*(?:nam|thang)\b(?!\s*\d))" + _YEAR.replace("năm|", ""))
_DATE = re.compile(
    r"(?<![\d/])(?P<d>3[01]|[12]\d|0?[1-9])\s*[/.-]\s*(?P<m>1[0-2]|0?[1-9])(?:\s*[/.-]\s*(?P<y>(?:19|20)\d{2}))?(?![\d/])"
)
_DATE_WORDS = re.compile(
    r"\bngay\s*(?P<d>3[01]|[12]\d|0?[1-9])\s*thang\s*(?P<m>1[0-2]|0?[1-9])(?:\s*nam\s*(?P<y>(?:19|20)\d{2}))?"
)
_YEAR_ONLY = re.compile(r"\b(?:(?:trong|cuoi|het)\s+)?nam\s*(?P<year>(?:19|20)\d{2})\b")
_IN_YEAR = re.compile(r"\b(?:trong|cuoi|het)\s+nam\b(?!\s*(?:hoc|truoc|sau|\d))")
_RELATIVE = re.compile(
    r"\b(?:khong qua|trong vong|trong thoi han|chậm nhất|cham nhat|sau)\s*(?P<n>\d{1,3})\s*ngay\s*"
    r"(?:lam viec\s*)?(?:ke tu|tinh tu|sau)\s*(?:ngay\s*)?(?:ban hanh|ky|nhan)"
)
_FREQUENCY = re.compile(r"\b(?:moi|hang|hăng|hang|dinh ky hang|dinh ky moi)\s+(?P<f>thang|quy)\b")
_BEFORE = re.compile(r"\btruoc\s*(?:ngay\s*)?$")
_BEFORE_MONTH = re.compile(r"\b(?:truoc|den truoc)\s*$")
_UNDATED = (
    ("thuong xuyen", "Thường xuyên"),
    ("long ghep", "Lồng ghép"),
    ("theo tien do", "Theo tiến độ"),
    ("theo ke hoach", "Theo kế hoạch"),
    ("khi co yeu cau", "Khi có yêu cầu"),
    ("theo quy dinh", "Theo quy định"),
    ("dinh ky", "Định kỳ"),
    ("hang nam", "Hằng năm"),
    ("ca nam", "Cả năm"),
)
# Report names that are periods: "báo cáo quý I, 6 tháng, 9 tháng, năm".
_REPORT_PERIOD = re.compile(
    r"(?P<p>quy\s*(?:iv|iii|ii|i|[1-4])(?![\w/])|6\s*thang(?:\s*dau\s*nam)?|9\s*thang|(?<!\d\s)nam(?!\s*(?:hoc|\d)))"
)
# Markers that make a date in running prose a deadline (rather than the date of a cited document).
_DEADLINE_MARKERS = re.compile(
    r"\b(?:cham nhat|truoc ngay|xong truoc|hoan thanh truoc|hoan thanh trong|han chot|thoi han|"
    r"truoc thang|truoc quy|hoan thanh (?:trong|vao)|trong thang|trong quy|khong qua \d+ ngay)\b"
)


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    deadline: Deadline


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def quarter_end(year: int, quarter: int) -> dt.date:
    return month_end(year, quarter * 3)


def quarter_label(quarter: int, year: int) -> str:
    return f"quý {ROMAN_OUT[quarter]}/{year}"


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _report_periods(folded: str, year: int) -> list[Deadline]:
    """ "báo cáo quý I, 6 tháng, 9 tháng, năm" -> the end of each named period."""
    out: list[Deadline] = []
    for match in re.finditer(r"\bbao cao\b", folded):
        tail = folded[match.end() : match.end() + 120]
        found: list[str] = []
        pos = 0
        while True:
            m = re.match(r"\s*(?:,|va|;)?\s*(?:bao cao\s+)?(?:cai cach hanh chinh\s+|cchc\s+)?", tail[pos:])
            pos += m.end() if m else 0
            p = _REPORT_PERIOD.match(tail, pos)
            if not p:
                break
            found.append(re.sub(r"\s+", " ", p.group("p")))
            pos = p.end()
        if len(found) >= 2:
            for name in found:
                out.append(_period_deadline(name, year))
    return out


def _period_deadline(name: str, year: int) -> Deadline:
    if name.startswith("quy"):
        q = ROMAN[name.split()[-1] if " " in name else name[3:].strip()]
        return Deadline(due=quarter_end(year, q), period=f"quý {ROMAN_OUT[q]}/{year}")
    if name.startswith("6"):
        return Deadline(due=month_end(year, 6), period=f"6 tháng/{year}")
    if name.startswith("9"):
        return Deadline(due=month_end(year, 9), period=f"9 tháng/{year}")
    return Deadline(due=month_end(year, 12), period=f"năm {year}")


def _report_name_before(folded: str, start: int) -> str | None:
    """The period a report is named after just before a date: "báo cáo 6 tháng chậm nhất ngày 15/6"."""
    window = folded[max(0, start - 60) : start]
    m = re.search(
        r"bao cao\s+(?:cai cach hanh chinh\s+|cchc\s+)?(quy\s*(?:iv|iii|ii|i|[1-4])|6\s*thang|9\s*thang|nam)"
        r"(?:\s+(?:cham nhat|truoc|gui|nop|ngay|vao))*\s*(?:ngay\s*)?$",
        window,
    )
    if not m:
        return None
    name = re.sub(r"\s+", " ", m.group(1))
    if name.startswith("quy"):
        return f"quý {ROMAN_OUT[ROMAN[name[3:].strip()]]}"
    if name == "nam":
        return "năm"
    return name.replace("thang", "tháng")


def _hits(original: str, folded: str, *, year: int, issued: dt.date) -> list[_Hit]:
    """Every dated expression in the text, with its span."""
    hits: list[_Hit] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    def add(a: int, b: int, deadline: Deadline) -> None:
        hits.append(_Hit(a, b, deadline))
        taken.append((a, b))

    for m in _RELATIVE.finditer(folded):
        add(m.start(), m.end(), Deadline(due=issued + dt.timedelta(days=int(m.group("n")))))
    for pattern in (_DATE_WORDS, _DATE):
        for m in pattern.finditer(folded):
            if not free(m.start(), m.end()):
                continue
            y = int(m.group("y")) if m.group("y") else year
            date = _safe_date(y, int(m.group("m")), int(m.group("d")))
            if date:
                period = _report_name_before(folded, m.start())
                if period and "/" not in period and period != "năm":
                    period = f"{period}/{date.year}"
                elif period == "năm":
                    period = f"năm {date.year}"
                add(m.start(), m.end(), Deadline(due=date, period=period))
    for m in _QUARTER.finditer(folded):
        if not free(m.start(), m.end()):
            continue
        q = ROMAN[m.group("q")]
        y = int(m.group("year")) if m.group("year") else year
        if _BEFORE_MONTH.search(folded[: m.start()]):
            due = quarter_end(y, q - 1) if q > 1 else dt.date(y - 1, 12, 31)
            add(m.start(), m.end(), Deadline(due=due))
        else:
            add(m.start(), m.end(), Deadline(due=quarter_end(y, q), period=quarter_label(q, y)))
    for m in _MONTH.finditer(folded):
        if not free(m.start(), m.end()):
            continue
        month = int(m.group("m"))
        y = int(m.group("year")) if m.group("year") else year
        if _BEFORE_MONTH.search(folded[: m.start()]):
            due = month_end(y, month - 1) if month > 1 else dt.date(y - 1, 12, 31)
            add(m.start(), m.end(), Deadline(due=due))
        else:
            add(m.start(), m.end(), Deadline(due=month_end(y, month), period=f"tháng {month}/{y}"))
    for m in _YEAR_ONLY.finditer(folded):
        if not free(m.start(), m.end()):
            continue
        y = int(m.group("year"))
        add(m.start(), m.end(), Deadline(due=dt.date(y, 12, 31), period=f"năm {y}"))
    for m in _IN_YEAR.finditer(folded):
        if free(m.start(), m.end()):
            add(m.start(), m.end(), Deadline(due=dt.date(year, 12, 31), period=f"năm {year}"))
    hits.sort(key=lambda h: h.start)
    return hits


def _label(original: str, start: int) -> str | None:
    """Words before a time expression in its segment name what is due: "Kế hoạch ban hành trong quý I"."""
    text = original[:start].strip()
    trailing = re.compile(r"(?:\b(?:trong|trước|vào|chậm nhất|xong|hoàn thành|ngày|đến|hạn)|[,;:(\-])\s*$", re.I)
    while trailing.search(text):
        text = trailing.sub("", text).strip()
    return text or None


def _frequency(folded: str) -> tuple[str, int, int] | None:
    m = _FREQUENCY.search(folded)
    if not m:
        return None
    return ("monthly" if m.group("f") == "thang" else "quarterly", m.start(), m.end())


def parse_schedule(text: str, *, year: int, issued: dt.date, context: str = "") -> Schedule:
    """A time cell (or deadline phrase) as a schedule. `context` (the task's own words) may add a
    frequency: "Mỗi tháng có ít nhất 01 tin…" with "Trong năm 2023" is twelve monthly deadlines."""
    original = normalize(text)
    deadlines: list[Deadline] = []
    recurrences: list[Recurrence] = []
    for segment in re.split(r";|\n", original):
        segment = segment.strip(" .")
        if not segment:
            continue
        folded = fold_aligned(segment)
        periods = _report_periods(folded, year)
        if periods:
            deadlines.extend(periods)
            continue
        freq = _frequency(folded)
        hits = _hits(segment, folded, year=year, issued=issued)
        if freq:
            window_year = next(
                (h.deadline.due.year for h in hits if h.deadline.period and "năm" in h.deadline.period), year
            )
            label = _label(segment, freq[1])
            recurrences.append(
                Recurrence(
                    frequency=freq[0],  # type: ignore[arg-type]
                    start=dt.date(window_year, 1, 1),
                    end=dt.date(window_year, 12, 31),
                    label=label,
                )
            )
            continue
        for hit in hits:
            label = _label(segment, hit.start)
            deadlines.append(
                Deadline(due=hit.deadline.due, period=hit.deadline.period, label=label or hit.deadline.label)
            )
    if context and not recurrences:
        freq = _frequency(fold_aligned(normalize(context)))
        windows = [d for d in deadlines if d.period and d.period.startswith("năm ")]
        if freq and (windows or not deadlines):
            window_year = windows[0].due.year if windows else year
            recurrences.append(
                Recurrence(
                    frequency=freq[0],  # type: ignore[arg-type]
                    start=dt.date(window_year, 1, 1),
                    end=dt.date(window_year, 12, 31),
                )
            )
            deadlines = [d for d in deadlines if d not in windows]
    undated = None
    if not deadlines and not recurrences:
        folded_all = fold_aligned(original)
        undated = next((label for key, label in _UNDATED if key in folded_all), None) or (original or None)
    return Schedule(text=original, deadlines=tuple(_unique(deadlines)), recurrences=tuple(recurrences), undated=undated)


def _unique(items: list[Deadline]) -> list[Deadline]:
    seen: set[tuple[dt.date, str | None]] = set()
    out = []
    for d in items:
        if (d.due, d.period) not in seen:
            seen.add((d.due, d.period))
            out.append(d)
    return out


def find_deadlines(text: str, *, year: int, issued: dt.date) -> Schedule | None:
    """Deadlines stated in running prose, or None. Unlike a time cell, prose cites other documents with
    their dates, so a date counts only after a deadline word ("chậm nhất", "trước ngày", "không quá N
    ngày kể từ…") or as a listed report period ("báo cáo quý I, 6 tháng, 9 tháng, năm")."""
    original = normalize(text)
    folded = fold_aligned(original)
    deadlines: list[Deadline] = []
    periods = _report_periods(folded, year)
    if periods:
        deadlines.extend(periods)
    for hit in _hits(original, folded, year=year, issued=issued):
        before = folded[max(0, hit.start - 40) : hit.start]
        inside = folded[hit.start : hit.end]
        if _RELATIVE.match(inside) or _DEADLINE_MARKERS.search(before[-25:]):
            deadlines.append(hit.deadline)
    if not deadlines:
        return None
    return Schedule(text=original, deadlines=tuple(_unique(deadlines)))
