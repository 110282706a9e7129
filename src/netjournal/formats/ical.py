"""iCalendar: open follow-ups, promises and check-ins as all-day events."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Any

from netjournal.i18n import _, ngettext


@dataclass
class CalendarItem:
    uid: str
    due: date
    summary: str
    description: str
    person: dict[str, Any]
    kind: str


def _last_contacts(conn: sqlite3.Connection) -> dict[int, str]:
    from netjournal.core.contact import LAST_CONTACT_SQL

    return {int(r[0]): r[1] for r in conn.execute(LAST_CONTACT_SQL) if r[1]}


def _ref(pid: int, name: str) -> dict[str, Any]:
    return {"id": pid, "name": name}


def _follow_ups(conn: sqlite3.Connection) -> Iterator[CalendarItem]:
    for r in conn.execute(
        "SELECT f.*, p.name FROM followups f JOIN people p ON p.id = f.person_id "
        "WHERE f.done_on IS NULL ORDER BY f.id"
    ):
        note = f": {r['note']}" if r["note"] else ""
        yield CalendarItem(
            f"followup-{r['id']}@netjournal",
            date.fromisoformat(r["due_on"]),
            _("Follow up with {name}{note}").format(name=r["name"], note=note),
            _("Follow-up #{id} (nj followup done {id})").format(id=r["id"]),
            _ref(r["person_id"], r["name"]),
            "follow_up",
        )


def _promises(conn: sqlite3.Connection) -> Iterator[CalendarItem]:
    for r in conn.execute(
        "SELECT o.*, p.name FROM offers o JOIN people p ON p.id = o.person_id "
        "WHERE o.direction = 'given' AND o.status = 'promised' ORDER BY o.id"
    ):
        due = r["due_on"] or (date.fromisoformat(r["offered_on"]) + timedelta(days=7)).isoformat()
        yield CalendarItem(
            f"promise-{r['id']}@netjournal",
            date.fromisoformat(due),
            _("Promise to {name}: {text}").format(name=r["name"], text=r["text"]),
            _("Promised on {on}; offer #{id} (nj offer done {id})").format(
                on=r["offered_on"], id=r["id"]
            ),
            _ref(r["person_id"], r["name"]),
            "promise",
        )


def _after_help(
    conn: sqlite3.Connection, last: dict[int, str], check_in_days: int, thank_days: int
) -> Iterator[CalendarItem]:
    """A check-in after help given, a thank-you after help received (unless in touch since)."""
    for r in conn.execute(
        "SELECT o.*, p.name FROM offers o JOIN people p ON p.id = o.person_id "
        "WHERE o.status = 'done' AND o.done_on IS NOT NULL ORDER BY o.id"
    ):
        if last.get(r["person_id"], "") > r["done_on"]:
            continue
        done = date.fromisoformat(r["done_on"])
        who = _ref(r["person_id"], r["name"])
        if r["direction"] == "given":
            yield CalendarItem(
                f"checkin-help-{r['id']}@netjournal",
                done + timedelta(days=check_in_days),
                _("Ask {name} whether it helped: {text}").format(name=r["name"], text=r["text"]),
                _("You helped on {on} (offer #{id})").format(on=r["done_on"], id=r["id"]),
                who,
                "check_in_help",
            )
        else:
            yield CalendarItem(
                f"thank-{r['id']}@netjournal",
                done + timedelta(days=thank_days),
                _("Thank {name}: {text}").format(name=r["name"], text=r["text"]),
                _("Help received on {on} (offer #{id})").format(on=r["done_on"], id=r["id"]),
                who,
                "thank",
            )


def _after_introductions(
    conn: sqlite3.Connection, last: dict[int, str], check_in_days: int
) -> Iterator[CalendarItem]:
    for r in conn.execute(
        "SELECT i.*, pa.name AS a_name, pb.name AS b_name, n.person_id AS need_person "
        "FROM introductions i JOIN people pa ON pa.id = i.a_id "
        "JOIN people pb ON pb.id = i.b_id LEFT JOIN needs n ON n.id = i.need_id "
        "WHERE i.outcome IS NULL ORDER BY i.id"
    ):
        # Ask the person whose need it was (else the first one introduced).
        if r["need_person"] == r["b_id"]:
            pid, name, other = r["b_id"], r["b_name"], r["a_name"]
        else:
            pid, name, other = r["a_id"], r["a_name"], r["b_name"]
        if last.get(pid, "") > r["on_date"]:
            continue
        yield CalendarItem(
            f"checkin-intro-{r['id']}@netjournal",
            date.fromisoformat(r["on_date"]) + timedelta(days=check_in_days),
            _("Ask {name} how the introduction to {other} went").format(name=name, other=other),
            _("Introduced on {on} (introduction #{id}; nj intro outcome {id} TEXT)").format(
                on=r["on_date"], id=r["id"]
            ),
            _ref(pid, name),
            "check_in_intro",
        )


def calendar_items(
    conn: sqlite3.Connection, *, today: date, check_in_days: int = 14, thank_days: int = 3
) -> list[CalendarItem]:
    """What belongs in the calendar, with its due date (the review's rules, docs/review.md).

    Open follow-ups on their date; promises not done on their due date;
    check-ins ``check_in_days`` after help given or an introduction (unless you
    have been in touch since or recorded an outcome) and a thank-you
    ``thank_days`` after help received (unless in touch since). Future items
    are included too: a calendar is for what is coming.
    """
    last = _last_contacts(conn)
    items = [
        *_follow_ups(conn),
        *_promises(conn),
        *_after_help(conn, last, check_in_days, thank_days),
        *_after_introductions(conn, last, check_in_days),
    ]
    items.sort(key=lambda item: (item.due, item.uid))
    return items


def export_ics(
    conn: sqlite3.Connection, *, today: date, check_in_days: int = 14, thank_days: int = 3
) -> bytes:
    """All-day events with stable UIDs (``followup-12@netjournal``...).

    Re-importing the file into a calendar updates the events instead of
    duplicating them. An overdue item is placed on ``today`` (its description
    says since when), so that it shows up where the user looks.
    """
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//netjournal//netjournal//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "netjournal")
    stamp = datetime(today.year, today.month, today.day, tzinfo=timezone.utc)
    for item in calendar_items(
        conn, today=today, check_in_days=check_in_days, thank_days=thank_days
    ):
        day = max(item.due, today)
        description = item.description
        if item.due < today:
            description = (
                ngettext(
                    "Due {due} ({n} day overdue). ",
                    "Due {due} ({n} days overdue). ",
                    (today - item.due).days,
                ).format(due=item.due.isoformat(), n=(today - item.due).days)
                + description
            )
        event = Event()
        event.add("uid", item.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
        event.add("summary", item.summary)
        event.add("description", description)
        event.add("categories", ["netjournal"])
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    data: bytes = cal.to_ical()
    return data
