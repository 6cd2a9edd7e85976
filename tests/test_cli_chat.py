"""`nhacviec chat`, `run` without tokens, and who-is-who commands, driven as a person (or a script) would."""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ALL_TXT


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    return {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'nv.db'}",
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "TELEGRAM_BOT_USERNAME": "nhacviec_bot",
        **extra,
    }


def nv(
    args: list[str], env: dict[str, str], stdin: str | None = None, check: bool = True
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "nhacviec.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        check=check,
        timeout=120,
    )


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    env = _env(tmp_path)
    nv(["plans", "import", *map(str, ALL_TXT)], env)
    return env


def test_units_members_and_invites(env: dict[str, str]) -> None:
    units = json.loads(nv(["units", "list", "--json"], env).stdout)
    assert any(u["unit"] == "Văn phòng (VP)" for u in units)
    assert "added" in nv(["units", "add", "Trường THCS Nguyễn Du"], env).stdout
    assert "exists" in nv(["units", "add", "trường thcs nguyễn du"], env).stdout
    invite = json.loads(nv(["units", "invite", "VP", "--json"], env).stdout)
    assert invite["unit"] == "Văn phòng (VP)" and len(invite["code"]) == 8
    assert invite["link"] == f"https://t.me/nhacviec_bot?start={invite['code']}"
    assert nv(["units", "invite", "khong co don vi nay"], env, check=False).returncode == 1
    nv(
        [
            "members",
            "add",
            "--channel",
            "telegram",
            "--chat-id",
            "1001",
            "--unit",
            "TCCB",
            "--role",
            "officer",
            "--name",
            "Cô Hoa",
        ],
        env,
    )
    nv(["members", "add", "--channel", "zalo", "--chat-id", "-55", "--unit", "VP", "--group"], env)
    bad = nv(
        ["members", "add", "--channel", "telegram", "--chat-id", "1", "--role", "boss", "--unit", "VP"],
        env,
        check=False,
    )
    assert bad.returncode == 2 and "role" in bad.stderr
    assert nv(["members", "add", "--channel", "telegram", "--chat-id", "1"], env, check=False).returncode == 2
    members = json.loads(nv(["members", "list", "--json"], env).stdout)
    assert {(m["chat_id"], m["unit"], m["role"], m["group"]) for m in members} == {
        ("1001", "Phòng Tổ chức cán bộ (TCCB)", "officer", False),
        ("-55", "Văn phòng (VP)", "staff", True),
    }


def test_chat_from_a_stdin_script(env: dict[str, str]) -> None:
    script = "han nop bao cao 6 thang\n/hanchot\n/lang en\nhạn nộp báo cáo năm\n/khongco\n/quit\nnot read\n"
    result = nv(["chat", "--as", "VP"], env, stdin=script)
    out = result.stdout
    assert "15/06/2023" in out and "mục IV.1" in out
    assert "Văn phòng (VP)" in out
    assert "15/12/2023" in out and "According to" in out  # English after /lang en
    assert "/help" in out
    assert "not read" not in out


def test_run_without_tokens_is_the_terminal_chat(env: dict[str, str]) -> None:
    result = nv(["run", "--as", "TCCB", "--role", "officer"], env, stdin="/toi\n/invite VP\n")
    assert "Phòng Tổ chức cán bộ (TCCB)" in result.stdout and "cán bộ phụ trách" in result.stdout
    assert "Mã tham gia của Văn phòng (VP)" in result.stdout
    assert "Traceback" not in result.stderr  # leaving lets the scheduler's tick finish; nothing is cancelled


def test_chat_in_a_pseudo_terminal(env: dict[str, str]) -> None:
    """As a person types it: a prompt, a question, the answer, then /quit."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: the real command on the pseudo-terminal
        os.execve(sys.executable, [sys.executable, "-m", "nhacviec.cli", "chat", "--as", "VP"], env)
    output = b""

    def read_until(marker: bytes, seconds: float = 60) -> None:
        nonlocal output
        end = time.monotonic() + seconds
        while marker not in output:
            assert time.monotonic() < end, output.decode(errors="replace")
            ready, _, _ = select.select([fd], [], [], 0.5)
            if ready:
                try:
                    output += os.read(fd, 4096)
                except OSError:
                    break

    try:
        read_until(b"> ")
        os.write(fd, "hạn nộp báo cáo 6 tháng\n".encode())
        read_until(b"15/06/2023")
        os.write(fd, b"/quit\n")
        _, status = os.waitpid(pid, 0)
        assert os.waitstatus_to_exitcode(status) == 0
    finally:
        os.close(fd)
