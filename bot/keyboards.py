"""Inline keyboards and the callback-data prefixes every button uses.

Callback data carries no authority: a handler always checks the presser's own
couple and open ritual before acting on it.
"""
from __future__ import annotations

from typing import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

UNPAIR_CONFIRM = "unpair:yes"
UNPAIR_CANCEL = "unpair:no"


def buttons(rows: Sequence[Sequence[tuple[str, str]]]) -> InlineKeyboardMarkup:
    """Rows of (label, callback data); forward actions first, Skip/Cancel last by convention."""
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(label, callback_data=data) for label, data in row] for row in rows]
    )


def link_button(label: str, url: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton(label, url=url)]])


def confirm_unpair(partner_name: str) -> InlineKeyboardMarkup:
    return buttons([[(f"Yes, unpair from {partner_name}", UNPAIR_CONFIRM)], [("Cancel", UNPAIR_CANCEL)]])

# Starting a ritual from any button (a nudge, the end of a time-out): "go:<ritual key>".
START_RITUAL = "go:"


def start_ritual_data(ritual_key: str) -> str:
    return f"{START_RITUAL}{ritual_key}"
