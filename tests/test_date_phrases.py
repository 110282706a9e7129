"""The phrase table of issue 14: what people type, in English and Indonesian,
read on six reference days in both directions, and the conventions written
in the docstring of ``netjournal.dates``.

Each row of ``PHRASES`` is a phrase and its expected dates. Either one cell for
every reference day (a fixed offset) or six cells, one per day of ``REFS`` in
order. A cell is ``PAST/FUTURE``: what ``parse_date`` gives with
direction="past" and with direction="future". Each side is a day offset from
the reference day (``-1``, ``0``, ``+14``), a date in the reference day's year
(``MM-DD``), a full date (``YYYY-MM-DD``), or ``x``: refused because the date
is on the wrong side of today for that direction.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netjournal.dates import Direction, format_day, parse_date
from netjournal.errors import DateError

# A date written in full may lie in the past where a date is due (an overdue
# follow-up recorded on purpose); phrases never do.
ABSOLUTE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.-]\d{1,2}[/.-]\d{4}")

REFS: dict[str, date] = {
    "wed": date(2026, 3, 11),  # a Wednesday (the day of issue 14's "tgl 5")
    "sun": date(2026, 3, 15),  # a Sunday, the last day of its week
    "jan31": date(2026, 1, 31),  # a Saturday at a month's end
    "feb28": date(2026, 2, 28),  # the end of a short February
    "feb29": date(2028, 2, 29),  # a leap day, a Tuesday
    "dec31": date(2026, 12, 31),  # a Thursday at the year's end
}

PHRASES: list[tuple[str, str]] = [
    ("today", "0/0"),
    ("now", "0/0"),
    ("tonight", "0/0"),
    ("yesterday", "-1/x"),
    ("tomorrow", "x/+1"),
    ("tmrw", "x/+1"),
    ("tmr", "x/+1"),
    ("tomorow", "x/+1"),
    ("yday", "-1/x"),
    ("day after tomorrow", "x/+2"),
    ("day before yesterday", "-2/x"),
    ("this morning", "0/0"),
    ("this afternoon", "0/0"),
    ("this evening", "0/0"),
    ("last night", "-1/x"),
    ("tomorrow morning", "x/+1"),
    ("tomorrow evening", "x/+1"),
    ("tomorrow night", "x/+1"),
    ("yesterday afternoon", "-1/x"),
    ("yesterday evening", "-1/x"),
    ("tmrw morning", "x/+1"),
    ("3d", "-3/+3"),
    ("+2d", "x/+2"),
    ("-2d", "-2/x"),
    ("2w", "-14/+14"),
    ("1m", "02-11/04-11 02-15/04-15 2025-12-31/02-28 01-28/03-28 01-29/03-29 11-30/2027-01-31"),
    (
        "1y",
        "2025-03-11/2027-03-11 2025-03-15/2027-03-15 2025-01-31/2027-01-31 2025-02-28/2027-02-28 2027-02-28/2029-02-28 2025-12-31/2027-12-31",
    ),
    ("3 days ago", "-3/x"),
    ("a week ago", "-7/x"),
    ("2 weeks ago", "-14/x"),
    ("a month ago", "02-11/x 02-15/x 2025-12-31/x 01-28/x 01-29/x 11-30/x"),
    ("in 3 days", "x/+3"),
    ("in a week", "x/+7"),
    ("in 2 weeks", "x/+14"),
    ("in a month", "x/04-11 x/04-15 x/02-28 x/03-28 x/03-29 x/2027-01-31"),
    ("in 1 year", "x/+365"),
    ("2 days from now", "x/+2"),
    ("next week", "x/+7"),
    ("last week", "-7/x"),
    ("next month", "x/04-11 x/04-15 x/02-28 x/03-28 x/03-29 x/2027-01-31"),
    ("last month", "02-11/x 02-15/x 2025-12-31/x 01-28/x 01-29/x 11-30/x"),
    ("next year", "x/+365"),
    ("last year", "2025-03-11/x 2025-03-15/x 2025-01-31/x 2025-02-28/x 2027-02-28/x 2025-12-31/x"),
    ("this week", "0/0"),
    ("3 hours ago", "0/0"),
    ("in 2 hours", "0/0"),
    ("monday", "03-09/03-16 03-09/03-16 01-26/02-02 02-23/03-02 02-28/03-06 12-28/2027-01-04"),
    ("friday", "03-06/03-13 03-13/03-20 01-30/02-06 02-27/03-06 02-25/03-03 12-25/2027-01-01"),
    ("sunday", "03-08/03-15 03-15/03-22 01-25/02-01 02-22/03-01 02-27/03-05 12-27/2027-01-03"),
    ("on friday", "03-06/03-13 03-13/03-20 01-30/02-06 02-27/03-06 02-25/03-03 12-25/2027-01-01"),
    ("next monday", "x/03-16 x/03-16 x/02-02 x/03-02 x/03-06 x/2027-01-04"),
    ("next thursday", "x/03-19 x/03-19 x/02-05 x/03-05 x/03-09 x/2027-01-07"),
    ("next sunday", "x/03-22 x/03-22 x/02-08 x/03-08 x/03-12 x/2027-01-10"),
    ("this thursday", "x/03-12 03-12/x 01-29/x 02-26/x x/03-02 12-31/12-31"),
    ("this friday", "x/03-13 03-13/x 01-30/x 02-27/x x/03-03 x/2027-01-01"),
    ("last monday", "03-09/x 03-09/x 01-26/x 02-23/x 02-28/x 12-28/x"),
    ("last thursday", "03-05/x 03-12/x 01-29/x 02-26/x 02-24/x 12-24/x"),
    ("last sunday", "03-08/x 03-08/x 01-25/x 02-22/x 02-27/x 12-27/x"),
    (
        "friday night",
        "03-06/03-13 03-13/03-20 01-30/02-06 02-27/03-06 02-25/03-03 12-25/2027-01-01",
    ),
    (
        "monday morning",
        "03-09/03-16 03-09/03-16 01-26/02-02 02-23/03-02 02-28/03-06 12-28/2027-01-04",
    ),
    ("next friday evening", "x/03-20 x/03-20 x/02-06 x/03-06 x/03-10 x/2027-01-08"),
    ("end of month", "02-28/03-31 02-28/03-31 01-31/01-31 02-28/02-28 02-29/02-29 12-31/12-31"),
    ("end of the month", "02-28/03-31 02-28/03-31 01-31/01-31 02-28/02-28 02-29/02-29 12-31/12-31"),
    ("end of this month", "x/03-31 x/03-31 01-31/01-31 02-28/02-28 02-29/02-29 12-31/12-31"),
    ("end of next month", "x/04-30 x/04-30 x/02-28 x/03-31 x/03-31 x/2027-01-31"),
    ("end of last month", "02-28/x 02-28/x 2025-12-31/x 01-31/x 01-31/x 11-30/x"),
    ("month end", "02-28/03-31 02-28/03-31 01-31/01-31 02-28/02-28 02-29/02-29 12-31/12-31"),
    (
        "beginning of the month",
        "03-01/04-01 03-01/04-01 01-01/02-01 02-01/03-01 02-01/03-01 12-01/2027-01-01",
    ),
    ("start of next month", "x/04-01 x/04-01 x/02-01 x/03-01 x/03-01 x/2027-01-01"),
    ("early next month", "x/04-01 x/04-01 x/02-01 x/03-01 x/03-01 x/2027-01-01"),
    ("mid-month", "02-15/03-15 03-15/03-15 01-15/02-15 02-15/03-15 02-15/03-15 12-15/2027-01-15"),
    (
        "middle of the month",
        "02-15/03-15 03-15/03-15 01-15/02-15 02-15/03-15 02-15/03-15 12-15/2027-01-15",
    ),
    ("mid next month", "x/04-15 x/04-15 x/02-15 x/03-15 x/03-15 x/2027-01-15"),
    (
        "end of year",
        "2025-12-31/12-31 2025-12-31/12-31 2025-12-31/12-31 2025-12-31/12-31 2027-12-31/12-31 12-31/12-31",
    ),
    (
        "end of the year",
        "2025-12-31/12-31 2025-12-31/12-31 2025-12-31/12-31 2025-12-31/12-31 2027-12-31/12-31 12-31/12-31",
    ),
    (
        "year end",
        "2025-12-31/12-31 2025-12-31/12-31 2025-12-31/12-31 2025-12-31/12-31 2027-12-31/12-31 12-31/12-31",
    ),
    (
        "end of next year",
        "x/2027-12-31 x/2027-12-31 x/2027-12-31 x/2027-12-31 x/2029-12-31 x/2027-12-31",
    ),
    (
        "beginning of next year",
        "x/2027-01-01 x/2027-01-01 x/2027-01-01 x/2027-01-01 x/2029-01-01 x/2027-01-01",
    ),
    (
        "early next year",
        "x/2027-01-01 x/2027-01-01 x/2027-01-01 x/2027-01-01 x/2029-01-01 x/2027-01-01",
    ),
    (
        "end of the week",
        "03-07/03-14 03-15/03-15 01-31/01-31 02-28/02-28 02-26/03-04 12-26/2027-01-02",
    ),
    ("end of next week", "x/03-21 x/03-21 x/02-07 x/03-07 x/03-11 x/2027-01-09"),
    ("weekend", "03-07/03-14 03-15/03-15 01-31/01-31 02-28/02-28 02-26/03-04 12-26/2027-01-02"),
    ("this weekend", "x/03-14 03-15/03-15 01-31/01-31 02-28/02-28 x/03-04 x/2027-01-02"),
    ("next weekend", "x/03-21 x/03-21 x/02-07 x/03-07 x/03-11 x/2027-01-09"),
    ("last weekend", "03-07/x 03-07/x 01-24/x 02-21/x 02-26/x 12-26/x"),
    ("start of next week", "x/03-16 x/03-16 x/02-02 x/03-02 x/03-06 x/2027-01-04"),
    ("the 5th", "03-05/04-05 03-05/04-05 01-05/02-05 02-05/03-05 02-05/03-05 12-05/2027-01-05"),
    ("the 1st", "03-01/04-01 03-01/04-01 01-01/02-01 02-01/03-01 02-01/03-01 12-01/2027-01-01"),
    ("the 15th", "02-15/03-15 03-15/03-15 01-15/02-15 02-15/03-15 02-15/03-15 12-15/2027-01-15"),
    ("the 31st", "01-31/03-31 01-31/03-31 01-31/01-31 01-31/03-31 01-31/03-31 12-31/12-31"),
    ("the 29th", "01-29/03-29 01-29/03-29 01-29/03-29 01-29/03-29 02-29/02-29 12-29/2027-01-29"),
    ("5th", "03-05/04-05 03-05/04-05 01-05/02-05 02-05/03-05 02-05/03-05 12-05/2027-01-05"),
    ("on the 20th", "02-20/03-20 02-20/03-20 01-20/02-20 02-20/03-20 02-20/03-20 12-20/2027-01-20"),
    ("the 5th of next month", "x/04-05 x/04-05 x/02-05 x/03-05 x/03-05 x/2027-01-05"),
    ("the 1st of next month", "x/04-01 x/04-01 x/02-01 x/03-01 x/03-01 x/2027-01-01"),
    ("the 15th of this month", "x/03-15 03-15/03-15 01-15/x 02-15/x 02-15/x 12-15/x"),
    (
        "31/12",
        "2025-12-31/12-31 2025-12-31/12-31 2025-12-31/12-31 2025-12-31/12-31 2027-12-31/12-31 12-31/12-31",
    ),
    (
        "1/1",
        "01-01/2027-01-01 01-01/2027-01-01 01-01/2027-01-01 01-01/2027-01-01 01-01/2029-01-01 01-01/2027-01-01",
    ),
    (
        "29/02",
        "2024-02-29/2028-02-29 2024-02-29/2028-02-29 2024-02-29/2028-02-29 2024-02-29/2028-02-29 02-29/02-29 2024-02-29/2028-02-29",
    ),
    (
        "5.3",
        "03-05/2027-03-05 03-05/2027-03-05 2025-03-05/03-05 2025-03-05/03-05 2027-03-05/03-05 03-05/2027-03-05",
    ),
    ("2026-03-01", "03-01/03-01 03-01/03-01 x/03-01 x/03-01 2026-03-01/2026-03-01 03-01/03-01"),
    ("2026-12-25", "x/12-25 x/12-25 x/12-25 x/12-25 2026-12-25/2026-12-25 12-25/12-25"),
    (
        "march 1",
        "03-01/2027-03-01 03-01/2027-03-01 2025-03-01/03-01 2025-03-01/03-01 2027-03-01/03-01 03-01/2027-03-01",
    ),
    (
        "25 dec",
        "2025-12-25/12-25 2025-12-25/12-25 2025-12-25/12-25 2025-12-25/12-25 2027-12-25/12-25 12-25/2027-12-25",
    ),
    ("hari ini", "0/0"),
    ("sekarang", "0/0"),
    ("kemarin", "-1/x"),
    ("kmrn", "-1/x"),
    ("kemaren", "-1/x"),
    ("kmaren", "-1/x"),
    ("besok", "x/+1"),
    ("bsk", "x/+1"),
    ("besuk", "x/+1"),
    ("lusa", "x/+2"),
    ("besok lusa", "x/+2"),
    ("kemarin lusa", "-2/x"),
    ("tadi", "0/0"),
    ("tadi pagi", "0/0"),
    ("tadi siang", "0/0"),
    ("tadi sore", "0/0"),
    ("tadi malam", "-1/x"),
    ("semalam", "-1/x"),
    ("nanti malam", "0/0"),
    ("nanti sore", "0/0"),
    ("pagi", "0/0"),
    ("siang", "0/0"),
    ("sore", "0/0"),
    ("malam", "0/0"),
    ("malam ini", "0/0"),
    ("pagi ini", "0/0"),
    ("besok pagi", "x/+1"),
    ("besok siang", "x/+1"),
    ("besok sore", "x/+1"),
    ("besok malam", "x/+1"),
    ("bsk pagi", "x/+1"),
    ("kemarin pagi", "-1/x"),
    ("kemarin sore", "-1/x"),
    ("kmrn malam", "-1/x"),
    ("lusa pagi", "x/+2"),
    ("3 hari lalu", "-3/x"),
    ("3 hari lagi", "x/+3"),
    ("2 mgg lagi", "x/+14"),
    ("2 mgg lg", "x/+14"),
    ("2mgg lg", "x/+14"),
    ("3 bln lalu", "2025-12-11/x 2025-12-15/x 2025-10-31/x 2025-11-28/x 2027-11-29/x 09-30/x"),
    ("1 thn lg", "x/+365"),
    ("1 thn lalu", "2025-03-11/x 2025-03-15/x 2025-01-31/x 2025-02-28/x 2027-02-28/x 2025-12-31/x"),
    ("seminggu lagi", "x/+7"),
    ("sebulan lalu", "02-11/x 02-15/x 2025-12-31/x 01-28/x 01-29/x 11-30/x"),
    ("dua minggu lagi", "x/+14"),
    ("dalam 3 hari", "x/+3"),
    ("minggu depan", "x/+7"),
    ("mgg depan", "x/+7"),
    ("minggu lalu", "-7/x"),
    ("bulan depan", "x/04-11 x/04-15 x/02-28 x/03-28 x/03-29 x/2027-01-31"),
    ("bln depan", "x/04-11 x/04-15 x/02-28 x/03-28 x/03-29 x/2027-01-31"),
    ("bulan lalu", "02-11/x 02-15/x 2025-12-31/x 01-28/x 01-29/x 11-30/x"),
    ("tahun depan", "x/+365"),
    ("thn depan", "x/+365"),
    ("tahun lalu", "2025-03-11/x 2025-03-15/x 2025-01-31/x 2025-02-28/x 2027-02-28/x 2025-12-31/x"),
    ("2 jam lalu", "0/0"),
    ("senin", "03-09/03-16 03-09/03-16 01-26/02-02 02-23/03-02 02-28/03-06 12-28/2027-01-04"),
    ("kamis", "03-05/03-12 03-12/03-19 01-29/02-05 02-26/03-05 02-24/03-02 12-31/2027-01-07"),
    ("jumat", "03-06/03-13 03-13/03-20 01-30/02-06 02-27/03-06 02-25/03-03 12-25/2027-01-01"),
    ("jum'at", "03-06/03-13 03-13/03-20 01-30/02-06 02-27/03-06 02-25/03-03 12-25/2027-01-01"),
    ("minggu", "03-08/03-15 03-15/03-22 01-25/02-01 02-22/03-01 02-27/03-05 12-27/2027-01-03"),
    ("hari minggu", "03-08/03-15 03-15/03-22 01-25/02-01 02-22/03-01 02-27/03-05 12-27/2027-01-03"),
    ("ahad", "03-08/03-15 03-15/03-22 01-25/02-01 02-22/03-01 02-27/03-05 12-27/2027-01-03"),
    ("kamis depan", "x/03-19 x/03-19 x/02-05 x/03-05 x/03-09 x/2027-01-07"),
    ("jumat depan", "x/03-20 x/03-20 x/02-06 x/03-06 x/03-10 x/2027-01-08"),
    ("hari minggu depan", "x/03-22 x/03-22 x/02-08 x/03-08 x/03-12 x/2027-01-10"),
    ("senin depan", "x/03-16 x/03-16 x/02-02 x/03-02 x/03-06 x/2027-01-04"),
    ("jmt depan", "x/03-20 x/03-20 x/02-06 x/03-06 x/03-10 x/2027-01-08"),
    ("kamis ini", "x/03-12 03-12/x 01-29/x 02-26/x x/03-02 12-31/12-31"),
    ("jumat ini", "x/03-13 03-13/x 01-30/x 02-27/x x/03-03 x/2027-01-01"),
    ("kamis lalu", "03-05/x 03-12/x 01-29/x 02-26/x 02-24/x 12-24/x"),
    ("senin lalu", "03-09/x 03-09/x 01-26/x 02-23/x 02-28/x 12-28/x"),
    ("kamis kemarin", "03-05/x 03-12/x 01-29/x 02-26/x 02-24/x 12-24/x"),
    ("jumat sore", "03-06/03-13 03-13/03-20 01-30/02-06 02-27/03-06 02-25/03-03 12-25/2027-01-01"),
    ("senin pagi", "03-09/03-16 03-09/03-16 01-26/02-02 02-23/03-02 02-28/03-06 12-28/2027-01-04"),
    (
        "malam minggu",
        "03-07/03-14 03-14/03-21 01-31/02-07 02-28/03-07 02-26/03-04 12-26/2027-01-02",
    ),
    ("malam jumat", "03-05/03-12 03-12/03-19 01-29/02-05 02-26/03-05 02-24/03-02 12-31/2027-01-07"),
    ("sabtu malam", "03-07/03-14 03-14/03-21 01-31/02-07 02-28/03-07 02-26/03-04 12-26/2027-01-02"),
    (
        "pada hari kamis",
        "03-05/03-12 03-12/03-19 01-29/02-05 02-26/03-05 02-24/03-02 12-31/2027-01-07",
    ),
    ("akhir bulan", "02-28/03-31 02-28/03-31 01-31/01-31 02-28/02-28 02-29/02-29 12-31/12-31"),
    ("akhir bulan ini", "x/03-31 x/03-31 01-31/01-31 02-28/02-28 02-29/02-29 12-31/12-31"),
    ("akhir bulan depan", "x/04-30 x/04-30 x/02-28 x/03-31 x/03-31 x/2027-01-31"),
    ("akhir bulan lalu", "02-28/x 02-28/x 2025-12-31/x 01-31/x 01-31/x 11-30/x"),
    ("awal bulan", "03-01/04-01 03-01/04-01 01-01/02-01 02-01/03-01 02-01/03-01 12-01/2027-01-01"),
    ("awal bulan depan", "x/04-01 x/04-01 x/02-01 x/03-01 x/03-01 x/2027-01-01"),
    (
        "pertengahan bulan",
        "02-15/03-15 03-15/03-15 01-15/02-15 02-15/03-15 02-15/03-15 12-15/2027-01-15",
    ),
    ("pertengahan bulan depan", "x/04-15 x/04-15 x/02-15 x/03-15 x/03-15 x/2027-01-15"),
    (
        "tengah bulan",
        "02-15/03-15 03-15/03-15 01-15/02-15 02-15/03-15 02-15/03-15 12-15/2027-01-15",
    ),
    (
        "akhir tahun",
        "2025-12-31/12-31 2025-12-31/12-31 2025-12-31/12-31 2025-12-31/12-31 2027-12-31/12-31 12-31/12-31",
    ),
    ("akhir tahun ini", "x/12-31 x/12-31 x/12-31 x/12-31 x/12-31 12-31/12-31"),
    (
        "akhir tahun depan",
        "x/2027-12-31 x/2027-12-31 x/2027-12-31 x/2027-12-31 x/2029-12-31 x/2027-12-31",
    ),
    (
        "awal tahun",
        "01-01/2027-01-01 01-01/2027-01-01 01-01/2027-01-01 01-01/2027-01-01 01-01/2029-01-01 01-01/2027-01-01",
    ),
    (
        "awal tahun depan",
        "x/2027-01-01 x/2027-01-01 x/2027-01-01 x/2027-01-01 x/2029-01-01 x/2027-01-01",
    ),
    (
        "pertengahan tahun",
        "2025-07-01/07-01 2025-07-01/07-01 2025-07-01/07-01 2025-07-01/07-01 2027-07-01/07-01 07-01/2027-07-01",
    ),
    (
        "akhir minggu",
        "03-07/03-14 03-15/03-15 01-31/01-31 02-28/02-28 02-26/03-04 12-26/2027-01-02",
    ),
    ("akhir minggu ini", "x/03-14 03-15/03-15 01-31/01-31 02-28/02-28 x/03-04 x/2027-01-02"),
    ("akhir minggu depan", "x/03-21 x/03-21 x/02-07 x/03-07 x/03-11 x/2027-01-09"),
    ("akhir pekan", "03-07/03-14 03-15/03-15 01-31/01-31 02-28/02-28 02-26/03-04 12-26/2027-01-02"),
    ("akhir pekan depan", "x/03-21 x/03-21 x/02-07 x/03-07 x/03-11 x/2027-01-09"),
    ("awal minggu depan", "x/03-16 x/03-16 x/02-02 x/03-02 x/03-06 x/2027-01-04"),
    ("tgl 5", "03-05/04-05 03-05/04-05 01-05/02-05 02-05/03-05 02-05/03-05 12-05/2027-01-05"),
    ("tanggal 5", "03-05/04-05 03-05/04-05 01-05/02-05 02-05/03-05 02-05/03-05 12-05/2027-01-05"),
    ("tgl 1", "03-01/04-01 03-01/04-01 01-01/02-01 02-01/03-01 02-01/03-01 12-01/2027-01-01"),
    ("tgl 15", "02-15/03-15 03-15/03-15 01-15/02-15 02-15/03-15 02-15/03-15 12-15/2027-01-15"),
    ("tgl 31", "01-31/03-31 01-31/03-31 01-31/01-31 01-31/03-31 01-31/03-31 12-31/12-31"),
    ("tgl 29", "01-29/03-29 01-29/03-29 01-29/03-29 01-29/03-29 02-29/02-29 12-29/2027-01-29"),
    ("tgl. 5", "03-05/04-05 03-05/04-05 01-05/02-05 02-05/03-05 02-05/03-05 12-05/2027-01-05"),
    ("tgl5", "03-05/04-05 03-05/04-05 01-05/02-05 02-05/03-05 02-05/03-05 12-05/2027-01-05"),
    (
        "pada tanggal 20",
        "02-20/03-20 02-20/03-20 01-20/02-20 02-20/03-20 02-20/03-20 12-20/2027-01-20",
    ),
    ("tgl 5 bulan depan", "x/04-05 x/04-05 x/02-05 x/03-05 x/03-05 x/2027-01-05"),
    ("tanggal 1 bulan depan", "x/04-01 x/04-01 x/02-01 x/03-01 x/03-01 x/2027-01-01"),
    ("tgl 10 bulan ini", "03-10/x 03-10/x 01-10/x 02-10/x 02-10/x 12-10/x"),
    ("tgl 25 bulan lalu", "02-25/x 02-25/x 2025-12-25/x 01-25/x 01-25/x 11-25/x"),
    (
        "17 agustus",
        "2025-08-17/08-17 2025-08-17/08-17 2025-08-17/08-17 2025-08-17/08-17 2027-08-17/08-17 08-17/2027-08-17",
    ),
    (
        "1 mei",
        "2025-05-01/05-01 2025-05-01/05-01 2025-05-01/05-01 2025-05-01/05-01 2027-05-01/05-01 05-01/2027-05-01",
    ),
    (
        "tgl 5 januari",
        "01-05/2027-01-05 01-05/2027-01-05 01-05/2027-01-05 01-05/2027-01-05 01-05/2029-01-05 01-05/2027-01-05",
    ),
]


def _expected(side: str, ref: date) -> date | None:
    if side == "x":
        return None
    if re.fullmatch(r"[-+]?\d+", side):
        return ref + timedelta(days=int(side))
    if re.fullmatch(r"\d\d-\d\d", side):
        return date.fromisoformat(f"{ref.year}-{side}")
    return date.fromisoformat(side)


def _cells(cells: str) -> list[tuple[str, str]]:
    """(past, future) for each reference day, in the order of ``REFS``."""
    per_day = cells.split()
    if len(per_day) == 1:
        per_day *= len(REFS)
    assert len(per_day) == len(REFS)
    return [(cell.split("/")[0], cell.split("/")[1]) for cell in per_day]


def test_the_table_is_large_and_bilingual() -> None:
    phrases = [phrase for phrase, _ in PHRASES]
    assert len(phrases) >= 150
    assert len(set(phrases)) == len(phrases)
    indonesian = {"kemarin", "besok", "lusa", "bulan", "minggu", "tgl", "tanggal", "akhir"}
    assert sum(any(word in p.split() for word in indonesian) for p in phrases) >= 50


@pytest.mark.parametrize(("phrase", "cells"), PHRASES, ids=[p for p, _ in PHRASES])
def test_phrase_table(phrase: str, cells: str) -> None:
    """Each phrase on each reference day, both directions; and, whatever the table
    says, never a date on the wrong side of today nor more than 3 years away."""
    for (ref, today), sides in zip(REFS.items(), _cells(cells), strict=True):
        for direction, side in zip(("past", "future"), sides, strict=True):
            where = f"{phrase!r} on {ref} ({today}), {direction}"
            expected = _expected(side, today)
            try:
                result = parse_date(phrase, today=today, direction=direction)  # type: ignore[arg-type]
            except DateError as exc:
                assert expected is None, f"{where}: {exc}"
                assert re.search(r"in the (past|future)", str(exc)), where
                continue
            assert result == expected, where
            if direction == "past" or not ABSOLUTE.fullmatch(phrase):
                assert (result <= today) if direction == "past" else (result >= today), where
            assert abs((result - today).days) <= 3 * 366, where


@settings(deadline=None, max_examples=400)
@given(
    st.sampled_from([phrase for phrase, _ in PHRASES]),
    st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)),
    st.sampled_from(["past", "future"]),
)
def test_never_on_the_wrong_side_of_today(phrase: str, today: date, direction: Direction) -> None:
    """For every phrase and any day: a date on the right side of today, or a DateError."""
    try:
        result = parse_date(phrase, today=today, direction=direction)
    except DateError:
        return
    if direction == "past":
        assert result <= today
    elif not ABSOLUTE.fullmatch(phrase):
        assert result >= today  # a date written in full may be overdue on purpose


# -- the weekday convention, on every day of a week ------------------------------

WEEK = [date(2026, 3, 9) + timedelta(days=n) for n in range(7)]  # Monday to Sunday
EN_DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
# "minggu depan" is next week: Sunday is "hari minggu" with a modifier.
ID_DAYS = ["senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "hari minggu"]


def _monday(d: date) -> date:
    return d - timedelta(days=d.weekday())


def _any_side(text: str, today: date, direction: Direction = "future") -> date:
    return parse_date(text, today=today, direction=direction, either_side=True)


@pytest.mark.parametrize("today", WEEK, ids=lambda d: d.strftime("%a"))
@pytest.mark.parametrize("target", range(7))
def test_weekday_convention(today: date, target: int) -> None:
    for next_, this, last, bare in (
        (
            f"next {EN_DAYS[target]}",
            f"this {EN_DAYS[target]}",
            f"last {EN_DAYS[target]}",
            EN_DAYS[target],
        ),
        (
            f"{ID_DAYS[target]} depan",
            f"{ID_DAYS[target]} ini",
            f"{ID_DAYS[target]} lalu",
            ID_DAYS[target],
        ),
    ):
        # next/depan: that weekday in NEXT week (Monday to Sunday), never this week
        got = _any_side(next_, today)
        assert got.weekday() == target and _monday(got) == _monday(today) + timedelta(days=7)
        # this/ini: that weekday in this week, even when it has passed
        got = _any_side(this, today)
        assert got.weekday() == target and _monday(got) == _monday(today)
        # last/lalu: the latest one strictly before today
        got = _any_side(last, today, "past")
        assert got.weekday() == target and today - timedelta(days=7) <= got < today
        # bare: the nearest in the direction; today counts for the past only
        got = parse_date(bare, today=today, direction="past")
        assert got.weekday() == target and today - timedelta(days=6) <= got <= today
        got = parse_date(bare, today=today, direction="future")
        assert got.weekday() == target and today < got <= today + timedelta(days=7)
    if target > 0:  # "malam jumat" is Thursday evening, "malam minggu" Saturday
        eve = "malam " + ID_DAYS[target].replace("hari ", "")
        assert parse_date(eve, today=today, direction="past").weekday() == target - 1


def test_kamis_depan_on_a_wednesday_is_next_weeks() -> None:
    wednesday = REFS["wed"]
    for text in ("kamis depan", "next thursday", "next thu", "pada kamis depan"):
        assert parse_date(text, today=wednesday, direction="future") == date(2026, 3, 19)
    for text in ("kamis ini", "this thursday", "kamis"):
        assert parse_date(text, today=wednesday, direction="future") == date(2026, 3, 12)


# -- the examples and the messages --------------------------------------


def test_day_of_month_is_never_already_past() -> None:
    """Issue 14: on 11 March "tgl 5" gave 5 March; on 31 January "tgl 1" gave 1 January."""
    assert parse_date("tgl 5", today=date(2026, 3, 11), direction="future") == date(2026, 4, 5)
    assert parse_date("tgl 1", today=date(2026, 1, 31), direction="future") == date(2026, 2, 1)
    assert parse_date("tgl 1", today=date(2026, 1, 31), direction="past") == date(2026, 1, 1)
    assert parse_date("tgl 31", today=date(2026, 4, 1), direction="future") == date(2026, 5, 31)
    assert parse_date("tgl 11", today=date(2026, 3, 11), direction="future") == date(2026, 3, 11)


@pytest.mark.parametrize(
    ("text", "direction", "message"),
    [
        (
            "besok",
            "past",
            "'besok' (2026-03-12) is in the future; a contact that has not happened yet "
            "is a follow-up: nj followup add NAME --on 'besok'",
        ),
        (
            "next friday",
            "past",
            "'next friday' (2026-03-20) is in the future; a contact that has not happened yet "
            "is a follow-up: nj followup add NAME --on 'next friday'",
        ),
        (
            "2030-01-01",
            "past",
            "'2030-01-01' is in the future; a contact that has not happened yet "
            "is a follow-up: nj followup add NAME --on '2030-01-01'",
        ),
        (
            "kmrn",
            "future",
            "'kmrn' (2026-03-10) is in the past; a date to come must be today or later",
        ),
    ],
)
def test_wrong_side_messages(text: str, direction: Direction, message: str) -> None:
    with pytest.raises(DateError) as caught:
        parse_date(text, today=REFS["wed"], direction=direction)
    assert str(caught.value) == message


def test_either_side_skips_the_check() -> None:
    wed = REFS["wed"]
    assert parse_date("besok", today=wed, direction="past", either_side=True) == date(2026, 3, 12)
    assert parse_date("kemarin", today=wed, direction="future", either_side=True) == date(
        2026, 3, 10
    )


@pytest.mark.parametrize("today", [date(2026, 3, 11), date(2027, 1, 1), date(2028, 2, 29)])
def test_error_hint_is_today(today: date) -> None:
    for direction in ("past", "future"):
        with pytest.raises(DateError) as caught:
            parse_date("blorf pagi", today=today, direction=direction)  # type: ignore[arg-type]
        assert f"(try {today.isoformat()}, " in str(caught.value)
        assert "'blorf pagi'" in str(caught.value)


@pytest.mark.parametrize(
    "text", ["tgl 0", "tgl 32", "the 45th", "tgl 31 bulan depan", "akhir", "tadi blorf", "malam"]
)
def test_refused_or_read(text: str) -> None:
    """Odd inputs are a date or a DateError quoting them, never anything else."""
    try:
        parse_date(text, today=REFS["wed"], direction="future")
    except DateError as exc:
        assert repr(text) in str(exc)


# -- format_day --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "lang", "expected"),
    [
        (date(2026, 11, 30), "id", "Senin, 30 November 2026"),
        (date(2026, 11, 30), "en", "Monday, 30 November 2026"),
        (date(2026, 11, 30), "id_ID.UTF-8", "Senin, 30 November 2026"),
        (date(2026, 11, 30), "fr", "Monday, 30 November 2026"),
        (date(2026, 5, 1), "id", "Jumat, 1 Mei 2026"),
        (date(2026, 8, 17), "id", "Senin, 17 Agustus 2026"),
        (date(2026, 3, 15), "id", "Minggu, 15 Maret 2026"),
        (date(2028, 2, 29), "ID", "Selasa, 29 Februari 2028"),
        (date(2026, 12, 31), "en", "Thursday, 31 December 2026"),
    ],
)
def test_format_day(day: date, lang: str, expected: str) -> None:
    assert format_day(day, lang) == expected


@pytest.mark.parametrize("lang", ["en", "id"])
def test_format_day_reads_back(lang: str) -> None:
    """Every day of a year, shown in words, is read back as the same day."""
    day = date(2026, 1, 1)
    while day.year == 2026:
        if day.day in (1, 15, 28) or day.weekday() == 0:
            text = format_day(day, lang)
            assert parse_date(text, today=day, direction="past") == day, text
        day += timedelta(days=1)
