"""The weekly review (SPEC.md, "The weekly review") as plain data.

Two layers:

* a **loader** (:func:`load`) that reads only what the rules need with a few
  aggregate SQL queries (last contact per person with ``GROUP BY``, open
  needs without an introduction, ...) into plain dataclasses. Every query
  applies "records dated after the review date are ignored" (``<= as_of``),
  so ``--as-of`` shows the journal as it was then;
* **pure rules** (:func:`follow_up_items`, :func:`keep_in_touch_items`,
  :func:`fresh_contact_items`, :func:`open_need_items`, :func:`promise_items`,
  :func:`check_in_items`) over that data, and :func:`build_review` /
  :func:`due_items` that sort, group, limit and serialise.

Nothing here prints or reads the clock: the review date is an argument.

Every item has a due date; it is in the review when ``as_of >= due`` and
``days_overdue = as_of - due`` (0 on the due day).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from netjournal.config import Config
from netjournal.i18n import _

if TYPE_CHECKING:
    from netjournal.core.suggest import Matcher

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
)
#: The item sections of the review, in report order.
SECTIONS = ("follow_ups", "introductions", "promises", "check_ins")
SECTION_OF = {
    "follow_up": "follow_ups",
    "keep_in_touch": "follow_ups",
    "fresh_contact": "follow_ups",
    "open_need": "introductions",
    "promise": "promises",
    "check_in_help": "check_ins",
    "check_in_intro": "check_ins",
    "thank": "check_ins",
}
#: How many people an introduction item suggests.
SUGGESTIONS_PER_NEED = 3
#: The length of "this week" (the days ending on the review date) and of ``--week``.
WEEK_DAYS = 7


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
    people: dict[int, Person] = field(default_factory=dict)
    contacts: dict[int, Contact] = field(default_factory=dict)
    followups: list[Followup] = field(default_factory=list)
    needs: list[Need] = field(default_factory=list)
    promises: list[Offer] = field(default_factory=list)
    help_given: list[Offer] = field(default_factory=list)
    help_received: list[Offer] = field(default_factory=list)
    intros: list[Intro] = field(default_factory=list)

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

    @property
    def days_overdue(self) -> int:
        return (self.as_of - self.due).days

    def sort_key(self) -> tuple[int, int, int, int]:
        return (-self.days_overdue, REASONS.index(self.reason), self.person_id, self.record_id)


def _d(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _dd(value: str) -> date:
    return date.fromisoformat(value)


# --------------------------------------------------------------------------
# The loader
# --------------------------------------------------------------------------


def load(conn: sqlite3.Connection, as_of: date, config: Config) -> JournalData:
    """Read what the rules need, ignoring every record dated after ``as_of``.

    Rows that cannot be due yet are left in the database (for example help
    given less than ``check_in_days`` ago); the rules check every date again.
    """
    d = as_of.isoformat()

    def cut(days: int) -> str:
        return (as_of - timedelta(days=days)).isoformat()

    data = JournalData(as_of=as_of)
    for row in conn.execute("SELECT id, name, every, created_on, met_at, met_on FROM people"):
        data.people[row[0]] = Person(row[0], row[1], row[2], _d(row[3]), row[4], _d(row[5]))

    # Last contact (SPEC.md): interactions, introductions, help done either way.
    last: dict[int, str] = {}
    other: set[int] = set()  # people with a contact other than being met
    # Index-only: the latest interaction per person.
    for pid, latest in conn.execute(
        "SELECT person_id, max(on_date) FROM interactions WHERE on_date <= ? GROUP BY person_id",
        (d,),
    ):
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
    for pid, latest in conn.execute(
        "SELECT pid, max(on_date) FROM ("
        " SELECT a_id AS pid, on_date FROM introductions WHERE on_date <= :d"
        " UNION ALL SELECT b_id, on_date FROM introductions WHERE on_date <= :d"
        ") GROUP BY pid",
        {"d": d},
    ):
        other.add(pid)
        if latest > last.get(pid, ""):
            last[pid] = latest
    for pid, latest in conn.execute(
        "SELECT person_id, max(done_on) FROM offers "
        "WHERE status = 'done' AND done_on <= ? GROUP BY person_id",
        (d,),
    ):
        other.add(pid)
        if latest > last.get(pid, ""):
            last[pid] = latest
    data.contacts = {pid: Contact(_dd(value), pid not in other) for pid, value in last.items()}

    data.followups = [
        Followup(r[0], r[1], _dd(r[2]), r[3], _dd(r[4]))
        for r in conn.execute(
            "SELECT id, person_id, due_on, note, created_on FROM followups "
            "WHERE due_on <= :d AND created_on <= :d AND (done_on IS NULL OR done_on > :d)",
            {"d": d},
        )
    ]
    data.needs = [
        Need(r[0], r[1], r[2], _dd(r[3]))
        for r in conn.execute(
            "SELECT id, person_id, text, noted_on FROM needs "
            "WHERE noted_on <= :cut "
            "AND (status = 'open' OR (closed_on IS NOT NULL AND closed_on > :d)) "
            "AND id NOT IN (SELECT need_id FROM introductions "
            "               WHERE need_id IS NOT NULL AND on_date <= :d)",
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
        Intro(
            r[0],
            r[1],
            r[2],
            _dd(r[3]),
            r[4],
            r[5],
            r[6],
            settled=bool(r[7]),
        )
        for r in conn.execute(
            "SELECT i.id, i.a_id, i.b_id, i.on_date, i.need_id, n.person_id, n.text, "
            "  (i.outcome IS NOT NULL AND coalesce(i.outcome_on, i.on_date) <= :d) "
            "  OR (n.status IN ('met', 'dropped') AND n.closed_on <= :d) "
            "FROM introductions i LEFT JOIN needs n ON n.id = i.need_id "
            "WHERE i.on_date <= :cut",
            {"d": d, "cut": cut(config.check_in_days)},
        )
    ]
    return data


# --------------------------------------------------------------------------
# The rules (pure)
# --------------------------------------------------------------------------


def follow_up_items(data: JournalData) -> list[Item]:
    """Explicit follow-ups whose date has come and that were not done by then."""
    items = []
    for f in data.followups:
        if f.due_on > data.as_of or f.created_on > data.as_of:
            continue
        detail = (
            _("Follow-up: {note}").format(note=f.note)
            if f.note
            else _("Follow-up set on {on}").format(on=f.created_on.isoformat())
        )
        items.append(
            Item(
                "follow_up",
                f.person_id,
                f.due_on,
                f.created_on,
                detail,
                _("Get back to them"),
                data.as_of,
                f.id,
                {"followup_id": f.id},
            )
        )
    return items


def keep_in_touch_items(data: JournalData) -> list[Item]:
    """People with a keep-in-touch interval whose last contact + interval has come.

    With no contact at all yet, the interval counts from when the person was
    added (or met, if earlier).
    """
    from netjournal.dates import parse_interval

    intervals: dict[str, Any] = {}
    items = []
    for person in data.people.values():
        if not person.every:
            continue
        last = data.last_contact(person.id)
        base = last
        if base is None:
            starts = [x for x in (person.created_on, person.met_on) if x is not None]
            if not starts or min(starts) > data.as_of:
                continue
            base = min(starts)
        if person.every not in intervals:
            try:
                intervals[person.every] = parse_interval(person.every)
            except ValueError:  # DateError too: a hand-edited value we cannot read
                intervals[person.every] = None
        interval = intervals[person.every]
        if interval is None:
            continue
        due = interval.add_to(base)
        if due > data.as_of:
            continue
        detail = _("Keep in touch every {every}").format(every=person.every)
        if last is None:
            detail = _("Keep in touch every {every}; no contact yet").format(every=person.every)
        items.append(
            Item(
                "keep_in_touch",
                person.id,
                due,
                base,
                detail,
                _("Say hello"),
                data.as_of,
                person.id,
                {"every": person.every},
            )
        )
    return items


def fresh_contact_items(data: JournalData, config: Config) -> list[Item]:
    """People whose only contact is being met, ``fresh_contact_days`` after meeting them."""
    items = []
    for pid, contact in data.contacts.items():
        if not contact.only_met:
            continue
        due = contact.last + timedelta(days=config.fresh_contact_days)
        if due > data.as_of:
            continue
        person = data.people.get(pid)
        if person and person.met_at and person.met_on == contact.last:
            detail = _("Met at {event}; no contact since").format(event=person.met_at)
        else:
            detail = _("Met; no contact since")
        items.append(
            Item(
                "fresh_contact",
                pid,
                due,
                contact.last,
                detail,
                _("Send a note: how can you help?"),
                data.as_of,
                pid,
            )
        )
    return items


def open_need_items(data: JournalData, config: Config) -> list[Item]:
    """Open needs noted ``open_need_days`` ago or more with no introduction for them."""
    items = []
    for need in data.needs:
        due = need.noted_on + timedelta(days=config.open_need_days)
        if due > data.as_of:
            continue
        items.append(
            Item(
                "open_need",
                need.person_id,
                due,
                need.noted_on,
                _("Needs: {text}").format(text=need.text),
                _("Ask around"),
                data.as_of,
                need.id,
                {"need": {"id": need.id, "text": need.text, "noted_on": need.noted_on.isoformat()}},
            )
        )
    return items


def promise_items(data: JournalData, config: Config) -> list[Item]:
    """Promises not done by their due date (made + ``promise_days`` when none was given)."""
    items = []
    for offer in data.promises:
        due = offer.due_on or offer.offered_on + timedelta(days=config.promise_days)
        if due > data.as_of or offer.offered_on > data.as_of:
            continue
        items.append(
            Item(
                "promise",
                offer.person_id,
                due,
                offer.offered_on,
                _("You promised: {text}").format(text=offer.text),
                _("Keep it, or say when"),
                data.as_of,
                offer.id,
                {
                    "offer": {
                        "id": offer.id,
                        "text": offer.text,
                        "offered_on": offer.offered_on.isoformat(),
                        "due_on": due.isoformat(),
                    }
                },
            )
        )
    return items


def check_in_items(data: JournalData, config: Config) -> list[Item]:
    """Check-ins after help given or an introduction; thanks after help received."""
    items = []
    for offer in data.help_given:
        assert offer.done_on is not None
        due = offer.done_on + timedelta(days=config.check_in_days)
        if due > data.as_of or data.in_touch_since(offer.person_id, offer.done_on):
            continue
        items.append(
            Item(
                "check_in_help",
                offer.person_id,
                due,
                offer.done_on,
                _("You helped: {text}").format(text=offer.text),
                _("Ask if it helped"),
                data.as_of,
                offer.id,
                {
                    "offer": {
                        "id": offer.id,
                        "text": offer.text,
                        "done_on": offer.done_on.isoformat(),
                    }
                },
            )
        )
    for intro in data.intros:
        due = intro.on + timedelta(days=config.check_in_days)
        if due > data.as_of or intro.settled:
            continue
        # Ask the person who had the need; without a need, the first person named.
        pid = intro.a_id
        if intro.need_person_id in (intro.a_id, intro.b_id):
            assert intro.need_person_id is not None
            pid = intro.need_person_id
        other = intro.b_id if pid == intro.a_id else intro.a_id
        if data.in_touch_since(pid, intro.on):
            continue
        other_name = data.name(other)
        if intro.need_text:
            detail = _("Introduced to {other} for: {need}").format(
                other=other_name, need=intro.need_text
            )
        else:
            detail = _("Introduced to {other}").format(other=other_name)
        need = (
            {"id": intro.need_id, "text": intro.need_text}
            if intro.need_id is not None and intro.need_text is not None
            else None
        )
        items.append(
            Item(
                "check_in_intro",
                pid,
                due,
                intro.on,
                detail,
                _("Ask how it went"),
                data.as_of,
                intro.id,
                {
                    "introduction": {
                        "id": intro.id,
                        "other": {"id": other, "name": other_name},
                        "need": need,
                        "on": intro.on.isoformat(),
                    }
                },
            )
        )
    for offer in data.help_received:
        assert offer.done_on is not None
        due = offer.done_on + timedelta(days=config.thank_days)
        if due > data.as_of or data.in_touch_since(offer.person_id, offer.done_on):
            continue
        items.append(
            Item(
                "thank",
                offer.person_id,
                due,
                offer.done_on,
                _("Helped you: {text}").format(text=offer.text),
                _("Thank them"),
                data.as_of,
                offer.id,
                {
                    "offer": {
                        "id": offer.id,
                        "text": offer.text,
                        "received_on": offer.done_on.isoformat(),
                    }
                },
            )
        )
    return items


def all_items(data: JournalData, config: Config) -> dict[str, list[Item]]:
    """Every due item, by section, most overdue first; follow-ups one per person."""
    reasons = follow_up_items(data) + keep_in_touch_items(data) + fresh_contact_items(data, config)
    sections = {
        "follow_ups": group_by_person(reasons),
        "introductions": open_need_items(data, config),
        "promises": promise_items(data, config),
        "check_ins": check_in_items(data, config),
    }
    for items in sections.values():
        items.sort(key=Item.sort_key)
    return sections


def group_by_person(items: Iterable[Item]) -> list[Item]:
    """One item per person: the most overdue reason, the others in ``others``."""
    by_person: dict[int, list[Item]] = {}
    for item in items:
        by_person.setdefault(item.person_id, []).append(item)
    grouped = []
    for reasons in by_person.values():
        reasons.sort(key=Item.sort_key)
        first = reasons[0]
        first.others = reasons[1:]
        grouped.append(first)
    return grouped


# --------------------------------------------------------------------------
# Putting it together
# --------------------------------------------------------------------------


def _week_only(sections: dict[str, list[Item]]) -> None:
    """Keep only the items that became due in the week ending on the review date."""
    for name, items in sections.items():
        kept = []
        for item in items:
            if item.days_overdue >= WEEK_DAYS:
                continue
            item.others = [o for o in item.others if o.days_overdue < WEEK_DAYS]
            kept.append(item)
        sections[name] = kept


def item_dict(item: Item, data: JournalData) -> dict[str, Any]:
    """The JSON form of an item (docs/review.md)."""
    result: dict[str, Any] = {
        "person": {"id": item.person_id, "name": data.name(item.person_id)},
        "reason": item.reason,
        "detail": item.detail,
        "due": item.due.isoformat(),
        "days_overdue": item.days_overdue,
        "since": item.since.isoformat() if item.since else None,
        "next": item.next,
    }
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
    matcher: Matcher | None = None,
) -> dict[str, Any]:
    """The review as JSON-ready data (top-level keys of SPEC.md).

    ``limit`` keeps the most overdue items of each section (None: all);
    ``summary["overdue"]`` says how many there are in all. ``week`` keeps only
    items that became due in the 7 days ending on ``as_of``. Suggestions are
    computed for the introduction items returned, and only for those.
    """
    data = load(conn, as_of, config)
    sections = all_items(data, config)
    if week:
        _week_only(sections)
    totals = {name: len(items) for name, items in sections.items()}
    if limit is not None:
        sections = {name: items[:limit] for name, items in sections.items()}
    if sections["introductions"]:
        if matcher is None:
            from netjournal.core.suggest import default_matcher

            matcher = default_matcher(as_of=as_of)
        _suggest(conn, sections["introductions"], matcher)
    for item in sections["introductions"]:
        item.extra.setdefault("suggestions", [])
    result: dict[str, Any] = {"as_of": as_of.isoformat()}
    for name in SECTIONS:
        result[name] = [item_dict(item, data) for item in sections[name]]
    result["summary"] = summary(conn, as_of)
    result["summary"]["overdue"] = {**totals, "total": sum(totals.values())}
    return result


def due_items(conn: sqlite3.Connection, as_of: date, config: Config) -> list[dict[str, Any]]:
    """Every due item of the review, most overdue first, without suggestions.

    Each item also names its ``section``; follow-ups are one per person as in
    the review.
    """
    data = load(conn, as_of, config)
    sections = all_items(data, config)
    flat = [(item, name) for name in SECTIONS for item in sections[name]]
    flat.sort(key=lambda pair: pair[0].sort_key())
    out = []
    for item, name in flat:
        record = item_dict(item, data)
        record["section"] = name
        out.append(record)
    return out
