"""``nj met``, ``nj log`` and ``nj person add|list|show|edit|rm|merge``."""
# No "from __future__ import annotations": Typer would eval every string
# annotation when it builds a command (measurable on every call).

import re
from typing import Annotated, Any

import typer
from typer.core import TyperCommand

from netjournal.cli import common
from netjournal.cli.common import CONTEXT, DbOpt, JsonOpt, LimitOpt, QuietOpt
from netjournal.cli.context import app_context
from netjournal.i18n import _, ngettext

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


_IDS = re.compile(r"#?\d{1,18}(\s*,\s*#?\d{1,18})*")


class _LogCommand(TyperCommand):
    """``--done-followups`` is a flag that may be followed by ids (``--done-followups 5,6``).

    Typer has no options with an optional value: the ids are handed to a hidden
    ``--done-followup-ids`` before parsing.
    """

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        out: list[str] = []
        rest = list(args)
        while rest:
            arg = rest.pop(0)
            if arg == "--":
                out += [arg, *rest]
                break
            if arg.startswith("--done-followups="):
                out.append("--done-followup-ids=" + arg.split("=", 1)[1])
            elif arg == "--done-followups" and rest and _IDS.fullmatch(rest[0].strip()):
                out += ["--done-followup-ids", rest.pop(0)]
            else:
                out.append(arg)
        return super().parse_args(ctx, out)


def register(app: typer.Typer) -> None:
    from netjournal.cli import (
        archive,
        merge,  # noqa: F401  (adds ``nj person merge`` to person_app)
    )

    if not any(c.name == "archive" for c in person_app.registered_commands):
        person_app.command("archive")(archive.archive)
        person_app.command("unarchive")(archive.unarchive)
    app.command("met", context_settings=CONTEXT)(met)
    app.command("log", context_settings=CONTEXT, cls=_LogCommand)(log)
    app.add_typer(person_app, name="person")


def _complete_names(ctx: typer.Context, incomplete: str) -> list[str]:
    from netjournal.cli.completion import names

    return names(ctx, incomplete)


def _met_tail(result: Any) -> str:
    """ " (needs #3; 2 capabilities)": what ``nj met`` recorded besides the meeting."""
    extra = []
    if result.need_ids:
        extra.append(_("needs {ids}").format(ids=", ".join(f"#{i}" for i in result.need_ids)))
    if result.capability_ids:
        n = len(result.capability_ids)
        extra.append(ngettext("{n} capability", "{n} capabilities", n).format(n=n))
    if result.already_open:
        ids = ", ".join(f"#{i}" for i in result.already_open)
        extra.append(_("already open: need {ids}").format(ids=ids))
    return f" ({'; '.join(extra)})" if extra else ""


def met(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Who you met (exact name, email or #id).")],
    at: Annotated[OptStr, typer.Option("--at", help="The event.")] = None,
    on: Annotated[OptStr, typer.Option("--on", help="When (default today).")] = None,
    org: Annotated[OptStr, typer.Option("--org", help="Their company or organisation.")] = None,
    role: Annotated[OptStr, typer.Option("--role", help="Their role or job title.")] = None,
    email: Annotated[OptStr, typer.Option("--email", help="Their e-mail address.")] = None,
    phone: Annotated[
        OptStr, typer.Option("--phone", help="Their phone or WhatsApp number.")
    ] = None,
    tag: Annotated[list[str] | None, typer.Option("--tag", help="A tag (repeatable).")] = None,
    needs: Annotated[
        list[str] | None, typer.Option("--needs", help="What they need (repeatable).")
    ] = None,
    can: Annotated[
        list[str] | None, typer.Option("--can", help="What they can help others with (repeatable).")
    ] = None,
    note: Annotated[OptStr, typer.Option("--note", help="A private note about them.")] = None,
    every: Annotated[
        OptStr, typer.Option("--every", help="Keep in touch every INTERVAL (2w, monthly...).")
    ] = None,
    birthday: common.BirthdayOpt = None,
    celebrates: common.CelebratesOpt = None,
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
        common.set_occasions(conn, result.person_id, birthday, celebrates)
        _link(conn, result, event, referrer)
        record = views.person_card(conn, result.person_id) if json_out else None
    if record is not None:
        record["already_open_needs"] = result.already_open
        record["interaction_id"] = result.interaction_id
        record["created"] = result.created
    verb = _("Added") if result.created else _("Met again")
    tail = _met_tail(result)
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

    if not at or not at.split():  # --at "" or blanks (an empty $VAR in a script): no event
        return None
    if at.strip().startswith("#") and at.strip()[1:].isdigit():  # '#3'; '#' is a name
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
    name: Annotated[
        str,
        typer.Argument(help="The person (name, prefix or #id).", autocompletion=_complete_names),
    ],
    rest: Annotated[
        list[str],
        typer.Argument(metavar="TEXT", help="What happened (with --event: more people)."),
    ],
    on: Annotated[OptStr, typer.Option("--on", help="When (default today).")] = None,
    kind: Annotated[
        OptStr,
        typer.Option(
            "--kind",
            help="call (telepon, telp), meeting (ketemu, bertemu, rapat), message "
            "(whatsapp, wa, pesan, chat, dm), email (surel) or other (lain); "
            "default other, or meeting with --event.",
        ),
    ] = None,
    event: Annotated[
        OptStr,
        typer.Option("--event", help="Log one contact at this event with every NAME given."),
    ] = None,
    note: Annotated[OptStr, typer.Option("--note", help="With --event: what happened.")] = None,
    done_followups: Annotated[
        bool,
        typer.Option(
            "--done-followups",
            metavar="[IDS]",
            help="Also close this person's follow-ups due by then, or the ids given (5,6).",
        ),
    ] = False,
    done_followup_ids: Annotated[
        OptStr, typer.Option("--done-followup-ids", hidden=True, metavar="IDS")
    ] = None,
    db: DbOpt = None,
    json_out: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Log a contact with someone (a call, a meeting, a message...)."""
    from netjournal.errors import UsageProblem
    from netjournal.text import clean_text

    kind = _log_kind(kind or ("meeting" if event is not None else "other"))
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
    _log_one(
        env, db, name, text, when, kind, (done_followups, done_followup_ids), (json_out, quiet)
    )


def _log_one(
    env: Any,
    db: OptStr,
    name: str,
    text: str,
    when: Any,
    kind: str,
    done: tuple[bool, OptStr],
    out: tuple[bool, bool],
) -> None:
    """Log ``text`` with one person, closing follow-ups as ``--done-followups`` asks."""
    from netjournal import render
    from netjournal.core import people
    from netjournal.core.kinds import kind_label

    done_followups, done_followup_ids = done
    json_out, quiet = out
    followup_ids = _followup_ids(done_followup_ids)
    closed: list[int] = []
    with env.journal(db) as j, j.write() as conn:
        person = common.resolve_person(conn, name, env)
        iid = people.add_interaction(conn, int(person["id"]), on=when, kind=kind, note=text)
        if done_followups or followup_ids is not None:
            closed = people.close_open_followups(conn, int(person["id"]), when, followup_ids)
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
            _("Logged {kind} #{id} with ").format(kind=kind_label(kind), id=iid),
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


def _log_kind(typed: str) -> str:
    """The stored kind for ``--kind`` (aliases such as wa or telp); 'met' is for nj met."""
    from netjournal.core import people
    from netjournal.core.kinds import stored_kind
    from netjournal.errors import UsageProblem

    kind = stored_kind(typed) or ""
    if kind not in people.KINDS or kind == "met":
        raise UsageProblem(
            _(
                "--kind must be one of call, meeting, message, email, other "
                "(got '{kind}'); use 'nj met' for meetings at events"
            ).format(kind=typed[:40])
        )
    return kind


def _followup_ids(value: OptStr) -> list[int] | None:
    """``--done-followups`` alone (None: those due) or ``--done-followups 5,6``."""
    from netjournal.errors import UsageProblem

    if value is None:
        return None
    ids = [part.strip().lstrip("#") for part in value.split(",")]
    if not ids or not all(part.isdigit() and len(part) < 19 for part in ids):
        raise UsageProblem(
            _("--done-followups takes follow-up ids such as 5,6 (got '{value}')").format(
                value=value[:40]
            )
        )
    return [int(part) for part in ids]


def _refuse_duplicate(conn: Any, name: str, but: int | None = None) -> None:
    from netjournal.core import people

    people.refuse_duplicate(conn, name, but=but)


@person_app.command("add")
def person_add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Full name.")],
    org: Annotated[OptStr, typer.Option("--org", help="Their company or organisation.")] = None,
    role: Annotated[OptStr, typer.Option("--role", help="Their role or job title.")] = None,
    email: Annotated[OptStr, typer.Option("--email", help="Their e-mail address.")] = None,
    phone: Annotated[
        OptStr, typer.Option("--phone", help="Their phone or WhatsApp number.")
    ] = None,
    tag: Annotated[list[str] | None, typer.Option("--tag", help="A tag (repeatable).")] = None,
    can: Annotated[
        list[str] | None, typer.Option("--can", help="What they can help with (repeatable).")
    ] = None,
    notes: Annotated[
        OptStr, typer.Option("--notes", "--note", help="A private note about them.")
    ] = None,
    every: Annotated[OptStr, typer.Option("--every", help="Keep in touch every INTERVAL.")] = None,
    birthday: common.BirthdayOpt = None,
    celebrates: common.CelebratesOpt = None,
    allow_duplicate: Annotated[
        bool, typer.Option("--allow-duplicate", help="Add even if someone has the same name.")
    ] = False,
    db: DbOpt = None,
    json_out: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Add a person without logging a meeting."""
    from netjournal import render
    from netjournal.core import people, views

    env = app_context(ctx)
    today = env.today
    every_canonical = common.interval(every)
    with env.journal(db) as j, j.write() as conn:
        if not allow_duplicate:
            _refuse_duplicate(conn, name)
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
        common.set_occasions(conn, pid, birthday, celebrates)
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
    from netjournal.cli.paging import paged
    from netjournal.render import lists

    with paged(env):
        lists.people(rows, styled=env.styled, limit=env.list_limit(limit))


@person_app.command("show")
def person_show(
    ctx: typer.Context,
    name: Annotated[
        str,
        typer.Argument(help="The person (name, prefix or #id).", autocompletion=_complete_names),
    ],
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
    from netjournal.cli.paging import paged

    console = render.out()
    with paged(env):
        for part in render.person_card(card, limit=None if all_entries else 20):
            console.print(part)


@person_app.command("edit")
def person_edit(
    ctx: typer.Context,
    name: Annotated[
        str,
        typer.Argument(help="The person (name, prefix or #id).", autocompletion=_complete_names),
    ],
    new_name: Annotated[OptStr, typer.Option("--name", help="A new name.")] = None,
    org: Annotated[OptStr, typer.Option("--org", help="New org ('' clears).")] = None,
    role: Annotated[OptStr, typer.Option("--role", help="New role ('' clears).")] = None,
    email: Annotated[OptStr, typer.Option("--email", help="New email ('' clears).")] = None,
    phone: Annotated[OptStr, typer.Option("--phone", help="New phone ('' clears).")] = None,
    notes: Annotated[OptStr, typer.Option("--notes", help="Replace the notes ('' clears).")] = None,
    every: Annotated[
        OptStr, typer.Option("--every", help="Keep-in-touch interval ('' or 'never' clears).")
    ] = None,
    birthday: Annotated[
        OptStr, typer.Option("--birthday", help="MM-DD, YYYY-MM-DD or DD/MM ('' clears).")
    ] = None,
    celebrates: Annotated[
        OptStr,
        typer.Option("--celebrates", help="Holidays to greet them on: lebaran,natal ('' clears)."),
    ] = None,
    tag: Annotated[list[str] | None, typer.Option("--tag", help="Add a tag.")] = None,
    untag: Annotated[list[str] | None, typer.Option("--untag", help="Remove a tag.")] = None,
    can: Annotated[list[str] | None, typer.Option("--can", help="Add a capability.")] = None,
    allow_duplicate: Annotated[
        bool, typer.Option("--allow-duplicate", help="Rename even if someone has the new name.")
    ] = False,
    uncan: Annotated[
        list[str] | None, typer.Option("--uncan", help="Remove a capability (its exact text).")
    ] = None,
    add_note: Annotated[
        OptStr, typer.Option("--add-note", help="Append a dated line to the notes.")
    ] = None,
    via: Annotated[OptStr, typer.Option("--via", help="Who sent them to you ('' clears).")] = None,
    became: Annotated[
        OptStr,
        typer.Option("--became", help="customer, partner, supplier or friend ('' clears)."),
    ] = None,
    db: DbOpt = None,
    json_out: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Change a person's details, tags, capabilities, notes or keep-in-touch interval."""
    from netjournal import render
    from netjournal.core import people, views

    updates = _edits(
        name=new_name, org=org, role=role, email=email, phone=phone, notes=notes, every=every
    )
    env = app_context(ctx)
    today = env.today
    with env.journal(db) as j, j.write() as conn:
        person = common.resolve_person(conn, name, env)
        pid = int(person["id"])
        if new_name is not None and not allow_duplicate:
            _refuse_duplicate(conn, new_name, but=pid)
        people.update_person(conn, pid, updates)
        common.set_occasions(conn, pid, birthday, celebrates)
        people.add_tags(conn, pid, tag or [])
        people.remove_tags(conn, pid, untag or [])
        for text in can or []:
            people.add_capability(conn, pid, text, today)
        if uncan or add_note is not None:
            from netjournal.core import edits

            for text in uncan or []:
                edits.remove_capability(conn, pid, text)
            if add_note is not None:
                edits.add_note(conn, pid, add_note, today)
        _referral_edits(conn, env, pid, via, became)
        record = views.person_card(conn, pid)
    render.wrote(
        render.msg(_("Updated "), (record["name"], "bold"), f" #{pid}"),
        pid,
        quiet=quiet,
        as_json=json_out,
        record=record,
    )


def _referral_edits(conn: Any, env: Any, pid: int, via: OptStr, became: OptStr) -> None:
    """``--via`` and ``--became`` of ``person edit`` (issue 15)."""
    from netjournal.core import referrals

    if via is not None:
        ref = common.resolve_person(conn, via, env) if via.strip() else None
        referrals.set_via(conn, pid, int(ref["id"]) if ref else None)
    if became is not None:
        referrals.set_became(conn, pid, became, env.today)


def _edits(*, every: OptStr, **fields: OptStr) -> dict[str, Any]:
    """The fields ``person edit`` changes: '' clears a field; every '' or 'never' stops it."""
    updates: dict[str, Any] = {}
    for key, value in fields.items():
        if value is not None:
            updates[key] = value if value.strip() or key == "name" else None
    if every is not None:
        updates["every"] = (
            None if every.strip().lower() in ("", "never", "none") else common.interval(every)
        )
    return updates
