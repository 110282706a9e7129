"""Getting data out: the whole journal as JSON, people as CSV and vCard, reminders as ICS.

Every function takes an open connection (a read snapshot) and ``today`` and
returns the document; :func:`write_output` puts it in a file (0600, never
overwriting unless asked). Nothing here prints.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import re
import sqlite3
import tempfile
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from netjournal.errors import Conflict, InvalidInput
from netjournal.i18n import _

RECORD_TABLES = ("interactions", "needs", "offers", "introductions", "followups")
_PERSON_COLUMNS = {"person_id": "person", "a_id": "a", "b_id": "b"}
CAN_HEADING = "Can help with:"


# --------------------------------------------------------------------------
# JSON: the whole journal
# --------------------------------------------------------------------------


def _table_exists(conn: sqlite3.Connection, table: str) -> bool:
    return (
        conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
        ).fetchone()
        is not None
    )


def export_json(conn: sqlite3.Connection, *, today: date) -> dict[str, Any]:
    """The whole journal as one document (docs/import-export.md describes the keys).

    Records keep the database's column names, except that ``person_id``,
    ``a_id`` and ``b_id`` become ``person``, ``a`` and ``b`` (``{"id", "name"}``).
    Columns added by later migrations are exported as they are.
    """
    from netjournal.db.journal import SCHEMA_VERSION

    names: dict[int, str] = {}
    tags: dict[int, list[str]] = {}
    caps: dict[int, list[dict[str, Any]]] = {}
    for pid, tag in conn.execute("SELECT person_id, tag FROM tags ORDER BY person_id, tag"):
        tags.setdefault(pid, []).append(tag)
    for row in conn.execute("SELECT * FROM capabilities ORDER BY id"):
        caps.setdefault(row["person_id"], []).append(
            {"text": row["text"], "noted_on": row["noted_on"]}
        )
    people = []
    for row in conn.execute("SELECT * FROM people ORDER BY id"):
        record = {k: row[k] for k in row.keys() if k != "name_key"}  # noqa: SIM118 (Row)
        names[row["id"]] = row["name"]
        record["tags"] = tags.get(row["id"], [])
        record["capabilities"] = caps.get(row["id"], [])
        people.append(record)
    doc: dict[str, Any] = {
        "format": "netjournal",
        "schema_version": SCHEMA_VERSION,
        "exported_on": today.isoformat(),
        "people": people,
    }
    for table in RECORD_TABLES:
        items = []
        for row in conn.execute(f"SELECT * FROM {table} ORDER BY id"):
            item: dict[str, Any] = {}
            for key in row.keys():  # noqa: SIM118 (a Row iterates values)
                if key in _PERSON_COLUMNS:
                    pid = row[key]
                    item[_PERSON_COLUMNS[key]] = {"id": pid, "name": names.get(pid)}
                else:
                    item[key] = row[key]
            items.append(item)
        doc[table] = items
    if _table_exists(conn, "synonyms"):
        # The curated default groups come with every journal (a migration seeds
        # them): only the user's own synonyms travel.
        columns = [r[1] for r in conn.execute("PRAGMA table_info(synonyms)")]
        where = " WHERE origin <> 'default'" if "origin" in columns else ""
        doc["synonyms"] = [
            dict(r) for r in conn.execute(f"SELECT * FROM synonyms{where} ORDER BY rowid")
        ]
    return doc


def json_text(doc: dict[str, Any]) -> str:
    import json

    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


# --------------------------------------------------------------------------
# CSV: people, one row each
# --------------------------------------------------------------------------

CSV_COLUMNS = (
    "id",
    "name",
    "org",
    "role",
    "email",
    "phone",
    "tags",
    "met_on",
    "met_at",
    "every",
    "last_contact",
    "open_needs",
    "can",
    "notes",
)


_PHONE_LIKE = re.compile(r"[+-][\d ()./-]*")


def _cell(value: object) -> object:
    """Keep spreadsheets from running a cell as a formula (CSV injection).

    A text starting with ``=`` or ``@``, or with ``+``/``-`` followed by more
    than a phone number, gets a leading apostrophe, which spreadsheets hide.
    """
    if not isinstance(value, str) or not value:
        return value
    if value[0] in "=@\t\r" or (value[0] in "+-" and not _PHONE_LIKE.fullmatch(value)):
        return "'" + value
    return value


def export_csv(conn: sqlite3.Connection) -> str:
    """People with open needs and last contact; ``nj import csv`` reads the header back."""
    from netjournal.core.views import list_people

    needs: dict[int, list[str]] = {}
    for pid, text in conn.execute(
        "SELECT person_id, text FROM needs WHERE status = 'open' ORDER BY noted_on, id"
    ):
        needs.setdefault(pid, []).append(text)
    caps: dict[int, list[str]] = {}
    for pid, text in conn.execute("SELECT person_id, text FROM capabilities ORDER BY id"):
        caps.setdefault(pid, []).append(text)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for p in list_people(conn, sort="id"):
        writer.writerow(
            _cell(v)
            for v in [
                p["id"],
                p["name"],
                p["org"] or "",
                p["role"] or "",
                p["email"] or "",
                p["phone"] or "",
                ", ".join(p["tags"]),
                p["met_on"] or "",
                p["met_at"] or "",
                p["every"] or "",
                p["last_contact"] or "",
                " | ".join(needs.get(p["id"], [])),
                " | ".join(caps.get(p["id"], [])),
                p["notes"] or "",
            ]
        )
    return buffer.getvalue()


# --------------------------------------------------------------------------
# vCard 3.0
# --------------------------------------------------------------------------


def _split_name(name: str) -> tuple[str, str]:
    """(given, family): the last word is the family name; one-word names have none."""
    parts = name.rsplit(" ", 1)
    return (parts[0], parts[1]) if len(parts) == 2 else (name, "")


def export_vcard(conn: sqlite3.Connection) -> str:
    """Every person as a vCard 3.0: notes and capabilities in NOTE, tags in CATEGORIES.

    Capabilities are also in ``X-NETJOURNAL-CAN`` (one per line), and where and
    when you met in ``X-NETJOURNAL-MET-ON``/``-MET-AT``, so that ``nj import
    vcard`` reads back what other programs show as plain notes.
    """
    import vobject

    tags: dict[int, list[str]] = {}
    for pid, tag in conn.execute("SELECT person_id, tag FROM tags ORDER BY tag"):
        tags.setdefault(pid, []).append(tag)
    caps: dict[int, list[str]] = {}
    for pid, text in conn.execute("SELECT person_id, text FROM capabilities ORDER BY id"):
        caps.setdefault(pid, []).append(text)
    chunks: list[str] = []
    for row in conn.execute("SELECT * FROM people ORDER BY id"):
        pid = int(row["id"])
        card = vobject.vCard()
        card.add("version").value = "3.0"
        card.add("uid").value = f"person-{pid}@netjournal"
        card.add("fn").value = row["name"]
        given, family = _split_name(row["name"])
        card.add("n").value = vobject.vcard.Name(family=family, given=given)
        if row["org"]:
            card.add("org").value = [row["org"]]
        if row["role"]:
            card.add("title").value = row["role"]
        if row["email"]:
            email = card.add("email")
            email.value = row["email"]
            email.type_param = "INTERNET"
        if row["phone"]:
            card.add("tel").value = row["phone"]
        note = row["notes"] or ""
        can = caps.get(pid, [])
        if can:
            section = CAN_HEADING + "\n" + "\n".join(f"- {c}" for c in can)
            note = f"{note}\n\n{section}" if note else section
        if note:
            card.add("note").value = note
        if tags.get(pid):
            card.add("categories").value = tags[pid]
        for text in can:
            card.add("x-netjournal-can").value = text
        if row["met_on"]:
            card.add("x-netjournal-met-on").value = row["met_on"]
        if row["met_at"]:
            card.add("x-netjournal-met-at").value = row["met_at"]
        if row["every"]:
            card.add("x-netjournal-every").value = row["every"]
        chunks.append(card.serialize())
    return "".join(chunks)


# --------------------------------------------------------------------------
# iCalendar: open follow-ups, promises, check-ins
# --------------------------------------------------------------------------


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


def calendar_items(
    conn: sqlite3.Connection, *, today: date, check_in_days: int = 14, thank_days: int = 3
) -> list[CalendarItem]:
    """What belongs in the calendar, with its due date (SPEC.md's review rules).

    Open follow-ups on their date; promises not done on their due date;
    check-ins ``check_in_days`` after help given or an introduction (unless you
    have been in touch since or recorded an outcome) and a thank-you
    ``thank_days`` after help received (unless in touch since). Future items
    are included too: a calendar is for what is coming.
    """
    last = _last_contacts(conn)
    items: list[CalendarItem] = []

    def since(pid: int, day: str) -> bool:
        return last.get(pid, "") > day

    def ref(pid: int, name: str) -> dict[str, Any]:
        return {"id": pid, "name": name}

    for r in conn.execute(
        "SELECT f.*, p.name FROM followups f JOIN people p ON p.id = f.person_id "
        "WHERE f.done_on IS NULL ORDER BY f.id"
    ):
        note = f": {r['note']}" if r["note"] else ""
        items.append(
            CalendarItem(
                f"followup-{r['id']}@netjournal",
                date.fromisoformat(r["due_on"]),
                _("Follow up with {name}{note}").format(name=r["name"], note=note),
                _("Follow-up #{id} (nj followup done {id})").format(id=r["id"]),
                ref(r["person_id"], r["name"]),
                "follow_up",
            )
        )
    for r in conn.execute(
        "SELECT o.*, p.name FROM offers o JOIN people p ON p.id = o.person_id "
        "WHERE o.direction = 'given' AND o.status = 'promised' ORDER BY o.id"
    ):
        due = r["due_on"] or (date.fromisoformat(r["offered_on"]) + timedelta(days=7)).isoformat()
        items.append(
            CalendarItem(
                f"promise-{r['id']}@netjournal",
                date.fromisoformat(due),
                _("Promise to {name}: {text}").format(name=r["name"], text=r["text"]),
                _("Promised on {on}; offer #{id} (nj offer done {id})").format(
                    on=r["offered_on"], id=r["id"]
                ),
                ref(r["person_id"], r["name"]),
                "promise",
            )
        )
    for r in conn.execute(
        "SELECT o.*, p.name FROM offers o JOIN people p ON p.id = o.person_id "
        "WHERE o.status = 'done' AND o.done_on IS NOT NULL ORDER BY o.id"
    ):
        if since(r["person_id"], r["done_on"]):
            continue
        done = date.fromisoformat(r["done_on"])
        if r["direction"] == "given":
            items.append(
                CalendarItem(
                    f"checkin-help-{r['id']}@netjournal",
                    done + timedelta(days=check_in_days),
                    _("Ask {name} whether it helped: {text}").format(
                        name=r["name"], text=r["text"]
                    ),
                    _("You helped on {on} (offer #{id})").format(on=r["done_on"], id=r["id"]),
                    ref(r["person_id"], r["name"]),
                    "check_in_help",
                )
            )
        else:
            items.append(
                CalendarItem(
                    f"thank-{r['id']}@netjournal",
                    done + timedelta(days=thank_days),
                    _("Thank {name}: {text}").format(name=r["name"], text=r["text"]),
                    _("Help received on {on} (offer #{id})").format(on=r["done_on"], id=r["id"]),
                    ref(r["person_id"], r["name"]),
                    "thank",
                )
            )
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
        if since(pid, r["on_date"]):
            continue
        items.append(
            CalendarItem(
                f"checkin-intro-{r['id']}@netjournal",
                date.fromisoformat(r["on_date"]) + timedelta(days=check_in_days),
                _("Ask {name} how the introduction to {other} went").format(name=name, other=other),
                _("Introduced on {on} (introduction #{id}; nj intro outcome {id} TEXT)").format(
                    on=r["on_date"], id=r["id"]
                ),
                ref(pid, name),
                "check_in_intro",
            )
        )
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
                _("Due {due} ({n} days overdue). ").format(
                    due=item.due.isoformat(), n=(today - item.due).days
                )
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


# --------------------------------------------------------------------------
# Writing the output file
# --------------------------------------------------------------------------


def write_output(path: Path, data: bytes, *, force: bool = False) -> None:
    """Write ``data`` to ``path`` (0600, atomically); refuse to overwrite unless ``force``."""
    if path.is_dir():
        raise InvalidInput(_("{path} is a folder; give a file name").format(path=path))
    if path.exists() and not force:
        raise Conflict(_("{path} already exists; use --force to overwrite it").format(path=path))
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise InvalidInput(_("The folder {folder} does not exist").format(folder=folder))
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise InvalidInput(
            _("Cannot write in {folder}: {err}").format(folder=folder, err=exc.strerror or exc)
        ) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, 0o600)
        if force:
            os.replace(tmp_name, path)
        else:
            try:
                os.link(tmp_name, path)  # fails if someone created it meanwhile
            except FileExistsError:
                raise Conflict(
                    _("{path} already exists; use --force to overwrite it").format(path=path)
                ) from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
