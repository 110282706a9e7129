"""``nj done REF``: act on a review item (close, keep, met, check in, thank, contact)."""

from __future__ import annotations

from typing import Annotated

import typer

from netjournal.cli import common
from netjournal.cli.common import CONTEXT, DbOpt, JsonOpt, QuietOpt
from netjournal.cli.context import app_context
from netjournal.i18n import _

OptStr = str | None


def register(app: typer.Typer) -> None:
    app.command("done", context_settings=CONTEXT)(done)


def _complete_refs(ctx: typer.Context, incomplete: str) -> list[str]:
    from netjournal.cli.completion import refs

    return refs(ctx, incomplete)


def _heads() -> dict[str, str]:
    return {
        "followup_done": _("Done: follow-up #{id} with "),
        "promise_kept": _("Kept: promise #{id} to "),
        "arrived": _("Arrived: offer #{id} from "),
        "need_met": _("Met: need #{id} of "),
        "checked_in": _("Checked in with "),
        "thanked": _("Thanked "),
        "contact_logged": _("Logged a contact (message) with "),
    }


def done(
    ctx: typer.Context,
    ref: Annotated[
        str,
        typer.Argument(
            metavar="REF",
            help="The item's reference from 'nj review' or 'nj due' (followup:12).",
            autocompletion=_complete_refs,
        ),
    ],
    note: Annotated[OptStr, typer.Option("--note", help="What happened (a short note).")] = None,
    on: Annotated[OptStr, typer.Option("--on", help="When (default today).")] = None,
    db: DbOpt = None,
    json_out: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Act on a review item: close a follow-up, keep a promise, mark a need met,
    record a check-in or a thank-you, or log a contact (person:ID)."""
    from netjournal import render
    from netjournal.core import done as core
    from netjournal.core.refs import parse_ref

    env = app_context(ctx)
    parsed = parse_ref(ref)
    today = env.today
    when = common.parse_date(on, "past", today) if on else today
    with env.journal(db) as j, j.write() as conn:
        result = core.done(conn, parsed, today=today, note=note, on=when)
    person = result.person
    tail = _(" on {date}").format(date=result.on.isoformat())
    if result.interaction_id is not None and result.action != "contact_logged":
        tail += _(" (contact #{id} logged)").format(id=result.interaction_id)
    render.wrote(
        render.msg(
            _heads()[result.action].format(id=parsed.id),
            (person["name"], "bold"),
            f" #{person['id']}",
            tail,
        ),
        str(parsed),
        quiet=quiet,
        as_json=json_out,
        record=result.to_json(),
    )
