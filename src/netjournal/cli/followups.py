"""``nj followup add|list|done``: explicit reminders to get back to someone."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from netjournal.cli import common
from netjournal.cli.common import CONTEXT, DbOpt, JsonOpt, QuietOpt
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

    today = common.today()
    due = common.parse_date(on, "future")
    with common.journal(db) as j, j.write() as conn:
        person = common.resolve_person(conn, name)
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
    followup: Annotated[str, typer.Argument(metavar="ID", help="The follow-up's id (3 or #3).")],
    on: Annotated[OptStr, typer.Option("--on", help="When (default today).")] = None,
    db: DbOpt = None,
    json_out: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Close a follow-up: you got back to the person."""
    from netjournal import render
    from netjournal.core import ledger

    fid = ledger.parse_record_id(followup, _("follow-up"))
    today = common.today()
    when = common.parse_date(on, "past") if on else today
    with common.journal(db) as j, j.write() as conn:
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
    all_items: Annotated[
        bool, typer.Option("--all", help="Include follow-ups already done.")
    ] = False,
    person: Annotated[
        OptStr, typer.Option("--person", help="Only this person's follow-ups.")
    ] = None,
    db: DbOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """List open follow-ups, most overdue first, then upcoming ones."""
    from netjournal import render
    from netjournal.core import ledger

    today = common.today()
    with common.journal(db) as j, j.read() as conn:
        person_id = int(common.resolve_person(conn, person)["id"]) if person else None
        rows = ledger.list_followups(conn, today=today, person_id=person_id, include_done=all_items)
    if json_out:
        render.print_json(rows)
        return
    console = render.out()
    if not rows:
        console.print(_("No follow-ups planned."))
        return
    tbl = render.table("#", _("Due"), _("Person"), _("Note"), _("When"))
    for column in (0, 1, 4):
        tbl.columns[column].no_wrap = True
    for f in rows:
        if f["status"] == "overdue":
            when = render.line((_("{n}d overdue").format(n=f["days_overdue"]), "bold red"))
        elif f["status"] == "due":
            when = render.line((_("today"), "bold"))
        elif f["status"] == "upcoming":
            when = render.t(_("in {n}d").format(n=f["due_in_days"]))
        else:
            when = render.line((_("done {date}").format(date=f["done_on"]), "dim"))
        tbl.add_row(
            str(f["id"]),
            f["due_on"],
            render.line(render.t(f["person"]["name"]), f" #{f['person']['id']}"),
            render.t(f["note"] or ""),
            when,
        )
    console.print(tbl)
    overdue = sum(1 for f in rows if f["status"] == "overdue")
    console.print(_("{n} follow-ups, {o} overdue").format(n=len(rows), o=overdue), style="dim")
