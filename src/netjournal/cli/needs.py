"""``nj need add|list|done|drop``: what the people you know need."""

from __future__ import annotations

from typing import Annotated, Any, Literal

import typer

from netjournal.cli import common
from netjournal.cli.common import CONTEXT, DbOpt, JsonOpt, QuietOpt
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

    when = common.parse_date(on, "past") if on else common.today()
    with common.journal(db) as j, j.write() as conn:
        person = common.resolve_person(conn, name)
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
    need: str,
    status: Literal["met", "dropped"],
    on: str | None,
    note: str | None,
    db: str | None,
    json_out: bool,
    quiet: bool,
) -> None:
    from netjournal import render
    from netjournal.core import ledger

    need_id = ledger.parse_record_id(need, _("need"))
    when = common.parse_date(on, "past") if on else common.today()
    with common.journal(db) as j, j.write() as conn:
        ledger.close_need(conn, need_id, status=status, on=when, note=note)
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
    need: Annotated[str, typer.Argument(metavar="ID", help="The need's id (3 or #3).")],
    note: Annotated[OptStr, typer.Option("--note", help="How it was met, or by whom.")] = None,
    on: Annotated[OptStr, typer.Option("--on", help="When (default today).")] = None,
    db: DbOpt = None,
    json_out: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Mark a need as met."""
    _close(need, "met", on, note, db, json_out, quiet)


@need_app.command("drop")
def need_drop(
    need: Annotated[str, typer.Argument(metavar="ID", help="The need's id (3 or #3).")],
    note: Annotated[OptStr, typer.Option("--note", help="Why (optional).")] = None,
    on: Annotated[OptStr, typer.Option("--on", help="When (default today).")] = None,
    db: DbOpt = None,
    json_out: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Drop a need that no longer matters (nobody met it)."""
    _close(need, "dropped", on, note, db, json_out, quiet)


@need_app.command("list")
def need_list(
    all_needs: Annotated[
        bool, typer.Option("--all", help="Include met and dropped needs.")
    ] = False,
    person: Annotated[OptStr, typer.Option("--person", help="Only this person's needs.")] = None,
    db: DbOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """List open needs (oldest first); --all adds the closed ones."""
    from netjournal import render
    from netjournal.core import ledger

    today = common.today()
    with common.journal(db) as j, j.read() as conn:
        person_id = int(common.resolve_person(conn, person)["id"]) if person else None
        rows = ledger.list_needs(conn, person_id=person_id, include_closed=all_needs)
    if json_out:
        render.print_json(rows)
        return
    console = render.out()
    if not rows:
        console.print(_("No open needs.") if not all_needs else _("No needs recorded."))
        return
    if all_needs:
        columns = [_("Person"), _("Need"), _("Noted"), _("Intros"), _("Status")]
        fixed = (0, 3, 5)
    else:
        columns = [_("Person"), _("Need"), _("Noted"), _("Age"), _("Intros")]
        fixed = (0, 3, 4)
    tbl = render.table("#", *columns)
    for column in fixed:
        tbl.columns[column].no_wrap = True
    for n in rows:
        intros = ", ".join(f"#{i}" for i in n["introductions"]) or "-"
        who = render.line(render.t(n["person"]["name"]), f" #{n['person']['id']}")
        if all_needs:
            status = n["status"] if n["status"] == "open" else f"{n['status']} {n['closed_on']}"
            text = render.t(n["text"])
            if n["note"]:
                text = render.line(text, ("  (", "dim"), render.t(n["note"], "dim"), (")", "dim"))
            tbl.add_row(str(n["id"]), who, text, n["noted_on"], intros, status)
        else:
            age = (today - _iso(n["noted_on"])).days
            tbl.add_row(
                str(n["id"]),
                who,
                render.t(n["text"]),
                n["noted_on"],
                _("{n}d").format(n=age),
                intros,
            )
    console.print(tbl)
    open_count = sum(1 for n in rows if n["status"] == "open")
    console.print(
        _("{n} open").format(n=open_count)
        if not all_needs
        else _("{n} needs, {o} open").format(n=len(rows), o=open_count),
        style="dim",
    )


def _iso(text: str) -> Any:
    from datetime import date

    return date.fromisoformat(text)
