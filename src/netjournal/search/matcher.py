"""Needs -> people: the introductions engine behind ``nj match`` and the review.

Ranking (docs/matching.md), for one need:

1. The need's words become concepts and FTS terms (:mod:`netjournal.search.plan`).
2. Every searched term is scored by FTS5's BM25 over the columns of what a
   person offers (capabilities and role count double, tags 1.5×; names not at
   all). A concept is worth its best term plus a quarter of the others; a
   person's text score is the sum over concepts.
3. Boosts multiply the text score: helped before (needs they helped meet,
   help they gave you), in touch lately, and fewer introductions asked of them
   in the last 30 days. Never the person with the need, never anyone already
   introduced for it.

One :class:`FtsMatcher` serves one command: it keeps what every need of the
command shares (the synonyms, the vocabulary, each term's BM25 rows, each
text's ranking, each person's boosts and fields), so that asking for many
needs costs little more than asking for one.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from netjournal.core.matching import Suggestion
from netjournal.errors import NotFound, UsageProblem
from netjournal.i18n import _
from netjournal.search import index as ix
from netjournal.search.boosts import Boosts
from netjournal.search.knowledge_text import COMMON
from netjournal.search.plan import Concept, Term, Vocabulary, bm25_idf, plan
from netjournal.search.synonyms import Synonyms
from netjournal.search.why import person_fields, why_lines

if TYPE_CHECKING:
    from netjournal.search.situations import KindScorer

#: BM25 weights of search_people's columns for matching (name, org, role, tags,
#: capabilities, notes, helped).
MATCH_WEIGHTS = (0.0, 1.0, 2.0, 1.5, 2.0, 1.0, 1.5)
MATCH_COLUMNS = "{org role tags capabilities notes helped}"
#: Within a concept: the best term, plus this share of the others.
OTHERS_SHARE = 0.25
#: Candidates under this share of the best final score are left out.
RELATIVE_FLOOR = 0.2
#: Text-ranked candidates that get their boosts computed.
BOOST_POOL = 60
#: The final score before boosts: the text score as a share of the need's best
#: text score, plus KIND_WEIGHT times the kind score (search/situations.py), so
#: that a person who is the right kind of helper ranks above word overlap.
KIND_WEIGHT = 3.0
#: A concept found in more than this share of the people (and at least
#: COMMON_MIN of them) is a common word: it alone makes nobody a candidate.
COMMON_SHARE, COMMON_MIN = 0.12, 6


@dataclass
class Candidate:
    person_id: int
    text_score: float
    terms: list[Term]
    boost: float = 1.0
    boost_why: list[str] = field(default_factory=list)

    @property
    def score(self) -> float:
        return self.text_score * self.boost


@dataclass
class _Ranking:
    """One need text's people by text score, best first (shared by needs with that text)."""

    concepts: list[Concept]
    ranked: list[tuple[float, int]]
    kinds: dict[int, tuple[float, str]] = field(default_factory=dict)
    need_id: int | None = None


class _TermIndex:
    """Each FTS term's BM25 rows and reach, read once per matcher."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.total = int(conn.execute("SELECT count(*) FROM search_people").fetchone()[0])
        self._rows: dict[str, dict[int, float]] = {}
        self._reach: dict[tuple[str, ...], int] = {}
        weights = ", ".join(str(w) for w in MATCH_WEIGHTS)
        self._sql = (
            f"SELECT rowid, -bm25(search_people, {weights}) FROM search_people "
            "WHERE search_people MATCH ?"
        )

    def rows(self, expr: str) -> dict[int, float]:
        found = self._rows.get(expr)
        if found is None:
            found = dict(self.conn.execute(self._sql, (f"{MATCH_COLUMNS} : {expr}",)).fetchall())
            self._rows[expr] = found
        return found

    def reach(self, exprs: tuple[str, ...]) -> int:
        """How many people any of ``exprs`` finds."""
        if len(exprs) == 1:
            return len(self.rows(exprs[0]))
        found = self._reach.get(exprs)
        if found is None:
            people: set[int] = set()
            for expr in exprs:
                people.update(self.rows(expr))
            found = self._reach[exprs] = len(people)
        return found

    def concept_values(self, concept: Concept) -> list[dict[int, float]]:
        """Per source of the concept: each person's best weighted term score."""
        sources: dict[str, list[Term]] = {}
        for term in concept.terms:
            sources.setdefault(term.source, []).append(term)
        out = []
        for terms in sources.values():
            reach = self.reach(tuple(t.expr for t in terms))
            if len(terms) == 1:  # the common case, as one comprehension
                rows = self.rows(terms[0].expr)
                fts_idf, idf = bm25_idf(len(rows), self.total, reach)
                weight = terms[0].weight
                scored = {pid: score / fts_idf * idf * weight for pid, score in rows.items()}
                out.append({pid: v for pid, v in scored.items() if v > 0})
                continue
            best: dict[int, float] = {}
            for term in terms:
                rows = self.rows(term.expr)
                fts_idf, idf = bm25_idf(len(rows), self.total, reach)
                weight = term.weight
                for pid, score in rows.items():
                    v = score / fts_idf * idf * weight
                    if v > 0 and v > best.get(pid, 0.0):
                        best[pid] = v
            out.append(best)
        return out

    def text_scores(self, concepts: list[Concept]) -> dict[int, float]:
        """Each person's text score: per concept the best source plus a share of the others."""
        totals: dict[int, float] = {}
        for concept in concepts:
            first: dict[int, float] = {}
            more: dict[int, list[float]] = {}
            for values in self.concept_values(concept):
                for pid, v in values.items():
                    if pid not in first:
                        first[pid] = v
                    elif pid in more:
                        more[pid].append(v)
                    else:
                        more[pid] = [first[pid], v]
            for pid, v in first.items():
                others = more.get(pid)
                if others is None:
                    totals[pid] = totals.get(pid, 0.0) + v + OTHERS_SHARE * (v - v)
                    continue
                others.sort(reverse=True)
                best = others[0]
                totals[pid] = totals.get(pid, 0.0) + best + OTHERS_SHARE * (sum(others) - best)
        return totals

    def matched(self, concepts: list[Concept], pid: int) -> list[Term]:
        """The terms that found ``pid``."""
        return [t for c in concepts for t in c.terms if self.rows(t.expr).get(pid, 0.0) > 0]


class FtsMatcher:
    """``core.matching.Matcher`` over the FTS5 index (what the review and ``nj match`` use).

    ``as_of`` is the day the boosts are counted from (the review date, or the
    command's today). The switches exist to measure each part of the ranking
    (tests/test_match_eval.py). One matcher serves one command on one
    connection: what it reads is cached for the needs that follow.
    """

    def __init__(
        self,
        *,
        as_of: date,
        synonyms: bool = True,
        fuzzy: bool = True,
        boosts: bool = True,
        knowledge: bool = True,
        knowledge_files: list[Path] | None = None,
    ) -> None:
        self.as_of = as_of
        self.use_synonyms = synonyms
        self.fuzzy = fuzzy
        self.boosts = boosts
        self.use_knowledge = knowledge
        self.knowledge_files = knowledge_files
        self._conn: sqlite3.Connection | None = None

    def _bind(self, conn: sqlite3.Connection) -> None:
        """(Re)start the caches for ``conn``, bringing the index up to date first."""
        if self._conn is conn:
            return
        ix.ensure_fresh(conn)
        self._conn = conn
        self._synonyms = Synonyms.load(conn) if self.use_synonyms else None
        extra = self._synonyms.vocabulary() if self._synonyms else set()
        self._vocab = Vocabulary(conn, extra) if self.fuzzy else None
        self._terms = _TermIndex(conn)
        self._rankings: dict[str, _Ranking] = {}
        self._boosts = Boosts(conn, self.as_of)
        self._introduced: dict[int, set[int]] | None = None
        self._archived: set[int] | None = None
        self._people: dict[int, dict[str, Any]] = {}
        self._matched: dict[tuple[str, int], tuple[list[Term], list[str]]] = {}
        self._kinds: KindScorer | None = None
        if self.use_knowledge:
            from netjournal.paths import cache_dir, config_dir
            from netjournal.search.situations import KindScorer, user_files

            files = self.knowledge_files
            if files is None:
                files = user_files(config_dir())
            self._kinds = KindScorer(conn, files, cache_dir())

    def prime(self, conn: sqlite3.Connection, needs: list[dict[str, Any]]) -> None:
        """Bring the index up to date once before several :meth:`suggest` calls."""
        self._bind(conn)

    def _ranking(self, text: str, need_id: int | None = None) -> _Ranking:
        found = self._rankings.get(text)
        if found is None:
            concepts = plan(text, self._synonyms, self._vocab)
            common = {c.word for c in concepts if self._common(c)}
            rare = [c for c in concepts if c.word not in common]
            scores = self._terms.text_scores(concepts)
            if common:  # only people some rarer word (or their kind) finds
                keep = set(self._terms.text_scores(rare)) if rare else set()
            else:
                keep = set(scores)
            kinds = self._kinds.score(text, need_id) if self._kinds is not None else {}
            top = max(scores.values(), default=0.0) or 1.0
            final = {pid: s / top for pid, s in scores.items() if pid in keep or pid in kinds}
            for pid, (value, _kind) in kinds.items():
                final[pid] = final.get(pid, 0.0) + KIND_WEIGHT * value
            ranked = sorted(final.items(), key=lambda kv: (-kv[1], kv[0]))
            found = _Ranking(concepts, [(s, pid) for pid, s in ranked], kinds, need_id)
            self._rankings[text] = found
        return found

    def _common(self, concept: Concept) -> bool:
        """A word found on too many cards, or an everyday word ("free", "stuff"):
        alone it makes nobody a candidate."""
        if concept.word in COMMON:
            return True
        total = self._terms.total
        exprs = tuple(t.expr for t in concept.terms if t.kind == "word")
        if not exprs or total < COMMON_MIN:
            return False
        reach = self._terms.reach(exprs)
        return reach >= COMMON_MIN and reach > COMMON_SHARE * total

    def _excluded(self, conn: sqlite3.Connection, need: dict[str, Any]) -> set[int]:
        excluded = {int(need["person_id"])}
        if self._archived is None:  # archived people are never suggested (issue 15)
            self._archived = {
                int(r[0])
                for r in conn.execute("SELECT id FROM people WHERE archived_on IS NOT NULL")
            }
        excluded |= self._archived
        if need.get("id") is not None:
            if self._introduced is None:
                self._introduced = {}
                for nid, a_id, b_id in conn.execute(
                    "SELECT need_id, a_id, b_id FROM introductions WHERE need_id IS NOT NULL"
                ):
                    self._introduced.setdefault(int(nid), set()).update((int(a_id), int(b_id)))
            excluded |= self._introduced.get(int(need["id"]), set())
        return excluded

    def candidates(
        self, conn: sqlite3.Connection, need: dict[str, Any], *, limit: int
    ) -> list[tuple[Candidate, list[str]]]:
        self._bind(conn)
        nid = need.get("id")
        ranking = self._ranking(str(need["text"]), None if nid is None else int(nid))
        excluded = self._excluded(conn, need)
        size = max(BOOST_POOL, limit)
        pool: list[Candidate] = []
        for score, pid in ranking.ranked:
            if pid not in excluded:
                pool.append(Candidate(pid, score, []))
                if len(pool) >= size:
                    break
        if self.boosts:
            self._boosts.apply(pool)
        pool.sort(key=lambda c: (-c.score, c.person_id))
        if pool:
            floor = pool[0].score * RELATIVE_FLOOR
            pool = [c for c in pool if c.score >= floor]
        out = []
        for cand in pool[: max(limit, 0)]:
            key = (str(need["text"]), cand.person_id)
            found = self._matched.get(key)
            if found is None:
                terms = self._terms.matched(ranking.concepts, cand.person_id)
                person = self._person(conn, cand.person_id)
                lines = why_lines(person["fields"], terms)
                scored = ranking.kinds.get(cand.person_id)
                kind = None
                if scored is not None and self._kinds is not None:
                    kind = self._kinds.match(
                        str(need["text"]), ranking.need_id, cand.person_id, scored
                    )
                named = kind is not None and kind.need.source in ("name", "abbr")
                if kind is not None and self._kinds is not None and not (named and lines):
                    # The situation in words, unless the need named the kind itself.
                    if kind.person.field == "helped":  # said once, in the first line
                        lines = [line for line in lines if kind.person.phrase not in line]
                    lines = [self._kinds.why(kind, person["name"]), *lines[:3]]
                found = self._matched[key] = (terms, lines)
            cand.terms = found[0]
            out.append((cand, found[1] + cand.boost_why))
        return out

    def suggest(
        self, conn: sqlite3.Connection, need: dict[str, Any], *, limit: int
    ) -> list[Suggestion]:
        """The best people for ``need`` (keys ``id``, ``person_id``, ``text``), best first."""
        out = []
        for cand, why in self.candidates(conn, need, limit=limit):
            name = self._person(conn, cand.person_id)["name"]
            out.append(Suggestion({"id": cand.person_id, "name": name}, round(cand.score, 3), why))
        return out

    def _person(self, conn: sqlite3.Connection, pid: int) -> dict[str, Any]:
        found = self._people.get(pid)
        if found is None:
            found = self._people[pid] = person_fields(conn, pid)
        return found


# -- nj match ------------------------------------------------------------------------------


def need_record(row: sqlite3.Row) -> dict[str, Any]:
    return {
        "id": int(row["id"]),
        "person": {"id": int(row["person_id"]), "name": row["name"]},
        "text": row["text"],
        "noted_on": row["noted_on"],
        "status": row["status"],
    }


_NEED_SQL = (
    "SELECT n.id, n.person_id, n.text, n.noted_on, n.status, p.name "
    "FROM needs n JOIN people p ON p.id = n.person_id"
)


def match_needs(
    conn: sqlite3.Connection,
    need_id: int | None,
    *,
    as_of: date,
    limit: int,
    matcher: FtsMatcher | None = None,
) -> list[dict[str, Any]]:
    """``[{"need": ..., "candidates": [{"person", "score", "why"}]}]``.

    One need (any status) when ``need_id`` is given, else every open need
    noted on or before ``as_of``, oldest first.
    """
    if limit < 1:
        raise UsageProblem(_("--limit must be at least 1"))
    if need_id is not None:
        rows = conn.execute(f"{_NEED_SQL} WHERE n.id = ?", (need_id,)).fetchall()
        if not rows:
            raise NotFound(
                _("No need with id #{id} ('nj need list' shows them)").format(id=need_id)
            )
    else:
        rows = conn.execute(
            f"{_NEED_SQL} WHERE n.status = 'open' AND n.noted_on <= ? ORDER BY n.noted_on, n.id",
            (as_of.isoformat(),),
        ).fetchall()
    matcher = matcher or FtsMatcher(as_of=as_of)
    results = []
    for row in rows:
        need = {"id": int(row["id"]), "person_id": int(row["person_id"]), "text": row["text"]}
        found = matcher.suggest(conn, need, limit=limit)
        results.append(
            {
                "need": need_record(row),
                "candidates": [
                    {"person": dict(s.person), "score": s.score, "why": list(s.why)} for s in found
                ],
            }
        )
    return results
