"""Last contact: the one definition (docs/review.md, "last contact").

A person's last contact is the latest of: any logged interaction, an
introduction involving them (either side), and help done in either
direction (an offer with status ``done``, on its ``done_on`` day). The review,
the people list, the person card and the matcher all read it from here.

With an ``as_of`` date, records dated after it are ignored (``--as-of``).
"""

from __future__ import annotations

import sqlite3
from datetime import date

#: (kind, table, person column, date column, condition) of every source of a contact.
SOURCES: tuple[tuple[str, str, str, str, str], ...] = (
    ("interaction", "interactions", "person_id", "on_date", ""),
    ("introduction", "introductions", "a_id", "on_date", ""),
    ("introduction", "introductions", "b_id", "on_date", ""),
    ("help", "offers", "person_id", "done_on", "status = 'done'"),
)


def _where(condition: str, date_column: str, as_of: bool, extra: str = "") -> str:
    parts = [c for c in (condition, f"{date_column} <= :as_of" if as_of else "", extra) if c]
    return f" WHERE {' AND '.join(parts)}" if parts else ""


def source_queries(*, as_of: bool = False) -> list[tuple[str, str]]:
    """(kind, SQL) per source: ``SELECT person id, latest date ... GROUP BY person``.

    With ``as_of``, each query takes the parameter ``:as_of`` (an ISO date).
    """
    return [
        (
            kind,
            f"SELECT {who} AS person_id, max({when}) AS d FROM {table}"
            f"{_where(cond, when, as_of)} GROUP BY {who}",
        )
        for kind, table, who, when, cond in SOURCES
    ]


def per_person_sql(*, as_of: bool = False) -> str:
    """A query of ``(person_id, last_contact)`` for everyone with a contact (to join)."""
    union = " UNION ALL ".join(sql for _kind, sql in source_queries(as_of=as_of))
    return f"SELECT person_id, max(d) AS last_contact FROM ({union}) GROUP BY person_id"


def last_contact(conn: sqlite3.Connection, person_id: int, as_of: date | None = None) -> str | None:
    """One person's last contact (an ISO date), or None when there is none."""
    union = " UNION ALL ".join(
        f"SELECT max({when}) AS d FROM {table}"
        f"{_where(cond, when, as_of is not None, f'{who} = :p')}"
        for _kind, table, who, when, cond in SOURCES
    )
    params: dict[str, object] = {"p": person_id}
    if as_of is not None:
        params["as_of"] = as_of.isoformat()
    row = conn.execute(f"SELECT max(d) FROM ({union})", params).fetchone()
    return row[0] if row else None


def last_contacts(conn: sqlite3.Connection, as_of: date | None = None) -> dict[int, str]:
    """Everyone's last contact: person id -> ISO date (people without one are absent)."""
    params = {"as_of": as_of.isoformat()} if as_of is not None else {}
    return {
        int(pid): str(latest)
        for pid, latest in conn.execute(per_person_sql(as_of=as_of is not None), params)
    }


def last_contacts_for(
    conn: sqlite3.Connection, ids: list[int], as_of: date | None = None
) -> dict[int, str]:
    """The last contact of the people ``ids`` only (those without one are absent)."""
    import json

    union = " UNION ALL ".join(
        f"SELECT {who} AS person_id, max({when}) AS d FROM {table}"
        f"{_where(cond, when, as_of is not None, f'{who} IN (SELECT value FROM json_each(:ids))')}"
        f" GROUP BY {who}"
        for _kind, table, who, when, cond in SOURCES
    )
    params: dict[str, object] = {"ids": json.dumps(ids)}
    if as_of is not None:
        params["as_of"] = as_of.isoformat()
    sql = f"SELECT person_id, max(d) FROM ({union}) WHERE d IS NOT NULL GROUP BY person_id"
    return {int(pid): str(latest) for pid, latest in conn.execute(sql, params)}


#: :func:`per_person_sql` without a date, for joins (the people list, exports).
LAST_CONTACT_SQL = per_person_sql()
