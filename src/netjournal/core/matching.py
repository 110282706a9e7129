"""Who could help with a need: the interface the review asks, owned by the review.

The review (:func:`netjournal.core.review.build_review`) takes a
:class:`Matcher` as an argument and asks it for the best people to introduce
to the person with a need. The matcher itself lives above the core
(``netjournal.search.default_matcher``: the full-text index), so the core
never imports it: the caller passes it in.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from typing import Any, Protocol


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
        A matcher may also offer ``prime(conn, needs)``, called once with every
        need about to be asked.
        """
        ...
