"""The engine from DATABASE_URL, SQLite's pragmas, the schema brought up to date, sessions."""
from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.pool import StaticPool
from sqlmodel import Session, create_engine

MIGRATIONS = Path(__file__).parent / "migrations"


def make_engine(url: str) -> Engine:
    """An engine for `url`; on SQLite a private file, WAL, foreign keys and secure delete."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    database = parsed.database
    in_memory = database in (None, "", ":memory:")
    if not in_memory:
        _create_private_file(Path(database))
    engine = create_engine(
        url,
        connect_args={"check_same_thread": False, "timeout": 30},
        poolclass=StaticPool if in_memory else None,
    )
    event.listen(engine, "connect", _sqlite_pragmas)
    return engine


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


def upgrade_schema(engine: Engine) -> None:
    """Run Alembic's migrations up to head, so existing data keeps across schema changes."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


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
