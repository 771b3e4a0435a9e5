"""When the evening nudge comes: /timezone, /time, a shared location, the partner's clock.
The questions that offer zones to confirm are in rituals/zones.py."""

from rituals.language import N_

ZONE_NONE = N_("I don't know your time zone yet.\nSend it like this: /timezone Europe/Berlin")
ZONE_SHOW = N_("Your time zone is {zone} (it's {clock} there now).\nTo change it: /timezone and your city")
ZONE_SET = N_("Your time zone is now {zone}; it's {clock} there.")
TIME_BAD = N_("“{text}” isn't a time I can use.\nTry /time 21:00, /time 9pm or /time 21.30.")
TIME_OFF = N_("Evening nudges are off. Whenever you'd like them back: /time 21:00")
ASK_ZONE = N_("Send it with your city, like /timezone Europe/Berlin. Which time zone is yours?")
TIME_SET_NO_ZONE = N_(
    "Your evening ritual will arrive at {time}, your time.\n"
    "Send it with your city, like /timezone Europe/Berlin. Which time zone is yours?"
)
TIME_SHOW_NO_ZONE = N_(
    "Your evening ritual arrives at {time} once I know your time zone.\n"
    "Send it with your city, like /timezone Europe/Berlin. Which time zone is yours?"
)
TIME_PLAN = N_("Your evening ritual arrives at {time} ({zone}); the next one comes {next}.")
TIME_UNPAIRED = N_("It begins once you're connected with your partner: /invite")
LOCATION_UNKNOWN = N_(
    "I couldn't find a time zone for that place.\n"
    "Send /timezone and your city instead, like /timezone Berlin."
)
LOCATION_BUTTON = N_("Share my location")
# After pairing, for someone whose zone isn't known yet and whose language gave no guess.
ZONE_ASK_OPEN = N_(
    "So your evening ritual comes in your evening, I need your time zone. Share your "
    "location with the button below, or send /timezone and your city.\n"
    "Which city are you in?"
)
# After pairing, for someone whose zone is known.
PLAN_AFTER_PAIRING = N_(
    "Your evening ritual arrives at {time} your time ({zone}).\n"
    "Whenever you're ready, start with /checkin."
)
PARTNER_CLOCK = N_("It's {clock} for {partner} now ({zone}).")
