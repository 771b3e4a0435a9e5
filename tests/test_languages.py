"""End to end: each partner reads the bot in their own language (their Telegram's, or the
one they chose with /language, kept across a restart); what the other wrote arrives
untouched, only the frame around it is translated; the command menu comes in each language."""
from __future__ import annotations

import json

from babel.messages.pofile import read_po

from bot.language import DOMAIN, LOCALES, words_in
from bot.texts import common as ct
from bot.texts import rituals as rt
from rituals import checkin
from rituals.headers import header_line
from rituals.language import Phrase
from tests.support.flows import invite_code
from tests.support.people import DIEGO, LENA

DE, ES = words_in("de"), words_in("es")
WORDS = "Heute war <anstrengend> & lang 🌧 — aber dein Lachen am Morgen 💛"
REPLY = "Te escucho. <3 & mañana hablamos 🌙"


def english_only_lines(code: str) -> list[str]:
    """Source texts (their longest fixed part) that read differently in `code`'s catalogue:
    none of them may reach someone who reads `code`."""
    with open(LOCALES / code / "LC_MESSAGES" / f"{DOMAIN}.po", "rb") as file:
        catalogue = read_po(file)
    found = []
    for message in catalogue:
        source = message.id if isinstance(message.id, str) else message.id[0]
        target = message.string if isinstance(message.string, str) else message.string[0]
        longest = max((part.strip() for part in source.replace("{", "}").split("}")[::2]),
                      key=len, default="")
        if len(longest) >= 14 and longest not in target:
            found.append(longest)
    return found


def assert_all_in(code: str, texts: list[str], theirs: str) -> None:
    """Nothing English in `texts` except the other partner's own words."""
    leaks = [(line, text) for text in texts for line in english_only_lines(code)
             if line in text.replace(theirs, "")]
    assert not leaks, leaks[:3]


async def test_a_german_and_a_spanish_partner_each_read_their_own_language(harness, standin):
    link = await harness.say(LENA, "/invite", expect="t.me/")
    assert DE(Phrase(ct.INVITE, link="X")).split("\n")[0] in link.text
    await harness.say(DIEGO, f"/start {invite_code(link.text)}",
                      expect=ES(Phrase(ct.PAIRED_INVITEE, partner="Lena")).split("\n")[0])
    await standin.wait_for(LENA.id, DE(Phrase(ct.PAIRED_INVITER, partner="Diego")).split("\n")[0])

    first = await harness.say(DIEGO, "/checkin", expect=ES(checkin.STEPS[0].prompt).split("\n")[0])
    assert [b["text"] for b in first.buttons][-2:] == [ES("Skip"), ES(rt.CANCEL_BUTTON)]
    body = await harness.tap(DIEGO, first, ES(checkin.WEATHER[2].label),
                             expect=ES(checkin.STEPS[1].prompt).split("\n")[-1])
    moment = await harness.tap(DIEGO, body, ES(checkin.BODY[1].label),
                               expect=ES(Phrase(checkin.STEPS[2].prompt, partner="Lena"))[-20:])
    assert moment.text.rstrip().endswith("?")
    await harness.say(DIEGO, WORDS, expect=ES(Phrase(rt.SENT, partner="Lena")).split("\n")[0])

    relayed = await standin.wait_for(LENA.id, WORDS)
    assert relayed.text.startswith(DE(header_line("Diego", "checkin")))
    assert DE(Phrase("Today felt {weather}.", weather=Phrase(checkin.WEATHER[2].label))) in relayed.text
    assert relayed.text.endswith(WORDS)  # the words themselves, untouched
    assert [b["text"] for b in relayed.buttons][0] == DE(rt.HEAR_BUTTON)
    ask = await harness.tap(LENA, relayed, DE(Phrase(rt.REPLY_BUTTON, name="Diego")),
                            expect=DE(Phrase(rt.REPLY_ASK, partner="Diego")).split("\n")[-1])
    assert ask.buttons[-1]["text"] == DE(rt.CANCEL_BUTTON)
    await harness.say(LENA, REPLY, expect=DE(Phrase(rt.SENT, partner="Diego")).split("\n")[0])
    answered = await standin.wait_for(DIEGO.id, REPLY)
    assert answered.text == ES(header_line("Lena", "reply", "checkin")) + "\n\n" + REPLY
    await standin.settle()

    # The thread says each entry's frame in its reader's language, the words as written.
    rainy = Phrase("Today felt {weather}.", weather=Phrase(checkin.WEATHER[2].label))
    diegos = await harness.say(DIEGO, "/thread", expect=WORDS)
    lenas = await harness.say(LENA, "/thread", expect=WORDS)
    assert ES(rainy) in diegos.text and DE(rainy) in lenas.text
    assert REPLY in diegos.text and REPLY in lenas.text

    assert_all_in("de", [t.replace(REPLY, "") for t in standin.texts_to(LENA.id)], WORDS)
    assert_all_in("es", [t.replace(WORDS, "") for t in standin.texts_to(DIEGO.id)], REPLY)


async def test_language_switches_with_a_button_and_sticks_across_a_restart(harness, standin):
    asked = await harness.say(LENA, "/language", expect=DE(ct.LANGUAGE_ASK))
    assert [b["text"] for b in asked.buttons][:2] == ["English", "Español"]
    await harness.tap(LENA, asked, "Español", expect=ES(ct.LANGUAGE_SET_ALONE))
    call = await standin.wait_for_call("setMyCommands", lambda p: "chat" in str(p.get("scope")))
    menu = call["commands"]
    menu = json.loads(menu) if isinstance(menu, str) else menu
    assert {c["command"]: c["description"] for c in menu}["language"] == ES(
        "The language I speak with you: /language")
    await harness.restart()
    help_text = await harness.say(LENA, "/help", expect=ES(ct.HELP_HEADER))
    assert ES("Every command, one line each") in help_text.text
    await harness.say(LENA, "/language en", expect=ct.LANGUAGE_SET_ALONE)
    await harness.say(LENA, "/language klingon", expect="klingon")


async def test_the_command_menu_is_set_in_every_language(harness, standin):
    await harness.say(LENA, "/help", expect=DE(ct.HELP_HEADER))
    default = {c["command"]: c["description"] for c in standin.commands}
    assert default["pause"].startswith("Take a time-out")
    for code in ("de", "es", "pt", "ru"):
        menu = standin.menus[('{"type": "default"}', code)]
        described = {c["command"]: c["description"] for c in menu}
        assert described.keys() == default.keys()
        assert described["pause"] != default["pause"]
