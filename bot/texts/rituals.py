"""Running a ritual, relaying its reflection, and turning toward a partner's words."""

SET_ASIDE = "I've closed your unfinished {title}; nothing from it was sent."
CANCELLED = "No problem, nothing was sent. I'm here whenever you want to come back."
NOTHING_TO_SEND = "You skipped every step, so there's nothing to send this time, and that's fine."
CANCEL_BUTTON = "Cancel"
SENT = "On its way to {partner} 💛\nIt's in your shared thread too: /thread"
HELD = "Saved. {partner} will get it when the time-out ends."
UNREACHABLE = "Saved. {partner} isn't receiving messages right now; it will reach them when they're back."
PRIVATE_NOTE = (
    "Saved as a private note: your partner isn't connected yet, so it reached no one.\n"
    "/invite makes a link for them."
)
REFUSED = (
    "Telegram wouldn't take one of your messages to {partner}, so it didn't reach them.\n"
    "It's still in your thread (/thread) if you'd like to send it another way."
)
HEAR_BUTTON = "I hear you 💛"
REPLY_BUTTON = "Reply to {name}"
HEARD_BODY = "I hear you 💛"
REPLY_ASK = (
    "Your words go to {partner} exactly as you write them.\n"
    "What would you like to say?"
)
REPLY_AFTER_HEARD = (
    "Thank you. Both parts go to {partner} together, exactly as you write them.\n"
    "What would you like to say?"
)
HEARD_NEED = "What I heard you need:\n{heard}"
SKIP_BUTTON = "Skip"
REPLY_CANCELLED = "No reply sent. {partner}'s words are still in your thread: /thread"
REPLY_TITLE = "Reply"
HEARD_TITLE = "I hear you"
WORDS_TITLE = "Message"
HEADER = "From {name} · {title}\n\n"  # an answer given blind, shared on its own
