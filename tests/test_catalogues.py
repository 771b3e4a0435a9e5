"""The catalogues (bot/locales): every text the extractor finds is in every language, whole,
with exactly its placeholders, and nothing else; the compiled .mo files match the .po files."""
from __future__ import annotations

import io
import re
from gettext import GNUTranslations
from pathlib import Path

import pytest
import regex
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from bot.language import DOMAIN, LOCALES, NAMES, SOURCE, words_in
from rituals.language import Plural

ROOT = Path(__file__).resolve().parent.parent
# The same as README's `pybabel extract -k N_ -k Plural:1,2 --no-default-keywords`.
KEYWORDS = {"N_": None, "Plural": (1, 2)}
TRANSLATED = [code for code in NAMES if code != SOURCE]
FIELD = re.compile(r"\{(\w*)\}")


def catalogue(code: str):
    with open(LOCALES / code / "LC_MESSAGES" / f"{DOMAIN}.po", "rb") as file:
        return read_po(file, locale=code)


def extracted() -> set[str]:
    found = set()
    for folder in ("bot", "rituals"):
        for _, _, message, _, _ in extract_from_dir(
                ROOT / folder, method_map=[("**.py", "python")], keywords=KEYWORDS):
            found.add(message if isinstance(message, str) else message[0])
    return found


def ids(code: str) -> set[str]:
    return {m.id if isinstance(m.id, str) else m.id[0] for m in catalogue(code) if m.id}


def test_the_extractor_finds_the_texts_and_every_catalogue_holds_exactly_them():
    source = extracted()
    assert len(source) > 400  # marks were found at all (every module's texts)
    for code in TRANSLATED:
        held = ids(code)
        assert not source - held, f"{code}: missing {sorted(source - held)[:5]}"
        assert not held - source, f"{code}: not in the code any more {sorted(held - source)[:5]}"


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_entry_is_translated_and_keeps_its_placeholders(code):
    problems = []
    cat = catalogue(code)
    for message in cat:
        if not message.id:
            continue
        singular = message.id if isinstance(message.id, str) else message.id[0]
        wanted = set(FIELD.findall(singular))
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(forms):
            problems.append(("untranslated", singular))
        elif isinstance(message.id, tuple) and len(forms) != cat.num_plurals:
            problems.append(("plural forms", singular))
        elif any(set(FIELD.findall(form)) - {"n"} != wanted - {"n"} for form in forms):
            problems.append(("placeholders", singular))
    assert not problems, problems[:5]


@pytest.mark.parametrize("code", TRANSLATED)
def test_the_compiled_catalogue_is_the_po_file(code):
    built = io.BytesIO()
    write_mo(built, catalogue(code))
    built.seek(0)
    with open(LOCALES / code / "LC_MESSAGES" / f"{DOMAIN}.mo", "rb") as file:
        shipped = GNUTranslations(file)
    assert GNUTranslations(built)._catalog == shipped._catalog, (
        "run: pybabel compile -D attune -d bot/locales")


def test_russian_counts_with_its_three_plural_forms():
    ru = words_in("ru")
    said = {n: ru(Plural("{n} minute", "{n} minutes", n)) for n in (1, 2, 5, 21)}
    assert said[1] != said[2] != said[5] and said[21].startswith("21")
    assert len({said[1].split()[1], said[2].split()[1], said[5].split()[1]}) == 3



@pytest.mark.parametrize("code", TRANSLATED)
def test_the_voice_holds_in_every_language(code):
    """VOICE.md in each catalogue: a question stays last, no emoji or exclamation mark the
    English doesn't have, and the same line breaks (so the layout reads the same)."""
    emoji = regex.compile(r"\p{Extended_Pictographic}")
    problems = []
    for message in catalogue(code):
        if not message.id:
            continue
        source = message.id if isinstance(message.id, str) else message.id[0]
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        for said in forms:
            if source.rstrip().endswith("?") and not said.rstrip().endswith("?"):
                problems.append(("question not last", said))
            if len(emoji.findall(said)) > len(emoji.findall(source)):
                problems.append(("emoji", said))
            if "!" in said and "!" not in source:
                problems.append(("exclamation", said))
            if said.count("\n") != source.count("\n"):
                problems.append(("line breaks", said))
    assert not problems, problems[:5]
