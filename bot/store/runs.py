"""Open rituals: one per person, kept in the database so a restart mid-ritual loses nothing."""
from __future__ import annotations

import json
import secrets
from datetime import datetime

from sqlmodel import Session

from bot.store.models import RitualRun

REPLY = "reply"  # a reply in words to a partner's entry runs like a one-step ritual
# session.info key: people whose open ritual this session read and found none (no query
# again for it; `open_run` takes them off).
NO_RUN = "runs.no_run"


def known_absent(session: Session, user_id: int) -> None:
    """This session read the person's open ritual (with the person) and there was none."""
    session.info.setdefault(NO_RUN, set()).add(user_id)


def _get(session: Session, user_id: int) -> RitualRun | None:
    if user_id in session.info.get(NO_RUN, ()):
        return None
    return session.get(RitualRun, user_id)


def open_run(*, session: Session, user_id: int, ritual: str, now: datetime,
             reply_to_id: int | None = None) -> RitualRun:
    """Start (or restart) a ritual; a fresh token makes every older button stale."""
    run = _get(session, user_id)
    if run is None:
        run = RitualRun(user_id=user_id, ritual=ritual, token="", started_at=now)
        session.add(run)
        session.info.get(NO_RUN, set()).discard(user_id)
    run.ritual, run.step, run.answers, run.started_at = ritual, 0, "{}", now
    run.reply_to_id = reply_to_id
    run.token = secrets.token_hex(4)
    return run


def current_run(*, session: Session, user_id: int) -> RitualRun | None:
    return _get(session, user_id)


def answers_of(run: RitualRun) -> dict[str, str]:
    return json.loads(run.answers)


def record_answer(*, run: RitualRun, step_key: str, value: str | None) -> None:
    """Store the answer (None: skipped) and move to the next step with a new token."""
    answers = answers_of(run)
    if value is not None:
        answers[step_key] = value
    run.answers = json.dumps(answers, ensure_ascii=False)
    run.step += 1
    run.token = secrets.token_hex(4)


def close_run(*, session: Session, user_id: int) -> RitualRun | None:
    """Drop the open ritual, returning what it was (or None if there was none)."""
    run = _get(session, user_id)
    if run is not None:
        session.delete(run)
    return run
