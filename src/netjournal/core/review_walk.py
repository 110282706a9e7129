"""Helpers of the interactive review (``nj review -i``): a person's short card
and moving an item's due date.

Nothing here prints or reads the clock: ``as_of`` and ``on`` are arguments.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from typing import Any

from netjournal.core.contact import last_contact
from netjournal.core.refs import Ref, check_exists
from netjournal.errors import InvalidInput
from netjournal.i18n import _


def person_card(conn: sqlite3.Connection, person_id: int, as_of: date) -> dict[str, Any]:
    """Last contact, open needs and the give/take balance with one person on ``as_of``."""
    d = as_of.isoformat()
    needs = [
        {"id": int(r[0]), "text": r[1]}
        for r in conn.execute(
            "SELECT id, text FROM needs WHERE person_id = ? AND status = 'open' "
            "AND noted_on <= ? ORDER BY noted_on, id",
            (person_id, d),
        )
    ]

    def count(sql: str) -> int:
        return int(conn.execute(sql, {"p": person_id, "d": d}).fetchone()[0] or 0)

    given = count(
        "SELECT count(*) FROM offers WHERE person_id = :p AND direction = 'given' "
        "AND status = 'done' AND done_on <= :d"
    ) + count(
        "SELECT count(*) FROM introductions i JOIN needs n ON n.id = i.need_id "
        "WHERE n.person_id = :p AND i.on_date <= :d"
    )
    received = count(
        "SELECT count(*) FROM offers WHERE person_id = :p AND direction = 'received' "
        "AND status = 'done' AND coalesce(done_on, offered_on) <= :d"
    )
    return {
        "last_contact": last_contact(conn, person_id, as_of),
        "open_needs": needs,
        "given": given,
        "received": received,
    }


def can_change_due(ref: Ref, reason: str) -> bool:
    """Only follow-ups and promises (yours or awaited) have a due date of their own."""
    return ref.kind == "followup" or (ref.kind == "offer" and reason in ("promise", "waiting_on"))


def change_due(conn: sqlite3.Connection, ref: Ref, reason: str, on: date) -> None:
    """Move the due date of a follow-up or a promise to ``on``."""
    check_exists(conn, ref)
    if not can_change_due(ref, reason):
        raise InvalidInput(
            _("{ref} has no due date of its own; snooze it instead").format(ref=str(ref))
        )
    if ref.kind == "followup":
        made = conn.execute("SELECT created_on FROM followups WHERE id = ?", (ref.id,)).fetchone()[
            0
        ]
        sql = "UPDATE followups SET due_on = ? WHERE id = ?"
    else:
        made = conn.execute("SELECT offered_on FROM offers WHERE id = ?", (ref.id,)).fetchone()[0]
        sql = "UPDATE offers SET due_on = ? WHERE id = ?"
    if on.isoformat() < made:
        raise InvalidInput(
            _("{ref} was made on {made}; it cannot be due on {on}, before that").format(
                ref=str(ref), made=made, on=on.isoformat()
            )
        )
    conn.execute(sql, (on.isoformat(), ref.id))
