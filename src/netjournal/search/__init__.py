"""Layer 3: finding people.

One text analyser (``analyser``), the full-text index (``index``, its
``documents``), synonyms (``synonyms``), the matcher behind introductions
(``plan``, ``matcher``, ``boosts``, ``why``) and search queries
(``queries``). Imports layers 0 to 2.

This module stays light: the commands that only write the journal never load
the search code; what is below is imported when first used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import sqlite3
    from datetime import date

    from netjournal.core.matching import Matcher

__all__ = ["FtsMatcher", "check_index", "default_matcher", "refresh_index"]


def default_matcher(*, as_of: date) -> Matcher:
    """The matcher of the review and ``nj match``: FTS5 over the journal, boosts as of ``as_of``.

    Make one per command and ask it for every need: it caches what the needs share.
    """
    from netjournal.search.matcher import FtsMatcher

    return FtsMatcher(as_of=as_of)


def refresh_index(conn: sqlite3.Connection, *, kinds: bool = True) -> None:
    """Bring the search index up to date, in its own short write transactions.

    Call it outside any transaction, before a command's read snapshot: a
    refresh made inside the snapshot would be rolled back with it and redone
    by every command. Inside a transaction it does nothing (the matcher then
    refreshes within the caller's transaction). With ``kinds`` (commands that
    match), the kinds of helper of changed people and needs are read too
    (``search.kinds.refresh_kinds``; loads the knowledge only then).
    """
    if conn.in_transaction:
        return
    from netjournal.search.index import ensure_fresh

    ensure_fresh(conn)
    if kinds:
        from netjournal.paths import cache_dir, config_dir
        from netjournal.search.kinds import refresh_kinds
        from netjournal.search.situations import user_files

        refresh_kinds(conn, user_files(config_dir()), cache_dir())


def check_index(conn: sqlite3.Connection) -> list[str]:
    """Problems with the search index (``nj db check``); empty when it is sound."""
    from netjournal.search.index import check

    return check(conn)


def __getattr__(name: str) -> Any:
    if name == "FtsMatcher":
        from netjournal.search.matcher import FtsMatcher

        return FtsMatcher
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
