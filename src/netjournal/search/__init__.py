"""Layer 3: finding people.

One text analyser, the full-text index, synonyms, the matcher behind
introductions, and search queries. Imports layers 0 to 2.

The two entry points the review's callers need are here; the modules behind
them load only when called (``nj log`` never imports the index).
"""

from __future__ import annotations

import sqlite3
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from netjournal.core.matching import Matcher


def default_matcher(*, as_of: date | None = None) -> Matcher:
    """The matcher the review uses: the full-text index, boosts counted from ``as_of``."""
    from netjournal.search.match import FtsMatcher

    return FtsMatcher(as_of=as_of)


def refresh_index(conn: sqlite3.Connection) -> None:
    """Bring the index up to date in its own short write transaction.

    Call it outside any transaction, before a read snapshot: a refresh made
    inside the snapshot would be rolled back with it and redone every time.
    """
    from netjournal.search.match import refresh_index as refresh

    if not conn.in_transaction:
        refresh(conn)
