"""`python -m bot`: read the settings, build the bot, run until stopped (or `backup PATH`)."""
from __future__ import annotations

import asyncio
import logging
import sys

from bot.config import SettingsError, load_settings
from bot.logs import configure_logging, redact

USAGE = "usage: python -m bot (run the bot), or python -m bot backup PATH"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["backup"]:
        from bot.backup import main as backup

        return backup(argv[1:])
    if argv:
        print(f"attune: {USAGE}", file=sys.stderr)
        return 2
    try:
        settings = load_settings()
    except SettingsError as error:
        print(f"attune: {error}", file=sys.stderr)
        return 2
    configure_logging(settings.log_level_number)
    from bot.app import build_application
    from bot.runner import run_until_signalled

    try:
        app = build_application(settings)
    except Exception as error:
        print(f"attune: cannot start: {type(error).__name__}: {redact(str(error))}", file=sys.stderr)
        return 1
    try:
        # SIGTERM/SIGINT: stop fetching, let the updates in hand and the sends in flight
        # finish, close the database, and return here.
        asyncio.run(run_until_signalled(app))
    except Exception as error:  # e.g. Telegram unreachable or the token refused at start
        print(f"attune: stopped: {type(error).__name__}: {redact(str(error))}", file=sys.stderr)
        return 1
    logging.getLogger("bot").info("Attune stopped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
