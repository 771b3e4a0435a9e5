"""The tables: people, couples, invites, the shared thread, the inbox, the outbox, open rituals,
the rounds of the rituals both partners answer blind, and offers of free words."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Column, ForeignKey, Index, Text, UniqueConstraint, text
from sqlmodel import Field, SQLModel

from bot.store.types import UTCDateTime, WordsText

# Written out, not bound: SQLite uses a partial index only for a query that names its literal.
PENDING_SQL = "state = 'pending'"


def _utc(**kwargs) -> object:
    return Field(sa_type=UTCDateTime, **kwargs)


def _user_ref(*, nullable: bool, ondelete: str, index: bool = True) -> object:
    """A reference to a Telegram user id (64-bit), deleted or nulled with the user."""
    return Field(
        default=None,
        sa_column=Column(
            BigInteger, ForeignKey("user.id", ondelete=ondelete), nullable=nullable, index=index
        ),
    )


class Couple(SQLModel, table=True):
    """Two partners; the thread hangs off it. A time-out is held here while it lasts."""

    id: int | None = Field(default=None, primary_key=True)
    created_at: datetime = _utc()
    ended_at: datetime | None = _utc(default=None)
    paused_until: datetime | None = _utc(default=None)
    paused_by: int | None = Field(default=None, sa_type=BigInteger)
    # Counts the couple's time-outs, so a button names the one that offered it.
    pause_seq: int = 0
    pause_ended_at: datetime | None = _utc(default=None)
    # The end (paused_until) both partners were told is 5 minutes away: told once per end.
    pause_warned_until: datetime | None = _utc(default=None)
    # Who the two were, kept after /unpair so both can still read their thread;
    # cleared for a person who uses /forget.
    first_member_id: int | None = Field(default=None, sa_type=BigInteger)
    second_member_id: int | None = Field(default=None, sa_type=BigInteger)
    # The weekly State of the Union: a weekday (0 = Monday) and "HH:MM" in the zone of the
    # partner who set it, and the next time it comes (UTC), claimed like a nudge.
    weekly_day: int | None = None
    weekly_time: str | None = Field(default=None, max_length=5)
    weekly_zone: str | None = Field(default=None, max_length=64)
    next_weekly_at: datetime | None = _utc(default=None, index=True)
    # The last /hug either way (one a minute per couple), who sent it, and when it was answered.
    last_hug_at: datetime | None = _utc(default=None)
    last_hug_by: int | None = Field(default=None, sa_type=BigInteger)
    hug_answered_at: datetime | None = _utc(default=None)


class User(SQLModel, table=True):
    """A person talking to the bot in a private chat (their chat id equals their user id)."""

    id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    first_name: str = Field(default="", max_length=128)
    couple_id: int | None = Field(
        default=None, foreign_key="couple.id", index=True, ondelete="SET NULL"
    )
    timezone: str | None = Field(default=None, max_length=64)
    nudge_time: str | None = Field(default=None, max_length=5)  # local "HH:MM"
    nudges_off: bool = False
    next_nudge_at: datetime | None = _utc(default=None, index=True)
    nudged_at: datetime | None = _utc(default=None)  # last evening nudge sent
    blocked_at: datetime | None = _utc(default=None)  # Telegram said 403 for this chat
    created_at: datetime = _utc()
    # Telegram's language_code as last seen: the language they read (bot/language.py) unless
    # they chose one, and a guess at their zone at pairing.
    language: str | None = Field(default=None, max_length=16)
    chosen_language: str | None = Field(default=None, max_length=16)  # from /language
    # The ritual token of the question they last answered: a second tap on it is silent.
    answered_token: str | None = Field(default=None, max_length=16)


class Invite(SQLModel, table=True):
    """A single-use pairing code; only its hash is kept, so a leaked database pairs no one."""

    code_hash: str = Field(primary_key=True, max_length=64)
    inviter_id: int = _user_ref(nullable=False, ondelete="CASCADE")
    created_at: datetime = _utc()
    expires_at: datetime = _utc()
    used_at: datetime | None = _utc(default=None)


class Entry(SQLModel, table=True):
    """One item of a couple's shared thread: a reflection, a reply or an acknowledgement."""

    # /thread reads a couple's entries newest first, a page at a time.
    __table_args__ = (Index("ix_entry_couple_thread", "couple_id", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    couple_id: int | None = Field(
        default=None, foreign_key="couple.id", index=True, ondelete="SET NULL"
    )
    author_id: int = _user_ref(nullable=False, ondelete="CASCADE")
    kind: str = Field(max_length=32)  # a ritual key, "reply" or "heard"
    body: str = Field(sa_type=WordsText)  # as its first reader (the partner) read it
    # How to say it again in another reader's language (JSON: the ritual's answers, a one-tap
    # text, or what was heard and the reply), or None when the body is all there is.
    said: str | None = Field(default=None, sa_type=WordsText)
    reply_to_id: int | None = Field(
        default=None, foreign_key="entry.id", ondelete="SET NULL"
    )
    # The shared round (SharedRound.id) whose reveal this answer belongs to: the thread
    # shows the round's topic once above both answers.
    round_id: int | None = None
    created_at: datetime = _utc()


class Delivery(SQLModel, table=True):
    """A message owed to a partner: written with its entry, sent by the delivery loop.

    `holdable` deliveries wait while the couple is in a time-out; a sent one keeps no text.
    """

    __table_args__ = (
        Index("ix_delivery_pending", "status", "id"),
        # A chat's pending deliveries in order: what every send to that chat claims.
        Index("ix_delivery_recipient_pending", "recipient_id", "status", "id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    recipient_id: int = _user_ref(nullable=False, ondelete="CASCADE")
    entry_id: int | None = Field(
        default=None, foreign_key="entry.id", index=True, ondelete="CASCADE"
    )
    couple_id: int | None = Field(default=None, foreign_key="couple.id", ondelete="SET NULL")
    kind: str = Field(default="relay", max_length=32)
    text: str = Field(sa_type=WordsText)
    markup: str | None = Field(default=None, sa_type=Text)  # JSON of inline buttons
    holdable: bool = True
    status: str = Field(default="pending", max_length=16)  # pending | sent | failed (refused too often)
    attempts: int = 0
    not_before: datetime | None = _utc(default=None)
    lease_until: datetime | None = _utc(default=None)
    lease_holder: str | None = Field(default=None, max_length=64)  # "host:pid" of the sender
    created_at: datetime = _utc()
    sent_at: datetime | None = _utc(default=None)


class Offer(SQLModel, table=True):
    """Words typed with nothing open, kept until the writer says where they go (the offer's
    buttons carry its id, never the words). Answered, it keeps no words (only that it was
    answered, so a second tap is silent); pruned after a day either way."""

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = _user_ref(nullable=False, ondelete="CASCADE")
    body: str = Field(sa_type=WordsText)
    created_at: datetime = _utc()
    answered_at: datetime | None = _utc(default=None)


class RitualRun(SQLModel, table=True):
    """The ritual a person is in the middle of; kept in the database so a restart loses nothing."""

    user_id: int = Field(
        sa_column=Column(
            BigInteger, ForeignKey("user.id", ondelete="CASCADE"), primary_key=True
        )
    )
    ritual: str = Field(max_length=32)
    step: int = 0
    answers: str = Field(default="{}", sa_type=Text)  # JSON: step key -> answer
    token: str = Field(max_length=16)  # in callback data, so old buttons expire
    reply_to_id: int | None = None  # when the "ritual" is a reply to an entry
    round_id: int | None = None  # when it is the answer to a shared round (SharedRound.id)
    started_at: datetime = _utc()


class SharedRound(SQLModel, table=True):
    """One round of a ritual both partners answer blind (rituals/together.py): its state as
    JSON and a version, changed only by an UPDATE guarded by the version it was read at.

    `number` counts a couple's rounds of one ritual (the daily question's order follows it);
    `status` and `closes_at` mirror the state so the closing job finds due rounds by index.
    """

    __tablename__ = "shared_round"
    __table_args__ = (
        UniqueConstraint("couple_id", "ritual", "number", name="uq_shared_round_number"),
        Index("ix_shared_round_closing", "status", "closes_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    couple_id: int = Field(foreign_key="couple.id", ondelete="CASCADE")
    ritual: str = Field(max_length=32)
    number: int
    topic: str = Field(sa_type=Text)
    status: str = Field(max_length=16)
    version: int = 0
    state: str = Field(sa_type=WordsText)  # rituals.together.to_json: holds held answers
    opened_at: datetime = _utc()
    closes_at: datetime = _utc()


class InboxUpdate(SQLModel, table=True):
    """An update from Telegram, stored before it is handled (and before Telegram is told so).

    `update_id` is the key, so a second delivery of the same update is a no-op. A person's
    updates are handled one at a time in `update_id` order: only the oldest pending row of a
    `person_id` can be leased. Done rows keep no payload and are pruned after a day.
    """

    __tablename__ = "inbox"
    # The queue: pending rows in arrival order (partial, so the scan for each lane's next
    # update stops after a few rows however long the day's done rows or the backlog are).
    # The lane index leads with the person so the planner never walks all pending rows.
    # PostgreSQL's copy of the queue is partial too (migration 0009); naming it here would
    # load PostgreSQL's dialect into every SQLite process (2 MB) for a clause Alembic
    # doesn't compare.
    __table_args__ = (
        Index("ix_inbox_queue", "update_id", sqlite_where=text(PENDING_SQL)),
        Index("ix_inbox_lane", "person_id", "state", "update_id"),
    )

    update_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    person_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    payload: str = Field(sa_type=Text)  # the update's JSON as Telegram sent it
    state: str = Field(default="pending", max_length=16)  # pending | done
    attempts: int = 0
    lease_until: datetime | None = _utc(default=None)
    lease_holder: str | None = Field(default=None, max_length=64)
    received_at: datetime = _utc()
    done_at: datetime | None = _utc(default=None, index=True)
