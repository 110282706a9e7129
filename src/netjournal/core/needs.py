"""Needs: what a person is looking for (docs/ledger.md).

``list_needs`` and ``get_need`` return JSON-ready dicts; every item that
concerns a person names it as ``{"id": ..., "name": ...}``, dates are ISO
strings.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from typing import Any, Literal

from netjournal.core import people
from netjournal.core.ledger_common import (
    item_text,
    not_before,
    person_row,
)
from netjournal.core.records import Need, PersonRef
from netjournal.errors import Conflict, InvalidInput, NotFound, UsageProblem
from netjournal.i18n import _

NeedStatus = Literal["met", "dropped"]

_NEED_SQL = """
SELECT n.*, p.name AS person_name,
       (SELECT m.name FROM people m WHERE m.id = n.met_by) AS met_by_name,
       (SELECT group_concat(i.id) FROM introductions i WHERE i.need_id = n.id) AS intro_ids
FROM needs n JOIN people p ON p.id = n.person_id
"""


def _need_record(row: sqlite3.Row) -> dict[str, Any]:
    record = Need.from_row(row, PersonRef.of(row["person_id"], row["person_name"])).to_json()
    if "met_by" in row.keys() and row["met_by"] is not None:  # noqa: SIM118 (sqlite3.Row)
        record["met_by"] = {"id": int(row["met_by"]), "name": row["met_by_name"]}
    return record


def need_row(conn: sqlite3.Connection, need_id: int) -> sqlite3.Row:
    row = conn.execute(_NEED_SQL + " WHERE n.id = ?", (need_id,)).fetchone()
    if row is None:
        raise NotFound(_("No need with id #{id} (see 'nj need list --all')").format(id=need_id))
    return row  # type: ignore[no-any-return]


def get_need(conn: sqlite3.Connection, need_id: int) -> dict[str, Any]:
    return _need_record(need_row(conn, need_id))


def add_need(conn: sqlite3.Connection, person_id: int, text: str, noted_on: date) -> int:
    """Record what a person needs; returns the need's id."""
    person_row(conn, person_id)
    item_text(text, _("The need"))
    return people.add_need(conn, person_id, text, noted_on)


def close_need(
    conn: sqlite3.Connection,
    need_id: int,
    *,
    status: NeedStatus,
    on: date,
    note: str | None = None,
    met_by: int | None = None,
) -> None:
    """Mark a need met (with how or by whom in ``note``, who met it in ``met_by``) or dropped.

    ``met_by`` is what the matcher learns from (docs/matching.md).
    """
    if status not in ("met", "dropped"):
        raise InvalidInput(
            _("A need is closed as 'met' or 'dropped', not '{status}'").format(status=status)
        )
    if met_by is not None:
        if status != "met":
            raise UsageProblem(_("--by names who met a need; a dropped need has nobody"))
        person_row(conn, met_by)
    clean = item_text(note, _("The note"), required=False)
    row = need_row(conn, need_id)
    if row["status"] != "open":
        raise Conflict(
            _("Need #{id} is already {status} (since {on})").format(
                id=need_id, status=row["status"], on=row["closed_on"]
            )
        )
    not_before(
        on,
        row["noted_on"],
        _("Need #{id} was noted on {noted}; it cannot be closed on {on}, before that").format(
            id=need_id, noted=row["noted_on"], on=on.isoformat()
        ),
    )
    if met_by is not None and met_by == int(row["person_id"]):
        raise InvalidInput(
            _("{name} has the need; --by names who else met it").format(name=row["person_name"])
        )
    conn.execute(
        "UPDATE needs SET status = ?, closed_on = ?, note = ?, met_by = ? WHERE id = ?",
        (status, on.isoformat(), clean, met_by, need_id),
    )


def list_needs(
    conn: sqlite3.Connection, *, person_id: int | None = None, include_closed: bool = False
) -> list[dict[str, Any]]:
    """Needs, open ones first (oldest first), then closed ones (latest closed first)."""
    where: list[str] = []
    params: list[Any] = []
    if person_id is not None:
        where.append("n.person_id = ?")
        params.append(person_id)
    if not include_closed:
        where.append("n.status = 'open'")
    sql = (
        _NEED_SQL
        + (" WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY n.status <> 'open', "
        "CASE WHEN n.status = 'open' THEN n.noted_on END, "
        "CASE WHEN n.status = 'open' THEN n.id END, n.closed_on DESC, n.id DESC"
    )
    return [_need_record(r) for r in conn.execute(sql, params)]
