"""The stand-in tests use: the loopback server with people to play, faults to arm and waits,
one object with the API the tests were written against (a facade over the other modules)."""
from __future__ import annotations

from typing import Callable

from tests.support import waiting
from tests.support.people import Person
from tests.support.records import Sent
from tests.support.server import BotApiServer
from tests.support.updates import GROUP_ID, UpdateBuilder


class BotApiStandIn(BotApiServer):
    """People act (`say`, `press`), faults are armed (`block`, `fail_next`, `hold`), and what
    the bot sent is read back per chat (`sent_to`, `wait_for`, `settle`)."""

    def __init__(self, **options) -> None:
        super().__init__(**options)
        self.build = UpdateBuilder(self.message_ids)

    # ---- people act -----------------------------------------------------------------
    async def say(self, person: Person, text: str) -> dict:
        return await self.push(self.build.say(person, text))

    async def send_other(self, person: Person, **content) -> dict:
        """A sticker, photo, voice note...: pass the Bot API field, e.g. sticker={...}."""
        return await self.push(self.build.media(person, **content))

    async def edit(self, person: Person, text: str) -> dict:
        return await self.push(self.build.edit(person, text))

    async def say_in_group(self, person: Person, text: str, group_id: int = GROUP_ID) -> dict:
        return await self.push(self.build.group(person, text, group_id))

    async def press(self, person: Person, sent: Sent, data: str) -> dict:
        return await self.push(self.build.press(person, sent, data))

    async def tap(self, person: Person, sent: Sent, label_part: str) -> dict:
        return await self.press(person, sent, sent.button(label_part)["callback_data"])

    # ---- faults ---------------------------------------------------------------------
    def block(self, chat_id: int) -> None:
        self.faults.block(chat_id)

    def unblock(self, chat_id: int) -> None:
        self.faults.unblock(chat_id)

    def fail_next(self, method: str, status: int, **options) -> None:
        """Answer the next `method` calls (to `chat_id`, `times` of them) with `status`."""
        self.faults.fail_next(method, status, **options)

    def hold(self, chat_id: int) -> None:
        self.faults.hold(chat_id)

    def let_go(self, chat_id: int, *, accept: bool) -> None:
        self.faults.let_go(chat_id, accept=accept)

    @property
    def held(self) -> list[dict]:
        return self.faults.held

    @property
    def too_many(self) -> int:
        return self.limits.too_many

    # ---- waiting --------------------------------------------------------------------
    async def wait_for(self, chat_id: int, predicate: Callable[[Sent], bool] | str = lambda s: True,
                       *, after: int = 0, timeout: float = 5.0) -> Sent:
        return await waiting.wait_for(self, chat_id, predicate, after=after, timeout=timeout)

    async def wait_for_call(self, method: str, where: Callable[[dict], bool] = lambda p: True,
                            *, after: int = 0, nth: int = 1, timeout: float = 5.0) -> dict:
        return await waiting.wait_for_call(self, method, where, after=after, nth=nth,
                                           timeout=timeout)

    async def wait_held(self, words: str, timeout: float = 15.0) -> None:
        """Until a send holding `words` waits at a gate."""
        if not await waiting.wait_until(
                self.activity, lambda: any(words in str(p.get("text")) for p in self.held),
                timeout=timeout):
            raise AssertionError(f"no send of {words!r} was held in flight")

    async def wait_until(self, check, timeout: float = 5.0) -> None:
        """Until `check()` holds, looked at again each time the stand-in records something."""
        if not await waiting.wait_until(self.activity, check, timeout=timeout):
            raise AssertionError(f"never came true: {getattr(check, '__name__', check)}")

    async def wait_polling(self, timeout: float = 5.0) -> None:
        """Until a long poll is open, as it nearly always is between updates."""
        if not await waiting.wait_until(self.activity, lambda: self.polling > 0, timeout=timeout):
            raise AssertionError("the bot has no long poll open")

    async def settle(self, quiet: float = 0.3, timeout: float = 10.0) -> None:
        await waiting.settle(self, quiet=quiet, timeout=timeout)
