"""Getting people in: vCard, CSV, LinkedIn's Connections.csv and netjournal's JSON.

Reading and writing are separate steps. ``read_*`` turns a file into
:class:`Entry` objects (one per person, with the line it started on) plus the
problems found, without touching the journal; :func:`import_entries` then
matches every entry against the people already there and writes, in the
caller's transaction, only what is new.

Decisions (docs/import-export.md):

* A person matches an existing one by the same email (case-insensitive), or the
  same :func:`names.name_key` and the same organisation (casefolded; both empty
  counts as the same). A match is merged: empty fields are filled, tags,
  capabilities and notes not already there are added, nothing non-empty is
  overwritten. Entries of one file also match each other. So importing the same
  file twice changes nothing the second time.
* Control characters (C0/C1, such as escape codes) in imported fields are
  stripped and reported as a warning rather than failing the whole file; a
  field that is still invalid (too long, a bad email) makes the row bad.
* LinkedIn's "Connected On" becomes ``met_on`` (with ``met_at`` "LinkedIn");
  no "met" interaction is logged, so an import does not fill the weekly review
  with hundreds of "fresh contacts".

The core never prints: notes for the user come back in :class:`ImportResult`.
"""

from __future__ import annotations

import csv
import io
import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from netjournal.core import names
from netjournal.errors import InvalidInput, UsageProblem
from netjournal.i18n import _
from netjournal.text import MAX_LINE, MAX_TEXT, clean_line, clean_name, clean_tag, clean_text

Progress = Callable[[int, int], None]
"""``progress(done, total)``: called while reading large files (the CLI draws a bar)."""

#: Person fields an import may fill (never overwrite).
FILLABLE = ("org", "role", "email", "phone", "met_at", "met_on", "every")

# C0 controls (but tab, newline, carriage return), DEL and C1 controls.
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_MAX_MESSAGES = 1000


# --------------------------------------------------------------------------
# Results
# --------------------------------------------------------------------------


@dataclass
class Problem:
    """Something wrong with one row or card, with the line it starts on."""

    line: int | None
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {"line": self.line, "message": self.message}

    def __str__(self) -> str:
        if self.line is None:
            return self.message
        return _("line {line}: {message}").format(line=self.line, message=self.message)


@dataclass
class Entry:
    """One person read from a file (fields raw, validated by :func:`clean_entry`)."""

    line: int
    name: str | None = None
    org: str | None = None
    role: str | None = None
    email: str | None = None
    phone: str | None = None
    notes: str | None = None
    met_at: str | None = None
    met_on: str | None = None
    every: str | None = None
    tags: list[str] = field(default_factory=list)
    can: list[str] = field(default_factory=list)
    other_emails: list[str] = field(default_factory=list)


@dataclass
class Parsed:
    """What a reader found in a file, before anything is written."""

    source: str
    kind: str
    entries: list[Entry] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    skipped: list[Problem] = field(default_factory=list)
    encoding: str | None = None
    notes: list[str] = field(default_factory=list)


@dataclass
class ImportResult:
    source: str
    kind: str
    added: int = 0
    merged: int = 0
    unchanged: int = 0
    skipped: int = 0
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    encoding: str | None = None
    dry_run: bool = False
    added_ids: list[int] = field(default_factory=list)
    merged_ids: list[int] = field(default_factory=list)
    records: dict[str, int] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "file": self.source,
            "format": self.kind,
            "dry_run": self.dry_run,
            "added": self.added,
            "merged": self.merged,
            "unchanged": self.unchanged,
            "skipped": self.skipped,
            "errors": [p.as_dict() for p in self.errors],
            "warnings": [p.as_dict() for p in self.warnings],
            "encoding": self.encoding,
        }
        if self.kind == "json":
            data["records"] = self.records
        return data


# --------------------------------------------------------------------------
# Reading bytes: missing, empty, binary, encodings
# --------------------------------------------------------------------------

_MAGIC = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (an Excel .xlsx file? save it as CSV first)"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\xd0\xcf\x11\xe0", "an old Office document (save it as CSV first)"),
)

ENCODING_LABELS = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8 with BOM",
    "utf-16": "UTF-16",
    "cp1252": "Windows-1252 (Latin-1)",
}


def read_bytes(path: Path) -> bytes:
    """The file's bytes; InvalidInput when it is missing, a folder, unreadable or empty."""
    shown = str(path)
    if not path.exists():
        raise InvalidInput(_("No such file: {path}").format(path=shown))
    if path.is_dir():
        raise InvalidInput(_("{path} is a folder, not a file").format(path=shown))
    try:
        data = path.read_bytes()
    except PermissionError:
        raise InvalidInput(
            _("{path} cannot be read (permission denied)").format(path=shown)
        ) from None
    except OSError as exc:
        raise InvalidInput(
            _("{path} cannot be read: {err}").format(path=shown, err=exc.strerror or exc)
        ) from None
    if not data.strip():
        raise InvalidInput(_("{path} is empty; nothing to import").format(path=shown))
    return data


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def decode(
    data: bytes, source: str, *, encoding: str | None = None, fallback: bool = True
) -> tuple[str, str]:
    """Bytes -> (text, encoding used): UTF-8, UTF-8 with BOM, UTF-16 with BOM, then cp1252.

    Refuses binary files (a PNG given as contacts) and text that no encoding
    explains, naming the line of the first bad byte.
    """
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InvalidInput(
                _("{path} is {what}, not a text file to import").format(path=source, what=what)
            )
    if encoding is not None:
        try:
            return data.decode(encoding), encoding
        except LookupError:
            raise UsageProblem(_("Unknown encoding '{enc}'").format(enc=encoding)) from None
        except UnicodeDecodeError as exc:
            raise InvalidInput(
                _("{path} line {line}: not valid {enc} text").format(
                    path=source, line=_line_of(data, exc.start), enc=encoding
                )
            ) from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise InvalidInput(
                _("{path} starts like UTF-16 text but is not valid UTF-16").format(path=source)
            ) from None
    nul = data.find(b"\x00")
    if nul >= 0:
        raise InvalidInput(
            _(
                "{path} line {line}: contains NUL bytes: a binary file, or "
                "UTF-16 text without a byte-order mark; save it as UTF-8"
            ).format(path=source, line=_line_of(data, nul))
        )
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data.decode("utf-8-sig"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise InvalidInput(
                _("{path} line {line}: not valid UTF-8 text").format(
                    path=source, line=_line_of(data, exc.start + 3)
                )
            ) from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    if fallback:
        try:
            return data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            pass
    raise InvalidInput(
        _(
            "{path} line {line}: the text is neither UTF-8 nor Windows-1252 "
            "(Latin-1); save it as UTF-8 or pass --encoding"
        ).format(path=source, line=_line_of(data, first_bad))
    )


# --------------------------------------------------------------------------
# Cleaning one entry
# --------------------------------------------------------------------------


def _strip_controls(value: str | None, one_line: bool) -> tuple[str | None, bool]:
    if value is None:
        return None, False
    if one_line:
        value = value.replace("\r", " ").replace("\n", " ").replace("\t", " ")
    else:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    cleaned = _CONTROLS.sub("", value)
    return cleaned, cleaned != value


_FIELD_LABELS = {
    "name": "the name",
    "org": "the organisation",
    "role": "the role",
    "email": "the email",
    "phone": "the phone number",
    "notes": "the notes",
    "met_at": "the event",
    "tags": "a tag",
    "can": "a capability",
}


def _email(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    if value.lower().startswith("mailto:"):
        value = value[7:]
    value = value.strip()
    if not value:
        return None
    if "@" not in value or " " in value:
        raise InvalidInput(_("'{email}' is not an email address").format(email=value[:60]))
    return value


def clean_entry(entry: Entry) -> tuple[Entry, list[str]]:
    """Validate an entry in place with the rules of ``text.py``; returns it and warnings.

    Control characters are stripped (and reported); anything still invalid
    raises InvalidInput, which makes the row bad.
    """
    stripped: list[str] = []

    def one(name: str, value: str | None, max_len: int = MAX_LINE) -> str | None:
        value, changed = _strip_controls(value, one_line=True)
        if changed:
            stripped.append(_FIELD_LABELS.get(name, name))
        return clean_line(value, _FIELD_LABELS.get(name, name).capitalize(), max_len=max_len)

    name, changed = _strip_controls(entry.name, one_line=True)
    if changed:
        stripped.append(_FIELD_LABELS["name"])
    entry.name = clean_name(name or "")
    entry.org = one("org", entry.org)
    entry.role = one("role", entry.role)
    entry.phone = one("phone", entry.phone, max_len=40)
    entry.met_at = one("met_at", entry.met_at)
    entry.email = _email(one("email", entry.email))
    emails = []
    for other in entry.other_emails:
        try:
            clean = _email(one("email", other))
        except InvalidInput:
            continue  # extra addresses only help matching; a bad one is dropped
        if clean:
            emails.append(clean)
    entry.other_emails = emails
    notes, changed = _strip_controls(entry.notes, one_line=False)
    if changed:
        stripped.append(_FIELD_LABELS["notes"])
    entry.notes = clean_text(notes, _("The notes"), max_len=MAX_TEXT)
    tags: list[str] = []
    for tag in entry.tags:
        value = one("tags", tag, max_len=60)
        if value:
            clean = clean_tag(value)
            if clean not in tags:
                tags.append(clean)
    entry.tags = tags
    can: list[str] = []
    for text in entry.can:
        value, changed = _strip_controls(text, one_line=False)
        if changed:
            stripped.append(_FIELD_LABELS["can"])
        clean = clean_text(value, _("What they can help with"), max_len=2000)
        if clean and clean.casefold() not in {c.casefold() for c in can}:
            can.append(clean)
    entry.can = can
    warnings = []
    if stripped:
        warnings.append(
            _("removed control characters from {fields}").format(
                fields=", ".join(dict.fromkeys(stripped))
            )
        )
    return entry, warnings


def _finish(parsed: Parsed, raw: Iterable[Entry]) -> Parsed:
    """Clean every raw entry; nameless ones are skipped, invalid ones are errors."""
    for entry in raw:
        if not (entry.name or "").strip():
            parsed.skipped.append(Problem(entry.line, _("no name; skipped")))
            continue
        try:
            clean, warnings = clean_entry(entry)
        except InvalidInput as exc:
            parsed.errors.append(Problem(entry.line, exc.message))
            continue
        parsed.warnings.extend(Problem(entry.line, w) for w in warnings)
        parsed.entries.append(clean)
    return parsed


# --------------------------------------------------------------------------
# vCard
# --------------------------------------------------------------------------

_NEWLINE = re.compile(r"\r\n|\r|\n")
_BEGIN = re.compile(r"BEGIN\s*:\s*VCARD\s*$", re.IGNORECASE)
_END = re.compile(r"END\s*:\s*VCARD\s*$", re.IGNORECASE)
_PHOTO = re.compile(r"(?:[\w-]+\.)?(?:PHOTO|LOGO|SOUND|KEY)[;:]", re.IGNORECASE)
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_CAN_HEADING = "Can help with:"
# Google Contacts writes its system groups as categories: not the user's tags.
_SYSTEM_GROUPS = {"mycontacts", "starred", "* mycontacts", "* starred"}


def _split_cards(text: str, source: str) -> list[tuple[int, str]]:
    """(first line number, card text) for each BEGIN:VCARD ... END:VCARD.

    PHOTO, LOGO, SOUND and KEY properties (and their folded continuation lines)
    are dropped here: they are large, we ignore them, and broken ones are a
    known cause of failed imports. A BEGIN without END is a truncated file.
    """
    cards: list[tuple[int, str]] = []
    current: list[str] | None = None
    start = 0
    depth = 0
    skipping = False
    # Not str.splitlines(): it also splits at U+2028, form feeds and the like.
    for number, line in enumerate(_NEWLINE.split(text), 1):
        if skipping:
            if line[:1] in (" ", "\t") or (not line.strip() and depth):
                continue
            skipping = False
        if current is None:
            if _BEGIN.match(line.strip()):
                current, start, depth = [line.strip()], number, 1
            elif line.strip() and not cards:
                # Text before the first card: tolerated only if a card follows.
                continue
            continue
        if _BEGIN.match(line.strip()):
            depth += 1  # a nested card (AGENT): kept inside the outer one
        elif _END.match(line.strip()):
            depth -= 1
            if depth == 0:
                current.append(line.strip())
                cards.append((start, "\r\n".join(current) + "\r\n"))
                current = None
                continue
        elif _PHOTO.match(line):
            skipping = True
            continue
        current.append(line)
    if current is not None:
        raise InvalidInput(
            _(
                "{path} line {line}: a card begins here (BEGIN:VCARD) but never "
                "ends (no END:VCARD): the file looks truncated; nothing was "
                "imported"
            ).format(path=source, line=start)
        )
    if not cards:
        hint = ""
        head = text.lstrip()[:200].lower()
        if head.startswith(("{", "[")):
            hint = _(" (it looks like JSON: try 'nj import json')")
        elif "," in head.split("\n", 1)[0] or ";" in head.split("\n", 1)[0]:
            hint = _(" (it looks like CSV: try 'nj import csv' or 'nj import linkedin')")
        raise InvalidInput(
            _("{path} is not a vCard file: no BEGIN:VCARD line{hint}").format(
                path=source, hint=hint
            )
        )
    return cards


def _text_value(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, list):
        value = ", ".join(str(v) for v in value if str(v).strip())
    text = str(value).strip()
    return text or None


def _birthday(value: str) -> str | None:
    """'1985-04-15', '19850415', '--0415', '--04-15' -> 'Birthday: 15 April [1985]'."""
    digits = value.strip().split("T")[0]
    no_year = digits.startswith("--")
    digits = digits.replace("-", "")
    try:
        if no_year and len(digits) == 4:
            month, day = int(digits[:2]), int(digits[2:])
            year = None
        elif len(digits) == 8:
            year, month, day = int(digits[:4]), int(digits[4:6]), int(digits[6:])
        else:
            return None
        if not 1 <= month <= 12 or not 1 <= day <= 31:
            return None
    except ValueError:
        return None
    if year == 1604:  # Apple's "year omitted" (X-APPLE-OMIT-YEAR=1604)
        year = None
    when = f"{day} {_MONTHS[month - 1]}" + (f" {year}" if year else "")
    return _("Birthday: {when}").format(when=when)


def _preferred(children: list[Any]) -> list[Any]:
    """Children with a PREF marker first (vCard 2.1/3.0 TYPE=pref, 4.0 PREF=1)."""

    def is_pref(child: Any) -> bool:
        params = {k.upper(): [str(v).lower() for v in vs] for k, vs in child.params.items()}
        singles = [str(s).lower() for s in getattr(child, "singletonparams", [])]
        return "pref" in params.get("TYPE", []) or "PREF" in params or "pref" in singles

    return sorted(children, key=lambda c: not is_pref(c))


def _card_entry(card: Any, line: int) -> Entry:
    contents: dict[str, list[Any]] = card.contents
    entry = Entry(line=line)

    def first(key: str) -> Any:
        values = contents.get(key)
        return values[0].value if values else None

    entry.name = _text_value(first("fn"))
    if not entry.name and "n" in contents:
        n = first("n")
        parts = [getattr(n, a, "") for a in ("prefix", "given", "additional", "family", "suffix")]
        entry.name = " ".join(_text_value(p) or "" for p in parts).strip() or None
    org = first("org")
    if isinstance(org, list):
        org = org[0] if org else None
    entry.org = _text_value(org)
    entry.role = _text_value(first("title")) or _text_value(first("role"))
    emails = [e for e in (_text_value(c.value) for c in _preferred(contents.get("email", []))) if e]
    if emails:
        entry.email, entry.other_emails = emails[0], emails[1:]
    phones = [p for p in (_text_value(c.value) for c in _preferred(contents.get("tel", []))) if p]
    if phones:
        entry.phone = phones[0].removeprefix("tel:")
    notes = [_text_value(c.value) for c in contents.get("note", [])]
    note_text = "\n".join(n for n in notes if n) or None
    for child in contents.get("categories", []):
        values = child.value if isinstance(child.value, list) else str(child.value).split(",")
        entry.tags.extend(
            v.strip()
            for v in values
            if str(v).strip() and str(v).strip().casefold() not in _SYSTEM_GROUPS
        )
    entry.can = [
        str(c.value).strip() for c in contents.get("x-netjournal-can", []) if str(c.value).strip()
    ]
    if entry.can and note_text:
        # Our own export repeats the capabilities as a NOTE section for other
        # programs; drop that section when the exact list is there too.
        head, sep, tail = note_text.partition(_CAN_HEADING)
        if sep and [x.strip(" -•") for x in tail.strip().splitlines()] == entry.can:
            note_text = head.rstrip() or None
    bday = _text_value(first("bday"))
    if bday:
        birthday = _birthday(bday)
        if birthday and birthday not in (note_text or ""):
            note_text = f"{note_text}\n{birthday}" if note_text else birthday
    entry.notes = note_text
    entry.met_on = _text_value(first("x-netjournal-met-on"))
    entry.met_at = _text_value(first("x-netjournal-met-at"))
    entry.every = _text_value(first("x-netjournal-every"))
    return entry


def read_vcard(
    path: Path, *, encoding: str | None = None, progress: Progress | None = None
) -> Parsed:
    """Read a vCard file (2.1, 3.0 or 4.0; one or many cards) with vobject."""
    import vobject

    source = str(path)
    text, used = decode(read_bytes(path), source, encoding=encoding)
    parsed = Parsed(source=source, kind="vcard", encoding=used)
    cards = _split_cards(text, source)
    raw: list[Entry] = []
    total = len(cards)
    for n, (line, card_text) in enumerate(cards, 1):
        try:
            card = vobject.readOne(card_text, allowQP=True)
            entry = _card_entry(card, line)
        except Exception as exc:  # vobject raises assorted errors on broken cards
            parsed.errors.append(Problem(line, _card_error(exc, line)))
        else:
            if entry.met_on:
                try:
                    entry.met_on = date.fromisoformat(entry.met_on).isoformat()
                except ValueError:
                    entry.met_on = None
            raw.append(entry)
        if progress is not None and (n % 200 == 0 or n == total):
            progress(n, total)
    return _finish(parsed, raw)


def _card_error(exc: Exception, start: int) -> str:
    message = str(exc).strip() or type(exc).__name__
    match = re.match(r"At line (\d+): (.*)", message, re.DOTALL)
    if match:
        # vobject counts from the card's first line.
        line = start + int(match.group(1)) - 1
        return _("unreadable card (line {line}: {why})").format(
            line=line, why=" ".join(match.group(2).split())[:120]
        )
    return _("unreadable card ({why})").format(why=" ".join(message.split())[:120])


# --------------------------------------------------------------------------
# CSV (English and Indonesian headers) and LinkedIn
# --------------------------------------------------------------------------

#: Normalised header -> field. Normalising: casefold, punctuation to spaces.
HEADERS: dict[str, str] = {}
for _field, _names in {
    "name": (
        "name",
        "nama",
        "full name",
        "fullname",
        "nama lengkap",
        "display name",
        "contact name",
        "nama kontak",
    ),
    "first_name": ("first name", "given name", "firstname", "nama depan"),
    "last_name": ("last name", "family name", "surname", "lastname", "nama belakang"),
    "email": (
        "email",
        "e mail",
        "email address",
        "e mail address",
        "surel",
        "alamat email",
        "alamat surel",
        "mail",
    ),
    "phone": (
        "phone",
        "telepon",
        "telp",
        "no telp",
        "no telepon",
        "nomor telepon",
        "hp",
        "no hp",
        "nomor hp",
        "whatsapp",
        "wa",
        "no wa",
        "mobile",
        "telephone",
        "phone number",
        "mobile phone",
        "handphone",
        "ponsel",
    ),
    "org": (
        "org",
        "organization",
        "organisation",
        "company",
        "perusahaan",
        "organisasi",
        "instansi",
        "kantor",
    ),
    "role": ("role", "jabatan", "title", "job title", "position", "posisi", "pekerjaan"),
    "tags": ("tags", "tag", "label", "labels", "kategori", "category", "categories"),
    "notes": ("notes", "note", "catatan", "keterangan", "comments", "comment"),
    "met_on": (
        "met",
        "met on",
        "bertemu",
        "tanggal",
        "tanggal bertemu",
        "date",
        "connected on",
        "date met",
    ),
    "met_at": ("met at", "event", "acara", "where met", "bertemu di", "tempat"),
    "can": ("can", "can help with", "skills", "keahlian", "bisa bantu", "capabilities"),
    "every": ("every", "keep in touch", "interval"),
}.items():
    for _name in _names:
        HEADERS[_name] = _field

FIELDS = (
    "name",
    "first_name",
    "last_name",
    "email",
    "phone",
    "org",
    "role",
    "tags",
    "notes",
    "met_on",
    "met_at",
    "can",
    "every",
    "ignore",
)
_HEADER_NORM = re.compile(r"[\s_\-./:]+")


def norm_header(text: str) -> str:
    return _HEADER_NORM.sub(" ", text.strip().strip("\ufeff").casefold()).strip()


def parse_mapping(items: list[str] | None) -> dict[str, str]:
    """``["Kota=ignore", "HP kantor=phone"]`` -> {normalised column: field}."""
    mapping: dict[str, str] = {}
    for item in items or []:
        column, sep, target = item.partition("=")
        target = target.strip().lower().replace("-", "_")
        target = {
            "met": "met_on",
            "event": "met_at",
            "organisation": "org",
            "organization": "org",
            "company": "org",
            "tag": "tags",
            "note": "notes",
        }.get(target, target)
        if not sep or not column.strip():
            raise UsageProblem(_("--map takes COLUMN=FIELD, got '{item}'").format(item=item))
        if target not in FIELDS:
            raise UsageProblem(
                _("--map {item}: unknown field '{target}'; use one of {fields}").format(
                    item=item, target=target, fields=", ".join(FIELDS)
                )
            )
        mapping[norm_header(column)] = target
    return mapping


def _sniff_delimiter(sample: str) -> str:
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
    except csv.Error:
        first = sample.split("\n", 1)[0]
        counts = {d: first.count(d) for d in (",", ";", "\t")}
        best = max(counts, key=lambda d: counts[d])
        return best if counts[best] else ","


def _rows(text: str, delimiter: str, source: str) -> Iterator[tuple[int, list[str]]]:
    """(line where the row starts, fields); an unclosed quote is an error."""
    # Not str.splitlines(): it also splits at U+2028, form feeds and the like.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    previous = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise InvalidInput(
                _(
                    "{path} line {line}: {why} (a quote is never closed: is "
                    "the file truncated?); nothing was imported"
                ).format(path=source, line=previous + 1, why=str(exc))
            ) from None
        yield previous + 1, row
        previous = reader.line_num


def _check_not_other_format(text: str, source: str, expected: str) -> None:
    head = text.lstrip()[:200]
    if _BEGIN.match(head.split("\n", 1)[0].strip()):
        raise InvalidInput(
            _("{path} is a vCard file, not {what}: try 'nj import vcard'").format(
                path=source, what=expected
            )
        )
    if head.startswith(("{", "[")):
        raise InvalidInput(
            _("{path} looks like JSON, not {what}: try 'nj import json'").format(
                path=source, what=expected
            )
        )


def _split_list(value: str, separators: str) -> list[str]:
    return [v.strip() for v in re.split(f"[{re.escape(separators)}\n]", value) if v.strip()]


def _row_entry(
    line: int,
    values: dict[str, str],
    *,
    today: date,
    day_first: bool,
    date_parser: Callable[[str], date],
) -> Entry:
    entry = Entry(line=line)
    name = values.get("name", "").strip()
    if not name:
        name = " ".join(
            v
            for v in (values.get("first_name", "").strip(), values.get("last_name", "").strip())
            if v
        )
    entry.name = name or None
    for key in ("org", "role", "email", "phone", "notes", "met_at"):
        value = values.get(key, "").strip()
        setattr(entry, key, value or None)
    entry.tags = _split_list(values.get("tags", ""), ",;|")
    entry.can = _split_list(values.get("can", ""), "|")
    met = values.get("met_on", "").strip()
    if met:
        entry.met_on = date_parser(met).isoformat()
    every = values.get("every", "").strip()
    if every:
        from netjournal.dates import parse_interval

        entry.every = str(parse_interval(every))
    return entry


def read_csv(
    path: Path,
    *,
    today: date,
    mapping: dict[str, str] | None = None,
    delimiter: str | None = None,
    encoding: str | None = None,
    day_first: bool = True,
    progress: Progress | None = None,
) -> Parsed:
    """Read a CSV file with a header row; columns mapped by name (English and Indonesian)."""
    from netjournal.dates import parse_date

    source = str(path)
    text, used = decode(read_bytes(path), source, encoding=encoding)
    _check_not_other_format(text, source, _("a CSV file"))
    parsed = Parsed(source=source, kind="csv", encoding=used)
    if delimiter is None:
        delimiter = _sniff_delimiter(text[:8192])
    rows = _rows(text, delimiter, source)
    header_line, header = next(rows, (1, []))
    while header is not None and not any(h.strip() for h in header):
        nxt = next(rows, None)
        if nxt is None:
            raise InvalidInput(_("{path} has no header row").format(path=source))
        header_line, header = nxt
    fields = _map_header(header, mapping or {}, parsed, source, header_line)

    def parse_met(value: str) -> date:
        return parse_date(value, today=today, direction="past", day_first=day_first)

    raw = _entries_from_rows(
        rows,
        fields,
        parsed,
        parse_met,
        today,
        day_first,
        progress,
        cut_short=not text.endswith(("\n", "\r")),
    )
    return _finish(parsed, raw)


def _map_header(
    header: list[str], mapping: dict[str, str], parsed: Parsed, source: str, line: int
) -> list[str | None]:
    fields: list[str | None] = []
    ignored: list[str] = []
    normalised = [norm_header(h) for h in header]
    for column in mapping:
        if column not in normalised:
            raise UsageProblem(
                _("--map: {path} has no column '{column}' (columns: {columns})").format(
                    path=source, column=column, columns=", ".join(header)[:300]
                )
            )
    for raw, norm in zip(header, normalised, strict=True):
        target = mapping.get(norm) or HEADERS.get(norm)
        if target == "ignore":
            target = None
        elif target is None and raw.strip():
            ignored.append(raw.strip())
        if target in fields:
            target = None  # the first column of a kind wins
            ignored.append(raw.strip())
        fields.append(target)
    if "name" not in fields and not ({"first_name", "last_name"} & set(fields)):
        shown = ", ".join(h.strip() for h in header if h.strip())[:200]
        raise InvalidInput(
            _(
                "{path} line {line}: no name column in the header ({columns}); "
                "name one with --map COLUMN=name"
            ).format(path=source, line=line, columns=shown or _("empty"))
        )
    if ignored:
        parsed.notes.append(
            _("Ignored columns: {columns} (--map COLUMN=FIELD uses them)").format(
                columns=", ".join(ignored)
            )
        )
    return fields


def _entries_from_rows(
    rows: Iterator[tuple[int, list[str]]],
    fields: list[str | None],
    parsed: Parsed,
    parse_met: Callable[[str], date],
    today: date,
    day_first: bool,
    progress: Progress | None,
    cut_short: bool,
) -> Iterator[Entry]:
    """``cut_short``: the file does not end with a newline (so its last row may be cut)."""
    width = len(fields)
    all_rows = list(rows)
    for n, (line, row) in enumerate(all_rows, 1):
        if not any(cell.strip() for cell in row):
            continue
        missing = [f for f in fields[len(row) :] if f]
        if missing and cut_short and n == len(all_rows):
            # Hand-made files may omit trailing empty cells; a last row without
            # its final newline and with columns missing was cut short.
            parsed.errors.append(
                Problem(
                    line,
                    _(
                        "only {n} of {width} columns (missing {missing}: is the file truncated?)"
                    ).format(n=len(row), width=width, missing=", ".join(missing)),
                )
            )
            continue
        values = {f: row[i] for i, f in enumerate(fields) if f and i < len(row)}
        try:
            yield _row_entry(line, values, today=today, day_first=day_first, date_parser=parse_met)
        except InvalidInput as exc:
            parsed.errors.append(Problem(line, exc.message))
        if progress is not None and n % 500 == 0:
            progress(n, 0)


_LINKEDIN_MONTHS = {m[:3].lower(): i for i, m in enumerate(_MONTHS, 1)}
_LINKEDIN_DATE = re.compile(r"(\d{1,2})[ -]([A-Za-z]{3})[a-z]*[ -](\d{4})")


def _linkedin_date(text: str) -> date:
    """LinkedIn writes 'Connected On' as '12 Mar 2024' (older exports: '12-Mar-24' or ISO)."""
    value = text.strip()
    match = _LINKEDIN_DATE.fullmatch(value)
    if match and match.group(2).lower() in _LINKEDIN_MONTHS:
        try:
            return date(
                int(match.group(3)), _LINKEDIN_MONTHS[match.group(2).lower()], int(match.group(1))
            )
        except ValueError:
            pass
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InvalidInput(
            _("'Connected On' is not a date: '{text}'").format(text=value[:40])
        ) from None


_LINKEDIN_HEADER = {"first name", "last name"}


def read_linkedin(
    path: Path, *, encoding: str | None = None, progress: Progress | None = None
) -> Parsed:
    """LinkedIn's Connections.csv: 'Notes:' lines, a blank line, then the header."""
    source = str(path)
    text, used = decode(read_bytes(path), source, encoding=encoding)
    _check_not_other_format(text, source, _("LinkedIn's Connections.csv"))
    parsed = Parsed(source=source, kind="linkedin", encoding=used)
    rows = _rows(text, ",", source)
    header: list[str] | None = None
    header_line = 0
    for line, row in rows:
        if {norm_header(c) for c in row} >= _LINKEDIN_HEADER:
            header, header_line = row, line
            break
        if line > 50:
            break
    if header is None:
        raise InvalidInput(
            _(
                "{path} is not LinkedIn's Connections.csv: no header with "
                "'First Name' and 'Last Name' in its first lines (for other "
                "CSV files use 'nj import csv')"
            ).format(path=source)
        )
    index = {norm_header(c): i for i, c in enumerate(header)}
    width = len(header)
    raw: list[Entry] = []
    for n, (line, row) in enumerate(rows, 1):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) < width:
            parsed.errors.append(
                Problem(
                    line,
                    _("only {n} of {width} columns (is the file truncated?)").format(
                        n=len(row), width=width
                    ),
                )
            )
            continue

        def get(*keys: str, row: list[str] = row) -> str:
            for key in keys:
                if key in index and index[key] < len(row):
                    return row[index[key]].strip()
            return ""

        entry = Entry(line=line)
        entry.name = " ".join(x for x in (get("first name"), get("last name")) if x) or None
        entry.email = get("email address", "email") or None
        entry.org = get("company") or None
        entry.role = get("position") or None
        url = get("url", "profile url")
        if url:
            entry.notes = _("LinkedIn: {url}").format(url=url)
        connected = get("connected on")
        if connected:
            try:
                entry.met_on = _linkedin_date(connected).isoformat()
            except InvalidInput as exc:
                parsed.errors.append(Problem(line, exc.message))
                continue
            entry.met_at = "LinkedIn"
        raw.append(entry)
        if progress is not None and n % 500 == 0:
            progress(n, 0)
    if header_line > 1:
        parsed.notes.append(
            _("Skipped LinkedIn's {n} preamble line(s) before the header").format(n=header_line - 1)
        )
    return _finish(parsed, raw)


# --------------------------------------------------------------------------
# Matching and writing
# --------------------------------------------------------------------------


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
        key = (person["name_key"], norm_org(person.get("org")))
        ids = self.by_key.setdefault(key, [])
        if pid not in ids:
            ids.append(pid)

    def find(
        self, name: str, org: str | None, emails: Iterable[str], taken: set[int] | None = None
    ) -> int | None:
        for email in emails:
            pid = self.by_email.get(email.casefold())
            if pid is not None:
                return pid
        for pid in self.by_key.get((names.name_key(name), norm_org(org)), []):
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
class _Changes:
    new: list[int] = field(default_factory=list)
    updated: set[int] = field(default_factory=set)
    tags: list[tuple[int, str]] = field(default_factory=list)
    caps: list[tuple[int, str, str]] = field(default_factory=list)


def _merge_into(
    index: PeopleIndex,
    pid: int,
    values: dict[str, Any],
    tags: Iterable[str],
    can: Iterable[tuple[str, str]],
    changes: _Changes,
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


def _write(conn: sqlite3.Connection, index: PeopleIndex, changes: _Changes) -> None:
    columns = ("id", "name", "name_key", *FILLABLE, "notes", "created_on")
    conn.executemany(
        f"INSERT INTO people ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
        [tuple(index.people[pid][c] for c in columns) for pid in changes.new],
    )
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
    tail = _(" (and {n} more bad rows)").format(n=more) if more else ""
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
        warnings=list(parsed.warnings),
    )
    result.skipped = len(parsed.errors) + len(parsed.skipped)
    result.warnings.extend(parsed.skipped)
    tags_for_all = [clean_tag(t) for t in extra_tags or []]
    index = PeopleIndex(conn)
    changes = _Changes()
    seen_new: set[int] = set()
    for entry in parsed.entries:
        assert entry.name is not None
        values = {
            "name": entry.name,
            "org": entry.org,
            "role": entry.role,
            "email": entry.email,
            "phone": entry.phone,
            "met_at": entry.met_at,
            "met_on": entry.met_on,
            "every": entry.every,
            "notes": entry.notes,
        }
        emails = [e for e in (entry.email, *entry.other_emails) if e]
        tags = list(dict.fromkeys([*entry.tags, *tags_for_all]))
        can = [(text, today.isoformat()) for text in entry.can]
        pid = index.find(entry.name, entry.org, emails)
        if pid is None:
            pid = index.add(values, today)
            changes.new.append(pid)
            seen_new.add(pid)
            _merge_into(index, pid, {}, tags, can, changes)
            for email in entry.other_emails:
                index.by_email.setdefault(email.casefold(), pid)
            result.added += 1
            result.added_ids.append(pid)
        else:
            if not _merge_into(index, pid, values, tags, can, changes):
                result.unchanged += 1
            result.merged += 1
            if pid not in result.merged_ids and pid not in seen_new:
                result.merged_ids.append(pid)
            # the other addresses of a matched card find the same person next time
            for email in emails:
                index.by_email.setdefault(email.casefold(), pid)
    if not dry_run:
        _write(conn, index, changes)
    return result


# --------------------------------------------------------------------------
# JSON (netjournal's own export)
# --------------------------------------------------------------------------

#: Tables of a journal document, in the order they are written (foreign keys).
RECORD_TABLES = ("interactions", "needs", "offers", "introductions", "followups")
_PERSON_COLUMNS = {"person_id": "person", "a_id": "a", "b_id": "b"}
_ENUMS = {
    ("interactions", "kind"): ("met", "call", "meeting", "message", "email", "other"),
    ("needs", "status"): ("open", "met", "dropped"),
    ("offers", "status"): ("promised", "done", "dropped"),
    ("offers", "direction"): ("given", "received"),
}
_REQUIRED = {
    "interactions": ("on_date", "kind"),
    "needs": ("text", "noted_on"),
    "offers": ("text", "offered_on"),
    "introductions": ("on_date",),
    "followups": ("due_on", "created_on"),
}


def _identity(table: str, rec: dict[str, Any]) -> tuple[Any, ...]:
    """When a record in the file is the same as one already in the journal."""
    if table == "interactions":
        return (
            rec["person_id"],
            rec["on_date"],
            rec["kind"],
            rec.get("event") or "",
            rec.get("note") or "",
        )
    if table == "needs":
        return (rec["person_id"], rec["noted_on"], rec["text"])
    if table == "offers":
        return (rec["person_id"], rec["offered_on"], rec.get("direction") or "given", rec["text"])
    if table == "introductions":
        pair = tuple(sorted((rec["a_id"], rec["b_id"])))
        return (*pair, rec["on_date"], rec.get("note") or "")
    return (rec["person_id"], rec["due_on"], rec.get("note") or "")


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]


def _table_exists(conn: sqlite3.Connection, table: str) -> bool:
    return (
        conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
        ).fetchone()
        is not None
    )


def read_json(path: Path) -> tuple[dict[str, Any], str]:
    """Load and check the outline of a netjournal JSON document."""
    import json

    from netjournal.db.journal import SCHEMA_VERSION

    source = str(path)
    text, _used = decode(read_bytes(path), source, fallback=False)
    head = text.lstrip()[:100]
    if _BEGIN.match(head.split("\n", 1)[0].strip()):
        raise InvalidInput(
            _(
                "{path} is a vCard file, not a netjournal JSON document: try 'nj import vcard'"
            ).format(path=source)
        )
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidInput(
            _(
                "{path} line {line} column {col}: not valid JSON ({why}); is the file truncated?"
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
    if not isinstance(doc.get("people"), list):
        raise InvalidInput(_('{path} has no "people" list').format(path=source))
    for table in (*RECORD_TABLES, "synonyms"):
        if table in doc and not isinstance(doc[table], list):
            raise InvalidInput(
                _('{path}: "{table}" must be a list').format(path=source, table=table)
            )
    return doc, _used


class _DocError(InvalidInput):
    pass


def _where(table: str, n: int) -> str:
    return f"{table}[{n}]"


def _ref_id(value: Any, where: str, key: str) -> int:
    if isinstance(value, dict):
        value = value.get("id")
    if not isinstance(value, int) or isinstance(value, bool):
        raise _DocError(_('{where}: "{key}" must name a person by id').format(where=where, key=key))
    return value


def _check_date(value: Any, where: str, key: str, required: bool) -> str | None:
    if value is None:
        if required:
            raise _DocError(_('{where}: "{key}" is missing').format(where=where, key=key))
        return None
    try:
        return date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise _DocError(
            _("{where}: \"{key}\" is not an ISO date: '{value}'").format(
                where=where, key=key, value=str(value)[:40]
            )
        ) from None


def _clean_value(value: Any, where: str, key: str, warnings: list[Problem]) -> Any:
    if isinstance(value, str):
        cleaned, changed = _strip_controls(value, one_line=False)
        if changed:
            warnings.append(
                Problem(
                    None,
                    _('{where}: removed control characters from "{key}"').format(
                        where=where, key=key
                    ),
                )
            )
        return cleaned
    if value is None or (isinstance(value, (int, float)) and not isinstance(value, bool)):
        return value
    raise _DocError(_('{where}: "{key}" has an unexpected value').format(where=where, key=key))


def import_json(
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
    """
    result = ImportResult(source=source, kind="json", dry_run=dry_run, encoding=encoding)
    empty = all(
        conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] == 0
        for t in ("people", *RECORD_TABLES)
    )
    index = PeopleIndex(conn)
    person_map: dict[int, int] = {}
    changes = _Changes()
    taken: set[int] = set()
    doc_people: dict[int, str] = {}
    for n, raw in enumerate(doc["people"]):
        where = _where("people", n)
        if not isinstance(raw, dict) or not isinstance(raw.get("id"), int):
            raise _DocError(_('{where}: a person needs an integer "id"').format(where=where))
        if raw["id"] in doc_people:
            raise _DocError(
                _("{where}: person id {id} appears twice").format(where=where, id=raw["id"])
            )
        entry = Entry(line=n, name=raw.get("name") if isinstance(raw.get("name"), str) else None)
        for key in ("org", "role", "email", "phone", "notes", "met_at"):
            value = raw.get(key)
            setattr(entry, key, value if isinstance(value, str) else None)
        entry.tags = [t for t in raw.get("tags") or [] if isinstance(t, str)]
        caps = [c for c in raw.get("capabilities") or [] if isinstance(c, dict)]
        entry.can = [c["text"] for c in caps if isinstance(c.get("text"), str)]
        try:
            entry, warnings = clean_entry(entry)
        except InvalidInput as exc:
            raise _DocError(f"{where}: {exc.message}") from None
        result.warnings.extend(Problem(None, f"{where}: {w}") for w in warnings)
        met_on = _check_date(raw.get("met_on"), where, "met_on", False)
        created_on = _check_date(raw.get("created_on"), where, "created_on", False)
        every = raw.get("every")
        if every is not None:
            from netjournal.dates import parse_interval

            every = str(parse_interval(str(every)))
        assert entry.name is not None
        values = {
            "name": entry.name,
            "org": entry.org,
            "role": entry.role,
            "email": entry.email,
            "phone": entry.phone,
            "met_at": entry.met_at,
            "met_on": met_on,
            "every": every,
            "notes": entry.notes,
            "created_on": created_on,
        }
        noted = {
            c["text"]: _check_date(c.get("noted_on"), where, "noted_on", False) or today.isoformat()
            for c in caps
            if isinstance(c.get("text"), str)
        }
        can = [(text, noted.get(text, today.isoformat())) for text in entry.can]
        doc_people[raw["id"]] = entry.name
        pid = (
            None
            if empty
            else index.find(entry.name, entry.org, [entry.email] if entry.email else [], taken)
        )
        if pid is None:
            pid = index.add(values, today, raw["id"] if empty else None)
            taken.add(pid)  # each person of the file is a different person
            changes.new.append(pid)
            _merge_into(index, pid, {}, entry.tags, can, changes)
            result.added += 1
            result.added_ids.append(pid)
        else:
            taken.add(pid)
            if not _merge_into(index, pid, values, entry.tags, can, changes):
                result.unchanged += 1
            result.merged += 1
            result.merged_ids.append(pid)
        person_map[raw["id"]] = pid
    if not dry_run:
        _write(conn, index, changes)
    need_map: dict[int, int] = {}
    for table in RECORD_TABLES:
        result.records[table] = _import_records(
            conn,
            table,
            doc.get(table) or [],
            person_map=person_map,
            need_map=need_map,
            keep_ids=empty,
            dry_run=dry_run,
            warnings=result.warnings,
        )
    if isinstance(doc.get("synonyms"), list) and _table_exists(conn, "synonyms"):
        result.records["synonyms"] = _import_plain(
            conn, "synonyms", doc["synonyms"], keep_ids=empty, dry_run=dry_run
        )
    return result


def _import_records(
    conn: sqlite3.Connection,
    table: str,
    items: list[Any],
    *,
    person_map: dict[int, int],
    need_map: dict[int, int],
    keep_ids: bool,
    dry_run: bool,
    warnings: list[Problem],
) -> int:
    columns = [c for c in _columns(conn, table) if c != "id"]
    existing: dict[tuple[Any, ...], int] = {}
    for row in conn.execute(f"SELECT * FROM {table}"):
        existing.setdefault(_identity(table, dict(row)), int(row["id"]))
    next_id = int(conn.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()[0]) + 1
    rows: list[tuple[Any, ...]] = []
    used_ids: set[int] = set()
    for n, raw in enumerate(items):
        where = _where(table, n)
        if not isinstance(raw, dict):
            raise _DocError(_("{where}: must be an object").format(where=where))
        rec: dict[str, Any] = {}
        for column in columns:
            key = _PERSON_COLUMNS.get(column, column)
            value = raw.get(key)
            if column in _PERSON_COLUMNS:
                old = _ref_id(value, where, key)
                if old not in person_map:
                    raise _DocError(
                        _("{where}: refers to person {id}, who is not in the file").format(
                            where=where, id=old
                        )
                    )
                rec[column] = person_map[old]
            elif column == "need_id":
                if value is None:
                    rec[column] = None
                elif isinstance(value, int) and value in need_map:
                    rec[column] = need_map[value]
                else:
                    raise _DocError(
                        _("{where}: refers to need {id}, which is not in the file").format(
                            where=where, id=value
                        )
                    )
            elif column.endswith("_on") or column == "on_date":
                rec[column] = _check_date(value, where, key, column in _REQUIRED[table])
            else:
                rec[column] = _clean_value(value, where, key, warnings)
                if column in _REQUIRED[table] and not rec[column]:
                    raise _DocError(_('{where}: "{key}" is missing').format(where=where, key=key))
                allowed = _ENUMS.get((table, column))
                if (
                    allowed is not None
                    and rec[column] is None
                    and column in ("status", "direction")
                ):
                    rec[column] = allowed[0]
                if allowed is not None and rec[column] not in allowed:
                    raise _DocError(
                        _('{where}: "{key}" must be one of {allowed}').format(
                            where=where, key=key, allowed=", ".join(allowed)
                        )
                    )
        if table == "introductions" and rec["a_id"] == rec["b_id"]:
            raise _DocError(_("{where}: introduces a person to themself").format(where=where))
        old_id = raw.get("id")
        identity = _identity(table, rec)
        if identity in existing:
            if table == "needs" and isinstance(old_id, int):
                need_map[old_id] = existing[identity]
            continue
        if keep_ids and isinstance(old_id, int) and old_id not in used_ids:
            new_id = old_id
        else:
            new_id = next_id
        while new_id in used_ids:
            new_id += 1
        used_ids.add(new_id)
        next_id = max(next_id, new_id + 1)
        if table == "needs" and isinstance(old_id, int):
            need_map[old_id] = new_id
        rows.append((new_id, *(rec[c] for c in columns)))
    if not dry_run and rows:
        conn.executemany(
            f"INSERT INTO {table} (id, {', '.join(columns)}) "
            f"VALUES ({', '.join('?' * (len(columns) + 1))})",
            rows,
        )
    return len(rows)


def _import_plain(
    conn: sqlite3.Connection, table: str, items: list[Any], *, keep_ids: bool, dry_run: bool
) -> int:
    """A table we know nothing about (the matcher's synonyms): rows not already there."""
    columns = _columns(conn, table)
    if not keep_ids:
        columns = [c for c in columns if c != "id"]
    existing = {
        tuple(r[c] for c in columns if c != "id") for r in conn.execute(f"SELECT * FROM {table}")
    }
    rows = []
    for raw in items:
        if not isinstance(raw, dict):
            continue
        row = tuple(raw.get(c) for c in columns)
        key = tuple(raw.get(c) for c in columns if c != "id")
        if key in existing:
            continue
        existing.add(key)
        rows.append(row)
    if not dry_run and rows:
        conn.executemany(
            f"INSERT OR IGNORE INTO {table} ({', '.join(columns)}) "
            f"VALUES ({', '.join('?' * len(columns))})",
            rows,
        )
    return len(rows)
