"""Memory and start-up: the bot idle with many couples stored, against the echo bot idle."""
from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from pathlib import Path

from bench.procs import launch_attune, launch_echo
from bench.report import Section
from bench.standin import BenchStandIn
from tests.support.seed import seed_couples

START_TIMEOUT = 60.0


@dataclass
class Launch:
    startup_s: float
    peak_rss_mb: float
    idle_cpu_s: float


async def measure_launch(workdir: Path, *, couples: int | None, idle: float) -> Launch:
    """Start a bot (Attune with `couples` stored, or the echo bot when None), let it idle."""
    db_path = workdir / f"footprint-{couples}.db"
    if couples is not None:
        seed_couples(db_path, couples)
    standin = await BenchStandIn().start()
    child = None
    try:
        launched = time.monotonic()
        if couples is None:
            child = launch_echo(base_url=standin.base_url, workdir=workdir)
        else:
            child = launch_attune(base_url=standin.base_url, db_path=db_path, workdir=workdir,
                                  name=f"attune-{couples}")
        polled = await standin.wait_polled(child, START_TIMEOUT)
        cpu_at_poll = child.cpu_seconds()
        await asyncio.sleep(idle)
        return Launch(polled - launched, child.peak_rss_mb(), child.cpu_seconds() - cpu_at_poll)
    finally:
        if child is not None:
            await child.stop()
        await standin.stop()


async def run(workdir: Path, *, small: int, large: int, idle: float) -> Section:
    section = Section(f"memory and start-up ({small} and {large} couples stored)").open()
    echo = await measure_launch(workdir, couples=None, idle=idle)
    few = await measure_launch(workdir, couples=small, idle=idle)
    many = await measure_launch(workdir, couples=large, idle=idle)
    _memory(section, echo, few, many, small, large)
    _startup(section, echo, few, many, small, large)
    return section


def _memory(section: Section, echo: Launch, few: Launch, many: Launch,
            small: int, large: int) -> None:
    section.figure("rss_small_mb", f"peak RSS idle, {small} couples", few.peak_rss_mb, "MB",
                   floor=echo.peak_rss_mb, floor_label="MB echo")
    section.figure("rss_large_mb", f"peak RSS idle, {large} couples", many.peak_rss_mb, "MB",
                   floor=echo.peak_rss_mb, floor_label="MB echo")
    growth = (many.peak_rss_mb - few.peak_rss_mb) / max(large - small, 1) * 1000
    section.figure("rss_growth_mb_per_1000", "growth per 1000 couples", growth, "MB",
                   target="< 10 MB (aim 5)", met=growth < 10)
    section.figure("idle_cpu_large_s", f"CPU while idle, {large} couples", many.idle_cpu_s, "s",
                   floor=echo.idle_cpu_s or 0.01, floor_label="s echo")


def _startup(section: Section, echo: Launch, few: Launch, many: Launch,
             small: int, large: int) -> None:
    section.figure("startup_small_s", f"launch -> first poll, {small} couples", few.startup_s,
                   "s", floor=echo.startup_s, floor_label="s echo")
    section.figure("startup_large_s", f"launch -> first poll, {large} couples", many.startup_s,
                   "s", floor=echo.startup_s, floor_label="s echo",
                   target="< 3 s (aim 2)", met=many.startup_s < 3)
