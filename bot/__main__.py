"""`python -m bot`: read the settings, build the bot, poll until stopped."""
from __future__ import annotations

import logging
import sys

from bot.config import SettingsError, load_settings
from bot.logs import configure_logging, redact

# Channel posts, inline queries and the rest never reach the bot.
ALLOWED_UPDATES = ["message", "edited_message", "callback_query"]


def main() -> int:
    try:
        settings = load_settings()
    except SettingsError as error:
        print(f"attune: {error}", file=sys.stderr)
        return 2
    configure_logging(settings.log_level_number)
    from bot.app import build_application

    try:
        app = build_application(settings)
    except Exception as error:
        print(f"attune: cannot start: {type(error).__name__}: {redact(str(error))}", file=sys.stderr)
        return 1
    try:
        # SIGTERM/SIGINT stop polling, let the update in hand and the send in flight finish
        # (post_stop), close the database, and return here.
        app.run_polling(allowed_updates=ALLOWED_UPDATES, drop_pending_updates=False,
                        close_loop=False)
    except Exception as error:  # e.g. Telegram unreachable or the token refused at start
        print(f"attune: stopped: {type(error).__name__}: {redact(str(error))}", file=sys.stderr)
        return 1
    logging.getLogger("bot").info("Attune stopped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
