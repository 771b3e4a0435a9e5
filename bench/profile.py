"""Optional profiling of the bot under test with py-spy (`--profile DIR`), summarised in text.

py-spy samples the child from outside, so the bot runs unchanged; the summary says where
its CPU went: by library, by function (self time) and through which of Attune's own code.
"""
from __future__ import annotations

import asyncio
import shutil
import signal
import subprocess
from collections import Counter
from pathlib import Path

RATE = 250  # samples a second


class Profiler:
    """py-spy attached to one pid until stopped; writes collapsed stacks ("raw")."""

    def __init__(self, pid: int, out: Path) -> None:
        self.out = out
        self.process = None
        if shutil.which("py-spy") is None:
            print("  (py-spy not installed: pip install py-spy; profiling skipped)")
            return
        out.parent.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen(
            ["py-spy", "record", "--pid", str(pid), "-f", "raw", "-o", str(out), "-r", str(RATE), "--full-filenames"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )

    async def stop(self) -> list[str]:
        """Stop sampling, and the summary lines (also written beside the raw file)."""
        if self.process is None:
            return []
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        for _ in range(200):
            if self.process.poll() is not None:
                break
            await asyncio.sleep(0.05)
        else:
            self.process.kill()
            self.process.wait(5)
        if not self.out.exists():
            return ["  (py-spy wrote nothing: is ptrace allowed here?)"]
        lines = summarise(self.out)
        self.out.with_suffix(".summary.txt").write_text("\n".join(lines) + "\n")
        return lines


def summarise(raw: Path, top: int = 12) -> list[str]:
    """Where the busy samples went (idle ones, waiting in select/epoll, left out)."""
    by_package, by_self, by_ours, by_activity = Counter(), Counter(), Counter(), Counter()
    busy = 0
    for line in raw.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        frames = stack.split(";")
        if not count.isdigit() or _idle(frames[-1]):
            continue
        n = int(count)
        busy += n
        by_self[_short(frames[-1])] += n
        by_package[_package(frames[-1])] += n
        by_activity[_activity(stack)] += n
        for frame in {_short(f) for f in frames if _ours(f)}:
            by_ours[frame] += n
    if not busy:
        return ["  (no busy samples)"]
    return ([f"  busy samples: {busy}", "  by activity:"] + _table(by_activity, busy, top)
            + ["  by package (self):"] + _table(by_package, busy, top)
            + ["  by function (self):"] + _table(by_self, busy, top)
            + ["  through Attune's code (inclusive):"] + _table(by_ours, busy, top))


ACTIVITIES = (  # the first that matches a stack names it
    ("database (SQLAlchemy + sqlite3)", ("sqlalchemy", "sqlmodel", "sqlite3")),
    ("polling (getUpdates, parsing updates)", ("get_updates",)),
    ("Bot API calls (PTB request, httpx)", ("httpx", "httpcore", "telegram/request", "_bot.py")),
    ("rate limiter", ("aiolimiter", "_aioratelimiter")),
    ("dispatching updates (PTB)", ("telegram/ext",)),
)


def _activity(stack: str) -> str:
    for name, needles in ACTIVITIES:
        if any(needle in stack for needle in needles):
            return name
    return "event loop and the rest"


def _idle(frame: str) -> bool:
    return any(word in frame for word in ("select (", "epoll", "poll (selectors", "_run_once"))


def _short(frame: str) -> str:
    name, _, where = frame.partition(" (")
    path = where.rstrip(")").rsplit(":", 1)[0]
    return f"{name} ({'/'.join(Path(path).parts[-2:])})"


def _package(frame: str) -> str:
    path = frame.partition(" (")[2]
    if "site-packages/" in path:
        return path.split("site-packages/")[1].split("/")[0]
    for ours in ("/bot/", "/rituals/"):
        if ours in path:
            return ours.strip("/")
    return "stdlib/other"


def _ours(frame: str) -> bool:
    path = frame.partition(" (")[2]
    return ("/bot/" in path or "/rituals/" in path) and "site-packages" not in path


def _table(counter: Counter, total: int, top: int) -> list[str]:
    return [f"    {n * 100 / total:5.1f}%  {name}" for name, n in counter.most_common(top)]
