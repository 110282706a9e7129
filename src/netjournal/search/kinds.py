"""People as kinds of helper: what each card says a person *is*, kept in the journal.

The knowledge base (:mod:`netjournal.search.knowledge`) reads a card ("Sp.A",
"RSIA Puri Bunda") as kinds of helper (paediatrician, hospital). Reading every
card costs about 0.1 ms, so each person's kinds are stored in ``search_kinds``
(migration m008) with the *stamp* of the knowledge they were computed with
(``search_kinds_state``): a person whose card changed (the index refresh
forgets their state) or any person when the knowledge files changed is read
again, once, by the next command that matches.

Learning: the needs a person helped meet (``search_helped``: met by them, or an
introduction of them that worked) say what they are too. Each such need's
best kind is added to the person as a *learned* kind ("helped with: ...").
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from netjournal.search.knowledge import DATA_FILE, Knowledge

#: How much a need a person helped meet says about their kind (vs their card).
LEARNED_FACTOR = 0.8
#: Kinds kept per person.
KINDS_PER_PERSON = 5


@dataclass(frozen=True)
class PersonKind:
    person_id: int
    kind: str
    score: float
    field: str  # role, org, capabilities, tags, notes, or helped (learned)
    phrase: str


def knowledge_stamp(knowledge: Knowledge, files: Sequence[Path]) -> str:
    """What the stored kinds were computed with: the data version and every file's state."""
    parts = [f"v{knowledge.version}"]
    for path in (DATA_FILE, *files):
        try:
            st = path.stat()
            parts.append(f"{path}:{st.st_size}:{st.st_mtime_ns}")
        except OSError:
            parts.append(f"{path}:-")
    return "|".join(parts)


def _cards(conn: sqlite3.Connection, ids: list[int]) -> dict[int, dict[str, object]]:
    param = (json.dumps(ids),)
    cards: dict[int, dict[str, object]] = {}
    for pid, org, role, notes in conn.execute(
        "SELECT id, org, role, notes FROM people WHERE id IN (SELECT value FROM json_each(?))",
        param,
    ):
        cards[int(pid)] = {"org": org, "role": role, "notes": notes, "tags": [], "caps": []}
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


def _stale(conn: sqlite3.Connection, stamp: str) -> list[int]:
    return [
        int(r[0])
        for r in conn.execute(
            "SELECT id FROM people WHERE id NOT IN "
            "(SELECT person_id FROM search_kinds_state WHERE stamp = ?)",
            (stamp,),
        )
    ]


def _store(conn: sqlite3.Connection, ids: list[int], rows: list[PersonKind], stamp: str) -> None:
    param = (json.dumps(ids),)
    conn.execute(
        "DELETE FROM search_kinds WHERE person_id IN (SELECT value FROM json_each(?))", param
    )
    conn.execute(
        "DELETE FROM search_kinds_state WHERE person_id IN (SELECT value FROM json_each(?))",
        param,
    )
    conn.executemany(
        "INSERT INTO search_kinds (person_id, kind, score, field, phrase) VALUES (?, ?, ?, ?, ?)",
        [(r.person_id, r.kind, r.score, r.field, r.phrase) for r in rows],
    )
    conn.executemany(
        "INSERT INTO search_kinds_state (person_id, stamp) VALUES (?, ?)", [(i, stamp) for i in ids]
    )


def _write(conn: sqlite3.Connection, ids: list[int], rows: list[PersonKind], stamp: str) -> bool:
    """Store the kinds if the journal can be written now; False when it cannot."""
    own = not conn.in_transaction
    try:
        conn.execute("BEGIN IMMEDIATE" if own else "SAVEPOINT search_kinds")
    except sqlite3.OperationalError:
        return False
    try:
        _store(conn, ids, rows, stamp)
    except sqlite3.OperationalError:
        conn.execute("ROLLBACK" if own else "ROLLBACK TO search_kinds")
        if not own:
            conn.execute("RELEASE search_kinds")
        return False
    except BaseException:
        conn.execute("ROLLBACK" if own else "ROLLBACK TO search_kinds")
        raise
    conn.execute("COMMIT" if own else "RELEASE search_kinds")
    return True


class KindsOfPeople:
    """Who is which kind of helper, for one command (read per kind, kept)."""

    def __init__(self, conn: sqlite3.Connection, knowledge: Knowledge, stamp: str) -> None:
        self.conn = conn
        self._by_kind: dict[str, list[PersonKind]] = {}
        self._memory: dict[str, list[PersonKind]] | None = None
        stale = _stale(conn, stamp)
        if stale:
            rows: list[PersonKind] = []
            cards = _cards(conn, stale)
            for pid in stale:
                if pid in cards:
                    rows.extend(card_kinds(knowledge, pid, cards[pid]))
            if not _write(conn, stale, rows, stamp):
                # A read-only or busy journal: the fresh kinds live in memory only.
                self._memory = {}
                for r in rows:
                    self._memory.setdefault(r.kind, []).append(r)
                self._stale = set(stale)

    def people_of(self, kinds: Iterable[str]) -> dict[str, list[PersonKind]]:
        """``kind -> [PersonKind]`` for each of ``kinds``."""
        todo = sorted({k for k in kinds if k not in self._by_kind})
        if todo:
            for k in todo:
                self._by_kind[k] = []
            for pid, kind, score, fld, phrase in self.conn.execute(
                "SELECT person_id, kind, score, field, phrase FROM search_kinds "
                "WHERE kind IN (SELECT value FROM json_each(?))",
                (json.dumps(todo),),
            ):
                if self._memory is not None and int(pid) in self._stale:
                    continue
                self._by_kind[kind].append(PersonKind(int(pid), kind, float(score), fld, phrase))
            if self._memory is not None:
                for k in todo:
                    self._by_kind[k].extend(self._memory.get(k, []))
        return {k: self._by_kind.get(k, []) for k in kinds}


def forget(conn: sqlite3.Connection, ids: Iterable[int]) -> None:
    """Forget the kinds of these people (their card changed): the next match reads them again."""
    param = (json.dumps(sorted(set(ids))),)
    for table in ("search_kinds", "search_kinds_state"):
        conn.execute(
            f"DELETE FROM {table} WHERE person_id IN (SELECT value FROM json_each(?))", param
        )
