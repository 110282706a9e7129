"""``nj met``, ``nj log`` and ``nj person add|list|show|edit|rm|merge``."""
# No "from __future__ import annotations": Typer would eval every string
# annotation when it builds a command (measurable on every call).

from typing import Annotated, Any

import typer

from netjournal.cli import common
from netjournal.cli.common import CONTEXT, DbOpt, JsonOpt, LimitOpt, QuietOpt
from netjournal.cli.context import app_context
from netjournal.i18n import _

person_app = typer.Typer(
    help=_("Add, list, show, edit, remove and merge people."),
    context_settings=CONTEXT,
    no_args_is_help=True,
)

OptStr = str | None
ViaOpt = Annotated[OptStr, typer.Option("--via", help="Who sent them to you.")]
NewEventOpt = Annotated[
    bool, typer.Option("--new-event", help="Add --at as a new event even if one is nearby.")
]


def register(app: typer.Typer) -> None:
    from netjournal.cli import archive

    if not any(c.name == "archive" for c in person_app.registered_commands):
        person_app.command("archive")(archive.archive)
        person_app.command("unarchive")(archive.unarchive)
    app.command("met", context_settings=CONTEXT)(met)
    app.command("log", context_settings=CONTEXT)(log)
    app.add_typer(person_app, name="person")


def met(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Who you met (exact name, email or #id).")],
    at: Annotated[OptStr, typer.Option("--at", help="The event.")] = None,
    on: Annotated[OptStr, typer.Option("--on", help="When (default today).")] = None,
    org: Annotated[OptStr, typer.Option("--org")] = None,
    role: Annotated[OptStr, typer.Option("--role")] = None,
    email: Annotated[OptStr, typer.Option("--email")] = None,
    phone: Annotated[OptStr, typer.Option("--phone")] = None,
    tag: Annotated[list[str] | None, typer.Option("--tag", help="A tag (repeatable).")] = None,
    needs: Annotated[
        list[str] | None, typer.Option("--needs", help="What they need (repeatable).")
    ] = None,
    can: Annotated[
        list[str] | None, typer.Option("--can", help="What they can help others with (repeatable).")
    ] = None,
    note: Annotated[OptStr, typer.Option("--note")] = None,
    every: Annotated[
        OptStr, typer.Option("--every", help="Keep in touch every INTERVAL (2w, monthly...).")
    ] = None,
    via: ViaOpt = None,
    new_event: NewEventOpt = False,
    db: DbOpt = None,
    json_out: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Record meeting someone: finds or creates them, logs the meeting, notes needs and skills."""
    from netjournal import render
    from netjournal.core import people, views

    env = app_context(ctx)
    today = env.today
    when = common.parse_date(on, "past", today) if on else today
    every_canonical = common.interval(every)
    with env.journal(db) as j, j.write() as conn:
        event = _event(conn, at, when, today, new_event)
        at = event.name if event else None
        referrer = common.resolve_person(conn, via, env) if via else None
        result = people.met(
            conn,
            today=today,
            name=name,
            on=when,
            at=at,
            **_details(org=org, role=role, email=email, phone=phone, tags=tag, needs=needs),
            **_details(can=can, note=note, every=every_canonical),
        )
        _link(conn, result, event, referrer)
        record = views.person_card(conn, result.person_id) if json_out else None
    if record is not None:
        record["interaction_id"] = result.interaction_id
        record["created"] = result.created
    verb = _("Added") if result.created else _("Met again")
    extra = []
    if result.need_ids:
        extra.append(_("needs {ids}").format(ids=", ".join(f"#{i}" for i in result.need_ids)))
    if result.capability_ids:
        n = len(result.capability_ids)
        extra.append(_("1 capability") if n == 1 else _("{n} capabilities").format(n=n))
    tail = f" ({'; '.join(extra)})" if extra else ""
    at_text = (_(" at {event}").format(event=at), "") if at else ""
    render.wrote(
        render.msg(
            f"{verb} ",
            (result.name, "bold"),
            f" #{result.person_id}",
            _(", met on {date}").format(date=when.isoformat()),
            at_text,
            tail,
        ),
        result.person_id,
        quiet=quiet,
        as_json=json_out,
        record=record,
    )


def _event(conn: Any, at: OptStr, when: Any, today: Any, new_event: bool) -> Any:
    """The event of ``--at``: ``#id``, or found or created by name and date (or None)."""
    from netjournal.core import events

    if not at:
        return None
    if at.strip().startswith("#"):
        return events.resolve(conn, at)
    return events.add(conn, at, when, today=today, new_event=new_event)[0]


def _details(**values: Any) -> dict[str, Any]:
    return values


def _link(conn: Any, result: Any, event: Any, referrer: Any) -> None:
    from netjournal.core import events, referrals

    if event is not None:
        events.link(conn, result.interaction_id, event)
    if referrer is not None:
        referrals.set_via(conn, result.person_id, int(referrer["id"]))


def log(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The person (name, prefix or #id).")],
    rest: Annotated[
        list[str],
        typer.Argument(metavar="TEXT", help="What happened (with --event: more people)."),
    ],
    on: Annotated[OptStr, typer.Option("--on", help="When (default today).")] = None,
    kind: Annotated[
        str, typer.Option("--kind", help="call, meeting, message, email or other.")
    ] = "other",
    event: Annotated[
        OptStr,
        typer.Option("--event", help="Log one contact at this event with every NAME given."),
    ] = None,
    note: Annotated[OptStr, typer.Option("--note", help="With --event: what happened.")] = None,
    done_followups: Annotated[
        bool, typer.Option("--done-followups", help="Also close this person's open follow-ups.")
    ] = False,
    db: DbOpt = None,
    json_out: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Log a contact with someone (a call, a meeting, a message...)."""
    from netjournal import render
    from netjournal.core import people
    from netjournal.errors import UsageProblem
    from netjournal.text import clean_text

    if kind not in people.KINDS or kind == "met":
        raise UsageProblem(
            _(
                "--kind must be one of call, meeting, message, email, other "
                "(got '{kind}'); use 'nj met' for meetings at events"
            ).format(kind=kind[:40])
        )
    env = app_context(ctx)
    today = env.today
    when = common.parse_date(on, "past", today) if on else today
    if event is not None:
        from netjournal.cli.events import log_at_event

        log_at_event(env, db, event, [name, *rest], when, kind, note, (json_out, quiet))
        return
    if len(rest) != 1 or note is not None:
        raise UsageProblem(_("Give one NAME and one TEXT (quote it); several names need --event"))
    text = rest[0]
    clean_text(text, _("The text"), required=True)
    closed: list[int] = []
    with env.journal(db) as j, j.write() as conn:
        person = common.resolve_person(conn, name, env)
        iid = people.add_interaction(conn, int(person["id"]), on=when, kind=kind, note=text)
        if done_followups:
            closed = people.close_open_followups(conn, int(person["id"]), when)
    record = {
        "id": iid,
        "person": {"id": person["id"], "name": person["name"]},
        "on": when.isoformat(),
        "kind": kind,
        "note": text.strip(),
        "closed_followups": closed,
    }
    tail = (
        _("; closed follow-ups {ids}").format(ids=", ".join(f"#{i}" for i in closed))
        if closed
        else ""
    )
    render.wrote(
        render.msg(
            _("Logged {kind} #{id} with ").format(kind=kind, id=iid),
            (person["name"], "bold"),
            f" #{person['id']}",
            _(" on {date}").format(date=when.isoformat()),
            tail,
        ),
        iid,
        quiet=quiet,
        as_json=json_out,
        record=record,
    )


@person_app.command("add")
def person_add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Full name.")],
    org: Annotated[OptStr, typer.Option("--org")] = None,
    role: Annotated[OptStr, typer.Option("--role")] = None,
    email: Annotated[OptStr, typer.Option("--email")] = None,
    phone: Annotated[OptStr, typer.Option("--phone")] = None,
    tag: Annotated[list[str] | None, typer.Option("--tag", help="A tag (repeatable).")] = None,
    can: Annotated[
        list[str] | None, typer.Option("--can", help="What they can help with (repeatable).")
    ] = None,
    notes: Annotated[OptStr, typer.Option("--notes", "--note")] = None,
    every: Annotated[OptStr, typer.Option("--every", help="Keep in touch every INTERVAL.")] = None,
    allow_duplicate: Annotated[
        bool, typer.Option("--allow-duplicate", help="Add even if someone has the same name.")
    ] = False,
    db: DbOpt = None,
    json_out: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Add a person without logging a meeting."""
    from netjournal import render
    from netjournal.core import names, people, views
    from netjournal.errors import Conflict

    env = app_context(ctx)
    today = env.today
    every_canonical = common.interval(every)
    with env.journal(db) as j, j.write() as conn:
        existing = names.find_exact(conn, name, None)
        if existing is not None and not allow_duplicate:
            raise Conflict(
                _(
                    "{name} is already in the journal as #{id}; use "
                    "--allow-duplicate to add another person with that name"
                ).format(name=existing["name"], id=existing["id"])
            )
        pid = people.insert_person(
            conn,
            today=today,
            name=name,
            org=org,
            role=role,
            email=email,
            phone=phone,
            notes=notes,
            every=every_canonical,
            tags=tag,
        )
        for text in can or []:
            people.add_capability(conn, pid, text, today)
        record = views.person_card(conn, pid)
    render.wrote(
        render.msg(_("Added "), (record["name"], "bold"), f" #{pid}"),
        pid,
        quiet=quiet,
        as_json=json_out,
        record=record,
    )


@person_app.command("list")
def person_list(
    ctx: typer.Context,
    tag: Annotated[OptStr, typer.Option("--tag", help="Only people with this tag.")] = None,
    org: Annotated[
        OptStr, typer.Option("--org", help="Only people whose org contains this.")
    ] = None,
    sort: Annotated[
        str, typer.Option("--sort", help="name, id, last (last contact) or met.")
    ] = "name",
    limit: LimitOpt = None,
    archived: Annotated[bool, typer.Option("--archived", help="Only archived people.")] = False,
    everyone: Annotated[bool, typer.Option("--all", help="Everyone, archived people too.")] = False,
    db: DbOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """List people."""
    from netjournal import render
    from netjournal.core import views
    from netjournal.errors import UsageProblem

    if sort not in ("name", "id", "last", "met"):
        raise UsageProblem(_("--sort must be name, id, last or met"))
    env = app_context(ctx)
    with env.journal(db) as j, j.read() as conn:
        which = "all" if everyone else "only" if archived else "hide"
        rows = views.list_people(conn, tag=tag, org=org, sort=sort, archived=which)
    if json_out:
        render.print_json(rows if limit is None else rows[: limit or None])
        return
    from netjournal.render import lists

    lists.people(rows, styled=env.styled, limit=env.list_limit(limit))


@person_app.command("show")
def person_show(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The person (name, prefix or #id).")],
    all_entries: Annotated[bool, typer.Option("--all", help="Show the whole timeline.")] = False,
    db: DbOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Show a person's card, open needs, promises, introductions and timeline."""
    from netjournal import render
    from netjournal.core import views

    env = app_context(ctx)
    with env.journal(db) as j, j.read() as conn:
        person = common.resolve_person(conn, name, env)
        card = views.person_card(conn, int(person["id"]))
    if json_out:
        render.print_json(card)
        return
    console = render.out()
    for part in render.person_card(card, limit=None if all_entries else 20):
        console.print(part)


@person_app.command("edit")
def person_edit(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The person (name, prefix or #id).")],
    new_name: Annotated[OptStr, typer.Option("--name", help="A new name.")] = None,
    org: Annotated[OptStr, typer.Option("--org", help="New org ('' clears).")] = None,
    role: Annotated[OptStr, typer.Option("--role", help="New role ('' clears).")] = None,
    email: Annotated[OptStr, typer.Option("--email", help="New email ('' clears).")] = None,
    phone: Annotated[OptStr, typer.Option("--phone", help="New phone ('' clears).")] = None,
    notes: Annotated[OptStr, typer.Option("--notes", help="Replace the notes ('' clears).")] = None,
    every: Annotated[
        OptStr, typer.Option("--every", help="Keep-in-touch interval ('' or 'never' clears).")
    ] = None,
    tag: Annotated[list[str] | None, typer.Option("--tag", help="Add a tag.")] = None,
    untag: Annotated[list[str] | None, typer.Option("--untag", help="Remove a tag.")] = None,
    can: Annotated[list[str] | None, typer.Option("--can", help="Add a capability.")] = None,
    via: Annotated[OptStr, typer.Option("--via", help="Who sent them to you ('' clears).")] = None,
    became: Annotated[
        OptStr,
        typer.Option("--became", help="customer, partner, supplier or friend ('' clears)."),
    ] = None,
    db: DbOpt = None,
    json_out: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Change a person's details, tags or keep-in-touch interval."""
    from netjournal import render
    from netjournal.core import people, referrals, views

    updates: dict[str, Any] = {}
    if new_name is not None:
        updates["name"] = new_name
    for key, value in (
        ("org", org),
        ("role", role),
        ("email", email),
        ("phone", phone),
        ("notes", notes),
    ):
        if value is not None:
            updates[key] = value if value.strip() else None
    if every is not None:
        updates["every"] = (
            None if every.strip().lower() in ("", "never", "none") else common.interval(every)
        )
    env = app_context(ctx)
    today = env.today
    with env.journal(db) as j, j.write() as conn:
        person = common.resolve_person(conn, name, env)
        pid = int(person["id"])
        people.update_person(conn, pid, updates)
        people.add_tags(conn, pid, tag or [])
        people.remove_tags(conn, pid, untag or [])
        for text in can or []:
            people.add_capability(conn, pid, text, today)
        if via is not None:
            ref = common.resolve_person(conn, via, env) if via.strip() else None
            referrals.set_via(conn, pid, int(ref["id"]) if ref else None)
        if became is not None:
            referrals.set_became(conn, pid, became, today)
        record = views.person_card(conn, pid)
    render.wrote(
        render.msg(_("Updated "), (record["name"], "bold"), f" #{pid}"),
        pid,
        quiet=quiet,
        as_json=json_out,
        record=record,
    )


@person_app.command("rm")
def person_rm(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The person (name, prefix or #id).")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
    db: DbOpt = None,
    json_out: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Delete a person and everything recorded about them."""
    from netjournal import render
    from netjournal.core import people
    from netjournal.errors import UsageProblem

    env = app_context(ctx)
    with env.journal(db) as j:
        with j.read() as conn:
            person = common.resolve_person(conn, name, env)
            counts = people.record_counts(conn, int(person["id"]))
        pid = int(person["id"])
        if not yes:
            if not env.interactive:
                raise UsageProblem(
                    _("Refusing to delete {name} #{id} without --yes (not a terminal)").format(
                        name=person["name"], id=pid
                    )
                )
            summary = ", ".join(f"{v} {k}" for k, v in counts.items() if v) or _("no records")
            render.note(
                render.line(_("Delete "), render.t(person["name"], "bold"), f" #{pid} ({summary})?")
            )
            if not typer.confirm(_("Delete for good"), default=False, err=True):
                raise typer.Abort()
        with j.write() as conn:
            counts = people.delete_person(conn, pid)
    record = {"id": pid, "name": person["name"], "deleted": counts}
    render.wrote(
        render.msg(_("Deleted "), (person["name"], "bold"), f" #{pid}"),
        pid,
        quiet=quiet,
        as_json=json_out,
        record=record,
    )


@person_app.command("merge")
def person_merge(
    ctx: typer.Context,
    keep: Annotated[str, typer.Argument(help="The person to keep.")],
    duplicate: Annotated[str, typer.Argument(help="The duplicate to fold into them.")],
    db: DbOpt = None,
    json_out: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Fold a duplicate into another person, moving all of their records."""
    from netjournal import render
    from netjournal.core import people, views

    env = app_context(ctx)
    with env.journal(db) as j, j.write() as conn:
        a = common.resolve_person(conn, keep, env)
        b = common.resolve_person(conn, duplicate, env)
        moved = people.merge(conn, int(a["id"]), int(b["id"]))
        record = views.person_card(conn, int(a["id"]))
    record["merged"] = {"id": int(b["id"]), "name": b["name"], "moved": moved}
    render.wrote(
        render.msg(
            _("Merged "),
            (b["name"], ""),
            f" #{b['id']} ",
            _("into "),
            (a["name"], "bold"),
            f" #{a['id']}",
        ),
        int(a["id"]),
        quiet=quiet,
        as_json=json_out,
        record=record,
    )
