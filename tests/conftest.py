"""Fixtures: a fresh stand-in Bot API and the real bot polling it, per test."""
from __future__ import annotations

import logging

import pytest

from tests.harness import Harness
from tests.standin import BotApiStandIn


@pytest.fixture
async def standin():
    server = await BotApiStandIn().start()
    yield server
    await server.stop()


@pytest.fixture
async def harness(standin, tmp_path, caplog):
    caplog.set_level(logging.INFO)
    h = Harness(standin, tmp_path / "attune.db")
    await h.start()
    yield h
    await h.stop()
    tracebacks = [r for r in caplog.records if r.exc_info or "Traceback" in r.getMessage()]
    assert not tracebacks, f"a traceback reached the log: {tracebacks[0].getMessage()}"
