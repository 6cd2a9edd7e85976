"""A fake Telegram Bot API server (real HTTP on 127.0.0.1) that records what it was given.

Tests and benchmarks point aiogram at it (`TELEGRAM_API_BASE`) and count what arrived. It can enforce
Telegram's limits (about 30 messages/s overall, 1/s per chat, answered with 429 and `retry_after`), refuse
chats that blocked the bot (403), and queue updates for `getUpdates` long polling.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import threading
import time
from collections import defaultdict, deque
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from . import serve_local

SENDING = {"sendMessage", "sendPhoto", "sendDocument"}


@dataclass
class Limits:
    per_second: float = 30.0
    per_chat_second: float = 1.0
    retry_after: int = 1


@dataclass
class FakeTelegram:
    token: str = "123456:TEST-token"
    username: str = "nhacviec_test_bot"
    limits: Limits | None = None
    # Chats that blocked the bot: every send to them gets 403.
    blocked: set[str] = field(default_factory=set)
    # Chats whose sends hang (no answer until the server stops), as a stuck connection would.
    hanging: set[str] = field(default_factory=set)
    requests: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    sent: list[dict[str, Any]] = field(default_factory=list)
    refused: list[tuple[int, dict[str, Any]]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._updates: deque[dict[str, Any]] = deque()
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1000)
        self._new_update = asyncio.Event()
        self._stopping = asyncio.Event()
        self._window: deque[float] = deque()
        self._chat_last: dict[str, float] = defaultdict(float)
        self._runner: web.AppRunner | None = None
        self._apart: tuple[asyncio.AbstractEventLoop, threading.Thread] | None = None
        self.base_url = ""
        self.files: dict[str, tuple[str, bytes]] = {}  # file_id -> (path, content), as getFile serves them

    # -- lifecycle ---------------------------------------------------------------------------------
    async def start(self, port: int = 0) -> str:
        app = web.Application(client_max_size=50 * 1024 * 1024)
        app.router.add_post("/bot{token}/{method}", self._handle)
        app.router.add_get("/bot{token}/{method}", self._handle)
        app.router.add_get("/file/bot{token}/{path:.+}", self._file)
        self._runner, self.base_url = await serve_local(app, port)
        return self.base_url

    async def start_apart(self) -> str:
        """Serve from a thread and event loop of its own, as the real platform does: a stalled client loop
        then delays the requests it sends, not the time the server sees them arrive (the rate limits are
        measured at arrival, and in the client's loop a stall would bunch up requests sent on time)."""
        loop = asyncio.new_event_loop()
        ready = threading.Event()

        def serve() -> None:
            asyncio.set_event_loop(loop)
            loop.run_until_complete(self.start())
            ready.set()
            loop.run_forever()
            loop.close()

        self._apart = (loop, threading.Thread(target=serve, name="fake-telegram", daemon=True))
        self._apart[1].start()
        if not await asyncio.to_thread(ready.wait, 10):
            raise RuntimeError("the fake Telegram server did not start")
        return self.base_url

    async def stop(self) -> None:
        if self._apart is not None:
            loop, thread = self._apart
            self._apart = None
            await asyncio.wrap_future(asyncio.run_coroutine_threadsafe(self.stop(), loop))
            loop.call_soon_threadsafe(loop.stop)
            await asyncio.to_thread(thread.join, 10)
            return
        self._new_update.set()
        self._stopping.set()
        if self._runner is not None:
            await self._runner.cleanup()

    def reset(self) -> None:
        """Forget what was received (and the rate windows, as if time had passed)."""
        self.requests.clear()
        self.sent.clear()
        self.refused.clear()
        self._window.clear()
        self._chat_last.clear()

    # -- updates the "users" send ------------------------------------------------------------------
    def push(self, update: dict[str, Any]) -> dict[str, Any]:
        update = {"update_id": next(self._update_ids), **update}
        self._updates.append(update)
        self._new_update.set()
        return update

    def message(
        self,
        *,
        user_id: int,
        text: str,
        name: str = "Lan",
        chat_id: int | None = None,
        chat_type: str = "private",
        language: str = "vi",
    ) -> dict[str, Any]:
        chat_id = chat_id if chat_id is not None else user_id
        return self.push(
            {
                "message": {
                    "message_id": next(self._message_ids),
                    "date": int(time.time()),
                    "chat": {"id": chat_id, "type": chat_type, **({"title": name} if chat_type != "private" else {})},
                    "from": {"id": user_id, "is_bot": False, "first_name": name, "language_code": language},
                    "text": text,
                }
            }
        )

    def document(
        self, *, user_id: int, filename: str, content: bytes, size: int | None = None, name: str = "Lan"
    ) -> dict[str, Any]:
        """A user sends a file: its content is served by getFile and the file URL, as Telegram does."""
        file_id = f"doc{next(self._message_ids)}"
        self.files[file_id] = (f"documents/{file_id}_{filename}", content)
        return self.push(
            {
                "message": {
                    "message_id": next(self._message_ids),
                    "date": int(time.time()),
                    "chat": {"id": user_id, "type": "private"},
                    "from": {"id": user_id, "is_bot": False, "first_name": name, "language_code": "vi"},
                    "document": {
                        "file_id": file_id,
                        "file_unique_id": f"u{file_id}",
                        "file_name": filename,
                        "file_size": size if size is not None else len(content),
                    },
                }
            }
        )

    def press(self, *, user_id: int, data: str, chat_id: int | None = None, name: str = "Lan") -> dict[str, Any]:
        chat_id = chat_id if chat_id is not None else user_id
        return self.push(
            {
                "callback_query": {
                    "id": f"cb{next(self._message_ids)}",
                    "from": {"id": user_id, "is_bot": False, "first_name": name},
                    "chat_instance": "ci",
                    "data": data,
                    "message": {
                        "message_id": next(self._message_ids),
                        "date": int(time.time()),
                        "chat": {"id": chat_id, "type": "private"},
                        "text": "…",
                    },
                }
            }
        )

    def block(self, *, user_id: int) -> dict[str, Any]:
        self.blocked.add(str(user_id))
        return self.push(
            {
                "my_chat_member": {
                    "chat": {"id": user_id, "type": "private"},
                    "from": {"id": user_id, "is_bot": False, "first_name": "x"},
                    "date": int(time.time()),
                    "old_chat_member": {"status": "member", "user": self._me()},
                    "new_chat_member": {"status": "kicked", "user": self._me(), "until_date": 0},
                }
            }
        )

    # -- what the bot sent -------------------------------------------------------------------------
    def calls(self, method: str) -> list[dict[str, Any]]:
        return [params for name, params in self.requests if name == method]

    def texts(self, chat_id: int | str | None = None) -> list[str]:
        return [
            str(m.get("text") or m.get("caption") or "")
            for m in self.sent
            if chat_id is None or str(m.get("chat_id")) == str(chat_id)
        ]

    async def wait_for(self, predicate: Any, seconds: float = 10.0) -> None:
        deadline = time.monotonic() + seconds
        while not predicate():
            if time.monotonic() > deadline:
                raise TimeoutError("the fake Telegram server did not see what was expected")
            await asyncio.sleep(0.01)

    # -- the API -----------------------------------------------------------------------------------
    async def _file(self, request: web.Request) -> web.Response:
        path = request.match_info["path"]
        for stored, content in self.files.values():
            if stored == path:
                return web.Response(body=content)
        return web.Response(status=404)

    def _me(self) -> dict[str, Any]:
        return {"id": 4242, "is_bot": True, "first_name": "nhắc việc", "username": self.username}

    async def _params(self, request: web.Request) -> dict[str, Any]:
        if request.content_type == "application/json":
            return dict(await request.json())
        form = await request.post()
        params: dict[str, Any] = {}
        for key, value in form.items():
            if hasattr(value, "file"):
                params[key] = {"filename": value.filename, "size": len(value.file.read())}
                continue
            text = str(value)
            try:
                params[key] = json.loads(text) if text[:1] in "[{" else text
            except ValueError:
                params[key] = text
        for key, value in list(params.items()):  # aiogram uploads as "attach://<part>" plus the part itself
            if isinstance(value, str) and value.startswith("attach://") and value[9:] in params:
                params[key] = params.pop(value[9:])
        return params

    async def _handle(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return self._error(401, "Unauthorized")
        method = request.match_info["method"]
        params = await self._params(request)
        self.requests.append((method, params))
        if method == "getUpdates":
            return self._ok(await self._get_updates(params))
        if method == "getFile":
            found = self.files.get(str(params.get("file_id")))
            if found is None:
                return self._error(400, "Bad Request: invalid file_id")
            if len(found[1]) > 20 * 1024 * 1024:
                return self._error(400, "Bad Request: file is too big")
            return self._ok({"file_id": params["file_id"], "file_unique_id": "u", "file_path": found[0]})
        if method == "getMe":
            return self._ok(self._me())
        if method in SENDING:
            return await self._send(method, params)
        if method in ("answerCallbackQuery", "setWebhook", "deleteWebhook", "sendChatAction"):
            return self._ok(True)
        if method == "editMessageReplyMarkup":
            return self._ok(True)
        return self._error(404, "Not Found: method not found")

    async def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        while self._updates and self._updates[0]["update_id"] < offset:
            self._updates.popleft()  # confirmed by the offset
        if not self._updates:
            self._new_update.clear()
            try:
                await asyncio.wait_for(self._new_update.wait(), timeout=min(float(params.get("timeout") or 0), 1.0))
            except TimeoutError:
                pass
        limit = int(params.get("limit") or 100)
        return list(itertools.islice(self._updates, limit))

    async def _send(self, method: str, params: dict[str, Any]) -> web.Response:
        chat_id = str(params.get("chat_id"))
        if chat_id in self.hanging:
            await self._stopping.wait()
            return self._error(504, "Gateway Timeout")
        if chat_id in self.blocked:
            self.refused.append((403, params))
            return self._error(403, "Forbidden: bot was blocked by the user")
        if self.limits is not None:
            retry = self._over_limit(chat_id)
            if retry:
                self.refused.append((429, params))
                return self._error(429, f"Too Many Requests: retry after {retry}", retry_after=retry)
        message_id = next(self._message_ids)
        self.sent.append({"method": method, "message_id": message_id, **params})
        result: dict[str, Any] = {
            "message_id": message_id,
            "date": int(time.time()),
            "chat": {"id": int(chat_id) if chat_id.lstrip("-").isdigit() else 0, "type": "private"},
        }
        if method == "sendMessage":
            result["text"] = params.get("text", "")
        return self._ok(result)

    def _over_limit(self, chat_id: str) -> int:
        assert self.limits is not None
        now = time.monotonic()
        while self._window and now - self._window[0] >= 1.0:
            self._window.popleft()
        if len(self._window) >= self.limits.per_second:
            return self.limits.retry_after
        if now - self._chat_last[chat_id] < 1.0 / self.limits.per_chat_second:
            return self.limits.retry_after
        self._window.append(now)
        self._chat_last[chat_id] = now
        return 0

    @staticmethod
    def _ok(result: Any) -> web.Response:
        return web.json_response({"ok": True, "result": result})

    @staticmethod
    def _error(code: int, description: str, retry_after: int | None = None) -> web.Response:
        body: dict[str, Any] = {"ok": False, "error_code": code, "description": description}
        if retry_after is not None:
            body["parameters"] = {"retry_after": retry_after}
        return web.json_response(body, status=code)
