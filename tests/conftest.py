"""Fixtures for every test, from tests/support/fixtures.py (see its docstring)."""
from __future__ import annotations

from tests.support.fixtures import (  # noqa: F401  (fixtures are found by name)
    database_url,
    engine,
    harness,
    harness_db_url,
    make_harness,
    make_standin,
    postgres_server,
    postgres_url,
    standin,
)
