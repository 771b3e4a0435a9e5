"""Who holds a lease: this process's name, and which named holders are known to be gone.

A lease names its holder as "host:pid:start", the last part new at every start. A process
frees only the leases of holders on its own machine whose process no longer runs (a kill
-9), or that had its own pid in an earlier life (a container restarted as pid 1 again); a
live process's leases (an overlapping deploy on the same SQLite file, another worker on
PostgreSQL) are left to it, and a holder elsewhere simply lets its leases run out.
"""
from __future__ import annotations

import os
import secrets
import socket
from functools import cache


@cache
def this_holder() -> str:
    return f"{socket.gethostname()[:40]}:{os.getpid()}:{secrets.token_hex(4)}"


def gone(holders: list[str]) -> list[str]:
    """The holders on this machine whose process has ended."""
    host = socket.gethostname()[:40]
    mine = this_holder()
    result = []
    for holder in holders:
        name, pid, start = _parts(holder)
        if name != host or pid is None or holder == mine:
            continue
        if pid == os.getpid() or not _alive(pid):  # same pid, another start: gone too
            result.append(holder)
    return result


def _parts(holder: str) -> tuple[str, int | None, str]:
    name, _, rest = holder.partition(":")
    pid, _, start = rest.partition(":")
    return name, (int(pid) if pid.isdigit() else None), start


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
