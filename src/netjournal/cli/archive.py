"""``nj person archive|unarchive``: no reminders or suggestions, history kept."""

from __future__ import annotations

from typing import Annotated

import typer

from netjournal.cli import common
from netjournal.cli.common import DbOpt, JsonOpt, QuietOpt
from netjournal.cli.context import app_context
from netjournal.i18n import _

NameArg = Annotated[str, typer.Argument(help="The person (name, prefix or #id).")]


def archive(
    ctx: typer.Context,
    name: NameArg,
    note: Annotated[
        str | None, typer.Option("--note", help="Why (moved away, passed away...).")
    ] = None,
    db: DbOpt = None,
    json_out: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Archive someone: no more reminders or suggestions; their history stays."""
    from netjournal import render
    from netjournal.core import referrals, views

    env = app_context(ctx)
    with env.journal(db) as j, j.write() as conn:
        person = common.resolve_person(conn, name, env)
        pid = int(person["id"])
        referrals.archive(conn, pid, env.today, note)
        record = views.person_card(conn, pid)
    render.wrote(
        render.msg(_("Archived "), (record["name"], "bold"), f" #{pid}"),
        pid,
        quiet=quiet,
        as_json=json_out,
        record=record,
    )


def unarchive(
    ctx: typer.Context,
    name: NameArg,
    db: DbOpt = None,
    json_out: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Bring an archived person back: reminders and suggestions include them again."""
    from netjournal import render
    from netjournal.core import referrals, views

    env = app_context(ctx)
    with env.journal(db) as j, j.write() as conn:
        person = common.resolve_person(conn, name, env)
        pid = int(person["id"])
        changed = referrals.unarchive(conn, pid)
        record = views.person_card(conn, pid)
    verb = _("Unarchived ") if changed else _("Not archived: ")
    render.wrote(
        render.msg(verb, (record["name"], "bold"), f" #{pid}"),
        pid,
        quiet=quiet,
        as_json=json_out,
        record=record,
    )
