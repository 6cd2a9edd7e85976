"""Logging set-up for `nhacviec run`: text lines by default, one JSON object a line with LOG_FORMAT=json."""

from __future__ import annotations

import datetime as dt
import json
import logging


class JsonFormatter(logging.Formatter):
    """{"time", "level", "logger", "message", "update"?, "error"?}: `update` is the platform key of the
    update being handled ("telegram:123", "zalo:message.text.received:…") when there is one."""

    def format(self, record: logging.LogRecord) -> str:
        from bot.channels.durable import current_update

        entry: dict[str, object] = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        update = current_update.get()
        if update:
            entry["update"] = update
        if record.exc_info:
            entry["error"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def configure(level: int, fmt: str = "text") -> None:
    handler = logging.StreamHandler()
    if fmt == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=level, handlers=[handler], force=True)
