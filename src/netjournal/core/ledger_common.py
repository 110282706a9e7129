"""What the ledger modules share: record ids, person references, text and date checks.

Core functions take an open connection inside the caller's write transaction
and plain values (dates already parsed, "today" passed in). They validate
everything before writing, raise domain errors (NotFound, Conflict,
InvalidInput) and return ids.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from typing import Any

from netjournal.errors import InvalidInput, NotFound, UsageProblem
from netjournal.i18n import _
from netjournal.text import clean_text


def parse_record_id(text: str, what: str) -> int:
    """``12`` or ``#12`` -> 12; anything else is a usage problem (exit 2)."""
    raw = text.strip()
    digits = raw[1:] if raw.startswith("#") else raw
    if not digits.isascii() or not digits.isdigit() or len(digits) > 18 or int(digits) == 0:
        raise UsageProblem(
            _("'{text}' is not an id; {what} ids are numbers such as 3 or #3").format(
                text=raw[:40], what=what
            )
        )
    return int(digits)


def person_row(conn: sqlite3.Connection, person_id: int) -> sqlite3.Row:
    row = conn.execute("SELECT id, name FROM people WHERE id = ?", (person_id,)).fetchone()
    if row is None:
        raise NotFound(_("No person with id #{id}").format(id=person_id))
    return row  # type: ignore[no-any-return]


def ref(person_id: Any, name: Any) -> dict[str, Any]:
    return {"id": int(person_id), "name": name}


def label(row: sqlite3.Row | dict[str, Any]) -> str:
    return f"{row['name']} #{row['id']}"


def item_text(text: str | None, field: str, *, required: bool = True) -> str | None:
    return clean_text(text, field, required=required)


def not_before(when: date, start: str, message: str) -> None:
    if when.isoformat() < start:
        raise InvalidInput(message)


def days_between(later: str | date, earlier: str | date) -> int:
    a = later if isinstance(later, date) else date.fromisoformat(later)
    b = earlier if isinstance(earlier, date) else date.fromisoformat(earlier)
    return (a - b).days
