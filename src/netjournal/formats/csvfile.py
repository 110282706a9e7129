"""CSV: reading people with a header row (English and Indonesian names), writing them.

Named ``csvfile`` so that it never shadows the standard library's ``csv``.
"""

from __future__ import annotations

import csv
import io
import re
import sqlite3
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

from netjournal.errors import InvalidInput, UsageProblem
from netjournal.formats.entries import Entry, Parsed, Problem, Progress, finish
from netjournal.formats.files import check_not_other_format, decode, read_bytes
from netjournal.i18n import _

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
    "birthday": ("birthday", "bday", "birth date", "date of birth", "ulang tahun", "tanggal lahir"),
    "celebrates": ("celebrates", "holidays", "hari raya"),
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
    "birthday",
    "celebrates",
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


def csv_rows(text: str, delimiter: str, source: str) -> Iterator[tuple[int, list[str]]]:
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
    for key in ("birthday", "celebrates"):  # validated by clean_entry
        setattr(entry, key, values.get(key, "").strip() or None)
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
    check_not_other_format(text, source, _("a CSV file"))
    parsed = Parsed(source=source, kind="csv", encoding=used)
    if delimiter is None:
        delimiter = _sniff_delimiter(text[:8192])
    rows = csv_rows(text, delimiter, source)
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
    return finish(parsed, raw)


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


# --------------------------------------------------------------------------
# Writing: people, one row each
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
    "birthday",
    "celebrates",
    "via",
    "became",
    "archived_on",
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


def export_csv(conn: sqlite3.Connection, excel: bool = False) -> str:
    """Everyone (archived people too) with open needs and last contact, birthday,
    holidays, who sent them (``via``, a name) and what the relationship became;
    ``nj import csv`` reads the header back.

    ``excel``: a byte order mark and ``;`` between cells, what Excel opens
    directly where the decimal mark is a comma (Indonesia, most of Europe).
    """
    from netjournal.core.views import list_people

    needs: dict[int, list[str]] = {}
    for pid, text in conn.execute(
        "SELECT person_id, text FROM needs WHERE status = 'open' ORDER BY noted_on, id"
    ):
        needs.setdefault(pid, []).append(text)
    caps: dict[int, list[str]] = {}
    for pid, text in conn.execute("SELECT person_id, text FROM capabilities ORDER BY id"):
        caps.setdefault(pid, []).append(text)
    extra = {  # occasions, referrals and the archive (issue 15)
        int(row[0]): tuple(value or "" for value in row[1:])
        for row in conn.execute(
            "SELECT p.id, p.birthday, p.celebrates, v.name, p.became, p.archived_on "
            "FROM people p LEFT JOIN people v ON v.id = p.referred_by"
        )
    }
    buffer = io.StringIO()
    if excel:
        buffer.write("\ufeff")
    writer = csv.writer(buffer, lineterminator="\r\n", delimiter=";" if excel else ",")
    writer.writerow(CSV_COLUMNS)
    for p in list_people(conn, sort="id", archived="all"):
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
                *extra.get(p["id"], ("",) * 5),
            ]
        )
    return buffer.getvalue()
