"""Telegram through aiogram 3: platform updates -> `Incoming`, `Reply` -> Bot API calls. Nothing else.

Updates are handled one at a time and stored by the core before they are acknowledged: in polling mode
`handle_as_tasks=False` keeps aiogram from confirming an offset before its handler ran, and a handler
retries storing until the database answers (`durable.store`), so polling never moves past an update it
could not store; in webhook mode our own handler answers Telegram only after the update is stored (503
when it cannot be, so Telegram retries), 401 for a wrong `X-Telegram-Bot-Api-Secret-Token` before the body
is read, 400 for a body that is not an update.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import Bot, Dispatcher, Router
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.exceptions import TelegramForbiddenError, TelegramRetryAfter
from aiogram.types import (
    BufferedInputFile,
    CallbackQuery,
    ChatMemberUpdated,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    Update,
)
from aiogram.webhook.aiohttp_server import setup_application
from aiohttp import web

from scheduler.ports import RetryAfter, Transient, Unreachable

from ..core import Conversation, Incoming, Reply, split_text
from . import durable

CHANNEL = "telegram"
TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024
ALLOWED_UPDATES = ["message", "callback_query", "my_chat_member"]
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
WEBHOOK_PATIENCE = 10.0  # seconds a webhook request waits for the database before answering 503
log = logging.getLogger("nhacviec.telegram")


def build_bot(token: str, api_base: str | None = None) -> Bot:
    """A Bot for the real API, or for another server (a local Bot API server, the tests' fake)."""
    session = AiohttpSession(api=TelegramAPIServer.from_base(api_base)) if api_base else AiohttpSession()
    return Bot(token=token, session=session)


def keyboard(reply: Reply) -> InlineKeyboardMarkup | None:
    if not reply.buttons:
        return None
    rows = [[InlineKeyboardButton(text=b.label, callback_data=b.payload) for b in row] for row in reply.buttons]
    return InlineKeyboardMarkup(inline_keyboard=rows)


async def send_reply(bot: Bot, chat_id: int | str, reply: Reply) -> list[int]:
    """One neutral reply as Telegram messages (text split at 4,096 characters; buttons on the last piece)."""
    ids: list[int] = []
    markup = keyboard(reply)
    text = reply.text
    if reply.photo is not None:
        caption = text if len(text) <= CAPTION_LIMIT else None
        photo = BufferedInputFile(reply.photo, filename=reply.filename or "chart.png")
        ids.append((await bot.send_photo(chat_id, photo, caption=caption)).message_id)
        text = "" if caption is not None else text
    if reply.document is not None:
        document = BufferedInputFile(reply.document, filename=reply.filename or "export.xlsx")
        ids.append((await bot.send_document(chat_id, document)).message_id)
    pieces = split_text(text, TEXT_LIMIT)
    for i, piece in enumerate(pieces):
        last = i == len(pieces) - 1
        ids.append((await bot.send_message(chat_id, piece, reply_markup=markup if last else None)).message_id)
    return ids


async def deliver(bot: Bot, core: Conversation, chat_id: int | str, replies: list[Reply]) -> None:
    """Send replies to a chat; waits out a 429 once, and tells the core when the user blocked the bot."""
    for reply in replies:
        for attempt in range(3):
            try:
                await send_reply(bot, chat_id, reply)
                break
            except TelegramRetryAfter as exc:
                if attempt == 2:
                    raise
                await asyncio.sleep(exc.retry_after)
            except TelegramForbiddenError:
                await asyncio.to_thread(core.chat_unreachable, CHANNEL, str(chat_id))
                return


def _language(code: str | None) -> str | None:
    return (code or "")[:2] or None


def message_incoming(message: Message, update_id: int) -> Incoming:
    user = message.from_user
    chat = message.chat
    group = chat.type in ("group", "supergroup")
    return Incoming(
        channel=CHANNEL,
        chat_id=str(chat.id),
        user_id=str(user.id) if user else str(chat.id),
        name=(chat.title if group else None) or (user.full_name if user else ""),
        text=message.text or message.caption or "",
        event_key=str(update_id),
        language=_language(user.language_code if user else None),
        is_group=group,
    )


def build_dispatcher(core: Conversation) -> Dispatcher:
    """Handlers that only translate; the core is handed to them by the dispatcher."""
    router = Router(name="nhacviec")

    @router.message()
    async def on_message(message: Message, bot: Bot, event_update: Update, patience: float | None = None) -> None:
        incoming = message_incoming(message, event_update.update_id)
        replies = await durable.store(core, incoming, give_up_after=patience)
        await deliver(bot, core, message.chat.id, replies)

    @router.callback_query()
    async def on_button(query: CallbackQuery, bot: Bot, event_update: Update, patience: float | None = None) -> None:
        chat = query.message.chat if query.message else None
        chat_id = chat.id if chat else query.from_user.id
        incoming = Incoming(
            channel=CHANNEL,
            chat_id=str(chat_id),
            user_id=str(query.from_user.id),
            name=query.from_user.full_name,
            payload=query.data or "",
            event="button",
            event_key=str(event_update.update_id),
            language=_language(query.from_user.language_code),
            is_group=bool(chat and chat.type in ("group", "supergroup")),
        )
        replies = await durable.store(core, incoming, give_up_after=patience)
        notice = next((r.notice for r in replies if r.notice), None)
        await query.answer(text=notice[:200] if notice else None)  # always, or the client keeps spinning
        await deliver(bot, core, chat_id, replies)

    @router.my_chat_member()
    async def on_membership(update: ChatMemberUpdated, event_update: Update, patience: float | None = None) -> None:
        status = update.new_chat_member.status
        gone = status in ("kicked", "left")
        incoming = Incoming(
            channel=CHANNEL,
            chat_id=str(update.chat.id),
            user_id=str(update.from_user.id),
            event="blocked" if gone else "unblocked",
            event_key=str(event_update.update_id),
        )
        await durable.store(core, incoming, give_up_after=patience)

    dispatcher = Dispatcher()
    dispatcher.include_router(router)
    return dispatcher


async def learn_link(bot: Bot, core: Conversation) -> None:
    """The bot's username makes join codes into deep links (t.me/<bot>?start=CODE)."""
    me = await bot.get_me()
    if me.username:
        core.with_link(CHANNEL, f"https://t.me/{me.username}?start={{code}}")


async def run_polling(bot: Bot, dispatcher: Dispatcher, *, polling_timeout: int = 30) -> None:
    await bot.delete_webhook(drop_pending_updates=False)
    await dispatcher.start_polling(
        bot,
        handle_as_tasks=False,
        handle_signals=False,
        close_bot_session=False,
        allowed_updates=ALLOWED_UPDATES,
        polling_timeout=polling_timeout,
    )


def webhook_handler(
    bot: Bot, dispatcher: Dispatcher, *, secret: str, patience: float = WEBHOOK_PATIENCE
) -> Callable[[web.Request], Awaitable[web.Response]]:
    """Telegram's POST: 401 on a wrong secret (before reading), 400 on a body that is not an update, 503 when
    the update could not be stored (Telegram retries), 200 once it is stored (even if replying failed)."""
    expected = secret.encode()

    async def handle(request: web.Request) -> web.Response:
        if not hmac.compare_digest(request.headers.get(SECRET_HEADER, "").encode(), expected):
            return web.Response(status=401, text="Unauthorized")
        try:
            update = Update.model_validate(json.loads(await request.read()), context={"bot": bot})
        except ValueError:  # malformed JSON, or JSON that is not an update (pydantic's error is a ValueError)
            return web.Response(status=400, text="Bad Request")
        try:
            await dispatcher.feed_update(bot, update, patience=patience)
        except durable.NotStored:
            return web.Response(status=503, text="Service Unavailable")
        except Exception as exc:  # stored, but answering failed: acknowledging is right (a retry is a duplicate)
            log.warning("telegram update %s stored; replying failed: %s", update.update_id, durable.describe(exc))
        return web.Response(status=200)

    return handle


def webhook_app(
    bot: Bot, dispatcher: Dispatcher, *, secret: str, path: str = "/telegram", app: web.Application | None = None
) -> web.Application:
    """The aiohttp application Telegram posts to; answers only after the update is stored and handled."""
    app = app if app is not None else web.Application()
    app.router.add_post(path, webhook_handler(bot, dispatcher, secret=secret))
    setup_application(app, dispatcher, bot=bot)
    return app


async def set_webhook(bot: Bot, *, url: str, secret: str) -> Any:
    return await bot.set_webhook(url, secret_token=secret, allowed_updates=ALLOWED_UPDATES)


class TelegramSender:
    """The dispatcher's port to Telegram: platform errors become the dispatcher's three kinds."""

    def __init__(self, bot: Bot) -> None:
        self.bot = bot

    async def send(self, chat_id: str, reply: Reply) -> str:
        from aiogram.exceptions import TelegramBadRequest, TelegramNetworkError, TelegramServerError

        try:
            ids = await send_reply(self.bot, chat_id, reply)
        except TelegramForbiddenError as exc:
            raise Unreachable(str(exc)) from None
        except TelegramRetryAfter as exc:
            raise RetryAfter(exc.retry_after) from None
        except TelegramBadRequest as exc:
            if "chat not found" in str(exc).lower():
                raise Unreachable(str(exc)) from None
            raise Transient(str(exc)) from None
        except (TelegramNetworkError, TelegramServerError, TimeoutError) as exc:
            raise Transient(f"{type(exc).__name__}: {exc}") from None
        return str(ids[-1]) if ids else ""
