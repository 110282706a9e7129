"""nj intro add|list|outcome: introductions, their message and their outcome."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from tests.conftest import NJ, table_counts

from netjournal.core import ledger
from netjournal.db.journal import open_journal
from netjournal.errors import Conflict, InvalidInput, NotFound


@pytest.fixture
def three(nj: NJ) -> NJ:
    nj(
        "met",
        "Ann Lee",
        "--at",
        "Chamber mixer",
        "--on",
        "2026-11-20",
        "--org",
        "Acme",
        "--role",
        "CFO",
        "--needs",
        "a notary in Bali",
    )
    nj(
        "met",
        "Bob Tan",
        "--at",
        "Chamber mixer",
        "--on",
        "2026-11-20",
        "--org",
        "Bali Legal",
        "--can",
        "notary work in Bali",
    )
    nj(
        "met",
        "Cara Wijaya",
        "--at",
        "Ubud meetup",
        "--on",
        "2026-11-22",
        "--needs",
        "a logo designer",
    )
    return nj


def test_intro_add_prints_the_line_then_the_message(three: NJ) -> None:
    out = three("intro", "add", "Ann", "Bob", "--need", "1", "--on", "yesterday").stdout
    first, rest = out.split("\n", 1)
    assert first == (
        "Introduced #1: Ann Lee #1 and Bob Tan #2 for need #1 (a notary in Bali) on 2026-11-27"
    )
    assert rest.startswith("\nHi Ann and Bob,\n")
    assert "Ann, meet Bob Tan (Bali Legal), who can help with notary work in Bali." in rest
    assert "Bob, meet Ann Lee (CFO, Acme)." in rest
    assert "Ann, you mentioned that you need: a notary in Bali. I think Bob could help" in rest
    assert "If you'd both like to connect" in rest


def test_message_only_is_plain_text_and_still_records(three: NJ) -> None:
    out = three("intro", "add", "Bob", "Cara", "--message-only").stdout
    assert out.startswith("Hi Bob and Cara,\n")
    assert "Introduced" not in out and "\x1b" not in out
    assert "you need" not in out  # no need given
    assert out.endswith("Best,\n")
    assert len(three.json("intro", "list")) == 1


def test_message_mentions_the_need_of_b_too(three: NJ) -> None:
    out = three("intro", "add", "Bob", "Cara", "--need", "2", "--message-only").stdout
    assert "Cara, you mentioned that you need: a logo designer. I think Bob could help" in out


def test_message_shows_user_text_literally_without_escapes(three: NJ) -> None:
    three("person", "add", "[bold]Dee[/]")
    import sqlite3

    conn = sqlite3.connect(three.db)
    conn.execute("UPDATE people SET org = 'Evil\x1b[2J Corp' WHERE id = 4")
    conn.commit()
    conn.close()
    out = three("intro", "add", "Ann", "#4", "--message-only").stdout
    assert "[bold]Dee[/]" in out
    assert "\x1b" not in out and "Evil[2J Corp" in out


def test_intro_json_and_quiet(three: NJ) -> None:
    record = three.json("intro", "add", "Ann", "Bob", "--need", "#1", "--note", "Bob did Cara's")
    assert record["id"] == 1
    assert record["a"] == {"id": 1, "name": "Ann Lee"}
    assert record["b"] == {"id": 2, "name": "Bob Tan"}
    assert record["need"] == {
        "id": 1,
        "text": "a notary in Bali",
        "person": {"id": 1, "name": "Ann Lee"},
        "status": "open",
    }
    assert record["on"] == "2026-11-28" and record["note"] == "Bob did Cara's"
    assert record["outcome"] is None and record["outcome_on"] is None
    assert record["message"].startswith("Hi Ann and Bob,")
    assert three("intro", "add", "Ann", "Cara", "-q").stdout == "2\n"


def test_intro_counts_as_contact_with_both(three: NJ) -> None:
    three("intro", "add", "Ann", "Cara", "--on", "2026-11-26")
    assert three.json("person", "show", "Ann")["last_contact"] == "2026-11-26"
    assert three.json("person", "show", "Cara")["last_contact"] == "2026-11-26"
    assert three.json("need", "list", "--person", "Ann")[0]["introductions"] == []
    three("intro", "add", "Ann", "Bob", "--need", "1")
    assert three.json("need", "list", "--person", "Ann")[0]["introductions"] == [2]


def test_outcome(three: NJ) -> None:
    three("intro", "add", "Ann", "Bob", "--need", "1", "--on", "2026-11-21")
    result = three("intro", "outcome", "1", "Ann hired Bob for the villa deed", "--on", "2d")
    assert result.stdout == (
        "Outcome of introduction #1: Ann Lee #1 and Bob Tan #2 for need #1 "
        "(a notary in Bali): Ann hired Bob for the villa deed\n"
    )
    intro = three.json("intro", "list")[0]
    assert intro["outcome"] == "Ann hired Bob for the villa deed"
    assert intro["outcome_on"] == "2026-11-26"
    err = three.fails("intro", "outcome", "1", "again").stderr
    assert "already has an outcome" in err and "--replace" in err
    record = three.json("intro", "outcome", "1", "signed", "--replace")
    assert record["outcome"] == "signed" and record["outcome_on"] == "2026-11-28"


def test_list_latest_first_and_by_person(three: NJ) -> None:
    assert three("intro", "list").stdout == "No introductions recorded.\n"
    three("intro", "add", "Ann", "Bob", "--need", "1", "--on", "2026-11-21")
    three("intro", "add", "Bob", "Cara", "--on", "2026-11-25")
    rows = three.json("intro", "list")
    assert [i["id"] for i in rows] == [2, 1]
    assert [i["id"] for i in three.json("intro", "list", "--person", "Ann")] == [1]
    assert [i["id"] for i in three.json("intro", "list", "--person", "Bob")] == [2, 1]
    out = three("intro", "list").stdout
    assert "Ann Lee #1 + Bob Tan #2" in out and "(none yet)" in out
    assert "#1 a notary in Bali" in out


def test_self_and_duplicate_introductions_are_errors(three: NJ) -> None:
    err = three.fails("intro", "add", "Ann", "ann lee").stderr
    assert "Cannot introduce Ann Lee #1 to themself" in err
    three("intro", "add", "Ann", "Bob", "--need", "1", "--on", "2026-11-21")
    err = three.fails("intro", "add", "Bob", "Ann", "--need", "1").stderr
    assert "already introduced for need #1 on 2026-11-21 (introduction #1)" in err
    three("intro", "add", "Ann", "Bob")  # without a need: another reason
    assert "without a need" in three.fails("intro", "add", "Ann", "Bob").stderr
    assert len(three.json("intro", "list")) == 2


def test_need_of_neither_person_or_closed_need(three: NJ) -> None:
    err = three.fails("intro", "add", "Ann", "Bob", "--need", "2").stderr
    assert "Need #2 belongs to Cara Wijaya #3, not to Ann Lee #1 or Bob Tan #2" in err
    three("need", "drop", "2")
    err = three.fails("intro", "add", "Bob", "Cara", "--need", "2").stderr
    assert "Need #2 is already dropped" in err


@pytest.mark.parametrize(
    ("args", "code", "fragment"),
    [
        (["intro", "add", "Ann", "Nobody"], 1, "No person named 'Nobody'"),
        (["intro", "add", "Ann", "Bob", "--need", "99"], 1, "No need with id #99"),
        (["intro", "add", "Ann", "Bob", "--need", "one"], 2, "'one' is not an id"),
        (["intro", "add", "Ann", "Bob", "--on", "blah"], 1, "'blah'"),
        (["intro", "add", "Ann", "Bob", "--note", "\x1b[31m"], 1, "control characters"),
        (["intro", "add", "Ann", "Bob", "--message-only", "--json"], 2, "--message-only"),
        (["intro", "add", "Ann", "Bob", "--message-only", "-q"], 2, "--message-only"),
        (["intro", "outcome", "99", "x"], 1, "No introduction with id #99"),
        (["intro", "outcome", "#1", "x"], 1, "No introduction with id #1"),
        (["intro", "outcome", "1.5", "x"], 2, "not an id"),
        (["intro", "list", "--person", "Nobody"], 1, "No person named"),
    ],
)
def test_intro_errors_write_nothing(three: NJ, args: list[str], code: int, fragment: str) -> None:
    three("offer", "add", "Ann", "x")  # offer #1 exists: an id of another kind
    before = table_counts(three.db)
    result = three.fails(*args, code=code)
    assert fragment in result.stderr
    assert table_counts(three.db) == before


def test_outcome_errors(three: NJ) -> None:
    three("intro", "add", "Ann", "Bob", "--on", "2026-11-25")
    assert "cannot be empty" in three.fails("intro", "outcome", "1", " ").stderr
    assert "'soon'" in three.fails("intro", "outcome", "1", "x", "--on", "soon").stderr
    err = three.fails("intro", "outcome", "1", "x", "--on", "2026-11-24").stderr
    assert "made on 2026-11-25" in err
    assert three.json("intro", "list")[0]["outcome"] is None


def test_core_intro_functions(tmp_path: Path) -> None:
    journal = open_journal(tmp_path / "j.db")
    d = date(2026, 11, 2)
    with journal.write() as conn:
        for name in ("Ann", "Bob", "Cy"):
            conn.execute(
                "INSERT INTO people (name, name_key, created_on) VALUES (?, ?, ?)",
                (name, name.lower(), "2026-11-01"),
            )
        need = ledger.add_need(conn, 3, "a lawyer", d)
        with pytest.raises(Conflict):
            ledger.add_intro(conn, 1, 1, on=d)
        with pytest.raises(Conflict):
            ledger.add_intro(conn, 1, 2, on=d, need_id=need)
        with pytest.raises(NotFound):
            ledger.add_intro(conn, 1, 9, on=d)
        intro = ledger.add_intro(conn, 3, 1, on=d, need_id=need)
        with pytest.raises(Conflict):
            ledger.add_intro(conn, 1, 3, on=d, need_id=need)
        with pytest.raises(InvalidInput):
            ledger.set_outcome(conn, intro, "", on=d)
        ledger.set_outcome(conn, intro, "hired", on=d)
    with journal.read() as conn:
        rows = ledger.list_intros(conn, need_id=need)
        assert [(r["a"]["name"], r["b"]["name"], r["outcome"]) for r in rows] == [
            ("Cy", "Ann", "hired")
        ]
        assert "Hi Cy and Ann," in ledger.intro_message(conn, intro)
    journal.close()


def test_every_ledger_list_shows_markup_literally(three: NJ) -> None:
    three("person", "add", "[red]Zed[/]")
    three("need", "add", "#4", "[bold]a notary[/bold]")
    three("offer", "add", "#4", "[link=http://x]send it[/link]")
    three("followup", "add", "#4", "--on", "friday", "--note", "[/] ask again")
    three("intro", "add", "#4", "Ann", "--need", "3")
    three("intro", "outcome", "1", "[blink]hired[/blink]")
    assert "[bold]a notary[/bold]" in three("need", "list").stdout
    assert "[link=http://x]send it[/link]" in three("offer", "list").stdout
    assert "[/] ask again" in three("followup", "list").stdout
    listed = three("intro", "list").stdout
    assert "[red]Zed[/]" in listed and "[blink]hired[/blink]" in listed
    card = three("person", "show", "#4").stdout
    for text in (
        "[red]Zed[/]",
        "[bold]a notary[/bold]",
        "[link=http://x]send it[/link]",
        "[/] ask again",
        "[blink]hired[/blink]",
    ):
        assert text in card
