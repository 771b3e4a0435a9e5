"""When the evening nudge comes: /timezone, /time, and a kind answer to "Not tonight"."""
from __future__ import annotations

import logging
from datetime import datetime
from zoneinfo import ZoneInfo

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, ContextTypes

from bot import nudges
from bot.handlers.common import answer, load_user
from bot.services import services
from bot.store import nudging, queries
from bot.store.models import User
from rituals import schedule as timing

log = logging.getLogger(__name__)

COMMANDS = [
    ("timezone", "Set your time zone, e.g. /timezone Europe/Berlin"),
    ("time", "When your evening ritual arrives, e.g. /time 21:00, or /time off"),
]

OFF_WORDS = {"off", "stop", "none", "never", "no"}

ZONE_UNKNOWN = (
    "I don't know the time zone “{text}”.\n"
    "Try a region and city, like /timezone Europe/Berlin or /timezone America/New_York."
)
ZONE_NONE = "I don't know your time zone yet.\nSend it like this: /timezone Europe/Berlin"
ZONE_SHOW = "Your time zone is {zone} (it's {clock} there now).\nTo change it: /timezone Area/City"
ZONE_SET = "Your time zone is now {zone}; it's {clock} there."
TIME_BAD = "“{text}” isn't a time I can use.\nTry /time 21:00, /time 9pm or /time 21.30."
TIME_OFF = "Evening nudges are off. Whenever you'd like them back: /time 21:00"
ASK_ZONE = "Send it with your city, like /timezone Europe/Berlin. Which time zone is yours?"
TIME_SET_NO_ZONE = "Your evening ritual will arrive at {time}, your time.\n" + ASK_ZONE
TIME_SHOW_NO_ZONE = "Your evening ritual arrives at {time} once I know your time zone.\n" + ASK_ZONE
TIME_PLAN = "Your evening ritual arrives at {time} ({zone}); next: {next}."
TIME_UNPAIRED = "It begins once you're connected with your partner: /invite"
SKIP_ANSWER = "Rest well. I'll be here tomorrow evening."


def register(app: Application) -> None:
    app.add_handler(CommandHandler("timezone", set_timezone))
    app.add_handler(CommandHandler("time", set_time))
    app.add_handler(CallbackQueryHandler(skip_tonight, pattern=rf"^{nudges.SKIP_DATA}$"))


async def set_timezone(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Show the person's zone, or set it and move their next nudge to match."""
    text = " ".join(context.args or [])
    app = services(context)
    zone = timing.resolve_zone(text) if text else None
    with app.session() as session:
        user = load_user(context, update, session)
        if not text:
            reply = _zone_summary(user, app.clock())
        elif zone is None:
            reply = ZONE_UNKNOWN.format(text=text[:64])
        else:
            user.timezone = zone
            nudging.reschedule(session=session, user=user, now=app.clock())
            reply = _after_zone_set(session, user, app.clock())
            log.info("user %s set a time zone", user.id)
    await answer(update, reply)


async def set_time(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Show the evening minute, set it, or turn nudges off."""
    text = " ".join(context.args or [])
    app = services(context)
    with app.session() as session:
        user = load_user(context, update, session)
        if not text:
            reply = _time_summary(session, user, app.clock())
        elif text.strip().lower() in OFF_WORDS:
            user.nudges_off = True
            nudging.reschedule(session=session, user=user, now=app.clock())
            reply = TIME_OFF
        else:
            reply = _apply_time(session, user, text, app.clock())
    await answer(update, reply)


def _apply_time(session, user: User, text: str, now: datetime) -> str:
    """Store a new evening minute (turning nudges back on); the answer to send."""
    chosen = timing.parse_local_time(text)
    if chosen is None:
        return TIME_BAD.format(text=text[:32])
    user.nudge_time = chosen.strftime("%H:%M")
    user.nudges_off = False
    nudging.reschedule(session=session, user=user, now=now)
    log.info("user %s set a nudge time", user.id)
    if not user.timezone:
        return TIME_SET_NO_ZONE.format(time=user.nudge_time)
    return _time_summary(session, user, now)


def _zone_summary(user: User, now: datetime) -> str:
    if not user.timezone:
        return ZONE_NONE
    return ZONE_SHOW.format(zone=user.timezone, clock=_local_clock(user.timezone, now))


def _after_zone_set(session, user: User, now: datetime) -> str:
    lines = [ZONE_SET.format(zone=user.timezone, clock=_local_clock(user.timezone, now))]
    lines.append(_time_summary(session, user, now))
    return "\n".join(lines)


def _time_summary(session, user: User, now: datetime) -> str:
    """The setting in words, the next nudge in local time, and what still stands in the way."""
    if user.nudges_off:
        return TIME_OFF
    chosen = nudging.nudge_time_of(user).strftime("%H:%M")
    if not user.timezone or user.next_nudge_at is None:
        return TIME_SHOW_NO_ZONE.format(time=chosen)
    local_next = user.next_nudge_at.astimezone(ZoneInfo(user.timezone))
    plan = TIME_PLAN.format(time=chosen, zone=user.timezone, next=_day_and_time(local_next))
    if queries.partner_of(session=session, user=user) is None:
        return f"{plan}\n{TIME_UNPAIRED}"
    return plan


def _day_and_time(moment: datetime) -> str:
    """ "Wed 25 Nov, 21:00" """
    return f"{moment:%a} {moment.day} {moment:%b, %H:%M}"


def _local_clock(zone: str, now: datetime) -> str:
    return now.astimezone(ZoneInfo(zone)).strftime("%H:%M")


async def skip_tonight(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Let tonight go, kindly, and take the nudge's buttons away."""
    query = update.callback_query
    with services(context).session() as session:
        nudging.clear_nudged(session=session, user_id=update.effective_user.id)
    await query.answer()
    try:
        await query.edit_message_reply_markup(reply_markup=None)
    except Exception:  # too old to edit; the kind word below still goes
        pass
    await answer(update, SKIP_ANSWER)
