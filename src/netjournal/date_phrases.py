"""The phrase grammar of ``netjournal.dates``: vocabulary tables and one rule per form.

``netjournal.dates`` imports this module only for text that is not an ISO date,
so ``nj log X y --on 2026-01-02`` never loads it, and each regex here is
compiled the first time a text reaches it. The rules are pure: whatever needs
the calendar or an error message goes through the ``Context`` they receive
(defined in ``netjournal.dates``, which this module does not import at run
time). The conventions the rules follow are written once, in the docstring of
``netjournal.dates``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, TypeAlias, cast

if TYPE_CHECKING:
    from netjournal.dates import Context, Unit

# --------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------

# unit word -> (unit, how many of it); "mgg", "bln", "thn" are chat shorthand.
UNITS: dict[str, tuple[Unit, int]] = {
    "d": ("d", 1), "day": ("d", 1), "hari": ("d", 1),
    "w": ("w", 1), "wk": ("w", 1), "week": ("w", 1), "minggu": ("w", 1), "pekan": ("w", 1),
    "mgg": ("w", 1), "mg": ("w", 1), "fortnight": ("w", 2),
    "m": ("m", 1), "mo": ("m", 1), "month": ("m", 1), "bulan": ("m", 1), "bln": ("m", 1),
    "quarter": ("m", 3),
    "y": ("y", 1), "yr": ("y", 1), "year": ("y", 1), "tahun": ("y", 1), "thn": ("y", 1),
}  # fmt: skip
UNIT_WORDS = (
    r"(?:days?|weeks?|wks?|fortnights?|months?|mos?|quarters?|years?|yrs?"
    r"|hari|minggu|pekan|bulan|tahun|mgg|mg|bln|thn)"
)

NUMBER_WORDS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "se": 1,  # seminggu, sebulan, setahun
    "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7,
    "delapan": 8, "sembilan": 9, "sepuluh": 10, "sebelas": 11, "dua belas": 12,
}  # fmt: skip
_WORD_NUMBERS = "|".join(sorted((w for w in NUMBER_WORDS if w != "se"), key=len, reverse=True))
# An amount followed by a unit: "3 days", "3days", "a week", "dua minggu", "seminggu".
AMOUNT = rf"(?P<n>\d{{1,5}} ?|(?:{_WORD_NUMBERS}) |se)(?P<unit>{UNIT_WORDS})"

# Units smaller than a day, in seconds: "3 hours ago" is still today.
_CLOCK_UNITS: dict[str, int] = {
    "hour": 3600, "hr": 3600, "jam": 3600, "minute": 60, "min": 60, "menit": 60,
    "second": 1, "sec": 1, "detik": 1,
}  # fmt: skip
_CLOCK_AMOUNT = (
    rf"(?P<n>\d{{1,7}} ?|(?:{_WORD_NUMBERS}) |se)"
    r"(?P<unit>hours?|hrs?|minutes?|mins?|seconds?|secs?|jam|menit|detik)"
)

WEEKDAYS: dict[str, int] = {
    "monday": 0, "mon": 0, "senin": 0,
    "tuesday": 1, "tue": 1, "tues": 1, "selasa": 1,
    "wednesday": 2, "wed": 2, "rabu": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "kamis": 3,
    "friday": 4, "fri": 4, "jumat": 4, "jum'at": 4,
    "saturday": 5, "sat": 5, "sabtu": 5,
    "sunday": 6, "sun": 6, "minggu": 6, "ahad": 6,
}  # fmt: skip
_WEEKDAY_WORDS = "|".join(sorted(WEEKDAYS, key=len, reverse=True))
_ID_WEEKDAYS = ("senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu")

# Parts of the day: the date is the day they belong to.
_PARTS_EN = ("morning", "afternoon", "evening", "night")
_PARTS_ID = ("pagi", "siang", "sore", "petang", "malam")

# Whole inputs with a fixed offset in days from today.
FIXED_DAYS: dict[str, int] = {
    "today": 0, "now": 0, "tonight": 0, "hari ini": 0, "sekarang": 0, "tadi": 0, "nanti": 0,
    "yesterday": -1, "kemarin": -1, "last night": -1, "tadi malam": -1, "semalam": -1,
    "tomorrow": 1, "besok": 1,
    "day after tomorrow": 2, "the day after tomorrow": 2, "lusa": 2, "besok lusa": 2,
    "day before yesterday": -2, "the day before yesterday": -2, "kemarin lusa": -2,
    **{f"this {part}": 0 for part in _PARTS_EN},
    **{part: 0 for part in _PARTS_ID},
    **{f"{part} ini": 0 for part in _PARTS_ID},
    **{f"nanti {part}": 0 for part in _PARTS_ID},
    **{f"tadi {part}": 0 for part in _PARTS_ID if part != "malam"},  # "tadi malam": last night
}  # fmt: skip

# Chat shorthand and common misspellings, word by word.
SHORTHAND: dict[str, str] = {
    "kmrn": "kemarin", "kmrin": "kemarin", "kemaren": "kemarin", "kmaren": "kemarin",
    "kmarin": "kemarin", "bsk": "besok", "bsok": "besok", "besuk": "besok", "lsa": "lusa",
    "tmrw": "tomorrow", "tmr": "tomorrow", "tmrow": "tomorrow", "tomorow": "tomorrow",
    "tommorow": "tomorrow", "tommorrow": "tomorrow", "2moro": "tomorrow", "2morrow": "tomorrow",
    "yday": "yesterday", "yest": "yesterday", "skrg": "sekarang", "skrng": "sekarang",
    "mgg": "minggu", "mg": "minggu", "mggu": "minggu", "bln": "bulan", "thn": "tahun",
    "lg": "lagi", "lgi": "lagi", "dpn": "depan", "yg": "yang", "tgl": "tanggal",
    "tgl.": "tanggal", "jmt": "jumat", "wknd": "weekend", "eod": "today",
}  # fmt: skip

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
    word for phrase in (*FIXED_DAYS, *WEEKDAYS, *NUMBER_WORDS, *UNITS) for word in phrase.split()
)
_FILLER_WORDS = frozenset(
    {"a", "an", "se", "d", "w", "m", "y", "this", "last", "ini", "nanti", "tadi", "night"}
)

_NEXT = frozenset({"next", "depan", "yang akan datang", "mendatang"})
_LAST = frozenset({"last", "lalu", "kemarin", "yang lalu"})
_THIS = frozenset({"this", "ini"})
_MODIFIERS_ID = "depan|lalu|kemarin|ini|yang lalu|yang akan datang|mendatang"

# Where in a period a phrase points: awal/beginning, pertengahan/mid, akhir/end.
_POSITIONS: dict[str, str] = {
    "end": "end", "late": "end", "akhir": "end",
    "beginning": "start", "start": "start", "early": "start", "awal": "start",
    "middle": "mid", "mid": "mid", "pertengahan": "mid", "tengah": "mid",
}  # fmt: skip
_PERIODS: dict[str, Unit] = {
    "week": "w", "minggu": "w", "pekan": "w", "month": "m", "bulan": "m", "year": "y",
    "tahun": "y",
}  # fmt: skip

# --------------------------------------------------------------------------
# Rewriting before the rules: shorthand, parts of the day, "malam minggu"
# --------------------------------------------------------------------------


class _LazyPattern:
    """A regex compiled on first use: most texts are decided by the first few rules."""

    def __init__(self, pattern: str) -> None:
        self._pattern = pattern
        self._compiled: re.Pattern[str] | None = None

    def __getattr__(self, name: str) -> Any:
        if self._compiled is None:
            self._compiled = re.compile(self._pattern, re.ASCII)
        return getattr(self._compiled, name)


def _compile(pattern: str) -> re.Pattern[str]:
    return cast("re.Pattern[str]", _LazyPattern(pattern))


_PARTS = "|".join((*_PARTS_EN, *_PARTS_ID))
_PART_OF_DAY = _compile(rf"(?P<day>.+?),? (?:(?:in the|at|di|pada) )?(?:{_PARTS})(?: hari)?")
# "malam minggu" is Saturday evening, "malam jumat" Thursday evening.
_EVE_OF = _compile(rf"malam (?:hari )?(?P<wd>{_WEEKDAY_WORDS})(?P<rest>(?: .+)?)")


def expand(text: str) -> str:
    """Chat shorthand spelled out word by word: "2 mgg lg" -> "2 minggu lagi"."""
    return " ".join(SHORTHAND.get(word, word) for word in text.split(" "))


def rewrite(text: str) -> str:
    """``text`` (normalized) with shorthand spelled out and a part of the day removed."""
    text = expand(text)
    if text in FIXED_DAYS:
        return text
    part = _PART_OF_DAY.fullmatch(text)
    if part:
        text = part["day"]
    eve = _EVE_OF.fullmatch(text)
    if eve:
        text = _ID_WEEKDAYS[(WEEKDAYS[eve["wd"]] - 1) % 7] + eve["rest"]
    return text


def worth_asking_dateparser(text: str) -> bool:
    """False for text dateparser would misread: bare numbers, stray words, "5/"."""
    if _ONLY_DIGITS.fullmatch(text):  # "15", "2025": a day? days ago? a year? ambiguous
        return False
    if text[0] in "/-." or text[-1] in "/-":  # "5/" and "/5" would be the 5th
        return False
    if any(char.isdigit() for char in text):
        return True
    return any(
        word in _KNOWN_WORDS and word not in _FILLER_WORDS for word in LETTER_WORDS.findall(text)
    )


_ONLY_DIGITS = _compile(r"[\d ]+")
LETTER_WORDS = _compile(r"[a-z]+")

# --------------------------------------------------------------------------
# The rules: one small function per form
# --------------------------------------------------------------------------

_Rule: TypeAlias = Callable[[re.Match[str], "Context"], date]


def _two_digit_year(yy: int, today: date) -> int:
    """'26' -> 2026; a year 20 or more years ahead of today is read in the last century."""
    year = today.year // 100 * 100 + yy
    return year - 100 if year >= today.year + 20 else year


def _day_month(match: re.Match[str], ctx: Context) -> tuple[int, int]:
    first, second = int(match["a"]), int(match["b"])
    return (first, second) if ctx.day_first else (second, first)


def _year_first(match: re.Match[str], ctx: Context) -> date:
    return ctx.make_date(int(match["y"]), int(match["m"]), int(match["d"]))


def _numeric_with_year(match: re.Match[str], ctx: Context) -> date:
    day, month = _day_month(match, ctx)
    year = int(match["y"])
    if len(match["y"]) == 2:
        year = _two_digit_year(year, ctx.today)
    return ctx.make_date(year, month, day)


def _numeric_without_year(match: re.Match[str], ctx: Context) -> date:
    """31/12: the nearest such day on the side of today that the direction says.

    Today itself counts for both directions. 29/02 goes to the nearest leap year.
    """
    day, month = _day_month(match, ctx)
    ctx.make_date(2000, month, day)  # exists in some year (2000 is a leap year)?
    step = ctx.step
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


def _day_of_month(match: re.Match[str], ctx: Context) -> date:
    """ "tgl 5", "the 5th": the nearest 5th in the direction (today counts); with
    "bulan depan" / "next month" the 5th of that month. Months without the day
    are skipped ("tgl 31" in April is 31 May)."""
    day = int(match["d"])
    if not 1 <= day <= 31:
        raise ctx.error()
    month_step = {"": None, "this": 0, "ini": 0, "next": 1, "depan": 1, "last": -1, "lalu": -1}
    fixed = month_step[match["mod"] or ""]
    if fixed is not None:
        first = ctx.shift(ctx.today.replace(day=1), "m", fixed)
        return ctx.make_date(first.year, first.month, day)
    first = ctx.today.replace(day=1)
    for _ in range(13):
        if day <= ctx.month_end(first.year, first.month):
            candidate = first.replace(day=day)
            if (candidate - ctx.today).days * ctx.step >= 0:
                return candidate
        first = ctx.shift(first, "m", ctx.step)
    raise ctx.error()  # unreachable: every day 1-31 occurs within a year


def _fixed(match: re.Match[str], ctx: Context) -> date:
    return ctx.today + timedelta(days=FIXED_DAYS[match[0]])


def _amount(match: re.Match[str]) -> tuple[Unit, int]:
    """(unit, count) of a match of ``AMOUNT``; "2 fortnights" is (w, 4)."""
    raw = match["n"].strip()
    n = int(raw) if raw.isdigit() else NUMBER_WORDS[raw]
    unit, per = unit_of(match["unit"])
    return unit, n * per


def unit_of(word: str) -> tuple[Unit, int]:
    """(unit, count) of a unit word: "weeks" -> (w, 1), "fortnight" -> (w, 2)."""
    if word not in UNITS and word.endswith("s"):
        word = word[:-1]
    return UNITS[word]


def _short_form(match: re.Match[str], ctx: Context) -> date:
    """3d / +3d / -3d / "3 days": a sign wins; without one, the direction decides."""
    unit, n = _amount(match)
    sign = {"-": -1, "+": 1}.get(match["sign"] or "", ctx.step)
    return ctx.shift(ctx.today, unit, sign * n)


def _ago(match: re.Match[str], ctx: Context) -> date:
    unit, n = _amount(match)
    return ctx.shift(ctx.today, unit, -n)


def _ahead(match: re.Match[str], ctx: Context) -> date:
    unit, n = _amount(match)
    return ctx.shift(ctx.today, unit, n)


def _step(modifier: str | None) -> int | None:
    """+1 for next/depan, -1 for last/lalu, 0 for this/ini, None when there is none."""
    if not modifier:
        return None
    return 1 if modifier in _NEXT else -1 if modifier in _LAST else 0


def _this_next_last_unit(match: re.Match[str], ctx: Context) -> date:
    """next week (+7 days), last month, bulan depan, minggu lalu, tahun ini (today)."""
    unit, _n = unit_of(match["unit"])
    return ctx.shift(ctx.today, unit, _step(match["mod"]) or 0)


def _weekday(match: re.Match[str], ctx: Context) -> date:
    """The weekday convention of the module docstring (weeks run Monday to Sunday)."""
    english = match["mod"] if match["mod"] in ("next", "last", "this") else None
    if english and match["idmod"]:
        raise ctx.error()  # "next friday lalu"
    step = _step(english or match["idmod"])  # "on friday", "pada jumat": bare
    target = WEEKDAYS[match["wd"]]
    now = ctx.today.weekday()
    if step == 1:  # next week's
        return ctx.today + timedelta(days=7 - now + target)
    if step == 0:  # this week's, even when already past
        return ctx.today + timedelta(days=target - now)
    if step == -1:  # the latest one before today
        return ctx.today - timedelta(days=(now - target) % 7 or 7)
    if ctx.direction == "past":  # bare: on or before today
        return ctx.today - timedelta(days=(now - target) % 7)
    return ctx.today + timedelta(days=(target - now) % 7 or 7)  # bare: after today


def _anchor(day: date, unit: Unit, position: str, ctx: Context) -> date:
    """The start, middle or end of the week, month or year that contains ``day``."""
    if unit == "w":
        monday = day - timedelta(days=day.weekday())
        return monday + timedelta(days={"start": 0, "mid": 2, "end": 5}[position])
    if unit == "m":
        last = ctx.month_end(day.year, day.month)
        return day.replace(day={"start": 1, "mid": 15, "end": last}[position])
    month, mday = {"start": (1, 1), "mid": (7, 1), "end": (12, 31)}[position]
    return date(day.year, month, mday)


def _period_point(match: re.Match[str], ctx: Context) -> date:
    """akhir bulan, end of next month, early next year, pertengahan bulan, weekend..."""
    position = _POSITIONS[match["pos"] or "end"]  # "weekend" has no position word
    unit = _PERIODS[match["unit"] or "week"]
    step = _step(match["mod"])
    if (unit, position, step) in (("w", "end", None), ("w", "end", 0)) and ctx.today.weekday() == 6:
        return ctx.today  # a Sunday is still this week's weekend
    if step is not None:  # fixed: this, next or last period's
        return _anchor(ctx.shift(ctx.today, unit, step), unit, position, ctx)
    candidate = _anchor(ctx.today, unit, position, ctx)  # bare: nearest, today counts
    if (candidate - ctx.today).days * ctx.step < 0:
        candidate = _anchor(ctx.shift(candidate, unit, ctx.step), unit, position, ctx)
    return candidate


def _clock_days(match: re.Match[str]) -> int:
    """Whole days in "N hours/minutes/seconds"; the time of day is unknown, so 3 hours is 0."""
    raw, word = match["n"].strip(), match["unit"]
    n = int(raw) if raw.isdigit() else NUMBER_WORDS[raw]
    per = _CLOCK_UNITS.get(word) or _CLOCK_UNITS[word[:-1]]
    return n * per // 86400


def _clock_ago(match: re.Match[str], ctx: Context) -> date:
    return ctx.today - timedelta(days=_clock_days(match))


def _clock_ahead(match: re.Match[str], ctx: Context) -> date:
    return ctx.today + timedelta(days=_clock_days(match))


def _time_of_day(match: re.Match[str], ctx: Context) -> date:
    """A time alone ("5pm", "17:30", "at noon") is today; dateparser would say yesterday."""
    if match["h12"] is not None:
        if not (1 <= int(match["h12"]) <= 12 and int(match["m12"] or 0) <= 59):
            raise ctx.error()
    elif match["h24"] is not None and not (int(match["h24"]) <= 23 and int(match["m24"]) <= 59):
        raise ctx.error()
    return ctx.today


# --------------------------------------------------------------------------
# The grammar: tried in order, the first full match decides
# --------------------------------------------------------------------------

_EN_POSITION = r"(?:by )?(?:the )?(?P<pos>end|beginning|start|middle|mid|early|late)"
_EN_PERIOD = r"(?:(?P<mod>this|next|last) )?(?P<unit>week|month|year)"
_ID_PERIOD = rf"(?P<unit>minggu|pekan|bulan|tahun)(?: (?P<mod>{_MODIFIERS_ID}))?"
_OF_MONTH = (
    r"(?: (?:of )?(?:the )?(?:month |bulan )?(?P<mod>this|next|last|ini|depan|lalu)(?: month)?)?"
)


@functools.cache
def date_rules() -> tuple[tuple[re.Pattern[str], _Rule], ...]:
    """The rules; each regex compiles the first time a text reaches it."""
    return (
        (_compile("|".join(sorted(map(re.escape, FIXED_DAYS), key=len, reverse=True))), _fixed),
        (_compile(r"(?P<y>\d{4})(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})"), _year_first),
        (
            _compile(r"(?P<a>\d{1,2})(?P<sep>[-/.])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})"),
            _numeric_with_year,
        ),
        (_compile(r"(?P<a>\d{1,2})(?P<sep>[-/.])(?P<b>\d{1,2})"), _numeric_without_year),
        # 3d, 3 d, +2w, -1m, 3 days, 3 hari, 2mgg
        (
            _compile(rf"(?P<sign>[-+])?(?P<n>\d{{1,5}} ?)(?P<unit>[dwmy]|{UNIT_WORDS})"),
            _short_form,
        ),
        (_compile(rf"{AMOUNT} ago"), _ago),
        (_compile(rf"{AMOUNT} (?:yang )?(?:lalu|silam)"), _ago),
        (_compile(rf"in {AMOUNT}(?: time)?"), _ahead),
        (_compile(rf"{AMOUNT} (?:from now|from today|later|hence)"), _ahead),
        (_compile(rf"dalam (?:waktu )?{AMOUNT}(?: lagi)?"), _ahead),
        (_compile(rf"{AMOUNT} (?:lagi|kemudian|ke ?depan|mendatang|yang akan datang)"), _ahead),
        (_compile(rf"{_CLOCK_AMOUNT} (?:ago|(?:yang )?lalu)"), _clock_ago),
        (_compile(rf"(?:in|dalam) {_CLOCK_AMOUNT}(?: lagi)?"), _clock_ahead),
        (_compile(rf"{_CLOCK_AMOUNT} (?:lagi|from now|later)"), _clock_ahead),
        (_compile(r"(?P<mod>next|last|this) (?P<unit>week|month|year)"), _this_next_last_unit),
        # In these phrases "minggu" is a week; "hari minggu depan" is next Sunday (below).
        (
            _compile(rf"(?P<unit>minggu|pekan|bulan|tahun) (?P<mod>{_MODIFIERS_ID})"),
            _this_next_last_unit,
        ),
        # tgl 5, tanggal 5 bulan depan, the 5th, 5th, the 5th of next month
        (
            _compile(rf"(?:(?:on|pada) )?(?:tanggal|tgl\.?) ?(?P<d>\d{{1,2}}){_OF_MONTH}"),
            _day_of_month,
        ),
        (_compile(rf"(?:on )?(?:the )?(?P<d>\d{{1,2}})(?:st|nd|rd|th){_OF_MONTH}"), _day_of_month),
        (_compile(rf"{_EN_POSITION}(?:-| of | of the | ){_EN_PERIOD}"), _period_point),
        (_compile(r"(?:the )?(?P<unit>month|year)[- ]end(?P<pos>)(?P<mod>)"), _period_point),
        (_compile(rf"(?P<pos>akhir|awal|pertengahan|tengah) {_ID_PERIOD}"), _period_point),
        (_compile(r"(?:(?P<mod>this|next|last) )?week-?end(?P<pos>)(?P<unit>)"), _period_point),
        (
            _compile(
                rf"(?:(?P<mod>next|last|this|on|pada) )?(?:hari )?(?P<wd>{_WEEKDAY_WORDS})"
                rf"(?: (?P<idmod>{_MODIFIERS_ID}))?"
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


def match(text: str, ctx: Context) -> date | None:
    """The date a rule reads in ``text`` (already rewritten), or None when none applies."""
    for pattern, rule in date_rules():
        found = pattern.fullmatch(text)
        if found:
            return rule(found, ctx)
    return None


# --------------------------------------------------------------------------
# Intervals
# --------------------------------------------------------------------------

INTERVAL_WORDS: dict[str, tuple[Unit, int]] = {
    "daily": ("d", 1), "harian": ("d", 1), "weekly": ("w", 1), "mingguan": ("w", 1),
    "biweekly": ("w", 2), "fortnightly": ("w", 2), "monthly": ("m", 1), "bulanan": ("m", 1),
    "quarterly": ("m", 3), "semiannually": ("m", 6), "half-yearly": ("m", 6),
    "yearly": ("y", 1), "annually": ("y", 1), "tahunan": ("y", 1),
}  # fmt: skip
_EVERY = r"(?:(?:every|each|setiap|tiap) )"
_INTERVAL_RULES: tuple[re.Pattern[str], ...] = (
    # 30d, 2 w, every 2 weeks, setiap 3 bulan, 2 minggu sekali
    _compile(rf"{_EVERY}?(?P<n>\d{{1,6}} ?)(?P<unit>[dwmy]|{UNIT_WORDS})(?: sekali)?"),
    # a fortnight, every two months, seminggu sekali
    _compile(rf"{_EVERY}?{AMOUNT}(?: sekali)?"),
    # every week, setiap bulan (the empty amount counts as 1)
    _compile(rf"{_EVERY}(?P<n>)(?P<unit>{UNIT_WORDS})"),
)


def interval_amount(text: str) -> tuple[Unit, int] | None:
    """(unit, count) that ``text`` (normalized) names as a repeat period, or None."""
    text = expand(text)
    if text in INTERVAL_WORDS:
        return INTERVAL_WORDS[text]
    for pattern in _INTERVAL_RULES:
        found = pattern.fullmatch(text)
        if found:
            unit, per = unit_of(found["unit"])
            raw = found["n"].strip()
            n = int(raw) if raw.isdigit() else NUMBER_WORDS.get(raw, 1)
            return unit, n * per
    return None
