"""a team ("Tổ Văn phòng", "Tổ CNTT") is a unit of its own, not the office of the same name

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-24 10:00:00

Unit keys used to drop a leading "Tổ", so a school's Tổ Văn phòng and a Sở's Văn phòng were one unit: its
name, members and reminders mixed. The key now keeps "tổ". This moves the team spellings out of an office's
unit into the team's own unit, with the tasks (and their occurrences) whose quote names the team and not
the office. The rule is written out here, not imported, so the migration stays what it was when written.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"\s+", " ", text).strip()


def _is_team(alias: str) -> bool:
    """ "Tổ Văn phòng", "Tổ trưởng Tổ CNTT", "Tổ trưởng chuyên môn"; not "Tổ chức cán bộ" (a word, no team)."""
    folded = _fold(alias)
    return folded.startswith("to ") and not folded.startswith("to chuc")


def _names(text: str, aliases: list[str]) -> bool:
    return any(re.search(rf"(?<!\w){re.escape(_fold(a))}(?!\w)", text) for a in aliases if _fold(a))


def _aliases(value: object) -> list[str]:
    return list(json.loads(value) if isinstance(value, str) else value or [])


def _headings(bind: sa.Connection, plan_id: int, path: str) -> list[str]:
    """The texts of a task's clause and the clauses above it: a unit named in a heading ("1. Tổ Văn phòng:")
    leads the duties under it."""
    rows = bind.execute(sa.text("SELECT path, parent, text FROM clause WHERE plan_id = :p"), {"p": plan_id}).all()
    by_path = {p: (parent, text) for p, parent, text in rows}
    out: list[str] = []
    while path in by_path and len(out) < 20:
        parent, text = by_path[path]
        out.append(text or "")
        path = parent
    return out


def upgrade() -> None:
    bind = op.get_bind()
    units = bind.execute(sa.text("SELECT id, key, name, aliases FROM unit ORDER BY id")).all()
    ids = {key: uid for uid, key, _, _ in units}
    for uid, key, name, raw in units:
        aliases = _aliases(raw)
        teams = [a for a in aliases if _is_team(a)]
        if not teams or key.startswith("to "):
            continue
        offices = [a for a in aliases if a not in teams]
        new_key = f"to {key}"
        if not offices and new_key not in ids:  # only the team was ever named: the unit is the team's
            bind.execute(sa.text("UPDATE unit SET key = :k WHERE id = :id"), {"k": new_key, "id": uid})
            ids[new_key] = uid
            continue
        team_id = ids.get(new_key)
        if team_id is None:
            bind.execute(
                sa.text("INSERT INTO unit (key, name, aliases, manual, created_at) VALUES (:k, :n, :a, :m, :t)"),
                {"k": new_key, "n": teams[0], "a": json.dumps(teams), "m": False, "t": dt.datetime.now(dt.UTC)},
            )
            team_id = bind.execute(sa.text("SELECT id FROM unit WHERE key = :k"), {"k": new_key}).scalar_one()
            ids[new_key] = team_id
        bind.execute(sa.text("UPDATE unit SET aliases = :a WHERE id = :id"), {"a": json.dumps(offices), "id": uid})
        links = bind.execute(
            sa.text(
                "SELECT task_unit.task_id, task_unit.role, task.plan_id, task.clause_path, task.quote FROM task_unit "
                "JOIN task ON task.id = task_unit.task_id WHERE task_unit.unit_id = :id"
            ),
            {"id": uid},
        ).all()
        for task_id, role, plan_id, path, quote in links:
            text = _fold(" ".join([quote or "", *_headings(bind, plan_id, path)]))
            if not _names(text, teams):
                continue
            rest = text
            for team in sorted(teams, key=len, reverse=True):
                rest = re.sub(rf"(?<!\w){re.escape(_fold(team))}(?!\w)", " ", rest)
            if _names(rest, offices):
                continue  # the quote names the office too: left with the office
            taken = bind.execute(
                sa.text("SELECT 1 FROM task_unit WHERE task_id = :t AND unit_id = :u AND role = :r"),
                {"t": task_id, "u": team_id, "r": role},
            ).first()
            if taken:
                bind.execute(
                    sa.text("DELETE FROM task_unit WHERE task_id = :t AND unit_id = :u AND role = :r"),
                    {"t": task_id, "u": uid, "r": role},
                )
            else:
                bind.execute(
                    sa.text("UPDATE task_unit SET unit_id = :n WHERE task_id = :t AND unit_id = :u AND role = :r"),
                    {"n": team_id, "t": task_id, "u": uid, "r": role},
                )
            bind.execute(
                sa.text(
                    "UPDATE occurrence SET unit_id = :n WHERE task_id = :t AND unit_id = :u AND NOT EXISTS "
                    "(SELECT 1 FROM occurrence o2 WHERE o2.task_id = occurrence.task_id AND o2.unit_id = :n "
                    "AND o2.due = occurrence.due AND o2.period = occurrence.period)"
                ),
                {"n": team_id, "t": task_id, "u": uid},
            )


def downgrade() -> None:
    # the teams stay units of their own: merging them back into the offices would mix their members again
    pass
