"""The `nhacviec` command: the one composition root that builds settings, engine and services.

Start-up is kept short (`--help` and `ask` are typed by people and run by scripts): this module loads
only typer; each command imports what it uses. Commands that only read check the schema's revision with
one query and migrate only when it is behind; the others run the migration check as before.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    from rich.console import Console
    from sqlalchemy import Engine

    from .settings import Settings

# nhacviec uses no pydantic plugins: looking for them reads every installed package's metadata, a tenth of a
# second of each start (an explicit setting in the environment is kept).
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
# The answer index's array operations use no BLAS: OpenBLAS starting a thread per core (and its buffers) was
# half of numpy's import.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

# Help and usage errors in click's plain format (rich_markup_mode=None): rich's renderer is a third of
# `--help`'s start-up.
_PLAIN: dict[str, Any] = {"no_args_is_help": True, "rich_markup_mode": None}
app = typer.Typer(help="nhacviec: kế hoạch vào, hạn chót và nhắc việc ra.", **_PLAIN)
plans_app = typer.Typer(help="Import and inspect plans.", **_PLAIN)
app.add_typer(plans_app, name="plans")
units_app = typer.Typer(help="Units: list, add by hand, create join codes.", **_PLAIN)
app.add_typer(units_app, name="units")
reminders_app = typer.Typer(help="Reminders: preview the policy, run one dispatch pass.", **_PLAIN)
app.add_typer(reminders_app, name="reminders")
members_app = typer.Typer(help="Members: chat users linked to a unit with a role.", **_PLAIN)
app.add_typer(members_app, name="members")
db_app = typer.Typer(help="The database: migrate the schema.", **_PLAIN)
tasks_app = typer.Typer(help="Tasks: correct what the reader made of a plan.", **_PLAIN)
app.add_typer(tasks_app, name="tasks")
app.add_typer(db_app, name="db")


class _LazyConsole:
    """A rich Console made on first use (rich costs start-up time that `ask --json` never needs)."""

    def __init__(self, **options: Any) -> None:
        self._options = options
        self._console: Console | None = None

    def __getattr__(self, name: str) -> Any:
        if self._console is None:
            from rich.console import Console

            self._console = Console(soft_wrap=True, **self._options)
        return getattr(self._console, name)


out = _LazyConsole()
err = _LazyConsole(stderr=True)


@dataclass
class Context:
    settings: Settings
    _engine: Engine | None = None
    _checked: bool = False

    @property
    def engine(self) -> Engine:
        """The database, migrated to the newest schema."""
        from storage.engine import upgrade

        engine = self._bare()
        if not self._checked:
            upgrade(engine)
            self._checked = True
        return engine

    @property
    def reader(self) -> Engine:
        """The database for a command that only reads: migrated only when its revision is behind."""
        from storage.engine import ensure_schema

        engine = self._bare()
        if not self._checked:
            ensure_schema(engine)
            self._checked = True
        return engine

    def _bare(self) -> Engine:
        if self._engine is None:
            from storage.engine import make_engine

            self._engine = make_engine(self.settings.database_url)
        return self._engine


def _ctx(ctx: typer.Context) -> Context:
    return ctx.obj  # type: ignore[no-any-return]


def _index_store(settings: Settings) -> Any:
    """The answer index keeps each plan's piece in the database's store, so a new process (`ask`, `run`,
    `chat`) reads only the plans no earlier process has read."""
    from plans import search
    from storage.index_cache import store_for

    store = store_for(settings.database_url, settings.index_cache_dir)
    search.use_store(store)
    return store


def _fill_index(context: Context) -> None:
    """After an import: the new plans' pieces are written now, so the next process starts warm (plans already
    kept are read from the store, not again)."""
    from plans.answer import Engine
    from storage.engine import session_scope
    from storage.knowledge import load_plans

    store = _index_store(context.settings)
    if store is None:
        return
    with session_scope(context.engine) as session:
        plans, names = load_plans(session=session.connection())
    if plans:
        from plans.answer import _digest

        Engine(plans, names)
        store.prune({_digest(p) for p in plans})


@app.callback()
def main(ctx: typer.Context) -> None:
    from .settings import Settings

    ctx.obj = Context(settings=Settings())


def _date(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"):
        try:
            return dt.datetime.strptime(value, fmt).date()  # noqa: DTZ007 - a calendar date, no time
        except ValueError:
            continue
    err.print(f"{option}: '{value}' is not a date; use YYYY-MM-DD or DD/MM/YYYY")
    raise typer.Exit(2)


def _window(start: dt.date | None, end: dt.date | None) -> None:
    if start and end and start > end:
        err.print("--from is after --to")
        raise typer.Exit(2)


def _unit_ids(session: Any, unit: str | None) -> list[int] | None:
    """The ids of the units a --unit option means (None without the option); exit 1 when none matches."""
    if not unit:
        return None
    from storage.plans import resolve_units

    units = resolve_units(session=session, name=unit)
    if not units:
        err.print(f"No unit matches '{unit}'. See: nhacviec units list")
        raise typer.Exit(1)
    return [u.id for u in units if u.id is not None]


# --- db -------------------------------------------------------------------------------------------


@db_app.command("upgrade")
def db_upgrade(
    ctx: typer.Context,
    wait: Annotated[float, typer.Option("--wait", help="seconds to wait for the database to answer")] = 120,
) -> None:
    """Migrate the schema to the newest revision (safe when replicas start together: a lock on PostgreSQL)."""
    import logging

    from sqlalchemy.exc import InterfaceError, OperationalError

    from storage.engine import current_revision

    from .logs import configure
    from .runtime import ready_engine

    configure(logging.WARNING, _ctx(ctx).settings.log_format)
    try:
        engine = ready_engine(_ctx(ctx).settings.database_url, stop_after=wait)
    except (OperationalError, InterfaceError) as exc:
        err.print(f"the database did not answer within {wait:.0f} s: {type(exc).__name__}")
        raise typer.Exit(1) from None
    out.print(f"schema at {current_revision(engine)}", highlight=False)


# --- plans ----------------------------------------------------------------------------------------


@plans_app.command("import")
def plans_import(
    ctx: typer.Context,
    paths: Annotated[list[Path], typer.Argument(help=".txt, .docx or .pdf plan files")],
    draft: Annotated[bool, typer.Option("--draft", help="keep as a draft to review; schedule nothing yet")] = False,
) -> None:
    """Import plans; re-importing a plan updates it in place. One transaction per plan. Confirmed at once
    unless --draft (then: plans review, plans confirm or plans discard)."""
    from rich.progress import BarColumn, Progress, TextColumn

    from plans import PlanError, parse_plan
    from storage.drafts import confirm_draft, create_draft, review
    from storage.engine import session_scope

    context = _ctx(ctx)
    failures = 0
    progress = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        console=err,
        transient=True,
        disable=len(paths) < 3 or not err.is_terminal,
    )
    with progress:
        job = progress.add_task("Importing", total=len(paths))
        for path in paths:
            try:
                plan = parse_plan(path)
            except PlanError as exc:
                failures += 1
                err.print(f"[red]✗[/red] {exc}", markup=True, highlight=False)
                progress.advance(job)
                continue
            try:
                with session_scope(context.engine) as session:
                    row, plan = create_draft(session=session, filename=path.name, content=path.read_bytes(), by="cli")
                    if draft:
                        out.print(_review_text(row, review(session, plan)), highlight=False, markup=False)
                        progress.advance(job)
                        continue
                    result = confirm_draft(session=session, draft_id=row.id or 0, by="cli")
            except Exception as exc:  # one line naming the file; the rest of the batch is still imported
                failures += 1
                reason = (str(exc).strip().splitlines() or [""])[0][:200]
                err.print(f"✗ {path}: could not be stored ({type(exc).__name__}: {reason})", highlight=False)
                progress.advance(job)
                continue
            verb = "imported" if result.created else f"updated ({result.tasks_kept} tasks unchanged)"
            out.print(
                f"✓ {path.name}: {result.reference} — {verb}: {result.tasks} tasks, {result.targets} targets, "
                f"{result.deadlines} dated deadlines, {result.recurrences} recurrences, {result.rotations} rotations, "
                f"{result.undated} undated, {result.units} units, {result.occurrences} occurrences",
                highlight=False,
            )
            if result.deadlines + result.recurrences + result.rotations == 0:
                err.print(
                    f"  note: {path.name} states no dates; its {result.undated} undated tasks get monthly check-ins"
                )
            if result.unsure:
                out.print(f"  to review ({len(result.unsure)}): the reader could not resolve", highlight=False)
                for item in result.unsure[:10]:
                    out.print(f"    ? {item}", highlight=False, markup=False)
                if len(result.unsure) > 10:
                    out.print(
                        f"    … and {len(result.unsure) - 10} more: nhacviec plans show {result.reference.split()[0]}"
                    )
            progress.advance(job)
    if not draft:
        _fill_index(context)
    if failures:
        raise typer.Exit(1)


def _review_text(row: Any, rv: Any) -> str:
    """A draft's summary for the command line (the chat shows the same through the catalogue)."""
    meta = rv.plan.meta
    lines = [
        f"Draft {row.id}: {meta.reference} — {meta.title}",
        f"  {rv.tasks} tasks, {rv.deadlines} dated deadlines, {rv.recurrences} recurrences, {rv.rotations} "
        f"rotations, {rv.undated} undated, {len(rv.units)} units to remind (occurrences each):",
    ]
    lines += [f"    {unit}: {count}" for unit, count in rv.units]
    if rv.diff is not None:
        d = rv.diff
        lines.append(
            "  against the confirmed version: nothing changes"
            if d.empty
            else f"  against the confirmed version: {len(d.added)} added, {len(d.removed)} removed, "
            f"{len(d.moved)} moved"
        )
        lines += [f"    moved {t} ({u}): {a:%d/%m/%Y} -> {b:%d/%m/%Y}" for t, u, a, b in d.moved]
        lines += [f"    added {due:%d/%m/%Y} {t} ({u})" for t, u, due in d.added]
        lines += [f"    removed {due:%d/%m/%Y} {t} ({u})" for t, u, due in d.removed]
        if d.units_added or d.units_removed:
            lines.append(f"    units + {', '.join(d.units_added) or '-'}; - {', '.join(d.units_removed) or '-'}")
    lines.append("  items:")
    for item in rv.items:
        units = ", ".join(item.units) or "(no unit)"
        lines.append(f"    {item.number:3}. [{item.clause}] {item.name[:80]} — {item.when[:50]} — {units}")
        lines += [f"         ? {doubt}" for doubt in item.unsure]
    lines.append(f"  confirm: nhacviec plans confirm {row.id}    discard: nhacviec plans discard {row.id}")
    return "\n".join(lines)


def _one_draft(session: Any, query: str) -> Any:
    from storage.drafts import find_drafts

    found = find_drafts(session, query)
    if not found:
        err.print(f"No open draft matches '{query}'. See: nhacviec plans import --draft FILE")
        raise typer.Exit(1)
    if len(found) > 1:
        err.print(f"'{query}' matches {len(found)} drafts: " + "; ".join(f"{d.id}: {d.reference}" for d in found))
        raise typer.Exit(1)
    return found[0]


@plans_app.command("review")
def plans_review(ctx: typer.Context, plan: Annotated[str, typer.Argument(help="draft id, number or words")]) -> None:
    """What a draft holds: counts, units to remind, items, doubts, and the changes to its confirmed version."""
    from storage.drafts import open_draft, review
    from storage.engine import session_scope

    with session_scope(_ctx(ctx).engine) as session:
        row, parsed = open_draft(session, _one_draft(session, plan).id or 0)
        out.print(_review_text(row, review(session, parsed)), highlight=False, markup=False)


@plans_app.command("confirm")
def plans_confirm(ctx: typer.Context, plan: Annotated[str, typer.Argument(help="draft id, number or words")]) -> None:
    """Confirm a draft: its deadlines are scheduled and its units reminded from now on."""
    from storage.drafts import confirm_draft
    from storage.engine import session_scope

    with session_scope(_ctx(ctx).engine) as session:
        result = confirm_draft(session=session, draft_id=_one_draft(session, plan).id or 0, by="cli")
    out.print(
        f"✓ confirmed {result.reference}: {result.occurrences} occurrences for {result.units} units", highlight=False
    )


@plans_app.command("discard")
def plans_discard(ctx: typer.Context, plan: Annotated[str, typer.Argument(help="draft id, number or words")]) -> None:
    """Discard a draft: nothing of it is kept or scheduled."""
    from storage.drafts import discard_draft
    from storage.engine import session_scope

    with session_scope(_ctx(ctx).engine) as session:
        row = _one_draft(session, plan)
        discard_draft(session=session, draft_id=row.id or 0, by="cli")
    out.print(f"✓ discarded draft {row.id} ({row.reference})", highlight=False)


@tasks_app.command("edit")
def tasks_edit(
    ctx: typer.Context,
    plan: Annotated[str, typer.Argument(help="plan (number or words) or draft id")],
    item: Annotated[int, typer.Argument(help="the item's number, as plans review or plans show number them")],
    time: Annotated[
        str | None, typer.Option("--time", help="the deadline in words: '15/12/2026', 'hằng tháng'")
    ] = None,
    units: Annotated[str | None, typer.Option("--units", help="the responsible units, separated by ';'")] = None,
    drop: Annotated[bool, typer.Option("--drop", help="remove the item: nobody is reminded of it")] = False,
    by: Annotated[str, typer.Option("--by", help="who corrects (kept in the audit trail)")] = "cli",
) -> None:
    """Correct an item of a plan or draft; the correction is kept when the same plan is imported again."""
    from storage.drafts import DraftError, correct, find_drafts, open_draft, stored_plan
    from storage.engine import session_scope
    from storage.plans import find_plans, save_plan

    fields = [(f, v) for f, v in (("time", time), ("units", units), ("drop", "" if drop else None)) if v is not None]
    if len(fields) != 1:
        err.print("Give exactly one of --time, --units or --drop.")
        raise typer.Exit(2)
    field, value = fields[0]
    with session_scope(_ctx(ctx).engine) as session:
        try:
            drafts = find_drafts(session, plan)
            if len(drafts) == 1:
                _row, parsed = open_draft(session, drafts[0].id or 0)
                correct(session=session, plan=parsed, number=item, field=field, value=value, by=by)
                out.print(f"✓ item {item} of draft {drafts[0].id} corrected ({field})", highlight=False)
                return
            found = find_plans(session=session, query=plan)
            if len(found) != 1:
                err.print(f"'{plan}' matches {len(found)} plans. See: nhacviec plans list")
                raise typer.Exit(1)
            parsed = stored_plan(session, found[0])
            correct(session=session, plan=parsed, number=item, field=field, value=value, by=by)
            result = save_plan(session=session, plan=stored_plan(session, found[0]))
        except DraftError as exc:
            err.print(str(exc))
            raise typer.Exit(1) from exc
    out.print(
        f"✓ item {item} of {result.reference} corrected ({field}): {result.occurrences} occurrences", highlight=False
    )


@units_app.command("group")
def units_group(
    ctx: typer.Context,
    group: Annotated[str, typer.Argument(help="the class of units a plan names: 'Các đơn vị trực thuộc Sở'")],
    members: Annotated[list[str], typer.Argument(help="the member units that each answer for themselves")],
) -> None:
    """Map a class of units to its members: each gets its own occurrences, reminders and /status row."""
    from storage.engine import session_scope
    from storage.groups import group_units
    from storage.members import MemberError

    context = _ctx(ctx)
    with session_scope(context.engine) as session:
        try:
            row, added = group_units(session=session, group=group, members=members, today=dt.date.today())  # noqa: DTZ011
        except MemberError as exc:
            err.print(str(exc))
            raise typer.Exit(1) from exc
        out.print(f"✓ {row.name}: {', '.join(u.name for u in added) or 'no new member'}", highlight=False)


@plans_app.command("list")
def plans_list(ctx: typer.Context, as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Every imported plan."""
    from storage.engine import session_scope
    from storage.plans import list_plans

    with session_scope(_ctx(ctx).reader) as session:
        rows = list_plans(session=session)
    if as_json:
        out.print_json(
            json.dumps(
                [
                    {
                        "id": p.id,
                        "plan": p.reference,
                        "year": p.year,
                        "title": p.title,
                        "tasks": t,
                        "targets": g,
                        "source": p.source,
                    }
                    for p, t, g in rows
                ],
                ensure_ascii=False,
            )
        )
        return
    if not rows:
        out.print("No plans yet: nhacviec plans import FILE…")
        return
    from rich.table import Table

    table = Table("id", "plan", "year", "title", "tasks", "targets")
    for p, t, g in rows:
        table.add_row(str(p.id), p.reference, str(p.year), p.title, str(t), str(g))
    out.print(table)


@plans_app.command("show")
def plans_show(
    ctx: typer.Context, plan: Annotated[str, typer.Argument(help="number, id or words of the title")]
) -> None:
    """The clause tree of one plan with its targets and tasks."""
    from storage.engine import session_scope
    from storage.plans import find_plans, plan_detail

    with session_scope(_ctx(ctx).reader) as session:
        found = find_plans(session=session, query=plan)
        if not found:
            err.print(f"No plan matches '{plan}'. See: nhacviec plans list")
            raise typer.Exit(1)
        if len(found) > 1:
            err.print(f"'{plan}' matches {len(found)} plans: " + "; ".join(f"{p.id}: {p.reference}" for p in found))
            raise typer.Exit(1)
        row = found[0]
        clauses, targets, tasks = plan_detail(session=session, plan_id=row.id or 0)
    out.print(f"[bold]{row.reference}[/bold] — {row.title}", highlight=False)
    issued = (
        row.issue_date.strftime("%d/%m/%Y") if row.issue_date else f"{row.issue_month or '?'}/{row.issue_year or '?'}"
    )
    out.print(
        f"Issued {issued} at {row.place or '?'}; plan year {row.year}; signed by {row.signer or '?'}", highlight=False
    )
    by_clause_targets: dict[str, list[Any]] = {}
    for t in targets:
        by_clause_targets.setdefault(t.clause_path, []).append(t)
    by_clause_tasks: dict[str, list[Any]] = {}
    for t in tasks:
        by_clause_tasks.setdefault(t.clause_path, []).append(t)
    depth: dict[str, int] = {}
    for c in clauses:
        level = depth.get(c.parent or "", -1) + 1 if c.parent else 0
        depth[c.path] = level
        first = c.text.split("\n", 1)[0]
        out.print(f"{'  ' * level}{c.path}  {first[:110]}", highlight=False, markup=False)
        for t in by_clause_targets.get(c.path, []):
            measure = "" if t.measure == "%" else " " + t.measure
            out.print(
                f"{'  ' * level}   ◎ {t.metric[:70]} {t.comparator} {t.value_text}{measure}",
                highlight=False,
                markup=False,
            )
        for t in by_clause_tasks.get(c.path, []):
            when = t.schedule_text or t.undated or "?"
            out.print(f"{'  ' * level}   ▸ {t.position + 1}. {t.title[:70]} — {when}", highlight=False, markup=False)
            for doubt in t.unsure:
                out.print(f"{'  ' * level}     ? {doubt}", highlight=False, markup=False)
    from storage.drafts import audit

    with session_scope(_ctx(ctx).reader) as session:
        trail = audit(session, row.key)
    if trail:
        out.print(f"\nCorrections ({len(trail)}):", highlight=False)
        for c in trail:
            change = "dropped" if c.field == "drop" else f"{c.field}: «{c.previous}» → «{c.value}»"
            out.print(f"  {c.created_at:%d/%m/%Y %H:%M} {c.by}: {c.clause} {change}", highlight=False, markup=False)
    review = [(t.clause_path, d) for t in tasks for d in t.unsure]
    if review:
        out.print(f"\nTo review ({len(review)}): what the reader could not resolve", highlight=False)
        for path, doubt in review:
            out.print(f"  ? {path}: {doubt}", highlight=False, markup=False)


# --- deadlines ------------------------------------------------------------------------------------


@app.command()
def deadlines(
    ctx: typer.Context,
    from_: Annotated[str | None, typer.Option("--from", help="first day, YYYY-MM-DD")] = None,
    to: Annotated[str | None, typer.Option("--to", help="last day, YYYY-MM-DD")] = None,
    unit: Annotated[str | None, typer.Option("--unit", help="only this unit (name, abbreviation or alias)")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="one JSON list")] = False,
) -> None:
    """Every occurrence (task, period, units, due date) in the window."""
    from storage.engine import session_scope
    from storage.plans import deadlines as query_deadlines

    start, end = _date(from_, "--from"), _date(to, "--to")
    _window(start, end)
    with session_scope(_ctx(ctx).reader) as session:
        unit_ids = _unit_ids(session, unit)
        entries = query_deadlines(session=session, start=start, end=end, unit_ids=unit_ids)
    if as_json:
        sys.stdout.write(
            json.dumps(
                [
                    {"due": e.due.isoformat(), "task": e.task, "units": e.units, "plan": e.plan, "period": e.period}
                    for e in entries
                ],
                ensure_ascii=False,
                indent=1,
            )
            + "\n"
        )
        return
    if not entries:
        out.print("No deadlines in this window.")
        return
    from rich.table import Table

    from bot.render import clip, date_text, period_text

    lang = _ctx(ctx).settings.default_locale
    table = Table("due", "task", "units", "period", "plan")
    for e in entries:
        period = period_text(e.period, lang)
        table.add_row(date_text(e.due, lang), clip(e.task, 80), ", ".join(e.units), period, e.plan)
    out.print(table)


# --- ask ------------------------------------------------------------------------------------------


@app.command()
def ask(
    ctx: typer.Context,
    question: Annotated[str, typer.Argument(help="the question; '-' reads one question per line from stdin")],
    as_json: Annotated[bool, typer.Option("--json", help="one JSON object per line")] = False,
    unit: Annotated[str | None, typer.Option("--unit", help="answer for this unit (its deadlines first)")] = None,
    lang: Annotated[str | None, typer.Option("--lang", help="vi or en (default: DEFAULT_LOCALE)")] = None,
) -> None:
    """Answer questions from the imported plans, citing plan and section."""
    from bot.render import answer_text
    from plans.answer import Engine, prefer_units
    from plans.limits import chat_text
    from storage.knowledge import load_plans

    lang = lang or _ctx(ctx).settings.default_locale
    if lang not in ("vi", "en"):
        err.print("--lang must be vi or en")
        raise typer.Exit(2)
    from storage.readonly import open_reader

    with open_reader(_ctx(ctx).settings.database_url) as quick:  # a SQLite file at the newest schema: sqlite3
        if quick is not None:
            plans, names = load_plans(session=quick)
        else:
            with _ctx(ctx).reader.connect() as connection:  # plain reads: no ORM session
                plans, names = load_plans(session=connection)
    spellings: set[str] = set()
    if unit:
        from storage.engine import session_scope
        from storage.plans import resolve_units

        with session_scope(_ctx(ctx).reader) as session:
            _unit_ids(session, unit)  # exits with a message when no unit matches
            for row in resolve_units(session=session, name=unit):
                spellings |= {row.name, *row.aliases}
    if not plans:
        err.print("No plans imported yet: nhacviec plans import FILE…")
        raise typer.Exit(1)
    store = _index_store(_ctx(ctx).settings)  # plans read by an earlier process are not read again
    engine = Engine(plans, names)
    if store is not None:
        from plans.answer import _digest

        store.prune({_digest(p) for p in plans})
    questions = (line.strip() for line in sys.stdin) if question == "-" else iter([question])
    for q in questions:
        if not q:
            continue
        answer = prefer_units(engine.ask(chat_text(q), lang=lang), spellings)  # bounded; the asking unit's facts first
        text = answer_text(answer, lang)
        if as_json:
            citations = [{"plan": f.plan, "section": f.section, "quote": f.quote} for f in answer.facts]
            record = {"question": q, "found": answer.found, "answer": text, "citations": citations}
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
        else:
            sys.stdout.write(text + "\n\n")
        sys.stdout.flush()


# --- units and members ----------------------------------------------------------------------------


def _one_unit(session: Any, name: str) -> Any:
    """Exactly one unit for a name, or a clear message and exit code 1."""
    from storage.plans import resolve_units

    units = resolve_units(session=session, name=name)
    if not units:
        err.print(f"No unit matches '{name}'. See: nhacviec units list (or add it: nhacviec units add NAME)")
        raise typer.Exit(1)
    if len(units) > 1:
        err.print(f"'{name}' matches {len(units)} units: " + "; ".join(u.name for u in units) + ". Be more precise.")
        raise typer.Exit(1)
    return units[0]


@units_app.command("list")
def units_list(ctx: typer.Context, as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Every unit (from the plans or added by hand) with its aliases and number of members."""
    from storage.engine import session_scope
    from storage.members import list_units

    with session_scope(_ctx(ctx).reader) as session:
        rows = list_units(session=session)
    if as_json:
        records = [
            {"id": u.id, "unit": u.name, "aliases": u.aliases, "members": n, "manual": u.manual} for u, n in rows
        ]
        sys.stdout.write(json.dumps(records, ensure_ascii=False, indent=1) + "\n")
        return
    from rich.table import Table

    table = Table("id", "unit", "aliases", "members")
    for u, n in rows:
        table.add_row(str(u.id), u.name, ", ".join(a for a in u.aliases if a != u.name)[:60], str(n))
    out.print(table)


@units_app.command("add")
def units_add(ctx: typer.Context, name: Annotated[str, typer.Argument(help="the unit's name")]) -> None:
    """Add a unit by hand (one the plans do not name, e.g. a school)."""
    from storage.engine import session_scope
    from storage.members import MemberError, add_unit

    with session_scope(_ctx(ctx).engine) as session:
        try:
            unit, created = add_unit(session=session, name=name)
        except MemberError as exc:
            err.print(str(exc))
            raise typer.Exit(2) from None
    out.print(f"{'added' if created else 'exists'}: {unit.name} (id {unit.id})", highlight=False)


@units_app.command("invite")
def units_invite(
    ctx: typer.Context,
    unit: Annotated[str, typer.Argument(help="name, abbreviation or alias")],
    role: Annotated[str, typer.Option("--role", help="staff, officer or admin")] = "staff",
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """A join code for a unit: people send /start CODE to the bot (or open the Telegram link)."""
    from storage.engine import session_scope
    from storage.members import MemberError, create_join_code

    context = _ctx(ctx)
    with session_scope(context.engine) as session:
        row = _one_unit(session, unit)
        try:
            code = create_join_code(
                session=session, unit_id=row.id, role=role, valid_days=context.settings.join_code_days
            )
        except MemberError as exc:
            err.print(str(exc))
            raise typer.Exit(2) from None
    username = context.settings.telegram_bot_username
    link = f"https://t.me/{username}?start={code.code}" if username else None
    if as_json:
        sys.stdout.write(json.dumps({"unit": row.name, "code": code.code, "link": link}, ensure_ascii=False) + "\n")
        return
    out.print(f"{row.name}: /start {code.code}" + (f"  ({link})" if link else ""), highlight=False)
    if code.expires_at:
        out.print(f"valid until {code.expires_at:%Y-%m-%d}", highlight=False)


@members_app.command("list")
def members_list(
    ctx: typer.Context,
    unit: Annotated[str | None, typer.Option("--unit")] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Every member with channel, chat, unit, role and whether the bot can still reach them."""
    from storage.engine import session_scope
    from storage.members import list_members

    with session_scope(_ctx(ctx).reader) as session:
        unit_ids = [_one_unit(session, unit).id] if unit else None
        rows = list_members(session=session, unit_ids=unit_ids)
    if as_json:
        records = [
            {
                "id": m.id,
                "channel": m.channel,
                "chat_id": m.chat_id,
                "user_id": m.user_id or None,
                "name": m.name,
                "unit": m.unit,
                "role": m.role,
                "group": m.is_group,
                "active": m.active,
            }
            for m in rows
        ]
        sys.stdout.write(json.dumps(records, ensure_ascii=False, indent=1) + "\n")
        return
    if not rows:
        out.print("No members yet: nhacviec units invite UNIT, or nhacviec members add …")
        return
    from rich.table import Table

    table = Table("id", "channel", "chat", "name", "unit", "role", "active")
    for m in rows:
        chat = f"{m.chat_id} (group)" if m.is_group else m.chat_id
        table.add_row(str(m.id), m.channel, chat, m.name, m.unit or "—", m.role, "yes" if m.active else "no")
    out.print(table)


@members_app.command("add")
def members_add(
    ctx: typer.Context,
    channel: Annotated[str, typer.Option("--channel", help="telegram, zalo or terminal")],
    chat_id: Annotated[str, typer.Option("--chat-id", help="the person's (or group's) chat id")],
    unit: Annotated[str | None, typer.Option("--unit", help="required for staff")] = None,
    role: Annotated[str, typer.Option("--role", help="staff, officer or admin")] = "staff",
    name: Annotated[str, typer.Option("--name")] = "",
    group: Annotated[bool, typer.Option("--group", help="the chat is a group standing for the unit")] = False,
) -> None:
    """Register a person (or a group chat) without a join code, e.g. the first admin or a bulk set-up."""
    from storage.engine import session_scope
    from storage.members import MemberError, add_member

    if channel not in ("telegram", "zalo", "terminal"):
        err.print("--channel must be telegram, zalo or terminal")
        raise typer.Exit(2)
    with session_scope(_ctx(ctx).engine) as session:
        unit_id = _one_unit(session, unit).id if unit else None
        try:
            member, created = add_member(
                session=session,
                channel=channel,
                chat_id=chat_id,
                user_id="" if group else chat_id,
                unit_id=unit_id,
                role=role,
                name=name,
            )
        except MemberError as exc:
            err.print(str(exc))
            raise typer.Exit(2) from None
    verb = "added" if created else "updated"
    out.print(f"{verb}: {member.channel}:{member.chat_id} {member.name} — {member.unit or 'no unit'}, {member.role}")


# --- reminders ------------------------------------------------------------------------------------


@reminders_app.command("preview")
def reminders_preview(
    ctx: typer.Context,
    from_: Annotated[str | None, typer.Option("--from", help="first day, YYYY-MM-DD (default: today)")] = None,
    to: Annotated[str | None, typer.Option("--to", help="last day, YYYY-MM-DD (default: 30 days on)")] = None,
    unit: Annotated[str | None, typer.Option("--unit", help="only this unit")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="one JSON list")] = False,
) -> None:
    """What the reminder policy will send when, per responsible unit (whether or not it has members yet)."""
    from scheduler.preview import preview
    from storage.engine import session_scope

    from .runtime import calendar_from, policy_from

    context = _ctx(ctx)
    calendar = calendar_from(context.settings)
    today = calendar.today(dt.datetime.now(dt.UTC))
    start = _date(from_, "--from") or today
    end = _date(to, "--to") or start + dt.timedelta(days=30)
    _window(start, end)
    with session_scope(context.reader) as session:
        unit_ids = _unit_ids(session, unit)
        entries = preview(
            session=session,
            start=start,
            end=end,
            policy=policy_from(context.settings),
            calendar=calendar,
            unit_ids=unit_ids,
        )
    if as_json:
        sys.stdout.write(json.dumps([e.as_json() for e in entries], ensure_ascii=False, indent=1) + "\n")
        return
    if not entries:
        out.print("Nothing would be sent in this window.")
    else:
        from rich.table import Table

        from bot.render import clip, date_text

        lang = context.settings.default_locale
        table = Table("at", "kind", "unit", "due", "task", "plan")
        for e in entries:
            due = date_text(e.due, lang) if e.due else "—"
            table.add_row(f"{date_text(e.at.date(), lang)} {e.at:%H:%M}", e.kind, e.unit, due, clip(e.task, 70), e.plan)
        out.print(table)
    _nothing_ahead(context, today, unit_ids)


def _nothing_ahead(context: Context, today: dt.date, unit_ids: list[int] | None) -> None:
    """When no deadline lies ahead: the last one on record, its plan, and how to load this year's plan."""
    from bot.core.deadlines_view import nothing_ahead_text
    from storage.engine import session_scope
    from storage.horizon import last_deadline

    with session_scope(context.engine) as session:
        last = last_deadline(session=session, unit_ids=unit_ids)
        if last is None or last.due < today:
            lang = context.settings.default_locale
            err.print(nothing_ahead_text(session, locale=lang, today=today, unit_ids=unit_ids))


@reminders_app.command("send-due")
def reminders_send_due(ctx: typer.Context) -> None:
    """One planning and dispatch pass (for cron users): queue what is due, send it, and exit."""
    import asyncio

    context = _ctx(ctx)
    settings = context.settings

    async def once() -> Any:
        from .runtime import reminder_service, senders_from

        senders, close = await senders_from(settings)
        try:
            if not senders:
                err.print("No TELEGRAM_BOT_TOKEN or ZALO_BOT_TOKEN: reminders are only queued.")
            service = reminder_service(settings, context.engine, senders)
            planned = await service.plan()
            stats = await service.dispatch() if senders else None
            return planned, stats
        finally:
            await close()

    planned, stats = asyncio.run(once())
    out.print(f"queued {planned} new reminders", highlight=False)
    if stats is not None:
        out.print(
            f"sent {stats.sent}, cancelled {stats.cancelled}, retrying {stats.retried}, failed {stats.failed}, "
            f"unreachable {stats.unreachable}",
            highlight=False,
        )


# --- status ---------------------------------------------------------------------------------------


@app.command()
def status(
    ctx: typer.Context,
    plan: Annotated[str | None, typer.Option("--plan", help="number, id or words of the title")] = None,
    unit: Annotated[str | None, typer.Option("--unit", help="name, abbreviation or alias")] = None,
    from_: Annotated[str | None, typer.Option("--from", help="first day (default: first of this month)")] = None,
    to: Annotated[str | None, typer.Option("--to", help="last day (default: end of this month)")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="one JSON object")] = False,
    xlsx: Annotated[Path | None, typer.Option("--xlsx", help="also write the spreadsheet here")] = None,
    chart: Annotated[Path | None, typer.Option("--chart", help="also write the PNG chart here")] = None,
    lang: Annotated[str | None, typer.Option("--lang", help="vi or en (default: DEFAULT_LOCALE)")] = None,
) -> None:
    """The officers' summary: per unit done, in progress, blocked, late and upcoming; the late and blocked."""
    from bot.core.status_view import Period, Scope, build_summary, summary_text
    from storage.engine import session_scope
    from storage.plans import find_plans, resolve_units

    from .runtime import calendar_from

    context = _ctx(ctx)
    lang = lang or context.settings.default_locale
    calendar = calendar_from(context.settings)
    today = calendar.today(dt.datetime.now(dt.UTC))
    start = _date(from_, "--from") or today.replace(day=1)
    end = _date(to, "--to") or (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    _window(start, end)
    with session_scope(context.reader) as session:
        plan_ids = None
        unit_ids = _unit_ids(session, unit)
        labels = [", ".join(u.name for u in resolve_units(session=session, name=unit))] if unit else []
        if plan:
            plans = find_plans(session=session, query=plan)
            if not plans:
                err.print(f"No plan matches '{plan}'. See: nhacviec plans list")
                raise typer.Exit(1)
            plan_ids = [p.id for p in plans if p.id is not None]
            labels.append(", ".join(p.reference for p in plans))
        summary = build_summary(
            session,
            period=Period(start=start, end=end, rest=""),
            scope=Scope(unit_ids=unit_ids, plan_ids=plan_ids),
            today=today,
        )
    if xlsx is not None:
        from bot.exports import status_workbook

        xlsx.parent.mkdir(parents=True, exist_ok=True)
        xlsx.write_bytes(status_workbook(summary, lang, timezone=context.settings.timezone))
        err.print(f"spreadsheet: {xlsx}")
    if chart is not None:
        from bot.charts import status_chart

        chart.parent.mkdir(parents=True, exist_ok=True)
        chart.write_bytes(status_chart(summary, lang))
        err.print(f"chart: {chart}")
    if as_json:

        def item(o: Any) -> dict:
            return {
                "unit": o.unit,
                "task": o.task,
                "plan": o.plan,
                "section": o.clause,
                "due": o.due.isoformat(),
                "period": o.period,
                "note": o.note,
                "reported_at": o.reported_at.isoformat() if o.reported_at else None,
            }

        record = {
            "from": start.isoformat(),
            "to": end.isoformat(),
            "units": [u.as_json() for u in summary.units],
            "late": [item(o) for o in summary.late],
            "blocked": [item(o) for o in summary.blocked],
        }
        sys.stdout.write(json.dumps(record, ensure_ascii=False, indent=1) + "\n")
        return
    sys.stdout.write(summary_text(summary, lang, label="; ".join(labels), zone=calendar.zone) + "\n")
    if not summary.units:
        _nothing_ahead(context, today, unit_ids)


# --- chat and run ---------------------------------------------------------------------------------


def _terminal(
    context: Context, as_unit: str | None, role: str | None, name: str, session_name: str | None, files: Path | None
) -> Any:
    """The local person at the keyboard: a member of `as_unit` (staff unless --role says otherwise), or an
    administrator of no unit. Each session is its own chat user, named by --session or by unit and role, so
    two terminals never share (or overwrite) one identity."""
    from bot.channels.terminal import CHANNEL, TerminalChannel
    from plans.text import fold
    from storage.engine import session_scope
    from storage.members import MemberError, add_member

    from .runtime import build_core

    role = role or ("staff" if as_unit else "admin")
    if session_name is None:
        session_name = f"{fold(as_unit)}-{role}" if as_unit else role
    user = "-".join(session_name.replace("/", " ").split()) or "local"
    with session_scope(context.engine) as session:
        unit_id = _one_unit(session, as_unit).id if as_unit else None
        if unit_id is None and role == "staff":
            err.print("--role staff needs --as UNIT (staff answer for their unit)")
            raise typer.Exit(2)
        try:
            add_member(
                session=session,
                channel=CHANNEL,
                chat_id=user,
                user_id=user,
                unit_id=unit_id,
                role=role,
                name=name,
            )
        except MemberError as exc:
            err.print(str(exc))
            raise typer.Exit(2) from None
    core = build_core(context.settings, context.engine)
    return TerminalChannel(core, user_id=user, name=name, files_dir=files)


AS_HELP = "chat as a member of this unit (without --as: an administrator of no unit)"
ROLE_HELP = "staff, officer or admin (default: staff with --as, admin without)"
SESSION_HELP = "this chat's identity (default: unit and role, e.g. vp-officer); sessions never share one"
FILES_HELP = "folder for charts and spreadsheets the bot sends (default: data/chat-files/SESSION)"


@app.command()
def chat(
    ctx: typer.Context,
    as_unit: Annotated[str | None, typer.Option("--as", help=AS_HELP)] = None,
    role: Annotated[str | None, typer.Option("--role", help=ROLE_HELP)] = None,
    name: Annotated[str, typer.Option("--name", help="your name in the chat")] = "Bạn",
    session_name: Annotated[str | None, typer.Option("--session", help=SESSION_HELP)] = None,
    files: Annotated[Path | None, typer.Option("--files", help=FILES_HELP)] = None,
) -> None:
    """The terminal chat on the same conversation core as Telegram and Zalo (/quit or Ctrl-C to leave)."""
    import asyncio

    terminal = _terminal(_ctx(ctx), as_unit, role, name, session_name, files)
    if terminal.interactive:
        err.print(f"nhacviec — {terminal.user_id}. Gõ câu hỏi hoặc /help; /quit (hoặc Ctrl-C) để thoát.")
        err.print(f"Tệp nhận được lưu trong {terminal.files_dir.resolve()}")
    try:
        asyncio.run(terminal.run())
    except KeyboardInterrupt:
        raise typer.Exit(130) from None


@app.command()
def run(
    ctx: typer.Context,
    as_unit: Annotated[str | None, typer.Option("--as", help="terminal chat only: " + AS_HELP)] = None,
    role: Annotated[str | None, typer.Option("--role", help="terminal chat only: " + ROLE_HELP)] = None,
    session_name: Annotated[str | None, typer.Option("--session", help="terminal chat only: " + SESSION_HELP)] = None,
) -> None:
    """The bot and the scheduler in one process: Telegram and/or Zalo by their tokens, else the terminal chat."""
    import asyncio
    import logging

    from .runtime import build_core, serve

    context = _ctx(ctx)
    settings = context.settings
    terminal_only = settings.telegram_bot_token is None and settings.zalo_bot_token is None
    from .logs import configure

    configure(logging.WARNING if terminal_only else logging.INFO, settings.log_format)  # the terminal shares the screen
    logging.getLogger("httpx").setLevel(logging.WARNING)  # its request lines would print the Zalo token
    for chatty in ("apscheduler", "alembic", "aiogram.event"):  # a line per tick or per update
        logging.getLogger(chatty).setLevel(logging.WARNING)
    terminal = None
    if terminal_only:
        terminal = _terminal(context, as_unit, role, "Bạn", session_name, None)
        if terminal.interactive:
            err.print("No TELEGRAM_BOT_TOKEN or ZALO_BOT_TOKEN: the terminal chat. Ask away; /help; /quit to leave.")
        core = terminal.core
    else:
        from .runtime import ready_engine

        context._engine = ready_engine(settings.database_url)  # waits (one log line) while the database is away
        context._checked = True  # ready_engine brought it to the newest schema
        core = build_core(settings, context.engine)
    asyncio.run(serve(settings, core, terminal=terminal, engine=context.engine))


if __name__ == "__main__":
    app()
