"""Keyboards from rows of (label, callback data or link); forward action first, Skip/Cancel
last. Two reply keyboards besides: one "Share my location" button, and taking it away."""
from __future__ import annotations

import json
from typing import Sequence

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
)

Rows = Sequence[Sequence[tuple[str, str]]]
_LOCATION = "request_location"
REMOVE_KEYBOARD = {"remove_keyboard": True}  # as an outbox row's buttons: takes it away


def location_keyboard(label: str) -> dict:
    """As an outbox row's buttons: one reply-keyboard button that shares a location."""
    return {_LOCATION: label}


def buttons(rows: Rows) -> InlineKeyboardMarkup:
    """A button's data is callback data, or a link when it is an https:// URL."""
    return InlineKeyboardMarkup([[_button(label, data) for label, data in row] for row in rows])


def _button(label: str, data: str) -> InlineKeyboardButton:
    if data.startswith("https://"):
        return InlineKeyboardButton(label, url=data)
    return InlineKeyboardButton(label, callback_data=data)


def markup_from_json(markup: str | None):
    """The keyboard an outbox row carries (stored as JSON rows of [label, data], or one of
    the two reply keyboards above)."""
    if not markup:
        return None
    stored = json.loads(markup)
    if isinstance(stored, dict):
        if _LOCATION in stored:
            return ReplyKeyboardMarkup([[KeyboardButton(stored[_LOCATION], request_location=True)]],
                                       resize_keyboard=True, one_time_keyboard=True)
        return ReplyKeyboardRemove()
    return buttons(stored)
