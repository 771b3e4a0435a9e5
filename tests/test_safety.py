"""The danger check: clear signs of self-harm or danger fire, everyday words do not."""
from __future__ import annotations

import pytest

from rituals.safety import mentions_danger

CLEAR_SIGNS = [
    "I want to kill myself",
    "some nights I think about killing myself",
    "I've been thinking about SUICIDE",
    "I feel suicidal again",
    "Sometimes I want to end it all",
    "I want to end my life",
    "I keep thinking I should take my own life",
    "I've started self-harming again",
    "I've been cutting myself",
    "I hurt myself on purpose last night",
    "I want to hurt myself",
    "I don't want to live anymore",
    "I don’t want to live anymore",  # a phone keyboard's apostrophe
    "I do not want to be alive",
    "I don't want to live like this",
    "I want to die",
    "I wish I was dead",
    "everyone would be better off without me",
    "I have nothing to live for",
    "I want to go to sleep and never wake up",
    "I want to disappear forever",
    "I don't want to be here anymore",
    "he hit me last night",
    "He hit me when I asked",
    "she slapped me",
    "my husband choked me",
    "he threatened to kill me",
    "I'm afraid for my life",
    "I don't feel safe at home",
    "I'm afraid he'll hurt me",
    "my friend says he wants to kill himself",
]

EVERYDAY = [
    "some nights I don't want to be here, in this flat",
    "I don't want to be here, in this flat",
    "I don't want to be here anymore, in this flat",
    "this job is killing me",
    "I could kill for a coffee",
    "I'm dying to see you",
    # Feeling like vanishing for a while after a fight is what flooding feels like: the
    # time-out is the answer, a crisis line would read as alarm.
    "we fought and I felt like I wanted to disappear for a bit",
    "I could die of embarrassment",
    "I cut myself chopping onions",
    "I'm cutting myself some slack this week",
    "I hurt myself at the gym",
    "he hit me up last night",
    "she beat me at chess again",
    "he kicked me out of the group chat",
    "I want to end my contract early",
    "I'd like to end my shift early",
    "I don't want to live in this city anymore",
    "I don't want to live with my parents again",
    "I didn't want to wake up this morning",
    "it hit me that we never talk",
    "You killed it at the party",
    "I need a hug",
    "work was a nightmare",
    "my phone died",
    "",
]


# The same care for partners who write in the other languages Attune speaks.
CLEAR_SIGNS_ELSEWHERE = [
    "Ich will nicht mehr leben.",
    "Manchmal denke ich an Suizid",
    "Er schlägt mich, wenn er getrunken hat",
    "No quiero seguir viviendo así",
    "a veces pienso en quitarme la vida",
    "Él me pega cuando se enoja",
    "Não quero mais viver",
    "penso em me matar",
    "Ele me bateu ontem",
    "Я не хочу жить",
    "думаю покончить с собой",
    "Он меня бьёт",
]
EVERYDAY_ELSEWHERE = [
    "Ich könnte vor Lachen sterben",
    "Er schlägt mich immer beim Schach",
    "quiero morir de risa",
    "esta canción se me pega",
    "quero morrer de vergonha",
    "Я хочу жить у моря",
]


@pytest.mark.parametrize("text", CLEAR_SIGNS + CLEAR_SIGNS_ELSEWHERE)
def test_clear_signs_fire(text):
    assert mentions_danger(text), text


@pytest.mark.parametrize("text", EVERYDAY + EVERYDAY_ELSEWHERE)
def test_everyday_words_do_not(text):
    assert not mentions_danger(text), text


def test_words_wrapped_over_lines_still_count():
    assert mentions_danger("I don't want to\nlive anymore")
