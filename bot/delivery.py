"""The delivery loop: sends what the outbox owes, in order, and settles each row.

A row is marked sent only after Telegram accepted it (a rare duplicate after a crash
beats a lost word). 429 waits `retry_after`, 5xx and network errors back off, 403
parks the chat until the person writes to the bot again.
"""
from __future__ import annotations

import asyncio
import contextvars
import json
import logging
import warnings
import weakref
from datetime import timedelta

from sqlalchemy.engine import Engine
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest, Forbidden, RetryAfter, TelegramError

from bot.clock import Clock
from bot.ratelimit import BACKGROUND
from bot.store import outbox
from bot.store.db import session_scope
from bot.store.models import Delivery

log = logging.getLogger(__name__)

MAX_BACKOFF = timedelta(minutes=5)
CHATS_AT_ONCE = 64
# A message Telegram refuses this many times (a bug, not an outage) stops holding up the chat.
MAX_REFUSALS = 5
# On SIGTERM the send in flight may finish; the whole stop stays well under 10 seconds.
STOP_GRACE_SECONDS = 5.0
# Set while the loop works through the outbox, so its sends give way to answers to people.
_sending_in_background = contextvars.ContextVar("attune_sending_in_background", default=False)


def markup_from_json(markup: str | None) -> InlineKeyboardMarkup | None:
    if not markup:
        return None
    rows = json.loads(markup)
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(label, callback_data=data) for label, data in row] for row in rows]
    )


class Deliverer:
    """Owns sending from the outbox; the loop and handlers both go through it."""

    def __init__(self, *, engine: Engine, bot: Bot, clock: Clock, on_blocked=None,
                 known_people: dict[int, str] | None = None) -> None:
        self.engine = engine
        self.known_people = known_people if known_people is not None else {}
        self.bot = bot
        self.clock = clock
        self.on_blocked = on_blocked  # async (recipient_id) -> None, tells the partner once
        # Weak, so a lock lives only while some send to that chat holds it.
        self._chat_locks: weakref.WeakValueDictionary[int, asyncio.Lock] = (
            weakref.WeakValueDictionary()
        )
        self._wake = asyncio.Event()
        self._sem = asyncio.Semaphore(CHATS_AT_ONCE)
        self._stopping = False
        self._in_flight: set[asyncio.Task] = set()  # tasks inside deliver_to, awaited at stop

    def wake(self) -> None:
        """Ask the loop to look at the outbox now rather than at its next interval."""
        self._wake.set()

    def recover(self) -> int:
        """At start, free the leases a killed process left, so its words go now, not in minutes.

        Only on SQLite, where one process owns the file; on a shared server database
        another live process may hold them, and they simply run out.
        """
        if self.engine.dialect.name != "sqlite":
            return 0
        with session_scope(self.engine) as session:
            freed = outbox.release_all_leases(session=session)
        if freed:
            log.info("released %s deliveries left in flight by the last run", freed)
        return freed

    async def run_forever(self, interval: float) -> None:
        while not self._stopping:
            try:
                await self.flush()
            except Exception as error:  # the loop must outlive any one bad moment
                log.error("delivery loop error: %s", type(error).__name__)
            if self._stopping:
                return
            try:
                await asyncio.wait_for(self._wake.wait(), timeout=interval)
            except asyncio.TimeoutError:
                pass
            self._wake.clear()

    async def stop(self, task: asyncio.Task | None, timeout: float = STOP_GRACE_SECONDS) -> None:
        """Let the sends in flight finish (each is marked sent), then end the loop."""
        self._stopping = True
        self._wake.set()
        waiting = set(self._in_flight) | ({task} if task is not None else set())
        if not waiting:
            return
        _, late = await asyncio.wait(waiting, timeout=timeout)
        if late:
            # Their leases are freed at the next start; a rare duplicate beats a lost word.
            log.warning("%s sends still busy after %ss; stopping them", len(late), timeout)
            for busy in late:
                busy.cancel()
        if task is not None:
            await asyncio.gather(task, return_exceptions=True)

    async def flush(self) -> int:
        """Send everything sendable now; returns how many messages went out."""
        sent = 0
        while not self._stopping:
            with session_scope(self.engine) as session:
                chats = outbox.recipients_due(session=session, now=self.clock(), limit=500)
            if not chats:
                return sent
            counts = await asyncio.gather(*(self._bounded(chat) for chat in chats))
            if not any(counts):
                return sent
            sent += sum(counts)
        return sent

    async def _bounded(self, recipient_id: int) -> int:
        async with self._sem:
            return await self.deliver_to(recipient_id, background=True)

    async def deliver_to(self, recipient_id: int, *, tell_partner: bool = True,
                         background: bool = False) -> int:
        """Send this chat's sendable deliveries in order; returns how many went out."""
        return len(await self.send_to(recipient_id, tell_partner=tell_partner,
                                      background=background))

    async def send_to(self, recipient_id: int, *, tell_partner: bool = True,
                      background: bool = False) -> list[int]:
        """Send this chat's sendable deliveries in order, stopping at the first that fails;
        returns the ids Telegram accepted.

        `tell_partner=False` when the caller shows the outcome to the author itself, so a
        block found now is not announced twice. `background` sends give way to answers.
        """
        current = asyncio.current_task()
        self._in_flight.add(current)
        token = _sending_in_background.set(background)
        try:
            return await self._deliver_locked(recipient_id, tell_partner)
        finally:
            _sending_in_background.reset(token)
            self._in_flight.discard(current)

    async def _deliver_locked(self, recipient_id: int, tell_partner: bool) -> list[int]:
        lock = self._chat_locks.get(recipient_id)
        if lock is None:
            lock = self._chat_locks[recipient_id] = asyncio.Lock()
        async with lock:
            if self._stopping:
                return []
            with session_scope(self.engine) as session:
                claimed = outbox.claim_for_recipient(
                    session=session, recipient_id=recipient_id, now=self.clock()
                )
            return await self._send_in_order(claimed, tell_partner)

    async def _send_in_order(self, claimed: list[Delivery], tell_partner: bool) -> list[int]:
        sent: list[int] = []
        for index, delivery in enumerate(claimed):
            if not await self._send(delivery, tell_partner):
                self._release(claimed[index + 1 :])  # the failed one is settled already
                return sent
            sent.append(delivery.id)
            if self._stopping:  # SIGTERM: this send finished; the rest wait for the next start
                self._release(claimed[index + 1 :])
                return sent
        return sent

    def _release(self, deliveries: list[Delivery]) -> None:
        if deliveries:
            with session_scope(self.engine) as session:
                outbox.release(session=session, delivery_ids=[d.id for d in deliveries])

    async def _send(self, delivery: Delivery, tell_partner: bool = True) -> bool:
        try:
            await self.bot.send_message(
                chat_id=delivery.recipient_id,
                text=delivery.text,
                reply_markup=markup_from_json(delivery.markup),
                parse_mode=None,
                disable_web_page_preview=True,
                rate_limit_args=BACKGROUND if _sending_in_background.get() else None,
            )
        except Forbidden:
            await self._parked(delivery, tell_partner)
            return False
        except RetryAfter as error:
            self._retry(delivery, _retry_after(error), "rate limited")
            return False
        except BadRequest as error:
            await self._refused(delivery, error, tell_partner)
            return False
        except TelegramError as error:  # 5xx, time-outs, the network: try again
            self._retry(delivery, self._backoff(delivery), type(error).__name__)
            return False
        except Exception as error:  # a bug must not strand the row under its lease
            self._retry(delivery, self._backoff(delivery), f"unexpected {type(error).__name__}")
            return False
        with self.engine.begin() as connection:  # Core, not the ORM: this runs per message
            outbox.mark_sent(session=connection, delivery_id=delivery.id, now=self.clock())
        return True

    async def _refused(self, delivery: Delivery, error: BadRequest, tell_partner: bool) -> None:
        """400: a vanished chat parks like a block; anything else is retried, then set aside."""
        if "chat not found" in str(error).lower():
            await self._parked(delivery, tell_partner)
        elif delivery.attempts + 1 >= MAX_REFUSALS:
            log.error("delivery %s refused %s times; set aside so the chat moves on",
                      delivery.id, MAX_REFUSALS)
            with session_scope(self.engine) as session:
                outbox.mark_failed(session=session, delivery_id=delivery.id)
        else:
            self._retry(delivery, self._backoff(delivery), "refused")

    def _backoff(self, delivery: Delivery) -> timedelta:
        return min(timedelta(seconds=2 ** min(delivery.attempts, 10)), MAX_BACKOFF)

    def _retry(self, delivery: Delivery, wait: timedelta, reason: str) -> None:
        log.warning("delivery %s to chat %s: %s, retry in %ss",
                    delivery.id, delivery.recipient_id, reason, int(wait.total_seconds()))
        with session_scope(self.engine) as session:
            outbox.retry_later(
                session=session, delivery_id=delivery.id, not_before=self.clock() + wait
            )

    async def _parked(self, delivery: Delivery, tell_partner: bool) -> None:
        log.info("chat %s blocked the bot; its deliveries wait", delivery.recipient_id)
        self.known_people.pop(delivery.recipient_id, None)  # their next update must unpark them
        with session_scope(self.engine) as session:
            outbox.release(session=session, delivery_ids=[delivery.id])
            news = outbox.mark_blocked(
                session=session, user_id=delivery.recipient_id, now=self.clock()
            )
        if news and tell_partner and self.on_blocked is not None:
            try:
                await self.on_blocked(delivery.recipient_id)
            except Exception as error:  # the notice is a courtesy; the parked words are safe
                log.error("could not tell the partner of chat %s: %s",
                          delivery.recipient_id, type(error).__name__)


def _retry_after(error: RetryAfter) -> timedelta:
    """Telegram's wait as a timedelta (PTB 22 gives an int or a timedelta, and warns)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        value = error.retry_after
    return value if isinstance(value, timedelta) else timedelta(seconds=value)
