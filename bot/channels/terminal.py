"""The terminal chat: lines from stdin through the same core, replies (buttons as numbers) to stdout."""

from __future__ import annotations

import asyncio
import sys
from typing import TextIO

from ..core import Conversation, Incoming, Reply

CHANNEL = "terminal"
QUIT = {"/quit", "/exit", "/thoat", "/q"}


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
    ) -> None:
        self.core = core
        self.user_id = user_id
        self.name = name
        self.stdin = stdin or sys.stdin
        self.stdout = stdout or sys.stdout
        self.interactive = self.stdin.isatty()

    def show(self, replies: list[Reply]) -> None:
        for reply in replies:
            text = reply.numbered_text()
            if reply.photo is not None:
                text += f"\n[{reply.filename or 'chart.png'}: {len(reply.photo):,} bytes]"
            if reply.document is not None:
                text += f"\n[{reply.filename or 'export.xlsx'}: {len(reply.document):,} bytes]"
            self.stdout.write(text + "\n\n")
        self.stdout.flush()

    def _prompt(self) -> None:
        if self.interactive:
            self.stdout.write("> ")
            self.stdout.flush()

    def handle_line(self, line: str) -> list[Reply]:
        incoming = Incoming(channel=CHANNEL, chat_id=self.user_id, user_id=self.user_id, name=self.name, text=line)
        return self.core.handle(incoming)

    async def run(self) -> None:
        """Read until end of input or /quit; the event loop stays free for the scheduler meanwhile."""
        self._prompt()
        while True:
            line = await asyncio.to_thread(self.stdin.readline)
            if not line:
                break
            line = line.strip()
            if line in QUIT:
                break
            if line:
                self.show(await asyncio.to_thread(self.handle_line, line))
            self._prompt()


class TerminalSender:
    """Reminders for the person at the keyboard, printed between their questions."""

    def __init__(self, terminal: TerminalChannel) -> None:
        self.terminal = terminal
        self._count = 0

    async def send(self, chat_id: str, reply: Reply) -> str:
        self.terminal.show([reply])
        self._count += 1
        return f"terminal-{self._count}"
