"""The shared thread (/thread) and its export (/export)."""

from rituals.language import N_

EMPTY = N_(
    "Your thread is empty for now.\n"
    "What you and your partner share lands here; /checkin is a good first step."
)
NO_OLDER = N_("That's the beginning of your thread.")
NO_NEWER = N_("That's the latest in your thread: /thread shows it.")
OLDER_BUTTON = N_("Older entries")
NEWER_BUTTON = N_("Newer entries")
EXPORT_CAPTION = N_("Your thread, for the two of you to keep.")
EXPORT_TITLE = N_("# {names}: your Attune thread\n\nExported {when}.\n")
SOMEONE = N_("Someone")  # an author whose name is gone
YOU = N_("You")  # the export's title, for someone with no name
