"""When the evening nudge comes: /timezone and /time."""

ZONE_UNKNOWN = (
    "I don't know the time zone “{text}”.\n"
    "Try a region and city, like /timezone Europe/Berlin or /timezone America/New_York."
)
ZONE_NONE = "I don't know your time zone yet.\nSend it like this: /timezone Europe/Berlin"
ZONE_SHOW = "Your time zone is {zone} (it's {clock} there now).\nTo change it: /timezone Area/City"
ZONE_SET = "Your time zone is now {zone}; it's {clock} there."
TIME_BAD = "“{text}” isn't a time I can use.\nTry /time 21:00, /time 9pm or /time 21.30."
TIME_OFF = "Evening nudges are off. Whenever you'd like them back: /time 21:00"
ASK_ZONE = "Send it with your city, like /timezone Europe/Berlin. Which time zone is yours?"
TIME_SET_NO_ZONE = "Your evening ritual will arrive at {time}, your time.\n" + ASK_ZONE
TIME_SHOW_NO_ZONE = "Your evening ritual arrives at {time} once I know your time zone.\n" + ASK_ZONE
TIME_PLAN = "Your evening ritual arrives at {time} ({zone}); next: {next}."
TIME_UNPAIRED = "It begins once you're connected with your partner: /invite"
