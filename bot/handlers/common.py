"""What every handler shares: who is talking, answering them, and the gates before features.

The gates run before any feature: group chats get the private-only answer (nothing of
a couple is ever shown there), and each private update refreshes the person's row.
"""
from __future__ import annotations

from telegram import Message, Update
from telegram.constants import ChatType
from telegram.ext import Application, ApplicationHandlerStop, ContextTypes, TypeHandler

from bot import texts
from bot.services import services
from bot.store import queries
from bot.store.models import User

GATE_GROUP = -10
KNOWN_PEOPLE_LIMIT = 100_000  # ~10 MB at most; past it the cache simply starts over


def register(app: Application) -> None:
    app.add_handler(TypeHandler(Update, private_only), group=GATE_GROUP)
    app.add_handler(TypeHandler(Update, remember_person), group=GATE_GROUP + 1)


async def private_only(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer anything outside a private chat with the private-only note, and stop there."""
    chat = update.effective_chat
    if chat is None or chat.type == ChatType.PRIVATE:
        if update.effective_user is None:
            raise ApplicationHandlerStop  # nothing to answer and no one to answer to
        return
    if update.callback_query is not None:
        await update.callback_query.answer(texts.PRIVATE_ONLY_SHORT, show_alert=True)
    elif update.effective_message is not None and chat.type != ChatType.CHANNEL:
        if _addresses_bot(update.effective_message, services(context).username):
            await update.effective_message.reply_text(
                texts.PRIVATE_ONLY.format(username=services(context).username)
            )
    raise ApplicationHandlerStop


def _addresses_bot(message: Message, username: str) -> bool:
    """In a group, answer commands, mentions and replies to us, not every passing message."""
    text = message.text or message.caption or ""
    if text.startswith("/") or (username and f"@{username}".lower() in text.lower()):
        return True
    if message.new_chat_members:
        return any(member.username == username for member in message.new_chat_members)
    reply = message.reply_to_message
    return bool(reply and reply.from_user and reply.from_user.username == username)


async def remember_person(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Keep the person's row current; someone who blocked us and came back gets their words."""
    person = update.effective_user
    app_services = services(context)
    name = (person.first_name or "")[:128]
    if app_services.known_people.get(person.id) == name:
        return
    with app_services.session() as session:
        user = session.get(User, person.id)
        was_blocked = user is not None and user.blocked_at is not None
        if user is None or was_blocked or user.first_name != (person.first_name or "")[:128]:
            queries.upsert_user(
                session=session,
                user_id=person.id,
                first_name=person.first_name or "",
                now=app_services.clock(),
            )
    if len(app_services.known_people) >= KNOWN_PEOPLE_LIMIT:
        app_services.known_people.clear()
    app_services.known_people[person.id] = name
    if was_blocked and app_services.deliverer is not None:
        app_services.deliverer.wake()


def load_user(context: ContextTypes.DEFAULT_TYPE, update: Update, session) -> User:
    """The presser's or writer's own row (the gate above made sure it exists)."""
    user = session.get(User, update.effective_user.id)
    if user is None:  # the gate was bypassed (tests calling a handler directly)
        user = queries.upsert_user(
            session=session,
            user_id=update.effective_user.id,
            first_name=update.effective_user.first_name or "",
            now=services(context).clock(),
        )
    return user


async def answer(update: Update, text: str, reply_markup=None) -> Message:
    """Reply in the person's chat, plain text: nothing they wrote is read as markup."""
    return await update.effective_chat.send_message(
        text, reply_markup=reply_markup, parse_mode=None, disable_web_page_preview=True
    )


async def drop_buttons(query, keep=None) -> None:
    """Take the buttons off a message once used (or leave `keep`), so they can't be pressed twice."""
    from bot.keyboards import buttons

    try:
        await query.edit_message_reply_markup(reply_markup=buttons(keep) if keep else None)
    except Exception:  # too old to edit, or unchanged: the flow goes on regardless
        pass
