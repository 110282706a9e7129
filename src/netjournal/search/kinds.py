"""People and needs as kinds of helper, kept in the journal.

The knowledge base (:mod:`netjournal.search.knowledge`) reads a card ("Sp.A",
"RSIA Puri Bunda") as kinds of helper (paediatrician, hospital) and a need
("anak saya demam") as the kinds it calls for. Loading the knowledge costs
about a quarter of a second and reading a card about half a millisecond, so
neither happens while matching: :func:`refresh_kinds` (called by
``netjournal.search.refresh_index`` right after the full-text refresh, in its
own short write transaction) stores each person's kinds in ``search_kinds``,
each need's kinds in ``search_need_kinds`` and the kinds' families, relations
and names in ``search_kind_info``, with the *stamp* of the knowledge they were
computed with. Only people and needs that changed (the index refresh forgets
them, :func:`forget`) or everything when the knowledge files changed are read
again; when nothing is stale the knowledge is not loaded at all. A journal
that cannot be written (read-only, busy) is read in memory instead.

Learning: the needs a person helped meet (``search_helped``: met by them, or an
introduction of them that worked) say what they are too. Each such need's
best kind is added to the person as a *learned* kind ("helped with: ...").
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from netjournal.search.kind_hit import KindHit
    from netjournal.search.knowledge import Knowledge

#: How much a need a person helped meet says about their kind (vs their card).
LEARNED_FACTOR = 0.8
#: Kinds kept per person.
KINDS_PER_PERSON = 5
#: Kinds a need calls for: those within this share of the best, at most MAX_KINDS.
NEED_SHARE, MAX_KINDS = 0.3, 4
#: The version of the way kinds are computed (part of the stamp).
METHOD = 5


@dataclass(frozen=True)
class PersonKind:
    person_id: int
    kind: str
    score: float
    field: str  # role, org, capabilities, tags, notes, or helped (learned)
    phrase: str


@dataclass(frozen=True)
class KindInfo:
    family: str
    related: tuple[str, ...]
    names: dict[str, str]


def knowledge_stamp(files: Sequence[Path]) -> str:
    """What the stored kinds are computed with: the method and every file's state.

    Read without loading the knowledge (a few ``stat`` calls).
    """
    data = Path(__file__).parent / "knowledge" / "helpers.json"
    parts = [f"m{METHOD}"]
    for path in (data, *files):
        try:
            st = path.stat()
            parts.append(f"{path}:{st.st_size}:{st.st_mtime_ns}")
        except OSError:
            parts.append(f"{path}:-")
    return "|".join(parts)


def need_hits(knowledge: Knowledge, text: str) -> list[KindHit]:
    """The kinds ``text`` calls for, kept: within NEED_SHARE of the best, at most MAX_KINDS."""
    hits = knowledge.kinds_for_need(text)
    if not hits:
        return []
    best = hits[0].score
    return [h for h in hits if h.score >= NEED_SHARE * best][:MAX_KINDS]


def _hits_json(hits: list[KindHit]) -> str:
    return json.dumps(
        [[h.kind, h.family, h.score, h.phrase, h.source, h.context] for h in hits],
        ensure_ascii=False,
    )


def hits_from_json(text: str) -> list[KindHit]:
    from netjournal.search.kind_hit import KindHit

    return [KindHit(k, f, float(s), p, src, c) for k, f, s, p, src, c in json.loads(text)]


def _cards(conn: sqlite3.Connection, ids: list[int]) -> dict[int, dict[str, object]]:
    param = (json.dumps(ids),)
    cards: dict[int, dict[str, object]] = {}
    for pid, org, role, notes, name in conn.execute(
        "SELECT id, org, role, notes, name FROM people "
        "WHERE id IN (SELECT value FROM json_each(?))",
        param,
    ):
        cards[int(pid)] = {
            "org": org,
            "role": role,
            "notes": notes,
            "name": name,
            "tags": [],
            "caps": [],
        }
    for table, key, column, order in (
        ("tags", "tags", "tag", "tag"),
        ("capabilities", "caps", "text", "id"),
    ):
        for pid, value in conn.execute(
            f"SELECT person_id, {column} FROM {table} "
            f"WHERE person_id IN (SELECT value FROM json_each(?)) ORDER BY {order}",
            param,
        ):
            card = cards.get(int(pid))
            if card is not None:
                lst = card[key]
                assert isinstance(lst, list)
                lst.append(value)
    for pid, text in conn.execute(
        "SELECT h.person_id, n.text FROM search_helped h JOIN needs n ON n.id = h.need_id "
        "WHERE h.person_id IN (SELECT value FROM json_each(?)) ORDER BY n.id",
        param,
    ):
        card = cards.get(int(pid))
        if card is not None:
            card.setdefault("helped", [])
            helped = card["helped"]
            assert isinstance(helped, list)
            helped.append(text)
    return cards


def card_kinds(knowledge: Knowledge, pid: int, card: dict[str, object]) -> list[PersonKind]:
    """The kinds of one person: from the card, then learned from the needs they met."""
    caps, tags = card.get("caps", []), card.get("tags", [])
    assert isinstance(caps, list) and isinstance(tags, list)
    hits = knowledge.kinds_for_card(
        str(card["role"] or ""),
        str(card["org"] or ""),
        caps,
        tags,
        str(card["notes"] or ""),
        # A business saved by its name alone ("Gentleman Barber", "Rumah Duka Kasih")
        name=None if card["role"] or card["org"] else str(card.get("name") or ""),
        limit=KINDS_PER_PERSON,
    )
    found = {h.kind: PersonKind(pid, h.kind, h.score, h.field, h.phrase) for h in hits}
    helped = card.get("helped", [])
    assert isinstance(helped, list)
    for text in helped:
        for hit in knowledge.kinds_for_need(str(text), limit=1):
            score = hit.score * LEARNED_FACTOR
            old = found.get(hit.kind)
            if old is None or old.score < score:
                found[hit.kind] = PersonKind(pid, hit.kind, score, "helped", str(text))
    return sorted(found.values(), key=lambda k: (-k.score, k.kind))


def _all_current(conn: sqlite3.Connection, stamp: str) -> bool:
    """Whether every person and need has kinds of this stamp (two counts: cheap)."""
    return bool(
        conn.execute(
            "SELECT (SELECT count(*) FROM people) = "
            "(SELECT count(*) FROM search_kinds_state WHERE stamp = ?) "
            "AND (SELECT count(*) FROM needs) = "
            "(SELECT count(*) FROM search_need_kinds WHERE stamp = ?)",
            (stamp, stamp),
        ).fetchone()[0]
    )


def _stale_people(conn: sqlite3.Connection, stamp: str) -> list[int]:
    return [
        int(r[0])
        for r in conn.execute(
            "SELECT id FROM people WHERE id NOT IN "
            "(SELECT person_id FROM search_kinds_state WHERE stamp = ?)",
            (stamp,),
        )
    ]


def _stale_needs(conn: sqlite3.Connection, stamp: str) -> list[tuple[int, str]]:
    return [
        (int(r[0]), str(r[1]))
        for r in conn.execute(
            "SELECT id, text FROM needs WHERE id NOT IN "
            "(SELECT need_id FROM search_need_kinds WHERE stamp = ?)",
            (stamp,),
        )
    ]


def people_kinds(
    knowledge: Knowledge, conn: sqlite3.Connection, ids: list[int]
) -> list[PersonKind]:
    rows: list[PersonKind] = []
    cards = _cards(conn, ids)
    for pid in ids:
        if pid in cards:
            rows.extend(card_kinds(knowledge, pid, cards[pid]))
    return rows


def _store(conn: sqlite3.Connection, ids: list[int], rows: list[PersonKind], stamp: str) -> None:
    forget(conn, ids)
    conn.executemany(
        "INSERT INTO search_kinds (person_id, kind, score, field, phrase) VALUES (?, ?, ?, ?, ?)",
        [(r.person_id, r.kind, r.score, r.field, r.phrase) for r in rows],
    )
    conn.executemany(
        "INSERT INTO search_kinds_state (person_id, stamp) VALUES (?, ?)", [(i, stamp) for i in ids]
    )


def _store_info(conn: sqlite3.Connection, knowledge: Knowledge) -> None:
    conn.execute("DELETE FROM search_kind_info")
    conn.executemany(
        "INSERT INTO search_kind_info (kind, family, related, name_en, name_id) "
        "VALUES (?, ?, ?, ?, ?)",
        [
            (
                k.id,
                k.family,
                json.dumps(k.related),
                knowledge.name(k.id, "en"),
                knowledge.name(k.id, "id"),
            )
            for k in knowledge.kinds.values()
        ],
    )


def read_info(conn: sqlite3.Connection) -> dict[str, KindInfo]:
    return {
        kind: KindInfo(family, tuple(json.loads(related)), {"en": en, "id": name_id})
        for kind, family, related, en, name_id in conn.execute(
            "SELECT kind, family, related, name_en, name_id FROM search_kind_info"
        )
    }


def info_of(knowledge: Knowledge) -> dict[str, KindInfo]:
    return {
        k.id: KindInfo(
            k.family,
            tuple(k.related),
            {"en": knowledge.name(k.id, "en"), "id": knowledge.name(k.id, "id")},
        )
        for k in knowledge.kinds.values()
    }


def refresh_kinds(
    conn: sqlite3.Connection, files: Sequence[Path], cache_dir: Path | None = None
) -> int:
    """Bring the stored kinds of people and needs up to date; returns how many were read.

    Call it outside any transaction (it takes its own short write transaction).
    Loads the knowledge only when something is stale and some need is open
    (nothing would be matched otherwise). A journal that cannot be written
    now is left as it is: the matcher then reads the stale ones in memory.
    """
    if conn.in_transaction:
        return 0
    stamp = knowledge_stamp(files)
    if _all_current(conn, stamp) or not (_stale_people(conn, stamp) or _stale_needs(conn, stamp)):
        return 0
    if not conn.execute("SELECT EXISTS (SELECT 1 FROM needs WHERE status = 'open')").fetchone()[0]:
        return 0
    from netjournal.search.knowledge import load_knowledge

    knowledge = load_knowledge(files, cache_dir)
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError:
        return 0  # read-only or busy
    try:
        people = _stale_people(conn, stamp)
        needs = _stale_needs(conn, stamp)
        _store(conn, people, people_kinds(knowledge, conn, people), stamp)
        conn.executemany(
            "DELETE FROM search_need_kinds WHERE need_id = ?", [(n,) for n, _t in needs]
        )
        conn.executemany(
            "INSERT INTO search_need_kinds (need_id, stamp, text, hits) VALUES (?, ?, ?, ?)",
            [(nid, stamp, text, _hits_json(need_hits(knowledge, text))) for nid, text in needs],
        )
        _store_info(conn, knowledge)
    except sqlite3.OperationalError:
        conn.execute("ROLLBACK")
        return 0
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
    return len(people) + len(needs)


def stored_need_hits(
    conn: sqlite3.Connection, need_id: int, text: str, stamp: str
) -> list[KindHit] | None:
    """The stored kinds of need ``need_id`` if they are current for ``text``, else None."""
    row = conn.execute(
        "SELECT hits FROM search_need_kinds WHERE need_id = ? AND stamp = ? AND text = ?",
        (need_id, stamp, text),
    ).fetchone()
    return None if row is None else hits_from_json(row[0])


class KindsOfPeople:
    """Who is which kind of helper, for one command.

    People whose stored kinds are stale (a journal that could not be written)
    are read in memory, with the knowledge ``load`` gives.
    """

    def __init__(self, conn: sqlite3.Connection, stamp: str, load: Callable[[], Knowledge]) -> None:
        self.conn = conn
        self._memory: dict[str, list[PersonKind]] | None = None
        self._stale: set[int] = set()
        stale = [] if _all_current(conn, stamp) else _stale_people(conn, stamp)
        if stale:
            self._memory = {}
            for r in people_kinds(load(), conn, stale):
                self._memory.setdefault(r.kind, []).append(r)
            self._stale = set(stale)

    def best(self, wanted: dict[str, float], full: float) -> dict[int, tuple[float, str]]:
        """``person -> (value, kind)``: each person's best ``weight * min(1, score / full)``
        over the ``wanted`` kinds (``kind -> weight``), computed in SQL."""
        out: dict[int, tuple[float, str]] = {}
        if not wanted:
            return out
        for pid, value, kind in self.conn.execute(
            "SELECT k.person_id, max(json_extract(w.value, '$[1]') * min(1.0, k.score / ?)), "
            "k.kind FROM json_each(?) AS w "
            "JOIN search_kinds AS k ON k.kind = json_extract(w.value, '$[0]') "
            "GROUP BY k.person_id",
            (full, json.dumps([[k, v] for k, v in wanted.items()])),
        ):
            if int(pid) not in self._stale:
                out[int(pid)] = (float(value), str(kind))
        for kind, weight in wanted.items() if self._memory else ():
            for pk in self._memory.get(kind, []) if self._memory else []:
                value = weight * min(1.0, pk.score / full)
                if pk.person_id not in out or out[pk.person_id][0] < value:
                    out[pk.person_id] = (value, kind)
        return out

    def row(self, pid: int, kind: str) -> PersonKind | None:
        """What makes person ``pid`` the ``kind`` (for the "why")."""
        if pid in self._stale and self._memory is not None:
            return next((r for r in self._memory.get(kind, []) if r.person_id == pid), None)
        found = self.conn.execute(
            "SELECT score, field, phrase FROM search_kinds WHERE person_id = ? AND kind = ?",
            (pid, kind),
        ).fetchone()
        return None if found is None else PersonKind(pid, kind, float(found[0]), *found[1:])


def forget(conn: sqlite3.Connection, ids: Iterable[int]) -> None:
    """Forget the kinds of these people (their card changed): the next refresh reads them again."""
    param = (json.dumps(sorted(set(ids))),)
    for table in ("search_kinds", "search_kinds_state"):
        conn.execute(
            f"DELETE FROM {table} WHERE person_id IN (SELECT value FROM json_each(?))", param
        )


def forget_needs(conn: sqlite3.Connection, ids: Iterable[int]) -> None:
    """Forget the kinds of these needs (their text changed or they were deleted)."""
    conn.execute(
        "DELETE FROM search_need_kinds WHERE need_id IN (SELECT value FROM json_each(?))",
        (json.dumps(sorted(set(ids))),),
    )
