"""Targets (chỉ tiêu): a figure with its comparator and unit in the plan's own words.

"Từ 23% trở lên" is ≥ 23 %, "tối thiểu 05 đơn vị/quý" ≥ 5 đơn vị/quý, "dưới 04%" < 4 %, "10 thủ tục"
= 10 thủ tục, "đạt 70% trở lên" ≥ 70 %, "từ 1.0 lần lương cơ sở" ≥ 1.0 lần lương cơ sở. A bare number
counts only with a quantifier or after a colon: plans are full of decree numbers and dates.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .model import Clause, Comparator, Target
from .tables import COLUMN
from .text import fold_aligned, normalize

_PERCENT = re.compile(r"(?<![\d/.,])(?P<v>\d{1,3}(?:[.,]\d{1,2})?)\s*%")
_QUANT = r"(?:tối thiểu|ít nhất|tối đa|không quá|không dưới|không vượt quá|từ|trên|dưới|đạt|quá)"
# "không trường nào để hồ sơ trễ hạn quá 02 lần": the negation is the subject's, the bound a ceiling
_NEGATED = re.compile(r"\bkhông\b(?!\s+(?:quá|vượt|dưới|thấp))", re.IGNORECASE)
# the unit's words are looked ahead, not consumed: "từ 418 quyển lên ít nhất 901 quyển" holds two figures
_COUNT = re.compile(
    rf"(?:(?P<q>{_QUANT})\s+|:\s+)(?P<v>\d{{1,3}}(?:\.\d{{3}})+|\d{{1,4}}(?:[.,]\d{{1,2}})?)\s+"
    rf"(?=(?P<u>[^\W\d_][\w]*(?:,\s*bài\b)?(?:[ /][^\W\d_][\w]*){{0,5}}))",
    re.IGNORECASE,
)
_UNIT_STOP = {
    "trên",
    "tại",
    "được",
    "thực",
    "theo",
    "trong",
    "của",
    "và",
    "để",
    "về",
    "gửi",
    "đăng",
    "trở",
    "so",
    "với",
    "có",
    "là",
    "đạt",
    "thì",
    "khi",
    "cho",
    "đối",
    "từ",
    "ở",
    "thuộc",
    "xây",
    "mới",
    "hiện",
    "lên",
    "xuống",
    "còn",
}
# "tăng từ 64,2% lên 95%", "giảm từ 05 ngày xuống còn 02 ngày": the first figure is where things stand
_FROM_TO = re.compile(r"^\s*(?:[^\W\d_]+\s+){0,3}?(?<!trở )(?:lên|xuống)\b", re.IGNORECASE)
# a heading over what has been reached, not what must be
_STATE_HEADING = re.compile(
    r"^\W*(?:thực trạng|tình hình|bối cảnh|kết quả (?:đạt được|thực hiện|năm)|"
    r"đánh giá (?:kết quả|thực trạng|tình hình))",
    re.IGNORECASE,
)
# a sentence opened by a year before the plan's ("Năm 2026, Sở … 64,2% …")
_OPENING_YEAR = re.compile(
    r"(?:^|:)\W*(?:(?:trong|qua|đến hết|tính đến)\s+)?năm (?:học )?(20\d\d)\b(?!\s*[-–]\s*20)", re.IGNORECASE
)
_GOAL_WORDS = re.compile(r"\b(?:phấn đấu|chỉ tiêu|mục tiêu|phải đạt|cần đạt|đến năm|đến hết năm)\b", re.IGNORECASE)
_BEFORE = (
    (re.compile(r"(?:không dưới|không thấp hơn|tối thiểu|ít nhất)\s*$"), ">="),
    (re.compile(r"(?:không vượt quá|không quá|tối đa)\s*$"), "<="),
    (re.compile(r"(?:xuống còn dưới|còn dưới|dưới)\s*$"), "<"),
    (re.compile(r"(?:cao hơn|vượt|trên)\s*$"), ">"),
    (re.compile(r"\btừ\s*$"), ">="),
)
_SEGMENT = re.compile(r"(?<=[;.])\s+(?=\S)|\n")


def _comparator(before: str, after: str) -> Comparator:
    after = after.lower()
    if re.match(r"\s*(?:\w+\s+){0,6}?trở lên", after):
        return ">="
    if re.match(r"\s*(?:\w+\s+){0,6}?trở xuống", after):
        return "<="
    before = before.lower().rstrip()
    for pattern, comparator in _BEFORE:
        if pattern.search(before):
            return comparator  # type: ignore[return-value]
    return "="


def _value(text: str) -> float:
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", text):  # "31.250 bản ghi": thousands grouped by dots
        return float(text.replace(".", ""))
    return float(text.replace(",", "."))


_RANK = re.compile(r"\bxếp (?:thứ|hạng)\s+(?:thứ\s+)?(?P<v>\d{1,3})(?:\s*/\s*(?P<of>\d{1,3}))?(?![\d/])", re.IGNORECASE)

# "năm 2026 đạt 82%, phấn đấu năm 2027 đạt từ 90% trở lên": the year a figure is stated for, and the verb of
# having reached it ("từ năm 2005 đến năm 2026 với 31.250 bản ghi" is a span, not a state)
_YEAR_REACHED = re.compile(
    r"(?<!từ )(?<!đến )(?<!trước )(?<!sau )(?<!đến hết )\bnăm (20\d\d)\b,?\s+(?:[^\W\d_]+\s+){0,3}?"
    r"(?:đạt|đạt được|có|là|mới đạt|chỉ đạt|xếp thứ)\s*$",
    re.IGNORECASE,
)

# what the months so far reached, in the plan's own year: "(9 tháng năm 2026 mới đạt 61,7%)", "hiện mới đạt 40%"
_SO_FAR = re.compile(
    r"(?:\b\d{1,2} tháng (?:đầu )?năm 20\d\d\b,?\s+(?:[^\W\d_]+\s+){0,3}?(?:đạt|đạt được|là)"
    r"|\b(?:mới|chỉ|hiện|hiện mới|hiện chỉ) đạt)\s*$",
    re.IGNORECASE,
)


def _reached_before(segment: str, start: int, year: int | None) -> bool:
    """The figure at `start` is what a year before the plan's reached ("năm 2026 đạt 82%")."""
    if not year:
        return False
    piece = re.split(r"[,;]\s*(?=[^\d])", segment[:start])[-1]
    if _SO_FAR.search(piece[-60:]):
        return True
    m = _YEAR_REACHED.search(piece[-60:])
    return bool(m and int(m.group(1)) < year and not _GOAL_WORDS.search(m.group(0)))


def _metric(segment: str, start: int, end: int) -> str:
    """What the figure measures: the words before a colon, or the segment without the figure."""
    head = segment[:start]
    if ":" in head:
        label = head.rsplit(":", 1)[0]
        label = re.sub(r"^\s*(?:[-+•]\s*)?(?:[a-zđ]\)|\d+(?:\.\d+)*\.?)\s*", "", label)
        if len(label.strip()) >= 6:
            return _tidy(label)
    text = segment[:start] + " " + segment[end:]
    text = re.sub(rf"\b{_QUANT}\s*$", "", segment[:start].rstrip(), flags=re.I) + " " + segment[end:]
    text = re.sub(r"\btrở (?:lên|xuống)\b", "", text)
    text = re.sub(r"^\s*(?:[-+•]\s*)?(?:[a-zđ]\)|\d+(?:\.\d+)*\.)\s*", "", text)
    return _tidy(text)


def _tidy(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip(" ,.;:-")
    text = re.sub(r"\b(?:đạt tỷ lệ|đạt tỉ lệ|đạt|là|có)\s*$", "", text).strip(" ,.;:-")
    if len(text) > 160:
        text = text[:160].rsplit(" ", 1)[0] + "…"
    return text[:1].upper() + text[1:] if text else text


def _measure(raw: str) -> str:
    words = []
    for word in raw.split(" "):
        bare = word.split("/", 1)[0].lower()
        if bare in _UNIT_STOP and words:
            break
        words.append(word)
    return " ".join(words).strip()


def states_reached(text: str) -> bool:
    """A clause headed by what has been reached ("Thực trạng", "Kết quả đạt được năm 2026"): a heading
    line of its own, short and without a figure, over the sentences that state it."""
    head, _, rest = normalize(text).partition("\n")
    if _GOAL_WORDS.search(head):
        return False  # "Thực trạng và chỉ tiêu": the goals sit under it too
    return bool(
        rest.strip()
        and _STATE_HEADING.match(head)
        and len(head.split()) <= 10
        and not re.search(r"\d+(?:[.,]\d+)?\s*%", head)
    ) or bool(_STATE_HEADING.match(head) and len(head.split()) <= 6 and not rest.strip() and ":" not in head)


def _past_brackets(segment: str, year: int | None) -> list[tuple[int, int]]:
    """Brackets about a year before the plan's ("(năm 2023 mới có 31/41 trường, đạt 75,6%)")."""
    if not year:
        return []
    return [
        m.span()
        for m in re.finditer(r"\([^()]*\)", segment)
        if (years := [int(y) for y in re.findall(r"\b(20\d\d)\b", m.group(0))]) and max(years) < year
    ]


def _states_past(segment: str, year: int | None) -> bool:
    """A sentence about a year before the plan's, with no goal in it."""
    opening = _OPENING_YEAR.search(segment)
    return bool(opening and year and int(opening.group(1)) < year and not _GOAL_WORDS.search(segment))


def targets_in(
    clause: Clause, text: str | None = None, *, year: int | None = None, state: bool = False
) -> list[Target]:
    """Every target stated in a clause (or in `text`, the part of it that states targets). `year` is the
    plan's; `state` says the clause sits under a heading of what has been reached ("Thực trạng"), so its
    figures are baselines."""
    body = normalize(text if text is not None else clause.text)
    state = state or states_reached(body)
    out: list[Target] = []
    label = ""  # "Tỷ lệ hài lòng chung: năm 2026 đạt 81,7%; năm 2027 phấn đấu từ 85%": the second part's metric
    for segment, column_past in _segments(body, year):
        start_count = len(out)
        past = column_past if column_past is not None else state or _states_past(segment, year)
        brackets = _past_brackets(segment, year)
        spans: list[tuple[int, int]] = []
        for m in _PERCENT.finditer(segment):
            before = segment[max(0, m.start() - 30) : m.start()]
            after = segment[m.end() : m.end() + 60]
            q = re.search(rf"{_QUANT}\s*$", before, re.I)
            start = m.start() - (len(before) - q.start()) if q else m.start()
            leaves = _leaves(before, after) or _reached_before(segment, m.start(), year)
            comparator = "=" if leaves else _comparator(before, after)
            out.append(
                Target(
                    clause=clause.path,
                    metric=_metric(segment, start, m.end()),
                    comparator=comparator,
                    value=_value(m.group("v")),
                    value_text=m.group(0).replace(" ", ""),
                    measure="%",
                    quote=segment,
                    baseline=past or leaves or any(a <= m.start() < b for a, b in brackets),
                )
            )
            spans.append((m.start(), m.end()))
        for m in _RANK.finditer(segment):  # "xếp thứ 9/21": a place in a ranking, stated or aimed at
            out.append(
                Target(
                    clause=clause.path,
                    metric=_metric(segment, m.start(), m.end()),
                    comparator="=",
                    value=_value(m.group("v")),
                    value_text=m.group("v") + (f"/{m.group('of')}" if m.group("of") else ""),
                    measure="",
                    quote=segment,
                    baseline=past
                    or _reached_before(segment, m.start(), year)
                    or any(a <= m.start() < b for a, b in brackets),
                )
            )
            spans.append((m.start("v"), m.end()))
        for m in _COUNT.finditer(segment):
            if any(a <= m.start("v") < b for a, b in spans) or "%" in m.group("u")[:1]:
                continue
            measure = _measure(m.group("u"))
            bare_exceed = (m.group("q") or "").lower() == "quá"
            if bare_exceed and not _NEGATED.search(segment[: m.start()]):
                continue  # "quá 03 ngày" alone says what is late, not a bound
            ceiling = bare_exceed or (m.group("q") or "").lower() in ("không quá", "tối đa", "không vượt quá")
            if not measure or (re.match(r"(?i)(?:ngày|tháng|năm|giờ|tuần)\b", measure) and "/" not in measure):
                continue  # "không quá 15 ngày kể từ…" is a deadline, not a target
            if re.match(r"(?i)lần\b", measure) and "/" not in measure and not ceiling:
                continue  # "ít nhất 02 lần" is how often a duty recurs; "không quá 02 lần" bounds a count
            before = segment[max(0, m.start() - 30) : m.start("v")]
            leaves = _leaves(before, segment[m.end("v") + 1 + len(measure) :]) or _reached_before(
                segment, m.start("v"), year
            )
            comparator = "=" if leaves else _comparator(before, segment[m.end("v") : m.end("v") + 60])
            if bare_exceed and not leaves:
                comparator = "<="
            out.append(
                Target(
                    clause=clause.path,
                    metric=_metric(segment, m.start() if m.group("q") else m.start("v"), m.start("u") + len(measure)),
                    comparator=comparator,
                    value=_value(m.group("v")),
                    value_text=m.group("v"),
                    measure=measure,
                    quote=segment,
                    baseline=past or leaves or any(a <= m.start() < b for a, b in brackets),
                )
            )
        if label and _CONTINUES.match(segment):
            out[start_count:] = [replace(t, metric=f"{label}: {t.metric}") for t in out[start_count:]]
        head = segment.split(":", 1)[0] if ":" in segment else ""
        if head:
            label = _tidy(re.sub(r"^\s*(?:[-+•]\s*)?(?:[a-zđ]\)|\d+(?:\.\d+)*\.?)\s*", "", head))
        elif not _CONTINUES.match(segment):
            label = ""
    return out


def _segments(body: str, year: int | None) -> list[tuple[str, bool | None]]:
    """The parts of a text that state one figure each, with whether a table's column says it is what was
    reached: a row of a table of targets ("Chỉ tiêu: Tỷ lệ … | Kết quả năm 2027: 58,4% | Chỉ tiêu năm 2028:
    Không thấp hơn 75%") gives one part per figure column, named by the row's first cell; None: no column."""
    out: list[tuple[str, bool | None]] = []
    for segment in _SEGMENT.split(body):
        segment = segment.strip()
        if not segment:
            continue
        if COLUMN not in segment:
            out.append((segment, None))
            continue
        first, *cells = segment.rstrip(".").split(COLUMN)
        name = first.split(":", 1)[1].strip() if ":" in first and len(first.split(":", 1)[0]) <= 30 else first
        for cell in cells:
            header, _, value = cell.partition(":")
            if not value.strip():
                continue
            years = [int(y) for y in re.findall(r"\b(20\d\d)\b", header)]
            reached = bool(_REACHED_COLUMN.search(header)) or bool(years and year and max(years) < year)
            out.append((f"{name}: {value.strip()}", reached))
    return out


# a table's column of what was reached, not of what is to be: "Kết quả năm 2027", "Thực hiện 2027", "Hiện trạng"
_REACHED_COLUMN = re.compile(r"^\W*(?:kết quả|thực hiện|thực trạng|hiện trạng|đã đạt|đạt được|ước)", re.IGNORECASE)

# a part of a sentence that goes on with the figure of another year or place, its metric left before a colon
_CONTINUES = re.compile(r"^(?:năm|trong năm|đến năm|phấn đấu|riêng|còn)\b", re.IGNORECASE)


def _leaves(before: str, after: str) -> bool:
    """ "từ A lên B": A is where a change starts from."""
    return bool(re.search(r"\btừ\s*$", before, re.IGNORECASE) and _FROM_TO.match(after))


def fold_quote(target: Target) -> str:
    return fold_aligned(target.quote)
