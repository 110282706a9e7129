"""``nj need add|list|done|drop``: what the people you know need."""

from __future__ import annotations

from typing import Annotated, Any, Literal

import typer

from netjournal.cli import common
from netjournal.cli.common import CONTEXT, DbOpt, JsonOpt, LimitOpt, QuietOpt
from netjournal.cli.context import AppContext, app_context
from netjournal.i18n import _

need_app = typer.Typer(
    help=_("Record, list and close what people need."),
    context_settings=CONTEXT,
    no_args_is_help=True,
)

OptStr = str | None
#: A piece of a one-line message: our text, or (user text, style).
Part = str | tuple[Any, str]


def register(app: typer.Typer) -> None:
    app.add_typer(need_app, name="need")


def _summary(need: dict[str, Any]) -> list[Part]:
    return [
        f"#{need['id']} ",
        _("for "),
        (need["person"]["name"], "bold"),
        f" #{need['person']['id']}: ",
        (need["text"], ""),
    ]


@need_app.command("add")
def need_add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The person (name, prefix or #id).")],
    text: Annotated[str, typer.Argument(help="What they need, e.g. 'a notary in Bali'.")],
    on: Annotated[OptStr, typer.Option("--on", help="When you heard it (default today).")] = None,
    db: DbOpt = None,
    json_out: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Record something a person needs."""
    from netjournal import render
    from netjournal.core import ledger

    env = app_context(ctx)
    when = common.parse_date(on, "past", env.today) if on else env.today
    with env.journal(db) as j, j.write() as conn:
        person = common.resolve_person(conn, name, env)
        need_id = ledger.add_need(conn, int(person["id"]), text, when)
        record = ledger.get_need(conn, need_id)
    render.wrote(
        render.msg(_("Added need "), *_summary(record)),
        need_id,
        quiet=quiet,
        as_json=json_out,
        record=record,
    )


def _close(
    env: AppContext,
    need: str,
    status: Literal["met", "dropped"],
    on: str | None,
    note: str | None,
    db: str | None,
    json_out: bool,
    quiet: bool,
    by: str | None = None,
) -> None:
    from netjournal import render
    from netjournal.core import ledger

    need_id = ledger.parse_record_id(need, _("need"))
    when = common.parse_date(on, "past", env.today) if on else env.today
    with env.journal(db) as j, j.write() as conn:
        helper = int(common.resolve_person(conn, by, env)["id"]) if by else None
        ledger.close_need(conn, need_id, status=status, on=when, note=note, met_by=helper)
        record = ledger.get_need(conn, need_id)
    verb = _("Need met: ") if status == "met" else _("Dropped need ")
    tail: list[Part] = [" (", (record["note"], ""), ")"] if record["note"] else []
    render.wrote(
        render.msg(verb, *_summary(record), *tail),
        need_id,
        quiet=quiet,
        as_json=json_out,
        record=record,
    )


@need_app.command("done")
def need_done(
    ctx: typer.Context,
    need: Annotated[str, typer.Argument(metavar="ID", help="The need's id (3 or #3).")],
    note: Annotated[OptStr, typer.Option("--note", help="How it was met, or by whom.")] = None,
    on: Annotated[OptStr, typer.Option("--on", help="When (default today).")] = None,
    by: Annotated[
        OptStr, typer.Option("--by", help="Who met it (nj match learns from it).")
    ] = None,
    db: DbOpt = None,
    json_out: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Mark a need as met."""
    _close(app_context(ctx), need, "met", on, note, db, json_out, quiet, by)


@need_app.command("drop")
def need_drop(
    ctx: typer.Context,
    need: Annotated[str, typer.Argument(metavar="ID", help="The need's id (3 or #3).")],
    note: Annotated[OptStr, typer.Option("--note", help="Why (optional).")] = None,
    on: Annotated[OptStr, typer.Option("--on", help="When (default today).")] = None,
    db: DbOpt = None,
    json_out: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Drop a need that no longer matters (nobody met it)."""
    _close(app_context(ctx), need, "dropped", on, note, db, json_out, quiet)


@need_app.command("list")
def need_list(
    ctx: typer.Context,
    all_needs: Annotated[
        bool, typer.Option("--all", help="Include met and dropped needs.")
    ] = False,
    person: Annotated[OptStr, typer.Option("--person", help="Only this person's needs.")] = None,
    limit: LimitOpt = None,
    db: DbOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """List open needs (oldest first); --all adds the closed ones."""
    from netjournal import render
    from netjournal.core import ledger

    env = app_context(ctx)
    today = env.today
    with env.journal(db) as j, j.read() as conn:
        person_id = int(common.resolve_person(conn, person, env)["id"]) if person else None
        rows = ledger.list_needs(conn, person_id=person_id, include_closed=all_needs)
    if json_out:
        render.print_json(rows if limit is None else rows[: limit or None])
        return
    from netjournal.cli.paging import paged
    from netjournal.render import lists

    with paged(env):
        lists.needs(
            rows, today=today, closed_too=all_needs, styled=env.styled, limit=env.list_limit(limit)
        )
