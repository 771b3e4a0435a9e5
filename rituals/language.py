"""Words marked for translation, and said in a reader's language when they are sent.

Plain Python (the standard library's gettext), so rituals stay free of Telegram and Babel:
- `N_("...")` marks an English source text where it is written (the extractor finds it by
  that name) and returns it unchanged; it is translated only when someone reads it.
- `Phrase(text, **params)` is a text with its named placeholders filled in the reader's
  language: the text is looked up in the reader's catalogue first, then formatted. A
  parameter that is itself a Phrase (or anything with `render(tr)`, like a time shown in
  the reader's zone and locale) is rendered in the same language.
- `Plural(singular, plural, n, **params)` is the same for a number shown in the text
  (`{n}` is filled in), with the catalogue's own plural forms.

`tr` is anything with gettext/ngettext (a `gettext.GNUTranslations`); ENGLISH is the source.
"""
from __future__ import annotations

from gettext import NullTranslations
from typing import Any, Protocol

ENGLISH = NullTranslations()


class Translator(Protocol):
    def gettext(self, message: str) -> str: ...

    def ngettext(self, singular: str, plural: str, n: int) -> str: ...


def N_(text: str) -> str:
    """Marks `text` for the catalogues; translated later, when a reader is known."""
    return text


class Lazy:
    """Something said only once its reader is known: `render(tr)`, never str()."""

    __slots__ = ()

    def render(self, tr: Translator) -> str:
        raise NotImplementedError

    def __str__(self) -> str:  # a lazy text pasted into a str would skip its reader's language
        raise TypeError(f"{self!r} is said with render(tr), not str()")


class Phrase(Lazy):
    """A marked text and its parameters, rendered for one reader."""

    __slots__ = ("text", "params")

    def __init__(self, text: str, /, **params: Any) -> None:
        self.text = text
        self.params = params

    def render(self, tr: Translator) -> str:
        return fill(tr.gettext(self.text), self.params, tr)

    def __repr__(self) -> str:
        return f"Phrase({self.text!r}, {self.params!r})"


class Plural(Phrase):
    """A marked text with a number in it: `{n}` is the number, forms as the catalogue says."""

    __slots__ = ("plural", "n")

    def __init__(self, singular: str, plural: str, n: int, /, **params: Any) -> None:
        super().__init__(singular, **params)
        self.plural = plural
        self.n = n

    def render(self, tr: Translator) -> str:
        return fill(tr.ngettext(self.text, self.plural, self.n), {"n": self.n, **self.params}, tr)


class Verbatim(Lazy):
    """Text that is already what the reader should see (a person's own words, a name):
    never looked up in a catalogue."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def render(self, tr: Translator) -> str:
        return self.text


class Joined(Lazy):
    """Parts said one after another (each rendered for the reader), joined by `sep`."""

    __slots__ = ("parts", "sep")

    def __init__(self, parts, sep: str = "\n\n") -> None:
        self.parts = tuple(parts)
        self.sep = sep

    def render(self, tr: Translator) -> str:
        return self.sep.join(say(tr, part) for part in self.parts)


def say(tr: Translator, message: Any) -> str:
    """`message` as the reader of `tr` reads it: a str is a marked text, looked up as is."""
    if isinstance(message, str):
        return tr.gettext(message)
    return message.render(tr)


def fill(template: str, params: dict[str, Any], tr: Translator) -> str:
    """`template` with its named placeholders filled; parameters that render, rendered."""
    if not params:
        return template
    return template.format_map({key: _value(value, tr) for key, value in params.items()})


def _value(value: Any, tr: Translator) -> Any:
    render = getattr(value, "render", None)
    return render(tr) if render is not None else value
