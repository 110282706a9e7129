"""Follow-ups: explicit reminders to get back to someone on a day."""

from __future__ import annotations

import sqlite3
from datetime import date
from typing import Any

from netjournal.core.ledger_common import (
    days_between,
    item_text,
    not_before,
    person_row,
)
from netjournal.core.records import Followup, PersonRef
from netjournal.errors import Conflict, NotFound
from netjournal.i18n import _

_FOLLOWUP_SQL = (
    "SELECT f.*, p.name AS person_name FROM followups f JOIN people p ON p.id = f.person_id"
)


def _followup_record(row: sqlite3.Row, today: date | None = None) -> dict[str, Any]:
    due = row["due_on"]
    status: str | None = None
    days_overdue: int | None = None
    due_in_days: int | None = None
    if row["done_on"]:
        status = "done"
    elif today is not None:
        delta = days_between(today, due)
        if delta > 0:
            status, days_overdue = "overdue", delta
        elif delta == 0:
            status, days_overdue = "due", 0
        else:
            status, due_in_days = "upcoming", -delta
    return Followup(
        int(row["id"]),
        PersonRef.of(row["person_id"], row["person_name"]),
        due,
        row["note"],
        row["created_on"],
        row["done_on"],
        status,
        days_overdue,
        due_in_days,
    ).to_json()


def _followup_row(conn: sqlite3.Connection, followup_id: int) -> sqlite3.Row:
    row = conn.execute(_FOLLOWUP_SQL + " WHERE f.id = ?", (followup_id,)).fetchone()
    if row is None:
        raise NotFound(
            _("No follow-up with id #{id} (see 'nj followup list')").format(id=followup_id)
        )
    return row  # type: ignore[no-any-return]


def get_followup(
    conn: sqlite3.Connection, followup_id: int, today: date | None = None
) -> dict[str, Any]:
    return _followup_record(_followup_row(conn, followup_id), today)


def add_followup(
    conn: sqlite3.Connection, person_id: int, *, due_on: date, note: str | None, created_on: date
) -> int:
    """An explicit reminder to get back to someone on ``due_on``."""
    person_row(conn, person_id)
    clean = item_text(note, _("The note"), required=False)
    cur = conn.execute(
        "INSERT INTO followups (person_id, due_on, note, created_on) VALUES (?, ?, ?, ?)",
        (person_id, due_on.isoformat(), clean, created_on.isoformat()),
    )
    return int(cur.lastrowid or 0)


def done_followup(conn: sqlite3.Connection, followup_id: int, *, on: date) -> None:
    """Close a follow-up (you got back to the person)."""
    row = _followup_row(conn, followup_id)
    if row["done_on"]:
        raise Conflict(
            _("Follow-up #{id} is already done (on {on})").format(id=followup_id, on=row["done_on"])
        )
    not_before(
        on,
        row["created_on"],
        _("Follow-up #{id} was set on {made}; it cannot be done on {on}, before that").format(
            id=followup_id, made=row["created_on"], on=on.isoformat()
        ),
    )
    conn.execute("UPDATE followups SET done_on = ? WHERE id = ?", (on.isoformat(), followup_id))


def list_followups(
    conn: sqlite3.Connection,
    *,
    today: date,
    person_id: int | None = None,
    include_done: bool = False,
) -> list[dict[str, Any]]:
    """Open follow-ups by due date (most overdue first); with ``include_done`` the done
    ones follow, latest first."""
    where: list[str] = []
    params: list[Any] = []
    if person_id is not None:
        where.append("f.person_id = ?")
        params.append(person_id)
    if not include_done:
        where.append("f.done_on IS NULL")
    sql = (
        _FOLLOWUP_SQL
        + (" WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY f.done_on IS NOT NULL, CASE WHEN f.done_on IS NULL THEN f.due_on END, "
        "f.done_on DESC, f.id"
    )
    return [_followup_record(r, today) for r in conn.execute(sql, params)]
