"""Pairing two partners: /start (with or without an invite code), /invite and /unpair."""
from __future__ import annotations

import logging
import re
import secrets
from urllib.parse import quote

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot.context import AttuneContext, Unit
from bot.edge.callbacks import Unpair
from bot.edge.keyboards import buttons
from bot.handlers import fallback
from bot.handlers.schedule import greet_paired
from bot.store import couples, invites
from bot.store.db import RaceLost
from bot.store.models import User
from bot.texts import common as t
from rituals.language import N_, Phrase

log = logging.getLogger(__name__)

CODE_PATTERN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
COMMANDS = [
    ("invite", N_("Get a link to connect with your partner")),
    ("unpair", N_("End the pairing with your partner")),
]


def register(app: Application) -> None:
    app.add_handler(CommandHandler("start", start))
    app.add_handler(CommandHandler("invite", invite))
    app.add_handler(CommandHandler("unpair", unpair))
    app.add_handler(CallbackQueryHandler(unpair_answer, pattern=Unpair.matches))


def new_code() -> str:
    """An unguessable, URL-safe code: 24 characters, 144 bits from `secrets`."""
    return secrets.token_urlsafe(18)


async def start(update: Update, context: AttuneContext) -> None:
    """Welcome a newcomer, or pair them when they followed a partner's link."""
    if context.args:
        await follow_invite(update, context, context.args[0])
        return
    async with context.unit() as unit:
        user, partner = unit.person, unit.partner
        if partner is None:
            unit.say(Phrase(t.WELCOME, name=user.first_name or Phrase(t.THERE)))
        else:
            unit.say(Phrase(t.WELCOME_PAIRED, name=user.first_name, partner=partner.first_name))


async def invite(update: Update, context: AttuneContext) -> None:
    """Make a single-use link for the partner; a new one replaces the old."""
    code = new_code()
    link = f"https://t.me/{context.services.username}?start={code}"
    share = f"https://t.me/share/url?url={quote(link, safe='')}&text={quote(context.words(t.INVITE_SHARE_TEXT))}"
    async with context.unit() as unit:
        if unit.partner is not None:
            unit.say(Phrase(t.INVITE_ALREADY_PAIRED, partner=unit.partner.first_name))
            return
        unit.person.language = _language(update)  # to guess their zone once paired
        invites.replace_invite(session=unit.session, inviter_id=unit.person.id, code=code,
                               now=unit.now)
    log.info("invite created by user %s", update.effective_user.id)
    # Sent directly, not through the outbox: only the code's hash is ever stored, so a
    # leaked database pairs no one. If this send fails, /invite again makes a new one.
    await update.effective_chat.send_message(
        context.words(Phrase(t.INVITE, link=link)), parse_mode=None,
        disable_web_page_preview=True,
        reply_markup=buttons(context.words.buttons([[(t.INVITE_SHARE_BUTTON, share)]])))


async def follow_invite(update: Update, context: AttuneContext, code: str) -> None:
    """Pair the two when the code is good; any bad code changes nothing and says why."""
    try:
        async with context.unit() as unit:
            problem, inviter = _check_invite(unit, code)
            if problem is not None:
                log.info("invite refused for user %s: %s", unit.person.id, problem[0])
                unit.say(problem[1])
                return
            invite_row = invites.find_invite(session=unit.session, code=code)
            couples.pair(session=unit.session, inviter=inviter, invitee=unit.person,
                         invite=invite_row, now=unit.now)
            unit.person.language = _language(update)
            greet_paired(unit, unit.person, inviter, unit.person.language, t.PAIRED_INVITEE)
            greet_paired(unit, inviter, unit.person, inviter.language, t.PAIRED_INVITER)
            log.info("paired users %s and %s", unit.person.id, inviter.id)
    except RaceLost:
        await fallback.say(context, t.CODE_USED)


def _language(update: Update) -> str | None:
    code = update.effective_user.language_code if update.effective_user else None
    return code[:16] if code else None


def _check_invite(unit: Unit, code: str) -> tuple[tuple[str, str] | None, User | None]:
    """(reason, message) when the code can't pair this person, else (None, inviter)."""
    if unit.partner is not None:
        return ("already paired", Phrase(t.ALREADY_PAIRED, partner=unit.partner.first_name)), None
    session = unit.session
    invite_row = invites.find_invite(session=session, code=code) if CODE_PATTERN.match(code) else None
    if invite_row is None:
        return ("unknown", t.CODE_UNKNOWN), None
    if invite_row.inviter_id == unit.person.id:
        return ("own", t.CODE_OWN), None
    if invite_row.used_at is not None:
        return ("used", t.CODE_USED), None
    if invite_row.expires_at <= unit.now:
        return ("expired", t.CODE_EXPIRED), None
    inviter = session.get(User, invite_row.inviter_id)
    if inviter is None or inviter.couple_id is not None:
        # The inviter paired with someone else since: the link is spent.
        return ("inviter taken", t.CODE_USED), None
    return None, inviter


async def unpair(update: Update, context: AttuneContext) -> None:
    """Ask before ending the pairing: it is not something to do by a slip of the thumb."""
    async with context.unit() as unit:
        partner = unit.partner
        if partner is None:
            unit.say(t.NOT_PAIRED)
            return
        couple_id = unit.person.couple_id
        unit.say(Phrase(t.UNPAIR_ASK, partner=partner.first_name), buttons=[
            [(Phrase(t.UNPAIR_YES, partner=partner.first_name), Unpair(couple_id, "yes").pack())],
            [(t.CANCEL_BUTTON, Unpair(couple_id, "no").pack())],
        ])


async def unpair_answer(update: Update, context: AttuneContext) -> None:
    """End the pairing on "yes", for the couple the button names only; tell the partner."""
    pressed = Unpair.parse(update.callback_query.data)
    await context.ack()
    await context.drop_buttons()
    async with context.unit() as unit:
        user, partner = unit.person, unit.partner
        if partner is None or user.couple_id != pressed.couple_id:
            unit.say(t.STALE_BUTTON if partner is not None else t.NOT_PAIRED)
        elif pressed.answer != "yes":
            unit.say(Phrase(t.UNPAIR_CANCELLED, partner=partner.first_name))
        else:
            couples.unpair(session=unit.session, couple_id=user.couple_id, now=unit.now)
            unit.say(Phrase(t.UNPAIR_DONE, partner=partner.first_name))
            unit.tell(partner.id, Phrase(t.UNPAIR_TOLD_PARTNER, partner=user.first_name))
            log.info("users %s and %s unpaired", user.id, partner.id)
