"""What every command shares: options, opening the journal, today, names, dates."""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import TYPE_CHECKING, Annotated, Literal

import typer

from netjournal.errors import Ambiguous
from netjournal.i18n import _

if TYPE_CHECKING:
    from netjournal.store import Journal

# Set by the root callback (``nj --db X command``); the command's own --db wins.
root_options: dict[str, str | None] = {"db": None}

DbOpt = Annotated[
    str | None,
    typer.Option(
        "--db",
        metavar="PATH",
        help="Journal file (default: $NETJOURNAL_DB, else the user data folder).",
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print one JSON document.")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="Print only the id.")]

CONTEXT = {"help_option_names": ["-h", "--help"]}


def today() -> date:
    """``NETJOURNAL_TODAY`` or the system date."""
    from netjournal.dates import today_from_env

    return today_from_env()


@contextmanager
def journal(db: str | None) -> Iterator[Journal]:
    """Open the journal for one command and close it afterwards."""
    from netjournal.paths import resolve_db_path
    from netjournal.store import open_journal

    path = resolve_db_path(db or root_options["db"])
    j = open_journal(path)
    if j.migrated_from is not None:
        from netjournal import render

        render.note(
            _("Migrated {path} from schema {old}; backup: {backup}").format(
                path=path, old=j.migrated_from, backup=j.backup_path
            )
        )
    try:
        yield j
    finally:
        j.close()


def parse_date(text: str, direction: Literal["past", "future"], base: date | None = None) -> date:
    from netjournal.config import load_config
    from netjournal.dates import parse_date as parse

    day_first = True
    if not _looks_iso(text):
        day_first = load_config().day_first
    return parse(text, today=base or today(), direction=direction, day_first=day_first)


def _looks_iso(text: str) -> bool:
    s = text.strip()
    return len(s) == 10 and s[4] == "-" and s[7] == "-"


def interval(text: str | None) -> str | None:
    """Canonical interval string ('2w', '3m'), or None when not given."""
    if text is None:
        return None
    from netjournal.dates import parse_interval

    return str(parse_interval(text))


def interactive() -> bool:
    return sys.stdin.isatty() and sys.stderr.isatty()


def resolve_person(conn: sqlite3.Connection, name: str) -> sqlite3.Row:
    """NAME -> person; on a terminal an ambiguous name asks which one."""
    from netjournal import names

    try:
        return names.resolve(conn, name)
    except Ambiguous as exc:
        if not interactive() or not exc.candidates or len(exc.candidates) > 20:
            raise
        from netjournal import render

        render.note(_("'{name}' matches several people:").format(name=name))
        for n, cand in enumerate(exc.candidates, 1):
            org = f", {cand['org']}" if cand["org"] else ""
            render.note(
                render.line(f"  {n}) ", render.t(cand["name"]), render.t(f" (#{cand['id']}{org})"))
            )
        choice = typer.prompt(
            _("Which one (number, empty to cancel)"), default="", show_default=False, err=True
        )
        if not choice.strip().isdigit() or not 1 <= int(choice) <= len(exc.candidates):
            raise
        return names.resolve(conn, f"#{exc.candidates[int(choice) - 1]['id']}")
