"""LinkedIn's Connections.csv.

"Connected On" becomes ``met_on`` (with ``met_at`` "LinkedIn"); no "met"
interaction is logged, so an import does not fill the weekly review with
hundreds of "fresh contacts".
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from netjournal.errors import InvalidInput
from netjournal.formats.csvfile import csv_rows, norm_header
from netjournal.formats.entries import Entry, Parsed, Problem, Progress, finish
from netjournal.formats.files import check_not_other_format, decode, read_bytes
from netjournal.i18n import _, ngettext

_MONTHS = "jan feb mar apr may jun jul aug sep oct nov dec"
_LINKEDIN_MONTHS = {m: i for i, m in enumerate(_MONTHS.split(), 1)}
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
    check_not_other_format(text, source, _("LinkedIn's Connections.csv"))
    parsed = Parsed(source=source, kind="linkedin", encoding=used)
    rows = csv_rows(text, ",", source)
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
            ngettext(
                "Skipped LinkedIn's {n} preamble line before the header",
                "Skipped LinkedIn's {n} preamble lines before the header",
                header_line - 1,
            ).format(n=header_line - 1)
        )
    return finish(parsed, raw)
