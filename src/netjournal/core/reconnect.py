"""Dormant ties (``nj reconnect``) and the review's referral and archive rules.

A dormant tie is someone not contacted for ``reconnect_after_days`` (180 by
default) with whom you have a history of help in either direction: help
given or received, and introductions involving them. They are ranked by that
history. The review also thanks a referrer when someone they sent you
became a customer or partner, or when an introduction of someone they sent
worked; and it leaves archived people out of every section.

Nothing here prints or reads the clock: the review date is an argument.
"""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from typing import Any

from netjournal.config import Config
from netjournal.core import contact
from netjournal.core.referrals import became_label
from netjournal.core.review_data import Item
from netjournal.i18n import _

#: At most this many people in the review's "reconnect" section.
REVIEW_RECONNECT = 5

_HISTORY = """
SELECT p.id, p.name, lc.last_contact,
  (SELECT count(*) FROM offers o WHERE o.person_id = p.id AND o.direction = 'given'
     AND o.status = 'done' AND o.done_on <= :as_of),
  (SELECT count(*) FROM offers o WHERE o.person_id = p.id AND o.direction = 'received'
     AND o.status = 'done' AND coalesce(o.done_on, o.offered_on) <= :as_of),
  (SELECT count(*) FROM introductions t WHERE p.id IN (t.a_id, t.b_id) AND t.on_date <= :as_of)
FROM people p JOIN ({last}) lc ON lc.person_id = p.id
WHERE p.archived_on IS NULL AND lc.last_contact <= :cut
"""


def dormant(conn: sqlite3.Connection, as_of: date, days: int) -> list[dict[str, Any]]:
    """People not contacted for ``days`` or more with a history of help, best first."""
    cut = (as_of - timedelta(days=days)).isoformat()
    sql = _HISTORY.format(last=contact.per_person_sql(as_of=True))
    out = []
    for pid, name, last, given, received, intros in conn.execute(
        sql, {"as_of": as_of.isoformat(), "cut": cut}
    ):
        history = int(given) + int(received) + int(intros)
        if history == 0:
            continue
        out.append(
            {
                "person": {"id": int(pid), "name": name},
                "last_contact": last,
                "days_since": (as_of - date.fromisoformat(last)).days,
                "help_given": int(given),
                "help_received": int(received),
                "introductions": int(intros),
                "history": history,
            }
        )
    out.sort(key=lambda r: (-r["history"], r["last_contact"], r["person"]["id"]))
    return out


def reconnect_items(conn: sqlite3.Connection, as_of: date, config: Config) -> list[Item]:
    """The review's "reconnect" items (at most :data:`REVIEW_RECONNECT`)."""
    items = []
    for row in dormant(conn, as_of, config.reconnect_after_days)[:REVIEW_RECONNECT]:
        last = date.fromisoformat(row["last_contact"])
        items.append(
            Item(
                "reconnect",
                row["person"]["id"],
                last + timedelta(days=config.reconnect_after_days),
                last,
                _("It has been a while (last contact {date}); help between you: {n}").format(
                    date=row["last_contact"], n=row["history"]
                ),
                _("Reconnect: ask how they are doing"),
                as_of,
                0,
                {"history": row["history"], "last_contact": row["last_contact"]},
            )
        )
    # The longest-standing history first, as in `nj reconnect`; not by days overdue.
    return items


def _has_column(conn: sqlite3.Connection, table: str, column: str) -> bool:
    return any(r[1] == column for r in conn.execute(f"PRAGMA table_info({table})"))


def _referral_events(conn: sqlite3.Connection, d: str) -> list[tuple[int, int, str, str, str]]:
    """(referrer, person, what, on, kind) of every reason to thank a referrer up to ``d``."""
    rows = [
        (int(r[0]), int(r[1]), r[2], r[3], "became")
        for r in conn.execute(
            "SELECT referred_by, id, became, became_on FROM people WHERE referred_by IS NOT NULL "
            "AND became IN ('customer', 'partner') AND became_on <= ?",
            (d,),
        )
    ]
    if _has_column(conn, "introductions", "result"):  # m003 (issue 13)
        rows += [
            (int(r[0]), int(r[1]), "", r[2], "intro")
            for r in conn.execute(
                "SELECT p.referred_by, p.id, coalesce(t.outcome_on, t.on_date) AS on_d "
                "FROM introductions t JOIN people p ON p.id IN (t.a_id, t.b_id) "
                "WHERE p.referred_by IS NOT NULL AND t.result = 'worked' "
                "AND coalesce(t.outcome_on, t.on_date) <= ?",
                (d,),
            )
        ]
    return rows


def thank_referrer_items(conn: sqlite3.Connection, as_of: date, in_touch: Any) -> list[Item]:
    """Check-ins to thank whoever sent you someone who became a customer or partner,
    or whose introduction worked; gone once you were in touch with the referrer since."""
    items: dict[tuple[int, int], Item] = {}
    names = dict(conn.execute("SELECT id, name FROM people").fetchall())
    for referrer, pid, what, on, kind in _referral_events(conn, as_of.isoformat()):
        due = date.fromisoformat(on)
        if in_touch(referrer, due) or (referrer, pid) in items:
            continue
        detail = (
            _("{name}, whom they sent you, became a {what}").format(
                name=names[pid], what=became_label(what)
            )
            if kind == "became"
            else _("An introduction of {name}, whom they sent you, worked").format(name=names[pid])
        )
        items[(referrer, pid)] = Item(
            "thank_referrer",
            referrer,
            due,
            due,
            detail,
            _("Thank them for sending you {name}").format(name=names[pid]),
            as_of,
            referrer,  # the record acted on (person:ID): thanking is a contact with them
            {"referred": {"id": pid, "name": names[pid]}},
        )
    return list(items.values())


def add_sections(
    conn: sqlite3.Connection,
    as_of: date,
    config: Config,
    sections: dict[str, list[Item]],
    data: Any,
) -> None:
    """Add the referral thanks and the reconnect section; drop archived people."""
    sections["check_ins"] += thank_referrer_items(conn, as_of, data.in_touch_since)
    sections["check_ins"].sort(key=Item.sort_key)
    sections["reconnect"] = reconnect_items(conn, as_of, config)
    archived = {
        int(r[0])
        for r in conn.execute(
            "SELECT id FROM people WHERE archived_on IS NOT NULL AND archived_on <= ?",
            (as_of.isoformat(),),
        )
    }
    if archived:
        for name, items in sections.items():
            sections[name] = [i for i in items if i.person_id not in archived]
            for item in sections[name]:
                item.others = [o for o in item.others if o.person_id not in archived]
