"""``nj intro add|list|outcome``: people you connected, and what came of it."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from netjournal.cli import common
from netjournal.cli.common import CONTEXT, DbOpt, JsonOpt, LimitOpt, QuietOpt
from netjournal.cli.context import app_context
from netjournal.i18n import _

intro_app = typer.Typer(
    help=_("Record introductions between people and their outcomes."),
    context_settings=CONTEXT,
    no_args_is_help=True,
)

OptStr = str | None
#: A piece of a one-line message: our text, or (user text, style).
Part = str | tuple[Any, str]


def register(app: typer.Typer) -> None:
    app.add_typer(intro_app, name="intro")


LangOpt = Annotated[
    OptStr,
    typer.Option(
        "--lang",
        metavar="en|id",
        help="The message's language (default: the interface language).",
    ),
]


def _message(conn: Any, intro_id: int, lang: str | None, side: str = "both") -> str:
    """The introduction message, from the user's template in the config folder if any."""
    from netjournal import i18n
    from netjournal.config import config_path, load_config
    from netjournal.core import intro_message as im
    from netjournal.core import ledger
    from netjournal.errors import InvalidInput, UsageProblem

    if lang is not None and i18n.normalize(lang) is None:
        raise UsageProblem(_("--lang must be en or id, not '{value}'").format(value=lang))
    chosen = i18n.normalize(lang) if lang is not None else i18n.language()
    chosen = chosen or "en"
    path = config_path().parent / im.template_name(chosen, side)
    template = None
    try:
        template = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        pass
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInput(
            _("Cannot read the template {path}: {exc}").format(path=path, exc=exc)
        ) from None
    return str(
        ledger.intro_message(
            conn,
            intro_id,
            lang=chosen,
            side=side,
            template=template,
            source=str(path),
            me=load_config().my_name,
        )
    )


def _summary(intro: dict[str, Any]) -> list[Part]:
    parts: list[Part] = [
        f"#{intro['id']}: ",
        (intro["a"]["name"], "bold"),
        f" #{intro['a']['id']}",
        _(" and "),
        (intro["b"]["name"], "bold"),
        f" #{intro['b']['id']}",
    ]
    if intro["need"]:
        parts += [
            _(" for need #{id} (").format(id=intro["need"]["id"]),
            (intro["need"]["text"], ""),
            ")",
        ]
    return parts


@intro_app.command("add")
def intro_add(
    ctx: typer.Context,
    name_a: Annotated[
        str, typer.Argument(metavar="NAME_A", help="One person (name, prefix or #id).")
    ],
    name_b: Annotated[str, typer.Argument(metavar="NAME_B", help="The other person.")],
    need: Annotated[
        OptStr,
        typer.Option("--need", metavar="ID", help="The need (of A or B) this introduction is for."),
    ] = None,
    note: Annotated[
        OptStr, typer.Option("--note", help="Why you introduced them (kept private).")
    ] = None,
    on: Annotated[OptStr, typer.Option("--on", help="When (default today).")] = None,
    lang: LangOpt = None,
    message_only: Annotated[
        bool,
        typer.Option(
            "--message-only",
            help="Print only the introduction message (plain text, for a clipboard tool).",
        ),
    ] = False,
    db: DbOpt = None,
    json_out: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Record that you introduced two people; prints a message you can paste to them."""
    env = app_context(ctx)
    import sys

    from netjournal import render
    from netjournal.core import ledger
    from netjournal.errors import UsageProblem
    from netjournal.text import displayable

    if message_only and (json_out or quiet):
        raise UsageProblem(_("--message-only cannot be combined with --json or --quiet"))
    need_id = ledger.parse_record_id(need, _("need")) if need is not None else None
    when = common.parse_date(on, "past", env.today) if on else env.today
    with env.journal(db) as j, j.write() as conn:
        a = common.resolve_person(conn, name_a, env)
        b = common.resolve_person(conn, name_b, env)
        intro_id = ledger.add_intro(
            conn, int(a["id"]), int(b["id"]), on=when, need_id=need_id, note=note
        )
        record = ledger.get_intro(conn, intro_id)
        message = _message(conn, intro_id, lang)
    record["message"] = message
    if message_only:
        sys.stdout.write(displayable(message))
        return
    render.wrote(
        render.msg(_("Introduced "), *_summary(record), _(" on {date}").format(date=record["on"])),
        intro_id,
        quiet=quiet,
        as_json=json_out,
        record=record,
    )
    if not (json_out or quiet):
        sys.stdout.write("\n" + displayable(message))


@intro_app.command("message")
def intro_message(
    ctx: typer.Context,
    intro: Annotated[str, typer.Argument(metavar="ID", help="The introduction's id (3 or #3).")],
    lang: LangOpt = None,
    side: Annotated[
        str,
        typer.Option(
            "--for",
            metavar="both|a|b",
            help="both: introduce the two; a or b: ask that side first (double opt-in).",
        ),
    ] = "both",
    db: DbOpt = None,
) -> None:
    """Print an introduction's message again (plain text, to paste into WhatsApp or e-mail)."""
    import sys

    from netjournal.core import ledger
    from netjournal.errors import UsageProblem
    from netjournal.text import displayable

    side = side.strip().lower()
    if side not in ("both", "a", "b"):
        raise UsageProblem(_("--for must be both, a or b, not '{value}'").format(value=side))
    env = app_context(ctx)
    intro_id = ledger.parse_record_id(intro, _("introduction"))
    with env.journal(db) as j, j.read() as conn:
        message = _message(conn, intro_id, lang, side)
    sys.stdout.write(displayable(message))


@intro_app.command("outcome")
def intro_outcome(
    ctx: typer.Context,
    intro: Annotated[str, typer.Argument(metavar="ID", help="The introduction's id (3 or #3).")],
    text: Annotated[str, typer.Argument(help="What came of it.")],
    on: Annotated[OptStr, typer.Option("--on", help="When you heard (default today).")] = None,
    replace: Annotated[
        bool, typer.Option("--replace", help="Overwrite an outcome recorded earlier.")
    ] = False,
    worked: Annotated[bool, typer.Option("--worked", help="The introduction worked.")] = False,
    did_not_work: Annotated[
        bool,
        typer.Option(
            "--did-not-work",
            help="It did not work: the need goes back to the review, without this person.",
        ),
    ] = False,
    db: DbOpt = None,
    json_out: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Record what came of an introduction (and whether it worked)."""
    from netjournal import render
    from netjournal.core import ledger
    from netjournal.errors import UsageProblem

    if worked and did_not_work:
        raise UsageProblem(_("--worked and --did-not-work cannot be used together"))
    result = "worked" if worked else "did_not_work" if did_not_work else None
    env = app_context(ctx)
    intro_id = ledger.parse_record_id(intro, _("introduction"))
    when = common.parse_date(on, "past", env.today) if on else env.today
    with env.journal(db) as j, j.write() as conn:
        ledger.set_outcome(conn, intro_id, text, on=when, replace=replace, result=result)
        record = ledger.get_intro(conn, intro_id)
    render.wrote(
        render.msg(_("Outcome of introduction "), *_summary(record), ": ", (record["outcome"], "")),
        intro_id,
        quiet=quiet,
        as_json=json_out,
        record=record,
    )


@intro_app.command("list")
def intro_list(
    ctx: typer.Context,
    person: Annotated[
        OptStr, typer.Option("--person", help="Only introductions involving this person.")
    ] = None,
    limit: LimitOpt = None,
    db: DbOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """List introductions, latest first."""
    from netjournal import render
    from netjournal.core import ledger

    env = app_context(ctx)
    with env.journal(db) as j, j.read() as conn:
        person_id = int(common.resolve_person(conn, person, env)["id"]) if person else None
        rows = ledger.list_intros(conn, person_id=person_id)
    if json_out:
        render.print_json(rows if limit is None else rows[: limit or None])
        return
    from netjournal.cli.paging import paged
    from netjournal.render import lists

    with paged(env):
        lists.intros(rows, styled=env.styled, limit=env.list_limit(limit))
