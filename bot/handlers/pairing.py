"""Pairing two partners: /start (with or without an invite code), /invite and /unpair."""
from __future__ import annotations

import logging
import re
import secrets
from urllib.parse import quote

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, ContextTypes

from bot import keyboards, texts
from bot.handlers.common import answer, drop_buttons, load_user
from bot.services import services
from bot.store import queries
from bot.store.models import User

log = logging.getLogger(__name__)

CODE_PATTERN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
COMMANDS = [
    ("invite", "Get a link to connect with your partner"),
    ("unpair", "End the pairing with your partner"),
]


def register(app: Application) -> None:
    app.add_handler(CommandHandler("start", start))
    app.add_handler(CommandHandler("invite", invite))
    app.add_handler(CommandHandler("unpair", unpair))
    app.add_handler(CallbackQueryHandler(unpair_answer, pattern=r"^unpair:(yes|no)$"))


def new_code() -> str:
    """An unguessable, URL-safe code: 24 characters, 144 bits from `secrets`."""
    return secrets.token_urlsafe(18)


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Welcome a newcomer, or pair them when they followed a partner's link."""
    if context.args:
        await follow_invite(update, context, context.args[0])
        return
    app = services(context)
    with app.session() as session:
        user = load_user(context, update, session)
        partner = queries.partner_of(session=session, user=user)
    if partner is None:
        await answer(update, texts.WELCOME.format(name=user.first_name or "there"))
    else:
        await answer(
            update, texts.WELCOME_PAIRED.format(name=user.first_name, partner=partner.first_name)
        )


async def invite(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Make a single-use link for the partner; a new one replaces the old."""
    app = services(context)
    code = new_code()
    with app.session() as session:
        user = load_user(context, update, session)
        partner = queries.partner_of(session=session, user=user)
        if partner is None:
            queries.replace_invite(session=session, inviter_id=user.id, code=code, now=app.clock())
    if partner is not None:
        await answer(update, texts.INVITE_ALREADY_PAIRED.format(partner=partner.first_name))
        return
    link = f"https://t.me/{app.username}?start={code}"
    share = f"https://t.me/share/url?url={quote(link, safe='')}&text={quote(texts.INVITE_SHARE_TEXT)}"
    log.info("invite created by user %s", update.effective_user.id)
    await answer(
        update,
        texts.INVITE.format(link=link),
        reply_markup=keyboards.link_button(texts.INVITE_SHARE_BUTTON, share),
    )


async def follow_invite(update: Update, context: ContextTypes.DEFAULT_TYPE, code: str) -> None:
    """Pair the two when the code is good; any bad code changes nothing and says why."""
    app = services(context)
    now = app.clock()
    with app.session() as session:
        user = load_user(context, update, session)
        problem, inviter = _check_invite(session, user, code, now)
        if problem is None:
            invite_row = queries.find_invite(session=session, code=code)
            queries.pair(session=session, inviter=inviter, invitee=user, invite=invite_row, now=now)
            names = (user.first_name, inviter.first_name, inviter.id)
    if problem is not None:
        log.info("invite refused for user %s: %s", update.effective_user.id, problem[0])
        await answer(update, problem[1])
        return
    invitee_name, inviter_name, inviter_id = names
    log.info("paired users %s and %s", update.effective_user.id, inviter_id)
    await answer(update, texts.PAIRED_INVITEE.format(partner=inviter_name))
    await _tell(context, inviter_id, texts.PAIRED_INVITER.format(partner=invitee_name))


def _check_invite(session, user: User, code: str, now) -> tuple[tuple[str, str] | None, User | None]:
    """(reason, message) when the code can't pair this person, else (None, inviter)."""
    partner = queries.partner_of(session=session, user=user)
    if partner is not None:
        return ("already paired", texts.ALREADY_PAIRED.format(partner=partner.first_name)), None
    invite_row = queries.find_invite(session=session, code=code) if CODE_PATTERN.match(code) else None
    if invite_row is None:
        return ("unknown", texts.CODE_UNKNOWN), None
    if invite_row.inviter_id == user.id:
        return ("own", texts.CODE_OWN), None
    if invite_row.used_at is not None:
        return ("used", texts.CODE_USED), None
    if invite_row.expires_at <= now:
        return ("expired", texts.CODE_EXPIRED), None
    inviter = session.get(User, invite_row.inviter_id)
    if inviter is None or inviter.couple_id is not None:
        # The inviter paired with someone else since: the link is spent.
        return ("inviter taken", texts.CODE_USED), None
    return None, inviter


async def unpair(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Ask before ending the pairing: it is not something to do by a slip of the thumb."""
    with services(context).session() as session:
        user = load_user(context, update, session)
        partner = queries.partner_of(session=session, user=user)
    if partner is None:
        await answer(update, texts.NOT_PAIRED)
        return
    await answer(
        update,
        texts.UNPAIR_ASK.format(partner=partner.first_name),
        reply_markup=keyboards.confirm_unpair(partner.first_name),
    )


async def unpair_answer(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """End the pairing on "yes"; tell the partner. Checked against the presser's own couple."""
    query = update.callback_query
    app = services(context)
    with app.session() as session:
        user = load_user(context, update, session)
        partner = queries.partner_of(session=session, user=user)
        if partner is not None and query.data == keyboards.UNPAIR_CONFIRM:
            queries.unpair(session=session, couple_id=user.couple_id, now=app.clock())
    await query.answer()
    await drop_buttons(query)
    if partner is None:
        await answer(update, texts.NOT_PAIRED)
    elif query.data == keyboards.UNPAIR_CONFIRM:
        log.info("users %s and %s unpaired", user.id, partner.id)
        await answer(update, texts.UNPAIR_DONE.format(partner=partner.first_name))
        await _tell(context, partner.id, texts.UNPAIR_TOLD_PARTNER.format(partner=user.first_name))
    else:
        await answer(update, texts.UNPAIR_CANCELLED.format(partner=partner.first_name))



async def _tell(context: ContextTypes.DEFAULT_TYPE, user_id: int, text: str) -> None:
    """A notice to the partner through the outbox, so a block or an outage loses nothing."""
    from bot.relay import notify

    await notify(context, recipient_id=user_id, text=text)
