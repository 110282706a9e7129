"""The one text analyser of the search layer: folding, words, stems, stop words.

Text is folded (case, accents), split into words, stop words and single
letters dropped, and every word stemmed with the English Snowball stemmer plus
the Indonesian one when that differs ("pembukuan" -> "pembukuan buku",
"lawyers" -> "lawyer"). The index stores these stems; queries and the matcher
analyse their own text the same way, so both sides always agree.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from netjournal.text import fold

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

#: A word: letters and digits, no underscore.
WORD = re.compile(r"[^\W_]+")


def words(text: str) -> list[str]:
    """Folded words of ``text``, stop words and single letters dropped."""
    return [w for w in WORD.findall(fold(text)) if len(w) > 1 and w not in STOPWORDS]


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


def token_set(text: str) -> set[str]:
    """Every stem of every word of ``text``."""
    return {s for w in words(text) for s in stems(w)}


def excerpt(text: str, tokens: set[str] | frozenset[str], width: int = 60) -> str:
    """A one-line piece of ``text`` around its first word whose stems are in ``tokens``."""
    flat = " ".join(text.split())
    if len(flat) <= width:
        return flat
    start = 0
    for m in WORD.finditer(flat):
        if set(stems(fold(m.group()))) & tokens:
            start = max(0, m.start() - width // 3)
            break
    piece = flat[start : start + width]
    return ("…" if start else "") + piece.strip() + ("…" if start + width < len(flat) else "")


def spans(text: str, tokens: set[str] | frozenset[str]) -> list[tuple[int, int]]:
    """Where in ``text`` the words whose stems are in ``tokens`` are (for highlighting)."""
    out = []
    for m in WORD.finditer(text):
        word = fold(m.group())
        if len(word) > 1 and word not in STOPWORDS and set(stems(word)) & tokens:
            out.append((m.start(), m.end()))
    return out
