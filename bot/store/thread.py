"""Reading a couple's shared thread: pages for /thread, everything for /export."""
from __future__ import annotations

from sqlalchemy import exists
from sqlmodel import Session, col, select

from bot.store.models import Couple, Delivery, Entry, User


def _visible_to(user: User):
    """What the reader may see: their own words, and the other's once delivered to them."""
    return _thread_of(user) & ((Entry.author_id == user.id) | ~_still_owed_to(user))


def _still_owed_to(user: User):
    """A delivery of the entry to the reader is still pending: words held by a time-out
    (or waiting for a send) are not shown in /thread or /export before they arrive."""
    return exists().where(Delivery.entry_id == Entry.id, Delivery.recipient_id == user.id,
                          Delivery.status == "pending")


def _thread_of(user: User):
    """The reader's couple's entries; when unpaired, the threads of couples they were part
    of (kept after /unpair until someone deletes their data) and their private notes."""
    if user.couple_id is not None:
        return Entry.couple_id == user.couple_id
    former = select(Couple.id).where(
        (Couple.first_member_id == user.id) | (Couple.second_member_id == user.id)
    )
    # Couples from before membership was recorded (0003) are known by what the person wrote.
    wrote_in = select(Entry.couple_id).where(Entry.author_id == user.id, Entry.couple_id.is_not(None))
    return col(Entry.couple_id).in_(former) | col(Entry.couple_id).in_(wrote_in) | (
        (Entry.couple_id.is_(None)) & (Entry.author_id == user.id)
    )


def thread_page(*, session: Session, user: User, before_id: int | None, size: int) -> tuple[list[Entry], bool]:
    """Up to `size` entries older than `before_id`, oldest first, and whether older ones exist."""
    query = select(Entry).where(_visible_to(user))
    if before_id is not None:
        query = query.where(Entry.id < before_id)
    rows = session.exec(query.order_by(Entry.id.desc()).limit(size + 1)).all()
    return list(reversed(rows[:size])), len(rows) > size


def thread_page_after(*, session: Session, user: User, after_id: int,
                      size: int) -> tuple[list[Entry], bool]:
    """Up to `size` entries newer than `after_id`, oldest first, and whether newer ones exist."""
    rows = session.exec(select(Entry).where(_visible_to(user), Entry.id > after_id)
                        .order_by(Entry.id).limit(size + 1)).all()
    return list(rows[:size]), len(rows) > size


def whole_thread(*, session: Session, user: User) -> list[Entry]:
    return list(session.exec(select(Entry).where(_visible_to(user)).order_by(Entry.id)).all())


def names_by_id(*, session: Session, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    rows = session.exec(select(User.id, User.first_name).where(col(User.id).in_(ids)))
    return dict(rows.all())


def entry_for_reader(*, session: Session, reader: User, entry_id: int) -> Entry | None:
    """The entry when it belongs to the reader's own couple and another wrote it, else None."""
    entry = session.get(Entry, entry_id)
    if entry is None or reader.couple_id is None or entry.couple_id != reader.couple_id:
        return None
    return entry if entry.author_id != reader.id else None
