"""People: a person's row kept current, and who their partner is."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import and_, bindparam, or_
from sqlalchemy.orm import aliased
from sqlmodel import Session, select

from bot.store.models import RitualRun, User
from bot.store.runs import read_with_person


def upsert_user(*, session: Session, user_id: int, first_name: str, now: datetime) -> User:
    """The person's row, created on first contact; their name kept current, a block lifted."""
    user = session.get(User, user_id)
    if user is None:
        user = User(id=user_id, first_name=first_name[:128], created_at=now)
        session.add(user)
    else:
        if user.first_name != first_name[:128]:
            user.first_name = first_name[:128]
        if user.blocked_at is not None:
            user.blocked_at = None  # writing to us again means they unblocked the bot
    return user


def partner_of(*, session: Session, user: User) -> User | None:
    """The other member of the user's couple, if they are paired."""
    if user.couple_id is None:
        return None
    return session.exec(_PARTNER, params={"couple": user.couple_id, "me": user.id}).first()


# Built once: it runs on most updates, and building it costs more than running it.
_PARTNER = select(User).where(User.couple_id == bindparam("couple"), User.id != bindparam("me"))


def _person_and_partner_statement():
    me = aliased(User)
    couple_of_me = select(me.couple_id).where(me.id == bindparam("me")).scalar_subquery()
    # The person's open ritual rides along (most updates are a ritual's step): it lands in
    # the session, so `runs.current_run` needs no query of its own.
    return (select(User, RitualRun)
            .outerjoin(RitualRun, and_(RitualRun.user_id == User.id, User.id == bindparam("me")))
            .where(or_(User.id == bindparam("me"), User.couple_id == couple_of_me)))


_PERSON_AND_PARTNER = _person_and_partner_statement()


def person_and_partner(*, session: Session, user_id: int) -> tuple[User | None, User | None]:
    """The person's row and their partner's, in one query (most updates need both); the
    person's open ritual, if any, is read with them into the session."""
    person = partner = None
    for user, run in session.exec(_PERSON_AND_PARTNER, params={"me": user_id}):
        if user.id == user_id:
            person = user
            read_with_person(session, user_id, run)
        else:
            partner = user
    return person, partner if (person is not None and person.couple_id is not None) else None
