"""Shared rounds in the database: an answer written between another's read and write is
retried, never lost, and the reveal happens once; a round is created once."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from bot.store import rounds
from bot.store.db import open_database, session_scope
from bot.store.models import Couple, User
from rituals import questions, together
from rituals.together import Kind

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=timezone.utc)
SAM, BEN = 1001, 1002


@pytest.fixture
def engine(tmp_path):
    engine = open_database(f"sqlite:///{tmp_path / 'rounds.db'}")
    with session_scope(engine) as session:
        session.add(Couple(id=1, created_at=NOW))
        session.flush()
        for person in (SAM, BEN):
            session.add(User(id=person, first_name=str(person), couple_id=1, created_at=NOW))
    yield engine
    engine.dispose()


def new_round(engine) -> int:
    with session_scope(engine) as session:
        state = questions.BLIND.open("q0", "What's on your mind?", (SAM, BEN), NOW)
        created = rounds.create(session, 1, 0, state)
        assert rounds.create(session, 1, 0, state) is None  # the same number again: no
        return created.id


def says(person: int, words: str):
    return lambda state: together.answer(state, person, {questions.ANSWER: words}, NOW)


def test_an_answer_written_between_read_and_write_is_retried_not_lost(engine):
    round_id = new_round(engine)
    calls = []

    def sam_answers(state):
        if not calls:  # Ben's answer lands after Sam's read, before Sam's write
            with session_scope(engine) as other:
                assert rounds.transition(other, round_id, says(BEN, "Ben's"))[1].kind is Kind.WAIT
        calls.append(state.version)
        return says(SAM, "Sam's")(state)

    with session_scope(engine) as session:
        written, outcome = rounds.transition(session, round_id, sam_answers)
    assert calls == [0, 1] and outcome.kind is Kind.REVEAL
    with session_scope(engine) as session:
        stored = rounds.get(session, round_id).state
    assert stored.status == together.REVEALED and stored.version == written.state.version == 2
    assert {e.person for e in stored.entries} == {SAM, BEN}

