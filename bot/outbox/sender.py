"""The sender: sends what the outbox owes, chat by chat, in order, and settles each row.

One verb, `send_chat`, sends a chat's sendable rows now (a handler calls it for the
person it answers; `kick` does it in the background for anyone else). The loop wakes on
`wake()` or every interval and sends to every chat with something due. What a failure
means is `policy.settle`'s; a chat found blocked or a message refused for good is
announced through `on_blocked` / `on_refused`, which the people side handles.
A row is marked sent only after Telegram accepted it (a rare duplicate after a crash
beats a lost word); if marking fails, the row is never sent again by this process.
"""
from __future__ import annotations

import asyncio
import logging
import weakref
from datetime import datetime
from typing import Awaitable, Callable

from sqlalchemy.engine import Engine
from telegram import Bot, LinkPreviewOptions
from telegram.error import RetryAfter

from bot.clock import Clock
from bot.edge.keyboards import markup_from_json
from bot.edge.ratelimit import BACKGROUND
from bot.outbox import policy
from bot.store import leases, outbox
from bot.store.outbox import Outgoing

log = logging.getLogger(__name__)

CHATS_AT_ONCE = 64
# On SIGTERM the sends in flight may finish; the whole stop stays well under 10 seconds.
STOP_GRACE_SECONDS = 4.0
# Telegram's short per-chat waits are waited out in place; longer ones go back to the outbox.
INLINE_RETRY_SECONDS = 5.0
INLINE_RETRIES = 3
_NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
ChatEvent = Callable[[int], Awaitable[None]]
RefusedEvent = Callable[[Outgoing], Awaitable[None]]


class Sender:
    """Owns sending from the outbox; handlers and the loop both go through `send_chat`."""

    def __init__(self, *, engine: Engine, bot: Bot, clock: Clock, metrics=None) -> None:
        self.engine = engine
        self.bot = bot
        self.clock = clock
        self.metrics = metrics  # bot/web/metrics.py's Metrics: counts each verdict
        self.holder = leases.this_holder()
        self.on_blocked: list[ChatEvent] = []
        self.on_refused: list[RefusedEvent] = []
        # Weak, so a lock lives only while some send to that chat holds it.
        self._chat_locks: weakref.WeakValueDictionary[int, asyncio.Lock] = (
            weakref.WeakValueDictionary()
        )
        self._wake = asyncio.Event()
        self._room = asyncio.Semaphore(CHATS_AT_ONCE)
        self._stopping = False
        self._tasks: set[asyncio.Task] = set()
        self._unmarked: dict[int, datetime] = {}  # sent, but marking it sent failed
        # Chats with answers leased as written, not yet sent: a send asked for meanwhile
        # is left to the holder, which claims the chat's other rows after its own.
        self._holding: dict[int, bool] = {}

    # the loop -----------------------------------------------------------------------
    def wake(self) -> None:
        """Look at the outbox now rather than at the next interval."""
        self._wake.set()

    def recover(self) -> int:
        """At start, free the leases of senders known to be gone, so their words go now."""
        with self.engine.begin() as connection:
            freed = outbox.release_leases_of(
                session=connection, holders=leases.gone(outbox.holders(session=connection)))
        if freed:
            log.info("released %s deliveries left in flight by a stopped process", freed)
        return freed

    async def run(self, interval: float) -> None:
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

    async def flush(self) -> int:
        """Send everything sendable now; returns how many messages went out."""
        self._mark_unmarked()
        sent = 0
        while not self._stopping:
            with self.engine.connect() as connection:
                chats = outbox.recipients_due(session=connection, now=self.clock(), limit=500)
            if not chats:
                return sent
            counts = await asyncio.gather(*(self._bounded(chat) for chat in chats))
            if not any(counts):
                return sent
            sent += sum(counts)
        return sent

    async def _bounded(self, chat_id: int) -> int:
        async with self._room:
            return len(await self.send_chat(chat_id, background=True))

    def kick(self, chat_id: int) -> None:
        """Send this chat's rows soon, without waiting for it (someone else's chat)."""
        if self._stopping:
            return
        task = asyncio.create_task(self.send_chat(chat_id, background=True))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def quiet(self) -> None:
        """Wait for the sends already under way (kicked or answering) to finish."""
        current = asyncio.current_task()
        while busy := [task for task in self._tasks if task is not current and not task.done()]:
            await asyncio.wait(busy)

    async def stop(self, loop_task: asyncio.Task | None, timeout: float = STOP_GRACE_SECONDS) -> None:
        """Let the sends in flight finish (each is marked sent), then end the loop."""
        self._stopping = True
        self._wake.set()
        waiting = set(self._tasks) | ({loop_task} if loop_task is not None else set())
        if waiting:
            _, late = await asyncio.wait(waiting, timeout=timeout)
            for busy in late:  # their leases are freed at the next start
                busy.cancel()
            if late:
                log.warning("%s sends still busy after %ss; stopped", len(late), timeout)
        self._mark_unmarked()

    # one chat -----------------------------------------------------------------------
    async def send_chat(self, chat_id: int, *, background: bool = False,
                        leased: list[Outgoing] | None = None, then_claim: bool = True,
                        ) -> list[int]:
        """Send this chat's sendable rows in order, stopping at the first that fails;
        returns the ids Telegram accepted. `background` sends give way to answers.
        `leased`: rows a unit leased as it wrote them (the chat's oldest pending), sent
        first without claiming them again; then, if `then_claim` or another send was asked
        for meanwhile, the chat's other rows are claimed as usual."""
        if leased:
            self._holding[chat_id] = self._holding.get(chat_id, False) or then_claim
        elif chat_id in self._holding:
            self._holding[chat_id] = True  # the holder claims the rest after its rows
            return []
        current = asyncio.current_task()
        if current is not None:
            self._tasks.add(current)
        try:
            lock = self._chat_locks.get(chat_id)
            if lock is None:
                lock = self._chat_locks[chat_id] = asyncio.Lock()
            async with lock:
                if leased:
                    sent = await self._send_in_order(leased, background)
                    if len(sent) < len(leased) or not self._holding.pop(chat_id, False):
                        return sent
                else:
                    sent = []
                with self.engine.begin() as connection:
                    claimed = outbox.claim_for_recipient(
                        session=connection, recipient_id=chat_id, now=self.clock(),
                        holder=self.holder, skip=list(self._unmarked))
                return sent + await self._send_in_order(claimed, background)
        finally:
            if leased:
                self._holding.pop(chat_id, None)
            if current is not None:
                self._tasks.discard(current)

    async def _send_in_order(self, claimed: list[Outgoing], background: bool) -> list[int]:
        sent: list[int] = []
        for index, delivery in enumerate(claimed):
            if not self._keep_lease(delivery) or not await self._send(delivery, background):
                self._release(claimed[index + 1:])
                return sent
            sent.append(delivery.id)
        return sent

    def _keep_lease(self, delivery: Outgoing) -> bool:
        """Renew a lease that is half spent (a long wait behind the pacing), so another
        process doesn't take and send the row too. False when it was lost meanwhile."""
        now = self.clock()
        if delivery.lease_until is None or delivery.lease_until - now > outbox.LEASE / 2:
            return True
        with self.engine.begin() as session:
            kept = outbox.renew(session=session, delivery_ids=[delivery.id], now=now,
                                holder=self.holder)
        if kept:
            delivery.lease_until = now + outbox.LEASE
        return kept

    def _release(self, deliveries: list[Outgoing]) -> None:
        if deliveries:
            with self.engine.begin() as session:
                outbox.release(session=session, delivery_ids=[d.id for d in deliveries])

    async def _send(self, delivery: Outgoing, background: bool) -> bool:
        for _ in range(INLINE_RETRIES + 1):
            try:
                await self._post_message(delivery, background)
                error = None
            except Exception as failure:  # every failure is the policy's to judge
                error = failure
            verdict = policy.settle(error, delivery.attempts)
            if self.metrics is not None:  # every answer counts, a 429 waited out here too
                self.metrics.settled(delivery.kind, verdict)
            if not (isinstance(verdict, policy.Retry) and isinstance(error, RetryAfter)
                    and verdict.after.total_seconds() <= INLINE_RETRY_SECONDS):
                break
            # A short wait for this chat alone (only its lock is held): cheaper than a
            # round trip through the database, and it keeps the chat's order.
            await asyncio.sleep(verdict.after.total_seconds())
        await self._apply(delivery, verdict)
        return isinstance(verdict, policy.Sent)

    async def _post_message(self, delivery: Outgoing, background: bool) -> None:
        """sendMessage through PTB's own path (defaults, the rate limiter, the request class,
        its errors), without building a `Message` from Telegram's answer: the outbox only
        needs accepted or not (the same call as `send_message(..., parse_mode=None,
        disable_web_page_preview=True)`, which spent ~5 % of the bot's CPU on that object)."""
        data = {"chat_id": delivery.recipient_id, "text": delivery.text,
                "link_preview_options": _NO_PREVIEW}
        markup = markup_from_json(delivery.markup)
        if markup is not None:
            data["reply_markup"] = markup
        await self.bot._post(  # ExtBot: `rate_limit_args` ride in api_kwargs, as send_message does
            "sendMessage", data,
            api_kwargs=self.bot._merge_api_rl_kwargs(None, BACKGROUND if background else None))

    async def _apply(self, delivery: Outgoing, verdict: policy.Verdict) -> None:
        if isinstance(verdict, policy.Sent):
            self._mark_sent(delivery.id, self.clock())
        elif isinstance(verdict, policy.Retry):
            log.warning("delivery %s to chat %s: %s, retry in %ss", delivery.id,
                        delivery.recipient_id, verdict.reason, int(verdict.after.total_seconds()))
            with self.engine.begin() as session:
                outbox.retry_later(session=session, delivery_id=delivery.id,
                                   not_before=self.clock() + verdict.after)
        elif isinstance(verdict, policy.Park):
            await self._parked(delivery)
        else:
            log.error("delivery %s refused %s times; set aside so the chat moves on",
                      delivery.id, policy.MAX_REFUSALS)
            with self.engine.begin() as session:
                outbox.mark_failed(session=session, delivery_id=delivery.id)
            await self._announce(self.on_refused, delivery)

    def _mark_sent(self, delivery_id: int, at: datetime) -> None:
        try:
            with self.engine.begin() as connection:  # Core, not the ORM: this runs per message
                outbox.mark_sent(session=connection, delivery_id=delivery_id, now=at)
            self._unmarked.pop(delivery_id, None)
        except Exception as error:  # locked or full: remember, so it is never sent again
            log.error("could not mark delivery %s sent: %s", delivery_id, type(error).__name__)
            self._unmarked[delivery_id] = at

    def _mark_unmarked(self) -> None:
        for delivery_id, at in list(self._unmarked.items()):
            self._mark_sent(delivery_id, at)

    async def _parked(self, delivery: Outgoing) -> None:
        log.info("chat %s blocked the bot; its deliveries wait", delivery.recipient_id)
        with self.engine.begin() as session:
            outbox.release(session=session, delivery_ids=[delivery.id])
            news = outbox.mark_blocked(session=session, user_id=delivery.recipient_id,
                                       now=self.clock())
        if news:
            await self._announce(self.on_blocked, delivery.recipient_id)

    async def _announce(self, listeners, subject) -> None:
        for listener in listeners:
            try:
                await listener(subject)
            except Exception as error:  # a courtesy notice; the words themselves are safe
                log.error("event listener failed: %s", type(error).__name__)
