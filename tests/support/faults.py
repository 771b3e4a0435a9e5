"""Faults a partner or Telegram may put in the bot's way: a blocked chat (403), the next calls
failing with a chosen status, a send held in flight, and 429s past Telegram's rates."""
from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass


@dataclass
class Fault:
    method: str
    status: int
    description: str
    chat_id: int | None = None
    retry_after: int | None = None
    remaining: int = 1


@dataclass
class Gate:
    """A chat's sends held open until the test lets them go, accepted or lost."""

    opened: asyncio.Event
    accept: bool = False


class Faults:
    """The faults armed for the next calls; the stand-in asks before answering each one."""

    def __init__(self) -> None:
        self.blocked: set[int] = set()
        self.pending: list[Fault] = []
        self.gates: dict[int, Gate] = {}
        self.held: list[dict] = []  # params of every send that met a gate, in order

    def block(self, chat_id: int) -> None:
        self.blocked.add(chat_id)

    def unblock(self, chat_id: int) -> None:
        self.blocked.discard(chat_id)

    def fail_next(self, method: str, status: int, *, chat_id: int | None = None,
                  retry_after: int | None = None, times: int = 1,
                  description: str = "Injected fault") -> None:
        self.pending.append(Fault(method, status, description, chat_id, retry_after, times))

    def clear(self) -> None:
        """Disarm every pending fault (blocks and gates stay)."""
        self.pending.clear()

    def take(self, method: str, params: dict) -> Fault | None:
        """The fault this call meets, if one is armed for its method (and chat)."""
        chat = params.get("chat_id")
        for fault in self.pending:
            if fault.method == method and fault.remaining > 0 and (
                fault.chat_id is None or str(fault.chat_id) == str(chat)
            ):
                fault.remaining -= 1
                if fault.remaining == 0:
                    self.pending.remove(fault)
                return fault
        return None

    def hold(self, chat_id: int) -> None:
        """Hold every send to `chat_id` in flight until `let_go`."""
        self.gates[chat_id] = Gate(asyncio.Event())

    def let_go(self, chat_id: int, *, accept: bool) -> None:
        """Answer the held sends: accepted (recorded) or lost with the process that sent them."""
        gate = self.gates.pop(chat_id)
        gate.accept = accept
        gate.opened.set()

    def gate_for(self, chat_id: int, params: dict) -> Gate | None:
        """The gate this send must wait at, if its chat is held; the send counts as held."""
        gate = self.gates.get(chat_id)
        if gate is not None:
            self.held.append(params)
        return gate

    def open_all(self) -> None:
        """At stop: nothing may stay held, or the server would wait on it."""
        for chat_id in list(self.gates):
            self.let_go(chat_id, accept=False)


class RateLimits:
    """Telegram's limits, optionally: about `global_rate` sends a second in all and
    `chat_burst` a second per chat; past them a send is answered 429 and counted."""

    def __init__(self, *, global_rate: float | None = None, chat_burst: int | None = None) -> None:
        self.global_rate = global_rate
        self.chat_burst = chat_burst
        self.too_many = 0
        self._send_times: list[float] = []
        self._chat_times: dict[int, list[float]] = {}

    def retry_after(self, chat_id: int) -> int | None:
        """None if a send to `chat_id` may go now; else the seconds to tell the bot to wait."""
        now = time.monotonic()
        if self.global_rate is not None:
            self._send_times = [t for t in self._send_times if now - t < 1.0]
            if len(self._send_times) >= self.global_rate:
                self.too_many += 1
                return 1
        if self.chat_burst is not None:
            times = [t for t in self._chat_times.get(chat_id, []) if now - t < 1.0]
            self._chat_times[chat_id] = times
            if len(times) >= self.chat_burst:
                self.too_many += 1
                return 1
            times.append(now)
        if self.global_rate is not None:
            self._send_times.append(now)
        return None
