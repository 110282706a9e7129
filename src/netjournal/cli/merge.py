"""``nj person rm`` and ``nj person merge``: removing a person, folding a duplicate in."""
# No "from __future__ import annotations": Typer would eval every string
# annotation when it builds a command (measurable on every call).

from typing import Annotated, Any

import typer

from netjournal.cli import common
from netjournal.cli.common import DbOpt, JsonOpt, QuietOpt
from netjournal.cli.context import app_context
from netjournal.cli.people import _complete_names, person_app
from netjournal.i18n import _


class _DryRun(Exception):
    """Rolls back the merge of ``--dry-run`` after the result was computed."""

    def __init__(self, record: dict[str, Any]) -> None:
        super().__init__("dry run")
        self.record = record


@person_app.command("merge")
def person_merge(
    ctx: typer.Context,
    keep: Annotated[str, typer.Argument(help="The person to keep.")],
    duplicate: Annotated[str, typer.Argument(help="The duplicate to fold into them.")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show the merged person; write nothing.")
    ] = False,
    db: DbOpt = None,
    json_out: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Fold a duplicate into another person, keeping every field and moving all their records."""
    from netjournal import render
    from netjournal.core import people, views

    env = app_context(ctx)
    with env.journal(db) as j:
        with j.read() as conn:
            a = common.resolve_person(conn, keep, env)
            b = common.resolve_person(conn, duplicate, env)
            counts = people.record_counts(conn, int(b["id"]))
        if int(a["id"]) == int(b["id"]):
            from netjournal.errors import Conflict

            raise Conflict(_("Cannot merge a person into themself"))
        if not (yes or dry_run):
            summary = ", ".join(f"{v} {k}" for k, v in counts.items() if v) or _("no records")
            common.confirm(
                env,
                _(
                    "Refusing to merge {b} #{bid} into {a} #{aid} without --yes (not a terminal)"
                ).format(b=b["name"], bid=b["id"], a=a["name"], aid=a["id"]),
                render.line(
                    _("Merge "),
                    render.t(b["name"], "bold"),
                    f" #{b['id']} ({summary}) ",
                    _("into "),
                    render.t(a["name"], "bold"),
                    f" #{a['id']}?",
                ),
                _("Merge for good"),
            )
        try:
            with j.write() as conn:
                moved = people.merge(conn, int(a["id"]), int(b["id"]))
                record = views.person_card(conn, int(a["id"]))
                record["merged"] = {"id": int(b["id"]), "name": b["name"], "moved": moved}
                if dry_run:
                    raise _DryRun(record)
        except _DryRun as preview:
            _show_dry_run(preview.record, json_out)
            return
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


def _show_dry_run(record: dict[str, Any], json_out: bool) -> None:
    from netjournal import render

    if json_out:
        render.print_json({**record, "dry_run": True})
        return
    merged = record["merged"]
    render.out().print(
        render.line(
            _("Dry run: merging {name} #{id} would give (nothing written):").format(
                name=merged["name"], id=merged["id"]
            )
        )
    )
    for part in render.person_card(record, limit=20):
        render.out().print(part)


@person_app.command("rm")
def person_rm(
    ctx: typer.Context,
    name: Annotated[
        str,
        typer.Argument(help="The person (name, prefix or #id).", autocompletion=_complete_names),
    ],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
    db: DbOpt = None,
    json_out: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Delete a person and everything recorded about them."""
    from netjournal import render
    from netjournal.core import people

    env = app_context(ctx)
    with env.journal(db) as j:
        with j.read() as conn:
            person = common.resolve_person(conn, name, env)
            counts = people.record_counts(conn, int(person["id"]))
        pid = int(person["id"])
        if not yes:
            summary = ", ".join(f"{v} {k}" for k, v in counts.items() if v) or _("no records")
            common.confirm(
                env,
                _("Refusing to delete {name} #{id} without --yes (not a terminal)").format(
                    name=person["name"], id=pid
                ),
                render.line(
                    _("Delete "), render.t(person["name"], "bold"), f" #{pid} ({summary})?"
                ),
                _("Delete for good"),
            )
        with j.write(log=False) as conn:
            from netjournal.core import undo

            counts = people.delete_person(conn, pid)
            undo.clear(conn)  # the change log holds their data too: forgotten (docs/undo.md)
    record = {"id": pid, "name": person["name"], "deleted": counts}
    render.wrote(
        render.msg(_("Deleted "), (person["name"], "bold"), f" #{pid}"),
        pid,
        quiet=quiet,
        as_json=json_out,
        record=record,
    )
