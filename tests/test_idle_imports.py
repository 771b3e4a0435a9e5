"""What an idle bot doesn't load: libraries only some moments need are imported at those
moments, so every process isn't paying for them in memory (BENCHMARKS.md: idle memory)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

LATER = {
    "alembic": "only when the schema is behind",
    "matplotlib": "only for a picture of the week",
    "babel": "only when a time is shown",
    "regex": "only for words long enough to cut",
    "aiohttp.web": "only with a web port or a webhook",
    "sqlalchemy.dialects.postgresql": "only on PostgreSQL",
    "timezonefinder": "only for a shared location",
}


@pytest.fixture(scope="module")
def loaded() -> set[str]:
    """The modules `python -m bot` has once its parts are imported (what it runs)."""
    code = "import sys, bot.app, bot.runner; print('\\n'.join(sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, cwd=Path(__file__).parent.parent)
    return set(result.stdout.split())


@pytest.mark.parametrize("module", sorted(LATER))
def test_an_idle_bot_has_not_loaded(loaded, module):
    assert module not in loaded, f"{module} is loaded at start; {LATER[module]}"


def test_long_words_are_still_cut_with_unicode_in_mind():
    from bot.messages import split_message

    words = "👨‍👩‍👧 " * 2000
    parts = split_message("", words, limit=100)
    assert "".join(parts) == words
    assert all("\u200d" not in (part[:1] + part[-1:]) for part in parts)
