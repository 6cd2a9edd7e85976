"""Tasks (nhiệm vụ) from appendix rows and from prose that states a deadline or an assignment."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from .model import Clause, Deadline, PlanMeta, Recurrence, Schedule, Task
from .structure import Structure
from .tables import Row
from .text import fold, normalize
from .timeexpr import ROMAN, TimeContext, find_deadlines, month_end, parse_schedule
from .units import UNIT_ABBREVIATIONS, is_vague, parse_rotation, split_units, unit_at


def row_task(row: Row, path: str, meta: PlanMeta, ctx: TimeContext) -> Task:
    """A task from an appendix row. A sub-row is named by its own requirement (its product, or its own
    text), with its parent row as context: "Mỗi tháng ít nhất 01 tin, bài … — KH tuyên truyền CCHC"."""
    own = row.product if row.sub else row.task
    words = f"{own} {row.note}" if row.sub else f"{row.task} {row.product}"
    time_text = row.time
    schedule = parse_schedule(time_text, year=meta.year, issued=meta.start_date, context=words, ctx=ctx)
    if row.note:
        # the note column may carry a second obligation with its own date: "giải trình … trước ngày 05/3"
        noted = find_deadlines(row.note, year=meta.year, issued=meta.start_date, ctx=ctx)
        if noted and noted.is_dated:
            extra = tuple(replace(d, label=d.label or _note_label(row.note)) for d in noted.deadlines)
            schedule = replace(
                schedule,
                deadlines=(*schedule.deadlines, *extra),
                recurrences=(*schedule.recurrences, *noted.recurrences),
                undated=None if schedule.undated == normalize(time_text) or not time_text else schedule.undated,
                unsure=None if not time_text else schedule.unsure,
            )
    # the turns may sit in the note column too, beside a lead column that says only "the units in turn"
    rotation = parse_rotation(row.lead) or parse_rotation(row.time) or parse_rotation(row.note)
    leads = tuple(dict.fromkeys(unit for _, unit in rotation)) if rotation else tuple(split_units(row.lead))
    if rotation:
        schedule = _with_rotation(schedule, rotation, meta, ctx, f"{row.lead} {row.time} {row.note}")
    title = normalize(own) or normalize(row.task) or normalize(row.product)
    unsure: list[str] = []
    if not leads:
        unsure.append(
            f"đơn vị: không rõ đơn vị chủ trì («{row.lead}»)" if row.lead else "đơn vị: không ghi đơn vị chủ trì"
        )
    if schedule.unsure:
        unsure.append(schedule.unsure)
    return Task(
        clause=path,
        title=title,
        product=normalize(row.product) or None,
        leads=leads,
        partners=tuple(split_units(row.partner)),
        schedule=schedule,
        quote=" ".join(x for x in (row.task, row.product, row.time, row.lead, row.note) if x),
        category=row.category or None,
        context=normalize(row.task) if row.sub and row.task and fold(row.task) != fold(own) else None,
        unsure=tuple(unsure),
    )


def _note_label(note: str) -> str:
    """What a note's own obligation is: its words before the time ("Báo cáo tổng hợp gửi Sở Nội vụ")."""
    part = note
    for piece in re.split(r";", note):
        if re.search(r"\d{1,2}/\d{1,2}|tháng|quý", piece):
            part = piece
            break
    part = re.split(r"\s+(?:trước|chậm nhất|trong|hạn|vào)\b", part.strip(), maxsplit=1)[0]
    return normalize(part).strip(" .,;:")[:120]


_DATED_TURN = re.compile(
    r"\b(?:(?P<q>quý|quy)\s*(?P<quarter>IV|III|II|I|[1-4])|(?:tháng|thang)\s*(?P<month>\d{1,2}))\s*/\s*(?P<year>(?:19|20)\d\d)\b",
    re.I,
)


def _turns_span(text: str) -> tuple[dt.date, dt.date] | None:
    """The first and last day of the periods a rotation names with their year ("Quý IV/2027 – Cụm 2; …
    Quý III/2028 – Cụm 3"): its turns reach beyond the school year's window when it says so."""
    periods = []
    for m in _DATED_TURN.finditer(text):
        year = int(m.group("year"))
        if m.group("q"):
            last = 3 * ROMAN[m.group("quarter").lower()]
            periods.append((dt.date(year, last - 2, 1), month_end(year, last)))
        elif 1 <= int(m.group("month")) <= 12:
            month = int(m.group("month"))
            periods.append((dt.date(year, month, 1), month_end(year, month)))
    if not periods:
        return None
    return min(p[0] for p in periods), max(p[1] for p in periods)


def _with_rotation(
    schedule: Schedule, rotation: list[tuple[int, str]], meta: PlanMeta, ctx: TimeContext, text: str = ""
) -> Schedule:
    """A unit per period: the recurrence (or the plan's year) carries who is due when. Slots above 100 are
    months (101 = January), below are quarters."""
    rotated = _rotated(schedule, rotation, meta, ctx)
    span = _turns_span(text)
    if span is None:
        return rotated
    recurrences = tuple(
        replace(r, end=max(r.end, span[1])) if r.rotation and r.frequency in ("monthly", "quarterly") else r
        for r in rotated.recurrences
    )
    return replace(rotated, recurrences=recurrences)


def _rotated(schedule: Schedule, rotation: list[tuple[int, str]], meta: PlanMeta, ctx: TimeContext) -> Schedule:
    if all(slot > 200 for slot, _ in rotation):
        terms = tuple(
            Deadline(due=ctx.term_end(slot - 200), period=f"học kỳ {'I' * (slot - 200)}", unit=unit)
            for slot, unit in rotation
        )
        kept = tuple(d for d in schedule.deadlines if not (d.period or "").startswith("học kỳ"))
        return replace(schedule, deadlines=(*kept, *terms), recurrences=schedule.recurrences)
    monthly = all(slot > 100 for slot, _ in rotation)
    wanted = "monthly" if monthly else "quarterly"
    slots = tuple((slot - 100 if monthly else slot, unit) for slot, unit in rotation)
    # "Mỗi tháng một tổ trực: … nộp trước ngày 25 của tháng trực": one duty a month, due on the day given
    matching = sorted((r for r in schedule.recurrences if r.frequency == wanted), key=lambda r: r.day is None)
    if matching:
        rec = replace(matching[0], rotation=slots, slots=())
        others = tuple(r for r in schedule.recurrences if r not in matching or (r is not matching[0] and r.day))
        kept = tuple(d for d in schedule.deadlines if not (d.period or "").startswith(("quý", "tháng")))
        return replace(schedule, deadlines=kept, recurrences=(rec, *others))
    day = None
    dated = [d for d in schedule.deadlines if not (d.period and d.period.startswith("năm"))]
    start, end = ctx.window()
    year_window = next((d for d in schedule.deadlines if d.period and d.period.startswith("năm ")), None)
    if year_window:
        start, end = dt.date(year_window.due.year, 1, 1), dt.date(year_window.due.year, 12, 31)
    rec = Recurrence(
        frequency=wanted,
        start=max(start, ctx.issued),
        end=end,
        rotation=slots,
        day=day,  # type: ignore[arg-type]
    )
    kept = tuple(d for d in dated if not d.period or not d.period.startswith(("quý", "tháng")))
    return replace(
        schedule, deadlines=kept, recurrences=(rec, *(r for r in schedule.recurrences if r.frequency != wanted))
    )


_TASK_VERB = re.compile(
    r"\b(?:tiến hành|xây dựng|thực hiện|tổ chức|ban hành|gửi|nộp|báo cáo|hoàn thành|triển khai|tham mưu)\b", re.I
)
_LEAD_IN = re.compile(
    r"^\s*(?:[-+•]\s*|\d+(?:\.\d+)*\.?\)?\s+|[a-zđ]\)\s*)?(?:(?:Đồng thời|Ngoài ra|Riêng|Trong đó),?\s+)?"
    r"(?:Giao\s+(?:cho\s+)?|giao\s+(?:cho\s+)?|Đề nghị\s+|đề nghị\s+|Yêu cầu\s+|(?:Trách nhiệm|Nhiệm vụ) của\s+)?"
)
_INSIDE = re.compile(r"(?:\b(?:giao|do|đề nghị|phân công|yêu cầu)\s+|:\s+)(?=[A-ZĐ]|các\s)")


def subject_units(text: str) -> list[str]:
    """Units named as the subject at the start of a sentence or heading ("Văn phòng tổng hợp…" -> Văn phòng)."""
    cleaned = normalize(text)
    cleaned = _LEAD_IN.sub("", cleaned, count=1)
    found = unit_at(cleaned)
    if not found:
        # "Từ tháng 11/2026 đến tháng 3/2027, các trường THPT … cập nhật …": a time phrase comes first
        m = re.match(
            r"^(?:Từ|Trong|Hằng|Hàng|Mỗi|Định kỳ|Chậm nhất|Trước|Sau|Đến|Vào|Cuối|Đầu)\b[^,]{0,70},\s*", cleaned
        )
        if not m:
            return []
        cleaned = cleaned[m.end() :]
        found = unit_at(cleaned)
        if not found:
            return []
    units = split_units(cleaned[: _list_end(cleaned, found[1])])
    return [u for u in units if not is_vague(u)]


def _list_end(text: str, end: int) -> int:
    """Where a list of subject units ends: "Phòng GDTrH và Phòng GDTX-CN hoàn thiện…" takes both."""
    while True:
        m = re.match(r"\s*(?:\([^)]*\))?\s*(?:,|và|;)\s*", text[end:])
        if not m:
            return end
        nxt = unit_at(text[end + m.end() :])
        if not nxt:
            return end
        end = end + m.end() + nxt[1]


def inside_units(sentence: str) -> list[str]:
    """Units named after "giao", "do", "đề nghị" inside a sentence ("… do Văn phòng chủ trì")."""
    for m in _INSIDE.finditer(sentence):
        units = subject_units(sentence[m.end() :])
        if units:
            return units
    return []


_CAPITAL_UNIT = re.compile(
    r"^(?:CÁC |NHỮNG )?(?:PHÒNG|TỔ|VĂN PHÒNG|BAN|BỘ PHẬN|TRƯỜNG|TRUNG TÂM|THANH TRA|HIỆU TRƯỞNG|PHÓ|ỦY BAN|UBND|SỞ|"
    r"CÔNG ĐOÀN|ĐOÀN|HỘI ĐỒNG)\b"
)


def heading_units(heading: str) -> list[str]:
    """Units a heading is about ("2. Tổ Văn phòng", "Trách nhiệm của Phòng GDTrH:"): only when the heading
    is little more than their names."""
    text = _LEAD_IN.sub("", normalize(heading), count=1).rstrip(" :.")
    if not text or len(text) > 90:
        return []
    if text == text.upper() and not _CAPITAL_UNIT.match(text) and text.split()[0].strip(",;") not in UNIT_ABBREVIATIONS:
        return []  # "I. TIN BÀI": a title in capitals, not the unit "TIN"
    found = unit_at(text)
    if not found:
        return []
    end = _list_end(text, found[1])
    rest = re.sub(r"\([^)]*\)", "", text[end:]).strip(" :.,")
    if rest and len(rest) > 25:
        return []
    return [u for u in split_units(text[:end]) if not is_vague(u)]


def _title(sentence: str) -> str:
    """A task's name from its sentence: without its numbering, its leading subject or "căn cứ …" preamble."""
    text = _LEAD_IN.sub("", normalize(sentence), count=1)
    found = unit_at(text)
    if found:
        end = _list_end(text, found[1])
        rest = re.sub(
            r"^\s*(?:\([^)]*\))?\s*(?:,\s*)?(?:chủ trì,?\s*|có trách nhiệm\s*|chịu trách nhiệm\s*)?", "", text[end:]
        )
        if len(rest) > 12:
            text = rest
    if re.match(r"^căn cứ\b", text, re.I):
        verb = _TASK_VERB.search(text)
        if verb:
            text = text[verb.start() :]
    text = re.sub(r"^(?:Đồng thời|Đồng thời,)\s*", "", text.strip())
    text = text.rstrip(" .;/")
    text = text[:1].upper() + text[1:]
    return text if len(text) <= 200 else text[:200].rsplit(" ", 1)[0] + "…"


_TIME_LABEL = re.compile(
    r"^\s*(?P<when>(?:[Tt]háng|THÁNG)\s+\d{1,2}(?:\s*/\s*\d{4})?|(?:[Qq]uý|QUÝ)\s+[IV]+(?:\s*/\s*\d{4})?)\s*:\s*"
)


def _without_budget_year(sentence: str) -> str:
    """ "bố trí kinh phí trong dự toán năm 2026": the budget's year says which budget, not when."""
    return re.sub(r"\b(dự toán|ngân sách|quyết toán)((?:\s+[^\W\d_]+){0,2}?)\s+năm\s+20\d\d\b", r"\1\2", sentence)


def prose_tasks(structure: Structure, meta: PlanMeta, ctx: TimeContext) -> list[Task]:
    by_path = {c.path: c for c in structure.clauses}
    tasks: list[Task] = []
    for clause in structure.clauses:
        if clause.kind in ("row", "appendix", "preamble"):
            continue
        inherited = _inherited_units(clause, by_path)
        first = len(tasks)
        sentence_units: list[str] = []
        labelled: str | None = None  # "- Tháng 12/2027: khảo sát …; tập huấn …": a month's line in a calendar
        lines = clause.text.split("\n")
        # a heading is a short first line that ends no sentence ("1. Phòng Văn hóa - Xã hội", "Thực trạng")
        heading = (
            lines[0] if len(lines) > 1 and len(lines[0]) < 120 and not lines[0].rstrip().endswith((".", ";")) else None
        )
        for index, (sentence, new_line) in enumerate(_sentences(lines[1:] if heading else lines)):
            if new_line:
                sentence_units = []  # each paragraph names its own subject
            own = subject_units(sentence) or inside_units(sentence)
            if own:
                sentence_units = own
            elif _vague_subject(sentence):
                sentence_units = []
            elif index == 0 and heading_units(sentence):
                continue
            label = _TIME_LABEL.match(sentence)
            if label:
                labelled = label.group("when")
                sentence = sentence[label.end() :] or sentence
            schedule = find_deadlines(_without_budget_year(sentence), year=meta.year, issued=meta.start_date, ctx=ctx)
            if schedule is None and labelled:
                schedule = find_deadlines(f"trong {labelled}", year=meta.year, issued=meta.start_date, ctx=ctx)
            rotation = parse_rotation(sentence)
            if schedule is None and rotation and tasks and tasks[-1].clause == clause.path:
                # "… phát hành vào ngày cuối cùng của mỗi tháng. Phân công: A trực tháng 1; B trực tháng 2…"
                last = tasks[-1]
                tasks[-1] = replace(
                    last,
                    leads=tuple(dict.fromkeys(u for _, u in rotation)),
                    schedule=_with_rotation(last.schedule, rotation, meta, ctx, sentence),
                    quote=f"{last.quote} {normalize(sentence)}",
                    unsure=tuple(u for u in last.unsure if not u.startswith("đơn vị")),
                )
                continue
            if schedule is None:
                continue
            leads = tuple(sentence_units or inherited)
            if rotation:
                leads = tuple(dict.fromkeys(u for _, u in rotation))
                schedule = _with_rotation(schedule, rotation, meta, ctx, sentence)
            unsure: tuple[str, ...] = () if leads else ("đơn vị: câu không nêu đơn vị chịu trách nhiệm",)
            if schedule.unsure:
                unsure = (*unsure, schedule.unsure)
            tasks.append(
                Task(
                    clause=clause.path,
                    title=_title(sentence),
                    product=None,
                    leads=leads,
                    partners=(),
                    schedule=schedule,
                    quote=normalize(sentence),
                    unsure=unsure,
                    context=_heading_context(heading),
                )
            )
        tasks[first:] = _with_turns_merged(tasks[first:])
        if _is_assignment(clause) and not any(t.clause == clause.path for t in tasks):
            line = next(x for x in clause.text.split("\n")[:2] if re.match(r"^\s*Giao\s", x))
            units = subject_units(line)
            if units:
                children = [c.text for c in structure.clauses if c.parent == clause.path]
                body = clause.text.split(":", 1)[1].strip() if ":" in clause.text else ""
                title = body or "; ".join(children[:3])
                tasks.append(
                    Task(
                        clause=clause.path,
                        title=_title(title) if title else clause.text,
                        product=None,
                        leads=tuple(units),
                        partners=(),
                        schedule=Schedule(text="", undated="Theo nhiệm vụ được giao"),
                        quote=normalize(clause.text),
                    )
                )
    return tasks


def _with_turns_merged(tasks: list[Task]) -> list[Task]:
    """ "Mỗi tháng một phòng viết tin, bài; … Phân công: A tháng 1; B tháng 2 …": the first sentence names
    nobody and is the same monthly duty the rotation assigns, so it joins the rotating task instead of
    standing as a duty of no one."""
    rotating = next((t for t in tasks if t.rotating), None)
    if rotating is None:
        return tasks
    frequencies = {r.frequency for r in rotating.schedule.recurrences if r.rotation}
    joined = [
        t
        for t in tasks
        if t is not rotating
        and not t.leads
        and not t.schedule.deadlines
        and t.schedule.recurrences
        and all(r.frequency in frequencies for r in t.schedule.recurrences)
    ]
    if not joined:
        return tasks
    schedule = rotating.schedule
    days = [r.day for t in joined for r in t.schedule.recurrences if r.day]
    if days:  # "Phòng chủ trì gửi bản thảo trước ngày 10 của tháng cuối quý": the rotating duty's due day
        recurrences = tuple(replace(r, day=days[0]) if r.rotation and not r.day else r for r in schedule.recurrences)
        schedule = replace(schedule, recurrences=recurrences)
    together = sorted((*joined, rotating), key=tasks.index)
    quote = " ".join(t.quote for t in together)
    merged = replace(rotating, quote=quote, title=together[0].title, schedule=schedule)
    return [merged if t is rotating else t for t in tasks if t not in joined]


def _sentences(lines: list[str]) -> list[tuple[str, bool]]:
    """Sentences of a clause, each with whether it opens a paragraph; a sentence splits at ";" too, unless
    its parts assign periods to units."""
    out: list[tuple[str, bool]] = []
    for line in lines:
        first = True
        for sentence in re.split(r"(?<=[.!?])\s+(?=[A-ZĐÂĂÊÔƠƯÁÀẢÃẠÉÈÍÌÓÒÚÙÝ(\"“])", line):
            if not sentence.strip():
                continue
            parts = [sentence]
            if not parse_rotation(sentence) and re.search(r";\s*\S", sentence):
                # a new obligation after ";" when it names its own subject; otherwise the sentence goes on
                parts = []
                for piece in re.split(r"(?<=;)\s+", sentence):
                    if parts and not (subject_units(piece) or _vague_subject(piece)):
                        parts[-1] = f"{parts[-1]} {piece}"
                    else:
                        parts.append(piece)
            for part in parts:
                out.append((part, first))
                first = False
    return out


def _vague_subject(sentence: str) -> bool:
    """ "Các bộ phận liên quan rà soát…": a subject, but nobody in particular."""
    text = _LEAD_IN.sub("", normalize(sentence), count=1)
    found = unit_at(text)
    return (bool(found) and is_vague(found[0])) or bool(
        re.match(r"^(?:Các|các)\s+(?:bộ phận|cá nhân|đơn vị)\s+(?:có\s+)?liên quan", text)
    )


def _heading_context(heading: str | None) -> str | None:
    """A clause's heading line, as what its tasks belong to, unless it only names a unit."""
    if not heading or heading_units(heading):
        return None
    return normalize(heading).rstrip(" :.")


def _is_assignment(clause: Clause) -> bool:
    return any(re.match(r"^\s*Giao\s+\S", line) for line in clause.text.split("\n")[:2])


def _inherited_units(clause: Clause, by_path: dict[str, Clause]) -> list[str]:
    """Units named by the heading of the clause or of an ancestor ("1. Tổ Văn phòng", "Phòng GDTrH:")."""
    current: Clause | None = clause
    while current is not None:
        heading = current.text.split("\n", 1)[0]
        units = heading_units(heading)
        if not units and current is not clause and len(heading) < 120:
            units = subject_units(heading) if heading.rstrip().endswith(":") else []
        if units:
            return units
        current = by_path.get(current.parent) if current.parent else None
    return []
