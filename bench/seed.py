"""The command line of tests/support/seed.py: N paired couples into a SQLite file.

    python -m bench.seed /tmp/x.db 10000 [--nudge-at 2026-11-25T21:00:00Z]
"""
from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path

from tests.support.seed import seed_couples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("couples", type=int)
    parser.add_argument("--nudge-at", type=datetime.fromisoformat, default=None)
    args = parser.parse_args()
    seed_couples(args.db, args.couples, nudge_at=args.nudge_at)
    print(f"seeded {args.couples} couples into {args.db}")


if __name__ == "__main__":
    main()
