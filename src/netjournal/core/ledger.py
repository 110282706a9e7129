"""The help ledger: needs, offers (both directions), introductions and follow-ups.

Core functions take an open connection inside the caller's write transaction
and plain values (dates already parsed, "today" passed in). They validate
everything before writing, raise domain errors (NotFound, Conflict,
InvalidInput) and return ids. The ``list_*`` and ``get_*`` functions return
JSON-ready dicts (docs/ledger.md, "JSON"): every item that concerns a person
names it as ``{"id": ..., "name": ...}``, dates are ISO strings.

Storage notes: help you *received* is an offer with ``direction='received'``,
status ``done`` and ``done_on = offered_on``. ``offers.done_on`` holds the date
an offer was closed, whether done or dropped (the status tells which).
"""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from typing import Any, Literal

from netjournal.core import people
from netjournal.errors import Conflict, InvalidInput, NotFound, UsageProblem
from netjournal.i18n import _
from netjournal.text import clean_text

NeedStatus = Literal["met", "dropped"]
OfferStatus = Literal["promised", "done", "dropped"]
Direction = Literal["given", "received"]

# --------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------


def parse_record_id(text: str, what: str) -> int:
    """``12`` or ``#12`` -> 12; anything else is a usage problem (exit 2)."""
    raw = text.strip()
    digits = raw[1:] if raw.startswith("#") else raw
    if not digits.isascii() or not digits.isdigit() or len(digits) > 18 or int(digits) == 0:
        raise UsageProblem(
            _("'{text}' is not an id; {what} ids are numbers such as 3 or #3").format(
                text=raw[:40], what=what
            )
        )
    return int(digits)


def _person(conn: sqlite3.Connection, person_id: int) -> sqlite3.Row:
    row = conn.execute("SELECT id, name FROM people WHERE id = ?", (person_id,)).fetchone()
    if row is None:
        raise NotFound(_("No person with id #{id}").format(id=person_id))
    return row  # type: ignore[no-any-return]


def _ref(person_id: Any, name: Any) -> dict[str, Any]:
    return {"id": int(person_id), "name": name}


def _label(row: sqlite3.Row | dict[str, Any]) -> str:
    return f"{row['name']} #{row['id']}"


def _item_text(text: str | None, field: str, *, required: bool = True) -> str | None:
    return clean_text(text, field, required=required)


def _not_before(when: date, start: str, message: str) -> None:
    if when.isoformat() < start:
        raise InvalidInput(message)


def _days(later: str | date, earlier: str | date) -> int:
    a = later if isinstance(later, date) else date.fromisoformat(later)
    b = earlier if isinstance(earlier, date) else date.fromisoformat(earlier)
    return (a - b).days


# --------------------------------------------------------------------------
# Needs
# --------------------------------------------------------------------------

_NEED_SQL = """
SELECT n.*, p.name AS person_name,
       (SELECT group_concat(i.id) FROM introductions i WHERE i.need_id = n.id) AS intro_ids
FROM needs n JOIN people p ON p.id = n.person_id
"""


def _need_record(row: sqlite3.Row) -> dict[str, Any]:
    intros = [int(x) for x in row["intro_ids"].split(",")] if row["intro_ids"] else []
    return {
        "id": int(row["id"]),
        "person": _ref(row["person_id"], row["person_name"]),
        "text": row["text"],
        "noted_on": row["noted_on"],
        "status": row["status"],
        "closed_on": row["closed_on"],
        "note": row["note"],
        "introductions": sorted(intros),
    }


def _need_row(conn: sqlite3.Connection, need_id: int) -> sqlite3.Row:
    row = conn.execute(_NEED_SQL + " WHERE n.id = ?", (need_id,)).fetchone()
    if row is None:
        raise NotFound(_("No need with id #{id} (see 'nj need list --all')").format(id=need_id))
    return row  # type: ignore[no-any-return]


def get_need(conn: sqlite3.Connection, need_id: int) -> dict[str, Any]:
    return _need_record(_need_row(conn, need_id))


def add_need(conn: sqlite3.Connection, person_id: int, text: str, noted_on: date) -> int:
    """Record what a person needs; returns the need's id."""
    _person(conn, person_id)
    _item_text(text, _("The need"))
    return people.add_need(conn, person_id, text, noted_on)


def close_need(
    conn: sqlite3.Connection, need_id: int, *, status: NeedStatus, on: date, note: str | None = None
) -> None:
    """Mark a need met (with how or by whom in ``note``) or dropped."""
    if status not in ("met", "dropped"):
        raise InvalidInput(
            _("A need is closed as 'met' or 'dropped', not '{status}'").format(status=status)
        )
    clean = _item_text(note, _("The note"), required=False)
    row = _need_row(conn, need_id)
    if row["status"] != "open":
        raise Conflict(
            _("Need #{id} is already {status} (since {on})").format(
                id=need_id, status=row["status"], on=row["closed_on"]
            )
        )
    _not_before(
        on,
        row["noted_on"],
        _("Need #{id} was noted on {noted}; it cannot be closed on {on}, before that").format(
            id=need_id, noted=row["noted_on"], on=on.isoformat()
        ),
    )
    conn.execute(
        "UPDATE needs SET status = ?, closed_on = ?, note = ? WHERE id = ?",
        (status, on.isoformat(), clean, need_id),
    )


def list_needs(
    conn: sqlite3.Connection, *, person_id: int | None = None, include_closed: bool = False
) -> list[dict[str, Any]]:
    """Needs, open ones first (oldest first), then closed ones (latest closed first)."""
    where: list[str] = []
    params: list[Any] = []
    if person_id is not None:
        where.append("n.person_id = ?")
        params.append(person_id)
    if not include_closed:
        where.append("n.status = 'open'")
    sql = (
        _NEED_SQL
        + (" WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY n.status <> 'open', "
        "CASE WHEN n.status = 'open' THEN n.noted_on END, "
        "CASE WHEN n.status = 'open' THEN n.id END, n.closed_on DESC, n.id DESC"
    )
    return [_need_record(r) for r in conn.execute(sql, params)]


# --------------------------------------------------------------------------
# Offers (help given, promised, or received)
# --------------------------------------------------------------------------

_OFFER_SQL = "SELECT o.*, p.name AS person_name FROM offers o JOIN people p ON p.id = o.person_id"


def _offer_record(row: sqlite3.Row, today: date | None = None) -> dict[str, Any]:
    status = row["status"]
    due = row["due_on"]
    days_overdue: int | None = None
    if today is not None and status == "promised" and due and due <= today.isoformat():
        days_overdue = _days(today, due)
    return {
        "id": int(row["id"]),
        "person": _ref(row["person_id"], row["person_name"]),
        "text": row["text"],
        "direction": row["direction"],
        "offered_on": row["offered_on"],
        "due_on": due,
        "status": status,
        "done_on": row["done_on"] if status == "done" else None,
        "dropped_on": row["done_on"] if status == "dropped" else None,
        "note": row["note"],
        "days_overdue": days_overdue,
    }


def _offer_row(conn: sqlite3.Connection, offer_id: int) -> sqlite3.Row:
    row = conn.execute(_OFFER_SQL + " WHERE o.id = ?", (offer_id,)).fetchone()
    if row is None:
        raise NotFound(_("No offer with id #{id} (see 'nj offer list')").format(id=offer_id))
    return row  # type: ignore[no-any-return]


def get_offer(conn: sqlite3.Connection, offer_id: int, today: date | None = None) -> dict[str, Any]:
    return _offer_record(_offer_row(conn, offer_id), today)


def add_offer(
    conn: sqlite3.Connection,
    person_id: int,
    text: str,
    *,
    offered_on: date,
    due_on: date | None = None,
    received: bool = False,
    done: bool = False,
    default_due_days: int = 7,
) -> int:
    """Record help: promised to someone (due ``default_due_days`` after ``offered_on``
    unless ``due_on``), already given (``done``), or received from them (``received``)."""
    _person(conn, person_id)
    clean = _item_text(text, _("The offer"))
    if due_on is not None and (received or done):
        raise InvalidInput(_("A due date is for promises; help already given or received has none"))
    when = offered_on.isoformat()
    if received:
        direction, status, due, done_on = "received", "done", None, when
    elif done:
        direction, status, due, done_on = "given", "done", None, when
    else:
        direction, status, done_on = "given", "promised", None
        if due_on is None:
            due_on = offered_on + timedelta(days=max(default_due_days, 0))
        if due_on < offered_on:
            raise InvalidInput(
                _("The promise is due on {due}, before it was made ({on})").format(
                    due=due_on.isoformat(), on=when
                )
            )
        due = due_on.isoformat()
    cur = conn.execute(
        "INSERT INTO offers (person_id, text, direction, offered_on, due_on, status, done_on) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (person_id, clean, direction, when, due, status, done_on),
    )
    return int(cur.lastrowid or 0)


def _open_offer(conn: sqlite3.Connection, offer_id: int, on: date, verb: str) -> sqlite3.Row:
    row = _offer_row(conn, offer_id)
    if row["direction"] == "received":
        raise Conflict(
            _("Offer #{id} is help you received from {who}; there is nothing to {verb}").format(
                id=offer_id,
                who=_label({"id": row["person_id"], "name": row["person_name"]}),
                verb=verb,
            )
        )
    if row["status"] != "promised":
        raise Conflict(
            _("Offer #{id} is already {status} (on {on})").format(
                id=offer_id, status=row["status"], on=row["done_on"]
            )
        )
    _not_before(
        on,
        row["offered_on"],
        _("Offer #{id} was made on {made}; it cannot be closed on {on}, before that").format(
            id=offer_id, made=row["offered_on"], on=on.isoformat()
        ),
    )
    return row


def complete_offer(conn: sqlite3.Connection, offer_id: int, *, on: date) -> None:
    """A promise kept: status done on ``on``."""
    _open_offer(conn, offer_id, on, _("complete"))
    conn.execute(
        "UPDATE offers SET status = 'done', done_on = ? WHERE id = ?", (on.isoformat(), offer_id)
    )


def drop_offer(conn: sqlite3.Connection, offer_id: int, *, on: date) -> None:
    """A promise you will not keep: status dropped on ``on`` (kept in ``done_on``)."""
    _open_offer(conn, offer_id, on, _("drop"))
    conn.execute(
        "UPDATE offers SET status = 'dropped', done_on = ? WHERE id = ?", (on.isoformat(), offer_id)
    )


def list_offers(
    conn: sqlite3.Connection,
    *,
    today: date,
    person_id: int | None = None,
    status: OfferStatus | None = None,
    direction: Direction | None = None,
) -> list[dict[str, Any]]:
    """Offers: open promises first (earliest due first), then the rest, latest first."""
    if status is not None and status not in ("promised", "done", "dropped"):
        raise InvalidInput(
            _("Status must be promised, done or dropped, not '{s}'").format(s=status)
        )
    where: list[str] = []
    params: list[Any] = []
    if person_id is not None:
        where.append("o.person_id = ?")
        params.append(person_id)
    if status is not None:
        where.append("o.status = ?")
        params.append(status)
    if direction is not None:
        where.append("o.direction = ?")
        params.append(direction)
    sql = (
        _OFFER_SQL
        + (" WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY o.status <> 'promised', "
        "CASE WHEN o.status = 'promised' THEN o.due_on END, "
        "coalesce(o.done_on, o.offered_on) DESC, o.id DESC"
    )
    return [_offer_record(r, today) for r in conn.execute(sql, params)]


# --------------------------------------------------------------------------
# Introductions
# --------------------------------------------------------------------------

_INTRO_SQL = """
SELECT i.*, pa.name AS a_name, pb.name AS b_name, n.text AS need_text,
       n.person_id AS need_person_id, pn.name AS need_person_name, n.status AS need_status
FROM introductions i
JOIN people pa ON pa.id = i.a_id
JOIN people pb ON pb.id = i.b_id
LEFT JOIN needs n ON n.id = i.need_id
LEFT JOIN people pn ON pn.id = n.person_id
"""


def _intro_record(row: sqlite3.Row) -> dict[str, Any]:
    need = None
    if row["need_id"] is not None and row["need_text"] is not None:
        need = {
            "id": int(row["need_id"]),
            "text": row["need_text"],
            "person": _ref(row["need_person_id"], row["need_person_name"]),
            "status": row["need_status"],
        }
    return {
        "id": int(row["id"]),
        "a": _ref(row["a_id"], row["a_name"]),
        "b": _ref(row["b_id"], row["b_name"]),
        "need": need,
        "on": row["on_date"],
        "note": row["note"],
        "outcome": row["outcome"],
        "outcome_on": row["outcome_on"],
    }


def _intro_row(conn: sqlite3.Connection, intro_id: int) -> sqlite3.Row:
    row = conn.execute(_INTRO_SQL + " WHERE i.id = ?", (intro_id,)).fetchone()
    if row is None:
        raise NotFound(_("No introduction with id #{id} (see 'nj intro list')").format(id=intro_id))
    return row  # type: ignore[no-any-return]


def get_intro(conn: sqlite3.Connection, intro_id: int) -> dict[str, Any]:
    return _intro_record(_intro_row(conn, intro_id))


def add_intro(
    conn: sqlite3.Connection,
    a_id: int,
    b_id: int,
    *,
    on: date,
    need_id: int | None = None,
    note: str | None = None,
) -> int:
    """Record that you introduced A and B, optionally to meet one of their needs."""
    clean = _item_text(note, _("The note"), required=False)
    a = _person(conn, a_id)
    b = _person(conn, b_id)
    if a_id == b_id:
        raise Conflict(_("Cannot introduce {who} to themself").format(who=_label(a)))
    if need_id is not None:
        need = _need_row(conn, need_id)
        if need["person_id"] not in (a_id, b_id):
            raise Conflict(
                _("Need #{id} belongs to {owner}, not to {a} or {b}").format(
                    id=need_id,
                    owner=_label({"id": need["person_id"], "name": need["person_name"]}),
                    a=_label(a),
                    b=_label(b),
                )
            )
        if need["status"] != "open":
            raise Conflict(
                _("Need #{id} is already {status} (since {on})").format(
                    id=need_id, status=need["status"], on=need["closed_on"]
                )
            )
    same = conn.execute(
        "SELECT id, on_date FROM introductions WHERE "
        "((a_id = :a AND b_id = :b) OR (a_id = :b AND b_id = :a)) AND need_id IS :n "
        "ORDER BY id LIMIT 1",
        {"a": a_id, "b": b_id, "n": need_id},
    ).fetchone()
    if same is not None:
        what = (
            _("for need #{id}").format(id=need_id) if need_id is not None else _("without a need")
        )
        raise Conflict(
            _("{a} and {b} were already introduced {what} on {on} (introduction #{id})").format(
                a=_label(a), b=_label(b), what=what, on=same["on_date"], id=same["id"]
            )
        )
    cur = conn.execute(
        "INSERT INTO introductions (a_id, b_id, need_id, on_date, note) VALUES (?, ?, ?, ?, ?)",
        (a_id, b_id, need_id, on.isoformat(), clean),
    )
    return int(cur.lastrowid or 0)


def set_outcome(
    conn: sqlite3.Connection, intro_id: int, text: str, *, on: date, replace: bool = False
) -> None:
    """Record what came of an introduction (``replace`` overwrites an earlier outcome)."""
    clean = _item_text(text, _("The outcome"))
    row = _intro_row(conn, intro_id)
    if row["outcome"] is not None and not replace:
        raise Conflict(
            _(
                "Introduction #{id} already has an outcome ({on}); use --replace to change it"
            ).format(id=intro_id, on=row["outcome_on"] or row["on_date"])
        )
    _not_before(
        on,
        row["on_date"],
        _("Introduction #{id} was made on {made}; its outcome cannot date from {on}").format(
            id=intro_id, made=row["on_date"], on=on.isoformat()
        ),
    )
    conn.execute(
        "UPDATE introductions SET outcome = ?, outcome_on = ? WHERE id = ?",
        (clean, on.isoformat(), intro_id),
    )


def list_intros(
    conn: sqlite3.Connection, *, person_id: int | None = None, need_id: int | None = None
) -> list[dict[str, Any]]:
    """Introductions, latest first."""
    where: list[str] = []
    params: dict[str, Any] = {}
    if person_id is not None:
        where.append("(i.a_id = :p OR i.b_id = :p)")
        params["p"] = person_id
    if need_id is not None:
        where.append("i.need_id = :n")
        params["n"] = need_id
    sql = (
        _INTRO_SQL
        + (" WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY i.on_date DESC, i.id DESC"
    )
    return [_intro_record(r) for r in conn.execute(sql, params)]


def intro_message(conn: sqlite3.Connection, intro_id: int) -> str:
    """A short, editable double opt-in introduction message (plain English text)."""
    intro = get_intro(conn, intro_id)

    def describe(person_id: int) -> tuple[str, str]:
        row = conn.execute(
            "SELECT name, org, role FROM people WHERE id = ?", (person_id,)
        ).fetchone()
        name = str(row["name"])
        first = name.split()[0] if name.split() else name
        about = ", ".join(x for x in (row["role"], row["org"]) if x)
        caps = [
            r[0]
            for r in conn.execute(
                "SELECT text FROM capabilities WHERE person_id = ? ORDER BY id LIMIT 2",
                (person_id,),
            )
        ]
        detail = name + (f" ({about})" if about else "")
        if caps:
            detail += _(", who can help with {what}").format(what="; ".join(caps))
        return first, detail

    a_first, a_detail = describe(intro["a"]["id"])
    b_first, b_detail = describe(intro["b"]["id"])
    lines = [
        _("Hi {a} and {b},").format(a=a_first, b=b_first),
        "",
        _("I'd like to introduce you to each other."),
        _("{a}, meet {b_detail}.").format(a=a_first, b_detail=b_detail),
        _("{b}, meet {a_detail}.").format(b=b_first, a_detail=a_detail),
    ]
    need = intro["need"]
    if need is not None:
        owner_is_a = need["person"]["id"] == intro["a"]["id"]
        owner, helper = (a_first, b_first) if owner_is_a else (b_first, a_first)
        lines += [
            "",
            _(
                "{owner}, you mentioned that you need: {need}. I think {helper} "
                "could help with that."
            ).format(owner=owner, need=need["text"], helper=helper),
        ]
    lines += [
        "",
        _(
            "If you'd both like to connect, just reply here and take it from there. "
            "If now isn't a good time, no problem at all."
        ),
        "",
        _("Best,"),
    ]
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------
# Follow-ups
# --------------------------------------------------------------------------

_FOLLOWUP_SQL = (
    "SELECT f.*, p.name AS person_name FROM followups f JOIN people p ON p.id = f.person_id"
)


def _followup_record(row: sqlite3.Row, today: date | None = None) -> dict[str, Any]:
    due = row["due_on"]
    status: str | None = None
    days_overdue: int | None = None
    due_in_days: int | None = None
    if row["done_on"]:
        status = "done"
    elif today is not None:
        delta = _days(today, due)
        if delta > 0:
            status, days_overdue = "overdue", delta
        elif delta == 0:
            status, days_overdue = "due", 0
        else:
            status, due_in_days = "upcoming", -delta
    return {
        "id": int(row["id"]),
        "person": _ref(row["person_id"], row["person_name"]),
        "due_on": due,
        "note": row["note"],
        "created_on": row["created_on"],
        "done_on": row["done_on"],
        "status": status,
        "days_overdue": days_overdue,
        "due_in_days": due_in_days,
    }


def _followup_row(conn: sqlite3.Connection, followup_id: int) -> sqlite3.Row:
    row = conn.execute(_FOLLOWUP_SQL + " WHERE f.id = ?", (followup_id,)).fetchone()
    if row is None:
        raise NotFound(
            _("No follow-up with id #{id} (see 'nj followup list')").format(id=followup_id)
        )
    return row  # type: ignore[no-any-return]


def get_followup(
    conn: sqlite3.Connection, followup_id: int, today: date | None = None
) -> dict[str, Any]:
    return _followup_record(_followup_row(conn, followup_id), today)


def add_followup(
    conn: sqlite3.Connection, person_id: int, *, due_on: date, note: str | None, created_on: date
) -> int:
    """An explicit reminder to get back to someone on ``due_on``."""
    _person(conn, person_id)
    clean = _item_text(note, _("The note"), required=False)
    cur = conn.execute(
        "INSERT INTO followups (person_id, due_on, note, created_on) VALUES (?, ?, ?, ?)",
        (person_id, due_on.isoformat(), clean, created_on.isoformat()),
    )
    return int(cur.lastrowid or 0)


def done_followup(conn: sqlite3.Connection, followup_id: int, *, on: date) -> None:
    """Close a follow-up (you got back to the person)."""
    row = _followup_row(conn, followup_id)
    if row["done_on"]:
        raise Conflict(
            _("Follow-up #{id} is already done (on {on})").format(id=followup_id, on=row["done_on"])
        )
    _not_before(
        on,
        row["created_on"],
        _("Follow-up #{id} was set on {made}; it cannot be done on {on}, before that").format(
            id=followup_id, made=row["created_on"], on=on.isoformat()
        ),
    )
    conn.execute("UPDATE followups SET done_on = ? WHERE id = ?", (on.isoformat(), followup_id))


def list_followups(
    conn: sqlite3.Connection,
    *,
    today: date,
    person_id: int | None = None,
    include_done: bool = False,
) -> list[dict[str, Any]]:
    """Open follow-ups by due date (most overdue first); with ``include_done`` the done
    ones follow, latest first."""
    where: list[str] = []
    params: list[Any] = []
    if person_id is not None:
        where.append("f.person_id = ?")
        params.append(person_id)
    if not include_done:
        where.append("f.done_on IS NULL")
    sql = (
        _FOLLOWUP_SQL
        + (" WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY f.done_on IS NOT NULL, CASE WHEN f.done_on IS NULL THEN f.due_on END, "
        "f.done_on DESC, f.id"
    )
    return [_followup_record(r, today) for r in conn.execute(sql, params)]
