"""The lists: people, needs, offers, introductions and follow-ups as tables.

Each function takes the core's records and how to print them (``styled``: a
Rich table for a terminal, else plain rows; ``limit``: at most that many rows,
None for all) and prints the table and its one-line summary on stdout.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from netjournal.i18n import _, ngettext
from netjournal.render.console import Msg, msg
from netjournal.render.tables import Cell, Column, print_empty, print_table


def _more() -> str:
    return _("… and {n} more (--limit 0 shows them all)")


def _who(ref: dict[str, Any]) -> Msg:
    return msg((ref["name"], ""), f" #{ref['id']}")


def _user(value: Any) -> Msg:
    return msg(("" if value is None else value, ""))


def people(rows: list[dict[str, Any]], *, styled: bool, limit: int | None) -> None:
    """``nj person list``."""
    from netjournal.core.referrals import became_label

    if not rows:
        print_empty(_("No people yet. Record someone with: nj met NAME --at EVENT"))
        return
    columns = [
        Column(h)
        for h in ("#", _("Name"), _("Org"), _("Role"), _("Tags"), _("Became"), _("Last contact"))
    ]
    table: list[list[Cell]] = [
        [
            str(p["id"]),
            _user(p["name"] + (_(" (archived)") if p.get("archived_on") else "")),
            _user(p["org"]),
            _user(p["role"]),
            _user(", ".join(p["tags"])),
            _user(became_label(p.get("became"))),
            _user(p["last_contact"] or "-"),
        ]
        for p in rows
    ]
    footer = ngettext("{n} person", "{n} people", len(rows)).format(n=len(rows))
    print_table(columns, table, footer=footer, styled=styled, limit=limit, more=_more())


def needs(
    rows: list[dict[str, Any]], *, today: date, closed_too: bool, styled: bool, limit: int | None
) -> None:
    """``nj need list`` (``closed_too``: with ``--all``)."""
    if not rows:
        print_empty(_("No needs recorded.") if closed_too else _("No open needs."))
        return
    if closed_too:
        names = ["#", _("Person"), _("Need"), _("Noted"), _("Intros"), _("Status")]
        fixed = (0, 3, 5)
    else:
        names = ["#", _("Person"), _("Need"), _("Noted"), _("Age"), _("Intros")]
        fixed = (0, 3, 4)
    columns = [Column(h, no_wrap=i in fixed) for i, h in enumerate(names)]
    table: list[list[Cell]] = []
    for n in rows:
        intros = ", ".join(f"#{i}" for i in n["introductions"]) or "-"
        if closed_too:
            status = n["status"] if n["status"] == "open" else f"{n['status']} {n['closed_on']}"
            text = (
                msg((n["text"], ""), ("  (", "dim"), (n["note"], "dim"), (")", "dim"))
                if n["note"]
                else _user(n["text"])
            )
            table.append([str(n["id"]), _who(n["person"]), text, n["noted_on"], intros, status])
        else:
            age = (today - date.fromisoformat(n["noted_on"])).days
            table.append(
                [
                    str(n["id"]),
                    _who(n["person"]),
                    _user(n["text"]),
                    n["noted_on"],
                    _("{n}d").format(n=age),
                    intros,
                ]
            )
    open_count = sum(1 for n in rows if n["status"] == "open")
    footer = (
        ngettext("{n} need, {o} open", "{n} needs, {o} open", len(rows)).format(
            n=len(rows), o=open_count
        )
        if closed_too
        else _("{n} open").format(n=open_count)
    )
    print_table(columns, table, footer=footer, styled=styled, limit=limit, more=_more())


def _offer_state(o: dict[str, Any]) -> Cell:
    if o["direction"] == "received" and o["status"] == "promised":
        return _("awaited by {date}").format(date=o["due_on"])
    if o["direction"] == "received":
        return _("received {date}").format(date=o["done_on"])
    if o["status"] == "promised":
        if o["days_overdue"]:
            text = _("due {date}, {n}d late").format(date=o["due_on"], n=o["days_overdue"])
            return msg((text, "bold red"))
        if o["days_overdue"] == 0:
            return msg((_("due today"), "bold"))
        return _("due {date}").format(date=o["due_on"])
    closed = o["done_on"] or o["dropped_on"]
    return f"{o['status']} {closed}"


def offers(rows: list[dict[str, Any]], *, styled: bool, limit: int | None) -> None:
    """``nj offer list``."""
    if not rows:
        print_empty(_("No offers recorded."))
        return
    names = ["#", _("Person"), _("Help"), _("Offered"), _("Status")]
    columns = [Column(h, no_wrap=i in (0, 3, 4)) for i, h in enumerate(names)]
    table: list[list[Cell]] = [
        [str(o["id"]), _who(o["person"]), _user(o["text"]), o["offered_on"], _offer_state(o)]
        for o in rows
    ]
    promised = sum(1 for o in rows if o["status"] == "promised")
    late = sum(1 for o in rows if o["days_overdue"])
    footer = _("Offers: {n}; open promises: {p}; late: {late}").format(
        n=len(rows), p=promised, late=late
    )
    print_table(columns, table, footer=footer, styled=styled, limit=limit, more=_more())


def intros(rows: list[dict[str, Any]], *, styled: bool, limit: int | None) -> None:
    """``nj intro list``."""
    if not rows:
        print_empty(_("No introductions recorded."))
        return
    names = ["#", _("On"), _("Between"), _("For"), _("Outcome")]
    columns = [Column(h, no_wrap=i in (0, 1)) for i, h in enumerate(names)]
    table: list[list[Cell]] = []
    for i in rows:
        a, b = i["a"], i["b"]
        between = msg((a["name"], ""), f" #{a['id']} + ", (b["name"], ""), f" #{b['id']}")
        need: Cell = msg(f"#{i['need']['id']} ", (i["need"]["text"], "")) if i["need"] else "-"
        outcome = (
            msg((i["outcome"], ""), (f" ({i['outcome_on']})", "dim"))
            if i["outcome"]
            else msg((_("(none yet)"), "dim"))
        )
        table.append([str(i["id"]), i["on"], between, need, outcome])
    footer = ngettext("{n} introduction", "{n} introductions", len(rows)).format(n=len(rows))
    print_table(columns, table, footer=footer, styled=styled, limit=limit, more=_more())


def _followup_when(f: dict[str, Any]) -> Cell:
    if f["status"] == "overdue":
        return msg((_("{n}d overdue").format(n=f["days_overdue"]), "bold red"))
    if f["status"] == "due":
        return msg((_("today"), "bold"))
    if f["status"] == "upcoming":
        return _("in {n}d").format(n=f["due_in_days"])
    return msg((_("done {date}").format(date=f["done_on"]), "dim"))


def followups(rows: list[dict[str, Any]], *, styled: bool, limit: int | None) -> None:
    """``nj followup list``."""
    if not rows:
        print_empty(_("No follow-ups planned."))
        return
    names = ["#", _("Due"), _("Person"), _("Note"), _("When")]
    columns = [Column(h, no_wrap=i in (0, 1, 4)) for i, h in enumerate(names)]
    table: list[list[Cell]] = [
        [str(f["id"]), f["due_on"], _who(f["person"]), _user(f["note"]), _followup_when(f)]
        for f in rows
    ]
    overdue = sum(1 for f in rows if f["status"] == "overdue")
    footer = ngettext(
        "{n} follow-up, {o} overdue", "{n} follow-ups, {o} overdue", len(rows)
    ).format(n=len(rows), o=overdue)
    print_table(columns, table, footer=footer, styled=styled, limit=limit, more=_more())
