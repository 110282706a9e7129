"""Text -> date, text -> interval, and a date shown in words.

``parse_date`` reads an ISO date (``2026-01-02``) directly; anything else goes
through the phrase grammar of ``netjournal.date_phrases`` (imported only then,
its regexes compiled on first use): numeric dates, "yesterday", "3d", "3 days
ago", "next friday", "tgl 5", "akhir bulan", chat shorthand ("kmrn", "bsk",
"2 mgg lg") and their English or Indonesian forms. Only text none of them
understands reaches dateparser, imported inside the function: it costs about
half a second, and most commands never need it. Every date that cannot be
understood is a ``DateError`` quoting the input; nothing ever silently becomes
"today".

Conventions, decided once (tested in tests/test_date_phrases.py):

* The direction. ``parse_date`` is told whether the option says when something
  happened ("past") or when it is due ("future"). The result is never on the
  wrong side of today: a phrase there ("besok" for a contact, "kemarin" for
  a follow-up) is a ``DateError`` saying so, and so is a date written in full
  that lies in the future for something that happened (2030-01-01 for a
  contact). A date written in full that lies in the past is accepted where a
  date is due: an overdue follow-up may be recorded on purpose. Today itself
  is on both sides.
* Bare phrases take the nearest date in the direction: "friday"/"jumat",
  "tgl 5"/"the 5th", "31/12", "akhir bulan"/"end of month", "awal bulan",
  "pertengahan bulan" (the 15th), "weekend"/"akhir minggu", "akhir tahun".
  Today counts, except for a bare weekday in the future: "friday" said on a
  Friday for a follow-up is next week's. A day missing from a month is skipped
  ("tgl 31" for a follow-up on 1 April is 31 May).
* Weekdays. Weeks run Monday to Sunday (as Indonesian calendars print them).
  "next thursday"/"kamis depan" is the Thursday of NEXT week: on a Wednesday,
  8 days ahead, never tomorrow; on a Sunday, 4 days ahead. "this
  thursday"/"kamis ini" is this week's Thursday, even if it has passed.
  "last thursday"/"kamis lalu"/"kamis kemarin" is the latest Thursday before
  today. "malam minggu" is Saturday evening, so Saturday.
* Periods. A week starts on its Monday, its middle is Wednesday, it ends on
  its Saturday (the weekend; on a Sunday, this week's end is today); a month
  starts on the 1st, its middle is the 15th; a year starts on 1 January, its
  middle is 1 July, it ends on 31 December.
  With this/next/last (ini/depan/lalu) the period is fixed: "akhir bulan
  depan" is the last day of next month, "early next month" the 1st.
* Parts of the day ("pagi", "sore", "tonight", "tomorrow evening", "kemarin
  sore") are the day they belong to; "tadi malam"/"semalam"/"last night" is
  yesterday.

"Today" is always an argument: nothing here reads the clock except
``today_from_env``, which the CLI calls once.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Literal, TypeAlias

from netjournal.errors import DateError
from netjournal.i18n import _

__all__ = [
    "Direction",
    "Interval",
    "Unit",
    "add_months",
    "format_day",
    "parse_date",
    "parse_interval",
    "today_from_env",
]

Direction: TypeAlias = Literal["past", "future"]
Unit: TypeAlias = Literal["d", "w", "m", "y"]

MAX_INPUT_LENGTH = 100
"""Longer text is refused before any regex or dateparser sees it."""

_QUOTE_LENGTH = 40
_TODAY_VARIABLE = "NETJOURNAL_TODAY"
_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})", re.ASCII)

# The largest interval for each unit: 100 years.
_MAX_INTERVAL: dict[str, int] = {"d": 36525, "w": 5217, "m": 1200, "y": 100}

# --------------------------------------------------------------------------
# Calendar arithmetic
# --------------------------------------------------------------------------


def add_months(d: date, months: int) -> date:
    """``d`` moved by whole calendar months; the day is clamped to the month's end.

    31 Jan + 1 month is 28 Feb (29 in a leap year); 29 Feb + 12 months is 28 Feb.
    """
    year, month0 = divmod(d.year * 12 + d.month - 1 + months, 12)
    return date(year, month0 + 1, min(d.day, _days_in_month(year, month0 + 1)))


def _days_in_month(year: int, month: int) -> int:
    if month == 12:
        return 31
    return (date(year, month + 1, 1) - timedelta(days=1)).day


def _shift(d: date, unit: Unit, n: int) -> date:
    """``d`` moved by ``n`` units (``n`` may be negative)."""
    if unit == "d":
        return d + timedelta(days=n)
    if unit == "w":
        return d + timedelta(weeks=n)
    if unit == "m":
        return add_months(d, n)
    return add_months(d, 12 * n)


@dataclass(frozen=True)
class Interval:
    """A repeat period: ``n`` days, weeks, calendar months or calendar years."""

    n: int
    unit: Unit

    def __post_init__(self) -> None:
        if self.unit not in _MAX_INTERVAL:
            raise ValueError(f"unknown interval unit {self.unit!r}")
        if not 1 <= self.n <= _MAX_INTERVAL[self.unit]:
            raise ValueError(f"interval out of range: {self.n}{self.unit}")

    def add_to(self, d: date) -> date:
        """``d`` plus this interval (months and years clamp the day: 31 Jan + 1m = 28 Feb)."""
        return _shift(d, self.unit, self.n)

    def approx_days(self) -> int:
        """The length in days, months and years counted at their average length."""
        per_unit = {"d": 1.0, "w": 7.0, "m": 365.2425 / 12, "y": 365.2425}[self.unit]
        return round(self.n * per_unit)

    def __str__(self) -> str:
        """The canonical form ("30d", "2w", "3m", "1y"); ``parse_interval`` reads it back."""
        return f"{self.n}{self.unit}"


# --------------------------------------------------------------------------
# Input hygiene and messages
# --------------------------------------------------------------------------


def _quote(text: str) -> str:
    """``text`` quoted for an error message: escaped like repr, shortened if long."""
    if len(text) > _QUOTE_LENGTH:
        text = text[:_QUOTE_LENGTH] + "…"
    return repr(text)


def _date_error(text: str, today: date, direction: Direction) -> DateError:
    """The "cannot understand" error; its examples are valid on ``today`` for ``direction``."""
    if direction == "past":
        message = _(
            "Cannot understand the date {text} "
            '(try {today}, "yesterday", "3d", "last friday" or "kemarin")'
        )
    else:
        message = _(
            "Cannot understand the date {text} "
            '(try {today}, "tomorrow", "3d", "next friday" or "besok")'
        )
    return DateError(message.format(text=_quote(text), today=today.isoformat()))


def _interval_error(text: str) -> DateError:
    return DateError(
        _(
            'Cannot understand the interval {text} (try "30d", "2w", "3m", "1y" or "monthly")'
        ).format(text=_quote(text))
    )


def _has_control_characters(text: str) -> bool:
    """True for C0/C1 controls and invisible format characters (tab and newlines excepted)."""
    return any(unicodedata.category(char) in ("Cc", "Cf") and char not in "\t\n\r" for char in text)


def _normalize(text: str, what: str) -> str:
    """Lower-cased, trimmed, inner whitespace collapsed; refuses overlong or control text.

    ``what`` is the (translated) word used in messages: "date" or "interval".
    """
    if len(text) > MAX_INPUT_LENGTH:
        raise DateError(
            _("The {what} {text} is too long (at most {limit} characters)").format(
                what=what, text=_quote(text), limit=MAX_INPUT_LENGTH
            )
        )
    if _has_control_characters(text):
        raise DateError(
            _("The {what} {text} contains control characters").format(what=what, text=_quote(text))
        )
    return " ".join(text.split()).lower().replace("’", "'")


def _make_date(text: str, year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise DateError(
            _("The date {text} does not exist in the calendar").format(text=_quote(text))
        ) from None


class Context:
    """What a phrase rule needs: the input, today, the direction, and calendar help."""

    __slots__ = ("day_first", "direction", "step", "text", "today")

    def __init__(self, text: str, today: date, direction: Direction, day_first: bool) -> None:
        self.text = text  # what the user typed, for messages
        self.today = today
        self.direction: Direction = direction
        self.day_first = day_first
        self.step = -1 if direction == "past" else 1  # the way bare phrases count

    def make_date(self, year: int, month: int, day: int) -> date:
        """The date, or a ``DateError`` quoting the input when the calendar lacks it."""
        return _make_date(self.text, year, month, day)

    def shift(self, d: date, unit: Unit, n: int) -> date:
        return _shift(d, unit, n)

    def month_end(self, year: int, month: int) -> int:
        return _days_in_month(year, month)

    def error(self) -> DateError:
        return _date_error(self.text, self.today, self.direction)


# A date written out in full (ISO, or day, month and year in numbers). Such a
# date is taken as meant on the "future" side: an overdue follow-up or promise
# may be recorded on purpose. On the "past" side nothing in the future is.
_ABSOLUTE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.-]\d{1,2}[/.-]\d{4}", re.ASCII)


def _check_side(result: date, ctx: Context) -> date:
    """``result``, unless it lies on the wrong side of today for the direction."""
    text = _quote(ctx.text)
    # "'besok' (2026-12-01)", but "'2030-01-01'" alone.
    when = text if ctx.text.strip() == result.isoformat() else f"{text} ({result.isoformat()})"
    if ctx.direction == "past" and result > ctx.today:
        raise DateError(
            _(
                "{when} is in the future; a contact that has not happened yet "
                "is a follow-up: nj followup add NAME --on {text}"
            ).format(when=when, text=text)
        )
    if (
        ctx.direction == "future"
        and result < ctx.today
        and not _ABSOLUTE.fullmatch(ctx.text.strip())
    ):
        raise DateError(
            _("{when} is in the past; a date to come must be today or later").format(when=when)
        )
    return result


# --------------------------------------------------------------------------
# A date in words
# --------------------------------------------------------------------------

_DAY_NAMES = {
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    "id": ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"),
}
_MONTH_NAMES = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
    "id": ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
           "September", "Oktober", "November", "Desember"),
}  # fmt: skip


def format_day(d: date, lang: str) -> str:
    """ "Senin, 30 November 2026" for Indonesian (``lang`` "id", "id_ID"...), else
    "Monday, 30 November 2026". Tables, not the locale module: the result does not
    depend on the machine."""
    key = "id" if lang.lower().startswith("id") else "en"
    return f"{_DAY_NAMES[key][d.weekday()]}, {d.day} {_MONTH_NAMES[key][d.month - 1]} {d.year}"


def month_name(month: int, lang: str, short: bool = False) -> str:
    """ "November" / "Nov" (English) or "November" / "Nov" / "Agu" (Indonesian)."""
    key = "id" if lang.lower().startswith("id") else "en"
    name = _MONTH_NAMES[key][month - 1]
    return name[:3] if short else name


# --------------------------------------------------------------------------
# dateparser, for everything else
# --------------------------------------------------------------------------


def _with_dateparser(text: str, ctx: Context) -> date:
    import dateparser  # slow import (~0.5 s): only when the phrase grammar gave up

    from netjournal.date_phrases import LETTER_WORDS, WEEKDAYS

    # Arithmetic relative phrases keep the computed day ("1 year 2 months ago" is
    # the 28th when today is); other dates without a day take the first ("May 2026").
    relative = re.search(
        r"\b(?:ago|lalu|silam|lagi|kemudian|later|hence|from now)\b"
        r"|\b(?:in|dalam) (?:\d+|an?) [a-z]",
        text,
    )
    settings = {
        "RELATIVE_BASE": datetime.combine(ctx.today, time()),
        "PREFER_DATES_FROM": ctx.direction,
        "DATE_ORDER": "DMY" if ctx.day_first else "MDY",
        # Without it dateparser swaps day and month when they do not fit the order.
        "STRICT_DATE_ORDER": "all",
        "PREFER_DAY_OF_MONTH": "current" if relative else "first",
        # "first" would turn "the 5th" into 5 January.
        "PREFER_MONTH_OF_YEAR": "current",
        "USE_GIVEN_LANGUAGE_ORDER": True,
        # No "timestamp" (1700000000) and no "no-spaces-time" (20261128) guesses.
        "PARSERS": ["relative-time", "custom-formats", "absolute-time"],
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    try:
        parsed = dateparser.parse(text, languages=["en", "id"], settings=settings)
    except Exception as exc:  # dateparser raises assorted errors on odd input
        raise ctx.error() from exc
    if parsed is None:
        raise ctx.error()
    result: date = parsed.date()
    # dateparser ignores a weekday written next to a date ("Friday 4 December" is
    # 4 December 2025, a Thursday, when preferring the past): refuse the mismatch.
    # ("minggu" is left out: it is also "week".)
    written = {
        WEEKDAYS[word]
        for word in LETTER_WORDS.findall(text.replace("jum'at", "jumat"))
        if word in WEEKDAYS and word != "minggu"
    }
    if written and written != {result.weekday()}:
        raise DateError(
            _("The date {text} names a day of the week that does not match it").format(
                text=_quote(ctx.text)
            )
        )
    # dateparser pushes today's own day and month a year ahead when preferring the
    # future ("28 Nov" on 28 Nov 2026 -> 2027); with no year written, it is today.
    if (
        ctx.direction == "future"
        and result.year == ctx.today.year + 1
        and (result.month, result.day) == (ctx.today.month, ctx.today.day)
        and not re.search(r"\d{4}", text)
        and len(re.findall(r"\d+", text)) <= 1
    ):
        return ctx.today
    return result


# --------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------


def parse_date(
    text: str,
    *,
    today: date,
    direction: Direction,
    day_first: bool = True,
    either_side: bool = False,
) -> date:
    """The date that ``text`` means, seen from ``today``.

    ``direction`` says which way bare phrases count and which side of today the
    date must be on: "past" where the date says when something happened ("3d" =
    3 days ago, "friday" = the latest Friday, today included; "besok" is an
    error), "future" where it says when something is due ("3d" = in 3 days,
    "friday" = the next Friday after today; "kemarin" is an error). With
    ``either_side`` the side is not checked (for a reference date such as
    ``--as-of``). Numeric dates are day-first unless ``day_first`` is False.
    Raises ``DateError`` quoting ``text`` when it cannot be understood.
    """
    if direction not in ("past", "future"):
        raise ValueError(f"direction must be 'past' or 'future', not {direction!r}")
    normalized = _normalize(text, _("date"))
    ctx = Context(text, today, direction, day_first)
    if not normalized:
        raise ctx.error()
    try:
        iso = _ISO_DAY.fullmatch(normalized)
        if iso:
            result = _make_date(text, int(iso[1]), int(iso[2]), int(iso[3]))
        else:
            result = _read_phrase(normalized, ctx)
    except (OverflowError, ValueError):  # "in 99999 years": beyond year 9999
        raise DateError(_("The date {text} is out of range").format(text=_quote(text))) from None
    return result if either_side else _check_side(result, ctx)


def _read_phrase(normalized: str, ctx: Context) -> date:
    from netjournal import date_phrases  # not needed for an ISO date

    rewritten = date_phrases.rewrite(normalized)
    result = date_phrases.match(rewritten, ctx)
    if result is not None:
        return result
    if not date_phrases.worth_asking_dateparser(rewritten):
        raise ctx.error()
    return _with_dateparser(rewritten, ctx)


def parse_interval(text: str) -> Interval:
    """The repeat period ``text`` means: "30d", "2 weeks", "monthly", "3 bulan"...

    Between 1 day and 100 years; raises ``DateError`` quoting ``text`` otherwise.
    """
    from netjournal.date_phrases import interval_amount

    normalized = _normalize(text, _("interval"))
    found = interval_amount(normalized) if normalized else None
    if found is None:
        raise _interval_error(text)
    unit, n = found
    if not 1 <= n <= _MAX_INTERVAL[unit]:
        raise DateError(
            _("The interval {text} must be between 1 day and 100 years").format(text=_quote(text))
        )
    return Interval(n, unit)


def interval_words(text: str) -> str:
    """A stored interval as people say it after "every": "2 weeks", "month",
    "3 bulan" (the interface language); anything unreadable as it is."""
    from netjournal.i18n import ngettext

    match = re.fullmatch(r"(\d+)([dwmy])", text.strip())
    if match is None:
        return text
    n, unit = int(match.group(1)), match.group(2)
    if n == 1:
        return {"d": _("day"), "w": _("week"), "m": _("month"), "y": _("year")}[unit]
    forms = {
        "d": ngettext("{n} day", "{n} days", n),
        "w": ngettext("{n} week", "{n} weeks", n),
        "m": ngettext("{n} month", "{n} months", n),
        "y": ngettext("{n} year", "{n} years", n),
    }
    return forms[unit].format(n=n)


def today_from_env(environ: Mapping[str, str] | None = None) -> date:
    """Today, or the day NETJOURNAL_TODAY (YYYY-MM-DD) fixes, for tests and demos."""
    env = os.environ if environ is None else environ
    value = env.get(_TODAY_VARIABLE, "")
    if value == "":
        return date.today()
    match = _ISO_DAY.fullmatch(value.strip())
    if match:
        try:
            return date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            pass
    raise DateError(
        _("{variable} must be YYYY-MM-DD, got {value}").format(
            variable=_TODAY_VARIABLE, value=_quote(value)
        )
    )
