"""The gates before any feature, and the people side of the sender's events.

Group chats get the private-only answer (nothing of a couple is ever shown there); each
private update refreshes the person's row. When the sender finds a chat blocked, the
people side forgets the cached row and tells the partner, once.
"""
from __future__ import annotations

from telegram import Message, Update
from telegram.constants import ChatType
from telegram.ext import Application, ApplicationHandlerStop, TypeHandler

from bot.context import AttuneContext
from bot.outbox.notices import queue_notice
from bot.services import Services
from bot.store import people
from bot.store.models import Delivery, Entry, User
from bot.texts import common as t
from bot.texts import rituals as rt
from rituals.language import Phrase

GATE_GROUP = -10


def register(app: Application) -> None:
    app.add_handler(TypeHandler(Update, private_only), group=GATE_GROUP)
    app.add_handler(TypeHandler(Update, remember_person), group=GATE_GROUP + 1)
    services: Services = app.bot_data["services"]
    services.sender.on_blocked.append(lambda user_id: partner_blocked(services, user_id))
    services.sender.on_refused.append(lambda delivery: words_refused(services, delivery))


async def private_only(update: Update, context: AttuneContext) -> None:
    """Answer anything outside a private chat with the private-only note, and stop there."""
    chat = update.effective_chat
    if chat is None or chat.type == ChatType.PRIVATE:
        if update.effective_user is None:
            raise ApplicationHandlerStop  # nothing to answer and no one to answer to
        return
    if update.callback_query is not None:
        await context.ack(t.PRIVATE_ONLY_SHORT, alert=True)
    elif update.effective_message is not None and chat.type != ChatType.CHANNEL:
        if _addresses_bot(update.effective_message, context.services.username):
            await update.effective_message.reply_text(
                context.words(Phrase(t.PRIVATE_ONLY, username=context.services.username)))
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


async def remember_person(update: Update, context: AttuneContext) -> None:
    """Keep the person's row current; someone who blocked us and came back gets their words."""
    person = update.effective_user
    services = context.services
    name = (person.first_name or "")[:128]
    if services.knows(person.id, name):
        return
    with services.session() as session:
        user = session.get(User, person.id)
        was_blocked = user is not None and user.blocked_at is not None
        if user is None or was_blocked or user.first_name != name:
            people.upsert_user(session=session, user_id=person.id, first_name=name,
                               now=services.clock())
    services.remember(person.id, name)
    if was_blocked:
        services.sender.wake()


async def partner_blocked(services: Services, blocked_id: int) -> None:
    """Tell the partner, once, that their words are saved and wait for the other's return."""
    services.known_people.pop(blocked_id, None)  # their next update must unpark them
    with services.session() as session:
        blocked = session.get(User, blocked_id)
        partner = people.partner_of(session=session, user=blocked) if blocked else None
        if partner is None:
            return
        queue_notice(session, partner, Phrase(t.PARTNER_UNREACHABLE, partner=blocked.first_name),
                     now=services.clock(), kind="notice", holdable=False)
    services.sender.kick(partner.id)


async def words_refused(services: Services, delivery: Delivery) -> None:
    """A relay Telegram refused for good: its author hears of it (the words stay in the thread)."""
    if delivery.entry_id is None or delivery.kind != "relay":
        return
    with services.session() as session:
        entry = session.get(Entry, delivery.entry_id)
        recipient = session.get(User, delivery.recipient_id)
        if entry is None or recipient is None:
            return
        author = session.get(User, entry.author_id)
        if author is None:
            return
        queue_notice(session, author, Phrase(rt.REFUSED, partner=recipient.first_name),
                     now=services.clock(), kind="notice", holdable=False)
    services.sender.kick(entry.author_id)
