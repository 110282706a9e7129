"""Rich views of the core's data, and the two consoles (data to stdout, messages to stderr).

Every piece of user text goes through :func:`t` (a ``rich.text.Text`` of the
sanitised value), never through markup, so ``[bold]Ann[/]`` prints literally
and escape codes never reach the terminal. Rich is imported lazily: ``--json``
and ``-q`` never load it.
"""

from __future__ import annotations

import json
import os
import sys
from typing import TYPE_CHECKING, Any

from netjournal.i18n import _
from netjournal.text import displayable

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

_consoles: dict[str, Console] = {}


def _width() -> int | None:
    # Tests and scripts may pin the width; Rich otherwise uses the terminal's
    # (80 in a pipe).
    value = os.environ.get("NETJOURNAL_WIDTH", "")
    return int(value) if value.isdigit() and int(value) >= 40 else None


def out() -> Console:
    """The console for data (stdout)."""
    if "out" not in _consoles or _consoles["out"].file is not sys.stdout:
        from rich.console import Console

        _consoles["out"] = Console(file=sys.stdout, highlight=False, emoji=False,
                                   width=_width())
    return _consoles["out"]


def err() -> Console:
    """The console for messages (stderr)."""
    if "err" not in _consoles or _consoles["err"].file is not sys.stderr:
        from rich.console import Console

        _consoles["err"] = Console(file=sys.stderr, highlight=False, emoji=False,
                                   width=_width(), soft_wrap=True)
    return _consoles["err"]


def t(value: Any, style: str = "") -> Text:
    """User data as literal, sanitised Rich text."""
    from rich.text import Text

    return Text(displayable("" if value is None else str(value)), style=style)


def line(*parts: Any) -> Text:
    """Join plain strings (ours) and Text (user data) into one line, no markup parsing."""
    from rich.text import Text

    result = Text()
    for part in parts:
        if isinstance(part, Text):
            result.append_text(part)
        elif isinstance(part, tuple):
            result.append(displayable(str(part[0])), style=part[1])
        else:
            result.append(str(part))
    return result


def print_json(data: Any) -> None:
    """One JSON document on stdout; no colour, nothing else."""
    sys.stdout.write(to_json(data) + "\n")


def to_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=str)


def wrote(message: Text | str, record_id: int | str, *, quiet: bool, as_json: bool,
          record: Any = None) -> None:
    """The one line of a write command (or just the id, or just the record)."""
    if as_json:
        print_json(record)
    elif quiet:
        sys.stdout.write(f"{record_id}\n")
    else:
        out().print(message, soft_wrap=True)


def note(message: Text | str) -> None:
    """A message for people, on stderr."""
    err().print(message, soft_wrap=True)


def error_line(message: str) -> None:
    """``Error: ...`` on one line of stderr, user text sanitised."""
    text = " ".join(displayable(message).split())
    from rich.text import Text

    err().print(Text(_("Error: ") + text, style="red"), soft_wrap=True)


def table(*columns: str, title: str | None = None) -> Table:
    from rich import box
    from rich.table import Table

    tbl = Table(box=box.SIMPLE_HEAD, title=title, title_justify="left", show_edge=False,
                pad_edge=False)
    for column in columns:
        tbl.add_column(column, overflow="fold")
    return tbl


def person_label(ref: dict[str, Any]) -> Text:
    return line(t(ref["name"], "bold"), f" #{ref['id']}")


def people_table(people: list[dict[str, Any]]) -> Table:
    tbl = table("#", _("Name"), _("Org"), _("Role"), _("Tags"), _("Last contact"))
    for p in people:
        tbl.add_row(str(p["id"]), t(p["name"]), t(p["org"]), t(p["role"]),
                    t(", ".join(p["tags"])), t(p["last_contact"] or "-"))
    return tbl


_TYPE_LABEL = {
    "met": "met", "call": "call", "meeting": "meeting", "message": "message",
    "email": "email", "other": "other", "need": "need", "need_met": "need met",
    "need_dropped": "need dropped", "offer": "promised", "offer_done": "helped",
    "received": "received", "introduction": "intro", "outcome": "outcome",
    "followup": "follow-up",
}


def person_card(card: dict[str, Any], limit: int | None = 20) -> list[Any]:
    """The renderables of ``nj person show``."""
    from rich.console import Group
    from rich.panel import Panel

    rows: list[Text] = []

    def field(label: str, value: Any) -> None:
        if value:
            rows.append(line((f"{label:<13}", "dim"), t(value)))

    field(_("Org"), card["org"])
    field(_("Role"), card["role"])
    field(_("Email"), card["email"])
    field(_("Phone"), card["phone"])
    field(_("Tags"), ", ".join(card["tags"]))
    met = " ".join(x for x in (card["met_on"] or "", card["met_at"] or "") if x)
    field(_("Met"), met)
    field(_("Keep in touch"), _("every {every}").format(every=card["every"])
          if card["every"] else None)
    field(_("Last contact"), card["last_contact"])
    field(_("Notes"), card["notes"])
    title = line(t(card["name"], "bold"), f"  #{card['id']}")
    parts: list[Any] = [Panel(Group(*rows) if rows else t(_("(no details yet)"), "dim"),
                              title=title, title_align="left", expand=False)]

    def section(heading: str, items: list[Text]) -> None:
        if items:
            parts.append(line((heading, "bold underline")))
            parts.extend(items)

    section(_("Can help with"), [line("  • ", t(c["text"])) for c in card["capabilities"]])
    section(_("Open needs"), [line(f"  #{n['id']} ", t(n["text"]), (f"  since {n['noted_on']}",
                                                                     "dim"))
                              for n in card["needs"] if n["status"] == "open"])
    section(_("Promises"), [
        line(f"  #{o['id']} ", t(o["text"]), (f"  due {o['due_on']}", "dim"))
        for o in card["offers"] if o["direction"] == "given" and o["status"] == "promised"])
    section(_("Help received"), [
        line(f"  #{o['id']} ", t(o["text"]), (f"  {o['offered_on']}", "dim"))
        for o in card["offers"] if o["direction"] == "received"])
    section(_("Introductions"), [
        line(f"  #{i['id']} ", _("to "), t(i["other"]["name"]),
             t(f" for “{i['need']['text']}”" if i["need"] else ""),
             (f"  {i['on']}", "dim"),
             t(f"  → {i['outcome']}" if i["outcome"] else "", "green"))
        for i in card["introductions"]])
    section(_("Follow-ups"), [
        line(f"  #{f['id']} ", (f["due_on"], "bold"), "  ", t(f["note"]))
        for f in card["followups"] if not f["done_on"]])
    timeline = card["timeline"]
    shown = timeline if limit is None else timeline[:limit]
    items = [line((f"  {e['on']}  ", "dim"), (f"{_TYPE_LABEL.get(e['type'], e['type']):<10}",
                                                "cyan"), " ", t(e["text"]))
             for e in shown]
    if limit is not None and len(timeline) > limit:
        items.append(line((_("  … {n} older entries (--all shows them)").format(
            n=len(timeline) - limit), "dim")))
    section(_("Timeline"), items)
    return parts
