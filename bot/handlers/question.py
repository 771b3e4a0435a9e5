"""/question: one question a day for the two of you, answered blind, revealed together.

Each partner answers in their own words; until both have, neither sees the other's
(bot/rounds.py). A question the partner answered waits for this person first; otherwise
/question brings today's. The answer is one typed message, kept exactly; "Not today" lets
it pass. Unanswered questions close after 48 hours (bot/jobs/rounds.py).
"""
from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot import rounds as shared
from bot.context import AttuneContext, Unit
from bot.edge.callbacks import ShareAnswer, StepChoice, TodaysQuestion
from bot.handlers import conversation, fallback
from bot.questions import KEY, todays_round, waiting_for
from bot.store import runs
from bot.store.models import RitualRun
from bot.store.saves import save_now
from bot.texts import rituals as rt
from bot.texts import together as t
from rituals import questions
from rituals.language import Joined, Phrase
from rituals.together import OPEN, REVEALED, expired

COMMANDS = [("question", questions.RITUAL.description)]
SKIP, CANCEL = "~skip", "~cancel"  # the values the ritual runner's buttons carry


def register(app: Application) -> None:
    app.add_handler(CommandHandler("question", ask))
    app.add_handler(CallbackQueryHandler(ask_from_nudge, pattern=TodaysQuestion.matches))
    app.add_handler(CallbackQueryHandler(share_or_keep, pattern=ShareAnswer.matches))
    conversation.on_open_run(KEY, take_answer)


async def ask(update: Update, context: AttuneContext) -> None:
    """The question waiting for this person's answer, or today's."""
    async with context.unit() as unit:
        ask_in(unit)


async def ask_from_nudge(update: Update, context: AttuneContext) -> None:
    """"Today's question" under an evening nudge."""
    await context.ack()
    await context.drop_buttons()
    async with context.unit() as unit:
        if unit.person.nudged_at is not None:  # tonight's nudge has its answer
            save_now(unit.session, unit.person, nudged_at=None)
        ask_in(unit)


def ask_in(unit: Unit) -> None:
    person, partner = unit.person, unit.partner
    if partner is None:
        unit.say(t.QUESTION_NOT_PAIRED)
        return
    session, couple_id = unit.session, person.couple_id
    rnd = waiting_for(session, couple_id, person.id, unit.now)
    lead = Phrase(t.PARTNER_ANSWERED, partner=partner.first_name) if rnd is not None else ""
    if rnd is None:
        rnd = todays_round(session, couple_id, [person, partner], unit.now)
    state = rnd.state
    if state.status == REVEALED:
        unit.say(t.QUESTION_DONE)
    elif state.status != OPEN or expired(state, unit.now):
        unit.say(t.QUESTION_SETTLED)
    elif state.entry(person.id) is not None:
        unit.say(Phrase(questions.ALREADY, partner=partner.first_name))
    else:
        run = runs.open_run(session=session, user_id=person.id, ritual=KEY, now=unit.now)
        run.round_id = rnd.id
        prompt = Phrase(questions.PROMPT, partner=partner.first_name,
                        question=Phrase(state.topic))
        unit.say(Joined([lead, prompt]) if lead else prompt, buttons=[[
            (questions.RITUAL.steps[0].skip_label, StepChoice(run.token, 0, SKIP).pack()),
            (rt.CANCEL_BUTTON, StepChoice(run.token, 0, CANCEL).pack()),
        ]])


def take_answer(unit: Unit, run: RitualRun, text: str | None) -> bool:
    """The typed answer (exactly as written), "Not today", or Cancel (None)."""
    runs.close_run(session=unit.session, user_id=run.user_id)
    if text is None or run.round_id is None:
        unit.say(t.QUESTION_CANCELLED)
        return True
    shared.submit(unit, run.round_id, {questions.ANSWER: None if text == SKIP else text}, KEY)
    return True


async def share_or_keep(update: Update, context: AttuneContext) -> None:
    """The lone author's answer to "share it anyway?" (the question's or the weekly's)."""
    pressed = ShareAnswer.parse(update.callback_query.data)
    async with context.unit() as unit:
        valid = pressed.answer in ("yes", "no") and shared.share_or_keep(
            unit, pressed.round_id, pressed.answer == "yes")
    if not valid:
        await fallback.stale_button(update, context)
        return
    await context.ack()
    await context.drop_buttons()
