"""The full-text index behind ``nj match`` and ``nj search`` (FTS5, stemmed in Python).

Design (docs/matching.md):

* Text is analysed in Python (:mod:`netjournal.search.analyser`) and the FTS5
  tables hold the stems; the documents are built by
  :mod:`netjournal.search.documents`.
* SQLite triggers cannot stem, so the triggers installed by migration 002 only
  mark what changed in ``search_dirty`` (a person, a need, an interaction).
  Every read of the index first calls :func:`refresh`, which rebuilds just the
  dirty documents. Any program may therefore write the journal with plain SQL
  (imports, the sqlite3 shell, other commands) and the index still follows.
* ``sqlite-utils``' ``transform()`` drops triggers: :func:`check` reports
  missing ones and :func:`reindex` puts them back and rebuilds everything.

Tables: ``search_people`` (rowid = person id; what a person can offer:
name, org, role, tags, capabilities, notes, and the needs they helped meet),
``search_needs`` (rowid = need id), ``search_interactions`` (rowid =
interaction id), ``search_helped`` (which needs a person helped meet, so that
an edited need refreshes its old helpers), ``search_dirty`` and ``synonyms``.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection, Iterable
from typing import Any

from netjournal.db.schema import (
    INTERACTION_COLUMNS,
    INTRODUCTION_COLUMNS,
    M008_TRIGGERS,
    NEED_COLUMNS,
    OFFER_COLUMNS,
    PEOPLE_COLUMNS,
    SEARCH_TABLES,
    SEARCH_TRIGGERS,
    install_m008_triggers,
    install_search_triggers,
)
from netjournal.i18n import _
from netjournal.search.documents import (
    Mentions,
    interaction_docs,
    introduction_docs,
    mention_keys,
    need_docs,
    offer_docs,
    person_docs,
)

# The schema of the index lives in db/schema.py (installed by migration m002).
TABLES = SEARCH_TABLES
TRIGGERS = SEARCH_TRIGGERS + M008_TRIGGERS


def install_triggers(conn: sqlite3.Connection) -> None:
    install_search_triggers(conn)
    install_m008_triggers(conn)


def _store(
    conn: sqlite3.Connection,
    table: str,
    columns: Iterable[str],
    docs: dict[int, Any],
    ids: Collection[int] | None,
) -> None:
    cols = list(columns)
    if ids is None:
        conn.execute(f"DELETE FROM {table}")
    else:
        conn.executemany(f"DELETE FROM {table} WHERE rowid = ?", [(i,) for i in ids])
    conn.executemany(
        f"INSERT INTO {table} (rowid, {', '.join(cols)}) VALUES (?{', ?' * len(cols)})",
        [(rowid, *doc) for rowid, doc in docs.items()],
    )


def _store_people(
    conn: sqlite3.Connection, ids: Collection[int] | None, mentions: Mentions | None = None
) -> None:
    from netjournal.search.kinds import forget

    docs, helped = person_docs(conn, ids, mentions)
    _store(conn, "search_people", PEOPLE_COLUMNS, docs, ids)
    if ids is None:
        conn.execute("DELETE FROM search_kinds")
        conn.execute("DELETE FROM search_kinds_state")
        conn.execute("DELETE FROM search_need_kinds")
    else:
        forget(conn, ids)
    if ids is None:
        conn.execute("DELETE FROM search_helped")
    else:
        conn.executemany("DELETE FROM search_helped WHERE person_id = ?", [(i,) for i in ids])
    conn.executemany(
        "INSERT INTO search_helped (person_id, need_id) VALUES (?, ?)",
        [(pid, nid) for pid, needs in helped.items() for nid in needs],
    )


# -- keeping it fresh --------------------------------------------------------------


def _refresh_records(conn: sqlite3.Connection) -> int:
    """Rebuild the dirty offer and introduction documents (m008); returns how many."""
    if not _m008(conn):
        return 0
    records: dict[str, set[int]] = {"offer": set(), "introduction": set()}
    for kind, ref in conn.execute("SELECT kind, id FROM search_dirty_records"):
        records.setdefault(kind, set()).add(int(ref))
    for kind, table, columns, docs in (
        ("offer", "search_offers", OFFER_COLUMNS, offer_docs),
        ("introduction", "search_introductions", INTRODUCTION_COLUMNS, introduction_docs),
    ):
        if records[kind]:
            _store(conn, table, columns, docs(conn, records[kind]), records[kind])
    conn.execute("DELETE FROM search_dirty_records")
    return sum(len(v) for v in records.values())


def _helpers_of(conn: sqlite3.Connection, needs: set[int]) -> set[int]:
    """The people whose documents an edit of ``needs`` changes: their helpers, before and now."""
    ids = json.dumps(sorted(needs))
    people = {
        int(r[0])
        for r in conn.execute(
            "SELECT person_id FROM search_helped WHERE need_id IN (SELECT value FROM json_each(?))",
            (ids,),
        )
    }
    people |= {
        int(r[0])
        for r in conn.execute(
            "SELECT met_by FROM needs WHERE met_by IS NOT NULL AND id IN "
            "(SELECT value FROM json_each(?))",
            (ids,),
        )
    }
    people |= {
        int(r[0])
        for r in conn.execute(
            "SELECT a_id FROM introductions WHERE need_id IN (SELECT value FROM json_each(?)) "
            "UNION SELECT b_id FROM introductions WHERE need_id IN "
            "(SELECT value FROM json_each(?))",
            (ids, ids),
        )
    }
    mentioned: set[str] = set()
    for (note,) in conn.execute(
        "SELECT note FROM needs WHERE status = 'met' AND note IS NOT NULL AND id IN "
        "(SELECT value FROM json_each(?))",
        (ids,),
    ):
        mentioned |= mention_keys(note)
    if mentioned:
        from netjournal.core.names import name_key

        for pid, name in conn.execute("SELECT id, name FROM people"):
            if name_key(name) in mentioned or f"#{pid}" in mentioned:
                people.add(int(pid))
    return people


def refresh(conn: sqlite3.Connection) -> int:
    """Rebuild the documents marked dirty by the triggers; returns how many.

    The caller holds a write transaction (see :func:`ensure_fresh`).
    """
    dirty: dict[str, set[int]] = {"person": set(), "need": set(), "interaction": set()}
    for kind, ref in conn.execute("SELECT kind, id FROM search_dirty"):
        dirty.setdefault(kind, set()).add(int(ref))
    records = _refresh_records(conn)
    count = sum(len(v) for v in dirty.values())
    if not count:
        return records
    people = dirty["person"]
    if dirty["need"]:
        needs = dirty["need"]
        _store(conn, "search_needs", NEED_COLUMNS, need_docs(conn, needs), needs)
        if _m008(conn):
            from netjournal.search.kinds import forget_needs

            forget_needs(conn, needs)
        people |= _helpers_of(conn, needs)
    if dirty["interaction"]:
        inter = dirty["interaction"]
        _store(
            conn, "search_interactions", INTERACTION_COLUMNS, interaction_docs(conn, inter), inter
        )
    if people:
        _store_people(conn, people)
    _compact_after_deletes(conn, dirty["person"], dirty["need"], dirty["interaction"])
    conn.execute("DELETE FROM search_dirty")
    return count


def _compact_after_deletes(
    conn: sqlite3.Connection, people: set[int], needs: set[int], interactions: set[int]
) -> None:
    """Merge the index's segments when records were deleted.

    FTS5 keeps deleted tokens in old segments until they merge; 'optimize'
    rewrites the table so that a deleted person's words are really gone.
    """
    for table, base, ids in (
        ("search_people", "people", people),
        ("search_needs", "needs", needs),
        ("search_interactions", "interactions", interactions),
    ):
        if not ids:
            continue
        present = conn.execute(
            f"SELECT count(*) FROM {base} WHERE id IN (SELECT value FROM json_each(?))",
            (json.dumps(sorted(ids)),),
        ).fetchone()[0]
        if present < len(ids):
            conn.execute(f"INSERT INTO {table} ({table}) VALUES ('optimize')")


def _m008(conn: sqlite3.Connection) -> bool:
    """Whether the journal has migration m008's tables (a bare m002 index may not)."""
    return bool(
        conn.execute(
            "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE name = 'search_dirty_records')"
        ).fetchone()[0]
    )


def pending(conn: sqlite3.Connection) -> bool:
    if conn.execute("SELECT EXISTS (SELECT 1 FROM search_dirty)").fetchone()[0]:
        return True
    return _m008(conn) and bool(
        conn.execute("SELECT EXISTS (SELECT 1 FROM search_dirty_records)").fetchone()[0]
    )


def ensure_fresh(conn: sqlite3.Connection) -> None:
    """Bring the index up to date before reading it.

    Outside a transaction: one short ``BEGIN IMMEDIATE`` transaction (waits for
    other writers). Inside the caller's transaction: in a savepoint, which
    commits or rolls back with it; if the database cannot be written right now
    (another writer, a read-only file) the index is read as it is.
    """
    if not pending(conn):
        return
    if not conn.in_transaction:
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            if "readonly" in str(exc) or "read-only" in str(exc):
                return  # a read-only journal: search what is indexed
            raise
        try:
            refresh(conn)
        except sqlite3.OperationalError as exc:
            conn.execute("ROLLBACK")
            if "readonly" in str(exc) or "read-only" in str(exc):
                return
            raise
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
        return
    conn.execute("SAVEPOINT search_refresh")
    try:
        refresh(conn)
    except sqlite3.OperationalError:
        conn.execute("ROLLBACK TO search_refresh")
    finally:
        conn.execute("RELEASE search_refresh")


def reindex(conn: sqlite3.Connection) -> dict[str, int]:
    """Recreate the triggers and rebuild every document (inside the caller's write)."""
    install_triggers(conn)
    _store_people(conn, None)
    _store(conn, "search_needs", NEED_COLUMNS, need_docs(conn), None)
    _store(conn, "search_interactions", INTERACTION_COLUMNS, interaction_docs(conn), None)
    _store(conn, "search_offers", OFFER_COLUMNS, offer_docs(conn), None)
    _store(conn, "search_introductions", INTRODUCTION_COLUMNS, introduction_docs(conn), None)
    conn.execute("DELETE FROM search_dirty")
    conn.execute("DELETE FROM search_dirty_records")
    counts = {
        "people": conn.execute("SELECT count(*) FROM search_people").fetchone()[0],
        "needs": conn.execute("SELECT count(*) FROM search_needs").fetchone()[0],
        "interactions": conn.execute("SELECT count(*) FROM search_interactions").fetchone()[0],
    }
    return {k: int(v) for k, v in counts.items()}


def check(conn: sqlite3.Connection) -> list[str]:
    """Problems with the index, as sentences (empty: the index is sound).

    Documents still marked dirty are not problems: the next read rebuilds them.
    """
    problems: list[str] = []
    present = {
        r[0]
        for r in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')")
    }
    for table in (
        "search_people",
        "search_needs",
        "search_interactions",
        "search_helped",
        "search_dirty",
        "synonyms",
    ):
        if table not in present:
            problems.append(_("search index: table {table} is missing").format(table=table))
    if problems:
        return problems
    missing = [name for name, _sql in TRIGGERS if name not in present]
    if missing:
        problems.append(
            _("search index: {n} triggers are missing ({names}); run 'nj db reindex'").format(
                n=len(missing), names=", ".join(missing)
            )
        )
    dirty: dict[str, set[int]] = {"person": set(), "need": set(), "interaction": set()}
    for kind, ref in conn.execute("SELECT kind, id FROM search_dirty"):
        dirty.setdefault(kind, set()).add(int(ref))
    expected_people, expected_helped = person_docs(conn)
    for label, table, columns, expected, skip in (
        (_("people"), "search_people", PEOPLE_COLUMNS, expected_people, dirty["person"]),
        (_("needs"), "search_needs", NEED_COLUMNS, need_docs(conn), dirty["need"]),
        (
            _("interactions"),
            "search_interactions",
            INTERACTION_COLUMNS,
            interaction_docs(conn),
            dirty["interaction"],
        ),
    ):
        stored = {
            int(r[0]): tuple(r[1:])
            for r in conn.execute(f"SELECT rowid, {', '.join(columns)} FROM {table}")
        }
        absent = [i for i in expected if i not in stored and i not in skip]
        extra = [i for i in stored if i not in expected and i not in skip]
        stale = [i for i in expected if i in stored and i not in skip and stored[i] != expected[i]]
        for n, what in (
            (len(absent), _("missing from")),
            (len(extra), _("left over in")),
            (len(stale), _("out of date in")),
        ):
            if n:
                problems.append(
                    _("search index: {n} {label} {what} the index; run 'nj db reindex'").format(
                        n=n, label=label, what=what
                    )
                )
    stored_helped: dict[int, set[int]] = {}
    for pid, nid in conn.execute("SELECT person_id, need_id FROM search_helped"):
        stored_helped.setdefault(int(pid), set()).add(int(nid))
    wrong = [
        p
        for p in set(stored_helped) | set(expected_helped)
        if p not in dirty["person"] and stored_helped.get(p, set()) != expected_helped.get(p, set())
    ]
    if wrong:
        problems.append(
            _(
                "search index: the needs helped by {n} people are out of date; run 'nj db reindex'"
            ).format(n=len(wrong))
        )
    return problems
