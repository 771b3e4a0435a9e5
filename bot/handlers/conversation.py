"""Open conversations: what a person types goes to whatever they have open.

An open run (a ritual, a reply in words) is advanced through one registry, filled by the
features that open runs; text with nothing open is offered to the registered openers
(e.g. an answer to tonight's nudge), else gets a kind word. Feature modules register
here; this module imports none of them.
"""
from __future__ import annotations

from typing import Callable

from telegram import Update
from telegram.ext import Application, MessageHandler, filters

from bot.context import AttuneContext, Unit
from bot.store import runs
from bot.store.models import RitualRun
from bot.store.saves import save_now
from bot.texts import common as t


class Pressed(str):
    """A button's value handed to an Advance, told apart from the same letters typed."""


# Takes typed text (or a button's value as Pressed, None for Cancel) for an open run;
# False when a button's value doesn't fit the run (nothing changed).
Advance = Callable[[Unit, RitualRun, str | None], bool | None]
Opener = Callable[[Unit, str], bool]  # True when it took the text
# Asks the run's open question again (with its buttons), `preface` first; False when it can't.
Reask = Callable[[Unit, RitualRun, str], bool]

ADVANCE: dict[str, Advance] = {}
REASK: dict[str, Reask] = {}
OPENERS: list[Opener] = []
LAST_OPENERS: list[Opener] = []
ANY_RITUAL = "*"


def register(app: Application) -> None:
    app.add_handler(MessageHandler(
        filters.TEXT & ~filters.COMMAND & filters.UpdateType.MESSAGE, answer_text))


def on_open_run(kind: str, advance: Advance) -> None:
    """`kind` is a run's ritual key, or ANY_RITUAL for every ritual without its own."""
    ADVANCE[kind] = advance


def on_free_text(opener: Opener, *, last: bool = False) -> None:
    """`last`: tried after every other opener, whatever order features register in (the
    offer of free words takes any text, so nothing registered after it would be reached)."""
    if last:
        LAST_OPENERS[:] = [opener]
    elif opener not in OPENERS:  # an application built again registers again
        OPENERS.append(opener)


def on_reask(kind: str, reask: Reask) -> None:
    REASK[kind] = reask


def ask_again(unit: Unit, preface: str) -> bool:
    """Odd input mid-run: `preface`, then the open question again with its buttons, so the
    question stays the last message. False when nothing is open (nothing said)."""
    run = runs.current_run(session=unit.session, user_id=unit.person.id)
    if run is None:
        return False
    reask = REASK.get(run.ritual, REASK.get(ANY_RITUAL))
    return reask is not None and reask(unit, run, preface)


async def answer_text(update: Update, context: AttuneContext) -> None:
    """Words typed into the chat: the answer to the open question, or a new beginning."""
    text = update.effective_message.text
    async with context.unit() as unit:
        run = runs.current_run(session=unit.session, user_id=unit.person.id)
        if run is not None:
            # its buttons, tapped later, do nothing
            save_now(unit.session, unit.person, answered_token=run.token)
            ADVANCE.get(run.ritual, ADVANCE[ANY_RITUAL])(unit, run, text)
            return
        if not any(opener(unit, text) for opener in OPENERS + LAST_OPENERS):
            unit.say(t.NOTHING_OPEN)
