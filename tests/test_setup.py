"""Setting up: .env.example's placeholder token stops the bot with a line that says to
replace it, and a `postgres://` URL (what Heroku and Railway set) means psycopg 3."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from bot.config import SettingsError, load_settings
from bot.store.db import _with_driver, make_engine

REPO = Path(__file__).resolve().parents[1]


def example_token() -> str:
    for line in (REPO / ".env.example").read_text(encoding="utf-8").splitlines():
        if line.startswith("TELEGRAM_BOT_TOKEN="):
            return line.split("=", 1)[1].strip()
    raise AssertionError(".env.example names no TELEGRAM_BOT_TOKEN")


def test_the_example_token_fails_the_format_check_saying_to_replace_it(monkeypatch):
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    with pytest.raises(SettingsError) as refused:
        load_settings(telegram_bot_token=example_token(), _env_file=None)
    line = str(refused.value)
    assert line.startswith("TELEGRAM_BOT_TOKEN") and "replace it" in line and "\n" not in line
    assert example_token() not in line


def test_a_copied_env_example_stops_the_bot_with_one_line(tmp_path):
    shutil.copy(REPO / ".env.example", tmp_path / ".env")
    env = {k: v for k, v in os.environ.items()
           if k not in ("TELEGRAM_BOT_TOKEN", "DATABASE_URL", "TELEGRAM_API_BASE_URL")}
    env["PYTHONPATH"] = str(REPO)
    result = subprocess.run([sys.executable, "-m", "bot"], cwd=tmp_path, env=env,
                            capture_output=True, text=True, timeout=60)
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 2
    assert len(lines) == 1 and "replace it" in lines[0], result.stderr


def test_a_real_looking_token_still_passes():
    settings = load_settings(telegram_bot_token="123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw",
                             _env_file=None)
    assert settings.telegram_bot_token.get_secret_value().startswith("123456789:")


@pytest.mark.parametrize("url", ["postgres://attune:pw@127.0.0.1:5432/attune",
                                 "postgresql://attune:pw@127.0.0.1:5432/attune"])
def test_a_postgres_url_means_psycopg(url):
    assert _with_driver(make_url(url)).drivername == "postgresql+psycopg"
    pytest.importorskip("psycopg")
    engine = make_engine(url)  # no connection is made until one is asked for
    try:
        assert engine.url.drivername == "postgresql+psycopg" and engine.dialect.name == "postgresql"
    finally:
        engine.dispose()
