"""``nj match``, ``nj search``, ``nj synonyms add|list|rm`` and ``nj db reindex``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from netjournal.cli import common
from netjournal.cli.common import CONTEXT, DbOpt, JsonOpt, QuietOpt
from netjournal.i18n import _

if TYPE_CHECKING:
    from collections.abc import Callable

    from rich.text import Text

synonyms_app = typer.Typer(
    help=_("Words that mean the same kind of help (used by nj match)."),
    context_settings=CONTEXT,
    no_args_is_help=True,
)

LimitOpt = Annotated[int, typer.Option("--limit", "-n", min=1, help="How many results.")]


def register(app: typer.Typer) -> None:
    from netjournal.cli.db import db_app

    app.command("match", context_settings=CONTEXT)(match)
    app.command("search", context_settings=CONTEXT)(search)
    app.add_typer(synonyms_app, name="synonyms")
    db_app.command("reindex", context_settings=CONTEXT)(db_reindex)


def _need_id(text: str) -> int:
    from netjournal.errors import UsageProblem

    raw = text.strip()
    digits = raw[1:] if raw.startswith("#") else raw
    if not digits.isascii() or not digits.isdigit() or len(digits) > 18 or int(digits) == 0:
        raise UsageProblem(
            _("'{text}' is not a need id; need ids are numbers such as 3 or #3").format(
                text=raw[:40]
            )
        )
    return int(digits)


def match(
    need: Annotated[
        str | None,
        typer.Argument(
            metavar="NEED_ID",
            help="A need id (12 or #12); default: every open need.",
            show_default=False,
        ),
    ] = None,
    limit: LimitOpt = 3,
    db: DbOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Who could help with a need: the best people to introduce, and why."""
    from netjournal import render
    from netjournal.search import refresh_index
    from netjournal.search.matcher import match_needs

    need_id = _need_id(need) if need is not None else None
    today = common.today()
    with common.journal(db) as j:
        refresh_index(j.conn)
        with j.read() as conn:
            results = match_needs(conn, need_id, as_of=today, limit=limit)
    if json_out:
        render.print_json(results[0] if need_id is not None else results)
        return
    out = render.out()
    if not results:
        out.print(_("No open needs. (nj need add NAME TEXT records one.)"))
        return
    # One print of all the lines: printing line by line costs Rich ~4 ms a line.
    text = render.line()
    for n, result in enumerate(results):
        if n:
            text.append("\n")
        for line in _match_lines(result):
            text.append_text(line)
            text.append("\n")
    if out.color_system is None:  # nothing to style: skip Rich's rendering of every line
        text.expand_tabs(out.tab_size)
        out.file.write(text.plain)
    else:
        out.print(text, soft_wrap=True, end="")


def _match_lines(result: dict[str, Any]) -> list[Text]:
    from netjournal import render

    need = result["need"]
    owner = need["person"]
    status = "" if need["status"] == "open" else f" [{need['status']}]"
    lines = [
        render.line(
            (_("Need #{id}").format(id=need["id"]), "bold"),
            _(" for "),
            render.t(owner["name"], "bold"),
            f" #{owner['id']}: ",
            render.t(need["text"]),
            (_("  (noted {date}){status}").format(date=need["noted_on"], status=status), "dim"),
        )
    ]
    if not result["candidates"]:
        lines.append(
            render.line(("  " + _("Nobody in the journal matches yet: ask around."), "yellow"))
        )
        return lines
    for rank, cand in enumerate(result["candidates"], 1):
        person = cand["person"]
        lines.append(
            render.line(
                f"  {rank}. ",
                render.t(person["name"], "bold"),
                f" #{person['id']}",
                (_("  score {score:.2f}").format(score=cand["score"]), "dim"),
            )
        )
        for why in cand["why"]:
            lines.append(render.line("       ", render.t(why, "cyan")))
    best = result["candidates"][0]["person"]
    lines.append(
        render.line(
            ("  " + _("Next: "), "dim"),
            f"nj intro add {owner['id']} {best['id']} --need {need['id']}",
            (_("   (introduces {a} to {b})").format(a=owner["name"], b=best["name"]), "dim"),
        )
    )
    return lines


def search(
    query: Annotated[str, typer.Argument(help="Words to look for (any language, any form).")],
    limit: LimitOpt = 10,
    db: DbOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Full-text search over people, what they can do, needs, interactions, offers and introductions."""
    from netjournal import render
    from netjournal.search import queries as core
    from netjournal.search import refresh_index

    with common.journal(db) as j:
        refresh_index(j.conn, kinds=False)
        with j.read() as conn:
            result = core.search(conn, query, limit=limit)
    if json_out:
        render.print_json(result)
        return
    out = render.out()
    if not any(result[kind] for kind in core.SEARCH_KINDS):
        out.print(render.line(_("Nothing matches "), render.t(query, "bold"), "."))
        return
    first = True
    for heading, lines in _search_sections(result):
        if not lines:
            continue
        if not first:
            out.print()
        first = False
        out.print(render.line((heading, "bold underline")))
        for line in lines:
            out.print(line, soft_wrap=True)


def _search_sections(result: dict[str, Any]) -> list[tuple[str, list[Text]]]:
    """The headings and lines of ``nj search``, the words searched for highlighted."""
    from netjournal import render
    from netjournal.search.analyser import excerpt, spans

    tokens = set(result["tokens"])

    def hl(value: Any) -> Text:
        text = render.t(value)
        for start, end in spans(text.plain, tokens):
            text.stylize("bold yellow", start, end)
        return text

    def who(ref: dict[str, Any]) -> Text:
        return render.line(hl(ref["name"]), f" #{ref['id']}")

    return [
        (
            _("People"),
            [
                render.line(
                    "  ",
                    who(p["person"]),
                    *(x for v in (p["org"], p["role"]) if v for x in ("  ", hl(v))),
                    *(("  ", hl(", ".join(p["tags"]))) if p["tags"] else ()),
                    *(
                        ("  ", hl(excerpt(p["notes"], tokens)))
                        if p["notes"] and spans(p["notes"], tokens)
                        else ()
                    ),
                )
                for p in result["people"]
            ],
        ),
        (
            _("Can help with"),
            [
                render.line("  ", who(c["person"]), ": ", hl(c["text"]))
                for c in result["capabilities"]
            ],
        ),
        (
            _("Needs"),
            [
                render.line(
                    f"  #{n['id']} ",
                    who(n["person"]),
                    ": ",
                    hl(n["text"]),
                    # a met or dropped need shows the day it was closed, an open one the day noted
                    (f"  {n['status']} {n.get('closed_on') or n['noted_on']}", "dim"),
                )
                for n in result["needs"]
            ],
        ),
        (
            _("Interactions"),
            [
                render.line(
                    f"  {i['on']} {i['kind']} ",
                    who(i["person"]),
                    ": ",
                    hl(i["note"] or i["event"] or ""),
                )
                for i in result["interactions"]
            ],
        ),
        *_record_sections(result, hl, who),
    ]


def _record_sections(
    result: dict[str, Any], hl: Callable[[Any], Text], who: Callable[[dict[str, Any]], Text]
) -> list[tuple[str, list[Text]]]:
    """The offers and introductions sections of ``nj search``."""
    from netjournal import render

    return [
        (
            _("Offers"),
            [
                render.line(
                    f"  #{o['id']} ",
                    who(o["person"]),
                    ": ",
                    hl(o["text"]),
                    *(("  ", hl(o["note"])) if o["note"] else ()),
                    (f"  {o['status']} {o['offered_on']}", "dim"),
                )
                for o in result["offers"]
            ],
        ),
        (
            _("Introductions"),
            [
                render.line(
                    f"  #{i['id']} {i['on']} ",
                    who(i["a"]),
                    " ↔ ",
                    who(i["b"]),
                    *(("  ", hl(i["note"])) if i["note"] else ()),
                    *(("  → ", hl(i["outcome"])) if i["outcome"] else ()),
                )
                for i in result["introductions"]
            ],
        ),
    ]


@synonyms_app.command("list")
def synonyms_list(
    word: Annotated[
        str | None, typer.Argument(help="Only the groups with this word.", show_default=False)
    ] = None,
    db: DbOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """The groups of related words, shipped (default) and yours (user)."""
    from netjournal import render
    from netjournal.search import synonyms as core

    with common.journal(db) as j, j.read() as conn:
        groups = core.synonym_groups(conn)
    if word is not None:
        key = " ".join(word.casefold().split())
        groups = [g for g in groups if key in g["terms"]]
    if json_out:
        render.print_json(groups)
        return
    if not groups:
        render.out().print(_("No synonym groups."))
        return
    tbl = render.table("#", _("Words"), _("Origin"))
    for g in groups:
        tbl.add_row(str(g["id"]), render.t(", ".join(g["terms"])), g["origin"])
    render.out().print(tbl)


@synonyms_app.command("add")
def synonyms_add(
    words: Annotated[
        list[str], typer.Argument(help="Two or more words or phrases that mean the same help.")
    ],
    to: Annotated[
        int | None,
        typer.Option("--to", metavar="GROUP", help="Add the words to this existing group."),
    ] = None,
    db: DbOpt = None,
    json_out: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Relate words: nj match then treats each as a hint for the others."""
    from netjournal import render
    from netjournal.search import synonyms as core

    with common.journal(db) as j, j.write() as conn:
        group = core.add_synonyms(conn, words, to)
    verb = _("Added synonym group {id}: ") if to is None else _("Synonym group {id} now: ")
    render.wrote(
        render.line(verb.format(id=group["id"]), render.t(", ".join(group["terms"]))),
        group["id"],
        quiet=quiet,
        as_json=json_out,
        record=group,
    )


@synonyms_app.command("rm")
def synonyms_rm(
    group: Annotated[int, typer.Argument(help="The group's number (nj synonyms list).")],
    words: Annotated[
        list[str] | None,
        typer.Argument(help="Only these words of the group.", show_default=False),
    ] = None,
    db: DbOpt = None,
    json_out: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Remove a group of related words, or some words of it."""
    from netjournal import render
    from netjournal.search import synonyms as core

    with common.journal(db) as j, j.write() as conn:
        removed = core.remove_synonyms(conn, group, words)
    if words:
        message = render.line(
            _("Removed from synonym group {id}: ").format(id=group),
            render.t(", ".join(removed["removed"])),
        )
    else:
        message = render.line(_("Removed synonym group {id}").format(id=group))
    render.wrote(message, group, quiet=quiet, as_json=json_out, record=removed)


def db_reindex(db: DbOpt = None, json_out: JsonOpt = False) -> None:
    """Rebuild the search index and its triggers (after editing the file with other tools)."""
    from netjournal import render
    from netjournal.search import index as search_index

    with common.journal(db) as j, j.write() as conn:
        counts = search_index.reindex(conn)
    if json_out:
        render.print_json(counts)
        return
    render.out().print(
        _("Reindexed {people} people, {needs} needs, {interactions} interactions").format(**counts)
    )
