"""The review's data: what the rules read, and the loader that reads it.

:func:`load` reads only what the rules need with a few aggregate SQL
queries (last contact per person from :mod:`netjournal.core.contact`, open
needs without an introduction, ...) into the frozen dataclasses below. Every
query applies "records dated after the review date are ignored"
(``<= as_of``), so ``--as-of`` shows the journal as it was then.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from netjournal.config import Config
from netjournal.core import contact
from netjournal.core import snooze as snoozes
from netjournal.core.refs import Ref, ref_of

#: The stable reason codes, in the order used to break ties.
REASONS = (
    "follow_up",
    "keep_in_touch",
    "fresh_contact",
    "open_need",
    "promise",
    "check_in_help",
    "check_in_intro",
    "thank",
    "waiting_on",
    "thank_referrer",
    "reconnect",
)


# --------------------------------------------------------------------------
# The data the rules read
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    id: int
    name: str
    every: str | None = None
    created_on: date | None = None
    met_at: str | None = None
    met_on: date | None = None


@dataclass(frozen=True)
class Contact:
    """A person's contacts up to the review date."""

    last: date
    #: True when every contact so far is being met (a fresh contact).
    only_met: bool


@dataclass(frozen=True)
class Followup:
    id: int
    person_id: int
    due_on: date
    note: str | None
    created_on: date


@dataclass(frozen=True)
class Need:
    id: int
    person_id: int
    text: str
    noted_on: date
    #: The latest "did not work" outcome of its introductions: it is due again then.
    returned_on: date | None = None


@dataclass(frozen=True)
class Offer:
    id: int
    person_id: int
    text: str
    offered_on: date
    due_on: date | None = None
    #: When the help was delivered or received (None for an open promise).
    done_on: date | None = None


@dataclass(frozen=True)
class Intro:
    id: int
    a_id: int
    b_id: int
    on: date
    need_id: int | None = None
    need_person_id: int | None = None
    need_text: str | None = None
    #: True when an outcome was recorded (or the need was closed) by the review date.
    settled: bool = False


@dataclass
class JournalData:
    """Everything the rules read, as of one date (filled by :func:`load`)."""

    as_of: date
    #: The last due date the rules look at: ``as_of`` plus the days of "coming up".
    horizon: date | None = None
    people: dict[int, Person] = field(default_factory=dict)
    contacts: dict[int, Contact] = field(default_factory=dict)
    followups: list[Followup] = field(default_factory=list)
    needs: list[Need] = field(default_factory=list)
    promises: list[Offer] = field(default_factory=list)
    help_given: list[Offer] = field(default_factory=list)
    help_received: list[Offer] = field(default_factory=list)
    intros: list[Intro] = field(default_factory=list)
    #: What others promised you, not yet arrived (``nj offer add --received --due``).
    waiting: list[Offer] = field(default_factory=list)
    #: person -> the earliest follow-up planned after the review date (not done by then).
    planned: dict[int, date] = field(default_factory=dict)
    #: What is snoozed on the review date: ref -> until.
    snoozed: dict[Ref, date] = field(default_factory=dict)

    @property
    def last_day(self) -> date:
        """Items due up to this day are produced (the review date, or the horizon)."""
        return self.horizon or self.as_of

    def name(self, person_id: int) -> str:
        person = self.people.get(person_id)
        return person.name if person else f"#{person_id}"

    def last_contact(self, person_id: int) -> date | None:
        contact = self.contacts.get(person_id)
        return contact.last if contact else None

    def in_touch_since(self, person_id: int, when: date) -> bool:
        """A contact strictly after ``when`` (SPEC.md: "in touch since")."""
        last = self.last_contact(person_id)
        return last is not None and last > when


@dataclass
class Item:
    """One thing to do, before serialisation."""

    reason: str
    person_id: int
    due: date
    since: date | None
    detail: str
    next: str
    as_of: date
    record_id: int = 0
    extra: dict[str, Any] = field(default_factory=dict)
    others: list[Item] = field(default_factory=list)
    #: The rule's rhythm in days, for ranking (docs/review.md, "Ranking").
    interval: int = 7

    @property
    def days_overdue(self) -> int:
        return (self.as_of - self.due).days

    @property
    def ref(self) -> Ref:
        return ref_of(self.reason, self.record_id)

    def sort_key(self) -> tuple[int, int, int, int]:
        return (-self.days_overdue, REASONS.index(self.reason), self.person_id, self.record_id)

    def rank_key(self, name: str) -> tuple[float, int, str, int, int]:
        """Most overdue relative to its rhythm first; then days overdue, name, ids.

        A float orders these small fractions exactly (division is correctly
        rounded: equal fractions give equal floats) at a tenth of Fraction's cost.
        """
        urgency = self.days_overdue / max(self.interval, 1)
        return (-urgency, -self.days_overdue, name.casefold(), self.person_id, self.record_id)


def _d(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _dd(value: str) -> date:
    return date.fromisoformat(value)


# --------------------------------------------------------------------------
# The loader
# --------------------------------------------------------------------------


def load(conn: sqlite3.Connection, as_of: date, config: Config, *, ahead: int = 0) -> JournalData:
    """Read what the rules need, ignoring every record dated after ``as_of``.

    Rows that cannot be due by ``as_of + ahead`` are left in the database (for
    example help given less than ``check_in_days`` ago); the rules check
    every date again.
    """
    d = as_of.isoformat()
    last = as_of + timedelta(days=ahead)
    h = last.isoformat()

    def cut(days: int) -> str:
        return min(as_of, last - timedelta(days=days)).isoformat()

    data = JournalData(as_of=as_of, horizon=last)
    for row in conn.execute("SELECT id, name, every, created_on, met_at, met_on FROM people"):
        data.people[row[0]] = Person(row[0], row[1], row[2], _d(row[3]), row[4], _d(row[5]))

    data.contacts = _contacts(conn, d)

    data.followups = [
        Followup(r[0], r[1], _dd(r[2]), r[3], _dd(r[4]))
        for r in conn.execute(
            "SELECT id, person_id, due_on, note, created_on FROM followups "
            "WHERE due_on <= :h AND created_on <= :d AND (done_on IS NULL OR done_on > :d)",
            {"d": d, "h": h},
        )
    ]
    _load_issue12(conn, data, d, h)
    # An introduction for a need settles it unless its outcome says it did not work.
    data.needs = [
        Need(r[0], r[1], r[2], _dd(r[3]), _d(r[4]))
        for r in conn.execute(
            "SELECT id, person_id, text, noted_on, "
            "  (SELECT max(outcome_on) FROM introductions f WHERE f.need_id = needs.id "
            "   AND f.result = 'did_not_work' AND f.outcome_on <= :d) "
            "FROM needs "
            "WHERE noted_on <= :cut "
            "AND (status = 'open' OR (closed_on IS NOT NULL AND closed_on > :d)) "
            "AND id NOT IN (SELECT need_id FROM introductions "
            "               WHERE need_id IS NOT NULL AND on_date <= :d "
            "               AND NOT (result IS 'did_not_work' AND outcome_on <= :d))",
            {"d": d, "cut": cut(config.open_need_days)},
        )
    ]
    data.promises = [
        Offer(r[0], r[1], r[2], _dd(r[3]), _d(r[4]))
        for r in conn.execute(
            "SELECT id, person_id, text, offered_on, due_on FROM offers "
            "WHERE direction = 'given' AND offered_on <= :d "
            "AND (status = 'promised' OR (done_on IS NOT NULL AND done_on > :d))",
            {"d": d},
        )
    ]
    _load_help(conn, data, d, cut, config)
    return data


def _load_help(
    conn: sqlite3.Connection, data: JournalData, d: str, cut: Any, config: Config
) -> None:
    """Help given and received, and introductions: what the check-in rules read."""
    data.help_given = [
        Offer(r[0], r[1], r[2], _dd(r[3]), None, _dd(r[4]))
        for r in conn.execute(
            "SELECT id, person_id, text, offered_on, done_on FROM offers "
            "WHERE direction = 'given' AND status = 'done' AND done_on <= :cut",
            {"cut": cut(config.check_in_days)},
        )
    ]
    data.help_received = [
        Offer(r[0], r[1], r[2], _dd(r[3]), None, _dd(r[4]))
        for r in conn.execute(
            "SELECT id, person_id, text, offered_on, coalesce(done_on, offered_on) AS h "
            "FROM offers WHERE direction = 'received' AND status = 'done' "
            "AND coalesce(done_on, offered_on) <= :cut",
            {"cut": cut(config.thank_days)},
        )
    ]
    data.intros = [
        Intro(r[0], r[1], r[2], _dd(r[3]), r[4], r[5], r[6], settled=bool(r[7]))
        for r in conn.execute(
            "SELECT i.id, i.a_id, i.b_id, i.on_date, i.need_id, n.person_id, n.text, "
            "  (i.outcome IS NOT NULL AND coalesce(i.outcome_on, i.on_date) <= :d) "
            "  OR (n.status IN ('met', 'dropped') AND n.closed_on <= :d) "
            "FROM introductions i LEFT JOIN needs n ON n.id = i.need_id "
            "WHERE i.on_date <= :cut",
            {"d": d, "cut": cut(config.check_in_days)},
        )
    ]


def _contacts(conn: sqlite3.Connection, d: str) -> dict[int, Contact]:
    """Everyone's last contact up to ``d``, and whether being met was all of it."""
    # Last contact (core/contact.py), and who had a contact other than being met.
    last: dict[int, str] = {}
    other: set[int] = set()
    for kind, sql in contact.source_queries(as_of=True):
        for pid, latest in conn.execute(sql, {"as_of": d}):
            if kind != "interaction":
                other.add(pid)
            if latest > last.get(pid, ""):
                last[pid] = latest
    # People with an interaction other than being met (stops at the first such row
    # per person, through the (person_id, on_date) index).
    only_met = {
        row[0]
        for row in conn.execute(
            "SELECT p.id FROM people p WHERE NOT EXISTS (SELECT 1 FROM interactions i "
            "WHERE i.person_id = p.id AND i.kind <> 'met' AND i.on_date <= ?)",
            (d,),
        )
    }
    other.update(pid for pid in last if pid not in only_met)
    return {pid: Contact(_dd(value), pid not in other) for pid, value in last.items()}


def _load_issue12(conn: sqlite3.Connection, data: JournalData, d: str, h: str) -> None:
    """Planned follow-ups, what others promised you, and the snoozes (issue 12)."""
    for r in conn.execute(
        "SELECT person_id, min(due_on) FROM followups WHERE due_on > :d AND created_on <= :d "
        "AND (done_on IS NULL OR done_on > :d) GROUP BY person_id",
        {"d": d},
    ):
        data.planned[r[0]] = _dd(r[1])
    data.waiting = [
        Offer(r[0], r[1], r[2], _dd(r[3]), _dd(r[4]))
        for r in conn.execute(
            "SELECT id, person_id, text, offered_on, due_on FROM offers "
            "WHERE direction = 'received' AND due_on IS NOT NULL AND due_on <= :h "
            "AND offered_on <= :d "
            "AND (status = 'promised' OR (status = 'done' AND done_on > :d))",
            {"d": d, "h": h},
        )
    ]
    data.snoozed = snoozes.active(conn, data.as_of)
