"""Query planning: the concepts and FTS terms a need's text searches for.

Each word of a need (stop words dropped) becomes a *concept*. A concept
searches for its own stems at full weight, for a spelling correction from the
index's vocabulary when the word is unknown (weight 0.7), and for the members
of every synonym group it belongs to (weight 0.5). A group member of several
words is searched as a phrase. See :mod:`netjournal.search.matcher` for how
the terms are scored.
"""

from __future__ import annotations

import difflib
import math
import sqlite3
from dataclasses import dataclass, field

from netjournal.search.analyser import stems, words
from netjournal.search.synonyms import Synonyms

WEIGHT_WORD = 1.0
WEIGHT_FIX = 0.7
WEIGHT_SYNONYM = 0.5
#: Only stems this long get a spelling correction (or a longer word's stem).
FIX_MIN_LENGTH = 5
#: How close a correction must be; a five-letter stem may only have lost a letter
#: ("dingn" is "dingin"): one changed letter makes another word ("stuff", "staff").
FIX_CUTOFF, FIX_CUTOFF_SHORT = 0.8, 0.85


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


def quote(token: str) -> str:
    """``token`` as an FTS5 string (any characters are fine)."""
    return '"' + token.replace('"', '""') + '"'


def term_for(text_stems: list[str], weight: float, word: str, kind: str, source: str = "") -> Term:
    if len(text_stems) == 1:
        expr = quote(text_stems[0])
    else:
        # Words may carry a second (Indonesian) stem between them: allow a gap.
        expr = f"NEAR({' '.join(quote(s) for s in text_stems)}, {2 * len(text_stems)})"
    return Term(expr, frozenset(text_stems), weight, word, kind, source or expr)


def bm25_idf(n: int, total: int, n_word: int | None = None) -> tuple[float, float]:
    """FTS5's IDF of a term in ``n`` of ``total`` documents, and the one we use instead.

    FTS5's bm25() uses log((N - n + 0.5) / (n + 0.5)) and clamps it to 1e-6
    when a term is in half the documents or more: in a journal of ten people,
    five of them lawyers, "lawyer" would count for nothing. For a one-term query
    the term-frequency part can be recovered (score / fts_idf) and multiplied by
    the smoothed IDF log(1 + (N - n + 0.5) / (n + 0.5)). ``n_word`` is how many
    documents have any stem of the word: the stems of one word share one IDF,
    so that the rarer stem (often the exact spelling) gets no bonus over the
    more general one. ``(1.0, 1.0)`` when there is nothing to reweigh.
    """
    if not n or total < n:
        return 1.0, 1.0
    fts_idf = max(math.log((total - n + 0.5) / (n + 0.5)), 1e-6)
    m = n if n_word is None else max(n_word, n)
    return fts_idf, math.log(1 + (total - m + 0.5) / (m + 0.5))


def reweigh(
    rows: list[tuple[int, float]], total: int, n_word: int | None = None
) -> list[tuple[int, float]]:
    """BM25 rows of one term with the IDF of :func:`bm25_idf`."""
    fts_idf, idf = bm25_idf(len(rows), total, n_word)
    if (fts_idf, idf) == (1.0, 1.0):
        return rows
    return [(pid, score / fts_idf * idf) for pid, score in rows]


class Vocabulary:
    """The index's terms, for spelling corrections of unknown words (answers are cached)."""

    def __init__(self, conn: sqlite3.Connection, extra: set[str]) -> None:
        self.conn = conn
        self.extra = extra
        self._has: dict[str, bool] = {}
        self._closest: dict[str, str | None] = {}

    def has(self, token: str) -> bool:
        if token in self.extra:
            return True
        found = self._has.get(token)
        if found is None:
            found = (
                self.conn.execute(
                    "SELECT 1 FROM search_people_vocab WHERE term = ?", (token,)
                ).fetchone()
                is not None
            )
            self._has[token] = found
        return found

    def closest(self, token: str) -> str | None:
        # Short stems are not corrected: "part" is not a typo of "party".
        if len(token) < FIX_MIN_LENGTH:
            return None
        if token not in self._closest:
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
            cutoff = FIX_CUTOFF_SHORT if len(token) == FIX_MIN_LENGTH else FIX_CUTOFF
            found = difflib.get_close_matches(token, candidates, n=1, cutoff=cutoff)
            self._closest[token] = found[0] if found else None
        return self._closest[token]


def plan(text: str, synonyms: Synonyms | None, vocab: Vocabulary | None) -> list[Concept]:
    """The concepts and terms a need's text searches for (``vocab``: spelling fixes)."""
    concepts = [Concept(w) for w in words(text)]
    keys: list[set[str]] = []
    for concept in concepts:
        own = list(stems(concept.word))
        for s in own:
            concept.terms.append(
                term_for([s], WEIGHT_WORD, concept.word, "word", f"word:{concept.word}")
            )
        key = set(own)
        if vocab is not None and not any(vocab.has(s) for s in own):
            fix = vocab.closest(own[0])
            if fix is not None:
                concept.terms.append(term_for([fix], WEIGHT_FIX, concept.word, "fix"))
                key.add(fix)
        keys.append(key)
    if synonyms is not None:
        for i, concept in enumerate(concepts):
            _add_synonyms(concept, _groups_of(synonyms, keys, i), synonyms)
    return concepts


def _groups_of(synonyms: Synonyms, keys: list[set[str]], i: int) -> set[int]:
    """The synonym groups of word ``i``: alone, or within a phrase around it."""
    groups: set[int] = set()
    for s in keys[i]:
        groups |= synonyms.single.get(s, set())
    for phrase, gid in synonyms.phrases:
        n = len(phrase)
        for start in range(max(0, i - n + 1), i + 1):
            window = keys[start : start + n]
            if len(window) == n and all(p in k for p, k in zip(phrase, window, strict=True)):
                groups.add(gid)
    return groups


def _add_synonyms(concept: Concept, groups: set[int], synonyms: Synonyms) -> None:
    seen = {t.expr for t in concept.terms}
    for gid in sorted(groups):
        for member in synonyms.groups.get(gid, []):
            for stems_ in synonyms.options(member):
                term = term_for(
                    stems_, WEIGHT_SYNONYM, concept.word, "synonym", f"synonym:{member}"
                )
                if term.expr not in seen:
                    seen.add(term.expr)
                    concept.terms.append(term)
