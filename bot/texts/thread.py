"""The shared thread (/thread) and its export (/export)."""

EMPTY = (
    "Your thread is empty for now.\n"
    "What you and your partner share lands here; /checkin is a good first step."
)
NO_OLDER = "That's the beginning of your thread."
NO_NEWER = "That's the latest in your thread: /thread shows it."
OLDER_BUTTON = "Older entries"
NEWER_BUTTON = "Newer entries"
EXPORT_CAPTION = "Your thread, for the two of you to keep."
EXPORT_TITLE = "# {names}: your Attune thread\n\nExported {when}.\n"
