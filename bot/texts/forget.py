"""/forget: deleting everything held about a person."""

ASK_PAIRED = (
    "This deletes everything I hold about you, for good: your reflections, your settings "
    "and your pairing with {partner}. What {partner} already received stays in their chat.\n\n"
    "Delete it all?"
)
ASK_SINGLE = (
    "This deletes everything I hold about you, for good: your reflections and your settings.\n\n"
    "Delete it all?"
)
DELETE_BUTTON = "Delete everything"
CANCEL_BUTTON = "Cancel"
DONE = (
    "Done: everything I held about you is deleted.\n"
    "If you ever want to come back, /start begins afresh."
)
CANCELLED = "Nothing was deleted."
TOLD_PARTNER = (
    "{name} deleted their data on Attune, so your pairing has ended.\n"
    "Your own words are still in your thread. /invite makes a new link whenever you want one."
)
TOLD_FORMER = (
    "{name} deleted their data on Attune, so their words are gone from the thread you shared.\n"
    "Your own words are still there: /thread"
)
