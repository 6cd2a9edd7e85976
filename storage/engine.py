"""Engine, sessions and schema upgrades. Built by the composition root and passed down."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, create_engine, event, exc, text

from .readonly import MIGRATIONS, schema_heads

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlmodel import Session


def make_engine(url: str, *, echo: bool = False) -> Engine:
    """An engine; for a SQLite file, its folder is created and foreign keys and WAL are switched on."""
    if url.startswith("sqlite:///") and ":memory:" not in url:
        path = Path(url[len("sqlite:///") :].split("?", 1)[0])
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not path.exists():  # only its owner reads it (members, reports); SQLite gives -wal/-shm the same mode
            os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    kwargs: dict = {"echo": echo}
    if url.startswith("sqlite"):
        kwargs["connect_args"] = {"check_same_thread": False, "timeout": 30}
    else:
        kwargs["pool_pre_ping"] = True
        if url.startswith("postgresql+psycopg"):  # an unreachable server fails in seconds, not minutes
            kwargs["connect_args"] = {
                "connect_timeout": 10,
                # A connection whose peer vanished (a partition, not a refusal) is noticed in about 30 s.
                "keepalives": 1,
                "keepalives_idle": 10,
                "keepalives_interval": 5,
                "keepalives_count": 3,
                "tcp_user_timeout": 30000,
            }
    engine = create_engine(url, **kwargs)
    if url.startswith("sqlite"):

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection, _record) -> None:
            # pysqlite's own BEGIN handling breaks SAVEPOINT (a released savepoint would commit): we emit BEGIN.
            dbapi_connection.isolation_level = None
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.close()

        @event.listens_for(engine, "begin")
        def _sqlite_begin(connection) -> None:
            # IMMEDIATE: writers queue on the busy timeout instead of failing when a read turns into a write.
            connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def alembic_config(engine: Engine) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%"))
    config.attributes["engine"] = engine
    return config


MIGRATION_LOCK = 0x6E68_6163  # pg_advisory_lock key ("nhac"): one migrating process at a time


def upgrade(engine: Engine) -> None:
    """Bring the schema to the newest migration (a no-op when it is there already). On PostgreSQL an
    advisory lock makes replicas that start together migrate one after the other (the second finds the
    schema at head); it is released with its connection even if the process dies."""
    from alembic import command

    if engine.dialect.name != "postgresql":
        command.upgrade(alembic_config(engine), "head")
        return
    with engine.connect() as lock:
        lock.execute(text("SELECT pg_advisory_lock(:key)"), {"key": MIGRATION_LOCK})
        lock.commit()  # a session-level lock: no transaction left open while alembic works
        try:
            command.upgrade(alembic_config(engine), "head")
        finally:
            lock.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": MIGRATION_LOCK})
            lock.commit()


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def schema_is_current(engine: Engine) -> bool:
    """Whether the database stands at the newest migration: one small query, no Alembic."""
    try:
        with engine.connect() as connection:
            rows = connection.exec_driver_sql("SELECT version_num FROM alembic_version").fetchall()
    except exc.DBAPIError:
        return False
    heads = schema_heads()
    return bool(heads) and {r[0] for r in rows} == heads


def ensure_schema(engine: Engine) -> None:
    """`upgrade` only when the database is not at the newest migration: what read-only commands run."""
    if not schema_is_current(engine):
        upgrade(engine)


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """One unit of work: committed on success, rolled back on any error."""
    from sqlmodel import Session

    session = Session(engine, expire_on_commit=False)
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
