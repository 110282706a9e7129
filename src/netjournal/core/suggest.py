"""Who could help with a need: the interface the review uses, and a simple matcher.

The review asks a :class:`Matcher` for the best people to introduce to the
person with a need. :func:`default_matcher` returns the search issue's
``netjournal.search.match.FtsMatcher`` when that module exists, and otherwise
:class:`WordOverlapMatcher`: people whose capabilities, tags, role, org or
notes share words with the need, rarer words counting more.
"""

from __future__ import annotations

import math
import re
import sqlite3
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol

from netjournal.i18n import _


@dataclass(frozen=True)
class Suggestion:
    """Someone who could help: ``person`` is ``{"id", "name"}``; ``why`` says what matched."""

    person: dict[str, Any]
    score: float
    why: list[str] = field(default_factory=list)


class Matcher(Protocol):
    def suggest(
        self, conn: sqlite3.Connection, need: dict[str, Any], *, limit: int
    ) -> list[Suggestion]:
        """The best people for ``need`` (keys ``id``, ``person_id``, ``text``), best first.

        Never the person with the need, never someone already introduced for it.
        """
        ...


# Words that say nothing about what someone needs or can do (English and
# Bahasa Indonesia).
STOPWORDS = frozenset(
    """
    a an and are as at be by can for from good great has have help her his i in into is it
    its looking me my need needs of on or our she some someone something the their them they
    this to very want wants we who with would you your also any about just like get find
    please best new more one two
    ada adalah akan atau bisa buat butuh dan dari dengan di ini itu ke karena kami kita
    mau mencari minta orang pada perlu saya sama sedang untuk yang juga lagi sudah yg
    """.split()  # noqa: SIM905
)

_WORD = re.compile(r"\w+")

#: How much a shared word counts, by where it was found.
FIELD_WEIGHTS = {"can": 1.0, "tag": 0.9, "role": 0.8, "org": 0.5, "notes": 0.4}
#: Suggestions scoring under this fraction of the best one are left out.
RELATIVE_FLOOR = 0.5


def stem(word: str) -> str:
    """A very small English plural stripper ("doctors" -> "doctor", "notaries" -> "notary")."""
    if len(word) > 4:
        if word.endswith("ies"):
            return word[:-3] + "y"
        if word.endswith("sses"):
            return word[:-2]
        if word.endswith("s") and not word.endswith(("ss", "us", "is")):
            return word[:-1]
    return word


def words(text: str) -> set[str]:
    """The meaningful words of ``text``: case-folded, stemmed, no stopwords or numbers."""
    result = set()
    for token in _WORD.findall(text.casefold()):
        if len(token) < 3 or token.isdigit() or token in STOPWORDS:
            continue
        result.add(stem(token))
    return result


class WordOverlapMatcher:
    """Rank people by the words their profile shares with a need.

    The candidates' texts are read once per matcher (one review) and indexed
    by word; :meth:`prime` may restrict the index to the words of the needs
    about to be asked, which keeps a review over thousands of people fast.
    """

    def __init__(self, *, as_of: date | None = None) -> None:
        self.as_of = as_of
        self._wanted: set[str] | None = None
        self._index: dict[str, list[tuple[int, str, str]]] | None = None
        self._names: dict[int, str] = {}
        self._count = 0

    def prime(self, conn: sqlite3.Connection, needs: list[dict[str, Any]]) -> None:
        """Index only the words of these needs (call before :meth:`suggest`)."""
        wanted: set[str] = set()
        for need in needs:
            wanted |= words(str(need["text"]))
        self._wanted = wanted
        self._index = None

    def _build(self, conn: sqlite3.Connection) -> dict[str, list[tuple[int, str, str]]]:
        wanted = self._wanted
        index: dict[str, list[tuple[int, str, str]]] = {}
        cache: dict[str, set[str]] = {}

        def add(pid: int, where: str, text: str | None) -> None:
            if not text:
                return
            found = cache.get(text)
            if found is None:
                found = words(text)
                if wanted is not None:
                    found &= wanted
                cache[text] = found
            for word in found:
                index.setdefault(word, []).append((pid, where, text))

        for pid, name, role, org, notes in conn.execute(
            "SELECT id, name, role, org, notes FROM people"
        ):
            self._names[pid] = name
            add(pid, "role", role)
            add(pid, "org", org)
            add(pid, "notes", notes)
        self._count = len(self._names)
        params: tuple[str, ...] = ()
        sql = "SELECT person_id, text FROM capabilities"
        if self.as_of is not None:
            sql += " WHERE noted_on <= ?"
            params = (self.as_of.isoformat(),)
        for pid, text in conn.execute(sql, params):
            add(pid, "can", text)
        for pid, tag in conn.execute("SELECT person_id, tag FROM tags"):
            add(pid, "tag", tag)
        return index

    def suggest(
        self, conn: sqlite3.Connection, need: dict[str, Any], *, limit: int
    ) -> list[Suggestion]:
        if self._index is None:
            self._index = self._build(conn)
        index = self._index
        excluded = {int(need["person_id"])}
        sql = "SELECT a_id, b_id FROM introductions WHERE need_id = ?"
        params: tuple[Any, ...] = (need["id"],)
        if self.as_of is not None:
            sql += " AND on_date <= ?"
            params += (self.as_of.isoformat(),)
        for a_id, b_id in conn.execute(sql, params):
            excluded.update((a_id, b_id))
        # Per person and word: the best place the word was found.
        best: dict[int, dict[str, tuple[float, str, str]]] = {}
        for word in sorted(words(str(need["text"]))):
            postings = index.get(word)
            if not postings:
                continue
            people = {pid for pid, _where, _text in postings}
            idf = math.log(1 + self._count / len(people))
            for pid, where, text in postings:
                if pid in excluded:
                    continue
                weight = FIELD_WEIGHTS[where] * idf
                found = best.setdefault(pid, {})
                if word not in found or found[word][0] < weight:
                    found[word] = (weight, where, text)
        ranked = sorted(
            ((sum(w for w, _x, _y in found.values()), pid) for pid, found in best.items()),
            key=lambda pair: (-pair[0], self._names.get(pair[1], ""), pair[1]),
        )
        # Weak matches next to a strong one are noise ("Jakarta" alone).
        if ranked:
            floor = ranked[0][0] * RELATIVE_FLOOR
            ranked = [pair for pair in ranked if pair[0] >= floor]
        out = []
        for score, pid in ranked[: max(limit, 0)]:
            out.append(
                Suggestion(
                    {"id": pid, "name": self._names.get(pid, f"#{pid}")}, score, _why(best[pid])
                )
            )
        return out


def _why(found: dict[str, tuple[float, str, str]]) -> list[str]:
    """What matched, strongest first, one line per field and text."""
    lines: list[str] = []
    seen: set[tuple[str, str]] = set()
    for word, (_weight, where, text) in sorted(found.items(), key=lambda kv: -kv[1][0]):
        if (where, text) in seen:
            continue
        seen.add((where, text))
        if where == "notes":
            lines.append(_("notes mention “{word}”").format(word=word))
        else:
            label = {"can": _("can"), "tag": _("tag"), "role": _("role"), "org": _("org")}[where]
            lines.append(f"{label}: {text}")
    return lines


def default_matcher(*, as_of: date | None = None) -> Matcher:
    """The search issue's ``FtsMatcher`` when it is installed, else word overlap."""
    import importlib

    try:
        match = importlib.import_module("netjournal.search")
    except ImportError:
        return WordOverlapMatcher(as_of=as_of)
    fts = getattr(match, "FtsMatcher", None)
    if fts is not None:
        try:
            return fts(as_of=as_of)  # type: ignore[no-any-return]
        except TypeError:
            return fts()  # type: ignore[no-any-return]
    return WordOverlapMatcher(as_of=as_of)


def refresh_index(conn: sqlite3.Connection) -> None:
    """Bring the search issue's index up to date in its own short write transaction.

    Call it outside any transaction, before the review's read snapshot: a
    refresh made inside the snapshot would be rolled back with it and redone
    by every review. Does nothing when ``netjournal.search.match`` is absent.
    """
    import importlib

    try:
        match = importlib.import_module("netjournal.search")
    except ImportError:
        return
    refresh = getattr(match, "refresh_index", None)
    if callable(refresh) and not conn.in_transaction:
        refresh(conn)
