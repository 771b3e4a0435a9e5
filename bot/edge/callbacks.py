"""What a button carries: one small class per kind of button, packed into callback data.

Each carries what it acts on (the couple, the time-out, the entry, the ritual run's
token), so a handler can check it against the presser's own state: an old button, or one
from another couple, changes nothing. Callback data carries no authority by itself.
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import ClassVar, TypeVar

T = TypeVar("T", bound="Payload")
_FIELD = re.compile(r"^[A-Za-z0-9_~-]{1,32}$")  # a zone name fits, "/" written as "~"


class Payload:
    """A button's data: `prefix:field:field…`, at most 64 bytes as Telegram allows."""

    prefix: ClassVar[str]

    def pack(self) -> str:
        values = [str(getattr(self, f.name)) for f in dataclasses.fields(self)]
        data = ":".join([self.prefix, *values])
        assert len(data.encode()) <= 64, data
        return data

    @classmethod
    def parse(cls: type[T], data: str | None) -> T | None:
        """The payload when `data` is one of ours and well formed, else None."""
        if not data:
            return None
        head, _, rest = data.partition(":")
        fields = dataclasses.fields(cls)
        parts = rest.split(":") if fields else ([] if not rest else ["!"])
        if head != cls.prefix or len(parts) != len(fields):
            return None
        values = []
        for field, part in zip(fields, parts, strict=True):
            if field.type in (int, "int"):
                if not part.isascii() or not part.isdigit() or len(part) > 15:
                    return None
                values.append(int(part))
            elif _FIELD.match(part):
                values.append(part)
            else:
                return None
        return cls(*values)

    @classmethod
    def matches(cls, data: object) -> bool:
        """For CallbackQueryHandler(pattern=...): is this our kind of button?"""
        return isinstance(data, str) and cls.parse(data) is not None


@dataclass(frozen=True)
class StepChoice(Payload):
    """A choice, Skip or Cancel on a ritual's question: valid for that run and step only."""

    prefix: ClassVar[str] = "r"
    token: str
    step: int
    value: str


@dataclass(frozen=True)
class StartRitual(Payload):
    """Start a ritual (from a nudge, the end of a time-out)."""

    prefix: ClassVar[str] = "go"
    ritual: str


@dataclass(frozen=True)
class Heard(Payload):
    """"I hear you" (or another one-tap answer) to a partner's entry."""

    prefix: ClassVar[str] = "heard"
    entry_id: int


@dataclass(frozen=True)
class TurnToward(Payload):
    """One of the one-tap answers under a named trigger ("Thank you for telling me", "That
    makes sense"): `answer` indexes rituals.headers.TRIGGER_ANSWERS."""

    prefix: ClassVar[str] = "toward"
    entry_id: int
    answer: int


@dataclass(frozen=True)
class ReplyTo(Payload):
    """Reply in words to a partner's entry."""

    prefix: ClassVar[str] = "reply"
    entry_id: int


@dataclass(frozen=True)
class OlderPage(Payload):
    """/thread's older entries, before this entry (only ever of the presser's own thread)."""

    prefix: ClassVar[str] = "thread"
    before_id: int


@dataclass(frozen=True)
class NewerPage(Payload):
    """/thread's newer entries, after this entry (back toward the latest page)."""

    prefix: ClassVar[str] = "newer"
    after_id: int


@dataclass(frozen=True)
class Unpair(Payload):
    """The answer to "Unpair?": for this couple only, so an old button can't end a new one."""

    prefix: ClassVar[str] = "unpair"
    couple_id: int
    answer: str  # "yes" | "no"


@dataclass(frozen=True)
class Forget(Payload):
    """The answer to "Delete everything?" (it acts on the presser only)."""

    prefix: ClassVar[str] = "forget"
    answer: str  # "yes" | "no"


@dataclass(frozen=True)
class MoreTime(Payload):
    """"I need more time" at the end of a time-out: that time-out's only."""

    prefix: ClassVar[str] = "more"
    couple_id: int
    pause_seq: int


@dataclass(frozen=True)
class FreeWords(Payload):
    """Where words typed with nothing open go: "send", "checkin" or "keep". The words stay
    on the server under the offer's id; only the presser's own offer is ever read."""

    prefix: ClassVar[str] = "words"
    offer_id: int
    action: str


@dataclass(frozen=True)
class PauseOffer(Payload):
    """The answer to "Shall I make it 20 minutes?": valid while no time-out has started
    since it was offered (the couple's pause_seq then); minutes 0 is "Not now"."""

    prefix: ClassVar[str] = "pausefor"
    couple_id: int
    pause_seq: int
    minutes: int


@dataclass(frozen=True)
class ZoneChoice(Payload):
    """A time zone offered to confirm ("Berlin · 21:04"): the zone's name with "/" as "~";
    the handler accepts only a real zone, for the presser alone."""

    prefix: ClassVar[str] = "tz"
    zone: str

    @classmethod
    def of(cls, zone: str) -> "ZoneChoice":
        return cls(zone.replace("/", "~"))

    @property
    def zone_name(self) -> str:
        return self.zone.replace("~", "/")


@dataclass(frozen=True)
class SkipTonight(Payload):
    """"Not tonight" under an evening nudge."""

    prefix: ClassVar[str] = "skip"


@dataclass(frozen=True)
class TodaysQuestion(Payload):
    """"Today's question" under an evening nudge: the same as /question."""

    prefix: ClassVar[str] = "question"


@dataclass(frozen=True)
class ShareAnswer(Payload):
    """"Share it anyway?" for a lone answer of a round answered blind: that round only."""

    prefix: ClassVar[str] = "share"
    round_id: int
    answer: str  # "yes" | "no"


@dataclass(frozen=True)
class Prepare(Payload):
    """Start (or let pass) this week's State of the Union preparation: that round only."""

    prefix: ClassVar[str] = "prep"
    round_id: int
    answer: str  # "go" | "no"


@dataclass(frozen=True)
class HugBack(Payload):
    """A one-tap answer to a hug: that hug only (its couple and its time in milliseconds)."""

    prefix: ClassVar[str] = "hug"
    couple_id: int
    sent_ms: int
    answer: str  # a rituals.hug.ANSWERS key


@dataclass(frozen=True)
class ChooseLanguage(Payload):
    """A language on /language's buttons (a shipped catalogue's code, checked on the press)."""

    prefix: ClassVar[str] = "lang"
    code: str
