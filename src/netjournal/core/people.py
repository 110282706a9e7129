"""People and interactions: the after-event capture, logging, editing, merging.

Core functions take an open connection inside the caller's transaction and
plain values (dates already parsed); they return data and never print.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from netjournal.core import birthdays, holiday_dates, names
from netjournal.db.schema import KINDS as KINDS
from netjournal.errors import Conflict, InvalidInput, NotFound
from netjournal.i18n import _
from netjournal.text import clean_line, clean_name, clean_tag, clean_text

EDITABLE = (
    "name",
    "org",
    "role",
    "email",
    "phone",
    "notes",
    "met_at",
    "met_on",
    "every",
    "birthday",
    "celebrates",
)


def _email(value: str | None) -> str | None:
    email = clean_line(value, _("The email"))
    if email is not None and ("@" not in email or " " in email):
        raise InvalidInput(_("'{email}' is not an email address").format(email=email[:60]))
    return email


@dataclass
class MetResult:
    person_id: int
    name: str
    created: bool
    interaction_id: int
    need_ids: list[int] = field(default_factory=list)
    capability_ids: list[int] = field(default_factory=list)
    #: Needs given again that were already open (not added twice).
    already_open: list[int] = field(default_factory=list)


def insert_person(
    conn: sqlite3.Connection,
    *,
    today: date,
    name: str,
    org: str | None = None,
    role: str | None = None,
    email: str | None = None,
    phone: str | None = None,
    notes: str | None = None,
    every: str | None = None,
    met_at: str | None = None,
    met_on: date | None = None,
    tags: list[str] | None = None,
) -> int:
    """Insert a new person (validated) and their tags; returns the id."""
    clean = clean_name(name)
    cur = conn.execute(
        "INSERT INTO people (name, name_key, org, role, email, phone, notes, every, met_at, "
        "met_on, created_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            clean,
            names.name_key(clean),
            clean_line(org, _("The organisation")),
            clean_line(role, _("The role")),
            _email(email),
            clean_line(phone, _("The phone number"), max_len=40),
            clean_text(notes, _("The note")),
            every,
            clean_line(met_at, _("The event")),
            met_on.isoformat() if met_on else None,
            today.isoformat(),
        ),
    )
    person_id = int(cur.lastrowid or 0)
    add_tags(conn, person_id, tags or [])
    return person_id


def add_tags(conn: sqlite3.Connection, person_id: int, tags: list[str]) -> None:
    for tag in tags:
        conn.execute(
            "INSERT OR IGNORE INTO tags (person_id, tag) VALUES (?, ?)",
            (person_id, clean_tag(tag)),
        )


def open_need_like(conn: sqlite3.Connection, person_id: int, text: str) -> int | None:
    """The id of this person's open need with the same text (case and spacing aside)."""
    key = names.name_key(text)
    for row in conn.execute(
        "SELECT id, text FROM needs WHERE person_id = ? AND status = 'open' ORDER BY id",
        (person_id,),
    ):
        if names.name_key(row["text"]) == key:
            return int(row["id"])
    return None


def add_need(conn: sqlite3.Connection, person_id: int, text: str, noted_on: date) -> int:
    clean = clean_text(text, _("The need"), required=True)
    cur = conn.execute(
        "INSERT INTO needs (person_id, text, noted_on) VALUES (?, ?, ?)",
        (person_id, clean, noted_on.isoformat()),
    )
    return int(cur.lastrowid or 0)


def add_capability(conn: sqlite3.Connection, person_id: int, text: str, noted_on: date) -> int:
    clean = clean_text(text, _("What they can help with"), required=True, max_len=2000)
    existing = conn.execute(
        "SELECT id FROM capabilities WHERE person_id = ? AND lower(text) = lower(?)",
        (person_id, clean),
    ).fetchone()
    if existing:
        return int(existing[0])
    cur = conn.execute(
        "INSERT INTO capabilities (person_id, text, noted_on) VALUES (?, ?, ?)",
        (person_id, clean, noted_on.isoformat()),
    )
    return int(cur.lastrowid or 0)


def add_interaction(
    conn: sqlite3.Connection,
    person_id: int,
    *,
    on: date,
    kind: str,
    note: str | None = None,
    event: str | None = None,
) -> int:
    if kind not in KINDS:
        raise InvalidInput(
            _("Unknown kind '{kind}'; use one of {kinds}").format(kind=kind, kinds=", ".join(KINDS))
        )
    cur = conn.execute(
        "INSERT INTO interactions (person_id, on_date, kind, event, note) VALUES (?, ?, ?, ?, ?)",
        (
            person_id,
            on.isoformat(),
            kind,
            clean_line(event, _("The event")),
            clean_text(note, _("The note")),
        ),
    )
    return int(cur.lastrowid or 0)


def met(
    conn: sqlite3.Connection,
    *,
    today: date,
    name: str,
    on: date,
    at: str | None = None,
    org: str | None = None,
    role: str | None = None,
    email: str | None = None,
    phone: str | None = None,
    tags: list[str] | None = None,
    needs: list[str] | None = None,
    can: list[str] | None = None,
    note: str | None = None,
    every: str | None = None,
) -> MetResult:
    """The after-event capture: find or create the person, log the meeting, add the rest."""
    row = None
    if email is None and "@" in name and " " not in name.strip():
        # NAME may be an e-mail address (as documented): find them by it.
        row = names.find_exact(conn, name, _email(name.strip()), email_only=True)
    if row is None:
        row = names.find_exact(conn, name, _email(email))
    created = row is None
    if row is None:
        person_id = insert_person(
            conn,
            today=today,
            name=name,
            org=org,
            role=role,
            email=email,
            phone=phone,
            every=every,
            met_at=at,
            met_on=on,
            tags=tags,
        )
    else:
        person_id = int(row["id"])
        updates: dict[str, Any] = {}
        current = conn.execute("SELECT * FROM people WHERE id = ?", (person_id,)).fetchone()
        for key, value in (("org", org), ("role", role), ("email", email), ("phone", phone)):
            if value is not None and value.strip():
                updates[key] = value
        if every is not None:
            updates["every"] = every
        if current["met_on"] is None or current["met_on"] > on.isoformat():
            updates["met_on"] = on
            if at:
                updates["met_at"] = at
        if updates:
            update_person(conn, person_id, updates)
        add_tags(conn, person_id, tags or [])
    interaction_id = add_interaction(conn, person_id, on=on, kind="met", note=note, event=at)
    need_ids: list[int] = []
    already_open: list[int] = []
    for text in needs or []:
        same = open_need_like(conn, person_id, text)
        if same is not None:
            already_open.append(same)
        else:
            need_ids.append(add_need(conn, person_id, text, on))
    capability_ids = [add_capability(conn, person_id, text, on) for text in can or []]
    person_name = conn.execute("SELECT name FROM people WHERE id = ?", (person_id,)).fetchone()[0]
    return MetResult(
        person_id, person_name, created, interaction_id, need_ids, capability_ids, already_open
    )


def update_person(conn: sqlite3.Connection, person_id: int, updates: dict[str, Any]) -> None:
    """Change fields of a person; ``None`` clears an optional field."""
    assignments: list[str] = []
    values: list[Any] = []
    for key, value in updates.items():
        if key not in EDITABLE:
            raise InvalidInput(_("Unknown field '{key}'").format(key=key))
        if key == "name":
            clean = clean_name(value)
            assignments += ["name = ?", "name_key = ?"]
            values += [clean, names.name_key(clean)]
            continue
        if isinstance(value, date):
            value = value.isoformat()
        elif key == "email":
            value = _email(value)
        elif key == "notes":
            value = clean_text(value, _("The note"))
        elif key == "phone":
            value = clean_line(value, _("The phone number"), max_len=40)
        elif key in ("org", "role", "met_at"):
            value = clean_line(value, key)
        elif key == "birthday" and value is not None:
            value = birthdays.parse(value)
        elif key == "celebrates" and value is not None:
            value = holiday_dates.parse_codes(value)
        assignments.append(f"{key} = ?")
        values.append(value)
    if assignments:
        conn.execute(
            f"UPDATE people SET {', '.join(assignments)} WHERE id = ?", (*values, person_id)
        )


def remove_tags(conn: sqlite3.Connection, person_id: int, tags: list[str]) -> None:
    for tag in tags:
        conn.execute(
            "DELETE FROM tags WHERE person_id = ? AND tag = ?", (person_id, clean_tag(tag))
        )


def delete_person(conn: sqlite3.Connection, person_id: int) -> dict[str, int]:
    """Delete a person and everything about them (cascades); returns what went."""
    counts = record_counts(conn, person_id)
    events = [
        r[0]
        for r in conn.execute(
            "SELECT DISTINCT event_id FROM interactions WHERE person_id = ? "
            "AND event_id IS NOT NULL",
            (person_id,),
        )
    ]
    if conn.execute("DELETE FROM people WHERE id = ?", (person_id,)).rowcount == 0:
        raise NotFound(_("No person with id #{id}").format(id=person_id))
    # An event only they were at goes with them (its name may say who they were).
    for event_id in events:
        conn.execute(
            "DELETE FROM events WHERE id = ? AND NOT EXISTS "
            "(SELECT 1 FROM interactions WHERE event_id = ?)",
            (event_id, event_id),
        )
    return counts


def record_counts(conn: sqlite3.Connection, person_id: int) -> dict[str, int]:
    def one(sql: str) -> int:
        return int(conn.execute(sql, (person_id,) * sql.count("?")).fetchone()[0])

    return {
        "interactions": one("SELECT count(*) FROM interactions WHERE person_id = ?"),
        "needs": one("SELECT count(*) FROM needs WHERE person_id = ?"),
        "capabilities": one("SELECT count(*) FROM capabilities WHERE person_id = ?"),
        "offers": one("SELECT count(*) FROM offers WHERE person_id = ?"),
        "introductions": one("SELECT count(*) FROM introductions WHERE a_id = ? OR b_id = ?"),
        "followups": one("SELECT count(*) FROM followups WHERE person_id = ?"),
    }


def merge(conn: sqlite3.Connection, keep_id: int, dup_id: int) -> dict[str, int]:
    """Fold ``dup_id`` into ``keep_id``: move all records, fill empty fields, delete dup."""
    if keep_id == dup_id:
        raise Conflict(_("Cannot merge a person into themself"))
    keep = conn.execute("SELECT * FROM people WHERE id = ?", (keep_id,)).fetchone()
    dup = conn.execute("SELECT * FROM people WHERE id = ?", (dup_id,)).fetchone()
    if keep is None or dup is None:
        raise NotFound(_("No person with id #{id}").format(id=keep_id if keep is None else dup_id))
    moved = record_counts(conn, dup_id)
    for table in ("interactions", "needs", "capabilities", "offers", "followups"):
        conn.execute(f"UPDATE {table} SET person_id = ? WHERE person_id = ?", (keep_id, dup_id))
    # An introduction between the two becomes meaningless: drop it.
    conn.execute(
        "DELETE FROM introductions WHERE (a_id = ? AND b_id = ?) OR (a_id = ? AND b_id = ?)",
        (keep_id, dup_id, dup_id, keep_id),
    )
    conn.execute("UPDATE introductions SET a_id = ? WHERE a_id = ?", (keep_id, dup_id))
    conn.execute("UPDATE introductions SET b_id = ? WHERE b_id = ?", (keep_id, dup_id))
    conn.execute(
        "INSERT OR IGNORE INTO tags (person_id, tag) SELECT ?, tag FROM tags WHERE person_id = ?",
        (keep_id, dup_id),
    )
    # Duplicate capabilities collapse to one.
    conn.execute(
        "DELETE FROM capabilities WHERE person_id = ? AND id NOT IN "
        "(SELECT min(id) FROM capabilities WHERE person_id = ? GROUP BY lower(text))",
        (keep_id, keep_id),
    )
    fills = _merged_fields(keep, dup)
    if fills:
        update_person(conn, keep_id, fills)
    _merge_referrals(conn, keep_id, dup_id)
    conn.execute("DELETE FROM people WHERE id = ?", (dup_id,))
    return moved


def _merge_referrals(conn: sqlite3.Connection, keep_id: int, dup_id: int) -> None:
    """Whom the duplicate sent you now came from the person kept (issue 15)."""
    conn.execute(
        "UPDATE people SET referred_by = ? WHERE referred_by = ? AND id <> ?",
        (keep_id, dup_id, keep_id),
    )
    conn.execute(
        "UPDATE people SET referred_by = NULL WHERE id = ? AND referred_by = ?", (keep_id, dup_id)
    )
    conn.execute(
        "UPDATE people SET referred_by = coalesce(referred_by, (SELECT referred_by FROM people "
        "WHERE id = :d AND referred_by <> :k)), became = coalesce(became, (SELECT became "
        "FROM people WHERE id = :d)), became_on = coalesce(became_on, (SELECT became_on "
        "FROM people WHERE id = :d)) WHERE id = :k",
        {"k": keep_id, "d": dup_id},
    )


def _merged_fields(keep: sqlite3.Row, dup: sqlite3.Row) -> dict[str, Any]:
    """What ``keep`` takes from ``dup``: empty fields filled, the earliest "met", and the
    conflicting values and notes of ``dup`` kept in the notes (nothing is lost)."""
    fills: dict[str, Any] = {}
    conflicts: list[str] = []
    for key in ("org", "role", "email", "phone", "every", "met_at"):
        if not keep[key] and dup[key]:
            fills[key] = dup[key]
        elif keep[key] and dup[key] and str(keep[key]).casefold() != str(dup[key]).casefold():
            conflicts.append(f"{key}: {dup[key]}")
    if dup["met_on"] and (not keep["met_on"] or dup["met_on"] < keep["met_on"]):
        fills["met_on"] = dup["met_on"]
        if dup["met_at"]:
            fills["met_at"] = dup["met_at"]
            if keep["met_at"] and keep["met_at"] != dup["met_at"]:
                conflicts = [c for c in conflicts if not c.startswith("met_at:")]
                conflicts.append(f"met_at: {keep['met_at']} ({keep['met_on']})")
    extra: list[str] = []
    if conflicts:
        extra.append(
            _("Merged from {name} #{id}: {values}").format(
                name=dup["name"], id=dup["id"], values="; ".join(conflicts)
            )
        )
    if dup["notes"]:
        extra.append(dup["notes"])
    if extra:
        fills["notes"] = "\n".join([keep["notes"], *extra] if keep["notes"] else extra)
    return fills


def close_open_followups(
    conn: sqlite3.Connection, person_id: int, on: date, ids: list[int] | None = None
) -> list[int]:
    """Mark a person's open follow-ups done on ``on``; their ids, in id order.

    Without ``ids``: those due on or before ``on`` (a later one is still to do).
    With ``ids``: exactly those, which must be this person's open follow-ups.
    """
    if ids is None:
        found = [
            int(r[0])
            for r in conn.execute(
                "SELECT id FROM followups WHERE person_id = ? AND done_on IS NULL "
                "AND due_on <= ? ORDER BY id",
                (person_id, on.isoformat()),
            )
        ]
    else:
        found = sorted(set(ids))
        for fid in found:
            row = conn.execute(
                "SELECT person_id, done_on FROM followups WHERE id = ?", (fid,)
            ).fetchone()
            if row is None or row["person_id"] != person_id:
                raise NotFound(
                    _("No follow-up #{id} for this person (see 'nj followup list')").format(id=fid)
                )
            if row["done_on"] is not None:
                raise Conflict(
                    _("Follow-up #{id} was already done on {on}").format(id=fid, on=row["done_on"])
                )
    conn.executemany(
        "UPDATE followups SET done_on = ? WHERE id = ?", [(on.isoformat(), fid) for fid in found]
    )
    return found


def refuse_duplicate(conn: sqlite3.Connection, name: str, *, but: int | None = None) -> None:
    """A Conflict when someone (other than ``but``) already has exactly this name."""
    key = names.name_key(name)
    rows = [
        r
        for r in conn.execute(
            "SELECT id, name FROM people WHERE name_key = ? ORDER BY id", (key,)
        ).fetchall()
        if r["id"] != but
    ]
    if not rows:
        return
    ids = ", ".join(f"#{r['id']}" for r in rows)
    raise Conflict(
        _(
            "{name} is already in the journal as {ids}; use "
            "--allow-duplicate to have another person with that name"
        ).format(name=rows[0]["name"], ids=ids)
    )


def count_people(conn: sqlite3.Connection) -> int:
    """How many people the journal holds."""
    return int(conn.execute("SELECT count(*) FROM people").fetchone()[0])
