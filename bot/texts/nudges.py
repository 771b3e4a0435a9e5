"""The evening nudge."""

# {greeting} fits the reader's hour (rituals/greeting.py): "Good evening, Sam 🌙",
# "Good morning, Sam".
NUDGE_TEXT = (
    "{greeting}\n"
    "A quiet minute for you, and a way for {partner} to hear how you're doing. Ready?"
)
SKIP_LABEL = "Not tonight"
SKIP_ANSWER = "Rest well. I'll be here tomorrow evening."
FIRST_LABELS = {
    "checkin": "Start the check-in",
    "gratitude": "Share a gratitude",
    "trigger": "Name what stung",
}
INSTEAD_LABELS = {
    "checkin": "Check-in instead",
    "gratitude": "Gratitude instead",
    "trigger": "Name what stung instead",
}
