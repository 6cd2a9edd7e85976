"""Shared fixtures: the real sample plans, their .docx/.pdf versions, SQLite and PostgreSQL engines."""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from plans import Plan, parse_plan
from storage.engine import make_engine, upgrade

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples" / "plans"
SOC_TRANG = SAMPLES / "soctrang-sgddt-2023-cchc.txt"
Q7_259 = SAMPLES / "q7-pgddt-2021-cchc-259.txt"
Q7_1081 = SAMPLES / "q7-ubnd-2021-cchc-1081.txt"
Q7_297 = SAMPLES / "q7-pgddt-2025-tthc-297.txt"
GIA_LAM = SAMPLES / "gialam-pgddt-2022-sipas-21.txt"
ALL_TXT = sorted(SAMPLES.glob("*.txt"))


# Tests that measure time or rates (send pacing, 429s, outages, start-up, pseudo-terminals): run alone, after
# the rest has run on two workers, so another worker's load cannot make them late.
SERIAL = {
    "test_outbox_faults.py",
    "test_outbox_replicas.py",
    "test_service_faults.py",
    "test_cli_chat.py",
    "test_scale.py",
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.path.name in SERIAL:
            item.add_marker(pytest.mark.serial)


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests talk only to 127.0.0.1: any other address fails the test."""
    real = socket.socket.connect

    def guarded(self: socket.socket, address: object) -> object:
        host = address[0] if isinstance(address, tuple) else address
        if isinstance(host, str) and host not in ("127.0.0.1", "localhost", "::1") and not host.startswith("/"):
            raise RuntimeError(f"test tried to reach {host}")
        return real(self, address)  # type: ignore[arg-type]

    monkeypatch.setattr(socket.socket, "connect", guarded)


@pytest.fixture(scope="session")
def sample_plans() -> dict[str, Plan]:
    return {path.name: parse_plan(path) for path in ALL_TXT}


@pytest.fixture(scope="session")
def built_docs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Sóc Trăng as .docx (appendix a Word table; also with merged rows and cells) and as a printed PDF;
    Quận 7 259 as a printed PDF."""
    from docgen import build_docx, build_pdf

    folder = tmp_path_factory.mktemp("docs")
    st_docx = build_docx(SOC_TRANG, folder / "soctrang.docx")
    return {
        "soctrang.docx": st_docx,
        "soctrang-merged.docx": build_docx(SOC_TRANG, folder / "soctrang-merged.docx", merge=True),
        "soctrang.pdf": build_pdf(st_docx, folder / "soctrang.pdf"),
        "q7-259.pdf": build_pdf(build_docx(Q7_259, folder / "q7-259.docx"), folder / "q7-259.pdf"),
    }


def postgres_url() -> str | None:
    return os.environ.get("TEST_DATABASE_URL") or None


def _postgres_required() -> bool:
    return os.environ.get("NHACVIEC_REQUIRE_POSTGRES", "").lower() in ("1", "true", "yes")


@pytest.fixture
def sqlite_engine(tmp_path: Path) -> Iterator[Engine]:
    engine = make_engine(f"sqlite:///{tmp_path / 'test.db'}")
    upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def postgres_schema() -> Iterator[tuple[str, str]]:
    """(URL, schema): a fresh schema on TEST_DATABASE_URL per test, dropped afterwards."""
    url = postgres_url()
    if not url:
        if _postgres_required():
            pytest.fail("TEST_DATABASE_URL is required in CI")
        pytest.skip("PostgreSQL not configured: set TEST_DATABASE_URL to run this test")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = make_engine(url)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield url, schema
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def postgres_engine(postgres_schema: tuple[str, str]) -> Iterator[Engine]:
    from sqlmodel import create_engine

    url, schema = postgres_schema
    engine = create_engine(url, connect_args={"options": f"-csearch_path={schema}"}, pool_pre_ping=True)
    try:
        upgrade(engine)
        yield engine
    finally:
        engine.dispose()


@pytest.fixture(params=["sqlite", "postgres"])
def engine(request: pytest.FixtureRequest) -> Engine:
    return request.getfixturevalue(f"{request.param}_engine")


@pytest.fixture
def loaded_engine(engine: Engine, sample_plans: dict[str, Plan]) -> Engine:
    """An engine (SQLite and PostgreSQL) holding the five sample plans."""
    from storage.engine import session_scope
    from storage.plans import save_plan

    for plan in sample_plans.values():
        with session_scope(engine) as session:
            save_plan(session=session, plan=plan)
    return engine
