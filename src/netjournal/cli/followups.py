"""``nj followup add|list|done``: explicit reminders to get back to someone."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from netjournal.cli import common
from netjournal.cli.common import CONTEXT, DbOpt, JsonOpt, LimitOpt, QuietOpt
from netjournal.cli.context import app_context
from netjournal.i18n import _

followup_app = typer.Typer(
    help=_("Reminders to get back to someone on a date."),
    context_settings=CONTEXT,
    no_args_is_help=True,
)

OptStr = str | None
#: A piece of a one-line message: our text, or (user text, style).
Part = str | tuple[Any, str]


def register(app: typer.Typer) -> None:
    app.add_typer(followup_app, name="followup")


def _summary(f: dict[str, Any]) -> list[Part]:
    parts: list[Part] = [
        f"#{f['id']} ",
        _("with "),
        (f["person"]["name"], "bold"),
        f" #{f['person']['id']}",
    ]
    if f["note"]:
        parts += [": ", (f["note"], "")]
    return parts


@followup_app.command("add")
def followup_add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The person (name, prefix or #id).")],
    on: Annotated[
        str,
        typer.Option(
            "--on",
            help="When to get back to them: 'next friday', 'in 2 weeks', '2w', 'besok', 2026-12-15.",
        ),
    ],
    note: Annotated[OptStr, typer.Option("--note", help="What to follow up on.")] = None,
    db: DbOpt = None,
    json_out: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Remind yourself to get back to someone on a date."""
    from netjournal import render
    from netjournal.core import ledger

    env = app_context(ctx)
    today = env.today
    due = common.parse_date(on, "future", env.today)
    with env.journal(db) as j, j.write() as conn:
        person = common.resolve_person(conn, name, env)
        fid = ledger.add_followup(conn, int(person["id"]), due_on=due, note=note, created_on=today)
        record = ledger.get_followup(conn, fid, today)
    render.wrote(
        render.msg(
            _("Follow-up "), *_summary(record), _(" on {date}").format(date=record["due_on"])
        ),
        fid,
        quiet=quiet,
        as_json=json_out,
        record=record,
    )


@followup_app.command("done")
def followup_done(
    ctx: typer.Context,
    followup: Annotated[str, typer.Argument(metavar="ID", help="The follow-up's id (3 or #3).")],
    on: Annotated[OptStr, typer.Option("--on", help="When (default today).")] = None,
    db: DbOpt = None,
    json_out: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Close a follow-up: you got back to the person."""
    from netjournal import render
    from netjournal.core import ledger

    env = app_context(ctx)
    fid = ledger.parse_record_id(followup, _("follow-up"))
    today = env.today
    when = common.parse_date(on, "past", env.today) if on else today
    with env.journal(db) as j, j.write() as conn:
        ledger.done_followup(conn, fid, on=when)
        record = ledger.get_followup(conn, fid, today)
    render.wrote(
        render.msg(
            _("Done: follow-up "), *_summary(record), _(" on {date}").format(date=when.isoformat())
        ),
        fid,
        quiet=quiet,
        as_json=json_out,
        record=record,
    )


@followup_app.command("list")
def followup_list(
    ctx: typer.Context,
    all_items: Annotated[
        bool, typer.Option("--all", help="Include follow-ups already done.")
    ] = False,
    person: Annotated[
        OptStr, typer.Option("--person", help="Only this person's follow-ups.")
    ] = None,
    limit: LimitOpt = None,
    db: DbOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """List open follow-ups, most overdue first, then upcoming ones."""
    from netjournal import render
    from netjournal.core import ledger

    env = app_context(ctx)
    today = env.today
    with env.journal(db) as j, j.read() as conn:
        person_id = int(common.resolve_person(conn, person, env)["id"]) if person else None
        rows = ledger.list_followups(conn, today=today, person_id=person_id, include_done=all_items)
    if json_out:
        render.print_json(rows if limit is None else rows[: limit or None])
        return
    from netjournal.cli.paging import paged
    from netjournal.render import lists

    with paged(env):
        lists.followups(rows, styled=env.styled, limit=env.list_limit(limit))
