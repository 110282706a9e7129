"""The schema of a journal, as data: tables, indexes, the search index and its triggers.

The migrations in :mod:`netjournal.db.migrations` execute these statements;
nothing else creates tables. The enums stored in CHECK constraints are
defined here once and imported by the layers above (``core.people.KINDS``
and the statuses of needs and offers).

Changing a statement here changes what an applied migration did: don't.
Add a new constant and a new migration instead. The text of each statement
is what SQLite stores in ``sqlite_master``, so it is kept byte for byte.
"""

from __future__ import annotations

import sqlite3

#: The migrations, in order (netjournal/db/migrations.py registers one function
#: of each name). The schema version of a journal is the number applied.
MIGRATIONS: tuple[str, ...] = (
    "m001_initial",
    "m002_search_index",
    "m003_intro_result",
    "m004_snoozes",
    "m005_change_log",
    "m006_events",
    "m007_occasions",
    "m008_match_knowledge",
)
SCHEMA_VERSION = len(MIGRATIONS)

# -- enums (CHECK constraints) --------------------------------------------------

#: Kinds of interaction (``interactions.kind``).
KINDS: tuple[str, ...] = ("met", "call", "meeting", "message", "email", "other")
#: A need is open until it is met or dropped (``needs.status``).
NEED_STATUSES: tuple[str, ...] = ("open", "met", "dropped")
#: Who gave: I gave it or I received it (``offers.direction``).
OFFER_DIRECTIONS: tuple[str, ...] = ("given", "received")
#: A promise is kept (done) or dropped (``offers.status``).
OFFER_STATUSES: tuple[str, ...] = ("promised", "done", "dropped")
#: The verdict of an introduction's outcome (``introductions.result``; NULL: none given).
INTRO_RESULTS: tuple[str, ...] = ("worked", "did_not_work")
#: What the search triggers mark for rebuilding (``search_dirty.kind``).
DIRTY_KINDS: tuple[str, ...] = ("person", "need", "interaction")
#: Where a synonym came from (``synonyms.origin``).
SYNONYM_ORIGINS: tuple[str, ...] = ("default", "user")
#: What a relationship became (``people.became``, m006).
BECAME: tuple[str, ...] = ("customer", "partner", "supplier", "friend")


def _in(values: tuple[str, ...]) -> str:
    return ", ".join(f"'{v}'" for v in values)


# -- m001: people and everything recorded about them ---------------------------

INITIAL = f"""
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
                CHECK (kind IN ({_in(KINDS)})),
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
            status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ({_in(NEED_STATUSES)})),
            closed_on TEXT,
            note TEXT
        );
        CREATE INDEX needs_person ON needs (person_id);
        CREATE TABLE offers (
            id INTEGER PRIMARY KEY,
            person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
            text TEXT NOT NULL,
            direction TEXT NOT NULL DEFAULT 'given' CHECK (direction IN ({_in(OFFER_DIRECTIONS)})),
            offered_on TEXT NOT NULL,
            due_on TEXT,
            status TEXT NOT NULL DEFAULT 'promised'
                CHECK (status IN ({_in(OFFER_STATUSES)})),
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
        """

# -- m002: the full-text index (search/index.py fills it) ----------------------

#: Folding done by FTS5 itself; stemming happens in Python (search/index.py).
TOKENIZE = "unicode61 remove_diacritics 2"
PEOPLE_COLUMNS = ("name", "org", "role", "tags", "capabilities", "notes", "helped")
NEED_COLUMNS = ("text", "note")
INTERACTION_COLUMNS = ("note", "event")

SEARCH_TABLES: tuple[str, ...] = (
    "CREATE VIRTUAL TABLE search_people USING fts5("
    f"{', '.join(PEOPLE_COLUMNS)}, tokenize = '{TOKENIZE}')",
    f"CREATE VIRTUAL TABLE search_needs USING fts5({', '.join(NEED_COLUMNS)}, "
    f"tokenize = '{TOKENIZE}')",
    f"CREATE VIRTUAL TABLE search_interactions USING fts5({', '.join(INTERACTION_COLUMNS)}, "
    f"tokenize = '{TOKENIZE}')",
    "CREATE VIRTUAL TABLE search_people_vocab USING fts5vocab(search_people, row)",
    "CREATE TABLE search_helped (person_id INTEGER NOT NULL, need_id INTEGER NOT NULL, "
    "PRIMARY KEY (person_id, need_id)) WITHOUT ROWID",
    "CREATE INDEX search_helped_need ON search_helped (need_id)",
    "CREATE TABLE search_dirty (kind TEXT NOT NULL CHECK (kind IN "
    f"({_in(DIRTY_KINDS)})), id INTEGER NOT NULL, PRIMARY KEY (kind, id)) "
    "WITHOUT ROWID",
    "CREATE TABLE synonyms (id INTEGER PRIMARY KEY, group_id INTEGER NOT NULL, "
    "term TEXT NOT NULL CHECK (length(trim(term)) > 0), "
    f"origin TEXT NOT NULL DEFAULT 'user' CHECK (origin IN ({_in(SYNONYM_ORIGINS)})), "
    "UNIQUE (group_id, term))",
    "CREATE INDEX synonyms_term ON synonyms (term)",
)


def _dirty(kind: str, ref: str) -> str:
    return f"INSERT OR IGNORE INTO search_dirty (kind, id) VALUES ('{kind}', {ref});"


#: (name, event, body) of every trigger that keeps the index in step. SQLite
#: cannot stem, so most only mark the changed document in ``search_dirty``;
#: deletions need no stemming and remove the document at once.
_TRIGGER_SPECS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("search_people_ai", "AFTER INSERT ON people", (_dirty("person", "NEW.id"),)),
    (
        "search_people_au",
        "AFTER UPDATE OF id, name, org, role, notes ON people",
        (_dirty("person", "OLD.id"), _dirty("person", "NEW.id")),
    ),
    (
        "search_people_ad",
        "AFTER DELETE ON people",
        (
            "DELETE FROM search_people WHERE rowid = OLD.id;",
            "DELETE FROM search_helped WHERE person_id = OLD.id;",
            _dirty("person", "OLD.id"),
        ),
    ),
    *(
        spec
        for table in ("tags", "capabilities")
        for spec in (
            (
                f"search_{table}_ai",
                f"AFTER INSERT ON {table}",
                (_dirty("person", "NEW.person_id"),),
            ),
            (
                f"search_{table}_au",
                f"AFTER UPDATE ON {table}",
                (_dirty("person", "OLD.person_id"), _dirty("person", "NEW.person_id")),
            ),
            (
                f"search_{table}_ad",
                f"AFTER DELETE ON {table}",
                (_dirty("person", "OLD.person_id"),),
            ),
        )
    ),
    *(
        spec
        for table, kind in (("needs", "need"), ("interactions", "interaction"))
        for spec in (
            (f"search_{table}_ai", f"AFTER INSERT ON {table}", (_dirty(kind, "NEW.id"),)),
            (
                f"search_{table}_au",
                f"AFTER UPDATE ON {table}",
                (_dirty(kind, "OLD.id"), _dirty(kind, "NEW.id")),
            ),
            (
                f"search_{table}_ad",
                f"AFTER DELETE ON {table}",
                (f"DELETE FROM search_{table} WHERE rowid = OLD.id;", _dirty(kind, "OLD.id")),
            ),
        )
    ),
    (
        "search_introductions_ai",
        "AFTER INSERT ON introductions",
        (_dirty("person", "NEW.a_id"), _dirty("person", "NEW.b_id")),
    ),
    (
        "search_introductions_au",
        "AFTER UPDATE ON introductions",
        tuple(_dirty("person", f"{v}.{c}") for v in ("OLD", "NEW") for c in ("a_id", "b_id")),
    ),
    (
        "search_introductions_ad",
        "AFTER DELETE ON introductions",
        (_dirty("person", "OLD.a_id"), _dirty("person", "OLD.b_id")),
    ),
)

#: (name, CREATE TRIGGER statement) of every search trigger.
SEARCH_TRIGGERS: tuple[tuple[str, str], ...] = tuple(
    (name, f"CREATE TRIGGER {name} {on} FOR EACH ROW BEGIN {' '.join(body)} END")
    for name, on, body in _TRIGGER_SPECS
)


def install_search_triggers(conn: sqlite3.Connection) -> None:
    """(Re)create every search trigger; existing ones are replaced."""
    for name, sql in SEARCH_TRIGGERS:
        conn.execute(f"DROP TRIGGER IF EXISTS {name}")
        conn.execute(sql)


def mark_all_dirty(conn: sqlite3.Connection) -> None:
    """Mark every person, need and interaction for the search index to rebuild."""
    for kind, table in (("person", "people"), ("need", "needs"), ("interaction", "interactions")):
        conn.execute(
            f"INSERT OR IGNORE INTO search_dirty (kind, id) SELECT '{kind}', id FROM {table}"
        )


# -- m003: the verdict of an introduction (issue 11, defect 1) -------------------

INTRO_RESULT = (
    "ALTER TABLE introductions ADD COLUMN result TEXT "
    f"CHECK (result IS NULL OR result IN ({_in(INTRO_RESULTS)}))"
)


# -- m004: snoozed review items (core/snooze.py) --------------------------------

#: What a snooze can name (``snoozes.kind``): the kinds of core.refs.Ref.
SNOOZE_KINDS: tuple[str, ...] = ("followup", "need", "offer", "intro", "person")

SNOOZES = f"""
        CREATE TABLE snoozes (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ({_in(SNOOZE_KINDS)})),
            record_id INTEGER NOT NULL,
            until TEXT NOT NULL,
            created_on TEXT NOT NULL,
            UNIQUE (kind, record_id)
        );
        CREATE INDEX snoozes_until ON snoozes (until);
        """


# -- m007: occasions (issue 15): birthdays and the holidays a person celebrates ---

#: ``birthday`` is 'YYYY-MM-DD', or '--MM-DD' when the year is not known (as
#: vCard 4 writes it); ``celebrates`` is a comma-separated list of holiday
#: codes (core/holiday_dates.py), e.g. 'lebaran,natal'.
OCCASIONS: tuple[str, ...] = (
    "ALTER TABLE people ADD COLUMN birthday TEXT",
    "ALTER TABLE people ADD COLUMN celebrates TEXT",
)


# -- m005: the change log that ``nj undo`` reads (db/changes.py fills it) ------

#: One row per write command: its command line, its day and, as a JSON list in
#: the order they happened, the rows it changed: table, rowid, before (null:
#: inserted) and after (null: deleted) images.
CHANGES = (
    "CREATE TABLE changes (id INTEGER PRIMARY KEY, command TEXT NOT NULL, "
    "at TEXT NOT NULL, ops TEXT NOT NULL)"
)


# -- m008: who met a need, people as kinds of helper, offers and introductions in search

#: What the m008 triggers mark for rebuilding (``search_dirty_records.kind``).
RECORD_DIRTY_KINDS: tuple[str, ...] = ("offer", "introduction")
OFFER_COLUMNS = ("text", "note")
INTRODUCTION_COLUMNS = ("note", "outcome")

M008_TABLES: tuple[str, ...] = (
    "ALTER TABLE needs ADD COLUMN met_by INTEGER REFERENCES people (id) ON DELETE SET NULL",
    "CREATE TABLE search_kinds (person_id INTEGER NOT NULL, kind TEXT NOT NULL, "
    "score REAL NOT NULL, field TEXT NOT NULL, phrase TEXT NOT NULL, "
    "PRIMARY KEY (person_id, kind)) WITHOUT ROWID",
    "CREATE INDEX search_kinds_kind ON search_kinds (kind)",
    "CREATE TABLE search_kinds_state (person_id INTEGER PRIMARY KEY, stamp TEXT NOT NULL)",
    "CREATE TABLE search_need_kinds (need_id INTEGER PRIMARY KEY, stamp TEXT NOT NULL, "
    "text TEXT NOT NULL, hits TEXT NOT NULL)",
    "CREATE TABLE search_kind_info (kind TEXT PRIMARY KEY, family TEXT NOT NULL, "
    "related TEXT NOT NULL, name_en TEXT NOT NULL, name_id TEXT NOT NULL) WITHOUT ROWID",
    f"CREATE VIRTUAL TABLE search_offers USING fts5({', '.join(OFFER_COLUMNS)}, "
    f"tokenize = '{TOKENIZE}')",
    f"CREATE VIRTUAL TABLE search_introductions USING fts5({', '.join(INTRODUCTION_COLUMNS)}, "
    f"tokenize = '{TOKENIZE}')",
    "CREATE TABLE search_dirty_records (kind TEXT NOT NULL CHECK (kind IN "
    f"({_in(RECORD_DIRTY_KINDS)})), id INTEGER NOT NULL, PRIMARY KEY (kind, id)) "
    "WITHOUT ROWID",
)


def _dirty_record(kind: str, ref: str) -> str:
    return f"INSERT OR IGNORE INTO search_dirty_records (kind, id) VALUES ('{kind}', {ref});"


#: (name, CREATE TRIGGER statement): offers and introductions mark their documents.
M008_TRIGGERS: tuple[tuple[str, str], ...] = tuple(
    (name, f"CREATE TRIGGER {name} {on} FOR EACH ROW BEGIN {' '.join(body)} END")
    for table, kind in (("offers", "offer"), ("introductions", "introduction"))
    for name, on, body in (
        (f"search_{kind}_doc_ai", f"AFTER INSERT ON {table}", (_dirty_record(kind, "NEW.id"),)),
        (
            f"search_{kind}_doc_au",
            f"AFTER UPDATE ON {table}",
            (_dirty_record(kind, "OLD.id"), _dirty_record(kind, "NEW.id")),
        ),
        (
            f"search_{kind}_doc_ad",
            f"AFTER DELETE ON {table}",
            (f"DELETE FROM search_{table} WHERE rowid = OLD.id;", _dirty_record(kind, "OLD.id")),
        ),
    )
)


def install_m008_triggers(conn: sqlite3.Connection) -> None:
    """(Re)create the triggers of offers' and introductions' search documents."""
    for name, sql in M008_TRIGGERS:
        conn.execute(f"DROP TRIGGER IF EXISTS {name}")
        conn.execute(sql)


# -- m006: events, referrals, what a relationship became, the archive ---------

EVENTS = f"""
        CREATE TABLE events (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL CHECK (length(trim(name)) > 0),
            name_key TEXT NOT NULL,
            on_date TEXT NOT NULL,
            place TEXT,
            created_on TEXT NOT NULL,
            UNIQUE (name_key, on_date)
        );
        CREATE INDEX events_on_date ON events (on_date);
        ALTER TABLE interactions ADD COLUMN event_id INTEGER
            REFERENCES events (id) ON DELETE SET NULL;
        CREATE INDEX interactions_event ON interactions (event_id);
        ALTER TABLE people ADD COLUMN referred_by INTEGER
            REFERENCES people (id) ON DELETE SET NULL;
        ALTER TABLE people ADD COLUMN became TEXT
            CHECK (became IS NULL OR became IN ({_in(BECAME)}));
        ALTER TABLE people ADD COLUMN became_on TEXT;
        ALTER TABLE people ADD COLUMN archived_on TEXT;
        ALTER TABLE people ADD COLUMN archive_note TEXT;
        CREATE INDEX people_referred_by ON people (referred_by)
        """
