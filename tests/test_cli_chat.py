"""`nhacviec chat`, `run` without tokens, and who-is-who commands, driven as a person (or a script) would."""

from __future__ import annotations

import json
import os
import pty
import select
import shutil
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


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample plans imported once (the database and its index cache); each test works on a copy."""
    folder = tmp_path_factory.mktemp("imported")
    nv(["plans", "import", *map(str, ALL_TXT)], _env(folder))
    return folder


@pytest.fixture
def env(imported: Path, tmp_path: Path) -> dict[str, str]:
    shutil.copytree(imported, tmp_path, dirs_exist_ok=True)
    return _env(tmp_path)


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


class PtyChat:
    """`nhacviec chat …` on a pseudo-terminal, read and written as a person at a keyboard would."""

    def __init__(self, args: list[str], env: dict[str, str]) -> None:
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.execve(sys.executable, [sys.executable, "-m", "nhacviec.cli", "chat", *args], env)
        os.set_blocking(self.fd, False)
        self.output = b""
        self.cursor = 0

    def _pump(self, seconds: float) -> None:
        ready, _, _ = select.select([self.fd], [], [], seconds)
        if ready:
            try:
                self.output += os.read(self.fd, 65536)
            except (BlockingIOError, OSError):
                pass

    def read_until(self, marker: str, seconds: float = 60) -> str:
        """Output from the last marker found up to and including this one."""
        end = time.monotonic() + seconds
        while (found := self.output.find(marker.encode(), self.cursor)) < 0:
            assert time.monotonic() < end, self.output[self.cursor :].decode(errors="replace")[-2000:]
            self._pump(0.2)
        text = self.output[self.cursor : found + len(marker.encode())].decode(errors="replace")
        self.cursor = found + len(marker.encode())
        return text

    def type(self, data: bytes) -> None:
        sent = 0
        end = time.monotonic() + 30
        while sent < len(data):
            assert time.monotonic() < end, "the terminal stopped reading"
            try:
                sent += os.write(self.fd, data[sent:])
            except BlockingIOError:
                self._pump(0.1)

    def say(self, line: str, expect: str, seconds: float = 60) -> str:
        self.type(line.encode() + b"\n")
        return self.read_until(expect, seconds)

    def exit_code(self, seconds: float = 10) -> int:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                return os.waitstatus_to_exitcode(status)
            self._pump(0.1)
        raise AssertionError("still running")

    def close(self) -> None:
        try:
            os.kill(self.pid, 9)
            os.waitpid(self.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        os.close(self.fd)


def test_two_terminal_sessions_keep_their_identities_and_export_saves_a_file(
    env: dict[str, str], tmp_path: Path
) -> None:
    files = tmp_path / "nhan-tep"
    officer = PtyChat(["--as", "VP", "--role", "officer", "--files", str(files)], env)
    try:
        officer.read_until("> ")
        assert "cán bộ phụ trách" in officer.say("/toi", "Ngôn ngữ")
        # Another terminal, another person: TCCB staff. The officer's session is not touched.
        other = nv(["chat", "--as", "TCCB", "--role", "staff"], env, stdin="/toi\n")
        assert "Phòng Tổ chức cán bộ (TCCB)" in other.stdout and "thành viên" in other.stdout
        me = officer.say("/toi", "Ngôn ngữ")
        assert "Văn phòng (VP)" in me and "cán bộ phụ trách" in me and "TCCB" not in me
        exported = officer.say("/export năm 2023", ".xlsx]")
        saved = list(files.glob("*.xlsx"))
        assert len(saved) == 1 and saved[0].stat().st_size > 1000
        assert str(saved[0]) in exported.replace("\r\n", "").replace("\n", "")
        officer.type(b"/quit\n")
        assert officer.exit_code() == 0
    finally:
        officer.close()
    members = json.loads(nv(["members", "list", "--json"], env).stdout)
    roles = {(m["channel"], m["unit"], m["role"]) for m in members}
    assert ("terminal", "Văn phòng (VP)", "officer") in roles
    assert ("terminal", "Phòng Tổ chức cán bộ (TCCB)", "staff") in roles


def test_a_long_pasted_line_cut_mid_character_then_ctrl_c_quits_at_once(env: dict[str, str]) -> None:
    chat = PtyChat(["--as", "VP"], env)
    try:
        chat.read_until("> ")
        pasted = ("Hạn nộp báo cáo cải cách hành chính của đơn vị là ngày nào? " * 200)[:10_000]
        chat.type(pasted.encode() + b"\n")  # the terminal keeps 4095 bytes: the line ends mid-character
        chat.read_until("\n> ", 120)
        assert "15/06/2023" in chat.say("han nop bao cao 6 thang", "15/06/2023")
        chat.read_until("> ")
        started = time.monotonic()
        chat.type(b"\x03")  # Ctrl-C while the chat waits for a line
        assert chat.exit_code(seconds=10) in (0, 130)
        assert time.monotonic() - started < 5
        assert b"Traceback" not in chat.output
    finally:
        chat.close()


def test_bad_bytes_on_stdin_are_replaced_not_fatal(env: dict[str, str]) -> None:
    script = "hạn nộp báo cáo 6 tháng".encode() + b"\xe1\xba\n" + b"\xff\xfe/toi\n/toi\n"
    result = subprocess.run(
        [sys.executable, "-m", "nhacviec.cli", "chat", "--as", "VP"], input=script, capture_output=True, env=env
    )
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    out = result.stdout.decode()
    assert "15/06/2023" in out and "Văn phòng (VP)" in out and b"Traceback" not in result.stderr


def test_chat_defaults_are_the_ones_help_states(env: dict[str, str]) -> None:
    help_text = nv(["chat", "--help"], {**env, "COLUMNS": "200"}).stdout
    assert "administrator" in help_text and "staff with --as" in help_text
    admin = nv(["chat"], env, stdin="/toi\n").stdout
    assert "quản trị viên" in admin
    staff = nv(["chat", "--as", "VP"], env, stdin="/toi\n").stdout
    assert "thành viên" in staff and "Văn phòng (VP)" in staff


def test_cli_honours_default_locale_and_names_the_last_deadline_when_none_lies_ahead(env: dict[str, str]) -> None:
    english = nv(["ask", "han nop bao cao 6 thang"], {**env, "DEFAULT_LOCALE": "en"}).stdout
    assert "According to" in english and "15/06/2023 (first 6 months of 2023)" in english
    preview = nv(["reminders", "preview", "--from", "2031-01-01"], env)
    assert "31/12/2023" in preview.stderr and "plans import" in preview.stderr
    status = nv(["status", "--from", "2031-01-01", "--to", "2031-01-31"], {**env, "DEFAULT_LOCALE": "en"})
    assert "No deadlines in this period." in status.stdout and "The last one on record was 31/12/2023" in status.stderr


def test_clipped_text_ends_with_an_ellipsis_at_a_word() -> None:
    from bot.render import clip

    cut = clip("Xây dựng và tổ chức thực hiện kế hoạch tuyên truyền cải cách hành chính", 30)
    assert cut.endswith("…") and len(cut) <= 30 and cut[:-1] in "Xây dựng và tổ chức thực hiện kế hoạch"
    assert clip("ngắn", 30) == "ngắn"
