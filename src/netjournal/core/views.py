"""Read models: people lists and the person card, as plain JSON-ready data.

Every item that concerns a person names it as ``{"id": ..., "name": ...}``;
dates are ISO strings; ids are integers (docs/json.md).
"""

from __future__ import annotations

import sqlite3
from typing import Any

from netjournal.core import contact
from netjournal.core.records import Followup, Introduction, Need, Offer, PersonRef, PersonSummary
from netjournal.errors import NotFound
from netjournal.i18n import _


def _tags(conn: sqlite3.Connection, person_id: int) -> list[str]:
    return [
        r[0]
        for r in conn.execute("SELECT tag FROM tags WHERE person_id = ? ORDER BY tag", (person_id,))
    ]


def list_people(
    conn: sqlite3.Connection,
    *,
    tag: str | None = None,
    org: str | None = None,
    sort: str = "name",
    archived: str = "hide",
) -> list[dict[str, Any]]:
    """People; ``archived``: "hide" them (the default), "only" them, or "all"."""
    where: list[str] = {
        "hide": ["p.archived_on IS NULL"],
        "only": ["p.archived_on IS NOT NULL"],
    }.get(archived, [])
    params: list[Any] = []
    if tag:
        where.append("p.id IN (SELECT person_id FROM tags WHERE tag = ?)")
        params.append(tag.lstrip("#").casefold())
    if org:
        where.append("lower(p.org) LIKE lower(?)")
        params.append(f"%{org}%")
    order = {
        "name": "p.name_key, p.id",
        "id": "p.id",
        "last": "lc.last_contact IS NULL, lc.last_contact DESC, p.name_key",
        "met": "p.met_on IS NULL, p.met_on DESC, p.name_key",
    }[sort]
    sql = (
        f"SELECT p.*, lc.last_contact FROM people p LEFT JOIN ({contact.per_person_sql()}) lc "
        f"ON lc.person_id = p.id {'WHERE ' + ' AND '.join(where) if where else ''} "
        f"ORDER BY {order}"
    )
    rows = conn.execute(sql, params).fetchall()
    tags: dict[int, list[str]] = {}
    for pid, tag_name in conn.execute("SELECT person_id, tag FROM tags ORDER BY tag"):
        tags.setdefault(pid, []).append(tag_name)
    return [
        {
            **PersonSummary.from_row(row, tags.get(row["id"], []), row["last_contact"]).to_json(),
            "became": row["became"],
            "archived_on": row["archived_on"],
        }
        for row in rows
    ]


def person_card(conn: sqlite3.Connection, person_id: int) -> dict[str, Any]:
    """Everything about one person, with a timeline merged by date (newest first).

    Keys (docs/ledger.md): the person's fields, ``capabilities``, ``needs``,
    ``offers`` (both directions), ``introductions`` (with ``other`` and the
    need's owner), ``followups``, ``interactions``, ``summary`` (counts of
    the sections ``nj person show`` prints) and ``timeline``.
    """
    row = conn.execute("SELECT * FROM people WHERE id = ?", (person_id,)).fetchone()
    if row is None:
        raise NotFound(_("No person with id #{id}").format(id=person_id))
    me = PersonRef.of(row["id"], row["name"])
    card = PersonSummary.from_row(
        row, _tags(conn, person_id), contact.last_contact(conn, person_id)
    ).to_json()
    from netjournal.core.holiday_dates import codes_of

    card["birthday"] = row["birthday"]
    card["celebrates"] = codes_of(row["celebrates"])
    from netjournal.core import referrals

    card.update(referrals.card(conn, person_id))  # issue 15
    sections = _card_sections(conn, me)
    card.update(sections)
    card["summary"] = _card_summary(sections)
    card["timeline"] = _timeline(sections)
    return card


def _card_sections(conn: sqlite3.Connection, me: PersonRef) -> dict[str, list[dict[str, Any]]]:
    """The lists of a person's card, in the order of its keys."""
    pid = me.id
    capabilities = [
        {"id": r["id"], "text": r["text"], "noted_on": r["noted_on"]}
        for r in conn.execute("SELECT * FROM capabilities WHERE person_id = ? ORDER BY id", (pid,))
    ]
    needs = [
        Need.from_row(r, me).to_json()
        for r in conn.execute(
            "SELECT n.*, (SELECT group_concat(i.id) FROM introductions i "
            "WHERE i.need_id = n.id) AS intro_ids FROM needs n WHERE n.person_id = ? "
            "ORDER BY n.noted_on DESC, n.id DESC",
            (pid,),
        )
    ]
    offers = [
        Offer.from_row(r, me, dated=False).to_json()
        for r in conn.execute(
            "SELECT * FROM offers WHERE person_id = ? ORDER BY offered_on DESC, id DESC", (pid,)
        )
    ]
    introductions = [
        Introduction.from_row(r, seen_from=pid).to_json()
        for r in conn.execute(
            """SELECT i.*, pa.name AS a_name, pb.name AS b_name, n.text AS need_text,
                      n.person_id AS need_person_id, pn.name AS need_person_name,
                      n.status AS need_status
               FROM introductions i JOIN people pa ON pa.id = i.a_id
               JOIN people pb ON pb.id = i.b_id LEFT JOIN needs n ON n.id = i.need_id
               LEFT JOIN people pn ON pn.id = n.person_id
               WHERE i.a_id = ? OR i.b_id = ? ORDER BY i.on_date DESC, i.id DESC""",
            (pid, pid),
        )
    ]
    followups = [
        Followup(
            r["id"], me, r["due_on"], r["note"], r["created_on"], r["done_on"], dated=False
        ).to_json()
        for r in conn.execute(
            "SELECT * FROM followups WHERE person_id = ? ORDER BY due_on, id", (pid,)
        )
    ]
    interactions = [
        {
            "id": r["id"],
            "person": me.to_json(),
            "on": r["on_date"],
            "kind": r["kind"],
            "event": r["event"],
            "note": r["note"],
        }
        for r in conn.execute(
            "SELECT * FROM interactions WHERE person_id = ? ORDER BY on_date DESC, id DESC",
            (pid,),
        )
    ]
    return {
        "capabilities": capabilities,
        "needs": needs,
        "offers": offers,
        "introductions": introductions,
        "followups": followups,
        "interactions": interactions,
    }


def _card_summary(sections: dict[str, list[dict[str, Any]]]) -> dict[str, int]:
    """The counts ``nj person show`` prints."""
    needs, offers, followups = sections["needs"], sections["offers"], sections["followups"]
    given = [o for o in offers if o["direction"] == "given"]
    return {
        "open_needs": sum(1 for n in needs if n["status"] == "open"),
        "open_promises": sum(1 for o in given if o["status"] == "promised"),
        "help_given": sum(1 for o in given if o["status"] == "done"),
        "help_received": sum(1 for o in offers if o["direction"] == "received"),
        "introductions": len(sections["introductions"]),
        "open_followups": sum(1 for f in followups if not f["done_on"]),
    }


#: Within a day of the timeline, the later step of a story comes first.
_STEP = {
    "need": 1,
    "offer": 2,
    "received": 2,
    "introduction": 3,
    "offer_done": 4,
    "offer_dropped": 4,
    "need_met": 5,
    "need_dropped": 5,
    "outcome": 6,
    "followup_done": 7,
    "followup": 8,
}


def _timeline(sections: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """Every dated event of the card's sections, newest first."""
    interactions, needs, offers = (sections[k] for k in ("interactions", "needs", "offers"))
    introductions, followups = sections["introductions"], sections["followups"]
    timeline: list[dict[str, Any]] = []

    def entry(
        on: str | None,
        kind: str,
        item_id: Any,
        text: str,
        with_person: dict[str, Any] | None = None,
    ) -> None:
        item: dict[str, Any] = {"on": on, "type": kind, "id": int(item_id), "text": text}
        if with_person is not None:
            item["with"] = with_person
        timeline.append(item)

    for i in interactions:
        text = i["note"] or ""
        if i["event"]:
            text = f"{i['event']}: {text}" if text else i["event"]
        entry(i["on"], i["kind"], i["id"], text)
    for n in needs:
        entry(n["noted_on"], "need", n["id"], n["text"])
        if n["closed_on"]:
            entry(n["closed_on"], f"need_{n['status']}", n["id"], n["note"] or n["text"])
    for o in offers:
        if o["direction"] == "received":
            entry(o["offered_on"], "received", o["id"], o["text"])
            continue
        if not (o["status"] == "done" and o["done_on"] == o["offered_on"]):
            entry(o["offered_on"], "offer", o["id"], o["text"])
        if o["done_on"]:
            entry(o["done_on"], "offer_done", o["id"], o["text"])
        if o["dropped_on"]:
            entry(o["dropped_on"], "offer_dropped", o["id"], o["text"])
    for intro in introductions:
        text = _("introduced to {name}").format(name=intro["other"]["name"])
        if intro["need"]:
            text += f" ({intro['need']['text']})"
        entry(intro["on"], "introduction", intro["id"], text, intro["other"])
        if intro["outcome"]:
            entry(
                intro["outcome_on"] or intro["on"],
                "outcome",
                intro["id"],
                intro["outcome"],
                intro["other"],
            )
    for f in followups:
        entry(f["due_on"], "followup", f["id"], f["note"] or "")
        if f["done_on"]:
            entry(f["done_on"], "followup_done", f["id"], f["note"] or "")
    timeline.sort(
        key=lambda item: (item["on"] or "", _STEP.get(item["type"], 0), item["id"]), reverse=True
    )
    return timeline


def quick_check(conn: sqlite3.Connection) -> str:
    """SQLite's ``PRAGMA quick_check``: "ok", or the first problem found."""
    return str(conn.execute("PRAGMA quick_check").fetchone()[0])
