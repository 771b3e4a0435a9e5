"""/forget: deleting everything held about a person."""

from rituals.language import N_

ASK_PAIRED = N_(
    "This deletes everything I hold about you, for good: your reflections, your settings "
    "and your pairing with {partner}. What {partner} already received stays in their chat.\n\n"
    "Delete it all?"
)
ASK_SINGLE = N_(
    "This deletes everything I hold about you, for good: your reflections and your settings.\n\n"
    "Delete it all?"
)
DELETE_BUTTON = N_("Delete everything")
CANCEL_BUTTON = N_("Cancel")
DONE = N_(
    "Done: everything I held about you is deleted.\n"
    "If you ever want to come back, /start begins afresh."
)
CANCELLED = N_("Nothing was deleted.")
TOLD_PARTNER = N_(
    "{name} deleted their data on Attune, so your pairing has ended.\n"
    "Your own words are still in your thread. /invite makes a new link whenever you want one."
)
TOLD_FORMER = N_(
    "{name} deleted their data on Attune, so their words are gone from the thread you shared.\n"
    "Your own words are still there: /thread"
)
