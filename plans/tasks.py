"""Tasks (nhiệm vụ) from appendix rows and from prose that states a deadline or an assignment."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from .model import Clause, PlanMeta, Recurrence, Schedule, Task
from .structure import Structure
from .tables import Row
from .text import fold, normalize
from .timeexpr import find_deadlines, parse_schedule
from .units import parse_rotation, split_units

_SENTENCE = re.compile(r"(?<=[.;])\s+(?=[A-ZĐÂĂÊÔƠƯÁÀẢÃẠÉÈÍÌÓÒÚÙÝ(])|\n")
# A sentence or heading that names who is responsible: "Thủ trưởng các đơn vị trực thuộc Sở, căn cứ…",
# "Giao Phòng Nội vụ quận:", "1. Phòng Giáo dục và Đào tạo", "Phòng Kế hoạch - Tài chính ngoài…".
_SUBJECT = re.compile(
    r"^(?:Giao\s+|giao\s+|Đề nghị\s+)?"
    r"(?:(?:[Tt]hủ trưởng|[Tt]rưởng|[Ll]ãnh đạo|[Gg]iám đốc|[Hh]iệu trưởng|[Tt]ổ trưởng)\s+)?"
    r"(?P<unit>(?:các\s+|Các\s+)?(?:Phòng|phòng|Tổ|tổ|Văn phòng|Ban|Bộ phận|Trung tâm|Sở|Thanh tra|Trường|trường|"
    r"đơn vị|Đơn vị|cơ sở|phòng ban|nhà trường|UBND|Ủy ban)\b[^:;(]*?)"
    r"(?=\s*(?::|,\s*căn cứ|\s+căn cứ|\s+ngoài\b|\s+có trách nhiệm|\s+chịu trách nhiệm|\s+chủ trì|$"
    r"|,\s*(?:tổ chức|thực hiện|tiến hành)))"
)
_TASK_VERB = re.compile(
    r"\b(?:tiến hành|xây dựng|thực hiện|tổ chức|ban hành|gửi|nộp|báo cáo|hoàn thành|triển khai|tham mưu)\b", re.I
)


def row_task(row: Row, path: str, meta: PlanMeta) -> Task:
    context = f"{row.task} {row.product}"
    schedule = parse_schedule(row.time, year=meta.year, issued=meta.start_date, context=context)
    rotation = parse_rotation(row.lead)
    leads = tuple(unit for _, unit in rotation) if rotation else tuple(split_units(row.lead))
    if rotation:
        schedule = _with_rotation(schedule, rotation, meta)
    title = row.task
    if row.product and fold(row.product) != fold(row.task):
        title = row.task if len(row.task) > 0 else row.product
    return Task(
        clause=path,
        title=normalize(title) or normalize(row.product),
        product=normalize(row.product) or None,
        leads=leads,
        partners=tuple(split_units(row.partner)),
        schedule=schedule,
        quote=" ".join(x for x in (row.task, row.product, row.time, row.lead) if x),
        category=row.category or None,
    )


def _with_rotation(schedule: Schedule, rotation: list[tuple[int, str]], meta: PlanMeta) -> Schedule:
    """A unit per quarter: the quarterly recurrence (or the plan year) carries who is due when."""
    quarterly = [r for r in schedule.recurrences if r.frequency == "quarterly"]
    if quarterly:
        rec = replace(quarterly[0], rotation=tuple(rotation))
        others = tuple(r for r in schedule.recurrences if r is not quarterly[0])
        return replace(schedule, recurrences=(rec, *others))
    year = next((d.due.year for d in schedule.deadlines if d.period and d.period.startswith("năm")), meta.year)
    rec = Recurrence(
        frequency="quarterly", start=dt.date(year, 1, 1), end=dt.date(year, 12, 31), rotation=tuple(rotation)
    )
    kept = tuple(d for d in schedule.deadlines if not (d.period and d.period.startswith("năm")))
    return replace(schedule, deadlines=kept, recurrences=(rec, *schedule.recurrences))


def subject_units(text: str) -> list[str]:
    """Units named as the subject at the start of a sentence or heading."""
    cleaned = re.sub(r"^\s*(?:[-+•]\s*|\d+(?:\.\d+)*\.\s*)", "", normalize(text))
    m = _SUBJECT.match(cleaned)
    if not m:
        return []
    unit = m.group("unit").strip(" ,.")
    if len(unit) > 120:
        return []
    return split_units(unit)


def _title(sentence: str) -> str:
    """A task's name from its sentence: without the leading subject and "căn cứ …" preamble."""
    text = re.sub(r"^(?:Đồng thời|Đồng thời,)\s*", "", sentence.strip())
    m = _TASK_VERB.search(text)
    if m and m.start() > 0:
        head = text[: m.start()]
        if "," in head and (_SUBJECT.match(head) or "căn cứ" in head.lower()):
            text = text[m.start() :]
    text = text.rstrip(" .;")
    text = text[:1].upper() + text[1:]
    return text if len(text) <= 200 else text[:200].rsplit(" ", 1)[0] + "…"


def prose_tasks(structure: Structure, meta: PlanMeta, default_units: tuple[str, ...]) -> list[Task]:
    by_path = {c.path: c for c in structure.clauses}
    tasks: list[Task] = []
    for clause in structure.clauses:
        if clause.kind in ("row", "appendix", "preamble"):
            continue
        inherited = _inherited_units(clause, by_path)
        sentence_units: list[str] = []
        for sentence in _SENTENCE.split(clause.text):
            if not sentence.strip():
                continue
            own = subject_units(sentence)
            if own:
                sentence_units = own
            schedule = find_deadlines(sentence, year=meta.year, issued=meta.start_date)
            if schedule is None:
                continue
            leads = tuple(sentence_units or inherited or default_units)
            tasks.append(
                Task(
                    clause=clause.path,
                    title=_title(sentence),
                    product=None,
                    leads=leads,
                    partners=(),
                    schedule=schedule,
                    quote=normalize(sentence),
                )
            )
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


def _is_assignment(clause: Clause) -> bool:
    return any(re.match(r"^\s*Giao\s+\S", line) for line in clause.text.split("\n")[:2])


def _inherited_units(clause: Clause, by_path: dict[str, Clause]) -> list[str]:
    """Units named by the clause's own heading or an ancestor's ("1. Phòng Giáo dục và Đào tạo")."""
    current: Clause | None = clause
    while current is not None:
        heading = current.text.split("\n", 1)[0]
        if current is not clause or len(heading) < 160:
            units = subject_units(heading) if (current is not clause or heading.rstrip().endswith(":")) else []
            if current is not clause and not units and len(heading) < 120:
                units = subject_units(heading)
            if units:
                return units
        current = by_path.get(current.parent) if current.parent else None
    return []
