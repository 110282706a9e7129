"""Correcting what was recorded: follow-ups, offers, needs, introductions, interactions, notes.

Each function works inside the caller's write transaction, validates before
writing and raises NotFound / InvalidInput / UsageProblem; none prints. An
empty ``--note ''`` clears a note; text that is required (an offer's, a
need's) cannot be emptied.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from typing import Any

from netjournal.core.followups import get_followup
from netjournal.core.intros import get_intro
from netjournal.core.ledger_common import item_text, not_before, person_row
from netjournal.core.needs import need_row
from netjournal.core.offers import get_offer
from netjournal.core.records import PersonRef
from netjournal.db.schema import KINDS
from netjournal.errors import InvalidInput, NotFound, UsageProblem
from netjournal.i18n import _
from netjournal.text import clean_text


def _nothing(options: str) -> UsageProblem:
    return UsageProblem(_("Nothing to change; give {options}").format(options=options))


def _note(note: str) -> str | None:
    return item_text(note, _("The note"), required=False) if note.strip() else None


def edit_followup(
    conn: sqlite3.Connection, followup_id: int, *, on: date | None, note: str | None
) -> None:
    """Move a follow-up to another day and/or change its note."""
    if on is None and note is None:
        raise _nothing("--on or --note")
    row = get_followup(conn, followup_id)
    if on is not None:
        not_before(
            on,
            row["created_on"],
            _("Follow-up #{id} was set on {made}; it cannot be due on {on}, before that").format(
                id=followup_id, made=row["created_on"], on=on.isoformat()
            ),
        )
        conn.execute("UPDATE followups SET due_on = ? WHERE id = ?", (on.isoformat(), followup_id))
    if note is not None:
        conn.execute("UPDATE followups SET note = ? WHERE id = ?", (_note(note), followup_id))


def edit_offer(
    conn: sqlite3.Connection, offer_id: int, *, text: str | None, due: date | None
) -> None:
    """Reword an offer and/or move a promise's due date."""
    if text is None and due is None:
        raise _nothing("--text or --due")
    row = conn.execute(
        "SELECT offered_on, due_on, status FROM offers WHERE id = ?", (offer_id,)
    ).fetchone()
    if row is None:
        get_offer(conn, offer_id)  # raises the usual NotFound
    if due is not None:
        if row["due_on"] is None and row["status"] != "promised":
            raise InvalidInput(
                _("Offer #{id} is help already given or received; it has no due date").format(
                    id=offer_id
                )
            )
        not_before(
            due,
            row["offered_on"],
            _("The promise is due on {due}, before it was made ({on})").format(
                due=due.isoformat(), on=row["offered_on"]
            ),
        )
        conn.execute("UPDATE offers SET due_on = ? WHERE id = ?", (due.isoformat(), offer_id))
    if text is not None:
        clean = item_text(text, _("The offer"))
        conn.execute("UPDATE offers SET text = ? WHERE id = ?", (clean, offer_id))


def edit_need(conn: sqlite3.Connection, need_id: int, *, text: str) -> None:
    """Reword a need."""
    need_row(conn, need_id)
    clean = item_text(text, _("The need"))
    conn.execute("UPDATE needs SET text = ? WHERE id = ?", (clean, need_id))


def edit_intro(
    conn: sqlite3.Connection, intro_id: int, *, note: str | None, on: date | None
) -> None:
    """Change an introduction's note and/or its date."""
    if note is None and on is None:
        raise _nothing("--note or --on")
    row = get_intro(conn, intro_id)
    if on is not None:
        if row.get("outcome_on") and on.isoformat() > row["outcome_on"]:
            raise InvalidInput(
                _("Introduction #{id} has an outcome on {then}; it cannot be later").format(
                    id=intro_id, then=row["outcome_on"]
                )
            )
        conn.execute(
            "UPDATE introductions SET on_date = ? WHERE id = ?", (on.isoformat(), intro_id)
        )
    if note is not None:
        conn.execute("UPDATE introductions SET note = ? WHERE id = ?", (_note(note), intro_id))


# -- interactions ---------------------------------------------------------------

_INTERACTION_SQL = (
    "SELECT i.id, i.person_id, p.name AS person_name, i.on_date, i.kind, i.event, i.note "
    "FROM interactions i JOIN people p ON p.id = i.person_id"
)


def _interaction(row: sqlite3.Row) -> dict[str, Any]:
    return {
        "id": int(row["id"]),
        "person": PersonRef.of(row["person_id"], row["person_name"]).to_json(),
        "on": row["on_date"],
        "kind": row["kind"],
        "event": row["event"],
        "note": row["note"],
    }


def get_interaction(conn: sqlite3.Connection, interaction_id: int) -> dict[str, Any]:
    row = conn.execute(_INTERACTION_SQL + " WHERE i.id = ?", (interaction_id,)).fetchone()
    if row is None:
        raise NotFound(_("No contact with id #{id} (see 'nj log list')").format(id=interaction_id))
    return _interaction(row)


def list_interactions(
    conn: sqlite3.Connection, *, person_id: int | None = None
) -> list[dict[str, Any]]:
    """Logged contacts, latest first."""
    where, params = ("", ()) if person_id is None else (" WHERE i.person_id = ?", (person_id,))
    sql = _INTERACTION_SQL + where + " ORDER BY i.on_date DESC, i.id DESC"
    return [_interaction(r) for r in conn.execute(sql, params)]


def edit_interaction(
    conn: sqlite3.Connection,
    interaction_id: int,
    *,
    note: str | None,
    on: date | None,
    kind: str | None,
) -> None:
    """Change a logged contact's note, date or kind."""
    if note is None and on is None and kind is None:
        raise _nothing("--note, --on or --kind")
    get_interaction(conn, interaction_id)
    if kind is not None and kind not in KINDS:
        raise UsageProblem(
            _("--kind must be one of {kinds} (got '{kind}')").format(
                kinds=", ".join(KINDS), kind=kind[:40]
            )
        )
    updates = {"on_date": on.isoformat() if on else None, "kind": kind}
    for column, value in updates.items():
        if value is not None:
            conn.execute(
                f"UPDATE interactions SET {column} = ? WHERE id = ?", (value, interaction_id)
            )
    if note is not None:
        conn.execute(
            "UPDATE interactions SET note = ? WHERE id = ?",
            (clean_text(note, _("The note")) if note.strip() else None, interaction_id),
        )


def delete_interaction(conn: sqlite3.Connection, interaction_id: int) -> dict[str, Any]:
    """Delete a logged contact; returns what it was."""
    record = get_interaction(conn, interaction_id)
    conn.execute("DELETE FROM interactions WHERE id = ?", (interaction_id,))
    return record


# -- a person's notes and capabilities ------------------------------------------


def add_note(conn: sqlite3.Connection, person_id: int, text: str, today: date) -> None:
    """Append the line ``YYYY-MM-DD: text`` to a person's notes."""
    clean = clean_text(text, _("The note"), required=True)
    person_row(conn, person_id)
    old = conn.execute("SELECT notes FROM people WHERE id = ?", (person_id,)).fetchone()[0]
    line = f"{today.isoformat()}: {clean}"
    notes = f"{old.rstrip()}\n{line}" if old and old.strip() else line
    conn.execute("UPDATE people SET notes = ? WHERE id = ?", (notes, person_id))


def remove_capability(conn: sqlite3.Connection, person_id: int, text: str) -> str:
    """Remove the capability whose text is ``text`` (ignoring case); returns its text."""
    rows = conn.execute(
        "SELECT id, text FROM capabilities WHERE person_id = ? ORDER BY id", (person_id,)
    ).fetchall()
    wanted = " ".join(text.split()).casefold()
    for row in rows:
        if " ".join(row["text"].split()).casefold() == wanted:
            conn.execute("DELETE FROM capabilities WHERE id = ?", (row["id"],))
            return str(row["text"])
    listed = "; ".join(f"'{r['text']}'" for r in rows) or _("none")
    raise NotFound(
        _("No capability '{text}'; their capabilities: {listed}").format(
            text=text.strip()[:60], listed=listed
        )
    )
