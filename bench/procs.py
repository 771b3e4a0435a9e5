"""Child processes under test: launch, read their CPU time and peak memory, stop them for sure.

CPU comes from /proc/<pid>/stat (user + system), so time a process spends waiting, in a
rate limiter or on the network, costs nothing; peak memory is VmHWM from /proc/<pid>/status.
"""
from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.support import processes

TOKEN = "123456789:BENCH-token_ABCDEFGHIJKLMNOPQRSTUVWX"
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def bot_env(*, base_url: str, db_path: Path | None = None) -> dict[str, str]:
    """The environment of a bot under test: a fake token, the stand-in, its own SQLite file."""
    return processes.bot_env(
        TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_API_BASE_URL=base_url, LOG_LEVEL="WARNING",
        PYTHONUNBUFFERED="1", DATABASE_URL=f"sqlite:///{db_path}" if db_path else None)


class Child:
    """One bot process; its stderr goes to a file so a failure can be shown, not lost."""

    def __init__(self, args: list[str], env: dict[str, str], log_path: Path) -> None:
        self.log_path = log_path
        self._log = open(log_path, "wb")
        # cwd is a temp dir, so no stray .env is read; the repo is found through PYTHONPATH.
        self.process = subprocess.Popen(
            [sys.executable, *args], env=env, cwd=log_path.parent,
            stdin=subprocess.DEVNULL, stdout=self._log, stderr=subprocess.STDOUT,
        )

    @property
    def pid(self) -> int:
        return self.process.pid

    def alive(self) -> bool:
        return self.process.poll() is None

    def cpu_seconds(self) -> float:
        """User plus system CPU time this process has used so far."""
        stat = Path(f"/proc/{self.pid}/stat").read_text()
        fields = stat.rsplit(")", 1)[1].split()  # the name in parentheses may hold spaces
        return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS

    def peak_rss_mb(self) -> float:
        return _status_kb(self.pid, "VmHWM") / 1024

    def rss_mb(self) -> float:
        return _status_kb(self.pid, "VmRSS") / 1024

    def output_tail(self, lines: int = 20) -> str:
        if not self._log.closed:
            self._log.flush()
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])

    async def stop(self, grace: float = 10.0) -> None:
        """SIGTERM (the bot shuts down cleanly), then SIGKILL if it lingers.

        Async on purpose: the stand-in shares this event loop and must keep answering
        the child's last requests while it shuts down.
        """
        if self.alive():
            self.process.send_signal(signal.SIGTERM)
            deadline = time.monotonic() + grace
            while self.alive() and time.monotonic() < deadline:
                await asyncio.sleep(0.02)
        self.kill()

    def kill(self) -> None:
        """The last resort, safe to call twice: SIGKILL if still running, reap, close the log."""
        if self.alive():
            self.process.kill()
        self.process.wait(5)
        self._log.close()


def _status_kb(pid: int, key: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1])
    raise KeyError(key)


def launch_attune(*, base_url: str, db_path: Path, workdir: Path, name: str = "attune") -> Child:
    return Child(["-m", "bot"], bot_env(base_url=base_url, db_path=db_path), workdir / f"{name}.log")


def launch_echo(*, base_url: str, workdir: Path, name: str = "echo") -> Child:
    return Child(["-m", "bench.echo_bot"], bot_env(base_url=base_url), workdir / f"{name}.log")


def aiogram_installed() -> bool:
    import importlib.util

    return importlib.util.find_spec("aiogram") is not None


def launch_aiogram_echo(*, base_url: str, workdir: Path, name: str = "aiogram-echo") -> Child:
    return Child(["-m", "bench.aiogram_echo"], bot_env(base_url=base_url), workdir / f"{name}.log")
