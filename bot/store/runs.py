"""Open rituals: one per person, kept in the database so a restart mid-ritual loses nothing."""
from __future__ import annotations

import json
import secrets
from datetime import datetime

from sqlalchemy.orm import object_session
from sqlmodel import Session

from bot.store.models import RitualRun
from bot.store.saves import delete_now, insert_now, save_now

REPLY = "reply"  # a reply in words to a partner's entry runs like a one-step ritual
# session.info key: the open ritual this session read with each person (None: none). Held
# here because the session's identity map only keeps objects something refers to.
READ = "runs.read"


def read_with_person(session: Session, user_id: int, run: RitualRun | None) -> None:
    """The person's open ritual as read with them (see people.person_and_partner)."""
    session.info.setdefault(READ, {})[user_id] = run


def _get(session: Session, user_id: int) -> RitualRun | None:
    read = session.info.get(READ, {})
    if user_id in read and read[user_id] is None:
        return None  # read with the person a moment ago: none open
    return session.get(RitualRun, user_id)  # no query when read with the person


def open_run(*, session: Session, user_id: int, ritual: str, now: datetime,
             reply_to_id: int | None = None) -> RitualRun:
    """Start (or restart) a ritual; a fresh token makes every older button stale."""
    run = _get(session, user_id)
    fresh = {"ritual": ritual, "step": 0, "answers": "{}", "started_at": now,
             "reply_to_id": reply_to_id, "token": secrets.token_hex(4)}
    if run is not None:
        save_now(session, run, **fresh)
        return run
    session.info.get(READ, {}).pop(user_id, None)
    return insert_now(session, RitualRun(user_id=user_id, **fresh))


def current_run(*, session: Session, user_id: int) -> RitualRun | None:
    return _get(session, user_id)


def answers_of(run: RitualRun) -> dict[str, str]:
    return json.loads(run.answers)


def record_answer(*, run: RitualRun, step_key: str, value: str | None) -> None:
    """Store the answer (None: skipped) and move to the next step with a new token."""
    answers = answers_of(run)
    if value is not None:
        answers[step_key] = value
    save_now(object_session(run), run, answers=json.dumps(answers, ensure_ascii=False),
             step=run.step + 1, token=secrets.token_hex(4))


def close_run(*, session: Session, user_id: int) -> RitualRun | None:
    """Drop the open ritual, returning what it was (or None if there was none)."""
    run = _get(session, user_id)
    if run is not None:
        delete_now(session, run)
        session.info.get(READ, {}).pop(user_id, None)
    return run
