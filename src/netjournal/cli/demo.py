"""``nj demo``: build the sample journal in a database of its own and show its review."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from netjournal.cli.common import CONTEXT, DbOpt, JsonOpt
from netjournal.cli.context import app_context
from netjournal.i18n import _


def register(app: typer.Typer) -> None:
    app.command("demo", context_settings=CONTEXT)(demo)


def demo_path() -> Path:
    """Where the demo journal lives by default: ``demo.db`` in the user data folder."""
    from netjournal.paths import data_dir

    return data_dir() / "demo.db"


def _remove(path: Path) -> None:
    import contextlib

    for suffix in ("", "-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            Path(str(path) + suffix).unlink()


def _replace_target(path: Path, force: bool) -> None:
    """Make ``--db PATH`` ready for the demo: refuse a journal with people unless
    ``force``, and then back it up beside itself and remove it."""
    from netjournal import render
    from netjournal.core.people import count_people
    from netjournal.db.journal import backup_to, open_journal
    from netjournal.errors import Conflict

    if not path.exists():
        return
    with open_journal(path) as existing:
        count = count_people(existing.conn)
        if count and not force:
            raise Conflict(
                _(
                    "{path} already has {n} people; the demo needs an empty journal "
                    "(or --force to replace it, keeping a backup)"
                ).format(path=path, n=count)
            )
        if count:
            backup = path.with_name(path.name + ".before-demo.bak")
            n = 1
            while backup.exists():
                backup = path.with_name(f"{path.name}.before-demo-{n}.bak")
                n += 1
            backup_to(existing.conn, backup)
            render.note(
                render.t(_("Backed up {path} to {backup}").format(path=path, backup=backup))
            )
    if count:
        _remove(path)


def _built(path: Path, counts: dict[str, int]) -> None:
    from netjournal import render
    from netjournal.core import demo as story

    render.note(
        render.t(
            _(
                "Built the demo journal {path}: {people} people, {interactions} contacts, "
                "{needs} needs, {offers} offers, {intros} introductions. Its review as of "
                "{date} (explore: nj --db {path} person list):"
            ).format(
                path=path,
                people=counts["people"],
                interactions=counts["interactions"],
                needs=counts["needs"],
                offers=counts["offers"],
                intros=counts["introductions"],
                date=story.STORY_DATE.isoformat(),
            )
        )
    )
    render.note(
        render.t(
            _(
                "Where they came from: nj --db {path} event list; nj --db {path} report referrals"
            ).format(path=path)
        )
    )


def demo(
    ctx: typer.Context,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="With --db: replace that journal even if it has people (a backup is kept beside it).",
        ),
    ] = False,
    fmt: Annotated[
        str,
        typer.Option("--format", metavar="FORMAT", help="terminal (default), markdown or html."),
    ] = "terminal",
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            metavar="LANG",
            help="Tell the story in en or id, and show its review in that language "
            "(default: the interface language).",
        ),
    ] = None,
    db: DbOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Build a sample journal (its own demo.db, never your journal) and show its review.

    Only --db PATH makes it write elsewhere; a journal that already has people is
    refused unless --force.
    """
    from netjournal import i18n
    from netjournal.cli.review import FORMATS, show
    from netjournal.config import Config
    from netjournal.core import demo as story
    from netjournal.core.review import build_review
    from netjournal.db.journal import open_journal
    from netjournal.errors import UsageProblem
    from netjournal.search import default_matcher, refresh_index

    if fmt not in FORMATS:
        raise UsageProblem(
            _("--format must be terminal, markdown or html (got '{fmt}')").format(fmt=fmt[:40])
        )
    if json_out and fmt != "terminal":
        raise UsageProblem(_("--json and --format {fmt} do not go together").format(fmt=fmt))
    if lang is not None and i18n.normalize(lang) is None:
        raise UsageProblem(_("--lang must be en or id, not '{value}'").format(value=lang[:40]))
    story_lang = i18n.set_language(lang) if lang is not None else i18n.language()
    env = app_context(ctx)
    if db or env.db:
        path = env.db_path(db)
        _replace_target(path, force)
    else:
        path = demo_path()
        _remove(path)
    with open_journal(path) as journal:
        with journal.write() as conn:
            counts = story.build(conn, story_lang or "en")
        refresh_index(journal.conn)
        with journal.read() as conn:
            data = build_review(
                conn,
                story.STORY_DATE,
                Config(),
                limit=Config().review_limit,
                matcher=default_matcher(as_of=story.STORY_DATE),
            )
    _built(path, counts)
    show(data, fmt=fmt, as_json=json_out)
