"""Typed records of the journal and their JSON (docs/ledger.md, "JSON").

Each record is a frozen dataclass built from one row (``from_row``) with one
``to_json``: the shape that ``--json``, the exports and the person card
print. Every item that concerns a person names it as a :class:`PersonRef`
(``{"id": ..., "name": ...}``); dates are ISO strings; ids are integers.
Key order is part of the output (tests and docs pin it).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

#: A row as read from SQLite, or a mapping with the same keys.
Row = sqlite3.Row | Mapping[str, Any]


@dataclass(frozen=True)
class PersonRef:
    """Who an item concerns."""

    id: int
    name: str

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name}

    @classmethod
    def of(cls, person_id: Any, name: Any) -> PersonRef:
        return cls(int(person_id), name)


@dataclass(frozen=True)
class PersonSummary:
    """A person's own fields, their tags and their last contact (people lists, the card)."""

    id: int
    name: str
    org: str | None
    role: str | None
    email: str | None
    phone: str | None
    tags: tuple[str, ...]
    met_at: str | None
    met_on: str | None
    every: str | None
    notes: str | None
    created_on: str
    last_contact: str | None

    @classmethod
    def from_row(
        cls, row: Row, tags: list[str] | tuple[str, ...], last_contact: str | None
    ) -> PersonSummary:
        return cls(
            int(row["id"]),
            row["name"],
            row["org"],
            row["role"],
            row["email"],
            row["phone"],
            tuple(tags),
            row["met_at"],
            row["met_on"],
            row["every"],
            row["notes"],
            row["created_on"],
            last_contact,
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "org": self.org,
            "role": self.role,
            "email": self.email,
            "phone": self.phone,
            "tags": list(self.tags),
            "met_at": self.met_at,
            "met_on": self.met_on,
            "every": self.every,
            "notes": self.notes,
            "created_on": self.created_on,
            "last_contact": self.last_contact,
        }


@dataclass(frozen=True)
class Need:
    """What someone is looking for; ``introductions`` are the ids made for it."""

    id: int
    person: PersonRef
    text: str
    noted_on: str
    status: str
    closed_on: str | None
    note: str | None
    introductions: tuple[int, ...]

    @classmethod
    def from_row(cls, row: Row, person: PersonRef) -> Need:
        """``row`` has the needs columns plus ``intro_ids`` (a group_concat, or None)."""
        ids = sorted(int(x) for x in (row["intro_ids"] or "").split(",") if x)
        return cls(
            int(row["id"]),
            person,
            row["text"],
            row["noted_on"],
            row["status"],
            row["closed_on"],
            row["note"],
            tuple(ids),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "person": self.person.to_json(),
            "text": self.text,
            "noted_on": self.noted_on,
            "status": self.status,
            "closed_on": self.closed_on,
            "note": self.note,
            "introductions": list(self.introductions),
        }


@dataclass(frozen=True)
class Offer:
    """Help promised, given or received.

    ``offers.done_on`` holds the day an offer was closed, done or dropped;
    here it is split into ``done_on`` and ``dropped_on``. ``days_overdue`` is
    known only when the record was read with a "today" (``dated``); the
    person card prints offers without it.
    """

    id: int
    person: PersonRef
    text: str
    direction: str
    offered_on: str
    due_on: str | None
    status: str
    done_on: str | None
    dropped_on: str | None
    note: str | None
    days_overdue: int | None = None
    dated: bool = True

    @classmethod
    def from_row(
        cls, row: Row, person: PersonRef, *, days_overdue: int | None = None, dated: bool = True
    ) -> Offer:
        status = row["status"]
        return cls(
            int(row["id"]),
            person,
            row["text"],
            row["direction"],
            row["offered_on"],
            row["due_on"],
            status,
            row["done_on"] if status == "done" else None,
            row["done_on"] if status == "dropped" else None,
            row["note"],
            days_overdue,
            dated,
        )

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "person": self.person.to_json(),
            "text": self.text,
            "direction": self.direction,
            "offered_on": self.offered_on,
            "due_on": self.due_on,
            "status": self.status,
            "done_on": self.done_on,
            "dropped_on": self.dropped_on,
            "note": self.note,
        }
        if self.dated:
            out["days_overdue"] = self.days_overdue
        return out


@dataclass(frozen=True)
class IntroNeed:
    """The need an introduction was made for."""

    id: int
    text: str
    person: PersonRef
    status: str

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "person": self.person.to_json(),
            "status": self.status,
        }


@dataclass(frozen=True)
class Introduction:
    """You introduced ``a`` and ``b``; ``other`` is set on a person's card (the one not them)."""

    id: int
    a: PersonRef
    b: PersonRef
    need: IntroNeed | None
    on: str
    note: str | None
    outcome: str | None
    outcome_on: str | None
    other: PersonRef | None = None
    #: The outcome's verdict: "worked", "did_not_work" or None (none given).
    result: str | None = None

    @classmethod
    def from_row(cls, row: Row, *, seen_from: int | None = None) -> Introduction:
        """``row`` is introductions joined with ``a_name``, ``b_name`` and ``need_*``."""
        a = PersonRef.of(row["a_id"], row["a_name"])
        b = PersonRef.of(row["b_id"], row["b_name"])
        need = None
        if row["need_id"] is not None and row["need_text"] is not None:
            need = IntroNeed(
                int(row["need_id"]),
                row["need_text"],
                PersonRef.of(row["need_person_id"], row["need_person_name"]),
                row["need_status"],
            )
        other = None if seen_from is None else (b if a.id == seen_from else a)
        return cls(
            int(row["id"]),
            a,
            b,
            need,
            row["on_date"],
            row["note"],
            row["outcome"],
            row["outcome_on"],
            other,
            row["result"] if "result" in row.keys() else None,  # noqa: SIM118 (sqlite3.Row)
        )

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "a": self.a.to_json(), "b": self.b.to_json()}
        if self.other is not None:
            out["other"] = self.other.to_json()
        out.update(
            {
                "need": self.need.to_json() if self.need else None,
                "on": self.on,
                "note": self.note,
                "outcome": self.outcome,
                "outcome_on": self.outcome_on,
                "result": self.result,
            }
        )
        return out


@dataclass(frozen=True)
class Followup:
    """A reminder to get back to someone on ``due_on``.

    ``status`` (done, overdue, due, upcoming) and the day counts are known
    only when read with a "today" (``dated``); the person card prints
    follow-ups without them.
    """

    id: int
    person: PersonRef
    due_on: str
    note: str | None
    created_on: str
    done_on: str | None
    status: str | None = None
    days_overdue: int | None = None
    due_in_days: int | None = None
    dated: bool = True

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "person": self.person.to_json(),
            "due_on": self.due_on,
            "note": self.note,
            "created_on": self.created_on,
            "done_on": self.done_on,
        }
        if self.dated:
            out.update(
                {
                    "status": self.status,
                    "days_overdue": self.days_overdue,
                    "due_in_days": self.due_in_days,
                }
            )
        return out
