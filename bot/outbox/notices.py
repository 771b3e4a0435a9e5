"""A message the bot sends on its own (a nudge, a time-out's end, a notice), queued as an
outbox row in the recipient's language."""
from __future__ import annotations

from datetime import datetime

from bot.language import Words, words_for
from bot.messages import split_message
from bot.store import outbox
from bot.store.models import User


def queue_notice(session, recipient: User, message, *, now: datetime, buttons=None,
                 **row) -> None:
    """`message` (a marked text or a Phrase) and the button labels said in `recipient`'s
    language; `row` as outbox.enqueue takes it (couple_id, kind, holdable)."""
    queue_said(session, recipient.id, words_for(recipient), message, now=now, buttons=buttons,
               **row)


def queue_said(session, recipient_id: int, words: Words, message, *, now: datetime,
               buttons=None, **row) -> None:
    """`message` and the button labels said with `words`, queued for `recipient_id`."""
    outbox.enqueue(session=session, recipient_id=recipient_id,
                   texts=split_message("", words(message)), now=now,
                   buttons=words.buttons(buttons), **row)
