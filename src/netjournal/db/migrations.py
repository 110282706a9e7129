"""Numbered schema migrations, recorded in ``_sqlite_migrations``.

Never edit an applied migration: add a new one, bump ``store.SCHEMA_VERSION``
and keep a fixture database of the old version in ``tests/data/``.
Each migration ends by setting ``PRAGMA user_version`` so that opening the
journal can tell cheaply (without importing sqlite-utils) whether anything is
pending.
"""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

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
    _run(
        db,
        """
        CREATE TABLE people (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL CHECK (length(trim(name)) > 0),
            name_key TEXT NOT NULL,
            org TEXT,
            role TEXT,
            email TEXT,
            phone TEXT,
            met_at TEXT,
            met_on TEXT,
            every TEXT,
            notes TEXT,
            created_on TEXT NOT NULL
        );
        CREATE INDEX people_name_key ON people (name_key);
        CREATE INDEX people_email ON people (lower(email));
        CREATE TABLE tags (
            person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
            tag TEXT NOT NULL,
            PRIMARY KEY (person_id, tag)
        ) WITHOUT ROWID;
        CREATE INDEX tags_tag ON tags (tag);
        CREATE TABLE capabilities (
            id INTEGER PRIMARY KEY,
            person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
            text TEXT NOT NULL,
            noted_on TEXT NOT NULL
        );
        CREATE INDEX capabilities_person ON capabilities (person_id);
        CREATE TABLE interactions (
            id INTEGER PRIMARY KEY,
            person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
            on_date TEXT NOT NULL,
            kind TEXT NOT NULL
                CHECK (kind IN ('met', 'call', 'meeting', 'message', 'email', 'other')),
            event TEXT,
            note TEXT
        );
        CREATE INDEX interactions_person_date ON interactions (person_id, on_date);
        CREATE INDEX interactions_date ON interactions (on_date);
        CREATE TABLE needs (
            id INTEGER PRIMARY KEY,
            person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
            text TEXT NOT NULL,
            noted_on TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'met', 'dropped')),
            closed_on TEXT,
            note TEXT
        );
        CREATE INDEX needs_person ON needs (person_id);
        CREATE TABLE offers (
            id INTEGER PRIMARY KEY,
            person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
            text TEXT NOT NULL,
            direction TEXT NOT NULL DEFAULT 'given' CHECK (direction IN ('given', 'received')),
            offered_on TEXT NOT NULL,
            due_on TEXT,
            status TEXT NOT NULL DEFAULT 'promised'
                CHECK (status IN ('promised', 'done', 'dropped')),
            done_on TEXT,
            note TEXT
        );
        CREATE INDEX offers_person ON offers (person_id);
        CREATE TABLE introductions (
            id INTEGER PRIMARY KEY,
            a_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
            b_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
            need_id INTEGER REFERENCES needs (id) ON DELETE SET NULL,
            on_date TEXT NOT NULL,
            note TEXT,
            outcome TEXT,
            outcome_on TEXT,
            CHECK (a_id <> b_id)
        );
        CREATE INDEX introductions_a ON introductions (a_id);
        CREATE INDEX introductions_b ON introductions (b_id);
        CREATE TABLE followups (
            id INTEGER PRIMARY KEY,
            person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
            due_on TEXT NOT NULL,
            note TEXT,
            created_on TEXT NOT NULL,
            done_on TEXT
        );
        CREATE INDEX followups_person ON followups (person_id);
        PRAGMA user_version = 1
        """,
    )


def apply(db: Database) -> None:
    """Apply every pending migration (the caller holds the write lock)."""
    migrations.apply(db)


def count() -> int:
    """How many migrations this program knows (the latest schema version)."""
    return len(migrations._migrations)


@migrations()
def m002_search_index(db: Database) -> None:
    """The introductions engine (issue 5): the full-text index and the synonyms table.

    FTS5 tables hold Python-stemmed text (English + Indonesian Snowball), so
    the triggers only mark changed people, needs and interactions in
    ``search_dirty``; readers rebuild those documents first (search_index.py).
    The table and trigger definitions live in ``search_index`` (TABLES,
    TRIGGERS): change them only through a new migration. Seeds the curated
    synonym groups and builds the index of the existing journal.
    """
    from netjournal.search import index as search_index

    conn = db.conn
    for statement in search_index.TABLES:
        conn.execute(statement)
    search_index.install_triggers(conn)
    search_index.seed_synonyms(conn)
    search_index.reindex(conn)
    conn.execute("PRAGMA user_version = 2")
