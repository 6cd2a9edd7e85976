"""A fake Zalo Bot Platform server (real HTTP on 127.0.0.1) that records what it was given.

It follows `platforms.md`: POST with JSON, `{"ok", "result", "description", "error_code"}` answers (errors
can come as HTTP 200 with `ok: false`), `getUpdates` returning one event per call or 408 when the long
poll ends empty, and `sendMessage` refusing text over 2,000 characters.
"""

from __future__ import annotations

import asyncio
import itertools
import time
import uuid
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from . import serve_local


@dataclass
class FakeZalo:
    token: str = "12345689:zalo-test"
    # Chats whose sends are refused, and how: 403 as an HTTP error, or HTTP 200 with ok: false.
    blocked: set[str] = field(default_factory=set)
    errors_as_ok_false: bool = False
    requests: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    sent: list[dict[str, Any]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._events: deque[dict[str, Any]] = deque()
        self._new_event = asyncio.Event()
        self._ids = itertools.count(1)
        self._runner: web.AppRunner | None = None
        self.base_url = ""

    async def start(self, port: int = 0) -> str:
        app = web.Application()
        app.router.add_post("/bot{token}/{method}", self._handle)
        self._runner, self.base_url = await serve_local(app, port)
        return self.base_url

    async def stop(self) -> None:
        self._new_event.set()
        if self._runner is not None:
            await self._runner.cleanup()

    # -- events the "users" send -------------------------------------------------------------------
    def event(
        self, *, user_id: str, text: str, name: str = "Lan", kind: str = "message.text.received"
    ) -> dict[str, Any]:
        event = {
            "event_name": kind,
            "message": {
                "from": {"id": user_id, "display_name": name, "is_bot": False},
                "chat": {"id": user_id, "chat_type": "PRIVATE"},
                "text": text,
                "message_id": uuid.uuid4().hex,
                "date": int(time.time() * 1000),
            },
        }
        return event

    def push(self, event: dict[str, Any]) -> dict[str, Any]:
        self._events.append(event)
        self._new_event.set()
        return event

    def texts(self, chat_id: str | None = None) -> list[str]:
        return [str(m["text"]) for m in self.sent if chat_id is None or m["chat_id"] == chat_id]

    async def wait_for(self, predicate: Any, seconds: float = 10.0) -> None:
        deadline = time.monotonic() + seconds
        while not predicate():
            if time.monotonic() > deadline:
                raise TimeoutError("the fake Zalo server did not see what was expected")
            await asyncio.sleep(0.01)

    # -- the API -----------------------------------------------------------------------------------
    async def _handle(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return self._error(401, "Invalid token")
        method = request.match_info["method"]
        try:
            params = dict(await request.json()) if request.can_read_body else {}
        except ValueError:
            return self._error(400, "Bad request")
        self.requests.append((method, params))
        if method == "getMe":
            return self._ok(
                {
                    "id": "1459232241454765289",
                    "account_name": "bot.nhacviec",
                    "account_type": "BASIC",
                    "can_join_groups": False,
                }
            )
        if method == "getUpdates":
            return await self._get_updates(params)
        if method in ("sendMessage", "sendPhoto", "sendSticker"):
            return self._send(method, params)
        if method in ("setWebhook", "deleteWebhook", "sendChatAction"):
            return self._ok(True)
        if method == "getWebhookInfo":
            return self._ok({"url": ""})
        return self._error(404, "Not found")

    async def _get_updates(self, params: dict[str, Any]) -> web.Response:
        if not isinstance(params.get("timeout", "30"), str):
            return self._error(400, "timeout must be a string")
        if not self._events:
            self._new_event.clear()
            try:
                await asyncio.wait_for(self._new_event.wait(), timeout=min(float(params.get("timeout", 30)), 1.0))
            except TimeoutError:
                pass
        if not self._events:
            return self._error(408, "Request timeout")
        return self._ok(self._events.popleft())

    def _send(self, method: str, params: dict[str, Any]) -> web.Response:
        chat_id = str(params.get("chat_id", ""))
        if chat_id in self.blocked:
            return self._error(403, "Forbidden")
        if method == "sendMessage" and not 1 <= len(str(params.get("text", ""))) <= 2000:
            return self._error(400, "text must be 1-2000 characters")
        message_id = f"{next(self._ids):08x}{uuid.uuid4().hex[:16]}"
        self.sent.append({"method": method, "message_id": message_id, **params})
        return self._ok({"message_id": message_id, "date": int(time.time() * 1000)})

    def _ok(self, result: Any) -> web.Response:
        return web.json_response({"ok": True, "result": result})

    def _error(self, code: int, description: str) -> web.Response:
        status = 200 if self.errors_as_ok_false and code not in (401, 408) else code
        return web.json_response({"ok": False, "error_code": code, "description": description}, status=status)
