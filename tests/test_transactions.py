"""Transactions per update, counted with SQLAlchemy's event hooks, so they can't creep back.

Counted: every committed transaction that changed at least one row (SQLite's own
`total_changes` moved between its begin and its commit), with the tables it wrote. Reads,
and looks that find nothing to change (the lanes' idle look, the delivery loop's), are not.
For one update the budget is:
- the intake: the update stored as an inbox row, and leased for handling, in one transaction;
- the handler's unit: the update marked done, the ritual's step, the entry and every row for
  the outbox, in one transaction (the person's answer leased as it is written);
- one mark-sent per message Telegram accepted;
- and for a message to someone else (the partner's relay), one claim of their chat: their
  sends are that chat's work, checked against a block or a time-out when they go.
"""
from __future__ import annotations

import asyncio
import re

from sqlalchemy import event

from tests.support.flows import say
from tests.support.people import BEN, SAM

WRITE = re.compile(r"^\s*(INSERT INTO|UPDATE|DELETE FROM)\s+\"?(\w+)", re.IGNORECASE)


class Writes:
    """The committed transactions that changed rows, each as the set of tables it wrote."""

    def __init__(self, engine) -> None:
        self.engine = engine
        self.committed: list[set[str]] = []
        self._open: dict[int, tuple[int, set[str]]] = {}
        event.listen(engine, "begin", self._begin)
        event.listen(engine, "before_cursor_execute", self._statement)
        event.listen(engine, "commit", self._commit)
        event.listen(engine, "rollback", self._rollback)

    def close(self) -> None:
        event.remove(self.engine, "begin", self._begin)
        event.remove(self.engine, "before_cursor_execute", self._statement)
        event.remove(self.engine, "commit", self._commit)
        event.remove(self.engine, "rollback", self._rollback)

    @staticmethod
    def _changes(connection) -> int:
        return connection.connection.dbapi_connection.total_changes

    def _begin(self, connection) -> None:
        self._open[id(connection)] = (self._changes(connection), set())

    def _statement(self, connection, cursor, statement, *_args) -> None:
        found = WRITE.match(statement)
        if found and id(connection) in self._open:
            self._open[id(connection)][1].add(found[2].lower())

    def _commit(self, connection) -> None:
        before, tables = self._open.pop(id(connection), (None, set()))
        if before is not None and self._changes(connection) > before:
            self.committed.append(tables)

    def _rollback(self, connection) -> None:
        self._open.pop(id(connection), None)

    async def settled(self, expected: int, quiet: float = 0.5) -> list[set[str]]:
        """Wait until at least `expected` have committed, then `quiet` more seconds (so any
        extra is seen too); the transactions since the last call."""
        for _ in range(100):
            if len(self.committed) >= expected:
                break
            await asyncio.sleep(0.05)
        await asyncio.sleep(quiet)
        done, self.committed = self.committed, []
        return done


async def test_a_typed_ritual_answer_is_one_transaction_plus_intake_and_mark_sent(
        harness, standin):
    await harness.pair()
    await say(standin, SAM, "/gratitude", "What did")
    await standin.settle()
    writes = Writes(harness.engine)
    try:
        await writes.settled(0)  # whatever the command left behind
        await say(standin, SAM, "the tea you made", "How did it make you feel")
        done = await writes.settled(3)
    finally:
        writes.close()
    assert len(done) == 3, done
    intake, unit, sent = done
    assert intake == {"inbox"}  # stored and leased together
    assert {"inbox", "ritualrun", "delivery"} <= unit  # done, the step, the next question
    assert sent == {"delivery"}  # the question Telegram accepted, marked sent


async def test_a_relay_is_one_transaction_plus_intake_the_partners_claim_and_mark_sent(
        harness, standin):
    await harness.pair()
    await say(standin, SAM, "/gratitude", "What did")
    feeling = await say(standin, SAM, "the tea you made", "How did it make you feel")
    await standin.settle()
    writes = Writes(harness.engine)
    try:
        await writes.settled(0)
        await standin.tap(SAM, feeling, "Loved")
        await standin.wait_for(BEN.id, "the tea you made")
        done = await writes.settled(5)
    finally:
        writes.close()
    assert len(done) == 5, done
    intake, unit, *sends = done
    assert intake == {"inbox"}
    assert {"inbox", "ritualrun", "entry", "delivery"} <= unit  # the reflection and its rows
    # "On its way to Ben" (leased as written) and Ben's relay: Ben's chat claimed once, then
    # each message marked sent once Telegram took it.
    assert sorted(sends, key=len) == [{"delivery"}] * 3, sends
