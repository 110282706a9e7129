"""Referrals, what a relationship became, and the archive.

``people.referred_by`` says who sent a person to you; ``people.became`` what
the relationship became (customer, partner, supplier, friend) and since when;
``people.archived_on`` that a person is archived (moved away, passed away): no
reminders, no suggestions, history kept. Nothing here prints or reads the clock.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from typing import Any

from netjournal.db.schema import BECAME as BECAME
from netjournal.errors import Conflict, InvalidInput
from netjournal.i18n import _
from netjournal.text import clean_text


def became_label(code: str | None) -> str:
    """What a relationship became (``people.became``) in the interface language;
    JSON keeps the stored value. Unknown values are shown as they are."""
    labels = {
        "customer": _("customer"),
        "partner": _("partner"),
        "supplier": _("supplier"),
        "friend": _("friend"),
    }
    return labels.get(code or "", code or "")


def _name(conn: sqlite3.Connection, pid: int) -> str:
    row = conn.execute("SELECT name FROM people WHERE id = ?", (pid,)).fetchone()
    return str(row[0]) if row else f"#{pid}"


def set_via(conn: sqlite3.Connection, person_id: int, via_id: int | None) -> None:
    """Record who referred ``person_id`` (None clears); refuses a loop."""
    if via_id is not None:
        if via_id == person_id:
            raise Conflict(_("A person cannot be referred by themself"))
        seen: set[int] = {person_id}
        current: int | None = via_id
        while current is not None:
            if current in seen:
                raise Conflict(
                    _("{a} was (indirectly) referred by {b}: that would make a loop").format(
                        a=_name(conn, via_id), b=_name(conn, person_id)
                    )
                )
            seen.add(current)
            row = conn.execute("SELECT referred_by FROM people WHERE id = ?", (current,)).fetchone()
            current = row[0] if row else None
    conn.execute("UPDATE people SET referred_by = ? WHERE id = ?", (via_id, person_id))


def set_became(conn: sqlite3.Connection, person_id: int, became: str | None, on: date) -> None:
    """Record what the relationship became on ``on`` ('' or None clears)."""
    value = (became or "").strip().lower() or None
    if value is not None and value not in BECAME:
        raise InvalidInput(
            _("--became must be one of {choices} (got '{value}')").format(
                choices=", ".join(BECAME), value=value[:40]
            )
        )
    conn.execute(
        "UPDATE people SET became = ?, became_on = ? WHERE id = ?",
        (value, on.isoformat() if value else None, person_id),
    )


def archive(conn: sqlite3.Connection, person_id: int, on: date, note: str | None) -> None:
    """Archive a person (again: the date and note are replaced)."""
    conn.execute(
        "UPDATE people SET archived_on = ?, archive_note = ? WHERE id = ?",
        (on.isoformat(), clean_text(note, _("The note")), person_id),
    )


def unarchive(conn: sqlite3.Connection, person_id: int) -> bool:
    """Bring a person back; False when they were not archived."""
    cur = conn.execute(
        "UPDATE people SET archived_on = NULL, archive_note = NULL "
        "WHERE id = ? AND archived_on IS NOT NULL",
        (person_id,),
    )
    return cur.rowcount > 0


def archived_ids(conn: sqlite3.Connection, as_of: date | None = None) -> set[int]:
    """Who is archived (on or before ``as_of`` when given)."""
    if as_of is None:
        rows = conn.execute("SELECT id FROM people WHERE archived_on IS NOT NULL")
    else:
        rows = conn.execute(
            "SELECT id FROM people WHERE archived_on IS NOT NULL AND archived_on <= ?",
            (as_of.isoformat(),),
        )
    return {int(r[0]) for r in rows}


def card(conn: sqlite3.Connection, person_id: int) -> dict[str, Any]:
    """The referral and archive fields of a person's card."""
    row = conn.execute(
        "SELECT referred_by, became, became_on, archived_on, archive_note FROM people WHERE id = ?",
        (person_id,),
    ).fetchone()
    via = row[0]
    sent = [
        {"id": int(r[0]), "name": r[1]}
        for r in conn.execute(
            "SELECT id, name FROM people WHERE referred_by = ? ORDER BY id", (person_id,)
        )
    ]
    return {
        "referred_by": {"id": int(via), "name": _name(conn, int(via))} if via else None,
        "referred": sent,
        "became": row[1],
        "became_on": row[2],
        "archived_on": row[3],
        "archive_note": row[4],
    }


# -- nj report referrals -------------------------------------------------------------


def _chain(
    pid: int, children: dict[int, list[int]], people: dict[int, dict[str, Any]], depth: int = 0
) -> dict[str, Any]:
    kids = [] if depth > 50 else [_chain(c, children, people, depth + 1) for c in children[pid]]
    return {
        "id": pid,
        "name": people[pid]["name"],
        "became": people[pid]["became"],
        "sent": kids,
        "reach": len(kids) + sum(k["reach"] for k in kids),
    }


def walk_chain(chain: dict[str, Any], depth: int = 0) -> list[tuple[int, dict[str, Any]]]:
    """A chain of :func:`report` as (depth, node) pairs, the referrer first and
    each person before whom they sent (depth 0 is the chain's root)."""
    nodes = [(depth, chain)]
    for child in chain["sent"]:
        nodes += walk_chain(child, depth + 1)
    return nodes


def report(conn: sqlite3.Connection) -> dict[str, Any]:
    """Where the network came from: by person (with chains), by event, and the rest."""
    people = {
        int(r[0]): {"name": r[1], "via": r[2], "became": r[3]}
        for r in conn.execute("SELECT id, name, referred_by, became FROM people ORDER BY id")
    }
    children: dict[int, list[int]] = {pid: [] for pid in people}
    for pid, p in people.items():
        if p["via"] in children:
            children[p["via"]].append(pid)
    referrers = [pid for pid in people if children[pid]]
    by_person = [_chain(pid, children, people) for pid in referrers]
    by_person.sort(key=lambda c: (-c["reach"], -len(c["sent"]), c["name"]))
    roots = [c for c in by_person if people[c["id"]]["via"] is None]
    by_event = [
        {"id": int(r[0]), "name": r[1], "on": r[2], "people": int(r[3])}
        for r in conn.execute(
            "SELECT e.id, e.name, e.on_date, count(DISTINCT i.person_id) AS n FROM events e "
            "JOIN interactions i ON i.event_id = e.id AND i.kind = 'met' "
            "GROUP BY e.id ORDER BY n DESC, e.on_date, e.id"
        )
    ]
    at_event = {
        int(r[0])
        for r in conn.execute(
            "SELECT DISTINCT person_id FROM interactions WHERE event_id IS NOT NULL "
            "AND kind = 'met'"
        )
    }
    referred = {pid for pid, p in people.items() if p["via"] is not None}
    return {
        "people": len(people),
        "referred": len(referred),
        "met_at_events": len(at_event),
        "other": len(set(people) - referred - at_event),
        "by_person": [
            {"id": c["id"], "name": c["name"], "sent": len(c["sent"]), "reach": c["reach"]}
            for c in by_person
        ],
        "chains": [c for c in roots if c["reach"] > 1] or roots,
        "by_event": by_event,
    }
