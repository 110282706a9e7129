"""``nj due``: overdue items one line each, ``--count`` and ``--json``, for prompts and cron."""

from __future__ import annotations

import pytest
from tests.conftest import NJ


@pytest.fixture
def busy(nj: NJ) -> NJ:
    nj("met", "Ann Lee", "--at", "Bali mixer", "--on", "2026-11-10")
    nj("met", "Bob", "--on", "2026-11-20", "--needs", "a notary")
    nj("offer", "add", "Ann", "send the list", "--on", "2026-11-01")
    return nj


def test_one_line_per_item_most_overdue_first(busy: NJ) -> None:
    lines = busy("due").stdout.splitlines()
    assert lines == [
        "  20d  promise         offer:1   Ann Lee #1  You promised: send the list",
        "  11d  fresh_contact   person:1  Ann Lee #1  Met at Bali mixer; no contact since",
        "   1d  fresh_contact   person:2  Bob #2      Met; no contact since",
        "   1d  open_need       need:1    Bob #2      Needs: a notary",
    ]


def test_count_and_exit_zero(busy: NJ) -> None:
    result = busy("due", "--count")
    assert result.exit_code == 0
    assert result.stdout == "4\n"


def test_nothing_due(nj: NJ) -> None:
    nj("met", "Ann")
    assert nj("due").stdout == ""
    assert nj("due", "--count").stdout == "0\n"


def test_json(busy: NJ) -> None:
    data = busy.json("due")
    assert data["as_of"] == "2026-11-28" and data["count"] == 4
    first = data["items"][0]
    assert first["reason"] == "promise" and first["section"] == "promises"
    assert first["person"] == {"id": 1, "name": "Ann Lee"}
    assert first["days_overdue"] == 20 and first["due"] == "2026-11-08"


def test_as_of(busy: NJ) -> None:
    assert busy("due", "--count", "--as-of", "2026-11-17").stdout == "2\n"


def test_detail_on_one_line(nj: NJ) -> None:
    nj("met", "Ann", "--on", "2026-11-01", "--needs", "a notary\nin Bali")
    lines = nj("due").stdout.splitlines()
    assert "  20d  open_need       need:1    Ann #1  Needs: a notary in Bali" in lines


def test_bad_date(nj: NJ) -> None:
    nj.fails("due", "--as-of", "blorp")
