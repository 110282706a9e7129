"""The review's "occasions": birthdays and holidays coming up, whom to greet (issue 15).

:func:`load` reads the people with a birthday or holidays (not archived, when
the journal has ``people.archived_on``) and their last contact up to the
review date; :func:`occasion_items` is the pure rule; :func:`section` puts
them together as the JSON list of the review's ``"occasions"`` key.

An occasion is in the review when it falls in the ``occasion_days`` (14)
days starting on the review date: ``in_days`` is 0 on the day itself. One
item per person per occasion. A holiday item says whether you have been in
touch since the holiday's previous occurrence (``spoken_since_last``): the
Lebaran list of people you have not spoken to since last Lebaran.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from netjournal.config import Config
from netjournal.core import birthdays, contact, holiday_dates
from netjournal.i18n import _


@dataclass(frozen=True)
class Celebrant:
    """A person with a birthday or holidays, as of the review date."""

    id: int
    name: str
    birthday: str | None
    celebrates: tuple[str, ...]
    last_contact: date | None


def _has_column(conn: sqlite3.Connection, table: str, column: str) -> bool:
    return any(row[1] == column for row in conn.execute(f"PRAGMA table_info({table})"))


def load(conn: sqlite3.Connection, as_of: date) -> list[Celebrant]:
    """Everyone with a birthday or a holiday, not archived on ``as_of``."""
    d = as_of.isoformat()
    archived = (
        " AND (archived_on IS NULL OR archived_on > :d)"
        if _has_column(conn, "people", "archived_on")
        else ""
    )
    rows = conn.execute(
        "SELECT id, name, birthday, celebrates FROM people "
        "WHERE (birthday IS NOT NULL OR coalesce(celebrates, '') <> '') "
        "AND created_on <= :d" + archived + " ORDER BY id",
        {"d": d},
    ).fetchall()
    last = contact.last_contacts_for(conn, [int(r[0]) for r in rows], as_of) if rows else {}
    return [
        Celebrant(
            int(r[0]),
            str(r[1]),
            r[2],
            tuple(holiday_dates.codes_of(r[3])),
            date.fromisoformat(last[int(r[0])]) if int(r[0]) in last else None,
        )
        for r in rows
    ]


def _birthday_item(person: Celebrant, as_of: date, days: int) -> dict[str, Any] | None:
    if not person.birthday:
        return None
    day = birthdays.next_on(person.birthday, as_of)
    if (day - as_of).days > days:
        return None
    age = birthdays.age_on(person.birthday, day)
    detail = _("Birthday: turns {age}").format(age=age) if age is not None else _("Birthday")
    return {
        "reason": "birthday",
        "detail": detail,
        "due": day,
        "age": age,
    }


def _holiday_items(person: Celebrant, as_of: date, days: int, country: str) -> list[dict[str, Any]]:
    items = []
    for code in person.celebrates:
        day = holiday_dates.next_on(code, country, as_of)
        if day is None or (day - as_of).days > days:
            continue
        before = holiday_dates.previous(code, country, day)
        spoken = (
            person.last_contact is not None and before is not None and person.last_contact > before
        )
        name = holiday_dates.display_name(code)
        items.append(
            {
                "reason": "holiday",
                "detail": name,
                "due": day,
                "holiday": code,
                "holiday_name": name,
                "previous": before.isoformat() if before else None,
                "spoken_since_last": spoken,
            }
        )
    return items


def occasion_items(
    people: list[Celebrant], as_of: date, *, days: int, country: str
) -> list[dict[str, Any]]:
    """The occasions of ``people`` in the ``days`` days from ``as_of``, soonest first."""
    items: list[dict[str, Any]] = []
    for person in people:
        found = _holiday_items(person, as_of, days, country)
        birthday = _birthday_item(person, as_of, days)
        if birthday is not None:
            found.insert(0, birthday)
        for item in found:
            due: date = item["due"]
            items.append(
                {
                    "person": {"id": person.id, "name": person.name},
                    "reason": item.pop("reason"),
                    "detail": item.pop("detail"),
                    "due": due.isoformat(),
                    "in_days": (due - as_of).days,
                    "last_contact": (
                        person.last_contact.isoformat() if person.last_contact else None
                    ),
                    **{k: v for k, v in item.items() if k != "due"},
                }
            )
    items.sort(
        key=lambda i: (i["due"], i["reason"], i.get("holiday", ""), i["person"]["name"].lower())
    )
    return items


def upcoming(
    conn: sqlite3.Connection, as_of: date, *, days: int, country: str
) -> list[dict[str, Any]]:
    """The occasions of the ``days`` days from ``as_of`` (``nj occasions``), soonest first."""
    people = load(conn, as_of)
    if not people:
        return []
    return occasion_items(people, as_of, days=days, country=country)


def section(conn: sqlite3.Connection, as_of: date, config: Config) -> list[dict[str, Any]]:
    """The review's ``"occasions"`` list (docs/occasions.md)."""
    return upcoming(conn, as_of, days=config.occasion_days, country=config.holidays_country)


def next_holiday(
    conn: sqlite3.Connection, as_of: date, code: str, country: str
) -> dict[str, Any] | None:
    """The next ``code`` holiday from ``as_of`` (on the day itself too) as one group of
    :func:`groups`: its date, days to go, everyone who celebrates it and those you
    have not spoken to since its previous occurrence. None when the calendar of
    ``country`` does not have it."""
    day = holiday_dates.next_on(code, country, as_of)
    if day is None:
        return None
    due = day.isoformat()
    items = [
        item
        for item in upcoming(conn, as_of, days=(day - as_of).days, country=country)
        if item.get("holiday") == code and item["due"] == due
    ]
    if items:
        return groups(items)[0]
    before = holiday_dates.previous(code, country, day)
    return {
        "holiday": code,
        "name": holiday_dates.display_name(code),
        "due": due,
        "in_days": (day - as_of).days,
        "previous": before.isoformat() if before else None,
        "people": [],
        "not_spoken": [],
    }


def groups(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Holiday items grouped per holiday and day, for the terminal (birthdays stay single).

    Each group: ``{"holiday", "name", "due", "in_days", "people": [items],
    "not_spoken": [items]}``; birthdays are ``{"birthday": item}``.
    """
    out: list[dict[str, Any]] = []
    index: dict[tuple[str, str], dict[str, Any]] = {}
    for item in items:
        if item["reason"] != "holiday":
            out.append({"birthday": item})
            continue
        key = (item["holiday"], item["due"])
        if key not in index:
            index[key] = {
                "holiday": item["holiday"],
                "name": item["holiday_name"],
                "due": item["due"],
                "in_days": item["in_days"],
                "previous": item["previous"],
                "people": [],
                "not_spoken": [],
            }
            out.append(index[key])
        index[key]["people"].append(item)
        if not item["spoken_since_last"]:
            index[key]["not_spoken"].append(item)
    return out


def window_end(as_of: date, config: Config) -> date:
    """The last day of the occasions window."""
    return as_of + timedelta(days=config.occasion_days)
