"""Queries for shell completion (``nj completion``): people's names by prefix."""

from __future__ import annotations

import sqlite3


def names_starting(conn: sqlite3.Connection, prefix: str, limit: int = 200) -> list[str]:
    """Names starting with ``prefix`` (case-insensitive for ASCII), sorted."""
    pattern = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    rows = conn.execute(
        "SELECT name FROM people WHERE name LIKE ? ESCAPE '\\' ORDER BY name LIMIT ?",
        (pattern, limit),
    ).fetchall()
    return [str(r[0]) for r in rows]
