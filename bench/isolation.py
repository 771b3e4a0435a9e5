"""Isolation: while Telegram never answers one chat's sends, how long do other people wait
for their own answer? The floor: the same burst of /help with no slow chat, in the same run."""
from __future__ import annotations

import asyncio
import time
from pathlib import Path

from bench.procs import Child, launch_attune
from bench.report import Section
from bench.standin import BenchStandIn
from tests.support.people import Person
from tests.support.seed import Member, seed_couples

START_TIMEOUT = 60.0
ANSWER = "Here's what I can do"


async def burst(standin: BenchStandIn, people: list[Member], timeout: float) -> float:
    """Everyone sends /help at once; the slowest answer, in seconds."""
    async def one(member: Member) -> float:
        inbox = standin.inboxes[member.id]
        after, pushed = len(inbox.messages), time.monotonic()
        await standin.say(Person(member.id, member.first_name), "/help")
        await inbox.wait_for(lambda s: ANSWER in (s.text or ""), after=after, timeout=timeout)
        return time.monotonic() - pushed

    return max(await asyncio.gather(*(one(m) for m in people)))


async def run(workdir: Path, couples: int = 20) -> Section:
    section = Section("isolation")
    print(f"\n== isolation ({couples * 2 - 1} people at once while one chat's sends hang)",
          flush=True)
    db_path = workdir / "isolation.db"
    people = seed_couples(db_path, couples)
    slow, others = people[0], people[1:]
    standin = await BenchStandIn().start()
    child: Child | None = None
    try:
        child = launch_attune(base_url=standin.base_url, db_path=db_path, workdir=workdir,
                              name="attune-isolation")
        await standin.wait_polled(child, START_TIMEOUT)
        await asyncio.sleep(1.0)  # past start-up's own work
        floor = await burst(standin, others, timeout=30)
        standin.hold(slow.id)
        await standin.say(Person(slow.id, slow.first_name), "/help")  # its answer is held
        await standin.wait_held(ANSWER, timeout=30)
        slowest = await burst(standin, others, timeout=30)
        standin.let_go(slow.id, accept=True)
        section.figure("slowest_other", "slowest answer to others", slowest * 1000, "ms",
                       floor=floor * 1000, floor_label="ms with no slow chat",
                       target="< 1000 ms more than the floor",
                       met=slowest - floor < 1.0)
        return section
    finally:
        if child is not None:
            await child.stop()
        await standin.stop()
