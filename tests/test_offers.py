"""nj offer add|list|done|drop: promises, help given and help received."""

from __future__ import annotations

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


def test_promise_without_due_is_due_seven_days_later(two: NJ) -> None:
    result = two("offer", "add", "Ann", "send the tax checklist", "--on", "2026-11-25")
    assert result.stdout == ("Promised #1 to Ann Lee #1: send the tax checklist, due 2026-12-02\n")
    record = two.json("offer", "list")[0]
    assert record == {
        "id": 1,
        "person": {"id": 1, "name": "Ann Lee"},
        "text": "send the tax checklist",
        "direction": "given",
        "offered_on": "2026-11-25",
        "due_on": "2026-12-02",
        "status": "promised",
        "done_on": None,
        "dropped_on": None,
        "note": None,
        "days_overdue": None,
    }


def test_promise_days_come_from_the_config(two: NJ, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("promise_days = 3\n")
    result = two(
        "offer", "add", "Ann", "intro to a notary", "--json", env={"NETJOURNAL_CONFIG": str(config)}
    )
    assert '"due_on": "2026-12-01"' in result.stdout


def test_due_counts_forwards_and_on_backwards(two: NJ) -> None:
    # 2026-11-28 is a Saturday.
    record = two.json("offer", "add", "Ann", "x", "--due", "friday", "--on", "friday")
    assert record["offered_on"] == "2026-11-27"
    assert record["due_on"] == "2026-12-04"
    assert two.json("offer", "add", "Ann", "y", "--due", "2w")["due_on"] == "2026-12-12"
    assert two.json("offer", "add", "Ann", "z", "--due", "besok")["due_on"] == "2026-11-29"


def test_done_records_help_already_given(two: NJ) -> None:
    result = two("offer", "add", "Bob", "reviewed his pitch deck", "--done", "--on", "2d")
    assert result.stdout == (
        "Recorded help given #1 to Bob Tan #2: reviewed his pitch deck on 2026-11-26\n"
    )
    record = two.json("offer", "list")[0]
    assert (record["status"], record["done_on"], record["due_on"]) == ("done", "2026-11-26", None)
    assert two.json("person", "show", "Bob")["last_contact"] == "2026-11-26"


def test_received_is_help_done_by_them(two: NJ) -> None:
    result = two("offer", "add", "Bob", "lent me his projector", "--received", "--on", "yesterday")
    assert result.stdout == (
        "Recorded help received #1 from Bob Tan #2: lent me his projector on 2026-11-27\n"
    )
    record = two.json("offer", "list", "--received")[0]
    assert record["direction"] == "received"
    assert (record["status"], record["done_on"], record["due_on"]) == ("done", "2026-11-27", None)


def test_list_puts_open_promises_first_and_filters(two: NJ) -> None:
    two("offer", "add", "Ann", "a", "--on", "2026-11-20", "--due", "2026-12-10")  # 1
    two("offer", "add", "Bob", "b", "--on", "2026-11-21")  # 2 due 11-28
    two("offer", "add", "Ann", "c", "--on", "2026-11-22", "--done")  # 3
    two("offer", "add", "Bob", "d", "--on", "2026-11-23", "--received")  # 4
    two("offer", "add", "Ann", "e", "--on", "2026-11-18")  # 5 due 11-25
    two("offer", "drop", "5", "--on", "2026-11-27")
    rows = two.json("offer", "list")
    assert [o["id"] for o in rows] == [2, 1, 5, 4, 3]
    assert rows[0]["days_overdue"] == 0 and rows[1]["days_overdue"] is None
    assert rows[2]["dropped_on"] == "2026-11-27" and rows[2]["done_on"] is None
    assert [o["id"] for o in two.json("offer", "list", "--person", "Ann")] == [1, 5, 3]
    assert [o["id"] for o in two.json("offer", "list", "--status", "promised")] == [2, 1]
    assert [o["id"] for o in two.json("offer", "list", "--status", "done")] == [4, 3]
    assert [o["id"] for o in two.json("offer", "list", "--given", "--status", "done")] == [3]
    assert [o["id"] for o in two.json("offer", "list", "--received")] == [4]
    late = two.json("offer", "list", "--status", "promised")
    later = two(
        "offer", "list", "--status", "promised", "--json", env={"NETJOURNAL_TODAY": "2026-12-01"}
    )
    assert late[0]["days_overdue"] == 0
    assert '"days_overdue": 3' in later.stdout


def test_list_text_marks_late_promises(two: NJ) -> None:
    assert two("offer", "list").stdout == "No offers recorded.\n"
    two("offer", "add", "Ann", "send the checklist", "--on", "2026-11-20")
    two("offer", "add", "Bob", "lent me a book", "--received")
    out = two("offer", "list").stdout
    assert "due 2026-11-27, 1d late" in out
    assert "received" in out
    assert "Offers: 2; open promises: 1; late: 1" in out


def test_done_and_drop(two: NJ) -> None:
    two("offer", "add", "Ann", "send the checklist", "--on", "2026-11-20")
    two("offer", "add", "Ann", "call her bank", "--on", "2026-11-20")
    result = two("offer", "done", "1", "--on", "yesterday")
    assert result.stdout == "Done: offer #1 to Ann Lee #1: send the checklist on 2026-11-27\n"
    assert two("offer", "drop", "#2", "-q").stdout == "2\n"
    rows = {o["id"]: o for o in two.json("offer", "list")}
    assert rows[1]["status"] == "done" and rows[1]["done_on"] == "2026-11-27"
    assert rows[2]["status"] == "dropped" and rows[2]["dropped_on"] == "2026-11-28"
    # A dropped promise is no contact; a kept one is.
    assert two.json("person", "show", "Ann")["last_contact"] == "2026-11-27"


def test_closing_a_closed_offer_or_received_help_is_a_conflict(two: NJ) -> None:
    two("offer", "add", "Ann", "send the checklist")
    two("offer", "add", "Bob", "lent me a book", "--received")
    two("offer", "done", "1")
    assert "Offer #1 is already done (on 2026-11-28)" in two.fails("offer", "done", "1").stderr
    assert "already done" in two.fails("offer", "drop", "1").stderr
    err = two.fails("offer", "done", "2").stderr
    assert "help you received from Bob Tan #2" in err
    two("offer", "add", "Ann", "x")
    two("offer", "drop", "3")
    assert "already dropped" in two.fails("offer", "done", "3").stderr


@pytest.mark.parametrize(
    ("args", "code", "fragment"),
    [
        (["offer", "add", "Ann", ""], 1, "cannot be empty"),
        (["offer", "add", "Ann", "x\x1b]52;c;aGk=\x07"], 1, "control characters"),
        (["offer", "add", "Nobody", "x"], 1, "No person named 'Nobody'"),
        (["offer", "add", "Ann", "x", "--on", "someday"], 1, "'someday'"),
        (["offer", "add", "Ann", "x", "--due", "whenever"], 1, "'whenever'"),
        (
            ["offer", "add", "Ann", "x", "--on", "2026-11-20", "--due", "2026-11-19"],
            1,
            "before it was made",
        ),
        (["offer", "add", "Ann", "x", "--done", "--due", "friday"], 2, "--due is for promises"),
        (["offer", "done", "99"], 1, "No offer with id #99"),
        (["offer", "drop", "99"], 1, "No offer with id #99"),
        (["offer", "done", "x1"], 2, "'x1' is not an id; offer ids"),
        (["offer", "done", "1", "--on", "later"], 1, "'later'"),
        (["offer", "list", "--status", "open"], 2, "--status must be"),
        (["offer", "list", "--received", "--given"], 2, "exclude each other"),
        (["offer", "list", "--person", "Zed"], 1, "No person named"),
    ],
)
def test_offer_errors_write_nothing(two: NJ, args: list[str], code: int, fragment: str) -> None:
    two("need", "add", "Ann", "a notary")  # need #1 exists; offer #1 does not
    before = table_counts(two.db)
    result = two.fails(*args, code=code)
    assert fragment in result.stderr
    assert table_counts(two.db) == before


def test_an_offer_cannot_be_closed_before_it_was_made(two: NJ) -> None:
    two("offer", "add", "Ann", "x", "--on", "2026-11-25")
    assert "made on 2026-11-25" in two.fails("offer", "done", "1", "--on", "2026-11-24").stderr


def test_core_offer_functions(tmp_path: Path) -> None:
    journal = open_journal(tmp_path / "j.db")
    with journal.write() as conn:
        conn.execute(
            "INSERT INTO people (name, name_key, created_on) VALUES ('Ann', 'ann', '2026-11-01')"
        )
        d = date(2026, 11, 2)
        promise = ledger.add_offer(conn, 1, "x", offered_on=d, default_due_days=10)
        gift = ledger.add_offer(conn, 1, "y", offered_on=d, received=True)
        with pytest.raises(NotFound):
            ledger.add_offer(conn, 5, "x", offered_on=d)
        with pytest.raises(InvalidInput):
            ledger.add_offer(conn, 1, "x", offered_on=d, due_on=d, done=True)
        with pytest.raises(Conflict):
            ledger.complete_offer(conn, gift, on=d)
        ledger.drop_offer(conn, promise, on=date(2026, 11, 3))
        with pytest.raises(Conflict):
            ledger.complete_offer(conn, promise, on=date(2026, 11, 3))
    with journal.read() as conn:
        rows = ledger.list_offers(conn, today=date(2026, 11, 30))
        assert {r["id"]: r["due_on"] for r in rows} == {promise: "2026-11-12", gift: None}
        assert ledger.get_offer(conn, gift)["done_on"] == "2026-11-02"
    journal.close()
