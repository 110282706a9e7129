"""``nj undo [--list] [--clear]``: take back the last write command, one at a time."""
# No "from __future__ import annotations": Typer evaluates the annotations.

from typing import Annotated

import typer

from netjournal.cli.common import CONTEXT, DbOpt, JsonOpt, QuietOpt
from netjournal.cli.context import app_context
from netjournal.i18n import _


def register(app: typer.Typer) -> None:
    app.command("undo", context_settings=CONTEXT)(undo)


def undo(
    ctx: typer.Context,
    list_only: Annotated[
        bool, typer.Option("--list", help="Show what can be undone, latest first; change nothing.")
    ] = False,
    clear: Annotated[
        bool,
        typer.Option("--clear", help="Forget the change log (deleted people's old data too)."),
    ] = False,
    db: DbOpt = None,
    json_out: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Undo the last write command (the last 100 are kept; run it again to go further back)."""
    from netjournal import render
    from netjournal.core import undo as core

    env = app_context(ctx)
    if list_only:
        with env.journal(db) as j, j.read() as conn:
            changes = core.list_changes(conn)
        if json_out:
            render.print_json([c.to_json() for c in changes])
            return
        if not changes:
            from netjournal.render.tables import print_empty

            print_empty(_("Nothing to undo."))
            return
        for c in changes:
            render.wrote(
                render.msg(f"#{c.id} {c.at}  ", (c.command, "")), c.id, quiet=False, as_json=False
            )
        return
    if clear:
        with env.journal(db) as j, j.write(log=False) as conn:
            n = core.clear(conn)
        render.wrote(
            render.msg(_("Forgot {n} changes; nothing can be undone now").format(n=n)),
            n,
            quiet=quiet,
            as_json=json_out,
            record={"cleared": n},
        )
        return
    with env.journal(db) as j, j.write(log=False) as conn:
        change = core.undo_last(conn)
    render.wrote(
        render.msg(_("Undid: "), (change.command, ""), f" (#{change.id})"),
        change.id,
        quiet=quiet,
        as_json=json_out,
        record=change.to_json(),
    )
