"""Time-outs (/pause, /resume) and their end. {until} reads "until 15:19" or "until
tomorrow at 15:19", {when} "at 15:19" or "tomorrow at 15:19" (bot/localtime.py).
The words for lengths, the partner's soothing and the five-minute word are in
rituals/timeout.py."""

from rituals.language import N_

STARTED = N_(
    "Your time-out has started, {until}. {partner} knows, and their words will wait too.\n"
    "/resume ends it early."
)
BREATHE = N_(
    "Use the time to soothe, not to rehearse what you'll say.\n\n"
    "Try coherent breathing: in slowly for five counts, out for five.\n"
    "Let your shoulders drop on each out-breath. Ten rounds is about a minute."
)
TOLD_PARTNER = N_(
    "{name} needs a little time to calm down before you talk, {until}.\n"
    "What either of you writes is saved and waits until then; nothing is lost."
)
ALREADY = N_("A time-out is already running, {until}.")
NOT_NOW = N_("All right. /pause is here whenever you need it.")
NOT_PAUSED = N_("There's no time-out running right now.")
PARTNERS_PAUSE = N_("{name}'s time-out ends {when}. Your words are saved until then.")
ENDED_PAUSER = N_(
    "Your time-out is over. Welcome back.\n"
    "A gentle way back in: a check-in, or naming what stung as \"I felt … I need …\".\n"
    "How would you like to start?"
)
ENDED_PARTNER = N_(
    "{name} is back from the time-out. Thank you for giving the space.\n"
    "When you're ready, how would you like to start?"
)
MORE_STARTED = N_("Take the time you need: your time-out now lasts {until}.")
MORE_TOLD_PARTNER = N_("{name} needs a little more time, {until}. Their words, and yours, will wait.")
START_CHECKIN = N_("Start a check-in")
NAME_WHAT_STUNG = N_("Name what stung")
MORE_TIME_BUTTON = N_("I need more time")
