"""The relay: every partner of C couples runs a gratitude ritual at once, against the echo bot.

Attune's side: `/gratitude` -> the moment in free text -> the feeling step, answered by
tapping Skip (even people) or a feeling (odd people). Latency is from that last tap being
pushed to the partner's relayed message being recorded. The floor: the echo bot answering
the same number of messages, three per person, each sent when the previous was answered.
"""
from __future__ import annotations

import asyncio
import re
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.procs import Child, aiogram_installed, launch_aiogram_echo, launch_attune, launch_echo
from bench.profile import Profiler
from bench.report import Section
from bench.standin import BenchStandIn
from rituals import gratitude
from tests.support.people import Person
from tests.support.records import Sent
from tests.support.seed import Member, seed_couples

UPDATES_PER_RITUAL = 3
TELEGRAM_RATE = 30  # sends a second in all, the limit the bot's rate limiter keeps to
START_TIMEOUT = 60.0
QUIET = 0.5  # seconds without a send that count as "done"
MOMENT_MARK = gratitude.STEPS[0].prompt.splitlines()[-1].split("{")[0]  # "What did "
FEELING_STEP = gratitude.STEPS[1]


MOMENT_ID = re.compile(r"bench (\d+): ")


def moment_text(person_id: int) -> str:
    """Each author's words, unique, so the partner's copy is recognised <exactly>: & 💛."""
    return f"bench {person_id}: the tea you made at 7 <b>&</b> the note on it 💛"


@dataclass
class Run:
    """One bot's run of the load: times, CPU, what went missing."""

    seconds: float = 0.0
    cpu_seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    relays: int = 0
    chat_calls: int = 0  # Bot API calls naming a chat: each spends Telegram's 30/s budget
    profile: list[str] = field(default_factory=list)


def _person(member: Member) -> Person:
    return Person(member.id, member.first_name)


def _percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(share * 100) - 1]


async def _quiet(standin: BenchStandIn) -> None:
    """Wait until nothing has been sent for QUIET seconds."""
    while True:
        count = len(standin.sent)
        await asyncio.sleep(QUIET)
        if len(standin.sent) == count:
            return


# ---- Attune -------------------------------------------------------------------------
class RitualDriver:
    """Plays every person through the gratitude ritual and watches for the relays."""

    def __init__(self, standin: BenchStandIn, people: list[Member], timeout: float) -> None:
        self.standin = standin
        self.people = people
        self.timeout = timeout
        self.tapped_at: dict[int, float] = {}
        self.relayed_at: dict[int, float] = {}  # author id -> when the partner got it
        self.failures: list[str] = []
        self._authors = {m.id for m in people}
        self.all_relayed = asyncio.Event()
        standin.listeners.append(self._watch)

    def _watch(self, sent: Sent) -> None:
        found = MOMENT_ID.search(sent.text or "")
        if found is None:
            return
        author = int(found[1])
        if author in self._authors and sent.chat_id != author and (
            moment_text(author) in sent.text
        ):
            self.relayed_at.setdefault(author, sent.at)
            if len(self.relayed_at) == len(self.people):
                self.all_relayed.set()

    async def play(self, member: Member) -> None:
        person, inbox = _person(member), self.standin.inboxes[member.id]
        try:
            seen = len(inbox.messages)
            await self.standin.say(person, "/gratitude")
            seen, _ = await inbox.wait_for(lambda s: MOMENT_MARK in (s.text or ""),
                                           after=seen, timeout=self.timeout)
            await self.standin.say(person, moment_text(member.id))
            _, step = await inbox.wait_for(_is_feeling_step, after=seen + 1, timeout=self.timeout)
            self.tapped_at[member.id] = time.monotonic()
            await self.standin.press(person, step, _last_answer(member, step))
        except TimeoutError:
            self.failures.append(f"{member.first_name}: the ritual stalled")


def _is_feeling_step(sent: Sent) -> bool:
    labels = {b["text"] for b in sent.buttons}
    return FEELING_STEP.choices[0].label in labels and FEELING_STEP.skip_label in labels


def _last_answer(member: Member, step: Sent) -> str:
    """Even people skip the feeling, odd people tap one: both ways of ending are measured."""
    if member.id % 2 == 0:
        return step.button(FEELING_STEP.skip_label)["callback_data"]
    choice = FEELING_STEP.choices[member.id // 2 % len(FEELING_STEP.choices)]
    return step.button(choice.label)["callback_data"]


async def run_attune(workdir: Path, couples: int, timeout: float,
                     profile: Path | None = None) -> Run:
    db_path = workdir / "relay.db"
    people = seed_couples(db_path, couples)
    standin = await BenchStandIn().start()
    child: Child | None = None
    try:
        child = launch_attune(base_url=standin.base_url, db_path=db_path, workdir=workdir,
                              name="attune-relay")
        await standin.wait_polled(child, START_TIMEOUT)
        await asyncio.sleep(1.0)  # past start-up's own work (commands, first ticks)
        driver = RitualDriver(standin, people, timeout)
        profiler = Profiler(child.pid, profile / "relay.raw") if profile else None
        run = await _measure(child, standin, driver.play, people, driver.all_relayed, timeout)
        run.profile = await profiler.stop() if profiler else []
        run.latencies = [driver.relayed_at[a] - driver.tapped_at[a]
                         for a in driver.relayed_at if a in driver.tapped_at]
        run.relays = len(driver.relayed_at)
        run.chat_calls = sum(1 for _, params in standin.calls if "chat_id" in params)
        run.failures += driver.failures
        run.failures += [f"{m.first_name}: relay lost" for m in people if m.id not in driver.relayed_at]
        return run
    finally:
        if child is not None:
            await child.stop()
        await standin.stop()


async def _measure(child: Child, standin: BenchStandIn, play, people: list[Member],
                   finished: asyncio.Event, timeout: float) -> Run:
    """Push the whole load at once; CPU and time run until the bot has gone quiet."""
    cpu_before, started = child.cpu_seconds(), time.monotonic()
    await asyncio.gather(*(play(m) for m in people))
    try:
        await asyncio.wait_for(finished.wait(), timeout)
    except asyncio.TimeoutError:
        pass
    seconds = time.monotonic() - started
    await _quiet(standin)
    return Run(seconds=seconds, cpu_seconds=child.cpu_seconds() - cpu_before)


# ---- the echo floor -----------------------------------------------------------------
async def run_echo(workdir: Path, people: list[Member], timeout: float,
                   launch=launch_echo, name: str = "echo-relay") -> Run:
    standin = await BenchStandIn().start()
    child: Child | None = None
    latencies: list[float] = []
    failures: list[str] = []
    done = asyncio.Event()
    remaining = [len(people)]

    async def chat(member: Member) -> None:
        person, inbox = _person(member), standin.inboxes[member.id]
        try:
            for n in range(UPDATES_PER_RITUAL):
                text, pushed = f"echo {member.id} #{n}", time.monotonic()
                await standin.say(person, text)
                _, reply = await inbox.wait_for(lambda s, text=text: s.text == text, after=0,
                                                timeout=timeout)
                latencies.append(reply.at - pushed)
        except TimeoutError:
            failures.append(f"{member.first_name}: no echo")
        remaining[0] -= 1
        if not remaining[0]:
            done.set()

    try:
        child = launch(base_url=standin.base_url, workdir=workdir, name=name)
        await standin.wait_polled(child, START_TIMEOUT)
        await asyncio.sleep(1.0)
        run = await _measure(child, standin, chat, people, done, timeout)
        run.latencies, run.failures = latencies, failures
        run.relays = len(latencies)
        return run
    finally:
        if child is not None:
            await child.stop()
        await standin.stop()


# ---- the scenario -------------------------------------------------------------------
async def run(workdir: Path, *, couples: int, profile: Path | None = None) -> Section:
    section = Section(f"relay ({couples} couples, every partner at once)").open()
    timeout = 60.0 + couples * 0.5
    attune = await run_attune(workdir, couples, timeout, profile)
    from tests.support.seed import members

    echo = await run_echo(workdir, members(couples), timeout)
    peer = None
    if aiogram_installed():
        peer = await run_echo(workdir, members(couples), timeout, launch_aiogram_echo,
                              "aiogram-relay")
    _report(section, attune, echo, couples)
    _report_peer(section, attune, echo, peer, couples)
    if attune.profile:
        section.say("  profile of the bot during the relay (py-spy):")
        for line in attune.profile:
            section.say(line)
    return section


def _report(section: Section, attune: Run, echo: Run, couples: int) -> None:
    updates = 2 * couples * UPDATES_PER_RITUAL
    section.say(f"  {updates} updates to Attune ({2 * couples} rituals); {updates} messages to echo")
    relays_per_s = attune.relays / attune.seconds
    echo_rituals_per_s = echo.relays / echo.seconds / UPDATES_PER_RITUAL
    section.figure("relays_per_s", "relays per second", relays_per_s, "/s",
                   floor=echo_rituals_per_s, floor_label="echo 3-message exchanges/s")
    calls_per_ritual = attune.chat_calls / max(attune.relays, 1)
    section.figure("chat_calls_per_ritual", "Bot API calls to a chat per ritual",
                   calls_per_ritual, "")
    section.figure("relays_per_s_vs_telegram", "relays per second", relays_per_s, "/s",
                   floor=TELEGRAM_RATE / calls_per_ritual,
                   floor_label=f"Telegram ceiling ({TELEGRAM_RATE}/s over those calls)")
    for share in (0.5, 0.95):
        name = f"p{int(share * 100)}"
        section.figure(f"latency_{name}_ms", f"latency {name} (tap -> partner)",
                       _percentile(attune.latencies, share) * 1000, "ms",
                       floor=_percentile(echo.latencies, share) * 1000, floor_label="ms echo reply")
    cpu_update = attune.cpu_seconds / updates * 1000
    cpu_echo = echo.cpu_seconds / max(echo.relays, 1) * 1000
    ratio = cpu_update / cpu_echo if cpu_echo else float("inf")
    section.figure("cpu_ms_per_update", "CPU per update", cpu_update, "ms",
                   floor=cpu_echo, floor_label="ms echo per reply",
                   target="<= 2.5x echo (aim 2x)", met=ratio <= 2.5)
    section.figure("lost", "relays lost", len(attune.failures), "", target="0",
                   met=not attune.failures)
    section.note("failures", attune.failures[:20] + echo.failures[:20])
    for failure in (attune.failures + echo.failures)[:5]:
        section.say(f"    ! {failure}")


def _report_peer(section: Section, attune: Run, echo: Run, peer: Run | None,
                 couples: int) -> None:
    """The second floor: aiogram 3's echo bot, the peer a user would pick instead."""
    if peer is None:
        section.say("  aiogram echo floor: skipped (aiogram not installed; "
                    'pip install -e ".[bench]")')
        return
    updates = 2 * couples * UPDATES_PER_RITUAL
    cpu_update = attune.cpu_seconds / updates * 1000
    cpu_peer = peer.cpu_seconds / max(peer.relays, 1) * 1000
    section.figure("cpu_ms_per_update_vs_aiogram", "CPU per update", cpu_update, "ms",
                   floor=cpu_peer, floor_label="ms aiogram echo per reply")
    section.figure("aiogram_vs_ptb_echo", "aiogram echo CPU per reply", cpu_peer, "ms",
                   floor=echo.cpu_seconds / max(echo.relays, 1) * 1000,
                   floor_label="ms PTB echo")
    section.note("aiogram_failures", peer.failures[:20])
