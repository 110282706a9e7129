"""nj followup add|list|done, and how logging interacts with follow-ups."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from tests.conftest import NJ, table_counts

from netjournal.core import ledger
from netjournal.db.journal import open_journal
from netjournal.errors import Conflict, NotFound


@pytest.fixture
def two(nj: NJ) -> NJ:
    nj("met", "Ann Lee", "--at", "Chamber mixer", "--on", "2026-11-20")
    nj("met", "Bob Tan", "--at", "Chamber mixer", "--on", "2026-11-20")
    return nj


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("next friday", "2026-12-04"),
        ("friday", "2026-12-04"),
        ("in 2 weeks", "2026-12-12"),
        ("3d", "2026-12-01"),
        ("besok", "2026-11-29"),
        ("minggu depan", "2026-12-05"),
        ("2026-12-15", "2026-12-15"),
        ("15/12/2026", "2026-12-15"),
    ],
)
def test_followup_dates_count_forwards(two: NJ, text: str, due: str) -> None:
    assert two.json("followup", "add", "Ann", "--on", text)["due_on"] == due


def test_followup_add_line_json_quiet(two: NJ) -> None:
    out = two("followup", "add", "Ann", "--on", "2026-12-04", "--note", "ask about the notary")
    assert out.stdout == "Follow-up #1 with Ann Lee #1: ask about the notary on 2026-12-04\n"
    record = two.json("followup", "add", "Bob", "--on", "2026-11-28")
    assert record == {
        "id": 2,
        "person": {"id": 2, "name": "Bob Tan"},
        "due_on": "2026-11-28",
        "note": None,
        "created_on": "2026-11-28",
        "done_on": None,
        "status": "due",
        "days_overdue": 0,
        "due_in_days": None,
    }
    assert two("followup", "add", "Bob", "--on", "2w", "-q").stdout == "3\n"


def test_list_shows_overdue_first_with_days(two: NJ) -> None:
    two("followup", "add", "Ann", "--on", "2026-12-04", "--note", "notary?")
    two("followup", "add", "Bob", "--on", "2026-11-30", "--note", "deck")
    later = {"NETJOURNAL_TODAY": "2026-12-02"}
    result = two("followup", "list", "--json", env=later)
    import json

    rows = json.loads(result.stdout)
    assert [(f["id"], f["status"], f["days_overdue"], f["due_in_days"]) for f in rows] == [
        (2, "overdue", 2, None),
        (1, "upcoming", None, 2),
    ]
    out = two("followup", "list", env=later).stdout
    assert out.index("deck") < out.index("notary?")
    assert "2d overdue" in out and "in 2d" in out
    assert "2 follow-ups, 1 overdue" in out


def test_done_and_all(two: NJ) -> None:
    assert two("followup", "list").stdout == "No follow-ups planned.\n"
    two("followup", "add", "Ann", "--on", "2026-12-04")
    two("followup", "add", "Bob", "--on", "2026-12-01")
    result = two("followup", "done", "2", env={"NETJOURNAL_TODAY": "2026-12-01"})
    assert result.stdout == "Done: follow-up #2 with Bob Tan #2 on 2026-12-01\n"
    assert [f["id"] for f in two.json("followup", "list")] == [1]
    rows = two.json("followup", "list", "--all")
    assert [(f["id"], f["status"], f["done_on"]) for f in rows] == [
        (1, "upcoming", None),
        (2, "done", "2026-12-01"),
    ]
    assert [f["id"] for f in two.json("followup", "list", "--person", "Bob", "--all")] == [2]
    assert (
        "Follow-up #2 is already done (on 2026-12-01)" in two.fails("followup", "done", "2").stderr
    )


def test_logging_does_not_close_follow_ups_unless_asked(two: NJ) -> None:
    two("followup", "add", "Ann", "--on", "2026-12-04")
    two("log", "Ann", "quick call", "--kind", "call")
    assert [f["id"] for f in two.json("followup", "list")] == [1]
    two("log", "Ann", "sent the notary's number", "--kind", "message", "--done-followups", "1")
    assert two.json("followup", "list") == []
    assert two.json("followup", "list", "--all")[0]["done_on"] == "2026-11-28"


def test_person_show_has_upcoming_follow_ups(two: NJ) -> None:
    two("followup", "add", "Ann", "--on", "2026-12-04", "--note", "ask about the notary")
    two("followup", "add", "Ann", "--on", "2026-12-01", "--note", "old one")
    two("followup", "done", "2")
    out = two("person", "show", "Ann").stdout
    section = out[out.index("Follow-ups") : out.index("Timeline")]
    assert "ask about the notary" in section and "old one" not in section
    timeline = out[out.index("Timeline") :]
    assert "followed up" in timeline


@pytest.mark.parametrize(
    ("args", "code", "fragment"),
    [
        (["followup", "add", "Ann"], 2, "--on"),
        (["followup", "add", "Ann", "--on", "someday"], 1, "'someday'"),
        (["followup", "add", "Ann", "--on", ""], 1, "date"),
        (["followup", "add", "Nobody", "--on", "friday"], 1, "No person named 'Nobody'"),
        (["followup", "add", "Ann", "--on", "friday", "--note", "\x1b[2J"], 1, "control"),
        (["followup", "done", "99"], 1, "No follow-up with id #99"),
        (["followup", "done", "1"], 1, "No follow-up with id #1"),
        (["followup", "done", "first"], 2, "not an id"),
        (["followup", "done", "1", "--on", "never"], 1, "'never'"),
        (["followup", "list", "--person", "Nobody"], 1, "No person named"),
    ],
)
def test_followup_errors_write_nothing(two: NJ, args: list[str], code: int, fragment: str) -> None:
    two("need", "add", "Ann", "a notary")  # need #1 exists: an id of another kind
    before = table_counts(two.db)
    result = two.fails(*args, code=code)
    assert fragment in result.stderr
    assert table_counts(two.db) == before


def test_core_followup_functions(tmp_path: Path) -> None:
    journal = open_journal(tmp_path / "j.db")
    with journal.write() as conn:
        conn.execute(
            "INSERT INTO people (name, name_key, created_on) VALUES ('Ann', 'ann', '2026-11-01')"
        )
        fid = ledger.add_followup(
            conn, 1, due_on=date(2026, 11, 10), note=None, created_on=date(2026, 11, 2)
        )
        with pytest.raises(NotFound):
            ledger.add_followup(
                conn, 2, due_on=date(2026, 11, 10), note=None, created_on=date(2026, 11, 2)
            )
        ledger.done_followup(conn, fid, on=date(2026, 11, 9))
        with pytest.raises(Conflict):
            ledger.done_followup(conn, fid, on=date(2026, 11, 9))
    with journal.read() as conn:
        assert ledger.list_followups(conn, today=date(2026, 11, 20)) == []
        done = ledger.list_followups(conn, today=date(2026, 11, 20), include_done=True)
        assert done[0]["status"] == "done" and done[0]["days_overdue"] is None
    journal.close()
