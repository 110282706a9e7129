"""Needs -> people: the introductions engine, and full-text search.

Ranking (docs/matching.md), for one need:

1. The need's words (stop words dropped) become *concepts*. Each concept
   searches the index (search_index.py) for its own stems at full weight, for a
   spelling correction from the index's vocabulary when the word is unknown
   (weight 0.7), and for the members of every synonym group it belongs to
   (weight 0.5). A group member of several words is searched as a phrase.
2. Every searched term is scored by FTS5's BM25 over the columns of what a
   person offers (capabilities and role count double, tags 1.5×; names not at
   all). A concept is worth its best term plus a quarter of the others; a
   person's text score is the sum over concepts.
3. Boosts multiply the text score: helped before (needs they helped meet,
   help they gave you), in touch lately, and fewer introductions asked of them
   in the last 30 days. Never the person with the need, never anyone already
   introduced for it.
"""

from __future__ import annotations

import difflib
import json
import math
import re
import sqlite3
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from netjournal.errors import InvalidInput, NotFound, UsageProblem
from netjournal.i18n import _
from netjournal.search import index as ix

if TYPE_CHECKING:
    from netjournal.core.matching import Suggestion

#: BM25 weights of search_people's columns for matching (name, org, role, tags,
#: capabilities, notes, helped).
MATCH_WEIGHTS = (0.0, 1.0, 2.0, 1.5, 2.0, 1.0, 1.5)
MATCH_COLUMNS = "{org role tags capabilities notes helped}"
WEIGHT_WORD = 1.0
WEIGHT_FIX = 0.7
WEIGHT_SYNONYM = 0.5
#: Within a concept: the best term, plus this share of the others.
OTHERS_SHARE = 0.25
#: Candidates under this share of the best final score are left out.
RELATIVE_FLOOR = 0.2
#: Text-ranked candidates that get their boosts computed.
BOOST_POOL = 60
ASKED_WINDOW_DAYS = 30


def check_index(conn: sqlite3.Connection) -> list[str]:
    """Problems with the search index (``nj db check``); empty when it is sound."""
    return ix.check(conn)


def refresh_index(conn: sqlite3.Connection) -> None:
    """Rebuild what changed since the index was last read (cheap; see search_index)."""
    ix.ensure_fresh(conn)


def _suggestion_class() -> Any:
    try:
        from netjournal.core.matching import Suggestion
    except ImportError:  # pragma: no cover - suggest.py ships with the review
        return _Suggestion
    return Suggestion


@dataclass(frozen=True)
class _Suggestion:
    person: dict[str, Any]
    score: float
    why: list[str] = field(default_factory=list)


# -- synonyms -------------------------------------------------------------------


@dataclass
class Synonyms:
    """The synonym groups, keyed by stems for lookups."""

    groups: dict[int, list[str]]
    single: dict[str, set[int]] = field(default_factory=dict)
    phrases: list[tuple[tuple[str, ...], int]] = field(default_factory=list)

    @classmethod
    def load(cls, conn: sqlite3.Connection) -> Synonyms:
        groups: dict[int, list[str]] = {}
        for gid, term in conn.execute("SELECT group_id, term FROM synonyms ORDER BY id"):
            groups.setdefault(int(gid), []).append(term)
        self = cls(groups)
        for gid, terms in groups.items():
            for term in terms:
                ws = ix.words(term)
                if len(ws) == 1:
                    for s in ix.stems(ws[0]):
                        self.single.setdefault(s, set()).add(gid)
                elif ws:
                    self.phrases.append((tuple(ix.stems(w)[0] for w in ws), gid))
        return self

    def vocabulary(self) -> set[str]:
        return set(self.single)


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
    if not ix.words(clean):
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


# -- query planning -----------------------------------------------------------------


@dataclass
class Term:
    """One FTS query (a stem or a phrase of stems) standing for a word of the need."""

    expr: str
    tokens: frozenset[str]
    weight: float
    word: str  # the need's word it stands for
    kind: str  # "word", "fix" or "synonym"
    source: str = ""  # the stems of one word or member count once: the best of them


@dataclass
class Concept:
    word: str
    terms: list[Term] = field(default_factory=list)


def _quote(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


def _term_for(text_stems: list[str], weight: float, word: str, kind: str, source: str = "") -> Term:
    if len(text_stems) == 1:
        expr = _quote(text_stems[0])
    else:
        # Words may carry a second (Indonesian) stem between them: allow a gap.
        expr = f"NEAR({' '.join(_quote(s) for s in text_stems)}, {2 * len(text_stems)})"
    return Term(expr, frozenset(text_stems), weight, word, kind, source or expr)


class Vocabulary:
    """The index's terms, for spelling corrections of unknown words."""

    def __init__(self, conn: sqlite3.Connection, extra: set[str]) -> None:
        self.conn = conn
        self.extra = extra

    def has(self, token: str) -> bool:
        if token in self.extra:
            return True
        return (
            self.conn.execute(
                "SELECT 1 FROM search_people_vocab WHERE term = ?", (token,)
            ).fetchone()
            is not None
        )

    def closest(self, token: str) -> str | None:
        if len(token) < 4:
            return None
        start = token[0]
        candidates = [
            r[0]
            for r in self.conn.execute(
                "SELECT term FROM search_people_vocab WHERE term >= ? AND term < ? "
                "AND length(term) BETWEEN ? AND ?",
                (start, start + "\uffff", len(token) - 2, len(token) + 2),
            )
        ]
        candidates += [t for t in self.extra if t.startswith(start)]
        found = difflib.get_close_matches(token, candidates, n=1, cutoff=0.8)
        return found[0] if found else None


def plan(
    conn: sqlite3.Connection, text: str, synonyms: Synonyms | None, *, fuzzy: bool = True
) -> list[Concept]:
    """The concepts and terms a need's text searches for."""
    ws = ix.words(text)
    concepts = [Concept(w) for w in ws]
    vocab = Vocabulary(conn, synonyms.vocabulary() if synonyms else set())
    keys: list[set[str]] = []
    for concept in concepts:
        own = list(ix.stems(concept.word))
        for s in own:
            concept.terms.append(
                _term_for([s], WEIGHT_WORD, concept.word, "word", f"word:{concept.word}")
            )
        key = set(own)
        if fuzzy and not any(vocab.has(s) for s in own):
            fix = vocab.closest(own[0])
            if fix is not None:
                concept.terms.append(_term_for([fix], WEIGHT_FIX, concept.word, "fix"))
                key.add(fix)
        keys.append(key)
    if synonyms is None:
        return concepts
    for i, concept in enumerate(concepts):
        groups: set[int] = set()
        for s in keys[i]:
            groups |= synonyms.single.get(s, set())
        for phrase, gid in synonyms.phrases:
            n = len(phrase)
            for start in range(max(0, i - n + 1), i + 1):
                window = keys[start : start + n]
                if len(window) == n and all(p in k for p, k in zip(phrase, window, strict=True)):
                    groups.add(gid)
        seen = {t.expr for t in concept.terms}
        for gid in sorted(groups):
            for member in synonyms.groups.get(gid, []):
                member_words = ix.words(member)
                if not member_words:
                    continue
                if len(member_words) == 1:
                    options = [[s] for s in ix.stems(member_words[0])]
                else:
                    options = [[ix.stems(w)[0] for w in member_words]]
                for stems_ in options:
                    term = _term_for(
                        stems_, WEIGHT_SYNONYM, concept.word, "synonym", f"synonym:{member}"
                    )
                    if term.expr not in seen:
                        seen.add(term.expr)
                        concept.terms.append(term)
    return concepts


# -- ranking ----------------------------------------------------------------------------


@dataclass
class Candidate:
    person_id: int
    text_score: float
    terms: list[tuple[Term, float]]
    boost: float = 1.0
    boost_why: list[str] = field(default_factory=list)

    @property
    def score(self) -> float:
        return self.text_score * self.boost


def _reweigh(
    rows: list[tuple[int, float]], total: int, n_word: int | None = None
) -> list[tuple[int, float]]:
    """BM25 of one term with an IDF that stays positive in small journals.

    FTS5's bm25() uses log((N - n + 0.5) / (n + 0.5)) and clamps it to 1e-6
    when a term is in half the documents or more: in a journal of ten people,
    five of them lawyers, "lawyer" would count for nothing. For a one-term query
    n is the number of rows returned, so the term-frequency part can be
    recovered and multiplied by the smoothed IDF log(1 + (N - n + 0.5) / (n + 0.5)).
    ``n_word`` is how many documents have any stem of the word: the stems of one
    word share one IDF, so that the rarer stem (often the exact spelling) gets
    no bonus over the more general one.
    """
    n = len(rows)
    if not n or total < n:
        return rows
    fts_idf = max(math.log((total - n + 0.5) / (n + 0.5)), 1e-6)
    m = n if n_word is None else max(n_word, n)
    idf = math.log(1 + (total - m + 0.5) / (m + 0.5))
    return [(pid, score / fts_idf * idf) for pid, score in rows]


def _text_scores(conn: sqlite3.Connection, concepts: list[Concept]) -> dict[int, Candidate]:
    weights = ", ".join(str(w) for w in MATCH_WEIGHTS)
    sql = (
        f"SELECT rowid, -bm25(search_people, {weights}) FROM search_people "
        "WHERE search_people MATCH ?"
    )
    total = int(conn.execute("SELECT count(*) FROM search_people").fetchone()[0])
    raw: dict[str, list[tuple[int, float]]] = {}
    for concept in concepts:
        for term in concept.terms:
            if term.expr not in raw:
                raw[term.expr] = [
                    (int(r[0]), float(r[1]))
                    for r in conn.execute(sql, (f"{MATCH_COLUMNS} : {term.expr}",))
                ]
    totals: dict[int, float] = {}
    matched: dict[int, list[tuple[Term, float]]] = {}
    for concept in concepts:
        reach: dict[str, set[int]] = {}
        for term in concept.terms:
            reach.setdefault(term.source, set()).update(pid for pid, _s in raw[term.expr])
        per_person: dict[int, list[tuple[Term, float]]] = {}
        for term in concept.terms:
            for pid, score in _reweigh(raw[term.expr], total, len(reach[term.source])):
                if score > 0:
                    per_person.setdefault(pid, []).append((term, score * term.weight))
        for pid, hits in per_person.items():
            by_source: dict[str, float] = {}
            for term, v in hits:
                by_source[term.source] = max(v, by_source.get(term.source, 0.0))
            values = sorted(by_source.values(), reverse=True)
            best = values[0]
            totals[pid] = totals.get(pid, 0.0) + best + OTHERS_SHARE * (sum(values) - best)
            matched.setdefault(pid, []).extend(hits)
    return {pid: Candidate(pid, score, matched[pid]) for pid, score in totals.items()}


def _excluded(conn: sqlite3.Connection, need: dict[str, Any]) -> set[int]:
    excluded = {int(need["person_id"])}
    if need.get("id") is not None:
        for a_id, b_id in conn.execute(
            "SELECT a_id, b_id FROM introductions WHERE need_id = ?", (need["id"],)
        ):
            excluded.update((int(a_id), int(b_id)))
    return excluded


def _apply_boosts(conn: sqlite3.Connection, candidates: list[Candidate], as_of: date) -> None:
    if not candidates:
        return
    ids = json.dumps([c.person_id for c in candidates])
    day = as_of.isoformat()
    helped: dict[int, int] = {}
    for pid, n in conn.execute(
        "SELECT person_id, count(*) FROM search_helped WHERE person_id IN "
        "(SELECT value FROM json_each(?)) GROUP BY person_id",
        (ids,),
    ):
        helped[int(pid)] = int(n)
    for pid, n in conn.execute(
        "SELECT person_id, count(*) FROM offers WHERE direction = 'received' AND "
        "status = 'done' AND coalesce(done_on, offered_on) <= ? AND person_id IN "
        "(SELECT value FROM json_each(?)) GROUP BY person_id",
        (day, ids),
    ):
        helped[int(pid)] = helped.get(int(pid), 0) + int(n)
    since = (as_of - timedelta(days=ASKED_WINDOW_DAYS)).isoformat()
    asked: dict[int, int] = {}
    for pid, n in conn.execute(
        """SELECT p, count(*) FROM (
               SELECT a_id AS p, on_date FROM introductions UNION ALL
               SELECT b_id, on_date FROM introductions)
           WHERE on_date > ? AND on_date <= ? AND p IN (SELECT value FROM json_each(?))
           GROUP BY p""",
        (since, day, ids),
    ):
        asked[int(pid)] = int(n)
    for c in candidates:
        last = conn.execute(
            """SELECT max(d) FROM (
                SELECT max(on_date) AS d FROM interactions WHERE person_id = :p AND on_date <= :d
                UNION ALL SELECT max(on_date) FROM introductions
                    WHERE (a_id = :p OR b_id = :p) AND on_date <= :d
                UNION ALL SELECT max(done_on) FROM offers
                    WHERE person_id = :p AND status = 'done' AND done_on <= :d)""",
            {"p": c.person_id, "d": day},
        ).fetchone()[0]
        n = helped.get(c.person_id, 0)
        if n:
            c.boost *= 1 + 0.15 * min(n, 3)
            c.boost_why.append(_("helped before ({n}×)").format(n=n))
        if last:
            days = (as_of - date.fromisoformat(last)).days
            if days <= 30:
                c.boost *= 1.1
            elif days <= 90:
                c.boost *= 1.05
            if days <= 90:
                if days == 0:
                    c.boost_why.append(_("in touch today"))
                elif days == 1:
                    c.boost_why.append(_("in touch yesterday"))
                else:
                    c.boost_why.append(_("in touch {days} days ago").format(days=days))
        k = asked.get(c.person_id, 0)
        if k:
            c.boost /= 1 + 0.1 * k
            c.boost_why.append(
                _("introduced {k}× in the last {days} days").format(k=k, days=ASKED_WINDOW_DAYS)
            )


_FIELD_ORDER = ("can", "role", "tag", "org", "helped", "notes")


def _fields(conn: sqlite3.Connection, pid: int) -> list[tuple[str, str]]:
    row = conn.execute("SELECT org, role, notes FROM people WHERE id = ?", (pid,)).fetchone()
    out: list[tuple[str, str]] = []
    out += [
        ("can", r[0])
        for r in conn.execute(
            "SELECT text FROM capabilities WHERE person_id = ? ORDER BY id", (pid,)
        )
    ]
    if row["role"]:
        out.append(("role", row["role"]))
    out += [
        ("tag", r[0])
        for r in conn.execute("SELECT tag FROM tags WHERE person_id = ? ORDER BY tag", (pid,))
    ]
    if row["org"]:
        out.append(("org", row["org"]))
    out += [
        ("helped", r[0])
        for r in conn.execute(
            "SELECT n.text FROM search_helped h JOIN needs n ON n.id = h.need_id "
            "WHERE h.person_id = ? ORDER BY n.id",
            (pid,),
        )
    ]
    if row["notes"]:
        out.append(("notes", row["notes"]))
    return out


def _token_set(text: str) -> set[str]:
    return {s for w in ix.words(text) for s in ix.stems(w)}


def excerpt(text: str, tokens: set[str] | frozenset[str], width: int = 60) -> str:
    """A one-line piece of ``text`` around its first word whose stems are in ``tokens``."""
    flat = " ".join(text.split())
    if len(flat) <= width:
        return flat
    start = 0
    for m in ix._WORD.finditer(flat):
        if set(ix.stems(ix.fold(m.group()))) & tokens:
            start = max(0, m.start() - width // 3)
            break
    piece = flat[start : start + width]
    return ("…" if start else "") + piece.strip() + ("…" if start + width < len(flat) else "")


def _why(conn: sqlite3.Connection, cand: Candidate) -> list[str]:
    labels = {
        "can": _("can"),
        "role": _("role"),
        "tag": _("tag"),
        "org": _("org"),
        "helped": _("helped with"),
        "notes": _("notes"),
    }
    found: list[tuple[int, int, str]] = []
    for n, (kind, text) in enumerate(_fields(conn, cand.person_id)):
        have = _token_set(text)
        hits = [t for t, _v in cand.terms if t.tokens <= have]
        if not hits:
            continue
        line = f"{labels[kind]}: {excerpt(text, frozenset().union(*(t.tokens for t in hits)))}"
        if not any(t.kind == "word" for t in hits):
            line += " (≈ " + ", ".join(sorted({t.word for t in hits})) + ")"
        found.append((_FIELD_ORDER.index(kind), n, line))
    return [line for _o, _n, line in sorted(found)[:4]] + cand.boost_why


class FtsMatcher:
    """``suggest.Matcher`` over the FTS5 index (what the review uses).

    ``as_of`` is the day the boosts are counted from (the review date); without
    it, ``NETJOURNAL_TODAY`` or the system date. The switches exist to measure
    each part of the ranking (tests/test_match_eval.py).
    """

    def __init__(
        self,
        *,
        as_of: date | None = None,
        synonyms: bool = True,
        fuzzy: bool = True,
        boosts: bool = True,
    ) -> None:
        self.as_of = as_of
        self.use_synonyms = synonyms
        self.fuzzy = fuzzy
        self.boosts = boosts
        self._synonyms: Synonyms | None = None
        self._fresh = False

    def _today(self) -> date:
        if self.as_of is not None:
            return self.as_of
        from netjournal.dates import today_from_env

        return today_from_env()

    def prime(self, conn: sqlite3.Connection, needs: list[dict[str, Any]]) -> None:
        """Bring the index up to date once before several :meth:`suggest` calls."""
        ix.ensure_fresh(conn)
        self._fresh = True

    def candidates(
        self, conn: sqlite3.Connection, need: dict[str, Any], *, limit: int
    ) -> list[tuple[Candidate, list[str]]]:
        if not self._fresh:
            ix.ensure_fresh(conn)
            self._fresh = True
        if self.use_synonyms and self._synonyms is None:
            self._synonyms = Synonyms.load(conn)
        concepts = plan(
            conn, str(need["text"]), self._synonyms if self.use_synonyms else None, fuzzy=self.fuzzy
        )
        found = _text_scores(conn, concepts)
        for pid in _excluded(conn, need):
            found.pop(pid, None)
        ranked = sorted(found.values(), key=lambda c: (-c.text_score, c.person_id))
        pool = ranked[: max(BOOST_POOL, limit)]
        if self.boosts:
            _apply_boosts(conn, pool, self._today())
        pool.sort(key=lambda c: (-c.score, c.person_id))
        if pool:
            floor = pool[0].score * RELATIVE_FLOOR
            pool = [c for c in pool if c.score >= floor]
        return [(c, _why(conn, c)) for c in pool[: max(limit, 0)]]

    def suggest(
        self, conn: sqlite3.Connection, need: dict[str, Any], *, limit: int
    ) -> list[Suggestion]:
        """The best people for ``need`` (keys ``id``, ``person_id``, ``text``), best first."""
        cls = _suggestion_class()
        out = []
        for cand, why in self.candidates(conn, need, limit=limit):
            name = conn.execute(
                "SELECT name FROM people WHERE id = ?", (cand.person_id,)
            ).fetchone()[0]
            out.append(cls({"id": cand.person_id, "name": name}, round(cand.score, 3), why))
        return out


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


# -- nj search ---------------------------------------------------------------------------------

SEARCH_KINDS = ("people", "capabilities", "needs", "interactions")


def search_terms(text: str) -> list[list[str]]:
    """The stems of each word of a search (any characters are fine: we quote them)."""
    return [list(ix.stems(w)) for w in ix.words(text)]


def _expr(groups: list[list[str]], op: str) -> str:
    parts = ["(" + " OR ".join(_quote(s) for s in g) + ")" for g in groups]
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
        _search_table(conn, "needs", expr, groups, limit, result)
        _search_table(conn, "interactions", expr, groups, limit, result)
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
                (int(r[0]), float(r[1])) for r in conn.execute(sql, (f"{columns}{_quote(token)}",))
            ]
            for token in group
        }
        reach = len({rowid for rows in raw.values() for rowid, _s in rows})
        for rows in raw.values():
            for rowid, score in _reweigh(rows, total, reach):
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
            if _token_set(text) & wanted and len(result["capabilities"]) < limit:
                result["capabilities"].append(
                    {
                        "id": int(cid),
                        "person": {"id": pid, "name": name},
                        "text": text,
                        "score": round(score, 3),
                    }
                )


def _search_table(
    conn: sqlite3.Connection,
    kind: str,
    expr: str,
    groups: list[list[str]],
    limit: int,
    result: dict[str, Any],
) -> None:
    if kind == "needs":
        for nid, score in _ranked(conn, "search_needs", "", "1, 0.5", groups, expr, limit):
            r = conn.execute(
                "SELECT n.id, n.text, n.note, n.status, n.noted_on, p.id, p.name FROM needs n "
                "JOIN people p ON p.id = n.person_id WHERE n.id = ?",
                (nid,),
            ).fetchone()
            if r is not None:
                result["needs"].append(
                    {
                        "id": int(r[0]),
                        "person": {"id": int(r[5]), "name": r[6]},
                        "text": r[1],
                        "note": r[2],
                        "status": r[3],
                        "noted_on": r[4],
                        "score": round(score, 3),
                    }
                )
    else:
        ranked = _ranked(conn, "search_interactions", "", "1, 1", groups, expr, 10 * limit)
        found = []
        for iid, score in ranked:
            r = conn.execute(
                "SELECT i.id, i.on_date, i.kind, i.event, i.note, p.id, p.name "
                "FROM interactions i JOIN people p ON p.id = i.person_id WHERE i.id = ?",
                (iid,),
            ).fetchone()
            if r is not None:
                found.append(
                    {
                        "id": int(r[0]),
                        "person": {"id": int(r[5]), "name": r[6]},
                        "on": r[1],
                        "kind": r[2],
                        "event": r[3],
                        "note": r[4],
                        "score": round(score, 3),
                    }
                )
        # Equally good matches: the most recent first.
        found.sort(key=lambda i: (-i["score"], _neg_date(i["on"])))
        result["interactions"].extend(found[:limit])


def _neg_date(iso: str) -> int:
    return -int(iso.replace("-", "")) if iso[:4].isdigit() else 0


def spans(text: str, tokens: set[str] | frozenset[str]) -> list[tuple[int, int]]:
    """Where in ``text`` the words whose stems are in ``tokens`` are (for highlighting)."""
    out = []
    for m in re.finditer(ix._WORD, text):
        word = ix.fold(m.group())
        if len(word) > 1 and word not in ix.STOPWORDS and set(ix.stems(word)) & tokens:
            out.append((m.start(), m.end()))
    return out
