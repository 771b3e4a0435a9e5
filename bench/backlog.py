"""A backlog at start: the inbox a crash (or an outage) leaves behind, worked through.

The database is seeded with paired couples and, per person, a few pending updates that
need no reply (a shared live location moving: stored, leased in its lane, handled,
settled, nothing sent), so the figure is the inbox's own work and not the pacing of sends.
The same run with ten times the backlog is its floor: CPU per update should not grow
with the number of updates waiting (the look for each lane's next update once walked
every pending row).
"""
from __future__ import annotations

import asyncio
import json
import sqlite3
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from bench.procs import Child, launch_attune
from bench.report import Section
from bench.standin import BenchStandIn
from bot.store import inbox
from bot.store.db import open_database
from tests.support.seed import Member, seed_couples

START_TIMEOUT = 60.0
PER_PERSON = 5


@dataclass
class Drain:
    seeded: int
    updates: int  # handled after the first poll
    seconds: float
    cpu_seconds: float
    left: int

    @property
    def cpu_ms_per_update(self) -> float:
        return self.cpu_seconds / max(self.updates, 1) * 1000


def moved_location(update_id: int, member: Member, at: int) -> dict:
    """An update the bot takes without a word: a live location moving on."""
    chat = {"id": member.id, "type": "private", "first_name": member.first_name}
    return {"update_id": update_id, "edited_message": {
        "message_id": update_id, "date": at, "edit_date": at, "chat": chat,
        "from": {"id": member.id, "is_bot": False, "first_name": member.first_name},
        "location": {"latitude": 52.52, "longitude": 13.405, "live_period": 900},
    }}


def seed_backlog(db_path: Path, couples: int) -> int:
    """`couples` paired couples, each person with PER_PERSON updates waiting, interleaved
    as they would have come in; returns how many."""
    people = seed_couples(db_path, couples)
    at = int(time.time())
    arrivals = []
    for n in range(PER_PERSON * len(people)):
        member = people[n % len(people)]
        arrivals.append(inbox.Arrival(n + 1, member.id,
                                      json.dumps(moved_location(n + 1, member, at))))
    engine = open_database(f"sqlite:///{db_path}")
    try:
        with engine.begin() as connection:
            inbox.add(connection, arrivals, datetime.now(timezone.utc))
    finally:
        engine.dispose()
    return len(arrivals)


def pending(db_path: Path) -> int:
    with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=5) as db:
        return db.execute("SELECT count(*) FROM inbox WHERE state = 'pending'").fetchone()[0]


async def drain(workdir: Path, couples: int, timeout: float) -> Drain:
    """Start the bot on a seeded backlog; CPU and time until the inbox is empty."""
    db_path = workdir / f"backlog-{couples}.db"
    updates = seed_backlog(db_path, couples)
    standin = await BenchStandIn().start()
    child: Child | None = None
    try:
        child = launch_attune(base_url=standin.base_url, db_path=db_path, workdir=workdir,
                              name=f"attune-backlog-{couples}")
        await standin.wait_polled(child, START_TIMEOUT)  # start-up's own CPU left out
        started, cpu_before = time.monotonic(), child.cpu_seconds()
        at_start = left = pending(db_path)
        while left and time.monotonic() - started < timeout and child.alive():
            await asyncio.sleep(0.05)
            left = pending(db_path)
        return Drain(updates, at_start - left, max(time.monotonic() - started, 1e-3),
                     child.cpu_seconds() - cpu_before, left)
    finally:
        if child is not None:
            await child.stop()
        await standin.stop()


async def run(workdir: Path, *, couples: int) -> Section:
    small, large = max(couples // 10, 1), couples
    section = Section(f"backlog at start ({PER_PERSON} updates a person waiting)").open()
    timeout = 60.0 + couples * 0.1
    few = await drain(workdir, small, timeout)
    many = await drain(workdir, large, timeout)
    section.say(f"  {few.seeded} and {many.seeded} updates seeded; counted from the first poll "
                "(what start-up handled is left out)")
    few_rate, many_rate = few.updates / few.seconds, many.updates / many.seconds
    few_cpu, many_cpu = few.cpu_ms_per_update, many.cpu_ms_per_update
    section.figure("backlog_small_per_s", f"updates handled a second, {few.updates} waiting",
                   few_rate, "/s")
    section.figure("backlog_large_per_s", f"updates handled a second, {many.updates} waiting",
                   many_rate, "/s", floor=few_rate, floor_label=f"/s with {few.updates}")
    section.figure("backlog_cpu_ms", f"CPU per update, {many.updates} waiting", many_cpu, "ms",
                   floor=few_cpu, floor_label=f"ms with {few.updates}",
                   target="<= 1.5x (flat)", met=many_cpu <= 1.5 * few_cpu)
    section.figure("backlog_left", "updates left unhandled", few.left + many.left, "",
                   target="0", met=not (few.left or many.left))
    return section
