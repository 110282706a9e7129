"""``nj db path|check|backup|migrate``."""

from typing import Annotated

import typer

from netjournal.cli.common import CONTEXT, DbOpt, JsonOpt
from netjournal.cli.context import AppContext, app_context
from netjournal.cli.passphrase import keys
from netjournal.i18n import _

db_app = typer.Typer(
    help=_("Where the journal lives; check, back up and migrate it."),
    context_settings=CONTEXT,
    no_args_is_help=True,
)


def register(app: typer.Typer) -> None:
    from netjournal.cli import crypt

    crypt.register(db_app)
    app.add_typer(db_app, name="db")


@db_app.command("path")
def db_path(ctx: typer.Context, db: DbOpt = None) -> None:
    """Print the path of the journal file (it need not exist yet)."""
    import sys

    from netjournal.db.journal import check_path

    path = app_context(ctx).db_path(db)
    check_path(path)  # never echo escape codes to the terminal
    sys.stdout.write(f"{path}\n")


def _existing(env: AppContext, db: str | None) -> str:
    from netjournal.errors import JournalError

    path = env.db_path(db)
    if not path.exists() and not path.is_symlink():
        raise JournalError(_("No journal at {path}").format(path=path))
    return str(path)


@db_app.command("check")
def db_check(ctx: typer.Context, db: DbOpt = None, json_out: JsonOpt = False) -> None:
    """Check integrity, schema version and file permissions. Exit 1 on problems."""
    from netjournal import render
    from netjournal.db.journal import check, open_journal
    from netjournal.errors import JournalError

    path = _existing(app_context(ctx), db)
    try:
        journal = open_journal(path, create=False, migrate=False, keys=keys(app_context(ctx)))
    except JournalError as exc:
        if json_out:
            render.print_json(
                {"path": path, "ok": False, "problems": [exc.message], "warnings": []}
            )
            raise typer.Exit(1) from None
        raise
    with journal:
        report = check(journal)
        from netjournal.search import check_index

        index_problems = check_index(journal.conn)
        if index_problems:
            report["problems"] += [_("search index: {p}").format(p=p) for p in index_problems]
            report["problems"].append(_("run 'nj db reindex'"))
            report["ok"] = False
    if json_out:
        render.print_json(report)
    else:
        out = render.out()
        out.print(render.line(_("Journal        "), render.t(report["path"])))
        out.print(_("Integrity      {v}").format(v=report["integrity"]))
        out.print(
            _("Schema         {v} (this program: {p})").format(
                v=report["schema_version"], p=report["program_schema_version"]
            )
        )
        out.print(_("SQLite         {v}").format(v=report["sqlite_version"]))
        out.print(_("Journal mode   {v}").format(v=report["journal_mode"]))
        out.print(_("File mode      {v}").format(v=report["mode"]))
        counts = ", ".join(f"{k} {n}" for k, n in report["counts"].items())
        out.print(_("Records        {v}").format(v=counts), soft_wrap=True)
        for warning in report["warnings"]:
            render.note(render.line(("Warning: ", "yellow"), render.t(warning)))
    if not report["ok"]:
        from netjournal.errors import JournalError as _JE

        raise _JE(_("The journal has problems: {p}").format(p="; ".join(report["problems"])))
    if not json_out:
        render.out().print(_("OK"), style="green")


@db_app.command("backup")
def db_backup(
    ctx: typer.Context,
    target: Annotated[
        str | None, typer.Argument(help="Backup file (default: beside the journal, dated).")
    ] = None,
    db: DbOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Back up the journal with SQLite's online backup (safe while others write)."""
    from pathlib import Path

    from netjournal import render
    from netjournal.core.views import quick_check
    from netjournal.db.journal import backup_to, open_journal
    from netjournal.errors import JournalError

    env = app_context(ctx)
    path = Path(_existing(env, db))
    with open_journal(path, create=False, migrate=False, keys=keys(env)) as journal:
        ok = quick_check(journal.conn)
        if ok != "ok":
            raise JournalError(
                _("Refusing to back up a corrupt journal ({detail}); run 'nj db check'").format(
                    detail=ok
                )
            )
        if target is None:
            stamp = env.today.isoformat()
            dest = path.with_name(f"{path.name}.{stamp}.bak")
            n = 1
            while dest.exists():
                dest = path.with_name(f"{path.name}.{stamp}-{n}.bak")
                n += 1
        else:
            dest = Path(target).expanduser()
            if dest.is_dir():
                dest = dest / f"{path.stem}-{env.today.isoformat()}.db"
        backup_to(journal.conn, dest, journal.cipher)
    if json_out:
        render.print_json({"path": str(path), "backup": str(dest)})
    else:
        render.out().print(render.line(_("Backed up to "), render.t(str(dest))))


@db_app.command("migrate")
def db_migrate(ctx: typer.Context, db: DbOpt = None, json_out: JsonOpt = False) -> None:
    """Bring the journal's schema up to date (done automatically on open; backs up first)."""
    from netjournal import render
    from netjournal.db.journal import SCHEMA_VERSION

    with app_context(ctx).journal(db) as journal:
        report = {
            "path": str(journal.path),
            "schema_version": SCHEMA_VERSION,
            "migrated_from": journal.migrated_from,
            "backup": str(journal.backup_path) if journal.backup_path else None,
        }
    if json_out:
        render.print_json(report)
    elif journal.migrated_from is None:
        render.out().print(_("Schema is up to date (version {v})").format(v=SCHEMA_VERSION))
    else:
        render.out().print(
            _("Migrated from {old} to {new}").format(old=journal.migrated_from, new=SCHEMA_VERSION)
        )
