"""Birthdays as a field (issue 15): parse, store, find the next one, talk to vCard.

A birthday is stored as ``'YYYY-MM-DD'`` when the year is known and as
``'--MM-DD'`` when it is not (the year-less form of vCard 4, RFC 6350). A
year-less birthday never gets an age.

What ``--birthday`` accepts (dashes are month-first like ISO and vCard,
slashes are day-first like the rest of netjournal):

* ``04-13``, ``--04-13``, ``--0413``: 13 April, no year;
* ``1985-04-13``: 13 April 1985;
* ``13/04``, ``13/04/1985``: the same, day first.

29 February in a year that has none is celebrated on 28 February (greet a
day early rather than a day late).

Pure functions: no clock (``as_of`` is an argument), no printing.
"""

from __future__ import annotations

import re
from datetime import date

from netjournal.errors import InvalidInput
from netjournal.i18n import _

#: Apple Contacts writes a year-less birthday as this year with
#: ``X-APPLE-OMIT-YEAR=1604`` (khard #134, khal #650): never "413th birthday".
APPLE_OMIT_YEAR = 1604

_ISO = re.compile(r"^(\d{4})-?(\d{2})-?(\d{2})$")
_NO_YEAR = re.compile(r"^(?:--)?(\d{2})-?(\d{2})$")
_DAY_FIRST = re.compile(r"^(\d{1,2})[/.](\d{1,2})(?:[/.](\d{4}))?$")


def _canonical(year: int | None, month: int, day: int, text: str) -> str:
    try:
        date(year or 2000, month, day)  # 2000 is a leap year: 29 Feb is fine
    except ValueError:
        raise InvalidInput(
            _("'{text}' is not a birthday; use MM-DD, YYYY-MM-DD or DD/MM").format(text=text[:40])
        ) from None
    if year is None:
        return f"--{month:02d}-{day:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def parse(text: str) -> str | None:
    """The stored form of a birthday typed by the user; None for '' (clears)."""
    value = text.strip()
    if not value:
        return None
    if match := _ISO.match(value):
        year, month, day = (int(g) for g in match.groups())
        if year == APPLE_OMIT_YEAR:
            return _canonical(None, month, day, value)
        if year < 1900:
            raise InvalidInput(
                _("'{text}' is not a birthday; use MM-DD, YYYY-MM-DD or DD/MM").format(
                    text=value[:40]
                )
            )
        return _canonical(year, month, day, value)
    if match := _NO_YEAR.match(value):
        return _canonical(None, int(match.group(1)), int(match.group(2)), value)
    if match := _DAY_FIRST.match(value):
        day, month = int(match.group(1)), int(match.group(2))
        full = int(match.group(3)) if match.group(3) else None
        return _canonical(full, month, day, value)
    raise InvalidInput(
        _("'{text}' is not a birthday; use MM-DD, YYYY-MM-DD or DD/MM").format(text=value[:40])
    )


def is_valid(stored: object) -> bool:
    """Whether a value read from a file is a stored birthday (import checks)."""
    if not isinstance(stored, str):
        return False
    try:
        return parse(stored) == stored
    except InvalidInput:
        return False


def split(stored: str) -> tuple[int | None, int, int]:
    """(year or None, month, day) of a stored birthday."""
    if stored.startswith("--"):
        return None, int(stored[2:4]), int(stored[5:7])
    return int(stored[:4]), int(stored[5:7]), int(stored[8:10])


def on_year(stored: str, year: int) -> date:
    """The day the birthday is celebrated in ``year`` (29 Feb -> 28 Feb in other years)."""
    _year, month, day = split(stored)
    if month == 2 and day == 29:
        try:
            return date(year, 2, 29)
        except ValueError:
            return date(year, 2, 28)
    return date(year, month, day)


def next_on(stored: str, as_of: date) -> date:
    """The next birthday on or after ``as_of``."""
    this_year = on_year(stored, as_of.year)
    return this_year if this_year >= as_of else on_year(stored, as_of.year + 1)


def age_on(stored: str, birthday: date) -> int | None:
    """The age turned on ``birthday`` (a date from :func:`next_on`); None without a year."""
    year, _month, _day = split(stored)
    if year is None or birthday.year <= year:
        return None
    return birthday.year - year


# --------------------------------------------------------------------------
# vCard BDAY
# --------------------------------------------------------------------------


def from_vcard(value: str, omit_year: str | None = None) -> str | None:
    """A stored birthday from a vCard ``BDAY`` value, or None when it is not a date.

    Reads ``1985-04-13``, ``19850413``, ``--04-13``, ``--0413`` and Apple's
    ``BDAY;X-APPLE-OMIT-YEAR=1604:1604-04-13``; a time part is ignored.
    """
    text = value.strip().split("T", 1)[0]
    try:
        stored = parse(text) if (_ISO.match(text) or text.startswith("--")) else None
    except InvalidInput:
        return None
    if stored and omit_year and not stored.startswith("--") and stored[:4] == omit_year.strip():
        stored = "--" + stored[5:]
    return stored


def to_vcard(stored: str, version: str) -> tuple[str, dict[str, list[str]]]:
    """The ``BDAY`` value and parameters for a vCard ``version`` ('3.0' or '4.0').

    A year-less birthday is written ``--MMDD`` in both (RFC 6350; an ISO 8601
    date without its year, which 3.0's ISO dates allow too). Apple's form,
    ``1604-MM-DD`` with ``X-APPLE-OMIT-YEAR=1604``, is read but not written: a
    reader that does not know the parameter shows a "422nd birthday" (khal #650),
    the bug the issue asks us never to cause; one that does not know ``--MMDD``
    drops a date it cannot read instead of inventing an age.
    """
    year, month, day = split(stored)
    if year is not None:
        return (f"{year:04d}{month:02d}{day:02d}" if version == "4.0" else stored), {}
    return f"--{month:02d}{day:02d}", {}


def display(stored: str, lang: str) -> str:
    """ "21 March" or "13 April 1985" (month names of ``lang``, "en" or "id")."""
    from netjournal.dates import _MONTH_NAMES

    year, month, day = split(stored)
    names = _MONTH_NAMES["id" if lang.lower().startswith("id") else "en"]
    return f"{day} {names[month - 1]}" + (f" {year}" if year is not None else "")
