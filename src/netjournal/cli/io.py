"""``nj import vcard|csv|linkedin|json FILE`` and ``nj export json|csv|vcard|ics``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from netjournal.cli import common
from netjournal.cli.common import CONTEXT, DbOpt, JsonOpt, QuietOpt
from netjournal.i18n import _, ngettext

if TYPE_CHECKING:
    import sqlite3
    from collections.abc import Callable

    from netjournal.formats.entries import ImportResult, Parsed, Progress

import_app = typer.Typer(
    help=_("Import people from vCard, CSV, LinkedIn or a netjournal JSON export."),
    context_settings=CONTEXT,
    no_args_is_help=True,
)
export_app = typer.Typer(
    help=_(
        "Export the journal as JSON, people as CSV or vCard, and reminders as an iCalendar file."
    ),
    context_settings=CONTEXT,
    no_args_is_help=True,
)

#: Above this many cards or rows a progress bar is drawn (on a terminal only).
LARGE = 2000

FileArg = Annotated[Path, typer.Argument(help="The file to import.", show_default=False)]
DryRunOpt = Annotated[
    bool,
    typer.Option("--dry-run", help="Show what would be added, merged and skipped; write nothing."),
]
SkipBadOpt = Annotated[
    bool,
    typer.Option(
        "--skip-bad", help="Import the good rows; list the bad ones (with line numbers) on stderr."
    ),
]
TagOpt = Annotated[
    list[str] | None, typer.Option("--tag", help="Tag every imported person (repeatable).")
]
EncodingOpt = Annotated[
    str | None,
    typer.Option(
        "--encoding", help="Read the file in this encoding instead of guessing (utf-8, cp1252...)."
    ),
]
OutputOpt = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write to FILE (mode 0600) instead of stdout.")
]
ForceOpt = Annotated[bool, typer.Option("--force", help="Overwrite --output if it exists.")]


def register(app: typer.Typer) -> None:
    app.add_typer(import_app, name="import")
    app.add_typer(export_app, name="export")


# --------------------------------------------------------------------------
# Import
# --------------------------------------------------------------------------


class _Bar:
    """A Rich progress bar on stderr, only on a terminal and for large files."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.progress: object | None = None
        self.task: object | None = None

    def __call__(self, done: int, total: int) -> None:
        import sys

        if self.progress is None:
            if not sys.stderr.isatty() or max(done, total) < LARGE:
                return
            from rich.progress import Progress

            from netjournal import render

            progress = Progress(console=render.err(), transient=True)
            progress.start()
            self.task = progress.add_task(self.label, total=total or None)
            self.progress = progress
        from rich.progress import Progress as _P

        assert isinstance(self.progress, _P)
        self.progress.update(self.task, completed=done, total=total or None)  # type: ignore[arg-type]

    def stop(self) -> None:
        from rich.progress import Progress as _P

        if isinstance(self.progress, _P):
            self.progress.stop()


def _notes_before(parsed: Parsed, quiet: bool) -> None:
    from netjournal import render
    from netjournal.formats.files import ENCODING_LABELS

    if quiet:
        return
    if parsed.encoding:
        render.note(
            _("Read {path} as {encoding}").format(
                path=parsed.source, encoding=ENCODING_LABELS.get(parsed.encoding, parsed.encoding)
            )
        )
    for message in parsed.notes:
        render.note(render.t(message))


def _report(result: ImportResult, *, quiet: bool, json_out: bool) -> None:
    import sys

    from netjournal import render

    for problem in result.errors:
        render.note(render.t(_("Skipped bad row: {problem}").format(problem=problem)))
    if not quiet:
        for problem in result.warnings[:200]:
            render.note(render.t(_("Note: {problem}").format(problem=problem)))
        if len(result.warnings) > 200:
            render.note(
                ngettext(
                    "… and {n} more note (--json lists them all)",
                    "… and {n} more notes (--json lists them all)",
                    len(result.warnings) - 200,
                ).format(n=len(result.warnings) - 200)
            )
    if json_out:
        render.print_json(result.as_json())
        return
    if quiet:
        sys.stdout.write("".join(f"{pid}\n" for pid in result.added_ids))
        return
    ids = ""
    if result.added_ids:
        first, last = result.added_ids[0], result.added_ids[-1]
        ids = f" (#{first})" if first == last else f" (#{first}-#{last})"
    unchanged = _(", {n} unchanged").format(n=result.unchanged) if result.merged else ""
    records = ""
    if result.records:
        total = sum(result.records.values())
        records = ngettext("; {n} record added", "; {n} records added", total).format(n=total)
    counts = _("{added} added{ids}, {merged} merged{unchanged}, {skipped} skipped").format(
        added=result.added,
        ids=ids,
        merged=result.merged,
        unchanged=unchanged,
        skipped=result.skipped,
    )
    if result.dry_run:
        message = _("Dry run of {path} (nothing written): would be {counts}{records}").format(
            path=result.source, counts=counts, records=records
        )
    else:
        message = _("Imported {path}: {counts}{records}").format(
            path=result.source, counts=counts, records=records
        )
    render.out().print(render.t(message), soft_wrap=True)


@dataclass(frozen=True)
class _Run:
    """The options every ``nj import`` command shares."""

    db: str | None
    dry_run: bool
    quiet: bool
    json_out: bool
    skip_bad: bool = False
    tags: list[str] | None = None


def _in_journal(run: _Run, work: Callable[[sqlite3.Connection], ImportResult]) -> None:
    """Run ``work`` in one write transaction (a read one for --dry-run) and report."""
    with common.journal(run.db) as j:
        if run.dry_run:
            with j.read() as conn:
                result = work(conn)
        else:
            with j.write() as conn:
                result = work(conn)
    _report(result, quiet=run.quiet, json_out=run.json_out)


def _import_people(label: str, read: Callable[[Progress], Parsed], run: _Run) -> None:
    """Read a file of people (with a progress bar for large ones), then match and merge it."""
    from netjournal.formats import merge

    bar = _Bar(label)
    try:
        parsed = read(bar)
    finally:
        bar.stop()
    if parsed.errors and not run.skip_bad:
        raise merge.too_many_errors(parsed)  # one Error: line, nothing else
    _notes_before(parsed, run.quiet)
    today = common.today()
    _in_journal(
        run,
        lambda conn: merge.import_entries(
            conn,
            parsed,
            today=today,
            skip_bad=run.skip_bad,
            dry_run=run.dry_run,
            extra_tags=run.tags,
        ),
    )


@import_app.command("vcard")
def import_vcard(
    file: FileArg,
    dry_run: DryRunOpt = False,
    skip_bad: SkipBadOpt = False,
    tag: TagOpt = None,
    encoding: EncodingOpt = None,
    db: DbOpt = None,
    json_out: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Import a vCard file (.vcf: 2.1, 3.0 or 4.0, one or many cards), e.g. a phone's export."""
    from netjournal.formats import vcard

    _import_people(
        _("Reading cards"),
        lambda bar: vcard.read_vcard(file, encoding=encoding, progress=bar),
        _Run(db, dry_run, quiet, json_out, skip_bad, tag),
    )


@import_app.command("csv")
def import_csv(
    file: FileArg,
    map_: Annotated[
        list[str] | None,
        typer.Option(
            "--map",
            metavar="COLUMN=FIELD",
            help="Use COLUMN as FIELD (name, first_name, last_name, email, phone, org, role, tags, notes, met_on, met_at, can, every, ignore); repeatable.",
        ),
    ] = None,
    delimiter: Annotated[
        str | None,
        typer.Option(
            "--delimiter", help="The column separator (default: guessed among , ; and tab)."
        ),
    ] = None,
    dry_run: DryRunOpt = False,
    skip_bad: SkipBadOpt = False,
    tag: TagOpt = None,
    encoding: EncodingOpt = None,
    db: DbOpt = None,
    json_out: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Import a CSV file with a header row (English or Indonesian column names)."""
    from netjournal.config import load_config
    from netjournal.errors import UsageProblem
    from netjournal.formats import csvfile

    if delimiter is not None:
        delimiter = {"tab": "\t", "\\t": "\t"}.get(delimiter, delimiter)
        if len(delimiter) != 1:
            raise UsageProblem(_("--delimiter must be one character (or 'tab')"))
    mapping = csvfile.parse_mapping(map_)
    today = common.today()
    _import_people(
        _("Reading rows"),
        lambda bar: csvfile.read_csv(
            file,
            today=today,
            mapping=mapping,
            delimiter=delimiter,
            encoding=encoding,
            day_first=load_config().day_first,
            progress=bar,
        ),
        _Run(db, dry_run, quiet, json_out, skip_bad, tag),
    )


@import_app.command("linkedin")
def import_linkedin(
    file: FileArg,
    dry_run: DryRunOpt = False,
    skip_bad: SkipBadOpt = False,
    tag: TagOpt = None,
    encoding: EncodingOpt = None,
    db: DbOpt = None,
    json_out: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Import LinkedIn's Connections.csv ("Connected On" becomes when you met)."""
    from netjournal.formats import linkedin

    _import_people(
        _("Reading connections"),
        lambda bar: linkedin.read_linkedin(file, encoding=encoding, progress=bar),
        _Run(db, dry_run, quiet, json_out, skip_bad, tag),
    )


@import_app.command("json")
def import_json(
    file: FileArg,
    dry_run: DryRunOpt = False,
    db: DbOpt = None,
    json_out: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Import a netjournal JSON export (into an empty journal: an exact copy; else merged)."""
    from netjournal.formats import jsonfile

    doc, encoding = jsonfile.read_json(file, passphrase=_export_passphrase(confirm=False))
    today = common.today()
    _in_journal(
        _Run(db, dry_run, quiet, json_out),
        lambda conn: jsonfile.import_json(
            conn, doc, source=str(file), today=today, dry_run=dry_run, encoding=encoding
        ),
    )


# --------------------------------------------------------------------------
# Export
# --------------------------------------------------------------------------


def _emit(data: bytes, output: Path | None, force: bool, what: str) -> None:

    if output is None:
        sink = common.stdout_bytes()
        sink.write(data)
        sink.flush()
        return
    from netjournal.formats.files import write_output

    write_output(output, data, force=force)
    _wrote(what, output)


def _wrote(what: str, output: Path) -> None:
    from netjournal import render

    render.out().print(
        render.t(_("Wrote {what} to {path}").format(what=what, path=output)), soft_wrap=True
    )


def _check_output(output: Path | None, force: bool) -> None:
    """Refuse before reading anything when the file exists."""
    from netjournal.errors import Conflict

    if output is not None and output.exists() and not force and not output.is_dir():
        raise Conflict(_("{path} already exists; use --force to overwrite it").format(path=output))


def _export_passphrase(*, confirm: bool) -> Callable[[], str]:
    """The passphrase of an encrypted export: NETJOURNAL_PASSPHRASE, else typed on a terminal."""

    def ask() -> str:
        from netjournal.cli.context import current
        from netjournal.cli.passphrase import prompter
        from netjournal.db.keys import passphrase

        question = _("Passphrase for the encrypted export")
        return passphrase(prompter(current()), question, confirm=confirm)

    return ask


EncryptOpt = Annotated[
    bool,
    typer.Option(
        "--encrypt",
        help="Encrypt the file with a passphrase (NETJOURNAL_PASSPHRASE or typed twice).",
    ),
]


@export_app.command("json")
def export_json(
    output: OutputOpt = None,
    force: ForceOpt = False,
    db: DbOpt = None,
    encrypt: EncryptOpt = False,
) -> None:
    """The whole journal as one JSON document (read back with 'nj import json')."""

    if encrypt:
        _export_sealed(output, force, db)
        return

    from netjournal.formats import jsonfile
    from netjournal.formats.files import open_output
    from netjournal.formats.jsonrecords import RECORD_TABLES

    _check_output(output, force)
    today = common.today()
    with common.journal(db) as j, j.read() as conn:
        if output is None:  # streamed: records are written as they are read
            sink = common.stdout_bytes()
            jsonfile.write_json(conn, sink, today=today)
            sink.flush()
            return
        with open_output(output, force=force) as handle:
            counts = jsonfile.write_json(conn, handle, today=today)
    shown = ", ".join(f"{counts[k]} {k}" for k in ("people", *RECORD_TABLES))
    _wrote(_("the journal ({counts})").format(counts=shown), output)


def _export_sealed(output: Path | None, force: bool, db: str | None) -> None:
    import io

    from netjournal.formats import jsonfile, sealed

    _check_output(output, force)
    secret = _export_passphrase(confirm=True)()
    buffer = io.BytesIO()
    with common.journal(db) as j, j.read() as conn:
        jsonfile.write_json(conn, buffer, today=common.today())
    data = sealed.seal(buffer.getvalue(), secret)
    _emit(data, output, force, _("the encrypted journal"))


@export_app.command("csv")
def export_csv(
    output: OutputOpt = None,
    force: ForceOpt = False,
    excel: Annotated[
        bool,
        typer.Option(
            "--excel",
            help="For Excel in an Indonesian (or European) locale: UTF-8 with BOM, ';' between cells.",
        ),
    ] = False,
    db: DbOpt = None,
) -> None:
    """People, one row each, with open needs and last contact."""
    from netjournal.formats import csvfile

    _check_output(output, force)
    with common.journal(db) as j, j.read() as conn:
        text = csvfile.export_csv(conn, excel=excel)
    rows = text.count("\r\n") - 1
    _emit(text.encode(), output, force, ngettext("{n} person", "{n} people", rows).format(n=rows))


@export_app.command("vcard")
def export_vcard(output: OutputOpt = None, force: ForceOpt = False, db: DbOpt = None) -> None:
    """People as vCard 3.0 (notes, tags and what they can help with included)."""
    from netjournal.formats import vcard

    _check_output(output, force)
    with common.journal(db) as j, j.read() as conn:
        text = vcard.export_vcard(conn)
    cards = text.count("BEGIN:VCARD")
    _emit(text.encode(), output, force, ngettext("{n} card", "{n} cards", cards).format(n=cards))


@export_app.command("ics")
def export_ics(output: OutputOpt = None, force: ForceOpt = False, db: DbOpt = None) -> None:
    """Open follow-ups, promises and check-ins as all-day calendar events (stable UIDs)."""
    from netjournal.config import load_config
    from netjournal.formats import ical

    _check_output(output, force)
    config = load_config()
    with common.journal(db) as j, j.read() as conn:
        data = ical.export_ics(
            conn,
            today=common.today(),
            check_in_days=config.check_in_days,
            thank_days=config.thank_days,
        )
    events = data.count(b"BEGIN:VEVENT")
    _emit(data, output, force, ngettext("{n} event", "{n} events", events).format(n=events))
