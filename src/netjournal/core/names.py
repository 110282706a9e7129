"""NAME -> person: an id, an exact name (case- and accent-insensitive) or a prefix."""

from __future__ import annotations

import re
import sqlite3
from typing import Any

from netjournal.errors import Ambiguous, InvalidInput, NotFound
from netjournal.i18n import _
from netjournal.text import fold

_ID = re.compile(r"#?(\d{1,18})")
_SPACE = re.compile(r"\s+")


def name_key(name: str) -> str:
    """Fold case, accents and spacing: 'José  Ávila' and 'jose avila' share a key."""
    return _SPACE.sub(" ", fold(name)).strip()


def last_first(name: str) -> str | None:
    """ "Santoso, Budi" -> "Budi Santoso" (the same name, written last name first); else None."""
    if name.count(",") != 1:
        return None
    last, first = (part.strip() for part in name.split(","))
    return f"{first} {last}" if first and last else None


def match_keys(name: str) -> list[str]:
    """The keys a name matches by: its own, and its "First Last" form if written "Last, First"."""
    keys = [name_key(name)]
    swapped = last_first(name)
    if swapped is not None and name_key(swapped) not in keys:
        keys.append(name_key(swapped))
    return keys


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _label(row: sqlite3.Row | dict[str, Any]) -> str:
    org = row["org"]
    suffix = f", {org}" if org else ""
    return f"{row['name']} (#{row['id']}{suffix})"


def _candidates(rows: list[sqlite3.Row]) -> list[dict[str, Any]]:
    return [{"id": r["id"], "name": r["name"], "org": r["org"]} for r in rows]


def parse_id(text: str) -> int | None:
    """``12`` or ``#12`` -> 12; anything else -> None."""
    match = _ID.fullmatch(text.strip())
    return int(match.group(1)) if match else None


def _by_id(conn: sqlite3.Connection, person_id: int, text: str) -> sqlite3.Row:
    row = conn.execute("SELECT id, name, org FROM people WHERE id = ?", (person_id,)).fetchone()
    if row is None:
        raise NotFound(_("No person with id #{id}").format(id=person_id))
    return row  # type: ignore[no-any-return]


def _ambiguous(text: str, rows: list[sqlite3.Row]) -> Ambiguous:
    shown = ", ".join(_label(r) for r in rows[:8])
    more = len(rows) - 8
    extra = _(" and {n} more").format(n=more) if more > 0 else ""
    return Ambiguous(
        _("'{name}' matches {n} people: {list}{extra}; use the id, e.g. '#{id}'").format(
            name=text, n=len(rows), list=shown, extra=extra, id=rows[0]["id"]
        ),
        _candidates(rows),
    )


def _check_text(text: str) -> str:
    key = name_key(text)
    if not key:
        raise InvalidInput(_("A name cannot be empty"))
    return key


def resolve(conn: sqlite3.Connection, text: str) -> sqlite3.Row:
    """Find one person by id, exact name or unambiguous prefix.

    Raises NotFound (with "did you mean") or Ambiguous (with the candidates).
    """
    person_id = parse_id(text)
    if person_id is not None:
        return _by_id(conn, person_id, text)
    key = _check_text(text)
    rows = conn.execute(
        "SELECT id, name, org FROM people WHERE name_key = ? ORDER BY id", (key,)
    ).fetchall()
    if len(rows) == 1:
        return rows[0]  # type: ignore[no-any-return]
    if rows:
        raise _ambiguous(text, rows)
    pattern = _like_escape(key) + "%"
    rows = conn.execute(
        "SELECT id, name, org FROM people WHERE name_key LIKE ? ESCAPE '\\' ORDER BY name_key, id",
        (pattern,),
    ).fetchall()
    if not rows:
        # A prefix of a later word: "Santoso" finds "Budi Santoso".
        rows = conn.execute(
            "SELECT id, name, org FROM people WHERE name_key LIKE ? ESCAPE '\\' "
            "ORDER BY name_key, id",
            ("% " + pattern,),
        ).fetchall()
    if len(rows) == 1:
        return rows[0]  # type: ignore[no-any-return]
    if rows:
        raise _ambiguous(text, rows)
    raise NotFound(_no_such(conn, text, key))


def sharing_the_name(conn: sqlite3.Connection, person: sqlite3.Row) -> list[sqlite3.Row]:
    """Other people whose names begin with this person's whole name ("Budi" -> Budi Santoso).

    Many people go by one name: when NAME is exactly "Budi" and Budi Santoso
    exists too, the caller asks (terminal) or says who else there is (pipe).
    """
    key = name_key(str(person["name"]))
    rows = conn.execute(
        "SELECT id, name, org FROM people WHERE name_key LIKE ? ESCAPE '\\' AND id <> ? "
        "ORDER BY name_key, id",
        (_like_escape(key) + " %", person["id"]),
    ).fetchall()
    return list(rows)


def _no_such(conn: sqlite3.Connection, text: str, key: str) -> str:
    import difflib

    people = conn.execute("SELECT id, name, org, name_key FROM people").fetchall()
    keys: dict[str, list[sqlite3.Row]] = {}
    for row in people:
        keys.setdefault(row["name_key"], []).append(row)
        for word in row["name_key"].split(" "):
            keys.setdefault(word, []).append(row)
    close = difflib.get_close_matches(key, list(keys), n=5, cutoff=0.6)
    seen: dict[int, sqlite3.Row] = {}
    for match in close:
        for row in keys[match]:
            seen.setdefault(row["id"], row)
    if not seen:
        return _("No person named '{name}'").format(name=text)
    names = ", ".join(_label(r) for r in list(seen.values())[:5])
    return _("No person named '{name}'; did you mean {names}?").format(name=text, names=names)


def find_exact(
    conn: sqlite3.Connection, text: str, email: str | None = None, *, email_only: bool = False
) -> sqlite3.Row | None:
    """The lookup of ``nj met`` and imports: ``#id``, exact name or email, never a prefix.

    Returns None when nobody matches (the caller creates the person).
    """
    person_id = parse_id(text)
    if person_id is not None and text.strip().startswith("#"):
        return _by_id(conn, person_id, text)
    if email:
        rows = conn.execute(
            "SELECT id, name, org FROM people WHERE lower(email) = lower(?) ORDER BY id",
            (email.strip(),),
        ).fetchall()
        if len(rows) == 1:
            return rows[0]  # type: ignore[no-any-return]
        if rows:
            raise _ambiguous(email, rows)
    if email_only:
        return None
    key = _check_text(text)
    rows = conn.execute(
        "SELECT id, name, org FROM people WHERE name_key = ? ORDER BY id", (key,)
    ).fetchall()
    if len(rows) == 1:
        return rows[0]  # type: ignore[no-any-return]
    if rows:
        raise _ambiguous(text, rows)
    return None
