"""``nj search``: people, capabilities, needs, interactions, offers and introductions.

Scored like ``nj match``: per word, the best of its stems' BM25 (with the IDF
that stays positive in small journals, :func:`netjournal.search.plan.bm25_idf`),
summed over the words.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from netjournal.errors import UsageProblem
from netjournal.i18n import _
from netjournal.search import index as ix
from netjournal.search.analyser import stems, token_set, words
from netjournal.search.plan import quote, reweigh

SEARCH_KINDS = ("people", "capabilities", "needs", "interactions", "offers", "introductions")


def search_terms(text: str) -> list[list[str]]:
    """The stems of each word of a search (any characters are fine: we quote them)."""
    return [list(stems(w)) for w in words(text)]


def _expr(groups: list[list[str]], op: str) -> str:
    parts = ["(" + " OR ".join(quote(s) for s in g) + ")" for g in groups]
    return f" {op} ".join(parts)


def search(conn: sqlite3.Connection, query: str, *, limit: int = 20) -> dict[str, Any]:
    """People, capabilities, needs and interactions matching ``query``, best first.

    All the words must match (stemmed, case- and accent-insensitive); if
    nothing has them all, anything with any of them.
    """
    if limit < 1:
        raise UsageProblem(_("--limit must be at least 1"))
    if not query.strip():
        raise UsageProblem(_("Give some words to search for"))
    groups = search_terms(query)
    result: dict[str, Any] = {"query": query, "tokens": sorted({s for g in groups for s in g})}
    for kind in SEARCH_KINDS:
        result[kind] = []
    if not groups:
        return result
    ix.ensure_fresh(conn)
    for op in ("AND", "OR"):
        expr = _expr(groups, op)
        _search_people(conn, expr, groups, limit, result)
        _search_capabilities(conn, expr, groups, limit, result)
        with_m008 = ix._m008(conn)
        for records in _RECORDS:
            if with_m008 or records.key in ("needs", "interactions"):
                _search_records(conn, records, expr, groups, limit, result)
        if any(result[k] for k in SEARCH_KINDS) or len(groups) == 1:
            break
    return result


def _ranked(
    conn: sqlite3.Connection,
    table: str,
    columns: str,
    weights: str,
    groups: list[list[str]],
    expr: str,
    limit: int,
) -> list[tuple[int, float]]:
    """Rows of ``table`` matching ``expr``, best first.

    Scored like nj match: per word, the best of its stems' BM25 (with the IDF
    that stays positive in small journals), summed over the words.
    """
    found = [
        int(r[0])
        for r in conn.execute(
            f"SELECT rowid FROM {table} WHERE {table} MATCH ?", (f"{columns}({expr})",)
        )
    ]
    if not found:
        return []
    total = int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    scores = dict.fromkeys(found, 0.0)
    sql = f"SELECT rowid, -bm25({table}, {weights}) FROM {table} WHERE {table} MATCH ?"
    for group in groups:
        best: dict[int, float] = {}
        raw = {
            token: [
                (int(r[0]), float(r[1])) for r in conn.execute(sql, (f"{columns}{quote(token)}",))
            ]
            for token in group
        }
        reach = len({rowid for rows in raw.values() for rowid, _s in rows})
        for rows in raw.values():
            for rowid, score in reweigh(rows, total, reach):
                if rowid in scores and score > best.get(rowid, 0.0):
                    best[rowid] = score
        for rowid, score in best.items():
            scores[rowid] += score
    return sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]


def _search_people(
    conn: sqlite3.Connection,
    expr: str,
    groups: list[list[str]],
    limit: int,
    result: dict[str, Any],
) -> None:
    ranked = _ranked(
        conn,
        "search_people",
        "{name org role tags notes} : ",
        "3, 1, 1.5, 1.5, 0, 1, 0",
        groups,
        expr,
        limit,
    )
    for pid, score in ranked:
        row = conn.execute(
            "SELECT id, name, org, role, notes FROM people WHERE id = ?", (pid,)
        ).fetchone()
        if row is None:
            continue
        tags = [
            r[0]
            for r in conn.execute("SELECT tag FROM tags WHERE person_id = ? ORDER BY tag", (pid,))
        ]
        result["people"].append(
            {
                "person": {"id": int(row[0]), "name": row[1]},
                "org": row[2],
                "role": row[3],
                "tags": tags,
                "notes": row[4],
                "score": round(score, 3),
            }
        )


def _search_capabilities(
    conn: sqlite3.Connection,
    expr: str,
    groups: list[list[str]],
    limit: int,
    result: dict[str, Any],
) -> None:
    wanted = {s for g in groups for s in g}
    ranked = _ranked(
        conn, "search_people", "{capabilities} : ", "0, 0, 0, 0, 1, 0, 0", groups, expr, limit
    )
    for pid, score in ranked:
        for cid, text, name in conn.execute(
            "SELECT c.id, c.text, p.name FROM capabilities c JOIN people p ON p.id = c.person_id "
            "WHERE c.person_id = ? ORDER BY c.id",
            (pid,),
        ):
            if token_set(text) & wanted and len(result["capabilities"]) < limit:
                result["capabilities"].append(
                    {
                        "id": int(cid),
                        "person": {"id": pid, "name": name},
                        "text": text,
                        "score": round(score, 3),
                    }
                )


def _person(pid: Any, name: Any) -> dict[str, Any]:
    return {"id": int(pid), "name": name}


@dataclass(frozen=True)
class _Records:
    """One kind of record that ``nj search`` ranks in its own FTS table."""

    key: str  # its list in the result
    table: str
    weights: str  # BM25 weights of the table's columns
    sql: str  # the record by id
    shape: Callable[[Any], dict[str, Any]]  # the row as JSON (the score is added)
    pool: int = 1  # ranked candidates per result wanted


_RECORDS = (
    _Records(
        "needs",
        "search_needs",
        "1, 0.5",
        "SELECT n.id, n.text, n.note, n.status, n.noted_on, p.id, p.name, n.closed_on "
        "FROM needs n JOIN people p ON p.id = n.person_id WHERE n.id = ?",
        lambda r: {
            "id": int(r[0]),
            "person": _person(r[5], r[6]),
            "text": r[1],
            "note": r[2],
            "status": r[3],
            "noted_on": r[4],
            "closed_on": r[7],
        },
    ),
    _Records(
        "interactions",
        "search_interactions",
        "1, 1",
        "SELECT i.id, i.on_date, i.kind, i.event, i.note, p.id, p.name "
        "FROM interactions i JOIN people p ON p.id = i.person_id WHERE i.id = ?",
        lambda r: {
            "id": int(r[0]),
            "person": _person(r[5], r[6]),
            "on": r[1],
            "kind": r[2],
            "event": r[3],
            "note": r[4],
        },
        pool=10,
    ),
    _Records(
        "offers",
        "search_offers",
        "1, 0.5",
        "SELECT o.id, o.text, o.note, o.direction, o.status, o.offered_on, p.id, p.name "
        "FROM offers o JOIN people p ON p.id = o.person_id WHERE o.id = ?",
        lambda r: {
            "id": int(r[0]),
            "person": _person(r[6], r[7]),
            "text": r[1],
            "note": r[2],
            "direction": r[3],
            "status": r[4],
            "offered_on": r[5],
        },
    ),
    _Records(
        "introductions",
        "search_introductions",
        "1, 1",
        "SELECT i.id, i.on_date, i.note, i.outcome, a.id, a.name, b.id, b.name "
        "FROM introductions i JOIN people a ON a.id = i.a_id JOIN people b ON b.id = i.b_id "
        "WHERE i.id = ?",
        lambda r: {
            "id": int(r[0]),
            "a": _person(r[4], r[5]),
            "b": _person(r[6], r[7]),
            "on": r[1],
            "note": r[2],
            "outcome": r[3],
        },
    ),
)


def _search_records(
    conn: sqlite3.Connection,
    records: _Records,
    expr: str,
    groups: list[list[str]],
    limit: int,
    result: dict[str, Any],
) -> None:
    found = []
    ranked = _ranked(conn, records.table, "", records.weights, groups, expr, records.pool * limit)
    for rid, score in ranked:
        row = conn.execute(records.sql, (rid,)).fetchone()
        if row is not None:
            found.append({**records.shape(row), "score": round(score, 3)})
    if records.key == "interactions":  # equally good matches: the most recent first
        found.sort(key=lambda i: (-i["score"], _neg_date(i["on"])))
    result[records.key].extend(found[:limit])


def _neg_date(iso: str) -> int:
    return -int(iso.replace("-", "")) if iso[:4].isdigit() else 0
