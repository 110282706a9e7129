"""What every command shares: options, dates, intervals, names.

The run's environment (root ``--db``, terminals, today) is an
:class:`~netjournal.cli.context.AppContext` in ``ctx.obj``; :func:`journal`,
:func:`today` and :func:`interactive` read it for modules that do not take a
``typer.Context`` yet.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any, Literal

import typer

from netjournal.errors import Ambiguous
from netjournal.i18n import _

if TYPE_CHECKING:
    from netjournal.cli.context import AppContext
    from netjournal.db.journal import Journal

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
LimitOpt = Annotated[
    int | None,
    typer.Option(
        "--limit",
        min=0,
        metavar="N",
        help="Show at most N rows, 0 for all (default: all in a pipe, 50 on a terminal).",
    ),
]

CONTEXT = {"help_option_names": ["-h", "--help"]}


def _current() -> AppContext:
    from netjournal.cli.context import current

    return current()


def today() -> date:
    """``NETJOURNAL_TODAY`` or the system date (the running command's today)."""
    return _current().today


@contextmanager
def journal(db: str | None) -> Iterator[Journal]:
    """Open the journal for one command (``ctx.obj.journal`` for commands that take ``ctx``)."""
    with _current().journal(db) as j:
        yield j


def parse_date(
    text: str,
    direction: Literal["past", "future"],
    base: date | None = None,
    *,
    either_side: bool = False,
) -> date:
    """``text`` as a date; ``either_side`` for a reference date such as ``--as-of``."""
    from netjournal.config import load_config
    from netjournal.dates import parse_date as parse

    day_first = True
    if not _looks_iso(text):
        day_first = load_config().day_first
    return parse(
        text,
        today=base or today(),
        direction=direction,
        day_first=day_first,
        either_side=either_side,
    )


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
    """May we ask a question? (stdin and stderr are terminals)."""
    return _current().interactive


def resolve_person(
    conn: sqlite3.Connection, name: str, app: AppContext | None = None
) -> sqlite3.Row:
    """NAME -> person; on a terminal an ambiguous name asks which one.

    An exact name that also begins other people's names ("Budi" and Budi
    Santoso) asks on a terminal, the exact one first (Enter takes it); in a
    pipe the exact one wins and a note on stderr names the others.
    """
    from netjournal.core import names

    env = app or _current()
    try:
        row = names.resolve(conn, name)
    except Ambiguous as exc:
        if not env.interactive or not exc.candidates or len(exc.candidates) > 20:
            raise
        return _choose(conn, name, exc.candidates, default=False)
    if names.parse_id(name) is not None:
        return row
    others = names.sharing_the_name(conn, row)
    if not others:
        return row
    from netjournal import render

    if env.interactive and len(others) < 20:
        return _choose(conn, name, [row, *others], default=True)
    render.note(
        _("'{name}' is {person} (#{id}); also: {others} (use the id for them)").format(
            name=name,
            person=row["name"],
            id=row["id"],
            others=", ".join(f"{o['name']} (#{o['id']})" for o in others[:8]),
        )
    )
    return row


def _choose(
    conn: sqlite3.Connection, name: str, candidates: list[Any], *, default: bool
) -> sqlite3.Row:
    """Ask which person is meant until a valid number (or, with ``default``, Enter: the first)."""
    from netjournal import render
    from netjournal.core import names

    render.note(_("'{name}' matches several people:").format(name=name))
    for n, cand in enumerate(candidates, 1):
        org = f", {cand['org']}" if cand["org"] else ""
        render.note(
            render.line(f"  {n}) ", render.t(cand["name"]), render.t(f" (#{cand['id']}{org})"))
        )
    question = (
        _("Which one (number, Enter for 1)")
        if default
        else _("Which one (number, empty to cancel)")
    )
    while True:
        choice = typer.prompt(question, default="", show_default=False, err=True).strip()
        if not choice:
            if default:
                return names.resolve(conn, f"#{candidates[0]['id']}")
            raise typer.Abort()
        if choice.isdigit() and 1 <= int(choice) <= len(candidates):
            return names.resolve(conn, f"#{candidates[int(choice) - 1]['id']}")
        render.note(_("Please type a number from 1 to {n}").format(n=len(candidates)))


def set_occasions(
    conn: sqlite3.Connection, person_id: int, birthday: str | None, celebrates: str | None
) -> None:
    """Apply ``--birthday`` / ``--celebrates`` ('' clears; invalid text is an error)."""
    from netjournal.core import people

    updates = {
        key: (value if value.strip() else None)
        for key, value in (("birthday", birthday), ("celebrates", celebrates))
        if value is not None
    }
    if updates:
        people.update_person(conn, person_id, updates)


#: ``--birthday`` / ``--celebrates`` of ``nj met`` and ``nj person add`` (docs/occasions.md).
BirthdayOpt = Annotated[
    str | None, typer.Option("--birthday", help="MM-DD, YYYY-MM-DD or DD/MM(/YYYY).")
]
CelebratesOpt = Annotated[
    str | None,
    typer.Option("--celebrates", help="Holidays to greet them on: lebaran,natal,..."),
]


class _Visible:
    """A binary stream that shows control characters as ``\\x1b`` instead of
    sending them to the terminal (where they would move, colour or hide text)."""

    def __init__(self, raw: Any) -> None:
        import codecs
        import re

        self.raw = raw
        self.decoder = codecs.getincrementaldecoder("utf-8")("replace")
        self.controls = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

    def write(self, data: bytes) -> int:
        text = self.decoder.decode(data)
        shown = self.controls.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
        self.raw.write(shown.encode("utf-8"))
        return len(data)

    def flush(self) -> None:
        self.raw.flush()


def stdout_bytes() -> Any:
    """Where a command writes a file's bytes when it has no ``--output``: stdout
    as it is in a pipe or a file (the bytes are the data), made visible on a terminal."""
    import sys

    sys.stdout.flush()
    raw = sys.stdout.buffer
    return _Visible(raw) if sys.stdout.isatty() else raw


def confirm(env: AppContext, refusal: str, question: Any, prompt: str) -> None:
    """Ask before a write that cannot be taken back: refuse (``refusal``, exit 2) when
    nobody can answer, else show ``question`` on stderr and abort unless confirmed."""
    from netjournal import render
    from netjournal.errors import UsageProblem

    if not env.interactive:
        raise UsageProblem(refusal)
    render.note(question)
    if not typer.confirm(prompt, default=False, err=True):
        raise typer.Abort()
