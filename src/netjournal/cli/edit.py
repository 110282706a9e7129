"""``nj followup|offer|need|intro edit ID``: correct a recorded item.

Each command joins the group of its record (cli/followups.py, offers.py, ...);
cli/__init__.py loads this module after the group's own, and :func:`register`
adds ``edit`` to the groups already loaded.
"""
# No "from __future__ import annotations": Typer evaluates the annotations.

import sys
from collections.abc import Callable
from typing import Annotated, Any

import typer

from netjournal.cli import common
from netjournal.cli.common import CONTEXT, DbOpt, JsonOpt, QuietOpt
from netjournal.cli.context import app_context
from netjournal.i18n import _

OptStr = str | None
IdArg = Annotated[str, typer.Argument(metavar="ID", help="The record's id (3 or #3).")]


def _wrote(
    module: str, head: str, record: dict[str, Any], quiet: bool, as_json: bool, tail: str = ""
) -> None:
    from netjournal import render

    summary = sys.modules[f"netjournal.cli.{module}"]._summary(record)
    render.wrote(
        render.msg(head, *summary, tail),
        int(record["id"]),
        quiet=quiet,
        as_json=as_json,
        record=record,
    )


def followup_edit(
    ctx: typer.Context,
    followup: IdArg,
    on: Annotated[OptStr, typer.Option("--on", help="The new day ('next friday', 2w...).")] = None,
    note: Annotated[OptStr, typer.Option("--note", help="The new note ('' clears).")] = None,
    db: DbOpt = None,
    json_out: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Move a follow-up to another day or change its note."""
    from netjournal.core import edits, ledger

    env = app_context(ctx)
    fid = ledger.parse_record_id(followup, _("follow-up"))
    due = common.parse_date(on, "future", env.today) if on else None
    with env.journal(db) as j, j.write() as conn:
        edits.edit_followup(conn, fid, on=due, note=note)
        record = ledger.get_followup(conn, fid, env.today)
    tail = _(" on {date}").format(date=record["due_on"])
    _wrote("followups", _("Updated follow-up "), record, quiet, json_out, tail)


def offer_edit(
    ctx: typer.Context,
    offer: IdArg,
    text: Annotated[OptStr, typer.Option("--text", help="The new wording.")] = None,
    due: Annotated[OptStr, typer.Option("--due", help="The new due date of a promise.")] = None,
    db: DbOpt = None,
    json_out: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Reword an offer or move a promise's due date."""
    from netjournal.core import edits, ledger

    env = app_context(ctx)
    oid = ledger.parse_record_id(offer, _("offer"))
    due_on = common.parse_date(due, "future", env.today) if due else None
    with env.journal(db) as j, j.write() as conn:
        edits.edit_offer(conn, oid, text=text, due=due_on)
        record = ledger.get_offer(conn, oid, env.today)
    _wrote("offers", _("Updated offer "), record, quiet, json_out)


def need_edit(
    ctx: typer.Context,
    need: IdArg,
    text: Annotated[str, typer.Option("--text", help="The new wording.")],
    db: DbOpt = None,
    json_out: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Reword a need."""
    from netjournal.core import edits, ledger

    env = app_context(ctx)
    nid = ledger.parse_record_id(need, _("need"))
    with env.journal(db) as j, j.write() as conn:
        edits.edit_need(conn, nid, text=text)
        record = ledger.get_need(conn, nid)
    _wrote("needs", _("Updated need "), record, quiet, json_out)


def intro_edit(
    ctx: typer.Context,
    intro: IdArg,
    note: Annotated[OptStr, typer.Option("--note", help="The new note ('' clears).")] = None,
    on: Annotated[OptStr, typer.Option("--on", help="The day of the introduction.")] = None,
    db: DbOpt = None,
    json_out: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Change an introduction's note or date."""
    from netjournal.core import edits, ledger

    env = app_context(ctx)
    iid = ledger.parse_record_id(intro, _("introduction"))
    when = common.parse_date(on, "past", env.today) if on else None
    with env.journal(db) as j, j.write() as conn:
        edits.edit_intro(conn, iid, note=note, on=when)
        record = ledger.get_intro(conn, iid)
    _wrote("intros", _("Updated introduction "), record, quiet, json_out)


#: cli module -> (its Typer group's attribute, the edit command).
_EDITS: dict[str, tuple[str, Callable[..., None]]] = {
    "followups": ("followup_app", followup_edit),
    "offers": ("offer_app", offer_edit),
    "needs": ("need_app", need_edit),
    "intros": ("intro_app", intro_edit),
}


def register(app: typer.Typer) -> None:
    """Add ``edit`` to each record group already loaded (once)."""
    del app
    for module_name, (group_name, command) in _EDITS.items():
        module = sys.modules.get(f"netjournal.cli.{module_name}")
        group: typer.Typer | None = getattr(module, group_name, None)
        if group is not None and not any(c.name == "edit" for c in group.registered_commands):
            group.command("edit", context_settings=CONTEXT)(command)
