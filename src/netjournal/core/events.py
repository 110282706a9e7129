"""Events: a name, a date and a place; the people met there and what came of it.

An event is found by its name (folded like a person's name) and its date:
the same name on the same date is the same event. Creating an event whose
name is close to one a few days away is refused (a typo in the name or the
date would silently split one event in two) unless the caller forces it.

"People met at an event" are the people with a ``met`` interaction linked to
it (``interactions.event_id``). Nothing here prints or reads the clock.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date, timedelta
from difflib import SequenceMatcher
from typing import Any

from netjournal.core import names
from netjournal.errors import Ambiguous, Conflict, InvalidInput, NotFound
from netjournal.i18n import _
from netjournal.text import clean_line

#: How many days apart two events with close names count as "nearby".
NEARBY_DAYS = 3
#: How alike two folded names must be to count as "close" (difflib ratio).
CLOSE_NAMES = 0.75
#: Followed up "within 7 days" of the event.
FOLLOW_UP_DAYS = 7


@dataclass(frozen=True)
class EventRef:
    id: int
    name: str
    on: str
    place: str | None

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "on": self.on, "place": self.place}

    def label(self) -> str:
        return f"{self.name} ({self.on}) #{self.id}"


def _ref(row: Any) -> EventRef:
    return EventRef(int(row[0]), str(row[1]), str(row[2]), row[3])


_COLUMNS = "id, name, on_date, place"


def _clean_name(name: str) -> str:
    clean = clean_line(name, _("The event name"), max_len=200)
    if not clean:
        raise InvalidInput(_("The event name cannot be empty"))
    return clean


def get(conn: sqlite3.Connection, event_id: int) -> EventRef:
    row = conn.execute(f"SELECT {_COLUMNS} FROM events WHERE id = ?", (event_id,)).fetchone()
    if row is None:
        raise NotFound(_("No event with id #{id}").format(id=event_id))
    return _ref(row)


def find(conn: sqlite3.Connection, name: str, on: date) -> EventRef | None:
    """The event of that name on that day, if any."""
    row = conn.execute(
        f"SELECT {_COLUMNS} FROM events WHERE name_key = ? AND on_date = ?",
        (names.name_key(name), on.isoformat()),
    ).fetchone()
    return _ref(row) if row else None


def nearby(conn: sqlite3.Connection, name: str, on: date) -> list[EventRef]:
    """Events with a close name within :data:`NEARBY_DAYS` days of ``on``."""
    key = names.name_key(name)
    lo = (on - timedelta(days=NEARBY_DAYS)).isoformat()
    hi = (on + timedelta(days=NEARBY_DAYS)).isoformat()
    out = []
    for row in conn.execute(
        f"SELECT {_COLUMNS}, name_key FROM events WHERE on_date BETWEEN ? AND ? "
        "ORDER BY on_date, id",
        (lo, hi),
    ):
        other = str(row[4])
        if other == key or (
            _digits(other) == _digits(key)  # "Event 1" and "Event 2" are two events
            and SequenceMatcher(None, key, other).ratio() >= CLOSE_NAMES
        ):
            out.append(_ref(row))
    return out


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


def add(
    conn: sqlite3.Connection,
    name: str,
    on: date,
    *,
    today: date,
    place: str | None = None,
    new_event: bool = False,
) -> tuple[EventRef, bool]:
    """The event ``name`` on ``on``, created when needed; (event, created).

    Raises :class:`Conflict` naming the events nearby when the name is close
    to one a few days away, unless ``new_event``.
    """
    clean = _clean_name(name)
    found = find(conn, clean, on)
    if found is not None:
        if place and not found.place:
            conn.execute("UPDATE events SET place = ? WHERE id = ?", (place, found.id))
            found = get(conn, found.id)
        return found, False
    close = [] if new_event else nearby(conn, clean, on)
    if close:
        raise Conflict(
            _(
                "'{name}' on {on} looks like an event you already have: {events}; "
                "use --at '#ID' for one of them, or --new-event to add a new one"
            ).format(name=clean, on=on.isoformat(), events="; ".join(e.label() for e in close))
        )
    cur = conn.execute(
        "INSERT INTO events (name, name_key, on_date, place, created_on) VALUES (?, ?, ?, ?, ?)",
        (
            clean,
            names.name_key(clean),
            on.isoformat(),
            clean_line(place, _("The place")),
            today.isoformat(),
        ),
    )
    return get(conn, int(cur.lastrowid or 0)), True


def resolve(conn: sqlite3.Connection, text: str) -> EventRef:
    """EVENT -> event: ``#id``, an exact name, or a name prefix; the latest date wins
    only when one event has that name."""
    raw = text.strip()
    if raw.startswith("#") and raw[1:].isdigit():
        return get(conn, int(raw[1:]))
    key = names.name_key(raw)
    if not key:
        raise InvalidInput(_("The event name cannot be empty"))
    rows = conn.execute(
        f"SELECT {_COLUMNS} FROM events WHERE name_key = ? ORDER BY on_date, id", (key,)
    ).fetchall()
    if not rows:
        like = key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        rows = conn.execute(
            f"SELECT {_COLUMNS} FROM events WHERE name_key LIKE ? ESCAPE '\\' ORDER BY on_date, id",
            (like,),
        ).fetchall()
    if not rows:
        raise NotFound(_("No event matches '{text}' (see 'nj event list')").format(text=raw[:60]))
    if len(rows) > 1:
        found = [_ref(r) for r in rows]
        raise Ambiguous(
            _("'{text}' matches several events: {events}; use #ID").format(
                text=raw[:60], events="; ".join(e.label() for e in found[:8])
            ),
            [e.to_json() for e in found],
        )
    return _ref(rows[0])


def edit(
    conn: sqlite3.Connection,
    event_id: int,
    *,
    name: str | None = None,
    on: date | None = None,
    place: str | None = None,
) -> EventRef:
    """Rename, move or re-place an event ('' clears the place)."""
    current = get(conn, event_id)
    new_name = _clean_name(name) if name is not None else current.name
    new_on = on.isoformat() if on is not None else current.on
    clash = conn.execute(
        "SELECT id FROM events WHERE name_key = ? AND on_date = ? AND id <> ?",
        (names.name_key(new_name), new_on, event_id),
    ).fetchone()
    if clash:
        raise Conflict(
            _("Event #{id} already has that name and date; use 'nj event merge'").format(
                id=clash[0]
            )
        )
    new_place = current.place if place is None else clean_line(place, _("The place"))
    conn.execute(
        "UPDATE events SET name = ?, name_key = ?, on_date = ?, place = ? WHERE id = ?",
        (new_name, names.name_key(new_name), new_on, new_place, event_id),
    )
    return get(conn, event_id)


def merge(conn: sqlite3.Connection, keep_id: int, dup_id: int) -> int:
    """Fold event ``dup_id`` into ``keep_id``; returns how many interactions moved."""
    if keep_id == dup_id:
        raise Conflict(_("Cannot merge an event into itself"))
    keep, dup = get(conn, keep_id), get(conn, dup_id)
    moved = conn.execute(
        "UPDATE interactions SET event_id = ?, event = ? WHERE event_id = ?",
        (keep.id, keep.name, dup.id),
    ).rowcount
    if dup.place and not keep.place:
        conn.execute("UPDATE events SET place = ? WHERE id = ?", (dup.place, keep.id))
    conn.execute("DELETE FROM events WHERE id = ?", (dup.id,))
    return int(moved)


def link(conn: sqlite3.Connection, interaction_id: int, event: EventRef) -> None:
    conn.execute(
        "UPDATE interactions SET event_id = ?, event = ? WHERE id = ?",
        (event.id, event.name, interaction_id),
    )


# -- what came of an event ---------------------------------------------------------

_MET = "SELECT DISTINCT person_id FROM interactions WHERE event_id = :e AND kind = 'met'"
_STATS = f"""
SELECT
  (SELECT count(*) FROM ({_MET})),
  (SELECT count(*) FROM ({_MET}) m WHERE
     EXISTS (SELECT 1 FROM interactions i WHERE i.person_id = m.person_id
             AND i.on_date > :on AND i.on_date <= :end AND coalesce(i.event_id, 0) <> :e)
     OR EXISTS (SELECT 1 FROM offers o WHERE o.person_id = m.person_id
             AND (o.offered_on > :on AND o.offered_on <= :end
                  OR o.done_on > :on AND o.done_on <= :end))
     OR EXISTS (SELECT 1 FROM introductions t WHERE m.person_id IN (t.a_id, t.b_id)
             AND t.on_date > :on AND t.on_date <= :end)
     OR EXISTS (SELECT 1 FROM followups f WHERE f.person_id = m.person_id
             AND f.done_on > :on AND f.done_on <= :end)),
  (SELECT count(*) FROM needs n WHERE n.person_id IN ({_MET}) AND n.noted_on = :on),
  (SELECT count(*) FROM introductions t WHERE t.on_date >= :on
     AND (t.a_id IN ({_MET}) OR t.b_id IN ({_MET}))),
  (SELECT count(*) FROM offers o WHERE o.person_id IN ({_MET}) AND o.direction = 'given'
     AND o.status = 'done' AND o.done_on >= :on)
"""


def summary(conn: sqlite3.Connection, event: EventRef) -> dict[str, Any]:
    """One event with its counts (the JSON of ``nj event list``)."""
    on = date.fromisoformat(event.on)
    end = (on + timedelta(days=FOLLOW_UP_DAYS)).isoformat()
    met, followed, needs, intros, given = conn.execute(
        _STATS, {"e": event.id, "on": event.on, "end": end}
    ).fetchone()
    return {
        **event.to_json(),
        "met": int(met),
        "followed_up_7d": int(followed),
        "needs": int(needs),
        "introductions": int(intros),
        "help_given": int(given),
    }


def follow_up_rate(record: dict[str, Any]) -> float | None:
    """The share of the people met who were followed up within 7 days."""
    return round(record["followed_up_7d"] / record["met"], 2) if record["met"] else None


def list_events(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Every event with its counts, latest first."""
    rows = conn.execute(f"SELECT {_COLUMNS} FROM events ORDER BY on_date DESC, id DESC")
    return [summary(conn, _ref(r)) for r in rows.fetchall()]


def show(conn: sqlite3.Connection, event: EventRef) -> dict[str, Any]:
    """An event, its counts and the people met there (with who referred them)."""
    record = summary(conn, event)
    record["follow_up_rate"] = follow_up_rate(record)
    record["people"] = [
        {"id": int(r[0]), "name": r[1], "note": r[2]}
        for r in conn.execute(
            "SELECT p.id, p.name, min(i.note) FROM interactions i JOIN people p "
            "ON p.id = i.person_id WHERE i.event_id = ? AND i.kind = 'met' "
            "GROUP BY p.id ORDER BY p.name_key, p.id",
            (event.id,),
        )
    ]
    record["contacts"] = int(
        conn.execute(
            "SELECT count(*) FROM interactions WHERE event_id = ? AND kind <> 'met'", (event.id,)
        ).fetchone()[0]
    )
    return record
