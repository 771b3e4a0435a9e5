"""Rituals for two: the daily question, the weekly State of the Union, the week's picture, /hug.

The rituals' own words (prompts, waits, reveals, offers) live in rituals/questions.py,
rituals/weekly.py and rituals/hug.py; these are the bot's words around them.
"""

from rituals.language import N_

QUESTION_NOT_PAIRED = N_(
    "The daily question is for the two of you, so it begins once you're connected.\n"
    "/invite makes a link for your partner."
)
WEEKLY_NOT_PAIRED = N_(
    "The State of the Union is prepared by the two of you, so it begins once you're connected.\n"
    "/invite makes a link for your partner."
)
WEEK_NOT_PAIRED = N_(
    "The picture of the week shows the two of you side by side, so it begins once you're "
    "connected.\n/invite makes a link for your partner."
)
QUESTION_BUTTON = N_("Today's question")
PARTNER_ANSWERED = N_("{partner} has answered this one; you'll see it once yours is in too.")
QUESTION_DONE = N_(
    "You've both answered today's question; both answers are in your thread: /thread\n"
    "A new one comes tomorrow."
)
QUESTION_SETTLED = N_("Today's question is settled. A new one comes tomorrow.")
QUESTION_CANCELLED = N_("No problem, nothing was saved. /question brings it back whenever you like.")
REVEAL_HELD = N_("Saved. You'll both see both answers when the time-out ends.")
OFFER_HELD = N_("Saved. {partner} will get it when the time-out ends.")
RETURNED = N_(
    "{name} deleted their data before you'd both answered, so nothing of yours was shown.\n"
    "Here is what you wrote, yours to keep:\n\n{words}"
)
THREAD_ROUND = N_("{title}: {topic}")
WEEK_OF = N_("the week of {day}")

PREP_CANCELLED = N_(
    "No problem, nothing was saved.\n"
    "The Start button above still works while this week's preparation is open."
)
WEEKLY_SHOW = N_(
    "Your State of the Union preparation comes on {when}, your time.\n"
    "/weekly with a new day and time changes it; /weekly off stops it."
)
WEEKLY_PARTNER_SET = N_(
    "{name} chose a time for your weekly State of the Union: the preparation comes on "
    "{when}, your time.\n/weekly shows it; /weekly off stops it."
)
WEEKLY_PARTNER_STOPPED = N_(
    "{name} turned the weekly State of the Union off.\n"
    "/weekly sun 19:00 starts it again whenever you like."
)
WEEKLY_NEEDS_ZONE = N_(
    "To set a weekly time I need your time zone first.\n"
    "Send it like this: /timezone Europe/Berlin"
)
WEEKLY_OPEN = N_("This week's preparation is open for you.")

WEEK_CAPTION = N_("Your week, side by side: the evenings' weather and what you shared.")
WEEK_FAILED = N_("I couldn't draw your week just now. /week tries again.")

HUG_HELD = N_("Saved. {partner} will get it when the time-out ends.")
HUG_ANSWER_SENT = N_("Sent to {partner}")

# How an answer given blind is named in the thread, its headers and "{name} read your …".
ENTRY_TITLES = {
    "question": N_("Answer to the daily question"),
    "weekly": N_("State of the Union preparation"),
}
