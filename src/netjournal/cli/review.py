"""``nj review`` (the weekly review report) and ``nj due`` (overdue items, one line each)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated, Any

import typer

from netjournal.cli import common
from netjournal.cli.common import CONTEXT, DbOpt, JsonOpt
from netjournal.cli.context import AppContext, app_context
from netjournal.cli.paging import NoPagerOpt
from netjournal.i18n import _, ngettext

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.table import Table

FORMATS = ("terminal", "markdown", "html")


def register(app: typer.Typer) -> None:
    app.command("review", context_settings=CONTEXT)(review)
    app.command("due", context_settings=CONTEXT)(due)


AsOfOpt = Annotated[
    str | None,
    typer.Option(
        "--as-of", metavar="DATE", help="Review the journal as it was on DATE (default today)."
    ),
]


def _as_of(env: AppContext, text: str | None) -> date:
    # A reference date, not something that happened: any day, even next month.
    return common.parse_date(text, "past", env.today, either_side=True) if text else env.today


def review(
    ctx: typer.Context,
    as_of: AsOfOpt = None,
    week: Annotated[
        bool,
        typer.Option(
            "--week", help="Only items that became due in the 7 days ending on the review date."
        ),
    ] = False,
    limit: Annotated[
        int | None,
        typer.Option(
            "--limit",
            min=1,
            metavar="N",
            help="Items per section (default: review_limit of the config, 15).",
        ),
    ] = None,
    show_all: Annotated[bool, typer.Option("--all", help="Every item of every section.")] = False,
    fmt: Annotated[
        str,
        typer.Option("--format", metavar="FORMAT", help="terminal (default), markdown or html."),
    ] = "terminal",
    interactive: Annotated[
        bool,
        typer.Option(
            "--interactive", "-i", help="Walk the items one by one and act on them (a terminal)."
        ),
    ] = False,
    no_pager: NoPagerOpt = False,
    db: DbOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """The weekly review: who is overdue for a follow-up or an introduction."""
    from netjournal.config import load_config
    from netjournal.core import review as core
    from netjournal.errors import UsageProblem

    if fmt not in FORMATS:
        raise UsageProblem(
            _("--format must be terminal, markdown or html (got '{fmt}')").format(fmt=fmt[:40])
        )
    if json_out and fmt != "terminal":
        raise UsageProblem(_("--json and --format {fmt} do not go together").format(fmt=fmt))
    if interactive and (json_out or fmt != "terminal"):
        raise UsageProblem(_("--interactive cannot be combined with --json or --format"))
    env = app_context(ctx)
    config = load_config()
    when = _as_of(env, as_of)
    if interactive:
        from netjournal.cli.interactive import run

        raise typer.Exit(run(env, db, when, config))
    effective = None if show_all else (limit or config.review_limit or None)
    from netjournal.search import default_matcher, refresh_index

    with env.journal(db) as j:
        refresh_index(j.conn)
        with j.read() as conn:
            data = core.build_review(
                conn, when, config, limit=effective, week=week, matcher=default_matcher(as_of=when)
            )
    from netjournal.cli.paging import paged

    with paged(env, as_json=json_out or fmt != "terminal", no_pager=no_pager):
        show(data, fmt=fmt, as_json=json_out, week=week)


def show(
    data: dict[str, Any], *, fmt: str = "terminal", as_json: bool = False, week: bool = False
) -> None:
    """Print a review (also used by ``nj demo``)."""
    import sys

    from netjournal import render

    if as_json:
        render.print_json(data)
    elif fmt == "markdown":
        sys.stdout.write(markdown(data, week=week))
    elif fmt == "html":
        sys.stdout.write(html(data, week=week))
    else:
        console = render.out()
        for part in renderables(data, week=week):
            console.print(part)


def due(
    ctx: typer.Context,
    as_of: AsOfOpt = None,
    count: Annotated[bool, typer.Option("--count", help="Print only the number of items.")] = False,
    show_all: Annotated[
        bool, typer.Option("--all", help="Also the snoozed items, marked as snoozed.")
    ] = False,
    db: DbOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Overdue items, one line each (days, reason, ref, person, detail): for prompts and cron."""
    import sys

    from netjournal import render
    from netjournal.config import load_config
    from netjournal.core import review as core
    from netjournal.text import displayable

    env = app_context(ctx)
    config = load_config()
    when = _as_of(env, as_of)
    with env.journal(db) as j, j.read() as conn:
        items = core.due_items(conn, when, config, snoozed=show_all)
    if json_out:
        render.print_json({"as_of": when.isoformat(), "count": len(items), "items": items})
        return
    if count:
        sys.stdout.write(f"{len(items)}\n")
        return

    def flat(value: str) -> str:
        return " ".join(displayable(value).split())

    people = [flat(f"{i['person']['name']} #{i['person']['id']}") for i in items]
    width = min(max((len(p) for p in people), default=0), 30)
    refs = max((len(i["ref"]) for i in items), default=0)

    def snoozed(i: dict[str, Any]) -> str:
        until = i["snoozed_until"]
        return "  " + _("(snoozed until {date})").format(date=until) if until else ""

    lines = [
        f"{str(i['days_overdue']) + 'd':>5}  {i['reason']:<14}  {i['ref']:<{refs}}  "
        f"{p:<{width}}  {flat(i['detail'])}{snoozed(i)}"
        for i, p in zip(items, people, strict=True)
    ]
    sys.stdout.write("".join(line + "\n" for line in lines))


# --------------------------------------------------------------------------
# Shared wording
# --------------------------------------------------------------------------


def _titles() -> dict[str, str]:
    return {
        "follow_ups": _("Follow-ups due"),
        "introductions": _("Introductions to make"),
        "promises": _("Promises"),
        "check_ins": _("Check-ins"),
        "reconnect": _("Reconnect"),
    }


def _empty() -> dict[str, str]:
    return {
        "follow_ups": _("Nobody is waiting for a follow-up."),
        "introductions": _("No open need is waiting for an introduction."),
        "promises": _("No promise is late."),
        "check_ins": _("No check-in or thank-you is due."),
        "reconnect": "",
    }


def _long_date(d: date) -> str:
    from netjournal import i18n

    if i18n.language() == "id":
        from netjournal.dates import format_day

        return format_day(d, "id")  # "Sabtu, 28 November 2026"
    return f"{d.strftime('%A')} {d.day} {d.strftime('%B %Y')}"


def _month(d: date, short: bool = False) -> str:
    from netjournal import i18n
    from netjournal.dates import month_name

    return month_name(d.month, i18n.language(), short)


def _period(summary: dict[str, Any]) -> str:
    start, end = date.fromisoformat(summary["from"]), date.fromisoformat(summary["to"])
    if start.year != end.year:
        return f"{start.day} {_month(start)} {start.year} – {end.day} {_month(end)} {end.year}"
    if start.month != end.month:
        return f"{start.day} {_month(start)} – {end.day} {_month(end)} {end.year}"
    return f"{start.day}–{end.day} {_month(end)} {end.year}"


def _short(iso: str, as_of: date) -> str:
    """ "5 Nov" (or "5 Nov 2025" in another year) for the narrow Since column."""
    if not iso:
        return ""
    d = date.fromisoformat(iso)
    text = f"{d.day} {_month(d, short=True)}"
    return text if d.year == as_of.year else f"{text} {d.year}"


def _days(n: int) -> str:
    return _("today") if n == 0 else f"{n}d"


def _signed(n: int) -> str:
    return f"+{n}" if n > 0 else str(n)


def _summary_lines(s: dict[str, Any]) -> list[str]:
    week, ever = s["balance"]["week"], s["balance"]["all_time"]
    snoozed = (
        [_("Snoozed: {n} items (nj snooze list)").format(n=s["snoozed"])]
        if s.get("snoozed")
        else []
    )
    return [
        *snoozed,
        _("Met {met} people · logged {contacts} contacts · made {intros} introductions").format(
            met=s["met"], contacts=s["contacts"], intros=s["introductions"]
        ),
        _("Help given: {given} · help received: {received}").format(
            given=s["help_given"], received=s["help_received"]
        ),
        _("Give/take this week: {g} given, {r} received ({net})").format(
            g=week["given"], r=week["received"], net=_signed(week["net"])
        ),
        _("Give/take all time: {g} given, {r} received ({net})").format(
            g=ever["given"], r=ever["received"], net=_signed(ever["net"])
        ),
    ]


def _shown(data: dict[str, Any]) -> list[str]:
    """The sections shown: "reconnect" (issue 15) only when someone is in it."""
    shown = ["follow_ups", "introductions", "promises", "check_ins"]
    return [*shown, "reconnect"] if data.get("reconnect") else shown


def _more(data: dict[str, Any], section: str) -> int:
    return int(data["summary"]["overdue"][section]) - len(data[section])


def _header(data: dict[str, Any], week: bool) -> tuple[str, str]:
    as_of = date.fromisoformat(data["as_of"])
    total = data["summary"]["overdue"]["total"]
    title = _("Weekly review, {date}").format(date=_long_date(as_of))
    what = (
        ngettext("{n} item became due this week", "{n} items became due this week", total).format(
            n=total
        )
        if week
        else ngettext("{n} item due", "{n} items due", total).format(n=total)
    )
    sub = _("This week: {period} · {what}").format(period=_period(data["summary"]), what=what)
    return title, sub


def _suggestion_text(s: dict[str, Any]) -> str:
    why = f" ({s['why'][0]})" if s["why"] else ""
    return f"{s['person']['name']} #{s['person']['id']}{why}"


def _row(section: str, item: dict[str, Any]) -> tuple[str, str, str, str]:
    """(person, why, since, next) as plain text; next ends with the first action."""
    person = f"{item['person']['name']} #{item['person']['id']}"
    why = item["detail"]
    if section == "follow_ups" and item["other_reasons"]:
        why += "".join("\n+ " + o["detail"] for o in item["other_reasons"])
    nxt = item["next"]
    if section == "introductions":
        nxt = (
            "\n".join(_suggestion_text(s) for s in item["suggestions"])
            if item["suggestions"]
            else _("Ask around")
        )
    return person, why, item["since"] or "", nxt + "\n" + item["actions"][0]


# --------------------------------------------------------------------------
# Terminal (Rich)
# --------------------------------------------------------------------------


def _table(section: str) -> Table:
    from rich import box
    from rich.table import Table

    tbl = Table(
        box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, collapse_padding=True, expand=True
    )
    tbl.add_column(_("Days"), justify="right", no_wrap=True, style="bold red")
    from netjournal.render import out

    # On a wide terminal the extra room goes to what the item is about, not to names.
    wide = out().width >= 100
    tbl.add_column(_("Person"), overflow="fold", ratio=2 if wide else 3)
    why = _("Need") if section == "introductions" else _("Why")
    tbl.add_column(why, overflow="fold", ratio=7 if wide else 5)
    tbl.add_column(_("Since"), no_wrap=True, style="dim")
    tbl.add_column(
        _("Suggested") if section == "introductions" else _("Next"), overflow="fold", ratio=4
    )
    return tbl


def renderables(data: dict[str, Any], *, week: bool = False) -> list[RenderableType]:
    """The report as Rich renderables, all user text literal."""
    from rich.text import Text

    from netjournal.render import line, t

    as_of = date.fromisoformat(data["as_of"])
    title, sub = _header(data, week)
    parts: list[RenderableType] = [line((title, "bold")), line((sub, "dim"))]
    titles, empty = _titles(), _empty()
    for section in _shown(data):
        total = data["summary"]["overdue"][section]
        parts.append(Text(""))
        if not data[section]:
            parts.append(line((titles[section], "bold underline"), ": ", (empty[section], "dim")))
            continue
        parts.append(line((f"{titles[section]} ({total})", "bold underline")))
        tbl = _table(section)
        for item in data[section]:
            person, why, since, nxt = _row(section, item)
            tbl.add_row(
                _days(item["days_overdue"]), t(person), t(why), _short(since, as_of), t(nxt)
            )
        parts.append(tbl)
        more = _more(data, section)
        if more > 0:
            parts.append(line((_("  … and {n} more (nj review --all)").format(n=more), "dim")))
    parts += _coming_up(data)
    if data.get("occasions"):
        from netjournal.render import occasions

        parts += [Text(""), line((occasions.title(data["occasions"]), "bold underline"))]
        from netjournal.render import indented

        parts += [indented(1, t(text)) for text in occasions.lines(data["occasions"])]
    parts.append(Text(""))
    parts.append(
        line((_("This week"), "bold underline"), (f" ({_period(data['summary'])})", "dim"))
    )
    for text in _summary_lines(data["summary"]):
        parts.append(line("  ", text))
    return parts


def _coming_up_rows(data: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    """(in N days, person, detail, ref) of the coming-up items."""
    return [
        (
            _("in {n}d").format(n=i["in_days"]),
            f"{i['person']['name']} #{i['person']['id']}",
            i["detail"],
            i["ref"],
        )
        for i in data.get("coming_up", [])
    ]


def _coming_up(data: dict[str, Any]) -> list[RenderableType]:
    """The short "Coming up" list (nothing when there is none)."""
    from rich.table import Table
    from rich.text import Text

    from netjournal.render import line, t

    rows = _coming_up_rows(data)
    if not rows:
        return []
    tbl = Table(box=None, show_header=False, pad_edge=False, expand=True)
    tbl.add_column(justify="right", no_wrap=True, style="bold")
    tbl.add_column(overflow="fold", ratio=3)
    tbl.add_column(overflow="fold", ratio=6)
    tbl.add_column(no_wrap=True, style="dim")
    for when, person, detail, ref in rows:
        tbl.add_row(when, t(person), t(detail), ref)
    title = _("Coming up (next 7 days)")
    return [Text(""), line((f"{title} ({data['summary']['coming_up']})", "bold underline")), tbl]


def html(data: dict[str, Any], *, week: bool = False) -> str:
    """A standalone HTML page of the report (Rich's recorded export, styles inline)."""
    import io

    from rich.console import Console

    console = Console(
        record=True,
        file=io.StringIO(),
        width=100,
        force_terminal=True,
        color_system="truecolor",
        highlight=False,
        emoji=False,
    )
    for part in renderables(data, week=week):
        console.print(part)
    title, _sub = _header(data, week)
    page = console.export_html(inline_styles=True)
    import html as html_module

    return page.replace("<head>", f"<head>\n<title>{html_module.escape(title)}</title>", 1)


# --------------------------------------------------------------------------
# Markdown
# --------------------------------------------------------------------------

_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>#|~"})


def _md(value: str) -> str:
    """User text as literal Markdown: one line, special characters escaped."""
    from netjournal.text import displayable

    return " ".join(displayable(value).split()).translate(_MD_SPECIAL)


def markdown(data: dict[str, Any], *, week: bool = False) -> str:
    """The report as Markdown, for notes and mails."""
    title, sub = _header(data, week)
    out = [f"# {title}", "", sub + ".", ""]
    titles, empty = _titles(), _empty()
    for section in _shown(data):
        total = data["summary"]["overdue"][section]
        out.append(f"## {titles[section]} ({total})")
        out.append("")
        if not data[section]:
            out += [empty[section], ""]
            continue
        second = _("Need") if section == "introductions" else _("Why")
        last = _("Suggested") if section == "introductions" else _("Next")
        out.append(
            f"| {_('Days')} | {_('Ref')} | {_('Person')} | {second} | {_('Since')} | {last} |"
        )
        out.append("| ---: | --- | --- | --- | --- | --- |")
        for item in data[section]:
            person, why, since, nxt = _row(section, item)
            *lines, action = nxt.split("\n")
            cells = [
                _days(item["days_overdue"]),
                f"`{item['ref']}`",
                _md(person),
                "<br>".join(_md(x) for x in why.split("\n")),
                since,
                "<br>".join([*(_md(x) for x in lines), f"`{action}`"]),
            ]
            out.append("| " + " | ".join(cells) + " |")
        more = _more(data, section)
        if more > 0:
            out += ["", _("… and {n} more (`nj review --all`).").format(n=more)]
        out.append("")
    rows = _coming_up_rows(data)
    if rows:
        title = _("Coming up (next 7 days)")
        out += [f"## {title} ({data['summary']['coming_up']})", ""]
        out += [
            f"- {when}: {_md(person)}: {_md(detail)} (`{ref}`)"
            for when, person, detail, ref in rows
        ]
        out.append("")
    if data.get("occasions"):
        from netjournal.render import occasions

        out += [f"## {occasions.title(data['occasions'])}", ""]
        out += [f"- {_md(text)}" for text in occasions.lines(data["occasions"])] + [""]
    out += [f"## {_('This week')} ({_period(data['summary'])})", ""]
    out += [f"- {text}" for text in _summary_lines(data["summary"])]
    return "\n".join(out) + "\n"
