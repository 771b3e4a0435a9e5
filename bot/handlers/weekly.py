"""/weekly: the couple's State of the Union, prepared privately by each, revealed together.

`/weekly sun 19:00` sets the couple's day and time in the setter's zone (each partner reads
it in their own), `/weekly off` stops it, `/weekly` shows it. That evening each partner is
invited to prepare (bot/jobs/weekly.py); the steps are rituals/weekly.py's, each skippable;
when both are done both get the agenda at once (bot/rounds.py) and the picture of the week.
"""
from __future__ import annotations

import json

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot import pictures
from bot import rounds as shared
from bot.context import AttuneContext, Unit
from bot.edge.callbacks import Prepare, StepChoice
from bot.handlers import conversation, fallback
from bot.jobs.weekly import invite_rows
from bot.localtime import reader_zone
from bot.store import rounds, runs
from bot.store import weekly as schedule
from bot.store.models import Couple, RitualRun, User
from bot.store.rounds import Round
from bot.texts import rituals as rt
from bot.texts import together as t
from bot.texts.common import YOUR_PARTNER
from rituals import weekly
from rituals.language import N_, Joined, Lazy, Phrase, Verbatim
from rituals.together import OPEN, Kind, expired

COMMANDS = [("weekly", N_("Your weekly State of the Union: /weekly sun 19:00, or /weekly off"))]
KEY = weekly.RITUAL.key
SKIP, CANCEL = "~skip", "~cancel"  # the values the ritual runner's buttons carry
ASKED = "~asked:"  # a step whose gentle re-ask was said once already


def register(app: Application) -> None:
    app.add_handler(CommandHandler("weekly", set_or_show))
    app.add_handler(CallbackQueryHandler(prepare, pattern=Prepare.matches))
    conversation.on_open_run(KEY, take_step)


def describe_for(reader: User, couple: Couple) -> Lazy:
    """The couple's weekly time as this reader's own clock shows it."""
    local = couple.next_weekly_at.astimezone(reader_zone(reader))
    when = weekly.WeeklyTime(local.weekday(), local.time()).describe()
    return when if reader.timezone else Joined([when, Verbatim(" UTC")], "")


async def set_or_show(update: Update, context: AttuneContext) -> None:
    text = " ".join(context.args or [])
    chosen = weekly.parse_weekly(text) if text else None
    async with context.unit() as unit:
        person, partner = unit.person, unit.partner
        couple = unit.session.get(Couple, person.couple_id) if partner else None
        if couple is None:
            unit.say(t.WEEKLY_NOT_PAIRED)
        elif not text:
            _show(unit, couple)
        elif chosen is None:
            unit.say(weekly.NOT_UNDERSTOOD)
        elif chosen == weekly.OFF:
            schedule.set_weekly(couple=couple, chosen=None, zone=None, now=unit.now)
            unit.say(weekly.STOPPED)
            unit.tell(partner.id, Phrase(t.WEEKLY_PARTNER_STOPPED, name=person.first_name))
        elif not person.timezone:
            unit.say(t.WEEKLY_NEEDS_ZONE)
        elif schedule.set_weekly(couple=couple, chosen=chosen, zone=person.timezone,
                                 now=unit.now) is None:
            unit.say(t.WEEKLY_NEEDS_ZONE)  # a zone this machine no longer knows
        else:
            unit.say(Phrase(weekly.SET, when=describe_for(person, couple)))
            unit.tell(partner.id, Phrase(t.WEEKLY_PARTNER_SET,
                name=person.first_name, when=describe_for(partner, couple)))


def _show(unit: Unit, couple: Couple) -> None:
    waiting = _open_for(unit, couple.id)
    if couple.next_weekly_at is None:
        text = weekly.USAGE
    else:
        text = Phrase(t.WEEKLY_SHOW, when=describe_for(unit.person, couple))
    if waiting is None:
        unit.say(text)
        return
    unit.say(Joined([t.WEEKLY_OPEN, text]), buttons=invite_rows(waiting.id))


def _open_for(unit: Unit, couple_id: int) -> Round | None:
    """This week's preparation, when it is open and this person hasn't given theirs."""
    for rnd in rounds.open_rounds(unit.session, couple_id, KEY):
        if not expired(rnd.state, unit.now) and rnd.state.entry(unit.person.id) is None:
            return rnd
    return None


async def prepare(update: Update, context: AttuneContext) -> None:
    """"Start preparing" or "Not this week", for the round the invitation named."""
    pressed = Prepare.parse(update.callback_query.data)
    revealed = None
    async with context.unit() as unit:
        rnd = rounds.get(unit.session, pressed.round_id)
        valid = shared.belongs(unit, rnd) and pressed.answer in ("go", "no")
        if valid and pressed.answer == "go":
            _begin(unit, rnd)
        elif valid:
            run = runs.current_run(session=unit.session, user_id=unit.person.id)
            if run is not None and run.round_id == rnd.id:
                runs.close_run(session=unit.session, user_id=unit.person.id)
            if shared.submit(unit, rnd.id, {}, KEY) is Kind.REVEAL:
                revealed = rnd.id
        if revealed is not None:
            pictures.after_reveal(unit, revealed)
    if not valid:
        await fallback.stale_button(update, context)
        return
    await context.ack()


def _begin(unit: Unit, rnd: Round) -> None:
    partner = unit.partner
    state = rnd.state
    if state.status != OPEN or expired(state, unit.now):
        unit.say(weekly.OVER)
    elif state.entry(unit.person.id) is not None:
        unit.say(Phrase(weekly.ALREADY, partner=partner.first_name))
    else:
        run = runs.open_run(session=unit.session, user_id=unit.person.id, ritual=KEY, now=unit.now)
        run.round_id = rnd.id
        _ask(unit, run)


def _ask(unit: Unit, run: RitualRun, text: str | None = None) -> None:
    step = weekly.RITUAL.step(run.step)
    partner = unit.partner
    prompt = text or Phrase(step.prompt, partner=partner.first_name if partner
                            else Phrase(YOUR_PARTNER))
    unit.say(prompt, buttons=[[(step.skip_label, StepChoice(run.token, run.step, SKIP).pack()),
                               (rt.CANCEL_BUTTON, StepChoice(run.token, run.step, CANCEL).pack())]])


def take_step(unit: Unit, run: RitualRun, value: str | None) -> bool:
    """One step's answer (typed, exactly as written), its Skip, or Cancel (None)."""
    step = weekly.RITUAL.step(run.step)
    if value is None or step is None or run.round_id is None:
        runs.close_run(session=unit.session, user_id=run.user_id)
        unit.say(t.PREP_CANCELLED)
        return True
    answers = runs.answers_of(run)
    if value != SKIP and step.check is not None and ASKED + step.key not in answers:
        again = step.check(value)
        if again is not None:  # asked about once, never cut: the next answer stands
            answers[ASKED + step.key] = "1"
            run.answers = json.dumps(answers, ensure_ascii=False)
            _ask(unit, run, again)
            return True
    runs.record_answer(run=run, step_key=step.key, value=None if value == SKIP else value)
    if weekly.RITUAL.step(run.step) is not None:
        _ask(unit, run)
        return True
    given = {k: v for k, v in runs.answers_of(run).items() if not k.startswith("~")}
    runs.close_run(session=unit.session, user_id=run.user_id)
    if shared.submit(unit, run.round_id, given, KEY) is Kind.REVEAL:
        pictures.after_reveal(unit, run.round_id)
    return True
