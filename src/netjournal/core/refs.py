"""References to the records behind review items (``followup:12``, ``person:5``...).

A :class:`Ref` is a kind and a record id. Every item of the review and of
``nj due`` names one (docs/review.md, "References and actions"), and
``nj done`` / ``nj snooze`` take one. :func:`parse_ref` reads the text form
(a malformed reference is a usage problem, exit 2); :func:`check_exists`
says whether the record is there (a missing one is "not found", exit 1).
:func:`actions` gives the exact command lines that act on an item.
"""

from __future__ import annotations

import shlex
import sqlite3
from dataclasses import dataclass
from typing import Any

from netjournal.errors import NotFound, UsageProblem
from netjournal.i18n import _

#: The kinds of reference, and the table each names.
TABLES = {
    "followup": "followups",
    "need": "needs",
    "offer": "offers",
    "intro": "introductions",
    "person": "people",
}
#: Other spellings accepted on the command line.
ALIASES = {
    "follow-up": "followup",
    "follow_up": "followup",
    "introduction": "intro",
    "p": "person",
}
#: The kind of reference of each review reason.
KIND_OF_REASON = {
    "follow_up": "followup",
    "keep_in_touch": "person",
    "fresh_contact": "person",
    "open_need": "need",
    "promise": "offer",
    "check_in_help": "offer",
    "check_in_intro": "intro",
    "thank": "offer",
    "waiting_on": "offer",
    "thank_referrer": "person",
    "reconnect": "person",
}


@dataclass(frozen=True, order=True)
class Ref:
    kind: str
    id: int

    def __str__(self) -> str:
        return f"{self.kind}:{self.id}"


def parse_ref(text: str) -> Ref:
    """``followup:12`` -> Ref('followup', 12); anything else is a usage problem (exit 2)."""
    raw = text.strip()
    kind, sep, digits = raw.partition(":")
    kind = ALIASES.get(kind.strip().lower(), kind.strip().lower())
    digits = digits.strip().removeprefix("#")
    if (
        not sep
        or kind not in TABLES
        or not digits.isascii()
        or not digits.isdigit()
        or len(digits) > 18
        or int(digits) == 0
    ):
        raise UsageProblem(
            _(
                "'{text}' is not a reference; write KIND:ID, e.g. followup:12, need:7, "
                "offer:3, intro:4 or person:5 (shown by 'nj review' and 'nj due')"
            ).format(text=raw[:40])
        )
    return Ref(kind, int(digits))


def check_exists(conn: sqlite3.Connection, ref: Ref) -> None:
    """Raise NotFound (exit 1) when the record named by ``ref`` does not exist."""
    row = conn.execute(f"SELECT 1 FROM {TABLES[ref.kind]} WHERE id = ?", (ref.id,)).fetchone()
    if row is None:
        raise NotFound(_("Nothing matches {ref}: no such record").format(ref=str(ref)))


def ref_of(reason: str, record_id: int) -> Ref:
    """The reference of a review item."""
    return Ref(KIND_OF_REASON[reason], record_id)


def command(*args: str | int) -> str:
    """An ``nj`` command line, every argument shell-quoted."""
    return " ".join(shlex.quote(str(a)) for a in ("nj", *args))


def actions(ref: Ref, item: dict[str, Any]) -> list[str]:
    """The command lines that act on a review item (its JSON form), most useful first.

    An open need with suggestions is first introduced to the best one; every
    item can be done and snoozed.
    """
    out: list[str] = []
    for s in item.get("suggestions") or []:
        out.append(
            command(
                "intro",
                "add",
                f"#{item['person']['id']}",
                f"#{s['person']['id']}",
                "--need",
                ref.id,
            )
        )
        break
    out.append(command("done", str(ref)))
    out.append(command("snooze", str(ref)))
    return out


def describe(conn: sqlite3.Connection, ref: Ref) -> tuple[dict[str, Any], str | None]:
    """The person a record concerns and its text (None for a person), for messages."""
    check_exists(conn, ref)
    sql = {
        "followup": "SELECT p.id, p.name, r.note FROM followups r "
        "JOIN people p ON p.id = r.person_id",
        "need": "SELECT p.id, p.name, r.text FROM needs r JOIN people p ON p.id = r.person_id",
        "offer": "SELECT p.id, p.name, r.text FROM offers r JOIN people p ON p.id = r.person_id",
        "intro": "SELECT p.id, p.name, q.name FROM introductions r "
        "JOIN people p ON p.id = r.a_id JOIN people q ON q.id = r.b_id",
        "person": "SELECT r.id, r.name, NULL FROM people r",
    }[ref.kind]
    row = conn.execute(sql + " WHERE r.id = ?", (ref.id,)).fetchone()
    text = row[2]
    if ref.kind == "intro":
        text = _("introduced to {other}").format(other=row[2])
    return {"id": int(row[0]), "name": row[1]}, text
