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


@migrations()
def m003_intro_result(db: Database) -> None:
    """An outcome's verdict (issue 11): ``introductions.result`` is 'worked', 'did_not_work'
    or NULL. After "did not work" the need goes back to "Introductions to make"; outcomes
    recorded before keep NULL, which settles the introduction as before.
    """
    db.conn.execute(schema.INTRO_RESULT)
    db.conn.execute("PRAGMA user_version = 3")


def apply(db: Database) -> None:
    """Apply every pending migration (the caller holds the write lock)."""
    migrations.apply(db)


def count() -> int:
    """How many migrations this program knows (the latest schema version)."""
    return len(migrations._migrations)


@migrations()
def m004_snoozes(db: Database) -> None:
    """Snoozed review items (issue 12): ``nj snooze REF --until DATE``.

    Check-ins and thank-yous done with ``nj done`` are logged interactions
    (they are contacts and move the follow-up clock), so they need no table.
    """
    _run(db, schema.SNOOZES)
    # The position of this migration, whatever other migrations are merged before it.
    db.execute(f"PRAGMA user_version = {schema.MIGRATIONS.index('m004_snoozes') + 1}")


@migrations()
def m005_change_log(db: Database) -> None:
    """``nj undo`` (issue 12): the ``changes`` table, written by every write command.

    Sets the schema version to this migration's position in
    :data:`netjournal.db.schema.MIGRATIONS` (numbers may be merged in order).
    """
    db.execute(schema.CHANGES)
    db.execute(f"PRAGMA user_version = {schema.MIGRATIONS.index('m005_change_log') + 1}")


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


@migrations()
def m007_occasions(db: Database) -> None:
    """Occasions (issue 15): ``people.birthday`` and ``people.celebrates``.

    The number is the one assigned in issue 15 (m003-m006 come from other
    branches); the version written is this migration's place in the list.
    """
    conn = db.conn
    for statement in schema.OCCASIONS:
        conn.execute(statement)
    conn.execute(f"PRAGMA user_version = {schema.MIGRATIONS.index('m007_occasions') + 1}")


@migrations()
def m008_match_knowledge(db: Database) -> None:
    """Matching that understands situations (issue 13).

    ``needs.met_by``: who met a need (``nj need done ID --by PERSON``), which the
    matcher learns from; ``search_kinds``: each person's kinds of helper, as the
    knowledge base reads their card, ``search_need_kinds``: the kinds each need
    calls for, ``search_kind_info``: the kinds' families, relations and names
    (all three filled with the index refresh, search/kinds.py);
    offers and introductions (notes, outcomes) in the search index, marked for
    rebuilding in ``search_dirty_records`` by their triggers.
    """
    conn = db.conn
    for statement in schema.M008_TABLES:
        conn.execute(statement)
    schema.install_m008_triggers(conn)
    for kind, table in (("offer", "offers"), ("introduction", "introductions")):
        conn.execute(
            "INSERT OR IGNORE INTO search_dirty_records (kind, id) "
            f"SELECT '{kind}', id FROM {table}"
        )
    version = schema.MIGRATIONS.index("m008_match_knowledge") + 1
    conn.execute(f"PRAGMA user_version = {version}")
