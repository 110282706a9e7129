"""``nj person show``: the card, the help ledger and the timeline, as Rich renderables."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from netjournal.core.kinds import kind_label
from netjournal.core.referrals import became_label
from netjournal.dates import interval_words
from netjournal.i18n import _, ngettext
from netjournal.render.console import Hanging, line, t

if TYPE_CHECKING:
    from rich.text import Text


def _type_labels() -> dict[str, str]:
    """The timeline's labels in the interface language (stored types as keys);
    the kinds of contact are named by :func:`kind_label`, as everywhere."""
    from netjournal.db.schema import KINDS

    return {
        **{kind: kind_label(kind) for kind in KINDS},
        "need": _("need"),
        "need_met": _("need met"),
        "need_dropped": _("need dropped"),
        "offer": _("promised"),
        "offer_done": _("helped"),
        "received": _("received"),
        "introduction": _("intro"),
        "outcome": _("outcome"),
        "followup": _("follow-up"),
        "offer_dropped": _("dropped"),
        "followup_done": _("followed up"),
    }


def _long(iso: str | None) -> str:
    """An ISO day as the interface shows a long date: as is in English, "Senin,
    30 November 2026" in Indonesian."""
    from netjournal import i18n

    if not iso or i18n.language() != "id":
        return iso or ""
    from datetime import date

    from netjournal.dates import format_day

    try:
        return format_day(date.fromisoformat(iso), "id")
    except ValueError:
        return iso


def _hang(rows: list[list[Text]]) -> list[Any]:
    """Rows of [head, body] as hanging-indent lines."""
    return [Hanging(head, body) for head, body in rows]


def person_label(ref: dict[str, Any]) -> Text:
    return line(t(ref["name"], "bold"), f" #{ref['id']}")


def _details(card: dict[str, Any]) -> list[list[Text]]:
    """(label, value) rows of the card; the grid sizes the label column, one space after."""
    rows: list[list[Text]] = []

    def field(label: str, value: Any) -> None:
        if value:
            rows.append([line((label, "dim")), t(value)])

    field(_("Org"), card["org"])
    field(_("Role"), card["role"])
    field(_("Email"), card["email"])
    field(_("Phone"), card["phone"])
    field(_("Tags"), ", ".join(card["tags"]))
    met_on = _long(card["met_on"])
    field(_("Met"), " ".join(x for x in (met_on, card["met_at"] or "") if x))
    every = card["every"]
    keep = _("every {every}").format(every=interval_words(every)) if every else None
    field(_("Keep in touch"), keep)
    if card.get("birthday"):
        from netjournal.core.birthdays import display
        from netjournal.i18n import language

        field(_("Birthday"), display(card["birthday"], language()))
    if card.get("celebrates"):
        from netjournal.core.holiday_dates import display_name

        field(_("Celebrates"), ", ".join(display_name(code) for code in card["celebrates"]))
    field(_("Last contact"), _long(card["last_contact"]) or None)
    field(_("Notes"), card["notes"])
    via = card.get("referred_by")  # issue 15: referrals and the archive
    field(_("Sent by"), f"{via['name']} #{via['id']}" if via else None)
    sent = card.get("referred") or []
    field(_("Sent you"), ", ".join(f"{p['name']} #{p['id']}" for p in sent))
    if card.get("became"):
        field(_("Became"), f"{became_label(card['became'])} ({card['became_on']})")
    if card.get("archived_on"):
        note = f": {card['archive_note']}" if card.get("archive_note") else ""
        field(_("Archived"), f"{card['archived_on']}{note}")
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
    width = max((row[0].cell_len for row in rows), default=0) + 1
    for row in rows:
        row[0].pad_right(width - row[0].cell_len)
    return rows


def _panel(card: dict[str, Any]) -> Any:
    from rich.console import Group
    from rich.panel import Panel

    rows = _details(card)
    return Panel(
        Group(*_hang(rows)) if rows else t(_("(no details yet)"), "dim"),
        title=line(t(card["name"], "bold"), f"  #{card['id']}"),
        title_align="left",
        expand=False,
    )


def _intro_ids(n: dict[str, Any]) -> str:
    ids = n.get("introductions") or []
    return _("  introduced: {ids}").format(ids=", ".join(f"#{i}" for i in ids)) if ids else ""


def _intro_line(i: dict[str, Any]) -> Text:
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


def _ledger(card: dict[str, Any]) -> list[tuple[str, list[Text]]]:
    """(heading, lines) of the help ledger, in the order of the card."""
    offers = card["offers"]
    given = [o for o in offers if o["direction"] == "given"]
    return [
        (_("Can help with"), [line("  • ", t(c["text"])) for c in card["capabilities"]]),
        (
            _("Open needs"),
            _hang(
                [
                    [
                        line(f"  #{n['id']} "),
                        line(
                            t(n["text"]),
                            (_("  since {date}").format(date=n["noted_on"]), "dim"),
                            (_intro_ids(n), "dim"),
                        ),
                    ]
                    for n in card["needs"]
                    if n["status"] == "open"
                ]
            ),
        ),
        (
            _("Promises"),
            _hang(
                [
                    [
                        line(f"  #{o['id']} "),
                        line(t(o["text"]), (_("  due {date}").format(date=o["due_on"]), "dim")),
                    ]
                    for o in given
                    if o["status"] == "promised"
                ]
            ),
        ),
        (
            _("Help given"),
            _hang(
                [
                    [line(f"  #{o['id']} "), line(t(o["text"]), (f"  {o['done_on']}", "dim"))]
                    for o in given
                    if o["status"] == "done"
                ]
            ),
        ),
        (
            _("Help received"),
            _hang(
                [
                    [line(f"  #{o['id']} "), line(t(o["text"]), (f"  {o['offered_on']}", "dim"))]
                    for o in offers
                    if o["direction"] == "received"
                ]
            ),
        ),
        (_("Introductions"), [_intro_line(i) for i in card["introductions"]]),
        (
            _("Follow-ups"),
            _hang(
                [
                    [
                        line(f"  #{f['id']} ", (f["due_on"], "bold")),
                        line("  ", t(f["note"])) if f["note"] else line(),
                    ]
                    for f in card["followups"]
                    if not f["done_on"]
                ]
            ),
        ),
    ]


def _timeline(timeline: list[dict[str, Any]], limit: int | None) -> list[Any]:
    shown = timeline if limit is None else timeline[:limit]
    # One width for every label, the longest one's, then two spaces.
    labels = _type_labels()
    width = max(len(label) for label in labels.values()) + 2
    items = _hang(
        [
            [
                line(
                    (f"  {e['on']}  ", "dim"),
                    (f"{labels.get(e['type'], e['type']):<{width}}", "cyan"),
                ),
                t(e["text"] or "—"),
            ]
            for e in shown
        ]
    )
    if limit is not None and len(timeline) > limit:
        more = ngettext(
            "  … {n} older entry (--all shows it)",
            "  … {n} older entries (--all shows them)",
            len(timeline) - limit,
        ).format(n=len(timeline) - limit)
        items.append(line((more, "dim")))
    return items


def person_card(card: dict[str, Any], limit: int | None = 20) -> list[Any]:
    """The renderables of ``nj person show``: details, the help ledger, the timeline."""
    parts: list[Any] = [_panel(card)]
    sections = [*_ledger(card), (_("Timeline"), _timeline(card["timeline"], limit))]
    for heading, items in sections:
        if items:
            parts.append(line((heading, "bold underline")))
            parts.extend(items)
    return parts
