"""``nj event add|list|show|edit|merge``, ``nj report referrals`` and ``nj reconnect``."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from netjournal.cli import common
from netjournal.cli.common import CONTEXT, DbOpt, JsonOpt, QuietOpt
from netjournal.cli.context import app_context
from netjournal.i18n import _

event_app = typer.Typer(
    help=_("Events where you meet people: add, list, show, edit and merge them."),
    context_settings=CONTEXT,
    no_args_is_help=True,
)
report_app = typer.Typer(
    help=_("Reports on your network."), context_settings=CONTEXT, no_args_is_help=True
)

OptStr = str | None
EventArg = Annotated[str, typer.Argument(help="The event (name, prefix or #id).")]


def register(app: typer.Typer) -> None:
    app.add_typer(event_app, name="event")
    app.add_typer(report_app, name="report")
    app.command("reconnect", context_settings=CONTEXT)(reconnect)


def _label(e: dict[str, Any]) -> list[str | tuple[Any, str]]:
    place: list[str | tuple[Any, str]] = [(f" · {e['place']}", "")] if e.get("place") else []
    return [(e["name"], "bold"), f" #{e['id']} ", _("on {date}").format(date=e["on"]), *place]


@event_app.command("add")
def event_add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The event's name.")],
    on: Annotated[OptStr, typer.Option("--on", help="When (default today).")] = None,
    place: Annotated[OptStr, typer.Option("--place", help="Where.")] = None,
    new_event: Annotated[
        bool, typer.Option("--new-event", help="Add it even if a similar event is nearby.")
    ] = False,
    db: DbOpt = None,
    json_out: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Add an event (the same name on the same date is the same event)."""
    from netjournal import render
    from netjournal.core import events

    env = app_context(ctx)
    when = common.parse_date(on, "past", env.today) if on else env.today
    with env.journal(db) as j, j.write() as conn:
        event, created = events.add(
            conn, name, when, today=env.today, place=place, new_event=new_event
        )
    record = {**event.to_json(), "created": created}
    verb = _("Added event ") if created else _("Already there: ")
    render.wrote(
        render.msg(verb, *_label(record)), event.id, quiet=quiet, as_json=json_out, record=record
    )


@event_app.command("list")
def event_list(ctx: typer.Context, db: DbOpt = None, json_out: JsonOpt = False) -> None:
    """Every event with the people met, follow-ups within 7 days, needs, introductions, help."""
    from rich.table import Table

    from netjournal import render
    from netjournal.core import events

    env = app_context(ctx)
    with env.journal(db) as j, j.read() as conn:
        rows = events.list_events(conn)
    if json_out:
        render.print_json(rows)
        return
    if not rows:
        render.note(_("No events yet: 'nj event add NAME' or 'nj met NAME --at EVENT'"))
        return
    tbl = Table(box=None, pad_edge=False)
    titles = (_("Date"), _("Event"), _("Met"), _("Followed up (7d)"), _("Needs"), _("Intros"))
    for title in (*titles, _("Help given")):
        tbl.add_column(title)
    for r in rows:
        rate = events.follow_up_rate(r)
        followed = f"{r['followed_up_7d']}" + (f" ({rate:.0%})" if rate is not None else "")
        name = render.t(r["name"] + (f" · {r['place']}" if r["place"] else ""))
        tbl.add_row(r["on"], name, str(r["met"]), followed, *(str(r[k]) for k in _COUNTS))
    render.out().print(tbl)


_COUNTS = ("needs", "introductions", "help_given")


@event_app.command("show")
def event_show(
    ctx: typer.Context, event: EventArg, db: DbOpt = None, json_out: JsonOpt = False
) -> None:
    """An event: what came of it and the people met there."""
    from netjournal import render
    from netjournal.core import events

    env = app_context(ctx)
    with env.journal(db) as j, j.read() as conn:
        record = events.show(conn, events.resolve(conn, event))
    if json_out:
        render.print_json(record)
        return
    out = render.out()
    out.print(render.line(*(p if isinstance(p, tuple) else (p, "") for p in _label(record))))
    rate = record["follow_up_rate"]
    out.print(
        _(
            "Met {met}; followed up within 7 days: {f}{rate}; needs heard: {n}; "
            "introductions: {i}; help given: {h}"
        ).format(
            met=record["met"],
            f=record["followed_up_7d"],
            rate=f" ({rate:.0%})" if rate is not None else "",
            n=record["needs"],
            i=record["introductions"],
            h=record["help_given"],
        ),
        markup=False,
        highlight=False,
    )
    for p in record["people"]:
        out.print(render.line("  ", render.t(p["name"]), f" #{p['id']}"))


@event_app.command("edit")
def event_edit(
    ctx: typer.Context,
    event: EventArg,
    name: Annotated[OptStr, typer.Option("--name", help="A new name.")] = None,
    on: Annotated[OptStr, typer.Option("--on", help="A new date.")] = None,
    place: Annotated[OptStr, typer.Option("--place", help="A new place ('' clears).")] = None,
    db: DbOpt = None,
    json_out: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Rename an event, or change its date or place."""
    from netjournal import render
    from netjournal.core import events

    env = app_context(ctx)
    when = common.parse_date(on, "past", env.today) if on else None
    with env.journal(db) as j, j.write() as conn:
        current = events.resolve(conn, event)
        updated = events.edit(conn, current.id, name=name, on=when, place=place)
    record = updated.to_json()
    render.wrote(
        render.msg(_("Updated "), *_label(record)),
        updated.id,
        quiet=quiet,
        as_json=json_out,
        record=record,
    )


@event_app.command("merge")
def event_merge(
    ctx: typer.Context,
    keep: Annotated[str, typer.Argument(help="The event to keep.")],
    duplicate: Annotated[str, typer.Argument(help="The duplicate to fold into it.")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
    db: DbOpt = None,
    json_out: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Fold a duplicate event into another: its people and contacts move over."""
    from netjournal import render
    from netjournal.core import events

    env = app_context(ctx)
    with env.journal(db) as j:
        with j.read() as conn:
            a, b = events.resolve(conn, keep), events.resolve(conn, duplicate)
        if not yes:
            common.confirm(
                env,
                _("Refusing to merge events without --yes (not a terminal)"),
                render.line(_("Merge "), render.t(b.label()), _(" into "), render.t(a.label())),
                _("Merge them"),
            )
        with j.write() as conn:
            moved = events.merge(conn, a.id, b.id)
            record = events.summary(conn, events.get(conn, a.id))
    record["merged"] = {**b.to_json(), "moved": moved}
    render.wrote(
        render.msg(_("Merged "), (b.label(), ""), _(" into "), (a.label(), "bold")),
        a.id,
        quiet=quiet,
        as_json=json_out,
        record=record,
    )


@report_app.command("referrals")
def report_referrals(ctx: typer.Context, db: DbOpt = None, json_out: JsonOpt = False) -> None:
    """Where your network came from: who sent you whom (with chains), and which events."""
    from netjournal import render
    from netjournal.core import referrals

    env = app_context(ctx)
    with env.journal(db) as j, j.read() as conn:
        data = referrals.report(conn)
    if json_out:
        render.print_json(data)
        return
    out = render.out()
    out.print(
        _(
            "{people} people: {referred} sent to you by someone, {events} met at events, "
            "{other} other"
        ).format(
            people=data["people"],
            referred=data["referred"],
            events=data["met_at_events"],
            other=data["other"],
        ),
        markup=False,
        highlight=False,
    )
    if data["chains"]:
        from netjournal.render.referrals import chain_lines

        out.print(render.line((_("Help one, they tell ten"), "bold underline")))
        for level, text in chain_lines(data["chains"]):
            out.print(render.indented(level, render.t(text)))
    if data["by_event"]:
        out.print(render.line((_("By event"), "bold underline")))
        for e in data["by_event"]:
            out.print(render.indented(1, f"{e['on']} ", render.t(e["name"]), f": {e['people']}"))


def reconnect(
    ctx: typer.Context,
    months: Annotated[
        int | None,
        typer.Option("--months", min=1, max=120, help="Not contacted for N months (default 6)."),
    ] = None,
    db: DbOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """People it has been a while since you talked to, with whom you have helped each other."""
    from netjournal import render
    from netjournal.config import load_config
    from netjournal.core import reconnect as core

    env = app_context(ctx)
    days = months * 30 if months else load_config().reconnect_after_days
    with env.journal(db) as j, j.read() as conn:
        rows = core.dormant(conn, env.today, days)
    if json_out:
        render.print_json(rows)
        return
    if not rows:
        render.note(_("Nobody to reconnect with: you are in touch with everyone you helped."))
        return
    out = render.out()
    out.print(render.line((_("It has been a while: reconnect"), "bold underline")))
    for r in rows:
        out.print(
            render.line(
                "  ",
                render.t(r["person"]["name"], "bold"),
                f" #{r['person']['id']} · ",
                _("last contact {date}; help between you: {n}").format(
                    date=r["last_contact"], n=r["history"]
                ),
            )
        )


def log_at_event(
    env: Any,
    db: str | None,
    event: str,
    people_names: list[str],
    when: Any,
    kind: str,
    note: str | None,
    flags: tuple[bool, bool],
) -> None:
    """``nj log --event EVENT NAME... [--note TEXT]``: one contact with several people."""
    from netjournal import render
    from netjournal.core import events, people
    from netjournal.core.kinds import kind_label

    json_out, quiet = flags
    with env.journal(db) as j, j.write() as conn:
        found = (
            events.resolve(conn, event)
            if event.strip().startswith("#")
            else events.add(conn, event, when, today=env.today)[0]
        )
        who: dict[int, str] = {}
        for name in people_names:
            row = common.resolve_person(conn, name, env)
            who.setdefault(int(row["id"]), str(row["name"]))
        ids = []
        for pid in who:
            iid = people.add_interaction(conn, pid, on=when, kind=kind, note=note, event=found.name)
            events.link(conn, iid, found)
            ids.append(iid)
    record = {
        "event": found.to_json(),
        "on": when.isoformat(),
        "kind": kind,
        "note": note.strip() if note else None,
        "interactions": [
            {"id": iid, "person": {"id": pid, "name": name}}
            for iid, (pid, name) in zip(ids, who.items(), strict=True)
        ],
    }
    render.wrote(
        render.msg(
            _("Logged {kind} with {n} people at ").format(kind=kind_label(kind), n=len(who)),
            (found.label(), "bold"),
            ": ",
            (", ".join(who.values()), ""),
        ),
        ",".join(str(i) for i in ids),
        quiet=quiet,
        as_json=json_out,
        record=record,
    )
