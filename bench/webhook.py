"""Past one machine: relays per second with 1, 2 and 3 webhook workers on one PostgreSQL.

The same load as the relay scenario (every partner of C couples runs a gratitude at once),
but the stand-in plays Telegram's webhook and the load balancer (tests/balancer.py): each
update is POSTed to a worker at random. Each worker runs unpaced (SENDS_PER_SECOND=1000,
the stand-in sets no limits), so the figure is what the workers and the database can do on
this machine, not Telegram's 30 a second (which caps any number of workers at ~6 relays/s
for this five-call ritual). PostgreSQL is the embedded server (bench/postgres.py), durable
(fsync on), a fresh database per run. CPU is summed over the workers and over PostgreSQL;
"cores busy" adds this process (stand-in, balancer, driver) and divides by the wall time.
"""
from __future__ import annotations

import asyncio
import os
import time
from pathlib import Path

import aiohttp
import psutil

from bench.postgres import EmbeddedPostgres, free_port, start_server
from bench.procs import TOKEN, Child
from bench.relay import RitualDriver
from bench.report import Section
from bench.standin import BenchStandIn
from bot.store.db import open_database
from tests.support import processes
from tests.support.balancer import BalancingStandIn
from tests.support.seed import seed_into

SECRET = "bench-webhook-secret"
PATH = "/telegram"
WORKER_COUNTS = (1, 2, 3)


class WebhookBenchStandIn(BalancingStandIn, BenchStandIn):
    """The bench's stand-in (per-chat inboxes) delivering updates through the balancer."""


def worker_env(standin: WebhookBenchStandIn, index: int, port: int, url: str) -> dict:
    return processes.bot_env(
        TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_API_BASE_URL=standin.api_url_for(index),
        DATABASE_URL=url, LOG_LEVEL="WARNING", PYTHONUNBUFFERED="1",
        WEBHOOK_URL=f"http://127.0.0.1:{port}{PATH}", WEBHOOK_SECRET=SECRET, PORT=str(port),
        WEBHOOK_LISTEN="127.0.0.1", SENDS_PER_SECOND="1000")


async def wait_healthy(port: int, child: Child, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    async with aiohttp.ClientSession() as http:
        while True:
            if not child.alive():
                raise RuntimeError(f"a worker exited at start:\n{child.output_tail()}")
            try:
                async with http.get(f"http://127.0.0.1:{port}/healthz") as response:
                    if response.status == 200:
                        return
            except aiohttp.ClientError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"a worker never became healthy:\n{child.output_tail()}")
            await asyncio.sleep(0.1)


def postgres_cpu(server: EmbeddedPostgres) -> float:
    """CPU seconds of the postmaster and all its backends so far."""
    first_line = (server.data / "postmaster.pid").read_text().splitlines()[0]
    root = psutil.Process(int(first_line))
    total = 0.0
    for process in [root, *root.children(recursive=True)]:
        try:
            times = process.cpu_times()
            total += times.user + times.system
        except psutil.Error:  # a backend that just ended
            pass
    return total


async def run_workers(workdir: Path, server: EmbeddedPostgres, workers: int, couples: int,
                      timeout: float) -> dict:
    url = server.create_database(f"bench_webhook_{workers}")
    engine = open_database(url)
    people = seed_into(engine, couples)
    engine.dispose()
    standin = await WebhookBenchStandIn(secret=SECRET).start()
    children: list[Child] = []
    try:
        ports = [free_port() for _ in range(workers)]
        for index, port in enumerate(ports):
            children.append(Child(["-m", "bot"], worker_env(standin, index, port, url),
                                  workdir / f"webhook-{workers}-{index}.log"))
        for port, child in zip(ports, children, strict=True):
            await wait_healthy(port, child)
        standin.workers = [f"http://127.0.0.1:{port}{PATH}" for port in ports]
        await asyncio.sleep(1.0)  # past start-up's own work
        driver = RitualDriver(standin, people, timeout)
        cpu_before = sum(c.cpu_seconds() for c in children)
        pg_before, started = postgres_cpu(server), time.monotonic()
        own_before = time.process_time()  # this process: stand-in, balancer, driver
        await asyncio.gather(*(driver.play(member) for member in people))
        try:
            await asyncio.wait_for(driver.all_relayed.wait(), timeout)
        except asyncio.TimeoutError:
            pass
        seconds = time.monotonic() - started
        own = time.process_time() - own_before
        lost = len(people) - len(driver.relayed_at)
        return {"relays": len(driver.relayed_at), "seconds": seconds, "lost": lost,
                "cpu": sum(c.cpu_seconds() for c in children) - cpu_before,
                "pg_cpu": postgres_cpu(server) - pg_before, "bench_cpu": own,
                "failures": driver.failures[:5]}
    finally:
        for child in children:
            await child.stop()
        await standin.stop()


async def run(workdir: Path, *, couples: int) -> Section:
    section = Section(f"webhook workers on PostgreSQL ({couples} couples, every partner at once,"
                      " unpaced)").open()
    server, reason = start_server(durable=True)
    if server is None:
        section.say(f"  skipped: {reason}")
        section.note("skipped", reason)
        return section
    try:
        results = {}
        for workers in WORKER_COUNTS:
            results[workers] = await run_workers(workdir, server, workers, couples,
                                                 timeout=60.0 + couples * 0.5)
    finally:
        server.destroy()
    _report(section, results)
    return section


def _report(section: Section, results: dict) -> None:
    one = results[1]["relays"] / results[1]["seconds"]
    for workers, result in results.items():
        rate = result["relays"] / result["seconds"]
        section.figure(f"relays_per_s_{workers}", f"relays per second, {workers} worker"
                       f"{'s' if workers > 1 else ''}", rate, "/s", floor=one,
                       floor_label="with 1 worker")
        per_relay = (result["cpu"] + result["pg_cpu"]) / max(result["relays"], 1) * 1000
        section.figure(f"cpu_ms_per_relay_{workers}", "  CPU per relay (workers + postgres)",
                       per_relay, "ms")
        section.figure(f"pg_share_{workers}", "  of which PostgreSQL",
                       result["pg_cpu"] / max(result["cpu"] + result["pg_cpu"], 1e-9) * 100, "%")
        busy = result["cpu"] + result["pg_cpu"] + result["bench_cpu"]
        section.figure(f"cores_busy_{workers}", "  cores busy (workers, postgres, bench)",
                       busy / result["seconds"], "", floor=float(len(os.sched_getaffinity(0))),
                       floor_label="cores here")
        section.figure(f"lost_{workers}", "  relays lost", result["lost"], "", target="0",
                       met=result["lost"] == 0)
        for failure in result["failures"]:
            section.say(f"    ! {failure}")
