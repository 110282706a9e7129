"""The documents of the search index: what is stored for a person, a need, an interaction.

A person's document holds what they can offer (name, org, role, tags,
capabilities, notes) and the texts of the needs they helped meet, all analysed
by :mod:`netjournal.search.analyser`.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Collection
from typing import Any

from netjournal.db.schema import (
    INTERACTION_COLUMNS,
    INTRODUCTION_COLUMNS,
    NEED_COLUMNS,
    OFFER_COLUMNS,
)
from netjournal.search.analyser import analyze


def id_filter(column: str, ids: Collection[int] | None) -> tuple[str, tuple[Any, ...]]:
    if ids is None:
        return "", ()
    return f" AND {column} IN (SELECT value FROM json_each(?))", (json.dumps(sorted(ids)),)


class Mentions:
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
        for j in range(i + 1, min(i + Mentions.MAX_WORDS, len(tokens)) + 1):
            keys.add(name_key(" ".join(tokens[i:j])))
    return keys


def helped_needs(
    conn: sqlite3.Connection, ids: Collection[int] | None, mentions: Mentions
) -> dict[int, dict[int, str]]:
    """person id -> {need id: need text} of the needs they helped meet.

    A person helped meet a need (of someone else) when an introduction of them
    for that need has an outcome, or the need is met; or when the note of a met
    need names them (full name or ``#id``).
    """
    where, params = id_filter("p", ids)
    result: dict[int, dict[int, str]] = {}
    # An introduction helped when it has an outcome or its need is met; when
    # introductions record a result (another migration adds it), a result other
    # than 'worked' says it did not.
    columns = {r[1] for r in conn.execute("PRAGMA table_info(introductions)")}
    result_col = "i.result" if "result" in columns else "NULL"
    worked = (
        f"(coalesce({result_col}, '') = 'worked' OR ({result_col} IS NULL AND "
        "(trim(coalesce(i.outcome, '')) <> '' OR n.status = 'met')))"
    )
    for pid, nid, text in conn.execute(
        f"""SELECT p, n.id, n.text FROM (
                SELECT a_id AS p, need_id, outcome, {result_col.removeprefix("i.")} AS result
                FROM introductions WHERE need_id IS NOT NULL
                UNION ALL
                SELECT b_id, need_id, outcome, {result_col.removeprefix("i.")}
                FROM introductions WHERE need_id IS NOT NULL
            ) i JOIN needs n ON n.id = i.need_id
            WHERE n.person_id <> p AND {worked}
            {where}
            UNION ALL
            SELECT met_by AS p, id, text FROM needs
            WHERE met_by IS NOT NULL AND met_by <> person_id AND status = 'met'
            {where.replace(" p ", " met_by ")}""",
        params + params,
    ):
        result.setdefault(int(pid), {})[int(nid)] = text
    if mentions.by_key:
        where, params = id_filter("id", ids)
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
    mentions: Mentions | None = None,
) -> tuple[dict[int, PersonDoc], dict[int, set[int]]]:
    """The indexed columns of each person, and the needs each one helped meet."""
    where, params = id_filter("person_id", ids)
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
    helped = helped_needs(conn, ids, mentions or Mentions(conn))
    where, params = id_filter("id", ids)
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


def record_docs(
    conn: sqlite3.Connection,
    table: str,
    columns: tuple[str, ...],
    ids: Collection[int] | None = None,
) -> dict[int, tuple[str, ...]]:
    """The analysed text of a record table's indexed columns (named as in its FTS table)."""
    where, params = id_filter("id", ids)
    sql = f"SELECT id, {', '.join(columns)} FROM {table} WHERE 1 {where}"
    return {int(r[0]): tuple(analyze(v) for v in r[1:]) for r in conn.execute(sql, params)}


def need_docs(conn: sqlite3.Connection, ids: Collection[int] | None = None) -> Any:
    return record_docs(conn, "needs", NEED_COLUMNS, ids)


def interaction_docs(conn: sqlite3.Connection, ids: Collection[int] | None = None) -> Any:
    return record_docs(conn, "interactions", INTERACTION_COLUMNS, ids)


def offer_docs(conn: sqlite3.Connection, ids: Collection[int] | None = None) -> Any:
    return record_docs(conn, "offers", OFFER_COLUMNS, ids)


def introduction_docs(conn: sqlite3.Connection, ids: Collection[int] | None = None) -> Any:
    return record_docs(conn, "introductions", INTRODUCTION_COLUMNS, ids)
