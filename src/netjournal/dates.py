"""Text -> date and text -> interval.

``parse_date`` tries a table of small compiled regexes first (ISO and numeric
dates, "yesterday", "3d", "3 days ago", "next friday", and their Indonesian
forms). Only text none of them understands reaches dateparser, which is
imported inside the function: it costs about half a second, and most commands
never need it. Every date that cannot be understood is a ``DateError`` quoting
the input; nothing ever silently becomes "today".

"Today" is always an argument: nothing here reads the clock except
``today_from_env``, which the CLI calls once.
"""

from __future__ import annotations

import functools
import os
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, Literal, TypeAlias, cast

from netjournal.errors import DateError
from netjournal.i18n import _

__all__ = [
    "Direction",
    "Interval",
    "Unit",
    "add_months",
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


def _date_error(text: str) -> DateError:
    return DateError(
        _(
            "Cannot understand the date {text} "
            '(try 2026-03-14, "yesterday", "3d", "next friday" or "besok")'
        ).format(text=_quote(text))
    )


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


# --------------------------------------------------------------------------
# Vocabulary shared by the date and interval rules
# --------------------------------------------------------------------------

# unit word -> (unit, how many of it)
_UNITS: dict[str, tuple[Unit, int]] = {
    "d": ("d", 1),
    "day": ("d", 1),
    "hari": ("d", 1),
    "w": ("w", 1),
    "wk": ("w", 1),
    "week": ("w", 1),
    "minggu": ("w", 1),
    "pekan": ("w", 1),
    "fortnight": ("w", 2),
    "m": ("m", 1),
    "mo": ("m", 1),
    "month": ("m", 1),
    "bulan": ("m", 1),
    "quarter": ("m", 3),
    "y": ("y", 1),
    "yr": ("y", 1),
    "year": ("y", 1),
    "tahun": ("y", 1),
}
_UNIT_WORDS = (
    r"(?:days?|weeks?|wks?|fortnights?|months?|mos?|quarters?|years?|yrs?"
    r"|hari|minggu|pekan|bulan|tahun)"
)

_NUMBER_WORDS: dict[str, int] = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "se": 1,  # seminggu, sebulan, setahun
    "satu": 1,
    "dua": 2,
    "tiga": 3,
    "empat": 4,
    "lima": 5,
    "enam": 6,
    "tujuh": 7,
    "delapan": 8,
    "sembilan": 9,
    "sepuluh": 10,
    "sebelas": 11,
    "dua belas": 12,
}
_WORD_NUMBERS = "|".join(sorted((w for w in _NUMBER_WORDS if w != "se"), key=len, reverse=True))
# An amount followed by a unit: "3 days", "3days", "a week", "dua minggu", "seminggu".
_AMOUNT = rf"(?P<n>\d{{1,5}} ?|(?:{_WORD_NUMBERS}) |se)(?P<unit>{_UNIT_WORDS})"


# Units smaller than a day, in seconds: "3 hours ago" is still today.
_CLOCK_UNITS: dict[str, int] = {
    "hour": 3600,
    "hr": 3600,
    "jam": 3600,
    "minute": 60,
    "min": 60,
    "menit": 60,
    "second": 1,
    "sec": 1,
    "detik": 1,
}
_CLOCK_AMOUNT = (
    rf"(?P<n>\d{{1,7}} ?|(?:{_WORD_NUMBERS}) |se)"
    r"(?P<unit>hours?|hrs?|minutes?|mins?|seconds?|secs?|jam|menit|detik)"
)


def _unit(word: str) -> tuple[Unit, int]:
    if word not in _UNITS and word.endswith("s"):
        word = word[:-1]
    return _UNITS[word]


def _amount(match: re.Match[str]) -> tuple[Unit, int]:
    """(unit, count) of a match of ``_AMOUNT``; "2 fortnights" is (w, 4)."""
    raw = match["n"].strip()
    n = int(raw) if raw.isdigit() else _NUMBER_WORDS[raw]
    unit, per = _unit(match["unit"])
    return unit, n * per


_WEEKDAYS: dict[str, int] = {
    "monday": 0,
    "mon": 0,
    "senin": 0,
    "tuesday": 1,
    "tue": 1,
    "tues": 1,
    "selasa": 1,
    "wednesday": 2,
    "wed": 2,
    "rabu": 2,
    "thursday": 3,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "kamis": 3,
    "friday": 4,
    "fri": 4,
    "jumat": 4,
    "jum'at": 4,
    "saturday": 5,
    "sat": 5,
    "sabtu": 5,
    "sunday": 6,
    "sun": 6,
    "minggu": 6,
    "ahad": 6,
}
_WEEKDAY_WORDS = "|".join(sorted(_WEEKDAYS, key=len, reverse=True))

# Whole inputs with a fixed offset in days from today.
_FIXED_DAYS: dict[str, int] = {
    "today": 0,
    "now": 0,
    "tonight": 0,
    "hari ini": 0,
    "sekarang": 0,
    "yesterday": -1,
    "kemarin": -1,
    "tomorrow": 1,
    "besok": 1,
    "day after tomorrow": 2,
    "the day after tomorrow": 2,
    "lusa": 2,
    "besok lusa": 2,
    "day before yesterday": -2,
    "the day before yesterday": -2,
    "kemarin lusa": -2,
}

# Words that make a digit-free text worth showing to dateparser. Anything else
# without a digit ("a", "to", "on:", "blorf") is refused before it gets there:
# dateparser reads some of them as dates (issues #259, #330, #992).
_MONTH_AND_RELATIVE_WORDS = """
    january jan february feb march mar april apr may june jun july jul august aug
    september sep sept october oct november nov december dec
    januari februari maret mei juni juli agustus agu agt oktober okt nopember nop
    desember des
    ago later hence lalu silam lagi kemudian depan mendatang
    noon midnight morning afternoon evening pagi siang sore malam
"""
_KNOWN_WORDS = frozenset(_MONTH_AND_RELATIVE_WORDS.split()) | frozenset(
    word
    for phrase in (*_FIXED_DAYS, *_WEEKDAYS, *_NUMBER_WORDS, *_UNITS)
    for word in phrase.split()
)
_FILLER_WORDS = frozenset({"a", "an", "se", "d", "w", "m", "y"})


# --------------------------------------------------------------------------
# The fast path: one compiled regex and one small function per form
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Context:
    text: str  # what the user typed, for messages
    today: date
    direction: Direction
    day_first: bool


_Rule: TypeAlias = Callable[[re.Match[str], _Context], date]


def _two_digit_year(yy: int, today: date) -> int:
    """'26' -> 2026; a year 20 or more years ahead of today is read in the last century."""
    year = today.year // 100 * 100 + yy
    return year - 100 if year >= today.year + 20 else year


def _day_month(match: re.Match[str], ctx: _Context) -> tuple[int, int]:
    first, second = int(match["a"]), int(match["b"])
    return (first, second) if ctx.day_first else (second, first)


def _year_first(match: re.Match[str], ctx: _Context) -> date:
    return _make_date(ctx.text, int(match["y"]), int(match["m"]), int(match["d"]))


def _numeric_with_year(match: re.Match[str], ctx: _Context) -> date:
    day, month = _day_month(match, ctx)
    year = int(match["y"])
    if len(match["y"]) == 2:
        year = _two_digit_year(year, ctx.today)
    return _make_date(ctx.text, year, month, day)


def _numeric_without_year(match: re.Match[str], ctx: _Context) -> date:
    """31/12: the nearest such day on the side of today that ``direction`` says.

    Today itself counts for both directions. 29/02 goes to the nearest leap year.
    """
    day, month = _day_month(match, ctx)
    _make_date(ctx.text, 2000, month, day)  # exists in some year (2000 is a leap year)?
    step = -1 if ctx.direction == "past" else 1
    year = ctx.today.year
    while True:
        try:
            candidate = date(year, month, day)
        except ValueError:  # 29 February outside a leap year
            year += step
            continue
        if (candidate - ctx.today).days * step >= 0:
            return candidate
        year += step


def _fixed(match: re.Match[str], ctx: _Context) -> date:
    return ctx.today + timedelta(days=_FIXED_DAYS[match[0]])


def _short_form(match: re.Match[str], ctx: _Context) -> date:
    """3d / +3d / -3d / "3 days": a sign wins; without one, ``direction`` decides."""
    unit, n = _amount(match)
    sign = match["sign"] or ("-" if ctx.direction == "past" else "+")
    return _shift(ctx.today, unit, -n if sign == "-" else n)


def _ago(match: re.Match[str], ctx: _Context) -> date:
    unit, n = _amount(match)
    return _shift(ctx.today, unit, -n)


def _ahead(match: re.Match[str], ctx: _Context) -> date:
    unit, n = _amount(match)
    return _shift(ctx.today, unit, n)


def _this_next_last_unit(match: re.Match[str], ctx: _Context) -> date:
    """next week (+7 days), last month, bulan depan, minggu lalu, tahun ini (today)."""
    unit, _n = _unit(match["unit"])
    step = {
        "next": 1,
        "depan": 1,
        "yang akan datang": 1,
        "last": -1,
        "lalu": -1,
        "yang lalu": -1,
        "kemarin": -1,
    }.get(match["mod"], 0)
    return _shift(ctx.today, unit, step)


def _weekday(match: re.Match[str], ctx: _Context) -> date:
    english = match["mod"] if match["mod"] in ("next", "last", "this") else None
    if english and match["idmod"]:
        raise _date_error(ctx.text)  # "next friday lalu"
    modifier = english or match["idmod"] or ""  # "on friday", "pada jumat": bare
    target = _WEEKDAYS[match["wd"]]
    ahead = (target - ctx.today.weekday()) % 7  # 0 when today is that weekday
    behind = (ctx.today.weekday() - target) % 7
    if modifier in ("next", "depan", "yang akan datang"):
        return ctx.today + timedelta(days=ahead or 7)  # strictly after today
    if modifier in ("last", "lalu", "kemarin", "yang lalu"):
        return ctx.today - timedelta(days=behind or 7)  # strictly before today
    if modifier in ("this", "ini"):
        return ctx.today + timedelta(days=ahead)  # on or after today
    if ctx.direction == "past":  # bare, "on X", "pada X": on or before today
        return ctx.today - timedelta(days=behind)
    return ctx.today + timedelta(days=ahead or 7)


def _clock_days(match: re.Match[str]) -> int:
    """Whole days in "N hours/minutes/seconds"; the time of day is unknown, so 3 hours is 0."""
    raw, word = match["n"].strip(), match["unit"]
    n = int(raw) if raw.isdigit() else _NUMBER_WORDS[raw]
    per = _CLOCK_UNITS.get(word) or _CLOCK_UNITS[word[:-1]]
    return n * per // 86400


def _clock_ago(match: re.Match[str], ctx: _Context) -> date:
    return ctx.today - timedelta(days=_clock_days(match))


def _clock_ahead(match: re.Match[str], ctx: _Context) -> date:
    return ctx.today + timedelta(days=_clock_days(match))


def _time_of_day(match: re.Match[str], ctx: _Context) -> date:
    """A time alone ("5pm", "17:30", "at noon") is today; dateparser would say yesterday."""
    if match["h12"] is not None:
        if not (1 <= int(match["h12"]) <= 12 and int(match["m12"] or 0) <= 59):
            raise _date_error(ctx.text)
    elif match["h24"] is not None and not (int(match["h24"]) <= 23 and int(match["m24"]) <= 59):
        raise _date_error(ctx.text)
    return ctx.today


class _LazyPattern:
    """A regex compiled on first use: most commands parse an ISO date or nothing,
    and compiling every rule at import would cost them several milliseconds."""

    def __init__(self, pattern: str) -> None:
        self._pattern = pattern
        self._compiled: re.Pattern[str] | None = None

    def __getattr__(self, name: str) -> Any:
        if self._compiled is None:
            self._compiled = re.compile(self._pattern, re.ASCII)
        return getattr(self._compiled, name)


def _compile(pattern: str) -> re.Pattern[str]:
    return cast("re.Pattern[str]", _LazyPattern(pattern))


_NEXT_LAST_ID = "depan|lalu|kemarin|ini|yang lalu|yang akan datang"


@functools.cache
def _date_rules() -> tuple[tuple[re.Pattern[str], _Rule], ...]:
    """The fast-path rules, compiled on first use (compiling them costs ~10 ms,
    which an ISO date on the hot path of every write command does not need)."""
    return (
        (_compile("|".join(sorted(map(re.escape, _FIXED_DAYS), key=len, reverse=True))), _fixed),
        (_compile(r"(?P<y>\d{4})(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})"), _year_first),
        (
            _compile(r"(?P<a>\d{1,2})(?P<sep>[-/.])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})"),
            _numeric_with_year,
        ),
        (_compile(r"(?P<a>\d{1,2})(?P<sep>[-/.])(?P<b>\d{1,2})"), _numeric_without_year),
        # 3d, 3 d, +2w, -1m, 3 days, 3 hari
        (
            _compile(rf"(?P<sign>[-+])?(?P<n>\d{{1,5}} ?)(?P<unit>[dwmy]|{_UNIT_WORDS})"),
            _short_form,
        ),
        (_compile(rf"{_AMOUNT} ago"), _ago),
        (_compile(rf"{_AMOUNT} (?:yang )?(?:lalu|silam)"), _ago),
        (_compile(rf"in {_AMOUNT}(?: time)?"), _ahead),
        (_compile(rf"{_AMOUNT} (?:from now|from today|later|hence)"), _ahead),
        (_compile(rf"dalam (?:waktu )?{_AMOUNT}(?: lagi)?"), _ahead),
        (_compile(rf"{_AMOUNT} (?:lagi|kemudian|ke ?depan|mendatang|yang akan datang)"), _ahead),
        (_compile(rf"{_CLOCK_AMOUNT} (?:ago|(?:yang )?lalu)"), _clock_ago),
        (_compile(rf"(?:in|dalam) {_CLOCK_AMOUNT}(?: lagi)?"), _clock_ahead),
        (_compile(rf"{_CLOCK_AMOUNT} (?:lagi|from now|later)"), _clock_ahead),
        (_compile(r"(?P<mod>next|last|this) (?P<unit>week|month|year)"), _this_next_last_unit),
        # In these phrases "minggu" is a week; "hari minggu depan" is next Sunday (below).
        (
            _compile(rf"(?P<unit>minggu|pekan|bulan|tahun) (?P<mod>{_NEXT_LAST_ID})"),
            _this_next_last_unit,
        ),
        (
            _compile(
                rf"(?:(?P<mod>next|last|this|on|pada) )?(?:hari )?(?P<wd>{_WEEKDAY_WORDS})"
                rf"(?: (?P<idmod>{_NEXT_LAST_ID}))?"
            ),
            _weekday,
        ),
        (
            _compile(
                r"(?:at |jam |pukul )?(?:(?P<h12>\d{1,2})(?::(?P<m12>\d{2}))? ?(?:am|pm)"
                r"|(?P<h24>\d{1,2}):(?P<m24>\d{2})|noon|midnight)"
            ),
            _time_of_day,
        ),
    )


# --------------------------------------------------------------------------
# dateparser, for everything else
# --------------------------------------------------------------------------

# Arithmetic relative phrases keep the computed day ("1 year 2 months ago" is the
# 28th when today is); other dates without a day take the first ("May 2026").
_RELATIVE_HINT = _compile(
    r"\b(?:ago|lalu|silam|lagi|kemudian|later|hence|from now)\b"
    r"|\b(?:in|dalam) (?:\d+|an?) [a-z]"
)
_ONLY_DIGITS = _compile(r"[\d ]+")
_FOUR_DIGITS = _compile(r"\d{4}")
_NUMBERS = _compile(r"\d+")
_LETTER_WORDS = _compile(r"[a-z]+")
_TANGGAL = _compile(r"tgl\.? ")


def _worth_asking_dateparser(text: str) -> bool:
    if _ONLY_DIGITS.fullmatch(text):  # "15", "2025": a day? days ago? a year? ambiguous
        return False
    if text[0] in "/-." or text[-1] in "/-":  # "5/" and "/5" would be the 5th
        return False
    if any(char.isdigit() for char in text):
        return True
    return any(
        word in _KNOWN_WORDS and word not in _FILLER_WORDS for word in _LETTER_WORDS.findall(text)
    )


def _with_dateparser(text: str, ctx: _Context) -> date:
    import dateparser  # slow import (~0.5 s): only when the fast path gave up

    settings = {
        "RELATIVE_BASE": datetime.combine(ctx.today, time()),
        "PREFER_DATES_FROM": ctx.direction,
        "DATE_ORDER": "DMY" if ctx.day_first else "MDY",
        # Without it dateparser swaps day and month when they do not fit the order.
        "STRICT_DATE_ORDER": "all",
        "PREFER_DAY_OF_MONTH": "current" if _RELATIVE_HINT.search(text) else "first",
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
        raise _date_error(ctx.text) from exc
    if parsed is None:
        raise _date_error(ctx.text)
    result: date = parsed.date()
    # dateparser ignores a weekday written next to a date ("Friday 4 December" is
    # 4 December 2025, a Thursday, when preferring the past): refuse the mismatch.
    # ("minggu" is left out: it is also "week".)
    written = {
        _WEEKDAYS[word]
        for word in _LETTER_WORDS.findall(text.replace("jum'at", "jumat"))
        if word in _WEEKDAYS and word != "minggu"
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
        and not _FOUR_DIGITS.search(text)
        and len(_NUMBERS.findall(text)) <= 1
    ):
        return ctx.today
    return result


# --------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------


def parse_date(text: str, *, today: date, direction: Direction, day_first: bool = True) -> date:
    """The date that ``text`` means, seen from ``today``.

    ``direction`` says which way bare short forms and weekdays count: "past"
    where the date says when something happened ("3d" = 3 days ago, "friday" =
    the latest Friday, today included), "future" where it says when something is
    due ("3d" = in 3 days, "friday" = the next Friday after today). Numeric dates
    are day-first unless ``day_first`` is False. Raises ``DateError`` quoting
    ``text`` when it cannot be understood.
    """
    if direction not in ("past", "future"):
        raise ValueError(f"direction must be 'past' or 'future', not {direction!r}")
    normalized = _normalize(text, _("date"))
    if not normalized:
        raise _date_error(text)
    ctx = _Context(text=text, today=today, direction=direction, day_first=day_first)
    try:
        iso = _ISO_DAY.fullmatch(normalized)
        if iso:
            return _make_date(text, int(iso[1]), int(iso[2]), int(iso[3]))
        for pattern, rule in _date_rules():
            match = pattern.fullmatch(normalized)
            if match:
                return rule(match, ctx)
        if not _worth_asking_dateparser(normalized):
            raise _date_error(text)
        return _with_dateparser(_TANGGAL.sub("tanggal ", normalized), ctx)
    except (OverflowError, ValueError):  # "in 99999 years": beyond year 9999
        raise DateError(_("The date {text} is out of range").format(text=_quote(text))) from None


_INTERVAL_WORDS: dict[str, tuple[Unit, int]] = {
    "daily": ("d", 1),
    "harian": ("d", 1),
    "weekly": ("w", 1),
    "mingguan": ("w", 1),
    "biweekly": ("w", 2),
    "fortnightly": ("w", 2),
    "monthly": ("m", 1),
    "bulanan": ("m", 1),
    "quarterly": ("m", 3),
    "semiannually": ("m", 6),
    "half-yearly": ("m", 6),
    "yearly": ("y", 1),
    "annually": ("y", 1),
    "tahunan": ("y", 1),
}
_EVERY = r"(?:(?:every|each|setiap|tiap) )"
_INTERVAL_RULES: tuple[re.Pattern[str], ...] = (
    # 30d, 2 w, every 2 weeks, setiap 3 bulan, 2 minggu sekali
    _compile(rf"{_EVERY}?(?P<n>\d{{1,6}} ?)(?P<unit>[dwmy]|{_UNIT_WORDS})(?: sekali)?"),
    # a fortnight, every two months, seminggu sekali
    _compile(rf"{_EVERY}?{_AMOUNT}(?: sekali)?"),
    # every week, setiap bulan (the empty amount counts as 1)
    _compile(rf"{_EVERY}(?P<n>)(?P<unit>{_UNIT_WORDS})"),
)


def _interval_amount(text: str) -> tuple[Unit, int] | None:
    for pattern in _INTERVAL_RULES:
        match = pattern.fullmatch(text)
        if match:
            unit, per = _unit(match["unit"])
            raw = match["n"].strip()
            n = int(raw) if raw.isdigit() else _NUMBER_WORDS.get(raw, 1)
            return unit, n * per
    return None


def parse_interval(text: str) -> Interval:
    """The repeat period ``text`` means: "30d", "2 weeks", "monthly", "3 bulan"...

    Between 1 day and 100 years; raises ``DateError`` quoting ``text`` otherwise.
    """
    normalized = _normalize(text, _("interval"))
    found = _INTERVAL_WORDS.get(normalized) or _interval_amount(normalized)
    if found is None:
        raise _interval_error(text)
    unit, n = found
    if not 1 <= n <= _MAX_INTERVAL[unit]:
        raise DateError(
            _("The interval {text} must be between 1 day and 100 years").format(text=_quote(text))
        )
    return Interval(n, unit)


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
