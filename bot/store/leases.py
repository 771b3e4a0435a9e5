"""Who holds a lease: this process's name, and which named holders are known to be gone.

A lease names its holder as "host:pid". At start a process frees only the leases of
holders on its own machine whose process no longer runs (a kill -9); a live process's
leases (an overlapping deploy on the same SQLite file, another worker on PostgreSQL) are
left to it, and a holder elsewhere simply lets its leases run out.
"""
from __future__ import annotations

import os
import socket
from functools import cache


@cache
def this_holder() -> str:
    return f"{socket.gethostname()[:40]}:{os.getpid()}"


def gone(holders: list[str]) -> list[str]:
    """The holders on this machine whose process has ended."""
    host = socket.gethostname()[:40]
    result = []
    for holder in holders:
        name, _, pid = holder.rpartition(":")
        if name == host and pid.isdigit() and holder != this_holder() and not _alive(int(pid)):
            result.append(holder)
    return result


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
