"""A kind of helper found in a text (kept light: the stored kinds are read without
loading the knowledge, :mod:`netjournal.search.kinds`)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class KindHit:
    """A kind of helper that a text calls for or describes, with the phrase that said so."""

    kind: str
    family: str
    score: float
    phrase: str
    source: str  # "name", "abbr", "skill" or "situation"
    context: str = ""  # the word that made a context-bound kind fit ("anak")
    field: str = ""  # for cards: the field that matched (role, org, ...)


__all__ = ["KindHit"]
