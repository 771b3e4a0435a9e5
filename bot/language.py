"""Which language a person reads, and their catalogue (bot/locales/<lang>/LC_MESSAGES/attune.mo).

A person's own choice (/language) first, else the language their Telegram app reports,
else English. Catalogues are read with the standard library's gettext (light enough for
the idle process); Babel is used only for dates and times (bot/localtime.py), and for
managing the catalogues (README: adding a language).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from gettext import GNUTranslations, NullTranslations
from pathlib import Path

from rituals.language import Translator, say

LOCALES = Path(__file__).parent / "locales"
DOMAIN = "attune"
SOURCE = "en"
# Shipped catalogues and how each names itself on the /language buttons.
NAMES = {
    "en": "English",
    "es": "Español",
    "de": "Deutsch",
    "pt_BR": "Português (Brasil)",
    "ru": "Русский",
}
# Babel's locale for dates and times: English shows the 24-hour clock Attune always showed
# (Telegram's "en" doesn't say which English).
_DATE_LOCALES = {"en": "en_GB"}


@dataclass(frozen=True)
class Words:
    """One reader's language: their catalogue and the locale their dates are written in."""

    code: str
    tr: Translator

    @property
    def locale(self) -> str:
        return _DATE_LOCALES.get(self.code, self.code)

    def __call__(self, message) -> str:
        """`message` (a marked text or a Phrase) in this language."""
        return say(self, message)  # itself, so a time inside knows the locale

    def buttons(self, rows):
        """Button rows of (label, data) with every label in this language; a reply keyboard
        (a dict) with its one label said too."""
        if not rows:
            return rows
        if isinstance(rows, dict):
            return {key: self(value) if isinstance(value, str) else value
                    for key, value in rows.items()}
        return [[(self(label), data) for label, data in row] for row in rows]

    def gettext(self, message: str) -> str:
        return self.tr.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.tr.ngettext(singular, plural, n)


def shipped() -> tuple[str, ...]:
    return tuple(NAMES)


def matching(code: str | None) -> str | None:
    """The shipped language for an IETF tag from Telegram ("de", "pt-br", "es-419"), if any."""
    if not code:
        return None
    tag = code.replace("-", "_").lower()
    for lang in NAMES:
        if tag == lang.lower():
            return lang
    base = tag.split("_")[0]
    return next((lang for lang in NAMES if lang.split("_")[0].lower() == base), None)


def language_of(chosen: str | None, telegram: str | None) -> str:
    """The language a person reads: their choice, else their Telegram's, else English."""
    if chosen in NAMES:
        return chosen
    return matching(telegram) or SOURCE


@cache
def words_in(code: str) -> Words:
    """The Words for a shipped language (English when the code isn't one)."""
    if code not in NAMES or code == SOURCE:
        return Words(SOURCE, NullTranslations())
    with open(LOCALES / code / "LC_MESSAGES" / f"{DOMAIN}.mo", "rb") as file:
        return Words(code, GNUTranslations(file))


def words_for(person, app_code: str | None = None) -> Words:
    """The Words a person reads: their `chosen_language`, else their Telegram app's language
    (`app_code` from the update in hand, else as last seen), else English. `person` may be
    None (not stored)."""
    chosen = person.chosen_language if person is not None else None
    seen = person.language if person is not None else None
    return words_in(language_of(chosen, app_code or seen))


ENGLISH = words_in(SOURCE)
