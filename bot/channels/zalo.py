"""The Zalo Bot Platform: a small httpx client for its nine methods, and the adapter over the core.

Zalo has no buttons: a reply's buttons become numbered text choices (the core remembers what each number
means, in the database). Updates come by `getUpdates` long polling (one machine) or by webhook with the
`X-Bot-Api-Secret-Token` header (production); a webhook body may be wrapped (`{"ok", "result"}`) or bare.
The token sits in the URL path, so it never appears in logs or errors.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
from aiohttp import web
from aiolimiter import AsyncLimiter

from scheduler.ports import RetryAfter, Transient, Unreachable

from ..core import Conversation, Incoming, Reply, split_text
from . import durable

CHANNEL = "zalo"
DEFAULT_BASE = "https://bot-api.zaloplatforms.com"
TEXT_LIMIT = 1800  # the API takes up to 2,000; cut on line boundaries a little earlier
SECRET_HEADER = "X-Bot-Api-Secret-Token"
WEBHOOK_PATIENCE = 10.0  # seconds a webhook request waits for the database before answering 503
log = logging.getLogger("nhacviec.zalo")


class ZaloError(Exception):
    """The platform answered with an error (HTTP status or `ok: false`)."""

    def __init__(self, code: int, description: str) -> None:
        super().__init__(f"Zalo error {code}: {description}")
        self.code = code
        self.description = description

    @property
    def permanent(self) -> bool:
        return self.code in (400, 401, 403, 404)


class ZaloClient:
    """The whole Bot API: getMe, getUpdates, setWebhook, deleteWebhook, getWebhookInfo, sendMessage,
    sendPhoto, sendSticker, sendChatAction. Every call is a POST with a JSON body."""

    def __init__(self, token: str, *, base: str = DEFAULT_BASE, http: httpx.AsyncClient | None = None) -> None:
        self._url = f"{base.rstrip('/')}/bot{token}/"
        self._http = http or httpx.AsyncClient(timeout=httpx.Timeout(10.0, read=45.0))

    async def aclose(self) -> None:
        await self._http.aclose()

    async def call(self, method: str, **params: Any) -> Any:
        try:
            response = await self._http.post(self._url + method, json=params)
        except httpx.HTTPError as exc:  # the URL holds the token: never let it reach a log
            raise ZaloError(0, f"{type(exc).__name__} calling {method}") from None
        try:
            body = response.json()
        except ValueError:
            body = {}
        if not isinstance(body, dict):
            body = {}
        if response.status_code >= 400 or body.get("ok") is not True:
            code = int(body.get("error_code") or response.status_code)
            raise ZaloError(code, str(body.get("description") or response.reason_phrase))
        return body.get("result")

    async def get_me(self) -> dict[str, Any]:
        return dict(await self.call("getMe"))

    async def get_updates(self, poll_seconds: int = 30) -> dict[str, Any] | None:
        """One event, or None when the long poll ended with nothing new (408 is its normal end)."""
        try:
            result = await self.call("getUpdates", timeout=str(poll_seconds))
        except ZaloError as exc:
            if exc.code == 408:
                return None
            raise
        return unwrap(result)

    async def set_webhook(self, url: str, secret_token: str) -> Any:
        return await self.call("setWebhook", url=url, secret_token=secret_token)

    async def delete_webhook(self) -> Any:
        return await self.call("deleteWebhook")

    async def get_webhook_info(self) -> Any:
        return await self.call("getWebhookInfo")

    async def send_message(self, chat_id: str, text: str) -> dict[str, Any]:
        return dict(await self.call("sendMessage", chat_id=chat_id, text=text))

    async def send_photo(self, chat_id: str, photo: str, caption: str | None = None) -> dict[str, Any]:
        params = {"chat_id": chat_id, "photo": photo, **({"caption": caption} if caption else {})}
        return dict(await self.call("sendPhoto", **params))

    async def send_sticker(self, chat_id: str, sticker: str) -> dict[str, Any]:
        return dict(await self.call("sendSticker", chat_id=chat_id, sticker=sticker))

    async def send_chat_action(self, chat_id: str, action: str = "typing") -> Any:
        return await self.call("sendChatAction", chat_id=chat_id, action=action)


def unwrap(body: Any) -> dict[str, Any] | None:
    """An event from a webhook body or a getUpdates result, wrapped in `{"ok", "result"}` or bare."""
    if isinstance(body, dict) and "result" in body and "event_name" not in body:
        body = body["result"]
    if isinstance(body, list):
        body = body[0] if body else None
    return body if isinstance(body, dict) and "event_name" in body else None


def event_incoming(event: dict[str, Any]) -> Incoming | None:
    """A neutral update from a Zalo event; None for events that carry nothing to answer."""
    message = event.get("message") or {}
    sender = message.get("from") or {}
    chat = message.get("chat") or {}
    if sender.get("is_bot"):
        return None
    chat_id = str(chat.get("id") or sender.get("id") or "")
    if not chat_id:
        return None
    return Incoming(
        channel=CHANNEL,
        chat_id=chat_id,
        user_id=str(sender.get("id") or chat_id),
        name=str(sender.get("display_name") or ""),
        text=str(message.get("text") or "") if event.get("event_name") == "message.text.received" else "",
        event_key=event_key(event),
        is_group=chat.get("chat_type") == "GROUP",
    )


def event_key(event: dict[str, Any]) -> str:
    """The dedup key: event name + message id; without a message id, a digest of the event's content and
    timestamp (two different messages never share a key; a redelivery of the same one does)."""
    message = event.get("message") or {}
    message_id = message.get("message_id")
    if message_id:
        return f"{event.get('event_name')}:{str(message_id)[:100]}"
    canonical = json.dumps(event, sort_keys=True, ensure_ascii=False, default=str)
    return f"{event.get('event_name')}:sha256:{hashlib.sha256(canonical.encode()).hexdigest()[:40]}"


class ZaloChannel:
    """Zalo events through the core, and replies back as (numbered) text, paced per chat."""

    def __init__(
        self, client: ZaloClient, core: Conversation | None = None, *, per_chat_per_second: float = 1.0
    ) -> None:
        """Without a core the channel only sends (`nhacviec reminders send-due`)."""
        self.client = client
        self.core = core
        self._limiters: dict[str, AsyncLimiter] = {}
        self._rate = per_chat_per_second
        self._background: set[asyncio.Task[None]] = set()

    def _limiter(self, chat_id: str) -> AsyncLimiter:
        if chat_id not in self._limiters:
            self._limiters[chat_id] = AsyncLimiter(1, 1 / self._rate)
        return self._limiters[chat_id]

    async def send(self, chat_id: str, reply: Reply) -> list[str]:
        ids: list[str] = []
        for piece in split_text(reply.numbered_text(), TEXT_LIMIT):
            async with self._limiter(chat_id):
                result = await self.client.send_message(chat_id, piece)
            ids.append(str(result.get("message_id", "")))
        return ids

    async def deliver(self, chat_id: str, replies: list[Reply]) -> None:
        for reply in replies:
            try:
                await self.send(chat_id, reply)
            except ZaloError as exc:
                log.warning("reply to a Zalo chat failed: %s", exc)
                if exc.code == 403 and self.core is not None:
                    await asyncio.to_thread(self.core.chat_unreachable, CHANNEL, chat_id)
                return

    async def handle_event(self, event: dict[str, Any], *, give_up_after: float | None = None) -> list[Reply]:
        """Store and handle one event (the core deduplicates on `event_key`), retrying while the database is
        away: forever by default, else `durable.NotStored` after `give_up_after` seconds."""
        incoming = event_incoming(event)
        if incoming is None or self.core is None:
            return []
        return await durable.store(self.core, incoming, give_up_after=give_up_after)

    async def poll(self, *, poll_seconds: int = 30, stop: asyncio.Event | None = None) -> None:
        """getUpdates long polling, for one machine (it does not work while a webhook is set). An event is
        kept until it is stored; no failure ends the loop."""
        backoff = 1.0
        failing_since: float | None = None
        loop = asyncio.get_running_loop()
        while stop is None or not stop.is_set():
            try:
                event = await self.client.get_updates(poll_seconds)
            except ZaloError as exc:
                if failing_since is None:
                    failing_since = loop.time()
                    log.warning("Zalo getUpdates failed (%s); retrying with backoff", exc)
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, 60.0)
                continue
            if failing_since is not None:
                log.warning("Zalo getUpdates works again after %.0f s", loop.time() - failing_since)
                failing_since = None
            backoff = 1.0
            if event is None:
                continue
            try:
                replies = await self.handle_event(event)  # retries until stored: the event is never dropped
                incoming = event_incoming(event)
                if replies and incoming is not None:
                    await self.deliver(incoming.chat_id, replies)
            except Exception as exc:  # a bug in one event never ends the loop
                log.warning("Zalo event %s failed: %s", event_key(event), durable.describe(exc))

    def webhook_handler(self, secret: str) -> Callable[[web.Request], Awaitable[web.Response]]:
        """The aiohttp handler Zalo posts to: secret checked before the body is read; 200 once stored, 503
        when it cannot be stored (Zalo delivers it again), 400 for a body that is not JSON."""
        expected = secret.encode()

        async def handle(request: web.Request) -> web.Response:
            given = request.headers.get(SECRET_HEADER, "").encode()
            if not hmac.compare_digest(given, expected):
                return web.json_response({"ok": False, "description": "Unauthorized"}, status=401)
            try:
                body = json.loads(await request.read())
            except ValueError:
                return web.json_response({"ok": False, "description": "Bad Request"}, status=400)
            event = unwrap(body)
            if event is None:
                return web.json_response({"ok": True})
            try:
                replies = await self.handle_event(event, give_up_after=WEBHOOK_PATIENCE)  # stored before we answer
            except durable.NotStored:
                return web.json_response({"ok": False, "description": "Service Unavailable"}, status=503)
            incoming = event_incoming(event)
            if replies and incoming is not None:
                task = asyncio.create_task(self.deliver(incoming.chat_id, replies))
                self._background.add(task)
                task.add_done_callback(self._background.discard)
            return web.json_response({"ok": True})

        return handle

    def webhook_app(self, secret: str, path: str = "/zalo", app: web.Application | None = None) -> web.Application:
        app = app if app is not None else web.Application()
        app.router.add_post(path, self.webhook_handler(secret))
        return app

    async def drain(self) -> None:
        """Wait for replies still being sent (before shutting down)."""
        if self._background:
            await asyncio.gather(*self._background, return_exceptions=True)


class ZaloSender:
    """The dispatcher's port to Zalo (no published rate limit: back off on 429 ourselves)."""

    def __init__(self, channel: ZaloChannel, *, backoff_seconds: float = 60.0) -> None:
        self.channel = channel
        self.backoff_seconds = backoff_seconds

    async def send(self, chat_id: str, reply: Reply) -> str:
        try:
            ids = await self.channel.send(chat_id, reply)
        except ZaloError as exc:
            if exc.code == 403:
                raise Unreachable(str(exc)) from None
            if exc.code == 429:
                raise RetryAfter(self.backoff_seconds) from None
            raise Transient(str(exc)) from None
        return ids[-1] if ids else ""
