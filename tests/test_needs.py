"""nj need add|list|done|drop, and the ledger's need functions, on real journal files."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest
from tests.conftest import NJ, table_counts

from netjournal.core import ledger
from netjournal.db.journal import open_journal
from netjournal.errors import Conflict, InvalidInput, NotFound


@pytest.fixture
def two(nj: NJ) -> NJ:
    nj("met", "Ann Lee", "--at", "Chamber mixer", "--on", "2026-11-20")
    nj("met", "Bob Tan", "--at", "Chamber mixer", "--on", "2026-11-20")
    return nj


def test_need_add_prints_one_line_with_the_id(two: NJ) -> None:
    result = two("need", "add", "Ann", "a notary in Bali")
    assert result.stdout == "Added need #1 for Ann Lee #1: a notary in Bali\n"
    assert two("need", "add", "Bob", "a web designer", "-q").stdout == "2\n"


def test_need_add_json_is_the_record(two: NJ) -> None:
    record = two.json("need", "add", "bob", "an office in Canggu", "--on", "3 days ago")
    assert record == {
        "id": 1,
        "person": {"id": 2, "name": "Bob Tan"},
        "text": "an office in Canggu",
        "noted_on": "2026-11-25",
        "status": "open",
        "closed_on": None,
        "note": None,
        "introductions": [],
    }


def test_need_on_counts_backwards(two: NJ) -> None:
    # Today (2026-11-28) is a Saturday: "monday" is the Monday before.
    assert two.json("need", "add", "Ann", "x", "--on", "monday")["noted_on"] == "2026-11-23"
    assert two.json("need", "add", "Ann", "y", "--on", "2d")["noted_on"] == "2026-11-26"
    assert two.json("need", "add", "Ann", "z", "--on", "kemarin")["noted_on"] == "2026-11-27"


def test_met_needs_and_need_add_write_the_same_records(two: NJ) -> None:
    two("met", "Cara", "--needs", "a bookkeeper")
    two("need", "add", "Ann", "a notary")
    needs = two.json("need", "list")
    assert [(n["person"]["name"], n["text"]) for n in needs] == [
        ("Cara", "a bookkeeper"),
        ("Ann Lee", "a notary"),
    ]
    assert all(n["status"] == "open" for n in needs)


def test_need_list_open_by_default_all_and_person(two: NJ) -> None:
    two("need", "add", "Ann", "a notary", "--on", "2026-11-21")
    two("need", "add", "Bob", "a designer", "--on", "2026-11-22")
    two("need", "add", "Ann", "a bank contact", "--on", "2026-11-23")
    two("need", "done", "1", "--note", "Bob knew one")
    two("need", "drop", "#2")
    open_needs = two.json("need", "list")
    assert [n["id"] for n in open_needs] == [3]
    everything = two.json("need", "list", "--all")
    assert [n["id"] for n in everything] == [3, 2, 1]
    assert {n["id"]: n["status"] for n in everything} == {1: "met", 2: "dropped", 3: "open"}
    anns = two.json("need", "list", "--all", "--person", "Ann")
    assert [n["id"] for n in anns] == [3, 1]
    assert all(n["person"] == {"id": 1, "name": "Ann Lee"} for n in anns)


def test_need_list_text_shows_age_and_empty_message(two: NJ) -> None:
    assert two("need", "list").stdout == "No open needs.\n"
    two("need", "add", "Ann", "a notary in Bali", "--on", "2026-11-21")
    out = two("need", "list").stdout
    assert "a notary in Bali" in out and "Ann Lee #1" in out and "7d" in out
    assert "1 open" in out


def test_need_done_records_how_and_when(two: NJ) -> None:
    two("need", "add", "Ann", "a notary", "--on", "2026-11-21")
    result = two("need", "done", "1", "--note", "Bob's cousin", "--on", "yesterday")
    assert result.stdout == "Need met: #1 for Ann Lee #1: a notary (Bob's cousin)\n"
    need = two.json("need", "list", "--all")[0]
    assert (need["status"], need["closed_on"], need["note"]) == (
        "met",
        "2026-11-27",
        "Bob's cousin",
    )


def test_need_drop_json_and_quiet(two: NJ) -> None:
    two("need", "add", "Ann", "a notary")
    two("need", "add", "Ann", "a driver")
    assert two("need", "drop", "1", "-q").stdout == "1\n"
    record = two.json("need", "drop", "2", "--note", "found one herself")
    assert record["status"] == "dropped" and record["closed_on"] == "2026-11-28"
    assert record["note"] == "found one herself"


def test_need_markup_is_literal(two: NJ) -> None:
    two("need", "add", "Ann", "[bold]a notary[/] in Bali")
    assert "[bold]a notary[/] in Bali" in two("need", "list").stdout
    assert "[bold]a notary[/] in Bali" in two("person", "show", "Ann").stdout


@pytest.mark.parametrize(
    ("args", "code", "fragment"),
    [
        (["need", "add", "Ann", ""], 1, "cannot be empty"),
        (["need", "add", "Ann", "   "], 1, "cannot be empty"),
        (["need", "add", "Ann", "bell\x07"], 1, "control characters"),
        (["need", "add", "Nobody", "a notary"], 1, "No person named 'Nobody'"),
        (["need", "add", "#99", "a notary"], 1, "#99"),
        (["need", "add", "Ann", "a notary", "--on", "blorf"], 1, "'blorf'"),
        (["need", "done", "99"], 1, "No need with id #99"),
        (["need", "drop", "99"], 1, "No need with id #99"),
        (["need", "done", "abc"], 2, "'abc' is not an id; need ids"),
        (["need", "done", "0"], 2, "not an id"),
        (["need", "done", "1", "--on", "nope"], 1, "'nope'"),
        (["need", "done", "1", "--note", "x\x1b[2J"], 1, "control characters"),
        (["need", "list", "--person", "Nobody"], 1, "No person named"),
    ],
)
def test_need_errors_write_nothing(two: NJ, args: list[str], code: int, fragment: str) -> None:
    before = table_counts(two.db)
    result = two.fails(*args, code=code)
    assert fragment in result.stderr
    assert table_counts(two.db) == before


def test_need_close_twice_or_other_kind_of_id(two: NJ) -> None:
    two("need", "add", "Ann", "a notary")
    two("offer", "add", "Ann", "send a link")
    two("offer", "add", "Ann", "send a book")  # offer #2 exists, need #2 does not
    two("need", "done", "1")
    assert "Need #1 is already met (since 2026-11-28)" in two.fails("need", "done", "1").stderr
    assert "already met" in two.fails("need", "drop", "1").stderr
    assert "No need with id #2" in two.fails("need", "done", "2").stderr
    conn = sqlite3.connect(two.db)
    assert conn.execute("SELECT status FROM offers WHERE id = 2").fetchone()[0] == "promised"


def test_need_cannot_close_before_it_was_noted(two: NJ) -> None:
    two("need", "add", "Ann", "a notary", "--on", "2026-11-25")
    err = two.fails("need", "done", "1", "--on", "2026-11-24").stderr
    assert "noted on 2026-11-25" in err
    assert two.json("need", "list")[0]["status"] == "open"


def test_core_need_functions(tmp_path: Path) -> None:
    journal = open_journal(tmp_path / "j.db")
    with journal.write() as conn:
        conn.execute(
            "INSERT INTO people (name, name_key, created_on) VALUES ('Ann', 'ann', '2026-11-01')"
        )
        nid = ledger.add_need(conn, 1, "  a notary  ", date(2026, 11, 2))
        with pytest.raises(NotFound):
            ledger.add_need(conn, 2, "x", date(2026, 11, 2))
        with pytest.raises(InvalidInput):
            ledger.add_need(conn, 1, " ", date(2026, 11, 2))
        ledger.close_need(conn, nid, status="met", on=date(2026, 11, 3), note="done")
        with pytest.raises(Conflict):
            ledger.close_need(conn, nid, status="dropped", on=date(2026, 11, 4))
        with pytest.raises(InvalidInput):
            ledger.close_need(conn, nid, status="open", on=date(2026, 11, 4))  # type: ignore[arg-type]
    with journal.read() as conn:
        assert ledger.get_need(conn, nid)["text"] == "a notary"
        assert ledger.list_needs(conn) == []
        assert [n["status"] for n in ledger.list_needs(conn, include_closed=True)] == ["met"]
    journal.close()
