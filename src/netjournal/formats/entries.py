"""What a reader finds in a file, and the rules that clean one person read from it.

``read_*`` functions of the format modules turn a file into :class:`Entry`
objects (one per person, with the line it started on) plus the problems found,
without touching the journal; :mod:`netjournal.formats.merge` then writes them.
Control characters (C0/C1, such as escape codes) in imported fields are
stripped and reported as a warning rather than failing the whole file; a field
that is still invalid (too long, a bad email) makes the row bad.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from netjournal.core.people import _email as email_rule
from netjournal.errors import InvalidInput
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
    #: 'YYYY-MM-DD' or '--MM-DD' (core/birthdays.py); comma-separated holiday codes.
    birthday: str | None = None
    celebrates: str | None = None
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


def strip_controls(value: str | None, one_line: bool) -> tuple[str | None, bool]:
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
    """The core's email rule (as ``nj met`` and ``nj person edit``), after a URI's ``mailto:``."""
    if value is None:
        return None
    value = value.strip()
    if value.lower().startswith("mailto:"):
        value = value[7:]
    return email_rule(value)


def clean_entry(entry: Entry) -> tuple[Entry, list[str]]:
    """Validate an entry in place with the rules of ``text.py``; returns it and warnings.

    Control characters are stripped (and reported); anything still invalid
    raises InvalidInput, which makes the row bad.
    """
    stripped: list[str] = []

    def one(name: str, value: str | None, max_len: int = MAX_LINE) -> str | None:
        value, changed = strip_controls(value, one_line=True)
        if changed:
            stripped.append(_FIELD_LABELS.get(name, name))
        return clean_line(value, _FIELD_LABELS.get(name, name).capitalize(), max_len=max_len)

    name, changed = strip_controls(entry.name, one_line=True)
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
    notes, changed = strip_controls(entry.notes, one_line=False)
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
    if entry.birthday is not None:
        from netjournal.core.birthdays import parse as parse_birthday

        entry.birthday = parse_birthday(entry.birthday)
    if entry.celebrates is not None:
        from netjournal.core.holiday_dates import parse_codes

        entry.celebrates = parse_codes(entry.celebrates)
    can: list[str] = []
    for text in entry.can:
        value, changed = strip_controls(text, one_line=False)
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


def finish(parsed: Parsed, raw: Iterable[Entry]) -> Parsed:
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
