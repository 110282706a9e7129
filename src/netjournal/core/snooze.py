"""Snoozed review items: out of the review and ``nj due`` until a date.

A snooze names a record (:class:`~netjournal.core.refs.Ref`), not a due
date: when ``until`` comes the item is back with its original due date and
``days_overdue`` (nothing about the record is changed). Snoozing
``person:ID`` silences that person's keep-in-touch and fresh-contact items.
Snoozing a reference again replaces its date. ``nj done`` removes the
snooze of the record it closes.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from netjournal.core.refs import Ref, check_exists
from netjournal.errors import InvalidInput, NotFound
from netjournal.i18n import _

#: How long ``nj snooze REF`` snoozes without ``--until``.
DEFAULT_DAYS = 7


@dataclass(frozen=True)
class Snooze:
    ref: Ref
    until: date
    created_on: date

    def to_json(self) -> dict[str, Any]:
        return {
            "ref": str(self.ref),
            "until": self.until.isoformat(),
            "created_on": self.created_on.isoformat(),
        }


def snooze(conn: sqlite3.Connection, ref: Ref, *, today: date, until: date | None = None) -> Snooze:
    """Snooze ``ref`` until ``until`` (default: a week after ``today``)."""
    check_exists(conn, ref)
    until = until or today + timedelta(days=DEFAULT_DAYS)
    if until <= today:
        raise InvalidInput(
            _("A snooze must end after today ({today}), not on {until}").format(
                today=today.isoformat(), until=until.isoformat()
            )
        )
    conn.execute(
        "INSERT INTO snoozes (kind, record_id, until, created_on) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (kind, record_id) DO UPDATE SET until = excluded.until, "
        "created_on = excluded.created_on",
        (ref.kind, ref.id, until.isoformat(), today.isoformat()),
    )
    return Snooze(ref, until, today)


def unsnooze(conn: sqlite3.Connection, ref: Ref) -> Snooze:
    """Remove the snooze of ``ref`` (NotFound when there is none)."""
    row = conn.execute(
        "SELECT until, created_on FROM snoozes WHERE kind = ? AND record_id = ?",
        (ref.kind, ref.id),
    ).fetchone()
    if row is None:
        raise NotFound(_("{ref} is not snoozed (see 'nj snooze list')").format(ref=str(ref)))
    conn.execute("DELETE FROM snoozes WHERE kind = ? AND record_id = ?", (ref.kind, ref.id))
    return Snooze(ref, date.fromisoformat(row[0]), date.fromisoformat(row[1]))


def clear(conn: sqlite3.Connection, ref: Ref) -> None:
    """Forget any snooze of ``ref`` (when its record is done)."""
    conn.execute("DELETE FROM snoozes WHERE kind = ? AND record_id = ?", (ref.kind, ref.id))


def list_snoozes(conn: sqlite3.Connection, *, today: date) -> list[Snooze]:
    """Snoozes still running on ``today``, ending soonest first."""
    return [
        Snooze(Ref(r[0], int(r[1])), date.fromisoformat(r[2]), date.fromisoformat(r[3]))
        for r in conn.execute(
            "SELECT kind, record_id, until, created_on FROM snoozes WHERE until > ? "
            "ORDER BY until, kind, record_id",
            (today.isoformat(),),
        )
    ]


def active(conn: sqlite3.Connection, as_of: date) -> dict[Ref, date]:
    """What is snoozed on ``as_of`` (made by then, not yet over): ref -> until."""
    d = as_of.isoformat()
    return {
        Ref(r[0], int(r[1])): date.fromisoformat(r[2])
        for r in conn.execute(
            "SELECT kind, record_id, until FROM snoozes WHERE created_on <= ? AND until > ?",
            (d, d),
        )
    }
