"""``nj occasions``: birthdays and holidays coming up, whom to greet (issue 15).

The same data and lines as the review's occasions section, over a window of
your choosing (``--days``, default the config's ``occasion_days``, 14): a
look-ahead to Lebaran, Natal or Imlek weeks before the day.
"""

from __future__ import annotations

from typing import Annotated

import typer

from netjournal.cli.common import CONTEXT, DbOpt, JsonOpt
from netjournal.cli.context import app_context
from netjournal.cli.review import AsOfOpt, _as_of


def register(app: typer.Typer) -> None:
    app.command("occasions", context_settings=CONTEXT)(occasions)


def occasions(
    ctx: typer.Context,
    days: Annotated[
        int | None,
        typer.Option(
            "--days",
            min=0,
            max=366,
            metavar="N",
            help="Look N days ahead (default: occasion_days of the config, 14).",
        ),
    ] = None,
    as_of: AsOfOpt = None,
    db: DbOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Birthdays and holidays in the next days: whom to greet, with their last contact."""
    from datetime import timedelta

    from netjournal import render
    from netjournal.config import load_config
    from netjournal.core import occasions as core
    from netjournal.render import occasions as lines

    env = app_context(ctx)
    config = load_config()
    when = _as_of(env, as_of)
    window = config.occasion_days if days is None else days
    with env.journal(db) as j, j.read() as conn:
        items = core.upcoming(conn, when, days=window, country=config.holidays_country)
    until = (when + timedelta(days=window)).isoformat()
    if json_out:
        render.print_json(
            {"as_of": when.isoformat(), "until": until, "days": window, "occasions": items}
        )
        return
    if not items:
        render.note(render.t(lines.empty(window)))
        return
    out = render.out()
    out.print(render.line((lines.window_title(len(items), until), "bold underline")))
    for text in lines.lines(items):
        out.print(render.indented(1, render.t(text)))
