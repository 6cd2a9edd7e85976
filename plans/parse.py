"""Document -> Plan: structure, metadata, targets, tasks and units in one pure pass."""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from pathlib import Path

from .errors import NotAPlan
from .metadata import addressees, document_number, parse_metadata
from .model import Clause, Document, Paragraph, Plan, Target, Task, Unit
from .read import read_document
from .structure import build
from .targets import states_reached, targets_in
from .tasks import prose_tasks, row_task
from .text import fold
from .timeexpr import plan_time
from .units import make_unit, plan_aliases


def parse_plan(path: Path) -> Plan:
    """Read and parse one plan file; raises a PlanError subclass with a one-line message."""
    return parse_document(read_document(path))


def parse_document(document: Document) -> Plan:
    structure = build(document)
    all_text = "\n".join(b.text for b in document.blocks if isinstance(b, Paragraph))
    preamble = structure.preamble + structure.annex_preamble
    meta = parse_metadata(preamble, body_text=all_text, signer=structure.signer, signer_title=structure.signer_title)
    has_title = any(fold(p).startswith(("ke hoach", "quyet dinh")) for p in preamble)
    numbered = sum(1 for c in structure.clauses if c.kind in ("section", "item"))
    if not has_title and not structure.appendices and numbered < 3:
        raise NotAPlan(
            f"{document.source}: does not look like a plan (no 'KẾ HOẠCH' heading, numbered sections or task table)"
        )

    ctx = plan_time(
        year=meta.year,
        issued=meta.start_date,
        issued_known=meta.issue_date is not None,
        title=meta.title,
        text=all_text,
    )
    tasks: list[Task] = []
    for base, _title, rows in structure.appendices:
        row_paths = [c.path for c in structure.clauses if c.parent == base and c.kind == "row"]
        for row, path in zip(rows, row_paths, strict=True):
            tasks.append(row_task(row, path, meta, ctx))
    tasks.extend(prose_tasks(structure, meta, ctx))

    targets: list[Target] = []
    row_text = {
        path: f"{row.task}. {row.product}"
        for _b, _t, rows in structure.appendices
        for row, path in zip(rows, [c.path for c in structure.clauses if c.parent == _b], strict=True)
    }
    by_path = {c.path: c for c in structure.clauses}
    for clause in structure.clauses:
        if clause.kind in ("appendix", "preamble"):
            continue
        state = any(states_reached(by_path[p].text) for p in _ancestors(clause, by_path))
        targets.extend(targets_in(clause, row_text.get(clause.path), year=meta.year, state=state))

    tasks = [part for task in _one_name_per_unit(tasks) for part in split_obligations(task)]
    units = units_of(tasks)
    digest = hashlib.sha256(fold(all_text + repr(structure.appendices)).encode()).hexdigest()
    # "Xét đề nghị của … tại Tờ trình số 03/TTr-VP": a decision's last ground, the proposal it answers
    grounds = [x for x in preamble if re.match(r"^(?:Căn cứ|Thực hiện|Theo|Thi hành|Xét đề nghị)\b", x)]
    clauses = list(structure.clauses)
    if grounds:  # the documents the plan rests on: answerable ("căn cứ kế hoạch số mấy?"), never tasks
        clauses.insert(
            0, Clause(path="CC", label="Căn cứ", kind="preamble", text="\n".join(grounds), parent=None, position=0)
        )
    if structure.annex_signer:  # "kế hoạch 05/KH-VP do ai ký": the annexed plan signed apart from the decision
        annex_number, _ = document_number(structure.annex_head)
        approved = next((c.text for c in structure.clauses if c.path == "Điều 1"), "")
        named = re.search(r"Kế hoạch số\s*0*(\d+/[\w.&-]+)", approved)
        if annex_number is None and named:  # Điều 1 names the plan it approves (a page laid out around its header)
            annex_number = named.group(1)
        title = re.sub(r"\s*[(\[]\s*đã ký\s*[)\]]", "", structure.annex_signer_title or "", flags=re.IGNORECASE)
        clauses.append(
            Clause(
                path="KY",
                label="Ký",
                kind="preamble",
                text=f"Kế hoạch {annex_number or ''}: {title.strip()} {structure.annex_signer}".replace("  ", " "),
                parent=None,
                position=0,
            )
        )
    sent_to = addressees(preamble)
    if sent_to:  # whom a letter addresses: answerable ("công văn gửi những ai?"), never units given tasks
        heading = Clause(path="KG", label="Kính gửi", kind="preamble", text="Kính gửi:", parent=None, position=0)
        clauses[:0] = [
            heading,
            *(
                Clause(path=f"KG-{n}", label="-", kind="bullet", text=f"{who};", parent="KG", position=0)
                for n, who in enumerate(sent_to, 1)
            ),
        ]
    return Plan(
        meta=meta,
        clauses=tuple(clauses),
        targets=tuple(targets),
        tasks=tuple(tasks),
        units=tuple(units),
        source=document.source,
        content_hash=digest,
        recipients=tuple(structure.recipients),
    )


def split_obligations(task: Task) -> list[Task]:
    """A cell or sentence with several obligations ("kế hoạch ban hành trong quý I; báo cáo hằng quý"): one task
    each, so that each is its own occurrence with its own name, even when two fall due on the same day."""
    labels = [d.label for d in task.schedule.deadlines] + [r.label for r in task.schedule.recurrences]
    distinct = list(dict.fromkeys(labels))
    if len(distinct) < 2:
        return [task]
    return [
        replace(
            task,
            schedule=replace(
                task.schedule,
                deadlines=tuple(d for d in task.schedule.deadlines if d.label == label),
                recurrences=tuple(r for r in task.schedule.recurrences if r.label == label),
            ),
        )
        for label in distinct
    ]


def _one_name_per_unit(tasks: list[Task]) -> list[Task]:
    """Every form a plan uses for a unit replaced by its fullest form in that plan."""
    names = [n for t in tasks for n in (*t.leads, *t.partners)]
    names += [u for t in tasks for r in t.schedule.recurrences for _, u in r.rotation]
    names += [d.unit for t in tasks for d in t.schedule.deadlines if d.unit]
    aliases = plan_aliases(names)
    if not aliases:
        return tasks

    def one(name: str) -> str:
        return aliases.get(name, name)

    out = []
    for task in tasks:
        schedule = replace(
            task.schedule,
            deadlines=tuple(replace(d, unit=one(d.unit)) if d.unit else d for d in task.schedule.deadlines),
            recurrences=tuple(
                replace(r, rotation=tuple((slot, one(u)) for slot, u in r.rotation)) for r in task.schedule.recurrences
            ),
        )
        out.append(
            replace(
                task,
                leads=tuple(dict.fromkeys(one(u) for u in task.leads)),
                partners=tuple(dict.fromkeys(one(u) for u in task.partners)),
                schedule=schedule,
            )
        )
    return out


def units_of(tasks: list[Task]) -> list[Unit]:
    found: dict[str, Unit] = {}
    for task in tasks:
        for name in (*task.leads, *task.partners):
            unit = make_unit(name)
            if not unit.key:
                continue
            if unit.key in found:
                known = found[unit.key]
                aliases = tuple(dict.fromkeys((*known.aliases, *unit.aliases)))
                found[unit.key] = Unit(key=known.key, name=known.name, aliases=aliases)
            else:
                found[unit.key] = unit
    return list(found.values())


def _ancestors(clause: Clause, by_path: dict[str, Clause]) -> list[str]:
    out: list[str] = []
    parent = clause.parent
    while parent is not None and parent in by_path and parent not in out:
        out.append(parent)
        parent = by_path[parent].parent
    return out
