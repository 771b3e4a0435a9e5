"""`python -m bot backup PATH`: a whole, consistent, private copy of the SQLite database taken
while the bot runs (what still sits in the -wal file included); every refusal one line."""
from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from tests.support.people import BEN, SAM

REPO = Path(__file__).resolve().parent.parent


def backup(cwd: Path, *args: str, **settings: str) -> subprocess.CompletedProcess:
    """Run the command with only the given settings (no token: a backup doesn't need one)."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("TELEGRAM_", "DATABASE_URL", "WEBHOOK_", "PORT"))}
    env.update(PYTHONPATH=str(REPO), **settings)
    return subprocess.run([sys.executable, "-m", "bot", "backup", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=60)


def one_line(result: subprocess.CompletedProcess) -> str:
    lines = (result.stdout + result.stderr).strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    return lines[0]


async def test_a_backup_taken_while_the_bot_runs_holds_everything_committed(harness, standin,
                                                                           tmp_path):
    await harness.pair()
    await harness.say(SAM, "/gratitude", expect="What did")
    feeling = await harness.say(SAM, "the walk by the river", expect="How did it make you feel")
    await harness.tap(SAM, feeling, "Loved", expect="On its way")
    await standin.wait_for(BEN.id, "the walk by the river")
    source = Path(harness.db_url.removeprefix("sqlite:///"))
    assert Path(f"{source}-wal").stat().st_size > 0  # the newest rows are in the WAL yet
    target = tmp_path / "backups" / "attune-copy.db"
    target.parent.mkdir()

    result = backup(tmp_path, str(target), DATABASE_URL=harness.db_url)

    assert result.returncode == 0, result.stderr
    assert one_line(result).startswith("attune: backed up")
    assert target.stat().st_mode & 0o777 == 0o600
    assert not Path(f"{target}-wal").exists() and not list(target.parent.glob("*.partial"))
    with sqlite3.connect(target) as copy, sqlite3.connect(source) as live:
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert copy.execute("PRAGMA journal_mode").fetchone() == ("delete",)
        for table in ("user", "couple", "entry", "delivery", "inbox", "alembic_version"):
            query = f'SELECT * FROM "{table}" ORDER BY 1'
            assert copy.execute(query).fetchall() == live.execute(query).fetchall(), table
        assert copy.execute("SELECT count(*) FROM entry").fetchone() == (1,)
    await harness.say(SAM, "/help", expect="Here's what I can do")  # the bot never noticed


def test_an_existing_file_is_never_overwritten(tmp_path):
    database = tmp_path / "attune.db"
    sqlite3.connect(database).close()
    target = tmp_path / "keep.db"
    target.write_bytes(b"precious")
    result = backup(tmp_path, str(target), DATABASE_URL=f"sqlite:///{database}")
    assert result.returncode == 2 and "exists already" in one_line(result)
    assert target.read_bytes() == b"precious"


def test_postgresql_is_pointed_to_pg_dump_without_echoing_the_password(tmp_path):
    result = backup(tmp_path, str(tmp_path / "x.db"),
                    DATABASE_URL="postgresql+psycopg://attune:hunter2@db.example/attune")
    line = one_line(result)
    assert result.returncode == 2 and "pg_dump" in line and "hunter2" not in line
    assert not (tmp_path / "x.db").exists()


def test_no_path_no_database_or_a_bad_url_is_one_line_and_exit_2(tmp_path):
    assert backup(tmp_path).returncode == 2 and "usage" in one_line(backup(tmp_path))
    missing = backup(tmp_path, str(tmp_path / "x.db"),
                     DATABASE_URL=f"sqlite:///{tmp_path / 'absent.db'}")
    assert missing.returncode == 2 and "no database" in one_line(missing)
    assert not (tmp_path / "absent.db").exists()  # looking never creates one
    bad = backup(tmp_path, str(tmp_path / "x.db"), DATABASE_URL="nope")
    assert bad.returncode == 2 and one_line(bad).startswith("attune: DATABASE_URL")
