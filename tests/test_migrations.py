"""Migrations keep data: a database made at the first revision is upgraded step by step
to head (and by `open_database`, as at start) with its rows intact; head matches the models.
Each of these runs on SQLite and on PostgreSQL; the SQLite file is private to its owner."""
from __future__ import annotations

import os
import stat
from datetime import datetime, timezone

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlmodel import SQLModel

import bot.store.models  # noqa: F401  (the tables, for comparing with head)
from bot.store.db import MIGRATIONS, make_engine, open_database

FIRST = "0001"
NOW = datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc).isoformat(" ")
FIRST_ROWS = [
    ("INSERT INTO couple (id, created_at) VALUES (1, :now)", {}),
    ('INSERT INTO "user" (id, first_name, couple_id, nudges_off, created_at, timezone, '
     "nudge_time) VALUES (1001, 'Sam', 1, false, :now, 'Europe/Berlin', '21:30')", {}),
    ('INSERT INTO "user" (id, first_name, couple_id, nudges_off, created_at) '
     "VALUES (1002, 'Ben', 1, false, :now)", {}),
    ("INSERT INTO invite (code_hash, inviter_id, created_at, expires_at, used_at) "
     "VALUES ('h', 1001, :now, :now, :now)", {}),
    ("INSERT INTO entry (id, couple_id, author_id, kind, body, created_at) "
     "VALUES (1, 1, 1001, 'gratitude', 'kept across migrations', :now)", {}),
    ("INSERT INTO delivery (id, recipient_id, entry_id, couple_id, kind, text, holdable, status, "
     "attempts, created_at) VALUES (1, 1002, 1, 1, 'relay', 'kept across migrations', true, "
     "'pending', 0, :now)", {}),
    ("INSERT INTO ritualrun (user_id, ritual, step, answers, token, started_at) "
     "VALUES (1002, 'checkin', 1, '{\"mood\": \"calm\"}', 'abcd1234', :now)", {}),
]


def alembic_config(connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def revisions_in_order() -> list[str]:
    script = ScriptDirectory.from_config(alembic_config(None))
    return [r.revision for r in reversed(list(script.walk_revisions("base", "heads")))]


def head() -> str:
    return ScriptDirectory.from_config(alembic_config(None)).get_current_head()


def upgrade(engine, revision: str) -> None:
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), revision)


def current(engine) -> str:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def first_schema_database(url: str):
    """A database at the first revision, holding FIRST_ROWS."""
    engine = make_engine(url)
    upgrade(engine, FIRST)
    with engine.begin() as connection:
        for sql, _ in FIRST_ROWS:
            connection.execute(text(sql), {"now": NOW})
    return url, engine


def assert_first_rows_kept(engine) -> None:
    with engine.connect() as connection:
        names = connection.execute(text('SELECT first_name FROM "user" ORDER BY id')).scalars().all()
        assert names == ["Sam", "Ben"]
        assert connection.execute(text("SELECT body FROM entry")).scalar() == "kept across migrations"
        delivery = connection.execute(text("SELECT text, status FROM delivery")).one()
        assert tuple(delivery) == ("kept across migrations", "pending")
        assert connection.execute(text("SELECT code_hash FROM invite")).scalar() == "h"
        assert connection.execute(text("SELECT answers FROM ritualrun")).scalar() == '{"mood": "calm"}'
        assert connection.execute(text('SELECT timezone FROM "user" WHERE id = 1001')).scalar() == (
            "Europe/Berlin")


def test_the_revisions_form_one_line_from_the_first():
    order = revisions_in_order()
    assert order[0] == FIRST and order[-1] == head()
    assert len(ScriptDirectory.from_config(alembic_config(None)).get_heads()) == 1


def test_each_revision_in_turn_keeps_the_rows_of_the_first_schema(database_url):
    _, engine = first_schema_database(database_url)
    for revision in revisions_in_order()[1:]:
        upgrade(engine, revision)
        assert current(engine) == revision
        assert_first_rows_kept(engine)
    assert_first_rows_kept(engine)
    engine.dispose()


def test_open_database_upgrades_an_older_database_at_start(database_url):
    url, engine = first_schema_database(database_url)
    engine.dispose()
    upgraded = open_database(url)
    assert current(upgraded) == head()
    assert_first_rows_kept(upgraded)
    upgraded.dispose()


def test_the_rows_the_app_reads_load_after_the_upgrade(database_url):
    from sqlmodel import Session, select

    from bot.store.models import Delivery, Entry, RitualRun, User

    url, engine = first_schema_database(database_url)
    engine.dispose()
    upgraded = open_database(url)
    with Session(upgraded) as session:
        sam = session.get(User, 1001)
        assert sam.first_name == "Sam" and sam.created_at.tzinfo is not None
        assert session.exec(select(Entry)).one().body == "kept across migrations"
        assert session.exec(select(Delivery)).one().status == "pending"
        assert session.exec(select(RitualRun)).one().ritual == "checkin"
    upgraded.dispose()


def test_head_matches_the_models(database_url):
    """A column added to models.py without its migration shows up here."""
    engine = open_database(database_url)
    with engine.connect() as connection:
        diffs = compare_metadata(MigrationContext.configure(connection), SQLModel.metadata)
    engine.dispose()
    assert diffs == []


@pytest.mark.parametrize("umask", [0o022, 0o000])
def test_the_database_file_is_readable_by_its_owner_only(tmp_path, umask):
    path = tmp_path / "private" / "attune.db"
    old = os.umask(umask)
    try:
        engine = open_database(f"sqlite:///{path}")
        with engine.begin() as connection:
            connection.execute(text("INSERT INTO couple (created_at) VALUES (:now)"), {"now": NOW})
        for file in (path, path.with_name("attune.db-wal")):
            if file.exists():
                assert stat.S_IMODE(file.stat().st_mode) == 0o600, file
        engine.dispose()
    finally:
        os.umask(old)


def test_0003_records_the_members_of_couples_still_paired(database_url):
    _, engine = first_schema_database(database_url)
    upgrade(engine, "0003")
    with engine.connect() as connection:
        members = connection.execute(
            text("SELECT first_member_id, second_member_id FROM couple WHERE id = 1")).one()
    assert tuple(members) == (1001, 1002)
    assert_first_rows_kept(engine)
    engine.dispose()


REBUILD_USER = '''"""A throwaway migration that makes SQLite rebuild the user table (as widening a column does).

Revision ID: 9999
Revises: {head}
"""
import sqlalchemy as sa
from alembic import op

revision = "9999"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("user", recreate="always") as batch_op:
        batch_op.alter_column("timezone", type_=sa.String(length=128))


def downgrade() -> None:
    pass
'''


def test_the_revision_the_bot_checks_at_start_is_alembics_head():
    from bot.store.db import HEAD_REVISION

    assert HEAD_REVISION == head()


def test_a_migration_that_rebuilds_a_table_holding_data_keeps_every_row(tmp_path):
    import shutil

    from bot.store.db import upgrade_schema

    _, engine = first_schema_database(f"sqlite:///{tmp_path / 'rebuild.db'}")
    upgrade(engine, head())
    scripts = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    (scripts / "versions" / "9999_rebuild_user.py").write_text(REBUILD_USER.format(head=head()))
    upgrade_schema(engine, location=scripts, head="9999")
    assert current(engine) == "9999"
    assert_first_rows_kept(engine)  # the cascades from user did not fire
    engine.dispose()
