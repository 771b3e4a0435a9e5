"""The evening fan-out: N couples all due at the same instant, under Telegram's send limits.

The stand-in answers 429 with retry_after past 30 sends a second in all and past a short
burst in one chat. A nudge is a message carrying a start-a-ritual button ("go:..."); each
person must get exactly one, never before their minute. The floor is Telegram's own limit:
2N nudges cannot go out faster than 2N/30 seconds.
"""
from __future__ import annotations

import asyncio
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

from bench.procs import Child, launch_attune
from bench.profile import Profiler
from bench.report import Section
from bench.standin import BenchStandIn
from bot.edge.callbacks import StartRitual
from tests.support.records import Sent
from tests.support.seed import seed_couples

TELEGRAM_RATE = 30  # sends a second in all
CHAT_BURST = 3  # sends a second to one chat before 429
START_TIMEOUT = 60.0
LEAD = 5.0  # seconds from seeding to the minute: start-up is over by then
LINGER = 3.0  # seconds watched after the last nudge, for doubles


@dataclass
class Watch:
    """Nudges as they arrive: per chat, with the wall time each was recorded."""

    expected: int
    counts: Counter = field(default_factory=Counter)
    times: list[float] = field(default_factory=list)
    everyone: asyncio.Event = field(default_factory=asyncio.Event)

    def see(self, sent: Sent) -> None:
        if any(StartRitual.matches(b.get("callback_data")) for b in sent.buttons):
            self.counts[sent.chat_id] += 1
            self.times.append(time.time())
            if len(self.counts) >= self.expected:
                self.everyone.set()


@dataclass
class Outcome:
    due_at: float
    ready_at: float
    watch: Watch
    too_many: int
    sends: int
    cpu_seconds: float
    profile: list[str]


async def run_fanout(workdir: Path, couples: int, *, lead: float,
                     profile: Path | None) -> Outcome:
    due = datetime.now(timezone.utc).replace(microsecond=0) + timedelta(seconds=lead)
    people = seed_couples(workdir / "fanout.db", couples, nudge_at=due)
    standin = await BenchStandIn(global_rate=TELEGRAM_RATE, chat_burst=CHAT_BURST).start()
    watch = Watch(expected=len(people))
    standin.listeners.append(watch.see)
    child: Child | None = None
    try:
        child = launch_attune(base_url=standin.base_url, db_path=workdir / "fanout.db",
                              workdir=workdir, name="attune-fanout")
        await standin.wait_polled(child, START_TIMEOUT)
        ready_at, cpu_before = time.time(), child.cpu_seconds()
        profiler = Profiler(child.pid, profile / "fanout.raw") if profile else None
        await _watch_until_done(watch, due.timestamp(), len(people))
        cpu = child.cpu_seconds() - cpu_before
        return Outcome(due.timestamp(), ready_at, watch, standin.too_many,
                       sum(1 for s in standin.sent if s.method == "sendMessage"), cpu,
                       await profiler.stop() if profiler else [])
    finally:
        if child is not None:
            await child.stop()
        await standin.stop()


async def _watch_until_done(watch: Watch, due_at: float, people: int) -> None:
    """Until everyone has their nudge (or a generous deadline), then a little longer."""
    deadline = max(due_at - time.time(), 0) + people / TELEGRAM_RATE * 3 + 30
    try:
        await asyncio.wait_for(watch.everyone.wait(), deadline)
    except asyncio.TimeoutError:
        pass
    await asyncio.sleep(LINGER)


async def run(workdir: Path, *, couples: int, quick: bool = False,
              profile: Path | None = None) -> Section:
    section = Section(f"fan-out ({couples} couples, {2 * couples} people due at one minute)").open()
    outcome = await run_fanout(workdir, couples, lead=3.0 if quick else LEAD, profile=profile)
    _report(section, outcome, 2 * couples)
    if outcome.profile:
        section.say("  profile of the bot during the fan-out (py-spy):")
        for line in outcome.profile:
            section.say(line)
    return section


def _report(section: Section, out: Outcome, people: int) -> None:
    watch = out.watch
    start = max(out.due_at, out.ready_at)
    if out.ready_at > out.due_at:
        section.say(f"  ! the bot was ready {out.ready_at - out.due_at:.1f} s after the minute")
    nudged = sum(watch.counts.values())
    last = max(watch.times) if watch.times else start
    span = max(last - start, 1e-9)
    early = sum(1 for t in watch.times if t < out.due_at)
    section.figure("seconds_to_last", "minute -> last nudge", last - out.due_at, "s",
                   floor=people / TELEGRAM_RATE, floor_label=f"s at {TELEGRAM_RATE}/s")
    rate = nudged / span
    section.figure("sends_per_s", "nudges per second", rate, "/s",
                   floor=TELEGRAM_RATE, floor_label="/s Telegram",
                   target=">= 90% of 30/s (aim 95%)", met=rate >= 0.9 * TELEGRAM_RATE)
    section.figure("first_after_s", "minute -> first nudge",
                   (min(watch.times) - out.due_at) if watch.times else float("nan"), "s")
    section.figure("too_many", "429s met", out.too_many, "")
    section.figure("cpu_ms_per_nudge", "bot CPU per nudge", out.cpu_seconds / max(nudged, 1) * 1000,
                   "ms")
    lost = people - len(watch.counts)
    doubled = sum(1 for n in watch.counts.values() if n > 1)
    section.figure("lost", "nudges lost", lost, "", target="0", met=lost == 0)
    section.figure("doubled", "people nudged twice", doubled, "", target="0", met=doubled == 0)
    section.figure("early", "nudges before the minute", early, "", target="0", met=early == 0)
    section.note("other_sends", out.sends - nudged)
