"""netjournal's own JSON document: the whole journal out, and back in.

Export streams: records are written as they come from the cursor, so memory
stays flat however large the journal; the text is exactly what
``json.dumps(doc, ensure_ascii=False, indent=2)`` gives for the whole
document. Import reads the document's lists item by item (see ``jsonscan``)
and inserts them section by section, in one transaction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO

from netjournal.db.schema import BECAME
from netjournal.errors import InvalidInput
from netjournal.formats.entries import Entry, ImportResult, Problem, clean_entry
from netjournal.formats.files import VCARD_BEGIN, decode, read_bytes
from netjournal.formats.jsonrecords import (
    PERSON_COLUMNS,
    RECORD_TABLES,
    DocError,
    check_date,
    import_plain,
    import_records,
    table_exists,
    where_,
)
from netjournal.formats.jsonscan import NotScanned, Section, scan
from netjournal.formats.merge import Changes, PeopleIndex, merge_into, write_changes
from netjournal.i18n import _


def read_json(
    path: Path, passphrase: Callable[[], str] | None = None
) -> tuple[dict[str, Any], str]:
    """Load and check the outline of a netjournal JSON document.

    An encrypted export (formats/sealed.py) is recognised by its first bytes
    and opened with ``passphrase()``.
    """
    import json

    from netjournal.db.journal import SCHEMA_VERSION

    source = str(path)
    data = read_bytes(path)
    from netjournal.formats import sealed

    if sealed.is_sealed(data):
        if passphrase is None:
            raise InvalidInput(_("{path} is an encrypted export").format(path=source))
        data = sealed.unseal(data, passphrase(), source)
    text, used = decode(data, source, fallback=False)
    head = text.lstrip()[:100]
    if VCARD_BEGIN.match(head.split("\n", 1)[0].strip()):
        raise InvalidInput(
            _(
                "{path} is a vCard file, not a netjournal JSON document: try 'nj import vcard'"
            ).format(path=source)
        )
    try:
        doc = scan(text)  # lists are parsed item by item as the import reads them
    except NotScanned:
        try:
            doc = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InvalidInput(
                _(
                    "{path} line {line} column {col}: not valid JSON ({why}); "
                    "is the file truncated?"
                ).format(path=source, line=exc.lineno, col=exc.colno, why=exc.msg)
            ) from None
    if not isinstance(doc, dict) or doc.get("format") != "netjournal":
        raise InvalidInput(
            _(
                '{path} is JSON but not a netjournal export (no "format": '
                "\"netjournal\"); make one with 'nj export json'"
            ).format(path=source)
        )
    version = doc.get("schema_version")
    if not isinstance(version, int) or version < 1:
        raise InvalidInput(_("{path} has no valid schema_version").format(path=source))
    if version > SCHEMA_VERSION:
        raise InvalidInput(
            _(
                "{path} was exported by a newer netjournal (schema {found}; this "
                "version knows up to {known}); upgrade netjournal"
            ).format(path=source, found=version, known=SCHEMA_VERSION)
        )
    if not isinstance(doc.get("people"), (list, Section)):
        raise InvalidInput(_('{path} has no "people" list').format(path=source))
    for table in (*RECORD_TABLES, "synonyms", "events"):
        if table in doc and not isinstance(doc[table], (list, Section)):
            raise InvalidInput(
                _('{path}: "{table}" must be a list').format(path=source, table=table)
            )
    return doc, used


def _person(
    raw: Any, where: str, today: date, warnings: list[Problem]
) -> tuple[Entry, dict[str, Any], list[tuple[str, str]]]:
    """One person of the document: (cleaned entry, values to store, capabilities with dates)."""
    entry = Entry(line=0, name=raw.get("name") if isinstance(raw.get("name"), str) else None)
    for key in ("org", "role", "email", "phone", "notes", "met_at"):
        value = raw.get(key)
        setattr(entry, key, value if isinstance(value, str) else None)
    tags = raw.get("tags")
    if tags is not None and not isinstance(tags, list):
        # "vip" would be split into letters, 5 is not a tag at all: say so.
        raise DocError(
            _('{where} ({name}): "tags" must be a list of words, such as ["vip"]').format(
                where=where, name=entry.name or "?"
            )
        )
    entry.tags = [t for t in tags or [] if isinstance(t, str)]
    birthday, celebrates = raw.get("birthday"), raw.get("celebrates")
    entry.birthday = birthday if isinstance(birthday, str) and birthday else None
    if isinstance(celebrates, list):
        celebrates = ",".join(c for c in celebrates if isinstance(c, str))
    entry.celebrates = celebrates if isinstance(celebrates, str) and celebrates else None
    caps = [c for c in raw.get("capabilities") or [] if isinstance(c, dict)]
    entry.can = [c["text"] for c in caps if isinstance(c.get("text"), str)]
    try:
        entry, notes = clean_entry(entry)
    except InvalidInput as exc:
        raise DocError(f"{where}: {exc.message}") from None
    warnings.extend(Problem(None, f"{where}: {w}") for w in notes)
    every = raw.get("every")
    if every is not None:
        from netjournal.dates import parse_interval

        every = str(parse_interval(str(every)))
    values = {key: getattr(entry, key) for key in ("name", "org", "role", "email", "phone")}
    values.update(
        met_at=entry.met_at,
        met_on=check_date(raw.get("met_on"), where, "met_on", False),
        every=every,
        notes=entry.notes,
        birthday=entry.birthday,
        celebrates=entry.celebrates,
        created_on=check_date(raw.get("created_on"), where, "created_on", False),
    )
    noted = {
        c["text"]: check_date(c.get("noted_on"), where, "noted_on", False) or today.isoformat()
        for c in caps
        if isinstance(c.get("text"), str)
    }
    can = [(text, noted.get(text, today.isoformat())) for text in entry.can]
    return entry, values, can


def _import_people(
    conn: sqlite3.Connection,
    people: list[Any],
    result: ImportResult,
    *,
    empty: bool,
    today: date,
) -> dict[int, int]:
    """Match and merge the people of the document; returns {id in the file: id here}."""
    index = PeopleIndex(conn)
    person_map: dict[int, int] = {}
    changes = Changes()
    taken: set[int] = set()
    for n, raw in enumerate(people):
        where = where_("people", n)
        if not isinstance(raw, dict) or not isinstance(raw.get("id"), int):
            raise DocError(_('{where}: a person needs an integer "id"').format(where=where))
        if raw["id"] in person_map:
            raise DocError(
                _("{where}: person id {id} appears twice").format(where=where, id=raw["id"])
            )
        entry, values, can = _person(raw, where, today, result.warnings)
        assert entry.name is not None
        emails = [entry.email] if entry.email else []
        pid = None if empty else index.find(entry.name, entry.org, emails, taken)
        if pid is None:
            pid = index.add(values, today, raw["id"] if empty else None)
            changes.new[pid] = None
            merge_into(index, pid, {}, entry.tags, can, changes)
            result.added += 1
            result.added_ids.append(pid)
        else:
            if not merge_into(index, pid, values, entry.tags, can, changes):
                result.unchanged += 1
            result.merged += 1
            result.merged_ids.append(pid)
        taken.add(pid)  # each person of the file is a different person
        person_map[raw["id"]] = pid
    if not result.dry_run:
        write_changes(conn, index, changes, today)
    return person_map


def import_json(
    conn: sqlite3.Connection,
    doc: dict[str, Any],
    *,
    source: str,
    today: date,
    dry_run: bool = False,
    encoding: str | None = None,
) -> ImportResult:
    """:func:`_import_json`, with one clear error for a value of a type no check expected.

    The sections are checked field by field; a hand-edited or damaged document
    can still hold a value somewhere none of them looks (a list where text
    goes, a number beyond SQLite's 64 bits). That is a bad document, not a bug:
    one error line, and the caller's transaction writes nothing.
    """
    try:
        return _import_json(
            conn, doc, source=source, today=today, dry_run=dry_run, encoding=encoding
        )
    except (OverflowError, TypeError, AttributeError) as exc:
        raise DocError(
            _(
                "{source}: a value has the wrong type or is a number too large to store "
                "({kind}); nothing was imported"
            ).format(source=source, kind=type(exc).__name__)
        ) from None


def _import_json(
    conn: sqlite3.Connection,
    doc: dict[str, Any],
    *,
    source: str,
    today: date,
    dry_run: bool = False,
    encoding: str | None = None,
) -> ImportResult:
    """Read a netjournal document into the journal (inside the caller's transaction).

    Into an empty journal it is an exact copy (same ids). Otherwise people are
    matched as in every import and merged, records get new ids, and a record
    already there (same person, date, kind and text) is not added again.
    ``doc`` comes from :func:`read_json`: its lists are read item by item
    (or dropped item by item), and each section leaves ``doc`` once written.
    """
    result = ImportResult(source=source, kind="json", dry_run=dry_run, encoding=encoding)
    empty = all(
        conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] == 0
        for t in ("people", *RECORD_TABLES)
    )
    extras: dict[int, dict[str, Any]] = {}
    people = _keep_extras(_drain(doc.pop("people")), extras)
    person_map = _import_people(conn, people, result, empty=empty, today=today)
    event_map = _import_events(conn, doc.pop("events", None) or [], today, dry_run)
    if not dry_run:
        _apply_extras(conn, extras, person_map)
    need_map: dict[int, int] = {}
    for table in RECORD_TABLES:
        items = _drain(doc.pop(table, None) or [])
        if table == "interactions":
            items = _map_events(items, event_map)
        result.records[table] = import_records(
            conn,
            table,
            items,
            person_map=person_map,
            need_map=need_map,
            keep_ids=empty,
            dry_run=dry_run,
            warnings=result.warnings,
        )
    synonyms = doc.pop("synonyms", None)
    if isinstance(synonyms, (list, Section)) and table_exists(conn, "synonyms"):
        result.records["synonyms"] = import_plain(
            conn, "synonyms", synonyms, keep_ids=empty, dry_run=dry_run
        )
    return result


# -- issue 15: events, referrals and the archive travel with the people ----------

_PERSON_EXTRAS = ("referred_by", "became", "became_on", "archived_on", "archive_note")


def _keep_extras(people: Any, extras: dict[int, dict[str, Any]]) -> Any:
    for raw in people:
        if isinstance(raw, dict) and isinstance(raw.get("id"), int):
            found = {k: raw[k] for k in _PERSON_EXTRAS if raw.get(k) is not None}
            if found:
                extras[raw["id"]] = found
        yield raw


def _apply_extras(
    conn: sqlite3.Connection, extras: dict[int, dict[str, Any]], person_map: dict[int, int]
) -> None:
    """Who referred whom (ids mapped), what they became, the archive; kept when set here."""
    for old, values in extras.items():
        pid = person_map.get(old)
        if pid is None:
            continue
        via = person_map.get(values.get("referred_by"))  # type: ignore[arg-type]
        conn.execute(
            "UPDATE people SET referred_by = coalesce(referred_by, ?), "
            "became = coalesce(became, ?), became_on = coalesce(became_on, ?), "
            "archived_on = coalesce(archived_on, ?), archive_note = coalesce(archive_note, ?) "
            "WHERE id = ?",
            (
                via if via != pid else None,
                values.get("became") if values.get("became") in BECAME else None,
                values.get("became_on"),
                values.get("archived_on"),
                values.get("archive_note"),
                pid,
            ),
        )


def _import_events(
    conn: sqlite3.Connection, events: Any, today: date, dry_run: bool
) -> dict[int, int]:
    """{event id in the file: event id here}; the same name on the same date is one event."""
    from netjournal.core.names import name_key

    found: dict[int, int] = {}
    for raw in _drain(events):
        if not isinstance(raw, dict) or not isinstance(raw.get("id"), int):
            continue
        name = " ".join(str(raw.get("name") or "").split())
        on = str(raw.get("on_date") or raw.get("on") or "")[:10]
        if not name or not on or dry_run:
            continue
        key = name_key(name)
        row = conn.execute(
            "SELECT id FROM events WHERE name_key = ? AND on_date = ?", (key, on)
        ).fetchone()
        if row is None:
            row = conn.execute(
                "INSERT INTO events (name, name_key, on_date, place, created_on) "
                "VALUES (?, ?, ?, ?, ?) RETURNING id",
                (name, key, on, raw.get("place"), raw.get("created_on") or today.isoformat()),
            ).fetchone()
        found[raw["id"]] = int(row[0])
    return found


def _map_events(items: Any, event_map: dict[int, int]) -> Any:
    for raw in items:
        if isinstance(raw, dict) and "event_id" in raw:
            raw = {**raw, "event_id": event_map.get(raw["event_id"])}
        yield raw


def _drain(items: list[Any] | Section) -> Any:
    """Yield the items of a section, or of a list while emptying it: each is freed once used."""
    if isinstance(items, Section):
        yield from items
        return
    items.reverse()
    while items:
        yield items.pop()


# --------------------------------------------------------------------------
# Export: the whole journal, streamed
# --------------------------------------------------------------------------


def _float(value: float) -> str:
    if value != value:
        return "NaN"
    if value in (float("inf"), float("-inf")):
        return "Infinity" if value > 0 else "-Infinity"
    return float.__repr__(value)


def _encoder() -> Any:
    """``encode(value, indent)``: what ``json.dumps(indent=2, ensure_ascii=False)`` writes.

    The standard library's C encoder is not used once ``indent`` is given, and
    its Python one is what made exports slow; this one knows only the types
    a journal holds (text, numbers, None, dicts and lists of them).
    """
    from json.encoder import encode_basestring

    scalars: dict[type, Any] = {
        str: encode_basestring,
        int: int.__repr__,
        float: _float,
        type(None): lambda _v: "null",
        bool: lambda v: "true" if v else "false",
    }

    def encode(value: Any, indent: str) -> str:
        scalar = scalars.get(type(value))
        if scalar is not None:
            return str(scalar(value))
        inner = indent + "  "
        sep = ",\n" + inner
        if isinstance(value, dict):
            if not value:
                return "{}"
            body = sep.join(
                f"{encode_basestring(str(k))}: {encode(v, inner)}" for k, v in value.items()
            )
            return "{\n" + inner + body + "\n" + indent + "}"
        if isinstance(value, (list, tuple)):
            if not value:
                return "[]"
            return "[\n" + inner + sep.join(encode(v, inner) for v in value) + "\n" + indent + "]"
        raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")

    return encode


class _Writer:
    """Top-level keys and list items in the layout of ``json.dumps(indent=2)``, in batches."""

    def __init__(self, out: BinaryIO) -> None:
        self.out = out
        self.parts: list[str] = ["{"]
        self.encode = _encoder()
        self.first_key = True

    def _flush(self, force: bool = False) -> None:
        if force or len(self.parts) >= 2000:
            self.out.write("".join(self.parts).encode())
            self.parts.clear()

    def key(self, name: str, value: Any) -> None:
        self.parts.append(("\n" if self.first_key else ",\n") + f'  "{name}": ')
        self.first_key = False
        self.parts.append(self.encode(value, "  "))

    def items(self, name: str, records: Any) -> int:
        self.key(name, [])
        self.parts.pop()  # "[]" unless there are items
        count = 0
        for record in records:
            text = record if type(record) is str else self.encode(record, "    ")
            self.parts.append(("[\n    " if not count else ",\n    ") + text)
            count += 1
            self._flush()
        self.parts.append("\n  ]" if count else "[]")
        return count

    def close(self) -> None:
        self.parts.append("\n}\n")
        self._flush(force=True)


def _people(conn: sqlite3.Connection, names: dict[int, str]) -> Any:
    tags: dict[int, list[str]] = {}
    caps: dict[int, list[dict[str, Any]]] = {}
    for pid, tag in conn.execute("SELECT person_id, tag FROM tags ORDER BY person_id, tag"):
        tags.setdefault(pid, []).append(tag)
    for pid, text, noted_on in conn.execute(
        "SELECT person_id, text, noted_on FROM capabilities ORDER BY id"
    ):
        caps.setdefault(pid, []).append({"text": text, "noted_on": noted_on})
    cursor = conn.cursor()
    cursor.row_factory = None
    cursor.execute("SELECT * FROM people ORDER BY id")
    columns = [d[0] for d in cursor.description]
    for row in cursor:
        record = {k: v for k, v in zip(columns, row, strict=True) if k != "name_key"}
        names[record["id"]] = record["name"]
        if "celebrates" in record:  # a list in JSON, like tags
            record["celebrates"] = [c for c in (record["celebrates"] or "").split(",") if c]
        record["tags"] = tags.get(record["id"], [])
        record["capabilities"] = caps.get(record["id"], [])
        yield record


def _records(conn: sqlite3.Connection, table: str, names: dict[int, str]) -> Any:
    """The records of a table as dicts (the person references filled in)."""
    cursor = conn.cursor()
    cursor.row_factory = None
    cursor.execute(f"SELECT * FROM {table} ORDER BY id")
    columns = [d[0] for d in cursor.description]
    keys = [PERSON_COLUMNS.get(c, c) for c in columns]
    refs = [(i, keys[i]) for i, c in enumerate(columns) if c in PERSON_COLUMNS]
    for row in cursor:
        record = dict(zip(keys, row, strict=True))
        for i, key in refs:  # in place: the key keeps its position
            record[key] = {"id": row[i], "name": names.get(row[i])}
        yield record


def _record_sql(conn: sqlite3.Connection, table: str) -> str:
    """A query giving each record as its JSON text (SQLite's ``json_quote`` escapes as
    ``json.dumps(ensure_ascii=False)`` does), a flag for rows holding a REAL, and the id.

    Floating-point numbers are the one thing SQLite writes differently from
    Python (``1.0e+20``): flagged rows are written by :func:`_records` instead.
    """
    from json.encoder import encode_basestring

    columns = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
    fields, joins, reals = [], [], []
    for n, column in enumerate(columns):
        key = encode_basestring(PERSON_COLUMNS.get(column, column))
        if column in PERSON_COLUMNS:
            joins.append(f'LEFT JOIN people p{n} ON p{n}.id = t."{column}"')
            value = (
                f'\'{{\n        "id": \' || json_quote(t."{column}") || '
                f"',\n        \"name\": ' || json_quote(p{n}.name) || '\n      }}'"
            )
        else:
            value = f'json_quote(t."{column}")'
            reals.append(f"typeof(t.\"{column}\") = 'real'")
        fields.append(f"'{key}: ' || {value}")
    record = "'{\n      ' || " + " || ',\n      ' || ".join(fields) + " || '\n    }'"
    return (
        f"SELECT {record}, {' OR '.join(reals) or '0'}, t.id FROM {table} t "
        f"{' '.join(joins)} ORDER BY t.id"
    )


def _record_texts(conn: sqlite3.Connection, table: str, names: dict[int, str]) -> Any:
    """The records of a table as JSON text made by SQLite, or as dicts where it cannot."""
    try:
        sql = _record_sql(conn, table)
        cursor = conn.cursor()
        cursor.row_factory = None
        cursor.execute(sql)
    except sqlite3.OperationalError:  # an SQLite without JSON functions
        yield from _records(conn, table, names)
        return
    for text, has_real, rid in cursor:
        if has_real:
            one = conn.execute(f"SELECT * FROM {table} WHERE id = ?", (rid,)).fetchone()
            record = {PERSON_COLUMNS.get(k, k): one[k] for k in one.keys()}  # noqa: SIM118
            for column, key in PERSON_COLUMNS.items():
                if column in one.keys():  # noqa: SIM118 (a Row iterates values)
                    record[key] = {"id": one[column], "name": names.get(one[column])}
            yield record
        else:
            yield text


def write_json(conn: sqlite3.Connection, out: BinaryIO, *, today: date) -> dict[str, int]:
    """Write the whole journal to ``out`` as one document; returns the count of each list.

    Records keep the database's column names, except that ``person_id``,
    ``a_id`` and ``b_id`` become ``person``, ``a`` and ``b`` (``{"id", "name"}``).
    Columns added by later migrations are exported as they are
    (docs/import-export.md describes the keys).
    """
    from netjournal.db.journal import SCHEMA_VERSION

    writer = _Writer(out)
    writer.key("format", "netjournal")
    writer.key("schema_version", SCHEMA_VERSION)
    writer.key("exported_on", today.isoformat())
    names: dict[int, str] = {}
    counts = {"people": writer.items("people", _people(conn, names))}
    if table_exists(conn, "events"):  # issue 15: before the interactions linked to them
        rows = conn.execute("SELECT id, name, on_date, place, created_on FROM events ORDER BY id")
        counts["events"] = writer.items("events", (dict(r) for r in rows))
    for table in RECORD_TABLES:
        counts[table] = writer.items(table, _record_texts(conn, table, names))
    if table_exists(conn, "synonyms"):
        # The curated default groups come with every journal (a migration seeds
        # them): only the user's own synonyms travel.
        columns = [r[1] for r in conn.execute("PRAGMA table_info(synonyms)")]
        where = " WHERE origin <> 'default'" if "origin" in columns else ""
        rows = conn.execute(f"SELECT * FROM synonyms{where} ORDER BY rowid")
        counts["synonyms"] = writer.items("synonyms", (dict(r) for r in rows))
    writer.close()
    return counts
