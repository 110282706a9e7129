"""``nj undo``: put back the rows the last write command changed, from the change log.

Every write command leaves one row in ``changes`` (db/changes.py): the
command line, the day and the before/after image of every row it inserted,
updated or deleted, cascades included. Undo replays those images backwards in
one transaction: inserted rows are deleted, deleted rows inserted again with
their old ids, updated rows given their old values. It writes through the same
tables, so the search index's triggers mark what changed and the index stays
in step. It first checks that every row is still as the command left it, and
refuses otherwise. Undo itself is not logged: an undo cannot be undone.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from netjournal.errors import Conflict, NotFound
from netjournal.i18n import _


@dataclass(frozen=True)
class Change:
    """One undoable write command."""

    id: int
    command: str
    at: str
    rows: int

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "command": self.command, "at": self.at, "rows": self.rows}


def _has_log(conn: sqlite3.Connection) -> bool:
    return (
        conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'changes'"
        ).fetchone()
        is not None
    )


def list_changes(conn: sqlite3.Connection, limit: int | None = None) -> list[Change]:
    """What can be undone, the most recent first."""
    if not _has_log(conn):
        return []
    rows = conn.execute(
        "SELECT id, command, at, json_array_length(ops) FROM changes ORDER BY id DESC"
        + (" LIMIT ?" if limit else ""),
        (limit,) if limit else (),
    ).fetchall()
    return [Change(int(r[0]), r[1], r[2], int(r[3])) for r in rows]


def _where(op: dict[str, Any], image: dict[str, Any]) -> tuple[str, list[Any]]:
    if op["rowid"] is not None:
        return "rowid = ?", [op["rowid"]]
    return " AND ".join(f'"{c}" IS ?' for c in image), list(image.values())


def _current(conn: sqlite3.Connection, op: dict[str, Any], columns: list[str]) -> Any:
    where, params = _where(op, op["after"] or op["before"])
    pairs = ", ".join(f"'{c}', \"{c}\"" for c in columns)
    row = conn.execute(
        f'SELECT json_object({pairs}) FROM "{op["table"]}" WHERE {where}', params
    ).fetchone()
    return None if row is None else json.loads(row[0])


def _check(conn: sqlite3.Connection, change: Change, op: dict[str, Any]) -> None:
    image = op["after"] or op["before"]
    if _current(conn, op, list(image)) != op["after"]:
        raise Conflict(
            _("Cannot undo '{command}': {table} #{id} changed since; nothing was undone").format(
                command=change.command, table=op["table"], id=image.get("id", op["rowid"])
            )
        )


def _reverse(conn: sqlite3.Connection, op: dict[str, Any]) -> None:
    table, before, after = op["table"], op["before"], op["after"]
    if before is None:  # inserted: delete it
        where, params = _where(op, after)
        conn.execute(f'DELETE FROM "{table}" WHERE {where}', params)
    elif after is None:  # deleted: insert it again, with its old rowid
        values = dict(before)
        if op["rowid"] is not None and "id" not in values:
            values = {"rowid": op["rowid"], **values}
        names = ", ".join(f'"{c}"' for c in values)
        marks = ", ".join("?" for _c in values)
        conn.execute(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', list(values.values()))
    else:  # updated: give it its old values
        where, params = _where(op, after)
        sets = ", ".join(f'"{c}" = ?' for c in before)
        conn.execute(f'UPDATE "{table}" SET {sets} WHERE {where}', [*before.values(), *params])


def undo_last(conn: sqlite3.Connection) -> Change:
    """Undo the most recent logged write (inside the caller's transaction); returns it.

    The caller's transaction must not log itself (``Journal.write(log=False)``).
    """
    found = list_changes(conn, limit=1)
    if not found:
        raise NotFound(_("nothing to undo"))
    change = found[0]
    ops: list[dict[str, Any]] = json.loads(
        conn.execute("SELECT ops FROM changes WHERE id = ?", (change.id,)).fetchone()[0]
    )
    # Checked newest first: a row changed twice by the command ends as its last image.
    seen: set[tuple[str, Any]] = set()
    for op in reversed(ops):
        image = op["after"] or op["before"]
        key = (op["table"], op["rowid"] if op["rowid"] is not None else json.dumps(image))
        if key not in seen:
            seen.add(key)
            _check(conn, change, op)
    # Rows come back parent and child in any order; foreign keys are checked at commit.
    conn.execute("PRAGMA defer_foreign_keys = ON")
    for op in reversed(ops):
        _reverse(conn, op)
    conn.execute("DELETE FROM changes WHERE id = ?", (change.id,))
    return change


def clear(conn: sqlite3.Connection) -> int:
    """Forget the whole change log (the before-images of deleted people too)."""
    if not _has_log(conn):
        return 0
    return int(conn.execute("DELETE FROM changes").rowcount)
