"""Free words: text typed with nothing open, offered back before it goes anywhere."""

from rituals.language import N_

OFFER = N_("You wrote:\n\n{words}\n\nShall I send it to {partner}, just as you wrote it?")
OFFER_HELD = N_(
    "You wrote:\n\n{words}\n\n"
    "You're in a time-out {until}, so it would wait until then.\n"
    "Shall I keep it for {partner}, just as you wrote it?"
)
SEND_BUTTON = N_("Send to {partner}")
SEND_HELD_BUTTON = N_("Send when the time-out ends")
CHECKIN_BUTTON = N_("Use it for tonight's check-in")
KEEP_BUTTON = N_("Keep it private")
KEPT = N_("Nothing was sent, and I haven't kept a copy. Those words stay with you.")
