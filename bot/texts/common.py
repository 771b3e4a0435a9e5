"""Welcome, pairing, help and gentle refusals.

Written to ../shared/VOICE.md: warm, brief, one idea per message, the question or the
next step last, the partner's first name, at most one emoji.
"""

WELCOME = (
    "Hi {name}. Attune helps the two of you stay close, one small ritual a day.\n\n"
    "Each evening I offer a short check-in; what you write reaches your partner exactly as "
    "you wrote it, and stays in a thread only the two of you can read.\n\n"
    "To begin, send /invite and pass the link to your partner, or open the link they sent you."
)
WELCOME_PAIRED = (
    "Hi {name}. You and {partner} are connected.\n\n"
    "Whenever you're ready: /checkin, /gratitude or /trigger. /help lists everything."
)

INVITE = (
    "Here is your invite link for your partner:\n{link}\n\n"
    "It works once, for 7 days. When they open it, I'll let you both know."
)
INVITE_SHARE_BUTTON = "Send it to my partner"
INVITE_SHARE_TEXT = "Join me on Attune, a few minutes a day for the two of us."
INVITE_ALREADY_PAIRED = (
    "You're already connected with {partner}.\n"
    "To connect with someone else, send /unpair first."
)

# What Attune is, told to both right after pairing (their zone is asked next).
ABOUT = (
    "Each evening I offer one small ritual: a check-in, a thank-you, or naming what stung.\n"
    "What either of you writes reaches the other exactly as written, and stays in a thread "
    "only the two of you can read."
)
PAIRED_INVITEE = "You and {partner} are connected now 💛\n" + ABOUT
PAIRED_INVITER = "{partner} opened your link: you're connected now 💛\n" + ABOUT
CODE_UNKNOWN = (
    "That invite link doesn't work, perhaps a character got lost on the way.\n"
    "Ask your partner to send /invite for a fresh one."
)
CODE_USED = (
    "That invite link has already been used.\n"
    "Ask your partner to send /invite for a fresh one."
)
CODE_EXPIRED = (
    "That invite link has expired: they last 7 days.\n"
    "Ask your partner to send /invite for a fresh one."
)
CODE_OWN = (
    "That's your own invite link.\n"
    "Send it to your partner: when they open it, you'll both hear from me."
)
ALREADY_PAIRED = (
    "You're already connected with {partner}.\n"
    "To connect with someone else, send /unpair first."
)

NOT_PAIRED = (
    "You're not connected with a partner yet.\n"
    "Send /invite to get a link for them, or open the link they sent you."
)
UNPAIR_ASK = (
    "Unpair from {partner}? You'll stop sharing rituals.\n"
    "Your thread is kept until one of you deletes your data with /forget."
)
UNPAIR_DONE = "You and {partner} are no longer paired. /invite makes a new link whenever you want one."
UNPAIR_CANCELLED = "Nothing changed: you and {partner} are still connected."
UNPAIR_TOLD_PARTNER = (
    "{partner} has ended your pairing on Attune.\n"
    "Your shared thread is kept; /forget removes your part of it. "
    "/invite makes a new link whenever you want one."
)

PRIVATE_ONLY = (
    "I work in private chats only, so what you share stays between the two of you.\n"
    "Message me directly: @{username}"
)
PRIVATE_ONLY_SHORT = "Attune works in private chats only."

HELP_HEADER = "Here's what I can do:"
HELP_FOOTER = "Each evening I'll also offer a ritual at the time you choose with /time."

UNKNOWN_COMMAND = "I don't know {command}. /help lists what I can do."
NOT_TEXT = (
    "I can only read text, so that didn't reach me.\n"
    "Type a few words instead, or see /help."
)
EDITED = "I saw you edited a message. I keep what was first sent, so send it again if it matters."
NOT_TEXT_MID = "I can only read words, so that didn't reach me."
EDITED_MID = "I keep what was first sent, so that edit changed nothing."
STALE_BUTTON = "That button has expired."
NOTHING_OPEN = "I'm here whenever you want me. /checkin starts tonight's check-in; /help lists the rest."
SOMETHING_WENT_WRONG = (
    "Something went wrong on my side, sorry, and that last step wasn't saved.\n"
    "Please try it again."
)
PARTNER_UNREACHABLE = (
    "{partner} isn't receiving messages from me right now.\n"
    "What you write is saved and will reach them as soon as they're back."
)
UNPAIR_YES = "Yes, unpair from {partner}"
CANCEL_BUTTON = "Cancel"
