"""Deployable as shipped: the wheel is self-contained (catalogues and migrations inside) and answers in
Vietnamese from another folder; the compose file's services run real CLI commands; `nhacviec db upgrade`
is safe when two replicas start together on PostgreSQL."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import uuid
import zipfile
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, SOC_TRANG, _postgres_required, postgres_url
from sqlalchemy import text

NHACVIEC = Path(sys.executable).with_name("nhacviec")


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "DATABASE_URL")}
    return {**env, **extra}


@pytest.mark.slow
def test_the_wheel_installs_and_answers_in_vietnamese_from_another_folder(tmp_path: Path) -> None:
    # Built from a copy of what the Dockerfile copies, so the build leaves nothing in the checkout.
    source = tmp_path / "src"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    for name in ("nhacviec", "plans", "storage", "scheduler", "bot", "locales"):
        shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(wheels), str(source)],
        check=True,
        capture_output=True,
        env=clean_env(),
        timeout=300,
    )
    wheel = next(wheels.glob("nhacviec-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "locales/vi/LC_MESSAGES/nhacviec.mo" in names and "locales/en/LC_MESSAGES/nhacviec.mo" in names
    assert any(n.startswith("storage/migrations/versions/0001") for n in names)

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    site = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    )
    # The dependencies come from the dev venv (read-only, appended after the venv's own site-packages; its
    # editable finder for nhacviec is a .pth there, which is not processed from an appended path).
    (site / "_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-deps", str(wheel)],
        check=True,
        capture_output=True,
        env=clean_env(),
        timeout=300,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = clean_env(DATABASE_URL=f"sqlite:///{elsewhere / 'nv.db'}")
    installed = venv / "bin" / "nhacviec"
    where = subprocess.run(
        [str(python), "-c", "import bot.i18n, locales; print(bot.i18n.__file__, locales.__file__)"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        env=env,
        check=True,
    ).stdout
    assert str(ROOT) not in where and str(venv) in where, where
    subprocess.run(
        [str(installed), "plans", "import", str(SOC_TRANG)],
        cwd=elsewhere,
        env=env,
        check=True,
        capture_output=True,
        timeout=120,
    )
    answer = subprocess.run(
        [str(installed), "ask", "hạn nộp báo cáo 6 tháng"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert answer.returncode == 0, answer.stderr[-2000:]
    assert "15/06/2023" in answer.stdout or "15/6" in answer.stdout, answer.stdout
    nothing = subprocess.run(
        [str(installed), "ask", "giá vàng hôm nay"], cwd=elsewhere, env=env, capture_output=True, text=True, timeout=120
    )
    assert "không nói" in nothing.stdout, nothing.stdout  # the Vietnamese catalogue, read from the wheel


def cli_commands() -> set[str]:
    """Every `nhacviec` command path ("run", "db upgrade", …), from the typer app itself."""
    import typer.main

    from nhacviec.cli import app

    group = typer.main.get_command(app)
    paths: set[str] = set()

    def walk(command: object, prefix: str) -> None:
        for name, sub in getattr(command, "commands", {}).items():
            path = f"{prefix} {name}".strip()
            paths.add(path)
            walk(sub, path)

    walk(group, "")
    return paths


def test_compose_file_runs_real_commands() -> None:
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))
    services = compose["services"]
    assert {"postgres", "migrate", "proxy"} <= set(services)
    replicas = [name for name, s in services.items() if s.get("command", [None])[0:1] == ["run"]]
    count = sum(int(services[n].get("deploy", {}).get("replicas", 1)) for n in replicas)
    assert count >= 2, "two replicas in webhook mode"
    commands = cli_commands()
    ours = [n for n, s in services.items() if s.get("build") or str(s.get("image", "")).startswith("nhacviec")]
    assert set(replicas) | {"migrate"} <= set(ours)
    for name in ours:
        words = [w for w in services[name]["command"] if not w.startswith("-")]
        assert " ".join(words[:2]) in commands or words[0] in commands, (name, words)
    assert services["migrate"]["command"][:2] == ["db", "upgrade"]
    for name in replicas:
        env = services[name]["environment"]
        assert env.get("TELEGRAM_WEBHOOK_URL") and "postgresql+psycopg://" in env["DATABASE_URL"]
        assert services[name]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
        assert "healthcheck" in services[name] and "/healthz" in " ".join(services[name]["healthcheck"]["test"])
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert 'ENTRYPOINT ["nhacviec"]' in dockerfile and "USER " in dockerfile
    proxy_conf = (ROOT / "deploy" / "Caddyfile").read_text(encoding="utf-8")
    assert "reverse_proxy" in proxy_conf and "/telegram" in proxy_conf and "/zalo" in proxy_conf
    for line in (ROOT / ".dockerignore").read_text().splitlines():
        assert line.strip() != "locales", "the catalogues go into the image"


def test_settings_documented_in_env_example() -> None:
    from nhacviec.settings import Settings

    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    for name in Settings.model_fields:
        assert f"{name.upper()}=" in example, name


def test_db_upgrade_is_safe_when_two_replicas_start_together(tmp_path: Path) -> None:
    url = postgres_url()
    if not url:
        if _postgres_required():
            pytest.fail("TEST_DATABASE_URL is required in CI")
        pytest.skip("PostgreSQL not configured: set TEST_DATABASE_URL to run this test")
    from storage.engine import make_engine

    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = make_engine(url)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        env = clean_env(DATABASE_URL=f"{url}?options=-csearch_path%3D{schema}", PYTHONPATH=str(ROOT))
        processes = [
            subprocess.Popen(
                [str(NHACVIEC), "db", "upgrade"],
                cwd=tmp_path,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(2)
        ]
        outputs = [p.communicate(timeout=180) for p in processes]
        assert [p.returncode for p in processes] == [0, 0], outputs
        with admin.begin() as conn:
            versions = conn.execute(text(f'SELECT version_num FROM "{schema}".alembic_version')).scalars().all()
        assert len(versions) == 1
        assert all("schema at" in out for out, _ in outputs), outputs
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
