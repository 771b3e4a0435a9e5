"""The evening nudge."""

from rituals.language import N_

# {greeting} fits the reader's hour (rituals/greeting.py): "Good evening, Sam 🌙",
# "Good morning, Sam".
NUDGE_TEXT = N_(
    "{greeting}\n"
    "A quiet minute for you, and a way for {partner} to hear how you're doing. Ready?"
)
SKIP_LABEL = N_("Not tonight")
SKIP_ANSWER = N_("Rest well. I'll be here tomorrow evening.")
FIRST_LABELS = {
    "checkin": N_("Start the check-in"),
    "gratitude": N_("Share a gratitude"),
    "trigger": N_("Name what stung"),
}
INSTEAD_LABELS = {
    "checkin": N_("Check-in instead"),
    "gratitude": N_("Gratitude instead"),
    "trigger": N_("Name what stung instead"),
}
# A ritual added to the rotation without its own labels above, named by its title.
START_OTHER = N_("Start: {title}")
INSTEAD_OTHER = N_("{title} instead")
