"""Saving a row at once (bot/store/saves.py), SQLite and PostgreSQL alike: written in the
session's transaction, nothing left for the ORM's flush, never written twice or before a
row it refers to."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest
from sqlalchemy import event, select

from bot.store.db import session_scope
from bot.store.models import Entry, RitualRun, User
from bot.store.saves import delete_now, insert_now, save_now

NOW = datetime(2026, 11, 25, 21, 0, tzinfo=timezone.utc)


@pytest.fixture
def statements(engine):
    """Every statement sent to the database, as SQL text."""
    seen: list[str] = []

    def note(_connection, _cursor, statement, *_args) -> None:
        seen.append(" ".join(statement.split()))

    event.listen(engine, "before_cursor_execute", note)
    yield seen
    event.remove(engine, "before_cursor_execute", note)


def a_person(engine, user_id: int = 1) -> None:
    with session_scope(engine) as session:
        session.add(User(id=user_id, first_name="Sam", created_at=NOW))


def test_a_saved_column_is_written_at_once_and_not_again_at_commit(engine, statements):
    a_person(engine)
    with session_scope(engine) as session:
        person = session.get(User, 1)
        save_now(session, person, answered_token="abcd1234", nudged_at=None)
        assert person.answered_token == "abcd1234"
        assert not session.dirty  # the flush at commit has nothing to do
        written = [s for s in statements if s.startswith("UPDATE")]
    assert len(written) == 1 and "answered_token" in written[0]
    with session_scope(engine) as session:
        assert session.get(User, 1).answered_token == "abcd1234"


def test_an_object_with_other_changes_is_left_to_the_orm(engine, statements):
    a_person(engine)
    with session_scope(engine) as session:
        person = session.get(User, 1)
        person.first_name = "Samantha"
        save_now(session, person, answered_token="t1")
        assert person in session.dirty
    assert sum(s.startswith("UPDATE") for s in statements) == 1  # one UPDATE, both columns
    with session_scope(engine) as session:
        person = session.get(User, 1)
        assert (person.first_name, person.answered_token) == ("Samantha", "t1")


def test_a_new_row_gets_its_key_and_stays_in_the_session(engine):
    a_person(engine)
    with session_scope(engine) as session:
        entry = insert_now(session, Entry(author_id=1, kind="words", body="<b>&</b> 💛",
                                          created_at=NOW))
        assert entry.id is not None
        assert session.get(Entry, entry.id) is entry
        assert not session.new
    with session_scope(engine) as session:
        assert session.get(Entry, entry.id).body == "<b>&</b> 💛"


def test_a_row_referring_to_one_the_orm_holds_new_is_written_after_it(engine):
    with session_scope(engine) as session:
        session.add(User(id=2, first_name="Ben", created_at=NOW))  # not flushed yet
        run = insert_now(session, RitualRun(user_id=2, ritual="gratitude", token="t",
                                            started_at=NOW))
        save_now(session, run, step=1, answers='{"moment": "tea"}')
    with session_scope(engine) as session:
        assert session.get(RitualRun, 2).answers == '{"moment": "tea"}'


def test_a_deleted_row_is_gone_and_a_new_one_never_written(engine):
    a_person(engine)
    with session_scope(engine) as session:
        insert_now(session, RitualRun(user_id=1, ritual="gratitude", token="t",
                                      started_at=NOW))
    with session_scope(engine) as session:
        delete_now(session, session.get(RitualRun, 1))
        pending = RitualRun(user_id=1, ritual="checkin", token="u", started_at=NOW)
        session.add(pending)
        delete_now(session, pending)
    with session_scope(engine) as session:
        assert session.exec(select(RitualRun)).all() == []


def test_a_rolled_back_unit_keeps_nothing_it_saved(engine):
    a_person(engine)
    with pytest.raises(RuntimeError):
        with session_scope(engine) as session:
            save_now(session, session.get(User, 1), answered_token="lost")
            raise RuntimeError("the handler failed")
    with session_scope(engine) as session:
        assert session.get(User, 1).answered_token is None
