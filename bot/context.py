"""Each update's context: python-telegram-bot's CallbackContext with Attune's unit of work.

`async with context.unit() as unit:` is one transaction in which a handler reads the person
(and partner), changes state, and queues what it says (`unit.say`, `unit.tell`, relays).
The same transaction marks the update done in the inbox, guarded: if it was done already
(Telegram delivered it twice, or a crash came after the commit), the unit stops the
handler before anything changes. After the commit the person's answer is sent at once and
anyone else's messages are handed to the sender, never waited for.
"""
from __future__ import annotations

from contextlib import asynccontextmanager
from datetime import datetime
from typing import AsyncIterator, Awaitable, Callable

from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session
from telegram import Update
from telegram.error import TelegramError
from telegram.ext import Application, ApplicationHandlerStop, CallbackContext, ExtBot

from bot.edge.keyboards import buttons
from bot.language import Words, words_for
from bot.outbox.notices import queue_said
from bot.services import Services
from bot.store import inbox, outbox, people
from bot.store.models import User
from bot.store.outbox import Buttons
from rituals.language import Phrase


class Unit:
    """One transaction of one update: the person, their partner, and what to send."""

    def __init__(self, session: Session, services: Services, update: Update) -> None:
        self.session = session
        self.now: datetime = services.clock()
        self._services = services
        self._update = update
        self._person: User | None = None
        self._partner: User | None | bool = False
        self._words: Words | None = None
        self._prefetched: User | None = None  # read with the person
        self.chats_to_kick: set[int] = set()
        self.answered = False
        self.after_commit: list[Callable[[], Awaitable[None]]] = []

    @property
    def services(self) -> Services:
        return self._services

    @property
    def person(self) -> User:
        """The writer's or presser's own row (the gate made sure it exists)."""
        if self._person is None:
            sender = self._update.effective_user
            found, partner = people.person_and_partner(session=self.session, user_id=sender.id)
            self._prefetched = partner  # the same query: no second round trip for it
            self._person = found or people.upsert_user(
                session=self.session, user_id=sender.id, first_name=sender.first_name or "",
                now=self.now)
            if sender.language_code and self._person.language != sender.language_code:
                self._person.language = sender.language_code  # what their app reads now
        return self._person

    @property
    def partner(self) -> User | None:
        if self._partner is False:
            person, known = self.person, self._prefetched
            if person.couple_id is None:
                self._partner = None
            elif known is not None and known.couple_id == person.couple_id:
                self._partner = known  # still the couple it was read with
            else:  # the couple changed in this unit (pairing): ask again
                self._partner = people.partner_of(session=self.session, user=person)
        return self._partner

    @property
    def words(self) -> Words:
        """The person's language (their /language choice, else their Telegram app's)."""
        if self._words is None:
            sender = self._update.effective_user
            self._words = words_for(self.person, sender.language_code if sender else None)
        return self._words

    def reset_words(self) -> None:
        """After a change of language: what follows is said in the new one."""
        self._words = None

    def words_of(self, user_id: int) -> Words:
        """The language someone else reads (a partner, the other side of a pairing)."""
        if self._person is not None and user_id == self._person.id:
            return self.words
        return words_for(self.session.get(User, user_id))

    def say(self, text, buttons: Buttons | None = None, **params) -> None:
        """Answer the person in their chat, in their language (queued now, sent right after the
        commit). `text` is a marked text (its `params` filled in) or a Phrase."""
        queue_said(self.session, self._update.effective_chat.id, self.words,
                   _message(text, params), now=self.now, buttons=buttons, kind="answer",
                   holdable=False)
        self.answered = True

    def tell(self, recipient_id: int, text, *, buttons: Buttons | None = None,
             couple_id: int | None = None, holdable: bool = False, kind: str = "notice",
             **params) -> None:
        """A message to someone other than the person answered (a partner's notice), in the
        recipient's language."""
        queue_said(self.session, recipient_id, self.words_of(recipient_id),
                   _message(text, params), now=self.now, buttons=buttons, couple_id=couple_id,
                   kind=kind, holdable=holdable)
        self.chats_to_kick.add(recipient_id)

    def later(self, work: Callable[[], Awaitable[None]]) -> None:
        """Start `work` once this transaction is committed, without waiting for it: what
        can't ride in the outbox (a photo). Not started when the transaction fails."""
        self.after_commit.append(work)


def _message(text, params: dict):
    """A marked text with its parameters, or a Phrase (or other lazy part) as it is."""
    return Phrase(text, **params) if isinstance(text, str) else text


class AttuneContext(CallbackContext[ExtBot, dict, dict, dict]):
    """The context every Attune handler gets (registered through ContextTypes in app.py)."""

    def __init__(self, application: Application, chat_id: int | None = None,
                 user_id: int | None = None) -> None:
        super().__init__(application, chat_id, user_id)
        self.update: Update | None = None
        self._words: Words | None = None  # the person's language, once known
        self.claimed = False  # this update is marked done by a committed unit
        self.committed = False  # something this update changed is saved: never ask to retry
        # Work a gate asks to be done inside the update's first unit (one transaction).
        self.first_in_unit: list[Callable[[Unit], None]] = []

    @classmethod
    def from_update(cls, update: object, application: Application) -> "AttuneContext":
        context = super().from_update(update, application)
        if isinstance(update, Update):
            context.update = update
        return context

    @property
    def services(self) -> Services:
        return self.application.bot_data["services"]

    @property
    def words(self) -> Words:
        """The person's language, for what is said outside a unit (a toast, a direct send):
        as a unit of this update found it, else looked up, else their Telegram app's."""
        if self._words is None:
            sender = self.update.effective_user if self.update else None
            code = sender.language_code if sender else None
            self._words = words_for(None, code)  # the database down: their app's language
            if sender is not None:
                try:
                    with self.services.session() as session:
                        self._words = words_for(session.get(User, sender.id), code)
                except SQLAlchemyError:
                    pass
        return self._words

    @asynccontextmanager
    async def unit(self) -> AsyncIterator[Unit]:
        """One transaction for this update's work; raises ApplicationHandlerStop when the
        update was handled before (nothing changes, nothing is said twice)."""
        services = self.services
        sender = services.sender
        chat = self.update.effective_chat if self.update is not None else None
        with services.session() as session:
            unit = Unit(session, services, self.update)
            if sender is not None and chat is not None:  # sent after the commit, not re-read
                outbox.lease_answers(session, chat.id, sender.holder)
            if not self.claimed and not self._claim(session, unit.now):
                raise ApplicationHandlerStop
            while self.first_in_unit:
                self.first_in_unit.pop(0)(unit)
            yield unit
            leased, then_claim = outbox.leased_answers(session)
        if unit._words is not None:
            self._words = unit._words
        self.claimed = self.committed = True
        if self.update is not None and self.update.update_id in services.settled_in_unit:
            services.settled_in_unit[self.update.update_id] = True
        for work in unit.after_commit:
            self.application.create_task(work(), update=self.update)
        if sender is None:
            return
        for chat_id in unit.chats_to_kick:
            sender.kick(chat_id)
        if unit.answered or leased:
            await sender.send_chat(chat.id, leased=leased, then_claim=then_claim)

    def _claim(self, session: Session, now: datetime) -> bool:
        """Mark the update done in this transaction; False when it was done already."""
        if self.update is None:
            return True
        connection = session.connection()
        if inbox.mark_done(connection, self.update.update_id, now):
            return True
        return not inbox.is_done(connection, self.update.update_id)  # not from the inbox

    async def ack(self, text: str | None = None, alert: bool = False) -> None:
        """Answer the button press (the spinner on the person's screen); never fails the update."""
        query = self.update.callback_query if self.update else None
        if query is None:
            return
        try:
            await query.answer(self.words(text) if text is not None else None, show_alert=alert)
        except TelegramError:  # too old or already answered: the real answer is in the chat
            pass

    async def drop_buttons(self, keep: Buttons | None = None) -> None:
        """Take the buttons off the pressed message (or leave `keep`): best effort."""
        query = self.update.callback_query if self.update else None
        if query is None:
            return
        markup = buttons(self.words.buttons(keep)) if keep else None
        try:
            if query.message is None:  # an inline message, or one too old to be named
                await query.edit_message_reply_markup(reply_markup=markup)
                return
            # PTB's own path (defaults, rate limiter, errors) without building a Message
            # from the answer, which nobody reads: a button press's costliest part.
            data = {"chat_id": query.message.chat.id, "message_id": query.message.message_id}
            if markup is not None:
                data["reply_markup"] = markup
            await self.bot._post("editMessageReplyMarkup", data)
        except TelegramError:  # too old to edit, or unchanged: the flow goes on regardless
            pass
