"""`python -m bot`: read the settings, build the bot, poll until stopped."""
from __future__ import annotations

import logging
import sys

from bot.config import SettingsError, load_settings
from bot.logs import configure_logging


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
        print(f"attune: cannot start: {type(error).__name__}: {error}", file=sys.stderr)
        return 1
    app.run_polling(allowed_updates=["message", "edited_message", "callback_query"],
                    drop_pending_updates=False, close_loop=False)
    logging.getLogger("bot").info("Attune stopped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
