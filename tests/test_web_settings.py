"""Starting the web server as an operator meets it: each bad web setting is one clear line
and exit 2, a port already taken stops the worker with one line, .env.example means polling,
SENDS_PER_SECOND sets the pace."""
from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from bot.config import Settings
from tests.support.people import TOKEN
from tests.support.standin import BotApiStandIn

REPO = Path(__file__).resolve().parent.parent
SECRET = "s3cret_-Token"

def run_bot(cwd: Path, timeout: float = 60, **settings: str) -> subprocess.CompletedProcess:
    """`python -m bot` with exactly these settings (and a token), from a dir without .env."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("TELEGRAM_", "DATABASE_URL", "WEBHOOK_", "PORT", "LOG_LEVEL"))}
    env.update(PYTHONPATH=str(REPO), TELEGRAM_BOT_TOKEN=TOKEN,
               DATABASE_URL=f"sqlite:///{cwd / 'a.db'}", **settings)
    return subprocess.run([sys.executable, "-m", "bot"], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=timeout)


HOOK = "https://bot.example.com/hook"


@pytest.mark.parametrize("settings, name", [
    ({"WEBHOOK_URL": "http://bot.example.com/hook", "WEBHOOK_SECRET": "Q9_unseen"}, "WEBHOOK_URL"),
    ({"WEBHOOK_URL": "bot.example.com/hook", "WEBHOOK_SECRET": "Q9_unseen"}, "WEBHOOK_URL"),
    ({"WEBHOOK_URL": "https://bot.example.com/healthz", "WEBHOOK_SECRET": "Q9_unseen"}, "WEBHOOK_URL"),
    ({"WEBHOOK_URL": HOOK}, "WEBHOOK_SECRET"),
    ({"WEBHOOK_URL": HOOK, "WEBHOOK_SECRET": ""}, "WEBHOOK_SECRET"),
    ({"WEBHOOK_URL": HOOK, "WEBHOOK_SECRET": "has spaces-and!bang"}, "WEBHOOK_SECRET"),
    ({"WEBHOOK_URL": HOOK, "WEBHOOK_SECRET": "s" * 257}, "WEBHOOK_SECRET"),
    ({"SENDS_PER_SECOND": "0"}, "SENDS_PER_SECOND"),
    ({"PORT": "70000"}, "PORT"),
    ({"PORT": "eighty"}, "PORT"),
    ({"WEBHOOK_URL": HOOK, "WEBHOOK_SECRET": "Q9_unseen", "WEBHOOK_LISTEN": "any:where"},
     "WEBHOOK_LISTEN"),
])
def test_a_bad_web_setting_is_one_clear_line_and_exit_2(tmp_path, settings, name):
    result = run_bot(tmp_path, **settings)
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 2
    assert len(lines) == 1 and lines[0].startswith(f"attune: {name} "), result.stderr
    secret = settings.get("WEBHOOK_SECRET")
    assert not secret or secret not in result.stderr


async def test_a_port_already_taken_stops_the_worker_with_one_line(tmp_path):
    standin = await BotApiStandIn().start()
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    try:
        result = await asyncio.to_thread(
            run_bot, tmp_path, TELEGRAM_API_BASE_URL=standin.base_url,
            WEBHOOK_URL=f"http://127.0.0.1:{taken.getsockname()[1]}/hook", WEBHOOK_SECRET=SECRET,
            WEBHOOK_LISTEN="127.0.0.1", PORT=str(taken.getsockname()[1]), LOG_LEVEL="WARNING")
    finally:
        taken.close()
        await standin.stop()
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1].startswith("attune: stopped: OSError")
    assert "Traceback" not in result.stderr and SECRET not in result.stderr


def test_env_example_as_it_stands_means_polling_without_a_web_server(tmp_path, monkeypatch):
    from bot.config import load_settings

    example = (REPO / ".env.example").read_text()
    assert "WEBHOOK_URL=" in example and "WEBHOOK_SECRET=" in example and "PORT=" in example
    (tmp_path / ".env").write_text(example)
    monkeypatch.chdir(tmp_path)
    for name in ("WEBHOOK_URL", "WEBHOOK_SECRET", "PORT", "WEBHOOK_LISTEN"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
    settings = load_settings()
    assert not settings.webhook and settings.web_port is None
    assert settings.webhook_listen == "0.0.0.0"


def test_sends_per_second_sets_this_process_pace(tmp_path):
    from bot.app import build_application

    settings = Settings(telegram_bot_token=TOKEN, database_url=f"sqlite:///{tmp_path / 'a.db'}",
                        sends_per_second=9.5, _env_file=None)
    app = build_application(settings)
    assert app.bot.rate_limiter._interval == pytest.approx(1 / 9.5)
    app.bot_data["services"].engine.dispose()
