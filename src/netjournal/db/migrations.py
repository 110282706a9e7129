"""Numbered schema migrations, recorded in ``_sqlite_migrations``.

The statements themselves are data in :mod:`netjournal.db.schema`; the seed
synonyms are data in :mod:`netjournal.db.seed_synonyms`. Never edit what an
applied migration does: add a new one (the schema version is the number of
migrations, :data:`netjournal.db.journal.SCHEMA_VERSION` checks it) and keep a
fixture database of the old version in ``tests/data/``. Each migration ends by
setting ``PRAGMA user_version`` so that opening the journal can tell cheaply
(without importing sqlite-utils) whether anything is pending.
"""

from __future__ import annotations

import unicodedata
from datetime import date
from typing import Any

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from netjournal.db import schema
from netjournal.db.seed_synonyms import DEFAULT_GROUPS

migrations = Migrations("netjournal")


def _run(db: Any, script: str) -> None:
    # Statement by statement: executescript() would COMMIT the surrounding
    # BEGIN IMMEDIATE transaction.
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


@migrations()
def m001_initial(db: Database) -> None:
    """The whole schema of SPEC.md: people and everything we record about them."""
    _run(db, schema.INITIAL)
    db.execute("PRAGMA user_version = 1")


@migrations()
def m002_search_index(db: Database) -> None:
    """The introductions engine (issue 5): the full-text index and the synonyms table.

    FTS5 tables hold Python-stemmed text (English + Indonesian Snowball), so
    the triggers only mark changed people, needs and interactions in
    ``search_dirty``; readers rebuild those documents first (search/index.py).
    Seeds the curated synonym groups and marks every existing person, need
    and interaction dirty, so that the first read of the index builds it.
    """
    conn = db.conn
    for statement in schema.SEARCH_TABLES:
        conn.execute(statement)
    schema.install_search_triggers(conn)
    for group_id, group in enumerate(DEFAULT_GROUPS, 1):
        conn.executemany(
            "INSERT OR IGNORE INTO synonyms (group_id, term, origin) VALUES (?, ?, 'default')",
            [(group_id, term) for term in group],
        )
    schema.mark_all_dirty(conn)
    conn.execute("PRAGMA user_version = 2")


def _fold(text: str) -> str:
    # Frozen copy of core.names.name_key as of m006: a migration must keep
    # doing what it did when it was released, whatever the core does later.
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.casefold().split())


def _iso_or(value: Any, fallback: str) -> str:
    text = str(value or "").strip()
    try:
        return date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        return fallback


@migrations()
def m006_events(db: Database) -> None:
    """Events, referrals and the archive (issue 15).

    An event becomes a record (``events``), linked from the interactions that
    happened there (``interactions.event_id``); people gain who referred them
    (``referred_by``), what the relationship became (``became``/``became_on``)
    and ``archived_on``. The texts kept so far (``interactions.event`` and
    ``people.met_at``) become events, one per (folded text, date): the
    interaction's date, or the person's ``met_on`` (else the day they were
    added). The texts themselves stay as they were; blank ones make no event.
    """
    conn = db.conn
    _run(db, schema.EVENTS)
    created = conn.execute("SELECT coalesce(max(created_on), '') FROM people").fetchone()[0]
    events: dict[tuple[str, str], int] = {}

    def event_id(text: Any, on: str) -> int | None:
        name = " ".join(str(text or "").split())
        if not name:
            return None
        key = (_fold(name), on)
        if key not in events:
            cur = conn.execute(
                "INSERT INTO events (name, name_key, on_date, created_on) VALUES (?, ?, ?, ?)",
                (name, key[0], on, created or on),
            )
            events[key] = int(cur.lastrowid or 0)
        return events[key]

    rows = conn.execute(
        "SELECT id, event, on_date FROM interactions WHERE event IS NOT NULL ORDER BY on_date, id"
    ).fetchall()
    for iid, text, on in rows:
        eid = event_id(text, _iso_or(on, str(on)))
        if eid is not None:
            conn.execute("UPDATE interactions SET event_id = ? WHERE id = ?", (eid, iid))
    people = conn.execute(
        "SELECT met_at, met_on, created_on FROM people WHERE met_at IS NOT NULL ORDER BY id"
    ).fetchall()
    for text, met_on, created_on in people:
        event_id(text, _iso_or(met_on, _iso_or(created_on, str(created_on))))
    conn.execute(f"PRAGMA user_version = {schema.MIGRATIONS.index('m006_events') + 1}")


def apply(db: Database) -> None:
    """Apply every pending migration (the caller holds the write lock)."""
    migrations.apply(db)


def count() -> int:
    """How many migrations this program knows (the latest schema version)."""
    return len(migrations._migrations)
