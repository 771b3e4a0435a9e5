"""Running a ritual, relaying its reflection, and turning toward a partner's words."""

from rituals.language import N_

SET_ASIDE = N_("I've closed your unfinished {title}; nothing from it was sent.")
CANCELLED = N_("No problem, nothing was sent. I'm here whenever you want to come back.")
NOTHING_TO_SEND = N_("You skipped every step, so there's nothing to send this time, and that's fine.")
CANCEL_BUTTON = N_("Cancel")
SENT = N_("On its way to {partner} 💛\nIt's in your shared thread too: /thread")
HELD = N_("Saved. {partner} will get it when the time-out ends.")
UNREACHABLE = N_("Saved. {partner} isn't receiving messages right now; it will reach them when they're back.")
PRIVATE_NOTE = N_(
    "Saved as a private note: your partner isn't connected yet, so it reached no one.\n"
    "/invite makes a link for them."
)
REFUSED = N_(
    "Telegram wouldn't take one of your messages to {partner}, so it didn't reach them.\n"
    "It's still in your thread (/thread) if you'd like to send it another way."
)
HEAR_BUTTON = N_("I hear you 💛")
REPLY_BUTTON = N_("Reply to {name}")
HEARD_BODY = N_("I hear you 💛")
REPLY_ASK = N_(
    "Your words go to {partner} exactly as you write them.\n"
    "What would you like to say?"
)
REPLY_AFTER_HEARD = N_(
    "Thank you. Both parts go to {partner} together, exactly as you write them.\n"
    "What would you like to say?"
)
HEARD_NEED = N_("What I heard you need:\n{heard}")
SKIP_BUTTON = N_("Skip")
REPLY_CANCELLED = N_("No reply sent. {partner}'s words are still in your thread: /thread")
REPLY_TITLE = N_("Reply")
HEARD_TITLE = N_("I hear you")
WORDS_TITLE = N_("Message")
HEADER = N_("From {name} · {title}\n\n")  # an answer given blind, shared on its own
