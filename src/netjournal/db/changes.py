"""The change log: before- and after-images of every row a write command changes.

:meth:`netjournal.db.journal.Journal.write` calls :func:`start` after ``BEGIN
IMMEDIATE`` and :func:`persist` just before ``COMMIT``, so a change is logged
in the same transaction as the write itself: both happen or neither does.

Capture uses TEMP triggers, created once per connection on every user table
(everything but the search index, SQLite's and sqlite-utils' own tables and the
log itself). They append one row per inserted, updated or deleted row to a TEMP
table; :func:`persist` folds those rows into one ``changes`` row and keeps the
last :data:`KEEP`. The triggers are discovered from the schema, so a table added
by a later migration is captured without changing this module; rows deleted by
``ON DELETE CASCADE`` are captured too (foreign-key actions fire triggers).
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

#: How many write commands ``nj undo`` can go back (older ones are forgotten).
KEEP = 100
#: The TEMP table the triggers append to.
PENDING = "temp.nj_pending_changes"

_SKIP_PREFIXES = ("sqlite_", "search_", "_sqlite_")
_SKIP = {"changes"}


def user_tables(conn: sqlite3.Connection) -> list[tuple[str, list[str], bool]]:
    """(table, columns, has a rowid) of every table the change log covers."""
    found: list[tuple[str, list[str], bool]] = []
    for name, sql in conn.execute(
        "SELECT name, sql FROM main.sqlite_master WHERE type = 'table' ORDER BY name"
    ).fetchall():
        if name in _SKIP or name.startswith(_SKIP_PREFIXES) or "VIRTUAL TABLE" in sql.upper():
            continue
        columns = [row[1] for row in conn.execute(f'PRAGMA main.table_info("{name}")')]
        found.append((name, columns, "WITHOUT ROWID" not in sql.upper()))
    return found


def _image(prefix: str, columns: list[str]) -> str:
    pairs = ", ".join(f"'{c}', {prefix}.\"{c}\"" for c in columns)
    return f"json_object({pairs})"


def _install(conn: sqlite3.Connection) -> None:
    conn.execute(
        f"CREATE TEMP TABLE IF NOT EXISTS {PENDING.split('.')[1]} (seq INTEGER PRIMARY KEY, "
        "tbl TEXT NOT NULL, rid INTEGER, before TEXT, after TEXT)"
    )
    for table, columns, has_rowid in user_tables(conn):
        rowid = {p: f"{p}.rowid" if has_rowid else "NULL" for p in ("NEW", "OLD")}
        bodies = {
            "INSERT": f"'{table}', {rowid['NEW']}, NULL, {_image('NEW', columns)}",
            "UPDATE": f"'{table}', {rowid['OLD']}, {_image('OLD', columns)}, "
            f"{_image('NEW', columns)}",
            "DELETE": f"'{table}', {rowid['OLD']}, {_image('OLD', columns)}, NULL",
        }
        for event, values in bodies.items():
            conn.execute(
                f'CREATE TEMP TRIGGER IF NOT EXISTS "nj_log_{table}_{event.lower()}" '
                f'AFTER {event} ON main."{table}" FOR EACH ROW BEGIN '
                f"INSERT INTO nj_pending_changes (tbl, rid, before, after) VALUES ({values}); END"
            )


def start(conn: sqlite3.Connection) -> bool:
    """Start capturing this transaction's changes; False when the journal has no log."""
    has_log = conn.execute(
        "SELECT 1 FROM main.sqlite_master WHERE type = 'table' AND name = 'changes'"
    ).fetchone()
    if not has_log:
        return False
    installed = conn.execute(
        "SELECT 1 FROM temp.sqlite_master WHERE name = 'nj_pending_changes'"
    ).fetchone()
    if not installed:
        _install(conn)
    conn.execute(f"DELETE FROM {PENDING}")
    return True


def pending(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """The rows changed so far in this transaction, in order."""
    return [
        {
            "table": tbl,
            "rowid": rid,
            "before": None if before is None else json.loads(before),
            "after": None if after is None else json.loads(after),
        }
        for tbl, rid, before, after in conn.execute(
            f"SELECT tbl, rid, before, after FROM {PENDING} ORDER BY seq"
        ).fetchall()
    ]


def persist(conn: sqlite3.Connection, command: str, at: str) -> int | None:
    """Fold this transaction's changes into one ``changes`` row (none if nothing changed)."""
    ops = pending(conn)
    conn.execute(f"DELETE FROM {PENDING}")
    if not ops:
        return None
    cur = conn.execute(
        "INSERT INTO changes (command, at, ops) VALUES (?, ?, ?)",
        (command, at, json.dumps(ops, ensure_ascii=False, separators=(",", ":"))),
    )
    change_id = int(cur.lastrowid or 0)
    conn.execute("DELETE FROM changes WHERE id <= ?", (change_id - KEEP,))
    return change_id


def discard(conn: sqlite3.Connection) -> None:
    """Forget what was captured in this transaction (``nj undo`` is not itself undoable)."""
    conn.execute(f"DELETE FROM {PENDING}")
