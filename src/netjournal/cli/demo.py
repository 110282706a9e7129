"""``nj demo``: build the sample journal in a database of its own and show its review."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

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


def _built(path: Path, counts: dict[str, int], end: dict[str, Any]) -> None:
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
    if end["lebaran"] is not None:
        render.note(
            render.t(
                _(
                    "Every birthday and holiday until Lebaran: nj --db {path} occasions --days {n}"
                ).format(path=path, n=end["lebaran"]["in_days"])
            )
        )


#: A block printed after the review: a title and its lines (indent level, text).
Block = tuple[str, list[tuple[int, str]]]


def story_blocks(end: dict[str, Any]) -> list[Block]:
    """The end of the demo (``core.demo.story_end``) as titled blocks of text:
    the referral chains and the biggest event, then the next Lebaran."""
    from netjournal.render import occasions
    from netjournal.render.referrals import chain_lines

    came = chain_lines(end["chains"])
    event = end["biggest_event"]
    if event is not None:
        rate = round(100 * event["followed_up_7d"] / event["met"]) if event["met"] else 0
        came.append(
            (
                1,
                _(
                    "{n} events; the biggest, {name} ({date}): met {met}, followed up "
                    "within 7 days {followed} ({rate}%)"
                ).format(
                    n=end["events"],
                    name=event["name"],
                    date=event["on"],
                    met=event["met"],
                    followed=event["followed_up_7d"],
                    rate=rate,
                ),
            )
        )
    blocks: list[Block] = []
    if came:
        blocks.append((_("Where your network came from"), came))
    if end["lebaran"] is not None:
        blocks.append(
            (_("Looking ahead: the next Lebaran"), [(1, occasions.holiday_line(end["lebaran"]))])
        )
    return blocks


def _print_blocks(blocks: list[Block], fmt: str, page: str | None = None) -> None:
    """Print the blocks after the review, in the review's format."""
    import sys

    from netjournal import render

    if fmt == "markdown":
        from netjournal.cli.review import _md

        for title, lines in blocks:
            sys.stdout.write(f"\n## {_md(title)}\n\n")
            sys.stdout.write("".join(f"{'  ' * (n - 1)}- {_md(text)}\n" for n, text in lines))
        return
    if fmt == "html":
        import html

        parts = []
        for title, lines in blocks:
            items = "".join(
                f'<li style="margin-left:{(n - 1) * 1.5}em">{html.escape(text)}</li>'
                for n, text in lines
            )
            parts.append(f"<section><h2>{html.escape(title)}</h2><ul>{items}</ul></section>\n")
        sys.stdout.write((page or "").replace("</body>", "".join(parts) + "</body>", 1))
        return
    out = render.out()
    for title, lines in blocks:
        out.print()
        out.print(render.line((title, "bold underline")))
        for n, text in lines:
            out.print(render.indented(n, render.t(text)))


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
            end = story.story_end(conn, Config().holidays_country)
    _built(path, counts, end)
    if json_out or fmt == "terminal":
        show(data, fmt=fmt, as_json=json_out)
        if not json_out:
            _print_blocks(story_blocks(end), fmt)
    elif fmt == "markdown":
        show(data, fmt=fmt)
        _print_blocks(story_blocks(end), fmt)
    else:
        from netjournal.cli.review import html

        _print_blocks(story_blocks(end), fmt, html(data))
