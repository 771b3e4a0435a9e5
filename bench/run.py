"""The one command: `python -m bench` (or `python bench/run.py`). Everything on loopback.

Starts a Bot API stand-in in this process, the real bot (`python -m bot`) and a plain echo
bot as subprocesses, runs the scenarios, prints each figure beside its floor, and stops
and cleans up by itself (children killed and the temp dir removed in `finally`).
"""
from __future__ import annotations

import argparse
import asyncio
import json
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repo importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import backlog, fanout, footprint, isolation, relay, steady, webhook  # noqa: E402

SCENARIOS = ("relay", "steady", "isolation", "fanout", "backlog", "memory", "webhook")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--couples", type=int, default=200, help="couples in the relay (200)")
    parser.add_argument("--steady-couples", type=int, default=100,
                        help="couples in the steady-load latency run (100)")
    parser.add_argument("--steady-rate", type=float, default=2.5,
                        help="rituals started a second in the steady run (2.5: ~12.5 sends/s)")
    parser.add_argument("--fanout", type=int, default=1000, help="couples nudged at once (1000)")
    parser.add_argument("--backlog", type=int, default=1000,
                        help="couples with updates waiting at start (1000; a tenth is the floor)")
    parser.add_argument("--stored", type=int, nargs=2, default=(1000, 10_000),
                        metavar=("FEW", "MANY"), help="couples stored for memory/start-up")
    parser.add_argument("--webhook-couples", type=int, default=150,
                        help="couples in the webhook scenario, run with 1, 2, 3 workers (150)")
    parser.add_argument("--only", choices=SCENARIOS, action="append",
                        help="run only this scenario (repeatable)")
    parser.add_argument("--quick", action="store_true",
                        help="a short smoke run with tiny numbers (seconds, not minutes)")
    parser.add_argument("--profile", type=Path, metavar="DIR",
                        help="profile the bot with py-spy during relay and fan-out; raw stacks "
                             "and summaries go to DIR (figures are then a little pessimistic)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    if args.quick:
        args.couples, args.fanout, args.stored = 4, 15, (50, 500)
        args.backlog = 100
        args.steady_couples, args.steady_rate = 4, 4.0
    return args


async def run_all(args: argparse.Namespace, workdir: Path) -> dict:
    # --quick leaves out the webhook scenario (it starts PostgreSQL and seven bots) unless named.
    chosen = args.only or [s for s in SCENARIOS if not (args.quick and s == "webhook")]
    results: dict = {}
    idle = 0.5 if args.quick else 3.0
    if "relay" in chosen:
        results["relay"] = (await relay.run(workdir, couples=args.couples,
                                             profile=args.profile)).values
    if "steady" in chosen:
        results["steady"] = (await steady.run(workdir, couples=args.steady_couples,
                                               rate=args.steady_rate)).values
    if "isolation" in chosen:
        results["isolation"] = (await isolation.run(workdir,
                                                    couples=3 if args.quick else 20)).values
    if "fanout" in chosen:
        results["fanout"] = (await fanout.run(workdir, couples=args.fanout, quick=args.quick,
                                              profile=args.profile)).values
    if "backlog" in chosen:
        results["backlog"] = (await backlog.run(workdir, couples=args.backlog)).values
    if "memory" in chosen:
        few, many = args.stored
        results["memory"] = (await footprint.run(workdir, small=few, large=many,
                                                 idle=idle)).values
    if "webhook" in chosen:
        couples = 4 if args.quick else args.webhook_couples
        results["webhook"] = (await webhook.run(workdir, couples=couples)).values
    return results


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    print(f"Attune benchmarks on {platform.python_implementation()} {platform.python_version()}, "
          f"{_cores()} cores{' (quick)' if args.quick else ''}", flush=True)
    workdir = Path(tempfile.mkdtemp(prefix="attune-bench-"))
    started = time.monotonic()
    try:
        results = asyncio.run(run_all(args, workdir))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    results["seconds"] = round(time.monotonic() - started, 1)
    print(f"\ndone in {results['seconds']} s", flush=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, default=str))
    return 0


def _cores() -> int:
    import os

    return len(os.sched_getaffinity(0))


if __name__ == "__main__":
    sys.exit(main())
