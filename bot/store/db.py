"""The engine from DATABASE_URL, SQLite's pragmas, the schema brought up to date, sessions."""
from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from sqlalchemy import event, inspect
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.pool import StaticPool
from sqlmodel import Session, create_engine

MIGRATIONS = Path(__file__).parent / "migrations"
# The newest migration; start-up imports Alembic only when the database is behind it
# (tests/test_migrations.py holds this equal to Alembic's own head).
HEAD_REVISION = "0009"
# How long one statement may wait for a lock or a slow server before it fails. Short,
# because database work runs on the event loop: a longer wait would stall everyone.
SQLITE_BUSY_SECONDS = 2
POSTGRES_CONNECT_SECONDS = 5
POSTGRES_STATEMENT_MS = 10_000
# Two processes starting at once on PostgreSQL take turns to migrate (any fixed number).
MIGRATION_LOCK_KEY = 0x617474756E65


def make_engine(url: str) -> Engine:
    """An engine for `url`; on SQLite a private file, WAL, foreign keys and secure delete."""
    parsed = make_url(url)
    if parsed.get_backend_name() in ("postgresql", "postgres"):
        return create_engine(
            _with_driver(parsed),
            pool_pre_ping=True,
            pool_timeout=POSTGRES_CONNECT_SECONDS,
            connect_args={
                "connect_timeout": POSTGRES_CONNECT_SECONDS,
                "options": f"-c statement_timeout={POSTGRES_STATEMENT_MS}",
            },
        )
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    database = parsed.database
    in_memory = database in (None, "", ":memory:")
    if not in_memory:
        _create_private_file(Path(database))
    engine = create_engine(
        url,
        connect_args={"check_same_thread": False, "timeout": SQLITE_BUSY_SECONDS},
        poolclass=StaticPool if in_memory else None,
    )
    event.listen(engine, "connect", _sqlite_pragmas)
    return engine


class RaceLost(Exception):
    """A guarded change found the row already changed by another update or process:
    the transaction is rolled back and the caller answers as if it came second."""


def _with_driver(parsed):
    """`postgres://` (what Heroku and Railway set) and `postgresql://` mean psycopg 3 here."""
    if parsed.drivername in ("postgres", "postgresql"):
        return parsed.set(drivername="postgresql+psycopg")
    return parsed


def _create_private_file(path: Path) -> None:
    """Create the database file readable by its owner only, before SQLite makes it 0644;
    a file an older version left readable by others is tightened too."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_CREAT | os.O_RDWR, 0o600)
    try:
        if os.fstat(fd).st_mode & 0o077:
            os.fchmod(fd, 0o600)
    finally:
        os.close(fd)


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    # Deleted words are overwritten in the file itself, not only unlinked (/forget).
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.close()


def schema_revision(engine: Engine) -> str | None:
    """The revision the database is at (None: a new database)."""
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()


def upgrade_schema(engine: Engine, *, location: Path = MIGRATIONS,
                   head: str = HEAD_REVISION) -> None:
    """Run Alembic's migrations up to head, so existing data keeps across schema changes.

    On SQLite foreign keys are off while migrating: a migration that rebuilds a table would
    otherwise fire its cascades and delete every row that refers to it. They are checked
    after. On PostgreSQL an advisory lock makes processes that start together take turns.
    """
    if schema_revision(engine) == head:
        return
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(location))
    sqlite = engine.dialect.name == "sqlite"
    with engine.connect() as connection:
        if sqlite:
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
        elif engine.dialect.name == "postgresql":
            connection.exec_driver_sql(f"SELECT pg_advisory_lock({MIGRATION_LOCK_KEY})")
        connection.commit()  # the pragma and the lock outlive this; the migration is its own
        try:
            with connection.begin():
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
            if sqlite:
                _check_foreign_keys(connection)
        finally:
            connection.rollback()
            if sqlite:
                connection.exec_driver_sql("PRAGMA foreign_keys=ON")
            elif engine.dialect.name == "postgresql":
                connection.exec_driver_sql(f"SELECT pg_advisory_unlock({MIGRATION_LOCK_KEY})")
            connection.commit()


def _check_foreign_keys(connection) -> None:
    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if broken:
        raise RuntimeError(f"migration left {len(broken)} rows pointing nowhere")


def open_database(url: str) -> Engine:
    """The engine for `url` with its schema up to date: what start-up and tests call."""
    engine = make_engine(url)
    upgrade_schema(engine)
    return engine


def close_database(engine: Engine) -> None:
    """Fold the write-ahead log back into the file and close every connection."""
    if engine.dialect.name == "sqlite":
        checkpoint(engine)
    engine.dispose()


def checkpoint(engine: Engine) -> None:
    """Move the -wal file's pages into the database and empty it (deleted words go with it)."""
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    except Exception:  # a busy reader only delays the checkpoint; SQLite retries later
        pass


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """One unit of work: committed on success, rolled back on any error."""
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
