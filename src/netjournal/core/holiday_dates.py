"""The holidays a person celebrates (issue 15): our short codes and their dates.

Dates come from the ``holidays`` library (lunar and decreed holidays such as
Idul Fitri move every year, and the library follows the decrees), for the
country of the config key ``holidays_country`` (Indonesia, ``"ID"``, by
default). When that country's calendar does not have a holiday (Nyepi in
Singapore, Diwali in Indonesia), its home country's calendar is used
(:data:`HOME`). Galungan is not in the library: it follows the Balinese
210-day Pawukon cycle, which is computed here exactly.

``holidays`` is imported only when occasions are computed (it takes tens of
milliseconds to import).
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from netjournal.errors import InvalidInput
from netjournal.i18n import _

#: Our codes, in the order shown, with the English names the library uses
#: (any of them; "(estimated)" is ignored, "(observed)" days are skipped).
LIBRARY_NAMES: dict[str, tuple[str, ...]] = {
    "lebaran": ("Eid al-Fitr",),
    "idul_adha": ("Eid al-Adha",),
    "natal": ("Christmas Day", "Christmas"),
    "imlek": ("Lunar New Year", "Chinese New Year"),
    "nyepi": ("Day of Silence",),
    "waisak": ("Vesak Day", "Wesak Day", "Vesak", "Buddha Purnima"),
    "galungan": (),
    "diwali": ("Diwali", "Deepavali"),
    "easter": ("Easter Sunday", "Easter"),
}
#: Other words accepted for a code.
ALIASES: dict[str, str] = {
    "idul_fitri": "lebaran",
    "idulfitri": "lebaran",
    "eid": "lebaran",
    "eid_al_fitr": "lebaran",
    "iduladha": "idul_adha",
    "eid_al_adha": "idul_adha",
    "christmas": "natal",
    "xmas": "natal",
    "chinese_new_year": "imlek",
    "lunar_new_year": "imlek",
    "vesak": "waisak",
    "wesak": "waisak",
    "deepavali": "diwali",
    "paskah": "easter",
}
#: The calendar used when the configured country does not have the holiday.
HOME: dict[str, str] = {"diwali": "IN"}
DEFAULT_HOME = "ID"
#: Galungan: a Wednesday every 210 days (Pawukon), e.g. 28 February 2024.
GALUNGAN_ANCHOR = date(2024, 2, 28)
PAWUKON_DAYS = 210

_SUFFIX = re.compile(r"\s*\((?:estimated|perkiraan)\)\s*$", re.IGNORECASE)


def display_name(code: str) -> str:
    """The name shown for a holiday code."""
    names = {
        "lebaran": _("Lebaran (Idul Fitri)"),
        "idul_adha": _("Idul Adha"),
        "natal": _("Christmas (Natal)"),
        "imlek": _("Imlek (Chinese New Year)"),
        "nyepi": _("Nyepi"),
        "waisak": _("Waisak"),
        "galungan": _("Galungan"),
        "diwali": _("Diwali"),
        "easter": _("Easter"),
    }
    return names.get(code, code)


def parse_codes(text: str) -> str | None:
    """The stored form (comma-separated codes) of ``--celebrates``; None for ''."""
    codes: list[str] = []
    for word in re.split(r"[,;\s]+", text.strip().lower()):
        if not word:
            continue
        word = word.replace("-", "_")
        code = ALIASES.get(word, word)
        if code not in LIBRARY_NAMES:
            raise InvalidInput(
                _("Unknown holiday '{word}'; use one of {codes}").format(
                    word=word[:40], codes=", ".join(LIBRARY_NAMES)
                )
            )
        if code not in codes:
            codes.append(code)
    return ",".join(codes) or None


def codes_of(stored: str | None) -> list[str]:
    """The list form of a stored ``celebrates`` value (JSON output)."""
    return [c for c in (stored or "").split(",") if c]


@lru_cache(maxsize=32)
def _calendar(country: str, year: int) -> tuple[tuple[date, str], ...]:
    import holidays

    try:
        probe: Any = holidays.country_holidays(country.upper())
    except NotImplementedError:
        raise InvalidInput(
            _("Unknown holidays_country '{country}' (use a code such as ID, MY, SG)").format(
                country=country[:10]
            )
        ) from None
    language = "en_US" if "en_US" in (probe.supported_languages or ()) else None
    calendar: Any = holidays.country_holidays(country.upper(), years=year, language=language)
    days: list[tuple[date, str]] = []
    for day, names in sorted(calendar.items()):
        for name in str(names).split("; "):
            days.append((day, name))
    return tuple(days)


def _in_library(code: str, country: str, year: int) -> list[date]:
    wanted = LIBRARY_NAMES[code]
    found = []
    for day, name in _calendar(country, year):
        if "observed" in name.lower():
            continue
        if _SUFFIX.sub("", name) in wanted:
            found.append(day)
    return found


def _galungan(year: int) -> list[date]:
    start = date(year, 1, 1)
    offset = (start - GALUNGAN_ANCHOR).days % PAWUKON_DAYS
    first = start + timedelta(days=(PAWUKON_DAYS - offset) % PAWUKON_DAYS)
    return [d for d in (first, first + timedelta(days=PAWUKON_DAYS)) if d.year == year]


def dates_in(code: str, country: str, year: int) -> list[date]:
    """The days ``code`` starts in ``year`` (first day only: Lebaran's two days are one)."""
    if code == "galungan":
        return _galungan(year)
    found = _in_library(code, country, year)
    if not found:
        home = HOME.get(code, DEFAULT_HOME)
        if home != country.upper():
            found = _in_library(code, home, year)
    # The first day of each run of consecutive days.
    return [d for d in found if d - timedelta(days=1) not in found]


def next_on(code: str, country: str, as_of: date) -> date | None:
    """The next day ``code`` starts on or after ``as_of`` (this year or next)."""
    for year in (as_of.year, as_of.year + 1):
        for day in dates_in(code, country, year):
            if day >= as_of:
                return day
    return None


def previous(code: str, country: str, before: date) -> date | None:
    """The last time ``code`` started before ``before`` (this year or the two before)."""
    for year in (before.year, before.year - 1, before.year - 2):
        days = [d for d in dates_in(code, country, year) if d < before]
        if days:
            return days[-1]
    return None
