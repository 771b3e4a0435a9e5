"""The shared fixtures (tests/conftest.py imports them): stand-ins, the harness, databases.

A test asks for PostgreSQL with `postgres_url` (a fresh empty database), for both databases
with `database_url` (parametrized sqlite, postgres), and runs its harness on both by
overriding `harness_db_url` in its module with one that returns `database_url`.
"""
from __future__ import annotations

import logging

import pytest

from bot.store.db import open_database
from tests.support.harness import Harness
from tests.support.postgres import PostgresServer
from tests.support.standin import BotApiStandIn


@pytest.fixture
async def make_standin():
    """Start stand-ins with options (rate limits...); each is stopped and its calls must have
    met the Bot API spec by the end of the test."""
    started: list[BotApiStandIn] = []

    async def make(**options) -> BotApiStandIn:
        server = await BotApiStandIn(**options).start()
        started.append(server)
        return server

    yield make
    for server in started:
        await server.stop()
    for server in started:
        server.spec.assert_clean()


@pytest.fixture
async def standin(make_standin):
    """A fresh loopback Bot API per test."""
    return await make_standin()


@pytest.fixture
def harness_db_url(tmp_path) -> str:
    """The harness's database: a SQLite file, unless a module overrides this fixture."""
    return f"sqlite:///{tmp_path / 'attune.db'}"


@pytest.fixture
async def make_harness(caplog):
    """Start the real bot on a stand-in and a database; no traceback may reach its log."""
    caplog.set_level(logging.INFO)
    started: list[Harness] = []

    async def make(standin: BotApiStandIn, db_url: str) -> Harness:
        harness = Harness(standin, db_url)
        started.append(harness)
        await harness.start()
        return harness

    yield make
    for harness in started:
        await harness.stop()
    tracebacks = [r for r in caplog.records if r.exc_info or "Traceback" in r.getMessage()]
    assert not tracebacks, f"a traceback reached the log: {tracebacks[0].getMessage()}"


@pytest.fixture
async def harness(harness_db_url, standin, make_harness):
    """The real Application polling `standin`, on `harness_db_url`."""
    # Set up in this order so teardown runs the other way: the bot stops, then the stand-in
    # (checking its calls), then the database goes.
    return await make_harness(standin, harness_db_url)


@pytest.fixture(scope="session")
def postgres_server():
    """One PostgreSQL for the whole run, started at the first test that needs it and
    stopped at the end of the session, whatever happened in between."""
    server = PostgresServer.for_tests()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def postgres_url(postgres_server) -> str:
    """A fresh, empty PostgreSQL database for this test (dropped after it)."""
    url = postgres_server.create_database()
    yield url
    postgres_server.drop_database(url)


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request, tmp_path) -> str:
    """The test once on a SQLite file and once on a fresh PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'attune.db'}"
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def engine(database_url):
    """A migrated database, once SQLite and once PostgreSQL."""
    engine = open_database(database_url)
    yield engine
    engine.dispose()
