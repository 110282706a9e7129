"""vCard: reading 2.1, 3.0 and 4.0 cards (with vobject), writing 3.0."""

from __future__ import annotations

import re
import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

from netjournal.errors import InvalidInput
from netjournal.formats.entries import Entry, Parsed, Problem, Progress, finish
from netjournal.formats.files import VCARD_BEGIN, decode, read_bytes
from netjournal.i18n import _

_NEWLINE = re.compile(r"\r\n|\r|\n")
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
            if VCARD_BEGIN.match(line.strip()):
                current, start, depth = [line.strip()], number, 1
            elif line.strip() and not cards:
                # Text before the first card: tolerated only if a card follows.
                continue
            continue
        if VCARD_BEGIN.match(line.strip()):
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
    bday_lines = contents.get("bday", [])
    bday = _text_value(bday_lines[0].value) if bday_lines else None
    if bday:
        from netjournal.core import birthdays

        params = {k.upper(): v for k, v in bday_lines[0].params.items()}
        omit = params.get("X-APPLE-OMIT-YEAR", [None])[0]
        entry.birthday = birthdays.from_vcard(bday, str(omit) if omit else None)
        if entry.birthday is None:  # not a date: keep what it said in the notes
            birthday = _birthday(bday) or _("Birthday: {when}").format(when=bday[:40])
            if birthday not in (note_text or ""):
                note_text = f"{note_text}\n{birthday}" if note_text else birthday
    entry.notes = note_text
    entry.met_on = _text_value(first("x-netjournal-met-on"))
    entry.met_at = _text_value(first("x-netjournal-met-at"))
    entry.every = _text_value(first("x-netjournal-every"))
    entry.celebrates = _text_value(first("x-netjournal-celebrates"))
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
    return finish(parsed, raw)


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
# Writing: vCard 3.0
# --------------------------------------------------------------------------


def _split_name(name: str) -> tuple[str, str]:
    """(given, family): "Rossi, Maria" says which is which; else the last word is the family
    name; one-word names have none."""
    if name.count(",") == 1:
        family, given = (part.strip() for part in name.split(","))
        if family and given:
            return given, family
    parts = name.rsplit(" ", 1)
    return (parts[0], parts[1]) if len(parts) == 2 else (name, "")


def export_vcard(conn: sqlite3.Connection) -> str:
    """Every person as a vCard 3.0: notes and capabilities in NOTE, tags in CATEGORIES.

    Capabilities are also in ``X-NETJOURNAL-CAN`` (one per line), and where and
    when you met in ``X-NETJOURNAL-MET-ON``/``-MET-AT``, so that ``nj import
    vcard`` reads back what other programs show as plain notes.
    """
    import vobject

    from netjournal.core import birthdays

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
            section = _CAN_HEADING + "\n" + "\n".join(f"- {c}" for c in can)
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
        if row["birthday"]:
            value, params = birthdays.to_vcard(row["birthday"], "3.0")
            bday = card.add("bday")
            bday.value = value
            bday.params.update(params)
        if row["celebrates"]:
            card.add("x-netjournal-celebrates").value = row["celebrates"]
        chunks.append(card.serialize())
    return "".join(chunks)
