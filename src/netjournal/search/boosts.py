"""The boosts of the matcher: helped before, in touch lately, asked often lately.

Counted as of one day (the review's, or the command's today), read in batches
for the people asked about and kept for the rest of the command.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from netjournal.core.contact import last_contacts_for
from netjournal.i18n import _

if TYPE_CHECKING:
    from netjournal.search.matcher import Candidate

ASKED_WINDOW_DAYS = 30

_HELPED_SQL = """
SELECT person_id, count(*) FROM search_helped
WHERE person_id IN (SELECT value FROM json_each(:ids)) GROUP BY person_id
UNION ALL
SELECT person_id, count(*) FROM offers
WHERE direction = 'received' AND status = 'done' AND coalesce(done_on, offered_on) <= :day
  AND person_id IN (SELECT value FROM json_each(:ids)) GROUP BY person_id
"""

_ASKED_SQL = """
SELECT p, count(*) FROM (
    SELECT a_id AS p, on_date FROM introductions
    WHERE a_id IN (SELECT value FROM json_each(:ids))
    UNION ALL
    SELECT b_id, on_date FROM introductions WHERE b_id IN (SELECT value FROM json_each(:ids)))
WHERE on_date > :since AND on_date <= :day
GROUP BY p
"""


@dataclass(frozen=True)
class _Facts:
    helped: int = 0
    last: str | None = None
    asked: int = 0


class Boosts:
    """Each person's boost facts as of ``as_of``, read once per person."""

    def __init__(self, conn: sqlite3.Connection, as_of: date) -> None:
        self.conn = conn
        self.as_of = as_of
        self._facts: dict[int, _Facts] = {}
        self._boosts: dict[int, tuple[float, tuple[str, ...]]] = {}

    def _load(self, ids: Iterable[int]) -> None:
        missing = sorted({i for i in ids if i not in self._facts})
        if not missing:
            return
        params = {
            "ids": json.dumps(missing),
            "day": self.as_of.isoformat(),
            "since": (self.as_of - timedelta(days=ASKED_WINDOW_DAYS)).isoformat(),
        }
        helped: dict[int, int] = {}
        for pid, n in self.conn.execute(_HELPED_SQL, params):
            helped[int(pid)] = helped.get(int(pid), 0) + int(n)
        asked = {int(pid): int(n) for pid, n in self.conn.execute(_ASKED_SQL, params)}
        last = last_contacts_for(self.conn, missing, self.as_of)
        for pid in missing:
            self._facts[pid] = _Facts(helped.get(pid, 0), last.get(pid), asked.get(pid, 0))

    def apply(self, candidates: list[Candidate]) -> None:
        """Set each candidate's boost and say why."""
        todo = [c.person_id for c in candidates if c.person_id not in self._boosts]
        if todo:
            self._load(todo)
            for pid in todo:
                self._boosts[pid] = self._boost(self._facts[pid])
        for c in candidates:
            c.boost, why = self._boosts[c.person_id]
            c.boost_why = list(why)

    def _boost(self, facts: _Facts) -> tuple[float, tuple[str, ...]]:
        boost = 1.0
        why: list[str] = []
        n = facts.helped
        if n:
            boost *= 1 + 0.15 * min(n, 3)
            why.append(_("helped before ({n}×)").format(n=n))
        if facts.last:
            days = (self.as_of - date.fromisoformat(facts.last)).days
            boost = _recent(boost, why, days)
        k = facts.asked
        if k:
            boost /= 1 + 0.1 * k
            why.append(
                _("introduced {k}× in the last {days} days").format(k=k, days=ASKED_WINDOW_DAYS)
            )
        return boost, tuple(why)


def _recent(boost: float, why: list[str], days: int) -> float:
    if days <= 30:
        boost *= 1.1
    elif days <= 90:
        boost *= 1.05
    if days <= 90:
        if days == 0:
            why.append(_("in touch today"))
        elif days == 1:
            why.append(_("in touch yesterday"))
        else:
            why.append(_("in touch {days} days ago").format(days=days))
    return boost
