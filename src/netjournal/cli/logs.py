"""``nj log NAME TEXT`` and ``nj log list|edit|rm``: logged contacts, with ids.

``log`` is a group whose sub-words are ``list``, ``edit`` and ``rm``; any other
first word is a person, and the words go to the log-a-contact command
(cli/people.py's ``log``). A person really called "List" is reached with
``nj log '#ID' ...`` or ``nj log -- list ...`` (``--`` ends the sub-words).
"""
# No "from __future__ import annotations": Typer evaluates the annotations.

from typing import Annotated, Any

import typer
from typer._click.core import Context
from typer.core import TyperGroup

from netjournal.cli import common
from netjournal.cli.common import CONTEXT, DbOpt, JsonOpt, LimitOpt, QuietOpt
from netjournal.cli.context import app_context
from netjournal.i18n import _

#: The hidden command that logs a contact (``nj log NAME TEXT``).
CONTACT = "contact"
#: Words after ``nj log`` that are not a person.
SUBWORDS = ("list", "edit", "rm")
#: Put in front of the arguments after ``nj log --`` (never typed by a user).
_FORCE = "\x00contact"

OptStr = str | None


class _ContactContext(Context):
    """The log-a-contact command calls itself ``nj log`` (in its usage and error hints)."""

    @property
    def command_path(self) -> str:
        return self.parent.command_path if self.parent is not None else super().command_path


class LogGroup(TyperGroup):
    """A group whose unknown first word falls through to ``nj log NAME TEXT``."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if args:
            first = args[0]
            if first in ctx.help_option_names:
                args = [first]  # nj log --help --db PATH: the help, whatever follows
            elif first == "--":  # kept: what follows is NAME TEXT, even "-x ..."
                args = [_FORCE, *args]
            elif first.startswith("-") and first not in ctx.help_option_names:
                args = [_FORCE, *args]  # options first: nj log --kind call Budi ...
        return list(super().parse_args(ctx, args))

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        if args and args[0] in SUBWORDS:
            return super().resolve_command(ctx, args)
        rest = args[1:] if args and args[0] == _FORCE else args
        command = self.commands[CONTACT]
        command.context_class = _ContactContext
        return CONTACT, command, rest

    def list_commands(self, ctx: Any) -> list[str]:
        return [name for name in SUBWORDS if name in self.commands]

    @property
    def default_command(self) -> Any:
        """What ``nj log NAME TEXT`` runs (for tools that walk the commands)."""
        return self.commands.get(CONTACT)


log_app = typer.Typer(
    cls=LogGroup,
    help=_(
        "Log a contact: nj log NAME TEXT [--kind K] [--on DATE] "
        "(its options: nj log NAME --help). "
        "Also list, edit and remove logged contacts. "
        "A person called List, Edit or Rm: nj log '#ID' ... or nj log -- list ..."
    ),
    context_settings=CONTEXT,
    no_args_is_help=True,
    subcommand_metavar="NAME TEXT | COMMAND",
)


def register(app: typer.Typer) -> None:
    from netjournal.cli.people import _LogCommand, log

    if not any(c.name == CONTACT for c in log_app.registered_commands):
        log_app.command(CONTACT, hidden=True, context_settings=CONTEXT, cls=_LogCommand)(log)
    app.add_typer(log_app, name="log")


def _line(r: dict[str, Any]) -> Any:
    from netjournal import render
    from netjournal.core.kinds import kind_label

    note = f": {r['note']}" if r["note"] else ""
    return render.msg(
        f"#{r['id']} {kind_label(r['kind'])} ",
        _("with "),
        (r["person"]["name"], "bold"),
        f" #{r['person']['id']}",
        _(" on {date}").format(date=r["on"]),
        (note, ""),
    )


@log_app.command("list")
def log_list(
    ctx: typer.Context,
    name: Annotated[OptStr, typer.Argument(help="Only this person's contacts.")] = None,
    limit: LimitOpt = None,
    db: DbOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """List logged contacts with their ids, latest first."""
    from netjournal import render
    from netjournal.core import edits
    from netjournal.core.kinds import kind_label
    from netjournal.render.tables import Column, print_empty, print_table

    env = app_context(ctx)
    with env.journal(db) as j, j.read() as conn:
        person_id = int(common.resolve_person(conn, name, env)["id"]) if name else None
        rows = edits.list_interactions(conn, person_id=person_id)
    if json_out:
        render.print_json(rows if limit is None else rows[: limit or None])
        return
    if not rows:
        print_empty(_("No contacts logged yet. Log one with: nj log NAME TEXT"))
        return
    columns = [Column(h) for h in ("#", _("Date"), _("Kind"), _("Person"), _("Note"))]
    table: list[list[Any]] = [
        [
            str(r["id"]),
            r["on"],
            kind_label(r["kind"]),
            render.msg((r["person"]["name"], ""), f" #{r['person']['id']}"),
            render.msg((r["note"] or r["event"] or "", "")),
        ]
        for r in rows
    ]
    print_table(
        columns,
        table,
        footer=_("1 contact") if len(rows) == 1 else _("{n} contacts").format(n=len(rows)),
        styled=env.styled,
        limit=env.list_limit(limit),
        more=_("… and {n} more (--limit 0 shows them all)"),
    )


@log_app.command("edit")
def log_edit(
    ctx: typer.Context,
    contact: Annotated[str, typer.Argument(metavar="ID", help="The contact's id (3 or #3).")],
    text: Annotated[
        OptStr, typer.Option("--text", "--note", help="The new note ('' clears).")
    ] = None,
    on: Annotated[OptStr, typer.Option("--on", help="The new date.")] = None,
    kind: Annotated[
        OptStr, typer.Option("--kind", help="met, call, meeting, message, email or other.")
    ] = None,
    db: DbOpt = None,
    json_out: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Correct a logged contact: its note, date or kind."""
    from netjournal import render
    from netjournal.core import edits, ledger

    env = app_context(ctx)
    iid = ledger.parse_record_id(contact, _("contact"))
    when = common.parse_date(on, "past", env.today) if on else None
    with env.journal(db) as j, j.write() as conn:
        edits.edit_interaction(conn, iid, note=text, on=when, kind=kind)
        record = edits.get_interaction(conn, iid)
    render.wrote(
        render.msg(_("Updated contact "), *_line(record).parts),
        iid,
        quiet=quiet,
        as_json=json_out,
        record=record,
    )


@log_app.command("rm")
def log_rm(
    ctx: typer.Context,
    contact: Annotated[str, typer.Argument(metavar="ID", help="The contact's id (3 or #3).")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
    db: DbOpt = None,
    json_out: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Delete a logged contact (nj undo brings it back)."""
    from netjournal import render
    from netjournal.core import edits, ledger

    env = app_context(ctx)
    iid = ledger.parse_record_id(contact, _("contact"))
    with env.journal(db) as j:
        with j.read() as conn:
            record = edits.get_interaction(conn, iid)
        if not yes:
            common.confirm(
                env,
                _("Refusing to delete contact #{id} without --yes (not a terminal)").format(id=iid),
                render.msg(_("Delete "), *_line(record).parts, "?").plain,
                _("Delete for good"),
            )
        with j.write() as conn:
            record = edits.delete_interaction(conn, iid)
    render.wrote(
        render.msg(_("Deleted contact "), *_line(record).parts),
        iid,
        quiet=quiet,
        as_json=json_out,
        record=record,
    )
