"""Running a ritual in the chat: its questions one by one, then the reflection to the partner.

The ritual's steps and words come from `rituals/`; its progress lives in the database
(RitualRun), so a restart mid-ritual loses nothing and old buttons simply expire. Each
step is one transaction: the answer stored, the next question (or the reflection and the
writer's "sent") queued.
"""
from __future__ import annotations

import logging
from datetime import timedelta

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, MessageHandler, filters

import rituals
from bot.context import AttuneContext, Unit
from bot.edge.callbacks import StartRitual, StepChoice
from bot.entries import answers_said
from bot.handlers import conversation, fallback
from bot.handlers.gate import GATE_GROUP
from bot.relay import header, tell_where, title_of, write_entry
from bot.store import pauses, runs
from bot.store.models import Couple, RitualRun, User
from bot.store.saves import save_now
from bot.texts import rituals as t
from bot.texts.common import YOUR_PARTNER
from rituals.language import Joined, Lazy, Phrase
from rituals.schedule import todays_offer

log = logging.getLogger(__name__)

SKIP, CANCEL = "~skip", "~cancel"
NUDGE_REPLY_WINDOW = timedelta(hours=6)
COMMANDS: list[tuple[str, str]] = []  # the ritual commands come from the catalogue itself


def register(app: Application) -> None:
    app.add_handler(MessageHandler(filters.COMMAND, close_open_ritual), group=GATE_GROUP + 2)
    for ritual in rituals.all_rituals():
        app.add_handler(CommandHandler(ritual.command, start_from_command))
    app.add_handler(CallbackQueryHandler(start_from_button, pattern=StartRitual.matches))
    app.add_handler(CallbackQueryHandler(answer_button, pattern=StepChoice.matches))
    conversation.on_open_run(conversation.ANY_RITUAL,
                             lambda unit, run, text: advance(unit, run, text, typed=True))
    conversation.on_free_text(answer_to_nudge)
    conversation.on_reask(conversation.ANY_RITUAL, ask_again)


async def close_open_ritual(update: Update, context: AttuneContext) -> None:
    """Another command mid-ritual: close the ritual first (in the command's own transaction)."""
    context.first_in_unit.append(_close_run)


def _close_run(unit: Unit) -> None:
    run = runs.close_run(session=unit.session, user_id=unit.person.id)
    if run is not None:
        unit.say(t.SET_ASIDE, title=Phrase(title_of(run.ritual)))


async def start_from_command(update: Update, context: AttuneContext) -> None:
    """Begin the ritual this command names."""
    command = update.effective_message.text.split()[0][1:].split("@")[0].lower()
    async with context.unit() as unit:
        begin(unit, rituals.by_key(command))


async def start_from_button(update: Update, context: AttuneContext) -> None:
    """Begin the ritual a nudge or a time-out's end offered (a second tap while its first
    question is still unanswered changes nothing)."""
    ritual = rituals.by_key(StartRitual.parse(update.callback_query.data).ritual)
    await context.ack()
    if ritual is None:
        await fallback.stale_button(update, context)
        return
    await context.drop_buttons()
    async with context.unit() as unit:
        run = runs.current_run(session=unit.session, user_id=unit.person.id)
        if not (run is not None and run.ritual == ritual.key and run.step == 0
                and not runs.answers_of(run)):
            begin(unit, ritual)


def ask_again(unit: Unit, run: RitualRun, preface: str) -> bool:
    """The open ritual's current question once more, with its buttons."""
    ritual = rituals.by_key(run.ritual)
    step = ritual.step(run.step) if ritual else None
    if step is None:
        return False
    unit.say(_prompt(unit, step, preface), buttons=_step_rows(run, step))
    return True


def _prompt(unit: Unit, step, intro="") -> Lazy:
    partner = unit.partner
    prompt = Phrase(step.prompt, partner=partner.first_name if partner else Phrase(YOUR_PARTNER))
    return Joined([intro, prompt]) if intro else prompt


def begin(unit: Unit, ritual, first_answer: str | None = None) -> None:
    """Open the ritual and ask its first question (or take `first_answer` for it).
    However it starts, tonight's nudge has its ritual: a later message doesn't answer it."""
    if unit.person.nudged_at is not None:
        save_now(unit.session, unit.person, nudged_at=None)
    run = runs.open_run(session=unit.session, user_id=unit.person.id, ritual=ritual.key,
                        now=unit.now)
    if first_answer is not None:
        runs.record_answer(run=run, step_key=ritual.steps[0].key, value=first_answer)
    _after_answer(unit, run, ritual, intro="" if first_answer is not None else ritual.intro)


def nudge_open(user: User, now) -> bool:
    """Tonight's nudge was sent within hours and no ritual has answered it yet."""
    return user.nudged_at is not None and now - user.nudged_at < NUDGE_REPLY_WINDOW


def answer_to_nudge(unit: Unit, text: str) -> bool:
    """Words typed within hours of tonight's nudge start its first ritual with them; not
    during a time-out, when words are held and offered like any others."""
    user = unit.person
    if not nudge_open(user, unit.now) or pauses.is_paused(
            unit.session.get(Couple, user.couple_id) if user.couple_id else None):
        return False
    # begin() closes the nudge: a reply to it starts one ritual, not one per message.
    begin(unit, rituals.by_key(todays_offer(unit.now.date())[0]), text)
    return True


async def answer_button(update: Update, context: AttuneContext) -> None:
    """A choice, Skip or Cancel, checked against the presser's own open ritual. A second
    tap on a question already answered (a double tap) shows nothing: the step went on."""
    pressed = StepChoice.parse(update.callback_query.data)
    answered = False
    async with context.unit() as unit:
        run = runs.current_run(session=unit.session, user_id=unit.person.id)
        valid = run is not None and run.token == pressed.token and run.step == pressed.step
        if valid:
            value = None if pressed.value == CANCEL else conversation.Pressed(pressed.value)
            valid = conversation.ADVANCE.get(run.ritual, _button_advance)(
                unit, run, value) is not False
            if valid and value is not None:
                save_now(unit.session, unit.person, answered_token=pressed.token)
        else:
            answered = pressed.token == unit.person.answered_token
    if valid:
        await context.ack()
        await context.drop_buttons()
    elif answered:
        await context.ack()
    else:
        await fallback.stale_button(update, context)


def _button_advance(unit: Unit, run: RitualRun, value: str | None) -> bool:
    return advance(unit, run, CANCEL if value is None else value, typed=False)


def advance(unit: Unit, run: RitualRun, value: str, *, typed: bool) -> bool:
    """Take an answer (typed text, a choice, Skip or Cancel) and queue what comes next;
    False for a choice this step doesn't have (a forged button), which changes nothing."""
    ritual = rituals.by_key(run.ritual)
    step = ritual.step(run.step) if ritual else None
    if step is None or (not typed and value == CANCEL):
        runs.close_run(session=unit.session, user_id=run.user_id)
        unit.say(t.CANCELLED)
        return True
    if not (typed or value == SKIP or step.choice(value) is not None):
        return False
    stored = None if (not typed and value == SKIP) else value
    runs.record_answer(run=run, step_key=step.key, value=stored)
    _after_answer(unit, run, ritual)
    return True


def _after_answer(unit: Unit, run: RitualRun, ritual, intro: str = "") -> None:
    """The next question, or, after the last, the reflection written for the partner."""
    step = ritual.step(run.step)
    if step is not None:
        unit.say(_prompt(unit, step, intro), buttons=_step_rows(run, step))
        return
    answers = runs.answers_of(run)
    body = ritual.reflection(answers)
    runs.close_run(session=unit.session, user_id=unit.person.id)
    if body is None:
        unit.say(t.NOTHING_TO_SEND)
        return
    entry = write_entry(unit, kind=ritual.key, header=header(unit.person.first_name, ritual.key),
                        body=body, said=answers_said(answers))
    log.info("entry %s (%s) saved by user %s", entry.id, ritual.key, unit.person.id)
    tell_where(unit, entry.body)


def _step_rows(run: RitualRun, step) -> list[list[tuple[str, str]]]:
    """Choices two to a row, then Skip and Cancel last."""
    def data(value: str) -> str:
        return StepChoice(run.token, run.step, value).pack()

    choices = [(c.label, data(c.key)) for c in step.choices]
    rows = [choices[i: i + 2] for i in range(0, len(choices), 2)]
    return rows + [[(step.skip_label, data(SKIP)), (t.CANCEL_BUTTON, data(CANCEL))]]
