"""Typed settings, read once from the environment and `.env`, passed down from the composition root."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PLACEHOLDERS = {"changeme", "change-me", "secret", "xxx", "your-secret", "your-token"}


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    database_url: str = Field(
        default="sqlite:///./data/nhacviec.db",
        description="SQLAlchemy URL; PostgreSQL as postgresql+psycopg://user@host:5432/db",
    )
    timezone: str = "Asia/Ho_Chi_Minh"
    default_locale: str = "vi"
    samples_dir: Path = Path("samples/plans")

    # Who is who
    admin_chat_ids: str = Field(default="", description="comma-separated; 'telegram:123', 'zalo:abc' or bare ids")
    join_code_days: int = Field(default=30, ge=0)
    deadline_days: int = Field(default=60, ge=1, description="how far ahead /hanchot looks")

    # Reminders (see DESIGN.md, Reminder policy)
    reminder_days_before: str = Field(default="7,3", description="calendar days before the due date")
    reminder_working_days_before: int = Field(default=1, ge=0)
    reminder_on_the_day: bool = True
    reminder_overdue_every_days: int = Field(default=7, ge=0, description="0: only the first overdue reminder")
    reminder_overdue_stop_days: int = Field(default=90, ge=1, description="no more reminders this long after due")
    reminder_time: dt.time = dt.time(8, 0)
    office_hours_start: dt.time = dt.time(8, 0)
    office_hours_end: dt.time = dt.time(17, 0)
    plan_interval_seconds: float = Field(default=300, gt=0)
    dispatch_interval_seconds: float = Field(default=10, gt=0)
    outbox_lease_seconds: float = Field(default=60, gt=0)
    dispatch_concurrency: int = Field(default=8, ge=1)
    dispatch_batch: int = Field(
        default=50, ge=1, le=10_000, description="the oldest due rows one claim looks at (at-least-once window)"
    )
    send_per_second: float = Field(default=30, gt=0, description="cap per channel, all replicas together")
    send_per_chat_seconds: float = Field(default=1.0, ge=0, description="one message per chat per this many s")
    send_timeout_seconds: float = Field(default=15, gt=0, description="a send that hangs longer is retried later")
    redis_url: str | None = Field(default=None, description="the send budget in Redis instead of the database")
    send_max_attempts: int = Field(default=8, ge=1)

    # Officers' digest and the morning-after message
    digest_weekday: int = Field(default=0, ge=-1, le=6, description="0 = Monday … 6 = Sunday; -1: no digest")
    digest_time: dt.time = dt.time(8, 0)
    after_deadline_message: bool = True

    # Telegram
    telegram_bot_token: SecretStr | None = None
    telegram_api_base: str | None = None
    telegram_bot_username: str | None = None
    telegram_webhook_url: str | None = None
    telegram_webhook_secret: SecretStr | None = None

    # Zalo Bot Platform
    zalo_bot_token: SecretStr | None = None
    zalo_api_base: str = "https://bot-api.zaloplatforms.com"
    zalo_webhook_url: str | None = None
    zalo_webhook_secret: SecretStr | None = None

    # The webhook server (both platforms' webhooks share it)
    # All interfaces: it is a server (put a TLS reverse proxy in front of it).
    webhook_host: str = "0.0.0.0"
    webhook_port: int = Field(default=8080, ge=1, le=65535)

    # Operations
    index_cache_dir: str = Field(
        default="",
        description="where the answer index keeps each plan's piece (default: beside a SQLite file; none else)",
    )
    log_format: str = Field(default="text", description="text, or json: one JSON object a line with the update's key")

    @field_validator(
        "telegram_bot_token", "zalo_bot_token", "telegram_webhook_secret", "zalo_webhook_secret", mode="before"
    )
    @classmethod
    def _blank_is_unset(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator(
        "telegram_api_base",
        "telegram_webhook_url",
        "zalo_webhook_url",
        "telegram_bot_username",
        "redis_url",
        mode="before",
    )
    @classmethod
    def _blank_text_is_unset(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @model_validator(mode="after")
    def _secrets_are_real(self) -> Settings:
        for name in ("telegram_bot_token", "zalo_bot_token", "telegram_webhook_secret", "zalo_webhook_secret"):
            value: SecretStr | None = getattr(self, name)
            if value is not None and value.get_secret_value().strip().lower() in PLACEHOLDERS:
                raise ValueError(f"{name.upper()} still holds a placeholder; set the real value or leave it empty")
        for platform in ("telegram", "zalo"):
            url = getattr(self, f"{platform}_webhook_url")
            secret: SecretStr | None = getattr(self, f"{platform}_webhook_secret")
            if url and (secret is None or len(secret.get_secret_value()) < 8):
                raise ValueError(f"{platform.upper()}_WEBHOOK_URL needs {platform.upper()}_WEBHOOK_SECRET (8+ chars)")
        if self.log_format not in ("text", "json"):
            raise ValueError("LOG_FORMAT must be text or json")
        if self.outbox_lease_seconds < 2 * self.send_timeout_seconds:
            raise ValueError("OUTBOX_LEASE_SECONDS must be at least twice SEND_TIMEOUT_SECONDS")
        if self.default_locale not in ("vi", "en"):
            raise ValueError("DEFAULT_LOCALE must be vi or en")
        return self

    @property
    def days_before(self) -> tuple[int, ...]:
        return tuple(sorted({int(p) for p in self.reminder_days_before.replace(" ", "").split(",") if p}, reverse=True))

    @field_validator("reminder_days_before")
    @classmethod
    def _days_are_numbers(cls, value: str) -> str:
        parts = [p for p in value.replace(" ", "").split(",") if p]
        if not all(p.isdigit() and 0 < int(p) <= 60 for p in parts):
            raise ValueError("REMINDER_DAYS_BEFORE is a comma-separated list of days, e.g. 7,3")
        return value

    @property
    def admin_ids(self) -> frozenset[str]:
        return frozenset(part.strip() for part in self.admin_chat_ids.split(",") if part.strip())

    def sqlite_path(self) -> Path | None:
        prefix = "sqlite:///"
        if self.database_url.startswith(prefix) and ":memory:" not in self.database_url:
            return Path(self.database_url[len(prefix) :])
        return None
