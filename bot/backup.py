"""`python -m bot backup PATH`: a consistent copy of the SQLite database, even while the bot runs.

It uses SQLite's online backup API, not a file copy: the pages are read in one snapshot
under SQLite's own locking, including what still sits in the -wal file (a `cp` of a WAL
database can miss committed transactions, or copy a file torn mid-write). The copy is
written beside PATH, checked (`PRAGMA integrity_check`), switched to a rollback journal so
it is one self-contained file, readable by its owner only, and renamed into place only when
complete. PostgreSQL is backed up with pg_dump (README, "Backups"). Every outcome is one line.
"""
from __future__ import annotations

import os
import sqlite3
import sys
from pathlib import Path

from sqlalchemy.engine import make_url

from bot.config import MaintenanceSettings, SettingsError, load_settings

USAGE = "usage: python -m bot backup PATH (a new file for the copy)"


class BackupError(Exception):
    """The backup can't be made; the message is one line for the operator."""


def backup_sqlite(source: Path, target: Path) -> int:
    """Copy the database at `source` to the new file `target`; returns its size in bytes."""
    partial = target.with_name(target.name + ".partial")
    os.close(os.open(partial, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600))
    try:
        _copy(source, partial)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return target.stat().st_size


def _copy(source: Path, partial: Path) -> None:
    reading = sqlite3.connect(source, timeout=30)
    writing = sqlite3.connect(partial)
    try:
        reading.backup(writing)  # all pages in one step: one consistent snapshot
        writing.execute("PRAGMA journal_mode=DELETE")
        verdict = writing.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        writing.close()
        reading.close()
    if verdict != "ok":
        raise BackupError(f"the copy failed its integrity check ({verdict})")


def source_path(database_url: str) -> Path:
    """The SQLite file DATABASE_URL names, or a BackupError saying what to do instead."""
    url = make_url(database_url)
    if url.get_backend_name() == "postgresql":
        raise BackupError("DATABASE_URL is PostgreSQL: back it up with pg_dump "
                          "(pg_dump --format=custom --file=PATH DATABASE), see README 'Backups'")
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        raise BackupError("DATABASE_URL names no SQLite file to back up")
    path = Path(url.database)
    if not path.is_file():
        raise BackupError(f"there is no database at {path}")
    return path


def main(args: list[str]) -> int:
    if len(args) != 1 or not args[0]:
        print(f"attune: {USAGE}", file=sys.stderr)
        return 2
    try:
        settings = load_settings(kind=MaintenanceSettings)
        source, target = source_path(settings.database_url), Path(args[0])
        if target.exists():
            raise BackupError(f"{target} exists already: name a new file")
    except (SettingsError, BackupError) as error:
        print(f"attune: {error}", file=sys.stderr)
        return 2
    try:
        size = backup_sqlite(source, target)
    except (BackupError, sqlite3.Error, OSError) as error:
        print(f"attune: backup failed: {type(error).__name__}: {error}", file=sys.stderr)
        return 1
    print(f"attune: backed up {source} to {target} ({size} bytes)")
    return 0
