"""Noticing clear signs of self-harm or danger, so the bot can say gently it is not the right place.

Plain and deliberately simple: a few phrases, matched case-insensitively. Each phrase is a
clear sign, not a word that merely sounds dark. A false alarm is not free: a crisis pointer
in the middle of an argument about a flat reads as "you sound unwell", and people learn to
write less honestly. So everyday hyperbole ("this job is killing me", "I could kill for a
coffee", "I'm dying to see you") and wishes to be elsewhere ("I don't want to be here, in
this flat", "I wanted to disappear for a bit") do not fire; wanting to be dead, not alive,
gone for good, or being hit or threatened by someone does.
"""
from __future__ import annotations

import re

from rituals.language import N_

SAFETY_NOTE = N_(
    "What you wrote sounds heavy, and I'm glad you said it.\n"
    "Attune is for small daily rituals, not for moments of danger. If you or someone close "
    "is not safe, please reach out to local emergency services or a crisis line: "
    "findahelpline.com lists free, confidential ones in your country."
)

_NOT = r"(?:don'?t|do not|dont|didn'?t|never)"
_SELF = r"(?:myself|himself|herself|themselves|themself|yourself)"
_PERSON = r"(?:he|she|they|my (?:partner|husband|wife|boyfriend|girlfriend|ex|dad|father|mum|mom|mother))"
# Where a wish to leave is about a place, a job or a life situation, not about living.
_ELSEWHERE = r"(?!\s*,?\s*(?:in|at|with|on|near|here|there|together|abroad|alone|anywhere|somewhere|next)\b)"

_CLEAR_SIGNS = (
    # taking one's own life, said outright
    rf"\bkill(?:ing|ed)? {_SELF}",
    r"\bsuicid",
    r"\bend(?:ing)? (?:it all|my (?:own )?life)",
    r"\btak(?:e|ing) my (?:own )?life",
    r"\bself[- ]?harm",
    # hurting oneself on purpose: not "I cut myself chopping onions" or "cutting myself some slack"
    r"\b(?:been|keep|kept|started|start|stop) (?:cutting|hurting|harming|burning) myself",
    r"\b(?:cut|cutting|hurt|hurting|harm|harming|burn|burning) myself on purpose",
    r"\bwant(?:ed)? to (?:hurt|harm|cut) myself",
    # wishing not to be alive; "I want to die" but not "I could die of embarrassment"
    rf"\b{_NOT} want to (?:live|be alive|exist){_ELSEWHERE}",
    r"\bwant(?:ed)? to die\b(?!\s+(?:of|from|laughing)\b)",
    r"\bwish(?:ed)? I (?:was|were|'d be|could be) dead",
    r"\bbetter off (?:dead|without me)",
    r"\b(?:no reason|nothing(?: left)?) to live for",
    r"\bnever wake up",
    r"\bdisappear (?:forever|for good|permanently)",
    # "anymore" makes it about existing, unless a place follows ("…anymore, in this flat")
    rf"\b{_NOT} want to be (?:here|around) any ?more{_ELSEWHERE}",
    # danger from someone else; not "he hit me up", "she beat me at chess", "kicked me out"
    rf"\b{_PERSON} (?:hit|hits|hitting|punched|punches|slapped|slaps|choked|chokes|strangled"
    r"|kicked|kicks) me\b(?!\s+(?:up|out|off)\b)",
    rf"\b{_PERSON} (?:beat|beats) me\b(?!\s+(?:at|in|to|up on)\b)",
    rf"\b{_PERSON} threaten(?:s|ed)? to (?:kill|hurt|harm)",
    r"\bafraid (?:of|for) my (?:life|safety)",
    r"\bafraid (?:he|she|they)(?:'ll| will| is going to| might) (?:kill|hurt)",
    r"\b(?:not|don'?t feel) safe (?:at home|with (?:him|her|them))",
)
# The same clear signs in the other languages Attune speaks (German, Spanish, Portuguese,
# Russian), as conservative: hyperbole ("vor Lachen sterben", "morir de risa") stays quiet.
_OTHER_SIGNS = (
    # German
    r"\bsuizid", r"\bselbstmord", r"\bmich (?:umbringen|töten)\b", r"\bmir das leben nehmen",
    r"\b(?:will|möchte|kann) nicht mehr leben", r"\bwäre (?:lieber )?tot\b",
    r"\bmir (?:selbst )?(?:etwas|was) antun", r"\britze mich\b",
    # not "er schlägt mich immer beim Schach"
    r"\b(?:er|sie) (?:schlägt|schlug) mich\b(?!\s+(?:\w+\s+)?(?:beim|im|in|bei)\b)",
    r"\b(?:er|sie) (?:würgt|würgte) mich", r"\b(?:er|sie) droht(?:e)?, mich",
    # Spanish ("suicid" above covers suicidio, suicidarme)
    r"\bmatarme\b", r"\bquitarme la vida", r"\bno quiero (?:seguir )?viviendo",
    r"\bno quiero (?:seguir )?vivir", r"\bquiero morir(?:me)?\b(?!\s+de\b)",
    r"\bhacerme daño a propósito",
    r"\b(?:él|ella|mi pareja) me (?:pega|golpea|pegó|golpeó|ahorca|ahorcó)\b",
    r"\b(?:él|ella|mi pareja) (?:me )?amenaza con matarme",
    # Portuguese
    r"\bsuic[ií]d", r"\bme matar\b", r"\btirar (?:a )?minha (?:própria )?vida",
    r"\bnão quero mais viver", r"\bquero morrer\b(?!\s+de\b)",
    r"\bme machucar de propósito",
    r"\b(?:ele|ela|meu marido|minha esposa|meu namorado|minha namorada) me "
    r"(?:bate|bateu|agride|agrediu|enforca|enforcou)\b",
    # Russian
    r"суицид", r"покончить с собой", r"убить себя", r"не хочу (?:больше )?жить",
    r"хочу умереть", r"причин(?:ить|яю|ять) себе (?:вред|боль)",
    r"(?:он|она) (?:меня )?(?:бь[её]т|избивает|ударил|ударила|душит|душил|душила)",
    r"(?:он|она) угрожает (?:меня )?убить",
)
_PATTERN = re.compile("|".join(f"(?:{p})" for p in _CLEAR_SIGNS + _OTHER_SIGNS), re.IGNORECASE)
# Phone keyboards type ’ for ', and people wrap lines mid-sentence.
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})


def mentions_danger(text: str) -> bool:
    """True when the words carry a clear sign of self-harm or of danger from someone."""
    if not text:
        return False
    normal = " ".join(text.translate(_APOSTROPHES).split())
    return bool(_PATTERN.search(normal))
