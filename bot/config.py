"""Settings from the environment and a .env file, checked before anything starts."""
from __future__ import annotations

import ipaddress
import logging
import re
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, ValidationError, ValidationInfo, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

TOKEN_PATTERN = re.compile(r"^\d{3,}:[A-Za-z0-9_-]{20,}$")
# .env.example's token has the right shape on purpose (it shows the format); it must
# still never start a bot.
PLACEHOLDER_WORDS = ("replace-with", "your-token", "botfather")
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
WEBHOOK_SECRET_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,256}$")  # Telegram's secret_token rule
LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "::1")
DEFAULT_PORT = 8080


class Settings(BaseSettings):
    """Everything an operator sets; nothing else is read from the environment."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    telegram_bot_token: SecretStr
    database_url: str = "sqlite:///attune.db"
    telegram_api_base_url: str | None = None
    log_level: str = "INFO"
    delivery_interval: float = Field(default=1.0, gt=0, le=60)
    # Sends a second from this process (Telegram allows ~30 a bot): with N workers, 29/N each.
    sends_per_second: float = Field(default=29.0, gt=0, le=1000)
    # Webhook mode when WEBHOOK_URL is set (bot/web/); polling otherwise.
    webhook_url: str | None = None
    webhook_secret: SecretStr | None = Field(default=None, validate_default=True)
    port: int | None = Field(default=None, ge=0, le=65535)  # 0: any free port (tests)
    webhook_listen: str = "0.0.0.0"

    @field_validator("telegram_bot_token")
    @classmethod
    def _token_shape(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None:  # only MaintenanceSettings allows it
            return None
        token = value.get_secret_value().strip()
        if any(word in token.lower() for word in PLACEHOLDER_WORDS):
            raise ValueError("is still the example from .env.example: replace it with the "
                             "token @BotFather gave you")
        if not TOKEN_PATTERN.match(token):
            # The value itself is never echoed: it is a secret even when malformed.
            raise ValueError("does not look like a token from @BotFather (digits:letters)")
        return SecretStr(value.get_secret_value().strip())

    @field_validator("database_url")
    @classmethod
    def _database_url_shape(cls, value: str) -> str:
        from sqlalchemy.engine import make_url
        from sqlalchemy.exc import ArgumentError

        try:
            make_url(value)
        except ArgumentError:
            raise ValueError("is not a database URL such as sqlite:///attune.db") from None
        return value

    @field_validator("telegram_api_base_url")
    @classmethod
    def _base_url_shape(cls, value: str | None) -> str | None:
        if value in (None, ""):
            return None
        if not re.match(r"^https?://[^\s/]+(/\S*)?$", value):
            raise ValueError("must be an http(s) URL such as http://127.0.0.1:8081/bot")
        return value

    @field_validator("webhook_url")
    @classmethod
    def _webhook_url_shape(cls, value: str | None) -> str | None:
        if value in (None, ""):
            return None
        try:
            parts = urlsplit(value)
            host = parts.hostname
        except ValueError:
            parts, host = None, None
        # http only on loopback: a local Bot API server, or the tests' stand-in.
        allowed = host and (parts.scheme == "https" or (
            parts.scheme == "http" and host in LOOPBACK_HOSTS))
        if not allowed or any(c.isspace() for c in value):
            raise ValueError("must be a public https URL such as https://bot.example.com/telegram")
        if parts.path in ("/healthz", "/metrics"):
            raise ValueError("must not end in /healthz or /metrics (those paths are taken)")
        return value

    @field_validator("webhook_secret")
    @classmethod
    def _webhook_secret_shape(cls, value: SecretStr | None, info: ValidationInfo):
        if value is None or not value.get_secret_value():
            if info.data.get("webhook_url"):
                raise ValueError("is not set: webhook mode (WEBHOOK_URL) needs it")
            return None
        if not WEBHOOK_SECRET_PATTERN.match(value.get_secret_value()):
            # Never echoed: it is what keeps strangers from posting updates.
            raise ValueError("must be 1-256 characters of A-Z, a-z, 0-9, _ and -")
        return value

    @field_validator("port", mode="before")
    @classmethod
    def _port_blank_is_unset(cls, value):
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("webhook_listen")
    @classmethod
    def _listen_shape(cls, value: str) -> str:
        try:
            ipaddress.ip_address(value)
        except ValueError:
            if not re.match(r"^[A-Za-z0-9.-]{1,253}$", value):
                raise ValueError("must be an address to listen on, such as 0.0.0.0") from None
        return value

    @property
    def webhook(self) -> bool:
        return self.webhook_url is not None

    @property
    def web_port(self) -> int | None:
        """The port of the web server (webhook, /healthz, /metrics); None: no web server."""
        if self.webhook:
            return DEFAULT_PORT if self.port is None else self.port
        return self.port

    @field_validator("log_level")
    @classmethod
    def _log_level_known(cls, value: str) -> str:
        if value.upper() not in LOG_LEVELS:
            raise ValueError(f"must be one of {', '.join(LOG_LEVELS)}")
        return value.upper()

    @property
    def log_level_number(self) -> int:
        return logging.getLevelName(self.log_level)


class MaintenanceSettings(Settings):
    """What a maintenance command (`python -m bot backup`) reads: no token needed."""

    telegram_bot_token: SecretStr | None = None


class SettingsError(Exception):
    """A setting is missing or malformed; the message is one line for the operator."""


def load_settings(*, kind: type[Settings] = Settings, **overrides: object) -> Settings:
    """Read the settings, turning pydantic's report into one operator-friendly line."""
    try:
        return kind(**overrides)
    except ValidationError as error:
        first = error.errors()[0]
        name = str(first["loc"][0]).upper() if first["loc"] else "settings"
        if first["type"] == "missing":
            raise SettingsError(f"{name} is not set: put it in the environment or in .env") from None
        message = first["msg"].removeprefix("Value error, ")
        raise SettingsError(f"{name} {message}") from None
