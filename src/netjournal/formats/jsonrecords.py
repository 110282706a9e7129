"""The records of a netjournal JSON document: checked, matched and inserted per table."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import date
from typing import Any

from netjournal.errors import InvalidInput
from netjournal.formats.entries import Problem, strip_controls
from netjournal.i18n import _

#: Tables of a journal document, in the order they are written (foreign keys).
RECORD_TABLES = ("interactions", "needs", "offers", "introductions", "followups")
#: Columns naming a person, and their key in the document.
PERSON_COLUMNS = {"person_id": "person", "a_id": "a", "b_id": "b"}
_ENUMS = {
    ("interactions", "kind"): ("met", "call", "meeting", "message", "email", "other"),
    ("needs", "status"): ("open", "met", "dropped"),
    ("offers", "status"): ("promised", "done", "dropped"),
    ("offers", "direction"): ("given", "received"),
}
_REQUIRED = {
    "interactions": ("on_date", "kind"),
    "needs": ("text", "noted_on"),
    "offers": ("text", "offered_on"),
    "introductions": ("on_date",),
    "followups": ("due_on", "created_on"),
}


def _identity(table: str, rec: dict[str, Any]) -> tuple[Any, ...]:
    """When a record in the file is the same as one already in the journal."""
    if table == "interactions":
        return (
            rec["person_id"],
            rec["on_date"],
            rec["kind"],
            rec.get("event") or "",
            rec.get("note") or "",
        )
    if table == "needs":
        return (rec["person_id"], rec["noted_on"], rec["text"])
    if table == "offers":
        return (rec["person_id"], rec["offered_on"], rec.get("direction") or "given", rec["text"])
    if table == "introductions":
        pair = tuple(sorted((rec["a_id"], rec["b_id"])))
        return (*pair, rec["on_date"], rec.get("note") or "")
    return (rec["person_id"], rec["due_on"], rec.get("note") or "")


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]


def table_exists(conn: sqlite3.Connection, table: str) -> bool:
    return (
        conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
        ).fetchone()
        is not None
    )


class DocError(InvalidInput):
    """A document that is JSON but not a valid journal (names the record: ``needs[3]``)."""


def where_(table: str, n: int) -> str:
    return f"{table}[{n}]"


def _ref_id(value: Any, where: str, key: str) -> int:
    if isinstance(value, dict):
        value = value.get("id")
    if not isinstance(value, int) or isinstance(value, bool):
        raise DocError(_('{where}: "{key}" must name a person by id').format(where=where, key=key))
    return value


def check_date(value: Any, where: str, key: str, required: bool) -> str | None:
    if value is None:
        if required:
            raise DocError(_('{where}: "{key}" is missing').format(where=where, key=key))
        return None
    try:
        return date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise DocError(
            _("{where}: \"{key}\" is not an ISO date: '{value}'").format(
                where=where, key=key, value=str(value)[:40]
            )
        ) from None


def _fits(value: Any) -> bool:
    """An int SQLite can store (64 bits); a JSON document may hold any size."""
    return isinstance(value, int) and not isinstance(value, bool) and -(2**63) <= value < 2**63


def _clean_value(value: Any, where: str, key: str, warnings: list[Problem]) -> Any:
    if isinstance(value, str):
        cleaned, changed = strip_controls(value, one_line=False)
        if changed:
            warnings.append(
                Problem(
                    None,
                    _('{where}: removed control characters from "{key}"').format(
                        where=where, key=key
                    ),
                )
            )
        return cleaned
    if isinstance(value, int) and not isinstance(value, bool) and not _fits(value):
        raise DocError(
            _('{where}: "{key}" is a number too large to store').format(where=where, key=key)
        )
    if value is None or (isinstance(value, (int, float)) and not isinstance(value, bool)):
        return value
    raise DocError(_('{where}: "{key}" has an unexpected value').format(where=where, key=key))


def _value(table: str, column: str, value: Any, where: str, warnings: list[Problem]) -> Any:
    """One plain column of a record, checked (dates, required text, enumerations)."""
    key = column
    if column.endswith("_on") or column == "on_date":
        return check_date(value, where, key, column in _REQUIRED[table])
    clean = _clean_value(value, where, key, warnings)
    if column in _REQUIRED[table] and not clean:
        raise DocError(_('{where}: "{key}" is missing').format(where=where, key=key))
    allowed = _ENUMS.get((table, column))
    if allowed is not None and clean is None and column in ("status", "direction"):
        clean = allowed[0]
    if allowed is not None and clean not in allowed:
        raise DocError(
            _('{where}: "{key}" must be one of {allowed}').format(
                where=where, key=key, allowed=", ".join(allowed)
            )
        )
    return clean


def _record(
    table: str,
    columns: list[str],
    raw: Any,
    where: str,
    person_map: dict[int, int],
    need_map: dict[int, int],
    warnings: list[Problem],
) -> dict[str, Any]:
    """The database row of one record of the document, its references mapped."""
    if not isinstance(raw, dict):
        raise DocError(_("{where}: must be an object").format(where=where))
    rec: dict[str, Any] = {}
    for column in columns:
        key = PERSON_COLUMNS.get(column, column)
        value = raw.get(key)
        if column in PERSON_COLUMNS:
            old = _ref_id(value, where, key)
            if old not in person_map:
                raise DocError(
                    _("{where}: refers to person {id}, who is not in the file").format(
                        where=where, id=old
                    )
                )
            rec[column] = person_map[old]
        elif column == "need_id":
            if value is not None and not (isinstance(value, int) and value in need_map):
                raise DocError(
                    _("{where}: refers to need {id}, which is not in the file").format(
                        where=where, id=value
                    )
                )
            rec[column] = None if value is None else need_map[value]
        else:
            rec[column] = _value(table, column, value, where, warnings)
    if table == "introductions" and rec["a_id"] == rec["b_id"]:
        raise DocError(_("{where}: introduces a person to themself").format(where=where))
    return rec


_BATCH = 5000


def import_records(
    conn: sqlite3.Connection,
    table: str,
    items: Iterable[Any],
    *,
    person_map: dict[int, int],
    need_map: dict[int, int],
    keep_ids: bool,
    dry_run: bool,
    warnings: list[Problem],
) -> int:
    """Insert the records of one table not already in the journal; returns how many.

    Rows go in batches as they are checked, so the caller may hand over a
    generator and memory holds one batch, not the table.
    """
    columns = [c for c in _columns(conn, table) if c != "id"]
    existing: dict[tuple[Any, ...], int] = {}
    for row in conn.execute(f"SELECT * FROM {table}"):
        existing.setdefault(_identity(table, dict(row)), int(row["id"]))
    next_id = int(conn.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()[0]) + 1
    insert = (
        f"INSERT INTO {table} (id, {', '.join(columns)}) "
        f"VALUES ({', '.join('?' * (len(columns) + 1))})"
    )
    rows: list[tuple[Any, ...]] = []
    used_ids: set[int] = set()
    added = 0
    for n, raw in enumerate(items):
        rec = _record(table, columns, raw, where_(table, n), person_map, need_map, warnings)
        old_id = raw.get("id")
        identity = _identity(table, rec)
        if identity in existing:
            if table == "needs" and isinstance(old_id, int):
                need_map[old_id] = existing[identity]
            continue
        keep = keep_ids and _fits(old_id) and old_id not in used_ids
        new_id = old_id if keep else next_id
        while new_id in used_ids:
            new_id += 1
        used_ids.add(new_id)
        next_id = max(next_id, new_id + 1)
        if table == "needs" and isinstance(old_id, int):
            need_map[old_id] = new_id
        rows.append((new_id, *(rec[c] for c in columns)))
        added += 1
        if len(rows) >= _BATCH:
            if not dry_run:
                conn.executemany(insert, rows)
            rows.clear()
    if not dry_run and rows:
        conn.executemany(insert, rows)
    return added


def import_plain(
    conn: sqlite3.Connection, table: str, items: Iterable[Any], *, keep_ids: bool, dry_run: bool
) -> int:
    """A table we know nothing about (the matcher's synonyms): rows not already there."""
    columns = _columns(conn, table)
    if not keep_ids:
        columns = [c for c in columns if c != "id"]
    existing = {
        tuple(r[c] for c in columns if c != "id") for r in conn.execute(f"SELECT * FROM {table}")
    }
    rows = []
    for raw in items:
        if not isinstance(raw, dict):
            continue
        row = tuple(raw.get(c) for c in columns)
        if any(isinstance(v, int) and not _fits(v) for v in row):
            raise DocError(_("{table}: a number too large to store").format(table=table))
        key = tuple(raw.get(c) for c in columns if c != "id")
        if key in existing:
            continue
        existing.add(key)
        rows.append(row)
    if not dry_run and rows:
        conn.executemany(
            f"INSERT OR IGNORE INTO {table} ({', '.join(columns)}) "
            f"VALUES ({', '.join('?' * len(columns))})",
            rows,
        )
    return len(rows)
