"""``nj snooze REF [--until DATE]``, ``nj snooze list``, ``nj snooze rm REF``."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from netjournal.cli import common
from netjournal.cli.common import CONTEXT, DbOpt, JsonOpt, QuietOpt
from netjournal.cli.context import AppContext, app_context
from netjournal.i18n import _

OptStr = str | None


def register(app: typer.Typer) -> None:
    app.command("snooze", context_settings=CONTEXT)(snooze)


def snooze(
    ctx: typer.Context,
    ref: Annotated[
        str,
        typer.Argument(
            metavar="REF|list|rm",
            help="The item's reference (need:7), or 'list', or 'rm REF'.",
        ),
    ],
    target: Annotated[
        OptStr, typer.Argument(metavar="[REF]", help="With 'rm': the snooze to remove.")
    ] = None,
    until: Annotated[
        OptStr,
        typer.Option("--until", metavar="DATE", help="Until when (default: in a week)."),
    ] = None,
    db: DbOpt = None,
    json_out: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Take an item out of the review and 'nj due' until a date (default one week).

    'nj snooze list' shows what is snoozed; 'nj snooze rm REF' brings it back now.
    When the date comes the item is back with its original due date.
    """
    from netjournal.errors import UsageProblem

    env = app_context(ctx)
    if ref == "list":
        if target is not None or until is not None:
            raise UsageProblem(_("'nj snooze list' takes no reference and no --until"))
        _list(env, db, json_out)
        return
    if ref == "rm":
        if target is None or until is not None:
            raise UsageProblem(_("Write 'nj snooze rm REF', e.g. nj snooze rm need:7"))
        _remove(env, target, db, json_out, quiet)
        return
    if target is not None:
        raise UsageProblem(_("One reference at a time: nj snooze REF [--until DATE]"))
    _snooze(env, ref, until, db, json_out, quiet)


def _snooze(
    env: AppContext, ref: str, until: str | None, db: str | None, json_out: bool, quiet: bool
) -> None:
    from netjournal import render
    from netjournal.core import snooze as core
    from netjournal.core.refs import describe, parse_ref

    parsed = parse_ref(ref)
    today = env.today
    end = common.parse_date(until, "future", today) if until else None
    with env.journal(db) as j, j.write() as conn:
        result = core.snooze(conn, parsed, today=today, until=end)
        person, text = describe(conn, parsed)
    what: list[str | tuple[Any, str]] = [": ", (text, "")] if text else []
    render.wrote(
        render.msg(
            _("Snoozed {ref} (").format(ref=str(parsed)),
            (person["name"], "bold"),
            f" #{person['id']}",
            *what,
            _(") until {date}").format(date=result.until.isoformat()),
        ),
        str(parsed),
        quiet=quiet,
        as_json=json_out,
        record=result.to_json(),
    )


def _remove(env: AppContext, ref: str, db: str | None, json_out: bool, quiet: bool) -> None:
    from netjournal import render
    from netjournal.core import snooze as core
    from netjournal.core.refs import parse_ref

    parsed = parse_ref(ref)
    with env.journal(db) as j, j.write() as conn:
        result = core.unsnooze(conn, parsed)
    render.wrote(
        render.msg(
            _("No longer snoozed: {ref} (was until {date})").format(
                ref=str(parsed), date=result.until.isoformat()
            )
        ),
        str(parsed),
        quiet=quiet,
        as_json=json_out,
        record=result.to_json(),
    )


def _list(env: AppContext, db: str | None, json_out: bool) -> None:
    import sys

    from netjournal import render
    from netjournal.core import snooze as core
    from netjournal.core.refs import describe
    from netjournal.text import displayable

    with env.journal(db) as j, j.read() as conn:
        rows = []
        for s in core.list_snoozes(conn, today=env.today):
            person, text = describe(conn, s.ref)
            rows.append({**s.to_json(), "person": person, "text": text})
    if json_out:
        render.print_json(rows)
        return
    if not rows:
        render.note(_("Nothing is snoozed."))
        return
    width = max(len(r["ref"]) for r in rows)
    for r in rows:
        what = f"{r['person']['name']} #{r['person']['id']}" + (
            f": {r['text']}" if r["text"] else ""
        )
        line = _("until {date}").format(date=r["until"]) + f"  {r['ref']:<{width}}  {what}"
        sys.stdout.write(" ".join(displayable(line).split()) + "\n")
