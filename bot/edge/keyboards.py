"""Inline keyboards from rows of (label, callback data or link); forward action first, Skip/Cancel last."""
from __future__ import annotations

import json
from typing import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

Rows = Sequence[Sequence[tuple[str, str]]]


def buttons(rows: Rows) -> InlineKeyboardMarkup:
    """A button's data is callback data, or a link when it is an https:// URL."""
    return InlineKeyboardMarkup([[_button(label, data) for label, data in row] for row in rows])


def _button(label: str, data: str) -> InlineKeyboardButton:
    if data.startswith("https://"):
        return InlineKeyboardButton(label, url=data)
    return InlineKeyboardButton(label, callback_data=data)


def markup_from_json(markup: str | None) -> InlineKeyboardMarkup | None:
    """The keyboard an outbox row carries (stored as JSON rows of [label, data])."""
    return buttons(json.loads(markup)) if markup else None
