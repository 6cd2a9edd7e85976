"""The terminal chat: lines from stdin through the same core, replies (buttons as numbers) to stdout.

Each session is its own chat user (its `user_id`, from `nhacviec chat --session`), so two terminals never
share an identity. Input is read as bytes and decoded with bad bytes replaced (a terminal cuts a long pasted
line mid-character); charts and spreadsheets are saved under `files_dir` and their paths printed; Ctrl-C
ends the chat at once, even while it waits for a line.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import signal
import sys
import threading
from pathlib import Path
from typing import TextIO

from ..core import Conversation, Incoming, Reply

CHANNEL = "terminal"
QUIT = {"/quit", "/exit", "/thoat", "/q"}
MAX_LINE = 10_000  # characters of one line handed to the core; a longer paste is cut
_UNSAFE = re.compile(r"[^\w.\-]+")


def decode_line(data: bytes) -> str:
    """A line as text: invalid UTF-8 (a character cut in two) becomes U+FFFD, never an error."""
    text = data.decode("utf-8", errors="replace").rstrip("\r\n")
    text = text.strip().rstrip("\ufffd")  # a character cut at the end of a too-long line is dropped
    return text[:MAX_LINE]


class TerminalChannel:
    """One local person at the keyboard; reminders for them (via the outbox) print here too."""

    def __init__(
        self,
        core: Conversation,
        *,
        user_id: str = "local",
        name: str = "",
        stdin: TextIO | None = None,
        stdout: TextIO | None = None,
        files_dir: Path | None = None,
    ) -> None:
        self.core = core
        self.user_id = user_id
        self.name = name
        self.stdin = stdin or sys.stdin
        self.stdout = stdout or sys.stdout
        self.files_dir = files_dir or Path("data") / "chat-files" / _UNSAFE.sub("-", user_id).strip("-")
        try:
            self.interactive = self.stdin.isatty()
        except (AttributeError, ValueError):
            self.interactive = False
        self._lock = threading.Lock()

    # -- output ------------------------------------------------------------------------------------
    def write(self, text: str) -> None:
        """Text to the terminal, whatever its encoding can show (unencodable characters replaced)."""
        with self._lock:
            buffer = getattr(self.stdout, "buffer", None)
            if buffer is not None:
                encoding = getattr(self.stdout, "encoding", None) or "utf-8"
                self.stdout.flush()
                buffer.write(text.encode(encoding, errors="replace"))
                buffer.flush()
            else:
                self.stdout.write(text)
                self.stdout.flush()

    def save(self, data: bytes, filename: str) -> Path:
        """A file the bot sent, saved under `files_dir` without overwriting an earlier one."""
        self.files_dir.mkdir(parents=True, exist_ok=True)
        name = _UNSAFE.sub("-", filename).strip("-") or "file"
        stem, dot, suffix = name.rpartition(".")
        if not dot:
            stem, suffix = name, ""
        path = self.files_dir / name
        count = 1
        while path.exists():
            count += 1
            path = self.files_dir / (f"{stem}-{count}.{suffix}" if suffix else f"{stem}-{count}")
        path.write_bytes(data)
        return path.resolve()

    def show(self, replies: list[Reply]) -> None:
        for reply in replies:
            text = reply.numbered_text()
            for data, default in ((reply.photo, "chart.png"), (reply.document, "export.xlsx")):
                if data is not None:
                    path = self.save(data, reply.filename or default)
                    text += f"\n[{path.name}: {len(data):,} bytes → {path}]"
            self.write(text + "\n\n")

    def _prompt(self) -> None:
        if self.interactive:
            self.write("> ")

    # -- input -------------------------------------------------------------------------------------
    def handle_line(self, line: str) -> list[Reply]:
        incoming = Incoming(
            channel=CHANNEL, chat_id=self.user_id, user_id=self.user_id, name=self.name, text=line[:MAX_LINE]
        )
        return self.core.handle(incoming)

    def _start_reader(self, loop: asyncio.AbstractEventLoop, lines: asyncio.Queue[str | None]) -> None:
        """A daemon thread turning stdin into lines; it never holds a Python-level lock on stdin, so the
        process can leave while it waits (Ctrl-C, /quit) without waiting for Enter."""

        def put(item: str | None) -> None:
            with contextlib.suppress(RuntimeError):  # the loop is closed: the chat has ended
                loop.call_soon_threadsafe(lines.put_nowait, item)

        try:
            fd = self.stdin.fileno()
        except (AttributeError, OSError, ValueError):
            fd = None

        def read_fd() -> None:
            pending = b""
            while True:
                try:
                    chunk = os.read(fd, 65536)  # type: ignore[arg-type]
                except OSError:
                    chunk = b""
                if not chunk:
                    if pending:
                        put(decode_line(pending))
                    put(None)
                    return
                pending += chunk
                while b"\n" in pending:
                    line, pending = pending.split(b"\n", 1)
                    put(decode_line(line))

        def read_text() -> None:
            for line in iter(self.stdin.readline, ""):
                put(line.strip()[:MAX_LINE])
            put(None)

        threading.Thread(target=read_fd if fd is not None else read_text, name="terminal-stdin", daemon=True).start()

    async def run(self) -> None:
        """Read until end of input, /quit or Ctrl-C; the event loop stays free for the scheduler meanwhile."""
        loop = asyncio.get_running_loop()
        lines: asyncio.Queue[str | None] = asyncio.Queue()
        interrupted = asyncio.Event()
        handled = False
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            loop.add_signal_handler(signal.SIGINT, interrupted.set)
            handled = True
        self._start_reader(loop, lines)
        self._prompt()
        try:
            while True:
                getter = asyncio.ensure_future(lines.get())
                stopper = asyncio.ensure_future(interrupted.wait())
                done, _ = await asyncio.wait({getter, stopper}, return_when=asyncio.FIRST_COMPLETED)
                if stopper in done:
                    getter.cancel()
                    self.write("\n")
                    break
                stopper.cancel()
                line = getter.result()
                if line is None or line in QUIT:
                    break
                if line:
                    self.show(await asyncio.to_thread(self.handle_line, line))
                self._prompt()
        finally:
            if handled:
                with contextlib.suppress(Exception):
                    loop.remove_signal_handler(signal.SIGINT)


class TerminalSender:
    """Reminders for the person at the keyboard, printed between their questions."""

    def __init__(self, terminal: TerminalChannel) -> None:
        self.terminal = terminal
        self._count = 0

    async def send(self, chat_id: str, reply: Reply) -> str:
        if chat_id != self.terminal.user_id:
            from scheduler.dispatch import Transient

            raise Transient(f"terminal session {chat_id!r} is not this one")  # its own process prints it
        self.terminal.show([reply])
        self._count += 1
        return f"terminal-{self._count}"
