"""List answers: a plan's targets, a unit's tasks (in a period, or its recurring duties), the months a task falls in.

Principals ask for lists as often as for one fact: "kế hoạch 297 có những chỉ tiêu nào", "TCCB có những việc gì
trong quý 2", "mỗi tháng VP phải làm gì", "VP báo cáo giám đốc vào những tháng nào". A list is read from the
structured plan (targets; tasks with their lead and partner units and schedules), never from ranked passages, so
an item is listed only because the plan assigns it. A unit or period the plans do not have gives an empty list
(the caller refuses honestly), never another unit's list.

Pure: the question (folded, abbreviations spelled out) and the plans in, `Listing` out; no database, no words.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Literal

from .model import Frequency, Plan, Target, Task
from .occurrences import recurrence_dates
from .search import normalize_query, tokens
from .text import fold
from .timeexpr import period_range
from .units import UNIT_ABBREVIATIONS, unit_key

What = Literal["targets", "tasks", "months"]

# What a list is of, as the genre asks for it (folded): tasks, targets, the months or quarters a duty falls in.
_TASK_NOUNS = r"(?:cong viec|viec|nhiem vu|hoat dong|dau viec|phan viec|linh vuc|mang viec|cong tac)"
_TARGET_NOUNS = r"(?:chi tieu|muc tieu)"
_TIME_NOUNS = r"(?:thang|quy|dot|ky|lan)"
# Words that, just before "gì/nào", make it ask about something else ("việc … do phòng nào làm").
_OTHER_ASKED = frozenset(
    "phong to ban bo phan don vi co quan truong ai ngay thang quy nam ky dot lan luc gio buoi hinh thuc muc "
    "van ban so dau bao noi cach".split()
)
_LIST_OF = re.compile(
    rf"\b(?:nhung|cac|may) (?P<noun>{_TASK_NOUNS}|{_TARGET_NOUNS})\b(?P<mid>(?: \w+){{0,6}}?) (?:gi|nao)\b"
    rf"|\b(?:co|duoc giao|phu trach|chu tri|dam nhan|dam nhiem|thuc hien|lam|khac phuc|dat|giao) "
    rf"(?P<noun2>{_TASK_NOUNS}|{_TARGET_NOUNS})\b(?P<mid2>(?: \w+){{0,6}}?) (?:gi|nao)\b"
)
# "liệt kê các chỉ tiêu của kế hoạch 905", "các nhiệm vụ của Tổ CNTT": a list asked for without "gì/nào"
_LIST_ASKED = re.compile(
    rf"^(?:(?:hay |xin )?(?:liet ke|cho (?:toi |minh |em )?(?:biet|xem)) )?(?:nhung|cac|toan bo|tat ca(?: cac)?) "
    rf"(?P<noun>{_TASK_NOUNS}|{_TARGET_NOUNS}) (?:cua|trong|ma|duoc)\b"
)
_DO_WHAT = re.compile(
    r"(?<!\bde )\b(?:phai |can |se |duoc giao |duoc phan cong )?lam (?:nhung )?(?:viec |cong viec )?gi\b"
)
_MONTHS_OF = re.compile(rf"\b(?:nhung|cac) (?P<noun>{_TIME_NOUNS}) nao\b")
_MONTH_OF = re.compile(r"\b(?:vao|trong) (?:thang|quy) nao\b")
_EVERY = re.compile(r"\b(?:moi|hang|hang|dinh ky hang|dinh ky moi) (?P<p>thang|quy|nam)\b|\bdinh ky\b")
_FREQUENCY: dict[str, Frequency] = {"thang": "monthly", "quy": "quarterly", "nam": "yearly"}

# Words that ask for a list, or say where it is from, never what it is about.
_ASKING_WORDS = frozenset(
    """nhung cac viec cong nhiem vu hoat dong dau phan linh vuc mang tac chi tieu muc gi nao co duoc giao phu trach
    chu tri dam nhan nhiem thuc hien lam phai can se trong vao moi hang dinh ky thang quy nam dot lan khac phuc dat
    ke hoach so phong to ban bo kh cua o tai ve danh cho nha nuoc cai cach hanh chinh thu tuc qd quyet dinh liet biet
    xem toan tat hay xin""".split()
)
_MIN_TOPIC = 0.5  # share of the topic's weight a task's own words must hold to be "about" it


@dataclass(frozen=True, kw_only=True)
class ListQuestion:
    """What a list question asks for: its kind, and a recurrence it is limited to ("mỗi tháng")."""

    what: What
    frequency: Frequency | None = None
    recurring: bool = False  # "định kỳ": any recurrence
    singular: bool = False  # "vào tháng nào": a list only when the one task has several dates


@dataclass(frozen=True, kw_only=True)
class ListItem:
    """One line of a list: a target or a task, cited by plan and section."""

    plan: str
    section: str
    name: str
    quote: str
    comparator: str | None = None
    value: str | None = None
    measure: str | None = None
    dates: tuple[tuple[dt.date, str | None], ...] = ()
    frequency: Frequency | None = None  # a recurring duty: how often
    day: int | None = None  # its due day in the period, when the plan names one
    undated: str | None = None  # "Thường xuyên", "Khi có yêu cầu": as written
    units: tuple[str, ...] = ()
    partner: bool = False  # the unit asked only takes part (phối hợp)
    via: str | None = None  # the part of the unit asked that leads it ("Tổ Pháp chế (thuộc Văn phòng)")


@dataclass(frozen=True, kw_only=True)
class Listing:
    """A list answer's data; `items` empty means the plans list nothing for what was asked."""

    what: What
    items: tuple[ListItem, ...] = ()
    unit: str | None = None  # the unit asked about, as the plan names it
    unknown_unit: str | None = None  # a unit the question names that no plan in question has
    period: tuple[dt.date, dt.date] | None = None
    frequency: Frequency | None = None
    plans: tuple[str, ...] = ()
    topic: str | None = None  # the months of what: the task's name
    units: tuple[str, ...] = ()  # on refusal: the units the plan does assign tasks to


def list_question(q: str) -> ListQuestion | None:
    """The list a folded, normalised question asks for, or None when it asks for one fact."""
    every = _EVERY.search(q)
    frequency = _FREQUENCY.get(every.group("p") or "") if every and every.group("p") else None
    recurring = bool(every)
    m = _MONTHS_OF.search(q)
    if m:
        return ListQuestion(what="months")
    for match in _LIST_OF.finditer(q):
        noun = match.group("noun") or match.group("noun2")
        mid = (match.group("mid") or match.group("mid2") or "").split()
        if mid and mid[-1] in _OTHER_ASKED:
            continue  # "những việc … của phòng nào": asks which unit, not for a list
        what: What = "targets" if re.match(_TARGET_NOUNS, noun) else "tasks"
        return ListQuestion(what=what, frequency=frequency, recurring=recurring)
    m = _LIST_ASKED.search(q.strip())
    if m:
        what = "targets" if re.match(_TARGET_NOUNS, m.group("noun")) else "tasks"
        return ListQuestion(what=what, frequency=frequency, recurring=recurring)
    if _DO_WHAT.search(q):
        return ListQuestion(what="tasks", frequency=frequency, recurring=recurring)
    if _MONTH_OF.search(q):
        return ListQuestion(what="months", singular=True)
    return None


# -- units named in a question --------------------------------------------------------------------------
_UNIT_ABBR = {fold(k).lower(): fold(v).lower().replace(" - ", " ") for k, v in UNIT_ABBREVIATIONS.items()}
_UNIT_ABBR_RE = re.compile(
    r"(?<![\w-])(" + "|".join(sorted(map(re.escape, _UNIT_ABBR), key=len, reverse=True)) + r")(?![\w-])"
)
# A unit's head word in a folded question, and what after it is a plan's issuer rather than a unit.
_HEAD = re.compile(
    r"\b(?P<head>bo phan|trung tam|phong|to)\s+(?P<name>(?!(?:giao duc va dao tao|giao duc dao tao|gd|gddt|"
    r"chuc(?! can bo)|trao|hoc|hop|chong|ngua|chuyen mon\b)\b)[a-z][\w&-]*(?: [a-z][\w&-]*){0,3})"
)
_NAME_STOP = frozenset(
    "so cua o tai co duoc phai trong nam thang quy moi hang lam nhung cac viec nhiem vu chi tieu kiem tra bao "
    "gi nao vao giao phu trach chu tri thuc hien truong xa quan huyen tinh ve".split()
)


def _unit_text(q: str) -> str:
    """The question with unit abbreviations spelled out as the plans' unit names are ("kt-qlcl")."""
    return _UNIT_ABBR_RE.sub(lambda m: _UNIT_ABBR[m.group(1)], q)


@lru_cache(maxsize=4096)
def _unit_forms(key: str, name: str) -> tuple[str, ...]:
    """A unit's key and name as a folded question writes them (abbreviations spelled out, "và" optional)."""
    forms = {normalize_query(key), normalize_query(fold(name).replace(" - ", " "))}
    forms |= {re.sub(r"\s*\([^)]*\)", "", f).strip() for f in forms}
    forms |= {f.replace(" va ", " ") for f in forms}
    out = []
    for form in forms:
        form = re.sub(r"[^0-9a-z& ]+", " ", form)
        form = " ".join(form.split())
        if len(form) >= 3:
            out.append(form)
    return tuple(sorted(set(out), key=len, reverse=True))


def _initials(name: str) -> str:
    words = [w for w in re.sub(r"[^a-z ]+", " ", fold(name)).split() if w not in ("va", "phong", "to", "bo", "phan")]
    return "".join(w[0] for w in words)


def plan_units(plan: Plan) -> dict[str, str]:
    """The units a plan assigns anything to: key -> the name the plan gives it."""
    out: dict[str, str] = {}
    for task in plan.tasks:
        names = [*task.leads, *task.partners]
        names += [u for r in task.schedule.recurrences for _, u in r.rotation]
        for name in names:
            key = unit_key(name)
            if key and key not in out:
                out[key] = name
    for unit in plan.units:
        out.setdefault(unit.key, unit.name)
    return out


def _find_unit(q: str, units: dict[str, str]) -> tuple[str, tuple[int, int]] | None:
    """The unit of `units` the question names (the longest match), with where it is named."""
    best: tuple[int, str, tuple[int, int]] | None = None
    for key, name in units.items():
        for form in _unit_forms(key, name):
            if len(form.split()) == 1 and not re.search(rf"\b(?:phong|to|bo phan|ban) {re.escape(form)}\b", q):
                # one word ("toán", "đoàn") is a unit only after its head; "thanh tra", "văn phòng" are whole
                if form not in ("thanh tra", "ke toan", "van phong", "cong doan") and fold(name).split()[0] != form:
                    continue
            for m in re.finditer(rf"\b{re.escape(form)}\b", q):
                if best is None or len(form) > best[0]:
                    best = (len(form), key, m.span())
    for m in _HEAD.finditer(q):  # "Phòng VH-XH": the letters are the initials of a unit's name
        letters = re.sub(r"[^a-z]", "", m.group("name").split()[0])
        if "-" not in m.group("name").split()[0] and len(letters) < 3:
            continue
        for key, name in units.items():
            if len(letters) >= 2 and _initials(name) == letters and (best is None or best[0] < len(letters)):
                best = (len(letters) + 50, key, m.span())
    return (best[1], best[2]) if best else None


def _named_unit(q: str, known: Sequence[tuple[int, int]]) -> str | None:
    """A unit the question names by its head ("phòng khảo thí", "tổ ngữ văn") outside the spans of known units."""
    for m in _HEAD.finditer(q):
        if any(a <= m.start() < b or m.start() <= a < m.end() for a, b in known):
            continue
        words = []
        for n, word in enumerate(m.group("name").split()):
            if n and word in _NAME_STOP:  # the first word is the name's own ("Phòng Giáo dục …")
                break
            words.append(word)
        if words:
            return f"{m.group('head')} {' '.join(words)}"
    return None


# -- the items -------------------------------------------------------------------------------------------
def _in_brackets(quote: str, value: str) -> bool:
    """The figure is written inside brackets: a baseline ("năm 2025 đạt 72,4%"), not the target."""
    at = quote.find(value)
    return at >= 0 and quote.rfind("(", 0, at) > quote.rfind(")", 0, at)


def plan_targets(plan: Plan) -> list[ListItem]:
    """A plan's targets in its order, each once; a clause's bracketed current value is not a target."""
    out: list[ListItem] = []
    by_clause: dict[str, list[Target]] = {}
    for t in plan.targets:
        by_clause.setdefault(t.clause, []).append(t)
    kept = [
        t
        for t in plan.targets
        if not (
            _in_brackets(t.quote, t.value_text)
            and any(not _in_brackets(s.quote, s.value_text) for s in by_clause[t.clause] if s is not t)
        )
    ]
    # one item per sentence: a sentence that sets two figures ("100% …, trong đó 80% …") is listed once
    groups: dict[tuple[str, str], list[Target]] = {}
    for t in kept:
        groups.setdefault((t.clause, t.quote), []).append(t)
    for (clause, quote), targets in groups.items():
        figures = []
        for t in targets:
            figure = t.value_text if t.measure == "%" or not t.measure else f"{t.value_text} {t.measure}"
            if figure not in figures:
                figures.append(figure)
        first = targets[0]
        out.append(
            ListItem(
                plan=plan.meta.reference,
                section=clause,
                name=quote.strip().rstrip(".;") or first.metric,
                quote=quote,
                comparator=first.comparator if len(targets) == 1 else None,
                value="; ".join(figures),
                measure=first.measure if len(targets) == 1 else None,
            )
        )
    return out


def _role(task: Task, key: str) -> tuple[str, str | None] | None:
    """How a unit takes part in a task: "lead", "partner", or led by a part of it ("via"), else None."""
    if any(unit_key(u) == key for u in task.leads):
        return "lead", None
    for r in task.schedule.recurrences:
        if any(unit_key(u) == key for _, u in r.rotation):
            return "lead", None
    folded = fold(task.quote)
    for lead in task.leads:  # "Tổ Pháp chế (thuộc Văn phòng)": a part of the unit asked
        name = fold(lead)
        at = folded.find(name)
        if at < 0:
            continue
        inside = re.match(r"\s*\(\s*(?:thuoc|truc thuoc|cua)?\s*([^)]{2,60})\)", folded[at + len(name) :])
        if inside and unit_key(inside.group(1)) == key:
            return "lead", lead
    if any(unit_key(u) == key for u in task.partners):
        return "partner", None
    return None


def _task_dates(task: Task, key: str | None) -> list[tuple[dt.date, str | None]]:
    """The task's due dates (for the unit: its own turns of a rotation)."""
    out: list[tuple[dt.date, str | None]] = [
        (d.due, d.period) for d in task.schedule.deadlines if key is None or d.unit is None or unit_key(d.unit) == key
    ]
    for rec in task.schedule.recurrences:
        turns = {slot for slot, u in rec.rotation if key is None or unit_key(u) == key}
        for due, period, slot in recurrence_dates(rec):
            if rec.rotation and slot not in turns:
                continue
            out.append((due, period))
    return sorted(set(out), key=lambda d: d[0])


def _task_item(plan: Plan, task: Task, key: str | None, dates: list[tuple[dt.date, str | None]]) -> ListItem:
    role = _role(task, key) if key else None
    rec = next((r for r in task.schedule.recurrences), None)
    name = task.title.strip().rstrip(".;")
    if task.context and len(name) < 50 and fold(task.context.rstrip(" .")) not in fold(name):
        # a short row ("Báo cáo quý I") is named with what it belongs to
        name = f"{name} ({task.context.strip().rstrip('.;:')})"
    return ListItem(
        plan=plan.meta.reference,
        section=task.clause,
        name=name,
        quote=task.quote,
        dates=tuple(dates),
        frequency=rec.frequency if rec and not rec.rotation and not rec.slots else None,
        day=rec.day if rec else None,
        undated=task.schedule.undated if not task.schedule.is_dated else None,
        units=task.leads,
        partner=bool(role and role[0] == "partner"),
        via=role[1] if role else None,
    )


def _merge(items: list[ListItem]) -> list[ListItem]:
    """One item per task: a task read twice (two rows of one clause with the same title) is listed once."""
    out: dict[tuple[str, str, str], ListItem] = {}
    for item in items:
        mark = (item.plan, item.section, fold(item.name))
        if mark in out:
            known = out[mark]
            dates = tuple(sorted(set(known.dates + item.dates), key=lambda d: d[0]))
            out[mark] = replace(known, dates=dates, frequency=known.frequency or item.frequency)
        else:
            out[mark] = item
    return list(out.values())


def _topic(q: str, plan_words: set[str], skip: set[str]) -> list[str]:
    """The question's words that say what the list is about, beyond asking, unit, period and plan."""
    words = [w for w in tokens(q, normalized=True) if w not in _ASKING_WORDS and w not in skip and w not in plan_words]
    return [w for w in words if len(w) > 2 or w.isdigit()]  # "gd", "sg": pieces of a name, not a topic


def _about(text: str, topic: list[str], weight: Callable[[str], float]) -> float:
    """Share of the topic's weight that the text's own words hold."""
    if not topic:
        return 1.0
    words = set(tokens(text))
    total = sum(weight(w) for w in set(topic)) or 1.0
    return sum(weight(w) for w in set(topic) if w in words) / total


def _plan_words(plan: Plan) -> set[str]:
    return set(tokens(f"{plan.meta.title} {plan.meta.issuer} {plan.meta.place or ''} {plan.meta.reference}"))


def answer_list(
    asked: ListQuestion,
    q: str,
    plans: Sequence[Plan],
    hinted: set[int] | None,
    hint_words: set[str],
    weight: Callable[[str], float],
    typed: str = "",
) -> Listing | None:
    """The list the question asks for over the plans it may mean, or None when this is no list question after all
    (the months of a task that has one date: a date question)."""
    q = re.sub(r"\s+-\s+", " ", _unit_text(q))  # "Tổ Toán - Tin học" as its forms write it
    candidates = sorted(hinted) if hinted else list(range(len(plans)))
    # the unit: named in the plans in question, or named and in none of them
    found: dict[int, tuple[str, tuple[int, int]]] = {}
    for i in candidates:
        hit = _find_unit(q, plan_units(plans[i]))
        if hit:
            found[i] = hit
    spans = [span for _, span in found.values()]
    if not found and hinted is None:  # a unit in a plan the question does not name
        for i in range(len(plans)):
            hit = _find_unit(q, plan_units(plans[i]))
            if hit:
                spans.append(hit[1])
    other = _named_unit(q, spans)
    if not found and (other or spans):
        if asked.singular:
            return None
        named = _as_typed(typed, other or q[spans[0][0] : spans[0][1]])
        assigned = tuple(plan_units(plans[candidates[0]]).values()) if len(candidates) == 1 else ()
        return Listing(what=asked.what, unknown_unit=named, plans=_refs(plans, candidates), units=assigned)
    if found:
        candidates = [i for i in candidates if i in found]
    unit_words: set[str] = set()
    for _, (a, b) in found.values():
        unit_words |= set(tokens(q[a:b], normalized=True))
    # the period: read with each plan's year ("quý 2" of a 2023 plan is April-June 2023)
    period_words: set[str] = set()
    periods: dict[int, tuple[dt.date, dt.date]] = {}
    if asked.what != "targets" and not asked.recurring:
        for i in candidates:
            span = _period(q, plans[i])
            if span:
                periods[i] = span[0]
                period_words = set(tokens(span[1], normalized=True))
    # the plan: the one whose title holds the question's words, when the question names none
    words_of = {i: _plan_words(plans[i]) for i in candidates}
    skip = unit_words | period_words | set(hint_words)
    if hinted is None and len(candidates) > 1:
        topic = _topic(q, set(), skip)
        scores = {i: sum(weight(w) for w in set(topic) if w in words_of[i]) for i in candidates}
        best = max(scores.values(), default=0.0)
        if best > 0:
            candidates = [i for i in candidates if scores[i] >= best - 1e-9]
    key_of = {i: found[i][0] for i in found}
    items: list[ListItem] = []
    topic_text: str | None = None
    for i in candidates:
        plan = plans[i]
        key = key_of.get(i)
        # the months of a duty: the task the question names best, the plan's own subject words included
        topic = _topic(q, set() if asked.what == "months" else words_of[i], skip)
        if asked.what == "targets":
            targets = plan_targets(plan)
            if key:
                led = {t.clause for t in plan.tasks if _role(t, key)}
                targets = [t for t in targets if t.section in led]
            items += [t for t in targets if _about(t.quote, topic, weight) >= _MIN_TOPIC]
            continue
        chosen: list[tuple[float, ListItem]] = []
        for task in plan.tasks:
            if key and not _role(task, key):
                continue
            if asked.frequency and not any(
                r.frequency == asked.frequency and not r.slots and not r.rotation for r in task.schedule.recurrences
            ):
                continue
            if asked.recurring and not asked.frequency and not task.schedule.recurrences:
                continue
            dates = _task_dates(task, key)
            if i in periods:
                start, end = periods[i]
                dates = [(d, p) for d, p in dates if start <= d <= end]
                if not dates:
                    continue
            about = _about(f"{task.title} {task.context or ''} {task.category or ''} {task.quote}", topic, weight)
            if about < _MIN_TOPIC:
                continue
            chosen.append((about, _task_item(plan, task, key, dates)))
        if asked.what == "months":
            if not chosen or (not topic and len(chosen) > 1):
                continue
            best = max(a for a, _ in chosen)
            chosen = [(a, it) for a, it in chosen if a >= best - 1e-9 and it.dates]
            if chosen:
                topic_text = chosen[0][1].name
        items += [it for _, it in chosen]
    items = _merge(items)
    if asked.what == "tasks":
        items.sort(key=lambda it: (it.partner, it.dates[0][0] if it.dates else dt.date.max))
    if asked.what == "months":
        dates = {d for it in items for d in it.dates}
        if asked.singular and len(dates) < 2:
            return None
        if not items:
            return None  # no task of that name: the ordinary question engine reads the sentences
    unit = next((plan_units(plans[i]).get(key_of[i]) for i in candidates if i in key_of), None)
    period = next((periods[i] for i in candidates if i in periods), None)
    return Listing(
        what=asked.what,
        items=tuple(items),
        unit=unit,
        period=period,
        frequency=asked.frequency,
        plans=_refs(plans, candidates),
        topic=topic_text,
        units=tuple(plan_units(plans[candidates[0]]).values()) if not items and len(candidates) == 1 else (),
    )


def _as_typed(typed: str, phrase: str) -> str:
    """The words of a folded phrase as the question typed them ("Phòng Khảo thí"), else the phrase."""
    words = typed.split()
    folded = [fold(w).strip(".,;:?!()\"'") for w in words]
    want = phrase.split()
    for i in range(len(words) - len(want) + 1):
        if folded[i : i + len(want)] == want:
            return " ".join(w.strip(".,;:?!()\"'") for w in words[i : i + len(want)])
    return phrase


def _refs(plans: Sequence[Plan], indices: Sequence[int]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(plans[i].meta.reference for i in indices))


def _period(q: str, plan: Plan) -> tuple[tuple[dt.date, dt.date], str] | None:
    """The period the question names, in the plan's year (or the next, for a school year's plans)."""
    year = plan.meta.year
    found = period_range(q, today=dt.date(year, 6, 1))
    if found is None:
        return None
    start, end, a, b = found
    words = q[a:b]
    if not re.search(r"\b(?:quy|thang|hoc ky|nam|ky)\b", words):
        return None
    dues = [d for t in plan.tasks for d, _ in _task_dates(t, None)]
    if dues and not re.search(r"\b20\d\d\b", words):
        for shift in (0, 1, -1):
            try:
                s, e = start.replace(year=start.year + shift), end.replace(year=end.year + shift)
            except ValueError:
                continue
            if any(s <= d <= e for d in dues):
                return (s, e), words
    return (start, end), words
