"""``nj done REF``: act on any review item in one transaction (docs/review.md).

What "done" means depends on the record and its state:

============================  =====================================================
reference                     effect (``action``)
============================  =====================================================
``followup:ID``               the follow-up is done (``followup_done``)
``offer:ID``, a promise       the promise is kept (``promise_kept``)
``offer:ID``, awaited         what someone promised you arrived (``arrived``)
``offer:ID``, help given      you checked in after it: a contact (``checked_in``)
``offer:ID``, help received   you thanked them: a contact (``thanked``)
``need:ID``                   the need is met (``need_met``)
``intro:ID``                  you asked how it went: a contact (``checked_in``)
``person:ID``                 a contact is logged (``contact_logged``)
============================  =====================================================

A check-in, a thank-you and ``person:ID`` are logged interactions (kind
``message``): they are contacts, so they move the keep-in-touch clock and
settle the check-in rules like any contact. A note given with a follow-up is
logged as a contact too; with an offer or a need it is stored on the record.
Any snooze of the reference ends. Nothing here prints or reads the clock.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from netjournal.core import followups, needs, offers, people
from netjournal.core import snooze as snoozes
from netjournal.core.refs import Ref, check_exists
from netjournal.errors import Conflict, InvalidInput
from netjournal.i18n import _

#: The kind of interaction logged for a check-in, a thank-you or ``person:ID``.
CONTACT_KIND = "message"


@dataclass(frozen=True)
class DoneResult:
    ref: Ref
    #: followup_done, promise_kept, arrived, need_met, checked_in, thanked, contact_logged
    action: str
    person: dict[str, Any]
    on: date
    #: The interaction logged, when the action is a contact.
    interaction_id: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "ref": str(self.ref),
            "action": self.action,
            "person": self.person,
            "on": self.on.isoformat(),
            "interaction_id": self.interaction_id,
            **self.extra,
        }


def _person(conn: sqlite3.Connection, person_id: int) -> dict[str, Any]:
    row = conn.execute("SELECT id, name FROM people WHERE id = ?", (person_id,)).fetchone()
    return {"id": int(row[0]), "name": row[1]}


def _contact(
    conn: sqlite3.Connection, person_id: int, on: date, after: str, note: str, what: str
) -> int:
    """Log a contact on ``on``, which must be after ``after`` (ISO) to count as one."""
    if on.isoformat() <= after:
        raise InvalidInput(
            _("{what} was on {after}; a check-in must be on a later day, not {on}").format(
                what=what, after=after, on=on.isoformat()
            )
        )
    return people.add_interaction(conn, person_id, on=on, kind=CONTACT_KIND, note=note)


def _offer(conn: sqlite3.Connection, ref: Ref, on: date, note: str | None) -> DoneResult:
    row = conn.execute(
        "SELECT person_id, text, direction, status, done_on FROM offers WHERE id = ?", (ref.id,)
    ).fetchone()
    pid, text, direction, status, done_on = row
    who = _person(conn, pid)
    if status == "dropped":
        raise Conflict(_("Offer #{id} was dropped (on {on})").format(id=ref.id, on=done_on))
    if status == "promised":
        offers.complete_offer(conn, ref.id, on=on)
        if note is not None:
            conn.execute("UPDATE offers SET note = ? WHERE id = ?", (note.strip(), ref.id))
        action = "arrived" if direction == "received" else "promise_kept"
        return DoneResult(ref, action, who, on, extra={"offer": {"id": ref.id, "text": text}})
    if direction == "given":
        default, action = _("Checked in after: {text}").format(text=text), "checked_in"
    else:
        default, action = _("Thanked them for: {text}").format(text=text), "thanked"
    iid = _contact(conn, pid, on, done_on, note or default, _("Offer #{id}").format(id=ref.id))
    return DoneResult(ref, action, who, on, iid, {"offer": {"id": ref.id, "text": text}})


def _intro(conn: sqlite3.Connection, ref: Ref, on: date, note: str | None) -> DoneResult:
    row = conn.execute(
        "SELECT i.a_id, i.b_id, i.on_date, n.person_id FROM introductions i "
        "LEFT JOIN needs n ON n.id = i.need_id WHERE i.id = ?",
        (ref.id,),
    ).fetchone()
    a_id, b_id, on_date, need_person = row
    # The person the review asks (core/review_rules.py): the one with the need.
    pid = need_person if need_person in (a_id, b_id) else a_id
    other = _person(conn, b_id if pid == a_id else a_id)
    default = _("Asked how the introduction to {other} went").format(other=other["name"])
    what = _("Introduction #{id}").format(id=ref.id)
    iid = _contact(conn, pid, on, on_date, note or default, what)
    return DoneResult(ref, "checked_in", _person(conn, pid), on, iid)


def done(
    conn: sqlite3.Connection,
    ref: Ref,
    *,
    today: date,
    note: str | None = None,
    on: date | None = None,
) -> DoneResult:
    """Do what ``ref``'s review item asks, on ``on`` (default ``today``); see the module."""
    check_exists(conn, ref)
    when = on or today
    if when > today:
        raise InvalidInput(
            _("{on} is in the future; 'done' is for today or earlier").format(on=when.isoformat())
        )
    if ref.kind == "followup":
        followups.done_followup(conn, ref.id, on=when)
        pid = int(
            conn.execute("SELECT person_id FROM followups WHERE id = ?", (ref.id,)).fetchone()[0]
        )
        iid = None
        if note:
            iid = people.add_interaction(conn, pid, on=when, kind=CONTACT_KIND, note=note)
        result = DoneResult(ref, "followup_done", _person(conn, pid), when, iid)
    elif ref.kind == "offer":
        result = _offer(conn, ref, when, note)
    elif ref.kind == "need":
        needs.close_need(conn, ref.id, status="met", on=when, note=note)
        pid = int(conn.execute("SELECT person_id FROM needs WHERE id = ?", (ref.id,)).fetchone()[0])
        result = DoneResult(ref, "need_met", _person(conn, pid), when)
    elif ref.kind == "intro":
        result = _intro(conn, ref, when, note)
    else:
        default = _("Got in touch")
        iid = people.add_interaction(conn, ref.id, on=when, kind=CONTACT_KIND, note=note or default)
        result = DoneResult(ref, "contact_logged", _person(conn, ref.id), when, iid)
    snoozes.clear(conn, ref)
    return result
