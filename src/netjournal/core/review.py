"""The weekly review (SPEC.md, "The weekly review") as plain data.

Two layers, in two modules:

* a **loader** (:func:`netjournal.core.review_data.load`) that reads only what
  the rules need with a few aggregate SQL queries (last contact per person
  from :mod:`netjournal.core.contact`, open needs without an introduction,
  ...) into plain dataclasses. Every query applies "records dated after the
  review date are ignored" (``<= as_of``), so ``--as-of`` shows the journal
  as it was then;
* **pure rules** (:mod:`netjournal.core.review_rules`: ``follow_up_items``,
  ``keep_in_touch_items``, ``fresh_contact_items``, ``open_need_items``,
  ``promise_items``, ``check_in_items``) over that data.

This module puts them together: :func:`build_review` / :func:`due_items`
sort, group, limit and serialise, and ask the :class:`Matcher` given by the
caller for introductions.

Nothing here prints or reads the clock: the review date is an argument.

Every item has a due date; it is in the review when ``as_of >= due`` and
``days_overdue = as_of - due`` (0 on the due day).
"""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from netjournal.config import Config
from netjournal.core.refs import actions
from netjournal.core.review_data import Item, JournalData, load
from netjournal.core.review_rules import all_items
from netjournal.i18n import _

if TYPE_CHECKING:
    from netjournal.core.matching import Matcher

#: The item sections of the review, in report order.
SECTIONS = ("follow_ups", "introductions", "promises", "check_ins", "reconnect")
SECTION_OF = {
    "follow_up": "follow_ups",
    "keep_in_touch": "follow_ups",
    "fresh_contact": "follow_ups",
    "open_need": "introductions",
    "promise": "promises",
    "check_in_help": "check_ins",
    "check_in_intro": "check_ins",
    "thank": "check_ins",
    "waiting_on": "check_ins",
    "thank_referrer": "check_ins",
    "reconnect": "reconnect",
}
#: How many people an introduction item suggests.
SUGGESTIONS_PER_NEED = 3
#: The length of "this week" (the days ending on the review date) and of ``--week``.
WEEK_DAYS = 7

# --------------------------------------------------------------------------
# Putting it together
# --------------------------------------------------------------------------


def _week_only(sections: dict[str, list[Item]]) -> None:
    """Keep only the items that became due in the week ending on the review date."""
    for name in SECTIONS:
        items = sections[name]
        kept = []
        for item in items:
            if item.days_overdue >= WEEK_DAYS:
                continue
            item.others = [o for o in item.others if o.days_overdue < WEEK_DAYS]
            kept.append(item)
        sections[name] = kept


def item_dict(item: Item, data: JournalData) -> dict[str, Any]:
    """The JSON form of an item (docs/review.md); a coming-up item has ``in_days``
    (days until it is due) instead of ``days_overdue``."""
    ref = item.ref
    result: dict[str, Any] = {
        "ref": str(ref),
        "person": {"id": item.person_id, "name": data.name(item.person_id)},
        "reason": item.reason,
        "detail": item.detail,
        "due": item.due.isoformat(),
        "days_overdue": item.days_overdue,
        "since": item.since.isoformat() if item.since else None,
        "next": item.next,
    }
    if item.due > data.as_of:
        del result["days_overdue"]
        result["in_days"] = -item.days_overdue
    result.update(item.extra)
    if item.reason in ("follow_up", "keep_in_touch", "fresh_contact"):
        last = data.last_contact(item.person_id)
        result["last_contact"] = last.isoformat() if last else None
        result["other_reasons"] = [
            {
                "reason": o.reason,
                "detail": o.detail,
                "due": o.due.isoformat(),
                "days_overdue": o.days_overdue,
                **o.extra,
            }
            for o in item.others
        ]
    result["actions"] = actions(ref, result)
    return result


def summary(conn: sqlite3.Connection, as_of: date) -> dict[str, Any]:
    """This week (the 7 days ending on ``as_of``) and the give/take balance."""
    d = as_of.isoformat()
    start = (as_of - timedelta(days=WEEK_DAYS - 1)).isoformat()
    p = {"s": start, "d": d}

    def one(sql: str) -> int:
        return int(conn.execute(sql, p).fetchone()[0] or 0)

    met = one(
        "SELECT count(DISTINCT person_id) FROM interactions "
        "WHERE kind = 'met' AND on_date BETWEEN :s AND :d"
    )
    contacts = one(
        "SELECT count(*) FROM interactions WHERE kind <> 'met' AND on_date BETWEEN :s AND :d"
    )
    given = one(
        "SELECT count(*) FROM offers WHERE direction = 'given' AND status = 'done' "
        "AND done_on BETWEEN :s AND :d"
    )
    received = one(
        "SELECT count(*) FROM offers WHERE direction = 'received' "
        "AND status = 'done' AND coalesce(done_on, offered_on) BETWEEN :s AND :d"
    )
    intros = one("SELECT count(*) FROM introductions WHERE on_date BETWEEN :s AND :d")
    all_given = one(
        "SELECT count(*) FROM offers WHERE direction = 'given' "
        "AND status = 'done' AND done_on <= :d"
    )
    all_received = one(
        "SELECT count(*) FROM offers WHERE direction = 'received' "
        "AND status = 'done' AND coalesce(done_on, offered_on) <= :d"
    )
    all_intros = one("SELECT count(*) FROM introductions WHERE on_date <= :d")

    def balance(g: int, r: int) -> dict[str, int]:
        return {"given": g, "received": r, "net": g - r}

    return {
        "from": start,
        "to": d,
        "met": met,
        "contacts": contacts,
        "help_given": given,
        "help_received": received,
        "introductions": intros,
        "balance": {
            "week": balance(given + intros, received),
            "all_time": balance(all_given + all_intros, all_received),
        },
    }


def _sections(
    conn: sqlite3.Connection, as_of: date, config: Config, *, ahead: int = 0
) -> tuple[JournalData, dict[str, list[Item]]]:
    from netjournal.core import reconnect

    data = load(conn, as_of, config, ahead=ahead)
    sections = all_items(data, config)
    reconnect.add_sections(conn, as_of, config, sections, data)  # issue 15
    return data, sections


def _suggest(conn: sqlite3.Connection, items: list[Item], matcher: Matcher) -> None:
    """Fill the suggestions (and the next step) of the introduction items given."""
    needs = [
        {"id": item.record_id, "person_id": item.person_id, "text": item.extra["need"]["text"]}
        for item in items
    ]
    prime = getattr(matcher, "prime", None)
    if callable(prime):
        prime(conn, needs)
    for item, need in zip(items, needs, strict=True):
        found = matcher.suggest(conn, need, limit=SUGGESTIONS_PER_NEED)
        item.extra["suggestions"] = [
            {
                "person": {"id": int(s.person["id"]), "name": s.person["name"]},
                "score": round(float(s.score), 3),
                "why": list(s.why),
            }
            for s in found
        ]
        if found:
            names = ", ".join(str(s.person["name"]) for s in found[:2])
            item.next = _("Introduce them to {names}").format(names=names)


def build_review(
    conn: sqlite3.Connection,
    as_of: date,
    config: Config,
    *,
    limit: int | None = None,
    week: bool = False,
    matcher: Matcher,
) -> dict[str, Any]:
    """The review as JSON-ready data (top-level keys of SPEC.md).

    ``limit`` keeps the most overdue items of each section (None: all);
    ``summary["overdue"]`` says how many there are in all. ``week`` keeps only
    items that became due in the 7 days ending on ``as_of``. Suggestions are
    computed by ``matcher`` (``netjournal.search.default_matcher(as_of=...)``)
    for the introduction items returned, and only for those.
    """
    data, sections = _sections(conn, as_of, config, ahead=WEEK_DAYS)
    if week:
        _week_only(sections)
    totals = {name: len(sections[name]) for name in SECTIONS}
    coming, snoozed = len(sections["coming_up"]), len(sections["snoozed"])
    if limit is not None:
        sections = {name: items[:limit] for name, items in sections.items()}
    if sections["introductions"]:
        _suggest(conn, sections["introductions"], matcher)
    for item in sections["introductions"]:
        item.extra.setdefault("suggestions", [])
    result: dict[str, Any] = {"as_of": as_of.isoformat()}
    for name in (*SECTIONS, "coming_up"):
        result[name] = [item_dict(item, data) for item in sections[name]]
    from netjournal.core import occasions

    result["occasions"] = occasions.section(conn, as_of, config)
    result["summary"] = summary(conn, as_of)
    result["summary"]["overdue"] = {**totals, "total": sum(totals.values())}
    result["summary"]["coming_up"] = coming
    result["summary"]["snoozed"] = snoozed
    return result


def due_items(
    conn: sqlite3.Connection, as_of: date, config: Config, *, snoozed: bool = False
) -> list[dict[str, Any]]:
    """Every due item of the review, most overdue first, without suggestions.

    Each item also names its ``section`` and ``snoozed_until`` (None unless
    snoozed); follow-ups are one per person as in the review. With
    ``snoozed``, the items a snooze hides are listed too.
    """
    data, sections = _sections(conn, as_of, config)
    flat = [(item, name) for name in SECTIONS for item in sections[name]]
    if snoozed:
        flat += [(item, SECTION_OF[item.reason]) for item in sections["snoozed"]]
    flat.sort(key=lambda pair: pair[0].sort_key())
    out = []
    for item, name in flat:
        record = item_dict(item, data)
        record.setdefault("snoozed_until", None)
        record["section"] = name
        out.append(record)
    return out
