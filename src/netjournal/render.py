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

        _consoles["out"] = Console(file=sys.stdout, highlight=False, emoji=False, width=_width())
    return _consoles["out"]


def err() -> Console:
    """The console for messages (stderr)."""
    if "err" not in _consoles or _consoles["err"].file is not sys.stderr:
        from rich.console import Console

        _consoles["err"] = Console(
            file=sys.stderr, highlight=False, emoji=False, width=_width(), soft_wrap=True
        )
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


class Msg:
    """A one-line message built without importing Rich.

    Parts are our own strings (plain) or ``(user_text, style)`` pairs, which are
    sanitised. On a terminal it is printed through Rich (``__rich__``); in a
    pipe, where Rich would print the same characters without styling, it is
    written directly, keeping the start-up of write commands light.
    """

    def __init__(self, *parts: str | tuple[Any, str]) -> None:
        self.parts: list[tuple[str, str]] = [
            (displayable("" if p[0] is None else str(p[0])), p[1])
            if isinstance(p, tuple)
            else (p, "")
            for p in parts
        ]

    @property
    def plain(self) -> str:
        return "".join(text for text, _style in self.parts)

    def __rich__(self) -> Text:
        from rich.text import Text

        result = Text()
        for text, style in self.parts:
            result.append(text, style=style)
        return result

    def __str__(self) -> str:
        return self.plain


def msg(*parts: str | tuple[Any, str]) -> Msg:
    """Build a :class:`Msg`: ``msg("Added ", (name, "bold"), f" #{id}")``."""
    return Msg(*parts)


def print_json(data: Any) -> None:
    """One JSON document on stdout; no colour, nothing else."""
    sys.stdout.write(to_json(data) + "\n")


def to_json(data: Any) -> str:
    from netjournal.text import json_safe

    return json_safe(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def wrote(
    message: Text | Msg | str,
    record_id: int | str,
    *,
    quiet: bool,
    as_json: bool,
    record: Any = None,
) -> None:
    """The one line of a write command (or just the id, or just the record)."""
    if as_json:
        print_json(record)
    elif quiet:
        sys.stdout.write(f"{record_id}\n")
    elif isinstance(message, Msg) and not _styled_output():
        sys.stdout.write(message.plain + "\n")
    else:
        out().print(message, soft_wrap=True)


def _styled_output() -> bool:
    """Would Rich style stdout? (a terminal, or FORCE_COLOR/TTY_COMPATIBLE set)."""
    if os.environ.get("FORCE_COLOR") or os.environ.get("TTY_COMPATIBLE"):
        return True
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


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

    tbl = Table(
        box=box.SIMPLE_HEAD, title=title, title_justify="left", show_edge=False, pad_edge=False
    )
    for column in columns:
        tbl.add_column(column, overflow="fold")
    return tbl


def person_label(ref: dict[str, Any]) -> Text:
    return line(t(ref["name"], "bold"), f" #{ref['id']}")


def people_table(people: list[dict[str, Any]]) -> Table:
    tbl = table("#", _("Name"), _("Org"), _("Role"), _("Tags"), _("Last contact"))
    for p in people:
        tbl.add_row(
            str(p["id"]),
            t(p["name"]),
            t(p["org"]),
            t(p["role"]),
            t(", ".join(p["tags"])),
            t(p["last_contact"] or "-"),
        )
    return tbl


_TYPE_LABEL = {
    "met": "met",
    "call": "call",
    "meeting": "meeting",
    "message": "message",
    "email": "email",
    "other": "other",
    "need": "need",
    "need_met": "need met",
    "need_dropped": "need dropped",
    "offer": "promised",
    "offer_done": "helped",
    "received": "received",
    "introduction": "intro",
    "outcome": "outcome",
    "followup": "follow-up",
}


def person_card(card: dict[str, Any], limit: int | None = 20) -> list[Any]:
    """The renderables of ``nj person show``: details, the help ledger, the timeline."""
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
    field(
        _("Keep in touch"),
        _("every {every}").format(every=card["every"]) if card["every"] else None,
    )
    field(_("Last contact"), card["last_contact"])
    field(_("Notes"), card["notes"])
    summary = card.get("summary")
    if summary and (summary["help_given"] or summary["help_received"] or summary["introductions"]):
        field(
            _("Give / take"),
            _("{given} given, {intros} introductions, {received} received").format(
                given=summary["help_given"],
                intros=summary["introductions"],
                received=summary["help_received"],
            ),
        )
    title = line(t(card["name"], "bold"), f"  #{card['id']}")
    parts: list[Any] = [
        Panel(
            Group(*rows) if rows else t(_("(no details yet)"), "dim"),
            title=title,
            title_align="left",
            expand=False,
        )
    ]

    def section(heading: str, items: list[Text]) -> None:
        if items:
            parts.append(line((heading, "bold underline")))
            parts.extend(items)

    def intro_ids(n: dict[str, Any]) -> str:
        ids = n.get("introductions") or []
        return _("  introduced: {ids}").format(ids=", ".join(f"#{i}" for i in ids)) if ids else ""

    section(_("Can help with"), [line("  • ", t(c["text"])) for c in card["capabilities"]])
    section(
        _("Open needs"),
        [
            line(
                f"  #{n['id']} ",
                t(n["text"]),
                (f"  since {n['noted_on']}", "dim"),
                (intro_ids(n), "dim"),
            )
            for n in card["needs"]
            if n["status"] == "open"
        ],
    )
    section(
        _("Promises"),
        [
            line(f"  #{o['id']} ", t(o["text"]), (f"  due {o['due_on']}", "dim"))
            for o in card["offers"]
            if o["direction"] == "given" and o["status"] == "promised"
        ],
    )
    section(
        _("Help given"),
        [
            line(f"  #{o['id']} ", t(o["text"]), (f"  {o['done_on']}", "dim"))
            for o in card["offers"]
            if o["direction"] == "given" and o["status"] == "done"
        ],
    )
    section(
        _("Help received"),
        [
            line(f"  #{o['id']} ", t(o["text"]), (f"  {o['offered_on']}", "dim"))
            for o in card["offers"]
            if o["direction"] == "received"
        ],
    )

    def intro_line(i: dict[str, Any]) -> Text:
        need = i["need"]
        whose: list[Any] = []
        if need:
            if "person" in need and need["person"]["id"] == i["other"]["id"]:
                whose = [_(" for their need "), t(f"“{need['text']}”")]
            else:
                whose = [_(" for "), t(f"“{need['text']}”")]
        outcome: list[Any] = (
            ["\n      → ", t(i["outcome"], "green")]
            if i["outcome"]
            else [("\n      " + _("(no outcome yet)"), "dim")]
        )
        return line(
            f"  #{i['id']} ",
            (f"{i['on']} ", "dim"),
            _("with "),
            t(i["other"]["name"], "bold"),
            f" #{i['other']['id']}",
            *whose,
            *outcome,
        )

    section(_("Introductions"), [intro_line(i) for i in card["introductions"]])
    section(
        _("Follow-ups"),
        [
            line(f"  #{f['id']} ", (f["due_on"], "bold"), "  ", t(f["note"]))
            for f in card["followups"]
            if not f["done_on"]
        ],
    )
    timeline = card["timeline"]
    shown = timeline if limit is None else timeline[:limit]
    labels = {**_TYPE_LABEL, "offer_dropped": "dropped", "followup_done": "followed up"}
    items = [
        line(
            (f"  {e['on']}  ", "dim"),
            (f"{labels.get(e['type'], e['type']):<11}", "cyan"),
            " ",
            t(e["text"] or "—"),
        )
        for e in shown
    ]
    if limit is not None and len(timeline) > limit:
        items.append(
            line(
                (
                    _("  … {n} older entries (--all shows them)").format(n=len(timeline) - limit),
                    "dim",
                )
            )
        )
    section(_("Timeline"), items)
    return parts
