"""The import merge, once for every format: find, then fill, skip or add.

A person matches an existing one by the same email (case-insensitive), or the
same :func:`names.name_key` and the same organisation (casefolded; both empty
counts as the same), where "Last, First" is the same name as "First Last";
never by a prefix. A match is merged: empty fields are
filled, tags, capabilities and notes not already there are added, nothing
non-empty is overwritten (an entry that adds nothing is skipped as
"unchanged"). Entries of one file also match each other, so importing the
same file twice changes nothing the second time (docs/import-export.md).
New people are created through :func:`netjournal.core.people.insert_person`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from netjournal.core import names
from netjournal.core.people import insert_person
from netjournal.errors import InvalidInput
from netjournal.formats.entries import ImportResult, Parsed
from netjournal.i18n import _, ngettext
from netjournal.text import clean_tag

#: Person fields an import may fill (never overwrite).
FILLABLE = (
    "org",
    "role",
    "email",
    "phone",
    "met_at",
    "met_on",
    "every",
    "birthday",
    "celebrates",
)


def norm_org(org: str | None) -> str:
    return " ".join((org or "").casefold().split())


class PeopleIndex:
    """Every person in memory, with the lookups of matching: built once per import."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.people: dict[int, dict[str, Any]] = {}
        self.by_email: dict[str, int] = {}
        self.by_key: dict[tuple[str, str], list[int]] = {}
        self.tags: dict[int, set[str]] = {}
        self.caps: dict[int, set[str]] = {}
        for row in conn.execute("SELECT * FROM people ORDER BY id"):
            person = dict(row)
            self._register(person)
        for pid, tag in conn.execute("SELECT person_id, tag FROM tags"):
            self.tags.setdefault(pid, set()).add(tag)
        for pid, text in conn.execute("SELECT person_id, text FROM capabilities"):
            self.caps.setdefault(pid, set()).add(text.casefold())
        row = conn.execute("SELECT max(id) FROM people").fetchone()
        self.next_id = int(row[0] or 0) + 1

    def _register(self, person: dict[str, Any]) -> None:
        pid = int(person["id"])
        self.people[pid] = person
        if person.get("email"):
            self.by_email.setdefault(person["email"].casefold(), pid)
        for name_key in {person["name_key"], *names.match_keys(person["name"])}:
            ids = self.by_key.setdefault((name_key, norm_org(person.get("org"))), [])
            if pid not in ids:
                ids.append(pid)

    def find(
        self, name: str, org: str | None, emails: Iterable[str], taken: set[int] | None = None
    ) -> int | None:
        for email in emails:
            pid = self.by_email.get(email.casefold())
            if pid is not None:
                return pid
        # "Santoso, Budi" is Budi Santoso (names.match_keys).
        for name_key in names.match_keys(name):
            for pid in self.by_key.get((name_key, norm_org(org)), []):
                if taken is None or pid not in taken:
                    return pid
        return None

    def add(self, values: dict[str, Any], today: date, person_id: int | None = None) -> int:
        pid = person_id if person_id is not None else self.next_id
        self.next_id = max(self.next_id, pid + 1)
        person = {
            "id": pid,
            "name": values["name"],
            "name_key": names.name_key(values["name"]),
            "created_on": values.get("created_on") or today.isoformat(),
        }
        for key in (*FILLABLE, "notes"):
            person[key] = values.get(key)
        self._register(person)
        return pid


@dataclass
class Changes:
    """What an import will write: new people, filled fields, new tags and capabilities."""

    new: dict[int, None] = field(default_factory=dict)  # an ordered set
    updated: set[int] = field(default_factory=set)
    tags: list[tuple[int, str]] = field(default_factory=list)
    caps: list[tuple[int, str, str]] = field(default_factory=list)


def merge_into(
    index: PeopleIndex,
    pid: int,
    values: dict[str, Any],
    tags: Iterable[str],
    can: Iterable[tuple[str, str]],
    changes: Changes,
) -> bool:
    """Fill empty fields, add new tags, capabilities and notes; True when anything changed."""
    person = index.people[pid]
    changed = False
    for key in FILLABLE:
        value = values.get(key)
        if value and not person.get(key):
            person[key] = value
            changed = True
            if key == "email":
                index.by_email.setdefault(value.casefold(), pid)
    note = values.get("notes")
    if note:
        current = person.get("notes") or ""
        if note not in current:
            person["notes"] = f"{current}\n{note}" if current else note
            changed = True
    if changed and pid not in changes.new:
        changes.updated.add(pid)
    person_tags = index.tags.setdefault(pid, set())
    for tag in tags:
        if tag not in person_tags:
            person_tags.add(tag)
            changes.tags.append((pid, tag))
            changed = True
    person_caps = index.caps.setdefault(pid, set())
    for text, noted_on in can:
        if text.casefold() not in person_caps:
            person_caps.add(text.casefold())
            changes.caps.append((pid, text, noted_on))
            changed = True
    return changed


def _insert(conn: sqlite3.Connection, person: dict[str, Any], today: date) -> None:
    """Create one new person through the core, with the id and date the index gave them."""
    met_on = person.get("met_on")
    pid = insert_person(
        conn,
        today=today,
        name=person["name"],
        org=person.get("org"),
        role=person.get("role"),
        email=person.get("email"),
        phone=person.get("phone"),
        notes=person.get("notes"),
        every=person.get("every"),
        met_at=person.get("met_at"),
        met_on=date.fromisoformat(met_on) if met_on else None,
    )
    for key in ("birthday", "celebrates"):  # occasions (issue 15), already validated
        if person.get(key):
            conn.execute(f"UPDATE people SET {key} = ? WHERE id = ?", (person[key], pid))
    if pid != person["id"]:  # a JSON document keeps its ids, gaps included
        conn.execute("UPDATE people SET id = ? WHERE id = ?", (person["id"], pid))
    if person["created_on"] != today.isoformat():
        conn.execute(
            "UPDATE people SET created_on = ? WHERE id = ?", (person["created_on"], person["id"])
        )


def write_changes(
    conn: sqlite3.Connection, index: PeopleIndex, changes: Changes, today: date
) -> None:
    """Write what :func:`merge_into` and :meth:`PeopleIndex.add` collected.

    In the caller's transaction; new people go through the core's ``insert_person``.
    """
    for pid in changes.new:
        _insert(conn, index.people[pid], today)
    settable = (*FILLABLE, "notes")
    conn.executemany(
        f"UPDATE people SET {', '.join(f'{c} = ?' for c in settable)} WHERE id = ?",
        [(*(index.people[pid][c] for c in settable), pid) for pid in sorted(changes.updated)],
    )
    conn.executemany("INSERT OR IGNORE INTO tags (person_id, tag) VALUES (?, ?)", changes.tags)
    conn.executemany(
        "INSERT INTO capabilities (person_id, text, noted_on) VALUES (?, ?, ?)", changes.caps
    )


def too_many_errors(parsed: Parsed | ImportResult) -> InvalidInput:
    first = parsed.errors[0]
    more = len(parsed.errors) - 1
    tail = (
        ngettext(" (and {n} more bad row)", " (and {n} more bad rows)", more).format(n=more)
        if more
        else ""
    )
    return InvalidInput(
        _(
            "{path} {problem}{tail}; nothing was imported (--skip-bad imports "
            "the good rows and lists the bad ones)"
        ).format(path=parsed.source, problem=first, tail=tail)
    )


def import_entries(
    conn: sqlite3.Connection,
    parsed: Parsed,
    *,
    today: date,
    skip_bad: bool = False,
    dry_run: bool = False,
    extra_tags: list[str] | None = None,
) -> ImportResult:
    """Match and merge ``parsed.entries`` into the journal (inside the caller's transaction).

    Raises InvalidInput, writing nothing, when the file has bad rows and
    ``skip_bad`` is false. With ``dry_run`` nothing is written either, but the
    counts are those a real import would give.
    """
    if parsed.errors and not skip_bad:
        raise too_many_errors(parsed)
    result = ImportResult(
        source=parsed.source,
        kind=parsed.kind,
        encoding=parsed.encoding,
        dry_run=dry_run,
        errors=list(parsed.errors),
        warnings=[*parsed.warnings, *parsed.skipped],
    )
    result.skipped = len(parsed.errors) + len(parsed.skipped)
    tags_for_all = [clean_tag(t) for t in extra_tags or []]
    index = PeopleIndex(conn)
    changes = Changes()
    for entry in parsed.entries:
        assert entry.name is not None
        values = {key: getattr(entry, key) for key in ("name", *FILLABLE, "notes")}
        emails = [e for e in (entry.email, *entry.other_emails) if e]
        tags = list(dict.fromkeys([*entry.tags, *tags_for_all]))
        can = [(text, today.isoformat()) for text in entry.can]
        pid = index.find(entry.name, entry.org, emails)
        if pid is None:
            pid = index.add(values, today)
            changes.new[pid] = None
            merge_into(index, pid, {}, tags, can, changes)
            result.added += 1
            result.added_ids.append(pid)
        else:
            if not merge_into(index, pid, values, tags, can, changes):
                result.unchanged += 1
            result.merged += 1
            if pid not in result.merged_ids and pid not in changes.new:
                result.merged_ids.append(pid)
        # the other addresses of a card find the same person next time
        for email in emails:
            index.by_email.setdefault(email.casefold(), pid)
    if not dry_run:
        write_changes(conn, index, changes, today)
    return result
