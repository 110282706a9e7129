"""netjournal.dates: the fast parser, the dateparser fall-through, intervals."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netjournal import i18n
from netjournal.dates import (
    Direction,
    Interval,
    Unit,
    add_months,
    parse_date,
    parse_interval,
    today_from_env,
)
from netjournal.errors import DateError

TODAY = date(2026, 11, 28)  # a Saturday
SRC = Path(__file__).resolve().parents[1] / "src"


def d(text: str) -> date:
    return date.fromisoformat(text)


def quoted(text: str) -> str:
    """How an error message shows the input."""
    return repr(text if len(text) <= 40 else text[:40] + "…")


# text, expected with direction="past", expected with direction="future";
# "x": a DateError (the date is on the wrong side of today for that direction).
PHRASES: list[tuple[str, str, str]] = [
    # ISO and fixed words
    ("2026-01-02", "2026-01-02", "2026-01-02"),  # overdue on purpose
    ("2026-1-2", "2026-01-02", "2026-01-02"),
    ("1999-12-31", "1999-12-31", "1999-12-31"),
    ("today", "2026-11-28", "2026-11-28"),
    ("  TODAY ", "2026-11-28", "2026-11-28"),
    ("now", "2026-11-28", "2026-11-28"),
    ("yesterday", "2026-11-27", "x"),
    ("Yesterday", "2026-11-27", "x"),
    ("tomorrow", "x", "2026-11-29"),
    ("day after tomorrow", "x", "2026-11-30"),
    ("day   after\ttomorrow", "x", "2026-11-30"),
    ("day before yesterday", "2026-11-26", "x"),
    ("hari ini", "2026-11-28", "2026-11-28"),
    ("sekarang", "2026-11-28", "2026-11-28"),
    ("kemarin", "2026-11-27", "x"),
    ("besok", "x", "2026-11-29"),
    ("lusa", "x", "2026-11-30"),
    ("kemarin lusa", "2026-11-26", "x"),
    # short forms: direction decides, a sign overrides it
    ("3d", "2026-11-25", "2026-12-01"),
    ("3 d", "2026-11-25", "2026-12-01"),
    ("3D", "2026-11-25", "2026-12-01"),
    ("2w", "2026-11-14", "2026-12-12"),
    ("1m", "2026-10-28", "2026-12-28"),
    ("1y", "2025-11-28", "2027-11-28"),
    ("+3d", "x", "2026-12-01"),
    ("-3d", "2026-11-25", "x"),
    ("3 days", "2026-11-25", "2026-12-01"),
    ("2 minggu", "2026-11-14", "2026-12-12"),
    # explicit English relatives ignore direction
    ("3 days ago", "2026-11-25", "x"),
    ("1 day ago", "2026-11-27", "x"),
    ("a week ago", "2026-11-21", "x"),
    ("2 weeks ago", "2026-11-14", "x"),
    ("two weeks ago", "2026-11-14", "x"),
    ("3 months ago", "2026-08-28", "x"),
    ("a year ago", "2025-11-28", "x"),
    ("in 3 days", "x", "2026-12-01"),
    ("in a week", "x", "2026-12-05"),
    ("in 2 weeks", "x", "2026-12-12"),
    ("in 3 months", "x", "2027-02-28"),
    ("in 1 year", "x", "2027-11-28"),
    ("a week from now", "x", "2026-12-05"),
    ("next week", "x", "2026-12-05"),
    ("last week", "2026-11-21", "x"),
    ("next month", "x", "2026-12-28"),
    ("last month", "2026-10-28", "x"),
    ("next year", "x", "2027-11-28"),
    ("this month", "2026-11-28", "2026-11-28"),
    # explicit Indonesian relatives
    ("3 hari lalu", "2026-11-25", "x"),
    ("3 hari yang lalu", "2026-11-25", "x"),
    ("2 minggu lalu", "2026-11-14", "x"),
    ("seminggu lalu", "2026-11-21", "x"),
    ("dua minggu yang lalu", "2026-11-14", "x"),
    ("3 bulan lalu", "2026-08-28", "x"),
    ("1 tahun lalu", "2025-11-28", "x"),
    ("3 hari lagi", "x", "2026-12-01"),
    ("dalam 3 hari", "x", "2026-12-01"),
    ("dalam 2 minggu", "x", "2026-12-12"),
    ("minggu depan", "x", "2026-12-05"),
    ("minggu lalu", "2026-11-21", "x"),
    ("pekan depan", "x", "2026-12-05"),
    ("bulan depan", "x", "2026-12-28"),
    ("bulan lalu", "2026-10-28", "x"),
    ("bulan kemarin", "2026-10-28", "x"),
    ("tahun depan", "x", "2027-11-28"),
    ("tahun lalu", "2025-11-28", "x"),
    # English weekdays (today is Saturday 2026-11-28)
    ("friday", "2026-11-27", "2026-12-04"),
    ("Fri", "2026-11-27", "2026-12-04"),
    ("saturday", "2026-11-28", "2026-12-05"),
    ("sunday", "2026-11-22", "2026-11-29"),
    ("mon", "2026-11-23", "2026-11-30"),
    ("on friday", "2026-11-27", "2026-12-04"),
    ("next friday", "x", "2026-12-04"),
    ("next saturday", "x", "2026-12-05"),
    ("next sunday", "x", "2026-12-06"),  # next week's (module docstring)
    ("last friday", "2026-11-27", "x"),
    ("last saturday", "2026-11-21", "x"),
    ("last sunday", "2026-11-22", "x"),
    ("this saturday", "2026-11-28", "2026-11-28"),
    ("this friday", "2026-11-27", "x"),  # this week's, already past
    ("this wed", "2026-11-25", "x"),
    # Indonesian weekdays; bare "minggu" is Sunday
    ("jumat", "2026-11-27", "2026-12-04"),
    ("jum'at", "2026-11-27", "2026-12-04"),
    ("senin", "2026-11-23", "2026-11-30"),
    ("minggu", "2026-11-22", "2026-11-29"),
    ("hari minggu", "2026-11-22", "2026-11-29"),
    ("ahad", "2026-11-22", "2026-11-29"),
    ("jumat depan", "x", "2026-12-04"),
    ("jumat lalu", "2026-11-27", "x"),
    ("sabtu depan", "x", "2026-12-05"),
    ("sabtu lalu", "2026-11-21", "x"),
    ("sabtu kemarin", "2026-11-21", "x"),
    ("sabtu ini", "2026-11-28", "2026-11-28"),
    ("selasa ini", "2026-11-24", "x"),
    ("hari minggu depan", "x", "2026-12-06"),
    ("pada hari kamis", "2026-11-26", "2026-12-03"),
    ("pada jumat depan", "x", "2026-12-04"),
    # numeric, day first
    ("31/12/2026", "x", "2026-12-31"),
    ("31-12-2026", "x", "2026-12-31"),
    ("31.12.2026", "x", "2026-12-31"),
    ("1/2/2026", "2026-02-01", "2026-02-01"),
    ("31/12/26", "x", "2026-12-31"),
    ("01/10/99", "1999-10-01", "x"),
    ("29/02/2028", "x", "2028-02-29"),
    # without a year: the nearest such day on the side of today the direction says
    ("31/12", "2025-12-31", "2026-12-31"),
    ("5.1", "2026-01-05", "2027-01-05"),
    ("28/11", "2026-11-28", "2026-11-28"),
    ("29/02", "2024-02-29", "2028-02-29"),
    # a time alone, or a few hours, is today (dateparser says yesterday)
    ("5pm", "2026-11-28", "2026-11-28"),
    ("17:30", "2026-11-28", "2026-11-28"),
    ("at noon", "2026-11-28", "2026-11-28"),
    ("3 hours ago", "2026-11-28", "2026-11-28"),
    ("30 hours ago", "2026-11-27", "x"),
    ("2 jam lalu", "2026-11-28", "2026-11-28"),
    ("in 5 minutes", "2026-11-28", "2026-11-28"),
    # dateparser fall-through: month names in English and Indonesian
    ("12 Nov 2026", "2026-11-12", "x"),
    ("12 November", "2026-11-12", "2027-11-12"),
    ("November 12", "2026-11-12", "2027-11-12"),
    ("Nov 12, 2026", "2026-11-12", "x"),
    ("Dec 25", "2025-12-25", "2026-12-25"),
    ("5th January 2026", "2026-01-05", "x"),
    ("28 Nov", "2026-11-28", "2026-11-28"),
    ("May 2026", "2026-05-01", "x"),
    ("3 Desember 2026", "x", "2026-12-03"),
    ("tanggal 5 Januari", "2026-01-05", "2027-01-05"),
    ("tgl 5 Januari", "2026-01-05", "2027-01-05"),
    ("17 Agustus", "2026-08-17", "2027-08-17"),
    ("1 Agustus 2025", "2025-08-01", "x"),
    ("Mei 2026", "2026-05-01", "x"),
    ("15 Okt 2026", "2026-10-15", "x"),
    ("Senin, 5 Januari 2026", "2026-01-05", "x"),
    ("Jumat, 4 Desember 2026", "x", "2026-12-04"),
    ("the 5th", "2026-11-05", "2026-12-05"),
    ("yesterday at 5pm", "2026-11-27", "x"),
    ("2026-01-02 10:00", "2026-01-02", "x"),
    ("in 2 weeks and 3 days", "x", "2026-12-15"),
    ("a fortnight ago", "2026-11-14", "x"),
    ("1 year 2 months ago", "2025-09-28", "x"),
]


@pytest.mark.parametrize(
    ("text", "direction", "expected"),
    [(text, "past", past) for text, past, _ in PHRASES]
    + [(text, "future", future) for text, _, future in PHRASES],
)
def test_parse_date_table(text: str, direction: Direction, expected: str) -> None:
    if expected == "x":
        with pytest.raises(DateError, match=r"in the (past|future)"):
            parse_date(text, today=TODAY, direction=direction, day_first=True)
    else:
        assert parse_date(text, today=TODAY, direction=direction, day_first=True) == d(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12/31/2026", "2026-12-31"),
        ("1/2/2026", "2026-01-02"),
        ("1/2", "2026-01-02"),
        ("2026-01-02", "2026-01-02"),
        ("12 Nov 2026", "2026-11-12"),
    ],
)
def test_month_first(text: str, expected: str) -> None:
    got = parse_date(text, today=TODAY, direction="past", day_first=False, either_side=True)
    assert got == d(expected)


def test_direction_is_checked() -> None:
    with pytest.raises(ValueError):
        parse_date("3d", today=TODAY, direction="Past")  # type: ignore[arg-type]


def test_day_first_refuses_month_first_numbers() -> None:
    with pytest.raises(DateError):
        parse_date("12/31/2026", today=TODAY, direction="past")


@pytest.mark.parametrize(
    ("text", "direction", "expected"),
    [
        # a Tuesday, early in the year: nothing may depend on the real clock
        ("friday", "past", "2025-02-28"),
        ("friday", "future", "2025-03-07"),
        ("tuesday", "past", "2025-03-04"),
        ("3 days ago", "past", "2025-03-01"),
        ("1m", "past", "2025-02-04"),
        ("Dec 25", "past", "2024-12-25"),
        ("Dec 25", "future", "2025-12-25"),
        ("4 Mar", "future", "2025-03-04"),
        ("Mei", "past", "2024-05-01"),
        ("2 months ago", "past", "2025-01-04"),
    ],
)
def test_other_today(text: str, direction: Direction, expected: str) -> None:
    today = date(2025, 3, 4)
    assert parse_date(text, today=today, direction=direction) == d(expected)


def test_month_arithmetic_clamps_in_phrases() -> None:
    assert parse_date("1m", today=date(2026, 3, 31), direction="past") == d("2026-02-28")
    assert parse_date("in 1 month", today=date(2024, 1, 31), direction="future") == d("2024-02-29")


# -- errors ------------------------------------------------------------------

ERRORS = [
    "",
    "   ",
    "blorf",
    "31/02/2026",
    "2026-13-01",
    "2026-02-30",
    "32/01",
    "x" * 1_000_000,
    "2026-01-02\x1b[2J",
    "today\x00",
    "to",
    "on:",
    "a",
    "15",
    "next friday lalu",
    "25:00",
    "in 99999 years",
    "Feb 30",
    "blorf today",
    "\u202etoday",
    "5/",
    "/5",
    "Kamis 4 Desember 2026",  # 4 December 2026 is a Friday
    "12/31/2026 10:00",  # dateparser would swap day and month
    "last december",  # dateparser returns None
]


@pytest.mark.parametrize("text", ERRORS, ids=lambda text: repr(text[:20]))
@pytest.mark.parametrize("direction", ["past", "future"])
def test_parse_date_errors_quote_the_input(text: str, direction: Direction) -> None:
    with pytest.raises(DateError) as caught:
        parse_date(text, today=TODAY, direction=direction)
    message = str(caught.value)
    assert quoted(text) in message
    assert len(message) < 200


def test_unknown_date_message() -> None:
    with pytest.raises(DateError) as caught:
        parse_date("blorf", today=TODAY, direction="past")
    assert str(caught.value) == (
        "Cannot understand the date 'blorf' "
        '(try 2026-11-28, "yesterday", "3d", "last friday" or "kemarin")'
    )


def test_unknown_date_hint_uses_today_and_direction() -> None:
    """Issue 14: the hint used to say 2026-03-14 whatever the day; its examples now
    also fit the direction (no "next friday" for something that happened)."""
    with pytest.raises(DateError) as caught:
        parse_date("blorf", today=date(2027, 2, 3), direction="future")
    assert str(caught.value) == (
        "Cannot understand the date 'blorf' "
        '(try 2027-02-03, "tomorrow", "3d", "next friday" or "besok")'
    )
    for example in ("2027-02-03", "tomorrow", "3d", "next friday", "besok"):
        parse_date(example, today=date(2027, 2, 3), direction="future")
    for example in ("2027-02-03", "yesterday", "3d", "last friday", "kemarin"):
        parse_date(example, today=date(2027, 2, 3), direction="past")


def test_long_input_is_shortened_in_the_message() -> None:
    with pytest.raises(DateError) as caught:
        parse_date("y" * 500, today=TODAY, direction="past")
    assert "'" + "y" * 40 + "…'" in str(caught.value)
    assert "y" * 41 not in str(caught.value)


def test_control_characters_are_escaped_in_the_message() -> None:
    with pytest.raises(DateError) as caught:
        parse_date("\x1b]52;c;evil\x07", today=TODAY, direction="past")
    assert "\x1b" not in str(caught.value)
    assert "\\x1b" in str(caught.value)


# -- add_months ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        ("2026-01-31", 1, "2026-02-28"),
        ("2028-01-31", 1, "2028-02-29"),
        ("2026-01-31", 2, "2026-03-31"),
        ("2026-03-31", 1, "2026-04-30"),
        ("2026-03-31", -1, "2026-02-28"),
        ("2028-02-29", 12, "2029-02-28"),
        ("2028-02-29", 48, "2032-02-29"),
        ("2028-02-29", -12, "2027-02-28"),
        ("2026-12-15", 1, "2027-01-15"),
        ("2026-12-31", 1, "2027-01-31"),
        ("2027-01-31", -1, "2026-12-31"),
        ("2026-11-28", 0, "2026-11-28"),
        ("2026-11-28", -23, "2024-12-28"),
        ("2026-11-28", 1200, "2126-11-28"),
    ],
)
def test_add_months(start: str, months: int, expected: str) -> None:
    assert add_months(d(start), months) == d(expected)


# -- intervals -----------------------------------------------------------------

INTERVALS = [
    ("30d", 30, "d"),
    ("2w", 2, "w"),
    ("3m", 3, "m"),
    ("1y", 1, "y"),
    ("30 d", 30, "d"),
    (" 2W ", 2, "w"),
    ("30 days", 30, "d"),
    ("1 day", 1, "d"),
    ("2 weeks", 2, "w"),
    ("3 months", 3, "m"),
    ("1 year", 1, "y"),
    ("every 2 weeks", 2, "w"),
    ("every week", 1, "w"),
    ("every month", 1, "m"),
    ("a fortnight", 2, "w"),
    ("daily", 1, "d"),
    ("weekly", 1, "w"),
    ("biweekly", 2, "w"),
    ("fortnightly", 2, "w"),
    ("monthly", 1, "m"),
    ("quarterly", 3, "m"),
    ("yearly", 1, "y"),
    ("annually", 1, "y"),
    ("harian", 1, "d"),
    ("mingguan", 1, "w"),
    ("bulanan", 1, "m"),
    ("tahunan", 1, "y"),
    ("3 hari", 3, "d"),
    ("2 minggu", 2, "w"),
    ("6 bulan", 6, "m"),
    ("1 tahun", 1, "y"),
    ("setiap 3 bulan", 3, "m"),
    ("seminggu sekali", 1, "w"),
    ("2 minggu sekali", 2, "w"),
    ("36525d", 36525, "d"),
    ("100y", 100, "y"),
    ("1200m", 1200, "m"),
]


@pytest.mark.parametrize(("text", "n", "unit"), INTERVALS)
def test_parse_interval(text: str, n: int, unit: Unit) -> None:
    interval = parse_interval(text)
    assert interval == Interval(n, unit)
    assert parse_interval(str(interval)) == interval
    assert str(interval) == f"{n}{unit}"


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "0d",
        "-3d",
        "+3d",
        "blorf",
        "101y",
        "36526d",
        "1201m",
        "d",
        "week",
        "3x",
        "x" * 10**6,
    ],
    ids=lambda text: repr(text[:20]),
)
def test_parse_interval_errors_quote_the_input(text: str) -> None:
    with pytest.raises(DateError) as caught:
        parse_interval(text)
    assert quoted(text) in str(caught.value)


@pytest.mark.parametrize(
    ("interval", "start", "expected"),
    [
        (Interval(30, "d"), "2026-11-28", "2026-12-28"),
        (Interval(2, "w"), "2026-11-28", "2026-12-12"),
        (Interval(1, "m"), "2026-01-31", "2026-02-28"),
        (Interval(1, "m"), "2028-01-31", "2028-02-29"),
        (Interval(3, "m"), "2026-11-30", "2027-02-28"),
        (Interval(1, "y"), "2028-02-29", "2029-02-28"),
        (Interval(1, "y"), "2026-12-31", "2027-12-31"),
    ],
)
def test_interval_add_to(interval: Interval, start: str, expected: str) -> None:
    assert interval.add_to(d(start)) == d(expected)


@pytest.mark.parametrize(
    ("interval", "days"),
    [
        (Interval(30, "d"), 30),
        (Interval(2, "w"), 14),
        (Interval(1, "m"), 30),
        (Interval(3, "m"), 91),
        (Interval(1, "y"), 365),
        (Interval(4, "y"), 1461),
    ],
)
def test_interval_approx_days(interval: Interval, days: int) -> None:
    assert interval.approx_days() == days


def test_interval_is_frozen_and_checked() -> None:
    interval = Interval(3, "m")
    with pytest.raises(AttributeError):
        interval.n = 4  # type: ignore[misc]
    with pytest.raises(ValueError):
        Interval(0, "d")
    with pytest.raises(ValueError):
        Interval(1, "x")  # type: ignore[arg-type]


# -- today_from_env ------------------------------------------------------------


def test_today_from_env_fixed() -> None:
    assert today_from_env({"NETJOURNAL_TODAY": "2026-11-28"}) == TODAY


@pytest.mark.parametrize("environ", [{}, {"NETJOURNAL_TODAY": ""}])
def test_today_from_env_absent_or_empty(environ: dict[str, str]) -> None:
    before = date.today()
    assert today_from_env(environ) in (before, date.today())


def test_today_from_env_reads_os_environ(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NETJOURNAL_TODAY", "2020-02-29")
    assert today_from_env() == date(2020, 2, 29)


@pytest.mark.parametrize(
    "value", ["yesterday", "28/11/2026", "2026-02-30", "2026-1-2", " ", "2026-11-28x"]
)
def test_today_from_env_invalid(value: str) -> None:
    with pytest.raises(DateError) as caught:
        today_from_env({"NETJOURNAL_TODAY": value})
    assert str(caught.value) == f"NETJOURNAL_TODAY must be YYYY-MM-DD, got {quoted(value)}"


# -- import cost -----------------------------------------------------------------


def test_fast_path_does_not_import_dateparser() -> None:
    code = (
        "import sys, datetime, netjournal.dates as d\n"
        "t = datetime.date(2026, 11, 28)\n"
        "assert d.parse_date('2026-01-02', today=t, direction='past') == datetime.date(2026, 1, 2)\n"
        "assert 'netjournal.date_phrases' not in sys.modules, 'phrases loaded for ISO'\n"
        "assert d.parse_date('last friday', today=t, direction='past') == datetime.date(2026, 11, 27)\n"
        "for text in ('3d', 'besok', 'minggu depan', '2 mgg lg', '31/12/2026', 'jumat', 'tgl 5',\n"
        "             'akhir bulan', 'besok pagi', 'the 5th', 'weekend', 'kamis depan'):\n"
        "    d.parse_date(text, today=t, direction='future')\n"
        "for text in ('3 hari lalu', 'kmrn sore', 'tadi malam', 'awal bulan', 'malam minggu'):\n"
        "    d.parse_date(text, today=t, direction='past')\n"
        "d.parse_interval('monthly')\n"
        "assert 'dateparser' not in sys.modules, 'dateparser was imported'\n"
        "d.parse_date('12 Nov 2026', today=t, direction='past')\n"
        "assert 'dateparser' in sys.modules\n"
    )
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")]),
    }
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


# -- properties --------------------------------------------------------------------


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)))
def test_iso_round_trip(day: date) -> None:
    for direction in ("past", "future"):
        assert (
            parse_date(day.isoformat(), today=TODAY, direction=direction, either_side=True) == day
        )
    right_side = "past" if day <= TODAY else "future"
    assert parse_date(day.isoformat(), today=TODAY, direction=right_side) == day


@given(st.integers(min_value=1, max_value=365))
def test_short_days(n: int) -> None:
    assert parse_date(f"{n}d", today=TODAY, direction="past") == TODAY - timedelta(days=n)
    assert parse_date(f"{n}d", today=TODAY, direction="future") == TODAY + timedelta(days=n)


@given(
    st.sampled_from(["d", "w", "m", "y"]),
    st.integers(min_value=1, max_value=100),
)
def test_interval_round_trip(unit: Unit, n: int) -> None:
    interval = Interval(n, unit)
    assert parse_interval(str(interval)) == interval


WORDS = ["3", "d", "next", "friday", "minggu", "lalu", "depan", "12", "nov", "2026", "ago", "in"]
WORDS += ["a", "hari", "jam", "5pm", "/", "-", ".", ":", "+", "'", "se", "tgl", "99999", "0", "31"]


@settings(deadline=None)
@given(
    st.one_of(
        st.text(max_size=30),
        st.lists(st.sampled_from(WORDS), max_size=6).map(" ".join),
        st.lists(st.sampled_from(WORDS), max_size=6).map("".join),
    ),
    st.sampled_from(["past", "future"]),
)
def test_any_text_is_a_date_or_a_date_error(text: str, direction: Direction) -> None:
    with contextlib.suppress(DateError):
        assert type(parse_date(text, today=TODAY, direction=direction)) is date
    with contextlib.suppress(DateError):
        parse_interval(text)


def test_interval_words_say_it_as_people_do() -> None:
    from netjournal.dates import interval_words

    assert [interval_words(x) for x in ("2w", "1m", "3m", "1y", "30d", "1w")] == [
        "2 weeks",
        "month",
        "3 months",
        "year",
        "30 days",
        "week",
    ]
    assert interval_words("weird") == "weird"
    i18n.set_language("id")
    try:
        assert interval_words("2w") == "2 minggu" and interval_words("1m") == "bulan"
    finally:
        i18n.set_language("en")
