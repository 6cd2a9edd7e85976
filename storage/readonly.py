"""Reading without SQLAlchemy: the quick path of commands that only read (`ask`).

A process that answers one question should not spend most of its life loading a database toolkit. For a
SQLite file at the newest schema this opens the standard library's sqlite3 directly; for anything else
(PostgreSQL, an in-memory database, a file not there yet or behind the newest migration) it gives None and
the caller goes the usual way through `storage.engine`, which migrates when needed.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

MIGRATIONS = Path(__file__).parent / "migrations"


def schema_heads() -> set[str]:
    """The newest revisions of the shipped migrations, read from their files (without loading Alembic)."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        found = re.search(r"^revision(?:\s*:\s*[\w\[\], |]+)?\s*=\s*['\"]([^'\"]+)['\"]", source, re.M)
        if found is None:
            continue
        revisions.add(found.group(1))
        down = re.search(r"^down_revision(?:\s*:\s*[^=]+)?\s*=\s*(.+)$", source, re.M)
        if down:
            parents.update(re.findall(r"['\"]([^'\"]+)['\"]", down.group(1)))
    return revisions - parents


def sqlite_file(url: str) -> Path | None:
    """The file of a plain `sqlite:///PATH` URL (no driver, no options), else None."""
    m = re.fullmatch(r"sqlite:///([^?]+)", url)
    if m is None or m.group(1) == ":memory:":
        return None
    return Path(m.group(1))


@contextmanager
def open_reader(url: str) -> Iterator[sqlite3.Connection | None]:
    """A sqlite3 connection to read from, or None when the usual path must be taken (see the module)."""
    path = sqlite_file(url)
    if path is None or not path.is_file():
        yield None
        return
    connection = sqlite3.connect(path, timeout=30)
    try:
        try:
            versions = {r[0] for r in connection.execute("SELECT version_num FROM alembic_version")}
        except sqlite3.DatabaseError:
            versions = set()
        heads = schema_heads()
        yield connection if heads and versions == heads else None
    finally:
        connection.close()
