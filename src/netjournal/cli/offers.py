"""``nj offer add|list|done|drop``: help you promised, gave, or received."""

from __future__ import annotations

from typing import Annotated, Any, cast

import typer

from netjournal.cli import common
from netjournal.cli.common import CONTEXT, DbOpt, JsonOpt, LimitOpt, QuietOpt
from netjournal.cli.context import AppContext, app_context
from netjournal.i18n import _

offer_app = typer.Typer(
    help=_("Record help you promised, gave or received, and keep promises."),
    context_settings=CONTEXT,
    no_args_is_help=True,
)

OptStr = str | None
#: A piece of a one-line message: our text, or (user text, style).
Part = str | tuple[Any, str]


def register(app: typer.Typer) -> None:
    app.add_typer(offer_app, name="offer")


def _summary(offer: dict[str, Any]) -> list[Part]:
    word = _("from ") if offer["direction"] == "received" else _("to ")
    return [
        f"#{offer['id']} ",
        word,
        (offer["person"]["name"], "bold"),
        f" #{offer['person']['id']}: ",
        (offer["text"], ""),
    ]


@offer_app.command("add")
def offer_add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The person (name, prefix or #id).")],
    text: Annotated[str, typer.Argument(help="The help, e.g. 'send the notary's number'.")],
    due: Annotated[
        OptStr,
        typer.Option(
            "--due",
            help="When the promise is due (default: promise_days after --on); with "
            "--received, when they promised it to you.",
        ),
    ] = None,
    on: Annotated[
        OptStr, typer.Option("--on", help="When it was offered, given or received (default today).")
    ] = None,
    done: Annotated[
        bool, typer.Option("--done", help="Help already given (not a promise).")
    ] = False,
    received: Annotated[
        bool, typer.Option("--received", help="Help this person gave you.")
    ] = False,
    db: DbOpt = None,
    json_out: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Record a promise to help someone, help already given (--done), or help received (--received)."""
    from netjournal import render
    from netjournal.config import load_config
    from netjournal.core import ledger
    from netjournal.errors import UsageProblem

    env = app_context(ctx)
    if due is not None and done:
        raise UsageProblem(_("--due is for promises; help already given (--done) has no due date"))
    today = env.today
    when = common.parse_date(on, "past", env.today) if on else today
    due_on = common.parse_date(due, "future", env.today) if due else None
    days = load_config().promise_days if due_on is None and not (done or received) else 7
    with env.journal(db) as j, j.write() as conn:
        person = common.resolve_person(conn, name, env)
        offer_id = ledger.add_offer(
            conn,
            int(person["id"]),
            text,
            offered_on=when,
            due_on=due_on,
            received=received,
            done=done,
            default_due_days=days,
        )
        record = ledger.get_offer(conn, offer_id, today)
    if record["direction"] == "received" and record["status"] == "promised":
        head = _("Waiting on ")
        tail = _(", due {date}").format(date=record["due_on"])
    elif record["direction"] == "received":
        head = _("Recorded help received ")
        tail = _(" on {date}").format(date=record["offered_on"])
    elif record["status"] == "done":
        head = _("Recorded help given ")
        tail = _(" on {date}").format(date=record["done_on"])
    else:
        head = _("Promised ")
        tail = _(", due {date}").format(date=record["due_on"])
    render.wrote(
        render.msg(head, *_summary(record), tail),
        offer_id,
        quiet=quiet,
        as_json=json_out,
        record=record,
    )


def _close(
    env: AppContext,
    offer: str,
    drop: bool,
    on: str | None,
    db: str | None,
    json_out: bool,
    quiet: bool,
    note: str | None = None,
) -> None:
    from netjournal import render
    from netjournal.core import ledger

    offer_id = ledger.parse_record_id(offer, _("offer"))
    today = env.today
    when = common.parse_date(on, "past", env.today) if on else today
    with env.journal(db) as j, j.write() as conn:
        if drop:
            ledger.drop_offer(conn, offer_id, on=when)
        else:
            ledger.complete_offer(conn, offer_id, on=when, note=note)
        record = ledger.get_offer(conn, offer_id, today)
    head = _("Dropped offer ") if drop else _("Done: offer ")
    tail: list[Part] = [" (", (record["note"], ""), ")"] if record["note"] else []
    render.wrote(
        render.msg(
            head,
            *_summary(record),
            _(" on {date}").format(date=when.isoformat()),
            *tail,
        ),
        offer_id,
        quiet=quiet,
        as_json=json_out,
        record=record,
    )


@offer_app.command("done")
def offer_done(
    ctx: typer.Context,
    offer: Annotated[str, typer.Argument(metavar="ID", help="The offer's id (3 or #3).")],
    on: Annotated[OptStr, typer.Option("--on", help="When you delivered (default today).")] = None,
    note: Annotated[OptStr, typer.Option("--note", help="How it went (optional).")] = None,
    db: DbOpt = None,
    json_out: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Mark a promise as kept."""
    _close(app_context(ctx), offer, False, on, db, json_out, quiet, note)


@offer_app.command("drop")
def offer_drop(
    ctx: typer.Context,
    offer: Annotated[str, typer.Argument(metavar="ID", help="The offer's id (3 or #3).")],
    on: Annotated[OptStr, typer.Option("--on", help="When (default today).")] = None,
    db: DbOpt = None,
    json_out: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Drop a promise you will not keep."""
    _close(app_context(ctx), offer, True, on, db, json_out, quiet)


@offer_app.command("list")
def offer_list(
    ctx: typer.Context,
    person: Annotated[
        OptStr, typer.Option("--person", help="Only offers to or from this person.")
    ] = None,
    status: Annotated[OptStr, typer.Option("--status", help="promised, done or dropped.")] = None,
    received: Annotated[bool, typer.Option("--received", help="Only help you received.")] = False,
    given: Annotated[bool, typer.Option("--given", help="Only help you promised or gave.")] = False,
    limit: LimitOpt = None,
    db: DbOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """List offers: open promises first (earliest due first), then everything else."""
    from netjournal import render
    from netjournal.core import ledger
    from netjournal.errors import UsageProblem

    env = app_context(ctx)
    if status is not None and status not in ("promised", "done", "dropped"):
        raise UsageProblem(
            _("--status must be promised, done or dropped (got '{s}')").format(s=status[:40])
        )
    if received and given:
        raise UsageProblem(_("--received and --given exclude each other"))
    direction: ledger.Direction | None = "received" if received else "given" if given else None
    wanted = cast("ledger.OfferStatus | None", status)
    today = env.today
    with env.journal(db) as j, j.read() as conn:
        person_id = int(common.resolve_person(conn, person, env)["id"]) if person else None
        rows = ledger.list_offers(
            conn, today=today, person_id=person_id, status=wanted, direction=direction
        )
    if json_out:
        render.print_json(rows if limit is None else rows[: limit or None])
        return
    from netjournal.cli.paging import paged
    from netjournal.render import lists

    with paged(env):
        lists.offers(rows, styled=env.styled, limit=env.list_limit(limit))
