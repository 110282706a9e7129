"""The full-text index behind ``nj match`` and ``nj search`` (FTS5, stemmed in Python).

Design (docs/matching.md):

* Text is analysed here, in Python: folded (case, accents), split into words,
  stop words dropped, and every word stored as its English Snowball stem plus
  its Indonesian stem when that differs ("pembukuan" -> "pembukuan buku",
  "lawyers" -> "lawyer lawyers"). The FTS5 tables hold those stems.
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
import re
import sqlite3
import unicodedata
from collections.abc import Collection, Iterable
from functools import lru_cache
from typing import Any

from netjournal.i18n import _

TOKENIZE = "unicode61 remove_diacritics 2"
PEOPLE_COLUMNS = ("name", "org", "role", "tags", "capabilities", "notes", "helped")
NEED_COLUMNS = ("text", "note")
INTERACTION_COLUMNS = ("note", "event")

# Words that say nothing about what someone needs or offers. English first,
# then Bahasa Indonesia (including common chat abbreviations).
STOPWORDS = frozenset(
    """
    a an the and or but if of to in on at by for from with without about into over
    under up down out off as is are was were be been being am do does did done have has
    had having i me my mine we us our you your he him his she her it its they them their
    this that these those there here who whom whose which what when where why how all
    any some someone somebody something anyone anybody anything each every other another
    such no not nor only own same so than too very can could will would shall should may
    might must just also please pls need needs needed needing want wants wanted looking
    look find finding help helps helping someone good great nice new know knows anybody
    get got getting like im ive its thats maybe really etc via per
    yang dan atau di ke dari dengan untuk utk buat bagi pada oleh tentang dalam sama
    ini itu tsb ada adalah ialah saya aku kami kita anda kamu dia ia beliau mereka nya
    butuh membutuhkan perlu memerlukan cari mencari carikan nyari lagi sedang mau ingin
    pengen minta tolong bantu bantuan membantu bisa dapat punya juga sudah udah akan
    belum masih sangat banget agar supaya karena krn jadi kalau kalo jika atau tapi
    tetapi namun seperti yg dgn dg sdh tdk tidak bukan ya iya dong deh sih kah lah pun
    siapa apa mana bagaimana gimana kapan seorang orang yang bagus baik
    """.split()  # noqa: SIM905
)

_WORD = re.compile(r"[^\W_]+")


def fold(text: str) -> str:
    """Case- and accent-insensitive form of ``text`` (same length per word is not kept)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def words(text: str) -> list[str]:
    """Folded words of ``text``, stop words and single letters dropped."""
    return [w for w in _WORD.findall(fold(text)) if len(w) > 1 and w not in STOPWORDS]


_stemmers: list[Any] = []


def _load_stemmers() -> list[Any]:
    if not _stemmers:
        import snowballstemmer

        _stemmers.extend(
            [snowballstemmer.stemmer("english"), snowballstemmer.stemmer("indonesian")]
        )
    return _stemmers


# Words the English stemmer folds into unrelated ones ("customers" -> "custom",
# like "customs" and "custom furniture").
_STEM_EXCEPTIONS = {"customer": "customer", "customers": "customer"}


@lru_cache(maxsize=200_000)
def stems(word: str) -> tuple[str, ...]:
    """The English stem of a folded word, plus its Indonesian stem when different."""
    if word in _STEM_EXCEPTIONS:
        return (_STEM_EXCEPTIONS[word],)
    english, indonesian = _load_stemmers()
    first = str(english.stemWord(word)) or word
    second = str(indonesian.stemWord(word)) or word
    if second == first or len(second) < 2:
        return (first,)
    return (first, second)


def analyze(text: str | None) -> str:
    """What the index stores for ``text``: its stems, separated by spaces."""
    if not text:
        return ""
    return " ".join(s for w in words(text) for s in stems(w))


# -- schema (installed by migration m002; see migrations.py) ------------------


def _dirty(kind: str, ref: str) -> str:
    return f"INSERT OR IGNORE INTO search_dirty (kind, id) VALUES ('{kind}', {ref});"


def _trigger_specs() -> list[tuple[str, str, str]]:
    """(name, timing and table, body) of every trigger that keeps the index in step."""
    specs: list[tuple[str, str, str]] = []

    def add(name: str, on: str, *statements: str) -> None:
        specs.append((name, on, " ".join(statements)))

    add("search_people_ai", "AFTER INSERT ON people", _dirty("person", "NEW.id"))
    add(
        "search_people_au",
        "AFTER UPDATE OF id, name, org, role, notes ON people",
        _dirty("person", "OLD.id"),
        _dirty("person", "NEW.id"),
    )
    # Deletions need no stemming: the document goes at once (nj person rm
    # forgets), and the refresh then compacts the index (see refresh()).
    add(
        "search_people_ad",
        "AFTER DELETE ON people",
        "DELETE FROM search_people WHERE rowid = OLD.id;",
        "DELETE FROM search_helped WHERE person_id = OLD.id;",
        _dirty("person", "OLD.id"),
    )
    for table in ("tags", "capabilities"):
        add(f"search_{table}_ai", f"AFTER INSERT ON {table}", _dirty("person", "NEW.person_id"))
        add(
            f"search_{table}_au",
            f"AFTER UPDATE ON {table}",
            _dirty("person", "OLD.person_id"),
            _dirty("person", "NEW.person_id"),
        )
        add(f"search_{table}_ad", f"AFTER DELETE ON {table}", _dirty("person", "OLD.person_id"))
    for table, kind in (("needs", "need"), ("interactions", "interaction")):
        add(f"search_{table}_ai", f"AFTER INSERT ON {table}", _dirty(kind, "NEW.id"))
        add(
            f"search_{table}_au",
            f"AFTER UPDATE ON {table}",
            _dirty(kind, "OLD.id"),
            _dirty(kind, "NEW.id"),
        )
        add(
            f"search_{table}_ad",
            f"AFTER DELETE ON {table}",
            f"DELETE FROM search_{table} WHERE rowid = OLD.id;",
            _dirty(kind, "OLD.id"),
        )
    add(
        "search_introductions_ai",
        "AFTER INSERT ON introductions",
        _dirty("person", "NEW.a_id"),
        _dirty("person", "NEW.b_id"),
    )
    add(
        "search_introductions_au",
        "AFTER UPDATE ON introductions",
        _dirty("person", "OLD.a_id"),
        _dirty("person", "OLD.b_id"),
        _dirty("person", "NEW.a_id"),
        _dirty("person", "NEW.b_id"),
    )
    add(
        "search_introductions_ad",
        "AFTER DELETE ON introductions",
        _dirty("person", "OLD.a_id"),
        _dirty("person", "OLD.b_id"),
    )
    return specs


TRIGGERS: tuple[tuple[str, str], ...] = tuple(
    (name, f"CREATE TRIGGER {name} {on} FOR EACH ROW BEGIN {body} END")
    for name, on, body in _trigger_specs()
)

TABLES: tuple[str, ...] = (
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
    "('person', 'need', 'interaction')), id INTEGER NOT NULL, PRIMARY KEY (kind, id)) "
    "WITHOUT ROWID",
    "CREATE TABLE synonyms (id INTEGER PRIMARY KEY, group_id INTEGER NOT NULL, "
    "term TEXT NOT NULL CHECK (length(trim(term)) > 0), "
    "origin TEXT NOT NULL DEFAULT 'user' CHECK (origin IN ('default', 'user')), "
    "UNIQUE (group_id, term))",
    "CREATE INDEX synonyms_term ON synonyms (term)",
)


def install_triggers(conn: sqlite3.Connection) -> None:
    """(Re)create every index trigger; existing ones are replaced."""
    for name, sql in TRIGGERS:
        conn.execute(f"DROP TRIGGER IF EXISTS {name}")
        conn.execute(sql)


def seed_synonyms(conn: sqlite3.Connection) -> None:
    from netjournal.db.seed_synonyms import DEFAULT_GROUPS

    for group_id, group in enumerate(DEFAULT_GROUPS, 1):
        conn.executemany(
            "INSERT OR IGNORE INTO synonyms (group_id, term, origin) VALUES (?, ?, 'default')",
            [(group_id, term) for term in group],
        )


# -- building documents ---------------------------------------------------------


def _id_filter(column: str, ids: Collection[int] | None) -> tuple[str, tuple[Any, ...]]:
    if ids is None:
        return "", ()
    return f" AND {column} IN (SELECT value FROM json_each(?))", (json.dumps(sorted(ids)),)


class _Mentions:
    """Who is named in the notes of met needs ("Budi Santoso found one", "via #12")."""

    MAX_WORDS = 5

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.by_key: dict[str, set[int]] = {}
        for row in conn.execute(
            "SELECT id, note FROM needs WHERE status = 'met' AND note IS NOT NULL"
        ):
            for key in mention_keys(row[1]):
                self.by_key.setdefault(key, set()).add(int(row[0]))

    def needs_naming(self, person_id: int, name: str) -> set[int]:
        from netjournal.core.names import name_key

        return self.by_key.get(name_key(name), set()) | self.by_key.get(f"#{person_id}", set())


def mention_keys(note: str) -> set[str]:
    """Every run of up to five words of ``note`` as a name key, and every ``#id``."""
    from netjournal.core.names import name_key

    keys = {f"#{m}" for m in re.findall(r"#(\d{1,18})\b", note)}
    tokens = [t.strip(".,;:!?()[]\"'“”‘’") for t in note.split()]
    tokens = [t for t in tokens if t]
    for i in range(len(tokens)):
        for j in range(i + 1, min(i + _Mentions.MAX_WORDS, len(tokens)) + 1):
            keys.add(name_key(" ".join(tokens[i:j])))
    return keys


def helped_needs(
    conn: sqlite3.Connection, ids: Collection[int] | None, mentions: _Mentions
) -> dict[int, dict[int, str]]:
    """person id -> {need id: need text} of the needs they helped meet.

    A person helped meet a need (of someone else) when an introduction of them
    for that need has an outcome, or the need is met; or when the note of a met
    need names them (full name or ``#id``).
    """
    where, params = _id_filter("p", ids)
    result: dict[int, dict[int, str]] = {}
    for pid, nid, text in conn.execute(
        f"""SELECT p, n.id, n.text FROM (
                SELECT a_id AS p, need_id, outcome FROM introductions WHERE need_id IS NOT NULL
                UNION ALL
                SELECT b_id, need_id, outcome FROM introductions WHERE need_id IS NOT NULL
            ) i JOIN needs n ON n.id = i.need_id
            WHERE n.person_id <> p AND (trim(coalesce(i.outcome, '')) <> '' OR n.status = 'met')
            {where}""",
        params,
    ):
        result.setdefault(int(pid), {})[int(nid)] = text
    if mentions.by_key:
        where, params = _id_filter("id", ids)
        people = conn.execute(f"SELECT id, name FROM people WHERE 1 {where}", params).fetchall()
        for pid, name in people:
            named = mentions.needs_naming(int(pid), name)
            if not named:
                continue
            for nid, owner, text in conn.execute(
                "SELECT id, person_id, text FROM needs WHERE id IN "
                "(SELECT value FROM json_each(?))",
                (json.dumps(sorted(named)),),
            ):
                if int(owner) != int(pid):
                    result.setdefault(int(pid), {})[int(nid)] = text
    return result


PersonDoc = tuple[str, str, str, str, str, str, str]


def person_docs(
    conn: sqlite3.Connection,
    ids: Collection[int] | None = None,
    mentions: _Mentions | None = None,
) -> tuple[dict[int, PersonDoc], dict[int, set[int]]]:
    """The indexed columns of each person, and the needs each one helped meet."""
    where, params = _id_filter("person_id", ids)
    tags: dict[int, list[str]] = {}
    for pid, tag in conn.execute(
        f"SELECT person_id, tag FROM tags WHERE 1 {where} ORDER BY tag", params
    ):
        tags.setdefault(int(pid), []).append(tag)
    caps: dict[int, list[str]] = {}
    for pid, text in conn.execute(
        f"SELECT person_id, text FROM capabilities WHERE 1 {where} ORDER BY id", params
    ):
        caps.setdefault(int(pid), []).append(text)
    helped = helped_needs(conn, ids, mentions or _Mentions(conn))
    where, params = _id_filter("id", ids)
    docs: dict[int, PersonDoc] = {}
    for row in conn.execute(
        f"SELECT id, name, org, role, notes FROM people WHERE 1 {where}", params
    ):
        pid = int(row[0])
        docs[pid] = (
            analyze(row[1]),
            analyze(row[2]),
            analyze(row[3]),
            analyze(" ".join(tags.get(pid, []))),
            analyze("\n".join(caps.get(pid, []))),
            analyze(row[4]),
            analyze("\n".join(text for _, text in sorted(helped.get(pid, {}).items()))),
        )
    return docs, {pid: set(h) for pid, h in helped.items()}


def need_docs(
    conn: sqlite3.Connection,
    ids: Collection[int] | None = None,
) -> dict[int, tuple[str, str]]:
    where, params = _id_filter("id", ids)
    return {
        int(r[0]): (analyze(r[1]), analyze(r[2]))
        for r in conn.execute(f"SELECT id, text, note FROM needs WHERE 1 {where}", params)
    }


def interaction_docs(
    conn: sqlite3.Connection,
    ids: Collection[int] | None = None,
) -> dict[int, tuple[str, str]]:
    where, params = _id_filter("id", ids)
    return {
        int(r[0]): (analyze(r[1]), analyze(r[2]))
        for r in conn.execute(f"SELECT id, note, event FROM interactions WHERE 1 {where}", params)
    }


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
    conn: sqlite3.Connection, ids: Collection[int] | None, mentions: _Mentions | None = None
) -> None:
    docs, helped = person_docs(conn, ids, mentions)
    _store(conn, "search_people", PEOPLE_COLUMNS, docs, ids)
    if ids is None:
        conn.execute("DELETE FROM search_helped")
    else:
        conn.executemany("DELETE FROM search_helped WHERE person_id = ?", [(i,) for i in ids])
    conn.executemany(
        "INSERT INTO search_helped (person_id, need_id) VALUES (?, ?)",
        [(pid, nid) for pid, needs in helped.items() for nid in needs],
    )


# -- keeping it fresh --------------------------------------------------------------


def refresh(conn: sqlite3.Connection) -> int:
    """Rebuild the documents marked dirty by the triggers; returns how many.

    The caller holds a write transaction (see :func:`ensure_fresh`).
    """
    dirty: dict[str, set[int]] = {"person": set(), "need": set(), "interaction": set()}
    for kind, ref in conn.execute("SELECT kind, id FROM search_dirty"):
        dirty.setdefault(kind, set()).add(int(ref))
    count = sum(len(v) for v in dirty.values())
    if not count:
        return 0
    people = dirty["person"]
    if dirty["need"]:
        needs = dirty["need"]
        _store(conn, "search_needs", NEED_COLUMNS, need_docs(conn, needs), needs)
        ids = json.dumps(sorted(needs))
        # The helpers of an edited need: those recorded before, and those now.
        people |= {
            int(r[0])
            for r in conn.execute(
                "SELECT person_id FROM search_helped WHERE need_id IN "
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


def pending(conn: sqlite3.Connection) -> bool:
    return bool(conn.execute("SELECT EXISTS (SELECT 1 FROM search_dirty)").fetchone()[0])


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
    conn.execute("DELETE FROM search_dirty")
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
