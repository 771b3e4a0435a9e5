"""Saving a row at once with one Core statement, the ORM told it is saved.

A ritual's step changes two or three columns of one or two rows; the ORM's flush (its unit
of work: finding what changed, ordering, building the statements) cost more than the
statements themselves. These write through the session's own connection, in its
transaction, and mark the object as saved, so the flush at commit has nothing to do for
it. An object the ORM already has changes for, or has not written yet, is left to the ORM,
so nothing is ever written twice or out of order.
"""
from __future__ import annotations

from functools import cache

from sqlalchemy import Table, bindparam, delete, insert, inspect, update
from sqlalchemy.orm import Session, make_transient_to_detached
from sqlalchemy.orm.attributes import set_committed_value


def _key(table: Table) -> list:
    return list(table.primary_key.columns)


@cache
def _update(table: Table, columns: tuple[str, ...]):
    return (update(table)
            .where(*(c == bindparam(f"k_{c.name}") for c in _key(table)))
            .values({name: bindparam(f"v_{name}") for name in columns}))


@cache
def _delete(table: Table):
    return delete(table).where(*(c == bindparam(f"k_{c.name}") for c in _key(table)))


@cache
def _insert(table: Table, columns: tuple[str, ...]):
    """The INSERT, and the key columns the database makes (read back with RETURNING)."""
    generated = tuple(c for c in _key(table) if c.name not in columns)
    statement = insert(table)
    return (statement.returning(*generated) if generated else statement), generated


def _connection(session: Session):
    """The session's connection, after writing any row the ORM holds new or deleted (a
    row written now may refer to one, or take a key one gives up)."""
    if session.new or session.deleted:
        session.flush()
    return session.connection()


def _clean(obj) -> bool:
    """In the database exactly as the object shows it."""
    state = inspect(obj)
    return state.persistent and not state.modified


def _where_key(obj) -> dict:
    table = type(obj).__table__
    return {f"k_{c.name}": getattr(obj, c.key) for c in _key(table)}


def save_now(session: Session, obj, **values) -> None:
    """Set these columns of `obj`, written now with one UPDATE by its key."""
    if not _clean(obj):
        for name, value in values.items():
            setattr(obj, name, value)
        return
    table = type(obj).__table__
    names = tuple(sorted(values))
    _connection(session).execute(_update(table, names), {
        **_where_key(obj), **{f"v_{name}": values[name] for name in names}})
    for name, value in values.items():
        set_committed_value(obj, name, value)


def delete_now(session: Session, obj) -> None:
    """Delete `obj`'s row now (or never write it, when it is new in this transaction)."""
    state = inspect(obj)
    if state.persistent:
        _connection(session).execute(_delete(type(obj).__table__), _where_key(obj))
    if state.persistent or state.pending:
        session.expunge(obj)


def insert_now(session: Session, obj):
    """Write a new object's row now with one INSERT (its generated key read back), and
    keep it in the session as a saved object."""
    table = type(obj).__table__
    values = {c.name: getattr(obj, c.key) for c in table.columns
              if getattr(obj, c.key, None) is not None}
    statement, generated = _insert(table, tuple(sorted(values)))
    result = _connection(session).execute(statement, values)
    if generated:
        for column, value in zip(generated, result.one(), strict=True):
            setattr(obj, column.key, value)
    make_transient_to_detached(obj)
    session.add(obj)
    return obj
