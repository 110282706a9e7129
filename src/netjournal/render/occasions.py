"""The review's occasions as lines of text (terminal and Markdown).

Birthdays get one line each; a holiday gets one line for everyone who
celebrates it ("Lebaran (Idul Fitri) on 2027-03-10: 23 people to greet; 7
you have not spoken to since the last one: ..."). The JSON keeps one item per
person (core/occasions.py).
"""

from __future__ import annotations

from typing import Any

from netjournal.i18n import _, ngettext

#: Up to this many names are listed after a holiday line.
NAMES_SHOWN = 8


def _when(item: dict[str, Any]) -> str:
    n = item["in_days"]
    if n == 0:
        return _("today")
    if n == 1:
        return _("tomorrow")
    return _("in {n} days").format(n=n)


def _names(items: list[dict[str, Any]]) -> str:
    names = [str(i["person"]["name"]) for i in items[:NAMES_SHOWN]]
    text = ", ".join(names)
    if len(items) > NAMES_SHOWN:
        text += _(" and {n} more").format(n=len(items) - NAMES_SHOWN)
    return text


def _last(item: dict[str, Any]) -> str:
    last = item.get("last_contact")
    if last:
        return _("last contact {date}").format(date=last)
    return _("no contact yet")


def _birthday_line(item: dict[str, Any]) -> str:
    if item.get("age") is not None:
        what = _("{name} turns {age}").format(name=item["person"]["name"], age=item["age"])
    else:
        what = _("{name}'s birthday").format(name=item["person"]["name"])
    return _("{what} on {date}, {when} ({last})").format(
        what=what, date=item["due"], when=_when(item), last=_last(item)
    )


def _holiday_line(group: dict[str, Any]) -> str:
    people, quiet = group["people"], group["not_spoken"]
    head = _("{holiday} on {date}, {when}").format(
        holiday=group["name"], date=group["due"], when=_when(group)
    )
    count = ngettext("{n} person to greet", "{n} people to greet", len(people)).format(
        n=len(people)
    )
    if not quiet:
        return f"{head}: {count}: {_names(people)}"
    since = ngettext(
        "{n} you have not spoken to since the last one ({date})",
        "{n} you have not spoken to since the last one ({date})",
        len(quiet),
    ).format(n=len(quiet), date=group["previous"] or "?")
    return f"{head}: {count}; {since}: {_names(quiet)}"


def lines(items: list[dict[str, Any]]) -> list[str]:
    """One line per birthday and per holiday, soonest first."""
    from netjournal.core.occasions import groups

    out = []
    for group in groups(items):
        if "birthday" in group:
            out.append(_birthday_line(group["birthday"]))
        else:
            out.append(_holiday_line(group))
    return out


def title(items: list[dict[str, Any]]) -> str:
    return _("Occasions ({n})").format(n=len(items))


def holiday_line(group: dict[str, Any]) -> str:
    """One holiday group of ``core.occasions.groups`` (or ``next_holiday``) as a line."""
    if not group["people"]:
        return _("{holiday} on {date}, {when}: nobody in your journal celebrates it yet").format(
            holiday=group["name"], date=group["due"], when=_when(group)
        )
    return _holiday_line(group)


def window_title(n: int, until: str) -> str:
    """The heading of ``nj occasions``."""
    return _("Occasions until {date} ({n})").format(date=until, n=n)


def empty(days: int) -> str:
    """What ``nj occasions`` says when nothing falls in the window."""
    return ngettext(
        "No birthdays or holidays in the next {n} day (--days N looks further ahead).",
        "No birthdays or holidays in the next {n} days (--days N looks further ahead).",
        days,
    ).format(n=days)
