"""Test support, shaped after python-telegram-bot's tests/auxil: the loopback Bot API stand-in
and its parts, the in-process harness, bot processes, seeds, PostgreSQL and the fixtures.

Tests and bench import from here; nothing here imports a test module or bench.
"""
