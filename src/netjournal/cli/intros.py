"""``nj intro add|list|outcome``: people you connected, and what came of it."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from netjournal.cli import common
from netjournal.cli.common import CONTEXT, DbOpt, JsonOpt, LimitOpt, QuietOpt
from netjournal.cli.context import app_context
from netjournal.i18n import _

intro_app = typer.Typer(
    help=_("Record introductions between people and their outcomes."),
    context_settings=CONTEXT,
    no_args_is_help=True,
)

OptStr = str | None
#: A piece of a one-line message: our text, or (user text, style).
Part = str | tuple[Any, str]


def register(app: typer.Typer) -> None:
    app.add_typer(intro_app, name="intro")


def _summary(intro: dict[str, Any]) -> list[Part]:
    parts: list[Part] = [
        f"#{intro['id']}: ",
        (intro["a"]["name"], "bold"),
        f" #{intro['a']['id']}",
        _(" and "),
        (intro["b"]["name"], "bold"),
        f" #{intro['b']['id']}",
    ]
    if intro["need"]:
        parts += [
            _(" for need #{id} (").format(id=intro["need"]["id"]),
            (intro["need"]["text"], ""),
            ")",
        ]
    return parts


@intro_app.command("add")
def intro_add(
    ctx: typer.Context,
    name_a: Annotated[
        str, typer.Argument(metavar="NAME_A", help="One person (name, prefix or #id).")
    ],
    name_b: Annotated[str, typer.Argument(metavar="NAME_B", help="The other person.")],
    need: Annotated[
        OptStr,
        typer.Option("--need", metavar="ID", help="The need (of A or B) this introduction is for."),
    ] = None,
    note: Annotated[
        OptStr, typer.Option("--note", help="Why you introduced them (kept private).")
    ] = None,
    on: Annotated[OptStr, typer.Option("--on", help="When (default today).")] = None,
    message_only: Annotated[
        bool,
        typer.Option(
            "--message-only",
            help="Print only the introduction message (plain text, for a clipboard tool).",
        ),
    ] = False,
    db: DbOpt = None,
    json_out: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Record that you introduced two people; prints a message you can paste to them."""
    env = app_context(ctx)
    import sys

    from netjournal import render
    from netjournal.core import ledger
    from netjournal.errors import UsageProblem
    from netjournal.text import displayable

    if message_only and (json_out or quiet):
        raise UsageProblem(_("--message-only cannot be combined with --json or --quiet"))
    need_id = ledger.parse_record_id(need, _("need")) if need is not None else None
    when = common.parse_date(on, "past", env.today) if on else env.today
    with env.journal(db) as j, j.write() as conn:
        a = common.resolve_person(conn, name_a, env)
        b = common.resolve_person(conn, name_b, env)
        intro_id = ledger.add_intro(
            conn, int(a["id"]), int(b["id"]), on=when, need_id=need_id, note=note
        )
        record = ledger.get_intro(conn, intro_id)
        message = ledger.intro_message(conn, intro_id)
    record["message"] = message
    if message_only:
        sys.stdout.write(displayable(message))
        return
    render.wrote(
        render.msg(_("Introduced "), *_summary(record), _(" on {date}").format(date=record["on"])),
        intro_id,
        quiet=quiet,
        as_json=json_out,
        record=record,
    )
    if not (json_out or quiet):
        sys.stdout.write("\n" + displayable(message))


@intro_app.command("outcome")
def intro_outcome(
    ctx: typer.Context,
    intro: Annotated[str, typer.Argument(metavar="ID", help="The introduction's id (3 or #3).")],
    text: Annotated[str, typer.Argument(help="What came of it.")],
    on: Annotated[OptStr, typer.Option("--on", help="When you heard (default today).")] = None,
    replace: Annotated[
        bool, typer.Option("--replace", help="Overwrite an outcome recorded earlier.")
    ] = False,
    db: DbOpt = None,
    json_out: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Record what came of an introduction."""
    from netjournal import render
    from netjournal.core import ledger

    env = app_context(ctx)
    intro_id = ledger.parse_record_id(intro, _("introduction"))
    when = common.parse_date(on, "past", env.today) if on else env.today
    with env.journal(db) as j, j.write() as conn:
        ledger.set_outcome(conn, intro_id, text, on=when, replace=replace)
        record = ledger.get_intro(conn, intro_id)
    render.wrote(
        render.msg(_("Outcome of introduction "), *_summary(record), ": ", (record["outcome"], "")),
        intro_id,
        quiet=quiet,
        as_json=json_out,
        record=record,
    )


@intro_app.command("list")
def intro_list(
    ctx: typer.Context,
    person: Annotated[
        OptStr, typer.Option("--person", help="Only introductions involving this person.")
    ] = None,
    limit: LimitOpt = None,
    db: DbOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """List introductions, latest first."""
    from netjournal import render
    from netjournal.core import ledger

    env = app_context(ctx)
    with env.journal(db) as j, j.read() as conn:
        person_id = int(common.resolve_person(conn, person, env)["id"]) if person else None
        rows = ledger.list_intros(conn, person_id=person_id)
    if json_out:
        render.print_json(rows if limit is None else rows[: limit or None])
        return
    from netjournal.cli.paging import paged
    from netjournal.render import lists

    with paged(env):
        lists.intros(rows, styled=env.styled, limit=env.list_limit(limit))
