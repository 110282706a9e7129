"""Synonyms: groups of words that mean the same kind of help (``nj synonyms``).

Matching treats the members of a group as related, not identical: a
capability that uses the very words of a need still ranks above one that only
uses a related word (see :mod:`netjournal.search.matcher`).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from typing import Any

from netjournal.errors import InvalidInput, NotFound, UsageProblem
from netjournal.i18n import _
from netjournal.search.analyser import stems, words


@dataclass
class Synonyms:
    """The synonym groups, keyed by stems for lookups."""

    groups: dict[int, list[str]]
    single: dict[str, set[int]] = field(default_factory=dict)
    phrases: list[tuple[tuple[str, ...], int]] = field(default_factory=list)
    _options: dict[str, list[list[str]]] = field(default_factory=dict, repr=False)

    @classmethod
    def load(cls, conn: sqlite3.Connection) -> Synonyms:
        groups: dict[int, list[str]] = {}
        for gid, term in conn.execute("SELECT group_id, term FROM synonyms ORDER BY id"):
            groups.setdefault(int(gid), []).append(term)
        self = cls(groups)
        for gid, terms in groups.items():
            for term in terms:
                ws = words(term)
                if len(ws) == 1:
                    for s in stems(ws[0]):
                        self.single.setdefault(s, set()).add(gid)
                elif ws:
                    self.phrases.append((tuple(stems(w)[0] for w in ws), gid))
        return self

    def vocabulary(self) -> set[str]:
        return set(self.single)

    def options(self, member: str) -> list[list[str]]:
        """The stem sequences a member is searched as: each stem of one word, or a phrase."""
        found = self._options.get(member)
        if found is None:
            member_words = words(member)
            if not member_words:
                found = []
            elif len(member_words) == 1:
                found = [[s] for s in stems(member_words[0])]
            else:
                found = [[stems(w)[0] for w in member_words]]
            self._options[member] = found
        return found


def synonym_groups(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Every group: ``{"id", "origin", "terms"}``, by id."""
    groups: dict[int, dict[str, Any]] = {}
    for gid, term, origin in conn.execute(
        "SELECT group_id, term, origin FROM synonyms ORDER BY group_id, id"
    ):
        group = groups.setdefault(int(gid), {"id": int(gid), "origin": origin, "terms": []})
        group["terms"].append(term)
        if origin == "user":
            group["origin"] = "user"
    return list(groups.values())


def _clean_term(term: str) -> str:
    from netjournal.text import clean_line

    clean = clean_line(term, _("A word"), required=True, max_len=80)
    assert clean is not None
    if not words(clean):
        raise InvalidInput(_("'{term}' is too common a word to match anything").format(term=clean))
    return " ".join(clean.casefold().split())


def add_synonyms(
    conn: sqlite3.Connection, terms: list[str], to_group: int | None = None
) -> dict[str, Any]:
    """A new group of related words, or more words for group ``to_group``."""
    clean = list(dict.fromkeys(_clean_term(t) for t in terms))
    if to_group is None:
        if len(clean) < 2:
            raise UsageProblem(
                _("Give at least two different words to relate (or --to GROUP to add to a group)")
            )
        gid = int(conn.execute("SELECT coalesce(max(group_id), 0) + 1 FROM synonyms").fetchone()[0])
    else:
        if not clean:
            raise UsageProblem(_("Give the words to add to group {id}").format(id=to_group))
        gid = to_group
        if not conn.execute("SELECT 1 FROM synonyms WHERE group_id = ?", (gid,)).fetchone():
            raise NotFound(
                _("No synonym group {id} ('nj synonyms list' shows them)").format(id=gid)
            )
    conn.executemany(
        "INSERT OR IGNORE INTO synonyms (group_id, term, origin) VALUES (?, ?, 'user')",
        [(gid, t) for t in clean],
    )
    return next(g for g in synonym_groups(conn) if g["id"] == gid)


def remove_synonyms(
    conn: sqlite3.Connection, group_id: int, terms: list[str] | None = None
) -> dict[str, Any]:
    """Remove group ``group_id``, or only some of its words; returns what was removed."""
    group = next((g for g in synonym_groups(conn) if g["id"] == group_id), None)
    if group is None:
        raise NotFound(
            _("No synonym group {id} ('nj synonyms list' shows them)").format(id=group_id)
        )
    if not terms:
        conn.execute("DELETE FROM synonyms WHERE group_id = ?", (group_id,))
        return {"id": group_id, "removed": group["terms"], "terms": []}
    wanted = [" ".join(t.casefold().split()) for t in terms]
    unknown = [t for t in wanted if t not in group["terms"]]
    if unknown:
        raise NotFound(_("Group {id} has no word '{term}'").format(id=group_id, term=unknown[0]))
    conn.executemany(
        "DELETE FROM synonyms WHERE group_id = ? AND term = ?", [(group_id, t) for t in wanted]
    )
    left = [t for t in group["terms"] if t not in wanted]
    return {"id": group_id, "removed": wanted, "terms": left}
