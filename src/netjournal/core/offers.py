"""Offers: help promised, given, or received (docs/ledger.md).

Storage notes: help you *received* is an offer with ``direction='received'``,
status ``done`` and ``done_on = offered_on``. ``offers.done_on`` holds the date
an offer was closed, whether done or dropped (the status tells which).
"""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from typing import Any, Literal

from netjournal.core.ledger_common import (
    days_between,
    item_text,
    label,
    not_before,
    person_row,
)
from netjournal.core.records import Offer, PersonRef
from netjournal.errors import Conflict, InvalidInput, NotFound
from netjournal.i18n import _

OfferStatus = Literal["promised", "done", "dropped"]
Direction = Literal["given", "received"]

_OFFER_SQL = "SELECT o.*, p.name AS person_name FROM offers o JOIN people p ON p.id = o.person_id"


def _offer_record(row: sqlite3.Row, today: date | None = None) -> dict[str, Any]:
    due = row["due_on"]
    days_overdue: int | None = None
    if today is not None and row["status"] == "promised" and due and due <= today.isoformat():
        days_overdue = days_between(today, due)
    person = PersonRef.of(row["person_id"], row["person_name"])
    return Offer.from_row(row, person, days_overdue=days_overdue).to_json()


def _offer_row(conn: sqlite3.Connection, offer_id: int) -> sqlite3.Row:
    row = conn.execute(_OFFER_SQL + " WHERE o.id = ?", (offer_id,)).fetchone()
    if row is None:
        raise NotFound(_("No offer with id #{id} (see 'nj offer list')").format(id=offer_id))
    return row  # type: ignore[no-any-return]


def get_offer(conn: sqlite3.Connection, offer_id: int, today: date | None = None) -> dict[str, Any]:
    return _offer_record(_offer_row(conn, offer_id), today)


def add_offer(
    conn: sqlite3.Connection,
    person_id: int,
    text: str,
    *,
    offered_on: date,
    due_on: date | None = None,
    received: bool = False,
    done: bool = False,
    default_due_days: int = 7,
) -> int:
    """Record help: promised to someone (due ``default_due_days`` after ``offered_on``
    unless ``due_on``), already given (``done``), or received from them (``received``)."""
    person_row(conn, person_id)
    clean = item_text(text, _("The offer"))
    if due_on is not None and done:
        raise InvalidInput(_("A due date is for promises; help already given has none"))
    when = offered_on.isoformat()
    if received and due_on is not None:
        # Waiting on others: what they promised you, open until it arrives.
        if due_on < offered_on:
            raise InvalidInput(
                _("The promise is due on {due}, before it was made ({on})").format(
                    due=due_on.isoformat(), on=when
                )
            )
        direction, status, due, done_on = "received", "promised", due_on.isoformat(), None
    elif received:
        direction, status, due, done_on = "received", "done", None, when
    elif done:
        direction, status, due, done_on = "given", "done", None, when
    else:
        direction, status, done_on = "given", "promised", None
        if due_on is None:
            due_on = offered_on + timedelta(days=max(default_due_days, 0))
        if due_on < offered_on:
            raise InvalidInput(
                _("The promise is due on {due}, before it was made ({on})").format(
                    due=due_on.isoformat(), on=when
                )
            )
        due = due_on.isoformat()
    cur = conn.execute(
        "INSERT INTO offers (person_id, text, direction, offered_on, due_on, status, done_on) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (person_id, clean, direction, when, due, status, done_on),
    )
    return int(cur.lastrowid or 0)


def _open_offer(conn: sqlite3.Connection, offer_id: int, on: date, verb: str) -> sqlite3.Row:
    row = _offer_row(conn, offer_id)
    if row["direction"] == "received" and row["status"] != "promised":
        raise Conflict(
            _("Offer #{id} is help you received from {who}; there is nothing to {verb}").format(
                id=offer_id,
                who=label({"id": row["person_id"], "name": row["person_name"]}),
                verb=verb,
            )
        )
    if row["status"] != "promised":
        raise Conflict(
            _("Offer #{id} is already {status} (on {on})").format(
                id=offer_id, status=row["status"], on=row["done_on"]
            )
        )
    not_before(
        on,
        row["offered_on"],
        _("Offer #{id} was made on {made}; it cannot be closed on {on}, before that").format(
            id=offer_id, made=row["offered_on"], on=on.isoformat()
        ),
    )
    return row


def complete_offer(
    conn: sqlite3.Connection, offer_id: int, *, on: date, note: str | None = None
) -> None:
    """A promise kept (or, for one made to you, what was promised arrived): done on ``on``,
    with how it went in ``note`` (optional)."""
    clean = item_text(note, _("The note"), required=False)
    _open_offer(conn, offer_id, on, _("complete"))
    conn.execute(
        "UPDATE offers SET status = 'done', done_on = ?, note = coalesce(?, note) WHERE id = ?",
        (on.isoformat(), clean, offer_id),
    )


def drop_offer(conn: sqlite3.Connection, offer_id: int, *, on: date) -> None:
    """A promise you will not keep: status dropped on ``on`` (kept in ``done_on``)."""
    _open_offer(conn, offer_id, on, _("drop"))
    conn.execute(
        "UPDATE offers SET status = 'dropped', done_on = ? WHERE id = ?", (on.isoformat(), offer_id)
    )


def list_offers(
    conn: sqlite3.Connection,
    *,
    today: date,
    person_id: int | None = None,
    status: OfferStatus | None = None,
    direction: Direction | None = None,
) -> list[dict[str, Any]]:
    """Offers: open promises first (earliest due first), then the rest, latest first."""
    if status is not None and status not in ("promised", "done", "dropped"):
        raise InvalidInput(
            _("Status must be promised, done or dropped, not '{s}'").format(s=status)
        )
    where: list[str] = []
    params: list[Any] = []
    if person_id is not None:
        where.append("o.person_id = ?")
        params.append(person_id)
    if status is not None:
        where.append("o.status = ?")
        params.append(status)
    if direction is not None:
        where.append("o.direction = ?")
        params.append(direction)
    sql = (
        _OFFER_SQL
        + (" WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY o.status <> 'promised', "
        "CASE WHEN o.status = 'promised' THEN o.due_on END, "
        "coalesce(o.done_on, o.offered_on) DESC, o.id DESC"
    )
    return [_offer_record(r, today) for r in conn.execute(sql, params)]
