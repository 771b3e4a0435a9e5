"""The shared thread (/thread) and its export (/export)."""

EMPTY = (
    "Your thread is empty for now.\n"
    "What you and your partner share lands here; /checkin is a good first step."
)
NO_OLDER = "That's the beginning of your thread."
OLDER_BUTTON = "Older entries"
EXPORT_CAPTION = "Your thread, for the two of you to keep."
EXPORT_TITLE = "# {names}: your Attune thread\n\nExported {when}.\n"
