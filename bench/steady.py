"""Latency a person feels at a steady load, not in a burst: one ritual started every 1/rate s.

One member of each of C couples runs the gratitude ritual (`/gratitude`, the moment in
words, a tap on the feeling step), starting evenly spaced, so the bot's sends stay well under
Telegram's 30 a second (five chat calls a ritual: 2.5 rituals/s is ~12.5 sends/s). Each
action's latency is from the update being pushed to the bot's next message in that chat;
the partner's relay is timed from the tap. The floor: PTB's echo bot, the same number of
people starting at the same pace, each sending three messages, each after the last reply.
"""
from __future__ import annotations

import asyncio
import time
from pathlib import Path

from bench.procs import Child, launch_attune, launch_echo
from bench.relay import (
    MOMENT_MARK,
    _is_feeling_step,
    _last_answer,
    _percentile,
    _person,
    moment_text,
)
from bench.report import Section
from bench.standin import BenchStandIn, Inbox
from tests.support.records import Sent
from tests.support.seed import Member, seed_couples

START_TIMEOUT = 60.0
ACTION_TIMEOUT = 30.0


def _message(sent: Sent) -> bool:
    """What the person reads as the bot's next message (an edit of old buttons is not one)."""
    return sent.method == "sendMessage"


async def _act(standin: BenchStandIn, inbox: Inbox, push, matches=_message) -> tuple[float, Sent]:
    """Push one update; the time until the bot's next message in the chat, and that message."""
    seen, pushed = len(inbox.messages), time.monotonic()
    await push()
    _, reply = await inbox.wait_for(matches, after=seen, timeout=ACTION_TIMEOUT)
    return reply.at - pushed, reply


async def _paced(people: list[Member], rate: float, play) -> None:
    """Start each person's run 1/rate s after the previous one's, whatever came back."""
    started, tasks = time.monotonic(), []
    for index, member in enumerate(people):
        delay = started + index / rate - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(play(member)))
    await asyncio.gather(*tasks)


async def run_attune(workdir: Path, couples: int, rate: float) -> tuple[list, list, list, dict]:
    db_path = workdir / "steady.db"
    actors = seed_couples(db_path, couples)[::2]  # one member of each couple
    standin = await BenchStandIn().start()
    child: Child | None = None
    answers: list[float] = []
    relays: list[float] = []
    failures: list[str] = []
    by_action: dict[str, list[float]] = {"/gratitude": [], "words": [], "tap": []}

    async def play(member: Member) -> None:
        person, inbox = _person(member), standin.inboxes[member.id]
        partner = standin.inboxes[member.partner_id]
        say = standin.say
        try:
            took, _ = await _act(standin, inbox, lambda: say(person, "/gratitude"),
                                 lambda s: _message(s) and MOMENT_MARK in (s.text or ""))
            answers.append(took)
            by_action["/gratitude"].append(took)
            took, step = await _act(standin, inbox, lambda: say(person, moment_text(member.id)),
                                    lambda s: _message(s) and _is_feeling_step(s))
            answers.append(took)
            by_action["words"].append(took)
            relayed = len(partner.messages)
            tapped = time.monotonic()
            took, _ = await _act(standin, inbox, lambda: standin.press(
                person, step, _last_answer(member, step)))
            answers.append(took)
            by_action["tap"].append(took)
            _, relay = await partner.wait_for(
                lambda s: moment_text(member.id) in (s.text or ""), after=relayed,
                timeout=ACTION_TIMEOUT)
            relays.append(relay.at - tapped)
        except TimeoutError:
            failures.append(f"{member.first_name}: no answer within {ACTION_TIMEOUT:.0f}s")

    try:
        child = launch_attune(base_url=standin.base_url, db_path=db_path, workdir=workdir,
                              name="attune-steady")
        await standin.wait_polled(child, START_TIMEOUT)
        await asyncio.sleep(1.0)
        await _paced(actors, rate, play)
        return answers, relays, failures, by_action
    finally:
        if child is not None:
            await child.stop()
        await standin.stop()


async def run_echo(workdir: Path, people: list[Member], rate: float) -> tuple[list, list]:
    standin = await BenchStandIn().start()
    child: Child | None = None
    replies: list[float] = []
    failures: list[str] = []

    async def play(member: Member) -> None:
        person, inbox = _person(member), standin.inboxes[member.id]
        try:
            for n in range(3):
                text = f"echo {member.id} #{n}"
                took, _ = await _act(standin, inbox, lambda text=text: standin.say(person, text),
                                     lambda s, text=text: s.text == text)
                replies.append(took)
        except TimeoutError:
            failures.append(f"{member.first_name}: no echo")

    try:
        child = launch_echo(base_url=standin.base_url, workdir=workdir, name="echo-steady")
        await standin.wait_polled(child, START_TIMEOUT)
        await asyncio.sleep(1.0)
        await _paced(people, rate, play)
        return replies, failures
    finally:
        if child is not None:
            await child.stop()
        await standin.stop()


async def run(workdir: Path, *, couples: int, rate: float) -> Section:
    section = Section(f"steady load ({couples} couples, a ritual started {rate:g} times a "
                      f"second)").open()
    answers, relays, failures, by_action = await run_attune(workdir, couples, rate)
    from tests.support.seed import members

    echo, echo_failures = await run_echo(workdir, members(couples)[::2], rate)
    section.say(f"  {len(answers)} answers timed at ~{3 * rate:g} updates/s "
                f"(~{5 * rate:g} sends/s of Telegram's 30); {len(echo)} echo replies")
    for share in (0.5, 0.95):
        name = f"p{int(share * 100)}"
        ours, floor = _percentile(answers, share) * 1000, _percentile(echo, share) * 1000
        section.figure(f"answer_{name}_ms", f"answer {name} (action -> next message)", ours,
                       "ms", floor=floor, floor_label="ms echo reply",
                       **({"target": "<= 3x echo", "met": ours <= 3 * floor}
                          if share == 0.95 else {}))
    section.say("  answer p50 by action: " + ", ".join(
        f"{action} {_percentile(times, 0.5) * 1000:.1f} ms" for action, times in by_action.items()))
    for share in (0.5, 0.95):
        name = f"p{int(share * 100)}"
        section.figure(f"relay_{name}_ms", f"relay {name} (tap -> partner)",
                       _percentile(relays, share) * 1000, "ms")
    section.figure("steady_lost", "actions unanswered", len(failures), "", target="0",
                   met=not failures)
    section.note("failures", (failures + echo_failures)[:20])
    for failure in (failures + echo_failures)[:5]:
        section.say(f"    ! {failure}")
    return section
