"""Column types: aware UTC datetimes, and text that keeps every character a person can send."""
from __future__ import annotations

import json
from datetime import datetime, timezone

from sqlalchemy import DateTime, Text
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator):
    """Store naive UTC (SQLite has no zones); hand back aware UTC so comparisons never mix."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(timezone.utc).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=timezone.utc)


# Marks a value stored escaped; \x01 never starts what a person types in a chat.
_ESCAPED = "\x01json:"


class WordsText(TypeDecorator):
    """Text that may hold a NUL character, which PostgreSQL refuses in text columns.

    Such a value (or one that happens to start with the marker) is stored as JSON behind
    a marker and read back exactly; every other value is stored as it is.
    """

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect) -> str | None:
        if value is None or ("\x00" not in value and not value.startswith(_ESCAPED)):
            return value
        return _ESCAPED + json.dumps(value)

    def process_result_value(self, value: str | None, dialect) -> str | None:
        if value is None or not value.startswith(_ESCAPED):
            return value
        return json.loads(value[len(_ESCAPED):])
