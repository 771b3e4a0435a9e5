"""Welcome, pairing, help and gentle refusals.

Written to ../shared/VOICE.md: warm, brief, one idea per message, the question or the
next step last, the partner's first name, at most one emoji.
"""

from rituals.language import N_

WELCOME = N_(
    "Hi {name}. Attune helps the two of you stay close, one small ritual a day.\n\n"
    "Each evening I offer a short check-in; what you write reaches your partner exactly as "
    "you wrote it, and stays in a thread only the two of you can read.\n\n"
    "To begin, send /invite and pass the link to your partner, or open the link they sent you."
)
WELCOME_PAIRED = N_(
    "Hi {name}. You and {partner} are connected.\n\n"
    "Whenever you're ready: /checkin, /gratitude or /trigger. /help lists everything."
)

INVITE = N_(
    "Here is your invite link for your partner:\n{link}\n\n"
    "It works once, for 7 days. When they open it, I'll let you both know."
)
INVITE_SHARE_BUTTON = N_("Send it to my partner")
INVITE_SHARE_TEXT = N_("Join me on Attune, a few minutes a day for the two of us.")
INVITE_ALREADY_PAIRED = N_(
    "You're already connected with {partner}.\n"
    "To connect with someone else, send /unpair first."
)

# What Attune is, told to both right after pairing (their zone is asked next).
ABOUT = N_(
    "Each evening I offer one small ritual: a check-in, a thank-you, or naming what stung.\n"
    "What either of you writes reaches the other exactly as written, and stays in a thread "
    "only the two of you can read."
)
PAIRED_INVITEE = N_(
    "You and {partner} are connected now 💛\n"
    "Each evening I offer one small ritual: a check-in, a thank-you, or naming what stung.\n"
    "What either of you writes reaches the other exactly as written, and stays in a thread "
    "only the two of you can read."
)
PAIRED_INVITER = N_(
    "{partner} opened your link: you're connected now 💛\n"
    "Each evening I offer one small ritual: a check-in, a thank-you, or naming what stung.\n"
    "What either of you writes reaches the other exactly as written, and stays in a thread "
    "only the two of you can read."
)
CODE_UNKNOWN = N_(
    "That invite link doesn't work, perhaps a character got lost on the way.\n"
    "Ask your partner to send /invite for a fresh one."
)
CODE_USED = N_(
    "That invite link has already been used.\n"
    "Ask your partner to send /invite for a fresh one."
)
CODE_EXPIRED = N_(
    "That invite link has expired: they last 7 days.\n"
    "Ask your partner to send /invite for a fresh one."
)
CODE_OWN = N_(
    "That's your own invite link.\n"
    "Send it to your partner: when they open it, you'll both hear from me."
)
ALREADY_PAIRED = N_(
    "You're already connected with {partner}.\n"
    "To connect with someone else, send /unpair first."
)

NOT_PAIRED = N_(
    "You're not connected with a partner yet.\n"
    "Send /invite to get a link for them, or open the link they sent you."
)
UNPAIR_ASK = N_(
    "Unpair from {partner}? You'll stop sharing rituals.\n"
    "Your thread is kept until one of you deletes your data with /forget."
)
UNPAIR_DONE = N_("You and {partner} are no longer paired. /invite makes a new link whenever you want one.")
UNPAIR_CANCELLED = N_("Nothing changed: you and {partner} are still connected.")
UNPAIR_TOLD_PARTNER = N_(
    "{partner} has ended your pairing on Attune.\n"
    "Your shared thread is kept; /forget removes your part of it. "
    "/invite makes a new link whenever you want one."
)

PRIVATE_ONLY = N_(
    "I work in private chats only, so what you share stays between the two of you.\n"
    "Message me directly: @{username}"
)
PRIVATE_ONLY_SHORT = N_("Attune works in private chats only.")

HELP_HEADER = N_("Here's what I can do:")
HELP_FOOTER = N_("Each evening I'll also offer a ritual at the time you choose with /time.")

UNKNOWN_COMMAND = N_("I don't know {command}. /help lists what I can do.")
NOT_TEXT = N_(
    "I can only read text, so that didn't reach me.\n"
    "Type a few words instead, or see /help."
)
EDITED = N_("I saw you edited a message. I keep what was first sent, so send it again if it matters.")
NOT_TEXT_MID = N_("I can only read words, so that didn't reach me.")
EDITED_MID = N_("I keep what was first sent, so that edit changed nothing.")
STALE_BUTTON = N_("That button has expired.")
NOTHING_OPEN = N_("I'm here whenever you want me. /checkin starts tonight's check-in; /help lists the rest.")
SOMETHING_WENT_WRONG = N_(
    "Something went wrong on my side, sorry, and that last step wasn't saved.\n"
    "Please try it again."
)
PARTNER_UNREACHABLE = N_(
    "{partner} isn't receiving messages from me right now.\n"
    "What you write is saved and will reach them as soon as they're back."
)
UNPAIR_YES = N_("Yes, unpair from {partner}")
CANCEL_BUTTON = N_("Cancel")

THERE = N_("there")  # "Hi there." for someone with no first name
# Standing in for a name that isn't known (a partner who left, or isn't connected yet).
YOUR_PARTNER = N_("your partner")
YOUR_PARTNER_START = N_("Your partner")

# /language
LANGUAGE_ASK = N_("I'm speaking English with you now. Which language would you like?")
LANGUAGE_SET = N_(
    "From now on I'll speak English with you. What {partner} writes still reaches you "
    "exactly as they wrote it."
)
LANGUAGE_SET_ALONE = N_("From now on I'll speak English with you.")
LANGUAGE_UNKNOWN = N_("I don't speak “{typed}” yet. Which of these would you like?")
